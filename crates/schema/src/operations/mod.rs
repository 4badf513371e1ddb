//! Operations: one per API page, from what its HTTP request, Request body, Response and
//! Permissions sections say (read by the parse stage into [`OperationFacts`]). Type links are
//! resolved to qualified names here; the page's example requests are matched to its URL
//! templates and its example responses checked against the stated response type.

mod examples;
mod media;
mod parameters;
mod types;
pub(crate) use parameters::parameter_subject;
pub use parameters::FunctionParameter;
pub use types::*;

pub use examples::template_matches;
use examples::{check_requests, check_responses, match_examples};

use crate::ir::*;
use crate::names::{is_type_word, page_namespace, qualify, Names};
use crate::subject::PageKind;
use graphgen_diag::{Code, Diagnostic, Severity};
use graphgen_parse::{BodyStatementKind, OperationFacts, Page, UrlTemplate};
/// Parts of a template and a permission row, as the parse stage reads them.
pub use graphgen_parse::{FunctionCall, PathParam, PermissionKind, UrlPiece};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// A statement that offers several types ("an [ipNamedLocation] or [countryNamedLocation]
/// object", beta `conditionalaccessroot-post-namedlocations.md:42`) sends or returns one of them:
/// when `ty` is the first link's type, it becomes their nearest common base (`namedLocation`), and
/// the offered types are kept as `alternatives`. Without a common base `ty` stays the first, with
/// a GD0032 note.
fn one_of(
    schema: &Schema,
    ty: Option<String>,
    first: Option<&str>,
    offered: Vec<String>,
    source: &Source,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Option<String>, Vec<String>) {
    let Some(first) = first.filter(|f| !offered.is_empty() && ty.as_deref() == Some(*f)) else {
        return (ty, Vec::new());
    };
    let mut all = vec![first.to_owned()];
    for o in offered {
        if !all.contains(&o) {
            all.push(o);
        }
    }
    if all.len() == 1 {
        return (ty, Vec::new());
    }
    let chain = |name: &str| -> Vec<String> {
        let mut out = vec![name.to_owned()];
        while let Some(base) = schema
            .types
            .get(out.last().unwrap())
            .and_then(|t| t.base.as_ref())
            .map(|b| b.name.clone())
        {
            if out.contains(&base) {
                break;
            }
            out.push(base);
        }
        out
    };
    let chains: Vec<Vec<String>> = all.iter().map(|n| chain(n)).collect();
    let common = chains[0]
        .iter()
        .find(|c| chains[1..].iter().all(|other| other.contains(c)))
        .cloned();
    match common {
        Some(base) => (Some(base), all),
        None => {
            diagnostics.push(
                Diagnostic::new(
                    Code::UnreadOperation,
                    source.span(),
                    format!(
                        "the statement offers {} but they share no base type; it is read as `{}`",
                        all.iter()
                            .map(|n| format!("`{}`", simple_name(n)))
                            .collect::<Vec<_>>()
                            .join(" or "),
                        simple_name(first)
                    ),
                )
                .with_severity(Severity::Note),
            );
            (ty, all)
        }
    }
}

/// Builds the operation of every API page. Runs after examples are classified, so response
/// examples can be checked against the stated response type.
pub(crate) fn build(
    schema: &mut Schema,
    pages: &[&Page],
    subjects: &HashMap<Arc<str>, (PageKind, Option<String>)>,
    names: &mut Names,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut responses: BTreeMap<&str, Vec<&Example>> = BTreeMap::new();
    for e in schema
        .examples
        .iter()
        .filter(|e| matches!(e.kind, ExampleKind::Response | ExampleKind::Request))
    {
        responses.entry(&e.source.file).or_default().push(e);
    }
    let mut out = Vec::new();
    for page in pages {
        let Some(facts) = &page.operation else {
            continue;
        };
        if facts.templates.is_empty() {
            continue;
        }
        let op = operation(schema, page, facts, subjects, names, diagnostics);
        let checked = check_responses(
            schema,
            &op,
            responses.get(&*page.path).map_or(&[][..], |v| v.as_slice()),
        );
        diagnostics.extend(checked);
        diagnostics.extend(check_requests(
            schema,
            &op,
            responses.get(&*page.path).map_or(&[][..], |v| v.as_slice()),
        ));
        out.push(op);
    }
    schema.operations = out;
    media::attach(schema, pages, diagnostics);
}

