//! Media bodies: the bodies of a call that are not JSON, from what the docs show. An example
//! whose `Content-Type` is not JSON (`text/plain` `893` for `GET /users/$count`, a CSV report,
//! an `image/jpeg` photo `PUT`) is attached to the operation whose URL template its request
//! matches, as it is or with `/$count` or `/$value` appended, and becomes a round-trip test through
//! that descriptor's media type; a `$value` template, a `Stream` response statement and a `302`
//! redirect to a download URL are facts too. An example no URL of its page leads to stays
//! unusable, with a `GD0068` note saying why.

use super::examples::{example_path, example_request_line, template_matches};
use super::{MediaBody, MediaEvidence, MediaFact, MediaKind, Message, Operation, RequestKind};
use crate::ir::*;
use graphgen_diag::{Code, Diagnostic};
use graphgen_parse::{HttpMessage, Page, ResponseStatement};
use std::collections::HashMap;

/// "returns a `302 Found` response that redirects to a preauthenticated download URL": the body
/// is the file the redirect leads to.
pub(super) fn is_download_redirect(r: &ResponseStatement) -> bool {
    r.status.is_some_and(|s| (300..400).contains(&s))
        && r.text.to_ascii_lowercase().contains("download")
}

/// The `Content-Type` header of a message and its line.
fn content_type(message: &HttpMessage) -> Option<(String, u32)> {
    let headers = match message {
        HttpMessage::Request { headers, .. } | HttpMessage::Response { headers, .. } => headers,
        HttpMessage::Unrecognized { .. } => return None,
    };
    headers
        .iter()
        .find(|h| h.value.0.eq_ignore_ascii_case("content-type"))
        .map(|h| (h.value.1.trim().to_ascii_lowercase(), h.line))
}

/// Adds a fact to the operation's media body for `(message, segment)`, creating it.
fn add<'a>(
    op: &'a mut Operation,
    message: Message,
    segment: Option<&str>,
    kind: MediaKind,
    fact: MediaFact,
) -> &'a mut MediaBody {
    let at = match op
        .media
        .iter()
        .position(|m| m.message == message && m.segment.as_deref() == segment)
    {
        Some(i) => i,
        None => {
            // A body the page also states as JSON at the same URL is an alternative to it.
            let alternative = segment.is_none()
                && match message {
                    Message::Response => op.response.as_ref().is_some_and(|r| {
                        !r.no_body && r.ty.as_ref().is_some_and(|t| t.name != "Edm.Stream")
                    }),
                    Message::Request => op.request.as_ref().is_some_and(|r| {
                        r.ty.is_some()
                            && matches!(
                                r.kind,
                                RequestKind::Model | RequestKind::Partial | RequestKind::Parameters
                            )
                    }),
                };
            op.media.push(MediaBody {
                message,
                segment: segment.map(str::to_owned),
                kind,
                content_type: None,
                alternative,
                facts: Vec::new(),
            });
            op.media.len() - 1
        }
    };
    let body = &mut op.media[at];
    if !body
        .facts
        .iter()
        .any(|f| f.evidence == fact.evidence && f.source == fact.source)
    {
        body.facts.push(fact);
    }
    body
}

/// The templates a descriptor builds: those with the first one's method.
fn built(op: &Operation) -> impl Iterator<Item = &super::Template> {
    let method = op.templates.first().map(|t| t.method.clone());
    op.templates
        .iter()
        .filter(move |t| Some(&t.method) == method.as_ref())
}

/// Facts the page states without an example: `$value` templates, a `Stream` response, a
/// download redirect.
fn statements(op: &mut Operation, page: &Page) {
    let Some(first) = op.templates.first() else {
        return;
    };
    // A GET of a `$value` URL answers with the raw content, a PUT/PATCH/POST sends it; a DELETE
    // has no body either way.
    let message = match first.method.as_str() {
        "GET" => Some(Message::Response),
        "DELETE" => None,
        _ => Some(Message::Request),
    };
    let values: Vec<Source> = built(op)
        .filter(|t| t.suffix.as_deref() == Some("$value"))
        .map(|t| t.source.clone())
        .collect();
    // Every `$value` template is a fact: with templates that are not (`/me/messages/{id}` beside
    // `/me/messages/{id}/$value`), the media body is an alternative to the stated JSON one.
    if let Some(message) = message.filter(|_| !values.is_empty()) {
        let mixed = values.len() < built(op).count();
        for source in values {
            let fact = MediaFact {
                evidence: MediaEvidence::ValuePath,
                source,
            };
            let media = add(op, message, None, MediaKind::Bytes, fact);
            media.alternative |= mixed;
        }
    }
    let stream = op
        .response
        .as_ref()
        .filter(|r| r.ty.as_ref().is_some_and(|t| t.name == "Edm.Stream"))
        .map(|r| r.source.clone());
    if let Some(source) = stream {
        let fact = MediaFact {
            evidence: MediaEvidence::Statement,
            source,
        };
        add(op, Message::Response, None, MediaKind::Bytes, fact);
    }
    let facts = page.operation.as_ref();
    let redirect = facts
        .and_then(|f| f.response.as_ref())
        .filter(|r| is_download_redirect(r));
    if let Some(r) = redirect {
        let fact = MediaFact {
            evidence: MediaEvidence::Statement,
            source: Source::new(&page.path, r.line),
        };
        add(op, Message::Response, None, MediaKind::Bytes, fact);
    }
}

