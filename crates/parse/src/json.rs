//! Annotation comments and JSON bodies.

use crate::model::{Annotation, Body, JsonMember, JsonNode, JsonSyntaxError, Located};
use graphgen_diag::{Code, Diagnostic, LineIndex, Span};
use jsonc_parser::ast;
use jsonc_parser::{CollectOptions, ParseOptions};
use std::sync::Arc;

fn lenient() -> ParseOptions {
    ParseOptions {
        allow_comments: true,
        allow_loose_object_property_names: true,
        allow_trailing_commas: true,
        ..ParseOptions::default()
    }
}

/// Reads `<!-- { "blockType": "request", ... } -->` leniently (trailing commas, unquoted keys and
/// comments are accepted, since the corpus has them).
pub(crate) fn annotation(
    path: &Arc<str>,
    html: &str,
    line: u32,
    diagnostics: &mut Vec<Diagnostic>,
) -> Annotation {
    let inner = html.trim().trim_start_matches("<!--");
    let inner = inner.trim_end().trim_end_matches("-->");
    let mut fields = std::collections::BTreeMap::new();
    let mut error = None;
    match jsonc_parser::parse_to_serde_value::<serde_json::Value>(inner, &lenient()) {
        Ok(serde_json::Value::Object(map)) => fields.extend(map),
        Ok(_) => {
            error = Some(Located::new(
                "annotation is not a JSON object".to_owned(),
                line,
            ))
        }
        Err(err) => {
            let err_line = line + err.line_display() as u32 - 1;
            error = Some(Located::new(err.kind().to_string(), err_line));
        }
    }
    if let Some(err) = &error {
        diagnostics.push(
            Diagnostic::new(
                Code::InvalidAnnotation,
                Span::line(path, err.line),
                format!("annotation is not valid JSON: {}", err.value),
            )
            .with_help("annotations are JSON objects: `<!-- { \"blockType\": \"request\" } -->`"),
        );
    }
    Annotation {
        line,
        fields,
        error,
    }
}

/// Parses a body strictly (serde_json, for the error position) and leniently (jsonc-parser, for a
/// tree with the line of every member).
pub(crate) fn body(text: &str, first_line: u32) -> Body {
    let json_error = serde_json::from_str::<serde_json::Value>(text)
        .err()
        .map(|e| {
            let message = e
                .to_string()
                .split(" at line ")
                .next()
                .unwrap_or_default()
                .to_owned();
            let (mut line, mut column) = (e.line(), e.column());
            // serde_json reports a trailing comma at the bracket after it; point at the comma.
            if message.contains("trailing comma") {
                if let Some((l, c)) = comma_before(text, line, column) {
                    (line, column) = (l, c);
                }
            }
            let message = cause(text, line, column).map_or(message, str::to_owned);
            JsonSyntaxError {
                line: first_line + line.saturating_sub(1) as u32,
                column: column as u32,
                message,
            }
        });
    let tree = jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &lenient())
        .ok()
        .and_then(|r| r.value)
        .map(|v| {
            let index = LineIndex::new(text);
            convert(&v, &index, first_line)
        });
    Body {
        line: first_line,
        text: text.to_owned(),
        json_error,
        tree,
    }
}

fn convert(value: &ast::Value<'_>, index: &LineIndex, first_line: u32) -> JsonNode {
    match value {
        ast::Value::StringLit(s) => JsonNode::String(s.value.to_string()),
        ast::Value::NumberLit(n) => JsonNode::Number(n.value.to_owned()),
        ast::Value::BooleanLit(b) => JsonNode::Bool(b.value),
        ast::Value::NullKeyword(_) => JsonNode::Null,
        ast::Value::Array(a) => JsonNode::Array(
            a.elements
                .iter()
                .map(|e| convert(e, index, first_line))
                .collect(),
        ),
        ast::Value::Object(o) => JsonNode::Object(
            o.properties
                .iter()
                .map(|p| JsonMember {
                    key: p.name.as_str().to_owned(),
                    line: first_line + index.line(p.range.start) - 1,
                    value: convert(&p.value, index, first_line),
                })
                .collect(),
        ),
    }
}

/// The 1-based line and column of the last `,` before (line, column), skipping white space.
fn comma_before(text: &str, line: usize, column: usize) -> Option<(usize, usize)> {
    let start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let line_text = text[start..].lines().next().unwrap_or("");
    let offset = start
        + line_text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line_text.len(), |(i, _)| i);
    let before = &text[..offset.min(text.len())];
    let comma = before.trim_end().strip_suffix(',').map(str::len)?;
    let l = before[..comma].matches('\n').count() + 1;
    let c = before[..comma]
        .rsplit('\n')
        .next()
        .map_or(0, |s| s.chars().count())
        + 1;
    Some((l, c))
}

/// Names the usual causes of invalid JSON in the docs from the text at the error position.
fn cause(text: &str, line: usize, column: usize) -> Option<&'static str> {
    let line_text = text.lines().nth(line.saturating_sub(1))?;
    let at: String = line_text.chars().skip(column.saturating_sub(1)).collect();
    let at = at.trim_start();
    if at.starts_with("//") || at.starts_with("/*") {
        Some("comment: JSON has no comments")
    } else if at.starts_with("...") || at.starts_with('…') {
        Some("ellipsis: `...` is not JSON (mark the example `truncated` in its annotation instead)")
    } else if at.starts_with('\'') {
        Some("single-quoted string: JSON strings use double quotes")
    } else {
        None
    }
}
