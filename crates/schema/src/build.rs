//! Merging pages into one [`Schema`]: facts are collected page by page, then resolved.

use crate::infer;
use crate::ir::*;
use crate::types::{parse_type_cell, TypeExpr};
use graphgen_diag::{Code, Diagnostic, Severity};
use graphgen_parse::{Cell, Page, TableKind};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Namespace of pages that do not state one.
pub const DEFAULT_NAMESPACE: &str = "microsoft.graph";

/// One property row, as a page states it.
#[derive(Debug, Clone)]
struct PropFact {
    owner: String,
    name: String,
    ty: TypeRef,
    navigation: bool,
    description: Option<String>,
    possible_values: Vec<String>,
    source: Source,
    /// The Type cell, for diagnostics about the type.
    type_span: graphgen_diag::Span,
}

#[derive(Debug, Clone)]
struct BaseFact {
    child: String,
    base: String,
    evidence: BaseEvidence,
    source: Source,
}

/// Case-insensitive canonical spelling of type names: the first spelling seen wins.
#[derive(Debug, Default)]
pub(crate) struct Names {
    spellings: HashMap<String, String>,
    /// Spellings that differ only in case from the one kept: merged, and reported.
    variants: BTreeMap<String, BTreeSet<String>>,
}

impl Names {
    pub(crate) fn canonical(&mut self, qualified: &str) -> String {
        if qualified.starts_with("Edm.") {
            return qualified.to_owned();
        }
        let kept = self
            .spellings
            .entry(qualified.to_ascii_lowercase())
            .or_insert_with(|| qualified.to_owned())
            .clone();
        if kept != qualified {
            self.variants
                .entry(kept.clone())
                .or_default()
                .insert(qualified.to_owned());
        }
        kept
    }

    /// A note for every type name written in several cases: they are one type, never silently.
    fn report(&self, schema: &Schema, diagnostics: &mut Vec<Diagnostic>) {
        for (kept, others) in &self.variants {
            let Some(at) = schema.types.get(kept).and_then(|t| t.sources.first()) else {
                continue;
            };
            let others: Vec<String> = others
                .iter()
                .map(|o| format!("`{}`", simple_name(o)))
                .collect();
            diagnostics.push(
                Diagnostic::new(
                    Code::NameCollision,
                    at.span(),
                    format!(
                        "type `{}` is also written {}; the spellings are read as one type",
                        simple_name(kept),
                        others.join(", ")
                    ),
                )
                .with_severity(Severity::Note)
                .with_help("write the type name the same way everywhere"),
            );
        }
    }
}

/// Qualifies a type name written on a page (`itemFacet`, `#microsoft.graph.x`, `graph.x`).
pub(crate) fn qualify(name: &str, namespace: &str) -> String {
    let name = name.trim().trim_start_matches('#').trim_matches('`');
    if name.starts_with("microsoft.") || name.starts_with("Edm.") {
        name.to_owned()
    } else if let Some(rest) = name.strip_prefix("graph.") {
        format!("microsoft.graph.{rest}")
    } else if name.contains('.') && !name.contains(' ') {
        name.to_owned()
    } else {
        format!("{namespace}.{name}")
    }
}

/// What kind of page this is, from its title and front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PageKind {
    /// `# x resource type` / `# x complex type` / `# x entity type`.
    Resource,
    /// `# x enum type`.
    Enum,
    /// `Create x` / `Update x`: the request body is a representation of the subject type.
    CreateOrUpdate,
    Other,
}

fn is_type_word(s: &str) -> bool {
    !s.is_empty()
        && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
}

