//! GD0018: a property of a resource page's Properties table that its JSON representation leaves
//! out.
//!
//! Only resource pages (`# x resource type`) with a JSON representation (a code block annotated
//! `"blockType": "resource"` whose body could be read) are looked at, and only the rows of
//! property tables in the `Properties` section: relationships are usually left out of the
//! representation on purpose, and tables in sections such as "Properties of a token issuance
//! policy definition" or "Instance attributes" describe something else.

use crate::source::PageText;
use graphgen_diag::{Code, Diagnostic};
use graphgen_parse::{JsonNode, Page, TableKind};
use std::collections::HashSet;

pub(crate) fn check(page: &Page, text: &PageText<'_>, out: &mut Vec<Diagnostic>) {
    let is_resource_page = page.title.as_ref().is_some_and(|t| {
        t.value
            .trim()
            .to_ascii_lowercase()
            .ends_with("resource type")
    });
    if !is_resource_page {
        return;
    }
    let Some((block, members)) = page.code_blocks.iter().find_map(|b| {
        let annotation = b.annotation.as_ref()?;
        if annotation.block_type() != Some("resource") {
            return None;
        }
        let body = b.json.as_ref().or_else(|| b.http.as_ref()?.body())?;
        match body.tree.as_ref()? {
            JsonNode::Object(members) => Some((b, members)),
            _ => None,
        }
    }) else {
        return;
    };
    let keys: HashSet<&str> = members.iter().map(|m| m.key.as_str()).collect();
    for table in &page.tables {
        let TableKind::Properties { name, .. } = table.kind else {
            continue;
        };
        if !table
            .section
            .as_deref()
            .is_some_and(|s| s.trim().eq_ignore_ascii_case("properties"))
        {
            continue;
        }
        for row in &table.rows {
            let Some(cell) = row.cells.get(name) else {
                continue;
            };
            let property = cell.text.trim().trim_matches(['`', '*', ' ']);
            if property.is_empty()
                || !property
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '@' | '.'))
                || keys.contains(property)
            {
                continue;
            }
            let line = text.line(row.line).unwrap_or("");
            let cell_start = line
                .char_indices()
                .nth(cell.column.saturating_sub(1) as usize)
                .map_or(0, |(i, _)| i);
            let span = match line[cell_start..].find(property) {
                Some(i) => text.span(row.line, cell_start + i, cell_start + i + property.len()),
                None => text.line_span(row.line),
            };
            let other_case = members
                .iter()
                .find(|m| m.key.eq_ignore_ascii_case(property));
            let diagnostic = match other_case {
                Some(member) => Diagnostic::new(
                    Code::PropertyMissingFromJson,
                    span,
                    format!(
                        "property `{property}` is spelled `{}` in the JSON representation",
                        member.key
                    ),
                )
                .with_related(text.line_span(member.line), "spelled this way here")
                .with_help("JSON names are case-sensitive; spell both the same way"),
                None => Diagnostic::new(
                    Code::PropertyMissingFromJson,
                    span,
                    format!("property `{property}` is not in the JSON representation"),
                )
                .with_related(text.line_span(block.line), "the JSON representation")
                .with_help(format!(
                    "add `\"{property}\"` to the JSON representation, or remove the row"
                )),
            };
            out.push(diagnostic);
        }
    }
}
