//! Schema tests on the seed pages and on small inputs, one per quirk.

use super::*;
use graphgen_diag::Code;
use graphgen_parse::{decode, parse_page, Page};
use std::sync::Arc;

use crate::test_pages::{fixture, page};

fn seeds() -> Vec<Page> {
    let dir = format!("{}/../../docs-input/beta/api", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let rel: Arc<str> = Arc::from(format!("beta/api/{}", n.to_string_lossy()));
            let bytes = std::fs::read(format!("{dir}/{}", n.to_string_lossy())).unwrap();
            parse_page(rel.clone(), &decode(&rel, &bytes).text).page
        })
        .collect()
}

#[test]
fn snapshot_seed_schema_yaml() {
    let built = build(&seeds());
    insta::assert_snapshot!(to_yaml(&built.schema));
}

#[test]
fn snapshot_seed_schema_diagnostics() {
    let built = build(&seeds());
    let mut diags = built.diagnostics;
    diags.sort();
    let rendered: Vec<String> = diags.iter().map(|d| d.render_plain()).collect();
    insta::assert_snapshot!(rendered.join("\n"));
}

#[test]
fn seed_language_proficiency_has_all_fourteen_properties() {
    let schema = build(&seeds()).schema;
    let names: Vec<&str> = schema
        .all_properties("microsoft.graph.languageProficiency")
        .iter()
        .map(|(_, p)| p.name.as_str())
        .collect();
    for expected in [
        "id",
        "allowedAudiences",
        "inference",
        "createdDateTime",
        "createdBy",
        "lastModifiedDateTime",
        "lastModifiedBy",
        "source",
        "displayName",
        "tag",
        "proficiency",
        "spoken",
        "written",
        "reading",
    ] {
        assert!(
            names.contains(&expected),
            "{expected} missing from {names:?}"
        );
    }
    assert_eq!(names.len(), 14, "{names:?}");
}

#[test]
fn seed_inheritance_chain_language_proficiency_item_facet_entity() {
    let schema = build(&seeds()).schema;
    let chain: Vec<&str> = schema
        .ancestors("microsoft.graph.languageProficiency")
        .iter()
        .map(|t| t.name.as_str())
        .collect();
    assert_eq!(
        chain,
        ["microsoft.graph.itemFacet", "microsoft.graph.entity"]
    );
    assert_eq!(
        schema.types["microsoft.graph.languageProficiency"].kind,
        TypeKind::Entity
    );
    assert_eq!(
        schema.types["microsoft.graph.identitySet"].kind,
        TypeKind::Complex
    );
}

#[test]
fn seed_enums_have_their_members() {
    let schema = build(&seeds()).schema;
    let level = &schema.types["microsoft.graph.languageProficiencyLevel"];
    assert_eq!(level.kind, TypeKind::Enum);
    assert_eq!(level.members.len(), 7);
    let audiences = &schema.types["microsoft.graph.allowedAudiences"];
    assert_eq!(audiences.kind, TypeKind::Enum);
    assert_eq!(audiences.members.len(), 8);
    let prop = schema.types["microsoft.graph.itemFacet"]
        .property("allowedAudiences")
        .unwrap();
    assert_eq!(prop.ty.name, "microsoft.graph.allowedAudiences");
}

#[test]
fn allowed_audiences_string_vs_enum_disagreement_names_both_locations() {
    let built = build(&seeds());
    let d: Vec<_> = built
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::PropertyTypeDisagreement)
        .collect();
    assert_eq!(d.len(), 2, "{d:#?}");
    for d in d {
        assert!(d.message.contains("`allowedAudiences`"));
        assert_eq!(d.related.len(), 1);
        assert_eq!(
            &*d.related[0].span.file,
            "beta/api/invitation-update-languageproficiency.md"
        );
    }
}