/// Where an example's URL leads on its operation: the templates themselves (`None`) or with
/// `$count` / `$value` appended.
fn resolve(op: &Operation, method: &str, path: &str) -> Result<Option<&'static str>, String> {
    let Some(first) = op.templates.first() else {
        return Err("the page has no URL template".into());
    };
    if !matches!(
        first.method.as_str(),
        "GET" | "POST" | "PUT" | "PATCH" | "DELETE"
    ) {
        return Err(format!(
            "the page's method `{}` has no descriptor",
            first.method
        ));
    }
    let same_method = first.method.eq_ignore_ascii_case(method);
    if same_method && built(op).any(|t| template_matches(t, path)) {
        return Ok(None);
    }
    let lower = path.to_ascii_lowercase();
    for segment in ["$count", "$value"] {
        let Some(stem) = lower.strip_suffix(&format!("/{segment}")) else {
            continue;
        };
        let stem = &path[..stem.len()];
        if method == "GET"
            && first.method == "GET"
            && built(op).any(|t| t.query.is_none() && template_matches(t, stem))
        {
            return Ok(Some(segment));
        }
    }
    Err(format!(
        "its URL `{method} {path}` is none of the page's `{}` URL templates, as they are or with `/$count` or `/$value` appended",
        first.method
    ))
}

pub(super) fn attach(schema: &mut Schema, pages: &[&Page], diagnostics: &mut Vec<Diagnostic>) {
    let mut op_of: HashMap<&str, usize> = HashMap::new();
    for (i, op) in schema.operations.iter().enumerate() {
        op_of.entry(&*op.source.file).or_insert(i);
    }
    let op_of: HashMap<String, usize> = op_of.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
    let mut example_at: HashMap<(String, u32), usize> = HashMap::new();
    for (i, e) in schema.examples.iter().enumerate() {
        example_at.insert((e.source.file.to_string(), e.source.line), i);
    }
    for page in pages {
        let op_index = op_of.get(&*page.path).copied();
        if let Some(i) = op_index {
            statements(&mut schema.operations[i], page);
        }
        // The last request example: method, path and line (a response answers it).
        let mut last_request: Option<(String, String, u32)> = None;
        for block in &page.code_blocks {
            let Some(http) = &block.http else { continue };
            let message = match http {
                HttpMessage::Request { method, .. } => {
                    last_request = example_request_line(&block.text).map(|(_, target)| {
                        (method.value.clone(), example_path(target), method.line)
                    });
                    Message::Request
                }
                HttpMessage::Response { .. } => Message::Response,
                HttpMessage::Unrecognized { .. } => continue,
            };
            let Some(body) = http.body() else { continue };
            let Some(&ei) = example_at.get(&(page.path.to_string(), body.line)) else {
                continue;
            };
            let example = &schema.examples[ei];
            let ExampleStatus::Unusable {
                cause: UnusableCause::NotJsonContent,
                reason,
            } = &example.status
            else {
                continue;
            };
            let Some((ct, ct_line)) = content_type(http) else {
                continue;
            };
            let attached = match (op_index, &last_request) {
                (None, _) => {
                    Err("the page documents no operation (no HTTP request section)".into())
                }
                (Some(_), None) => Err("no example request precedes it".to_owned()),
                (Some(i), Some((method, path, _))) => {
                    let op = &schema.operations[i];
                    resolve(op, method, path).and_then(|segment| {
                        let count = segment == Some("$count")
                            || op
                                .templates
                                .first()
                                .is_some_and(|t| t.suffix.as_deref() == Some("$count"));
                        if count && !body.text.trim().bytes().all(|b| b.is_ascii_digit()) {
                            return Err("a `$count` body is a number".to_owned());
                        }
                        Ok((i, segment, count))
                    })
                }
            };
            match attached {
                Ok((i, segment, count)) => {
                    let kind = if count {
                        MediaKind::Count
                    } else {
                        MediaKind::Bytes
                    };
                    let request_line = last_request.as_ref().map_or(block.line, |r| r.2);
                    let mut facts = vec![MediaFact {
                        evidence: MediaEvidence::ContentType,
                        source: Source::new(&page.path, ct_line),
                    }];
                    if let Some(segment) = segment {
                        facts.push(MediaFact {
                            evidence: if segment == "$count" {
                                MediaEvidence::CountPath
                            } else {
                                MediaEvidence::ValuePath
                            },
                            source: Source::new(&page.path, request_line),
                        });
                    }
                    if let Some(a) = block.annotation.as_ref().filter(|a| {
                        a.str_field("@odata.type")
                            .is_some_and(|t| t.eq_ignore_ascii_case("stream") || t == "Edm.Stream")
                    }) {
                        facts.push(MediaFact {
                            evidence: MediaEvidence::StreamAnnotation,
                            source: Source::new(&page.path, a.line),
                        });
                    }
                    let op = &mut schema.operations[i];
                    let name = op.name.clone();
                    for fact in facts {
                        let media = add(op, message, segment, kind, fact);
                        if media.content_type.is_none() {
                            media.content_type = Some(ct.clone());
                        }
                    }
                    let example = &mut schema.examples[ei];
                    example.media = Some(ExampleMedia {
                        operation: name,
                        segment: segment.map(str::to_owned),
                        content_type: ct.clone(),
                    });
                    example.status = ExampleStatus::Test;
                }
                Err(why) => {
                    let source = example.source.clone();
                    let reason = format!("{reason}, and it belongs to no operation: {why}");
                    diagnostics.push(
                        Diagnostic::new(
                            Code::UnattachedMedia,
                            source.span(),
                            format!("the `{ct}` body cannot be tested through a descriptor: {why}"),
                        )
                        .with_help("give the URL the body belongs to in the HTTP request section"),
                    );
                    schema.examples[ei].status = ExampleStatus::Unusable {
                        reason,
                        cause: UnusableCause::MediaUnattached,
                    };
                }
            }
        }
    }
}
