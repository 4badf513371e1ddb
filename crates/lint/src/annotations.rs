//! GD0010: annotation keys outside the known set, and known keys whose value has the wrong JSON
//! type (`"truncated": "true"`).
//!
//! The known set is every key that occurs 20 times or more in the annotations of the Graph
//! reference snapshot (graph-docs-2021, both versions, counted on the annotations
//! `graphgen_parse` reads), plus the rarer keys that API Doctor, the tool these annotations are
//! written for, declares in its `CodeBlockAnnotation` and `PageAnnotation` classes (`abstract`,
//! `isEmpty`, `expectError`, ...), and `namespace` of page annotations. Anything else
//! (`isAbstract`, `scope`, `@property.aka`, ...) is read by no tool.
//!
//! Value types follow API Doctor's classes; `null` is accepted wherever a C# reference type is
//! (`"baseType": null` on 165 pages means "no base type"), not for booleans and numbers.

use crate::source::PageText;
use graphgen_diag::{Code, Diagnostic};
use graphgen_parse::{Annotation, Page};

/// The JSON type a known key's value has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Str,
    Bool,
    Number,
    /// A string or an array of strings (`name`).
    StrOrStrs,
    Strs,
    Array,
    Object,
}

/// Known keys and the type of their values.
const KNOWN: &[(&str, Expect)] = &[
    // 20 or more occurrences in the snapshot.
    ("blockType", Expect::Str),
    ("@odata.type", Expect::Str),
    ("name", Expect::StrOrStrs),
    ("truncated", Expect::Bool),
    ("optionalProperties", Expect::Strs),
    ("keyProperty", Expect::Str),
    ("isCollection", Expect::Bool),
    ("baseType", Expect::Str),
    ("openType", Expect::Bool),
    ("sampleKeys", Expect::Strs),
    ("scopes", Expect::Str),
    ("isComposable", Expect::Bool),
    ("@type", Expect::Str),
    ("tags", Expect::Str),
    ("target", Expect::Str),
    ("idempotent", Expect::Bool),
    ("@odata.annotations", Expect::Array),
    ("@type.aka", Expect::Str),
    // Page annotations (`"type": "#page.annotation"`), 20 or more occurrences.
    ("type", Expect::Str),
    ("description", Expect::Str),
    ("keywords", Expect::Str),
    ("section", Expect::Str),
    ("tocPath", Expect::Str),
    ("suppressions", Expect::Strs),
    // Rarer, but declared by API Doctor.
    ("abstract", Expect::Bool),
    ("expectError", Expect::Bool),
    ("isEmpty", Expect::Bool),
    ("opaqueUrl", Expect::Bool),
    ("isMediaEntity", Expect::Bool),
    ("nullableProperties", Expect::Strs),
    ("collectionProperty", Expect::Str),
    ("longRunningResponseType", Expect::Str),
    ("apiVersions", Expect::Str),
    ("title", Expect::Str),
    ("canonicalUrl", Expect::Str),
    ("tocIndex", Expect::Number),
    ("tocBookmarks", Expect::Object),
    ("headerAdditions", Expect::Strs),
    ("footerAdditions", Expect::Strs),
    // The namespace of the types an enum page lists.
    ("namespace", Expect::Str),
];

pub(crate) fn check(page: &Page, text: &PageText<'_>, out: &mut Vec<Diagnostic>) {
    let annotations = page
        .code_blocks
        .iter()
        .filter_map(|b| b.annotation.as_ref())
        .chain(&page.dangling_annotations)
        .chain(&page.page_annotations);
    for annotation in annotations {
        if annotation.error.is_some() {
            continue; // GD0009 says why it could not be read.
        }
        for (key, value) in &annotation.fields {
            match KNOWN.iter().find(|(k, _)| k == key) {
                None => {
                    let span = match locate_key(text, annotation, key) {
                        Some((line, start, end)) => text.span(line, start, end),
                        None => text.line_span(annotation.line),
                    };
                    let help = match suggestion(key) {
                        Some(known) => format!("did you mean `{known}`?"),
                        None => "no tool reads this key; remove it or use a known key".to_owned(),
                    };
                    out.push(
                        Diagnostic::new(
                            Code::UnknownAnnotationKey,
                            span,
                            format!("unknown annotation key `{key}`"),
                        )
                        .with_help(help),
                    );
                }
                Some((_, expect)) => {
                    let found = if value.is_null() {
                        Found::Null
                    } else if value.is_boolean() {
                        Found::Bool
                    } else if value.is_number() {
                        Found::Number(value.to_string())
                    } else if let Some(s) = value.as_str() {
                        Found::Str(s.to_owned())
                    } else if let Some(items) = value.as_array() {
                        Found::Array {
                            all_strings: items.iter().all(|i| i.is_string()),
                        }
                    } else {
                        Found::Object
                    };
                    if let Some((found, help)) = wrong_type(*expect, &found) {
                        let span = match locate_key(text, annotation, key) {
                            Some((line, key_start, _)) => {
                                let l = text.line(line).unwrap_or("");
                                let (start, end) = value_range(l, key_start);
                                text.span(line, start, end)
                            }
                            None => text.line_span(annotation.line),
                        };
                        out.push(
                            Diagnostic::new(
                                Code::UnknownAnnotationKey,
                                span,
                                format!(
                                    "annotation key `{key}` takes {}, not {found}",
                                    expect_name(*expect)
                                ),
                            )
                            .with_help(help),
                        );
                    }
                }
            }
        }
    }
}

fn expect_name(expect: Expect) -> &'static str {
    match expect {
        Expect::Str => "a string",
        Expect::Bool => "a boolean",
        Expect::Number => "a number",
        Expect::StrOrStrs => "a string or an array of strings",
        Expect::Strs => "an array of strings",
        Expect::Array => "an array",
        Expect::Object => "an object",
    }
}

