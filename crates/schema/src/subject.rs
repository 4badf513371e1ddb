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
    // The short spellings ("Get resource", "Get a site resource") are also API page titles.
    let declared = declared_title(t).filter(|(_, _, short)| !short || page.operation.is_none());
    if let Some((kind, name, _)) = declared {
        if let Some(t) = annotated.as_deref().filter(|t| is_type_word(t)) {
            return (kind, Some((names.canonical(&qualify(t, &ns)), source)));
        }
        if is_type_word(&name) {
            return (kind, Some((names.canonical(&qualify(&name, &ns)), source)));
        }
    }
    // A resource annotation describes a type whatever the title says ("Configuring the
    // invitation message", a bare "insightIdentity").
    if page.operation.is_none() && !lower.starts_with("create ") && !lower.starts_with("update ") {
        if let Some(t) = annotated.as_deref().filter(|t| is_type_word(t)) {
            return (
                PageKind::Resource,
                Some((names.canonical(&qualify(t, &ns)), source)),
            );
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

/// Suffixes of titles that declare a type, in the order they are tried (longest first).
/// `true` marks the short spellings, which API page titles use too.
const DECLARING_SUFFIXES: &[(&str, PageKind, bool)] = &[
    (" resource type", PageKind::Resource, false),
    // A misspelling the docs use (beta `media.md`: "media resouce type").
    (" resouce type", PageKind::Resource, false),
    (" complex type", PageKind::Resource, false),
    (" entity type", PageKind::Resource, false),
    (" enumeration type", PageKind::Enum, false),
    (" enum type", PageKind::Enum, false),
    (" resource", PageKind::Resource, true),
    (" facet", PageKind::Resource, true),
    (" type", PageKind::Resource, true),
];

/// The kind and type name a title declares: `x resource type`, `x complex type`, `x enum type`,
/// and the shorter spellings `x resource` ("List resource"), `x facet` ("Audio facet") and
/// `x type`, each with any trailing parenthesized remark dropped ("(deprecated)", "(deleted
/// items)", "(open extensions)"). `None` when the title declares nothing; the flag says a short
/// spelling matched.
pub(crate) fn declared_title(title: &str) -> Option<(PageKind, String, bool)> {
    let mut t = title.trim().trim_matches('`').trim();
    while let Some(open) = t.strip_suffix(')').and_then(|r| r.rfind('(')) {
        t = t[..open].trim_end();
    }
    let lower = t.to_ascii_lowercase();
    DECLARING_SUFFIXES.iter().find_map(|(suffix, kind, short)| {
        lower.ends_with(suffix).then(|| {
            let name = t[..t.len() - suffix.len()].trim().trim_matches('`').trim();
            (*kind, name.to_owned(), *short)
        })
    })
}

/// "(deprecated)" closes the title: the type is deprecated.
pub(crate) fn title_says_deprecated(title: &str) -> bool {
    title
        .trim()
        .to_ascii_lowercase()
        .trim_end_matches(|c: char| c == '`' || c.is_whitespace())
        .ends_with("(deprecated)")
}
