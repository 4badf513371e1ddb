//! `Body`: how a request or response body goes on the wire. JSON models, and
//! the media bodies some calls have instead: [`Media`] (bytes with their
//! `Content-Type`: a CSV report, a photo, a MIME message), [`Count`] (the
//! `text/plain` number `GET /users/$count` answers with) and [`JsonOrMedia`]
//! (a call that answers with JSON or a file, `$format=text/csv`).

use super::*;

/// The `Content-Type` of a JSON body.
pub const JSON: &str = "application/json";

/// Why bytes are not a value of a [`Body`] type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyError {
    message: String,
}

impl BodyError {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> Self {
        BodyError {
            message: message.into(),
        }
    }
}

impl fmt::Display for BodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for BodyError {}

/// Whether a `Content-Type` is JSON: `application/json`, `...+json`, with or
/// without parameters (`application/json; charset=utf-8`).
pub fn is_json_content_type(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json") || essence == "text/json"
}

/// A request or response body: read from the message's bytes and its
/// `Content-Type`, written back to bytes with a `Content-Type`.
///
/// Every JSON type (`T: Serialize + DeserializeOwned`: a generated model,
/// an [`ODataCollection`], `serde_json::Value`, `()`) is a `Body` through a
/// blanket impl: `application/json`, read with `serde_json` (an empty body
/// reads as `null`, so `()` accepts a 204), and refusing a body whose
/// `Content-Type` is stated and not JSON. [`Media`], [`Count`] and
/// [`JsonOrMedia`] are the bodies that are not (only) JSON.
pub trait Body: Sized {
    /// The `Content-Type` this value is written with.
    fn content_type(&self) -> &str;
    /// The bytes of the body.
    ///
    /// # Errors
    ///
    /// If the value cannot be written (a JSON model whose serializer fails).
    fn to_body(&self) -> Result<Vec<u8>, BodyError>;
    /// Reads a body. `content_type` is the message's `Content-Type` header,
    /// `None` when it has none.
    ///
    /// # Errors
    ///
    /// If the bytes are not a value of this type (a JSON type given a CSV
    /// file or `text/plain`, [`Count`] given something else than a number).
    fn from_body(content_type: Option<&str>, bytes: &[u8]) -> Result<Self, BodyError>;
}

impl<T> Body for T
where
    T: serde::Serialize + serde::de::DeserializeOwned,
{
    fn content_type(&self) -> &str {
        JSON
    }

    fn to_body(&self) -> Result<Vec<u8>, BodyError> {
        serde_json::to_vec(self).map_err(|e| BodyError::new(e.to_string()))
    }

    fn from_body(content_type: Option<&str>, bytes: &[u8]) -> Result<Self, BodyError> {
        if let Some(ct) = content_type.filter(|ct| !is_json_content_type(ct)) {
            return Err(BodyError::new(format!(
                "{}: the body is `{ct}`, not JSON",
                std::any::type_name::<T>()
            )));
        }
        let bytes: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
            b"null"
        } else {
            bytes
        };
        from_slice(bytes).map_err(|e| BodyError::new(e.to_string()))
    }
}

/// A body that is not JSON, kept as it comes: its `Content-Type` and bytes.
/// What a `$value` URL, a `Stream` response or a report download
/// (`text/csv`, `application/octet-stream`) answers with, and what a photo
/// `PUT` sends (`image/jpeg`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Media {
    /// The `Content-Type`, as the message states it
    /// (`application/octet-stream` when it states none).
    pub content_type: String,
    /// The body.
    pub bytes: Vec<u8>,
}

impl Media {
    /// The content type of a body that states none.
    pub const DEFAULT_CONTENT_TYPE: &'static str = "application/octet-stream";

    /// A body of this content type.
    pub fn new(content_type: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Media {
            content_type: content_type.into(),
            bytes: bytes.into(),
        }
    }

    /// The body as text, if it is UTF-8 (a CSV report, a MIME message).
    pub fn text(&self) -> Option<&str> {
        std::str::from_utf8(&self.bytes).ok()
    }
}

impl Body for Media {
    fn content_type(&self) -> &str {
        &self.content_type
    }

    fn to_body(&self) -> Result<Vec<u8>, BodyError> {
        Ok(self.bytes.clone())
    }

    fn from_body(content_type: Option<&str>, bytes: &[u8]) -> Result<Self, BodyError> {
        Ok(Media::new(
            content_type.unwrap_or(Media::DEFAULT_CONTENT_TYPE),
            bytes,
        ))
    }
}

/// The number of items of a collection, as `GET {collection}/$count`
/// answers with it: the `text/plain` body `893`. Written back as the same
/// decimal digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Count(pub u64);

impl Count {
    /// The `Content-Type` of a count.
    pub const CONTENT_TYPE: &'static str = "text/plain";
}

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl Body for Count {
    fn content_type(&self) -> &str {
        Count::CONTENT_TYPE
    }

    fn to_body(&self) -> Result<Vec<u8>, BodyError> {
        Ok(self.0.to_string().into_bytes())
    }

    fn from_body(content_type: Option<&str>, bytes: &[u8]) -> Result<Self, BodyError> {
        if let Some(ct) = content_type.filter(|ct| is_json_content_type(ct)) {
            return Err(BodyError::new(format!(
                "a $count body is `text/plain`, not `{ct}`"
            )));
        }
        let text = std::str::from_utf8(bytes)
            .map_err(|_| BodyError::new("a $count body is not UTF-8 text"))?
            .trim();
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(BodyError::new(format!(
                "a $count body is a decimal number, not {text:?}"
            )));
        }
        text.parse()
            .map(Count)
            .map_err(|e| BodyError::new(format!("a $count body {text:?}: {e}")))
    }
}

/// The body of a call the docs give two answers for: JSON (the stated type
/// `T`) or a file (`$format=text/csv`: a report's CSV download). Read by its
/// `Content-Type`: JSON (or none stated) is `Json`, anything else `Media`.
#[derive(Debug, Clone, PartialEq)]
pub enum JsonOrMedia<T> {
    /// The JSON answer.
    Json(T),
    /// The media answer, as it comes.
    Media(Media),
}

impl<T> Body for JsonOrMedia<T>
where
    T: serde::Serialize + serde::de::DeserializeOwned,
{
    fn content_type(&self) -> &str {
        match self {
            JsonOrMedia::Json(_) => JSON,
            JsonOrMedia::Media(m) => &m.content_type,
        }
    }

    fn to_body(&self) -> Result<Vec<u8>, BodyError> {
        match self {
            JsonOrMedia::Json(v) => v.to_body(),
            JsonOrMedia::Media(m) => m.to_body(),
        }
    }

    fn from_body(content_type: Option<&str>, bytes: &[u8]) -> Result<Self, BodyError> {
        match content_type {
            Some(ct) if !is_json_content_type(ct) => {
                Media::from_body(content_type, bytes).map(JsonOrMedia::Media)
            }
            _ => T::from_body(content_type, bytes).map(JsonOrMedia::Json),
        }
    }
}
