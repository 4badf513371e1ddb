//! The operation an API page documents, as the page states it: the URL templates of its
//! "HTTP request" section, the query options and request headers it lists, what its Request body
//! and Response sections say, and its permissions table (inline, or in an included file handed in
//! by the caller). Text only: type links stay links; the schema stage resolves them.

use crate::model::{Link, Located, Page, Table};
use graphgen_diag::{Code, Diagnostic, Severity, Span};
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
struct Sections<'a> {
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
    fn within(&self, line: u32, names: &[&str]) -> bool {
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

    let query_options = query_options(page, paragraphs, &sections);
    let headers = headers(page, &sections);
    let request_body = request_body(page, paragraphs, &sections);
    let response = response(paragraphs, &sections);
    let permissions = permissions(page, &sections, includes, diagnostics);
    Some(OperationFacts {
        templates,
        query_options,
        headers,
        request_body,
        response,
        permissions,
    })
}

/// Reads the target of a template line (after the method).
pub fn parse_template(method: &str, target: &str) -> Result<UrlTemplate, String> {
    let mut target = target.trim();
    // A trailing comment or prose after the template: `GET /me/events (deprecated)` is rare;
    // keep everything, since spaces are legal inside `{...}` and query strings.
    for prefix in ["https://graph.microsoft.com", "http://graph.microsoft.com"] {
        if let Some(rest) = target.strip_prefix(prefix) {
            target = rest;
            for version in ["/v1.0", "/beta"] {
                if let Some(rest) = target.strip_prefix(version) {
                    target = rest;
                }
            }
        }
    }
    if target.is_empty() {
        return Err("the line has no path".into());
    }
    let mut params: Vec<PathParam> = Vec::new();
    let mut pieces: Vec<UrlPiece> = Vec::new();
    let mut literal = String::new();
    if !target.starts_with('/') {
        literal.push('/');
    }
    let mut in_query = false;
    let mut query_start: Option<usize> = None;
    let mut path_text = String::new();
    let mut depth_paren = 0i32;
    let mut skip_until = 0;
    for (i, c) in target.char_indices() {
        if i < skip_until {
            continue;
        }
        match c {
            '{' => {
                let rest = &target[i + 1..];
                let Some(end) = rest.find('}') else {
                    return Err("a `{` is never closed".into());
                };
                let inner = &rest[..end];
                if inner.contains('{') {
                    return Err("`{` inside `{...}`".into());
                }
                let alternatives: Vec<String> = inner
                    .split('|')
                    .map(|a| a.trim().to_owned())
                    .filter(|a| !a.is_empty())
                    .collect();
                let Some(name) = alternatives.first().cloned() else {
                    return Err("an empty `{}`".into());
                };
                if !literal.is_empty() {
                    pieces.push(UrlPiece::Literal(std::mem::take(&mut literal)));
                }
                pieces.push(UrlPiece::Param(params.len()));
                params.push(PathParam {
                    name,
                    alternatives: if alternatives.len() > 1 {
                        alternatives
                    } else {
                        Vec::new()
                    },
                    in_query,
                });
                if !in_query {
                    path_text.push('{');
                    path_text.push_str(inner);
                    path_text.push('}');
                }
                skip_until = i + 1 + end + 1;
            }
            // A function argument written as a bare word is a placeholder too:
            // `reminderView(startDateTime=startDateTime-value,...)`.
            '=' if depth_paren > 0 && !in_query => {
                literal.push(c);
                path_text.push(c);
                let rest = &target[i + 1..];
                let end = rest.find([',', ')']).unwrap_or(rest.len());
                let value = &rest[..end];
                if is_bare_placeholder(value) {
                    pieces.push(UrlPiece::Literal(std::mem::take(&mut literal)));
                    pieces.push(UrlPiece::Param(params.len()));
                    params.push(PathParam {
                        name: value.to_owned(),
                        alternatives: Vec::new(),
                        in_query,
                    });
                    path_text.push_str(value);
                    skip_until = i + 1 + end;
                }
            }
            '}' => return Err("a `}` without `{`".into()),
            '?' if !in_query && depth_paren == 0 => {
                in_query = true;
                query_start = Some(i + 1);
                literal.push(c);
            }
            _ => {
                if c == '(' {
                    depth_paren += 1;
                } else if c == ')' {
                    depth_paren -= 1;
                }
                literal.push(c);
                if !in_query {
                    path_text.push(c);
                }
            }
        }
    }
    if !literal.is_empty() {
        pieces.push(UrlPiece::Literal(literal));
    }
    let mut path = path_text.trim_end().to_owned();
    if !path.starts_with('/') {
        path.insert(0, '/');
    }
    let query = query_start.map(|q| target[q..].trim().to_owned());
    let last = last_segment(&path);
    let suffix = ["$value", "$ref", "$count"]
        .iter()
        .find(|s| last.eq_ignore_ascii_case(s))
        .map(|s| s.to_string());
    let function = function_call(last);
    Ok(UrlTemplate {
        method: method.to_owned(),
        path,
        query,
        params,
        function,
        suffix,
        pieces,
        line: 0,
    })
}

