use graphgen_diag::{render_human, render_json, summary, Code, Diagnostic, Severity, Span};
use std::collections::BTreeMap;
use std::sync::Arc;

const USER_MD: &str = "\
---
title: \"user resource type\"
---

# user resource type

| Property | Type | Description |
|:---------|:-----|:------------|
| displayName | String | The name displayed in the address book. TODO: check |
| preferredLanguage | String | For example `nb-NO` (Norsk BokmÃ¥l) or `en-US`. |
";

const DIRECTORY_OBJECT_MD: &str = "\
# directoryObject resource type

| Property | Type | Description |
|:---------|:-----|:------------|
| displayName | Int32 | Display name. |
";

fn sources() -> BTreeMap<Arc<str>, String> {
    let mut sources = BTreeMap::new();
    sources.insert(Arc::from("docs/resources/user.md"), USER_MD.to_owned());
    sources.insert(
        Arc::from("docs/resources/directoryobject.md"),
        DIRECTORY_OBJECT_MD.to_owned(),
    );
    sources
}

fn span(file: &str, line: u32, column: u32, len: u32) -> Span {
    Span {
        file: Arc::from(file),
        line,
        column,
        len,
    }
}

/// The 1-based character column of `needle` on line `line` of `text`.
fn column_of(text: &str, line: u32, needle: &str) -> u32 {
    let line = text.lines().nth(line as usize - 1).unwrap();
    let byte = line.find(needle).unwrap();
    line[..byte].chars().count() as u32 + 1
}

#[test]
fn ascii_warning() {
    let column = column_of(USER_MD, 9, "TODO");
    let diag = Diagnostic::new(
        Code::TodoMarker,
        span("docs/resources/user.md", 9, column, 4),
        "TODO marker left in the page",
    );
    insta::assert_snapshot!(render_human(&diag, &sources(), false));
}

#[test]
fn multibyte_line() {
    let column = column_of(USER_MD, 10, "BokmÃ¥l");
    assert_eq!(column, 59, "column counts characters, not bytes");
    let diag = Diagnostic::new(
        Code::Mojibake,
        span(
            "docs/resources/user.md",
            10,
            column,
            "BokmÃ¥l".chars().count() as u32,
        ),
        "`Ã¥` looks like `å` decoded as Windows-1252",
    )
    .with_help("re-save the page as UTF-8 and replace `Ã¥` with `å`");
    let rendered = render_human(&diag, &sources(), false);
    assert!(rendered.contains("user.md:10:59"), "{rendered}");
    insta::assert_snapshot!(rendered);
}

#[test]
fn related_location_in_another_file_with_help() {
    let diag = Diagnostic::new(
        Code::PropertyTypeDisagreement,
        span("docs/resources/user.md", 9, 17, 6),
        "`displayName` is `String` here but `Int32` on directoryObject",
    )
    .with_related(
        span("docs/resources/directoryobject.md", 5, 17, 5),
        "typed `Int32` here",
    )
    .with_help("correct whichever page is wrong; the generator uses the base type's table");
    insta::assert_snapshot!(render_human(&diag, &sources(), false));
}

#[test]
fn related_location_in_the_same_file_and_whole_line() {
    let diag = Diagnostic::new(
        Code::DuplicatePropertyRow,
        Span::line(&Arc::from("docs/resources/user.md"), 10),
        "property `preferredLanguage` appears twice",
    )
    .with_related(
        span("docs/resources/user.md", 9, 3, 11),
        "first row is here",
    )
    .with_related(
        span("docs/resources/missing.md", 3, 1, 0),
        "also listed here",
    )
    .with_severity(Severity::Error);
    insta::assert_snapshot!(render_human(&diag, &sources(), false));
}

