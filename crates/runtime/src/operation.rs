//! `Operation`: what a request descriptor implements, and URL building.

use super::*;

/// The HTTP method of an [`Operation`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    /// The method as it goes on the wire: `"GET"`, `"PATCH"`...
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A documented Graph call as a value: it knows its method, builds its URL
/// from its (typed) path parameters and names the types of its request and
/// response bodies. It sends nothing: any HTTP client (or a test double)
/// executes it. A call the docs give several URL templates for is an enum
/// with a variant per template.
///
/// Both bodies are [`Body`] types: a JSON model is read and written with
/// serde as ever (every serde type is a `Body`), and a call whose body is
/// not JSON names a media type instead: [`Media`] for bytes with their
/// `Content-Type` (a `$value` URL, a CSV report, a photo), [`Count`] for
/// the `text/plain` number of a `$count` URL, [`JsonOrMedia`] for a call
/// that answers with either.
///
/// ```text
/// let op = ProfilePostLanguages::new();
/// let url = format!("https://graph.microsoft.com/beta{}", op.path());
/// let response = client.request(ProfilePostLanguages::METHOD.as_str(), url).json(&body).send()?;
/// let created = <ProfilePostLanguages as Operation>::Response::from_body(content_type, &response.bytes()?)?;
/// ```
pub trait Operation {
    /// The HTTP method.
    const METHOD: Method;

    /// The request body: a model or parameter type, `()` when the call has
    /// none, `serde_json::Value` when the docs do not say which type it is,
    /// [`Media`] when the call sends bytes (`PUT /me/photo/$value`).
    type Request: Body;
    /// The response body: a model type, an [`ODataCollection`] page, `()`
    /// when the response has no body, `serde_json::Value` when the docs do not
    /// say which type it is; [`Media`], [`Count`] or [`JsonOrMedia`] when
    /// the docs show a body that is not JSON.
    type Response: Body;
    /// The URL template this value builds, as the docs write it
    /// (`/users/{id | userPrincipalName}/profile/languages`), relative to the
    /// version root (`https://graph.microsoft.com/v1.0`).
    fn template(&self) -> &'static str;
    /// The path (and query, when the template has one) relative to the
    /// version root, starting with `/`, each parameter percent-encoded
    /// ([`push_encoded`]).
    fn path(&self) -> String;
}

/// Appends `value` to `out`, percent-encoding every byte but the RFC 3986
/// unreserved characters (`A-Z a-z 0-9 - . _ ~`), so a value is always one
/// path segment or one query value: `a/b c?` becomes `a%2Fb%20c%3F`. A
/// value that is all dots (`.`, `..`) stays a dot segment, which URL parsers
/// resolve away even when encoded (`%2E%2E`); Graph ids never are.
pub fn push_encoded(out: &mut String, value: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in value.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 0xF)] as char);
        }
    }
}

/// The path a request descriptor builds: `pattern` is the template's literal
/// text as it goes into the URL (characters a URL never holds as they are
/// already `%XX`, so it has no `{` or `}`) with `{n}` where the `n`th
/// parameter goes; each parameter is appended with [`push_encoded`]. A
/// generated descriptor's `path()` is one call:
/// `build_path("/users/{0}/profile/languages/{1}", &[&self.id, &self.id_2])`.
/// A descriptor is data (one string per template) rather than code.
///
/// # Panics
///
/// If a `{n}` is not closed, `n` is not a number or there is no `n`th
/// parameter (never for a generated pattern).
pub fn build_path(pattern: &str, params: &[&str]) -> String {
    let mut out =
        String::with_capacity(pattern.len() + params.iter().map(|p| p.len() * 3).sum::<usize>());
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .unwrap_or_else(|| panic!("build_path: unclosed `{{` in {pattern:?}"));
        let n: usize = after[..close]
            .parse()
            .unwrap_or_else(|_| panic!("build_path: bad parameter index in {pattern:?}"));
        let value = params.get(n).unwrap_or_else(|| {
            panic!(
                "build_path: {pattern:?} uses parameter {n}, {} given",
                params.len()
            )
        });
        push_encoded(&mut out, value);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// `value` percent-encoded as one path segment; see [`push_encoded`].
pub fn encode_path_segment(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    push_encoded(&mut out, value);
    out
}