/// The page's kind and subject type, when it has one.
pub(crate) fn page_subject(page: &Page, names: &mut Names) -> (PageKind, Option<(String, Source)>) {
    let ns = page_namespace(page);
    let Some(title) = &page.title else {
        return (PageKind::Other, None);
    };
    let t = title.value.trim().trim_matches('`');
    let lower = t.to_ascii_lowercase();
    let source = Source::new(&page.path, title.line);
    // A resource annotation's `@odata.type` names the type more reliably than the title
    // (`chart.md` is titled "chart resource type" but defines `workbookChart`).
    let annotated = page
        .code_blocks
        .iter()
        .filter_map(|b| b.annotation.as_ref())
        .find_map(|a| {
            (a.block_type() == Some("resource"))
                .then(|| a.odata_type())
                .flatten()
                .map(|t| t.trim_start_matches('#').to_owned())
        });
    for (suffix, kind) in [
        (" resource type", PageKind::Resource),
        (" complex type", PageKind::Resource),
        (" entity type", PageKind::Resource),
        (" enum type", PageKind::Enum),
        (" enumeration type", PageKind::Enum),
    ] {
        if lower.ends_with(suffix) {
            let name = t[..t.len() - suffix.len()].trim().trim_matches('`');
            if let Some(t) = annotated.as_deref().filter(|t| is_type_word(t)) {
                return (kind, Some((names.canonical(&qualify(t, &ns)), source)));
            }
            if is_type_word(name) {
                return (kind, Some((names.canonical(&qualify(name, &ns)), source)));
            }
        }
    }
    for verb in ["create ", "update "] {
        if lower.starts_with(verb) {
            // The Request body section's link names the type; else the title's remaining word.
            let link = page.links.iter().find(|l| {
                l.section
                    .as_deref()
                    .is_some_and(|s| s.eq_ignore_ascii_case("request body"))
                    && is_type_word(&l.text)
            });
            let rest = t[verb.len()..].trim().trim_matches('`');
            let name = match link {
                Some(l) => Some(l.text.as_str()),
                None if is_type_word(rest) => Some(rest),
                None => None,
            };
            if let Some(name) = name {
                return (
                    PageKind::CreateOrUpdate,
                    Some((names.canonical(&qualify(name, &ns)), source)),
                );
            }
        }
    }
    (PageKind::Other, None)
}

pub(crate) fn page_namespace(page: &Page) -> String {
    page.namespace
        .as_ref()
        .map(|n| n.value.clone())
        .filter(|n| is_type_word(n))
        .unwrap_or_else(|| DEFAULT_NAMESPACE.to_owned())
}

fn property_name(cell: &Cell) -> String {
    cell.text.trim().trim_matches(['`', '*', ' ']).to_owned()
}

fn is_todo(text: &str) -> bool {
    text.contains("TODO")
}

/// The result of building: the schema and what was found wrong on the way.
#[derive(Debug)]
pub struct Built {
    pub schema: Schema,
    pub diagnostics: Vec<Diagnostic>,
}

