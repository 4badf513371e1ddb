//! The checked-in generated/ crate must be exactly what docs-input/ produces (the way
//! rust-analyzer's codegen tests fail when generated code is stale).

use graphgen_emit::EmitOptions;
use graphgen_tests::{copy_tree, root};

fn generate(docs: &std::path::Path) -> Vec<graphgen_emit::GeneratedFile> {
    let (files, diags) = graphgen_write::load_docs(docs).expect("docs folder");
    assert!(diags.is_empty(), "{diags:?}");
    graphgen_pipeline::generate(&files, &EmitOptions::default()).files
}

#[test]
fn generated_crate_is_up_to_date_with_docs_input() {
    let files = generate(&root().join("docs-input"));
    let drift = graphgen_write::check(&root().join("generated"), &files);
    assert!(
        drift.is_empty(),
        "generated/ is stale; run `cargo xtask codegen`:\n{}",
        graphgen_write::render_drift(&drift)
    );
}

/// A fixture crate (`tests/fixtures/<name>/models`) is what its pages produce.
fn fixture_is_up_to_date(name: &str, crate_name: &str) {
    let dir = format!("tests/fixtures/{name}");
    let (files, _) =
        graphgen_write::load_docs(&root().join(format!("{dir}/docs"))).expect("fixture docs");
    let options = EmitOptions {
        crate_name: crate_name.into(),
        standalone: false,
        runtime: graphgen_write::runtime_dependency(&root().join(format!("{dir}/models")), &root()),
    };
    let generated = graphgen_pipeline::generate(&files, &options).files;
    let drift = graphgen_write::check(&root().join(format!("{dir}/models")), &generated);
    assert!(
        drift.is_empty(),
        "{dir}/models is stale; run `cargo xtask codegen --docs {dir}/docs --out {dir}/models --crate-name {crate_name}`:\n{}",
        graphgen_write::render_drift(&drift)
    );
}

#[test]
fn hostile_fixture_crate_is_up_to_date_with_its_pages() {
    fixture_is_up_to_date("hostile", "hostile-models");
}

#[test]
fn areas_fixture_crate_is_up_to_date_with_its_pages() {
    fixture_is_up_to_date("areas", "area-models");
}

#[test]
fn editing_a_description_is_drift_and_check_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    let out = tmp.path().join("generated");
    copy_tree(&root().join("docs-input"), &docs).unwrap();
    copy_tree(&root().join("generated"), &out).unwrap();
    // Rows repeated on several pages take the first description that is not a TODO, in path
    // order: for `displayName` that is the Update page's.
    let page = docs.join("beta/api/languageproficiency-update.md");
    let text = std::fs::read_to_string(&page).unwrap();
    let edited = text.replace(
        "Contains the long-form name for the language.",
        "The language's long name.",
    );
    assert_ne!(text, edited);
    std::fs::write(&page, edited).unwrap();
    let before = std::fs::read(out.join("src/graph.rs")).unwrap();

    let drift = graphgen_write::check(&out, &generate(&docs));
    let rendered = graphgen_write::render_drift(&drift);
    assert!(
        rendered.contains("+    /// The language's long name."),
        "{rendered}"
    );
    assert!(
        rendered.contains("-    /// Contains the long-form name for the language."),
        "{rendered}"
    );
    assert_eq!(
        std::fs::read(out.join("src/graph.rs")).unwrap(),
        before,
        "check mode wrote a file"
    );
}

#[test]
fn output_is_independent_of_page_order_and_threads() {
    let (mut files, _) = graphgen_write::load_docs(&root().join("docs-input")).unwrap();
    let parallel = graphgen_pipeline::generate(&files, &EmitOptions::default()).files;
    files.reverse();
    let one_thread = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let sequential =
        one_thread.install(|| graphgen_pipeline::generate(&files, &EmitOptions::default()).files);
    assert_eq!(parallel, sequential);
}
