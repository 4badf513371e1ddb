//! Cargo features: one per product area of the schema, so that a user compiles only the areas
//! they use.
//!
//! Areas are independent features. A type is compiled when the feature of its own area, or of the
//! area of any type derived from it, is on: a base type exists wherever one of its derived types
//! does, so `users` alone compiles `user`, `directoryObject` and `entity` whatever areas those
//! two belong to, and nothing else of their areas. A type without an area, or with a derived type
//! without one, is shared and always compiled. A property, union variant or round-trip test that
//! needs a type that the owner's features do not imply carries a `cfg` of its own: with the
//! feature off the field does not exist, so its value lands in `additional` and still serializes
//! back unchanged.

use graphgen_schema::Schema;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Features that are not areas.
const RESERVED: [&str; 2] = ["default", "full"];

/// When a type is compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Need {
    Always,
    /// When any of these features is on.
    AnyOf(BTreeSet<String>),
}

#[derive(Debug, Default)]
pub(crate) struct Features {
    need: HashMap<String, Need>,
    /// Own area feature of each type that has one.
    own: HashMap<String, String>,
    /// Every area feature, with its number of types.
    all: BTreeMap<String, usize>,
}

fn feature_name(area: &str) -> String {
    if RESERVED.contains(&area) {
        format!("area-{area}")
    } else {
        area.to_owned()
    }
}

