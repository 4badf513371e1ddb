//! Example bodies: which type each one is, what they teach about types that have no table, and
//! whether each becomes a round-trip test, a listed template or is unusable.

use crate::build::{ensure, qualify, Names, PageKind};
use crate::ir::*;
use graphgen_diag::{Code, Diagnostic, Severity, Span};
use graphgen_parse::{Body, HttpMessage, JsonNode, Page};
use std::collections::{BTreeMap, HashMap};
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
type Stringly = BTreeMap<String, Source>;

#[derive(Debug, Default)]
struct Observation {
    evidence: Vec<(Evidence, Source)>,
    collection: bool,
}

fn is_annotation_key(key: &str) -> bool {
    key.starts_with('@') || key.contains("@odata.")
}

fn odata_type(node: &JsonNode) -> Option<&str> {
    node.member("@odata.type").and_then(|m| m.value.as_str())
}

/// One body with the type it is read as.
struct Candidate<'a> {
    page: &'a Page,
    body: &'a Body,
    kind: ExampleKind,
    name: Option<String>,
    target: Option<String>,
    collection: bool,
    patch: bool,
    annotation_line: u32,
}

pub(crate) fn examples(
    schema: &mut Schema,
    pages: &[&Page],
    subjects: &HashMap<Arc<str>, (PageKind, Option<String>)>,
    names: &mut Names,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let candidates = collect(pages, subjects, names, schema);
    for c in &candidates {
        if let Some(t) = c.target.as_ref().filter(|t| !t.starts_with("Edm.")) {
            if !schema.types.contains_key(t) {
                let def = ensure(schema, t);
                def.sources
                    .push(Source::new(&c.page.path, c.annotation_line));
            }
        }
    }
    // Learn shapes until nothing changes: a type named in one body lets the next pass read the
    // members of objects of that type in other bodies.
    for _ in 0..8 {
        let mut observations: BTreeMap<(String, String), Observation> = BTreeMap::new();
        let mut stringly = Stringly::new();
        for c in &candidates {
            if let (Some(target), Some(tree)) = (&c.target, &c.body.tree) {
                let mut walk = Walk {
                    names: &mut *names,
                    out: &mut observations,
                    stringly: &mut stringly,
                };
                observe(schema, target, tree, &c.page.path, &mut walk);
            }
        }
        let mut changed = apply(schema, observations, diagnostics);
        for (name, source) in stringly {
            let t = ensure(schema, &name);
            if t.shape == Shape::Open && t.kind != TypeKind::Enum && t.properties.is_empty() {
                t.kind = TypeKind::Enum;
                diagnostics.push(
                    Diagnostic::new(
                        Code::InferredShape,
                        source.span(),
                        format!("`{}` is never described, but examples give it string values: it is modelled as an enum with no known members", simple_name(&name)),
                    )
                    .with_help("add a `### x values` table listing the members"),
                );
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    for t in schema.types.values_mut() {
        if t.shape == Shape::Inferred {
            t.sources.sort();
            t.sources.dedup();
        }
    }
    for c in candidates {
        let status = classify(schema, &c, diagnostics);
        let body = match (&status, &c.body.json_error, &c.body.tree) {
            (ExampleStatus::Test, Some(_), Some(tree)) => tree.to_json(),
            _ => c.body.text.clone(),
        };
        schema.examples.push(Example {
            source: Source::new(&c.page.path, c.body.line),
            kind: c.kind,
            name: c.name,
            target: c.target,
            collection: c.collection,
            patch: c.patch,
            status,
            body,
        });
    }
}

fn collect<'a>(
    pages: &[&'a Page],
    subjects: &HashMap<Arc<str>, (PageKind, Option<String>)>,
    names: &mut Names,
    known: &Schema,
) -> Vec<Candidate<'a>> {
    let mut out = Vec::new();
    for page in pages {
        let ns = crate::build::page_namespace(page);
        let (page_kind, subject) = subjects
            .get(&page.path)
            .cloned()
            .unwrap_or((PageKind::Other, None));
        for block in &page.code_blocks {
            let Some(annotation) = &block.annotation else {
                continue;
            };
            let (kind, body, patch) = match (annotation.block_type(), &block.http, &block.json) {
                (
                    Some("request"),
                    Some(HttpMessage::Request {
                        method,
                        body: Some(body),
                        ..
                    }),
                    _,
                ) => (ExampleKind::Request, body, method.value == "PATCH"),
                (
                    Some("response"),
                    Some(HttpMessage::Response {
                        body: Some(body), ..
                    }),
                    _,
                ) => (ExampleKind::Response, body, false),
                (Some("response"), None, Some(body)) => (ExampleKind::Response, body, false),
                (Some("resource"), _, Some(body)) => (ExampleKind::Resource, body, false),
                _ => continue,
            };
            let mut response_link: Option<(String, bool)> = None;
            let body_type = body.tree.as_ref().and_then(odata_type);
            let named = match kind {
                ExampleKind::Request => body_type.or(annotation.odata_type()),
                _ => annotation.odata_type().or(body_type),
            };
            let (named, named_collection) = match named.map(str::trim) {
                Some(n) => match n
                    .strip_prefix("Collection(")
                    .or_else(|| n.strip_prefix("collection("))
                {
                    Some(inner) => (Some(inner.trim_end_matches(')').trim()), true),
                    None => (Some(n), false),
                },
                None => (None, false),
            };
            let target = match named {
                Some(n) => Some(match crate::types::primitive(n) {
                    Some(edm) => edm.to_owned(),
                    None => names.canonical(&qualify(n, &ns)),
                }),
                None if kind == ExampleKind::Request && page_kind == PageKind::CreateOrUpdate => {
                    subject.clone()
                }
                None => {
                    let section = match kind {
                        ExampleKind::Request => "request body",
                        _ => "response",
                    };
                    response_link = section_type(page, section, &ns, names, known);
                    response_link.as_ref().map(|(t, _)| t.clone())
                }
            };
            let is_value_envelope = body.tree.as_ref().is_some_and(|t| match t {
                JsonNode::Object(members) => {
                    members
                        .iter()
                        .any(|m| m.key == "value" && matches!(m.value, JsonNode::Array(_)))
                        && members
                            .iter()
                            .all(|m| m.key == "value" || is_annotation_key(&m.key))
                }
                _ => false,
            });
            // Said to be a collection (annotation, `Collection(x)`, "collection of [x]") and shaped
            // like one: a body without a `value` array is read as a single object.
            let has_value_array = body
                .tree
                .as_ref()
                .and_then(|t| t.member("value"))
                .is_some_and(|m| matches!(m.value, JsonNode::Array(_)));
            let said = annotation.bool_field("isCollection")
                || named_collection
                || response_link.as_ref().is_some_and(|(_, c)| *c);
            let collection = is_value_envelope || (said && has_value_array);
            out.push(Candidate {
                page,
                body,
                kind,
                name: annotation.str_field("name").map(str::to_owned),
                target,
                collection,
                patch,
                annotation_line: annotation.line,
            });
        }
    }
    out
}

/// The type a page's Response (or Request body) section names: "returns a
/// [user](../resources/user.md) object", "a collection of [user](...) objects", "supply a JSON
/// representation of [x](...)". Only types the schema already knows count.
fn section_type(
    page: &Page,
    section: &str,
    ns: &str,
    names: &mut Names,
    known: &Schema,
) -> Option<(String, bool)> {
    page.links
        .iter()
        .filter(|l| {
            l.section
                .as_deref()
                .is_some_and(|s| s.eq_ignore_ascii_case(section))
        })
        .find_map(|l| {
            let name = names.canonical(&qualify(&l.text, ns));
            known
                .types
                .get(&name)
                .filter(|t| t.kind != TypeKind::Enum)
                .map(|_| (name, l.collection))
        })
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
            Some(t) => Evidence::Named(names.canonical(&qualify(t, ns))),
            None => Evidence::UnnamedObject,
        },
        JsonNode::Array(_) => Evidence::Null,
    }
}

