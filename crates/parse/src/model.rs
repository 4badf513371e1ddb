//! The page model: what one Markdown page says, with the line of every fact. No Rust knowledge.

use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// A value and the 1-based line it was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Located<T> {
    pub value: T,
    pub line: u32,
}

impl<T> Located<T> {
    pub fn new(value: T, line: u32) -> Self {
        Located { value, line }
    }
}

/// One parsed documentation page.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    /// Path relative to the docs root, with `/` separators (for example `beta/api/x.md`).
    pub path: Arc<str>,
    pub front_matter: FrontMatter,
    /// The first level-one heading.
    pub title: Option<Located<String>>,
    /// The `Namespace: x` line.
    pub namespace: Option<Located<String>>,
    /// The lead: the prose paragraphs between the title and the next heading, each as its
    /// Markdown source on one line (like [`Cell::markdown`]) with its line. The `Namespace:` line,
    /// `[!INCLUDE]` lines and block quotes (notes) are skipped; a heading, list, table or code
    /// block ends it, and a paragraph that introduces a list or code block (it ends in `:`, or
    /// the list follows it without a blank line) is part of it only when it is the first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lead: Vec<Located<String>>,
    pub headings: Vec<Heading>,
    /// Sentences of prose that state the page's base type ("Inherits from [x]", "A subclass of
    /// [X]", "derived from microsoft.graph.x"), in page order.
    pub base_statements: Vec<BaseStatement>,
    /// Links to the types derived from the page's subject: in a `Derived types` section, in a
    /// list a paragraph announces ("Derived types include:"), or in a sentence ("the derived
    /// types are [a], [b]", "[x] inherits from this base type").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub derived_types: Vec<Link>,
    /// Links to other pages from prose paragraphs, with the section they stand in.
    pub links: Vec<Link>,
    pub tables: Vec<Table>,
    pub code_blocks: Vec<CodeBlock>,
    /// `[!INCLUDE [x](path)]` directives. Recorded, never followed.
    pub includes: Vec<Located<String>>,
    /// Annotations that no code block followed.
    pub dangling_annotations: Vec<Annotation>,
    /// Comments without a `blockType` (such as `"type": "#page.annotation"`): about the page.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub page_annotations: Vec<Annotation>,
    /// What an API page says about the call it documents (pages with an HTTP request section).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation: Option<crate::operations::OperationFacts>,
}

/// A sentence that states the base type of the page's subject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BaseStatement {
    pub line: u32,
    /// The phrase as written: "Inherits from", "A subclass of" (without "A"), "derived from".
    pub phrase: String,
    /// The link after the phrase.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<Link>,
    /// Else the name written like a type after it ("Inherits from directoryObject.").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// The YAML front matter, as key -> scalar text.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FrontMatter {
    pub entries: BTreeMap<String, Located<String>>,
    /// Why the YAML could not be read, if it could not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<Located<String>>,
}

impl FrontMatter {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.entries.get(key).map(|v| v.value.as_str())
    }

    /// `doc_type` (`apiPageType`, `resourcePageType`, `enumPageType`, ...).
    pub fn doc_type(&self) -> Option<&str> {
        self.get("doc_type")
    }

    /// The localization priority; pages spell the key `ms.localizationpriority` or
    /// `localization_priority`.
    pub fn localization_priority(&self) -> Option<&str> {
        self.get("ms.localizationpriority")
            .or_else(|| self.get("localization_priority"))
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub line: u32,
}

/// A Markdown link: its text, its target and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    pub text: String,
    pub dest: String,
    pub line: u32,
    /// The heading of the section the link stands in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The text before the link ends with "collection of" ("returns a collection of [x](x.md)").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub collection: bool,
}

/// The file name, without folders, `.md` and `#anchor`, of the page a link target points at:
/// `../resources/identityset.md#x` -> `identityset`. `None` when the target is not a `.md` page.
pub fn page_stem(dest: &str) -> Option<&str> {
    let file = dest.split('#').next().unwrap_or(dest);
    let stem = file
        .rsplit('/')
        .next()
        .unwrap_or(file)
        .strip_suffix(".md")?;
    (!stem.is_empty() && !file.contains("://")).then_some(stem)
}

