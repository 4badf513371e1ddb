//! The operation IR: what `build` produces for each API page, exported with the schema.

use super::{FunctionCall, FunctionParameter, PathParam, PermissionKind, UrlPiece};
use crate::ir::*;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OperationKind {
    Get,
    List,
    Create,
    Update,
    Delete,
    Action,
    Function,
}

impl OperationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OperationKind::Get => "get",
            OperationKind::List => "list",
            OperationKind::Create => "create",
            OperationKind::Update => "update",
            OperationKind::Delete => "delete",
            OperationKind::Action => "action",
            OperationKind::Function => "function",
        }
    }
}

/// One documented call.
#[derive(Debug, Clone, Serialize)]
pub struct Operation {
    /// The page's file name without `.md`: stable, unique within a docs version.
    pub name: String,
    pub kind: OperationKind,
    /// The method of the first template.
    pub method: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The page's lead paragraphs (what the call does), and the line of the first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description_source: Option<Source>,
    pub templates: Vec<Template>,
    /// A function's parameter table (GET pages: "Function parameters", "Parameters").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<FunctionParameter>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub query_options: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<Header>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<RequestBody>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response: Option<Response>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permissions: Option<OperationPermissions>,
    /// Bodies of the call that are not JSON, as the docs show them (`media.rs`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub media: Vec<MediaBody>,
    /// The page's example requests and the template each matches (`None`: none matches).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub example_requests: Vec<ExampleRequest>,
    pub source: Source,
}

#[derive(Debug, Clone, Serialize)]
pub struct Template {
    pub method: String,
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<PathParam>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub function: Option<FunctionCall>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
    /// Literal text and parameters, in order (path and query), for building URLs.
    #[serde(skip)]
    pub pieces: Vec<UrlPiece>,
    pub source: Source,
}

#[derive(Debug, Clone, Serialize)]
pub struct Header {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    pub source: Source,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestKind {
    /// A representation of a model type.
    Model,
    /// Some properties of a model type (an update).
    Partial,
    /// A parameter table (actions).
    Parameters,
    /// "Do not supply a request body".
    None,
    /// The statement was not understood; kept as text.
    Unknown,
    /// An entity reference, `{"@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/{id}"}`:
    /// what a POST or PUT to a `$ref` template sends, whatever the statement says it identifies.
    Reference,
}

#[derive(Debug, Clone, Serialize)]
pub struct RequestBody {
    pub kind: RequestKind,
    #[serde(flatten)]
    pub ty: Option<TypeRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The types the statement offers ("an [ipNamedLocation] or [countryNamedLocation] object"),
    /// when it names several; `ty` is then their nearest common base.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<String>,
    pub source: Source,
}

#[derive(Debug, Clone, Serialize)]
pub struct Response {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// The type of the body; `None` when the page says there is no body or names no type.
    #[serde(flatten)]
    pub ty: Option<TypeRef>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub no_body: bool,
    /// The types the statement offers, when it names several; `ty` is their nearest common base.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<String>,
    pub source: Source,
}

#[derive(Debug, Clone, Serialize)]
pub struct OperationPermissions {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    /// The included file, as the page names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include: Option<String>,
    /// The included table was not present in the docs folder.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub missing: bool,
    pub rows: Vec<Permission>,
    pub source: Source,
}

#[derive(Debug, Clone, Serialize)]
pub struct Permission {
    pub kind: PermissionKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub not_supported: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub todo: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other: Vec<String>,
    pub source: Source,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExampleRequest {
    pub source: Source,
    /// Index into `templates` of the template the URL matches.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<usize>,
}

/// Which message of a call a body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Message {
    Request,
    Response,
}

/// What a media body holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MediaKind {
    /// Bytes with their `Content-Type` (a file, a photo, a CSV report, a MIME message).
    Bytes,
    /// The `text/plain` number a `$count` URL answers with.
    Count,
}

/// How the docs show that a body is not JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MediaEvidence {
    /// An example message's `Content-Type` is not JSON (`text/plain`, `image/jpeg`, `text/csv`).
    ContentType,
    /// A response example's annotation says `"@odata.type": "stream"` (`Edm.Stream`).
    StreamAnnotation,
    /// The URL template ends in `$value`: the raw content of an entity.
    ValuePath,
    /// An example URL ends in `$count`: the number of a collection's items.
    CountPath,
    /// The Response statement: a `Stream`, or a `302` redirect to a download URL.
    Statement,
}

#[derive(Debug, Clone, Serialize)]
pub struct MediaFact {
    pub evidence: MediaEvidence,
    pub source: Source,
}

/// A body of a call that is not JSON.
#[derive(Debug, Clone, Serialize)]
pub struct MediaBody {
    pub message: Message,
    /// The segment appended to the operation's URL templates (`$count`, `$value`) for this
    /// body; `None`: the templates' own body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segment: Option<String>,
    pub kind: MediaKind,
    /// The `Content-Type` an example states, when one does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// The page also states a JSON body for the same URL (JSON or a CSV download): the media
    /// body is an alternative to it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub alternative: bool,
    pub facts: Vec<MediaFact>,
}