#[test]
fn missing_source_falls_back_to_plain() {
    let diag = Diagnostic::new(
        Code::UndefinedType,
        span("docs/resources/missing.md", 3, 5, 7),
        "type `microsoft.graph.widget` is referenced but never defined",
    )
    .with_related(span("docs/resources/user.md", 9, 1, 0), "referenced here")
    .with_help("add a page for the type or fix the reference");
    let rendered = render_human(&diag, &sources(), false);
    assert_eq!(rendered, diag.render_plain());
    insta::assert_snapshot!(rendered);
}

#[test]
fn line_out_of_range_falls_back_to_plain() {
    let diag = Diagnostic::new(
        Code::TodoMarker,
        span("docs/resources/user.md", 99, 1, 4),
        "TODO marker left in the page",
    );
    assert_eq!(render_human(&diag, &sources(), false), diag.render_plain());
    let diag = Diagnostic::new(
        Code::TodoMarker,
        span("docs/resources/user.md", 0, 1, 4),
        "TODO marker left in the page",
    );
    assert_eq!(render_human(&diag, &sources(), false), diag.render_plain());
}

#[test]
fn crlf_source_and_string_keys() {
    let mut sources = BTreeMap::new();
    sources.insert("a.md".to_owned(), "first\r\nsecond line\r\n".to_owned());
    let diag = Diagnostic::new(Code::CrlfLineEndings, span("a.md", 2, 8, 4), "CRLF");
    let rendered = render_human(&diag, &sources, false);
    assert!(rendered.contains("2 | second line\n"), "{rendered}");
    assert!(!rendered.contains('\r'), "{rendered:?}");
    assert!(
        rendered.contains("-->") && rendered.contains("a.md:2:8"),
        "{rendered}"
    );
}

#[test]
fn color_output_has_escapes() {
    let diag = Diagnostic::new(
        Code::TodoMarker,
        span("docs/resources/user.md", 9, 1, 0),
        "TODO",
    );
    let colored = render_human(&diag, &sources(), true);
    assert!(colored.contains('\u{1b}'), "{colored:?}");
    assert!(!render_human(&diag, &sources(), false).contains('\u{1b}'));
}

#[test]
fn json_round_trips() {
    let diag = Diagnostic::new(
        Code::PropertyTypeDisagreement,
        span("docs/resources/user.md", 9, 17, 6),
        "`displayName` is \"String\" here",
    )
    .with_related(
        span("docs/resources/directoryobject.md", 5, 17, 5),
        "typed `Int32` here",
    )
    .with_help("fix one page");
    let line = render_json(&diag);
    assert!(!line.contains('\n'));
    let value: serde_json::Value = serde_json::from_str(&line).unwrap();
    assert_eq!(
        value,
        serde_json::json!({
            "code": "GD0012",
            "severity": "warning",
            "message": "`displayName` is \"String\" here",
            "file": "docs/resources/user.md",
            "line": 9,
            "column": 17,
            "len": 6,
            "related": [{
                "file": "docs/resources/directoryobject.md",
                "line": 5,
                "column": 17,
                "len": 5,
                "message": "typed `Int32` here",
            }],
            "help": "fix one page",
        })
    );
    assert!(
        line.starts_with(r#"{"code":"GD0012","severity":"warning","message":"#),
        "{line}"
    );

    let bare = Diagnostic::new(Code::NameCollision, span("a.md", 1, 1, 0), "collision");
    let value: serde_json::Value = serde_json::from_str(&render_json(&bare)).unwrap();
    assert_eq!(value["severity"], "error");
    assert_eq!(value["related"], serde_json::json!([]));
    assert_eq!(value["help"], serde_json::Value::Null);
}

#[test]
fn summary_table() {
    let file: Arc<str> = Arc::from("a.md");
    let d = |code| Diagnostic::new(code, Span::line(&file, 1), "m");
    let mut diags = vec![d(Code::Mojibake); 12];
    diags.push(d(Code::TodoMarker));
    diags.push(d(Code::NameCollision));
    diags.push(d(Code::TodoMarker).with_severity(Severity::Note));
    insta::assert_snapshot!(summary(&diags));
}
