//! The request and response types of a descriptor, media bodies included, and the descriptors of
//! a call's `$count` / `$value` URLs.
//!
//! A body the docs show is not JSON (`operations::MediaBody` in the schema) is named as such: bytes
//! are `runtime::Media`, the number of a `$count` URL is `runtime::Count`, and a call that
//! answers with JSON or a file (a report: `$format=text/csv`) is `runtime::JsonOrMedia<T>`. A
//! JSON type would refuse those bodies (`runtime::Body`), so the round-trip test of a media
//! example through the descriptor fails if the descriptor names JSON.

use crate::operations::code;
use crate::Emitter;
use graphgen_schema::operations::{
    MediaBody, MediaEvidence, MediaKind, Message, Operation, OperationKind, RequestKind, Template,
    UrlPiece,
};
use graphgen_schema::TypeRef;
use proc_macro2::TokenStream;
use quote::quote;

/// The media body of `message` at the operation's own URL.
fn own_media(op: &Operation, message: Message) -> Option<&MediaBody> {
    op.media
        .iter()
        .find(|m| m.message == message && m.segment.is_none())
}

fn media_type(kind: MediaKind, runtime: &TokenStream) -> TokenStream {
    match kind {
        MediaKind::Bytes => quote!(#runtime::Media),
        MediaKind::Count => quote!(#runtime::Count),
    }
}

/// `json`, or the media type the docs show instead of it (or beside it).
fn with_media(json: TokenStream, media: Option<&MediaBody>, runtime: &TokenStream) -> TokenStream {
    match media {
        None => json,
        Some(m) if m.alternative && m.kind == MediaKind::Bytes => {
            quote!(#runtime::JsonOrMedia<#json>)
        }
        Some(m) => media_type(m.kind, runtime),
    }
}

impl Emitter<'_> {
    /// The descriptor's request and response types, and the model types they name.
    pub(crate) fn body_types<'s>(
        &self,
        op: &'s Operation,
        template: &Template,
    ) -> (TokenStream, TokenStream, Vec<&'s str>) {
        let mut named: Vec<&str> = Vec::new();
        let (models, runtime) = (&self.paths.models, &self.paths.runtime);
        let request_media = own_media(op, Message::Request);
        let request = match &op.request {
            // The media body replaces what the statement says (`PUT /me/photo/$value`: "include
            // the binary data of the photo").
            _ if request_media.is_some_and(|m| !m.alternative) => quote!(()),
            Some(r) => match (r.kind, &r.ty) {
                (RequestKind::None, _) => quote!(()),
                (RequestKind::Reference, _) => quote!(#runtime::ODataReference),
                (_, Some(ty)) => {
                    named.push(&ty.name);
                    self.rust_type_at(ty, false, models, runtime)
                }
                (_, None) => quote!(::serde_json::Value),
            },
            None if matches!(template.method.as_str(), "GET" | "DELETE") => quote!(()),
            None => quote!(::serde_json::Value),
        };
        let request = with_media(request, request_media, runtime);
        let response_media = own_media(op, Message::Response);
        let response = match &op.response {
            _ if response_media.is_some_and(|m| !m.alternative) => quote!(()),
            Some(r) if r.no_body => quote!(()),
            Some(r) => match &r.ty {
                Some(ty) => {
                    named.push(&ty.name);
                    let element = self.rust_type_at(
                        &TypeRef::new(ty.name.clone(), false),
                        false,
                        models,
                        runtime,
                    );
                    if ty.collection {
                        quote!(#runtime::ODataCollection<#element>)
                    } else if self.answered_in_value_envelope(&ty.name) {
                        quote!(#runtime::ODataValue<#element>)
                    } else {
                        element
                    }
                }
                None => quote!(::serde_json::Value),
            },
            None => quote!(::serde_json::Value),
        };
        let response = with_media(response, response_media, runtime);
        (request, response, named)
    }

    /// OData answers with one primitive or enum value as `{"@odata.context": ..., "value": x}`
    /// (`runtime::ODataValue`); a stream is media, and untyped JSON is whatever comes.
    pub(crate) fn answered_in_value_envelope(&self, name: &str) -> bool {
        match name.strip_prefix("Edm.") {
            Some(p) => !matches!(p, "Stream" | "Untyped"),
            None => self
                .schema
                .types
                .get(name)
                .is_some_and(|t| t.kind == graphgen_schema::TypeKind::Enum),
        }
    }
}

/// The operation of a `$count` / `$value` URL the examples use on a call's templates: a GET of
/// each template (without a query) with the segment appended, answering with the media body.
pub(crate) fn segment_operations(op: &Operation) -> Vec<(String, Operation)> {
    let Some(first) = op.templates.first() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for media in op.media.iter().filter(|m| m.segment.is_some()) {
        let segment = media.segment.clone().unwrap_or_default();
        let templates: Vec<Template> = op
            .templates
            .iter()
            .filter(|t| t.method == first.method && t.query.is_none())
            .map(|t| {
                let mut t = t.clone();
                if let Some(UrlPiece::Literal(last)) = t.pieces.last_mut() {
                    *last = last.trim_end().trim_end_matches('/').to_owned();
                }
                t.path = format!("{}/{segment}", t.path.trim_end().trim_end_matches('/'));
                t.suffix = Some(segment.clone());
                t.pieces.push(UrlPiece::Literal(format!("/{segment}")));
                t
            })
            .collect();
        if templates.is_empty() {
            continue;
        }
        let what = if media.kind == MediaKind::Count {
            "The number of items of the collection below, as `text/plain` (`$count`)"
        } else {
            "The raw content of the entity below (`$value`)"
        };
        let shown: Vec<String> = media
            .facts
            .iter()
            .map(|f| code(&f.source.to_string()))
            .collect();
        let mut derived = op.clone();
        derived.name = format!("{}-{}", op.name, segment.trim_start_matches('$'));
        derived.kind = OperationKind::Get;
        derived.description = Some(format!(
            "{what}: the URL the page's examples use ({}).\n\n{}",
            shown.join(", "),
            op.description
                .as_deref()
                .or(op.title.as_deref())
                .unwrap_or_default()
        ));
        derived.templates = templates;
        derived.request = None;
        derived.response = None;
        derived.media = vec![MediaBody {
            segment: None,
            alternative: false,
            ..media.clone()
        }];
        out.push((segment, derived));
    }
    out
}

/// Doc lines for the media bodies of an operation.
pub(crate) fn media_doc(op: &Operation) -> Vec<String> {
    let mut lines = Vec::new();
    for m in &op.media {
        let message = match m.message {
            Message::Request => "request",
            Message::Response => "response",
        };
        let what = match (m.kind, &m.content_type) {
            (MediaKind::Count, _) => "a `text/plain` number (`runtime::Count`)".to_owned(),
            (MediaKind::Bytes, Some(ct)) => format!("bytes, {} (`runtime::Media`)", code(ct)),
            (MediaKind::Bytes, None) => "bytes (`runtime::Media`)".to_owned(),
        };
        let place = match &m.segment {
            Some(s) => format!(" at the URL with {} appended", code(&format!("/{s}"))),
            None => String::new(),
        };
        let alternative = if m.alternative {
            ", or the JSON body"
        } else {
            ""
        };
        let facts: Vec<String> = m
            .facts
            .iter()
            .map(|f| {
                let e = match f.evidence {
                    MediaEvidence::ContentType => "Content-Type",
                    MediaEvidence::StreamAnnotation => "stream annotation",
                    MediaEvidence::ValuePath => "`$value` URL",
                    MediaEvidence::CountPath => "`$count` URL",
                    MediaEvidence::Statement => "Response statement",
                };
                format!("{e} {}", code(&f.source.to_string()))
            })
            .collect();
        lines.push(format!(
            "- {message}{place}: {what}{alternative} ({})",
            facts.join(", ")
        ));
    }
    if !lines.is_empty() {
        lines.insert(0, String::new());
        lines.insert(
            1,
            "Bodies that are not JSON, as the docs show them:".to_owned(),
        );
        lines.insert(2, String::new());
    }
    lines
}
