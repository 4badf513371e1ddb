//! Lint stage: checks of the documentation that do not change the generated models.
//!
//! | code | check | module |
//! | --- | --- | --- |
//! | `GD0005` | `TODO` markers in front matter, tables and prose | `todo` |
//! | `GD0006` | mojibake: UTF-8 read as Windows-1252 or Mac Roman | `mojibake` |
//! | `GD0010` | unknown annotation keys, known keys with values of the wrong type | `annotations` |
//! | `GD0016` | link text names one type, its target another | `links` |
//! | `GD0018` | Properties row missing from the resource's JSON representation | `resource_json` |
//! | `GD0020` | request example without a response | `examples` |
//!
//! Every check is linear in the size of a page; the facts about all pages that some checks
//! consult (type names, page file names, the type each page documents) are gathered once.

mod annotations;
mod examples;
mod links;
mod mojibake;
mod resource_json;
mod source;
mod todo;

use graphgen_diag::Diagnostic;
use graphgen_parse::Page;
use graphgen_schema::Schema;
use source::PageText;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// Facts about all pages that single-page checks consult.
#[derive(Debug, Default)]
pub(crate) struct Corpus {
    /// Lowercase simple type name -> the name as the schema spells it.
    pub type_names: HashMap<String, String>,
    /// Lowercase file stem -> the file stem of a page as written.
    pub page_stems: HashMap<String, String>,
    /// Lowercase page path -> the lowercase name of the type its title documents
    /// (`# sharedInsight resource type`).
    pub subjects: HashMap<String, String>,
}

impl Corpus {
    fn new(pages: &[Page], schema: &Schema) -> Self {
        let mut type_names = HashMap::new();
        for t in schema.types.values() {
            let name = t.simple_name();
            type_names
                .entry(name.to_ascii_lowercase())
                .or_insert_with(|| name.to_owned());
        }
        let page_stems = pages
            .iter()
            .filter_map(|p| {
                let file = p.path.rsplit('/').next()?;
                let stem = file.strip_suffix(".md")?;
                Some((stem.to_ascii_lowercase(), stem.to_owned()))
            })
            .collect();
        let subjects = pages
            .iter()
            .filter_map(|p| {
                let title = p.title.as_ref()?.value.trim().to_ascii_lowercase();
                let subject = ["resource type", "complex type", "enum type", "type"]
                    .iter()
                    .find_map(|s| title.strip_suffix(s))?
                    .trim();
                (!subject.is_empty() && !subject.contains(' '))
                    .then(|| (p.path.to_ascii_lowercase(), subject.to_owned()))
            })
            .collect();
        Corpus {
            type_names,
            page_stems,
            subjects,
        }
    }
}

/// Runs every check. `sources` holds the decoded text of each page by path.
pub fn check(
    pages: &[Page],
    schema: &Schema,
    sources: &BTreeMap<Arc<str>, String>,
) -> Vec<Diagnostic> {
    let corpus = Corpus::new(pages, schema);
    let mut out = Vec::new();
    for page in pages {
        let Some(source) = sources.get(&page.path) else {
            continue;
        };
        let text = PageText::new(page, source);
        mojibake::check(&text, &mut out);
        todo::check(page, &text, &mut out);
        links::check(page, &text, &corpus, &mut out);
        annotations::check(page, &text, &mut out);
        examples::check(page, &text, &mut out);
        resource_json::check(page, &text, &mut out);
    }
    out.sort();
    out
}