/// Merges pages into one schema. Pages are processed in path order, so the result does not
/// depend on the order they were read in.
pub fn build(pages: &[Page]) -> Built {
    let mut pages: Vec<&Page> = pages.iter().collect();
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    let mut diagnostics = Vec::new();
    let mut names = Names::default();
    let mut props: Vec<PropFact> = Vec::new();
    let mut bases: Vec<BaseFact> = Vec::new();
    let mut declared: BTreeMap<String, (TypeKind, Vec<Source>)> = BTreeMap::new();
    let mut subjects: HashMap<std::sync::Arc<str>, (PageKind, Option<String>)> = HashMap::new();
    let mut references: BTreeMap<String, Source> = BTreeMap::new();
    let mut enum_facts: Vec<EnumFact> = Vec::new();
    let mut keys: BTreeMap<String, String> = BTreeMap::new();
    let mut methods: BTreeMap<String, Vec<Method>> = BTreeMap::new();
    // (abstract, openType) stated by resource annotations.
    let mut flags: BTreeMap<String, (Option<bool>, Option<bool>)> = BTreeMap::new();

    // Types that pages declare (resource and enum pages) register their spelling first, so that
    // a link or a lowercase file name seen earlier never decides how a type is spelled.
    for page in &pages {
        let mut scratch = Names::default();
        if let (PageKind::Resource | PageKind::Enum, Some((subject, _))) =
            page_subject(page, &mut scratch)
        {
            names.canonical(&subject);
        }
    }
    for page in &pages {
        let ns = page_namespace(page);
        let (kind, subject) = page_subject(page, &mut names);
        subjects.insert(
            page.path.clone(),
            (kind, subject.as_ref().map(|s| s.0.clone())),
        );
        enum_tables(
            page,
            kind,
            subject.as_ref().map(|s| s.0.as_str()),
            &ns,
            &mut names,
            &mut enum_facts,
        );
        let Some((subject, subject_source)) = subject else {
            continue;
        };
        match kind {
            PageKind::Resource => {
                let entry = declared
                    .entry(subject.clone())
                    .or_insert((TypeKind::Complex, Vec::new()));
                entry.1.push(subject_source.clone());
            }
            PageKind::Enum => {
                let entry = declared
                    .entry(subject.clone())
                    .or_insert((TypeKind::Enum, Vec::new()));
                entry.1.push(subject_source.clone());
            }
            _ => {}
        }
        if kind == PageKind::Resource {
            // The link text names the base; when it is prose ("Conditional Access Session
            // Control"), the target page's name does.
            let prose_base = page.inherits_from.first().and_then(|link| {
                let name = [Some(link.text.trim().trim_matches('`')), link.target_page()]
                    .into_iter()
                    .flatten()
                    .find(|n| is_type_word(n))?;
                Some((names.canonical(&qualify(name, &ns)), link.line))
            });
            if let Some((base, line)) = prose_base {
                bases.push(BaseFact {
                    child: subject.clone(),
                    base,
                    evidence: BaseEvidence::Prose,
                    source: Source::new(&page.path, line),
                });
            }
            for block in &page.code_blocks {
                let Some(a) = &block.annotation else { continue };
                if a.block_type() != Some("resource") {
                    continue;
                }
                if a.fields.contains_key("abstract") {
                    flags.entry(subject.clone()).or_default().0 = Some(a.bool_field("abstract"));
                }
                if let Some(key) = a.str_field("keyProperty") {
                    keys.insert(subject.clone(), key.to_owned());
                }
                if a.fields.contains_key("openType") {
                    flags.entry(subject.clone()).or_default().1 = Some(a.bool_field("openType"));
                }
                if let Some(base) = a.str_field("baseType") {
                    bases.push(BaseFact {
                        child: subject.clone(),
                        base: names.canonical(&qualify(base, &ns)),
                        evidence: BaseEvidence::Annotation,
                        source: Source::new(&page.path, a.line),
                    });
                }
            }
        }
        if kind == PageKind::Resource {
            methods
                .entry(subject.clone())
                .or_default()
                .extend(method_rows(page, &ns, &mut names));
        }
        for table in &page.tables {
            let (name_col, ty_col, desc_col, navigation) = match table.kind {
                TableKind::Properties {
                    name,
                    ty,
                    description,
                } => (name, ty, description, false),
                TableKind::Relationships {
                    name,
                    ty,
                    description,
                } => (name, ty, description, true),
                _ => continue,
            };
            let section = table.section.as_deref().unwrap_or("").to_ascii_lowercase();
            let wanted = match kind {
                PageKind::Resource => {
                    section.contains("propert") || section.contains("relationship")
                }
                PageKind::CreateOrUpdate => section.contains("request body"),
                _ => false,
            };
            if !wanted {
                continue;
            }
            let navigation = navigation || section.contains("relationship");
            let mut seen: BTreeMap<String, u32> = BTreeMap::new();
            for row in &table.rows {
                let (Some(name_cell), Some(ty_cell)) =
                    (row.cells.get(name_col), row.cells.get(ty_col))
                else {
                    diagnostics.push(Diagnostic::new(
                        Code::MalformedTable,
                        Source::new(&page.path, row.line).span(),
                        format!(
                            "row has {} cells; the header names {} columns",
                            row.cells.len(),
                            table.header.len()
                        ),
                    ));
                    continue;
                };
                let name = property_name(name_cell);
                if name.is_empty() {
                    continue;
                }
                let source = Source::new(&page.path, row.line);
                if let Some(first) = seen.insert(name.clone(), row.line) {
                    diagnostics.push(
                        Diagnostic::new(
                            Code::DuplicatePropertyRow,
                            source.span(),
                            format!("property `{name}` appears twice in this table"),
                        )
                        .with_related(Source::new(&page.path, first).span(), "first row"),
                    );
                    continue;
                }
                let ty = match parse_type_cell(ty_cell, &ns) {
                    TypeExpr::Known(t) => TypeRef {
                        name: names.canonical(&t.name),
                        ..t
                    },
                    TypeExpr::Unknown(text) => {
                        diagnostics.push(
                            Diagnostic::new(
                                Code::UnknownTypeExpression,
                                graphgen_diag::Span {
                                    file: page.path.clone(),
                                    line: row.line,
                                    column: ty_cell.column,
                                    len: ty_cell.markdown.chars().count() as u32,
                                },
                                format!(
                                    "type `{text}` of property `{name}` could not be understood"
                                ),
                            )
                            .with_help("the property is modelled as untyped JSON"),
                        );
                        TypeRef::new("Edm.Untyped", false)
                    }
                };
                let desc_cell = desc_col.and_then(|c| row.cells.get(c));
                let owner = match desc_cell.and_then(|c| c.inherited_from.as_ref()) {
                    Some(link) => {
                        let owner = names.canonical(&qualify(&link.text, &ns));
                        if owner != subject {
                            bases.push(BaseFact {
                                child: subject.clone(),
                                base: owner.clone(),
                                evidence: BaseEvidence::InheritedRows,
                                source: source.clone(),
                            });
                        }
                        owner
                    }
                    None => subject.clone(),
                };
                if !ty.is_primitive() {
                    references
                        .entry(ty.name.clone())
                        .or_insert_with(|| source.clone());
                }
                let type_span = graphgen_diag::Span {
                    file: page.path.clone(),
                    line: row.line,
                    column: ty_cell.column,
                    len: ty_cell.markdown.chars().count() as u32,
                };
                props.push(PropFact {
                    type_span,
                    owner,
                    name,
                    ty,
                    navigation,
                    description: desc_cell
                        .map(|c| c.markdown.clone())
                        .filter(|d| !d.is_empty()),
                    possible_values: desc_cell
                        .map(|c| c.possible_values.clone())
                        .unwrap_or_default(),
                    source,
                });
            }
        }
    }

    let mut schema = Schema::default();
    for (name, (kind, sources)) in declared {
        let mut t = TypeDef::new(&name, kind);
        t.sources = sources;
        if kind != TypeKind::Enum {
            t.shape = Shape::Declared;
        }
        schema.types.insert(name, t);
    }
    merge_properties(&mut schema, props, &mut diagnostics);
    merge_enum_tables(&mut schema, enum_facts, &mut diagnostics);
    resolve_bases(&mut schema, bases, &mut diagnostics);
    for (name, source) in &references {
        schema.types.entry(name.clone()).or_insert_with(|| {
            let mut t = TypeDef::new(name, TypeKind::Complex);
            t.sources.push(source.clone());
            t
        });
    }
    for (name, key) in keys {
        ensure(&mut schema, &name).key = Some(key);
    }
    for (name, rows) in methods.into_iter().filter(|(_, m)| !m.is_empty()) {
        ensure(&mut schema, &name).methods = rows;
    }
    for (name, (is_abstract, open)) in flags {
        let t = ensure(&mut schema, &name);
        t.is_abstract = is_abstract;
        t.open = open;
    }
    infer::examples(&mut schema, &pages, &subjects, &mut names, &mut diagnostics);
    resolve_kinds(&mut schema);
    report_undefined(&schema, &references, &mut diagnostics);
    names.report(&schema, &mut diagnostics);
    Built {
        schema,
        diagnostics,
    }
}