#[test]
fn shapes_inferred_from_examples() {
    let schema = build(&seeds()).schema;
    let inference = &schema.types["microsoft.graph.inferenceData"];
    assert_eq!(inference.shape, Shape::Inferred);
    assert_eq!(
        inference.property("confidenceScore").unwrap().ty.name,
        "Edm.Double"
    );
    assert_eq!(
        inference
            .property("userHasVerifiedAccuracy")
            .unwrap()
            .ty
            .name,
        "Edm.Boolean"
    );
    let set = &schema.types["microsoft.graph.identitySet"];
    for p in ["application", "device", "user"] {
        assert_eq!(
            set.property(p).unwrap().ty.name,
            "microsoft.graph.identity",
            "{p}"
        );
    }
    let identity = &schema.types["microsoft.graph.identity"];
    assert_eq!(identity.property("id").unwrap().ty.name, "Edm.String");
    assert_eq!(
        identity.property("displayName").unwrap().ty.name,
        "Edm.String"
    );
    let source = &schema.types["microsoft.graph.personDataSource"];
    assert_eq!(source.shape, Shape::Open);
    assert!(source.properties.is_empty());
}

#[test]
fn seed_examples_are_tests_or_listed_templates() {
    let schema = build(&seeds()).schema;
    assert_eq!(schema.examples.len(), 6);
    let tests = schema
        .examples
        .iter()
        .filter(|e| e.status == ExampleStatus::Test)
        .count();
    let templates = schema
        .examples
        .iter()
        .filter(|e| matches!(e.status, ExampleStatus::Template { .. }))
        .count();
    assert_eq!((tests, templates), (4, 2));
    for e in &schema.examples {
        assert_eq!(
            e.target.as_deref(),
            Some("microsoft.graph.languageProficiency"),
            "{}",
            e.source
        );
    }
}

#[test]
fn placeholder_values_name_types() {
    assert_eq!(placeholder_type("String"), Some("Edm.String"));
    assert_eq!(placeholder_type("Double"), Some("Edm.Double"));
    assert_eq!(placeholder_type("Id value"), Some("Edm.String"));
    assert_eq!(placeholder_type("Display Name value"), Some("Edm.String"));
    assert_eq!(
        placeholder_type("String (timestamp)"),
        Some("Edm.DateTimeOffset")
    );
    assert_eq!(
        placeholder_type("<Unknown Primitive Type Edm.Stream>"),
        Some("Edm.Untyped")
    );
    assert_eq!(placeholder_type("Norwegian Bokmål"), None);
    assert_eq!(placeholder_type("nb-NO"), None);
}

#[test]
fn object_seen_only_as_null_stays_open() {
    let p = page(
        "a.md",
        "# Update thing\n\n## Request body\n\n|Property|Type|Description|\n|--|--|--|\n|src|[dataSource](ds.md)|x|\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.thing\" } -->\n```http\nHTTP/1.1 200 OK\n\n{\"src\": null}\n```\n",
    );
    let schema = build(&[p]).schema;
    assert_eq!(
        schema.types["microsoft.graph.dataSource"].shape,
        Shape::Open
    );
}

#[test]
fn literal_numbers_widen_to_double() {
    let p = page(
        "a.md",
        "# Update thing\n\n## Request body\n\n|Property|Type|Description|\n|--|--|--|\n|info|[info](info.md)|x|\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.thing\" } -->\n```http\nHTTP/1.1 200 OK\n\n{\"info\": {\"score\": 1}}\n```\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.thing\" } -->\n```http\nHTTP/1.1 200 OK\n\n{\"info\": {\"score\": 0.5, \"when\": \"2020-07-06T06:34:12.2294868Z\"}}\n```\n",
    );
    let schema = build(&[p]).schema;
    let info = &schema.types["microsoft.graph.info"];
    assert_eq!(info.property("score").unwrap().ty.name, "Edm.Double");
    assert_eq!(info.property("when").unwrap().ty.name, "Edm.DateTimeOffset");
}

#[test]
fn build_is_independent_of_page_order() {
    let mut pages = seeds();
    let a = to_yaml(&build(&pages).schema);
    pages.reverse();
    let b = to_yaml(&build(&pages).schema);
    assert_eq!(a, b);
}

