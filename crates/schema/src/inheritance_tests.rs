//! Issue 8: types and inheritance as the pages state them. One test per quirk, on real lines
//! copied into `src/fixtures` (see its README for where each comes from).

use super::*;
use crate::test_pages::{fixture, page};
use graphgen_parse::Page;

fn base_of<'a>(schema: &'a Schema, name: &str) -> Option<&'a BaseType> {
    schema.types[name].base.as_ref()
}

#[test]
fn list_resource_title_without_type_word_declares_the_type() {
    // "# List resource" (no "type"): its table and `"baseType": "microsoft.graph.baseItem"` count.
    let built = build(&[fixture("list-resource-title.md", "v1.0/resources/list.md")]);
    let list = &built.schema.types["microsoft.graph.list"];
    assert_eq!(list.shape, Shape::Declared);
    assert_eq!(list.key.as_deref(), Some("id"));
    let names: Vec<&str> = list.properties.iter().map(|p| p.name.as_str()).collect();
    // `id` from the annotation's keyProperty (GD0062), then the rows.
    assert_eq!(names, ["id", "displayName", "list", "system"]);
    let base = base_of(&built.schema, "microsoft.graph.list").expect("a base");
    assert_eq!(base.name, "microsoft.graph.baseItem");
    assert_eq!(base.evidence, BaseEvidence::Annotation);
    assert_eq!(base.sources[0].to_string(), "v1.0/resources/list.md:7");
}

#[test]
fn deprecated_title_declares_the_type_and_marks_it_deprecated() {
    // "# outlookTask resource type (deprecated)" dropped the whole page.
    let built = build(&[fixture(
        "outlooktask-deprecated-title.md",
        "beta/resources/outlooktask.md",
    )]);
    let t = &built.schema.types["microsoft.graph.outlookTask"];
    assert_eq!(t.shape, Shape::Declared);
    assert!(t.property("assignedTo").is_some());
    assert_eq!(
        t.deprecated.as_ref().map(|s| s.to_string()).as_deref(),
        Some("beta/resources/outlooktask.md:1")
    );
}

#[test]
fn at_type_key_of_a_resource_annotation_names_the_type() {
    // "# System facet" with `"@type": "microsoft.graph.systemFacet"`: the annotation names the
    // type, not the title word `System`.
    let built = build(&[fixture(
        "systemfacet-at-type.md",
        "v1.0/resources/systemFacet.md",
    )]);
    let names: Vec<&str> = built.schema.types.keys().map(|k| k.as_str()).collect();
    assert_eq!(names, ["microsoft.graph.systemFacet"]);
}

#[test]
fn properties_table_before_the_first_section_heading_is_read() {
    let built = build(&[fixture(
        "securescorecontrolstateupdate-table-under-title.md",
        "beta/resources/securescorecontrolstateupdate.md",
    )]);
    let t = &built.schema.types["microsoft.graph.secureScoreControlStateUpdate"];
    let names: Vec<&str> = t.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["assignedTo", "comment"]);
}

#[test]
fn api_page_titled_get_resource_declares_no_type() {
    // "# Get resource" is an API page: `Get` is not a type.
    let built = build(&[fixture("resource-get-title.md", "v1.0/api/resource-get.md")]);
    assert!(
        !built.schema.types.contains_key("microsoft.graph.Get"),
        "{:?}",
        built.schema.types.keys().collect::<Vec<_>>()
    );
}

/// A page that only declares `name` (its title line), so that links to it name a known type.
fn declaring(name: &str) -> Page {
    let text = format!("# {name} resource type\n\nNamespace: microsoft.graph\n");
    page(&format!("v1.0/resources/{name}.md"), &text)
}

fn prose_base(fixture_name: &str, path: &str, subject: &str, also: &[&str]) -> (String, String) {
    let mut pages = vec![fixture(fixture_name, path)];
    pages.extend(also.iter().map(|n| declaring(n)));
    let built = build(&pages);
    let base = base_of(&built.schema, subject).expect("a base");
    assert_eq!(base.evidence, BaseEvidence::Prose);
    (base.name.clone(), base.sources[0].to_string())
}

