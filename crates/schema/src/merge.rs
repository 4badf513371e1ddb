//! Merging property facts by (owner, name): the more specific type wins across pages, and
//! "Inherited from" rows are weighed against the ancestor's own pages.

use crate::ir::*;
use crate::properties::{is_todo, PropFact};
use graphgen_diag::{Code, Diagnostic};
use std::collections::{BTreeMap, HashMap};

/// Rank of a type when pages disagree: a named type says more than a primitive, and a specific
/// primitive more than `String`.
fn type_rank(t: &TypeRef) -> u8 {
    match t.name.as_str() {
        "Edm.Untyped" => 0,
        "Edm.String" => 1,
        n if n.starts_with("Edm.") => 2,
        _ => 3,
    }
}

/// An "Inherited from [x]" row states a property of the ancestor `x`. When `x`'s own pages list
/// its properties and not this one, the row disagrees with them (`GD0063`): a name `x` declares
/// in another letter case is that property, and the row adds nothing (beta
/// ediscovery-settings.md:32 `|Id|String|... Inherited from [entity]|` would give every entity an
/// `Id` beside `id`); another name is read as the row says, a property of `x` (beta: 186 derived
/// pages of mobileApp list `supersedingAppCount` as inherited; mobileApp's page is older).
fn inherited_rows_against_ancestors(
    facts: Vec<PropFact>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<PropFact> {
    let own: std::collections::BTreeSet<(&str, &str)> = facts
        .iter()
        .filter(|f| f.inherited_by.is_none())
        .map(|f| (f.owner.as_str(), f.name.as_str()))
        .collect();
    let listed: std::collections::BTreeSet<&str> = own.iter().map(|(o, _)| *o).collect();
    // Whether each fact is kept.
    let mut keep = Vec::new();
    for f in &facts {
        let Some(subject) = &f.inherited_by else {
            keep.push(true);
            continue;
        };
        if !listed.contains(f.owner.as_str()) || own.contains(&(f.owner.as_str(), f.name.as_str()))
        {
            keep.push(true);
            continue;
        }
        let same = own
            .iter()
            .find(|(o, n)| *o == f.owner && n.eq_ignore_ascii_case(&f.name))
            .map(|(_, n)| n.to_string());
        let message = match &same {
            Some(n) => format!(
                "row `{}` is said to be inherited from `{}`, which declares it as `{n}`; the row is read as that property",
                f.name,
                simple_name(&f.owner)
            ),
            None => format!(
                "row `{}` of `{}` is said to be inherited from `{}`, whose pages do not list it; it is read as a property of `{}`",
                f.name,
                simple_name(subject),
                simple_name(&f.owner),
                simple_name(&f.owner)
            ),
        };
        diagnostics.push(Diagnostic::new(
            Code::InheritedRowMismatch,
            f.source.span(),
            message,
        ));
        keep.push(same.is_none());
    }
    facts
        .into_iter()
        .zip(keep)
        .filter_map(|(f, keep)| keep.then_some(f))
        .collect()
}

pub(crate) fn merge_properties(
    schema: &mut Schema,
    facts: Vec<PropFact>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let facts = inherited_rows_against_ancestors(facts, diagnostics);
    // Group by (owner, name), keeping first-seen order.
    let mut order: Vec<(String, String)> = Vec::new();
    let mut groups: HashMap<(String, String), Vec<PropFact>> = HashMap::new();
    for fact in facts {
        let key = (fact.owner.clone(), fact.name.clone());
        let group = groups.entry(key.clone()).or_default();
        if group.is_empty() {
            order.push(key);
        }
        group.push(fact);
    }
    let mut enum_members: BTreeMap<String, Vec<(String, Source)>> = BTreeMap::new();
    for key in order {
        let group = &groups[&key];
        // The winning type: highest rank, then first seen.
        let winner = group
            .iter()
            .enumerate()
            .max_by_key(|(i, f)| (type_rank(&f.ty), f.ty.collection, std::cmp::Reverse(*i)))
            .map(|(_, f)| f)
            .expect("group is never empty");
        for fact in group {
            if fact.ty != winner.ty {
                diagnostics.push(
                    Diagnostic::new(
                        Code::PropertyTypeDisagreement,
                        fact.type_span.clone(),
                        format!(
                            "`{}` of `{}` is typed `{}` here but `{}` on another page",
                            fact.name,
                            simple_name(&fact.owner),
                            fact.ty,
                            winner.ty
                        ),
                    )
                    .with_related(
                        winner.type_span.clone(),
                        format!("typed `{}` here", winner.ty),
                    )
                    .with_help(format!("the generator uses `{}`", winner.ty)),
                );
            }
        }
        let values: Vec<(String, Source)> = group
            .iter()
            .flat_map(|f| {
                f.possible_values
                    .iter()
                    .map(move |v| (v.clone(), f.source.clone()))
            })
            .collect();
        let mut documented_values = Vec::new();
        if !values.is_empty() {
            // A type a page declares as an object (json.md's `Json`, with an empty Properties
            // table) does not become an enum because a property of it lists values (v1.0
            // range.md:65 `valueTypes`): they are that property's documented values.
            let declared_object = schema
                .types
                .get(&winner.ty.name)
                .is_some_and(|t| t.kind != TypeKind::Enum && t.shape == Shape::Declared);
            if winner.ty.is_primitive() || declared_object {
                for (v, _) in &values {
                    if !documented_values.contains(v) {
                        documented_values.push(v.clone());
                    }
                }
            } else {
                enum_members
                    .entry(winner.ty.name.clone())
                    .or_default()
                    .extend(values);
            }
        }
        let description = group
            .iter()
            .filter_map(|f| f.description.clone())
            .find(|d| !is_todo(d))
            .or_else(|| group.iter().find_map(|f| f.description.clone()));
        let property = Property {
            name: key.1.clone(),
            ty: winner.ty.clone(),
            navigation: group.iter().any(|f| f.navigation),
            origin: Origin::Table,
            description,
            documented_values,
            deprecated: group
                .iter()
                .find(|f| f.deprecated)
                .map(|f| f.source.clone()),
            alternatives: winner.alternatives.clone(),
            sources: group.iter().map(|f| f.source.clone()).collect(),
        };
        let owner = schema.types.entry(key.0.clone()).or_insert_with(|| {
            let mut t = TypeDef::new(&key.0, TypeKind::Complex);
            t.shape = Shape::Declared;
            t
        });
        owner.shape = Shape::Declared;
        for s in &property.sources {
            if !owner.sources.contains(s) {
                owner.sources.push(s.clone());
            }
        }
        owner.properties.push(property);
    }
    for (name, values) in enum_members {
        let t = schema
            .types
            .entry(name.clone())
            .or_insert_with(|| TypeDef::new(&name, TypeKind::Enum));
        t.kind = TypeKind::Enum;
        t.shape = Shape::Declared;
        for (value, source) in values {
            // Members that differ only in case are one member (`low` / `Low`): the first
            // spelling is kept until a members table says otherwise, and the other reported.
            match t
                .members
                .iter_mut()
                .find(|m| m.name.eq_ignore_ascii_case(&value))
            {
                Some(m) => {
                    if m.name != value {
                        diagnostics
                            .push(crate::enums::case_variant(&name, &m.name, &value, &source));
                    }
                    if !m.sources.contains(&source) {
                        m.sources.push(source.clone());
                    }
                }
                None => t.members.push(EnumMember {
                    name: value,
                    value: None,
                    description: None,
                    sources: vec![source.clone()],
                }),
            }
            if !t.sources.contains(&source) {
                t.sources.push(source);
            }
        }
    }
    for t in schema.types.values_mut() {
        t.sources.sort();
    }
}
