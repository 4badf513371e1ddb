//! Kinds, the implied root and keys: which types are entities, what an entity that states no
//! base derives from, and that every entity has its key (issue 8 classes 5-7).

use crate::ir::*;
use graphgen_diag::{Code, Diagnostic, Severity};
use std::collections::BTreeSet;

/// An "Inherited from [x]" row, kept until bases are known (see [`keep_inherited_rows`]).
#[derive(Debug, Clone)]
pub(crate) struct InheritedRow {
    pub(crate) subject: String,
    pub(crate) ancestor: String,
    pub(crate) name: String,
    pub(crate) source: Source,
}

/// Entity when the docs give evidence of identity: a `keyProperty` in the type's resource
/// annotation, a Methods table on its page, API pages of its own (it is the subject of a Create
/// or Update page: `managed` holds those), a Relationships row (navigation property) that
/// points at it, or an entity ancestor. An `id` row alone is no evidence (appRole, identity,
/// itemReference have one and are values). Everything else that is not an enum is complex.
pub(crate) fn resolve_kinds(schema: &mut Schema, managed: &BTreeSet<String>) {
    let targets: BTreeSet<&str> = schema
        .types
        .values()
        .flat_map(|t| t.properties.iter())
        .filter(|p| p.navigation)
        .map(|p| p.ty.name.as_str())
        .collect();
    let mut evidence: BTreeSet<String> = schema
        .types
        .values()
        .filter(|t| {
            t.kind != TypeKind::Enum
                && (t.key.is_some()
                    || !t.methods.is_empty()
                    || managed.contains(&t.name)
                    || targets.contains(t.name.as_str()))
        })
        .map(|t| t.name.clone())
        .collect();
    // The base that declares an entity's key is an entity too, and so is every type between:
    // languageProficiency's `id` row is "Inherited from [entity]", so itemFacet and entity are.
    let mut keyed_bases = BTreeSet::new();
    for name in &evidence {
        let key = std::iter::once(&schema.types[name])
            .chain(schema.ancestors(name))
            .find_map(|t| t.key.clone())
            .unwrap_or_else(|| "id".to_owned());
        let props = schema.all_properties(name);
        let Some((owner, _)) = props.iter().find(|(_, p)| p.name == key) else {
            continue;
        };
        if owner.name == *name {
            continue;
        }
        for a in schema.ancestors(name) {
            keyed_bases.insert(a.name.clone());
            if a.name == owner.name {
                break;
            }
        }
    }
    evidence.extend(keyed_bases);
    let names: Vec<String> = schema.types.keys().cloned().collect();
    for name in names {
        if schema.types[&name].kind == TypeKind::Enum {
            continue;
        }
        let entity = evidence.contains(&name)
            || schema
                .ancestors(&name)
                .iter()
                .any(|a| evidence.contains(&a.name));
        schema.types.get_mut(&name).expect("listed").kind = if entity {
            TypeKind::Entity
        } else {
            TypeKind::Complex
        };
    }
}

/// The root every entity derives from: the abstract type with a `keyProperty` and no base
/// (v1.0 `entity.md`: `"abstract": "true", "keyProperty": "id"`) that most types state as their
/// base. Beta also has `baseItem` abstract, keyed and without a stated base; it is the base of a
/// handful of types where entity is the base of hundreds. `None` when the docs declare no such
/// type or two are tied.
fn key_root(schema: &Schema) -> Option<String> {
    let mut roots: Vec<(usize, &str)> = schema
        .types
        .values()
        .filter(|t| {
            t.is_abstract == Some(true)
                && t.key.is_some()
                && t.base.is_none()
                && t.kind != TypeKind::Enum
        })
        .map(|root| {
            let children = schema
                .types
                .values()
                .filter(|t| t.base.as_ref().is_some_and(|b| b.name == root.name))
                .count();
            (children, root.name.as_str())
        })
        .collect();
    roots.sort();
    match roots.as_slice() {
        [.., (a, _), (b, _)] if a == b => None,
        [.., (_, root)] => Some((*root).to_owned()),
        [] => None,
    }
}

/// An entity that states no base derives from the key-bearing root (see [`key_root`]): the
/// docs say every entity type does, and its pages' `id` rows are the root's. The base is
/// recorded as `implied`, pointing at the type's own page, so it is never mistaken for a
/// stated one.
pub(crate) fn imply_root(schema: &mut Schema) {
    let Some(root) = key_root(schema) else { return };
    let orphans: Vec<String> = schema
        .types
        .values()
        .filter(|t| t.kind == TypeKind::Entity && t.base.is_none() && t.name != root)
        .map(|t| t.name.clone())
        .collect();
    for name in orphans {
        let t = schema.types.get_mut(&name).expect("listed");
        t.base = Some(BaseType {
            name: root.clone(),
            evidence: BaseEvidence::Implied,
            sources: t.sources.first().cloned().into_iter().collect(),
        });
    }
}

/// Keys never vanish. A row "Inherited from [x]" names an ancestor; when `x` is not among the
/// type's ancestors after all statements are weighed (orgContact's rows say directoryObject,
/// its annotation said entity), the row's property is the type's own as well. A type whose
/// annotation names a `keyProperty` that no row of it or its ancestors declares gets it, typed
/// `String`, from the annotation.
pub(crate) fn keep_keys(
    schema: &mut Schema,
    rows: &[InheritedRow],
    diagnostics: &mut Vec<Diagnostic>,
) {
    for row in rows {
        let reachable = schema
            .ancestors(&row.subject)
            .iter()
            .any(|a| a.name == row.ancestor);
        let has = schema
            .all_properties(&row.subject)
            .iter()
            .any(|(_, p)| p.name == row.name);
        if reachable || has {
            continue;
        }
        let Some(p) = schema
            .types
            .get(&row.ancestor)
            .and_then(|t| t.property(&row.name))
            .cloned()
        else {
            continue;
        };
        if let Some(t) = schema.types.get_mut(&row.subject) {
            t.properties.push(Property {
                sources: vec![row.source.clone()],
                ..p
            });
        }
    }
    let keyed: Vec<(String, String)> = schema
        .types
        .values()
        .filter_map(|t| Some((t.name.clone(), t.key.clone()?)))
        .collect();
    for (name, key) in keyed {
        if schema
            .all_properties(&name)
            .iter()
            .any(|(_, p)| p.name == key)
        {
            continue;
        }
        let Some(at) = schema.types[&name].sources.first().cloned() else {
            continue;
        };
        diagnostics.push(
            Diagnostic::new(
                Code::MissingKeyRow,
                at.span(),
                format!(
                    "`{}` names `{key}` as its key, but no row of it or its bases declares `{key}`",
                    simple_name(&name)
                ),
            )
            .with_severity(Severity::Note)
            .with_help("the key is modelled as a String property"),
        );
        let t = schema.types.get_mut(&name).expect("listed");
        t.properties.insert(
            0,
            Property {
                name: key,
                ty: TypeRef::new("Edm.String", false),
                navigation: false,
                origin: Origin::Table,
                description: None,
                documented_values: Vec::new(),
                deprecated: None,
                alternatives: Vec::new(),
                sources: vec![at],
            },
        );
    }
}