#[test]
fn a_subclass_of_link_states_the_base() {
    let got = prose_base(
        "educationexcelresource-subclass-of.md",
        "v1.0/resources/educationexcelresource.md",
        "microsoft.graph.educationExcelResource",
        &[],
    );
    assert_eq!(got.0, "microsoft.graph.educationResource");
    assert_eq!(got.1, "v1.0/resources/educationexcelresource.md:5");
}

#[test]
fn derived_from_link_in_a_sentence_states_the_base() {
    let got = prose_base(
        "mailassessmentrequest-derived-from.md",
        "v1.0/resources/mailassessmentrequest.md",
        "microsoft.graph.mailAssessmentRequest",
        &[],
    );
    assert_eq!(got.0, "microsoft.graph.threatAssessmentRequest");
}

#[test]
fn capitalised_derived_from_after_a_sentence_states_the_base() {
    let got = prose_base(
        "room-derived-from-capital.md",
        "v1.0/resources/room.md",
        "microsoft.graph.room",
        &[],
    );
    assert_eq!(got.0, "microsoft.graph.place");
}

#[test]
fn inherits_from_base_class_link_states_the_base() {
    let got = prose_base(
        "b2xidentityuserflow-base-class.md",
        "v1.0/resources/b2xidentityuserflow.md",
        "microsoft.graph.b2xIdentityUserFlow",
        &[],
    );
    assert_eq!(got.0, "microsoft.graph.identityUserFlow");
}

#[test]
fn x_derives_from_link_states_the_base() {
    let got = prose_base(
        "chatmessagehostedcontent-derives-from.md",
        "beta/resources/chatmessagehostedcontent.md",
        "microsoft.graph.chatMessageHostedContent",
        &[],
    );
    assert_eq!(got.0, "microsoft.graph.teamworkHostedContent");
}

#[test]
fn derived_from_a_bare_qualified_name_of_a_declared_type_states_the_base() {
    // "It is derived from microsoft.graph.policyBase." and a page declares policyBase.
    let got = prose_base(
        "unifiedrolemanagementpolicy-derived-from-bare-name.md",
        "beta/resources/unifiedrolemanagementpolicy.md",
        "microsoft.graph.unifiedRoleManagementPolicy",
        &["policyBase"],
    );
    assert_eq!(got.0, "microsoft.graph.policyBase");
    assert_eq!(got.1, "beta/resources/unifiedrolemanagementpolicy.md:5");
}

#[test]
fn inherits_from_base_policy_type_without_a_link_is_reported_not_guessed() {
    let built = build(&[fixture(
        "authorizationpolicy-base-without-link.md",
        "v1.0/resources/authorizationpolicy.md",
    )]);
    assert!(base_of(&built.schema, "microsoft.graph.authorizationPolicy").is_none());
    let reported: Vec<String> = built
        .diagnostics
        .iter()
        .filter(|d| d.code == graphgen_diag::Code::UnnamedBase)
        .map(|d| format!("{}:{} {}", d.span.file, d.span.line, d.message))
        .collect();
    assert_eq!(
        reported,
        ["v1.0/resources/authorizationpolicy.md:5 \"inherits from\" sentence names no type; the base of `authorizationPolicy` is not read from it"]
    );
}

fn derived_bases(fixture_name: &str, path: &str, children: &[&str]) -> Vec<(String, String)> {
    let mut pages = vec![fixture(fixture_name, path)];
    pages.extend(children.iter().map(|n| declaring(n)));
    let built = build(&pages);
    children
        .iter()
        .filter_map(|c| {
            let b = base_of(&built.schema, &format!("microsoft.graph.{c}"))?;
            assert_eq!(b.evidence, BaseEvidence::DerivedTypes);
            Some((c.to_string(), simple_name(&b.name).to_owned()))
        })
        .collect()
}

