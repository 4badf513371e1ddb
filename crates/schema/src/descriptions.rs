//! Type descriptions: the lead paragraphs of the page that declares a type. When several pages
//! declare it, the page named after the type (`resources/user.md` for `user`) wins over the
//! others (`intune-mam-user.md`, an Intune view of the same type, comes first in path order);
//! otherwise the first in path order with a lead wins.
//!
//! A paragraph that is a placeholder (`TODO`, "Not yet documented", which 169 Intune pages of
//! the 2021 snapshot say instead of a description) is not used; the other paragraphs are.

use crate::ir::Source;
use graphgen_parse::Page;
use std::collections::BTreeMap;

/// A paragraph that stands in for a description that was never written.
fn is_placeholder(paragraph: &str) -> bool {
    let words: String = paragraph
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    crate::properties::is_todo(paragraph)
        || words.is_empty()
        || matches!(words.as_str(), "not yet documented" | "tbd")
}

/// A description and where it was read.
#[derive(Debug)]
pub(crate) struct Description {
    pub(crate) text: String,
    pub(crate) source: Source,
    /// The page is named after the type.
    own_page: bool,
}

/// Offers the lead of `page`, which declares `subject`, as the subject's description.
pub(crate) fn offer(found: &mut BTreeMap<String, Description>, subject: &str, page: &Page) {
    let Some((text, source)) = lead(page) else {
        return;
    };
    let own_page = crate::subject::page_named_after(&page.path, subject);
    let replaces = found.get(subject).is_none_or(|d| own_page && !d.own_page);
    if replaces {
        found.insert(
            subject.to_owned(),
            Description {
                text,
                source,
                own_page,
            },
        );
    }
}

/// The page's lead as a description (Markdown, paragraphs separated by a blank line) and the
/// line of its first paragraph; `None` when the page has no lead or only placeholders.
pub(crate) fn lead(page: &Page) -> Option<(String, Source)> {
    let kept: Vec<_> = page
        .lead
        .iter()
        .filter(|p| !is_placeholder(&p.value))
        .collect();
    let first = kept.first()?;
    let text = kept
        .iter()
        .map(|p| p.value.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    Some((text, Source::new(&page.path, first.line)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn placeholders_are_recognised_in_any_spelling() {
        for p in [
            "Not yet documented",
            "Not yet documented.",
            "**TODO: Add Description**",
            "TBD",
        ] {
            assert!(super::is_placeholder(p), "{p}");
        }
        assert!(!super::is_placeholder(
            "Supported platform types for policies."
        ));
    }
}
