//! Type names: the spelling kept for each, qualification by namespace, and the page's namespace.

use crate::ir::*;
use graphgen_diag::{Code, Diagnostic, Severity};
use graphgen_parse::Page;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Namespace of pages that do not state one.
pub const DEFAULT_NAMESPACE: &str = "microsoft.graph";

/// Case-insensitive canonical spelling of type names: the first spelling seen wins.
#[derive(Debug, Default)]
pub(crate) struct Names {
    spellings: HashMap<String, String>,
    /// Spellings that differ only in case from the one kept: merged, and reported.
    variants: BTreeMap<String, BTreeSet<String>>,
}

impl Names {
    pub(crate) fn canonical(&mut self, qualified: &str) -> String {
        if qualified.starts_with("Edm.") {
            return qualified.to_owned();
        }
        let kept = self
            .spellings
            .entry(qualified.to_ascii_lowercase())
            .or_insert_with(|| qualified.to_owned())
            .clone();
        if kept != qualified {
            self.variants
                .entry(kept.clone())
                .or_default()
                .insert(qualified.to_owned());
        }
        kept
    }

    /// Whether a type of this name (in any case) has been seen.
    pub(crate) fn is_known(&self, qualified: &str) -> bool {
        self.spellings.contains_key(&qualified.to_ascii_lowercase())
    }

    /// A note for every type name written in several cases: they are one type, never silently.
    pub(crate) fn report(&self, schema: &Schema, diagnostics: &mut Vec<Diagnostic>) {
        for (kept, others) in &self.variants {
            let Some(at) = schema.types.get(kept).and_then(|t| t.sources.first()) else {
                continue;
            };
            let others: Vec<String> = others
                .iter()
                .map(|o| format!("`{}`", simple_name(o)))
                .collect();
            diagnostics.push(
                Diagnostic::new(
                    Code::NameCollision,
                    at.span(),
                    format!(
                        "type `{}` is also written {}; the spellings are read as one type",
                        simple_name(kept),
                        others.join(", ")
                    ),
                )
                .with_severity(Severity::Note)
                .with_help("write the type name the same way everywhere"),
            );
        }
    }
}

/// Qualifies a type name written on a page (`itemFacet`, `#microsoft.graph.x`, `graph.x`).
pub(crate) fn qualify(name: &str, namespace: &str) -> String {
    let name = name.trim().trim_start_matches('#').trim_matches('`');
    if name.starts_with("microsoft.") || name.starts_with("Edm.") {
        name.to_owned()
    } else if let Some(rest) = name.strip_prefix("graph.") {
        format!("microsoft.graph.{rest}")
    } else if name.contains('.') && !name.contains(' ') {
        name.to_owned()
    } else {
        format!("{namespace}.{name}")
    }
}

pub(crate) fn is_type_word(s: &str) -> bool {
    !s.is_empty()
        && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
}

pub(crate) fn page_namespace(page: &Page) -> String {
    page.namespace
        .as_ref()
        .map(|n| n.value.clone())
        .filter(|n| is_type_word(n))
        .unwrap_or_else(|| DEFAULT_NAMESPACE.to_owned())
}

pub(crate) fn ensure<'a>(schema: &'a mut Schema, name: &str) -> &'a mut TypeDef {
    schema
        .types
        .entry(name.to_owned())
        .or_insert_with(|| TypeDef::new(name, TypeKind::Complex))
}
