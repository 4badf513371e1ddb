//! Methods tables of resource pages.

use crate::ir::*;
use crate::names::Names;
use crate::types::{parse_type_cell, TypeExpr};
use graphgen_parse::{Page, TableKind};

/// The rows of a resource page's Methods tables.
pub(crate) fn method_rows(
    page: &Page,
    ns: &str,
    names: &mut Names,
    used: &mut crate::unread::Used,
) -> Vec<Method> {
    let mut out = Vec::new();
    for table in &page.tables {
        let TableKind::Methods {
            method,
            returns,
            description,
        } = table.kind
        else {
            continue;
        };
        used.mark(page, table.line);
        for row in &table.rows {
            let Some(cell) = row.cells.get(method) else {
                continue;
            };
            if row.group.is_some() {
                continue;
            }
            let name = cell.text.trim().to_owned();
            if name.is_empty() {
                continue;
            }
            let returns = returns
                .and_then(|r| row.cells.get(r))
                .map(|c| {
                    let link_ns = c
                        .links
                        .first()
                        .and_then(|l| names.pages.link_namespace(&page.path, l))
                        .unwrap_or(ns)
                        .to_owned();
                    (c, parse_type_cell(c, &link_ns))
                })
                .and_then(|(c, t)| match t {
                    TypeExpr::Known(t) if !c.text.trim().eq_ignore_ascii_case("none") => {
                        Some(TypeRef {
                            name: names.canonical(&t.name),
                            ..t
                        })
                    }
                    _ => None,
                });
            out.push(Method {
                name,
                returns,
                description: description
                    .and_then(|d| row.cells.get(d))
                    .map(|c| c.markdown.clone())
                    .filter(|d| !d.is_empty()),
                source: Source::new(&page.path, row.line),
            });
        }
    }
    out
}
