//! GD0016: a link whose text names one type and whose target is the page of another
//! (`[identitySet](identity.md)`, `[WorkbookChartAxes](chartaxes.md)`).
//!
//! Looked at: links in the Type column of property and relationship tables (any single
//! identifier is a type name there), and links in prose and other cells whose text is a compound
//! name (`identitySet`; not `message` or `Properties`, which are English words too) of a type the
//! schema knows. Only links to `.md` pages in a `resources` folder count: a link to an API page
//! (`[user](user-get.md)`) names an operation, not a type.
//!
//! The link is fine when the target's file stem (without folders, `.md` and `#anchor`) equals
//! the text ignoring case, or ends with `-` and the text (`intune-devices-x.md` documents `x`);
//! when the text is the plural of the stem and no type of its own (`namedLocations`); when the
//! anchor names the type (`chat.md#chattype-values`) or the target is an `enums` page without
//! one; and when the target page's title documents the named type under another file name
//! (`[sharedInsight](insights-shared.md)`, whose title is `sharedInsight resource type`).

use crate::source::PageText;
use crate::Corpus;
use graphgen_diag::{Code, Diagnostic};
use graphgen_parse::{Link, Page, TableKind};

pub(crate) fn check(page: &Page, text: &PageText<'_>, corpus: &Corpus, out: &mut Vec<Diagnostic>) {
    let mut used: Vec<(u32, usize)> = Vec::new();
    let mut candidates: Vec<(&Link, bool)> = Vec::new();
    for table in &page.tables {
        let ty = match table.kind {
            TableKind::Properties { ty, .. } | TableKind::Relationships { ty, .. } => ty,
            _ => continue,
        };
        for row in &table.rows {
            for (index, cell) in row.cells.iter().enumerate() {
                candidates.extend(cell.links.iter().map(|l| (l, index == ty)));
            }
        }
    }
    candidates.extend(page.links.iter().map(|l| (l, false)));
    for (link, in_type_cell) in candidates {
        let Some(name) = identifier(&link.text) else {
            continue;
        };
        let Some(stem) = resource_stem(page, &link.dest) else {
            continue;
        };
        let lower = name.to_ascii_lowercase();
        if stem == lower || stem.ends_with(&format!("-{lower}")) {
            continue;
        }
        // A plural that is no type name of its own (`namedLocations`) names the target's type.
        if !corpus.type_names.contains_key(&lower)
            && lower
                .strip_suffix('s')
                .is_some_and(|single| stem == single || stem.ends_with(&format!("-{single}")))
        {
            continue;
        }
        // In prose, only compound names (`identitySet`, not `message` or `Properties`, which
        // are also English words) of types the schema knows.
        let compound = name.chars().skip(1).any(|c| c.is_ascii_uppercase());
        let names_a_type = in_type_cell || (compound && corpus.type_names.contains_key(&lower));
        if !names_a_type {
            continue;
        }
        if names_anchor(&link.dest, &lower, &stem) {
            continue;
        }
        // The target page documents the named type under another file name
        // (`[sharedInsight](insights-shared.md)`).
        if corpus
            .subjects
            .get(&resolve(&page.path, &link.dest))
            .is_some_and(|subject| *subject == lower)
        {
            continue;
        }
        let span = match locate(text, link, &mut used) {
            Some((start, end)) => text.span(link.line, start, end),
            None => text.line_span(link.line),
        };
        let target_file = link
            .dest
            .split(['#', '?'])
            .next()
            .unwrap_or(&link.dest)
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(&link.dest);
        let mut diagnostic = Diagnostic::new(
            Code::LinkTargetMismatch,
            span,
            format!("link text `{name}` names a different type than its target `{target_file}`"),
        );
        let target_type = corpus.type_names.get(&stem);
        let help = if let Some(file_stem) = corpus.page_stems.get(&lower) {
            let dest = replace_stem(&link.dest, &stem, file_stem);
            match target_type {
                Some(t) => format!("link to `{dest}`, or change the text to `{t}`"),
                None => format!("link to `{dest}`"),
            }
        } else if let Some(t) = target_type {
            format!("change the text to `{t}`, or link to the page that documents `{name}`")
        } else {
            "make the link text and its target name the same type".to_owned()
        };
        diagnostic = diagnostic.with_help(help);
        out.push(diagnostic);
    }
}