/// `startDateTime-value` (not `'fit'`, `0`, `true` or `{x}`).
fn is_bare_placeholder(value: &str) -> bool {
    let v = value.trim();
    !v.is_empty()
        && v.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && !matches!(v, "true" | "false" | "null")
}

/// The last `/`-separated segment, outside parentheses and braces.
fn last_segment(path: &str) -> &str {
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in path.char_indices() {
        match c {
            '(' | '{' => depth += 1,
            ')' | '}' => depth -= 1,
            '/' if depth == 0 => start = i + 1,
            _ => {}
        }
    }
    &path[start..]
}

/// `name(a=x,b=y)` and `name()`.
fn function_call(segment: &str) -> Option<FunctionCall> {
    let open = segment.find('(')?;
    let inner = segment[open + 1..].strip_suffix(')')?;
    let name = &segment[..open];
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
    {
        return None;
    }
    let mut arguments = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    let mut parts = Vec::new();
    for (i, c) in inner.char_indices() {
        match c {
            '(' | '{' => depth += 1,
            ')' | '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    for p in parts.into_iter().map(str::trim).filter(|p| !p.is_empty()) {
        match p.split_once('=') {
            Some((k, v)) => arguments.push((k.trim().to_owned(), v.trim().to_owned())),
            None => arguments.push((String::new(), p.to_owned())),
        }
    }
    Some(FunctionCall {
        name: name.to_owned(),
        arguments,
    })
}

fn section_tables<'p>(
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

fn query_options(
    page: &Page,
    paragraphs: &[Paragraph],
    sections: &Sections<'_>,
) -> Vec<Located<String>> {
    const SECTIONS: &[&str] = &["optional query parameters", "query parameters"];
    let mut out: Vec<Located<String>> = Vec::new();
    let mut push = |name: String, line: u32| {
        if !name.is_empty() && !out.iter().any(|o| o.value == name) {
            out.push(Located::new(name, line));
        }
    };
    for p in paragraphs
        .iter()
        .filter(|p| sections.within(p.line, SECTIONS))
    {
        for c in &p.codes {
            let c = c.trim();
            if c.starts_with('$')
                && c.len() > 1
                && c[1..].chars().all(|ch| ch.is_ascii_alphabetic())
            {
                push(c.to_owned(), p.line);
            }
        }
    }
    for table in section_tables(page, sections, SECTIONS) {
        for row in &table.rows {
            if let Some(cell) = row.cells.first() {
                let name = cell
                    .text
                    .trim()
                    .trim_matches(['`', '*', '_', ' '])
                    .to_owned();
                if name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '$' || c == '-' || c == '_')
                {
                    push(name, row.line);
                }
            }
        }
    }
    out
}

fn headers(page: &Page, sections: &Sections<'_>) -> Vec<RequestHeader> {
    let mut out = Vec::new();
    for table in section_tables(
        page,
        sections,
        &["request headers", "optional request headers"],
    ) {
        let desc_col = table
            .header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case("description"))
            .or_else(|| (table.header.len() > 1).then_some(table.header.len() - 1));
        for row in &table.rows {
            let Some(name) = row.cells.first() else {
                continue;
            };
            let name = name
                .text
                .trim()
                .trim_matches(['`', '*', '_', ' '])
                .to_owned();
            if name.is_empty() {
                continue;
            }
            let description = desc_col
                .and_then(|c| row.cells.get(c))
                .map(|c| c.text.clone())
                .unwrap_or_default();
            let lower = description.to_ascii_lowercase();
            let required = if lower.contains("required") && !lower.contains("not required") {
                Some(true)
            } else if lower.contains("optional") || lower.contains("not required") {
                Some(false)
            } else {
                None
            };
            out.push(RequestHeader {
                name,
                required,
                description,
                line: row.line,
            });
        }
    }
    out
}

/// The first link of a paragraph that points at a page (a type), if any.
fn type_link(p: &Paragraph) -> Option<&Link> {
    p.links
        .iter()
        .find(|l| l.target_page().is_some() && !l.dest.contains("/concepts/"))
}

