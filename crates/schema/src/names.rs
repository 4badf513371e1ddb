//! Type names: the spelling kept for each, qualification by namespace, and the page's namespace.

use crate::ir::*;
use graphgen_diag::{Code, Diagnostic, Severity};
use graphgen_parse::Page;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Namespace of pages that do not state one.
pub const DEFAULT_NAMESPACE: &str = "microsoft.graph";

/// Case-insensitive canonical spelling of type names: the first spelling seen wins.
#[derive(Debug, Default)]
pub(crate) struct Names {
    spellings: HashMap<String, String>,
    /// Spellings that differ only in case from the one kept: merged, and reported.
    variants: BTreeMap<String, BTreeSet<String>>,
    /// Every page by path, and by file stem, with its namespace and the type it declares
    /// (`build.rs` fills this before any fact is read, see [`PageIndex`]).
    pub(crate) pages: PageIndex,
}

/// What a page is, for the links that point at it: its namespace (its `Namespace:` line, else
/// the default) and the type it declares (a resource or enum page's subject).
#[derive(Debug, Clone, Default)]
pub(crate) struct PageInfo {
    pub(crate) namespace: String,
    pub(crate) declares: Option<String>,
    /// The page is an enum page (`# x enum type`, a members table).
    pub(crate) declares_enum: bool,
}

/// Pages by path and by lowercase file stem (the first page in path order that declares a type,
/// else the first), and the types pages declare (lowercase qualified names): resource and enum
/// pages' subjects and resource annotations' `@odata.type`.
#[derive(Debug, Default)]
pub(crate) struct PageIndex {
    by_path: HashMap<String, PageInfo>,
    by_stem: HashMap<String, (String, bool)>,
    /// Lowercase qualified name -> the spelling of the first page that declares it.
    declared: HashMap<String, String>,
    /// Namespaces pages state (lowercase).
    namespaces: HashSet<String>,
}

impl PageIndex {
    /// Records a page; call in path order.
    pub(crate) fn add(&mut self, path: &str, info: PageInfo) {
        if let Some(stem) = graphgen_parse::page_stem(path) {
            let declares = info.declares.is_some();
            let entry = self
                .by_stem
                .entry(stem.to_ascii_lowercase())
                .or_insert_with(|| (path.to_owned(), declares));
            if declares && !entry.1 {
                *entry = (path.to_owned(), true);
            }
        }
        if let Some(t) = &info.declares {
            self.declared
                .entry(t.to_ascii_lowercase())
                .or_insert_with(|| t.clone());
        }
        self.namespaces.insert(info.namespace.to_ascii_lowercase());
        self.by_path.insert(path.to_owned(), info);
    }

    /// A type a page declares without being that page's subject (a resource annotation).
    pub(crate) fn declare(&mut self, qualified: &str) {
        self.declared
            .entry(qualified.to_ascii_lowercase())
            .or_insert_with(|| qualified.to_owned());
    }

    /// Some page declares this type (any letter case).
    pub(crate) fn is_declared(&self, qualified: &str) -> bool {
        self.declared.contains_key(&qualified.to_ascii_lowercase())
    }

    /// The microsoft.graph type a name in a namespace no page states stands for, when a page
    /// declares that type (`Microsoft.OutlookServices.ConversationThread` ->
    /// `microsoft.graph.conversationThread`); see [`foreign_graph_name`].
    pub(crate) fn graph_type_for_foreign(&self, qualified: &str) -> Option<String> {
        self.foreign(qualified).filter(|g| self.is_declared(g))
    }

    /// For a name in a namespace outside microsoft.graph that no page states: the microsoft.graph
    /// name it would stand for (whether or not a page declares that type).
    pub(crate) fn foreign(&self, qualified: &str) -> Option<String> {
        let (ns, _) = qualified.rsplit_once('.')?;
        if self.namespaces.contains(&ns.to_ascii_lowercase()) {
            return None;
        }
        foreign_graph_name(qualified)
    }

