//! The subject of a page: which type a page describes, from its title and annotations.

use crate::ir::*;
use crate::names::{is_type_word, page_namespace, qualify, Names, PageInfo};
use graphgen_diag::{Code, Diagnostic, Severity};
use graphgen_parse::{page_stem, Page};

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

/// The page at `path` is named after the type `subject` (`resources/user.md` for
/// `microsoft.graph.user`, case-insensitively). Several pages may declare one type
/// (`intune-mam-user.md` is an Intune view of `user` and comes first in path order); the page
/// named after it is the one that describes it, for its description and its area.
pub(crate) fn page_named_after(path: &str, subject: &str) -> bool {
    let simple = subject.rsplit('.').next().unwrap_or(subject);
    page_stem(path).is_some_and(|stem| stem.eq_ignore_ascii_case(simple))
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
    if let Some((name, _)) = create_or_update_subject(page, t, &ns, names) {
        return (PageKind::CreateOrUpdate, Some((name, source)));
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
    let t = without_remarks(title);
    let lower = t.to_ascii_lowercase();
    DECLARING_SUFFIXES.iter().find_map(|(suffix, kind, short)| {
        lower.ends_with(suffix).then(|| {
            let name = t[..t.len() - suffix.len()].trim().trim_matches('`').trim();
            (*kind, name.to_owned(), *short)
        })
    })
}

/// A title without its trailing parenthesized remarks and backticks: "outlookTask resource type
/// (deprecated)" -> "outlookTask resource type", "Update outlooktask (deprecated)" -> "Update
/// outlooktask".
fn without_remarks(title: &str) -> &str {
    let mut t = title.trim().trim_matches('`').trim();
    while let Some(open) = t.strip_suffix(')').and_then(|r| r.rfind('(')) {
        t = t[..open].trim_end().trim_matches('`').trim();
    }
    t
}

/// "(deprecated)" closes the title: the type is deprecated.
pub(crate) fn title_says_deprecated(title: &str) -> bool {
    title
        .trim()
        .to_ascii_lowercase()
        .trim_end_matches(|c: char| c == '`' || c.is_whitespace())
        .ends_with("(deprecated)")
}

/// What names the subject of a Create/Update page, in order of trust.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SubjectEvidence {
    /// The first type link of the Request body section.
    RequestBodyLink,
    /// The `@odata.type` of a response example (its annotation, else its body).
    ResponseType,
    /// A link in the Response section to a page that declares a type.
    ResponseLink,
    /// The title's word (`# Update chart`), which some page declares as a type.
    TitleWord,
}

/// The subject of a `Create x` / `Update x` page (`t` is the title) and what names it; `None`
/// for other titles, and when only a title word names it that no page declares as a type:
/// the title of "Update chartaxis" (v1.0 chartaxis-update.md:10) is prose, and its response
/// says `microsoft.graph.workbookChartAxis` (:99). A word no page declares would be a type
/// with no page behind it, so it is not minted (`title_word_diagnostic` says so).
pub(crate) fn create_or_update_subject(
    page: &Page,
    t: &str,
    ns: &str,
    names: &mut Names,
) -> Option<(String, SubjectEvidence)> {
    let lower = t.to_ascii_lowercase();
    let verb = ["create ", "update "]
        .into_iter()
        .find(|v| lower.starts_with(v))?;
    let in_section = |l: &&graphgen_parse::Link, section: &str| {
        l.section
            .as_deref()
            .is_some_and(|s| s.eq_ignore_ascii_case(section))
    };
    // A link names the type its target page declares; else its text, in the namespace of the
    // page it points at.
    if let Some(l) = page
        .links
        .iter()
        .find(|l| in_section(l, "request body") && is_type_word(&l.text))
    {
        let target = names.pages.target(&page.path, l).cloned();
        let name = match target {
            Some(PageInfo {
                declares: Some(declared),
                ..
            }) => declared,
            Some(p) => names.canonical(&qualify(&l.text, &p.namespace)),
            None => names.canonical(&qualify(&l.text, ns)),
        };
        return Some((name, SubjectEvidence::RequestBodyLink));
    }
    // A title that is prose ("Create a sharing link for a DriveItem", an action with a
    // parameter table) names no type for the response to stand in for.
    let rest = without_remarks(&t[verb.len()..]);
    // A PATCH or PUT page updates the resource at its URL whatever its title says ("Update
    // Outlook category", "Update a group setting"): the response names it.
    let updates = page.operation.as_ref().is_some_and(|o| {
        o.templates
            .first()
            .is_some_and(|t| matches!(t.method.as_str(), "PATCH" | "PUT"))
    });
    if !is_type_word(rest) {
        let from_response = updates.then(|| response_type(page)).flatten().map(|named| {
            (
                names.canonical(&qualify(named, ns)),
                SubjectEvidence::ResponseType,
            )
        });
        return from_response.or_else(|| {
            title_phrase_type(&t[verb.len()..], ns, names)
                .map(|name| (name, SubjectEvidence::TitleWord))
        });
    }
    if let Some(named) = response_type(page) {
        return Some((
            names.canonical(&qualify(named, ns)),
            SubjectEvidence::ResponseType,
        ));
    }
    if let Some(declared) = page
        .links
        .iter()
        .filter(|l| in_section(l, "response"))
        .find_map(|l| names.pages.target(&page.path, l)?.declares.clone())
    {
        return Some((declared, SubjectEvidence::ResponseLink));
    }
    let word = qualify(rest, ns);
    names
        .pages
        .is_declared(&word)
        .then(|| (names.canonical(&word), SubjectEvidence::TitleWord))
}

