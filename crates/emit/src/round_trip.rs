//! `tests/round_trip.rs`: one test per example body that is data, and the list of those that are not.

use crate::format::format_file;
use crate::names::field_name;
use crate::{ident, EmitOptions, Emitter};
use graphgen_schema::{simple_name, Envelope, Example, ExampleStatus, Schema, TypeRef};
use proc_macro2::TokenStream;
use quote::{format_ident, quote, ToTokens};
use std::collections::BTreeSet;

/// A raw string literal that can hold `text`, or an escaped one when a raw string cannot (a bare
/// CR is not allowed in one).
pub(crate) fn raw_literal(text: &str) -> TokenStream {
    let escaped = || proc_macro2::Literal::string(text).into_token_stream();
    if text.contains('\r') {
        return escaped();
    }
    let mut hashes = 1;
    while text.contains(&format!("\"{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let h = "#".repeat(hashes);
    format!("r{h}\"{text}\"{h}")
        .parse()
        .unwrap_or_else(|_| escaped())
}

fn test_name(example: &Example, taken: &mut BTreeSet<String>) -> String {
    let stem = example
        .source
        .file
        .rsplit('/')
        .next()
        .unwrap_or("page")
        .trim_end_matches(".md");
    let kind = match example.kind {
        graphgen_schema::ExampleKind::Request => "request",
        graphgen_schema::ExampleKind::Response => "response",
        graphgen_schema::ExampleKind::Resource => "resource",
    };
    let base = match &example.name {
        Some(n) => format!("{}_{}_{kind}", field_name(stem), field_name(n)),
        None => format!("{}_{kind}", field_name(stem)),
    }
    .replace("r#", "");
    let mut name = base.clone();
    let mut n = 2;
    while !taken.insert(name.clone()) {
        name = format!("{base}_{n}");
        n += 1;
    }
    name
}

/// The models crate's `tests/round_trip.rs` and the operations crate's: a body that is not JSON is
/// read through its descriptor, so its test lives with the descriptors.
pub(crate) fn emit_tests(
    schema: &Schema,
    emitter: &Emitter<'_>,
    options: &EmitOptions,
) -> (String, String) {
    let krate = ident(&options.crate_name.replace('-', "_"));
    let operations = ident(&crate::operations_crate_name(&options.crate_name).replace('-', "_"));
    let mut taken = BTreeSet::new();
    let mut tests = Vec::new();
    let mut media_tests = Vec::new();
    let mut listed = Vec::new();
    for example in &schema.examples {
        match &example.status {
            ExampleStatus::Test if example.media.is_some() => {
                let Some(media) = &example.media else {
                    continue;
                };
                let key = (media.operation.clone(), media.segment.clone());
                let Some((descriptor, cfg)) = emitter.descriptors.get(&key) else {
                    listed.push(format!(
                        " - unusable: {} ({}): no descriptor for operation `{}`",
                        example.source,
                        kind_label(example),
                        media.operation
                    ));
                    continue;
                };
                let descriptor = ident(descriptor);
                let message = match example.kind {
                    graphgen_schema::ExampleKind::Request => quote!(Request),
                    _ => quote!(Response),
                };
                let fn_name = format_ident!("{}", test_name(example, &mut taken));
                let doc = format!(
                    " {} body at {}: `{}`, through the descriptor's {} type.",
                    kind_label(example),
                    example.source,
                    media.content_type,
                    message
                );
                let content_type = &media.content_type;
                let body = raw_literal(&example.body);
                media_tests.push(quote! {
                    #[doc = #doc]
                    #cfg
                    #[test]
                    fn #fn_name() {
                        ::graphgen_runtime::testing::assert_body_round_trip::<
                            <::#operations::#descriptor as ::graphgen_runtime::Operation>::#message,
                        >(#content_type, #body);
                    }
                });
            }
            ExampleStatus::Test => {
                let (ty, cfg) = match (&example.target, example.envelope) {
                    (_, Envelope::Reference) => {
                        (quote!(::#krate::runtime::ODataReference), quote!())
                    }
                    (Some(target), envelope) => {
                        let root = quote!(::#krate);
                        let element = emitter.rust_type_in(
                            &TypeRef::new(target.clone(), false),
                            false,
                            &root,
                        );
                        let ty = if example.collection {
                            quote!(::#krate::runtime::ODataCollection<#element>)
                        } else if envelope == Envelope::Value {
                            quote!(::#krate::runtime::ODataValue<#element>)
                        } else {
                            element
                        };
                        (ty, emitter.features.cfg_item(target))
                    }
                    (None, _) => continue,
                };
                let fn_name = format_ident!("{}", test_name(example, &mut taken));
                let doc = format!(" {} body at {}.", kind_label(example), example.source);
                let body = raw_literal(&example.body);
                tests.push(quote! {
                    #[doc = #doc]
                    #cfg
                    #[test]
                    fn #fn_name() {
                        ::#krate::runtime::testing::assert_round_trip::<#ty>(#body);
                    }
                });
            }
            ExampleStatus::Template { reasons } => {
                listed.push(format!(
                    " - template: {} ({}): {}",
                    example.source,
                    kind_label(example),
                    reasons.join("; ")
                ));
            }
            ExampleStatus::Unusable { reason, .. } => {
                listed.push(format!(
                    " - unusable: {} ({}): {}",
                    example.source,
                    kind_label(example),
                    reason
                ));
            }
        }
    }
    let media_note = if media_tests.is_empty() {
        String::new()
    } else {
        format!(
            " ({} bodies that are not JSON are tested through their descriptors, in the operations crate's `tests/round_trip.rs`)",
            media_tests.len()
        )
    };
    let mut header = vec![
        format!(
            " Round-trip tests: every example body of the docs that is data deserializes into its type and serializes back to the same JSON. {} tests{media_note}; {} bodies are not tests:",
            tests.len(),
            listed.len()
        ),
        String::new(),
    ];
    header.extend(listed);
    let tokens = quote! {
        #(#![doc = #header])*
        #(#tests)*
    };
    let media_header = format!(
        " Round-trip tests of the bodies that are not JSON (a CSV report, a `$count` number): each is read and written back to the same bytes through its descriptor's request or response type, so a descriptor naming JSON for it fails. {} tests; the JSON bodies are tested in the models crate.",
        media_tests.len()
    );
    let media = quote! {
        #![doc = #media_header]
        #(#media_tests)*
    };
    (
        format_file(tokens, "round-trip tests"),
        format_file(media, "round-trip tests"),
    )
}

fn kind_label(e: &Example) -> String {
    let kind = match e.kind {
        graphgen_schema::ExampleKind::Request => "request",
        graphgen_schema::ExampleKind::Response => "response",
        graphgen_schema::ExampleKind::Resource => "resource",
    };
    match (&e.target, e.envelope) {
        (_, Envelope::Reference) => format!("{kind} of an entity reference"),
        (Some(t), _) => format!("{kind} of {}", simple_name(t)),
        (None, _) => kind.to_owned(),
    }
}
