//! Example bodies: which type each one is, what they teach about types that have no table, and
//! whether each becomes a round-trip test, a listed template or is unusable.
//!
//! `collect` finds each body's type, `shape` infers types from the bodies, `classify` decides
//! what each body becomes.

mod classify;
mod collect;
mod evidence;
mod shape;
mod stated;
#[cfg(test)]
mod tests;

use crate::ir::*;
use crate::names::{ensure, Names};
use crate::subject::PageKind;
use graphgen_diag::{Code, Diagnostic};
use graphgen_parse::{Body, JsonNode, Page};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

pub use shape::placeholder_type;

pub(super) fn is_annotation_key(key: &str) -> bool {
    key.starts_with('@') || key.contains("@odata.")
}

pub(super) fn odata_type(node: &JsonNode) -> Option<&str> {
    node.member("@odata.type").and_then(|m| m.value.as_str())
}

/// One body with the type it is read as.
pub(super) struct Candidate<'a> {
    page: &'a Page,
    body: &'a Body,
    kind: ExampleKind,
    name: Option<String>,
    target: Option<String>,
    collection: bool,
    patch: bool,
    /// A request to a `$ref` URL naming no type: the body is an entity reference.
    reference: bool,
    annotation_line: u32,
    /// The message's `Content-Type` header, when it states one.
    content_type: Option<String>,
}

pub(crate) fn examples(
    schema: &mut Schema,
    pages: &[&Page],
    subjects: &HashMap<Arc<str>, (PageKind, Option<String>)>,
    names: &mut Names,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut candidates = collect::collect(pages, subjects, names, schema, diagnostics);
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
        let mut observations: BTreeMap<(String, String), shape::Observation> = BTreeMap::new();
        let mut stringly = shape::Stringly::new();
        let mut not_objects = shape::NotObjects::new();
        for c in &candidates {
            if let (Some(target), Some(tree)) = (&c.target, &c.body.tree) {
                let mut walk = shape::Walk {
                    names: &mut *names,
                    out: &mut observations,
                    stringly: &mut stringly,
                    not_objects: &mut not_objects,
                };
                // A collection body is an envelope (`{"value": [...]}`): its elements are the
                // objects of the target type, the envelope is none.
                let objects = match (c.collection, tree.member("value")) {
                    (true, Some(m)) => &m.value,
                    _ => tree,
                };
                shape::observe(schema, target, objects, &c.page.path, &mut walk);
            }
        }
        let mut changed = shape::apply(schema, observations, diagnostics);
        changed |= any_json(schema, not_objects, diagnostics);
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
    evidence::overrule_tables(schema, &candidates, pages, diagnostics);
    stated::follow_stated_responses(schema, &mut candidates, subjects, names, diagnostics);
    for c in candidates {
        let status = classify::classify(schema, &c, diagnostics);
        let envelope = match (&c.target, &c.body.tree) {
            _ if c.reference => Envelope::Reference,
            (Some(target), Some(tree))
                if classify::value_envelope(schema, target, c.collection, tree).is_some() =>
            {
                Envelope::Value
            }
            _ => Envelope::None,
        };
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
            envelope,
            media: None,
            status,
            body,
        });
    }
}

/// A type that declares no member, has no base and no derived type, and whose values in examples
/// are not objects is any JSON value (`Shape::Any`): v1.0 json.md declares `Json` ("data returned
/// in JSON format") with an empty Properties table, and range.md:66 `values` holds arrays of
/// arrays. Reported as a note at the first such value. Returns whether anything changed.
fn any_json(
    schema: &mut Schema,
    not_objects: shape::NotObjects,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    let mut changed = false;
    for (name, source) in not_objects {
        let derived = schema
            .types
            .values()
            .any(|t| t.base.as_ref().is_some_and(|b| b.name == name));
        let Some(t) = schema.types.get_mut(&name) else {
            continue;
        };
        if derived
            || t.kind == TypeKind::Enum
            || t.base.is_some()
            || !t.properties.is_empty()
            || !matches!(t.shape, Shape::Declared | Shape::Open)
        {
            continue;
        }
        t.shape = Shape::Any;
        changed = true;
        diagnostics.push(
            Diagnostic::new(
                Code::InferredShape,
                source.span(),
                format!(
                    "`{}` declares no property and this value of it is no object: it is modelled as any JSON value",
                    simple_name(&name)
                ),
            )
            .with_help("describe the values the type takes, or give the property a primitive type"),
        );
    }
    changed
}
