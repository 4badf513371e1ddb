//! Merging pages into one [`Schema`]: the passes run in order, page by page, then resolved.
//! Each pass lives in its own module; this file only orchestrates them.

use crate::areas;
use crate::bases::{self, BaseFact};
use crate::descriptions;
use crate::enums::{self, EnumFact};
use crate::infer;
use crate::ir::*;
use crate::methods;
use crate::names::{ensure, is_type_word, page_namespace, qualify, Names, PageInfo};
use crate::properties::{self, PropFact};
use crate::subject::{page_subject, title_says_deprecated, PageKind};
use graphgen_diag::{Code, Diagnostic, Severity};
use graphgen_parse::Page;
use std::collections::{BTreeMap, HashMap};

pub use crate::names::DEFAULT_NAMESPACE;

/// What the pages state, collected page by page before anything is resolved.
#[derive(Debug, Default)]
pub(crate) struct Facts {
    /// Tables some pass read (page, line of the table), for the accounting (`unread.rs`).
    pub(crate) used: crate::unread::Used,
    pub(crate) props: Vec<PropFact>,
    pub(crate) bases: Vec<BaseFact>,
    pub(crate) declared: BTreeMap<String, (TypeKind, Vec<Source>)>,
    pub(crate) references: BTreeMap<String, Source>,
    pub(crate) enum_facts: Vec<EnumFact>,
    pub(crate) keys: BTreeMap<String, String>,
    pub(crate) methods: BTreeMap<String, Vec<Method>>,
    /// Rows the page's JSON representation contradicts (properties.rs).
    pub(crate) contradicted: Vec<properties::Contradicted>,
    /// (abstract, openType) stated by resource annotations.
    pub(crate) flags: BTreeMap<String, (Option<bool>, Option<bool>)>,
    /// "Inherited from [x]" rows, checked against the bases once they are known.
    pub(crate) inherited_rows: Vec<crate::kinds::InheritedRow>,
    /// Types whose describing page's title says "(deprecated)".
    pub(crate) deprecated: BTreeMap<String, Source>,
    /// Descriptions from the leads of declaring pages (`descriptions.rs`).
    pub(crate) descriptions: BTreeMap<String, descriptions::Description>,
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
    let mut facts = Facts::default();
    let mut subjects: HashMap<std::sync::Arc<str>, (PageKind, Option<String>)> = HashMap::new();

    // Types that pages declare (resource and enum pages) register their spelling first, so that
    // a link or a lowercase file name seen earlier never decides how a type is spelled.
    // The same pass indexes every page (path order) with its namespace and the type it
    // declares: a link is qualified by the namespace of the page it points at, and a name in a
    // foreign namespace is read as the microsoft.graph type a page declares (names.rs).
    for page in &pages {
        let mut scratch = Names::default();
        let (declares, declares_enum) = match page_subject(page, &mut scratch) {
            (kind @ (PageKind::Resource | PageKind::Enum), Some((subject, _))) => {
                (Some(names.canonical(&subject)), kind == PageKind::Enum)
            }
            _ => (None, false),
        };
        let namespace = page_namespace(page);
        for annotated in page
            .code_blocks
            .iter()
            .filter_map(|b| b.annotation.as_ref())
            .filter(|a| a.block_type() == Some("resource"))
            .filter_map(|a| a.odata_type())
            .map(|t| t.trim().trim_start_matches('#'))
            .filter(|t| is_type_word(t))
        {
            names.pages.declare(&qualify(annotated, &namespace));
        }
        names.pages.add(
            &page.path,
            PageInfo {
                namespace,
                declares,
                declares_enum,
            },
        );
    }
    for page in &pages {
        let ns = page_namespace(page);
        let (kind, subject) = match page_subject(page, &mut names) {
            (PageKind::Other, None) => crate::operations::parameter_subject(page, &ns, &mut names)
                .map_or((PageKind::Other, None), |s| (PageKind::Action, Some(s))),
            found => found,
        };
        if kind == PageKind::CreateOrUpdate || kind == PageKind::Other {
            diagnostics.extend(crate::subject::title_word_diagnostic(page, &mut names));
        }
        subjects.insert(
            page.path.clone(),
            (kind, subject.as_ref().map(|s| s.0.clone())),
        );
        enums::enum_tables(
            page,
            kind,
            subject.as_ref().map(|s| s.0.as_str()),
            &ns,
            &mut names,
            &mut facts,
            &mut diagnostics,
        );
        let Some((subject, subject_source)) = subject else {
            continue;
        };
        match kind {
            PageKind::Resource => {
                let entry = facts
                    .declared
                    .entry(subject.clone())
                    .or_insert((TypeKind::Complex, Vec::new()));
                entry.1.push(subject_source.clone());
            }
            PageKind::Enum => {
                let entry = facts
                    .declared
                    .entry(subject.clone())
                    .or_insert((TypeKind::Enum, Vec::new()));
                entry.1.push(subject_source.clone());
            }
            _ => {}
        }
        if matches!(kind, PageKind::Resource | PageKind::Enum) {
            descriptions::offer(&mut facts.descriptions, &subject, page);
        }
        if kind == PageKind::Resource {
            bases::resource_statements(
                page,
                &subject,
                &ns,
                &mut names,
                &mut facts,
                &mut diagnostics,
            );
            if page
                .title
                .as_ref()
                .is_some_and(|t| title_says_deprecated(&t.value))
            {
                facts
                    .deprecated
                    .entry(subject.clone())
                    .or_insert(subject_source.clone());
            }
        }
        if kind == PageKind::Resource {
            facts
                .methods
                .entry(subject.clone())
                .or_default()
                .extend(methods::method_rows(page, &ns, &mut names, &mut facts.used));
        }
        properties::page_rows(
            page,
            kind,
            &subject,
            &ns,
            &mut names,
            &mut facts,
            &mut diagnostics,
        );
    }