/// Rank of a type when pages disagree: a named type says more than a primitive, and a specific
/// primitive more than `String`.
fn type_rank(t: &TypeRef) -> u8 {
    match t.name.as_str() {
        "Edm.Untyped" => 0,
        "Edm.String" => 1,
        n if n.starts_with("Edm.") => 2,
        _ => 3,
    }
}

fn merge_properties(schema: &mut Schema, facts: Vec<PropFact>, diagnostics: &mut Vec<Diagnostic>) {
    // Group by (owner, name), keeping first-seen order.
    let mut order: Vec<(String, String)> = Vec::new();
    let mut groups: HashMap<(String, String), Vec<PropFact>> = HashMap::new();
    for fact in facts {
        let key = (fact.owner.clone(), fact.name.clone());
        let group = groups.entry(key.clone()).or_default();
        if group.is_empty() {
            order.push(key);
        }
        group.push(fact);
    }
    let mut enum_members: BTreeMap<String, Vec<(String, Source)>> = BTreeMap::new();
    for key in order {
        let group = &groups[&key];
        // The winning type: highest rank, then first seen.
        let winner = group
            .iter()
            .enumerate()
            .max_by_key(|(i, f)| (type_rank(&f.ty), f.ty.collection, std::cmp::Reverse(*i)))
            .map(|(_, f)| f)
            .expect("group is never empty");
        for fact in group {
            if fact.ty != winner.ty {
                diagnostics.push(
                    Diagnostic::new(
                        Code::PropertyTypeDisagreement,
                        fact.type_span.clone(),
                        format!(
                            "`{}` of `{}` is typed `{}` here but `{}` on another page",
                            fact.name,
                            simple_name(&fact.owner),
                            fact.ty,
                            winner.ty
                        ),
                    )
                    .with_related(
                        winner.type_span.clone(),
                        format!("typed `{}` here", winner.ty),
                    )
                    .with_help(format!("the generator uses `{}`", winner.ty)),
                );
            }
        }
        let values: Vec<(String, Source)> = group
            .iter()
            .flat_map(|f| {
                f.possible_values
                    .iter()
                    .map(move |v| (v.clone(), f.source.clone()))
            })
            .collect();
        let mut documented_values = Vec::new();
        if !values.is_empty() {
            if winner.ty.is_primitive() {
                for (v, _) in &values {
                    if !documented_values.contains(v) {
                        documented_values.push(v.clone());
                    }
                }
            } else {
                enum_members
                    .entry(winner.ty.name.clone())
                    .or_default()
                    .extend(values);
            }
        }
        let description = group
            .iter()
            .filter_map(|f| f.description.clone())
            .find(|d| !is_todo(d))
            .or_else(|| group.iter().find_map(|f| f.description.clone()));
        let property = Property {
            name: key.1.clone(),
            ty: winner.ty.clone(),
            navigation: group.iter().any(|f| f.navigation),
            origin: Origin::Table,
            description,
            documented_values,
            sources: group.iter().map(|f| f.source.clone()).collect(),
        };
        let owner = schema.types.entry(key.0.clone()).or_insert_with(|| {
            let mut t = TypeDef::new(&key.0, TypeKind::Complex);
            t.shape = Shape::Declared;
            t
        });
        owner.shape = Shape::Declared;
        for s in &property.sources {
            if !owner.sources.contains(s) {
                owner.sources.push(s.clone());
            }
        }
        owner.properties.push(property);
    }
    for (name, values) in enum_members {
        let t = schema
            .types
            .entry(name.clone())
            .or_insert_with(|| TypeDef::new(&name, TypeKind::Enum));
        t.kind = TypeKind::Enum;
        t.shape = Shape::Declared;
        for (value, source) in values {
            match t.members.iter_mut().find(|m| m.name == value) {
                Some(m) => {
                    if !m.sources.contains(&source) {
                        m.sources.push(source.clone());
                    }
                }
                None => t.members.push(EnumMember {
                    name: value,
                    value: None,
                    description: None,
                    sources: vec![source.clone()],
                }),
            }
            if !t.sources.contains(&source) {
                t.sources.push(source);
            }
        }
    }
    for t in schema.types.values_mut() {
        t.sources.sort();
    }
}