impl Link {
    /// The file stem of the page this link points at (see [`page_stem`]).
    pub fn target_page(&self) -> Option<&str> {
        page_stem(&self.dest)
    }
}

/// What a table's header row says it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    /// Property|Type|Description and its spellings; column indices.
    Properties {
        name: usize,
        ty: usize,
        description: Option<usize>,
    },
    /// Relationship|Type|Description: navigation properties.
    Relationships {
        name: usize,
        ty: usize,
        description: Option<usize>,
    },
    /// Member|Value|Description and its variants.
    EnumMembers {
        member: Option<usize>,
        value: Option<usize>,
        description: Option<usize>,
    },
    /// Method|Return Type|Description on resource pages.
    Methods {
        method: usize,
        returns: Option<usize>,
        description: Option<usize>,
    },
    Other,
}

#[derive(Debug, Clone, Serialize)]
pub struct Table {
    pub line: u32,
    /// The heading of the section the table stands in.
    pub section: Option<String>,
    pub kind: TableKind,
    pub header: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub line: u32,
    pub cells: Vec<Cell>,
    /// The row is a heading inside the table (`| **Calendar** |||`, `|**Device management**|`):
    /// its one bold text, which groups the rows after it. It describes no property or method.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

/// One table cell: its plain text, its Markdown source and the facts found in it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Cell {
    /// Text with Markdown removed (code spans keep their content, links their text).
    pub text: String,
    /// The cell's Markdown source, trimmed.
    pub markdown: String,
    /// 1-based column of the cell's first character on its row.
    pub column: u32,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// The link after "Inherited from".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inherited_from: Option<Link>,
    /// Values after "Possible values are".
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub possible_values: Vec<String>,
}

/// A fenced or indented code block, with the annotation comment that preceded it.
#[derive(Debug, Clone, Serialize)]
pub struct CodeBlock {
    /// Line of the opening fence (or first line of an indented block).
    pub line: u32,
    /// Line of the first line of content.
    pub content_line: u32,
    /// The info string (`http`, `json`, `msgraph-interactive`, ...), lowercased and trimmed.
    pub info: String,
    pub section: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub annotation: Option<Annotation>,
    /// A heading stood between the annotation and this block.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub annotation_separated: bool,
    #[serde(skip)]
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http: Option<HttpMessage>,
    /// For a plain JSON block (a resource representation), its body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub json: Option<Body>,
}

/// An `<!-- { "blockType": ... } -->` annotation, read leniently.
#[derive(Debug, Clone, Serialize)]
pub struct Annotation {
    pub line: u32,
    /// Every key and its value.
    pub fields: BTreeMap<String, serde_json::Value>,
    /// Why the comment could not be read as JSON, if it could not (the fields are then empty).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<Located<String>>,
}

impl Annotation {
    pub fn str_field(&self, key: &str) -> Option<&str> {
        self.fields.get(key).and_then(|v| v.as_str())
    }

    pub fn bool_field(&self, key: &str) -> bool {
        match self.fields.get(key) {
            Some(serde_json::Value::Bool(b)) => *b,
            Some(serde_json::Value::String(s)) => s.eq_ignore_ascii_case("true"),
            _ => false,
        }
    }

    pub fn block_type(&self) -> Option<&str> {
        self.str_field("blockType")
    }

    /// The type the annotation names: `@odata.type`, or in a resource annotation `@type`, which
    /// older pages write instead (v1.0 `systemFacet.md`: `{ "blockType": "resource", "@type":
    /// "microsoft.graph.systemFacet" }`). Elsewhere `@type` is a marker of the docs' validator
    /// (`"@type": "requestBodyResourceFor.range_row"`), not a type.
    ///
    /// A request or response annotation's `@type` names a type too when it is qualified
    /// (`"@type": "microsoft.graph.list"`, `Collection(microsoft.graph.site)`: v1.0 `list-get.md:71`),
    /// and is neither the validator's `requestBodyResourceFor.x` nor a page's `Article`.
    pub fn odata_type(&self) -> Option<&str> {
        self.str_field("@odata.type").or_else(|| {
            let at_type = self.str_field("@type")?;
            if self.block_type() == Some("resource") {
                return Some(at_type);
            }
            let inner = at_type
                .strip_prefix("Collection(")
                .and_then(|t| t.strip_suffix(')'))
                .unwrap_or(at_type);
            let qualified = inner
                .split_once('.')
                .is_some_and(|(ns, _)| ns != "requestBodyResourceFor");
            (matches!(self.block_type(), Some("request" | "response")) && qualified)
                .then_some(at_type)
        })
    }
}