    /// The page a link on page `from` points at: by its path relative to `from`, else by its
    /// file stem (links written with the wrong folder still name the page).
    /// A site-absolute link (`/graph/api/resources/identityset`, beta ediscovery-case.md:53)
    /// names the page of that file name.
    pub(crate) fn target(&self, from: &str, link: &graphgen_parse::Link) -> Option<&PageInfo> {
        let site = link
            .dest
            .split(['#', '?'])
            .next()
            .and_then(|d| d.strip_prefix("/graph/api/"))
            .and_then(|d| d.rsplit('/').next())
            .filter(|s| !s.is_empty() && !s.contains('.'));
        let stem = link.target_page().or(site)?;
        graphgen_parse::resolve_relative(from, &link.dest)
            .and_then(|p| self.by_path.get(&p))
            .or_else(|| {
                self.by_stem
                    .get(&stem.to_ascii_lowercase())
                    .and_then(|(p, _)| self.by_path.get(p))
            })
    }

    /// How the first page that declares this type (any letter case) spells it.
    pub(crate) fn declared_spelling(&self, qualified: &str) -> Option<&str> {
        self.declared
            .get(&qualified.to_ascii_lowercase())
            .map(String::as_str)
    }

    /// The namespace of the page a link points at, when that page is known.
    pub(crate) fn link_namespace(&self, from: &str, link: &graphgen_parse::Link) -> Option<&str> {
        self.target(from, link).map(|p| p.namespace.as_str())
    }
}

impl Names {
    pub(crate) fn canonical(&mut self, qualified: &str) -> String {
        if qualified.starts_with("Edm.") {
            return qualified.to_owned();
        }
        // A name in a namespace outside microsoft.graph (`Microsoft.OutlookServices.X`) is the
        // microsoft.graph type of that name when a page declares one (`legacy.rs`).
        if let Some(graph) = self.pages.graph_type_for_foreign(qualified) {
            return self.canonical(&graph);
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

    /// The spelling kept for a qualified name, when one was seen (any letter case).
    pub(crate) fn kept(&self, qualified: &str) -> Option<&str> {
        self.spellings
            .get(&qualified.to_ascii_lowercase())
            .map(String::as_str)
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

/// For a qualified name in a namespace that is neither `microsoft.graph` nor below it (and not
/// `Edm`): the same simple name in `microsoft.graph` (`Microsoft.OutlookServices.ItemAttachment`
/// -> `microsoft.graph.ItemAttachment`). Whether that type exists is the caller's question.
pub(crate) fn foreign_graph_name(qualified: &str) -> Option<String> {
    let (ns, simple) = qualified.rsplit_once('.')?;
    let lower = ns.to_ascii_lowercase();
    let graph = lower == DEFAULT_NAMESPACE || lower.starts_with("microsoft.graph.");
    (!graph && lower != "edm" && !ns.is_empty() && is_type_word(simple))
        .then(|| format!("{DEFAULT_NAMESPACE}.{simple}"))
}

/// Qualifies a type name written on a page (`itemFacet`, `#microsoft.graph.x`, `graph.x`).
/// Callers check the name with [`is_type_word`] first: a name ending in `.` names no type.
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

/// Letters, digits, `_` and `.` between non-empty parts: `microsoft.graph.` and
/// `microsoft.graph..x` (an empty name after a namespace) are not type names.
pub(crate) fn is_type_word(s: &str) -> bool {
    !s.is_empty()
        && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
        && !s.ends_with('.')
        && !s.contains("..")
}

/// The page's `Namespace:` line (a sentence's full stop, `microsoft.graph.` in beta
/// message-reply.md:12, is not part of it), else the default.
pub(crate) fn page_namespace(page: &Page) -> String {
    page.namespace
        .as_ref()
        .map(|n| n.value.trim().trim_end_matches('.').to_owned())
        .filter(|n| is_type_word(n))
        .unwrap_or_else(|| DEFAULT_NAMESPACE.to_owned())
}

pub(crate) fn ensure<'a>(schema: &'a mut Schema, name: &str) -> &'a mut TypeDef {
    schema
        .types
        .entry(name.to_owned())
        .or_insert_with(|| TypeDef::new(name, TypeKind::Complex))
}
