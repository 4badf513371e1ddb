//! Enums: one variant per documented member plus `Unrecognized(String)`, serialized through
//! `as_str`/`FromStr` so unknown values round-trip; `FromStr` and `Deserialize` are the
//! runtime's generic code over the member table (`StringEnum`).

use crate::names::{variant_name, Scope};
use crate::{doc_attrs, docs, ident, Emitter};
use graphgen_schema::TypeDef;
use proc_macro2::TokenStream;
use quote::quote;

impl Emitter<'_> {
    pub(crate) fn emit_enum(&self, t: &TypeDef) -> TokenStream {
        let name = ident(&self.naming.types[&t.name].1);
        let doc = doc_attrs(&self.type_doc(t));
        let mut scope = Scope::with_reserved(&["Unrecognized"]);
        let mut variants = Vec::new();
        let mut to_str = Vec::new();
        let mut all = Vec::new();
        let mut names = Vec::new();
        for m in &t.members {
            let (v, _) = scope.claim(variant_name(&m.name), &m.name);
            let v = ident(&v);
            let wire = &m.name;
            let mut lines = vec![format!("`{wire}`")];
            if let Some(d) = &m.description {
                lines.push(String::new());
                lines.push(docs::convert(d, &self.resolver(t)));
            }
            let vdoc = doc_attrs(&lines);
            variants.push(quote!(#vdoc #v,));
            to_str.push(quote!(Self::#v => #wire,));
            all.push(quote!(Self::#v,));
            let rust = v.to_string();
            names.push(rust.trim_start_matches("r#").to_owned());
        }
        let expecting = format!("a `{}` value", t.simple_name());
        // An enum whose members the docs never list has only `Unrecognized`: no single-arm match.
        let as_str_body = if t.members.is_empty() {
            quote! {
                let Self::Unrecognized(other) = self;
                other.as_str()
            }
        } else {
            quote! {
                match self {
                    #(#to_str)*
                    Self::Unrecognized(other) => other.as_str(),
                }
            }
        };
        // `Debug`, `Eq`, `Ord` and `Hash` through the runtime (variant order from the member table), as
        // the derives order and hash; an enum without members keeps the derives (one variant:
        // the derived `Hash` writes no discriminant).
        let (derives, order_impls) = if t.members.is_empty() {
            (
                quote!(#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]),
                quote!(),
            )
        } else {
            (
                quote!(#[derive(Clone, PartialEq)]),
                quote! {
                    impl ::std::fmt::Debug for #name {
                        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                            crate::runtime::enum_debug(self, f)
                        }
                    }
                    impl ::std::cmp::Eq for #name {}
                    impl ::std::cmp::PartialOrd for #name {
                        fn partial_cmp(&self, other: &Self) -> ::std::option::Option<::std::cmp::Ordering> {
                            ::std::option::Option::Some(::std::cmp::Ord::cmp(self, other))
                        }
                    }
                    impl ::std::cmp::Ord for #name {
                        fn cmp(&self, other: &Self) -> ::std::cmp::Ordering {
                            crate::runtime::enum_cmp(self, other)
                        }
                    }
                    impl ::std::hash::Hash for #name {
                        fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
                            crate::runtime::enum_hash(self, state)
                        }
                    }
                },
            )
        };
        // Reading (`FromStr`, `Deserialize`) is generic code of the runtime over the member
        // table (`StringEnum`): a per-enum match and serde visitor cost more to compile.
        quote! {
            #doc
            ///
            /// Values this version of the crate does not know deserialize into `Unrecognized`
            /// with their exact text, and serialize back unchanged.
            #derives
            pub enum #name {
                #(#variants)*
                /// A value the docs did not list when this crate was generated, kept verbatim.
                Unrecognized(::std::string::String),
            }
            impl #name {
                /// Every member the docs list, in their order.
                pub const KNOWN: &'static [Self] = &[#(#all)*];
                /// The value as it travels on the wire.
                pub fn as_str(&self) -> &str {
                    #as_str_body
                }
            }
            impl crate::runtime::StringEnum for #name {
                const EXPECTING: &'static str = #expecting;
                const MEMBERS: &'static [Self] = Self::KNOWN;
                const NAMES: &'static [&'static str] = &[#(#names),*];
                fn wire(&self) -> &str {
                    self.as_str()
                }
                fn unrecognized(text: ::std::string::String) -> Self {
                    Self::Unrecognized(text)
                }
            }
            #order_impls
            impl ::std::str::FromStr for #name {
                type Err = ::std::convert::Infallible;
                fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                    ::std::result::Result::Ok(crate::runtime::enum_from_str(s))
                }
            }
            impl ::std::fmt::Display for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(self.as_str())
                }
            }
            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    crate::runtime::deserialize_enum(deserializer)
                }
            }
        }
    }
}
