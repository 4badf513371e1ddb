//! The accounting: every statement on a page either became a fact in the IR or is reported here
//! with the reason it could not (`GD0060`, a note). Statements are the tables the schema reads
//! (Properties, Relationships, enum members, Methods), resource annotations, inheritance and
//! derived-type sentences, and lead paragraphs. `cargo xtask schema --unread` lists them.

use crate::ir::{Schema, Source};
use crate::subject::PageKind;
use graphgen_diag::{Code, Diagnostic, Severity};
use graphgen_parse::{Page, TableKind};
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

/// The statements (page, line) some pass read.
#[derive(Debug, Default)]
pub(crate) struct Used(BTreeSet<(Arc<str>, u32)>);

impl Used {
    pub(crate) fn mark(&mut self, page: &Page, line: u32) {
        self.0.insert((page.path.clone(), line));
    }

    fn contains(&self, page: &Page, line: u32) -> bool {
        self.0.contains(&(page.path.clone(), line))
    }
}

/// Why nothing on this page is read as a statement about a type.
fn no_subject(page: &Page, kind: PageKind) -> String {
    let title = page.title.as_ref().map_or("", |t| t.value.as_str());
    match kind {
        PageKind::Other if page.operation.is_some() => {
            format!("the API page \"{title}\" has no subject type")
        }
        PageKind::Other => format!("the page \"{title}\" declares no type"),
        PageKind::CreateOrUpdate | PageKind::Action => format!(
            "\"{title}\" is an API page; bases and representations are read on resource pages"
        ),
        PageKind::Resource | PageKind::Enum => "the page's kind does not read it".to_owned(),
    }
}

fn table_kind(kind: TableKind) -> Option<&'static str> {
    Some(match kind {
        TableKind::Properties { .. } => "Properties table",
        TableKind::Relationships { .. } => "Relationships table",
        TableKind::EnumMembers { .. } => "enum members table",
        TableKind::Methods { .. } => "Methods table",
        TableKind::Other => return None,
    })
}

/// Reports every statement no pass used, with the reason, as `GD0060` notes.
pub(crate) fn report(
    schema: &Schema,
    pages: &[&Page],
    subjects: &HashMap<Arc<str>, (PageKind, Option<String>)>,
    used: &Used,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let described: BTreeSet<&Source> = schema
        .types
        .values()
        .filter_map(|t| t.description_source.as_ref())
        .chain(
            schema
                .operations
                .iter()
                .filter_map(|o| o.description_source.as_ref()),
        )
        .collect();
    for page in pages {
        let (kind, subject) = subjects
            .get(&page.path)
            .cloned()
            .unwrap_or((PageKind::Other, None));
        let mut unread = |line: u32, what: &str, why: String| {
            diagnostics.push(
                Diagnostic::new(
                    Code::UnreadStatement,
                    Source::new(&page.path, line).span(),
                    format!("{what} is not read: {why}"),
                )
                .with_severity(Severity::Note),
            );
        };
        // Rows the operation's statements were read from (request headers, query options,
        // function parameters).
        let op_rows: BTreeSet<u32> = page
            .operation
            .iter()
            .flat_map(|o| {
                o.headers
                    .iter()
                    .map(|h| h.line)
                    .chain(o.query_options.iter().map(|q| q.line))
            })
            .chain(
                schema
                    .operations
                    .iter()
                    .filter(|o| o.source.file == page.path)
                    .flat_map(|o| o.parameters.iter().map(|p| p.source.line)),
            )
            .collect();
        for table in &page.tables {
            let Some(what) = table_kind(table.kind) else {
                continue;
            };
            if used.contains(page, table.line)
                || table.rows.iter().any(|r| op_rows.contains(&r.line))
            {
                continue;
            }
            let section = table.section.as_deref().unwrap_or("");
            let why = match (&subject, kind) {
                // Parameters of a page that is not a function's (a POST or PATCH without a
                // subject): a function's are the operation's `parameters`.
                (None, PageKind::Other)
                    if page.operation.is_some()
                        && section.to_ascii_lowercase().contains("parameter") =>
                {
                    format!("parameters under \"{section}\" are read only for a GET (a function's parameters); this page's method takes none")
                }
                (None, _) => no_subject(page, kind),
                (Some(s), _) => format!(
                    "it stands under \"{section}\", which is not a section of `{}`'s {}",
                    crate::ir::simple_name(s),
                    match kind {
                        PageKind::Resource => "properties or relationships",
                        PageKind::Enum => "members",
                        _ => "request body",
                    }
                ),
            };
            unread(table.line, what, why);
        }
        if kind != PageKind::Resource {
            for block in &page.code_blocks {
                let Some(a) = &block.annotation else { continue };
                if a.block_type() == Some("resource") {
                    unread(a.line, "resource annotation", no_subject(page, kind));
                }
            }
            for s in &page.base_statements {
                unread(
                    s.line,
                    &format!("\"{}\" sentence", s.phrase),
                    no_subject(page, kind),
                );
            }
            for l in &page.derived_types {
                unread(
                    l.line,
                    &format!("derived type [{}]", l.text),
                    no_subject(page, kind),
                );
            }
        }
        if let Some(first) = page.lead.first() {
            match crate::descriptions::lead(page) {
                None => unread(
                    first.line,
                    "lead paragraph",
                    "it is a placeholder".to_owned(),
                ),
                Some((_, source)) if !described.contains(&source) => {
                    let why = match (&subject, kind) {
                        (Some(s), PageKind::Resource | PageKind::Enum) => {
                            let by = schema
                                .types
                                .get(s)
                                .and_then(|t| t.description_source.as_ref())
                                .map_or("no page".to_owned(), |d| d.to_string());
                            format!("`{}` is described by {by}", crate::ir::simple_name(s))
                        }
                        _ => no_subject(page, kind),
                    };
                    unread(source.line, "lead paragraph", why);
                }
                Some(_) => {}
            }
        }
    }
}
