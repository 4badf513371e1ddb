//! One snapshot per check: the fixture pages under `tests/fixtures/` (each with cases that must
//! fire and cases that must not), checked together with the schema built from them, and the
//! diagnostics of that check rendered like rustc.

use graphgen_diag::{render_human, Code, Diagnostic};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

/// Parses `files` (paths relative to `root`), builds the schema, runs every check and returns
/// the diagnostics with the given code, and the page texts.
fn check_pages(
    root: &str,
    files: &[&str],
    code: Code,
) -> (Vec<Diagnostic>, BTreeMap<Arc<str>, String>) {
    let mut sources: BTreeMap<Arc<str>, String> = BTreeMap::new();
    let mut pages = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(Path::new(root).join(file))
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        let path: Arc<str> = (*file).into();
        pages.push(graphgen_parse::parse_page(path.clone(), &text).page);
        sources.insert(path, text);
    }
    let schema = graphgen_schema::build(&pages).schema;
    let diagnostics = graphgen_lint::check(&pages, &schema, &sources)
        .into_iter()
        .filter(|d| d.code == code)
        .collect();
    (diagnostics, sources)
}

fn render(diagnostics: &[Diagnostic], sources: &BTreeMap<Arc<str>, String>) -> String {
    diagnostics
        .iter()
        .map(|d| render_human(d, sources, false))
        .collect::<Vec<_>>()
        .join("\n")
}

fn snapshot(files: &[&str], code: Code) -> String {
    let (diagnostics, sources) = check_pages(FIXTURES, files, code);
    assert!(!diagnostics.is_empty(), "{code} did not fire on {files:?}");
    render(&diagnostics, &sources)
}

#[test]
fn mojibake_gd0006() {
    insta::assert_snapshot!(snapshot(&["api/mojibake.md"], Code::Mojibake));
}

#[test]
fn todo_markers_gd0005() {
    insta::assert_snapshot!(snapshot(&["api/todo-markers.md"], Code::TodoMarker));
}

#[test]
fn link_text_vs_target_gd0016() {
    insta::assert_snapshot!(snapshot(
        &[
            "resources/link-text.md",
            "resources/identity.md",
            "resources/identityset.md"
        ],
        Code::LinkTargetMismatch
    ));
}

#[test]
fn unknown_annotation_keys_gd0010() {
    insta::assert_snapshot!(snapshot(
        &["api/annotation-keys.md"],
        Code::UnknownAnnotationKey
    ));
}

#[test]
fn request_without_response_gd0020() {
    insta::assert_snapshot!(snapshot(
        &["api/request-without-response.md"],
        Code::RequestWithoutResponse
    ));
}

#[test]
fn table_property_missing_from_json_gd0018() {
    insta::assert_snapshot!(snapshot(
        &["resources/json-representation.md"],
        Code::PropertyMissingFromJson
    ));
}

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs-input");
const SEED_PAGES: [&str; 3] = [
    "beta/api/invitation-update-languageproficiency.md",
    "beta/api/languageproficiency-update.md",
    "beta/api/profile-post-languages.md",
];

#[test]
fn seed_pages_mojibake_only_on_the_patch_response() {
    let (diagnostics, sources) = check_pages(SEEDS, &SEED_PAGES, Code::Mojibake);
    assert_eq!(diagnostics.len(), 1, "{}", render(&diagnostics, &sources));
    let d = &diagnostics[0];
    assert_eq!(&*d.span.file, "beta/api/languageproficiency-update.md");
    assert_eq!(d.message, "`Bokm√•l` looks like UTF-8 read as Mac Roman");
    assert_eq!(d.help.as_deref(), Some("did you mean `Bokmål`?"));
    let line = sources[&d.span.file]
        .lines()
        .nth(d.span.line as usize - 1)
        .unwrap();
    let underlined: String = line
        .chars()
        .skip(d.span.column as usize - 1)
        .take(d.span.len as usize)
        .collect();
    assert_eq!(underlined, "√•");
    insta::assert_snapshot!(render(&diagnostics, &sources));
}

#[test]
fn seed_pages_todo_markers_on_the_old_page() {
    let (diagnostics, sources) = check_pages(SEEDS, &SEED_PAGES, Code::TodoMarker);
    assert!(diagnostics
        .iter()
        .all(|d| &*d.span.file == "beta/api/invitation-update-languageproficiency.md"));
    for key in ["author", "ms.prod"] {
        let message = format!("TODO marker left in front matter `{key}`");
        assert!(
            diagnostics.iter().any(|d| d.message == message),
            "no marker in `{key}`"
        );
    }
    assert!(diagnostics
        .iter()
        .any(|d| d.message == "TODO marker left in the description of property `displayName`"));
    insta::assert_snapshot!(render(&diagnostics, &sources));
}

#[test]
fn seed_pages_raise_nothing_else() {
    for code in Code::ALL {
        if matches!(code, Code::TodoMarker | Code::Mojibake) {
            continue;
        }
        let (diagnostics, sources) = check_pages(SEEDS, &SEED_PAGES, *code);
        assert!(diagnostics.is_empty(), "{}", render(&diagnostics, &sources));
    }
}