#[test]
fn enum_values_table_under_heading() {
    let p = page(
        "resources/enums.md",
        "# Enum types\n\n### signInAudience values\n\n|Member|Value|Description|\n|--|--|--|\n|AzureADMyOrg|0|x|\n|`AzureADMultipleOrgs`|1|y|\n",
    );
    let schema = build(&[p]).schema;
    let e = &schema.types["microsoft.graph.signInAudience"];
    assert_eq!(e.kind, TypeKind::Enum);
    let names: Vec<&str> = e.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["AzureADMyOrg", "AzureADMultipleOrgs"]);
    assert_eq!(e.members[1].value, Some(1));
    assert!(!e.flags);
}

#[test]
fn enum_type_page_with_value_description_table() {
    let p = page(
        "resources/colorx.md",
        "# colorX enum type\n\nNamespace: microsoft.graph\n\n## Members\n\n|Value|Description|\n|--|--|\n|red|Red.|\n|blue|Blue.|\n",
    );
    let schema = build(&[p]).schema;
    let e = &schema.types["microsoft.graph.colorX"];
    assert_eq!(e.kind, TypeKind::Enum);
    assert_eq!(e.members.len(), 2);
    assert_eq!(e.members[0].value, None);
}

#[test]
fn flags_enum_from_power_of_two_values() {
    let p = page(
        "resources/parts.md",
        "# x\n\n### clonableTeamParts values\n\n|Member|Value|Description|\n|--|--|--|\n|apps|1|a|\n|tabs|2|b|\n|settings|4|c|\n|channels|8|d|\n",
    );
    let schema = build(&[p]).schema;
    assert!(schema.types["microsoft.graph.clonableTeamParts"].flags);
}

/// v1.0/resources/enums.md:1267: a `Member | Int value | Description` table; its values are
/// read, so the power-of-two values make it a flags enum.
#[test]
fn enum_table_headed_int_value_keeps_its_values_and_is_recognised_as_flags() {
    let p = page(
        "resources/enums.md",
        "# Enums\n\n### chatMessagePolicyViolationVerdictDetailsType values\n\n| Member   | Int value |  Description |\n|:---------------|:--------|:----------|\n| None | 0 |  User is not allowed to override the message. |\n| AllowFalsePositiveOverride | 1 |  User is not allowed to explicitly override the block. |\n| AllowOverrideWithoutJustification | 2 | User is allowed to override the block and send the message. |\n| AllowOverrideWithJustification | 4 |  User is allowed to override the block and send the message. |\n",
    );
    let schema = build(&[p]).schema;
    let t = &schema.types["microsoft.graph.chatMessagePolicyViolationVerdictDetailsType"];
    let values: Vec<_> = t.members.iter().map(|m| m.value).collect();
    assert_eq!(values, [Some(0), Some(1), Some(2), Some(4)]);
    assert!(t.flags);
}

/// v1.0/resources/enums.md:1058: `|Member|Member|Description|` whose second column holds the
/// values; they are values, not a second spelling of the member.
#[test]
fn enum_table_headed_member_member_reads_the_second_column_as_values() {
    let p = page(
        "resources/enums.md",
        "# Enums\n\n### userAccountSecurityType values\n\nPossible values for user account types (group membership), per Windows definition.\n\n|Member|Member|Description|\n|:---|:---|:---|\n|unknown|-1|Unknown.|\n|standard|0|Member of Standard Users group.|\n|power|1| Member of Power Users group.|\n|administrator|2| Member of Administrators group.|\n",
    );
    let schema = build(&[p]).schema;
    let t = &schema.types["microsoft.graph.userAccountSecurityType"];
    let members: Vec<_> = t
        .members
        .iter()
        .map(|m| (m.name.as_str(), m.value))
        .collect();
    assert_eq!(
        members,
        [
            ("unknown", Some(-1)),
            ("standard", Some(0)),
            ("power", Some(1)),
            ("administrator", Some(2))
        ]
    );
    assert!(!t.flags);
}

fn media_config_page(path: &str, name: &str) -> Page {
    page(
        path,
        &format!("# {name} resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| blob | String | The media configuration blob. |\n\n## JSON representation\n\n<!-- {{\n  \"blockType\": \"resource\",\n  \"optionalProperties\": [],\n  \"@odata.type\": \"microsoft.graph.{name}\",\n  \"baseType\": \"microsoft.graph.mediaConfig\"\n}}-->\n\n```json\n{{\n  \"blob\": \"String\"\n}}\n```\n"),
    )
}