fn cfg_of(need: &Need) -> TokenStream {
    match need {
        Need::Always => TokenStream::new(),
        Need::AnyOf(set) if set.len() == 1 => {
            let f = set.iter().next().expect("one feature");
            quote!(#[cfg(feature = #f)])
        }
        Need::AnyOf(set) => {
            let fs = set.iter();
            quote!(#[cfg(any(#(feature = #fs),*))])
        }
    }
}

impl Features {
    pub(crate) fn new(schema: &Schema) -> Self {
        let mut own = HashMap::new();
        let mut all: BTreeMap<String, usize> = BTreeMap::new();
        let mut need: HashMap<String, Need> = HashMap::new();
        for t in schema.types.values() {
            let n = match &t.area {
                Some(a) => {
                    let f = feature_name(&a.name);
                    *all.entry(f.clone()).or_default() += 1;
                    own.insert(t.name.clone(), f.clone());
                    Need::AnyOf(BTreeSet::from([f]))
                }
                None => Need::Always,
            };
            need.insert(t.name.clone(), n);
        }
        // A base is needed wherever a derived type is.
        let mut merged = need.clone();
        for t in schema.types.values() {
            let n = need[&t.name].clone();
            for a in schema.ancestors(&t.name) {
                let Some(entry) = merged.get_mut(&a.name) else {
                    continue;
                };
                match (&mut *entry, &n) {
                    (Need::Always, _) => {}
                    (e, Need::Always) => *e = Need::Always,
                    (Need::AnyOf(set), Need::AnyOf(more)) => set.extend(more.iter().cloned()),
                }
            }
        }
        Features {
            need: merged,
            own,
            all,
        }
    }

    /// The feature of the type's own area (`None`: shared).
    pub(crate) fn of(&self, qualified: &str) -> Option<&str> {
        self.own.get(qualified).map(String::as_str)
    }

    /// `#[cfg(...)]` for the items of the type `qualified`, or nothing.
    pub(crate) fn cfg_item(&self, qualified: &str) -> TokenStream {
        self.need.get(qualified).map(cfg_of).unwrap_or_default()
    }

    /// `#[cfg(...)]` that holds when any of `types` is compiled.
    pub(crate) fn cfg_any(&self, types: &[&str]) -> TokenStream {
        let mut set = BTreeSet::new();
        for t in types {
            match self.need.get(*t) {
                Some(Need::AnyOf(s)) => set.extend(s.iter().cloned()),
                _ => return TokenStream::new(),
            }
        }
        cfg_of(&Need::AnyOf(set))
    }

    /// `#[cfg(...)]` that holds when every one of `types` is compiled (an operation naming them).
    pub(crate) fn cfg_all(&self, types: &[&str]) -> TokenStream {
        let mut needs: Vec<&BTreeSet<String>> = Vec::new();
        for t in types {
            if let Some(Need::AnyOf(set)) = self.need.get(*t) {
                if !needs.contains(&set) {
                    needs.push(set);
                }
            }
        }
        // A need that another implies is redundant: `any(a)` with `any(a, b)` is `a`.
        let kept: Vec<&BTreeSet<String>> = needs
            .iter()
            .filter(|n| !needs.iter().any(|m| m != *n && m.is_subset(n)))
            .copied()
            .collect();
        match kept.as_slice() {
            [] => TokenStream::new(),
            [one] => cfg_of(&Need::AnyOf((*one).clone())),
            many => {
                let preds = many.iter().map(|set| {
                    if set.len() == 1 {
                        let f = set.iter().next().expect("one feature");
                        quote!(feature = #f)
                    } else {
                        let fs = set.iter();
                        quote!(any(#(feature = #fs),*))
                    }
                });
                quote!(#[cfg(all(#(#preds),*))])
            }
        }
    }

    /// `#[cfg(...)]` for a use of `used` inside the items of `owner`, when whatever compiles
    /// `owner` does not already compile `used`.
    pub(crate) fn cfg_use(&self, owner: &str, used: &str) -> TokenStream {
        let Some(needed) = self.need.get(used) else {
            return TokenStream::new();
        };
        let implied = match (self.need.get(owner), needed) {
            (_, Need::Always) => true,
            (Some(Need::AnyOf(o)), Need::AnyOf(u)) => o.is_subset(u),
            _ => false,
        };
        if implied {
            TokenStream::new()
        } else {
            cfg_of(needed)
        }
    }

    /// Puts the type's `cfg` on every top-level item of `tokens` (its struct, impls, trait...).
    pub(crate) fn gate(&self, qualified: &str, tokens: TokenStream) -> TokenStream {
        let cfg = self.cfg_item(qualified);
        if cfg.is_empty() {
            return tokens;
        }
        let attr: syn::Attribute = syn::parse_quote!(#cfg);
        let mut file: syn::File = match syn::parse2(tokens.clone()) {
            Ok(f) => f,
            // Left to the formatter, which reports generated code that does not parse.
            Err(_) => return tokens,
        };
        for item in &mut file.items {
            let attrs = match item {
                syn::Item::Struct(i) => &mut i.attrs,
                syn::Item::Enum(i) => &mut i.attrs,
                syn::Item::Impl(i) => &mut i.attrs,
                syn::Item::Trait(i) => &mut i.attrs,
                syn::Item::Fn(i) => &mut i.attrs,
                syn::Item::Const(i) => &mut i.attrs,
                syn::Item::Type(i) => &mut i.attrs,
                syn::Item::Mod(i) => &mut i.attrs,
                syn::Item::Use(i) => &mut i.attrs,
                syn::Item::Static(i) => &mut i.attrs,
                syn::Item::Macro(i) => &mut i.attrs,
                _ => continue,
            };
            // First, so that it is stripped before any derive runs.
            attrs.insert(0, attr.clone());
        }
        quote!(#file)
    }

    /// The `[features]` table of a crate's `Cargo.toml`: the models crate's (`forward` is
    /// `None`), or the operations crate's, whose every feature turns on the same one of the models
    /// crate `forward`.
    pub(crate) fn cargo_table(&self, forward: Option<&str>) -> String {
        let mut s = String::from("\n[features]\n");
        if self.all.is_empty() {
            s.push_str("default = []\n");
            return s;
        }
        s.push_str("# Every area. Depend with `default-features = false` and name areas to compile less.\n");
        s.push_str("default = [\"full\"]\n");
        let all: Vec<String> = self.all.keys().map(|f| format!("\"{f}\"")).collect();
        s.push_str(&format!("full = [{}]\n", all.join(", ")));
        for (f, count) in &self.all {
            match forward {
                None => s.push_str(&format!("# {count} types\n{f} = []\n")),
                Some(models) => s.push_str(&format!("{f} = [\"{models}/{f}\"]\n")),
            }
        }
        s
    }

    /// Markdown lines for the crate docs: each feature and its number of types.
    pub(crate) fn doc_table(&self) -> Vec<String> {
        let mut lines = vec!["| feature | types |".to_owned(), "| --- | --- |".to_owned()];
        for (f, count) in &self.all {
            lines.push(format!("| `{f}` | {count} |"));
        }
        lines
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.all.is_empty()
    }
}
