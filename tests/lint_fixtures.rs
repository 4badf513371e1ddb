//! Every check has a fixture under tests/fixtures/lint/<code>-<name>/ and a snapshot of the
//! diagnostics of that code rendered the way `cargo xtask lint` prints them.

use graphgen_diag::{render_human, Code, Diagnostic};
use graphgen_tests::root;
use graphgen_write::SourceFile;
use std::collections::BTreeMap;
use std::sync::Arc;

fn render(files: &[SourceFile], code: Code) -> String {
    let analysis = graphgen_pipeline::analyze(files);
    let diags: Vec<&Diagnostic> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .collect();
    assert!(
        !diags.is_empty(),
        "{code} did not fire: {:#?}",
        analysis.diagnostics
    );
    diags
        .iter()
        .map(|d| render_human(d, &analysis.sources, false))
        .collect::<Vec<_>>()
        .join("\n")
}

fn fixture(dir: &str, code: Code) -> String {
    let (files, read) =
        graphgen_write::load_docs(&root().join("tests/fixtures/lint").join(dir)).expect("fixture");
    assert!(read.is_empty());
    render(&files, code)
}

fn bytes(name: &str, content: &[u8]) -> Vec<SourceFile> {
    vec![SourceFile {
        path: Arc::from(name),
        bytes: content.to_vec(),
    }]
}

macro_rules! fixture_snapshot {
    ($($test:ident: $dir:literal => $code:ident;)*) => {$(
        #[test]
        fn $test() {
            insta::assert_snapshot!(fixture($dir, Code::$code));
        }
    )*};
}

fixture_snapshot! {
    gd0004_front_matter_is_not_valid_yaml: "gd0004-front-matter" => InvalidFrontMatter;
    gd0007_placeholders_used_as_data: "gd0007-placeholders" => PlaceholderData;
    gd0008_invalid_json_trailing_comma_comment_ellipsis: "gd0008-invalid-json" => InvalidExampleJson;
    gd0009_annotation_is_not_valid_json: "gd0009-annotation-json" => InvalidAnnotation;
    gd0011_annotation_not_followed_by_a_code_block: "gd0011-annotation-without-block" => AnnotationWithoutBlock;
    gd0012_property_typed_differently_on_two_pages: "gd0012-type-disagreement" => PropertyTypeDisagreement;
    gd0013_prose_and_annotation_state_different_bases: "gd0013-inheritance-disagreement" => InheritanceDisagreement;
    gd0014_duplicate_property_row: "gd0014-duplicate-row" => DuplicatePropertyRow;
    gd0015_type_referenced_but_never_defined: "gd0015-undefined-type" => UndefinedType;
    gd0017_example_property_not_in_the_table: "gd0017-unknown-example-property" => UnknownExampleProperty;
    gd0019_enum_value_not_a_member: "gd0019-enum-value" => UnknownEnumValue;
    gd0021_status_line_is_not_valid_http: "gd0021-status-line" => InvalidStatusLine;
    gd0022_type_column_not_understood: "gd0022-type-expression" => UnknownTypeExpression;
    gd0030_example_value_contradicts_its_type: "gd0030-example-value-mismatch" => ExampleValueMismatch;
}

#[test]
fn gd0001_non_utf8_bytes() {
    insta::assert_snapshot!(render(
        &bytes("page.md", b"# Title\n\nCaf\xe9 au lait.\n"),
        Code::NonUtf8
    ));
}

#[test]
fn gd0002_byte_order_mark() {
    insta::assert_snapshot!(render(
        &bytes("page.md", b"\xEF\xBB\xBF# Title\n"),
        Code::ByteOrderMark
    ));
}

#[test]
fn gd0003_crlf_line_endings() {
    insta::assert_snapshot!(render(
        &bytes("page.md", b"# Title\r\n\r\nText.\r\n"),
        Code::CrlfLineEndings
    ));
}

#[test]
fn seed_pages_get_the_diagnostics_they_deserve() {
    let (files, _) = graphgen_write::load_docs(&root().join("docs-input")).unwrap();
    let analysis = graphgen_pipeline::analyze(&files);
    let mut by: BTreeMap<(&str, Code), usize> = BTreeMap::new();
    for d in &analysis.diagnostics {
        *by.entry((&*d.span.file, d.code)).or_default() += 1;
    }
    let old = "beta/api/invitation-update-languageproficiency.md";
    let patch = "beta/api/languageproficiency-update.md";
    assert_eq!(
        by.get(&(old, Code::PlaceholderData)),
        Some(&2),
        "placeholders in the old page's request and response"
    );
    assert!(
        by.contains_key(&(patch, Code::PropertyTypeDisagreement)),
        "allowedAudiences: String vs allowedAudiences"
    );
    let create = "beta/api/profile-post-languages.md";
    assert!(by.contains_key(&(create, Code::PropertyTypeDisagreement)));
}
