//! HTTP request and response blocks.

use crate::json;
use crate::model::{HttpMessage, Located};
use graphgen_diag::{Code, Diagnostic, Span};
use std::sync::Arc;

const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// An unlabelled block that starts like HTTP.
pub(crate) fn looks_like_http(text: &str) -> bool {
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    first.starts_with("HTTP/")
        || first
            .split_whitespace()
            .next()
            .is_some_and(|m| METHODS.contains(&m))
}

fn is_header(line: &str) -> Option<(String, String)> {
    let (name, value) = line.split_once(':')?;
    let name = name.trim();
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return None;
    }
    Some((name.to_owned(), value.trim().to_owned()))
}

/// Parses an `http` block: request line(s) or status line, headers, then a body that may follow
/// a blank line or start right after the headers with `{` or `[`.
pub(crate) fn parse(
    path: &Arc<str>,
    text: &str,
    first_line: u32,
    diagnostics: &mut Vec<Diagnostic>,
) -> HttpMessage {
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() && lines[i].trim().is_empty() {
        i += 1;
    }
    let line_no = |i: usize| first_line + i as u32;
    let Some(first) = lines.get(i).map(|l| l.trim()) else {
        return HttpMessage::Unrecognized {
            first_line: Located::new(String::new(), first_line),
        };
    };
    let first_no = line_no(i);
    i += 1;

    enum Start {
        Request(String, String, Vec<Located<String>>),
        Response(String, Option<u16>),
    }
    let start = if first.to_ascii_uppercase().starts_with("HTTP") {
        let status = parse_status(first);
        if status.is_none() || !first.starts_with("HTTP/") {
            diagnostics.push(
                Diagnostic::new(
                    Code::InvalidStatusLine,
                    Span {
                        file: path.clone(),
                        line: first_no,
                        column: 1,
                        len: first.chars().count() as u32,
                    },
                    format!("`{first}` is not a valid HTTP status line"),
                )
                .with_help("write it as `HTTP/1.1 200 OK`"),
            );
        }
        Start::Response(first.to_owned(), status)
    } else if let Some((method, target)) = request_line(first) {
        let mut more = Vec::new();
        while let Some(l) = lines.get(i) {
            match request_line(l.trim()) {
                Some((m, t)) => {
                    more.push(Located::new(format!("{m} {t}"), line_no(i)));
                    i += 1;
                }
                None => break,
            }
        }
        Start::Request(method, target, more)
    } else {
        return HttpMessage::Unrecognized {
            first_line: Located::new(first.to_owned(), first_no),
        };
    };

    let mut headers = Vec::new();
    while let Some(l) = lines.get(i) {
        let t = l.trim();
        if t.is_empty() || t.starts_with('{') || t.starts_with('[') {
            break;
        }
        match is_header(t) {
            Some(h) => headers.push(Located::new(h, line_no(i))),
            None => break,
        }
        i += 1;
    }
    while i < lines.len() && lines[i].trim().is_empty() {
        i += 1;
    }
    // Headers after the blank line, with nothing else below them (`GET .../delta`, a blank line,
    // `Prefer: odata.maxpagesize=2`; `beta/api/contact-delta.md:94`): a misplaced header, not a
    // body. Read as headers and reported.
    let rest: Vec<(usize, &str)> = (i..lines.len())
        .map(|j| (j, lines[j].trim()))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    if !rest.is_empty() && rest.iter().all(|(_, l)| is_header(l).is_some()) {
        for (j, l) in rest {
            if let Some(h) = is_header(l) {
                diagnostics.push(
                    Diagnostic::new(
                        Code::HeaderAfterBlankLine,
                        Span::line(path, line_no(j)),
                        format!("`{l}` stands after the blank line that ends the headers; it is read as a header, not as a body"),
                    )
                    .with_help("remove the blank line above it"),
                );
                headers.push(Located::new(h, line_no(j)));
            }
        }
        i = lines.len();
    }
    // More request lines after a blank line, with nothing else below them (`GET .../me/...`, a
    // blank line, `GET .../users/{id}/...`; v1.0 `user-list-agreementacceptances.md:53-55`):
    // alternatives of the request, like the lines right below the first, not a body.
    let mut start = start;
    if let Start::Request(_, _, more) = &mut start {
        let rest: Vec<(usize, &str)> = (i..lines.len())
            .map(|j| (j, lines[j].trim()))
            .filter(|(_, l)| !l.is_empty())
            .collect();
        if !rest.is_empty() && rest.iter().all(|(_, l)| request_line(l).is_some()) {
            for (j, l) in rest {
                if let Some((m, t)) = request_line(l) {
                    more.push(Located::new(format!("{m} {t}"), line_no(j)));
                }
            }
            i = lines.len();
        }
    }
    let body = if i < lines.len() {
        let body_text = lines[i..].join("\n");
        let body_text = body_text.trim_end();
        Some(json::body(body_text, line_no(i)))
    } else {
        None
    };
    match start {
        Start::Request(method, target, more_targets) => HttpMessage::Request {
            method: Located::new(method, first_no),
            target,
            more_targets,
            headers,
            body,
        },
        Start::Response(status_line, status) => HttpMessage::Response {
            status_line: Located::new(status_line, first_no),
            status,
            headers,
            body,
        },
    }
}

fn request_line(line: &str) -> Option<(String, String)> {
    let mut parts = line.split_whitespace();
    let method = parts.next()?;
    if !METHODS.contains(&method) {
        return None;
    }
    let target = parts.next().unwrap_or("").to_owned();
    Some((method.to_owned(), target))
}

/// The status code of `HTTP/1.1 200 OK` (also accepts `HTTP 200`, which is reported).
fn parse_status(line: &str) -> Option<u16> {
    let mut parts = line.split_whitespace();
    let version = parts.next()?;
    if !(version == "HTTP" || version.starts_with("HTTP/")) {
        return None;
    }
    let code = parts.next()?.trim_end_matches(',');
    if code.len() != 3 {
        return None;
    }
    code.parse().ok()
}
