//! Bases: what each page says a type inherits from, and choosing one base per type; kinds.

use crate::build::Facts;
use crate::ir::*;
use crate::names::{ensure, is_type_word, qualify, Names};
use graphgen_diag::{Code, Diagnostic};
use graphgen_parse::Page;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone)]
pub(crate) struct BaseFact {
    pub(crate) child: String,
    pub(crate) base: String,
    pub(crate) evidence: BaseEvidence,
    pub(crate) source: Source,
}

/// What a resource page states about its subject: the "Inherits from" sentence, and the resource
/// annotation's `baseType`, `keyProperty`, `abstract` and `openType`.
pub(crate) fn resource_statements(
    page: &Page,
    subject: &str,
    ns: &str,
    names: &mut Names,
    facts: &mut Facts,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for statement in &page.base_statements {
        let source = Source::new(&page.path, statement.line);
        // The link text names the base; when it is prose ("Conditional Access Session
        // Control"), the target page's name does.
        let named = match (&statement.link, &statement.name) {
            (Some(link), _) => link_names(page, link, ns, names)
                .first()
                .map(|n| names.canonical(n)),
            // A bare name counts when a page declares that type: "Inherits from directoryObject."
            (None, Some(name)) if names.is_known(&qualify(name, ns)) => {
                Some(names.canonical(&qualify(name, ns)))
            }
            _ => None,
        };
        // A type named its own base is a statement too: `cycles.rs` cuts and reports it.
        match named {
            Some(base) => facts.bases.push(BaseFact {
                child: subject.to_owned(),
                base,
                evidence: BaseEvidence::Prose,
                source,
            }),
            None => {
                let what = match (&statement.link, &statement.name) {
                    (Some(link), _) => format!("links `{}`, which is not a type name", link.text),
                    (None, Some(name)) => format!("names `{name}`, which no page declares"),
                    (None, None) => "names no type".to_owned(),
                };
                diagnostics.push(
                    Diagnostic::new(
                        Code::UnnamedBase,
                        source.span(),
                        format!(
                            "\"{}\" sentence {what}; the base of `{}` is not read from it",
                            statement.phrase,
                            simple_name(subject)
                        ),
                    )
                    .with_help("link the base type's page: Inherits from [x](x.md)"),
                );
            }
        }
    }
    // The base page names its children: child -> base facts, trusted below the child's own.
    for link in &page.derived_types {
        let source = Source::new(&page.path, link.line);
        let child = link_names(page, link, ns, names)
            .into_iter()
            .find(|n| names.is_known(n));
        match child {
            Some(child) => facts.bases.push(BaseFact {
                child: names.canonical(&child),
                base: subject.to_owned(),
                evidence: BaseEvidence::DerivedTypes,
                source,
            }),
            None => diagnostics.push(
                Diagnostic::new(
                    Code::UnreadStatement,
                    source.span(),
                    format!(
                        "derived type [{}] is not read: no page declares the type it links",
                        link.text
                    ),
                )
                .with_severity(graphgen_diag::Severity::Note),
            ),
        }
    }
    // "This is an _open type_ that represents ..." (callRecords feedbackTokenSet): the lead says
    // what the annotation would; an annotation's `openType` below still decides.
    if page.lead.iter().any(|p| says_open_type(&p.value)) {
        facts.flags.entry(subject.to_owned()).or_default().1 = Some(true);
    }
    for block in &page.code_blocks {
        let Some(a) = &block.annotation else { continue };
        if a.block_type() != Some("resource") {
            continue;
        }
        if a.fields.contains_key("abstract") {
            facts.flags.entry(subject.to_owned()).or_default().0 = Some(a.bool_field("abstract"));
        }
        if let Some(key) = a.str_field("keyProperty") {
            facts.keys.insert(subject.to_owned(), key.to_owned());
        }
        if a.fields.contains_key("openType") {
            facts.flags.entry(subject.to_owned()).or_default().1 = Some(a.bool_field("openType"));
        }
        // `"baseType": ""` (2020-style pages) and `null` say the type has no base: no fact.
        let base = a
            .str_field("baseType")
            .map(str::trim)
            .filter(|b| !b.is_empty());
        if let Some(base) = base.filter(|b| !is_type_word(b.trim_start_matches('#'))) {
            diagnostics.push(
                Diagnostic::new(
                    Code::InvalidTypeName,
                    Source::new(&page.path, a.line).span(),
                    format!(
                        "`{}` is not a type name, so it states no base type",
                        base.escape_debug()
                    ),
                )
                .with_help(
                    "a type name is letters, digits, `.` and `_`, like `microsoft.graph.entity`",
                ),
            );
            continue;
        }
        if let Some(base) = base {
            facts.bases.push(BaseFact {
                child: subject.to_owned(),
                base: names.canonical(&qualify(base, ns)),
                evidence: BaseEvidence::Annotation,
                source: Source::new(&page.path, a.line),
            });
        }
    }
}

