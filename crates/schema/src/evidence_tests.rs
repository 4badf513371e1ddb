//! Issue 13: where the docs contradict themselves. A table type that every example value
//! contradicts (`GD0067`), and a response annotation that the stated response type and the body
//! contradict (`GD0035`); and the contradictions that stay `GD0030`. Each on the real lines.

use crate::build;
use crate::ir::*;
use crate::test_pages::fixture;
use graphgen_diag::Code;

fn property<'a>(schema: &'a Schema, owner: &str, name: &str) -> &'a Property {
    schema.types[owner]
        .properties
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("{owner}.{name}"))
}

fn status_at<'a>(schema: &'a Schema, file: &str) -> Vec<&'a ExampleStatus> {
    schema
        .examples
        .iter()
        .filter(|e| &*e.source.file == file)
        .map(|e| &e.status)
        .collect()
}

fn is_gd0030(status: &ExampleStatus) -> bool {
    matches!(
        status,
        ExampleStatus::Unusable {
            cause: UnusableCause::ContradictsSchema,
            ..
        }
    )
}

/// beta textColumn.md:37-38 type `allowMultipleLines` and `appendChangesToExistingText`
/// `string`; the page's own JSON representation (textColumn.md:25-26) gives `true` and `false`.
#[test]
fn textcolumn_string_row_contradicted_by_every_boolean_is_boolean() {
    let built = build(&[fixture(
        "textcolumn-string-booleans.md",
        "resources/textColumn.md",
    )]);
    let schema = &built.schema;
    for name in ["allowMultipleLines", "appendChangesToExistingText"] {
        let p = property(schema, "microsoft.graph.textColumn", name);
        assert_eq!(p.ty, TypeRef::new("Edm.Boolean", false), "{name}");
        assert_eq!(p.origin, Origin::Table);
    }
    // `"textType": "plain | richText"` agrees with its `string` row: unchanged.
    assert_eq!(
        property(schema, "microsoft.graph.textColumn", "textType").ty,
        TypeRef::new("Edm.String", false)
    );
    let d: Vec<_> = built
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::ExamplesOverruleTable)
        .collect();
    assert_eq!(d.len(), 2, "{d:?}");
    // At the Type cell of the row (the fact's line), naming the example's line.
    assert_eq!((d[0].span.line, d[0].span.column), (24, 36));
    assert!(
        d[0].message.contains("typed `Edm.String` here")
            && d[0].message.contains("its only example value is a boolean")
            && d[0].message.contains("resources/textColumn.md:12")
            && d[0].message.contains("read as `Edm.Boolean`"),
        "{}",
        d[0].message
    );
    assert_eq!(d[0].related[0].span.line, 12);
    assert_eq!(
        status_at(schema, "resources/textColumn.md"),
        [&ExampleStatus::Test]
    );
    assert!(built
        .diagnostics
        .iter()
        .all(|d| d.code != Code::ExampleValueMismatch));
}

/// beta workbooksessioninfo.md:41 types `persistChanges` `string`; its JSON representation
/// (:32) and both examples of workbook-createsession.md (:78 request, :114 response) give `true`.
#[test]
fn workbooksessioninfo_persistchanges_follows_three_examples_on_two_pages() {
    let built = build(&[
        fixture(
            "workbooksessioninfo-string-persistchanges.md",
            "resources/workbooksessioninfo.md",
        ),
        fixture(
            "workbook-createsession-persistchanges.md",
            "api/workbook-createsession.md",
        ),
    ]);
    let schema = &built.schema;
    assert_eq!(
        property(
            schema,
            "microsoft.graph.workbookSessionInfo",
            "persistChanges"
        )
        .ty,
        TypeRef::new("Edm.Boolean", false)
    );
    let d = built
        .diagnostics
        .iter()
        .find(|d| d.code == Code::ExamplesOverruleTable)
        .expect("GD0067");
    assert_eq!(&*d.span.file, "resources/workbooksessioninfo.md");
    assert!(
        d.message.contains("all 3 example values are booleans"),
        "{}",
        d.message
    );
    let api = status_at(schema, "api/workbook-createsession.md");
    assert_eq!(api, [&ExampleStatus::Test, &ExampleStatus::Test]);
}

