//! Sentences that state a page's base type, in the wordings the reference uses:
//! "Inherits from [x]", "A subclass of [X](x.md)", "This resource is a subclass of", "This creates a
//! subclass from", "derived from [X]", "X derives from [Y]", "Inherits from base class [X]",
//! "Inherits from the abstract base type [X]", "Inherits metadata properties from [x]", "This type
//! will inherit from [x]", and the same with a bare name ("Inherits from directoryObject.",
//! "It is derived from microsoft.graph.policyBase.").

use crate::model::{BaseStatement, Link};

/// Phrases after which the subject's base is named, lowercase. "inherit from" alone is not one:
/// "All the session controls inherit from [x]" speaks of other types.
const PHRASES: &[&str] = &[
    "inherits metadata properties from",
    "will inherit from",
    "inherits from",
    "inherited from",
    "derives from",
    "derived from",
    "subclass of",
    "subclass from",
];

/// Phrases that state a base even when no type name follows, so that a sentence naming none
/// ("inherits from base policy type") is reported, not dropped. "derived from" is common English
/// ("derived from ISO 639-1") and states a base only when a type name follows.
fn is_strong(phrase: &str) -> bool {
    !phrase.starts_with("derive") && phrase != "inherited from"
}

/// Words that may stand between the phrase and the name: "inherits from the abstract base type
/// [x]", "Inherits from base class [X]".
const FILLERS: &[&str] = &["the", "abstract", "base", "class", "type", "an", "a"];

/// Whether text ending here is followed by the base's name: it ends with a phrase and
/// optionally filler words (`before` is lowercase, trimmed).
pub(crate) fn ends_with_phrase(before: &str) -> bool {
    phrase_before(before).is_some()
}

fn phrase_before(before: &str) -> Option<&'static str> {
    let mut rest = before
        .trim_end()
        .trim_end_matches(['*', '_', ' '])
        .trim_end();
    loop {
        if let Some(p) = PHRASES.iter().find(|p| ends_with_word(rest, p)) {
            return Some(p);
        }
        let (head, last) = rest.rsplit_once(' ')?;
        if !FILLERS.contains(&last) {
            return None;
        }
        rest = head.trim_end();
    }
}

fn ends_with_word(text: &str, phrase: &str) -> bool {
    text.ends_with(phrase)
        && text[..text.len() - phrase.len()]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// A bare name a sentence gives as base: `directoryObject`, `microsoft.graph.policyBase`. Only
/// names written like a type (an inner capital or a dot) count; "derived from the user's
/// settings" names none.
fn bare_type_name(rest: &str) -> Option<String> {
    let word: String = rest
        .trim_start_matches(['*', '_', '`', ' '])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '_')
        .collect();
    let word = word.trim_end_matches('.');
    let typed = word.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && (word.contains('.') || word.chars().skip(1).any(|c| c.is_ascii_uppercase()));
    typed.then(|| word.to_owned())
}

/// The base statements of one paragraph: `text` is its plain text (links keep their text),
/// `links` the links that followed a phrase (see [`ends_with_phrase`]), `line_of` maps a name
/// to the line it stands on.
pub(crate) fn statements(
    text: &str,
    links: &[Link],
    line_of: impl Fn(&str) -> u32,
) -> Vec<BaseStatement> {
    let lower = text.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut links = links.iter();
    let mut from = 0;
    while let Some((at, phrase)) = PHRASES
        .iter()
        .filter_map(|p| lower[from..].find(p).map(|i| (from + i, *p)))
        .min_by_key(|(i, p)| (*i, std::cmp::Reverse(p.len())))
    {
        from = at + phrase.len();
        // A phrase inside a word ("subclass of" in "asubclass of") is none.
        if at > 0 && !lower[..at].ends_with(|c: char| !c.is_alphanumeric()) {
            continue;
        }
        let mut rest = &text[from..];
        loop {
            let trimmed = rest.trim_start_matches(['*', '_', ' ']);
            match trimmed.split_once(' ') {
                Some((w, tail)) if FILLERS.contains(&w.to_ascii_lowercase().as_str()) => {
                    rest = tail
                }
                _ => break,
            }
        }
        let rest = rest.trim_start_matches(['*', '_', ' ']);
        // "[x] ... inherits from this base type" names a derived type, not the base.
        if rest.to_ascii_lowercase().starts_with("this") {
            continue;
        }
        let phrase_text = text[at..at + phrase.len()].to_owned();
        let link = links
            .clone()
            .position(|l| !l.text.is_empty() && rest.starts_with(l.text.as_str()));
        if let Some(i) = link {
            let l = links.nth(i).expect("found").clone();
            out.push(BaseStatement {
                line: l.line,
                phrase: phrase_text,
                link: Some(l),
                name: None,
            });
        } else if let Some(name) = bare_type_name(rest) {
            out.push(BaseStatement {
                line: line_of(&name),
                phrase: phrase_text,
                link: None,
                name: Some(name),
            });
        } else if is_strong(phrase) {
            out.push(BaseStatement {
                line: line_of(&phrase_text),
                phrase: phrase_text,
                link: None,
                name: None,
            });
        }
    }
    out
}