/// v1.0/resources/call.md:69: `[appHostedMediaConfig](...) or [serviceHostedMediaConfig](...)`
/// is their common base `mediaConfig`, not the first alternative (which would read a
/// serviceHostedMediaConfig payload as appHosted); with no common base it is untyped.
#[test]
fn type_cell_x_or_y_is_their_common_base() {
    let call = page(
        "resources/call.md",
        "# call resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| mediaConfig         | [appHostedMediaConfig](apphostedmediaconfig.md) or [serviceHostedMediaConfig](servicehostedmediaconfig.md) | The media configuration. Required.                                                                        |\n| meetingInfo | [organizerMeetingInfo](organizermeetinginfo.md) or [tokenMeetingInfo](tokenmeetinginfo.md) | The meeting information. |\n",
    );
    let pages = [
        call,
        media_config_page("resources/apphostedmediaconfig.md", "appHostedMediaConfig"),
        media_config_page(
            "resources/servicehostedmediaconfig.md",
            "serviceHostedMediaConfig",
        ),
    ];
    let built = build(&pages);
    let call = &built.schema.types["microsoft.graph.call"];
    let ty = |n: &str| {
        &call
            .properties
            .iter()
            .find(|p| p.name == n)
            .unwrap()
            .ty
            .name
    };
    assert_eq!(ty("mediaConfig"), "microsoft.graph.mediaConfig");
    assert_eq!(
        ty("meetingInfo"),
        "Edm.Untyped",
        "no page gives them a common base"
    );
    let notes: Vec<_> = built
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::AlternativeTypes)
        .map(|d| (d.span.line, d.message.clone()))
        .collect();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(
        notes[0].1.contains("common base `mediaConfig`"),
        "{notes:?}"
    );
}

#[test]
fn annotation_collection_of_primitive_is_a_collection_target() {
    let p = page(
        "api/x.md",
        "# Get things\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"Collection(String)\" } -->\n```http\nHTTP/1.1 200 OK\n\n{\"value\": [\"a\", \"b\"]}\n```\n",
    );
    let schema = build(&[p]).schema;
    let e = &schema.examples[0];
    assert_eq!(e.target.as_deref(), Some("Edm.String"));
    assert!(e.collection);
    assert_eq!(e.status, ExampleStatus::Test);
}

#[test]
fn example_contradicting_its_table_is_unusable_with_a_diagnostic() {
    let p = page(
        "resources/font.md",
        "# font resource type\n\n## Properties\n\n|Property|Type|Description|\n|--|--|--|\n|size|Double|x|\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.font\" } -->\n```http\nHTTP/1.1 200 OK\n\n{\n  \"size\": \"11\"\n}\n```\n",
    );
    let built = build(&[p]);
    assert!(
        matches!(&built.schema.examples[0].status, ExampleStatus::Unusable { reason, .. } if reason.contains("$.size"))
    );
    let d = built
        .diagnostics
        .iter()
        .find(|d| d.code == Code::ExampleValueMismatch)
        .expect("GD0030");
    assert_eq!(d.span.line, 14);
}

#[test]
fn undescribed_type_seen_as_string_becomes_an_enum() {
    let p = page(
        "resources/cal.md",
        "# calendar resource type\n\n## Properties\n\n|Property|Type|Description|\n|--|--|--|\n|color|[calendarColor](calendarcolor.md)|x|\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.calendar\" } -->\n```http\nHTTP/1.1 200 OK\n\n{\"color\": \"auto\"}\n```\n",
    );
    let schema = build(&[p]).schema;
    assert_eq!(
        schema.types["microsoft.graph.calendarColor"].kind,
        TypeKind::Enum
    );
    assert_eq!(schema.examples[0].status, ExampleStatus::Test);
}