/// A title whose rest is prose names a type only in these spellings, each taken only when a page
/// declares that type (so nothing is minted): a remark in parentheses ("Update a delegated
/// permission grant (oAuth2PermissionGrant)", v1.0 `oauth2permissiongrant-update.md:10`), the
/// words joined in camelCase without an article ("Update a group setting" -> `groupSetting`,
/// `groupsetting-update.md:10`), or the second of two words ("Update localized
/// organizationalbrandingproperties", `organizationalbrandingpropertieslocalization-update.md:10`).
fn title_phrase_type(rest: &str, ns: &str, names: &mut Names) -> Option<String> {
    let mut candidates: Vec<String> = Vec::new();
    let mut remarks = rest;
    while let Some((_, after)) = remarks.split_once('(') {
        let Some((inside, tail)) = after.split_once(')') else {
            break;
        };
        candidates.push(inside.trim().trim_matches('`').to_owned());
        remarks = tail;
    }
    let words: Vec<&str> = without_remarks(rest)
        .split_whitespace()
        .filter(|w| !matches!(w.to_ascii_lowercase().as_str(), "a" | "an" | "the"))
        .collect();
    if words.len() > 1 && words.iter().all(|w| is_type_word(w)) {
        let mut joined = words[0].to_owned();
        for w in &words[1..] {
            let mut chars = w.chars();
            joined.extend(chars.next().map(|c| c.to_ascii_uppercase()));
            joined.push_str(chars.as_str());
        }
        candidates.push(joined);
        if words.len() == 2 {
            candidates.push(words[1].to_owned());
        }
    }
    candidates
        .into_iter()
        .filter(|c| is_type_word(c))
        .map(|c| qualify(&c, ns))
        .find(|q| names.pages.is_declared(q))
        .map(|q| names.canonical(&q))
}

/// The named type of the page's first response example that names one: its annotation's
/// `@odata.type`, else its body's (collections and primitives name no subject).
fn response_type(page: &Page) -> Option<&str> {
    page.code_blocks.iter().find_map(|b| {
        let a = b.annotation.as_ref()?;
        if a.block_type() != Some("response") {
            return None;
        }
        let body_type = || {
            b.http
                .as_ref()
                .and_then(|h| h.body())
                .or(b.json.as_ref())
                .and_then(|body| body.tree.as_ref())
                .and_then(|tree| tree.member("@odata.type"))
                .and_then(|m| m.value.as_str())
        };
        [a.odata_type(), body_type()]
            .into_iter()
            .flatten()
            .map(|n| n.trim().trim_start_matches('#'))
            .find(|n| {
                is_type_word(n) && !n.starts_with("Edm.") && crate::types::primitive(n).is_none()
            })
    })
}

/// A Create/Update page whose subject only its title names: a note when a page declares that
/// type, a warning when none does (its Request body rows and examples then have no type).
pub(crate) fn title_word_diagnostic(page: &Page, names: &mut Names) -> Option<Diagnostic> {
    let title = page.title.as_ref()?;
    let t = title.value.trim().trim_matches('`');
    let ns = page_namespace(page);
    let lower = t.to_ascii_lowercase();
    let verb = ["create ", "update "]
        .into_iter()
        .find(|v| lower.starts_with(v))?;
    let span = Source::new(&page.path, title.line).span();
    match create_or_update_subject(page, t, &ns, names) {
        Some((name, SubjectEvidence::TitleWord)) => Some(
            Diagnostic::new(
                Code::SubjectFromTitle,
                span,
                format!(
                    "only the title names the type this page creates or updates; read as `{}`",
                    simple_name(&name)
                ),
            )
            .with_severity(Severity::Note)
            .with_help("link the type in the Request body section, or name it in the response's `@odata.type`"),
        ),
        Some(_) => None,
        None => {
            let rest = without_remarks(&t[verb.len()..]);
            let word = if is_type_word(rest) {
                "is not a type any page declares"
            } else {
                "is prose, not a type name"
            };
            Some(
                Diagnostic::new(
                    Code::SubjectFromTitle,
                    span,
                    format!(
                        "no Request body link, response `@odata.type` or Response link names the type this page {}s, and `{}` in the title {word}: the page has no subject, so no Request body row or example is read as one",
                        verb.trim(),
                        rest.escape_debug()
                    ),
                )
                .with_help("link the type in the Request body section, or name it in the response's `@odata.type`"),
            )
        }
    }
}
