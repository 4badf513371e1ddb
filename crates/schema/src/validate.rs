//! Checks an example body against the schema the way the generated serde models will read it,
//! so that a body that contradicts its type is reported instead of becoming a failing test.

use crate::ir::{Schema, Shape, TypeKind, TypeRef};
use graphgen_parse::JsonNode;

/// Where an example value contradicts its type.
#[derive(Debug)]
pub(crate) struct Mismatch {
    pub path: String,
    pub line: u32,
    pub expected: String,
    pub found: String,
    /// The value is a string spelling a type where the type expects no string
    /// (`"top": "Integer"`, `"certificateList": "Collection(microsoft.graph.x)"`), or an empty
    /// object where no object belongs (`{}`): a placeholder.
    pub placeholder: Option<String>,
}

/// A string that spells a type instead of holding data: a primitive's name in any case
/// (`Integer`, `boolean`, `timestamp`), `Collection(...)`, or a qualified `microsoft.x` name.
fn type_spelling(s: &str) -> bool {
    const PRIMITIVES: &[&str] = &[
        "integer",
        "int",
        "int16",
        "int32",
        "int64",
        "boolean",
        "bool",
        "number",
        "double",
        "single",
        "decimal",
        "byte",
        "timestamp",
        "datetime",
        "datetimeoffset",
        "date",
        "guid",
        "duration",
        "timeofday",
        "binary",
        "string",
    ];
    let lower = s.trim().to_ascii_lowercase();
    PRIMITIVES.contains(&lower.as_str())
        || (lower.starts_with("collection(") && lower.ends_with(')'))
        || (lower.starts_with("microsoft.")
            && lower[10..]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.'))
}

impl Mismatch {
    pub(crate) fn new(path: &str, line: u32, expected: &str, found: &JsonNode) -> Self {
        Mismatch {
            path: path.to_owned(),
            line,
            expected: expected.to_owned(),
            found: describe(found),
            placeholder: match found {
                JsonNode::String(s) if type_spelling(s) => Some(s.clone()),
                // An empty object where a value that is not an object belongs is a value left
                // blank (`"index": {}`, beta `chartpointscollection-itemat.md:66`).
                JsonNode::Object(members) if members.is_empty() => Some("{}".to_owned()),
                _ => None,
            },
        }
    }
}

pub(crate) fn describe(node: &JsonNode) -> String {
    match node {
        JsonNode::Null => "null".into(),
        JsonNode::Bool(b) => format!("`{b}`"),
        JsonNode::Number(n) => format!("the number {n}"),
        JsonNode::String(s) if s.chars().count() > 40 => "a string".into(),
        JsonNode::String(s) => format!("the string \"{s}\""),
        JsonNode::Array(_) => "an array".into(),
        JsonNode::Object(_) => "an object".into(),
    }
}

fn integer_in(n: &str, min: i128, max: i128) -> bool {
    // `-0` is an integer in range, but serde_json reads it as the float -0.0, which an integer
    // field rejects.
    n.parse::<i128>()
        .is_ok_and(|v| v >= min && v <= max && !(v == 0 && n.starts_with('-')))
}

/// The first number anywhere in `node` that serde_json cannot read at all (beyond the f64 range,
/// like `1e400`): it makes the whole body unreadable, whatever the property's type.
pub(crate) fn unreadable_number(node: &JsonNode, path: &str, line: u32) -> Option<Mismatch> {
    match node {
        JsonNode::Number(n) if !n.parse::<f64>().is_ok_and(f64::is_finite) => Some(Mismatch::new(
            path,
            line,
            "a number within the f64 range",
            node,
        )),
        JsonNode::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| unreadable_number(item, &format!("{path}[{i}]"), line)),
        JsonNode::Object(members) => members
            .iter()
            .find_map(|m| unreadable_number(&m.value, &format!("{path}.{}", m.key), m.line)),
        _ => None,
    }
}

