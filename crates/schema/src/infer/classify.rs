//! What each example body becomes: a round-trip test, a listed template, or unusable (why).

use super::shape::placeholder_type;
use super::{is_annotation_key, Candidate};
use crate::ir::*;
use graphgen_diag::{Code, Diagnostic, Severity, Span};
use graphgen_parse::JsonNode;
use std::sync::Arc;

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

pub(super) fn classify(
    schema: &Schema,
    c: &Candidate<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> ExampleStatus {
    let path = &c.page.path;
    // A body the message says is not JSON (`Content-type: text/plain` and `893` for
    // `GET /users/$count`) is not a representation of any type, whatever it parses as; a CSV report
    // (`application/octet-stream`) or an image is media, not a malformed JSON body.
    if let Some(ct) = c.content_type.as_deref().filter(|ct| !ct.contains("json")) {
        return ExampleStatus::Unusable {
            reason: format!("the body is `{ct}`, not JSON"),
            cause: UnusableCause::NotJsonContent,
        };
    }
    let Some(tree) = &c.body.tree else {
        // A body that is one bracketed phrase stands for data it does not show (`<bytes 0-25 of
        // the file>`, v1.0 `driveitem-createuploadsession.md:158`; `[Zip file containing a Teams
        // app package]`): a placeholder.
        let text = c.body.text.trim();
        let bracketed = !text.contains('\n')
            && ((text.starts_with('<') && text.ends_with('>'))
                || (text.starts_with('[') && text.ends_with(']')))
            && text[1..text.len() - 1].contains(' ')
            && !text[1..text.len() - 1].contains(['<', '>', '[', ']', '{', '}', '"']);
        if bracketed {
            diagnostics.push(
                Diagnostic::new(
                    Code::PlaceholderData,
                    Span::line(path, c.body.line),
                    format!(
                        "{} example body is the placeholder {text} instead of data",
                        kind_name(c.kind)
                    ),
                )
                .with_help("show the data, or mark the block as a template"),
            );
            return ExampleStatus::Template {
                reasons: vec![format!("the body is the placeholder {text}")],
            };
        }
        let looks_json = c.body.text.trim_start().starts_with(['{', '[']);
        if looks_json {
            if let Some(err) = &c.body.json_error {
                diagnostics.push(json_error(path, err));
            }
        }
        return if looks_json {
            ExampleStatus::Unusable {
                reason: "body is not valid JSON".into(),
                cause: UnusableCause::InvalidJson,
            }
        } else {
            ExampleStatus::Unusable {
                reason: "body is not JSON".into(),
                cause: UnusableCause::NotJson,
            }
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
    if c.reference {
        // An entity reference: `@odata.id` holds the URL; anything else is kept as it comes.
        return match tree.member("@odata.id").map(|m| (m, &m.value)) {
            Some((_, JsonNode::String(_))) => ExampleStatus::Test,
            found => {
                let (line, found) = match found {
                    Some((m, v)) => (m.line, crate::validate::describe(v)),
                    None => (c.body.line, "missing".to_owned()),
                };
                diagnostics.push(
                    Diagnostic::new(
                        Code::ExampleValueMismatch,
                        Span::line(path, line),
                        format!(
                            "{} example to a `$ref` URL: $.@odata.id should be a string (the URL of the entity) but is {found}",
                            kind_name(c.kind)
                        ),
                    )
                    .with_help("send {\"@odata.id\": \"https://graph.microsoft.com/v1.0/directoryObjects/{id}\"}"),
                );
                ExampleStatus::Unusable {
                    reason: format!(
                        "$.@odata.id should be a string (the URL of the entity) but is {found}"
                    ),
                    cause: UnusableCause::ContradictsSchema,
                }
            }
        };
    }
    let Some(target) = &c.target else {
        return ExampleStatus::Unusable {
            reason: "no type: neither the annotation nor the body names an @odata.type".into(),
            cause: UnusableCause::NoType,
        };
    };
    let structured = schema
        .types
        .get(target)
        .is_some_and(|t| t.kind != TypeKind::Enum);
    let Some(checked) = check(schema, target, c.collection, tree, c.body.line) else {
        return ExampleStatus::Unusable {
            reason: format!("`{target}` is not a structured type"),
            cause: UnusableCause::NotStructured,
        };
    };
    if let Err(Some((m, spelled))) = checked
        .as_ref()
        .map_err(|m| m.placeholder.as_ref().map(|p| (m, p)))
    {
        // A string spelling a type where data of another JSON type belongs (`"top": "Integer"`,
        // v1.0 `printmargin.md:36`) is a placeholder the list above does not know, not data; so is
        // an empty object there.
        let shown = if spelled == "{}" {
            "{}".to_owned()
        } else {
            format!("\"{spelled}\"")
        };
        diagnostics.push(
            Diagnostic::new(
                Code::PlaceholderData,
                Span::line(path, m.line),
                format!(
                    "{} example uses the placeholder {} = {shown} instead of data ({} expected)",
                    kind_name(c.kind),
                    m.path,
                    m.expected
                ),
            )
            .with_help(
                "replace the placeholders with realistic values so the example can be tested",
            ),
        );
        return ExampleStatus::Template {
            reasons: vec![format!("{} is the placeholder {shown}", m.path)],
        };
    }
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
            cause: UnusableCause::ContradictsSchema,
        };
    }
    if structured {
        // A collection body is an envelope: its `value` elements are the objects of the type.
        let objects = match (c.collection, tree.member("value")) {
            (true, Some(m)) => &m.value,
            _ => tree,
        };
        check_members(schema, target, objects, path, diagnostics);
    }
    ExampleStatus::Test
}

/// Checks a body against `target` the way the generated models read it: the envelope of one
/// value, a collection's `value` array, or one object. `None` when `target` is no structured,
/// primitive or enum type (nothing to check against).
pub(super) fn check(
    schema: &Schema,
    target: &str,
    collection: bool,
    tree: &JsonNode,
    line: u32,
) -> Option<Result<(), crate::validate::Mismatch>> {
    let structured = schema
        .types
        .get(target)
        .is_some_and(|t| t.kind != TypeKind::Enum);
    let envelope = value_envelope(schema, target, collection, tree);
    if !structured && !target.starts_with("Edm.") && envelope.is_none() {
        return None;
    }
    let checked = if let Some(m) = envelope {
        crate::validate::value(
            schema,
            &TypeRef::new(target, false),
            &m.value,
            "$.value",
            m.line,
            false,
        )
    } else if collection {
        match tree {
            JsonNode::Object(members) => match members.iter().find(|m| m.key == "value") {
                Some(m) => crate::validate::value(
                    schema,
                    &TypeRef::new(target, true),
                    &m.value,
                    "$.value",
                    m.line,
                    false,
                ),
                None => Ok(()),
            },
            _ => Err(crate::validate::Mismatch::new(
                "$",
                line,
                "an object with a `value` array",
                tree,
            )),
        }
    } else if structured && !matches!(tree, JsonNode::Object(_)) {
        Err(crate::validate::Mismatch::new(
            "$",
            line,
            "a JSON object",
            tree,
        ))
    } else {
        crate::validate::value(schema, &TypeRef::new(target, false), tree, "$", line, false)
    };
    Some(match crate::validate::unreadable_number(tree, "$", line) {
        Some(m) => Err(m),
        None => checked,
    })
}

/// The member holding the value when `tree` is the OData envelope of one primitive or enum value
/// (`{"@odata.context": "...$metadata#Edm.String", "value": "https://..."}`, beta
/// `ediscovery-caseexportoperation-getdownloadurl.md:99`): the target is a primitive (not a
/// stream, which is media, nor untyped JSON, which an object already is) or an enum, and the body
/// an object whose only member that is not an annotation is `value`.
pub(crate) fn value_envelope<'a>(
    schema: &Schema,
    target: &str,
    collection: bool,
    tree: &'a JsonNode,
) -> Option<&'a graphgen_parse::JsonMember> {
    let scalar = match target.strip_prefix("Edm.") {
        Some(p) => !matches!(p, "Stream" | "Untyped"),
        None => schema
            .types
            .get(target)
            .is_some_and(|t| t.kind == TypeKind::Enum),
    };
    if collection || !scalar {
        return None;
    }
    let JsonNode::Object(members) = tree else {
        return None;
    };
    let mut data = members.iter().filter(|m| !is_annotation_key(&m.key));
    match (data.next(), data.next()) {
        (Some(m), None) if m.key == "value" => Some(m),
        _ => None,
    }
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

