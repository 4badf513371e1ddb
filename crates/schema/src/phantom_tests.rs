//! Issue 8 class 8: phantom types (empty names, title words, link namespaces, legacy names) and issue 9's link text vs target; one test per quirk on real lines.

use super::*;
use crate::test_pages::{fixture, page};
use graphgen_diag::Code;

#[test]
fn empty_base_type_annotation_is_no_base() {
    // beta sortproperty.md:35 says `"baseType": null`; 2020 pages write `"baseType": ""`.
    let built = build(&[fixture(
        "sortproperty-empty-basetype.md",
        "beta/resources/sortproperty.md",
    )]);
    let t = &built.schema.types["microsoft.graph.sortProperty"];
    assert!(t.base.is_none(), "{:?}", t.base);
    for name in built.schema.types.keys() {
        assert!(
            crate::names::is_type_word(name),
            "`{name}` is not a type name"
        );
    }
    assert!(!built.schema.types.contains_key("microsoft.graph."));
}

#[test]
fn namespace_line_with_a_full_stop_is_the_namespace() {
    // beta message-reply.md:12: `Namespace: microsoft.graph.` minted `microsoft.graph..message`.
    let p = page(
        "beta/resources/x.md",
        "# x resource type\n\nNamespace: microsoft.graph.\n\n## Properties\n\n|Property|Type|Description|\n|--|--|--|\n|message|[message](message.md)|x|\n",
    );
    let schema = build(&[p]).schema;
    assert!(schema.types.contains_key("microsoft.graph.x"));
    assert!(schema.types.contains_key("microsoft.graph.message"));
    assert!(schema.types.keys().all(|k| !k.contains("..")));
}

#[test]
fn update_title_word_is_not_a_type_when_response_names_one() {
    let built = build(&[
        fixture("chartaxis-update.md", "v1.0/api/chartaxis-update.md"),
        fixture("chartaxis.md", "v1.0/resources/chartaxis.md"),
    ]);
    assert!(!built
        .schema
        .types
        .keys()
        .any(|k| k.eq_ignore_ascii_case("microsoft.graph.chartaxis")));
    let axis = &built.schema.types["microsoft.graph.workbookChartAxis"];
    assert!(axis.property("majorUnit").is_some());
    assert!(axis
        .property("majorUnit")
        .unwrap()
        .sources
        .iter()
        .any(|s| s.to_string() == "v1.0/api/chartaxis-update.md:10"));
    assert!(!built
        .diagnostics
        .iter()
        .any(|d| d.code == Code::SubjectFromTitle));
}

#[test]
fn create_title_word_no_page_declares_is_not_a_type() {
    // v1.0 group-post-acceptedsenders.md: "# Create acceptedSender"; the body is a `$ref`.
    let built = build(&[fixture(
        "group-post-acceptedsenders.md",
        "v1.0/api/group-post-acceptedsenders.md",
    )]);
    assert!(!built
        .schema
        .types
        .contains_key("microsoft.graph.acceptedSender"));
    let d = built
        .diagnostics
        .iter()
        .find(|d| d.code == Code::SubjectFromTitle)
        .expect("GD0051");
    assert_eq!(d.span.line, 1);
    assert_eq!(d.severity, graphgen_diag::Severity::Warning);
}

#[test]
fn link_to_a_page_is_qualified_by_that_pages_namespace() {
    let built = build(&[
        fixture(
            "callrecords-callrecord.md",
            "v1.0/resources/callrecords-callrecord.md",
        ),
        fixture("identityset.md", "v1.0/resources/identityset.md"),
    ]);
    let record = &built.schema.types["microsoft.graph.callRecords.callRecord"];
    for name in ["organizer", "participants"] {
        assert_eq!(
            record.property(name).unwrap().ty.name,
            "microsoft.graph.identitySet"
        );
    }
    assert!(!built
        .schema
        .types
        .contains_key("microsoft.graph.callRecords.identitySet"));
    assert!(!built
        .diagnostics
        .iter()
        .any(|d| d.code == Code::UndefinedType && d.message.contains("identitySet")));
}

