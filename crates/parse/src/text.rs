//! Small text recognisers used by the walker.

use crate::model::{FrontMatter, Located, TableKind};

/// Front matter larger than this is not read (real pages have a few hundred bytes).
const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;
/// Flow collections (`[`, `{`) nested deeper than this are not read: the YAML parser's time
/// grows with the square of the depth.
const MAX_FRONT_MATTER_DEPTH: usize = 32;

/// The deepest nesting of flow collections, outside quoted strings.
fn flow_depth(yaml: &str) -> usize {
    let (mut depth, mut max, mut quote) = (0usize, 0usize, None);
    for c in yaml.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => {
                depth += 1;
                max = max.max(depth);
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            (None, '\n') => {}
            _ => {}
        }
    }
    max
}

/// Reads YAML front matter leniently: scalars become text, anything else is kept as its YAML.
/// Front matter too large or too deeply nested to read quickly is an error, not read.
pub(crate) fn front_matter(yaml: &str, first_line: u32) -> FrontMatter {
    let mut fm = FrontMatter::default();
    if yaml.len() > MAX_FRONT_MATTER_BYTES {
        fm.error = Some(Located::new(
            format!(
                "front matter is {} bytes, over the {MAX_FRONT_MATTER_BYTES}-byte limit; not read",
                yaml.len()
            ),
            first_line,
        ));
        return fm;
    }
    let depth = flow_depth(yaml);
    if depth > MAX_FRONT_MATTER_DEPTH {
        fm.error = Some(Located::new(
            format!("front matter nests {depth} levels deep, over the limit of {MAX_FRONT_MATTER_DEPTH}; not read"),
            first_line,
        ));
        return fm;
    }
    match serde_yaml::from_str::<serde_yaml::Value>(yaml) {
        Ok(serde_yaml::Value::Mapping(map)) => {
            for (key, value) in map {
                let Some(key) = scalar(&key) else { continue };
                let text = scalar(&value).unwrap_or_else(|| {
                    serde_yaml::to_string(&value)
                        .unwrap_or_default()
                        .trim()
                        .to_owned()
                });
                let line = key_line(yaml, &key).map_or(first_line, |l| first_line + l);
                fm.entries.insert(key, Located::new(text, line));
            }
        }
        Ok(serde_yaml::Value::Null) => {}
        Ok(_) => {
            fm.error = Some(Located::new(
                "front matter is not a mapping".into(),
                first_line,
            ));
        }
        Err(err) => {
            let line = err
                .location()
                .map_or(first_line, |l| first_line + l.line() as u32 - 1);
            let message = err.to_string();
            let message = message
                .split(" at line ")
                .next()
                .unwrap_or(&message)
                .to_owned();
            fm.error = Some(Located::new(message, line));
        }
    }
    fm
}

fn scalar(v: &serde_yaml::Value) -> Option<String> {
    match v {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Null => Some(String::new()),
        _ => None,
    }
}

/// 0-based line of `key:` within the YAML text.
fn key_line(yaml: &str, key: &str) -> Option<u32> {
    yaml.lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|p| p as u32)
}

/// The text after "Possible values are" (or "possible values:"), once a description reaches it.
pub(crate) fn after_possible_values(text: &str) -> Option<&str> {
    let lower = text.to_ascii_lowercase();
    [
        "possible values are",
        "possible values include",
        "possible values:",
    ]
    .iter()
    .find_map(|phrase| lower.find(phrase).map(|i| &text[i + phrase.len()..]))
}

/// Members listed without code spans: "Possible values are: a, b, c."
pub(crate) fn split_plain_values(text: &str) -> Vec<String> {
    let rest = text.trim_start_matches([':', ' ']);
    let rest = rest.split(". ").next().unwrap_or(rest);
    let mut out = Vec::new();
    for token in rest.split([',', ';']) {
        let token = token.trim();
        let token = token
            .strip_prefix("and ")
            .or_else(|| token.strip_prefix("or "))
            .unwrap_or(token);
        let token = token.trim().trim_matches(['"', '\'', '.', '*', ' ']);
        if !token.is_empty()
            && token.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && token
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
        {
            out.push(token.to_owned());
        } else if !token.is_empty() {
            // Prose, not a list of values: give up rather than invent members.
            return Vec::new();
        }
    }
    out
}

