//! Parse stage: one Graph reference Markdown page -> [`Page`].
//!
//! The page is walked once as a pulldown-cmark event stream with explicit state (current heading,
//! table, cell, code block, pending annotation). Nothing here knows about Rust; facts keep the
//! line they were read from, and anything that cannot be understood becomes a [`Diagnostic`].

mod blocks;
mod decode;
mod http;
mod inheritance;
mod json;
pub mod model;
pub mod operations;
mod prose;
mod tables;
mod text;
use tables::{CellState, TableState};

pub use decode::{decode, Decoded};
pub use model::*;
pub use operations::{
    is_include_path, parse_template, resolve_relative, BodyStatement, BodyStatementKind,
    FunctionCall, Includes, OperationFacts, PathParam, PermissionKind, PermissionRow, Permissions,
    RequestHeader, ResponseStatement, UrlPiece, UrlTemplate,
};

use graphgen_diag::{Code, Diagnostic, LineIndex, Span};
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::ops::Range;
use std::sync::Arc;

/// The page and the diagnostics found while reading it.
#[derive(Debug)]
pub struct Parsed {
    pub page: Page,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses one page. Never panics on any input; whatever cannot be read becomes a diagnostic.
/// A permissions table the page includes is reported as not present (see [`parse_page_with`]).
pub fn parse_page(path: Arc<str>, text: &str) -> Parsed {
    parse_page_with(path, text, &Includes::default())
}

/// Parses one page; `[!INCLUDE]`d permissions tables are read from `includes` (files the load
/// stage read from the docs folder), never from the file system.
pub fn parse_page_with(path: Arc<str>, text: &str, includes: &Includes) -> Parsed {
    Walker::new(path, text, includes).run()
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
}

/// A link being read: its text so far and its target.
struct OpenLink {
    dest: String,
    text: String,
    start: usize,
    /// The text before it ended in "inherited from" / "inherits from".
    after_inherit: bool,
    /// The text before it ended in "collection of".
    after_collection_of: bool,
}

/// Where the walk stands with respect to the page's lead paragraphs.
#[derive(Debug, Default)]
enum Lead {
    /// The title has not been read yet.
    #[default]
    BeforeTitle,
    /// After the title: top-level paragraphs read so far, and the byte offset where the last
    /// one ended.
    Open {
        paragraphs: Vec<Located<String>>,
        last_end: usize,
    },
    /// A heading, list, table or code block came: the lead is over.
    Closed,
}

struct Walker<'a> {
    path: Arc<str>,
    text: &'a str,
    lines: LineIndex,
    page: Page,
    diagnostics: Vec<Diagnostic>,
    section: Option<String>,
    heading: Option<(u8, String, usize)>,
    paragraph: Option<(String, usize)>,
    links: Vec<OpenLink>,
    table: Option<TableState>,
    cell: Option<CellState>,
    code: Option<(CodeBlock, Range<usize>)>,
    html: Option<(String, usize)>,
    pending_annotation: Option<(Annotation, bool)>,
    in_metadata: Option<(String, usize)>,
    includes: &'a Includes,
    /// Paragraphs read so far, for the operation's statements.
    paragraphs: Vec<operations::Paragraph>,
    /// Code spans and links of the open paragraph.
    paragraph_codes: Vec<String>,
    paragraph_links: Vec<Link>,
    /// Links of the open paragraph that follow an inheritance phrase.
    paragraph_base_links: Vec<Link>,
    /// The last paragraph announced a list of derived types; the next list holds them.
    derived_list_announced: bool,
    /// Depth of the open lists, and the depth of the announced list of derived types, if open.
    list_depth: u32,
    derived_list: Option<u32>,
    lead: Lead,
    /// Open block quotes and lists: paragraphs inside them are not lead paragraphs.
    quote_depth: u32,
}