/// Chooses each type's base by the order of trust annotation > prose > "Inherited from" rows,
/// and reports where the kinds of evidence disagree.
fn resolve_bases(schema: &mut Schema, facts: Vec<BaseFact>, diagnostics: &mut Vec<Diagnostic>) {
    let mut by_child: BTreeMap<String, Vec<BaseFact>> = BTreeMap::new();
    for f in facts {
        by_child.entry(f.child.clone()).or_default().push(f);
    }
    // Direct statements first.
    for (child, facts) in &by_child {
        let mut direct: Vec<&BaseFact> = facts
            .iter()
            .filter(|f| f.evidence != BaseEvidence::InheritedRows)
            .collect();
        direct.sort_by_key(|f| (f.evidence, f.source.clone()));
        let Some(chosen) = direct.first() else {
            continue;
        };
        for other in &direct[1..] {
            if other.base != chosen.base {
                diagnostics.push(
                    Diagnostic::new(
                        Code::InheritanceDisagreement,
                        other.source.span(),
                        format!(
                            "`{}` inherits from `{}` here, but from `{}` per its {}",
                            simple_name(child),
                            simple_name(&other.base),
                            simple_name(&chosen.base),
                            evidence_name(chosen.evidence)
                        ),
                    )
                    .with_related(chosen.source.span(), "the base the generator uses"),
                );
            }
        }
        let sources = direct
            .iter()
            .filter(|f| f.base == chosen.base)
            .map(|f| f.source.clone())
            .collect();
        ensure(schema, child).base = Some(BaseType {
            name: chosen.base.clone(),
            evidence: chosen.evidence,
            sources,
        });
        ensure(schema, &chosen.base);
    }
    // Then "Inherited from" rows: each names an ancestor; order the ancestors into a chain.
    for (child, facts) in &by_child {
        let mut contributions: BTreeMap<&str, Vec<Source>> = BTreeMap::new();
        for f in facts
            .iter()
            .filter(|f| f.evidence == BaseEvidence::InheritedRows)
        {
            contributions
                .entry(&f.base)
                .or_default()
                .push(f.source.clone());
        }
        if contributions.is_empty() {
            continue;
        }
        let known: BTreeSet<String> = schema
            .ancestors(child)
            .iter()
            .map(|t| t.name.clone())
            .collect();
        if schema.types.get(child).is_some_and(|t| t.base.is_some()) {
            for (ancestor, sources) in &contributions {
                if !known.contains(*ancestor) {
                    let chosen = schema.types[child].base.clone().expect("checked");
                    diagnostics.push(
                        Diagnostic::new(
                            Code::InheritanceDisagreement,
                            sources[0].span(),
                            format!(
                                "row says inherited from `{}`, which is not an ancestor of `{}` (its base is `{}`)",
                                simple_name(ancestor),
                                simple_name(child),
                                simple_name(&chosen.name)
                            ),
                        )
                        .with_related(chosen.sources[0].span(), format!("base stated by {}", evidence_name(chosen.evidence))),
                    );
                }
            }
            continue;
        }
        // The nearer ancestor declares more of the inherited rows (a root such as `entity`
        // declares only the key). Ties break by name so the result is deterministic.
        let mut chain: Vec<(&str, Vec<Source>)> = contributions.into_iter().collect();
        chain.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
        let mut current = child.clone();
        for (ancestor, sources) in chain {
            if schema
                .ancestors(&current)
                .iter()
                .any(|t| t.name == ancestor)
            {
                current = ancestor.to_owned();
                continue;
            }
            if ensure(schema, &current).base.is_none() && current != ancestor {
                ensure(schema, &current).base = Some(BaseType {
                    name: ancestor.to_owned(),
                    evidence: BaseEvidence::InheritedRows,
                    sources,
                });
            }
            ensure(schema, ancestor);
            current = ancestor.to_owned();
        }
    }
}

