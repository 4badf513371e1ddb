//! Issue 8 class 9: type descriptions from the lead paragraphs of the declaring page.

use super::*;
use crate::test_pages::{fixture, page};
use graphgen_parse::Page;
use std::sync::Arc;

/// The description of `name` in a schema built from fixtures, and the line it was read from.
fn description(pages: &[Page], name: &str) -> Option<(String, String)> {
    let schema = build(pages).schema;
    let t = &schema.types[name];
    t.description.clone().map(|d| {
        let source = t
            .description_source
            .as_ref()
            .expect("a description has a source");
        (d, source.to_string())
    })
}

#[test]
fn lead_paragraph_after_namespace_line_describes_the_type() {
    // `Namespace: microsoft.graph`, then the lead, then "This resource supports:" and a list.
    let found = description(
        &[fixture("user-lead.md", "v1.0/resources/user.md")],
        "microsoft.graph.user",
    );
    assert_eq!(
        found,
        Some((
            "Represents an Azure AD user account. Inherits from [directoryObject](directoryobject.md).".into(),
            "v1.0/resources/user.md:5".into()
        ))
    );
}

#[test]
fn lead_paragraph_followed_by_a_note_blockquote_ends_before_the_note() {
    let found = description(
        &[fixture(
            "calendar-lead-then-note.md",
            "v1.0/resources/calendar.md",
        )],
        "microsoft.graph.calendar",
    )
    .expect("a description");
    assert_eq!(
        found.0,
        "Represents a container for [event](event.md) resources. It can be a calendar for a [user](user.md), or the default calendar of a Microsoft 365 [group](group.md)."
    );
    assert!(!found.0.contains("Note"));
}

#[test]
fn enum_page_lead_after_important_and_note_blockquotes_describes_the_enum() {
    let path = "beta/resources/intune-shared-policyplatformtype.md";
    let built = build(&[fixture("policyplatformtype-notes-then-lead.md", path)]);
    let t = &built.schema.types["microsoft.graph.policyPlatformType"];
    assert_eq!(t.kind, TypeKind::Enum);
    assert_eq!(
        t.description.as_deref(),
        Some("Supported platform types for policies.")
    );
    assert_eq!(t.description_source, Some(Source::new(&Arc::from(path), 9)));
}

#[test]
fn lead_paragraph_after_beta_disclaimer_include_describes_the_type() {
    let found = description(
        &[fixture(
            "itemfacet-lead-after-include.md",
            "beta/resources/itemfacet.md",
        )],
        "microsoft.graph.itemFacet",
    );
    assert_eq!(
        found,
        Some((
            "Represents the abstract base type that all resource types in the [profile](profile.md) entityset inherit from.".into(),
            "beta/resources/itemfacet.md:7".into()
        ))
    );
}

#[test]
fn lead_on_the_line_after_namespace_in_the_same_paragraph_describes_the_type() {
    let found = description(
        &[fixture(
            "appidentity-lead-in-namespace-paragraph.md",
            "beta/resources/appidentity.md",
        )],
        "microsoft.graph.appIdentity",
    )
    .expect("a description");
    assert!(
        found
            .0
            .starts_with("Indicates the identity of the application"),
        "{}",
        found.0
    );
    assert_eq!(found.1, "beta/resources/appidentity.md:4");
}

#[test]
fn lead_paragraph_a_list_follows_without_blank_line_is_not_part_of_the_description() {
    // "This resource supports" then `* Adding ...` on the next line.
    let found = description(
        &[fixture(
            "todotasklist-list-without-blank-line.md",
            "v1.0/resources/todotasklist.md",
        )],
        "microsoft.graph.todoTaskList",
    )
    .expect("a description");
    let paragraphs: Vec<&str> = found.0.split("\n\n").collect();
    assert_eq!(paragraphs.len(), 2, "{paragraphs:?}");
    assert!(paragraphs[1].starts_with("In To Do, there are built-in task lists"));
    assert!(!found.0.contains("This resource supports"));
}

#[test]
fn lead_paragraph_ending_in_colon_is_the_description_when_it_is_the_only_one() {
    let found = description(
        &[fixture(
            "caseoperation-lead.md",
            "beta/resources/ediscovery-caseoperation.md",
        )],
        "microsoft.graph.ediscovery.caseOperation",
    )
    .expect("a description");
    assert!(found
        .0
        .starts_with("An abstract entity that represents a long-running eDiscovery process."));
    assert!(found.0.ends_with("include:"));
}

#[test]
fn todo_lead_is_not_a_description_and_a_later_page_s_lead_is_used() {
    let todo = fixture(
        "caseoperation-todo-lead.md",
        "beta/resources/ediscovery-a-caseoperation.md",
    );
    assert_eq!(
        description(
            std::slice::from_ref(&todo),
            "microsoft.graph.ediscovery.caseOperation"
        ),
        None
    );
    let real = fixture(
        "caseoperation-lead.md",
        "beta/resources/ediscovery-caseoperation.md",
    );
    let found = description(&[real, todo], "microsoft.graph.ediscovery.caseOperation")
        .expect("the second page's lead");
    assert!(found.0.starts_with("An abstract entity"));
    assert_eq!(found.1, "beta/resources/ediscovery-caseoperation.md:7");
}

#[test]
fn not_yet_documented_lead_is_a_placeholder_not_a_description() {
    let found = description(
        &[fixture(
            "applogcollectiondownloaddetails-not-yet-documented.md",
            "beta/resources/intune-devices-applogcollectiondownloaddetails.md",
        )],
        "microsoft.graph.appLogCollectionDownloadDetails",
    );
    assert_eq!(found, None);
}

#[test]
fn lead_of_the_page_named_after_the_type_wins_over_an_earlier_page_declaring_it() {
    // `intune-mam-user.md` also declares `user` and comes first in path order (its lead line,
    // `v1.0/resources/intune-mam-user.md:14`).
    let intune = page(
        "v1.0/resources/intune-mam-user.md",
        "# user resource type\n\nNamespace: microsoft.graph\n\nRepresents an Azure Active Directory user object.\n",
    );
    let own = fixture("user-lead.md", "v1.0/resources/user.md");
    let found = description(&[intune.clone(), own], "microsoft.graph.user").expect("a description");
    assert_eq!(found.1, "v1.0/resources/user.md:5");
    let alone = description(&[intune], "microsoft.graph.user").expect("a description");
    assert_eq!(alone.1, "v1.0/resources/intune-mam-user.md:5");
}
