//! Shape inference: what the values in example bodies say about the types without a table.

use super::{is_annotation_key, odata_type};
use crate::ir::*;
use crate::names::{ensure, is_type_word, qualify, Names};
use graphgen_diag::{Code, Diagnostic};
use graphgen_parse::JsonNode;
use std::collections::BTreeMap;
use std::sync::Arc;

/// A placeholder a template writes instead of a value, and the type it names.
pub fn placeholder_type(s: &str) -> Option<&'static str> {
    Some(match s {
        "String" | "string" | "String (identifier)" => "Edm.String",
        "Double" => "Edm.Double",
        "Single" => "Edm.Single",
        "Decimal" => "Edm.Decimal",
        "Int16" => "Edm.Int16",
        "Int32" => "Edm.Int32",
        "Int64" => "Edm.Int64",
        "Byte" => "Edm.Byte",
        "Boolean" => "Edm.Boolean",
        "Guid" => "Edm.Guid",
        "DateTimeOffset" | "String (timestamp)" | "datetime-value" => "Edm.DateTimeOffset",
        "Date" => "Edm.Date",
        "TimeOfDay" => "Edm.TimeOfDay",
        "Duration" => "Edm.Duration",
        "Binary" => "Edm.Binary",
        "Stream" => "Edm.Stream",
        _ if s.starts_with("<Unknown Primitive") => "Edm.Untyped",
        // "Id value", "Display Name value", "Tag value": a property name followed by "value".
        _ if s.ends_with(" value")
            && s.len() > 6
            && s.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && s[..s.len() - 6]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == ' ') =>
        {
            "Edm.String"
        }
        _ => return None,
    })
}

fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 20
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[7] == b'-'
        && (b[10] == b'T' || b[10] == b't')
        && b[13] == b':'
        && (s.ends_with('Z') || s[19..].contains(['+', '-']))
}