/// beta securescorecontrolprofiles.md:37 types `maxScore` `String`; the list example
/// (securescorecontrolprofiles-list.md:109) gives `1020.13`: not an integer, so Double.
#[test]
fn securescorecontrolprofile_maxscore_string_row_contradicted_by_a_number_is_double() {
    let built = build(&[fixture(
        "securescorecontrolprofiles-maxscore-number.md",
        "resources/securescorecontrolprofiles.md",
    )]);
    assert_eq!(
        property(
            &built.schema,
            "microsoft.graph.secureScoreControlProfile",
            "maxScore"
        )
        .ty,
        TypeRef::new("Edm.Double", false)
    );
    let d = built
        .diagnostics
        .iter()
        .find(|d| d.code == Code::ExamplesOverruleTable)
        .expect("GD0067");
    assert_eq!(d.span.line, 9);
    assert!(d.message.contains("is a number"), "{}", d.message);
    assert_eq!(
        status_at(&built.schema, "resources/securescorecontrolprofiles.md"),
        [&ExampleStatus::Test]
    );
}

/// v1.0 chatmessage.md:75 types `hostedContents` as one [chatMessageHostedContent]; every
/// example (channel-post-messages.md:288, chatmessage-post.md:547,658) sends an array of them:
/// a collection of the row's type.
#[test]
fn chatmessage_hostedcontents_single_row_contradicted_by_arrays_is_a_collection() {
    let built = build(&[
        fixture(
            "chatmessage-hostedcontents-row.md",
            "resources/chatmessage.md",
        ),
        fixture(
            "channel-post-messages-hostedcontents.md",
            "api/channel-post-messages.md",
        ),
    ]);
    assert_eq!(
        property(
            &built.schema,
            "microsoft.graph.chatMessage",
            "hostedContents"
        )
        .ty,
        TypeRef::new("microsoft.graph.chatMessageHostedContent", true)
    );
    let d = built
        .diagnostics
        .iter()
        .find(|d| d.code == Code::ExamplesOverruleTable)
        .expect("GD0067");
    assert_eq!(&*d.span.file, "resources/chatmessage.md");
    assert!(d.message.contains("is an array"), "{}", d.message);
    assert_eq!(
        status_at(&built.schema, "api/channel-post-messages.md"),
        [&ExampleStatus::Test]
    );
}

/// A boolean written as a string (beta eventmessage-update.md:70 `"isRead": "true"` for a
/// Boolean row) is a docs error, never evidence: it stays GD0030 and the row keeps its type.
#[test]
fn boolean_spelled_as_a_string_stays_gd0030() {
    let built = build(&[
        fixture("eventmessage-isread-row.md", "resources/eventmessage.md"),
        fixture(
            "eventmessage-update-string-true.md",
            "api/eventmessage-update.md",
        ),
    ]);
    let schema = &built.schema;
    assert_eq!(
        property(schema, "microsoft.graph.eventMessage", "isRead").ty,
        TypeRef::new("Edm.Boolean", false)
    );
    let api = status_at(schema, "api/eventmessage-update.md");
    assert!(api.len() == 1 && is_gd0030(api[0]), "{api:?}");
    assert!(built
        .diagnostics
        .iter()
        .all(|d| d.code != Code::ExamplesOverruleTable));
}

/// One string for a collection (beta securescores-list.md:104 `"enabledServices":
/// "enabledServices.value"` for a `String collection` row) is a placeholder: stays GD0030.
#[test]
fn single_string_for_a_collection_stays_gd0030() {
    let built = build(&[fixture(
        "securescores-enabledservices-string.md",
        "resources/securescores.md",
    )]);
    assert_eq!(
        property(
            &built.schema,
            "microsoft.graph.secureScore",
            "enabledServices"
        )
        .ty,
        TypeRef::new("Edm.String", true)
    );
    let found = status_at(&built.schema, "resources/securescores.md");
    assert!(found.len() == 1 && is_gd0030(found[0]), "{found:?}");
    assert!(built
        .diagnostics
        .iter()
        .all(|d| d.code != Code::ExamplesOverruleTable));
}

