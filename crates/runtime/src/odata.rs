//! OData envelopes: `ODataCollection`, `ODataValue`, `ODataReference`, `ODataError`.

use super::*;

/// The envelope of a collection response:
///
/// ```text
/// {"@odata.context": "...", "@odata.count": 3, "@odata.nextLink": "...", "value": [...]}
/// ```
///
/// Any other property or annotation is kept in
/// [`additional`](ODataCollection::additional), so nothing is lost on a
/// round trip. `T` needs no `Default`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ODataCollection<T> {
    /// `@odata.context`: the context URL of the response.
    #[serde(
        rename = "@odata.context",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub odata_context: Option<String>,
    /// `@odata.count`: the total count, present when `$count=true` was sent.
    #[serde(
        rename = "@odata.count",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub odata_count: Option<i64>,
    /// `@odata.nextLink`: the URL of the next page, if any.
    #[serde(
        rename = "@odata.nextLink",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub odata_next_link: Option<String>,
    /// `@odata.deltaLink`: the URL for the next delta query, on the last
    /// page of a delta response.
    #[serde(
        rename = "@odata.deltaLink",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub odata_delta_link: Option<String>,
    /// `value`: the items of this page (empty when missing).
    // `default = "Vec::new"` rather than `default`: plain `default` would make
    // serde require `T: Default`.
    #[serde(default = "Vec::new")]
    pub value: Vec<T>,
    /// Every other property and annotation of the envelope (an empty map
    /// writes nothing).
    #[serde(flatten)]
    pub additional: OpenType,
}

impl<T> Default for ODataCollection<T> {
    /// An empty page with no annotations; does not require `T: Default`.
    fn default() -> Self {
        ODataCollection {
            odata_context: None,
            odata_count: None,
            odata_next_link: None,
            odata_delta_link: None,
            value: Vec::new(),
            additional: OpenType::new(),
        }
    }
}

impl<T> ODataCollection<T> {
    /// A page holding `value` and no annotations.
    #[must_use]
    pub fn new(value: Vec<T>) -> Self {
        ODataCollection {
            value,
            ..Self::default()
        }
    }

    /// Number of items in this page.
    #[must_use]
    pub fn len(&self) -> usize {
        self.value.len()
    }

    /// Returns `true` if this page has no items.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.value.is_empty()
    }

    /// Iterates over the items of this page.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.value.iter()
    }
}

impl<T> IntoIterator for ODataCollection<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.value.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a ODataCollection<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.value.iter()
    }
}

impl<T> ODataCollection<T> {
    /// The URL of the next page, or `None` on the last page.
    #[must_use]
    pub fn next_link(&self) -> Option<&str> {
        self.odata_next_link.as_deref()
    }
}

// ---------------------------------------------------------------------------
// ODataValue
// ---------------------------------------------------------------------------

/// The envelope of a response holding one primitive or enum value (a function
/// returning a String or a Boolean):
///
/// ```text
/// {"@odata.context": "https://graph.microsoft.com/beta/$metadata#Edm.String", "value": "https://..."}
/// ```
///
/// Any other annotation or member is kept in [`additional`](ODataValue::additional),
/// so nothing is lost on a round trip.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct ODataValue<T> {
    /// `@odata.context`: the context URL of the response.
    #[serde(
        rename = "@odata.context",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub odata_context: Option<String>,
    /// `value`: the value itself.
    pub value: T,
    /// Every other member and annotation of the envelope (an empty map writes
    /// nothing).
    #[serde(flatten)]
    pub additional: OpenType,
}

impl<T> ODataValue<T> {
    /// An envelope holding `value` and no annotations.
    #[must_use]
    pub fn new(value: T) -> Self {
        ODataValue {
            odata_context: None,
            value,
            additional: OpenType::new(),
        }
    }

    /// The value, without the envelope.
    #[must_use]
    pub fn into_inner(self) -> T {
        self.value
    }
}

// ---------------------------------------------------------------------------
// ODataReference
// ---------------------------------------------------------------------------

/// An entity reference, the body of a `$ref` request (`POST /groups/{id}/members/$ref`):
///
/// ```text
/// {"@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/{id}"}
/// ```
///
/// Any other member is kept in [`additional`](ODataReference::additional).
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct ODataReference {
    /// `@odata.id`: the URL of the entity referred to.
    #[serde(rename = "@odata.id")]
    pub odata_id: String,
    /// Every other member and annotation of the body (an empty map writes
    /// nothing).
    #[serde(flatten)]
    pub additional: OpenType,
}

impl ODataReference {
    /// A reference to the entity at `url`.
    #[must_use]
    pub fn new(url: impl Into<String>) -> Self {
        ODataReference {
            odata_id: url.into(),
            additional: OpenType::new(),
        }
    }
}

// ---------------------------------------------------------------------------
// ODataError
// ---------------------------------------------------------------------------

/// The body of a Graph error response:
///
/// ```text
/// {"error": {"code": "ItemNotFound", "message": "...",
///            "innerError": {"date": "...", "request-id": "...", "client-request-id": "..."}}}
/// ```
///
/// Every level keeps properties it does not name in `additional`, so an error
/// body round-trips unchanged. It implements [`std::error::Error`].
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct ODataError {
    /// `error`: what went wrong.
    pub error: MainError,
    /// Any other member of the body.
    #[serde(flatten)]
    pub additional: OpenType,
}

/// The `error` object of an [`ODataError`].
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct MainError {
    /// `code`: a service-defined error code (`ItemNotFound`, `20117`).
    #[serde(default)]
    pub code: String,
    /// `message`: a human-readable description.
    #[serde(default)]
    pub message: String,
    /// `target`: the target of the error, if the service says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// `details`: further errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<Vec<ErrorDetail>>,
    /// `innerError`: service diagnostics (request ids, date).
    #[serde(
        rename = "innerError",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub inner_error: Option<InnerError>,
    /// Any other member.
    #[serde(flatten)]
    pub additional: OpenType,
}

/// One entry of [`MainError::details`].
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct ErrorDetail {
    /// `code`.
    #[serde(default)]
    pub code: String,
    /// `message`.
    #[serde(default)]
    pub message: String,
    /// `target`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Any other member.
    #[serde(flatten)]
    pub additional: OpenType,
}

/// The `innerError` object of a [`MainError`]: what to quote to Microsoft
/// support. Open: members it does not name are kept in `additional`.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct InnerError {
    /// `date`: when the error happened (`2019-03-22T23:17:50`, no zone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// `request-id`: the id of the request on the service side.
    #[serde(
        rename = "request-id",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub request_id: Option<String>,
    /// `client-request-id`: the `client-request-id` header the client sent.
    #[serde(
        rename = "client-request-id",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub client_request_id: Option<String>,
    /// Any other member (`code`, a nested `innerError`, ...).
    #[serde(flatten)]
    pub additional: OpenType,
}

impl fmt::Display for ODataError {
    /// `code: message`, then the request id when there is one.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.error.code, self.error.message)?;
        if let Some(id) = self
            .error
            .inner_error
            .as_ref()
            .and_then(|i| i.request_id.as_deref())
        {
            write!(f, " (request-id {id})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ODataError {}
