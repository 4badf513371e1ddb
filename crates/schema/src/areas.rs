//! Areas: which product area (`outlook`, `intune`, `microsoft-teams`, ...) each type belongs to,
//! read from the front matter of its pages. The emit stage turns areas into cargo features.
//!
//! A type's area is, in order of trust: the area of the page that describes it (its resource or
//! enum page; when several pages declare the type, the one named after it, as `resources/user.md`
//! is for `user` while `intune-mam-user.md` comes first in path order, then the first in path
//! order); else the area of the first page, in path order, that states a fact about it; else
//! its namespace when that is not the default one (`microsoft.graph.callRecords` ->
//! `call-records`). A type none of these name has no area: it is shared and always compiled.
//! Pages say the area in `ms.subservice` (newer pages) or `ms.prod` (2021 pages); an empty value
//! names none, and so does `non-product-specific`; a value that is not a slug (a TODO left in the page) is reported and ignored.

use crate::ir::{Area, AreaEvidence, Schema, Source};
use crate::names::DEFAULT_NAMESPACE;
use crate::subject::{page_named_after, PageKind};
use graphgen_diag::{Code, Diagnostic, Severity, Span};
use graphgen_parse::Page;
use std::collections::HashMap;
use std::sync::Arc;

/// The area a page's front matter names, normalized, with its line.
fn page_area(page: &Page, diagnostics: &mut Vec<Diagnostic>) -> Option<(String, u32)> {
    let entry = ["ms.subservice", "ms.prod"]
        .iter()
        .find_map(|k| page.front_matter.entries.get(*k))?;
    let raw = entry.value.trim().trim_matches(|c| c == '"' || c == '\'');
    // `non-product-specific` is the docs' own word for "shared by every area".
    if raw.is_empty() || raw.eq_ignore_ascii_case("non-product-specific") {
        return None;
    }
    match slug(raw) {
        Some(s) => Some((s, entry.line)),
        None => {
            diagnostics.push(
                Diagnostic::new(
                    Code::UnreadableArea,
                    Span::line(&page.path, entry.line),
                    format!("the product area `{raw}` is not a name; the page's types get no area from it"),
                )
                .with_severity(Severity::Warning)
                .with_help("write the area as a slug, such as `outlook` or `identity-and-sign-in`"),
            );
            None
        }
    }
}

/// `Sharepoint` -> `sharepoint`, `cloud printing` -> `cloud-printing`; `None` when the text holds
/// anything but letters, digits, spaces, `-`, `_` and `.`.
pub fn slug(raw: &str) -> Option<String> {
    if !raw
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.'))
    {
        return None;
    }
    let mut out = String::new();
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    (!out.is_empty()).then_some(out)
}

/// `callRecords` -> `call-records`.
fn namespace_slug(namespace: &str) -> Option<String> {
    let last = namespace.rsplit('.').next()?;
    let mut out = String::new();
    for (i, c) in last.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push(' ');
        }
        out.push(c);
    }
    slug(&out)
}