#[test]
fn derived_types_table_names_the_children() {
    let got = derived_bases(
        "participantjoiningresponse-derived-types.md",
        "v1.0/resources/participantjoiningresponse.md",
        &[
            "acceptJoinResponse",
            "rejectJoinResponse",
            "inviteNewBotResponse",
        ],
    );
    assert_eq!(got.len(), 3);
    assert!(got.iter().all(|(_, b)| b == "participantJoiningResponse"));
}

#[test]
fn the_derived_types_are_sentence_names_the_children() {
    let got = derived_bases(
        "educationoutcome-derived-types-sentence.md",
        "v1.0/resources/educationoutcome.md",
        &[
            "educationFeedbackOutcome",
            "educationPointsOutcome",
            "educationRubricOutcome",
        ],
    );
    assert_eq!(got.len(), 3);
    assert!(got.iter().all(|(_, b)| b == "educationOutcome"));
}

#[test]
fn link_before_inherits_from_this_base_type_is_a_child_not_the_base() {
    let mut pages = vec![fixture(
        "cloudpcmanagementassignmenttarget-inherits-from-this.md",
        "beta/resources/cloudpcmanagementassignmenttarget.md",
    )];
    pages.push(declaring("cloudPcManagementGroupAssignmentTarget"));
    let built = build(&pages);
    assert!(base_of(
        &built.schema,
        "microsoft.graph.cloudPcManagementAssignmentTarget"
    )
    .is_none());
    let child = base_of(
        &built.schema,
        "microsoft.graph.cloudPcManagementGroupAssignmentTarget",
    )
    .expect("a base");
    assert_eq!(
        child.name,
        "microsoft.graph.cloudPcManagementAssignmentTarget"
    );
    assert!(built
        .diagnostics
        .iter()
        .all(|d| d.code != graphgen_diag::Code::UnnamedBase));
}

#[test]
fn base_class_for_links_that_are_context_names_no_children() {
    // "a base class for apply actions in the [accessReviewScheduleSettings] of an [...]".
    let got = derived_bases(
        "accessreviewapplyaction-base-class-for.md",
        "beta/resources/accessreviewapplyaction.md",
        &[
            "accessReviewScheduleSettings",
            "accessReviewScheduleDefinition",
        ],
    );
    assert_eq!(got, []);
}

fn root_pages() -> Vec<Page> {
    vec![
        fixture("entity.md", "v1.0/resources/entity.md"),
        fixture("directoryobject.md", "v1.0/resources/directoryobject.md"),
    ]
}

#[test]
fn annotation_entity_and_prose_directoryobject_take_the_more_specific_base() {
    let mut pages = root_pages();
    pages.push(fixture(
        "orgcontact-annotation-entity-prose-directoryobject.md",
        "v1.0/resources/orgcontact.md",
    ));
    let built = build(&pages);
    let base = base_of(&built.schema, "microsoft.graph.orgcontact").expect("a base");
    assert_eq!(base.name, "microsoft.graph.directoryObject");
    assert_eq!(base.evidence, BaseEvidence::Prose);
    let reported: Vec<String> = built
        .diagnostics
        .iter()
        .filter(|d| d.code == graphgen_diag::Code::InheritanceDisagreement)
        .map(|d| format!("{}:{}", d.span.file, d.span.line))
        .collect();
    assert_eq!(reported, ["v1.0/resources/orgcontact.md:13"], "GD0013 kept");
}

#[test]
fn entity_without_a_stated_base_derives_from_the_key_bearing_root_as_implied() {
    let mut pages = root_pages();
    pages.push(fixture(
        "agreement-no-base.md",
        "v1.0/resources/agreement.md",
    ));
    let built = build(&pages);
    let t = &built.schema.types["microsoft.graph.agreement"];
    assert_eq!(t.kind, TypeKind::Entity);
    let base = t.base.as_ref().expect("implied");
    assert_eq!(base.name, "microsoft.graph.entity");
    assert_eq!(base.evidence, BaseEvidence::Implied);
    assert!(built.schema.types["microsoft.graph.entity"].base.is_none());
}

