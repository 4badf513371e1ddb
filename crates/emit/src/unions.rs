//! `AnyX`: the polymorphic enum of a base type, dispatched on `@odata.type`.

use crate::names::{type_name, Scope};
use crate::{ident, Emitter};
use graphgen_schema::{simple_name, TypeDef};
use proc_macro2::TokenStream;
use quote::quote;

impl Emitter<'_> {
    /// The polymorphic enum of a base type: one boxed variant per concrete type, chosen when
    /// deserializing by `@odata.type` (with or without `#`, any case). A value whose type the
    /// crate does not know is read as the base type, which keeps its `@odata.type` and every
    /// property, so nothing is lost; serializing writes the value back as received, adding the
    /// variant's `@odata.type` when a derived value does not carry one.
    pub(crate) fn emit_any(&self, t: &TypeDef) -> TokenStream {
        let any = ident(&self.naming.anys[&t.name]);
        let base_path = self.naming.path_in(&t.name, &quote!(crate));
        let mut scope = Scope::default();
        let mut variants = Vec::new();
        let mut arms = Vec::new();
        let mut ser = Vec::new();
        let mut odata = Vec::new();
        let mut froms = Vec::new();
        let mut views = Vec::new();
        let trait_path = self.naming.trait_path(&t.name);
        let mut types: Vec<&str> = vec![t.name.as_str()];
        if let Some(ds) = self.descendants.get(&t.name) {
            let mut ds: Vec<&str> = ds.iter().map(String::as_str).collect();
            ds.sort_unstable();
            types.extend(ds);
        }
        let mut base_variant = None;
        for name in types {
            let (v, _) = scope.claim(type_name(simple_name(name)), name);
            let v = ident(&v);
            let path = self.naming.path_in(name, &quote!(crate));
            let doc = format!(" `{name}`");
            let cfg = self.features.cfg_use(&t.name, name);
            variants.push(quote!(#[doc = #doc] #cfg #v(::std::boxed::Box<#path>),));
            odata.push(quote!(#cfg Self::#v(value) => value.odata_type.as_deref(),));
            views.push(quote!(#cfg Self::#v(value) => value.as_ref(),));
            if name != t.name {
                froms.push(quote! {
                    #cfg
                    impl ::std::convert::From<#path> for #any {
                        fn from(value: #path) -> Self {
                            Self::#v(::std::boxed::Box::new(value))
                        }
                    }
                });
            }
            if name == t.name {
                ser.push(quote!(Self::#v(value) => crate::runtime::serialize_model(value.as_ref(), serializer),));
                base_variant = Some(v);
            } else {
                // A derived value built in code says what it is: Graph needs `@odata.type` to
                // read a subtype (a POSTed fileAttachment), and so does this crate. The runtime
                // writes the tag when the value has none (no clone).
                let tag = format!("#{name}");
                ser.push(quote! {
                    #cfg
                    Self::#v(value) => crate::runtime::serialize_tagged(value.as_ref(), ::std::option::Option::Some(#tag), serializer),
                });
                let lower = name.to_ascii_lowercase();
                arms.push(quote! {
                    #cfg
                    #lower => crate::runtime::read_boxed(value).map(Self::#v),
                });
            }
        }
        let base_variant = base_variant.expect("the base is listed first");
        let doc = format!(
            " A `{}` or any type derived from it, chosen by `@odata.type`. A type this crate does not know is read as the base, keeping its `@odata.type` and every property.",
            t.name
        );
        let trait_name = &self.naming.traits[&t.name];
        let view = ident(&format!(
            "as_{}",
            heck::ToSnakeCase::to_snake_case(trait_name.as_str())
        ));
        let view_doc = format!(
            " The properties every variant has (those `{}` declares and inherits), without a match: `members[0].{view}().id()`.",
            t.simple_name()
        );
        // The runtime reads the value once and finds its `@odata.type`; this is the table.
        let dispatch = if arms.is_empty() {
            quote!(|_, value| crate::runtime::read_boxed(value).map(Self::#base_variant))
        } else {
            quote! {
                |kind, value| match kind {
                    #(#arms)*
                    _ => crate::runtime::read_boxed(value).map(Self::#base_variant),
                }
            }
        };
        quote! {
            #[doc = #doc]
            #[derive(Debug, Clone, PartialEq)]
            pub enum #any {
                #(#variants)*
            }
            impl #any {
                #[doc = #view_doc]
                pub fn #view(&self) -> &dyn #trait_path {
                    match self {
                        #(#views)*
                    }
                }
                /// The `@odata.type` the value carried, if any.
                pub fn odata_type(&self) -> ::std::option::Option<&str> {
                    match self {
                        #(#odata)*
                    }
                }
            }
            impl ::std::default::Default for #any {
                fn default() -> Self {
                    Self::#base_variant(::std::boxed::Box::default())
                }
            }
            impl ::std::convert::From<#base_path> for #any {
                fn from(value: #base_path) -> Self {
                    Self::#base_variant(::std::boxed::Box::new(value))
                }
            }
            #(#froms)*
            impl ::serde::Serialize for #any {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    match self {
                        #(#ser)*
                    }
                }
            }
            impl<'de> ::serde::Deserialize<'de> for #any {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    crate::runtime::deserialize_union(deserializer, #dispatch)
                }
            }
        }
    }
}
