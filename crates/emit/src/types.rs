//! Rust types of properties (primitives, boxing of recursive fields, `AnyX` for base types),
//! the reachability that decides boxing, and type-level doc comments.

use crate::naming::Resolver;
use crate::{docs, Emitter};
use graphgen_schema::{Schema, TypeDef, TypeKind, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeSet, HashMap};

impl Emitter<'_> {
    pub(crate) fn rust_type(&self, ty: &TypeRef, boxed: bool) -> TokenStream {
        self.rust_type_in(ty, boxed, &quote!(crate))
    }

    /// The Rust type of `ty`, with generated paths starting at `root` (`crate` inside the crate,
    /// `::graph_models` from its tests).
    pub(crate) fn rust_type_in(
        &self,
        ty: &TypeRef,
        boxed: bool,
        root: &TokenStream,
    ) -> TokenStream {
        self.rust_type_at(ty, boxed, root, &quote!(#root::runtime))
    }

    /// [`Self::rust_type_in`] with the runtime's types at `runtime` (`::graphgen_runtime` in the
    /// operations crate, which names the models crate's types from outside).
    pub(crate) fn rust_type_at(
        &self,
        ty: &TypeRef,
        boxed: bool,
        root: &TokenStream,
        runtime: &TokenStream,
    ) -> TokenStream {
        let inner = match ty.name.as_str() {
            "Edm.String" | "Edm.Stream" => quote!(::std::string::String),
            "Edm.Boolean" => quote!(bool),
            "Edm.Int16" => quote!(i16),
            "Edm.Int32" => quote!(i32),
            "Edm.Int64" => quote!(i64),
            "Edm.Byte" => quote!(u8),
            "Edm.SByte" => quote!(i8),
            "Edm.Double" => quote!(#runtime::Double),
            "Edm.Single" => quote!(#runtime::Single),
            "Edm.Decimal" => quote!(#runtime::Decimal),
            "Edm.DateTimeOffset" => quote!(#runtime::DateTimeOffset),
            "Edm.Date" => quote!(#runtime::Date),
            "Edm.TimeOfDay" => quote!(#runtime::TimeOfDay),
            "Edm.Duration" => quote!(#runtime::Duration),
            "Edm.Guid" => quote!(#runtime::Guid),
            "Edm.Binary" => quote!(#runtime::Binary),
            name if name.starts_with("Edm.") => quote!(::serde_json::Value),
            name => match self.schema.types.get(name) {
                Some(t) if t.kind == TypeKind::Enum && t.flags => {
                    let path = self.naming.path_in(name, root);
                    quote!(#runtime::Flags<#path>)
                }
                // A base type: the value may be any derived type, chosen by `@odata.type`.
                Some(_) if self.naming.anys.contains_key(name) => {
                    self.naming.any_path_in(name, root)
                }
                Some(_) => {
                    let path = self.naming.path_in(name, root);
                    if boxed && !ty.collection {
                        quote!(::std::boxed::Box<#path>)
                    } else {
                        path
                    }
                }
                None => quote!(::serde_json::Value),
            },
        };
        if ty.collection {
            quote!(::std::vec::Vec<#inner>)
        } else {
            inner
        }
    }

    /// The structured types a value of `from` holds inline (not through a collection), directly
    /// or transitively. Memoized: each type is walked once.
    fn reach(&self, from: &str) -> std::rc::Rc<BTreeSet<String>> {
        if let Some(r) = self.reach_memo.borrow().get(from) {
            return r.clone();
        }
        let mut seen = BTreeSet::new();
        let mut stack: Vec<&str> = self
            .inline_edges
            .get(from)
            .map(|v| v.iter().map(String::as_str).collect())
            .unwrap_or_default();
        while let Some(t) = stack.pop() {
            if seen.insert(t.to_owned()) {
                if let Some(next) = self.inline_edges.get(t) {
                    stack.extend(next.iter().map(String::as_str));
                }
            }
        }
        let r = std::rc::Rc::new(seen);
        self.reach_memo
            .borrow_mut()
            .insert(from.to_owned(), r.clone());
        r
    }

    /// Whether the field `p` declared by `owner` is boxed: its type can hold the owner, or a type
    /// derived from the owner, inline, which would make the struct infinitely large. The answer
    /// is the same in the owner and in every type that copies the field, so that trait
    /// accessors agree with every struct.
    pub(crate) fn boxed(&self, owner: &str, p: &graphgen_schema::Property) -> bool {
        if p.ty.is_primitive() || p.ty.collection {
            return false;
        }
        let reach = self.reach(&p.ty.name);
        reach.contains(owner)
            || self
                .descendants
                .get(owner)
                .is_some_and(|ds| ds.iter().any(|d| reach.contains(d)))
    }

    /// A type whose values are any JSON (`Shape::Any`, v1.0 `Json`): an alias of
    /// `serde_json::Value` under the documented name, so fields name the type the docs name and
    /// read every value (`[[1, "a"]]`, `4.75`, `{}`) unchanged.
    pub(crate) fn emit_any_json(&self, t: &TypeDef) -> TokenStream {
        let name = crate::ident(&self.naming.types[&t.name].1);
        let doc = crate::doc_attrs(&self.type_doc(t));
        quote! {
            #doc
            pub type #name = ::serde_json::Value;
        }
    }

    pub(crate) fn resolver(&self, t: &TypeDef) -> Resolver<'_> {
        Resolver {
            schema: self.schema,
            naming: &self.naming,
            namespace: t.namespace.clone(),
            root: "crate".to_owned(),
        }
    }

    pub(crate) fn type_doc(&self, t: &TypeDef) -> Vec<String> {
        let mut lines = Vec::new();
        // The page's lead: each paragraph becomes one doc paragraph.
        if let Some(d) = &t.description {
            let resolver = self.resolver(t);
            for paragraph in d.split("\n\n") {
                let converted = docs::convert(paragraph, &resolver);
                if !converted.is_empty() {
                    lines.push(converted);
                    lines.push(String::new());
                }
            }
        }
        let kind = match t.kind {
            TypeKind::Entity => "entity type",
            TypeKind::Complex => "complex type",
            TypeKind::Enum => "enum type",
        };
        lines.push(format!("`{}` ({kind}).", t.name));
        if let Some(source) = &t.deprecated {
            lines.push(String::new());
            lines.push(crate::docs::deprecated_note(&source.to_string()));
        }
        if let Some(base) = &t.base {
            if self.naming.types.contains_key(&base.name)
                && self.naming.traits.contains_key(&base.name)
            {
                lines.push(String::new());
                lines.push(format!(
                    "Derived from [`{}`]({}); its properties are repeated here and reachable through [`{}`]({}).",
                    self.naming.types[&base.name].1.trim_start_matches("r#"),
                    self.naming.doc_path(&base.name),
                    self.naming.traits[&base.name],
                    self.trait_doc_path(&base.name),
                ));
            }
        }
        match t.shape {
            graphgen_schema::Shape::Inferred => {
                lines.push(String::new());
                lines.push("No page describes this type's properties; they were inferred from example bodies.".into());
            }
            graphgen_schema::Shape::Any => {
                lines.push(String::new());
                lines.push("The docs declare no property of this type and give it values that are not objects (numbers, arrays): any JSON value, kept as received.".into());
            }
            graphgen_schema::Shape::Open if t.kind != TypeKind::Enum => {
                lines.push(String::new());
                lines.push("No page describes this type's properties; every property received is kept in `additional`.".into());
            }
            _ => {}
        }
        lines
    }

    fn trait_doc_path(&self, qualified: &str) -> String {
        let (module, _) = &self.naming.types[qualified];
        format!(
            "crate::{}::{}",
            module.join("::"),
            self.naming.traits[qualified]
        )
    }
}

pub(crate) fn inline_edges(
    schema: &Schema,
    bases: &BTreeSet<String>,
) -> HashMap<String, Vec<String>> {
    schema
        .types
        .values()
        .filter(|t| t.kind != TypeKind::Enum)
        .map(|t| {
            let edges = schema
                .all_properties(&t.name)
                .into_iter()
                .filter(|(_, p)| !p.ty.collection && !p.ty.is_primitive())
                .filter(|(_, p)| {
                    schema
                        .types
                        .get(&p.ty.name)
                        .is_some_and(|x| x.kind != TypeKind::Enum)
                })
                // A field typed with a base type holds its `AnyX` enum, whose variants are boxed.
                .filter(|(_, p)| !bases.contains(&p.ty.name))
                .map(|(_, p)| p.ty.name.clone())
                .collect();
            (t.name.clone(), edges)
        })
        .collect()
}

pub(crate) fn descendants(schema: &Schema) -> HashMap<String, Vec<String>> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for t in schema.types.values() {
        for a in schema.ancestors(&t.name) {
            out.entry(a.name.clone()).or_default().push(t.name.clone());
        }
    }
    out
}
