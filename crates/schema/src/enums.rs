//! Enums: members tables (`# x enum type` pages, `### x values` sections) and merging them.

use crate::ir::*;
use crate::names::{ensure, is_type_word, qualify, Names};
use crate::subject::PageKind;
use graphgen_diag::{Code, Diagnostic};
use graphgen_parse::{Page, TableKind};

/// One enum members table: `# x enum type` pages, and `### x values` sections anywhere.
#[derive(Debug)]
pub(crate) struct EnumFact {
    name: String,
    members: Vec<EnumMember>,
    /// The heading says flags, or the values are distinct powers of two.
    flags: bool,
    source: Source,
}

fn clean_member(text: &str) -> String {
    text.trim()
        .trim_matches(['`', '*', '\'', '"', ' '])
        .trim()
        .to_owned()
}

pub(crate) fn enum_tables(
    page: &Page,
    kind: PageKind,
    subject: Option<&str>,
    ns: &str,
    names: &mut Names,
    out: &mut Vec<EnumFact>,
) {
    for table in &page.tables {
        let TableKind::EnumMembers {
            member,
            value,
            description,
        } = table.kind
        else {
            continue;
        };
        let section = table.section.as_deref().unwrap_or("").trim();
        let stated = section
            .strip_suffix(" values")
            .or_else(|| section.strip_suffix(" Values"))
            .map(|n| n.trim().trim_matches('`'))
            .filter(|n| is_type_word(n));
        let name = match (stated, kind, subject) {
            (Some(n), ..) => names.canonical(&qualify(n, ns)),
            (None, PageKind::Enum, Some(s)) => s.to_owned(),
            _ => continue,
        };
        let Some(name_col) = member.or(value) else {
            continue;
        };
        let mut members: Vec<EnumMember> = Vec::new();
        for row in &table.rows {
            let Some(cell) = row.cells.get(name_col) else {
                continue;
            };
            let member_name = clean_member(&cell.text);
            if member_name.is_empty() || members.iter().any(|m| m.name == member_name) {
                continue;
            }
            let numeric = value
                .filter(|&v| v != name_col)
                .and_then(|v| row.cells.get(v))
                .and_then(|c| clean_member(&c.text).parse::<i64>().ok());
            members.push(EnumMember {
                name: member_name,
                value: numeric,
                description: description
                    .and_then(|d| row.cells.get(d))
                    .map(|c| c.markdown.clone())
                    .filter(|d| !d.is_empty()),
                sources: vec![Source::new(&page.path, row.line)],
            });
        }
        let values: Vec<i64> = members.iter().filter_map(|m| m.value).collect();
        let powers = values.len() >= 3
            && values.len() == members.len()
            && values
                .iter()
                .all(|&v| v == 0 || (v > 0 && v & (v - 1) == 0))
            && values.iter().any(|&v| v > 2);
        let flags = section.to_ascii_lowercase().contains("flag") || powers;
        out.push(EnumFact {
            name,
            members,
            flags,
            source: Source::new(&page.path, table.line),
        });
    }
}

pub(crate) fn merge_enum_tables(
    schema: &mut Schema,
    facts: Vec<EnumFact>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for fact in facts {
        let t = ensure(schema, &fact.name);
        if t.kind != TypeKind::Enum && t.shape == Shape::Declared {
            diagnostics.push(Diagnostic::new(
                Code::PropertyTypeDisagreement,
                fact.source.span(),
                format!(
                    "`{}` has a values table here but a property table elsewhere",
                    simple_name(&fact.name)
                ),
            ));
            continue;
        }
        t.kind = TypeKind::Enum;
        t.shape = Shape::Declared;
        t.flags |= fact.flags;
        if !t.sources.contains(&fact.source) {
            t.sources.push(fact.source.clone());
        }
        for m in fact.members {
            match t.members.iter_mut().find(|x| x.name == m.name) {
                Some(existing) => {
                    existing.value = existing.value.or(m.value);
                    if existing.description.is_none() {
                        existing.description = m.description;
                    }
                    existing.sources.extend(m.sources);
                }
                None => t.members.push(m),
            }
        }
        t.sources.sort();
    }
}