/// Whether the link's anchor names the type (`enums.md#threatcategory-values`), or it points at
/// a page of enums as a whole.
fn names_anchor(dest: &str, lower: &str, stem: &str) -> bool {
    match dest.split_once('#') {
        Some((_, anchor)) => {
            let anchor = anchor.to_ascii_lowercase();
            let anchor = ["-values", "-enum", "-enumeration", "-members"]
                .iter()
                .find_map(|s| anchor.strip_suffix(s))
                .unwrap_or(&anchor);
            anchor == lower
        }
        None => stem == "enums" || stem.starts_with("enums-"),
    }
}

/// The path, relative to the docs root, of the page a relative link points at.
pub(crate) fn resolve(from: &str, dest: &str) -> String {
    let path = dest.split(['#', '?']).next().unwrap_or(dest).trim();
    let path = path.replace('\\', "/");
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/").to_ascii_lowercase()
}

/// The link text as one identifier (code spans and emphasis removed), if it is one.
fn identifier(text: &str) -> Option<&str> {
    let name = text.trim().trim_matches(['`', '*', '_', ' ']);
    let mut chars = name.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .then_some(name)
}

/// The lowercase file stem of a link to a page in a `resources` folder.
fn resource_stem(page: &Page, dest: &str) -> Option<String> {
    let path = dest.split(['#', '?']).next()?.trim().replace('\\', "/");
    if path.contains("://") {
        return None;
    }
    let stem = path
        .strip_suffix(".md")
        .or_else(|| path.strip_suffix(".MD"))?;
    let (folder, stem) = match stem.rsplit_once('/') {
        Some((folder, stem)) => (Some(folder), stem),
        None => (None, stem),
    };
    let in_resources = match folder {
        Some(folder) => folder.rsplit('/').next() == Some("resources"),
        // A bare file name is in the linking page's folder.
        None => {
            page.path
                .rsplit_once('/')
                .map_or(&*page.path, |(dir, _)| dir)
                .rsplit('/')
                .next()
                == Some("resources")
        }
    };
    (in_resources && !stem.is_empty()).then(|| stem.to_ascii_lowercase())
}

fn replace_stem(dest: &str, stem: &str, new: &str) -> String {
    let path = dest.split(['#', '?']).next().unwrap_or(dest);
    let lower = path.to_ascii_lowercase();
    match lower.rfind(&format!("{stem}.md")) {
        Some(i) => format!("{}{new}.md", &path[..i]),
        None => path.to_owned(),
    }
}

/// The byte range of `[text](dest)` on the link's line, preferring an occurrence whose text
/// matches and that no earlier link took.
fn locate(
    text: &PageText<'_>,
    link: &Link,
    used: &mut Vec<(u32, usize)>,
) -> Option<(usize, usize)> {
    let line = text.line(link.line)?;
    let needle = format!("]({}", link.dest);
    let mut fallback = None;
    for (close, _) in line.match_indices(&needle) {
        let Some(open) = line[..close].rfind('[') else {
            continue;
        };
        if used.contains(&(link.line, open)) {
            continue;
        }
        let end = line[close..]
            .find(')')
            .map_or(line.len(), |i| close + i + 1);
        let inner = line[open + 1..close].trim_matches(['`', '*', '_', ' ']);
        if inner == link.text.trim_matches(['`', '*', '_', ' ']) {
            used.push((link.line, open));
            return Some((open, end));
        }
        fallback.get_or_insert((open, end));
    }
    if let Some((open, _)) = fallback {
        used.push((link.line, open));
    }
    fallback
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers() {
        assert_eq!(identifier("identitySet"), Some("identitySet"));
        assert_eq!(identifier("`identitySet`"), Some("identitySet"));
        assert_eq!(identifier("List users"), None);
        assert_eq!(identifier("microsoft.graph.user"), None);
    }

    #[test]
    fn resolves_relative_links() {
        assert_eq!(
            resolve("beta/api/x.md", "../resources/Insights-Shared.md#p"),
            "beta/resources/insights-shared.md"
        );
        assert_eq!(resolve("resources/x.md", "y.md"), "resources/y.md");
    }

    #[test]
    fn anchors() {
        assert!(names_anchor(
            "enums.md#threatcategory-values",
            "threatcategory",
            "enums"
        ));
        assert!(names_anchor("enums.md", "threatcategory", "enums"));
        assert!(!names_anchor(
            "enums.md#caseaction-values",
            "threatcategory",
            "enums"
        ));
        assert!(!names_anchor("identity.md", "identityset", "identity"));
    }

    #[test]
    fn replaces_the_stem_only() {
        assert_eq!(
            replace_stem("../resources/identity.md#x", "identity", "identityset"),
            "../resources/identityset.md"
        );
    }
}