/// What a walk over bodies collects.
struct Walk<'a> {
    names: &'a mut Names,
    out: &'a mut BTreeMap<(String, String), Observation>,
    stringly: &'a mut Stringly,
}

/// Walks a body read as type `ty`, recording what it says about types without a table.
fn observe(schema: &Schema, ty: &str, node: &JsonNode, file: &Arc<str>, walk: &mut Walk<'_>) {
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
    let own = odata_type(node).map(|t| walk.names.canonical(&qualify(t, namespace_of(ty))));
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
fn apply(
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
                    name,
                    ty: resolved.ty,
                    navigation: false,
                    origin: Origin::Example,
                    description: None,
                    documented_values: Vec::new(),
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

fn placeholders(node: &JsonNode, path: &str, out: &mut Vec<(String, String)>) {
    match node {
        JsonNode::String(s) if placeholder_type(s).is_some() => {
            out.push((path.to_owned(), s.clone()))
        }
        JsonNode::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                placeholders(item, &format!("{path}[{i}]"), out);
            }
        }
        JsonNode::Object(members) => {
            for m in members {
                placeholders(&m.value, &format!("{path}.{}", m.key), out);
            }
        }
        _ => {}
    }
}

fn first_placeholder_line(node: &JsonNode) -> Option<u32> {
    match node {
        JsonNode::Object(members) => members.iter().find_map(|m| match &m.value {
            JsonNode::String(s) if placeholder_type(s).is_some() => Some(m.line),
            v => first_placeholder_line(v),
        }),
        JsonNode::Array(items) => items.iter().find_map(first_placeholder_line),
        _ => None,
    }
}

