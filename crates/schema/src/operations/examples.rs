//! Example requests matched to URL templates; example responses checked against the stated type.

use super::{ExampleRequest, Operation, Template};
use crate::ir::*;
use graphgen_diag::{Code, Diagnostic};
use graphgen_parse::{HttpMessage, Page, UrlPiece};

/// The path part of a URL as an example writes it: no scheme, host, version or query.
pub(super) fn example_path(target: &str) -> String {
    let mut t = target.trim();
    for prefix in ["https://graph.microsoft.com", "http://graph.microsoft.com"] {
        if let Some(rest) = t.strip_prefix(prefix) {
            t = rest;
        }
    }
    // The version in any case: `https://graph.microsoft.com/V1.0/teams/{id}/...` (v1.0
    // `channel-delete-members.md`).
    for version in ["/v1.0", "/beta"] {
        if let Some(rest) = t
            .get(..version.len())
            .filter(|v| v.eq_ignore_ascii_case(version))
            .map(|_| &t[version.len()..])
        {
            if rest.is_empty() || rest.starts_with('/') {
                t = rest;
            }
        }
    }
    let path = split_query(t).0;
    let path = path.trim_end_matches('/');
    if path.starts_with('/') {
        path.to_owned()
    } else {
        format!("/{path}")
    }
}

/// Splits at the first `?` outside parentheses and quotes.
fn split_query(s: &str) -> (&str, Option<&str>) {
    let mut depth = 0i32;
    let mut quoted = false;
    for (i, c) in s.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth -= 1,
            '?' if depth <= 0 && !quoted => return (&s[..i], Some(&s[i + 1..])),
            _ => {}
        }
    }
    (s, None)
}

/// The template's path as pieces (the query part dropped).
fn path_pieces(t: &Template) -> Vec<UrlPiece> {
    let mut out = Vec::new();
    for p in &t.pieces {
        match p {
            UrlPiece::Param(i) if t.params.get(*i).is_some_and(|p| p.in_query) => break,
            UrlPiece::Literal(l) if l.contains('?') => {
                let (path, _) = split_query(l);
                if !path.is_empty() {
                    out.push(UrlPiece::Literal(path.to_owned()));
                }
                break;
            }
            p => out.push(p.clone()),
        }
    }
    out
}

enum Piece {
    Lit(String),
    Param { colon: bool },
}

/// Whether an example path matches a template: literals compare case-insensitively, a parameter
/// stands for one or more characters other than `/` (any characters before a `:` of a
/// `root:/{path}:` address). An action's empty `()` may be left out.
pub fn template_matches(t: &Template, path: &str) -> bool {
    let raw = path_pieces(t);
    let mut pieces: Vec<Piece> = Vec::new();
    for (i, p) in raw.iter().enumerate() {
        match p {
            UrlPiece::Literal(l) => {
                let mut l = l.to_ascii_lowercase();
                if i + 1 == raw.len() {
                    l = l.trim_end().trim_end_matches('/').to_owned();
                    if !path.ends_with("()") {
                        l = l.strip_suffix("()").map(str::to_owned).unwrap_or(l);
                    }
                }
                pieces.push(Piece::Lit(l));
            }
            UrlPiece::Param(_) => {
                let colon =
                    matches!(raw.get(i + 1), Some(UrlPiece::Literal(n)) if n.starts_with(':'));
                pieces.push(Piece::Param { colon });
            }
        }
    }
    matches_from(&pieces, &path.to_ascii_lowercase())
}

/// Whether the example path matches the template once `/me` is read as `/users/{id}` or the
/// other way round.
fn template_matches_alias(t: &Template, path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    // `/me` is the signed-in user, `/users/{id}`: an example may use either form of a template
    // that lists only the other (v1.0 `chat-list-members.md`: `GET /users/{user-id}/chats/...`,
    // example `GET /me/chats/...`).
    let me_as_user = lower
        .strip_prefix("/me")
        .filter(|r| r.is_empty() || r.starts_with('/'))
        .map(|r| format!("/users/me{r}"));
    let user_as_me = lower.strip_prefix("/users/").map(|r| {
        let (_, after) = r.split_once('/').unwrap_or((r, ""));
        if after.is_empty() {
            "/me".to_owned()
        } else {
            format!("/me/{after}")
        }
    });
    me_as_user
        .into_iter()
        .chain(user_as_me)
        .any(|alias| template_matches(t, &alias))
}

/// What may follow the end of a template in an example: the arguments of a call the template
/// writes without them (`.../range/cell(row=5,column=6)` for `.../range/cell`), and an OData type
/// cast segment (`/groups/{id}/transitiveMembers/microsoft.graph.user`).
fn tail_allowed(s: &str) -> bool {
    if s.is_empty() {
        return true;
    }
    if let Some(args) = s.strip_prefix('(') {
        return args.ends_with(')') && !args[..args.len() - 1].contains('/');
    }
    s.strip_prefix("/microsoft.graph.").is_some_and(|name| {
        !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
    })
}

