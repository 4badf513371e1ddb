//! Round-trip assertions for tests of generated models.

use std::fmt::Write as _;

use serde_json::Value;

/// Deserializes `T` from `json`, serializes it back and asserts that the
/// result is the same JSON (see [`json_equivalent`]). Returns the
/// deserialized value for further assertions.
///
/// # Panics
///
/// * if `json` is not valid JSON;
/// * if `T` cannot be deserialized from it (the message has serde's error
///   with its line and column);
/// * if `T` cannot be serialized;
/// * if the serialized JSON differs; the message lists every differing
///   path, e.g. `$.createdBy.user.id: expected "x", got absent`.
#[track_caller]
#[allow(clippy::must_use_candidate)] // Callers often ignore the value.
pub fn assert_round_trip<T>(json: &str) -> T
where
    T: serde::de::DeserializeOwned + serde::Serialize,
{
    let type_name = std::any::type_name::<T>();
    let expected: Value = match serde_json::from_str(json) {
        Ok(v) => v,
        Err(e) => panic!(
            "round trip of {type_name}: input is not valid JSON at line {} column {}: {e}",
            e.line(),
            e.column()
        ),
    };
    let model: T = match serde_json::from_str(json) {
        Ok(v) => v,
        Err(e) => panic!(
            "round trip of {type_name}: deserialization failed at line {} column {}: {e}",
            e.line(),
            e.column()
        ),
    };
    let text = match serde_json::to_string(&model) {
        Ok(t) => t,
        Err(e) => panic!("round trip of {type_name}: serialization failed: {e}"),
    };
    let actual: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => panic!("round trip of {type_name}: serialized text is not JSON: {e}"),
    };
    let differences = json_differences(&expected, &actual);
    assert!(
        differences.is_empty(),
        "round trip of {type_name} changed the JSON ({} difference{}):\n  {}",
        differences.len(),
        if differences.len() == 1 { "" } else { "s" },
        differences.join("\n  ")
    );
    model
}

/// Reads `body` as a `T` ([`Body::from_body`](crate::Body::from_body), with
/// `content_type` as the message's `Content-Type`), writes it back and
/// asserts that the bytes and the content type are the ones read: the
/// round trip of a media body (a CSV report through [`Media`](crate::Media),
/// `893` through [`Count`](crate::Count)). Returns the value read.
///
/// # Panics
///
/// * if `T` does not read the body (a JSON type given a `text/plain` or CSV
///   body: a descriptor that names JSON for a media call fails here);
/// * if the value is written to other bytes or another content type.
#[track_caller]
#[allow(clippy::must_use_candidate)] // Callers often ignore the value.
pub fn assert_body_round_trip<T: crate::Body>(content_type: &str, body: &str) -> T {
    let type_name = std::any::type_name::<T>();
    let value = match T::from_body(Some(content_type), body.as_bytes()) {
        Ok(v) => v,
        Err(e) => panic!("body round trip of {type_name} (`{content_type}`): not read: {e}"),
    };
    let written = match value.to_body() {
        Ok(b) => b,
        Err(e) => panic!("body round trip of {type_name}: not written: {e}"),
    };
    assert!(
        written == body.as_bytes(),
        "body round trip of {type_name} changed the body:\n  read:    {body:?}\n  written: {:?}",
        String::from_utf8_lossy(&written)
    );
    assert_eq!(
        value.content_type(),
        content_type,
        "body round trip of {type_name}: the content type changed"
    );
    value
}

/// Returns `true` if `a` and `b` are the same JSON: objects compare as
/// key sets regardless of order, arrays element by element in order,
/// strings, booleans and `null` exactly, and numbers by numeric value
/// (`1` equals `1.0`; two integers compare exactly as integers).
#[must_use]
pub fn json_equivalent(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Number(x), Value::Number(y)) => numbers_equivalent(x, y),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| json_equivalent(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, xv)| y.get(k).is_some_and(|yv| json_equivalent(xv, yv)))
        }
        _ => false,
    }
}

/// Lists every place where `actual` is not [`json_equivalent`] to
/// `expected`, one line per path, e.g.
/// `$.createdBy.user.id: expected "x", got absent` or
/// `$.value[2]: expected absent, got {"id":"1"}`. Empty when equivalent.
///
/// Object members whose names are not plain identifiers are written as
/// `$["@odata.type"]`.
#[must_use]
pub fn json_differences(expected: &Value, actual: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut path = String::from("$");
    diff(&mut path, Some(expected), Some(actual), &mut out);
    out
}

// Exact float comparison is intended: both sides went through the same
// shortest-representation formatting.
#[allow(clippy::float_cmp)]
fn numbers_equivalent(a: &serde_json::Number, b: &serde_json::Number) -> bool {
    match (as_integer(a), as_integer(b)) {
        (Some(x), Some(y)) => x == y,
        _ => match (a.as_f64(), b.as_f64()) {
            (Some(x), Some(y)) => x == y,
            _ => a == b,
        },
    }
}

fn as_integer(n: &serde_json::Number) -> Option<i128> {
    n.as_i64()
        .map(i128::from)
        .or_else(|| n.as_u64().map(i128::from))
}

fn diff(
    path: &mut String,
    expected: Option<&Value>,
    actual: Option<&Value>,
    out: &mut Vec<String>,
) {
    match (expected, actual) {
        (Some(Value::Object(e)), Some(Value::Object(a))) => {
            let keys = e
                .keys()
                .chain(a.keys().filter(|k| !e.contains_key(k.as_str())));
            for key in keys {
                let len = path.len();
                push_key(path, key);
                diff(path, e.get(key), a.get(key), out);
                path.truncate(len);
            }
        }
        (Some(Value::Array(e)), Some(Value::Array(a))) => {
            for i in 0..e.len().max(a.len()) {
                let len = path.len();
                // Writing to a String cannot fail.
                let _ = write!(path, "[{i}]");
                diff(path, e.get(i), a.get(i), out);
                path.truncate(len);
            }
        }
        (Some(e), Some(a)) if json_equivalent(e, a) => {}
        (None, None) => {}
        (e, a) => out.push(format!("{path}: expected {}, got {}", render(e), render(a))),
    }
}

fn push_key(path: &mut String, key: &str) {
    let plain = key
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain {
        path.push('.');
        path.push_str(key);
    } else {
        path.push('[');
        path.push_str(&Value::String(key.to_owned()).to_string());
        path.push(']');
    }
}

fn render(value: Option<&Value>) -> String {
    const MAX_CHARS: usize = 200;
    match value {
        None => "absent".to_owned(),
        Some(v) => {
            let text = v.to_string();
            if text.chars().count() > MAX_CHARS {
                let mut short: String = text.chars().take(MAX_CHARS).collect();
                short.push('…');
                short
            } else {
                text
            }
        }
    }
}
