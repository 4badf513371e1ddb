//! `operations/src/lib.rs` (the operations crate): one request descriptor per operation (API page). It implements
//! `runtime::Operation`, which gives the method, the URL template, the path with every parameter
//! percent-encoded, and the request and response types. It sends nothing: any client executes it.
//!
//! Choices:
//! - **Every template.** A page with one URL template is a struct with a `String` field per
//!   parameter and `new(...)`; a page with several (`/me/...` and `/users/{id}/...`) is an enum
//!   with a variant per template, named after the template's literal words without the ending
//!   they all share (`Me`, `Users`, `UsersCalendar`). The method is the first template's; the
//!   few templates of a page with another method (`PUT` beside `PATCH`) are listed in the doc and
//!   not built.
//! - **Names**: the page's file stem in UpperCamelCase (`profile-post-languages` ->
//!   `ProfilePostLanguages`), unique within the module (collisions get `2`, `3` and `GD0024`);
//!   fields are the parameter names in snake_case, a parameter the template repeats
//!   (`/users/{id}/profile/languages/{id}`) gets `_2` (not reported: the docs always write so;
//!   the field's doc tells which is which).
//! - **Types**: the request is the stated model or parameter type, `runtime::ODataReference` for
//!   a POST/PUT to a `$ref` template, `()` without a body (the page says so, or a GET/DELETE states
//!   nothing) and `serde_json::Value` when the page has a body of
//!   no known type; the response is the stated type (an `ODataCollection` page for collections, an
//!   `ODataValue` envelope for one primitive or enum value),
//!   `()` when there is no body, `serde_json::Value` when no type is stated.
//! - **Features**: a descriptor is compiled when every type it names is.

use crate::names::{field_name, type_name, Scope};
use crate::{doc_attrs, docs, ident, Emitter};
use graphgen_diag::{Code, Diagnostic, Severity};
use graphgen_schema::operations::{Operation, PermissionKind, Template, UrlPiece};
use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