#[test]
fn collection_wins_when_pages_disagree_only_on_collection() {
    let a = page("api/a.md", "# Update event\n\n## Request body\n\n|Property|Type|Description|\n|--|--|--|\n|attendees|[attendee](attendee.md)|x|\n");
    let b = page("api/b.md", "# Create event\n\n## Request body\n\n|Property|Type|Description|\n|--|--|--|\n|attendees|[attendee](attendee.md) collection|x|\n");
    // A title word names the subject only when a page declares that type.
    let event = page("resources/event.md", "# event resource type\n");
    let schema = build(&[a, b, event]).schema;
    assert!(
        schema.types["microsoft.graph.event"]
            .property("attendees")
            .unwrap()
            .ty
            .collection
    );
}

#[test]
fn response_type_from_the_response_section_sentence() {
    let resource = page("resources/user.md", "# user resource type\n\n## Properties\n\n|Property|Type|Description|\n|--|--|--|\n|id|String|x|\n");
    let api = page(
        "api/user-list.md",
        "# List users\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a collection of [user](../resources/user.md) objects in the response body.\n\n<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 200 OK\n\n{\"value\": [{\"id\": \"1\"}]}\n```\n",
    );
    let schema = build(&[resource, api]).schema;
    let e = &schema.examples[0];
    assert_eq!(e.target.as_deref(), Some("microsoft.graph.user"));
    assert!(e.collection);
    assert_eq!(e.status, ExampleStatus::Test);
}

#[test]
fn collection_annotation_on_a_single_object_body_reads_it_as_one_object() {
    let p = page(
        "api/group-get.md",
        "# Get group\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.group\", \"isCollection\": true } -->\n```http\nHTTP/1.1 200 OK\n\n{\"id\": \"1\"}\n```\n",
    );
    let schema = build(&[p]).schema;
    assert!(!schema.examples[0].collection);
    assert_eq!(schema.examples[0].status, ExampleStatus::Test);
}

#[test]
fn trailing_comma_body_is_reported_and_tested_repaired() {
    let p = page(
        "api/x.md",
        "# Get thing\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.thing\" } -->\n```http\nHTTP/1.1 200 OK\n\n{\n  \"name\": \"a\",\n}\n```\n",
    );
    let built = build(&[p]);
    let e = &built.schema.examples[0];
    assert_eq!(e.status, ExampleStatus::Test);
    assert_eq!(e.body, "{\n  \"name\": \"a\"\n}");
    let d = built
        .diagnostics
        .iter()
        .find(|d| d.code == Code::InvalidExampleJson)
        .expect("GD0008");
    assert_eq!(
        (d.span.line, d.span.column),
        (8, 14),
        "the trailing comma itself"
    );
}

#[test]
fn resource_annotation_names_the_type_and_states_abstract_and_open() {
    let p = page(
        "resources/chart.md",
        "# chart resource type\n\n## Properties\n\n|Property|Type|Description|\n|--|--|--|\n|height|Double|x|\n\n## JSON representation\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.workbookChart\", \"abstract\": \"true\", \"openType\": false } -->\n```json\n{\"height\": 1.5}\n```\n",
    );
    let schema = build(&[p]).schema;
    let t = &schema.types["microsoft.graph.workbookChart"];
    assert_eq!(t.is_abstract, Some(true));
    assert_eq!(t.open, Some(false));
    assert!(t.property("height").is_some());
    assert!(!schema.types.contains_key("microsoft.graph.chart"));
}

#[test]
fn methods_table_and_key_property_of_a_resource() {
    let p = page(
        "resources/user.md",
        "# user resource type\n\n## Methods\n\n| Method | Return Type | Description |\n|:--|:--|:--|\n| [List users](../api/user-list.md) | [user](user.md) collection | Get users. |\n| [Delete user](../api/user-delete.md) | None | Delete. |\n\n## Properties\n\n|Property|Type|Description|\n|--|--|--|\n|upn|String|x|\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.user\", \"keyProperty\": \"upn\" } -->\n```json\n{\"upn\": \"a\"}\n```\n",
    );
    let schema = build(&[p]).schema;
    let user = &schema.types["microsoft.graph.user"];
    assert_eq!(user.key.as_deref(), Some("upn"));
    assert_eq!(user.kind, TypeKind::Entity);
    assert_eq!(user.methods.len(), 2);
    assert_eq!(user.methods[0].name, "List users");
    assert_eq!(
        user.methods[0].returns,
        Some(TypeRef::new("microsoft.graph.user", true))
    );
    assert_eq!(user.methods[1].returns, None);
}