/// The type an object's `@odata.type` names, when the schema has it (any letter case).
pub(super) fn own_type<'a>(schema: &'a Schema, expected: &str, node: &JsonNode) -> Option<&'a str> {
    let named = node.member("@odata.type")?.value.as_str()?;
    let qualified = crate::names::qualify(named, namespace_of(expected));
    if let Some((k, _)) = schema.types.get_key_value(&qualified) {
        return Some(k.as_str());
    }
    let find = |q: &str| {
        schema
            .types
            .keys()
            .find(|k| k.eq_ignore_ascii_case(q))
            .map(String::as_str)
    };
    // A name in a foreign namespace was read as the microsoft.graph type (names.rs).
    find(&qualified).or_else(|| crate::names::foreign_graph_name(&qualified).and_then(|g| find(&g)))
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
    let members = match node {
        JsonNode::Object(members) => members,
        // The elements of a collection, each by its own type.
        JsonNode::Array(items) => {
            for item in items {
                check_members(schema, ty, item, path, diagnostics);
            }
            return;
        }
        _ => return,
    };
    // An object that names its own type (`"@odata.type": "#microsoft.graph.fileAttachment"`
    // inside `attachments`) is checked against that type, not the declared one.
    let ty = own_type(schema, ty, node).unwrap_or(ty);
    let Some(def) = schema.types.get(ty) else {
        return;
    };
    let all = schema.all_properties(ty);
    // An open type (`"openType": true`, "This is an _open type_") takes members no table lists.
    let open = std::iter::once(def)
        .chain(schema.ancestors(ty))
        .any(|t| t.open == Some(true));
    for m in members {
        if is_annotation_key(&m.key) {
            continue;
        }
        match all.iter().find(|(_, p)| p.name == m.key) {
            None if def.shape == Shape::Declared && !open => diagnostics.push(
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