impl<'a> Walker<'a> {
    fn new(path: Arc<str>, text: &'a str, includes: &'a Includes) -> Self {
        let page = Page {
            path: path.clone(),
            front_matter: FrontMatter::default(),
            title: None,
            namespace: None,
            lead: Vec::new(),
            headings: Vec::new(),
            base_statements: Vec::new(),
            derived_types: Vec::new(),
            links: Vec::new(),
            tables: Vec::new(),
            code_blocks: Vec::new(),
            includes: Vec::new(),
            dangling_annotations: Vec::new(),
            page_annotations: Vec::new(),
            operation: None,
        };
        Walker {
            path,
            text,
            lines: LineIndex::new(text),
            page,
            diagnostics: Vec::new(),
            section: None,
            heading: None,
            paragraph: None,
            links: Vec::new(),
            table: None,
            cell: None,
            code: None,
            html: None,
            pending_annotation: None,
            in_metadata: None,
            includes,
            paragraphs: Vec::new(),
            paragraph_codes: Vec::new(),
            paragraph_links: Vec::new(),
            paragraph_base_links: Vec::new(),
            derived_list_announced: false,
            list_depth: 0,
            derived_list: None,
            lead: Lead::BeforeTitle,
            quote_depth: 0,
        }
    }

    fn line(&self, offset: usize) -> u32 {
        self.lines.line(offset)
    }

