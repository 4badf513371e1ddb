//! Parse stage: one Graph reference Markdown page -> [`Page`].
//!
//! The page is walked once as a pulldown-cmark event stream with explicit state (current heading,
//! table, cell, code block, pending annotation). Nothing here knows about Rust; facts keep the
//! line they were read from, and anything that cannot be understood becomes a [`Diagnostic`].

mod decode;
mod http;
mod inheritance;
mod json;
pub mod model;
pub mod operations;
mod prose;
mod text;

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

impl CellState {
    /// Follows the sentence that lists the possible values over the cell text from byte `from`:
    /// a period at parenthesis depth 0 followed by a space ends it; "following value" (the
    /// evolvable-enum sentence: "Use the `Prefer: include-unknown-enum-members` request header to
    /// get the following values ...: `a`, `b`.") opens it again.
    fn possible_values_sentence(&mut self, from: usize) {
        let mut pos = from;
        loop {
            if self.possible_values_ended {
                let lower = self.cell.text[self.possible_values_end..].to_ascii_lowercase();
                let phrase = "following value";
                let Some(i) = lower.find(phrase) else { return };
                self.possible_values_ended = false;
                self.possible_values_depth = 0;
                pos = pos.max(self.possible_values_end + i + phrase.len());
            }
            let text = &self.cell.text[pos..];
            let mut end = None;
            let mut chars = text.char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                match c {
                    '(' => self.possible_values_depth += 1,
                    ')' => self.possible_values_depth -= 1,
                    '.' if self.possible_values_depth <= 0
                        && chars.peek().is_none_or(|(_, n)| n.is_whitespace()) =>
                    {
                        end = Some(pos + i + 1);
                        break;
                    }
                    _ => {}
                }
            }
            match end {
                Some(at) => {
                    self.possible_values_ended = true;
                    self.possible_values_end = at;
                    pos = at;
                }
                None => return,
            }
        }
    }
}

/// The text of a row whose only non-empty cell is all bold (`| **Calendar** |||`).
fn group_heading(cells: &[Cell]) -> Option<String> {
    let mut filled = cells.iter().filter(|c| !c.text.is_empty());
    let only = filled.next()?;
    let md = only.markdown.trim();
    let bold = md.len() > 4
        && ((md.starts_with("**") && md.ends_with("**"))
            || (md.starts_with("__") && md.ends_with("__")))
        && !md[2..md.len() - 2].contains("**");
    (filled.next().is_none() && bold).then(|| only.text.clone())
}

#[derive(Default)]
struct CellState {
    cell: Cell,
    start: usize,
    end: usize,
    /// "Possible values are" has been seen: code spans that follow are members.
    in_possible_values: bool,
    possible_values_text: Option<String>,
    /// The sentence that lists the values has ended: code spans after it (`$filter`, values of
    /// another property in "Required if **type** is `weekly`") are not members, until a later
    /// sentence says "the following values" (the `Prefer` header sentence of evolvable enums).
    possible_values_ended: bool,
    /// Parenthesis depth inside the list: a period in "(Value is ignored ...)" ends nothing.
    possible_values_depth: i32,
    /// Byte offset in the cell text where the list's sentence ended.
    possible_values_end: usize,
}

