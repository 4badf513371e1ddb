//! Action parameter types (`parameter_subject`) and function parameters: the parameter table of a GET page with a call segment
//! (`/reminderView(StartDateTime={x},EndDateTime={y})`), checked against the call's arguments.

use super::Template;
use crate::ir::*;
use crate::names::{is_type_word, page_namespace, qualify, Names};
use crate::types::{parse_type_cell, TypeExpr};
use graphgen_diag::{Code, Diagnostic, Severity};
use graphgen_parse::BodyStatementKind;
use graphgen_parse::{Page, TableKind};
use serde::Serialize;

/// One row of a function's parameter table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FunctionParameter {
    pub name: String,
    /// The Type cell, read like a property's (`Edm.Untyped` when it cannot be read).
    #[serde(flatten)]
    pub ty: TypeRef,
    /// The description says "Required" (true) or "Optional" (false); omitted when it says neither.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub source: Source,
}

/// The Properties-shaped tables of a page without a subject type that stand under a parameters
/// heading ("Function parameters", "Parameters"), minus the rows an operation statement already
/// read (query options, headers).
pub(crate) fn parameter_tables<'p>(
    page: &'p Page,
    read_rows: &[u32],
) -> Vec<&'p graphgen_parse::Table> {
    page.tables
        .iter()
        .filter(|t| matches!(t.kind, TableKind::Properties { .. }))
        .filter(|t| {
            t.section.as_deref().is_some_and(|s| {
                let s = s.to_ascii_lowercase();
                s.contains("parameter") && !s.contains("query") && !s.contains("request body")
            })
        })
        .filter(|t| !t.rows.iter().any(|r| read_rows.contains(&r.line)))
        .collect()
}

fn required(description: &str) -> Option<bool> {
    let lower = description.to_ascii_lowercase();
    if lower.contains("optional") {
        Some(false)
    } else if lower.contains("required") {
        Some(true)
    } else {
        None
    }
}

/// The function parameters a page states, with a `GD0065` for every table row no template's call
/// names and every call argument no row names.
pub(crate) fn function_parameters(
    page: &Page,
    templates: &[Template],
    read_rows: &[u32],
    names: &mut Names,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<FunctionParameter> {
    let ns = page_namespace(page);
    let mut out: Vec<FunctionParameter> = Vec::new();
    for table in parameter_tables(page, read_rows) {
        let TableKind::Properties {
            name,
            ty,
            description,
        } = table.kind
        else {
            continue;
        };
        for row in table.rows.iter().filter(|r| r.group.is_none()) {
            let Some(n) = row
                .cells
                .get(name)
                .map(|c| c.text.trim().trim_matches('`').trim())
            else {
                continue;
            };
            if n.is_empty() {
                continue;
            }
            let ty = match row.cells.get(ty).map(|c| parse_type_cell(c, &ns)) {
                Some(TypeExpr::Known(t)) => TypeRef {
                    name: names.canonical(&t.name),
                    ..t
                },
                _ => TypeRef::new("Edm.Untyped", false),
            };
            let text = description
                .and_then(|d| row.cells.get(d))
                .map(|c| c.markdown.trim().to_owned())
                .filter(|d| !d.is_empty());
            out.push(FunctionParameter {
                name: n.to_owned(),
                ty,
                required: text.as_deref().and_then(required),
                description: text,
                source: Source::new(&page.path, row.line),
            });
        }
    }
    let calls: Vec<&Template> = templates.iter().filter(|t| t.function.is_some()).collect();
    if out.is_empty() {
        return out;
    }
    if calls.is_empty() {
        // No call segment: a row names a parameter of a template (`Path parameters` of
        // `opentypeextension-get.md`), or it is a function argument the templates do not show
        // (`range-cell.md`: `row`, `column` and `GET .../range/cell`).
        for p in &out {
            let in_template = templates.iter().any(|t| {
                t.params.iter().any(|tp| {
                    tp.name.eq_ignore_ascii_case(&p.name)
                        || tp
                            .alternatives
                            .iter()
                            .any(|a| a.eq_ignore_ascii_case(&p.name))
                })
            });
            if !in_template {
                diagnostics.push(
                    Diagnostic::new(
                        Code::FunctionParameterMismatch,
                        p.source.span(),
                        format!(
                            "parameter `{}` is in the table, but no template has a call or a `{{{}}}` to pass it",
                            p.name, p.name
                        ),
                    )
                    .with_related(templates[0].source.span(), "the first template")
                    .with_help("write the call in the HTTP request section (`/cell(row={row},column={column})`)"),
                );
            }
        }
        return out;
    }
    let argument_names = |t: &Template| -> Vec<String> {
        t.function
            .as_ref()
            .map(|f| {
                f.arguments
                    .iter()
                    .map(|(a, _)| a.trim().to_owned())
                    .collect()
            })
            .unwrap_or_default()
    };
    for p in &out {
        let named = calls.iter().any(|t| {
            argument_names(t)
                .iter()
                .any(|a| a.eq_ignore_ascii_case(&p.name))
        });
        if !named {
            diagnostics.push(
                Diagnostic::new(
                    Code::FunctionParameterMismatch,
                    p.source.span(),
                    format!(
                        "function parameter `{}` is in the table but in no template's call",
                        p.name
                    ),
                )
                .with_severity(Severity::Warning)
                .with_related(calls[0].source.span(), "the call")
                .with_help(
                    "add the parameter to the call in the HTTP request section, or remove its row",
                ),
            );
        }
    }
    for t in &calls {
        for a in argument_names(t) {
            let a = a.as_str();
            if !out.iter().any(|p| p.name.eq_ignore_ascii_case(a)) {
                diagnostics.push(
                    Diagnostic::new(
                        Code::FunctionParameterMismatch,
                        t.source.span(),
                        format!("call argument `{a}` has no row in the function's parameter table"),
                    )
                    .with_severity(Severity::Warning)
                    .with_related(out[0].source.span(), "the parameter table")
                    .with_help("add a row for it to the parameter table"),
                );
            }
        }
    }
    out
}

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