fn classify(
    schema: &Schema,
    c: &Candidate<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> ExampleStatus {
    let path = &c.page.path;
    let Some(tree) = &c.body.tree else {
        let looks_json = c.body.text.trim_start().starts_with(['{', '[']);
        if looks_json {
            if let Some(err) = &c.body.json_error {
                diagnostics.push(json_error(path, err));
            }
        }
        return ExampleStatus::Unusable {
            reason: if looks_json {
                "body is not valid JSON".into()
            } else {
                "body is not JSON".into()
            },
        };
    };
    // A body that only a lenient reader accepts (trailing commas, comments) is reported, and
    // tested in its repaired form: the data is clear, only the syntax is wrong.
    if let Some(err) = &c.body.json_error {
        diagnostics.push(json_error(path, err).with_help(
            "the round-trip test uses the body repaired by a lenient reader; fix the example",
        ));
    }
    let mut found = Vec::new();
    placeholders(tree, "$", &mut found);
    if !found.is_empty() {
        let line = first_placeholder_line(tree).unwrap_or(c.body.line);
        let listed: Vec<String> = found
            .iter()
            .take(3)
            .map(|(p, v)| format!("{p} = \"{v}\""))
            .collect();
        diagnostics.push(
            Diagnostic::new(
                Code::PlaceholderData,
                Span::line(path, line),
                format!(
                    "{} example uses {} placeholder value(s) instead of data: {}",
                    kind_name(c.kind),
                    found.len(),
                    listed.join(", ")
                ),
            )
            .with_help(
                "replace the placeholders with realistic values so the example can be tested",
            ),
        );
        let mut reasons: Vec<String> = found
            .iter()
            .take(5)
            .map(|(p, v)| format!("{p} is the placeholder \"{v}\""))
            .collect();
        if found.len() > 5 {
            reasons.push(format!("and {} more placeholders", found.len() - 5));
        }
        return ExampleStatus::Template { reasons };
    }
    let Some(target) = &c.target else {
        return ExampleStatus::Unusable {
            reason: "no type: neither the annotation nor the body names an @odata.type".into(),
        };
    };
    let structured = schema
        .types
        .get(target)
        .is_some_and(|t| t.kind != TypeKind::Enum);
    if !structured && !target.starts_with("Edm.") {
        return ExampleStatus::Unusable {
            reason: format!("`{target}` is not a structured type"),
        };
    }
    let checked = if c.collection {
        match tree {
            JsonNode::Object(members) => match members.iter().find(|m| m.key == "value") {
                Some(m) => crate::validate::value(
                    schema,
                    &TypeRef::new(target.clone(), true),
                    &m.value,
                    "$.value",
                    m.line,
                    false,
                ),
                None => Ok(()),
            },
            _ => Err(crate::validate::Mismatch::new(
                "$",
                c.body.line,
                "an object with a `value` array",
                tree,
            )),
        }
    } else if structured && !matches!(tree, JsonNode::Object(_)) {
        Err(crate::validate::Mismatch::new(
            "$",
            c.body.line,
            "a JSON object",
            tree,
        ))
    } else {
        crate::validate::value(
            schema,
            &TypeRef::new(target.clone(), false),
            tree,
            "$",
            c.body.line,
            false,
        )
    };
    if let Err(m) = checked {
        diagnostics.push(
            Diagnostic::new(
                Code::ExampleValueMismatch,
                Span::line(path, m.line),
                format!(
                    "{} example: {} should be {} but is {}",
                    kind_name(c.kind),
                    m.path,
                    m.expected,
                    m.found
                ),
            )
            .with_help("correct the example or the property's type in its table"),
        );
        return ExampleStatus::Unusable {
            reason: format!("{} should be {} but is {}", m.path, m.expected, m.found),
        };
    }
    if structured {
        check_members(schema, target, tree, path, diagnostics);
    }
    ExampleStatus::Test
}

fn kind_name(kind: ExampleKind) -> &'static str {
    match kind {
        ExampleKind::Request => "request",
        ExampleKind::Response => "response",
        ExampleKind::Resource => "resource",
    }
}

