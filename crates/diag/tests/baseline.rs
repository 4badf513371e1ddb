use graphgen_diag::baseline::BaselineEntry;
use graphgen_diag::{Baseline, BaselineError, Code, Diagnostic, Span};
use std::sync::Arc;

fn diag(file: &str, line: u32, code: Code, message: &str) -> Diagnostic {
    Diagnostic::new(
        code,
        Span {
            file: Arc::from(file),
            line,
            column: 3,
            len: 4,
        },
        message,
    )
}

fn accepted() -> Vec<Diagnostic> {
    vec![
        diag("b.md", 12, Code::Mojibake, "`Ã©` looks like `é`"),
        diag("a.md", 40, Code::TodoMarker, "TODO marker left in the page"),
        diag("a.md", 7, Code::TodoMarker, "TODO marker left in the page"),
        diag(
            "a.md",
            3,
            Code::UndefinedType,
            "type `widget` is never defined",
        ),
    ]
}

#[test]
fn new_diagnostic_is_reported() {
    let baseline = Baseline::from_diagnostics(&accepted());
    let mut now = accepted();
    now.push(diag(
        "a.md",
        50,
        Code::UndefinedType,
        "type `gadget` is never defined",
    ));
    now.push(diag(
        "c.md",
        3,
        Code::UndefinedType,
        "type `widget` is never defined",
    ));
    now.push(diag("b.md", 12, Code::TodoMarker, "`Ã©` looks like `é`"));
    let new = baseline.filter_new(&now);
    assert_eq!(new, vec![&now[4], &now[5], &now[6]]);
}

#[test]
fn accepted_diagnostic_is_not_reported() {
    let baseline = Baseline::from_diagnostics(&accepted());
    assert!(baseline.filter_new(&accepted()).is_empty());
    assert!(baseline.filter_new(&[]).is_empty());
    // Fixed diagnostics are simply absent.
    assert!(baseline.filter_new(&accepted()[..2]).is_empty());
    assert_eq!(baseline.len(), 4);
}

#[test]
fn line_shift_does_not_make_accepted_new() {
    let baseline = Baseline::from_diagnostics(&accepted());
    let shifted: Vec<Diagnostic> = accepted()
        .into_iter()
        .map(|mut d| {
            d.span.line += 17;
            d.span.column += 2;
            d
        })
        .collect();
    assert!(baseline.filter_new(&shifted).is_empty());

    // Also after a round trip through the file.
    let reparsed = Baseline::parse(&baseline.to_json()).unwrap();
    assert_eq!(reparsed, baseline);
    assert!(reparsed.filter_new(&shifted).is_empty());
}

#[test]
fn count_of_two_accepts_only_two() {
    let baseline = Baseline::from_diagnostics(&accepted());
    let todo = |line| {
        diag(
            "a.md",
            line,
            Code::TodoMarker,
            "TODO marker left in the page",
        )
    };
    let now = vec![todo(1), todo(2), todo(3)];
    let new = baseline.filter_new(&now);
    assert_eq!(new.len(), 1);
    assert_eq!(new, vec![&now[2]]);

    // Of three identical diagnostics, the ones still on a recorded line are the accepted ones.
    let now = vec![todo(1), todo(7), todo(40)];
    assert_eq!(baseline.filter_new(&now), vec![&now[0]]);
    let now = vec![todo(7), todo(8), todo(9)];
    assert_eq!(baseline.filter_new(&now), vec![&now[2]]);
}

#[test]
fn json_is_sorted_and_deterministic() {
    let baseline = Baseline::from_diagnostics(&accepted());
    let mut reversed = accepted();
    reversed.reverse();
    let json = baseline.to_json();
    assert_eq!(json, Baseline::from_diagnostics(&reversed).to_json());
    insta::assert_snapshot!(json);
}

#[test]
fn parse_is_lenient_about_optional_fields_and_strict_about_the_rest() {
    let text = r#"{
        "version": 1,
        "entries": [
            {"file": "a.md", "code": "GD0005", "message": "TODO marker left in the page"},
            {"file": "a.md", "code": "GD0005", "message": "TODO marker left in the page", "count": 2, "lines": [9]}
        ]
    }"#;
    let baseline = Baseline::parse(text).unwrap();
    assert_eq!(
        baseline.entries(),
        vec![BaselineEntry {
            file: "a.md".into(),
            code: "GD0005".into(),
            message: "TODO marker left in the page".into(),
            count: 3,
            lines: vec![9],
        }]
    );

    assert!(matches!(
        Baseline::parse("not json"),
        Err(BaselineError::Json(_))
    ));
    assert!(matches!(
        Baseline::parse(r#"{"version": 2, "entries": []}"#),
        Err(BaselineError::UnsupportedVersion { found: 2 })
    ));
    let zero = r#"{"version": 1, "entries": [{"file": "a.md", "code": "GD0005", "message": "m", "count": 0}]}"#;
    let error = Baseline::parse(zero).unwrap_err();
    assert!(matches!(error, BaselineError::ZeroCount { .. }));
    assert_eq!(
        error.to_string(),
        "baseline entry for GD0005 in a.md has a count of 0"
    );

    let empty = Baseline::parse(&Baseline::default().to_json()).unwrap();
    assert!(empty.is_empty());
}
