//! Diagnostics shared by every stage.
//!
//! A [`Diagnostic`] names a stable [`Code`], a severity, the file, line and column it is about, related
//! locations (where two pages disagree) and an optional help line. Stages never print; they push
//! diagnostics into a [`Diagnostics`] sink and go on with the rest of the input.

use serde::Serialize;
use std::fmt;
use std::sync::Arc;

pub mod baseline;
pub mod render;

pub use baseline::{Baseline, BaselineError};
pub use render::{render_human, render_json, summary, SourceProvider};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        })
    }
}

macro_rules! codes {
    ($($variant:ident = $code:literal, $severity:ident, $summary:literal;)*) => {
        /// Stable diagnostic codes. A code is never reused for another meaning.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($variant,)* }

        impl Code {
            /// Every code, in code order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable identifier, such as `GD0012`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// The severity a diagnostic of this code has unless a stage says otherwise.
            pub fn default_severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// A one-line summary of what the code means.
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary,)* }
            }
        }
    };
}

codes! {
    NonUtf8 = "GD0001", Warning, "file is not valid UTF-8";
    ByteOrderMark = "GD0002", Warning, "file starts with a byte-order mark";
    CrlfLineEndings = "GD0003", Warning, "file uses CRLF line endings";
    InvalidFrontMatter = "GD0004", Warning, "front matter is not valid YAML";
    TodoMarker = "GD0005", Warning, "TODO marker left in the page";
    Mojibake = "GD0006", Warning, "text looks like UTF-8 decoded as another encoding";
    PlaceholderData = "GD0007", Note, "example body uses placeholder values instead of data";
    InvalidExampleJson = "GD0008", Warning, "example body is not valid JSON";
    InvalidAnnotation = "GD0009", Warning, "annotation comment is not valid JSON";
    AlternativeTypes = "GD0048", Note, "a Type cell offers alternative types; the property has their common base";
    InvalidTypeName = "GD0047", Warning, "an annotation or body names a type with characters no type name has";
    UnknownAnnotationKey = "GD0010", Warning, "annotation has an unknown key";
    AnnotationWithoutBlock = "GD0011", Warning, "annotation is not followed by a code block";
    PropertyTypeDisagreement = "GD0012", Warning, "a property is typed differently on two pages";
    InheritanceDisagreement = "GD0013", Warning, "pages state different base types";
    DuplicatePropertyRow = "GD0014", Warning, "a property row appears twice in one table";
    UndefinedType = "GD0015", Warning, "a type is referenced but never defined";
    LinkTargetMismatch = "GD0016", Warning, "link text names one type and its target another";
    UnknownExampleProperty = "GD0017", Warning, "example property is neither in the type's table nor inherited";
    PropertyMissingFromJson = "GD0018", Note, "table property is absent from the resource JSON representation";
    UnknownEnumValue = "GD0019", Warning, "example value is not a member of the enum";
    RequestWithoutResponse = "GD0020", Warning, "request example has no response";
    InvalidStatusLine = "GD0021", Warning, "response status line is not valid HTTP";
    UnknownTypeExpression = "GD0022", Warning, "Type column could not be understood";
    UnusableExample = "GD0023", Note, "example body cannot become a round-trip test";
    NameCollision = "GD0024", Error, "two names collide after conversion to Rust";
    NoSubjectType = "GD0025", Note, "page describes no type the generator can attach facts to";
    MalformedTable = "GD0026", Warning, "table row could not be understood";
    InferredShape = "GD0027", Note, "type shape was inferred from example bodies";
    ExampleTypeConflict = "GD0028", Warning, "example values disagree about a property's type";
    UnreadableFile = "GD0029", Error, "file could not be read";
    ExampleValueMismatch = "GD0030", Warning, "example value does not match the property's documented type";
    NulCharacter = "GD0031", Warning, "file contains a NUL character";
    UnreadOperation = "GD0032", Warning, "a statement of an API page's HTTP request could not be read";
    PermissionsNotStated = "GD0033", Warning, "an operation's permissions are not stated";
    UnmatchedExampleRequest = "GD0034", Warning, "request example matches none of the operation's URL templates";
    ResponseTypeMismatch = "GD0035", Warning, "response example type differs from the operation's stated response";
    UnreadableArea = "GD0050", Warning, "front matter names a product area that is not a slug";
    SubjectFromTitle = "GD0051", Warning, "only the title of a Create/Update page names its type";
    ForeignTypeName = "GD0052", Warning, "a type name is in a namespace no page states (a legacy name)";
    LongName = "GD0036", Warning, "a name is too long for a file name and was shortened";
    InheritanceCycle = "GD0037", Warning, "types derive from each other in a cycle";
    UnreadStatement = "GD0060", Note, "a statement on a page is not read into the schema";
    UnnamedBase = "GD0061", Warning, "an inheritance sentence names no type the docs declare";
    MissingKeyRow = "GD0062", Note, "a type names a key property that no row declares";
    InheritedRowMismatch = "GD0063", Warning, "an \"Inherited from\" row names a property its ancestor's pages do not list";
    HeaderAfterBlankLine = "GD0064", Warning, "an HTTP header stands after the blank line that ends the headers";
    FunctionParameterMismatch = "GD0065", Warning, "a function's parameter table and its call's arguments disagree";
    RequestTypeMismatch = "GD0066", Warning, "request example type is neither the operation's request type nor derived from it";
    ExamplesOverruleTable = "GD0067", Warning, "every example value contradicts a property's table type; the examples' type is used";
    UnattachedMedia = "GD0068", Note, "a body that is not JSON belongs to no operation's URL";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A place in a documentation file. Lines and columns are 1-based; `len` counts characters of the
/// offending span on that line (0 when the whole line is meant).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub file: Arc<str>,
    pub line: u32,
    pub column: u32,
    pub len: u32,
}

