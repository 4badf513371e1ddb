//! The intermediate representation: every type the docs describe, merged across pages, with the
//! provenance of every fact. Serialized as `generated/schema.yaml` and by `cargo xtask schema`.

use serde::{Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

/// Where a fact was read: a file relative to the docs root and a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Source {
    pub file: Arc<str>,
    pub line: u32,
}

impl Source {
    pub fn new(file: &Arc<str>, line: u32) -> Self {
        Source {
            file: file.clone(),
            line,
        }
    }

    pub fn span(&self) -> graphgen_diag::Span {
        graphgen_diag::Span::line(&self.file, self.line)
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

impl Serialize for Source {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The whole schema of one docs folder.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Schema {
    /// Types by qualified name (`microsoft.graph.languageProficiency`).
    pub types: BTreeMap<String, TypeDef>,
    /// Every example body, with what became of it.
    pub examples: Vec<Example>,
    /// One per API page: the documented call (see `operations/`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub operations: Vec<crate::operations::Operation>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TypeKind {
    /// Has a key (`id`), directly or through its base.
    Entity,
    /// A structured value without a key.
    Complex,
    Enum,
}

/// Where a type's properties come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// At least one property table describes it.
    Declared,
    /// No table; properties were inferred from example bodies.
    Inferred,
    /// Nothing is known about its properties; it keeps whatever it receives.
    Open,
    /// Declares no member and no base, and examples give it values that are not objects
    /// (numbers, strings, arrays: v1.0 `Json`, "data returned in JSON format"): any JSON value.
    Any,
}

#[derive(Debug, Clone, Serialize)]
pub struct TypeDef {
    /// Qualified name.
    pub name: String,
    pub namespace: String,
    pub kind: TypeKind,
    pub shape: Shape,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base: Option<BaseType>,
    #[serde(rename = "abstract", skip_serializing_if = "Option::is_none")]
    pub is_abstract: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub open: Option<bool>,
    /// The lead paragraphs of the page that declares the type (Markdown, paragraphs separated
    /// by a blank line).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Where the description was read: the line of its first paragraph.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description_source: Option<Source>,
    /// The page that describes the type says it is deprecated (a title ending "(deprecated)").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<Source>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub properties: Vec<Property>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<EnumMember>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub flags: bool,
    /// The key property a resource annotation names (`keyProperty`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Rows of the resource page's Methods table.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub methods: Vec<Method>,
    /// The product area the type's pages belong to (front matter `ms.subservice` / `ms.prod`,
    /// else the namespace); none for shared types. It becomes a cargo feature.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area: Option<Area>,
    pub sources: Vec<Source>,
}

/// A product area (`outlook`, `intune`, ...), normalized to a lowercase slug, and where it was
/// read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Area {
    pub name: String,
    pub evidence: AreaEvidence,
    pub source: Source,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AreaEvidence {
    /// The front matter of the page that describes the type.
    DeclaringPage,
    /// The front matter of the first page that states a fact about the type.
    MentioningPage,
    /// A namespace other than the default one, when no page names an area.
    Namespace,
}

/// A row of a resource page's Methods table.
#[derive(Debug, Clone, Serialize)]
pub struct Method {
    pub name: String,
    /// The return type, when the row names one the Type-column grammar understands.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub returns: Option<TypeRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub source: Source,
}

impl TypeDef {
    pub fn new(name: &str, kind: TypeKind) -> Self {
        TypeDef {
            name: name.to_owned(),
            namespace: namespace_of(name).to_owned(),
            kind,
            shape: Shape::Open,
            base: None,
            is_abstract: None,
            open: None,
            description: None,
            description_source: None,
            deprecated: None,
            properties: Vec::new(),
            members: Vec::new(),
            flags: false,
            key: None,
            methods: Vec::new(),
            area: None,
            sources: Vec::new(),
        }
    }

    /// The unqualified name (`languageProficiency`).
    pub fn simple_name(&self) -> &str {
        simple_name(&self.name)
    }

    pub fn property(&self, name: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.name == name)
    }
}

/// How the base type was established, in order of trust.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BaseEvidence {
    /// A `baseType` key in a resource annotation.
    Annotation,
    /// An "Inherits from [x](x.md)" sentence (or "A subclass of", "derived from", ...).
    Prose,
    /// The base's page names the type among its derived types (a `Derived types` section, "the
    /// derived types are [a], [b]").
    DerivedTypes,
    /// Table rows marked "Inherited from [x]".
    InheritedRows,
    /// Stated nowhere: an entity without a stated base derives from the key-bearing root
    /// (`entity`), see `kinds.rs`.
    Implied,
}