#[test]
fn inherits_from_prose_link_text_that_is_not_a_type_name() {
    let base = page("resources/conditionalaccesssessioncontrol.md", "# conditionalAccessSessionControl resource type\n\n## Properties\n\n|Property|Type|Description|\n|--|--|--|\n|isEnabled|Boolean|x|\n");
    let child = page(
        "resources/appcontrol.md",
        "# appControl resource type\n\nInherits from [Conditional Access Session Control](conditionalaccesssessioncontrol.md).\n\n## Properties\n\n|Property|Type|Description|\n|--|--|--|\n|mode|String|x|\n",
    );
    let schema = build(&[base, child]).schema;
    let b = schema.types["microsoft.graph.appControl"]
        .base
        .as_ref()
        .unwrap();
    assert_eq!(b.name, "microsoft.graph.conditionalAccessSessionControl");
    assert!(
        schema.types.keys().all(|k| !k.contains(' ')),
        "no type name with spaces"
    );
}

#[test]
fn enum_members_differing_only_in_case_are_one_member_and_the_table_spelling_wins() {
    // responsestatus.md lists `Accepted`; the `### responseType values` table says `accepted`.
    let built = build(&[
        fixture("responsestatus.md", "v1.0/resources/responsestatus.md"),
        fixture("enums-responsetype.md", "v1.0/resources/enums.md"),
    ]);
    let t = &built.schema.types["microsoft.graph.responseType"];
    let members: Vec<&str> = t.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(
        members,
        [
            "none",
            "organizer",
            "tentativelyAccepted",
            "accepted",
            "declined",
            "notResponded"
        ]
    );
    let reported: Vec<&graphgen_diag::Diagnostic> = built
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::NameCollision && d.message.contains("`Accepted`"))
        .collect();
    assert_eq!(reported.len(), 1, "{:?}", built.diagnostics);
    assert_eq!(&*reported[0].span.file, "v1.0/resources/responsestatus.md");
    assert_eq!(reported[0].span.line, 8);
}

#[test]
fn property_name_deprecated_marker_is_not_part_of_the_wire_name() {
    // `|owner (deprecated)|String|...`
    let built = build(&[fixture(
        "plannerplan-deprecated-owner.md",
        "beta/resources/plannerplan.md",
    )]);
    let t = &built.schema.types["microsoft.graph.plannerPlan"];
    let owner = t.property("owner").expect("named `owner`");
    assert_eq!(owner.deprecated.as_ref(), owner.sources.first());
    assert!(t.properties.iter().all(|p| !p.name.contains(['(', ' '])));
}

#[test]
fn odata_type_row_is_the_discriminator_not_a_property() {
    let built = build(&[fixture(
        "resourcedata-odata-type-row.md",
        "v1.0/resources/resourcedata.md",
    )]);
    let names: Vec<&str> = built.schema.types["microsoft.graph.resourceData"]
        .properties
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, ["@odata.id", "@odata.etag"]);
}

#[test]
fn bold_group_row_in_a_relationships_table_is_not_a_property() {
    // `|**Device management**|` between two relationship rows.
    let built = build(&[fixture(
        "deviceappmanagement-bold-row.md",
        "beta/resources/intune-shared-deviceappmanagement.md",
    )]);
    let names: Vec<&str> = built.schema.types["microsoft.graph.deviceAppManagement"]
        .properties
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, ["managedEBookCategories", "windowsManagementApp"]);
}

#[test]
fn bold_group_row_in_a_methods_table_is_not_a_method() {
    // `| **Calendar** |||`
    let built = build(&[fixture(
        "group-methods-bold-row.md",
        "v1.0/resources/group.md",
    )]);
    let methods: Vec<&str> = built.schema.types["microsoft.graph.group"]
        .methods
        .iter()
        .map(|m| m.name.as_str())
        .collect();
    assert_eq!(methods, ["Remove appRoleAssignment", "Create event"]);
}

