//! A response example whose annotation contradicts the operation's stated response type
//! (`GD0035`).
//!
//! Beta serviceupdatemessage-archive.md:53 says the action "returns a `200 OK` response code and a
//! Boolean value `true`", its body is `{"value": true}`, and the response annotation says
//! `"@odata.type": "string"`; group-evaluatedynamicmembership.md:70 returns "an
//! [evaluateDynamicMembershipResult] object", shows one, and annotates it `string`. When the body
//! contradicts the annotation's type, fits the type the Response section states, and that type
//! is neither the annotation's nor related to it, two of the page's three statements agree: the
//! body is checked as the stated type and the annotation is reported. A body that fits neither
//! stays read as the annotation says (and is `GD0030`).

use super::{is_annotation_key, Candidate};
use crate::ir::*;
use crate::names::{page_namespace, Names};
use crate::subject::PageKind;
use graphgen_diag::{Code, Diagnostic, Span};
use graphgen_parse::JsonNode;
use std::collections::HashMap;
use std::sync::Arc;

/// The type the page's Response section states, and whether it says a collection.
fn stated_type(
    c: &Candidate<'_>,
    subjects: &HashMap<Arc<str>, (PageKind, Option<String>)>,
    names: &mut Names,
) -> Option<(String, bool, u32)> {
    let facts = c.page.operation.as_ref()?;
    if facts.templates.is_empty() {
        return None;
    }
    let r = facts.response.as_ref()?;
    // A statement offering several types ("an [a] or [b] object") states their common base,
    // which a body of one of them already is (operations::one_of).
    if !r.alternatives.is_empty() {
        return None;
    }
    let ns = page_namespace(c.page);
    let named = match &r.link {
        Some(link) => crate::operations::link_type(&c.page.path, link, &ns, subjects, names)?,
        None => format!("Edm.{}", r.primitive.as_ref()?),
    };
    Some((named, r.collection, r.line))
}

fn related(schema: &Schema, a: &str, b: &str) -> bool {
    a == b
        || schema.ancestors(a).iter().any(|t| t.name == b)
        || schema.ancestors(b).iter().any(|t| t.name == a)
}

/// Every object the body gives as `ty` names only properties `ty` (or the type it names) has,
/// and at least one: a body of another type fits any type loosely, since unknown members are
/// kept, so fitting the stated type needs the members to be its own.
fn members_known(schema: &Schema, ty: &str, node: &JsonNode) -> bool {
    let JsonNode::Object(members) = node else {
        return false;
    };
    let own = super::classify::own_type(schema, ty, node).unwrap_or(ty);
    let props = schema.all_properties(own);
    let mut data = members.iter().filter(|m| !is_annotation_key(&m.key));
    let mut any = false;
    data.all(|m| {
        any = true;
        props.iter().any(|(_, p)| p.name == m.key)
    }) && any
}

pub(super) fn follow_stated_responses(
    schema: &Schema,
    candidates: &mut [Candidate<'_>],
    subjects: &HashMap<Arc<str>, (PageKind, Option<String>)>,
    names: &mut Names,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for c in candidates.iter_mut() {
        if c.kind != ExampleKind::Response || c.reference {
            continue;
        }
        if c.content_type
            .as_deref()
            .is_some_and(|ct| !ct.contains("json"))
        {
            continue;
        }
        let (Some(target), Some(tree)) = (c.target.clone(), c.body.tree.as_ref()) else {
            continue;
        };
        let Some((stated, said_collection, line)) = stated_type(c, subjects, names) else {
            continue;
        };
        let known = stated.starts_with("Edm.") || schema.types.contains_key(&stated);
        if !known || related(schema, &target, &stated) {
            continue;
        }
        // The annotation's reading must fail, and not only on a placeholder.
        match super::classify::check(schema, &target, c.collection, tree, c.body.line) {
            Some(Err(m)) if m.placeholder.is_none() => {}
            _ => continue,
        }
        let value_array = tree
            .member("value")
            .is_some_and(|m| matches!(m.value, JsonNode::Array(_)));
        let only_value = match tree {
            JsonNode::Object(members) => members
                .iter()
                .all(|m| m.key == "value" || is_annotation_key(&m.key)),
            _ => false,
        };
        let collection = value_array && (said_collection || only_value);
        if !matches!(
            super::classify::check(schema, &stated, collection, tree, c.body.line),
            Some(Ok(()))
        ) {
            continue;
        }
        let structured = schema
            .types
            .get(&stated)
            .is_some_and(|t| t.kind != TypeKind::Enum);
        if structured {
            let objects: Vec<&JsonNode> = match (collection, tree.member("value")) {
                (true, Some(m)) => match &m.value {
                    JsonNode::Array(items) => items.iter().collect(),
                    _ => Vec::new(),
                },
                _ => vec![tree],
            };
            if objects.is_empty() || !objects.iter().all(|o| members_known(schema, &stated, o)) {
                continue;
            }
        }
        let shown = |t: &str| t.strip_prefix("Edm.").unwrap_or(simple_name(t)).to_owned();
        diagnostics.push(
            Diagnostic::new(
                Code::ResponseTypeMismatch,
                Span::line(&c.page.path, c.annotation_line),
                format!(
                    "the annotation reads this response as `{}`, but the page says the response is `{}` and the body is one: it is checked as `{}`",
                    shown(&target),
                    shown(&stated),
                    shown(&stated)
                ),
            )
            .with_related(Span::line(&c.page.path, line), "the stated response")
            .with_help(format!(
                "correct the annotation's \"@odata.type\" to \"{stated}\""
            )),
        );
        c.target = Some(stated);
        c.collection = collection;
    }
}
