//! The operation an API page documents, as the page states it: the URL templates of its
//! "HTTP request" section, the query options and request headers it lists, what its Request body
//! and Response sections say, and its permissions table (inline, or in an included file handed in
//! by the caller). Text only: type links stay links; the schema stage resolves them.

mod permissions;
mod statements;
mod template;

pub use template::parse_template;

use crate::model::{Link, Located, Page, Table};
use graphgen_diag::{Code, Diagnostic, Span};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Files that pages include (`[!INCLUDE [x](../includes/permissions/x-permissions.md)]`), by path
/// relative to the docs root, already read by the load stage. Parsing never reads a file.
#[derive(Debug, Clone, Default)]
pub struct Includes {
    files: BTreeMap<Arc<str>, String>,
}

impl Includes {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn insert(&mut self, path: Arc<str>, text: String) {
        self.files.insert(path, text);
    }

    pub fn get(&self, path: &str) -> Option<(&Arc<str>, &str)> {
        self.files.get_key_value(path).map(|(k, v)| (k, v.as_str()))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// Whether a docs-relative path is an included file rather than a page: it lies below a folder
/// called `includes`.
pub fn is_include_path(path: &str) -> bool {
    path.split('/').rev().skip(1).any(|c| c == "includes")
}

/// `target` (as written in a page at `page`) relative to the docs root; `None` when it leaves the
/// docs folder (too many `..`, an absolute path, a URL).
pub fn resolve_relative(page: &str, target: &str) -> Option<String> {
    let target = target.split('#').next().unwrap_or(target).trim();
    if target.is_empty() || target.starts_with('/') || target.contains("://") {
        return None;
    }
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for c in target.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            c => parts.push(c),
        }
    }
    Some(parts.join("/"))
}

/// What an API page says about the call it documents.
#[derive(Debug, Clone, Serialize)]
pub struct OperationFacts {
    /// Every URL template of the HTTP request section(s), in page order.
    pub templates: Vec<UrlTemplate>,
    /// Query options the page lists (`$select` in the Optional query parameters prose, rows of a
    /// query parameters table).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub query_options: Vec<Located<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<RequestHeader>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_body: Option<BodyStatement>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response: Option<ResponseStatement>,
    /// The Response section's other "If successful" statements (a page that answers with JSON
    /// or a CSV download says each under its own heading).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub response_alternatives: Vec<ResponseStatement>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Permissions>,
}

/// One line of an HTTP request section: `GET /users/{id | userPrincipalName}/messages?$top=5`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UrlTemplate {
    pub method: String,
    /// The path as written, without scheme, host and version, always starting with `/`.
    pub path: String,
    /// The query string as written (without `?`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// `{...}` parameters in order (path first, then query).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<PathParam>,
    /// The last segment is a call: `reminderView(StartDateTime={x},EndDateTime={y})`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub function: Option<FunctionCall>,
    /// The last segment is `$value`, `$ref` or `$count`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
    /// The template as literal text and parameters (indices into `params`), path and query.
    #[serde(skip)]
    pub pieces: Vec<UrlPiece>,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlPiece {
    Literal(String),
    Param(usize),
}

/// A `{...}` placeholder. `{id | userPrincipalName}` keeps both alternatives; the first names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PathParam {
    pub name: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<String>,
    /// It stands in the query string, not the path.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub in_query: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FunctionCall {
    pub name: String,
    /// `name=value` pairs as written (`StartDateTime={StartDateTime-value}`, `on='reviewer'`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub arguments: Vec<(String, String)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RequestHeader {
    pub name: String,
    /// The description says "Required" (true), "Optional" (false), or neither.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub line: u32,
}

/// What the Request body section's first sentence says the body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyStatementKind {
    /// "Do not supply a request body for this method."
    None,
    /// "supply a JSON representation of [x](...)".
    Representation,
    /// "supply the values for relevant fields that should be updated".
    Update,
    /// "provide a JSON object with the following parameters".
    Parameters,
    /// Something else, kept as text.
    Other,
}

#[derive(Debug, Clone, Serialize)]
pub struct BodyStatement {
    pub kind: BodyStatementKind,
    pub text: String,
    /// The first type link of the statement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<Link>,
    /// Type links joined to the first by "or" / "," ("an [ipNamedLocation](...) or
    /// [countryNamedLocation](...) object"): the body is one of them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<Link>,
    pub line: u32,
}