fn evidence_name(e: BaseEvidence) -> &'static str {
    match e {
        BaseEvidence::Annotation => "resource annotation",
        BaseEvidence::Prose => "\"Inherits from\" sentence",
        BaseEvidence::InheritedRows => "\"Inherited from\" rows",
    }
}

pub(crate) fn ensure<'a>(schema: &'a mut Schema, name: &str) -> &'a mut TypeDef {
    schema
        .types
        .entry(name.to_owned())
        .or_insert_with(|| TypeDef::new(name, TypeKind::Complex))
}

/// Entity: the type or an ancestor declares `id` in a table. Everything else that is not an enum
/// is complex.
fn resolve_kinds(schema: &mut Schema) {
    let names: Vec<String> = schema.types.keys().cloned().collect();
    for name in names {
        if schema.types[&name].kind == TypeKind::Enum {
            continue;
        }
        let keyed = schema
            .all_properties(&name)
            .iter()
            .any(|(_, p)| p.name == "id" && p.origin == Origin::Table)
            || std::iter::once(&schema.types[&name])
                .chain(schema.ancestors(&name))
                .any(|t| t.key.is_some());
        let t = schema.types.get_mut(&name).expect("listed");
        t.kind = if keyed {
            TypeKind::Entity
        } else {
            TypeKind::Complex
        };
    }
}

fn report_undefined(
    schema: &Schema,
    references: &BTreeMap<String, Source>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for t in schema.types.values() {
        if t.shape == Shape::Open && t.kind != TypeKind::Enum {
            let at = references.get(&t.name).or(t.sources.first());
            if let Some(at) = at {
                diagnostics.push(
                    Diagnostic::new(
                        Code::UndefinedType,
                        at.span(),
                        format!("type `{}` is referenced but no page or example describes its properties", t.simple_name()),
                    )
                    .with_severity(Severity::Note)
                    .with_help("it is generated as an open type that keeps every property it receives"),
                );
            }
        }
    }
}

/// One enum members table: `# x enum type` pages, and `### x values` sections anywhere.
#[derive(Debug)]
struct EnumFact {
    name: String,
    members: Vec<EnumMember>,
    /// The heading says flags, or the values are distinct powers of two.
    flags: bool,
    source: Source,
}

fn clean_member(text: &str) -> String {
    text.trim()
        .trim_matches(['`', '*', '\'', '"', ' '])
        .trim()
        .to_owned()
}