/// An HTTP request or response written in an `http` block.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum HttpMessage {
    Request {
        method: Located<String>,
        target: String,
        /// Further request lines (path templates listed one per line).
        #[serde(skip_serializing_if = "Vec::is_empty")]
        more_targets: Vec<Located<String>>,
        headers: Vec<Located<(String, String)>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        body: Option<Body>,
    },
    Response {
        /// The status line as written.
        status_line: Located<String>,
        /// The status code, when the line has one.
        status: Option<u16>,
        headers: Vec<Located<(String, String)>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        body: Option<Body>,
    },
    /// A block whose first line is neither a request line nor a status line.
    Unrecognized { first_line: Located<String> },
}

impl HttpMessage {
    pub fn body(&self) -> Option<&Body> {
        match self {
            HttpMessage::Request { body, .. } | HttpMessage::Response { body, .. } => body.as_ref(),
            HttpMessage::Unrecognized { .. } => None,
        }
    }
}

/// A message body or JSON block.
#[derive(Debug, Clone, Serialize)]
pub struct Body {
    /// Line of the body's first line.
    pub line: u32,
    pub text: String,
    /// Where and why strict JSON parsing failed; `None` when the body is valid JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub json_error: Option<JsonSyntaxError>,
    /// The body as a tree with the line of every member, read leniently (comments and trailing
    /// commas accepted). `None` when even lenient parsing failed.
    #[serde(skip)]
    pub tree: Option<JsonNode>,
}

impl Body {
    /// Whether the body parsed as strict JSON.
    pub fn is_strict_json(&self) -> bool {
        self.tree.is_some() && self.json_error.is_none()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JsonSyntaxError {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

/// A JSON value with the line of each object member.
#[derive(Debug, Clone, PartialEq)]
pub enum JsonNode {
    Null,
    Bool(bool),
    /// The number as written.
    Number(String),
    String(String),
    Array(Vec<JsonNode>),
    Object(Vec<JsonMember>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct JsonMember {
    pub key: String,
    pub line: u32,
    pub value: JsonNode,
}

impl JsonNode {
    /// Strict JSON text of the tree (numbers keep their text). Used to repair bodies that only a
    /// lenient reader accepts (trailing commas, comments).
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out, 0);
        out
    }

    fn write_json(&self, out: &mut String, indent: usize) {
        let pad = |n: usize| "  ".repeat(n);
        match self {
            JsonNode::Null => out.push_str("null"),
            JsonNode::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            JsonNode::Number(n) => out.push_str(n),
            JsonNode::String(s) => out.push_str(&serde_json::Value::String(s.clone()).to_string()),
            JsonNode::Array(items) if items.is_empty() => out.push_str("[]"),
            JsonNode::Array(items) => {
                out.push_str("[\n");
                for (i, item) in items.iter().enumerate() {
                    out.push_str(&pad(indent + 1));
                    item.write_json(out, indent + 1);
                    out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
                }
                out.push_str(&pad(indent));
                out.push(']');
            }
            JsonNode::Object(members) if members.is_empty() => out.push_str("{}"),
            JsonNode::Object(members) => {
                out.push_str("{\n");
                for (i, m) in members.iter().enumerate() {
                    out.push_str(&pad(indent + 1));
                    out.push_str(&serde_json::Value::String(m.key.clone()).to_string());
                    out.push_str(": ");
                    m.value.write_json(out, indent + 1);
                    out.push_str(if i + 1 < members.len() { ",\n" } else { "\n" });
                }
                out.push_str(&pad(indent));
                out.push('}');
            }
        }
    }

    pub fn member(&self, key: &str) -> Option<&JsonMember> {
        match self {
            JsonNode::Object(members) => members.iter().find(|m| m.key == key),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            JsonNode::String(s) => Some(s),
            _ => None,
        }
    }
}