/// The type names a link offers, qualified by the namespace of the page it points at: its text,
/// then (when the text is prose such as "Conditional Access Session Control") its page's name.
fn link_names(page: &Page, link: &graphgen_parse::Link, ns: &str, names: &Names) -> Vec<String> {
    let link_ns = names.pages.link_namespace(&page.path, link).unwrap_or(ns);
    [Some(link.text.trim().trim_matches('`')), link.target_page()]
        .into_iter()
        .flatten()
        .filter(|n| is_type_word(n))
        .map(|n| qualify(n, link_ns))
        .collect()
}

/// A sentence that calls the page's type an open type: "This is an _open type_", "is an open
/// type"; "not an open type" does not.
fn says_open_type(text: &str) -> bool {
    let plain: String = text
        .to_ascii_lowercase()
        .chars()
        .filter(|c| !matches!(c, '_' | '*' | '`'))
        .collect();
    ["is an open type", "this open type"]
        .iter()
        .any(|p| plain.contains(p))
        && !plain.contains("not an open type")
}

/// Chooses each type's base by the order of trust annotation > prose > "Inherited from" rows,
/// and reports where the kinds of evidence disagree.
pub(crate) fn resolve_bases(
    schema: &mut Schema,
    facts: Vec<BaseFact>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut by_child: BTreeMap<String, Vec<BaseFact>> = BTreeMap::new();
    for f in facts {
        by_child.entry(f.child.clone()).or_default().push(f);
    }
    // Direct statements first, each child's most trusted one...
    let mut direct_by_child: BTreeMap<&String, Vec<&BaseFact>> = BTreeMap::new();
    for (child, facts) in &by_child {
        let mut direct: Vec<&BaseFact> = facts
            .iter()
            .filter(|f| f.evidence != BaseEvidence::InheritedRows)
            .collect();
        direct.sort_by_key(|f| (f.evidence, f.source.clone()));
        let Some(chosen) = direct.first() else {
            continue;
        };
        set_base(schema, child, chosen, &direct);
        direct_by_child.insert(child, direct);
    }
    // ...then the more specific of two statements where one base is an ancestor of the other
    // (orgContact: annotation `entity`, prose "Inherits from [directoryObject]", which derives
    // from entity). Repeated, since a choice can make another base an ancestor; each step goes
    // down one level, so it ends.
    for _ in 0..direct_by_child.len().max(1) {
        let mut changed = false;
        for (child, direct) in &direct_by_child {
            let current = schema.types[*child]
                .base
                .as_ref()
                .expect("set")
                .name
                .clone();
            let more_specific = direct.iter().find(|f| {
                f.base != current
                    && f.base != **child
                    && schema.ancestors(&f.base).iter().any(|a| a.name == current)
                    && !schema.ancestors(&f.base).iter().any(|a| &a.name == *child)
            });
            if let Some(f) = more_specific {
                set_base(schema, child, f, direct);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    for (child, direct) in &direct_by_child {
        let chosen = schema.types[*child].base.clone().expect("set");
        let at = &chosen.sources[0];
        for other in direct.iter().filter(|f| f.base != chosen.name) {
            let ancestor = schema
                .ancestors(&chosen.name)
                .iter()
                .any(|a| a.name == other.base);
            let (chosen_name, evidence) =
                (simple_name(&chosen.name), evidence_name(chosen.evidence));
            let rest = if ancestor {
                format!(", an ancestor of `{chosen_name}`, which its {evidence} states; the more specific base is used")
            } else {
                format!(", but from `{chosen_name}` per its {evidence}")
            };
            let message = format!(
                "`{}` inherits from `{}` here{rest}",
                simple_name(child),
                simple_name(&other.base)
            );
            diagnostics.push(
                Diagnostic::new(Code::InheritanceDisagreement, other.source.span(), message)
                    .with_related(at.span(), "the base the generator uses"),
            );
        }
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

/// Sets `child`'s base to `chosen.base`, with the sources of every direct statement naming it.
fn set_base(schema: &mut Schema, child: &str, chosen: &BaseFact, direct: &[&BaseFact]) {
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

fn evidence_name(e: BaseEvidence) -> &'static str {
    match e {
        BaseEvidence::Annotation => "resource annotation",
        BaseEvidence::Prose => "\"Inherits from\" sentence",
        BaseEvidence::DerivedTypes => "base page's list of derived types",
        BaseEvidence::InheritedRows => "\"Inherited from\" rows",
        BaseEvidence::Implied => "implied root",
    }
}