fn enum_tables(
    page: &Page,
    kind: PageKind,
    subject: Option<&str>,
    ns: &str,
    names: &mut Names,
    out: &mut Vec<EnumFact>,
) {
    for table in &page.tables {
        let TableKind::EnumMembers {
            member,
            value,
            description,
        } = table.kind
        else {
            continue;
        };
        let section = table.section.as_deref().unwrap_or("").trim();
        let stated = section
            .strip_suffix(" values")
            .or_else(|| section.strip_suffix(" Values"))
            .map(|n| n.trim().trim_matches('`'))
            .filter(|n| is_type_word(n));
        let name = match (stated, kind, subject) {
            (Some(n), ..) => names.canonical(&qualify(n, ns)),
            (None, PageKind::Enum, Some(s)) => s.to_owned(),
            _ => continue,
        };
        let Some(name_col) = member.or(value) else {
            continue;
        };
        let mut members: Vec<EnumMember> = Vec::new();
        for row in &table.rows {
            let Some(cell) = row.cells.get(name_col) else {
                continue;
            };
            let member_name = clean_member(&cell.text);
            if member_name.is_empty() || members.iter().any(|m| m.name == member_name) {
                continue;
            }
            let numeric = value
                .filter(|&v| v != name_col)
                .and_then(|v| row.cells.get(v))
                .and_then(|c| clean_member(&c.text).parse::<i64>().ok());
            members.push(EnumMember {
                name: member_name,
                value: numeric,
                description: description
                    .and_then(|d| row.cells.get(d))
                    .map(|c| c.markdown.clone())
                    .filter(|d| !d.is_empty()),
                sources: vec![Source::new(&page.path, row.line)],
            });
        }
        let values: Vec<i64> = members.iter().filter_map(|m| m.value).collect();
        let powers = values.len() >= 3
            && values.len() == members.len()
            && values
                .iter()
                .all(|&v| v == 0 || (v > 0 && v & (v - 1) == 0))
            && values.iter().any(|&v| v > 2);
        let flags = section.to_ascii_lowercase().contains("flag") || powers;
        out.push(EnumFact {
            name,
            members,
            flags,
            source: Source::new(&page.path, table.line),
        });
    }
}

fn merge_enum_tables(schema: &mut Schema, facts: Vec<EnumFact>, diagnostics: &mut Vec<Diagnostic>) {
    for fact in facts {
        let t = ensure(schema, &fact.name);
        if t.kind != TypeKind::Enum && t.shape == Shape::Declared {
            diagnostics.push(Diagnostic::new(
                Code::PropertyTypeDisagreement,
                fact.source.span(),
                format!(
                    "`{}` has a values table here but a property table elsewhere",
                    simple_name(&fact.name)
                ),
            ));
            continue;
        }
        t.kind = TypeKind::Enum;
        t.shape = Shape::Declared;
        t.flags |= fact.flags;
        if !t.sources.contains(&fact.source) {
            t.sources.push(fact.source.clone());
        }
        for m in fact.members {
            match t.members.iter_mut().find(|x| x.name == m.name) {
                Some(existing) => {
                    existing.value = existing.value.or(m.value);
                    if existing.description.is_none() {
                        existing.description = m.description;
                    }
                    existing.sources.extend(m.sources);
                }
                None => t.members.push(m),
            }
        }
        t.sources.sort();
    }
}

/// The rows of a resource page's Methods tables.
fn method_rows(page: &Page, ns: &str, names: &mut Names) -> Vec<Method> {
    let mut out = Vec::new();
    for table in &page.tables {
        let TableKind::Methods {
            method,
            returns,
            description,
        } = table.kind
        else {
            continue;
        };
        for row in &table.rows {
            let Some(cell) = row.cells.get(method) else {
                continue;
            };
            let name = cell.text.trim().to_owned();
            if name.is_empty() {
                continue;
            }
            let returns =
                returns
                    .and_then(|r| row.cells.get(r))
                    .and_then(|c| match parse_type_cell(c, ns) {
                        TypeExpr::Known(t) if !c.text.trim().eq_ignore_ascii_case("none") => {
                            Some(TypeRef {
                                name: names.canonical(&t.name),
                                ..t
                            })
                        }
                        _ => None,
                    });
            out.push(Method {
                name,
                returns,
                description: description
                    .and_then(|d| row.cells.get(d))
                    .map(|c| c.markdown.clone())
                    .filter(|d| !d.is_empty()),
                source: Source::new(&page.path, row.line),
            });
        }
    }
    out
}