#[test]
fn values_table_of_a_string_property_documents_it_and_is_no_enum_type() {
    // `|mediaSizes|String collection|...` then `### mediaSizes values` with `|JIS B4|`.
    let built = build(&[fixture(
        "printercapabilities-mediasizes.md",
        "v1.0/resources/printercapabilities.md",
    )]);
    assert!(!built
        .schema
        .types
        .contains_key("microsoft.graph.mediaSizes"));
    let p = built.schema.types["microsoft.graph.printerCapabilities"]
        .property("mediaSizes")
        .expect("property");
    assert_eq!(p.documented_values, ["A3", "A4", "A5", "A6", "JIS B4"]);
}

#[test]
fn list_response_value_envelope_teaches_the_element_members_not_a_value_property() {
    // `Collection(microsoft.graph.site)` with `{"value": [{ "id": ..., "displayName": ... }]}`.
    let built = build(&[fixture(
        "sites-list-followed.md",
        "v1.0/api/sites-list-followed.md",
    )]);
    let site = &built.schema.types["microsoft.graph.site"];
    let names: Vec<&str> = site.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "displayName",
            "id",
            "sharepointIds",
            "siteCollection",
            "webUrl"
        ]
    );
    assert_eq!(built.schema.examples[0].status, ExampleStatus::Test);
}

#[test]
fn list_response_value_envelope_is_not_an_unknown_example_property() {
    let built = build(&[
        fixture("site-two-rows.md", "v1.0/resources/site.md"),
        fixture("sites-list-followed.md", "v1.0/api/sites-list-followed.md"),
    ]);
    let unknown: Vec<&str> = built
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::UnknownExampleProperty)
        .map(|d| d.message.as_str())
        .collect();
    // The elements are checked against the table, the envelope is not.
    assert!(
        unknown.iter().all(|m| !m.contains("`value`")),
        "{unknown:?}"
    );
    assert!(
        unknown.iter().any(|m| m.contains("`webUrl`")),
        "{unknown:?}"
    );
}

#[test]
fn row_contradicted_by_json_representation_and_examples_is_the_error() {
    // `|availability | string collection |` but `"availability":"string"` in the JSON
    // representation and `"availability": "Available"` in the example.
    let built = build(&[
        fixture("presence.md", "v1.0/resources/presence.md"),
        fixture("presence-get.md", "v1.0/api/presence-get.md"),
    ]);
    let t = &built.schema.types["microsoft.graph.presence"];
    for name in ["availability", "activity"] {
        let p = t.property(name).expect(name);
        assert_eq!(p.ty, TypeRef::new("Edm.String", false), "{name}");
        assert!(!p.navigation, "{name} is in the Properties section");
    }
    let reported: Vec<u32> = built
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::PropertyTypeDisagreement)
        .map(|d| d.span.line)
        .collect();
    assert_eq!(reported, [10, 11]);
    let response = built
        .schema
        .examples
        .iter()
        .find(|e| e.kind == ExampleKind::Response)
        .expect("the example");
    assert_eq!(response.status, ExampleStatus::Test);
}

#[test]
fn json_type_cell_names_the_json_resource_type_whose_values_are_any_json() {
    // `|values|Json|...` (v1.0 range.md:66) with json.md declaring "Json resource type" (no
    // property): the field names `Json`; `[["Hello", "100"],["1/1/2016", null]]` in
    // range-update.md:72 makes `Json` any JSON, and the `valueTypes` values are documented
    // values of that field, not members that would make `Json` an enum.
    let built = build(&[
        fixture("json-resource.md", "v1.0/resources/json.md"),
        fixture("range-json-cells.md", "v1.0/resources/range.md"),
        fixture("range-update-json-values.md", "v1.0/api/range-update.md"),
    ]);
    let json = &built.schema.types["microsoft.graph.Json"];
    assert_eq!(json.kind, TypeKind::Complex);
    assert_eq!(json.shape, Shape::Any);
    assert!(json.members.is_empty());
    let range = &built.schema.types["microsoft.graph.Range"];
    for name in ["values", "valueTypes"] {
        let p = range.property(name).expect(name);
        assert_eq!(p.ty, TypeRef::new("microsoft.graph.Json", false), "{name}");
    }
    assert_eq!(
        range.property("valueTypes").expect("row").documented_values,
        ["Unknown", "Empty", "String", "Integer", "Double", "Boolean", "Error"]
    );
    let note = built
        .diagnostics
        .iter()
        .find(|d| d.code == Code::InferredShape)
        .expect("a note on the value that makes Json any JSON");
    assert_eq!(
        (&*note.span.file, note.span.line),
        ("v1.0/api/range-update.md", 43)
    );
    let request = built
        .schema
        .examples
        .iter()
        .find(|e| e.kind == ExampleKind::Request)
        .expect("the example");
    assert_eq!(request.status, ExampleStatus::Test);
}