    fn run(mut self) -> Parsed {
        let text = self.text;
        for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
            self.event(event, range);
        }
        self.flush_html();
        if let Some((annotation, _)) = self.pending_annotation.take() {
            self.dangling(annotation);
        }
        self.close_lead();
        self.page.operation = operations::extract(
            &self.page,
            &self.paragraphs,
            self.includes,
            &mut self.diagnostics,
        );
        Parsed {
            page: self.page,
            diagnostics: self.diagnostics,
        }
    }

    /// Text that belongs to whatever inline container is open.
    fn push_text(&mut self, s: &str) {
        for link in &mut self.links {
            link.text.push_str(s);
        }
        if let Some(cell) = &mut self.cell {
            let before = cell.cell.text.len();
            cell.cell.text.push_str(s);
            if let Some(pv) = &mut cell.possible_values_text {
                pv.push_str(s);
            }
            if cell.in_possible_values {
                cell.possible_values_sentence(before);
            } else if let Some(rest) = text::after_possible_values(&cell.cell.text) {
                cell.in_possible_values = true;
                cell.possible_values_text = Some(rest.to_owned());
                let start = cell.cell.text.len() - rest.len();
                cell.possible_values_sentence(start);
            }
        } else if let Some((_, heading, _)) = &mut self.heading {
            heading.push_str(s);
        } else if let Some((para, _)) = &mut self.paragraph {
            para.push_str(s);
        }
    }

    /// The plain text of the innermost container, to look at what precedes a link.
    fn container_text(&self) -> &str {
        if let Some(cell) = &self.cell {
            &cell.cell.text
        } else if let Some((para, _)) = &self.paragraph {
            para
        } else {
            ""
        }
    }

    fn event(&mut self, event: Event<'a>, range: Range<usize>) {
        if self.html.is_some() && !matches!(event, Event::Html(_) | Event::End(TagEnd::HtmlBlock)) {
            self.flush_html();
        }
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(t) => {
                if let Some((meta, _)) = &mut self.in_metadata {
                    meta.push_str(&t);
                } else if let Some((code, _)) = &mut self.code {
                    code.text.push_str(&t);
                } else {
                    self.push_text(&t);
                }
            }
            Event::Code(c) => {
                if let Some(cell) = &mut self.cell {
                    let value = c.trim();
                    // `Prefer: include-unknown-enum-members` is a request header, and `null`
                    // says the property may be null (every property may be): neither is a member.
                    let member = !value.is_empty()
                        && !value.contains(|ch: char| ch.is_whitespace() || ch == ':')
                        && !value.eq_ignore_ascii_case("null")
                        && !cell.cell.possible_values.iter().any(|v| v == value);
                    if cell.in_possible_values && !cell.possible_values_ended && member {
                        cell.cell.possible_values.push(value.to_owned());
                    }
                } else if self.paragraph.is_some() {
                    self.paragraph_codes.push(c.to_string());
                }
                self.push_text(&c);
            }
            Event::SoftBreak | Event::HardBreak => self.push_text(" "),
            Event::Html(h) => match &mut self.html {
                Some((buf, _)) => buf.push_str(&h),
                None => self.html = Some((h.to_string(), range.start)),
            },
            Event::InlineHtml(h) => {
                if h.trim_start().starts_with("<!--") && h.contains('{') {
                    self.annotation(&h, range.start);
                } else if h.eq_ignore_ascii_case("<br>") || h.eq_ignore_ascii_case("<br/>") {
                    self.push_text(" ");
                }
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'a>, range: Range<usize>) {
        match tag {
            Tag::MetadataBlock(_) => self.in_metadata = Some((String::new(), range.start)),
            Tag::Heading { level, .. } => {
                let level = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    HeadingLevel::H4 => 4,
                    HeadingLevel::H5 => 5,
                    HeadingLevel::H6 => 6,
                };
                self.close_lead();
                self.heading = Some((level, String::new(), range.start));
            }
            Tag::Paragraph => {
                self.paragraph = Some((String::new(), range.start));
                self.paragraph_codes.clear();
                self.paragraph_links.clear();
                self.paragraph_base_links.clear();
            }
            Tag::Link { dest_url, .. } => {
                let before = self.container_text().trim_end().to_ascii_lowercase();
                let after_inherit = if self.cell.is_some() {
                    before.ends_with("inherited from") || before.ends_with("inherits from")
                } else {
                    inheritance::ends_with_phrase(&before)
                };
                let after_collection_of = before.ends_with("collection of");
                self.links.push(OpenLink {
                    dest: dest_url.to_string(),
                    text: String::new(),
                    start: range.start,
                    after_inherit,
                    after_collection_of,
                });
            }
            Tag::BlockQuote(_) => self.quote_depth += 1,
            Tag::List(_) => {
                if self.quote_depth == 0 {
                    // A paragraph the list follows without a blank line introduces it ("This
                    // resource supports" then `* ...`): not part of the lead, unless it is the
                    // first paragraph (then it is the description, like one ending in `:`).
                    if let Lead::Open {
                        paragraphs,
                        last_end,
                        ..
                    } = &mut self.lead
                    {
                        let between = self.text.get(*last_end..range.start).unwrap_or("");
                        if between.matches('\n').count() < 2 && paragraphs.len() > 1 {
                            paragraphs.pop();
                        }
                    }
                    self.close_lead();
                }
                self.list_depth += 1;
                if std::mem::take(&mut self.derived_list_announced) && self.derived_list.is_none() {
                    self.derived_list = Some(self.list_depth);
                }
            }
            Tag::Table(_) => {
                self.derived_list_announced = false;
                self.close_lead();
                self.table = Some(TableState {
                    line: self.line(range.start),
                    section: self.section.clone(),
                    header: Vec::new(),
                    rows: Vec::new(),
                    current_row: None,
                    in_head: false,
                    leading_pipe: self.text[range.start..].trim_start().starts_with('|'),
                    row_leading_pipe: true,
                });
            }
            Tag::TableHead => {
                if let Some(t) = &mut self.table {
                    t.in_head = true;
                }
            }
            Tag::TableRow => {
                let line = self.line(range.start);
                let leading_pipe = self.text[range.start..].trim_start().starts_with('|');
                if let Some(t) = &mut self.table {
                    t.current_row = Some((line, Vec::new()));
                    t.row_leading_pipe = leading_pipe;
                }
            }
            Tag::TableCell => {
                self.cell = Some(CellState {
                    start: range.start,
                    end: range.end,
                    ..CellState::default()
                });
            }
            Tag::CodeBlock(kind) => {
                if self.quote_depth == 0 {
                    self.close_lead();
                }
                let (info, content_start) = match &kind {
                    CodeBlockKind::Fenced(info) => {
                        let first_newline = self.text[range.clone()]
                            .find('\n')
                            .map_or(range.end, |i| range.start + i + 1);
                        (info.trim().to_ascii_lowercase(), first_newline)
                    }
                    CodeBlockKind::Indented => (String::new(), range.start),
                };
                let (annotation, annotation_separated) = match self.pending_annotation.take() {
                    Some((a, sep)) => (Some(a), sep),
                    None => (None, false),
                };
                let block = CodeBlock {
                    line: self.line(range.start),
                    content_line: self.line(content_start),
                    info,
                    section: self.section.clone(),
                    annotation,
                    annotation_separated,
                    text: String::new(),
                    http: None,
                    json: None,
                };
                self.code = Some((block, range));
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        match tag {
            TagEnd::List(_) => {
                if self.derived_list == Some(self.list_depth) {
                    self.derived_list = None;
                }
                self.list_depth = self.list_depth.saturating_sub(1);
            }
            TagEnd::MetadataBlock(_) => {
                if let Some((yaml, start)) = self.in_metadata.take() {
                    let first_line = self.line(start) + 1;
                    self.page.front_matter = text::front_matter(&yaml, first_line);
                    if let Some(err) = &self.page.front_matter.error {
                        self.diagnostics.push(Diagnostic::new(
                            Code::InvalidFrontMatter,
                            Span::line(&self.path, err.line),
                            format!("front matter is not valid YAML: {}", err.value),
                        ));
                    }
                }
            }
            TagEnd::Heading(_) => {
                if let Some((level, text, start)) = self.heading.take() {
                    let text = text.trim().to_owned();
                    let line = self.line(start);
                    if level == 1 && self.page.title.is_none() {
                        self.page.title = Some(Located::new(text.clone(), line));
                        if matches!(self.lead, Lead::BeforeTitle) {
                            self.lead = Lead::Open {
                                paragraphs: Vec::new(),
                                last_end: range.end,
                            };
                        }
                    }
                    if let Some((_, sep)) = &mut self.pending_annotation {
                        *sep = true;
                    }
                    self.section = Some(text.clone());
                    self.derived_list_announced = false;
                    self.page.headings.push(Heading { level, text, line });
                }
            }
            TagEnd::BlockQuote(_) => self.quote_depth = self.quote_depth.saturating_sub(1),
            TagEnd::Paragraph => {
                if let Some((text, start)) = self.paragraph.take() {
                    self.paragraph_done(text.trim(), start..range.end);
                    self.lead_paragraph(start..range.end);
                    self.paragraphs.push(operations::Paragraph {
                        line: self.line(start),
                        text: text.trim().to_owned(),
                        codes: std::mem::take(&mut self.paragraph_codes),
                        links: std::mem::take(&mut self.paragraph_links),
                    });
                }
            }
            TagEnd::Link => {
                if let Some(open) = self.links.pop() {
                    let link = Link {
                        text: open.text.trim().to_owned(),
                        dest: open.dest,
                        line: self.line(open.start),
                        section: self.section.clone(),
                        collection: open.after_collection_of,
                    };
                    let in_derived_section = self
                        .section
                        .as_deref()
                        .is_some_and(|s| s.eq_ignore_ascii_case("derived types"));
                    if (in_derived_section || self.derived_list.is_some())
                        && model::page_stem(&link.dest).is_some()
                    {
                        self.page.derived_types.push(link.clone());
                    }
                    if let Some(cell) = &mut self.cell {
                        if open.after_inherit && cell.cell.inherited_from.is_none() {
                            cell.cell.inherited_from = Some(link.clone());
                        }
                        cell.cell.links.push(link);
                    } else if self.paragraph.is_some() {
                        if open.after_inherit {
                            self.paragraph_base_links.push(link.clone());
                        }
                        self.paragraph_links.push(link.clone());
                        if model::page_stem(&link.dest).is_some() {
                            self.page.links.push(link);
                        }
                    }
                }
            }
            TagEnd::TableCell => self.end_table_cell(),
            TagEnd::TableHead => {
                if let Some(t) = &mut self.table {
                    t.in_head = false;
                }
            }
            TagEnd::TableRow => self.end_table_row(),
            TagEnd::Table => self.end_table(),
            TagEnd::CodeBlock => {
                if let Some((mut block, _)) = self.code.take() {
                    self.code_block_done(&mut block);
                    self.page.code_blocks.push(block);
                }
            }
            TagEnd::HtmlBlock => self.flush_html(),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests;