fn matches_from(pieces: &[Piece], s: &str) -> bool {
    let Some((first, rest)) = pieces.split_first() else {
        return tail_allowed(s);
    };
    match first {
        Piece::Lit(l) => s
            .strip_prefix(l.as_str())
            .is_some_and(|r| matches_from(rest, r)),
        Piece::Param { colon, .. } => {
            for (i, c) in s.char_indices() {
                if c == '/' && !colon {
                    return false;
                }
                let end = i + c.len_utf8();
                if matches_from(rest, &s[end..]) {
                    return true;
                }
            }
            false
        }
    }
}

/// The first request line of an example block: `(method, target)`, the target taken whole
/// (examples write spaces in `$filter` values).
pub(super) fn example_request_line(text: &str) -> Option<(&str, &str)> {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    let (method, rest) = line.split_once(char::is_whitespace)?;
    Some((method, rest.trim()))
}

pub(super) fn match_examples(
    page: &Page,
    templates: &[Template],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<ExampleRequest> {
    let mut out = Vec::new();
    for block in &page.code_blocks {
        let Some(a) = &block.annotation else { continue };
        if a.block_type() != Some("request") {
            continue;
        }
        let Some(HttpMessage::Request { method, .. }) = &block.http else {
            continue;
        };
        let Some((_, target)) = example_request_line(&block.text) else {
            continue;
        };
        let path = example_path(target);
        let found = templates
            .iter()
            .position(|t| t.method == method.value && template_matches(t, &path))
            .or_else(|| {
                templates
                    .iter()
                    .position(|t| t.method == method.value && template_matches_alias(t, &path))
            });
        let source = Source::new(&page.path, method.line);
        if found.is_none() {
            diagnostics.push(
                Diagnostic::new(
                    Code::UnmatchedExampleRequest,
                    source.span(),
                    format!(
                        "example request `{} {path}` matches none of the page's URL templates",
                        method.value
                    ),
                )
                .with_related(templates[0].source.span(), "the first template")
                .with_help(
                    "add the template to the HTTP request section, or fix the example's URL",
                ),
            );
        }
        out.push(ExampleRequest {
            source,
            template: found,
        });
    }
    out
}

/// A body whose Content-Type is not JSON: a media body (`media.rs`), not a representation of the
/// stated type.
fn is_media(e: &Example) -> bool {
    matches!(
        e.status,
        ExampleStatus::Unusable {
            cause: UnusableCause::NotJsonContent,
            ..
        }
    )
}

/// A response example whose type is neither the stated response type nor derived from it.
pub(super) fn check_responses(
    schema: &Schema,
    op: &Operation,
    examples: &[&Example],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Some(response) = &op.response else {
        return out;
    };
    let Some(stated) = &response.ty else {
        return out;
    };
    if stated.is_primitive() {
        return out;
    }
    for e in examples
        .iter()
        .filter(|e| e.kind == ExampleKind::Response && !is_media(e))
    {
        let Some(target) = &e.target else { continue };
        if target == &stated.name
            || schema
                .ancestors(target)
                .iter()
                .any(|a| a.name == stated.name)
            || schema
                .ancestors(&stated.name)
                .iter()
                .any(|a| &a.name == target)
        {
            continue;
        }
        out.push(
            Diagnostic::new(
                Code::ResponseTypeMismatch,
                e.source.span(),
                format!(
                    "response example is read as `{}`, but the page says the response is `{}`",
                    simple_name(target),
                    simple_name(&stated.name)
                ),
            )
            .with_related(response.source.span(), "the stated response"),
        );
    }
    out
}

/// A request example whose type is neither the operation's request type nor derived from it
/// (a subtype is what a base-typed request sends, as `AnyX`): the body cannot be sent as the
/// descriptor's `Request`.
pub(super) fn check_requests(
    schema: &Schema,
    op: &Operation,
    examples: &[&Example],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Some(request) = &op.request else {
        return out;
    };
    let Some(stated) = &request.ty else {
        return out;
    };
    if stated.is_primitive() {
        return out;
    }
    for e in examples
        .iter()
        .filter(|e| e.kind == ExampleKind::Request && !is_media(e))
    {
        let Some(target) = &e.target else { continue };
        if target == &stated.name
            || schema
                .ancestors(target)
                .iter()
                .any(|a| a.name == stated.name)
        {
            continue;
        }
        out.push(
            Diagnostic::new(
                Code::RequestTypeMismatch,
                e.source.span(),
                format!(
                    "request example is read as `{}`, but the operation's request is `{}`",
                    simple_name(target),
                    simple_name(&stated.name)
                ),
            )
            .with_related(request.source.span(), "the request body statement"),
        );
    }
    out
}
