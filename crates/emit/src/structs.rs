//! Structs (one per entity or complex type, with every inherited property copied in) and the
//! `XProperties` trait of each base type.

use crate::names::{field_name, Scope};
use crate::{doc_attrs, docs, ident, Emitter, ODATA_TYPE};
use graphgen_diag::{Code, Diagnostic};
use graphgen_schema::TypeDef;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

impl Emitter<'_> {
    pub(crate) fn emit_struct(&mut self, t: &TypeDef) -> TokenStream {
        let name = ident(&self.naming.types[&t.name].1);
        let doc = doc_attrs(&self.type_doc(t));
        let mut scope = Scope::with_reserved(&["odata_type", "additional"]);
        let mut fields = Vec::new();
        // The `Model` impl: a table of names and two arrays of the fields as type-erased
        // `Property` objects (see the runtime's `Model`); serde, `Debug` and `PartialEq` are
        // written once in the runtime instead of derived (or generic) per struct.
        let mut table = Vec::new();
        let mut defaults = Vec::new();
        let mut reads = Vec::new();
        let mut writes = Vec::new();
        let mut accessors: BTreeMap<String, Vec<TokenStream>> = BTreeMap::new();
        for (owner, p) in self.schema.all_properties(&t.name) {
            if p.name == ODATA_TYPE {
                continue;
            }
            let (fname, collision) = scope.claim(field_name(&p.name), &p.name);
            if let Some(c) = collision {
                let span = p.sources.first().map(|s| s.span()).unwrap_or_else(|| {
                    graphgen_diag::Span::line(&std::sync::Arc::from("<schema>"), 1)
                });
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::NameCollision,
                        span,
                        format!(
                            "properties `{}` and `{}` of `{}` both become `{}` in Rust; `{}` is emitted as `{}`",
                            p.name, c.holder, t.simple_name(), c.wanted, p.name, c.given
                        ),
                    )
                    .with_severity(graphgen_diag::Severity::Warning),
                );
            }
            let fident = ident(&fname);
            let boxed = self.boxed(&owner.name, p);
            let ty = self.rust_type(&p.ty, boxed);
            let wire = &p.name;
            let mut doc_lines = Vec::new();
            if let Some(d) = &p.description {
                let converted = docs::convert(d, &self.resolver(owner));
                if !converted.is_empty() {
                    doc_lines.push(converted);
                }
            }
            if !p.documented_values.is_empty() {
                let values: Vec<String> = p
                    .documented_values
                    .iter()
                    .map(|v| {
                        let mut s = String::new();
                        let ticks = if v.contains('`') { "``" } else { "`" };
                        s.push_str(&format!("{ticks}{v}{ticks}"));
                        s
                    })
                    .collect();
                doc_lines.push(format!("Documented values: {}.", values.join(", ")));
            }
            if doc_lines.is_empty() {
                doc_lines.push(format!("`{wire}`."));
            }
            if let Some(source) = &p.deprecated {
                doc_lines.push(String::new());
                doc_lines.push(docs::deprecated_note(&source.to_string()));
            }
            let doc = doc_attrs(&doc_lines);
            let field_cfg = self.features.cfg_use(&t.name, &p.ty.name);
            let accessor_cfg = self.features.cfg_use(&owner.name, &p.ty.name);
            let rust_name = fname.trim_start_matches("r#");
            table.push(quote!(#field_cfg (#wire, #rust_name),));
            defaults.push(quote!(#field_cfg #fident: crate::runtime::Nullable::Absent,));
            reads.push(quote!(#field_cfg &self.#fident,));
            writes.push(quote!(#field_cfg &mut self.#fident,));
            fields.push(quote! {
                #doc
                #field_cfg
                pub #fident: crate::runtime::Nullable<#ty>,
            });
            if owner.name != t.name || self.bases.contains(&t.name) {
                let method = fident.clone();
                accessors
                    .entry(owner.name.clone())
                    .or_default()
                    .push(quote! {
                        #accessor_cfg
                        fn #method(&self) -> &crate::runtime::Nullable<#ty> { &self.#fident }
                    });
            }
        }
        let mut impls = Vec::new();
        let mut chain: Vec<String> = self
            .schema
            .ancestors(&t.name)
            .iter()
            .map(|a| a.name.clone())
            .collect();
        if self.bases.contains(&t.name) {
            chain.insert(0, t.name.clone());
        }
        for ancestor in chain {
            if !self.naming.traits.contains_key(&ancestor) {
                continue;
            }
            let trait_path = self.naming.trait_path(&ancestor);
            let methods = accessors.remove(&ancestor).unwrap_or_default();
            impls.push(quote! {
                impl #trait_path for #name { #(#methods)* }
            });
        }
        let rust_name = name.to_string();
        let rust_name = rust_name.trim_start_matches("r#");
        quote! {
            #doc
            pub struct #name {
                /// `@odata.type`: the type the service says this value is, kept as received.
                pub odata_type: ::std::option::Option<::std::string::String>,
                #(#fields)*
                /// Properties and instance annotations (`@odata.etag`, `x@odata.type`, ...) this
                /// version of the crate does not model, kept so that nothing is lost on a round trip.
                pub additional: crate::runtime::OpenType,
            }
            impl crate::runtime::Model for #name {
                const NAME: &'static str = #rust_name;
                const PROPERTIES: &'static [(&'static str, &'static str)] = &[#(#table)*];
                fn parts(&self, f: crate::runtime::Parts<'_>) {
                    f(&self.odata_type, &[#(#reads)*], &self.additional)
                }
                fn parts_mut(&mut self, f: crate::runtime::PartsMut<'_>) {
                    f(&mut self.odata_type, &mut [#(#writes)*], &mut self.additional)
                }
            }
            // `Default` and `Clone` by hand: every field `Absent` is a constant (the derive calls
            // `Default::default()` per field), and cloning goes through the runtime's table.
            impl ::std::default::Default for #name {
                fn default() -> Self {
                    Self {
                        odata_type: ::std::option::Option::None,
                        #(#defaults)*
                        additional: crate::runtime::OpenType::new(),
                    }
                }
            }
            impl ::std::clone::Clone for #name {
                fn clone(&self) -> Self {
                    crate::runtime::clone_model(self)
                }
            }
            impl ::std::fmt::Debug for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    crate::runtime::debug_model(self, f)
                }
            }
            impl ::std::cmp::PartialEq for #name {
                fn eq(&self, other: &Self) -> bool {
                    crate::runtime::model_eq(self, other)
                }
            }
            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    crate::runtime::serialize_model(self, serializer)
                }
            }
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    crate::runtime::deserialize_model(deserializer)
                }
            }
            #(#impls)*
        }
    }

    pub(crate) fn emit_trait(&self, t: &TypeDef) -> TokenStream {
        let trait_name = ident(&self.naming.traits[&t.name]);
        let struct_doc = self.naming.doc_path(&t.name);
        let doc = format!(
            " Properties declared by [`{}`]({struct_doc}), available on it and on every type derived from it.",
            t.simple_name()
        );
        let supertrait = match t
            .base
            .as_ref()
            .filter(|b| self.naming.traits.contains_key(&b.name))
        {
            Some(b) => {
                let path = self.naming.trait_path(&b.name);
                quote!(: #path)
            }
            None => quote!(),
        };
        let mut scope = Scope::with_reserved(&["odata_type", "additional"]);
        let mut methods = Vec::new();
        for (owner, p) in self.schema.all_properties(&t.name) {
            if p.name == ODATA_TYPE {
                continue;
            }
            let (fname, _) = scope.claim(field_name(&p.name), &p.name);
            if owner.name != t.name {
                continue;
            }
            let boxed = self.boxed(&t.name, p);
            let ty = self.rust_type(&p.ty, boxed);
            let m = ident(&fname);
            let wire = format!(" The `{}` property.", p.name);
            let method_cfg = self.features.cfg_use(&t.name, &p.ty.name);
            methods.push(quote! {
                #[doc = #wire]
                #method_cfg
                fn #m(&self) -> &crate::runtime::Nullable<#ty>;
            });
        }
        quote! {
            #[doc = #doc]
            pub trait #trait_name #supertrait {
                #(#methods)*
            }
        }
    }
}