/// An object for an enum (beta printjobconfiguration.md:147 `"quality": {"@odata.type":
/// "microsoft.graph.printQuality"}` for the `printQuality` row, whose members the page lists)
/// says no member: stays GD0030, the enum stays.
#[test]
fn object_for_an_enum_stays_gd0030() {
    let built = build(&[fixture(
        "printjobconfiguration-quality-object.md",
        "resources/printjobconfiguration.md",
    )]);
    let schema = &built.schema;
    let p = property(schema, "microsoft.graph.printJobConfiguration", "quality");
    assert_eq!(p.ty, TypeRef::new("microsoft.graph.printQuality", false));
    assert_eq!(
        schema.types["microsoft.graph.printQuality"].kind,
        TypeKind::Enum
    );
    let found = status_at(schema, "resources/printjobconfiguration.md");
    assert!(found.len() == 1 && is_gd0030(found[0]), "{found:?}");
    assert!(built
        .diagnostics
        .iter()
        .all(|d| d.code != Code::ExamplesOverruleTable));
}

/// beta serviceupdatemessage-archive.md:53 says the action returns "a Boolean value `true`", the
/// body is `{"value": true}`, and the annotation says `"@odata.type": "string"`: the body is
/// checked as the stated Boolean, a test, and the annotation is GD0035.
#[test]
fn serviceupdatemessage_archive_string_annotation_yields_to_stated_boolean() {
    let built = build(&[fixture(
        "serviceupdatemessage-archive-string-annotation.md",
        "api/serviceupdatemessage-archive.md",
    )]);
    let e = &built.schema.examples[0];
    assert_eq!(e.target.as_deref(), Some("Edm.Boolean"));
    assert_eq!(e.envelope, Envelope::Value);
    assert_eq!(e.status, ExampleStatus::Test);
    let d = built
        .diagnostics
        .iter()
        .find(|d| d.code == Code::ResponseTypeMismatch)
        .expect("GD0035");
    assert_eq!(d.span.line, 20, "the annotation");
    assert_eq!(d.related[0].span.line, 16, "the Response statement");
    assert!(
        d.message.contains("as `String`") && d.message.contains("checked as `Boolean`"),
        "{}",
        d.message
    );
    assert!(built
        .diagnostics
        .iter()
        .all(|d| d.code != Code::ExampleValueMismatch));
}

/// beta group-evaluatedynamicmembership.md:70 returns "an [evaluateDynamicMembershipResult]
/// object", shows one (:129), and annotates it `string` (:121): read as the stated type.
#[test]
fn evaluatedynamicmembership_string_annotation_yields_to_stated_object() {
    let built = build(&[
        fixture(
            "evaluatedynamicmembershipresult-table.md",
            "resources/evaluatedynamicmembershipresult.md",
        ),
        fixture(
            "group-evaluatedynamicmembership-string-annotation.md",
            "api/group-evaluatedynamicmembership.md",
        ),
    ]);
    let e = built
        .schema
        .examples
        .iter()
        .find(|e| &*e.source.file == "api/group-evaluatedynamicmembership.md")
        .expect("the response");
    assert_eq!(
        e.target.as_deref(),
        Some("microsoft.graph.evaluateDynamicMembershipResult")
    );
    assert!(!e.collection);
    assert_eq!(e.status, ExampleStatus::Test);
    let d: Vec<_> = built
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::ResponseTypeMismatch)
        .collect();
    assert_eq!(d.len(), 1, "one warning, at the annotation: {d:?}");
}

/// A body that fits neither the annotation nor the stated type (beta
/// reportroot-getm365appusercounts.md:212: `{"value": [...]}`, annotated `stream`, stated a
/// [report] whose only property is `content`) stays as annotated, GD0030.
#[test]
fn body_fitting_neither_annotation_nor_stated_type_stays_gd0030() {
    let built = build(&[
        fixture("report-content-row.md", "resources/intune-shared-report.md"),
        fixture(
            "reportroot-getm365appusercounts-stream-annotation.md",
            "api/reportroot-getm365appusercounts.md",
        ),
    ]);
    let found = status_at(&built.schema, "api/reportroot-getm365appusercounts.md");
    assert!(found.len() == 1 && is_gd0030(found[0]), "{found:?}");
    assert!(built
        .diagnostics
        .iter()
        .all(|d| !(d.code == Code::ResponseTypeMismatch && d.message.contains("checked as"))));
}