/// Sets `area` on every type of `schema`.
pub(crate) fn assign(
    schema: &mut Schema,
    pages: &[&Page],
    subjects: &HashMap<Arc<str>, (PageKind, Option<String>)>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut by_file: HashMap<Arc<str>, (String, u32)> = HashMap::new();
    // Types described by a page, with that page's area (`None`: shared) and whether the page is
    // named after the type: the page named after it wins, then the first in path order that
    // names an area. The page named after a type decides even when it names none.
    let mut declared: HashMap<&str, (Option<Area>, bool)> = HashMap::new();
    for page in pages {
        let area = page_area(page, diagnostics);
        if let Some((area, line)) = &area {
            by_file.insert(page.path.clone(), (area.clone(), *line));
        }
        let Some((PageKind::Resource | PageKind::Enum, Some(subject))) = subjects.get(&page.path)
        else {
            continue;
        };
        let own_page = page_named_after(&page.path, subject);
        if area.is_none() && !own_page {
            continue;
        }
        if declared
            .get(subject.as_str())
            .is_none_or(|(_, own)| own_page && !own)
        {
            let area = area.map(|(name, line)| Area {
                name,
                evidence: AreaEvidence::DeclaringPage,
                source: Source::new(&page.path, line),
            });
            declared.insert(subject.as_str(), (area, own_page));
        }
    }
    for t in schema.types.values_mut() {
        let declaring = declared.get(t.name.as_str());
        t.area = declaring
            .and_then(|(area, _)| area.clone())
            .or_else(|| {
                // The page named after the type says it is shared: no other page overrides it.
                if declaring.is_some() {
                    return None;
                }
                t.sources.iter().find_map(|s| {
                    by_file.get(&s.file).map(|(area, line)| Area {
                        name: area.clone(),
                        evidence: AreaEvidence::MentioningPage,
                        source: Source::new(&s.file, *line),
                    })
                })
            })
            .or_else(|| {
                if t.namespace == DEFAULT_NAMESPACE {
                    return None;
                }
                let source = t.sources.first()?.clone();
                Some(Area {
                    name: namespace_slug(&t.namespace)?,
                    evidence: AreaEvidence::Namespace,
                    source,
                })
            });
    }
}

#[cfg(test)]
mod tests {
    use crate::ir::{AreaEvidence, Schema};
    use graphgen_diag::Code;
    use graphgen_parse::parse_page;
    use std::sync::Arc;

    fn build(pages: &[(&str, &str)]) -> crate::Built {
        let pages: Vec<_> = pages
            .iter()
            .map(|(path, text)| parse_page(Arc::from(*path), text).page)
            .collect();
        crate::build(&pages)
    }

    fn area(schema: &Schema, name: &str) -> Option<(String, AreaEvidence)> {
        let a = schema.types[name].area.as_ref()?;
        Some((a.name.clone(), a.evidence))
    }

    /// `v1.0/resources/attachment.md:6` and its `size` row (:53).
    const ATTACHMENT: &str = "---\ntitle: \"attachment resource type\"\nms.prod: \"outlook\"\ndoc_type: resourcePageType\n---\n\n# attachment resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n|size|Int32|The length of the attachment in bytes.|\n";

    #[test]
    fn area_ms_prod_of_the_declaring_page() {
        let built = build(&[("v1.0/resources/attachment.md", ATTACHMENT)]);
        assert_eq!(
            area(&built.schema, "microsoft.graph.attachment"),
            Some(("outlook".into(), AreaEvidence::DeclaringPage))
        );
        let a = built.schema.types["microsoft.graph.attachment"]
            .area
            .clone()
            .unwrap();
        assert_eq!(a.source.to_string(), "v1.0/resources/attachment.md:3");
    }

    #[test]
    fn area_ms_subservice_wins_over_ms_prod() {
        let text = ATTACHMENT.replace(
            "ms.prod: \"outlook\"\n",
            "ms.prod: \"outlook\"\nms.subservice: \"Outlook Mail\"\n",
        );
        let built = build(&[("v1.0/resources/attachment.md", &text)]);
        assert_eq!(
            area(&built.schema, "microsoft.graph.attachment").unwrap().0,
            "outlook-mail"
        );
    }

    /// `v1.0/resources/enums.md:5`: the page holding the shared enums.
    #[test]
    fn area_non_product_specific_is_shared() {
        let text = "---\ntitle: \"Enum values\"\nms.prod: \"non-product-specific\"\ndoc_type: enumPageType\n---\n\n# Enum values\n\nNamespace: microsoft.graph\n\n### bodyType values\n\n|Member|\n|:---|\n|text|\n|html|\n";
        let built = build(&[("v1.0/resources/enums.md", text)]);
        assert_eq!(area(&built.schema, "microsoft.graph.bodyType"), None);
    }