fn request_body(
    page: &Page,
    paragraphs: &[Paragraph],
    sections: &Sections<'_>,
) -> Option<BodyStatement> {
    let table = section_tables(page, sections, &["request body"]).next();
    let Some(p) = paragraphs
        .iter()
        .find(|p| sections.within(p.line, &["request body"]))
    else {
        // A parameter table with no sentence before it (`application-removepassword.md`).
        return table.map(|t| BodyStatement {
            kind: BodyStatementKind::Parameters,
            text: String::new(),
            link: None,
            line: t.line,
        });
    };
    let lower = p.text.to_ascii_lowercase();
    let has_table = table.is_some();
    let kind = if lower.contains("not supply a request body")
        || lower.contains("don't supply a request body")
        || lower.contains("no request body")
        || lower.contains("not supply a body")
        || lower.contains("without a request body")
        || lower.contains("request body is not required")
    {
        BodyStatementKind::None
    } else if lower.contains("should be updated") || lower.contains("to update") {
        BodyStatementKind::Update
    } else if lower.contains("parameter") {
        BodyStatementKind::Parameters
    } else if (lower.contains("representation") || lower.contains("object"))
        && type_link(p).is_some()
    {
        BodyStatementKind::Representation
    } else if has_table {
        BodyStatementKind::Parameters
    } else {
        BodyStatementKind::Other
    };
    Some(BodyStatement {
        kind,
        text: p.text.clone(),
        link: type_link(p).cloned(),
        line: p.line,
    })
}

/// Primitive names that a Response statement may give instead of a link.
const PRIMITIVES: &[&str] = &[
    "String", "Boolean", "Int32", "Int64", "Double", "Stream", "Binary", "Guid",
];

fn response(paragraphs: &[Paragraph], sections: &Sections<'_>) -> Option<ResponseStatement> {
    let in_section: Vec<&Paragraph> = paragraphs
        .iter()
        .filter(|p| sections.within(p.line, &["response"]))
        .collect();
    let p = in_section
        .iter()
        .find(|p| {
            p.text
                .trim_start()
                .to_ascii_lowercase()
                .starts_with("if successful")
        })
        .or_else(|| in_section.iter().find(|p| p.text.contains("return")))?;
    let status = p.codes.iter().find_map(|c| {
        let digits: String = c.trim().chars().take_while(char::is_ascii_digit).collect();
        (digits.len() == 3).then(|| digits.parse().ok()).flatten()
    });
    let lower = p.text.to_ascii_lowercase();
    let link = type_link(p).cloned();
    let after_link = link
        .as_ref()
        .and_then(|l| {
            let i = p.text.find(&l.text)?;
            Some(p.text[i + l.text.len()..].trim_start().to_ascii_lowercase())
        })
        .unwrap_or_default();
    let collection = link.as_ref().is_some_and(|l| l.collection)
        || after_link.starts_with("collection")
        || after_link.starts_with("objects")
        || lower.contains("collection of")
        || lower.contains("array of")
        || lower.contains("list of");
    // "and a String collection in the response body", "and a Stream in the response body".
    let primitive = if link.is_none() {
        p.text
            .split_once(" and ")
            .map(|(_, rest)| rest)
            .and_then(|rest| {
                rest.split_whitespace()
                    .take(3)
                    .find(|w| PRIMITIVES.contains(&w.trim_matches(['*', '`', '.', ','])))
                    .map(|w| w.trim_matches(['*', '`', '.', ',']).to_owned())
            })
    } else {
        None
    };
    let no_body = link.is_none()
        && primitive.is_none()
        && (lower.contains("not return anything")
            || lower.contains("empty response body")
            || lower.contains("no response body")
            || lower.contains("empty content")
            || !lower.contains(" and "));
    Some(ResponseStatement {
        text: p.text.clone(),
        status,
        link,
        primitive,
        collection,
        no_body,
        line: p.line,
    })
}

fn permission_kind(label: &str) -> PermissionKind {
    let l = label.to_ascii_lowercase();
    if l.starts_with("delegated") && (l.contains("work") || l.contains("school")) {
        PermissionKind::DelegatedWork
    } else if l.starts_with("delegated") && l.contains("personal") {
        PermissionKind::DelegatedPersonal
    } else if l.starts_with("application") {
        PermissionKind::Application
    } else {
        PermissionKind::Other
    }
}

fn is_permission_name(s: &str) -> bool {
    let s = s.trim_end_matches('*');
    s.contains('.')
        && s.split('.').all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        })
}

fn not_supported(s: &str) -> bool {
    let l = s.trim().trim_end_matches('.').to_ascii_lowercase();
    matches!(
        l.as_str(),
        "not supported" | "not applicable" | "none" | "n/a" | "not available"
    )
}

