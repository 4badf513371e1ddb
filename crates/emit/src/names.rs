//! Rust names for wire names: case conversion, keywords, digits, punctuation and collisions.

use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::BTreeMap;

/// Keywords that can be raw identifiers (`r#type`).
const RAW_OK: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref",
    "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where", "while",
    "abstract", "become", "box", "do", "final", "macro", "override", "priv", "try", "typeof",
    "unsized", "virtual", "yield", "gen",
];

/// Keywords that cannot be raw identifiers; they get a trailing underscore.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

fn sanitize(converted: String, fallback: &str) -> String {
    let mut s: String = converted
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.trim_matches('_').is_empty() {
        s = fallback.to_owned();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    s
}

/// `allowedAudiences` -> `allowed_audiences`; `@odata.etag` -> `odata_etag`; `type` -> `r#type`.
pub fn field_name(wire: &str) -> String {
    let s = sanitize(
        wire.replace(['@', '.', '-', ' '], "_").to_snake_case(),
        "field",
    );
    escape_keyword(s)
}

/// `languageProficiency` -> `LanguageProficiency`; `Self` -> `Self_`.
pub fn type_name(wire: &str) -> String {
    let s = sanitize(
        wire.replace(['@', '.', '-', ' '], "_")
            .to_upper_camel_case(),
        "Type",
    );
    escape_keyword(s)
}

/// Enum member `nativeOrBilingual` -> `NativeOrBilingual`; `1x` -> `V1x`.
pub fn variant_name(wire: &str) -> String {
    let s = wire
        .replace(['@', '.', '-', ' ', '/', ':'], "_")
        .to_upper_camel_case();
    let s = sanitize(s, "Value");
    let s = if s.starts_with('_') {
        format!("V{}", s.trim_start_matches('_'))
    } else {
        s
    };
    escape_keyword(s)
}

/// `callRecords` -> `call_records`.
pub fn module_name(segment: &str) -> String {
    escape_keyword(sanitize(segment.to_snake_case(), "ns"))
}

fn escape_keyword(s: String) -> String {
    if NOT_RAW.contains(&s.as_str()) {
        format!("{s}_")
    } else if RAW_OK.contains(&s.as_str()) {
        format!("r#{s}")
    } else {
        s
    }
}

/// Hands out unique names within one scope. A name already taken gets `_2`, `_3`, ... and the
/// collision is reported to the caller with the wire name that held it first.
#[derive(Debug, Default)]
pub struct Scope {
    taken: BTreeMap<String, String>,
}

/// A collision: the Rust name both wire names wanted, and the wire name that got it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collision {
    pub wanted: String,
    pub holder: String,
    pub given: String,
}

impl Scope {
    /// A scope whose names are already used by generated items (`odata_type`, `additional`).
    pub fn with_reserved(reserved: &[&str]) -> Self {
        let mut scope = Scope::default();
        for r in reserved {
            scope
                .taken
                .insert((*r).to_owned(), format!("(generated `{r}`)"));
        }
        scope
    }

    pub fn claim(&mut self, rust: String, wire: &str) -> (String, Option<Collision>) {
        let key = |s: &str| s.trim_start_matches("r#").to_owned();
        let holder = match self.taken.entry(key(&rust)) {
            std::collections::btree_map::Entry::Vacant(slot) => {
                slot.insert(wire.to_owned());
                return (rust, None);
            }
            std::collections::btree_map::Entry::Occupied(slot) => slot.get().clone(),
        };
        let base = rust
            .trim_start_matches("r#")
            .trim_end_matches('_')
            .to_owned();
        // UpperCamelCase names (types, variants) take a bare number, snake_case ones `_n`.
        let sep = if base.starts_with(|c: char| c.is_ascii_uppercase()) {
            ""
        } else {
            "_"
        };
        let mut n = 2;
        let given = loop {
            let candidate = format!("{base}{sep}{n}");
            if !self.taken.contains_key(&candidate) {
                break candidate;
            }
            n += 1;
        };
        self.taken.insert(given.clone(), wire.to_owned());
        (
            given.clone(),
            Some(Collision {
                wanted: rust,
                holder,
                given,
            }),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_become_raw_or_suffixed() {
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("match"), "r#match");
        assert_eq!(field_name("async"), "r#async");
        assert_eq!(field_name("ref"), "r#ref");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(type_name("Self"), "Self_");
        assert_eq!(type_name("self"), "Self_");
    }

    #[test]
    fn digits_dots_and_at_signs() {
        assert_eq!(field_name("3dSecure"), "_3d_secure");
        assert_eq!(field_name("content@odata.type"), "content_odata_type");
        assert_eq!(field_name("@odata.etag"), "odata_etag");
        assert_eq!(variant_name("1x"), "V1x");
        assert_eq!(variant_name("unknownFutureValue"), "UnknownFutureValue");
        assert_eq!(field_name("@"), "field");
    }

    #[test]
    fn collisions_after_case_conversion_get_suffixes() {
        let mut scope = Scope::default();
        let (a, c1) = scope.claim(field_name("displayName"), "displayName");
        let (b, c2) = scope.claim(field_name("DisplayName"), "DisplayName");
        assert_eq!(a, "display_name");
        assert!(c1.is_none());
        assert_eq!(b, "display_name_2");
        assert_eq!(c2.unwrap().holder, "displayName");
    }

    #[test]
    fn colliding_variants_stay_upper_camel_case() {
        let mut scope = Scope::default();
        scope.claim(variant_name("low"), "low");
        let (b, c) = scope.claim(variant_name("Low"), "Low");
        assert_eq!(b, "Low2");
        assert!(c.is_some());
    }

    #[test]
    fn reserved_generated_names_are_not_reused() {
        let mut scope = Scope::with_reserved(&["additional", "odata_type"]);
        let (a, c) = scope.claim(field_name("additional"), "additional");
        assert_eq!(a, "additional_2");
        assert!(c.is_some());
    }
}
