//! Type names in a namespace no page states: `#Microsoft.OutlookServices.ConversationThread`
//! (v1.0 conversationthread-update.md:62), `Microsoft.Identity.Governance.Common.Data.
//! ExternalModels.V1.unifiedRoleAssignmentScheduleRequest` (beta), `NAV.PostalAddress` (beta
//! dynamics pages). The docs show they are the microsoft.graph type of the same simple name: an
//! open extension's `id` is `Microsoft.OutlookServices.OpenTypeExtension.Com.Contoso.Referral`
//! while its `@odata.type` is `#microsoft.graph.openTypeExtension` (v1.0
//! opentypeextension-update.md:105-109). `Names::canonical` reads such a name as the
//! microsoft.graph type when a page declares that type; this pass reports every place one is
//! written, with what it was read as.

use crate::ir::*;
use crate::names::{is_type_word, page_namespace, qualify, Names};
use crate::types::{parse_type_cell, TypeExpr};
use graphgen_diag::{Code, Diagnostic, Span};
use graphgen_parse::{JsonNode, Page, TableKind};

/// One diagnostic per line that writes a type name in a namespace no page states.
pub(crate) fn report(pages: &[&Page], names: &Names, diagnostics: &mut Vec<Diagnostic>) {
    for page in pages {
        let ns = page_namespace(page);
        let mut found: Vec<(u32, String)> = Vec::new();
        for block in &page.code_blocks {
            if let Some(a) = &block.annotation {
                for key in ["@odata.type", "baseType"] {
                    if let Some(t) = a.str_field(key) {
                        found.push((a.line, t.to_owned()));
                    }
                }
            }
            let body = block
                .http
                .as_ref()
                .and_then(|h| h.body())
                .or(block.json.as_ref());
            if let Some(tree) = body.and_then(|b| b.tree.as_ref()) {
                odata_types(tree, &mut found);
            }
        }
        for table in &page.tables {
            let ty_col = match table.kind {
                TableKind::Properties { ty, .. } | TableKind::Relationships { ty, .. } => ty,
                _ => continue,
            };
            for row in &table.rows {
                if let Some(TypeExpr::Known(t)) =
                    row.cells.get(ty_col).map(|c| parse_type_cell(c, &ns))
                {
                    found.push((row.line, t.name));
                }
            }
        }
        found.sort();
        found.dedup();
        for (line, written) in found {
            let name = written
                .trim()
                .trim_start_matches('#')
                .trim_start_matches("Collection(")
                .trim_start_matches("collection(")
                .trim_end_matches(')');
            if !is_type_word(name) || name.starts_with("Edm.") {
                continue;
            }
            let qualified = qualify(name, &ns);
            let Some(graph) = names.pages.foreign(&qualified) else {
                continue;
            };
            let foreign_ns = qualified.rsplit_once('.').map_or("", |(n, _)| n);
            let span = Span::line(&page.path, line);
            let diagnostic = match names.pages.graph_type_for_foreign(&qualified) {
                Some(g) => {
                    let graph = names.kept(&g).unwrap_or(&g);
                    Diagnostic::new(
                    Code::ForeignTypeName,
                    span,
                    format!(
                        "`{name}` is a legacy name of `{graph}`: no page states namespace `{foreign_ns}`, and a page declares `{}`; read as that type",
                        simple_name(graph)
                    ),
                )
                .with_help(format!("write `{graph}`"))
                }
                None => Diagnostic::new(
                    Code::ForeignTypeName,
                    span,
                    format!(
                        "`{name}` is in namespace `{foreign_ns}`, which no page states, and no page declares `{graph}`; the name is kept as written"
                    ),
                )
                .with_help("name a type a page declares, like `microsoft.graph.x`"),
            };
            diagnostics.push(diagnostic);
        }
    }
}

/// Every `@odata.type` string of a body, with its line.
fn odata_types(node: &JsonNode, out: &mut Vec<(u32, String)>) {
    match node {
        JsonNode::Object(members) => {
            for m in members {
                if m.key == "@odata.type" {
                    if let Some(t) = m.value.as_str() {
                        out.push((m.line, t.to_owned()));
                    }
                }
                odata_types(&m.value, out);
            }
        }
        JsonNode::Array(items) => items.iter().for_each(|i| odata_types(i, out)),
        _ => {}
    }
}