    let mut schema = Schema::default();
    for (name, (kind, sources)) in facts.declared {
        let mut t = TypeDef::new(&name, kind);
        t.sources = sources;
        if kind != TypeKind::Enum {
            t.shape = Shape::Declared;
        }
        schema.types.insert(name, t);
    }
    crate::merge::merge_properties(&mut schema, facts.props, &mut diagnostics);
    enums::merge_enum_tables(&mut schema, facts.enum_facts, &mut diagnostics);
    bases::resolve_bases(&mut schema, facts.bases, &mut diagnostics);
    crate::cycles::cut_cycles(&mut schema, &mut diagnostics);
    crate::alternatives::resolve(&mut schema, &mut diagnostics);
    for (name, source) in &facts.references {
        schema.types.entry(name.clone()).or_insert_with(|| {
            let mut t = TypeDef::new(name, TypeKind::Complex);
            t.sources.push(source.clone());
            t
        });
    }
    for (name, found) in facts.descriptions {
        let t = ensure(&mut schema, &name);
        t.description = Some(found.text);
        t.description_source = Some(found.source);
    }
    for (name, key) in facts.keys {
        ensure(&mut schema, &name).key = Some(key);
    }
    for (name, rows) in facts.methods.into_iter().filter(|(_, m)| !m.is_empty()) {
        ensure(&mut schema, &name).methods = rows;
    }
    for (name, (is_abstract, open)) in facts.flags {
        let t = ensure(&mut schema, &name);
        t.is_abstract = is_abstract;
        t.open = open;
    }
    for (name, source) in facts.deprecated {
        ensure(&mut schema, &name).deprecated = Some(source);
    }
    properties::confirm_contradicted(&mut schema, &pages, facts.contradicted, &mut diagnostics);
    infer::examples(&mut schema, &pages, &subjects, &mut names, &mut diagnostics);
    crate::operations::build(&mut schema, &pages, &subjects, &mut names, &mut diagnostics);
    crate::cycles::cut_cycles(&mut schema, &mut diagnostics);
    let managed: std::collections::BTreeSet<String> = subjects
        .values()
        .filter(|(kind, _)| *kind == PageKind::CreateOrUpdate)
        .filter_map(|(_, subject)| subject.clone())
        .collect();
    crate::kinds::resolve_kinds(&mut schema, &managed);
    crate::kinds::imply_root(&mut schema);
    crate::kinds::keep_keys(&mut schema, &facts.inherited_rows, &mut diagnostics);
    areas::assign(&mut schema, &pages, &subjects, &mut diagnostics);
    report_undefined(&schema, &facts.references, &mut diagnostics);
    crate::unread::report(&schema, &pages, &subjects, &facts.used, &mut diagnostics);
    crate::legacy::report(&pages, &names, &mut diagnostics);
    names.report(&schema, &mut diagnostics);
    Built {
        schema,
        diagnostics,
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