/// A value's JSON type (and text, for scalars).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Found {
    Null,
    Bool,
    Number(String),
    Str(String),
    Array { all_strings: bool },
    Object,
}

impl Found {
    fn describe(&self) -> String {
        match self {
            Found::Null => "null".to_owned(),
            Found::Bool => "a boolean".to_owned(),
            Found::Number(_) => "a number".to_owned(),
            Found::Str(s) => format!("the string `\"{s}\"`"),
            Found::Array { all_strings: false } => "an array of non-strings".to_owned(),
            Found::Array { all_strings: true } => "an array".to_owned(),
            Found::Object => "an object".to_owned(),
        }
    }
}

/// What was found instead and how to write it, when the value is not of the expected type.
fn wrong_type(expect: Expect, found: &Found) -> Option<(String, String)> {
    let strs = matches!(found, Found::Array { all_strings: true });
    // API Doctor reads these into C# classes, where `null` is fine for anything but a boolean
    // or a number (`"baseType": null` says "no base type" on 165 pages).
    let nullable = !matches!(expect, Expect::Bool | Expect::Number);
    if nullable && *found == Found::Null {
        return None;
    }
    let ok = match expect {
        Expect::Str => matches!(found, Found::Str(_)),
        Expect::Bool => *found == Found::Bool,
        Expect::Number => matches!(found, Found::Number(_)),
        Expect::StrOrStrs => matches!(found, Found::Str(_)) || strs,
        Expect::Strs => strs,
        Expect::Array => matches!(found, Found::Array { .. }),
        Expect::Object => *found == Found::Object,
    };
    if ok {
        return None;
    }
    let help = match (expect, found) {
        (Expect::Bool, Found::Str(s)) if s.eq_ignore_ascii_case("true") => {
            "write true without quotes".to_owned()
        }
        (Expect::Bool, Found::Str(s)) if s.eq_ignore_ascii_case("false") => {
            "write false without quotes".to_owned()
        }
        (Expect::Bool, _) => "write true or false, without quotes".to_owned(),
        (Expect::Number, Found::Str(s)) => format!("write {s} without quotes"),
        (Expect::Strs | Expect::StrOrStrs, Found::Str(s)) => format!("write a list: [\"{s}\"]"),
        (Expect::Str, Found::Number(n)) => format!("write the value in quotes: \"{n}\""),
        _ => format!("write {}", expect_name(expect)),
    };
    Some((found.describe(), help))
}

/// A known key that `key` is probably a misspelling of.
fn suggestion(key: &str) -> Option<&'static str> {
    let lower = key.to_ascii_lowercase();
    let bare = lower.strip_prefix("is").unwrap_or(&lower);
    KNOWN
        .iter()
        .map(|(k, _)| *k)
        .filter(|k| k.len() > 3)
        .map(|k| {
            let known = k.to_ascii_lowercase();
            let distance = if known == bare {
                1
            } else {
                levenshtein(&lower, &known)
            };
            (distance, k)
        })
        .filter(|(d, k)| *d <= 2 && *d < k.len() / 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let next = (row[j] + 1).min(row[j + 1] + 1).min(prev + cost);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// Line and byte range of `key` (quoted if written quoted) in the annotation's comment.
fn locate_key(
    text: &PageText<'_>,
    annotation: &Annotation,
    key: &str,
) -> Option<(u32, usize, usize)> {
    let quoted = format!("\"{key}\"");
    let mut number = annotation.line;
    while let Some(line) = text.line(number) {
        // The key, not the same text as another key's value: a `:` follows.
        let is_key = |end: usize| line[end..].trim_start().starts_with(':');
        if let Some((i, _)) = line
            .match_indices(&quoted)
            .find(|(i, _)| is_key(i + quoted.len()))
        {
            return Some((number, i, i + quoted.len()));
        }
        // An unquoted key: the word followed by `:`.
        for (i, _) in line.match_indices(key) {
            let before = line[..i].chars().next_back();
            if !before.is_some_and(|c| c.is_alphanumeric() || c == '"') && is_key(i + key.len()) {
                return Some((number, i, i + key.len()));
            }
        }
        if line.contains("-->") || number > annotation.line + 200 {
            return None;
        }
        number += 1;
    }
    None
}

/// The byte range of the value after the key starting at `key_start`: a string with its quotes,
/// or the text up to `,`, `}` or the end of the line.
fn value_range(line: &str, key_start: usize) -> (usize, usize) {
    let Some(colon) = line[key_start..].find(':').map(|i| key_start + i) else {
        return (key_start, line.len());
    };
    let rest = &line[colon + 1..];
    let start = colon + 1 + (rest.len() - rest.trim_start().len());
    let value = &line[start..];
    let len = if let Some(inner) = value.strip_prefix('"') {
        inner.find('"').map_or(value.len(), |i| i + 2)
    } else {
        value.find([',', '}']).unwrap_or(value.len())
    };
    (start, start + value[..len].trim_end().len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(suggestion("isAbstract"), Some("abstract"));
        assert_eq!(suggestion("scope"), Some("scopes"));
        assert_eq!(suggestion("blocktype"), Some("blockType"));
        assert_eq!(suggestion("margin-top"), None);
        assert_eq!(suggestion("id"), None);
    }

    #[test]
    fn value_ranges() {
        let line = r#"  "truncated": "true","#;
        let (s, e) = value_range(line, 2);
        assert_eq!(&line[s..e], "\"true\"");
        let line = r#"  "isCollection": 1 }"#;
        let (s, e) = value_range(line, 2);
        assert_eq!(&line[s..e], "1");
    }
}