/// A code span that holds `text` whatever backticks it contains.
pub(crate) fn code(text: &str) -> String {
    let text = text.replace(['\n', '\r'], " ");
    let mut ticks = 1;
    while text.contains(&"`".repeat(ticks)) {
        ticks += 1;
    }
    let fence = "`".repeat(ticks);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Literal template text as a valid URL: characters a URL never holds as they are (spaces,
/// quotes, `<>`, non-ASCII...) are percent-encoded; everything else (`/`, `?`, `$`, `=`, `'`,
/// `(`...) is kept as the docs write it.
fn literal_url_text(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || "-._~:/?[]@!$&'()*+,;=%".contains(c) {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// The template as the docs write it: path, then `?query`.
fn template_text(t: &Template) -> String {
    match &t.query {
        Some(q) => format!("{}?{q}", t.path),
        None => t.path.clone(),
    }
}

/// The literal words of a template's path: `/users/{id}/calendar/events/{id}` ->
/// `[users, calendar, events]`; a call segment gives its function name, `$value` gives `value`.
fn path_words(t: &Template) -> Vec<String> {
    t.path
        .split('/')
        .filter(|seg| !seg.is_empty() && !seg.starts_with('{'))
        .map(|seg| {
            let seg = seg.split('(').next().unwrap_or(seg);
            seg.split('{')
                .next()
                .unwrap_or(seg)
                .trim_start_matches('$')
                .to_owned()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// A variant name per template: its path's literal words without the ending all templates share
/// (`/me/events/{id}` -> `Me`, `/users/{id}/calendar/events/{id}` -> `UsersCalendar`), unique
/// (`Me2`) and `Template` when nothing is left.
pub(crate) fn variant_names(templates: &[&Template]) -> Vec<String> {
    let words: Vec<Vec<String>> = templates.iter().map(|t| path_words(t)).collect();
    let shortest = words.iter().map(Vec::len).min().unwrap_or(0);
    let mut common = 0;
    while common < shortest {
        let w = &words[0][words[0].len() - 1 - common];
        if words
            .iter()
            .all(|ws| ws[ws.len() - 1 - common].eq_ignore_ascii_case(w))
        {
            common += 1;
        } else {
            break;
        }
    }
    let mut scope = Scope::default();
    words
        .iter()
        .map(|ws| {
            let kept = &ws[..ws.len() - common];
            let wanted = if kept.is_empty() {
                "Template".to_owned()
            } else {
                crate::names::variant_name(&kept.join("_"))
            };
            scope.claim(wanted, "").0
        })
        .collect()
}

/// The name a match arm binds the `n`th parameter to.
fn binding(n: usize) -> proc_macro2::Ident {
    quote::format_ident!("p{n}")
}

fn method_variant(method: &str) -> Option<TokenStream> {
    Some(match method {
        "GET" => quote!(Get),
        "POST" => quote!(Post),
        "PUT" => quote!(Put),
        "PATCH" => quote!(Patch),
        "DELETE" => quote!(Delete),
        _ => return None,
    })
}

/// One emitted descriptor.
pub(crate) struct Descriptor {
    /// Its Rust name.
    pub(crate) name: String,
    /// An expression building one (`LanguageproficiencyUpdate::Me { id: "a/b c?".into() }`), for docs.
    pub(crate) example: String,
    /// The template that value builds (`PATCH /me/profile/languages/{id}`) and its parameters.
    pub(crate) template: String,
    pub(crate) params: usize,
    pub(crate) item: TokenStream,
}

impl Emitter<'_> {
    /// One descriptor per operation with a template, in the schema's (page path) order.
    pub(crate) fn emit_operations(&mut self) -> Vec<Descriptor> {
        let mut scope = Scope::default();
        let mut items = Vec::new();
        for op in &self.schema.operations {
            let Some(template) = op.templates.first() else {
                continue;
            };
            let Some(method) = method_variant(&template.method) else {
                continue;
            };
            let (name, collision) = scope.claim(type_name(&op.name), &op.name);
            if let Some(c) = collision {
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::NameCollision,
                        op.source.span(),
                        format!(
                            "operations `{}` and `{}` both become `{}` in Rust; `{}` is emitted as `{}`",
                            op.name, c.holder, c.wanted, op.name, c.given
                        ),
                    )
                    .with_severity(Severity::Warning),
                );
            }
            let (item, example) = self.emit_operation(op, template, &name, method.clone());
            self.record_descriptor(&op.name, op, template, None, &name);
            items.push(Descriptor {
                item,
                example,
                template: format!("{} {}", template.method, template_text(template)),
                params: template.params.len(),
                name: name.trim_start_matches("r#").to_owned(),
            });
            // The `$count` / `$value` URLs the examples use: a descriptor each.
            for (segment, derived) in crate::bodies::segment_operations(op) {
                let template = &derived.templates[0];
                let (name, _) = scope.claim(type_name(&derived.name), &derived.name);
                let (item, _) = self.emit_operation(&derived, template, &name, quote!(Get));
                self.record_descriptor(&op.name, &derived, template, Some(segment), &name);
                items.push(Descriptor {
                    item,
                    example: String::new(),
                    template: String::new(),
                    params: usize::MAX,
                    name: name.trim_start_matches("r#").to_owned(),
                });
            }
        }
        items
    }

    /// Fields (name and doc) of a template's parameters, and the expression that builds its path:
    /// one `runtime::build_path` call with the template's pattern and the fields (`self.` or a
    /// match arm's bindings, by `access`).
    fn template_parts(
        &mut self,
        op: &Operation,
        template: &Template,
        access: &dyn Fn(usize, &proc_macro2::Ident) -> TokenStream,
    ) -> (Vec<(proc_macro2::Ident, String)>, TokenStream) {
        let mut scope = Scope::default();
        let mut fields = Vec::new();
        for p in &template.params {
            let (fname, collision) = scope.claim(field_name(&p.name), &p.name);
            if let Some(c) = collision {
                // A name the template repeats (`/users/{id}/profile/languages/{id}`) is the
                // docs' habit, not a collision: the field's doc says which one it is.
                if c.holder != p.name {
                    self.diagnostics.push(
                        Diagnostic::new(
                            Code::NameCollision,
                            template.source.span(),
                            format!(
                                "parameters `{}` and `{}` of `{}` both become `{}` in Rust; `{}` is emitted as `{}`",
                                p.name, c.holder, op.name, c.wanted, p.name, c.given
                            ),
                        )
                        .with_severity(Severity::Warning),
                    );
                }
            }
            let written = if p.alternatives.is_empty() {
                format!("{{{}}}", p.name)
            } else {
                format!("{{{}}}", p.alternatives.join(" | "))
            };
            let mut doc = format!(
                "The {} parameter of the {}",
                code(&written),
                if p.in_query { "query" } else { "path" }
            );
            if p.alternatives.len() > 1 {
                let alts: Vec<String> = p.alternatives.iter().map(|a| code(a)).collect();
                doc.push_str(&format!(": {}", alts.join(" or ")));
            }
            doc.push_str(", percent-encoded when the path is built.");
            if let Some(note) = parameter_note(op, template, &p.name) {
                doc.push(' ');
                doc.push_str(&note);
            }
            fields.push((ident(&fname), doc));
        }
        // The pattern `runtime::build_path` fills: literal text as a URL holds it (so never a
        // `{` or `}`), `{n}` where the `n`th field goes.
        let pattern = if fields.is_empty() {
            let whole: String = template
                .pieces
                .iter()
                .filter_map(|p| match p {
                    UrlPiece::Literal(t) => Some(t.as_str()),
                    UrlPiece::Param(_) => None,
                })
                .collect();
            literal_url_text(whole.trim_end())
        } else {
            let last = template.pieces.len().saturating_sub(1);
            let mut pattern = String::new();
            for (i, piece) in template.pieces.iter().enumerate() {
                match piece {
                    UrlPiece::Literal(text) => {
                        let text = if i == last { text.trim_end() } else { text };
                        pattern.push_str(&literal_url_text(text));
                    }
                    UrlPiece::Param(n) if *n < fields.len() => {
                        pattern.push_str(&format!("{{{n}}}"));
                    }
                    UrlPiece::Param(_) => {}
                }
            }
            pattern
        };
        let values = (0..fields.len()).map(|n| access(n, &fields[n].0));
        let runtime = &self.paths.runtime;
        let body = quote!(#runtime::build_path(#pattern, &[#(#values),*]));
        (fields, body)
    }

    fn emit_operation(
        &mut self,
        op: &Operation,
        template: &Template,
        name: &str,
        method: TokenStream,
    ) -> (TokenStream, String) {
        let shown = name.trim_start_matches("r#");
        let name = ident(name);
        // Types, and the features they need.
        let (request, response, named) = self.body_types(op, template);
        let cfg = self.features.cfg_all(&named);
        let doc = doc_attrs(&self.operation_doc(op, template));
        let field_decl = |(f, doc): &(proc_macro2::Ident, String), vis: TokenStream| {
            let doc = format!(" {doc}");
            quote! {
                #[doc = #doc]
                #vis #f: ::std::string::String,
            }
        };

        // The templates this descriptor builds: those with the first one's method.
        let built: Vec<&Template> = op
            .templates
            .iter()
            .filter(|t| t.method == template.method)
            .collect();
        let (item, template_fn, path_body, example) = if built.len() == 1 {
            let (fields, body) = self.template_parts(op, template, &|_, f| quote!(&self.#f));
            let decls = fields.iter().map(|f| field_decl(f, quote!(pub)));
            let names: Vec<&proc_macro2::Ident> = fields.iter().map(|(f, _)| f).collect();
            let derive_default = if fields.is_empty() {
                quote!(Default,)
            } else {
                quote!()
            };
            let many = if fields.len() > 7 {
                quote!(#[allow(clippy::too_many_arguments)])
            } else {
                quote!()
            };
            let template_lit = template_text(template);
            let item = quote! {
                #doc
                #cfg
                #[derive(Debug, Clone, #derive_default)]
                pub struct #name {
                    #(#decls)*
                }
                #cfg
                impl #name {
                    /// The descriptor for these parameters, as they are (not yet encoded).
                    #many
                    pub fn new(#(#names: impl ::std::convert::Into<::std::string::String>),*) -> Self {
                        #name { #(#names: #names.into()),* }
                    }
                }
            };
            let args = vec!["\"a/b c?\""; fields.len()].join(", ");
            let example = format!("{shown}::new({args})");
            (item, quote!(#template_lit), body, example)
        } else {
            let variant_names = variant_names(&built);
            let mut variants = Vec::new();
            let mut template_arms = Vec::new();
            let mut path_arms = Vec::new();
            let mut example = String::new();
            for (t, v) in built.iter().zip(&variant_names) {
                let variant = v.trim_start_matches("r#");
                let v = ident(v);
                // Bound as `p0`, `p1`...: short, and never a name the pattern could read as a
                // constant.
                let (fields, body) =
                    self.template_parts(op, t, &|n, _| binding(n).into_token_stream());
                if std::ptr::eq(*t, template) {
                    example = format!("{shown}::{variant}");
                    let values: Vec<String> = fields
                        .iter()
                        .map(|(f, _)| format!("{f}: \"a/b c?\".into()"))
                        .collect();
                    if !values.is_empty() {
                        example.push_str(&format!(" {{ {} }}", values.join(", ")));
                    }
                }
                let vdoc = format!(
                    " {} ({}).",
                    code(&format!("{} {}", t.method, template_text(t))),
                    code(&t.source.to_string())
                );
                let lit = template_text(t);
                if fields.is_empty() {
                    variants.push(quote!(#[doc = #vdoc] #v,));
                    template_arms.push(quote!(#name::#v => #lit,));
                    path_arms.push(quote!(#name::#v => #body,));
                } else {
                    let decls = fields.iter().map(|f| field_decl(f, quote!()));
                    let binds = fields.iter().enumerate().map(|(n, (f, _))| {
                        let b = binding(n);
                        if *f == b {
                            quote!(#b)
                        } else {
                            quote!(#f: #b)
                        }
                    });
                    variants.push(quote!(#[doc = #vdoc] #v { #(#decls)* },));
                    template_arms.push(quote!(#name::#v { .. } => #lit,));
                    path_arms.push(quote!(#name::#v { #(#binds),* } => #body,));
                }
            }
            let item = quote! {
                #doc
                #cfg
                #[derive(Debug, Clone)]
                pub enum #name {
                    #(#variants)*
                }
            };
            (
                item,
                quote!(match self { #(#template_arms)* }),
                quote!(match self { #(#path_arms)* }),
                example,
            )
        };
        let runtime = &self.paths.runtime;
        let tokens = quote! {
            #item
            #cfg
            impl #runtime::Operation for #name {
                const METHOD: #runtime::Method = #runtime::Method::#method;
                type Request = #request;
                type Response = #response;
                fn template(&self) -> &'static str {
                    #template_fn
                }
                fn path(&self) -> ::std::string::String {
                    #path_body
                }
            }
        };
        (tokens, example)
    }

    /// Remembers the descriptor of `(op, segment)` and its `cfg`, for the media round-trip tests.
    fn record_descriptor(
        &mut self,
        page: &str,
        op: &Operation,
        template: &Template,
        segment: Option<String>,
        name: &str,
    ) {
        let (_, _, named) = self.body_types(op, template);
        let cfg = self.features.cfg_all(&named);
        self.descriptors
            .insert((page.to_owned(), segment), (name.to_owned(), cfg));
    }

    fn operation_doc(&self, op: &Operation, template: &Template) -> Vec<String> {
        let resolver = crate::naming::Resolver {
            schema: self.schema,
            naming: &self.naming,
            namespace: "microsoft.graph".to_owned(),
            root: self.paths.doc.clone(),
        };
        let mut lines = Vec::new();
        let lead = op.description.as_deref().or(op.title.as_deref());
        if let Some(d) = lead {
            for paragraph in d.split("\n\n") {
                let converted = docs::convert(paragraph, &resolver);
                if !converted.is_empty() {
                    lines.push(converted);
                    lines.push(String::new());
                }
            }
        }
        let built = op
            .templates
            .iter()
            .filter(|t| t.method == template.method)
            .count();
        if built == 1 {
            lines.push(format!(
                "{} ({}, {}).",
                code(&format!("{} {}", template.method, template_text(template))),
                op.kind.as_str(),
                code(&template.source.to_string())
            ));
        } else {
            lines.push(format!(
                "{} ({}): one variant per URL template of the page.",
                op.kind.as_str(),
                code(&op.source.to_string())
            ));
        }
        let others: Vec<&Template> = op
            .templates
            .iter()
            .filter(|t| t.method != template.method)
            .collect();
        if !others.is_empty() {
            lines.push(String::new());
            lines.push(format!(
                "The page also gives templates with another method, which this descriptor does not build ({} only):",
                template.method
            ));
            lines.push(String::new());
            for t in others {
                lines.push(format!(
                    "- {}",
                    code(&format!("{} {}", t.method, template_text(t)))
                ));
            }
        }
        lines.extend(crate::bodies::media_doc(op));
        if !op.parameters.is_empty() {
            lines.push(String::new());
            lines.push("Parameters (the page's parameter table):".to_owned());
            lines.push(String::new());
            for p in &op.parameters {
                lines.push(format!(
                    "- {}: {}{} ({})",
                    code(&p.name),
                    type_text(&p.ty),
                    match p.required {
                        Some(true) => ", required",
                        Some(false) => ", optional",
                        None => "",
                    },
                    code(&p.source.to_string())
                ));
            }
        }
        if let Some(perms) = &op.permissions {
            let rows: Vec<String> = perms
                .rows
                .iter()
                .filter_map(|r| {
                    let kind = match r.kind {
                        PermissionKind::DelegatedWork => "delegated (work or school account)",
                        PermissionKind::DelegatedPersonal => {
                            "delegated (personal Microsoft account)"
                        }
                        PermissionKind::Application => "application",
                        _ => return None,
                    };
                    let what = if r.not_supported {
                        "not supported".to_owned()
                    } else if !r.names.is_empty() {
                        r.names
                            .iter()
                            .map(|n| code(n))
                            .collect::<Vec<_>>()
                            .join(", ")
                    } else {
                        return None;
                    };
                    Some(format!("- {kind}: {what}"))
                })
                .collect();
            if !rows.is_empty() {
                lines.push(String::new());
                lines.push("Permissions, as the page orders them:".into());
                lines.push(String::new());
                lines.extend(rows);
            }
        }
        lines
    }
}

/// A type as the docs name it: `Int32`, `dateTimeOffset`, `Collection(String)`.
fn type_text(t: &graphgen_schema::TypeRef) -> String {
    let simple = graphgen_schema::simple_name(&t.name);
    let named = code(simple);
    if t.collection {
        format!("collection of {named}")
    } else {
        named
    }
}

/// The function parameter a template parameter passes (`{StartDateTime-value}` in
/// `reminderView(StartDateTime={StartDateTime-value})`, or a parameter named like a row), for the
/// field's doc.
fn parameter_note(op: &Operation, template: &Template, param: &str) -> Option<String> {
    let argument = template.function.as_ref().and_then(|f| {
        f.arguments.iter().find_map(|(name, value)| {
            let v = value.trim().trim_matches('\'');
            let v = v
                .strip_prefix('{')
                .and_then(|v| v.strip_suffix('}'))
                .unwrap_or(v);
            (v == param).then_some(name.as_str())
        })
    });
    let p = op.parameters.iter().find(|p| {
        argument.is_some_and(|a| p.name.eq_ignore_ascii_case(a))
            || p.name.eq_ignore_ascii_case(param)
    })?;
    Some(format!(
        "Function parameter {}: {}{}.",
        code(&p.name),
        type_text(&p.ty),
        match p.required {
            Some(true) => ", required",
            Some(false) => ", optional",
            None => "",
        }
    ))
}
