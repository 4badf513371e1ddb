//! Issue 8: types and inheritance as the pages state them. One test per quirk, on real lines
//! copied into `src/fixtures` (see its README for where each comes from).

use super::*;
use graphgen_parse::{parse_page, Page};
use std::sync::Arc;

/// A page of `src/fixtures` (real lines copied from the 2021 snapshot), at `path`.
fn fixture(name: &str, path: &str) -> Page {
    let file = format!("{}/src/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(file).expect("fixture");
    parse_page(Arc::from(path), &text).page
}

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
    assert_eq!(names, ["displayName", "list", "system"]);
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
