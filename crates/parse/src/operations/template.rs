//! URL template lines: `GET /users/{id | userPrincipalName}/reminderView(a={x})?$top=5`.

use super::{FunctionCall, PathParam, UrlPiece, UrlTemplate};

/// Reads the target of a template line (after the method).
pub fn parse_template(method: &str, target: &str) -> Result<UrlTemplate, String> {
    let mut target = target.trim();
    // A trailing comment or prose after the template: `GET /me/events (deprecated)` is rare;
    // keep everything, since spaces are legal inside `{...}` and query strings.
    for prefix in ["https://graph.microsoft.com", "http://graph.microsoft.com"] {
        if let Some(rest) = target.strip_prefix(prefix) {
            target = rest;
            for version in ["/v1.0", "/beta"] {
                if let Some(rest) = target.strip_prefix(version) {
                    target = rest;
                }
            }
        }
    }
    if target.is_empty() {
        return Err("the line has no path".into());
    }
    let mut params: Vec<PathParam> = Vec::new();
    let mut pieces: Vec<UrlPiece> = Vec::new();
    let mut literal = String::new();
    if !target.starts_with('/') {
        literal.push('/');
    }
    let mut in_query = false;
    let mut query_start: Option<usize> = None;
    let mut path_text = String::new();
    let mut depth_paren = 0i32;
    let mut skip_until = 0;
    for (i, c) in target.char_indices() {
        if i < skip_until {
            continue;
        }
        match c {
            '{' => {
                let rest = &target[i + 1..];
                let Some(end) = rest.find('}') else {
                    return Err("a `{` is never closed".into());
                };
                let inner = &rest[..end];
                if inner.contains('{') {
                    return Err("`{` inside `{...}`".into());
                }
                let alternatives: Vec<String> = inner
                    .split('|')
                    .map(|a| a.trim().to_owned())
                    .filter(|a| !a.is_empty())
                    .collect();
                let Some(name) = alternatives.first().cloned() else {
                    return Err("an empty `{}`".into());
                };
                if !literal.is_empty() {
                    pieces.push(UrlPiece::Literal(std::mem::take(&mut literal)));
                }
                pieces.push(UrlPiece::Param(params.len()));
                params.push(PathParam {
                    name,
                    alternatives: if alternatives.len() > 1 {
                        alternatives
                    } else {
                        Vec::new()
                    },
                    in_query,
                });
                if !in_query {
                    path_text.push('{');
                    path_text.push_str(inner);
                    path_text.push('}');
                }
                skip_until = i + 1 + end + 1;
            }
            // A function argument written as a bare word is a placeholder too:
            // `reminderView(startDateTime=startDateTime-value,...)`.
            '=' if depth_paren > 0 && !in_query => {
                literal.push(c);
                path_text.push(c);
                let rest = &target[i + 1..];
                let end = rest.find([',', ')']).unwrap_or(rest.len());
                let value = &rest[..end];
                if is_bare_placeholder(value) {
                    pieces.push(UrlPiece::Literal(std::mem::take(&mut literal)));
                    pieces.push(UrlPiece::Param(params.len()));
                    params.push(PathParam {
                        name: value.to_owned(),
                        alternatives: Vec::new(),
                        in_query,
                    });
                    path_text.push_str(value);
                    skip_until = i + 1 + end;
                }
            }
            '}' => return Err("a `}` without `{`".into()),
            '?' if !in_query && depth_paren == 0 => {
                in_query = true;
                query_start = Some(i + 1);
                literal.push(c);
            }
            _ => {
                if c == '(' {
                    depth_paren += 1;
                } else if c == ')' {
                    depth_paren -= 1;
                }
                literal.push(c);
                if !in_query {
                    path_text.push(c);
                }
            }
        }
    }
    if !literal.is_empty() {
        pieces.push(UrlPiece::Literal(literal));
    }
    let mut path = path_text.trim_end().to_owned();
    if !path.starts_with('/') {
        path.insert(0, '/');
    }
    let query = query_start.map(|q| target[q..].trim().to_owned());
    let last = last_segment(&path);
    let suffix = ["$value", "$ref", "$count"]
        .iter()
        .find(|s| last.eq_ignore_ascii_case(s))
        .map(|s| s.to_string());
    let function = function_call(last);
    Ok(UrlTemplate {
        method: method.to_owned(),
        path,
        query,
        params,
        function,
        suffix,
        pieces,
        line: 0,
    })
}

/// `startDateTime-value` (not `'fit'`, `0`, `true` or `{x}`).
fn is_bare_placeholder(value: &str) -> bool {
    let v = value.trim();
    !v.is_empty()
        && v.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && !matches!(v, "true" | "false" | "null")
}

/// The last `/`-separated segment, outside parentheses and braces.
fn last_segment(path: &str) -> &str {
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in path.char_indices() {
        match c {
            '(' | '{' => depth += 1,
            ')' | '}' => depth -= 1,
            '/' if depth == 0 => start = i + 1,
            _ => {}
        }
    }
    &path[start..]
}

/// `name(a=x,b=y)` and `name()`.
fn function_call(segment: &str) -> Option<FunctionCall> {
    let open = segment.find('(')?;
    let inner = segment[open + 1..].strip_suffix(')')?;
    let name = &segment[..open];
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
    {
        return None;
    }
    let mut arguments = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    let mut parts = Vec::new();
    for (i, c) in inner.char_indices() {
        match c {
            '(' | '{' => depth += 1,
            ')' | '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    for p in parts.into_iter().map(str::trim).filter(|p| !p.is_empty()) {
        match p.split_once('=') {
            Some((k, v)) => arguments.push((k.trim().to_owned(), v.trim().to_owned())),
            None => arguments.push((String::new(), p.to_owned())),
        }
    }
    Some(FunctionCall {
        name: name.to_owned(),
        arguments,
    })
}