/// Rows of a permissions table (a table whose first header cell is "Permission type").
fn permission_rows(table: &Table) -> Vec<PermissionRow> {
    let mut rows = Vec::new();
    for row in &table.rows {
        let Some(label) = row.cells.first() else {
            continue;
        };
        let label = label.text.trim().to_owned();
        let mut r = PermissionRow {
            kind: permission_kind(&label),
            label,
            names: Vec::new(),
            not_supported: false,
            todo: false,
            other: Vec::new(),
            line: row.line,
        };
        for cell in row.cells.iter().skip(1) {
            let text = cell.text.trim();
            if text.contains("TODO") {
                r.todo = true;
                continue;
            }
            for piece in text
                .split([',', ';'])
                .map(str::trim)
                .filter(|p| !p.is_empty())
            {
                let piece = piece.trim_end_matches('.');
                if is_permission_name(piece) {
                    r.names.push(piece.to_owned());
                } else if not_supported(piece) {
                    r.not_supported = true;
                } else {
                    r.other.push(piece.to_owned());
                }
            }
        }
        rows.push(r);
    }
    rows
}

fn is_permissions_table(table: &Table) -> bool {
    table.header.first().is_some_and(|h| {
        let h = h.to_ascii_lowercase().replace('\u{a0}', " ");
        h.starts_with("permission type") || h.starts_with("permission&nbsp;type")
    })
}

fn permissions(
    page: &Page,
    sections: &Sections<'_>,
    includes: &Includes,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Permissions> {
    // Older pages (Intune) put the table under "Prerequisites".
    const SECTIONS: &[&str] = &["permissions", "prerequisites"];
    if let Some(table) = section_tables(page, sections, SECTIONS).find(|t| is_permissions_table(t))
    {
        let rows = permission_rows(table);
        todo_permissions(&page.path, table.line, &rows, diagnostics);
        return Some(Permissions {
            file: page.path.clone(),
            columns: table.header.iter().skip(1).cloned().collect(),
            include: None,
            missing: false,
            rows,
            line: table.line,
        });
    }
    // `<!-- { "blockType": "permissions", ... } -->` + `[!INCLUDE [permissions-table](...)]`.
    let include = page
        .includes
        .iter()
        .find(|i| sections.within(i.line, SECTIONS) && i.value.contains("permissions"))?;
    let resolved = resolve_relative(&page.path, &include.value);
    let found = resolved.as_deref().and_then(|r| includes.get(r));
    let Some((file, text)) = found else {
        let why = match &resolved {
            Some(r) => format!("permissions in an include not present: `{r}` is not in the docs folder"),
            None => format!(
                "permissions in an include not present: `{}` points outside the docs folder and is not read",
                include.value
            ),
        };
        diagnostics.push(
            Diagnostic::new(Code::PermissionsNotStated, Span::line(&page.path, include.line), why)
                .with_severity(Severity::Note)
                .with_help("generate from a full docs checkout (with its `includes` folder) to read the permissions"),
        );
        return Some(Permissions {
            file: page.path.clone(),
            columns: Vec::new(),
            include: Some(include.clone()),
            missing: true,
            rows: Vec::new(),
            line: include.line,
        });
    };
    let parsed = crate::parse_page(file.clone(), text);
    let Some(table) = parsed.page.tables.iter().find(|t| is_permissions_table(t)) else {
        diagnostics.push(Diagnostic::new(
            Code::PermissionsNotStated,
            Span::line(file, 1),
            format!(
                "the included permissions file (from {}:{}) has no `Permission type` table",
                page.path, include.line
            ),
        ));
        return Some(Permissions {
            file: file.clone(),
            columns: Vec::new(),
            include: Some(include.clone()),
            missing: true,
            rows: Vec::new(),
            line: include.line,
        });
    };
    let rows = permission_rows(table);
    todo_permissions(file, table.line, &rows, diagnostics);
    Some(Permissions {
        file: file.clone(),
        columns: table.header.iter().skip(1).cloned().collect(),
        include: Some(include.clone()),
        missing: false,
        rows,
        line: table.line,
    })
}

/// One diagnostic per permissions table whose cells are TODO markers.
fn todo_permissions(
    file: &Arc<str>,
    line: u32,
    rows: &[PermissionRow],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let todo: Vec<&str> = rows
        .iter()
        .filter(|r| r.todo)
        .map(|r| r.label.as_str())
        .collect();
    if !todo.is_empty() {
        diagnostics.push(
            Diagnostic::new(
                Code::PermissionsNotStated,
                Span::line(file, line),
                format!("permissions are a TODO for {}", todo.join(", ")),
            )
            .with_help("list the permissions from least to most privileged, or `Not supported.`"),
        );
    }
}

#[cfg(test)]
#[path = "operations_tests.rs"]
mod tests;