/// What one value in one body says about its property's type.
#[derive(Debug, Clone, PartialEq)]
enum Evidence {
    Named(String),
    Placeholder(&'static str),
    Literal(&'static str),
    UnnamedObject,
    Null,
}

/// Types without a description whose values are strings in examples: enums the docs never list.
pub(super) type Stringly = BTreeMap<String, Source>;

/// Types without a member whose values in examples are not objects (a number, an array where
/// one value is expected, a string for a type a page declares), with the first such value.
pub(super) type NotObjects = BTreeMap<String, Source>;

/// Whether `node`, the value of a property typed with a member-less type, is a number or an array
/// where one value is expected: never an object. Strings are not counted (a placeholder naming
/// the type, `"access": "microsoft.graph.accessAction"`, or an enum the docs never list), nor
/// booleans (`"system": false` for the marker facet `systemFacet` is an error in the example).
fn not_an_object(node: &JsonNode, collection: bool) -> bool {
    match node {
        JsonNode::Array(items) if collection => items.iter().any(|i| not_an_object(i, false)),
        JsonNode::Array(_) | JsonNode::Number(_) => true,
        _ => false,
    }
}

#[derive(Debug, Default)]
pub(super) struct Observation {
    evidence: Vec<(Evidence, Source)>,
    collection: bool,
}

fn evidence_of(node: &JsonNode, ns: &str, names: &mut Names) -> Evidence {
    match node {
        JsonNode::Null => Evidence::Null,
        JsonNode::Bool(_) => Evidence::Literal("Edm.Boolean"),
        JsonNode::Number(n) => {
            if n.contains(['.', 'e', 'E']) {
                Evidence::Literal("Edm.Double")
            } else if n.parse::<i32>().is_ok() {
                Evidence::Literal("Edm.Int32")
            } else {
                Evidence::Literal("Edm.Int64")
            }
        }
        JsonNode::String(s) => match placeholder_type(s) {
            Some(t) => Evidence::Placeholder(t),
            None if is_timestamp(s) => Evidence::Literal("Edm.DateTimeOffset"),
            None => Evidence::Literal("Edm.String"),
        },
        JsonNode::Object(_) => match odata_type(node) {
            Some(t) if is_type_word(t.trim().trim_start_matches('#')) => {
                Evidence::Named(names.canonical(&qualify(t, ns)))
            }
            _ => Evidence::UnnamedObject,
        },
        JsonNode::Array(_) => Evidence::Null,
    }
}

/// What a walk over bodies collects.
pub(super) struct Walk<'a> {
    pub(super) names: &'a mut Names,
    pub(super) out: &'a mut BTreeMap<(String, String), Observation>,
    pub(super) stringly: &'a mut Stringly,
    pub(super) not_objects: &'a mut NotObjects,
}

/// Walks a body read as type `ty`, recording what it says about types without a table.
pub(super) fn observe(
    schema: &Schema,
    ty: &str,
    node: &JsonNode,
    file: &Arc<str>,
    walk: &mut Walk<'_>,
) {
    let members = match node {
        JsonNode::Object(members) => members,
        JsonNode::Array(items) => {
            for item in items {
                observe(schema, ty, item, file, walk);
            }
            return;
        }
        _ => return,
    };
    // A body may name a more specific type than the one expected.
    let own = odata_type(node)
        .filter(|t| is_type_word(t.trim().trim_start_matches('#')))
        .map(|t| walk.names.canonical(&qualify(t, namespace_of(ty))));
    let ty = match &own {
        Some(t) if schema.types.contains_key(t) => t.as_str(),
        _ => ty,
    };
    let Some(def) = schema.types.get(ty) else {
        return;
    };
    let learning = matches!(def.shape, Shape::Open | Shape::Inferred) && def.kind != TypeKind::Enum;
    let all = schema.all_properties(ty);
    for m in members {
        if is_annotation_key(&m.key) {
            continue;
        }
        match all.iter().find(|(_, p)| p.name == m.key) {
            Some((_, p)) if !p.ty.is_primitive() => {
                if let Some(t) = schema
                    .types
                    .get(&p.ty.name)
                    .filter(|t| t.kind != TypeKind::Enum)
                {
                    let strings = match &m.value {
                        JsonNode::String(_) => true,
                        JsonNode::Array(items) => {
                            items.iter().any(|i| matches!(i, JsonNode::String(_)))
                        }
                        _ => false,
                    };
                    if t.properties.is_empty()
                        && t.base.is_none()
                        && not_an_object(&m.value, p.ty.collection)
                    {
                        walk.not_objects
                            .entry(t.name.clone())
                            .or_insert_with(|| Source::new(file, m.line));
                    }
                    if strings && t.shape == Shape::Open && t.properties.is_empty() {
                        walk.stringly
                            .entry(t.name.clone())
                            .or_insert_with(|| Source::new(file, m.line));
                    }
                    observe(schema, &p.ty.name, &m.value, file, walk);
                }
                if learning && p.origin == Origin::Example {
                    record(walk, ty, m, file);
                }
            }
            Some((_, p)) if learning && p.origin == Origin::Example => record(walk, ty, m, file),
            Some(_) => {}
            None if learning => record(walk, ty, m, file),
            None => {}
        }
    }
}

fn record(walk: &mut Walk<'_>, ty: &str, m: &graphgen_parse::JsonMember, file: &Arc<str>) {
    let ns = namespace_of(ty);
    let source = Source::new(file, m.line);
    let evidence: Vec<Evidence> = match &m.value {
        JsonNode::Array(items) => items
            .iter()
            .map(|i| evidence_of(i, ns, walk.names))
            .collect(),
        value => vec![evidence_of(value, ns, walk.names)],
    };
    let obs = walk.out.entry((ty.to_owned(), m.key.clone())).or_default();
    obs.collection |= matches!(m.value, JsonNode::Array(_));
    obs.evidence
        .extend(evidence.into_iter().map(|e| (e, source.clone())));
}

/// Turns observations into inferred properties. Returns whether anything changed.
pub(super) fn apply(
    schema: &mut Schema,
    observations: BTreeMap<(String, String), Observation>,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    let mut changed = false;
    for ((ty, name), obs) in observations {
        let resolved = resolve(&obs);
        if let Some((conflict, winner)) = &resolved.conflict {
            let d = Diagnostic::new(
                Code::ExampleTypeConflict,
                conflict.span(),
                format!(
                    "examples disagree about the type of `{}` of `{}`",
                    name,
                    simple_name(&ty)
                ),
            )
            .with_related(winner.span(), format!("read as `{}` here", resolved.ty));
            if !diagnostics.contains(&d) {
                diagnostics.push(d);
            }
        }
        if let Some(named) = Some(resolved.ty.name.as_str()).filter(|n| !n.starts_with("Edm.")) {
            if !schema.types.contains_key(named) {
                let first = obs
                    .evidence
                    .iter()
                    .find(|(e, _)| *e == Evidence::Named(named.to_owned()));
                let def = ensure(schema, named);
                if let Some((_, s)) = first {
                    def.sources.push(s.clone());
                }
                changed = true;
            }
        }
        let sources: Vec<Source> = {
            let mut s: Vec<Source> = obs.evidence.iter().map(|(_, s)| s.clone()).collect();
            s.sort();
            s.dedup();
            s
        };
        let def = ensure(schema, &ty);
        if def.shape == Shape::Open {
            def.shape = Shape::Inferred;
        }
        match def.properties.iter_mut().find(|p| p.name == name) {
            Some(p) => {
                if p.ty != resolved.ty {
                    p.ty = resolved.ty.clone();
                    changed = true;
                }
                for s in sources {
                    if !p.sources.contains(&s) {
                        p.sources.push(s);
                        p.sources.sort();
                    }
                }
            }
            None => {
                for s in &sources {
                    if !def.sources.contains(s) {
                        def.sources.push(s.clone());
                    }
                }
                def.properties.push(Property {
                    alternatives: Vec::new(),
                    name,
                    ty: resolved.ty,
                    navigation: false,
                    origin: Origin::Example,
                    description: None,
                    documented_values: Vec::new(),
                    deprecated: None,
                    sources,
                });
                changed = true;
            }
        }
    }
    changed
}

struct Resolved {
    ty: TypeRef,
    conflict: Option<(Source, Source)>,
}

/// Named types win, then placeholders (they state the type), then literals. Literal numbers
/// widen (Int32 < Int64 < Double); a string that is not a timestamp makes the property a string.
fn resolve(obs: &Observation) -> Resolved {
    let collection = obs.collection;
    let named: Vec<&(Evidence, Source)> = obs
        .evidence
        .iter()
        .filter(|(e, _)| matches!(e, Evidence::Named(_)))
        .collect();
    if let Some((Evidence::Named(n), winner)) = named.first() {
        let conflict = named
            .iter()
            .find(|(e, _)| *e != Evidence::Named(n.clone()))
            .map(|(_, s)| (s.clone(), winner.clone()));
        return Resolved {
            ty: TypeRef::new(n.clone(), collection),
            conflict,
        };
    }
    if let Some((Evidence::Placeholder(p), _)) = obs
        .evidence
        .iter()
        .find(|(e, _)| matches!(e, Evidence::Placeholder(_)))
    {
        return Resolved {
            ty: TypeRef::new(*p, collection),
            conflict: None,
        };
    }
    let literals: Vec<(&'static str, &Source)> = obs
        .evidence
        .iter()
        .filter_map(|(e, s)| match e {
            Evidence::Literal(l) => Some((*l, s)),
            _ => None,
        })
        .collect();
    let Some((first, first_source)) = literals.first().copied() else {
        return Resolved {
            ty: TypeRef::new("Edm.Untyped", collection),
            conflict: None,
        };
    };
    let rank = |t: &str| match t {
        "Edm.Int32" => Some(0),
        "Edm.Int64" => Some(1),
        "Edm.Double" => Some(2),
        _ => None,
    };
    let mut ty = first;
    let mut conflict = None;
    for (l, s) in &literals[1..] {
        if *l == ty {
            continue;
        }
        ty = match (ty, *l, rank(ty), rank(l)) {
            (_, _, Some(a), Some(b)) => {
                if b > a {
                    l
                } else {
                    ty
                }
            }
            ("Edm.DateTimeOffset", "Edm.String", ..) | ("Edm.String", "Edm.DateTimeOffset", ..) => {
                "Edm.String"
            }
            _ => {
                conflict = Some(((*s).clone(), first_source.clone()));
                "Edm.Untyped"
            }
        };
    }
    Resolved {
        ty: TypeRef::new(ty, collection),
        conflict,
    }
}