#[derive(Debug, Clone, Serialize)]
pub struct BaseType {
    pub name: String,
    pub evidence: BaseEvidence,
    pub sources: Vec<Source>,
}

/// A property's type: a qualified type name or an `Edm.` primitive, and whether it is a collection.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct TypeRef {
    #[serde(rename = "type")]
    pub name: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub collection: bool,
}

impl TypeRef {
    pub fn new(name: impl Into<String>, collection: bool) -> Self {
        TypeRef {
            name: name.into(),
            collection,
        }
    }

    pub fn is_primitive(&self) -> bool {
        self.name.starts_with("Edm.")
    }
}

impl fmt::Display for TypeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.collection {
            write!(f, "Collection({})", self.name)
        } else {
            f.write_str(&self.name)
        }
    }
}

/// Where a property was learnt from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    Table,
    Example,
}

#[derive(Debug, Clone, Serialize)]
pub struct Property {
    /// The name on the wire.
    pub name: String,
    #[serde(flatten)]
    pub ty: TypeRef,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub navigation: bool,
    pub origin: Origin,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Values a description lists for a property typed as a plain string.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub documented_values: Vec<String>,
    /// A table marks the property "(deprecated)" after its name: the first such row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<Source>,
    /// The types a Type cell offers as alternatives (`[a](a.md) or [b](b.md)`); the property's
    /// type is then their nearest common base (`alternatives.rs`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<String>,
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EnumMember {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExampleKind {
    Request,
    Response,
    Resource,
}

/// What became of an example body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum ExampleStatus {
    /// Emitted as a round-trip test.
    Test,
    /// Placeholder values, not data: it fed type inference only.
    Template { reasons: Vec<String> },
    /// Cannot become a test, for the reason given.
    Unusable {
        reason: String,
        cause: UnusableCause,
    },
}

/// Why an example body cannot become a round-trip test, in classes the run summary counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnusableCause {
    /// The message's Content-Type is not JSON (`text/plain`, `image/jpeg`): a media body.
    NotJsonContent,
    /// A media body (its Content-Type is not JSON) whose URL is none of its page's operation's
    /// templates, with or without `$count` / `$value`: no descriptor to test it through.
    MediaUnattached,
    /// The body is not JSON at all (CSV, bytes, a header line after a blank line).
    NotJson,
    /// The body starts like JSON but not even a lenient reader accepts it.
    InvalidJson,
    /// Neither the annotation, the body nor the page names the body's type.
    NoType,
    /// The named type is an enum or is not declared.
    NotStructured,
    /// A value contradicts the schema the way serde would reject it (`GD0030`).
    ContradictsSchema,
}

impl UnusableCause {
    /// A body that is not JSON: not counted among the JSON bodies.
    pub fn is_media(self) -> bool {
        matches!(
            self,
            UnusableCause::NotJsonContent | UnusableCause::MediaUnattached
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            UnusableCause::NotJsonContent => "Content-Type not JSON",
            UnusableCause::MediaUnattached => "not-JSON body of no operation's URL",
            UnusableCause::NotJson => "not JSON",
            UnusableCause::InvalidJson => "invalid JSON",
            UnusableCause::NoType => "no type",
            UnusableCause::NotStructured => "type not structured",
            UnusableCause::ContradictsSchema => "contradicts the schema (GD0030)",
        }
    }
}

/// An OData envelope around an example body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Envelope {
    /// The body is the target (an object of it, or with `collection` a page of them).
    #[default]
    None,
    /// `{"@odata.context": ..., "value": x}`: how OData answers with one primitive or enum value
    /// (a function returning a String); the target is the type of `value`.
    Value,
    /// `{"@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/{id}"}`: an entity
    /// reference, the body of a `$ref` request; no target.
    Reference,
}

