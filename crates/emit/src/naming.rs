//! Rust names of every type (structs, `XProperties` traits, `AnyX` unions), resolved once so that
//! every reference agrees, and the doc-link resolver that points Markdown links at them.

use crate::names::{type_name, Scope};
use crate::{docs, ident, module_path, path_tokens};
use graphgen_diag::{Code, Diagnostic};
use graphgen_schema::Schema;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Rust names of every type, resolved once so that every reference agrees.
pub(crate) struct Naming {
    pub(crate) types: HashMap<String, (Vec<String>, String)>,
    pub(crate) traits: HashMap<String, String>,
    /// For each base type, its polymorphic enum (`AnyDirectoryObject`).
    pub(crate) anys: HashMap<String, String>,
}

impl Naming {
    pub(crate) fn new(
        schema: &Schema,
        bases: &BTreeSet<String>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Self {
        let mut scopes: BTreeMap<Vec<String>, Scope> = BTreeMap::new();
        let mut types = HashMap::new();
        let mut traits = HashMap::new();
        for t in schema.types.values() {
            let module = module_path(&t.namespace);
            let scope = scopes.entry(module.clone()).or_default();
            let (name, collision) = scope.claim(type_name(t.simple_name()), &t.name);
            if let Some(c) = collision {
                diagnostics.push(collision_diagnostic(
                    schema, &t.name, &c.holder, &c.wanted, &c.given,
                ));
            }
            types.insert(t.name.clone(), (module, name));
        }
        for b in bases {
            let (module, name) = types[b].clone();
            let scope = scopes.entry(module).or_default();
            let (trait_name, _) =
                scope.claim(format!("{}Properties", name.trim_start_matches("r#")), b);
            traits.insert(b.clone(), trait_name);
        }
        let mut anys = HashMap::new();
        for b in bases {
            let (module, name) = types[b].clone();
            let scope = scopes.entry(module).or_default();
            let (any_name, _) = scope.claim(format!("Any{}", name.trim_start_matches("r#")), b);
            anys.insert(b.clone(), any_name);
        }
        Naming {
            types,
            traits,
            anys,
        }
    }

    /// The path of the polymorphic enum of a base type.
    pub(crate) fn any_path_in(&self, qualified: &str, root: &TokenStream) -> TokenStream {
        let (module, _) = &self.types[qualified];
        let module = module.iter().map(|s| ident(s));
        let name = ident(&self.anys[qualified]);
        quote!(#root #(:: #module)* :: #name)
    }

    pub(crate) fn path_in(&self, qualified: &str, root: &TokenStream) -> TokenStream {
        let (module, name) = &self.types[qualified];
        let module = module.iter().map(|s| ident(s));
        let name = ident(name);
        quote!(#root #(:: #module)* :: #name)
    }

    pub(crate) fn trait_path(&self, qualified: &str) -> TokenStream {
        let (module, _) = &self.types[qualified];
        let module = path_tokens(module);
        let name = ident(&self.traits[qualified]);
        quote!(#module :: #name)
    }

    pub(crate) fn doc_path(&self, qualified: &str) -> String {
        self.doc_path_in(qualified, "crate")
    }

    /// The doc-link path of a type from `root` (`crate`, or the models crate's name from the
    /// operations crate).
    pub(crate) fn doc_path_in(&self, qualified: &str, root: &str) -> String {
        let (module, name) = &self.types[qualified];
        format!(
            "{root}::{}::{}",
            module.join("::"),
            name.trim_start_matches("r#")
        )
    }
}

fn collision_diagnostic(
    schema: &Schema,
    wire: &str,
    holder: &str,
    wanted: &str,
    given: &str,
) -> Diagnostic {
    let span = |name: &str| {
        schema
            .types
            .get(name)
            .and_then(|t| t.sources.first())
            .map(|s| s.span())
            .unwrap_or_else(|| graphgen_diag::Span::line(&std::sync::Arc::from("<schema>"), 1))
    };
    let mut d = Diagnostic::new(
        Code::NameCollision,
        span(wire),
        format!("`{wire}` and `{holder}` both become `{wanted}` in Rust; `{wire}` is emitted as `{given}`"),
    )
    .with_severity(graphgen_diag::Severity::Warning);
    if schema.types.contains_key(holder) {
        d = d.with_related(span(holder), format!("`{holder}` is defined here"));
    }
    d
}

pub(crate) struct Resolver<'a> {
    pub(crate) schema: &'a Schema,
    pub(crate) naming: &'a Naming,
    pub(crate) namespace: String,
    /// Where links start: `crate`, or the models crate's name from the operations crate.
    pub(crate) root: String,
}

impl docs::LinkResolver for Resolver<'_> {
    fn resolve(&self, text: &str, dest: &str) -> Option<String> {
        let stem = graphgen_schema::page_stem(dest)?;
        for candidate in [text, stem] {
            let qualified = format!("{}.{}", self.namespace, candidate);
            let found = self
                .schema
                .types
                .keys()
                .find(|k| k.eq_ignore_ascii_case(&qualified));
            if let Some(k) = found {
                return Some(self.naming.doc_path_in(k, &self.root));
            }
        }
        None
    }
}