#[test]
fn id_row_alone_does_not_make_an_entity() {
    // appRole: `|id|Guid|...`, no keyProperty, no Methods table, no Relationships row to it.
    let mut pages = root_pages();
    pages.push(fixture("approle-id-row.md", "v1.0/resources/approle.md"));
    let built = build(&pages);
    let t = &built.schema.types["microsoft.graph.appRole"];
    assert_eq!(t.kind, TypeKind::Complex);
    assert!(t.base.is_none(), "a value does not derive from entity");
}

#[test]
fn key_property_without_a_key_row_still_gets_the_key() {
    // "# List resource": `"keyProperty": "id"`, and the table has no `id` row.
    let built = build(&[fixture("list-resource-title.md", "v1.0/resources/list.md")]);
    let all: Vec<&str> = built
        .schema
        .all_properties("microsoft.graph.list")
        .iter()
        .map(|(_, p)| p.name.as_str())
        .collect();
    assert!(all.contains(&"id"), "{all:?}");
    assert!(built
        .diagnostics
        .iter()
        .any(|d| d.code == graphgen_diag::Code::MissingKeyRow));
}

/// The `GD0060` notes of a build: `file:line message`.
fn unread(pages: &[Page]) -> Vec<String> {
    build(pages)
        .diagnostics
        .iter()
        .filter(|d| d.code == graphgen_diag::Code::UnreadStatement)
        .map(|d| format!("{}:{} {}", d.span.file, d.span.line, d.message))
        .collect()
}

#[test]
fn properties_table_under_an_unknown_section_is_reported_unread_with_its_section() {
    // "### Indicator observables - email" holds a Properties table the schema does not read.
    let found = unread(&[fixture(
        "tiindicator-observables-table.md",
        "beta/resources/tiindicator.md",
    )]);
    assert_eq!(
        found,
        ["beta/resources/tiindicator.md:13 Properties table is not read: it stands under \"Indicator observables - email\", which is not a section of `tiIndicator`'s properties or relationships"]
    );
}

#[test]
fn not_yet_documented_lead_is_reported_as_a_placeholder() {
    let found = unread(&[fixture(
        "windowsdefender-not-yet-documented.md",
        "beta/resources/intune-unlock-windowsdefenderapplicationcontrolsupplementalpolicy.md",
    )]);
    assert_eq!(
        found,
        ["beta/resources/intune-unlock-windowsdefenderapplicationcontrolsupplementalpolicy.md:9 lead paragraph is not read: it is a placeholder"]
    );
}