/// What a table holds, from its header cells.
pub(crate) fn classify_table(header: &[String]) -> TableKind {
    let norm: Vec<String> = header
        .iter()
        .map(|h| h.trim().trim_matches('*').trim().to_ascii_lowercase())
        .collect();
    let find = |names: &[&str]| norm.iter().position(|h| names.contains(&h.as_str()));
    let ty = find(&["type", "data type", "value type"]);
    let description = find(&["description", "descriptions", "notes"]);
    if let Some(ty) = ty {
        if let Some(name) = find(&[
            "relationship",
            "relationship name",
            "relationships",
            "navigation property",
        ]) {
            return TableKind::Relationships {
                name,
                ty,
                description,
            };
        }
        if let Some(name) = find(&[
            "property",
            "property name",
            "name",
            "properties",
            "parameter",
        ]) {
            return TableKind::Properties {
                name,
                ty,
                description,
            };
        }
    }
    if let Some(method) = find(&["method", "methods"]) {
        let returns = find(&["return type", "return value", "returns", "return"]);
        return TableKind::Methods {
            method,
            returns,
            description,
        };
    }
    let member_names = ["member", "members", "member name", "enum member"];
    let member = find(&member_names);
    // `Member | Int value` (enums.md:1259), and `Member | Member` whose second column holds the
    // values (enums.md:1058).
    let value = find(&[
        "value",
        "values",
        "int value",
        "integer value",
        "numeric value",
    ])
    .or_else(|| {
        let first = member?;
        norm.iter()
            .skip(first + 1)
            .position(|h| member_names.contains(&h.as_str()))
            .map(|i| first + 1 + i)
    });
    let member = member.or_else(|| value.and(find(&["name"])));
    if member.is_some() || (value.is_some() && ty.is_none() && norm.len() <= 3) {
        return TableKind::EnumMembers {
            member,
            value,
            description,
        };
    }
    TableKind::Other
}

/// A `Name | Value | Description` table under a Request body heading whose Value cells are all
/// types (`string`, `[ItemReference](../resources/itemreference.md)`) lists parameters, not enum
/// members (`driveitem-checkin.md:42`, `driveitem-copy.md:43`, `site-follow.md:39`): its Value
/// column is the parameters' type.
pub(crate) fn parameters_in_value_column(
    kind: TableKind,
    header: &[String],
    section: Option<&str>,
    rows: &[crate::Row],
) -> TableKind {
    let TableKind::EnumMembers {
        member: Some(name),
        value: Some(ty),
        description,
    } = kind
    else {
        return kind;
    };
    let is = |i: usize, word: &str| {
        header
            .get(i)
            .is_some_and(|h| h.trim().trim_matches('*').trim().eq_ignore_ascii_case(word))
    };
    let request_body = section.is_some_and(|s| s.trim().eq_ignore_ascii_case("request body"));
    let is_type = |cell: &crate::Cell| {
        let text = cell.text.trim();
        let word = text.strip_suffix(" collection").unwrap_or(text);
        !cell.links.is_empty()
            || (!word.is_empty()
                && word.starts_with(|c: char| c.is_ascii_alphabetic())
                && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '.'))
    };
    let typed = !rows.is_empty()
        && rows
            .iter()
            .filter(|r| r.group.is_none())
            .all(|r| r.cells.get(ty).is_some_and(is_type));
    if request_body && is(name, "name") && is(ty, "value") && typed {
        TableKind::Properties {
            name,
            ty,
            description,
        }
    } else {
        kind
    }
}
