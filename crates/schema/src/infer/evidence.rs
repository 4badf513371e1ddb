//! A property's table type that every example value contradicts (`GD0067`).
//!
//! The docs sometimes contradict themselves: beta textColumn.md:37 types `allowMultipleLines`
//! `string`, while its JSON representation (textColumn.md:25) and every API example give `true`
//! or `false`. When all the example values of a table property, across the corpus, contradict the
//! table, agree with one another on one JSON kind that no placeholder is written as (booleans,
//! numbers, arrays) and no example agrees with the table, the property's type follows the
//! examples, with a warning at the Type cell. Strings and objects never overrule a table: a
//! string may be a placeholder (`"controlStateUpdates-value"` for a collection) or a docs error
//! (`"true"` for a Boolean, a GUID for a Boolean), and an object where a string or an enum is
//! declared does not say which type it is. A number never overrules a numeric type (`1024` for a
//! Byte is out of range, not another type), and a single value never overrules a collection (the
//! brackets missing from one example are a typo more often than a table's `collection` is).
//!
//! Runs after shape inference and before classification, so the check that decides whether a
//! body becomes a test sees the corrected type.

use super::{is_annotation_key, Candidate};
use crate::ir::*;
use graphgen_diag::{Code, Diagnostic, Span};
use graphgen_parse::{JsonNode, Page, TableKind};
use std::collections::BTreeMap;
use std::sync::Arc;

/// One value an example gives a property.
struct Seen<'a> {
    node: &'a JsonNode,
    file: Arc<str>,
    line: u32,
}

/// The JSON kind of a value, as far as overruling a table goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Bool,
    Number,
    Array,
    Other,
}

fn kind(node: &JsonNode) -> Kind {
    match node {
        JsonNode::Bool(_) => Kind::Bool,
        JsonNode::Number(_) => Kind::Number,
        JsonNode::Array(_) => Kind::Array,
        _ => Kind::Other,
    }
}

/// `null`, and a placeholder a template writes instead of data (`"string"` in beta message.md:80
/// for `unsubscribeData`), say nothing about the type of the data: they are not evidence.
fn says_nothing(node: &JsonNode) -> bool {
    match node {
        JsonNode::Null => true,
        JsonNode::String(s) => super::placeholder_type(s).is_some(),
        _ => false,
    }
}

/// Collects the values of table properties in `node`, read as `ty`.
fn walk<'a>(
    schema: &Schema,
    ty: &str,
    node: &'a JsonNode,
    file: &Arc<str>,
    out: &mut BTreeMap<(String, String), Vec<Seen<'a>>>,
) {
    match node {
        JsonNode::Array(items) => {
            for item in items {
                walk(schema, ty, item, file, out);
            }
        }
        JsonNode::Object(members) => {
            let own = super::classify::own_type(schema, ty, node).unwrap_or(ty);
            let props = schema.all_properties(own);
            for m in members.iter().filter(|m| !is_annotation_key(&m.key)) {
                let Some((owner, p)) = props.iter().find(|(_, p)| p.name == m.key) else {
                    continue;
                };
                if p.origin == Origin::Table {
                    out.entry((owner.name.clone(), p.name.clone()))
                        .or_default()
                        .push(Seen {
                            node: &m.value,
                            file: file.clone(),
                            line: m.line,
                        });
                }
                let structured = schema
                    .types
                    .get(&p.ty.name)
                    .is_some_and(|t| t.kind != TypeKind::Enum);
                if structured {
                    walk(schema, &p.ty.name, &m.value, file, out);
                }
            }
        }
        _ => {}
    }
}