#[test]
fn every_statement_of_a_declaring_page_is_used() {
    // list.md's table, annotation, base statement and lead all become facts: nothing unread.
    let found = unread(&[fixture("list-resource-title.md", "v1.0/resources/list.md")]);
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn patch_page_with_a_prose_title_updates_the_type_its_response_names() {
    // "# Update Outlook category": PATCH, a Request body table, a response of outlookCategory.
    let built = build(&[fixture(
        "outlookcategory-update-prose-title.md",
        "v1.0/api/outlookcategory-update.md",
    )]);
    let t = &built.schema.types["microsoft.graph.outlookCategory"];
    assert!(t.property("color").is_some(), "{:?}", t.properties);
    assert!(!built
        .diagnostics
        .iter()
        .any(|d| d.code == graphgen_diag::Code::UnreadStatement));
}

#[test]
fn inherited_row_in_another_case_is_the_ancestors_property_not_a_second_one() {
    // `|Id|String|The ID of the eDiscovery case. Inherited from [entity](../resources/entity.md).|`
    let built = build(&[
        fixture("entity.md", "v1.0/resources/entity.md"),
        fixture(
            "ediscovery-settings-id-row.md",
            "beta/resources/ediscovery-settings.md",
        ),
    ]);
    let entity: Vec<&str> = built.schema.types["microsoft.graph.entity"]
        .properties
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(entity, ["id"]);
    let settings = "microsoft.graph.ediscovery.settings";
    let all: Vec<&str> = built
        .schema
        .all_properties(settings)
        .iter()
        .map(|(_, p)| p.name.as_str())
        .collect();
    assert_eq!(all, ["id"]);
    let reported: Vec<u32> = built
        .diagnostics
        .iter()
        .filter(|d| d.code == graphgen_diag::Code::InheritedRowMismatch)
        .map(|d| d.span.line)
        .collect();
    assert_eq!(reported, [11]);
}

#[test]
fn open_type_sentence_in_the_lead_makes_an_open_type() {
    // "This is an _open type_ that represents the set of feedback tokens ..."
    let built = build(&[fixture(
        "feedbacktokenset-open-type-prose.md",
        "v1.0/resources/callrecords-feedbacktokenset.md",
    )]);
    let t = &built.schema.types["microsoft.graph.callRecords.feedbackTokenSet"];
    assert_eq!(t.open, Some(true));
}

#[test]
fn members_of_an_open_type_missing_from_its_table_are_not_reported() {
    // v1.0 fieldvalueset.md:20-22 `"openType": true`; `Color` is a column, not a table row.
    let resource = "# fieldValueSet resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n|id|String|Id.|\n\n## JSON representation\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.fieldValueSet\",\n      \"optionalProperties\": [\"Author\", \"AuthorLookupId\", \"Name\", \"Color\", \"Quantity\" ],\n       \"baseType\": \"microsoft.graph.entity\", \"openType\": true } -->\n\n```json\n{ \"id\": \"1\" }\n```\n";
    let api = "# Get fields\n\n## Example\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.fieldValueSet\" } -->\n\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\n  \"id\": \"1\",\n  \"Color\": \"Red\"\n}\n```\n";
    let built = build(&[
        page("v1.0/resources/fieldvalueset.md", resource),
        page("v1.0/api/listitem-get.md", api),
    ]);
    assert!(built
        .diagnostics
        .iter()
        .all(|d| d.code != graphgen_diag::Code::UnknownExampleProperty));
    // The same page without `openType` reports `Color`.
    let closed = resource.replace(", \"openType\": true", "");
    let built = build(&[
        page("v1.0/resources/fieldvalueset.md", &closed),
        page("v1.0/api/listitem-get.md", api),
    ]);
    assert!(built
        .diagnostics
        .iter()
        .any(|d| d.code == graphgen_diag::Code::UnknownExampleProperty
            && d.message.contains("`Color`")));
}

#[test]
fn text_plain_count_response_is_not_json_data_and_no_value_mismatch() {
    // `GET /users/$count` answers `Content-type: text/plain` and `893`: not a user.
    let built = build(&[
        fixture("user-list-count-text-plain.md", "v1.0/api/user-list.md"),
        declaring("user"),
    ]);
    let example = built
        .schema
        .examples
        .iter()
        .find(|e| e.source.file.as_ref() == "v1.0/api/user-list.md")
        .expect("the response is an example");
    assert!(
        matches!(&example.status, ExampleStatus::Unusable { reason, .. } if reason.contains("text/plain")),
        "{:?}",
        example.status
    );
    assert!(built
        .diagnostics
        .iter()
        .all(|d| d.code != graphgen_diag::Code::ExampleValueMismatch));
}

#[test]
fn derived_types_table_link_to_an_undeclared_type_is_reported_not_dropped() {
    // The same table with no page declaring acceptJoinResponse & co.: three unread notes.
    let found = unread(&[fixture(
        "participantjoiningresponse-derived-types.md",
        "v1.0/resources/participantjoiningresponse.md",
    )]);
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found[0].contains("derived type [acceptJoinResponse] is not read"));
}