/// The Response section's success statement.
#[derive(Debug, Clone, Serialize)]
pub struct ResponseStatement {
    pub text: String,
    /// The status code (`200 OK` -> 200).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<Link>,
    /// Type links joined to the first by "or" / ",": the body is one of them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<Link>,
    /// A primitive named in prose: "a String collection", "a Stream".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub primitive: Option<String>,
    /// "a collection of [x]", "[x] collection", "an array of", "a list of".
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub collection: bool,
    /// "It does not return anything in the response body", "an empty response body".
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub no_body: bool,
    pub line: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PermissionKind {
    DelegatedWork,
    DelegatedPersonal,
    Application,
    /// A label the generator does not know (kept in `label`).
    Other,
}

#[derive(Debug, Clone, Serialize)]
pub struct PermissionRow {
    pub kind: PermissionKind,
    pub label: String,
    /// Permission names in the page's order, every permissions column left to right.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<String>,
    /// "Not supported." (and "Not applicable", "None").
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub not_supported: bool,
    /// The cell is a TODO marker.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub todo: bool,
    /// Cell text that is neither a permission name nor "Not supported", kept as written.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other: Vec<String>,
    pub line: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct Permissions {
    /// The file the table is in: the page, or the included file.
    pub file: Arc<str>,
    /// The table's header cells after "Permission type" (`Permissions (from least to most
    /// privileged)`, `Least privileged permissions`, ...).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    /// The include directive, when the page includes the table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include: Option<Located<String>>,
    /// The include could not be read (not in the docs folder, or outside it).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub missing: bool,
    pub rows: Vec<PermissionRow>,
    pub line: u32,
}

/// A paragraph the walker saw: its plain text, its code spans and its links.
#[derive(Debug, Clone, Default)]
pub(crate) struct Paragraph {
    pub line: u32,
    pub text: String,
    pub codes: Vec<String>,
    pub links: Vec<Link>,
}

const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE"];

/// The heading text of the level-2 (or higher) section each line stands in, by line.
pub(crate) struct Sections<'a> {
    /// (line, level, lowercased text)
    headings: Vec<(u32, u8, String)>,
    _page: &'a Page,
}

impl<'a> Sections<'a> {
    fn new(page: &'a Page) -> Self {
        let title = page.title.as_ref().map(|t| t.line);
        Sections {
            // Level-1 headings after the title are tab labels (`# [HTTP](#tab/http)`), not sections.
            headings: page
                .headings
                .iter()
                .filter(|h| h.level > 1 || Some(h.line) == title)
                .map(|h| (h.line, h.level, h.text.trim().to_ascii_lowercase()))
                .collect(),
            _page: page,
        }
    }

    /// Whether `line` stands in a section (or a subsection of a section) whose heading is one of
    /// `names`.
    pub(crate) fn within(&self, line: u32, names: &[&str]) -> bool {
        let mut level = u8::MAX;
        for (l, lvl, text) in self.headings.iter().rev() {
            if *l >= line || *lvl >= level {
                continue;
            }
            if names.contains(&text.as_str()) {
                return true;
            }
            level = *lvl;
            if level <= 1 {
                break;
            }
        }
        false
    }
}

/// Whether a page documents a call: it has an HTTP request section.
pub(crate) fn is_api_page(page: &Page) -> bool {
    page.headings
        .iter()
        .any(|h| h.text.trim().eq_ignore_ascii_case("http request"))
}

pub(crate) fn extract(
    page: &Page,
    paragraphs: &[Paragraph],
    includes: &Includes,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<OperationFacts> {
    if !is_api_page(page) {
        return None;
    }
    let sections = Sections::new(page);
    let path = &page.path;
    let mut templates = Vec::new();
    for block in &page.code_blocks {
        if !sections.within(block.line, &["http request"]) {
            continue;
        }
        if !(block.info.is_empty() || block.info == "http" || block.info == "msgraph-interactive") {
            continue;
        }
        for (i, line) in block.text.lines().enumerate() {
            let line_no = block.content_line + i as u32;
            let t = line.trim();
            let Some((method, rest)) = t.split_once(char::is_whitespace).or_else(|| {
                // `DELETE/identity/...`: no space after the method.
                METHODS
                    .iter()
                    .find(|m| t.starts_with(**m) && t[m.len()..].starts_with('/'))
                    .map(|m| (&t[..m.len()], &t[m.len()..]))
            }) else {
                continue;
            };
            if !METHODS.contains(&method) {
                continue;
            }
            match parse_template(method, rest.trim()) {
                Ok(mut tpl) => {
                    tpl.line = line_no;
                    if !templates.iter().any(|t: &UrlTemplate| {
                        t.method == tpl.method && t.path == tpl.path && t.query == tpl.query
                    }) {
                        templates.push(tpl);
                    }
                }
                Err(why) => diagnostics.push(
                    Diagnostic::new(
                        Code::UnreadOperation,
                        Span::line(path, line_no),
                        format!("URL template `{}` could not be read: {why}", rest.trim()),
                    )
                    .with_help("write it as `METHOD /path/{param}/...`"),
                ),
            }
        }
    }
    let heading_line = page
        .headings
        .iter()
        .find(|h| h.text.trim().eq_ignore_ascii_case("http request"))
        .map_or(1, |h| h.line);
    if templates.is_empty() {
        diagnostics.push(
            Diagnostic::new(
                Code::UnreadOperation,
                Span::line(path, heading_line),
                "the HTTP request section has no URL template",
            )
            .with_help("put `METHOD /path` lines in an `http` code block in this section"),
        );
    }

    let query_options = statements::query_options(page, paragraphs, &sections);
    let headers = statements::headers(page, &sections);
    let request_body = statements::request_body(page, paragraphs, &sections);
    let (response, response_alternatives) = statements::response(paragraphs, &sections);
    let permissions = permissions::permissions(page, &sections, includes, diagnostics);
    Some(OperationFacts {
        templates,
        query_options,
        headers,
        request_body,
        response,
        response_alternatives,
        permissions,
    })
}

pub(crate) fn section_tables<'p>(
    page: &'p Page,
    sections: &Sections<'_>,
    names: &[&str],
) -> impl Iterator<Item = &'p Table> {
    let lines: Vec<u32> = page
        .tables
        .iter()
        .filter(|t| sections.within(t.line, names))
        .map(|t| t.line)
        .collect();
    page.tables.iter().filter(move |t| lines.contains(&t.line))
}

#[cfg(test)]
mod tests;
