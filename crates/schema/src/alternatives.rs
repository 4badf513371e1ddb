//! Type cells that offer alternatives (`[appHostedMediaConfig](...) or [serviceHostedMediaConfig](...)`,
//! v1.0 call.md:69): once bases are resolved, the property's type is the alternatives' nearest
//! common base, so that a value of either type is read as what its `@odata.type` says. With no
//! common base the property is untyped JSON. Either way a `GD0048` note says what was decided.

use crate::ir::*;
use graphgen_diag::{Code, Diagnostic};

/// The type itself, then its bases, nearest first (a cycle is cut before this runs; the walk
/// stops at a repeated name anyway).
fn chain(schema: &Schema, name: &str) -> Vec<String> {
    let mut out = vec![name.to_owned()];
    while let Some(base) = schema
        .types
        .get(out.last().unwrap())
        .and_then(|t| t.base.as_ref())
    {
        if out.contains(&base.name) {
            break;
        }
        out.push(base.name.clone());
    }
    out
}

pub(crate) fn resolve(schema: &mut Schema, diagnostics: &mut Vec<Diagnostic>) {
    let mut decided: Vec<(String, usize, Option<String>)> = Vec::new();
    for (owner, t) in &schema.types {
        for (i, p) in t.properties.iter().enumerate() {
            let Some((first, rest)) = p.alternatives.split_first() else {
                continue;
            };
            let chains: Vec<Vec<String>> = rest.iter().map(|a| chain(schema, a)).collect();
            let common = chain(schema, first)
                .into_iter()
                .find(|c| chains.iter().all(|ch| ch.contains(c)));
            decided.push((owner.clone(), i, common));
        }
    }
    for (owner, i, common) in decided {
        let p = &mut schema.types.get_mut(&owner).unwrap().properties[i];
        let listed = p
            .alternatives
            .iter()
            .map(|a| format!("`{}`", simple_name(a)))
            .collect::<Vec<_>>()
            .join(" or ");
        let (message, help) = match &common {
            Some(c) => {
                p.ty.name = c.clone();
                (
                    format!(
                        "`{}` is {listed}: typed as their common base `{}`",
                        p.name,
                        simple_name(c)
                    ),
                    "a value's `@odata.type` selects the subtype when it is read",
                )
            }
            None => {
                p.ty.name = "Edm.Untyped".to_owned();
                (
                    format!(
                        "`{}` is {listed}, which share no base: it is untyped JSON",
                        p.name
                    ),
                    "state the common base type of the alternatives on their pages",
                )
            }
        };
        diagnostics.push(
            Diagnostic::new(Code::AlternativeTypes, p.sources[0].span(), message).with_help(help),
        );
    }
}