#[test]
fn json_type_cell_without_a_json_page_is_untyped_json() {
    let built = build(&[fixture("range-json-cells.md", "v1.0/resources/range.md")]);
    let p = built.schema.types["microsoft.graph.Range"]
        .property("values")
        .expect("row");
    assert_eq!(p.ty, TypeRef::new("Edm.Untyped", false));
    assert!(!built.schema.types.contains_key("microsoft.graph.Json"));
}

#[test]
fn boolean_value_of_a_member_less_facet_is_not_any_json() {
    // `"system": false` (v1.0 list.md:71) for the marker facet `systemFacet`, which declares no
    // property: an error in the example (GD0030), not evidence that the facet is any JSON.
    let built = build(&[
        fixture("systemfacet-at-type.md", "v1.0/resources/systemFacet.md"),
        fixture("list-system-false.md", "v1.0/resources/list.md"),
    ]);
    assert!(built
        .diagnostics
        .iter()
        .any(|d| d.code == Code::ExampleValueMismatch));
    assert_eq!(
        built.schema.types["microsoft.graph.systemFacet"].shape,
        Shape::Declared
    );
}

#[test]
fn type_spelling_where_data_of_another_type_belongs_is_a_placeholder() {
    // `"top": "Integer"` for an Int32 property: a template, not a GD0030 contradiction.
    let built = build(&[fixture(
        "printmargin-integer-placeholder.md",
        "v1.0/resources/printmargin.md",
    )]);
    let e = &built.schema.examples[0];
    assert!(
        matches!(&e.status, ExampleStatus::Template { reasons } if reasons[0] == "$.top is the placeholder \"Integer\""),
        "{:?}",
        e.status
    );
    assert!(built
        .diagnostics
        .iter()
        .any(|d| d.code == Code::PlaceholderData && d.span.line == 19));
    assert!(!built
        .diagnostics
        .iter()
        .any(|d| d.code == Code::ExampleValueMismatch));
}

#[test]
fn body_that_is_one_bracketed_phrase_is_a_placeholder() {
    // `<bytes 0-25 of the file>`: a template, not a body that is "not JSON".
    let built = build(&[fixture(
        "driveitem-createuploadsession-bytes-placeholder.md",
        "v1.0/api/driveitem-createuploadsession.md",
    )]);
    let e = &built.schema.examples[0];
    assert!(
        matches!(&e.status, ExampleStatus::Template { reasons } if reasons[0].contains("<bytes 0-25 of the file>")),
        "{:?}",
        e.status
    );
}

#[test]
fn empty_object_where_a_number_belongs_is_a_placeholder() {
    // `"index": {\n}` for the `index | number` parameter of beta chartpointscollection-itemat.md:66:
    // a value left blank, a template, not a GD0030 contradiction.
    let built = build(&[fixture(
        "chartpointscollection-itemat-empty-object.md",
        "beta/api/chartpointscollection-itemat.md",
    )]);
    let e = built
        .schema
        .examples
        .iter()
        .find(|e| e.kind == ExampleKind::Request)
        .unwrap();
    assert!(
        matches!(&e.status, ExampleStatus::Template { reasons } if reasons[0] == "$.index is the placeholder {}"),
        "{:?}",
        e.status
    );
    assert!(built
        .diagnostics
        .iter()
        .any(|d| d.code == Code::PlaceholderData
            && d.span.line == 66
            && d.message.contains("$.index = {} instead of data")));
    assert!(!built
        .diagnostics
        .iter()
        .any(|d| d.code == Code::ExampleValueMismatch));
}
