//! The subject of a page: which type a page describes, from its title and annotations.

use crate::ir::*;
use crate::names::{is_type_word, page_namespace, qualify, Names};
use graphgen_parse::Page;

/// What kind of page this is, from its title and front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PageKind {
    /// `# x resource type` / `# x complex type` / `# x entity type`.
    Resource,
    /// `# x enum type`.
    Enum,
    /// `Create x` / `Update x`: the request body is a representation of the subject type.
    CreateOrUpdate,
    /// An action whose Request body is a parameter table: the subject is the parameter type
    /// (`operations::parameter_subject`).
    Action,
    Other,
}

/// The page's kind and subject type, when it has one.
pub(crate) fn page_subject(page: &Page, names: &mut Names) -> (PageKind, Option<(String, Source)>) {
    let ns = page_namespace(page);
    let Some(title) = &page.title else {
        return (PageKind::Other, None);
    };
    let t = title.value.trim().trim_matches('`');
    let lower = t.to_ascii_lowercase();
    let source = Source::new(&page.path, title.line);
    // A resource annotation's `@odata.type` names the type more reliably than the title
    // (`chart.md` is titled "chart resource type" but defines `workbookChart`).
    let annotated = page
        .code_blocks
        .iter()
        .filter_map(|b| b.annotation.as_ref())
        .find_map(|a| {
            (a.block_type() == Some("resource"))
                .then(|| a.odata_type())
                .flatten()
                .map(|t| t.trim_start_matches('#').to_owned())
        });
    for (suffix, kind) in [
        (" resource type", PageKind::Resource),
        (" complex type", PageKind::Resource),
        (" entity type", PageKind::Resource),
        (" enum type", PageKind::Enum),
        (" enumeration type", PageKind::Enum),
    ] {
        if lower.ends_with(suffix) {
            let name = t[..t.len() - suffix.len()].trim().trim_matches('`');
            if let Some(t) = annotated.as_deref().filter(|t| is_type_word(t)) {
                return (kind, Some((names.canonical(&qualify(t, &ns)), source)));
            }
            if is_type_word(name) {
                return (kind, Some((names.canonical(&qualify(name, &ns)), source)));
            }
        }
    }
    for verb in ["create ", "update "] {
        if lower.starts_with(verb) {
            // The Request body section's link names the type; else the title's remaining word.
            let link = page.links.iter().find(|l| {
                l.section
                    .as_deref()
                    .is_some_and(|s| s.eq_ignore_ascii_case("request body"))
                    && is_type_word(&l.text)
            });
            let rest = t[verb.len()..].trim().trim_matches('`');
            let name = match link {
                Some(l) => Some(l.text.as_str()),
                None if is_type_word(rest) => Some(rest),
                None => None,
            };
            if let Some(name) = name {
                return (
                    PageKind::CreateOrUpdate,
                    Some((names.canonical(&qualify(name, &ns)), source)),
                );
            }
        }
    }
    (PageKind::Other, None)
}