struct TableState {
    line: u32,
    section: Option<String>,
    header: Vec<Cell>,
    rows: Vec<Row>,
    current_row: Option<(u32, Vec<Cell>)>,
    in_head: bool,
    /// The header row starts with `|`.
    leading_pipe: bool,
    /// The current row's line starts with `|`.
    row_leading_pipe: bool,
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
            TagEnd::TableCell => {
                if let Some(mut state) = self.cell.take() {
                    let src = self.text.get(state.start..state.end).unwrap_or("");
                    state.cell.markdown = src.trim().trim_end_matches('|').trim().to_owned();
                    state.cell.text = state.cell.text.trim().to_owned();
                    let (_, col) = self.lines.line_col(self.text, state.start);
                    state.cell.column = col;
                    if state.in_possible_values && state.cell.possible_values.is_empty() {
                        if let Some(pv) = &state.possible_values_text {
                            state.cell.possible_values = text::split_plain_values(pv);
                        }
                    }
                    if let Some(t) = &mut self.table {
                        if t.in_head {
                            t.header.push(state.cell);
                        } else if let Some((_, cells)) = &mut t.current_row {
                            cells.push(state.cell);
                        }
                    }
                }
            }
            TagEnd::TableHead => {
                if let Some(t) = &mut self.table {
                    t.in_head = false;
                }
            }
            TagEnd::TableRow => {
                let Some(t) = &mut self.table else { return };
                let Some((line, cells)) = t.current_row.take() else {
                    return;
                };
                // A line without the leading `|` of its table is the rest of the row above,
                // whose cell text went on after a line break (`...Valid values 0 to 4294967295`
                // then `The value 0 (zero) means ...|`): it belongs to that row's last cell.
                if t.leading_pipe && !t.row_leading_pipe {
                    if let Some(last) = t.rows.last_mut().and_then(|r| r.cells.last_mut()) {
                        for cell in cells.into_iter().filter(|c| !c.text.is_empty()) {
                            last.text = format!("{} {}", last.text, cell.text);
                            last.markdown = format!("{} {}", last.markdown, cell.markdown);
                            last.links.extend(cell.links);
                            for v in cell.possible_values {
                                if !last.possible_values.contains(&v) {
                                    last.possible_values.push(v);
                                }
                            }
                        }
                        self.diagnostics.push(
                            Diagnostic::new(
                                Code::MalformedTable,
                                Span::line(&self.path, line),
                                "this line continues the table row above it: a line break inside a cell",
                            )
                            .with_help("join the two lines, or write `<br>` for a line break inside the cell"),
                        );
                        return;
                    }
                }
                let group = group_heading(&cells);
                t.rows.push(Row { line, cells, group });
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    let header: Vec<String> = t.header.into_iter().map(|c| c.text).collect();
                    let kind = text::classify_table(&header);
                    let kind = text::parameters_in_value_column(
                        kind,
                        &header,
                        t.section.as_deref(),
                        &t.rows,
                    );
                    self.page.tables.push(Table {
                        line: t.line,
                        section: t.section,
                        kind,
                        header,
                        rows: t.rows,
                    });
                }
            }
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

    fn flush_html(&mut self) {
        if let Some((html, start)) = self.html.take() {
            if html.trim_start().starts_with("<!--") && html.contains('{') {
                self.annotation(&html, start);
            }
        }
    }

    fn annotation(&mut self, html: &str, start: usize) {
        let line = self.line(start);
        let annotation = json::annotation(&self.path, html, line, &mut self.diagnostics);
        // Page-level comments (`"type": "#page.annotation"`) describe the page, not a block.
        if annotation.error.is_none() && annotation.block_type().is_none() {
            self.page.page_annotations.push(annotation);
            return;
        }
        if let Some((previous, _)) = self.pending_annotation.take() {
            self.dangling(previous);
        }
        self.pending_annotation = Some((annotation, false));
    }

    fn dangling(&mut self, annotation: Annotation) {
        // `permissions` annotations mark an INCLUDE, not a code block.
        if annotation.block_type() != Some("permissions") && annotation.error.is_none() {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::AnnotationWithoutBlock,
                    Span::line(&self.path, annotation.line),
                    "annotation is not followed by a code block",
                )
                .with_help("put the annotated code block right after the annotation"),
            );
        }
        self.page.dangling_annotations.push(annotation);
    }

    fn code_block_done(&mut self, block: &mut CodeBlock) {
        let is_http = matches!(block.info.as_str(), "http" | "msgraph-interactive")
            || (block.info.is_empty() && http::looks_like_http(&block.text));
        if is_http {
            block.http = Some(http::parse(
                &self.path,
                &block.text,
                block.content_line,
                &mut self.diagnostics,
            ));
        } else if block.info == "json" || block.info == "jsonc" {
            block.json = Some(json::body(&block.text, block.content_line));
        }
    }
}

#[cfg(test)]
mod tests;