fn json_error(path: &Arc<str>, err: &graphgen_parse::JsonSyntaxError) -> Diagnostic {
    Diagnostic::new(
        Code::InvalidExampleJson,
        Span {
            file: path.clone(),
            line: err.line,
            column: err.column.max(1),
            len: 1,
        },
        format!("example body is not valid JSON: {}", err.message),
    )
}

/// Reports example members that the type's tables do not know, and enum values that are not
/// members, for types described by tables.
fn check_members(
    schema: &Schema,
    ty: &str,
    node: &JsonNode,
    path: &Arc<str>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let JsonNode::Object(members) = node else {
        return;
    };
    let Some(def) = schema.types.get(ty) else {
        return;
    };
    let all = schema.all_properties(ty);
    for m in members {
        if is_annotation_key(&m.key) {
            continue;
        }
        match all.iter().find(|(_, p)| p.name == m.key) {
            None if def.shape == Shape::Declared => diagnostics.push(
                Diagnostic::new(
                    Code::UnknownExampleProperty,
                    Span::line(path, m.line),
                    format!(
                        "example property `{}` is neither in the table of `{}` nor inherited",
                        m.key,
                        def.simple_name()
                    ),
                )
                .with_severity(Severity::Warning)
                .with_help(
                    "add the property to the type's table, or correct its name in the example",
                ),
            ),
            Some((_, p)) => {
                match schema.types.get(&p.ty.name) {
                    Some(t) if t.kind == TypeKind::Enum => {
                        let values: Vec<&JsonNode> = match &m.value {
                            JsonNode::Array(items) => items.iter().collect(),
                            v => vec![v],
                        };
                        for v in values {
                            if let JsonNode::String(s) = v {
                                for token in s.split(',').map(str::trim) {
                                    if !t.members.iter().any(|mem| mem.name == token) {
                                        diagnostics.push(
                                            Diagnostic::new(
                                                Code::UnknownEnumValue,
                                                Span::line(path, m.line),
                                                format!(
                                                    "`{token}` is not a member of enum `{}`",
                                                    t.simple_name()
                                                ),
                                            )
                                            .with_help(format!(
                                                "members are: {}",
                                                t.members
                                                    .iter()
                                                    .map(|m| m.name.as_str())
                                                    .collect::<Vec<_>>()
                                                    .join(", ")
                                            )),
                                        );
                                    }
                                }
                            }
                        }
                    }
                    Some(t) => check_members(schema, &t.name.clone(), &m.value, path, diagnostics),
                    None => {}
                }
            }
            None => {}
        }
    }
}
