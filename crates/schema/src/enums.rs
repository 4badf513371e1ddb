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

/// A member written in another case than the spelling kept: one member, reported.
pub(crate) fn case_variant(enum_name: &str, kept: &str, other: &str, at: &Source) -> Diagnostic {
    Diagnostic::new(
        Code::NameCollision,
        at.span(),
        format!(
            "member `{other}` of enum `{}` is written `{kept}` elsewhere; read as one member `{kept}`",
            simple_name(enum_name)
        ),
    )
    .with_severity(graphgen_diag::Severity::Warning)
    .with_help("enum values are case-sensitive on the wire; write the member the same way everywhere")
}

/// The page's property tables have a row named `name` whose type is a primitive.
pub(crate) fn primitive_property(page: &Page, name: &str, ns: &str) -> bool {
    page.tables.iter().any(|t| {
        let (TableKind::Properties { name: n, ty, .. } | TableKind::Relationships { name: n, ty, .. }) =
            t.kind
        else {
            return false;
        };
        t.rows.iter().any(|r| {
            r.cells
                .get(n)
                .and_then(|c| crate::properties::property_name(c).ok())
                .is_some_and(|rn| rn.name == name)
                && r.cells.get(ty).is_some_and(|c| {
                    matches!(crate::types::parse_type_cell(c, ns), crate::types::TypeExpr::Known(t) if t.is_primitive())
                })
        })
    })
}

/// The values of a `### x values` table that lists the values of the primitive property `x`.
pub(crate) fn property_values_table(page: &Page, property: &str) -> Vec<String> {
    let mut out = Vec::new();
    for table in &page.tables {
        let TableKind::EnumMembers { member, value, .. } = table.kind else {
            continue;
        };
        let section = table.section.as_deref().unwrap_or("").trim();
        let stated = section
            .strip_suffix(" values")
            .or_else(|| section.strip_suffix(" Values"))
            .map(|n| n.trim().trim_matches('`'));
        if stated != Some(property) {
            continue;
        }
        let Some(col) = member.or(value) else {
            continue;
        };
        for row in &table.rows {
            if let Some(c) = row.cells.get(col) {
                let v = clean_member(&c.text);
                if !v.is_empty() && !out.contains(&v) {
                    out.push(v);
                }
            }
        }
    }
    out
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
    facts: &mut crate::build::Facts,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let crate::build::Facts {
        enum_facts: out,
        used,
        ..
    } = facts;
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
        // `### mediaSizes values` under a `mediaSizes | String collection` row lists the
        // values of that property, not the members of an enum type (properties.rs keeps them).
        if stated.is_some_and(|n| primitive_property(page, n, ns)) {
            used.mark(page, table.line);
            continue;
        }
        let name = match (stated, kind, subject) {
            (Some(n), ..) => names.canonical(&qualify(n, ns)),
            (None, PageKind::Enum, Some(s)) => s.to_owned(),
            _ => continue,
        };
        used.mark(page, table.line);
        let Some(name_col) = member.or(value) else {
            continue;
        };
        let mut members: Vec<EnumMember> = Vec::new();
        for row in &table.rows {
            let Some(cell) = row.cells.get(name_col) else {
                continue;
            };
            let member_name = clean_member(&cell.text);
            if member_name.is_empty()
                || row.group.is_some()
                || member_name.eq_ignore_ascii_case("null")
            {
                continue;
            }
            if let Some(first) = members
                .iter()
                .find(|m| m.name.eq_ignore_ascii_case(&member_name))
            {
                diagnostics.push(
                    Diagnostic::new(
                        Code::DuplicatePropertyRow,
                        Source::new(&page.path, row.line).span(),
                        format!("member `{member_name}` appears twice in this table"),
                    )
                    .with_related(first.sources[0].span(), "first row"),
                );
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
    let mut from_tables: std::collections::BTreeSet<(String, String)> = Default::default();
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
        // A table that shares no member with the values its properties list is under the
        // wrong heading (`### changeType values` holding another enum's rows).
        let listed: Vec<&EnumMember> = t
            .members
            .iter()
            .filter(|m| !from_tables.contains(&(fact.name.clone(), m.name.clone())))
            .collect();
        if !listed.is_empty()
            && !fact.members.is_empty()
            && !fact
                .members
                .iter()
                .any(|m| listed.iter().any(|l| l.name.eq_ignore_ascii_case(&m.name)))
        {
            diagnostics.push(
                Diagnostic::new(
                    Code::PropertyTypeDisagreement,
                    fact.source.span(),
                    format!(
                        "this values table shares no member with the values listed for `{}` ({}); its rows are not read as members",
                        simple_name(&fact.name),
                        listed.iter().take(4).map(|m| format!("`{}`", m.name)).collect::<Vec<_>>().join(", ")
                    ),
                )
                .with_related(listed[0].sources[0].span(), "values listed here")
                .with_help("put the table under the heading of the enum it lists"),
            );
            continue;
        }
        t.kind = TypeKind::Enum;
        t.shape = Shape::Declared;
        t.flags |= fact.flags;
        if !t.sources.contains(&fact.source) {
            t.sources.push(fact.source.clone());
        }
        for m in fact.members {
            let key = (fact.name.clone(), m.name.clone());
            match t
                .members
                .iter_mut()
                .find(|x| x.name.eq_ignore_ascii_case(&m.name))
            {
                Some(existing) if existing.name != m.name => {
                    // The members table's spelling wins over a "Possible values" list; between
                    // two tables the first one does.
                    let table_kept =
                        from_tables.contains(&(fact.name.clone(), existing.name.clone()));
                    let (kept, other, at) = if table_kept {
                        (existing.name.clone(), m.name.clone(), m.sources[0].clone())
                    } else {
                        (
                            m.name.clone(),
                            existing.name.clone(),
                            existing.sources[0].clone(),
                        )
                    };
                    diagnostics.push(case_variant(&fact.name, &kept, &other, &at));
                    existing.name = kept.clone();
                    existing.value = existing.value.or(m.value);
                    if existing.description.is_none() {
                        existing.description = m.description;
                    }
                    existing.sources.extend(m.sources);
                    existing.sources.sort();
                    existing.sources.dedup();
                    from_tables.insert((fact.name.clone(), kept));
                }
                Some(existing) => {
                    existing.value = existing.value.or(m.value);
                    if existing.description.is_none() {
                        existing.description = m.description;
                    }
                    existing.sources.extend(m.sources);
                }
                None => t.members.push(m),
            }
            from_tables.insert(key);
        }
        t.sources.sort();
    }
}