impl Span {
    pub fn line(file: &Arc<str>, line: u32) -> Self {
        Span {
            file: file.clone(),
            line,
            column: 1,
            len: 0,
        }
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// A second location that explains the first (for example, the other page of a disagreement).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Related {
    pub span: Span,
    pub message: String,
}

/// One problem found in the documentation.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Diagnostic {
    pub span: Span,
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(code: Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            span,
            code,
            severity: code.default_severity(),
            message: message.into(),
            related: Vec::new(),
            help: None,
        }
    }

    pub fn with_related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            message: message.into(),
        });
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// A compact rustc-like rendering without source excerpts:
    ///
    /// ```text
    /// warning[GD0012]: message
    ///   --> file:line:column
    ///    = note: related message (other-file:line:column)
    ///    = help: help text
    /// ```
    pub fn render_plain(&self) -> String {
        let mut out = format!(
            "{}[{}]: {}\n  --> {}\n",
            self.severity, self.code, self.message, self.span
        );
        for related in &self.related {
            out.push_str(&format!(
                "   = note: {} ({})\n",
                related.message, related.span
            ));
        }
        if let Some(help) = &self.help {
            out.push_str(&format!("   = help: {help}\n"));
        }
        out
    }
}

/// A collection of diagnostics. Stages push into it; the front end sorts and renders it.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    /// Sorted by file, line, column, code, so output never depends on thread scheduling.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort();
        self.items.dedup();
        self.items
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// Maps byte offsets of one text to 1-based line and column numbers.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> u32 {
        (self.starts.partition_point(|&s| s <= offset)) as u32
    }

    /// 1-based line and character column of a byte offset in `text`.
    pub fn line_col(&self, text: &str, offset: usize) -> (u32, u32) {
        let line = self.line(offset);
        let start = self.starts[line as usize - 1];
        let offset = offset.min(text.len());
        let column = text.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        (line, column as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_stable() {
        let mut seen = std::collections::BTreeSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.as_str()), "duplicate {code}");
            assert!(code.as_str().starts_with("GD") && code.as_str().len() == 6);
        }
        assert_eq!(Code::PropertyTypeDisagreement.as_str(), "GD0012");
    }

    #[test]
    fn line_index_maps_offsets() {
        let text = "ab\ncdé\nf";
        let index = LineIndex::new(text);
        assert_eq!(index.line(0), 1);
        assert_eq!(index.line(3), 2);
        // "é" is two bytes (5..7), so the newline ending line 2 is at byte 7 and "f" at byte 8.
        assert_eq!(index.line_col(text, 7), (2, 4));
        assert_eq!(index.line_col(text, 8), (3, 1));
        assert_eq!(index.line_col(text, 9), (3, 2));
    }
}
