//! Which type each example body is: the annotation, the body's `@odata.type`, the page subject,
//! or the type the page's Response / Request body section links to.

use super::{is_annotation_key, odata_type, Candidate};
use crate::ir::*;
use crate::names::{is_type_word, page_namespace, qualify, Names};
use crate::subject::PageKind;
use graphgen_diag::{Code, Diagnostic, Span};
use graphgen_parse::{HttpMessage, JsonNode, Page};
use std::collections::HashMap;
use std::sync::Arc;

pub(super) fn collect<'a>(
    pages: &[&'a Page],
    subjects: &HashMap<Arc<str>, (PageKind, Option<String>)>,
    names: &mut Names,
    known: &Schema,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Candidate<'a>> {
    let mut out = Vec::new();
    for page in pages {
        let ns = page_namespace(page);
        let (page_kind, subject) = subjects
            .get(&page.path)
            .cloned()
            .unwrap_or((PageKind::Other, None));
        for block in &page.code_blocks {
            let Some(annotation) = &block.annotation else {
                continue;
            };
            let mut to_ref = false;
            let (kind, body, patch) = match (annotation.block_type(), &block.http, &block.json) {
                (
                    Some("request"),
                    Some(HttpMessage::Request {
                        method,
                        target,
                        body: Some(body),
                        ..
                    }),
                    _,
                ) => {
                    to_ref = matches!(method.value.as_str(), "POST" | "PUT")
                        && target
                            .split(['?', '#'])
                            .next()
                            .is_some_and(|p| p.trim_end().ends_with("/$ref"));
                    (ExampleKind::Request, body, method.value == "PATCH")
                }
                (
                    Some("response"),
                    Some(HttpMessage::Response {
                        body: Some(body), ..
                    }),
                    _,
                ) => (ExampleKind::Response, body, false),
                (Some("response"), None, Some(body)) => (ExampleKind::Response, body, false),
                (Some("resource"), _, Some(body)) => (ExampleKind::Resource, body, false),
                _ => continue,
            };
            let mut response_link: Option<(String, bool)> = None;
            let body_type = body.tree.as_ref().and_then(odata_type);
            let named = match kind {
                ExampleKind::Request => body_type.or(annotation.odata_type()),
                _ => annotation.odata_type().or(body_type),
            };
            // A name with a space, a line break or other stray characters inside names no type:
            // the body is typed as if nothing were named, and the name is reported.
            let named = match named.map(str::trim) {
                Some(n)
                    if !is_type_word(
                        n.trim_start_matches('#')
                            .trim_end_matches(')')
                            .trim_start_matches("Collection(")
                            .trim_start_matches("collection("),
                    ) =>
                {
                    diagnostics.push(
                        Diagnostic::new(
                            Code::InvalidTypeName,
                            Span::line(&page.path, annotation.line),
                            format!("`{}` is not a type name, so it does not type this example body", n.escape_debug()),
                        )
                        .with_help("a type name is letters, digits, `.` and `_`, like `microsoft.graph.user`"),
                    );
                    None
                }
                other => other,
            };
            let (named, named_collection) = match named {
                Some(n) => match n
                    .strip_prefix("Collection(")
                    .or_else(|| n.strip_prefix("collection("))
                {
                    Some(inner) => (Some(inner.trim_end_matches(')').trim()), true),
                    None => (Some(n), false),
                },
                None => (None, false),
            };
            // A POST or PUT to a `$ref` URL sends an entity reference
            // (`{"@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/{id}"}`, v1.0
            // `application-post-owners.md:60`), not the page's subject, unless it names a type.
            let reference = to_ref && named.is_none();
            let target = match named {
                None if reference => None,
                Some(n) => Some(match crate::types::primitive(n) {
                    Some(edm) => edm.to_owned(),
                    None => names.canonical(&qualify(n, &ns)),
                }),
                None if kind == ExampleKind::Request
                    && matches!(page_kind, PageKind::CreateOrUpdate | PageKind::Action) =>
                {
                    subject.clone()
                }
                None => {
                    let section = match kind {
                        ExampleKind::Request => "request body",
                        _ => "response",
                    };
                    response_link = section_type(page, section, &ns, names, known);
                    // A PATCH updates the resource at its URL, which the Response section names
                    // ("Move a DriveItem": "returns ... the updated [driveItem]").
                    if response_link.is_none() && kind == ExampleKind::Request && patch {
                        response_link = section_type(page, "response", &ns, names, known)
                            .filter(|(_, collection)| !collection);
                    }
                    response_link.as_ref().map(|(t, _)| t.clone())
                }
            };
            let is_value_envelope = body.tree.as_ref().is_some_and(|t| match t {
                JsonNode::Object(members) => {
                    members
                        .iter()
                        .any(|m| m.key == "value" && matches!(m.value, JsonNode::Array(_)))
                        && members
                            .iter()
                            .all(|m| m.key == "value" || is_annotation_key(&m.key))
                }
                _ => false,
            });
            // Said to be a collection (annotation, `Collection(x)`, "collection of [x]") and shaped
            // like one: a body without a `value` array is read as a single object.
            let has_value_array = body
                .tree
                .as_ref()
                .and_then(|t| t.member("value"))
                .is_some_and(|m| matches!(m.value, JsonNode::Array(_)));
            let said = annotation.bool_field("isCollection")
                || named_collection
                || response_link.as_ref().is_some_and(|(_, c)| *c);
            let collection = is_value_envelope || (said && has_value_array);
            out.push(Candidate {
                page,
                body,
                kind,
                name: annotation.str_field("name").map(str::to_owned),
                target,
                collection,
                patch,
                reference,
                annotation_line: annotation.line,
                content_type: content_type(block.http.as_ref()),
            });
        }
    }
    out
}

/// The type a page's Response (or Request body) section names: "returns a
/// [user](../resources/user.md) object", "a collection of [user](...) objects", "supply a JSON
/// representation of [x](...)". Only types the schema already knows count.
fn section_type(
    page: &Page,
    section: &str,
    ns: &str,
    names: &mut Names,
    known: &Schema,
) -> Option<(String, bool)> {
    page.links
        .iter()
        .filter(|l| {
            l.section
                .as_deref()
                .is_some_and(|s| s.eq_ignore_ascii_case(section))
        })
        .find_map(|l| {
            let link_ns = names
                .pages
                .link_namespace(&page.path, l)
                .unwrap_or(ns)
                .to_owned();
            let name = names.canonical(&qualify(&l.text, &link_ns));
            known
                .types
                .get(&name)
                .filter(|t| t.kind != TypeKind::Enum)
                .map(|_| (name, l.collection))
        })
}

/// The `Content-Type` an HTTP example states (`text/plain` for `GET /users/$count`).
fn content_type(message: Option<&HttpMessage>) -> Option<String> {
    let headers = match message? {
        HttpMessage::Request { headers, .. } | HttpMessage::Response { headers, .. } => headers,
        HttpMessage::Unrecognized { .. } => return None,
    };
    headers
        .iter()
        .find(|h| h.value.0.eq_ignore_ascii_case("content-type"))
        .map(|h| h.value.1.trim().to_ascii_lowercase())
}
