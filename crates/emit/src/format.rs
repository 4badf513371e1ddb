//! Formatting tokens into source text (prettyplease) with the `@generated` header.

use crate::HEADER;
use proc_macro2::TokenStream;

/// Formats a module: its head (inner docs, `pub mod` lines) and its items. Items are formatted
/// in parallel; top-level items format independently, so the text is the same as formatting
/// the module in one piece. `TokenStream` is not `Send`, so items cross threads as text.
pub(crate) fn format_module(head: TokenStream, items: Vec<TokenStream>, what: &str) -> String {
    use rayon::prelude::*;
    let texts: Vec<String> = items.into_iter().map(|t| t.to_string()).collect();
    let formatted: Vec<String> = texts
        .par_iter()
        .map(|text| match syn::parse_file(text) {
            Ok(f) => prettyplease::unparse(&f),
            Err(e) => panic!("generated {what} does not parse as Rust: {e}"),
        })
        .collect();
    let mut out = format_file(head, what);
    for f in formatted {
        out.push_str(&plain_text(f));
    }
    out
}

/// Printed code holds a bare CR or a NUL only inside a doc comment (literals are escaped, raw
/// strings with a CR are not emitted): rustc rejects a bare CR there, and git takes a file with
/// a NUL for binary. They become a space and U+FFFD.
fn plain_text(text: String) -> String {
    if text.contains(['\r', '\0']) {
        text.replace('\r', " ").replace('\0', "\u{FFFD}")
    } else {
        text
    }
}

pub(crate) fn format_file(tokens: TokenStream, what: &str) -> String {
    let file: syn::File = match syn::parse2(tokens) {
        Ok(f) => f,
        Err(e) => panic!("generated {what} does not parse as Rust: {e}"),
    };
    format!("{HEADER}\n\n{}", plain_text(prettyplease::unparse(&file)))
}