/// Checks `node` against `ty`. `in_collection`: a `null` element of a collection is not a value
/// (only properties are nullable).
pub(crate) fn value(
    schema: &Schema,
    ty: &TypeRef,
    node: &JsonNode,
    path: &str,
    line: u32,
    in_collection: bool,
) -> Result<(), Mismatch> {
    let untyped = ty.name == "Edm.Untyped"
        || (ty.name.starts_with("Edm.") && primitive_kind(&ty.name).is_none())
        || schema
            .types
            .get(&ty.name)
            .is_some_and(|t| t.shape == Shape::Any);
    if matches!(node, JsonNode::Null) && !in_collection {
        return Ok(());
    }
    if ty.collection {
        let JsonNode::Array(items) = node else {
            return Err(Mismatch::new(path, line, "an array", node));
        };
        let element = TypeRef::new(ty.name.clone(), false);
        for (i, item) in items.iter().enumerate() {
            value(
                schema,
                &element,
                item,
                &format!("{path}[{i}]"),
                line,
                !untyped,
            )?;
        }
        return Ok(());
    }
    if untyped {
        return Ok(());
    }
    let expect = |ok: bool, what: &str| {
        if ok {
            Ok(())
        } else {
            Err(Mismatch::new(path, line, what, node))
        }
    };
    if let Some(kind) = primitive_kind(&ty.name) {
        return match (kind, node) {
            (Prim::Text, n) => expect(matches!(n, JsonNode::String(_)), "a string"),
            (Prim::Bool, n) => expect(matches!(n, JsonNode::Bool(_)), "`true` or `false`"),
            (Prim::Float, n) => expect(matches!(n, JsonNode::Number(_)), "a number"),
            (Prim::Int(min, max), JsonNode::Number(n)) => {
                expect(integer_in(n, min, max), "an integer in range")
            }
            (Prim::Int(..), _) => expect(false, "an integer"),
        };
    }
    let Some(def) = schema.types.get(&ty.name) else {
        return Ok(());
    };
    if def.kind == TypeKind::Enum {
        return expect(
            matches!(node, JsonNode::String(_)),
            "a string (enum member)",
        );
    }
    let JsonNode::Object(members) = node else {
        return Err(Mismatch::new(path, line, "an object", node));
    };
    // A body may name a derived type; its properties are then the derived type's.
    let own = members
        .iter()
        .find(|m| m.key == "@odata.type")
        .and_then(|m| m.value.as_str())
        .map(|t| t.trim_start_matches('#').to_owned())
        .and_then(|t| {
            schema
                .types
                .keys()
                .find(|k| k.eq_ignore_ascii_case(&t))
                .cloned()
        });
    let props = schema.all_properties(own.as_deref().unwrap_or(&ty.name));
    let mut seen = std::collections::BTreeSet::new();
    for m in members {
        if !seen.insert(m.key.as_str()) {
            return Err(Mismatch {
                path: format!("{path}.{}", m.key),
                line: m.line,
                expected: "a member that appears once".into(),
                found: "a duplicate key".into(),
                placeholder: None,
            });
        }
        if m.key == "@odata.type" {
            if !matches!(m.value, JsonNode::String(_)) {
                return Err(Mismatch::new(
                    &format!("{path}.@odata.type"),
                    m.line,
                    "a string",
                    &m.value,
                ));
            }
            continue;
        }
        if let Some((_, p)) = props.iter().find(|(_, p)| p.name == m.key) {
            value(
                schema,
                &p.ty,
                &m.value,
                &format!("{path}.{}", m.key),
                m.line,
                false,
            )?;
        }
    }
    Ok(())
}

/// The JSON kind a primitive's values are written as: `string`, `boolean` or `number`.
pub(crate) fn json_kind(name: &str) -> Option<&'static str> {
    primitive_kind(name).map(|k| match k {
        Prim::Text => "string",
        Prim::Bool => "boolean",
        Prim::Float | Prim::Int(..) => "number",
    })
}

#[derive(Clone, Copy)]
enum Prim {
    Text,
    Bool,
    Float,
    Int(i128, i128),
}

fn primitive_kind(name: &str) -> Option<Prim> {
    Some(match name {
        "Edm.String" | "Edm.Stream" | "Edm.DateTimeOffset" | "Edm.Date" | "Edm.TimeOfDay"
        | "Edm.Duration" | "Edm.Guid" | "Edm.Binary" => Prim::Text,
        "Edm.Boolean" => Prim::Bool,
        "Edm.Double" | "Edm.Single" | "Edm.Decimal" => Prim::Float,
        "Edm.Int16" => Prim::Int(i16::MIN.into(), i16::MAX.into()),
        "Edm.Int32" => Prim::Int(i32::MIN.into(), i32::MAX.into()),
        "Edm.Int64" => Prim::Int(i64::MIN.into(), i64::MAX.into()),
        "Edm.Byte" => Prim::Int(0, 255),
        "Edm.SByte" => Prim::Int(-128, 127),
        _ => return None,
    })
}
