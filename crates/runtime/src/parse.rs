//! Parsing whose errors name the JSON path.

use super::*;

/// Parses `json` into `T` like `serde_json::from_str`, and on failure says
/// where: `value[1].jobTitle: invalid type: sequence, expected a string at
/// line 1 column 48`. The way to parse Graph bodies with these models.
///
/// # Errors
///
/// A [`ParseError`] with the JSON path of the value at fault (empty when the
/// text is not JSON, whose error already has the line and column).
pub fn from_str<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, ParseError> {
    match serde_json::from_str::<T>(json) {
        Ok(v) => Ok(v),
        Err(source) => Err(ParseError {
            path: serde_json::from_str::<serde_json::Value>(json)
                .map(|v| locate::<T>(&v))
                .unwrap_or_default(),
            source,
        }),
    }
}

/// Like [`from_str`], from bytes.
///
/// # Errors
///
/// See [`from_str`].
pub fn from_slice<T: serde::de::DeserializeOwned>(json: &[u8]) -> Result<T, ParseError> {
    match serde_json::from_slice::<T>(json) {
        Ok(v) => Ok(v),
        Err(source) => Err(ParseError {
            path: serde_json::from_slice::<serde_json::Value>(json)
                .map(|v| locate::<T>(&v))
                .unwrap_or_default(),
            source,
        }),
    }
}

/// Like [`from_str`], from a parsed [`serde_json::Value`].
///
/// # Errors
///
/// See [`from_str`].
pub fn from_value<T: serde::de::DeserializeOwned>(
    value: serde_json::Value,
) -> Result<T, ParseError> {
    match T::deserialize(&value) {
        Ok(v) => Ok(v),
        Err(source) => Err(ParseError {
            path: locate::<T>(&value),
            source,
        }),
    }
}

/// A body that does not fit its model, with the JSON path of the value at
/// fault (`value[1].jobTitle`).
#[derive(Debug)]
pub struct ParseError {
    path: String,
    source: serde_json::Error,
}

impl ParseError {
    /// The JSON path of the value at fault (`value[1].jobTitle`); empty for
    /// the whole body or text that is not JSON.
    #[must_use]
    pub fn path(&self) -> &str {
        &self.path
    }

    /// serde's error, with its line and column.
    #[must_use]
    pub fn serde_error(&self) -> &serde_json::Error {
        &self.source
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            fmt::Display::fmt(&self.source, f)
        } else {
            write!(f, "{}: {}", self.path, self.source)
        }
    }
}

impl std::error::Error for ParseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

#[derive(Clone)]
enum Step {
    Key(String),
    Index(usize),
}

/// Finds the value at fault by removal: the member (or element) whose
/// removal lets `T` deserialize, then the same inside it, as deep as that
/// goes. Paths through `#[serde(flatten)]` structs (every generated struct
/// has one) are invisible to a wrapping deserializer such as
/// serde_path_to_error, so the body itself is searched. Runs only after a
/// failure.
fn locate<T: serde::de::DeserializeOwned>(root: &serde_json::Value) -> String {
    use serde_json::Value;
    fn node<'a>(root: &'a Value, path: &[Step]) -> Option<&'a Value> {
        path.iter().try_fold(root, |v, s| match s {
            Step::Key(k) => v.get(k),
            Step::Index(i) => v.get(i),
        })
    }
    fn node_mut<'a>(root: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
        path.iter().try_fold(root, |v, s| match s {
            Step::Key(k) => v.get_mut(k),
            Step::Index(i) => v.get_mut(i),
        })
    }
    let mut path: Vec<Step> = Vec::new();
    loop {
        let children: Vec<Step> = match node(root, &path) {
            // Annotations last: removing `@odata.type` "fixes" a subtype's bad
            // property by reading the value as its base, which hides the fault.
            Some(Value::Object(m)) => {
                let (notes, props): (Vec<&String>, Vec<&String>) =
                    m.keys().partition(|k| k.contains('@'));
                props
                    .into_iter()
                    .chain(notes)
                    .map(|k| Step::Key(k.clone()))
                    .collect()
            }
            Some(Value::Array(a)) => (0..a.len()).map(Step::Index).collect(),
            _ => break,
        };
        let fixed = children.into_iter().find(|child| {
            let mut trial = root.clone();
            match node_mut(&mut trial, &path) {
                Some(Value::Object(m)) => {
                    if let Step::Key(k) = child {
                        m.remove(k);
                    }
                }
                Some(Value::Array(a)) => {
                    if let Step::Index(i) = child {
                        a.remove(*i);
                    }
                }
                _ => return false,
            }
            T::deserialize(&trial).is_ok()
        });
        match fixed {
            Some(child) => path.push(child),
            None => break,
        }
    }
    let mut out = String::new();
    for step in &path {
        match step {
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Step::Index(i) => {
                out.push_str(&format!("[{i}]"));
            }
        }
    }
    out
}
