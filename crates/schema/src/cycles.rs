//! Inheritance cycles: a -> b -> a, a type that is its own base, a 3-cycle through "Inherited
//! from" rows. Rust cannot express them (the base traits would be their own supertraits), so each
//! cycle is cut at its weakest base statement, with a diagnostic naming every line of the cycle.

use crate::ir::{BaseEvidence, Schema};
use graphgen_diag::{Code, Diagnostic};

fn trust(e: &BaseEvidence) -> u8 {
    match e {
        BaseEvidence::Annotation => 4,
        BaseEvidence::Prose => 3,
        BaseEvidence::DerivedTypes => 2,
        BaseEvidence::InheritedRows => 1,
        BaseEvidence::Implied => 0,
    }
}

/// Finds every cycle of base types and drops one base of each (run after bases are resolved).
pub(crate) fn cut_cycles(schema: &mut Schema, diagnostics: &mut Vec<Diagnostic>) {
    let names: Vec<String> = schema.types.keys().cloned().collect();
    for start in names {
        loop {
            // Follow the chain from `start` until it ends or repeats.
            let mut path: Vec<String> = vec![start.clone()];
            let cycle = loop {
                let last = path.last().expect("path starts non-empty");
                let Some(base) = schema.types.get(last).and_then(|t| t.base.as_ref()) else {
                    break None;
                };
                if !schema.types.contains_key(&base.name) {
                    break None;
                }
                if let Some(i) = path.iter().position(|p| *p == base.name) {
                    break Some(path[i..].to_vec());
                }
                path.push(base.name.clone());
            };
            let Some(cycle) = cycle else { break };
            // The member whose base statement is least trusted loses it (ties: the last name).
            let cut = cycle
                .iter()
                .max_by_key(|n| {
                    let b = schema.types[*n].base.as_ref().expect("in a cycle");
                    (std::cmp::Reverse(trust(&b.evidence)), (*n).clone())
                })
                .expect("a cycle has members")
                .clone();
            let mut chain: Vec<&str> = cycle.iter().map(|n| crate::ir::simple_name(n)).collect();
            chain.push(crate::ir::simple_name(&cycle[0]));
            let base = schema.types[&cut].base.clone().expect("in a cycle");
            let at = base
                .sources
                .first()
                .cloned()
                .or_else(|| schema.types[&cut].sources.first().cloned());
            if let Some(at) = at {
                let mut d = Diagnostic::new(
                    Code::InheritanceCycle,
                    at.span(),
                    format!(
                        "inheritance cycle {}; the base `{}` of `{}` is dropped",
                        chain.join(" -> "),
                        crate::ir::simple_name(&base.name),
                        crate::ir::simple_name(&cut)
                    ),
                )
                .with_help(
                    "a type cannot derive from itself; fix the base type on one of these pages",
                );
                for member in &cycle {
                    if let Some(b) = schema.types[member].base.as_ref() {
                        for s in &b.sources {
                            if Some(s) != base.sources.first() {
                                d = d.with_related(
                                    s.span(),
                                    format!(
                                        "`{}` derives from `{}` here",
                                        crate::ir::simple_name(member),
                                        crate::ir::simple_name(&b.name)
                                    ),
                                );
                            }
                        }
                    }
                }
                diagnostics.push(d);
            }
            if let Some(t) = schema.types.get_mut(&cut) {
                t.base = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use graphgen_diag::Code;
    use std::sync::Arc;

    fn build(pages: &[(&str, &str)]) -> crate::Built {
        let pages: Vec<_> = pages
            .iter()
            .map(|(path, text)| graphgen_parse::parse_page(Arc::from(*path), text).page)
            .collect();
        crate::build(&pages)
    }

    fn resource(name: &str, base: &str) -> String {
        format!("# {name} resource type\n\nInherits from [{base}]({base}.md).\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| {name}Name | String | A name. |\n")
    }

    fn cycles(built: &crate::Built) -> Vec<&graphgen_diag::Diagnostic> {
        built
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::InheritanceCycle)
            .collect()
    }

    fn acyclic(built: &crate::Built) {
        for t in built.schema.types.values() {
            let chain = built.schema.ancestors(&t.name);
            let last = chain.last().map_or(t, |a| *a);
            assert!(
                last.base
                    .as_ref()
                    .is_none_or(|b| !built.schema.types.contains_key(&b.name)),
                "{} still has a cycle",
                t.name
            );
        }
    }

    #[test]
    fn inheritance_cycle_a_b_a_is_cut_with_a_diagnostic_naming_both_lines() {
        let built = build(&[
            ("resources/a.md", &resource("a", "b")),
            ("resources/b.md", &resource("b", "a")),
        ]);
        let found = cycles(&built);
        assert_eq!(found.len(), 1, "{:?}", built.diagnostics);
        let d = found[0];
        assert!(
            d.message.contains("a -> b -> a") || d.message.contains("b -> a -> b"),
            "{}",
            d.message
        );
        let mut lines: Vec<(String, u32)> = std::iter::once(&d.span)
            .chain(d.related.iter().map(|r| &r.span))
            .map(|s| (s.file.to_string(), s.line))
            .collect();
        lines.sort();
        assert_eq!(
            lines,
            [("resources/a.md".into(), 3), ("resources/b.md".into(), 3)]
        );
        acyclic(&built);
    }

    #[test]
    fn self_inheritance_is_cut_with_a_diagnostic() {
        let built = build(&[("resources/a.md", &resource("a", "a"))]);
        let found = cycles(&built);
        assert_eq!(found.len(), 1, "{:?}", built.diagnostics);
        assert!(found[0].message.contains("a -> a"), "{}", found[0].message);
        assert_eq!(found[0].span.line, 3);
        acyclic(&built);
    }

    #[test]
    fn three_cycle_through_inherited_from_rows_is_cut() {
        let rows = |name: &str, from: &str| {
            format!("# {name} resource type\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| {name}Own | String | Own. |\n| {from}Name | String | Inherited from [{from}]({from}.md). |\n")
        };
        let built = build(&[
            ("resources/a.md", &rows("a", "b")),
            ("resources/b.md", &rows("b", "c")),
            ("resources/c.md", &rows("c", "a")),
        ]);
        acyclic(&built);
        let found = cycles(&built);
        assert_eq!(found.len(), 1, "{:?}", built.diagnostics);
        assert_eq!(
            1 + found[0].related.len(),
            3,
            "names all three lines: {:?}",
            found[0]
        );
    }
}