/// The type the values say, when they overrule `table` (see the module comment).
fn overruling_type(schema: &Schema, table: &TypeRef, values: &[&Seen<'_>]) -> Option<TypeRef> {
    let first = kind(values.first()?.node);
    if first == Kind::Other || values.iter().any(|v| kind(v.node) != first) {
        return None;
    }
    if table.collection || table.name == "Edm.Untyped" {
        return None;
    }
    if values
        .iter()
        .any(|v| crate::validate::value(schema, table, v.node, "$", v.line, false).is_ok())
    {
        return None;
    }
    let table_kind = crate::validate::json_kind(&table.name);
    match first {
        Kind::Bool if table.is_primitive() && table_kind != Some("boolean") => {
            Some(TypeRef::new("Edm.Boolean", false))
        }
        Kind::Number if table.is_primitive() && table_kind != Some("number") => {
            let integers = values.iter().all(|v| match v.node {
                JsonNode::Number(n) => n.parse::<i64>().is_ok(),
                _ => false,
            });
            // An integer example does not tell the width; Int64 reads every value an Int32 would.
            Some(TypeRef::new(
                if integers { "Edm.Int64" } else { "Edm.Double" },
                false,
            ))
        }
        Kind::Array => {
            let collection = TypeRef::new(table.name.clone(), true);
            let fits = values.iter().all(|v| {
                crate::validate::value(schema, &collection, v.node, "$", v.line, false).is_ok()
            });
            let shown = values
                .iter()
                .any(|v| matches!(v.node, JsonNode::Array(items) if !items.is_empty()));
            (fits && shown).then_some(collection)
        }
        _ => None,
    }
}

/// The kind of a value in words: (one, several).
fn kind_words(node: &JsonNode) -> (&'static str, &'static str) {
    match kind(node) {
        Kind::Bool => ("a boolean", "booleans"),
        Kind::Number => ("a number", "numbers"),
        Kind::Array => ("an array", "arrays"),
        Kind::Other => ("a value", "values"),
    }
}

/// The Type cell of the table row at `source`, for the warning's span.
fn type_cell(pages: &[&Page], source: &Source) -> Span {
    let cell = pages
        .iter()
        .find(|p| p.path == source.file)
        .into_iter()
        .flat_map(|p| &p.tables)
        .find_map(|t| {
            let ty = match t.kind {
                TableKind::Properties { ty, .. } | TableKind::Relationships { ty, .. } => ty,
                _ => return None,
            };
            t.rows
                .iter()
                .find(|r| r.line == source.line)
                .and_then(|r| r.cells.get(ty))
        });
    match cell {
        Some(c) => Span {
            file: source.file.clone(),
            line: source.line,
            column: c.column,
            len: c.markdown.chars().count() as u32,
        },
        None => source.span(),
    }
}

pub(super) fn overrule_tables(
    schema: &mut Schema,
    candidates: &[Candidate<'_>],
    pages: &[&Page],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut observed: BTreeMap<(String, String), Vec<Seen<'_>>> = BTreeMap::new();
    for c in candidates {
        if c.reference
            || c.content_type
                .as_deref()
                .is_some_and(|ct| !ct.contains("json"))
        {
            continue;
        }
        let (Some(target), Some(tree)) = (&c.target, &c.body.tree) else {
            continue;
        };
        // Only structured targets hold properties.
        if schema
            .types
            .get(target)
            .is_none_or(|t| t.kind == TypeKind::Enum)
        {
            continue;
        }
        let objects = match (c.collection, tree.member("value")) {
            (true, Some(m)) => &m.value,
            _ => tree,
        };
        walk(schema, target, objects, &c.page.path, &mut observed);
    }
    let mut changes = Vec::new();
    for ((owner, name), seen) in &observed {
        let values: Vec<&Seen<'_>> = seen.iter().filter(|s| !says_nothing(s.node)).collect();
        let Some(p) = schema
            .types
            .get(owner)
            .and_then(|t| t.properties.iter().find(|p| &p.name == name))
        else {
            continue;
        };
        let Some(ty) = overruling_type(schema, &p.ty, &values) else {
            continue;
        };
        let Some(row) = p.sources.first() else {
            continue;
        };
        let mut lines: Vec<String> = values
            .iter()
            .map(|v| format!("{}:{}", v.file, v.line))
            .collect();
        lines.dedup();
        let shown = lines.len().min(4);
        let more = match lines.len() - shown {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        let mut d = Diagnostic::new(
            Code::ExamplesOverruleTable,
            type_cell(pages, row),
            format!(
                "`{name}` of `{}` is typed `{}` here, but {} ({}{more}): it is read as `{ty}`",
                simple_name(owner),
                p.ty,
                match values.len() {
                    1 => format!("its only example value is {}", kind_words(values[0].node).0),
                    n => format!(
                        "all {n} example values are {}",
                        kind_words(values[0].node).1
                    ),
                },
                lines[..shown].join(", "),
            ),
        )
        .with_help(format!("correct the Type cell to `{ty}`, or the examples"));
        for v in values.iter().take(shown) {
            d = d.with_related(
                Span::line(&v.file, v.line),
                crate::validate::describe(v.node),
            );
        }
        diagnostics.push(d);
        changes.push((owner.clone(), name.clone(), ty));
    }
    for (owner, name, ty) in changes {
        if let Some(p) = schema
            .types
            .get_mut(&owner)
            .and_then(|t| t.properties.iter_mut().find(|p| p.name == name))
        {
            p.ty = ty;
        }
    }
}