    /// The seed `invitation-update-languageproficiency.md:5` leaves the area as a TODO.
    #[test]
    fn area_todo_in_ms_prod_is_reported_and_ignored() {
        let text = ATTACHMENT.replace(
            "ms.prod: \"outlook\"",
            "ms.prod: \"**TODO: Add MS prod. See [topic-level metadata reference](https://msgo.azurewebsites.net/add/document/guidelines/metadata.html#topic-level-metadata)**\"",
        );
        let built = build(&[("v1.0/resources/attachment.md", &text)]);
        assert_eq!(area(&built.schema, "microsoft.graph.attachment"), None);
        let d = built
            .diagnostics
            .iter()
            .find(|d| d.code == Code::UnreadableArea)
            .expect("a GD0050 for the TODO area");
        assert_eq!(d.span.line, 3);
    }

    #[test]
    fn area_namespace_when_no_page_names_one() {
        let text = "---\ntitle: \"callRecord resource type\"\ndoc_type: \"resourcePageType\"\n---\n\n# callRecord resource type\n\nNamespace: microsoft.graph.callRecords\n\n## Properties\n\n| Property     | Type        | Description |\n|:---|:---|:---|\n| version | Int64 | Monotonically increasing version of the call record. |\n";
        let built = build(&[("v1.0/resources/callrecords-callrecord.md", text)]);
        assert_eq!(
            area(&built.schema, "microsoft.graph.callRecords.callRecord"),
            Some(("call-records".into(), AreaEvidence::Namespace))
        );
    }

    /// A page of `src/fixtures` (real lines copied from the 2021 snapshot).
    fn fixture(name: &str) -> String {
        let file = format!("{}/src/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(file).expect("fixture")
    }

    /// `intune-mam-user.md` (`ms.prod: "intune"`) also declares `user` and comes first in path
    /// order; `user.md` (`ms.prod: "users"`) is the page that describes it.
    #[test]
    fn area_comes_from_the_page_named_after_the_type() {
        let intune = fixture("intune-mam-user-front-matter.md");
        let own = fixture("user-front-matter.md");
        let built = build(&[
            ("v1.0/resources/intune-mam-user.md", &intune),
            ("v1.0/resources/user.md", &own),
        ]);
        let a = built.schema.types["microsoft.graph.user"]
            .area
            .clone()
            .unwrap();
        assert_eq!(
            (a.name.as_str(), a.evidence),
            ("users", AreaEvidence::DeclaringPage)
        );
        assert_eq!(a.source.to_string(), "v1.0/resources/user.md:6");
        // Alone, the Intune page still names the area: it declares the type.
        let built = build(&[("v1.0/resources/intune-mam-user.md", &intune)]);
        assert_eq!(
            area(&built.schema, "microsoft.graph.user"),
            Some(("intune".into(), AreaEvidence::DeclaringPage))
        );
    }

    /// `json.md` says `ms.prod: ""`; `intune-mam-json.md`, first in path order, says `intune`.
    #[test]
    fn area_page_named_after_the_type_naming_none_makes_it_shared() {
        let built = build(&[
            (
                "v1.0/resources/intune-mam-json.md",
                &fixture("intune-mam-json-front-matter.md"),
            ),
            ("v1.0/resources/json.md", &fixture("json-front-matter.md")),
        ]);
        assert_eq!(area(&built.schema, "microsoft.graph.Json"), None);
    }

    #[test]
    fn area_slugs() {
        assert_eq!(super::slug("Sharepoint").as_deref(), Some("sharepoint"));
        assert_eq!(
            super::slug("identity-and-sign-in").as_deref(),
            Some("identity-and-sign-in")
        );
        assert_eq!(
            super::slug("cloud printing").as_deref(),
            Some("cloud-printing")
        );
        assert_eq!(super::slug("**TODO**"), None);
    }
}