/// The type a link of an API page names: the subject of the page it points at
/// (`[range](../resources/range.md)` is `workbookRange`), else the type its text names.
pub(crate) fn link_type(
    path: &Arc<str>,
    link: &graphgen_parse::Link,
    ns: &str,
    subjects: &HashMap<Arc<str>, (PageKind, Option<String>)>,
    names: &mut Names,
) -> Option<String> {
    let target = graphgen_parse::resolve_relative(path, &link.dest)
        .and_then(|p| subjects.get(p.as_str()))
        .and_then(|(kind, s)| (*kind != PageKind::CreateOrUpdate).then(|| s.clone()))
        .flatten();
    target.or_else(|| {
        let text = link.text.trim().trim_matches(['`', '*']);
        let link_ns = names
            .pages
            .link_namespace(path, link)
            .unwrap_or(ns)
            .to_owned();
        is_type_word(text).then(|| names.canonical(&qualify(text, &link_ns)))
    })
}

fn operation(
    schema: &Schema,
    page: &Page,
    facts: &OperationFacts,
    subjects: &HashMap<Arc<str>, (PageKind, Option<String>)>,
    names: &mut Names,
    diagnostics: &mut Vec<Diagnostic>,
) -> Operation {
    let subject = subjects.get(&page.path).cloned();
    let ns = page_namespace(page);
    let path = &page.path;
    let templates: Vec<Template> = facts.templates.iter().map(|t| template(path, t)).collect();
    let method = templates[0].method.clone();
    if let Some(other) = templates.iter().find(|t| t.method != method) {
        diagnostics.push(
            Diagnostic::new(
                Code::UnreadOperation,
                other.source.span(),
                format!(
                    "the templates of this page use several methods ({method} and {}); the operation's kind follows the first",
                    other.method
                ),
            )
            .with_severity(Severity::Note)
            .with_related(templates[0].source.span(), "the first template"),
        );
    }
    let create_or_update = subject
        .as_ref()
        .filter(|(k, _)| *k == PageKind::CreateOrUpdate)
        .and_then(|(_, s)| s.clone());
    // A link names the subject of the page it points at (`[range](../resources/range.md)` is
    // `workbookRange`); else its text names a type.
    let mut link_type = |link: &graphgen_parse::Link| link_type(path, link, &ns, subjects, names);

    let patch_response = (method == "PATCH")
        .then_some(facts.response.as_ref())
        .flatten()
        .filter(|r| !r.collection)
        .and_then(|r| r.link.as_ref())
        .and_then(&mut link_type);
    let request = facts.request_body.as_ref().map(|b| {
        let source = Source::new(path, b.line);
        let linked = b.link.as_ref().and_then(&mut link_type);
        let action = subject.as_ref().is_some_and(|(k, _)| *k == PageKind::Action);
        if action && b.kind == BodyStatementKind::Representation {
            diagnostics.push(
                Diagnostic::new(
                    Code::UnreadOperation,
                    source.span(),
                    format!(
                        "the Request body says it is a representation of `{}`, but its table lists parameters; it is read as the parameters",
                        b.link.as_ref().map_or("", |l| l.text.as_str())
                    ),
                )
                .with_help("say \"provide a JSON object with the following parameters\""),
            );
        }
        let (kind, ty) = match b.kind {
            _ if action => (
                RequestKind::Parameters,
                subject.as_ref().and_then(|(_, s)| s.clone()),
            ),
            BodyStatementKind::None => (RequestKind::None, None),
            BodyStatementKind::Representation => {
                (RequestKind::Model, create_or_update.clone().or(linked.clone()))
            }
            // A PATCH updates the resource at its URL, which the response returns ("Move a
            // DriveItem": PATCH, "returns ... the updated [driveItem]", `driveitem-move.md:59`).
            BodyStatementKind::Update => (
                RequestKind::Partial,
                create_or_update
                    .clone()
                    .or(linked.clone())
                    .or_else(|| patch_response.clone()),
            ),
            // A Create/Update page's table is its subject's rows (`group-post-groups.md`: "the
            // following table lists the properties"), whatever the statement calls them.
            BodyStatementKind::Parameters if create_or_update.is_some() => (
                if matches!(method.as_str(), "PATCH" | "PUT") {
                    RequestKind::Partial
                } else {
                    RequestKind::Model
                },
                create_or_update.clone(),
            ),
            BodyStatementKind::Parameters => (RequestKind::Parameters, None),
            // Not understood, but the page's subject is what it creates or updates.
            BodyStatementKind::Other => (RequestKind::Unknown, create_or_update.clone()),
        };
        if kind == RequestKind::Unknown {
            diagnostics.push(
                Diagnostic::new(
                    Code::UnreadOperation,
                    source.span(),
                    "the Request body statement says neither a type, parameters nor no body",
                )
                .with_severity(Severity::Note)
                .with_help("write \"supply a JSON representation of [x](...)\", a parameter table, or \"Do not supply a request body for this method.\""),
            );
        }
        let offered: Vec<String> = b.alternatives.iter().filter_map(&mut link_type).collect();
        let (ty, alternatives) =
            one_of(schema, ty, linked.as_deref(), offered, &source, diagnostics);
        RequestBody {
            kind,
            ty: ty.map(|t| TypeRef::new(t, false)),
            text: (kind == RequestKind::Unknown).then(|| b.text.clone()),
            alternatives,
            source,
        }
    });

    // A POST or PUT to a `$ref` template sends an entity reference (v1.0
    // `application-post-owners.md:30,39`: "supply the identifier of the directory object").
    let to_ref =
        matches!(method.as_str(), "POST" | "PUT") && templates[0].suffix.as_deref() == Some("$ref");
    let request = match request {
        Some(r) if to_ref && r.kind != RequestKind::None => Some(RequestBody {
            kind: RequestKind::Reference,
            ty: None,
            text: None,
            alternatives: Vec::new(),
            source: r.source,
        }),
        None if to_ref => Some(RequestBody {
            kind: RequestKind::Reference,
            ty: None,
            text: None,
            alternatives: Vec::new(),
            source: templates[0].source.clone(),
        }),
        other => other,
    };

    // A page that answers with a download (`302 Found` to a download URL: a CSV report) or with
    // JSON states each under its own heading: the JSON statement is the response, and the
    // download a media alternative to it (`media.rs`).
    let stated = match &facts.response {
        Some(r) if media::is_download_redirect(r) => facts
            .response_alternatives
            .iter()
            .find(|a| a.link.is_some() && !media::is_download_redirect(a))
            .or(Some(r)),
        other => other.as_ref(),
    };
    let response = match stated {
        Some(r) => {
            let source = Source::new(path, r.line);
            let named = r
                .link
                .as_ref()
                .and_then(&mut link_type)
                .or_else(|| r.primitive.as_ref().map(|p| format!("Edm.{p}")));
            if r.status.is_none() {
                diagnostics.push(
                    Diagnostic::new(
                        Code::UnreadOperation,
                        source.span(),
                        "the Response statement names no status code",
                    )
                    .with_severity(Severity::Note)
                    .with_help("write the code in backticks: returns a `200 OK` response code"),
                );
            }
            let linked = r.link.as_ref().and_then(&mut link_type);
            let offered: Vec<String> = r.alternatives.iter().filter_map(&mut link_type).collect();
            let (named, alternatives) = one_of(
                schema,
                named,
                linked.as_deref(),
                offered,
                &source,
                diagnostics,
            );
            Some(Response {
                status: r.status,
                ty: named.map(|n| TypeRef::new(n, r.collection)),
                no_body: r.no_body,
                alternatives,
                source,
            })
        }
        None => {
            let line = page
                .headings
                .iter()
                .find(|h| h.text.trim().eq_ignore_ascii_case("response"))
                .map_or(templates[0].source.line, |h| h.line);
            diagnostics.push(
                Diagnostic::new(
                    Code::UnreadOperation,
                    Source::new(path, line).span(),
                    "the page states no response (no \"If successful, this method returns ...\" sentence)",
                )
                .with_severity(Severity::Note),
            );
            None
        }
    };

    let permissions = match &facts.permissions {
        Some(p) => Some(OperationPermissions {
            columns: p.columns.clone(),
            include: p.include.as_ref().map(|i| i.value.clone()),
            missing: p.missing,
            rows: p
                .rows
                .iter()
                .map(|r| Permission {
                    kind: r.kind,
                    label: (r.kind == PermissionKind::Other).then(|| r.label.clone()),
                    names: r.names.clone(),
                    not_supported: r.not_supported,
                    todo: r.todo,
                    other: r.other.clone(),
                    source: Source::new(&p.file, r.line),
                })
                .collect(),
            source: Source::new(&p.file, p.line),
        }),
        None => {
            diagnostics.push(
                Diagnostic::new(
                    Code::PermissionsNotStated,
                    templates[0].source.span(),
                    "the page has no permissions table",
                )
                .with_severity(Severity::Note)
                .with_help("add a `## Permissions` section with a `Permission type` table"),
            );
            None
        }
    };

    let has_function_parameters = page
        .headings
        .iter()
        .any(|h| h.text.trim().eq_ignore_ascii_case("function parameters"));
    let first = &facts.templates[0];
    let kind = match method.as_str() {
        "DELETE" => OperationKind::Delete,
        "PATCH" | "PUT" => OperationKind::Update,
        "GET" if first.function.is_some() || has_function_parameters => OperationKind::Function,
        "GET"
            if response
                .as_ref()
                .and_then(|r| r.ty.as_ref())
                .is_some_and(|t| t.collection) =>
        {
            OperationKind::List
        }
        "GET" => OperationKind::Get,
        _ if first.function.is_some() => OperationKind::Action,
        _ if first.suffix.as_deref() == Some("$ref")
            || create_or_update.is_some()
            || request
                .as_ref()
                .is_some_and(|r| r.kind == RequestKind::Model)
            || response.as_ref().is_some_and(|r| r.status == Some(201)) =>
        {
            OperationKind::Create
        }
        _ => OperationKind::Action,
    };

    // A function's parameter table: GET pages without a subject (an action's table is its
    // parameter type, a create/update page's its subject's rows).
    let read_rows: Vec<u32> = facts
        .headers
        .iter()
        .map(|h| h.line)
        .chain(facts.query_options.iter().map(|q| q.line))
        .collect();
    let parameters = if method == "GET" && subject.as_ref().is_none_or(|(_, s)| s.is_none()) {
        parameters::function_parameters(page, &templates, &read_rows, names, diagnostics)
    } else {
        Vec::new()
    };
    let example_requests = match_examples(page, &templates, diagnostics);
    let lead = crate::descriptions::lead(page);
    Operation {
        name: page
            .path
            .rsplit('/')
            .next()
            .unwrap_or(&page.path)
            .trim_end_matches(".md")
            .to_owned(),
        kind,
        method,
        title: page.title.as_ref().map(|t| t.value.clone()),
        description: lead.as_ref().map(|l| l.0.clone()),
        description_source: lead.map(|l| l.1),
        templates,
        parameters,
        query_options: facts
            .query_options
            .iter()
            .map(|q| q.value.clone())
            .collect(),
        headers: facts
            .headers
            .iter()
            .map(|h| Header {
                name: h.name.clone(),
                required: h.required,
                source: Source::new(path, h.line),
            })
            .collect(),
        request,
        response,
        permissions,
        media: Vec::new(),
        example_requests,
        source: page
            .title
            .as_ref()
            .map_or_else(|| Source::new(path, 1), |t| Source::new(path, t.line)),
    }
}

fn template(path: &Arc<str>, t: &UrlTemplate) -> Template {
    Template {
        method: t.method.clone(),
        path: t.path.clone(),
        query: t.query.clone(),
        params: t.params.clone(),
        function: t.function.clone(),
        suffix: t.suffix.clone(),
        pieces: t.pieces.clone(),
        source: Source::new(path, t.line),
    }
}

/// Counts of operations by kind, and of example requests matched / not matched to a template.
pub fn operation_counts(schema: &Schema) -> (BTreeMap<&'static str, usize>, usize, usize) {
    let mut kinds = BTreeMap::new();
    let (mut matched, mut unmatched) = (0, 0);
    for op in &schema.operations {
        *kinds.entry(op.kind.as_str()).or_default() += 1;
        for e in &op.example_requests {
            if e.template.is_some() {
                matched += 1;
            } else {
                unmatched += 1;
            }
        }
    }
    (kinds, matched, unmatched)
}

#[cfg(test)]
mod media_tests;
#[cfg(test)]
mod tests;
