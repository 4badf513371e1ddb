//! Operations: one per API page, from what its HTTP request, Request body, Response and
//! Permissions sections say (read by the parse stage into [`OperationFacts`]). Type links are
//! resolved to qualified names here; the page's example requests are matched to its URL
//! templates and its example responses checked against the stated response type.

mod examples;
mod parameters;
mod types;
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

/// The parameter type of an action page: a POST whose Request body section gives a parameter
/// table ("provide a JSON object with the following parameters"). Named after the bound type
/// and the action: `accessReviewInstance: batchRecordDecisions` (title) or
/// `accessreviewinstance-batchrecorddecisions.md` + `.../batchRecordDecisions` (file and template)
/// -> `accessReviewInstanceBatchRecordDecisionsParameters`.
pub(crate) fn parameter_subject(
    page: &Page,
    ns: &str,
    names: &mut Names,
) -> Option<(String, Source)> {
    let facts = page.operation.as_ref()?;
    let first = facts.templates.first()?;
    // Excel's range functions are documented as a GET with a parameter table in the Request
    // body section (`range-boundingrect.md:44`), and their examples send that body.
    if !matches!(first.method.as_str(), "POST" | "GET") || first.suffix.is_some() {
        return None;
    }
    let body = facts.request_body.as_ref()?;
    let tables: Vec<&graphgen_parse::Table> = page
        .tables
        .iter()
        .filter(|t| {
            matches!(t.kind, graphgen_parse::TableKind::Properties { .. })
                && t.section
                    .as_deref()
                    .is_some_and(|s| s.eq_ignore_ascii_case("request body"))
        })
        .collect();
    let parameter_header = tables.iter().any(|t| match t.kind {
        graphgen_parse::TableKind::Properties { name, .. } => t
            .header
            .get(name)
            .is_some_and(|h| h.trim().to_ascii_lowercase().starts_with("parameter")),
        _ => false,
    });
    let wanted = match body.kind {
        // A sentence without a table ("Specify the userIds to dismiss in the request body.",
        // `riskyusers-dismiss.md:44`) over examples that send an object: the parameter type is
        // declared by the sentence and its members are inferred from those bodies.
        BodyStatementKind::Parameters | BodyStatementKind::Other if tables.is_empty() => {
            first.method == "POST" && sends_parameters(page)
        }
        BodyStatementKind::Parameters | BodyStatementKind::Other => true,
        // "supply a JSON representation of [x]" above a `Parameter` table: the table is more
        // specific (`accessreviewinstance-batchrecorddecisions.md`); reported by `operation`.
        BodyStatementKind::Representation => parameter_header,
        _ => false,
    };
    if !wanted {
        return None;
    }
    let title = page.title.as_ref()?;
    let action = match &first.function {
        Some(call) => call.name.clone(),
        None => first
            .path
            .rsplit('/')
            .next()
            .unwrap_or("")
            .trim_end_matches(':')
            .to_owned(),
    };
    // A template ending in `/` names no action (`POST /me/drive/items/{id}/workbook/worksheets/`,
    // `worksheetcollection-add.md:27`): the title's `WorksheetCollection: add` does.
    let action = if action.is_empty() {
        title
            .value
            .split_once(':')
            .map(|(_, a)| a.trim().trim_matches('`').to_owned())
            .unwrap_or_default()
    } else {
        action
    };
    let action = action.rsplit('.').next().unwrap_or(&action).to_owned();
    if !is_type_word(&action) {
        return None;
    }
    // Without a table, only the docs' title convention for an action (`riskyUser: dismiss` over
    // `POST /riskyUsers/dismiss`) tells an action from a POST that adds to a collection
    // (`channel-post-tabs.md`, "Add tab to channel").
    if tables.is_empty()
        && !title
            .value
            .split_once(':')
            .is_some_and(|(_, a)| a.trim().trim_matches('`').eq_ignore_ascii_case(&action))
    {
        return None;
    }
    let bound = title
        .value
        .split_once(':')
        .map(|(b, _)| b.trim().trim_matches('`').to_owned())
        .filter(|b| is_type_word(b))
        .or_else(|| {
            // The file names the bound type: the segment before the action's that a page
            // declares as a type (`intune-apps-mobileapp-assign.md`, title "assign action" ->
            // `mobileApp`), spelled as declared, so that two actions of one name bound to
            // different types (`mobileApp`, `managedEBook`: `assign`) are two parameter types.
            let stem = graphgen_parse::page_stem(&page.path)?;
            let segments: Vec<&str> = stem.split('-').collect();
            let before_action = &segments[..segments.len().saturating_sub(1).max(1)];
            // Nearest the action first; a method word after the first segment is the docs' file
            // naming (`team-post-installedapps.md`), not a type, even where one is so named.
            let declared = before_action
                .iter()
                .enumerate()
                .rev()
                .filter(|(i, s)| {
                    *i == 0
                        || !matches!(
                            **s,
                            "post" | "get" | "list" | "update" | "delete" | "create"
                        )
                })
                .find_map(|(_, s)| {
                    let t = names.pages.declared_spelling(&qualify(s, ns))?;
                    Some(t.rsplit('.').next().unwrap_or(t).to_owned())
                });
            declared.or_else(|| segments.first().map(|s| (*s).to_owned()))
        })?;
    let mut chars = action.chars();
    let upper: String = chars
        .next()
        .map(|c| c.to_ascii_uppercase())
        .into_iter()
        .chain(chars)
        .collect();
    let name = names.canonical(&qualify(&format!("{bound}{upper}Parameters"), ns));
    Some((name, Source::new(&page.path, body.line)))
}

/// Whether an example request of the page sends a JSON object with at least one member that is
/// not an annotation (`{"userIds": [...]}`), as an action's parameters are sent.
fn sends_parameters(page: &Page) -> bool {
    page.code_blocks.iter().any(|b| match &b.http {
        Some(graphgen_parse::HttpMessage::Request {
            method,
            body: Some(body),
            ..
        }) if method.value.eq_ignore_ascii_case("POST") => match &body.tree {
            Some(graphgen_parse::JsonNode::Object(members)) => {
                members.iter().any(|m| !m.key.contains('@'))
            }
            _ => false,
        },
        _ => false,
    })
}

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
    let mut link_type = |link: &graphgen_parse::Link| -> Option<String> {
        let target = graphgen_parse::resolve_relative(path, &link.dest)
            .and_then(|p| subjects.get(p.as_str()))
            .and_then(|(kind, s)| (*kind != PageKind::CreateOrUpdate).then(|| s.clone()))
            .flatten();
        target.or_else(|| {
            let text = link.text.trim().trim_matches(['`', '*']);
            let link_ns = names
                .pages
                .link_namespace(path, link)
                .unwrap_or(&ns)
                .to_owned();
            is_type_word(text).then(|| names.canonical(&qualify(text, &link_ns)))
        })
    };

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

    let response = match &facts.response {
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
mod tests;