/// Phrases after which a base page names its derived types, lowercase: "This is a base class;
/// the derived types are [a], [b]", "the base type for richer location types such as [room]".
const DERIVED_AFTER: &[&str] = &[
    "derived types are",
    "derived types include",
    "derived types of",
    "base type for",
    "base class for",
    "base resource for",
];

/// Phrases before which the derived types are named: "[serviceEndpoint] types inherit from this
/// type", "The [cloudPcManagementGroupAssignmentTarget] resource ... inherits from this base type".
const DERIVED_BEFORE: &[&str] = &[
    "inherits from this",
    "inherit from this",
    "derive from this",
    "derives from this",
    "subclasses of this",
];

/// The links of a paragraph that it names as types derived from the page's subject, sentence by
/// sentence (see [`DERIVED_AFTER`], [`DERIVED_BEFORE`]).
pub(crate) fn derived_in_paragraph(text: &str, links: &[Link]) -> Vec<Link> {
    let mut out = Vec::new();
    let mut used = 0;
    for sentence in text.split_inclusive(". ") {
        let lower = sentence.to_ascii_lowercase();
        // The links whose text stands in this sentence, with their position in it.
        let mut here = Vec::new();
        let mut from = 0;
        while let Some(link) = links.get(used) {
            match sentence[from..].find(link.text.as_str()) {
                Some(i) if !link.text.is_empty() => {
                    here.push((from + i, link));
                    from += i + link.text.len();
                    used += 1;
                }
                _ => break,
            }
        }
        let after = DERIVED_AFTER
            .iter()
            .filter_map(|p| lower.find(p).map(|i| i + p.len()))
            .min();
        let before = DERIVED_BEFORE.iter().filter_map(|p| lower.find(p)).min();
        // After the phrase, each name follows the phrase (or "such as", "for example", "which
        // can be") or the name before it
        // closely: "the derived types are [a], [b], and [c]", "base type for richer location
        // types such as [room] and [roomList]"; "base class for apply actions in the [x] of an
        // [y]" names no derived type.
        let mut anchor = after.map(|p| {
            ["such as", "for example", "which can be"]
                .iter()
                .filter_map(|w| lower[p..].find(w).map(|i| p + i + w.len()))
                .min()
                .unwrap_or(p)
        });
        for (at, link) in here {
            if before.is_some_and(|p| at < p) {
                out.push(link.clone());
            } else if let Some(from) = anchor.filter(|&a| at >= a) {
                let gap: Vec<&str> = lower[from..at]
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty() && !matches!(*w, "and" | "or" | "the" | "a" | "an"))
                    .collect();
                if gap.len() <= 2 && !gap.iter().any(|w| matches!(*w, "in" | "of" | "on")) {
                    out.push(link.clone());
                    anchor = Some(at + link.text.len());
                } else {
                    anchor = None;
                }
            }
        }
    }
    out
}

/// A paragraph that announces a list of derived types: "Derived types include:", "**attachment**
/// is the base resource for the following derived types of attachments:".
pub(crate) fn announces_derived_list(text: &str) -> bool {
    let lower = text.trim_end().to_ascii_lowercase();
    lower.ends_with(':') && (lower.contains("derived type") || lower.contains("derived class"))
}