#[test]
fn outlook_services_legacy_name_is_the_graph_type() {
    let built = build(&[
        fixture(
            "conversationthread-update.md",
            "v1.0/api/conversationthread-update.md",
        ),
        fixture(
            "conversationthread.md",
            "v1.0/resources/conversationthread.md",
        ),
    ]);
    assert!(!built.schema.types.keys().any(|k| k
        .to_ascii_lowercase()
        .starts_with("microsoft.outlookservices")));
    let example = &built.schema.examples[0];
    assert_eq!(
        example.target.as_deref(),
        Some("microsoft.graph.conversationThread")
    );
    let d = built
        .diagnostics
        .iter()
        .find(|d| d.code == Code::ForeignTypeName)
        .expect("GD0052");
    assert_eq!(d.span.line, 20);
    assert!(
        d.message.contains("microsoft.graph.conversationThread"),
        "{}",
        d.message
    );
}

#[test]
fn foreign_name_without_a_graph_type_is_kept_and_reported() {
    // beta dynamics-vendor.md:35: `|address|[NAV.PostalAddress](../resources/dynamics-complextypes.md)|...`
    let p = page(
        "beta/resources/dynamics-vendor.md",
        "# vendor resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|--|--|--|\n|address|[NAV.PostalAddress](../resources/dynamics-complextypes.md)|The vendor's address.|\n",
    );
    let built = build(&[p]);
    assert_eq!(
        built.schema.types["microsoft.graph.vendor"]
            .property("address")
            .unwrap()
            .ty
            .name,
        "NAV.PostalAddress"
    );
    let d = built
        .diagnostics
        .iter()
        .find(|d| d.code == Code::ForeignTypeName)
        .expect("GD0052");
    assert_eq!(d.span.line, 9);
}

#[test]
fn link_text_and_target_disagreeing_the_target_page_wins() {
    // v1.0 provisioningobjectsummary.md:38
    // `|servicePrincipal|[servicePrincipal](provisioningserviceprincipal.md) collection|...`
    let built = build(&[
        fixture(
            "provisioningobjectsummary-serviceprincipal-link.md",
            "v1.0/resources/provisioningobjectsummary.md",
        ),
        fixture(
            "provisioningserviceprincipal.md",
            "v1.0/resources/provisioningserviceprincipal.md",
        ),
    ]);
    let p = built.schema.types["microsoft.graph.provisioningObjectSummary"]
        .property("servicePrincipal")
        .expect("servicePrincipal");
    assert_eq!(
        p.ty,
        TypeRef::new("microsoft.graph.provisioningServicePrincipal", true)
    );
    let reported: Vec<_> = built
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::LinkTargetMismatch)
        .collect();
    assert_eq!(reported.len(), 1, "{:?}", built.diagnostics);
    assert_eq!(reported[0].span.line, 9);
    assert_eq!(reported[0].span.column, 19, "at the Type cell");
    assert!(reported[0]
        .help
        .as_deref()
        .is_some_and(|h| h.contains("`provisioningServicePrincipal`")));
}

#[test]
fn link_text_and_target_disagreeing_the_json_representation_decides_for_the_text() {
    // v1.0 call.md:79 `[invitationParticipantInfo](participantinfo.md) collection`, shown as
    // `"targets": [{"@odata.type": "#microsoft.graph.invitationParticipantInfo"}]` at :135.
    let built = build(&[
        fixture("call-targets-link.md", "v1.0/resources/call.md"),
        fixture("participantinfo.md", "v1.0/resources/participantinfo.md"),
        fixture(
            "invitationparticipantinfo.md",
            "v1.0/resources/invitationparticipantinfo.md",
        ),
    ]);
    let p = built.schema.types["microsoft.graph.call"]
        .property("targets")
        .expect("targets");
    assert_eq!(
        p.ty,
        TypeRef::new("microsoft.graph.invitationParticipantInfo", true)
    );
    assert_eq!(
        built
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::LinkTargetMismatch)
            .count(),
        1,
        "still reported: {:?}",
        built.diagnostics
    );
}