impl Envelope {
    pub fn is_none(&self) -> bool {
        *self == Envelope::None
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Example {
    pub source: Source,
    pub kind: ExampleKind,
    /// The annotation's `name`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The type the body is read as, when one could be determined.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// The body is an OData collection (`{"value": [...]}`) of the target type.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub collection: bool,
    /// A request with method PATCH: the body is a partial update.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub patch: bool,
    /// The OData envelope the body wears instead of being the target itself.
    #[serde(skip_serializing_if = "Envelope::is_none")]
    pub envelope: Envelope,
    /// A body that is not JSON, attached to an operation's media body (`operations/media.rs`):
    /// its round-trip test goes through that descriptor's request or response type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub media: Option<ExampleMedia>,
    #[serde(flatten)]
    pub status: ExampleStatus,
    #[serde(skip)]
    pub body: String,
}

/// The operation a media example belongs to, and how it goes on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExampleMedia {
    /// The operation's name (its page's file stem).
    pub operation: String,
    /// `$count` / `$value` when the example's URL appends it to the operation's template.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segment: Option<String>,
    pub content_type: String,
}

/// `microsoft.graph` of `microsoft.graph.languageProficiency`.
pub fn namespace_of(qualified: &str) -> &str {
    qualified.rsplit_once('.').map_or("", |(ns, _)| ns)
}

/// `languageProficiency` of `microsoft.graph.languageProficiency`.
pub fn simple_name(qualified: &str) -> &str {
    qualified.rsplit_once('.').map_or(qualified, |(_, n)| n)
}

impl Schema {
    pub fn get(&self, name: &str) -> Option<&TypeDef> {
        self.types.get(name)
    }

    /// The base chain of a type, nearest first, without the type itself. Stops at a cycle.
    pub fn ancestors(&self, name: &str) -> Vec<&TypeDef> {
        let mut out: Vec<&TypeDef> = Vec::new();
        let mut current = self.types.get(name).and_then(|t| t.base.as_ref());
        while let Some(base) = current {
            match self.types.get(&base.name) {
                Some(t) if t.name != name && !out.iter().any(|o| o.name == t.name) => {
                    out.push(t);
                    current = t.base.as_ref();
                }
                _ => break,
            }
        }
        out
    }

    /// Every property of a type, the root base's first, each with the type that declares it.
    pub fn all_properties(&self, name: &str) -> Vec<(&TypeDef, &Property)> {
        let mut chain = self.ancestors(name);
        chain.reverse();
        if let Some(t) = self.types.get(name) {
            chain.push(t);
        }
        let mut out: Vec<(&TypeDef, &Property)> = Vec::new();
        for t in chain {
            for p in &t.properties {
                if !out.iter().any(|(_, q)| q.name == p.name) {
                    out.push((t, p));
                }
            }
        }
        out
    }

    /// Direct and indirect derived types of a type, sorted by name.
    pub fn descendants(&self, name: &str) -> Vec<&TypeDef> {
        self.types
            .values()
            .filter(|t| t.name != name && self.ancestors(&t.name).iter().any(|a| a.name == name))
            .collect()
    }

    /// Counts for the run summary.
    pub fn stats(&self) -> Stats {
        let mut stats = Stats::default();
        for t in self.types.values() {
            *stats
                .types_by_kind
                .entry(format!("{:?}", t.kind).to_lowercase())
                .or_default() += 1;
            stats.properties += t.properties.len();
            stats.enum_members += t.members.len();
        }
        for e in &self.examples {
            match e.status {
                ExampleStatus::Test if e.media.is_some() => {
                    stats.example_tests += 1;
                    stats.example_media_tests += 1;
                }
                ExampleStatus::Test => stats.example_tests += 1,
                ExampleStatus::Template { .. } => stats.example_templates += 1,
                ExampleStatus::Unusable { cause, .. } => {
                    stats.example_unusable += 1;
                    *stats.unusable_by_cause.entry(cause).or_default() += 1;
                }
            }
        }
        stats
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    pub types_by_kind: BTreeMap<String, usize>,
    pub properties: usize,
    pub enum_members: usize,
    pub example_tests: usize,
    /// Of `example_tests`, the media bodies (not JSON) tested through a descriptor's media type.
    pub example_media_tests: usize,
    pub example_templates: usize,
    pub example_unusable: usize,
    /// Unusable example bodies by cause.
    pub unusable_by_cause: BTreeMap<UnusableCause, usize>,
}
