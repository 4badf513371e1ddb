//! Behaviour of the crate generated from the seed pages (generated/), on the seed data itself:
//! the PATCH body, the response with seven fractional digits, evolvable enums and polymorphism.

use graph_models::graph::{
    AllowedAudiences, AnyItemFacet, ItemFacetProperties, LanguageProficiency,
    LanguageProficiencyLevel,
};
use graph_models::runtime::{testing::assert_round_trip, Nullable};

#[test]
fn seed_patch_body_serializes_back_exactly_and_null_can_be_sent() {
    let body: LanguageProficiency = assert_round_trip(r#"{"allowedAudiences": "organization"}"#);
    assert_eq!(
        body.allowed_audiences,
        Nullable::Value(AllowedAudiences::Organization)
    );
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"allowedAudiences":"organization"}"#
    );
    let clear = LanguageProficiency {
        allowed_audiences: Nullable::Null,
        ..LanguageProficiency::default()
    };
    assert_eq!(
        serde_json::to_string(&clear).unwrap(),
        r#"{"allowedAudiences":null}"#
    );
}

#[test]
fn seed_response_keeps_seven_fractional_digits_and_explicit_nulls() {
    let response = r#"{
      "id": "0fb4c1e3-c1e3-0fb4-e3c1-b40fe3c1b40f",
      "allowedAudiences": "organization",
      "inference": null,
      "createdDateTime": "2020-07-06T06:34:12.2294868Z",
      "createdBy": {"application": null, "device": null, "user": {"displayName": "Innocenty Popov", "id": "db789417-4ccb-41d1-a0a9-47b01a09ea49"}},
      "source": null,
      "spoken": "nativeOrBilingual"
    }"#;
    let lp: LanguageProficiency = assert_round_trip(response);
    let Nullable::Value(created) = &lp.created_date_time else {
        panic!()
    };
    assert_eq!(created.as_str(), "2020-07-06T06:34:12.2294868Z");
    assert!(lp.inference.is_null());
    assert!(lp.source.is_null());
    assert!(lp.display_name.is_absent());
    assert_eq!(
        lp.spoken,
        Nullable::Value(LanguageProficiencyLevel::NativeOrBilingual)
    );
}

#[test]
fn seed_enum_value_added_by_the_service_round_trips() {
    let lp: LanguageProficiency =
        assert_round_trip(r#"{"allowedAudiences": "friendsOfFriends", "reading": "expert"}"#);
    assert_eq!(
        lp.allowed_audiences,
        Nullable::Value(AllowedAudiences::Unrecognized("friendsOfFriends".into()))
    );
    assert_eq!(
        lp.reading,
        Nullable::Value(LanguageProficiencyLevel::Unrecognized("expert".into()))
    );
}

#[test]
fn seed_item_facet_dispatches_on_odata_type_and_keeps_unknown_derived_types() {
    let known: AnyItemFacet = serde_json::from_str(
        r##"{"@odata.type": "#microsoft.graph.languageProficiency", "tag": "nb-NO"}"##,
    )
    .unwrap();
    let AnyItemFacet::LanguageProficiency(lp) = &known else {
        panic!("{known:?}")
    };
    assert_eq!(lp.tag, Nullable::Value("nb-NO".to_owned()));
    let unknown = r##"{"@odata.type": "#microsoft.graph.skillProficiency", "allowedAudiences": "me", "categories": ["x"]}"##;
    let facet: AnyItemFacet = assert_round_trip(unknown);
    let AnyItemFacet::ItemFacet(base) = &facet else {
        panic!("{facet:?}")
    };
    assert_eq!(
        base.allowed_audiences(),
        &Nullable::Value(AllowedAudiences::Me)
    );
    assert!(base.additional.contains_key("categories"));
}

mod operations {
    use graph_models::graph::LanguageProficiency;
    use graph_models::runtime::{Method, Operation};
    use graph_models_operations::{
        InvitationUpdateLanguageproficiency, LanguageproficiencyUpdate, ProfilePostLanguages,
    };

    const HOSTILE: &str = "a/b c?";

    /// Compiles only when `O` names these request and response types.
    fn types<O: Operation<Request = Req, Response = Resp>, Req, Resp>(_: &O) {}

    /// What a client does with any descriptor.
    fn request_line<O: Operation>(op: &O) -> String {
        format!(
            "{} https://graph.microsoft.com/beta{}",
            O::METHOD,
            op.path()
        )
    }

    #[test]
    fn post_languages_builds_both_templates_with_the_id_encoded() {
        let me = ProfilePostLanguages::Me;
        assert_eq!(me.path(), "/me/profile/languages");
        assert_eq!(me.template(), "/me/profile/languages");
        let user = ProfilePostLanguages::Users {
            id: HOSTILE.to_owned(),
        };
        assert_eq!(user.path(), "/users/a%2Fb%20c%3F/profile/languages");
        assert_eq!(
            user.template(),
            "/users/{id | userPrincipalName}/profile/languages"
        );
        assert_eq!(ProfilePostLanguages::METHOD, Method::Post);
        assert_eq!(
            request_line(&user),
            "POST https://graph.microsoft.com/beta/users/a%2Fb%20c%3F/profile/languages"
        );
        types::<_, LanguageProficiency, LanguageProficiency>(&user);
    }

    #[test]
    fn update_language_encodes_every_parameter_and_keeps_them_apart() {
        let me = LanguageproficiencyUpdate::Me {
            id: HOSTILE.to_owned(),
        };
        assert_eq!(me.path(), "/me/profile/languages/a%2Fb%20c%3F");
        // The template names `{id}` twice: two fields, each in its place.
        let user = LanguageproficiencyUpdate::Users {
            id: "adele@contoso.com".to_owned(),
            id_2: HOSTILE.to_owned(),
        };
        assert_eq!(
            user.path(),
            "/users/adele%40contoso.com/profile/languages/a%2Fb%20c%3F"
        );
        assert_eq!(LanguageproficiencyUpdate::METHOD.as_str(), "PATCH");
        types::<_, LanguageProficiency, LanguageProficiency>(&me);
    }

    #[test]
    fn invitation_update_is_a_struct_with_a_constructor() {
        let op = InvitationUpdateLanguageproficiency::new(HOSTILE, "ü");
        assert_eq!(op.invitations_id, HOSTILE);
        assert_eq!(
            op.path(),
            "/invitations/a%2Fb%20c%3F/invitedUser/profile/languages/%C3%BC"
        );
        assert_eq!(
            op.template(),
            "/invitations/{invitationsId}/invitedUser/profile/languages/{languageProficiencyId}"
        );
        assert_eq!(InvitationUpdateLanguageproficiency::METHOD, Method::Patch);
        types::<_, LanguageProficiency, LanguageProficiency>(&op);
    }
}
