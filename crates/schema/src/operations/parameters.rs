//! Function parameters: the parameter table of a GET page with a call segment
//! (`/reminderView(StartDateTime={x},EndDateTime={y})`), checked against the call's arguments.

use super::Template;
use crate::ir::*;
use crate::names::{page_namespace, Names};
use crate::types::{parse_type_cell, TypeExpr};
use graphgen_diag::{Code, Diagnostic, Severity};
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
