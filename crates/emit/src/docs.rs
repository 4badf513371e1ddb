//! Descriptions (Markdown from the docs) -> rustdoc Markdown that is safe to emit: links to
//! other types become intra-doc links, other links keep only their text, everything else that
//! rustdoc would read as syntax is escaped, and nothing can turn into a doctest or HTML.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// Resolves a link (its text and target) to the Rust path of a generated type, if there is one.
pub trait LinkResolver {
    fn resolve(&self, text: &str, dest: &str) -> Option<String>;
}

fn escape_text(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '\\' | '[' | ']' | '*' | '_' | '`' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
}

fn code_span(code: &str, out: &mut String) {
    let mut ticks = 1;
    while code.contains(&"`".repeat(ticks)) {
        ticks += 1;
    }
    let fence = "`".repeat(ticks);
    let pad = if code.starts_with('`') || code.ends_with('`') {
        " "
    } else {
        ""
    };
    out.push_str(&format!(
        "{fence}{pad}{}{pad}{fence}",
        code.replace(['\n', '\r'], " ")
    ));
}

/// The note on a field or type the docs mark deprecated, naming the line that says so:
/// "**Deprecated** in the docs (`beta/resources/plannerplan.md:38`)."
pub fn deprecated_note(source: &str) -> String {
    let mut out = String::from("**Deprecated** in the docs (");
    code_span(source, &mut out);
    out.push_str(").");
    out
}

/// Wraps bare URLs in `<...>` so rustdoc does not warn about them, wherever they start in a word
/// (`"https://x"`, `(see https://x)`).
fn wrap_urls(escaped: &str) -> String {
    let mut out = String::new();
    for (i, word) in escaped.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let start = ["https://", "http://"]
            .iter()
            .filter_map(|p| word.find(p))
            .min();
        match start {
            Some(at) => {
                let (before, url) = word.split_at(at);
                let trimmed = url.trim_end_matches(['.', ',', ')', ';', '"', '\'', ':']);
                out.push_str(before);
                out.push('<');
                out.push_str(&trimmed.replace('\\', ""));
                out.push('>');
                out.push_str(&url[trimmed.len()..]);
            }
            None => out.push_str(word),
        }
    }
    out
}

/// HTML tags the docs use for layout (`<br>`, `<b>`, `<p>`, ...): dropped.
fn is_formatting_tag(html: &str) -> bool {
    let inner = html.trim().trim_start_matches('<').trim_start_matches('/');
    let name: String = inner
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    html.trim().ends_with('>')
        && [
            "br", "b", "i", "em", "strong", "code", "p", "ul", "ol", "li", "sup", "sub", "a",
            "span", "div", "u", "table", "tr", "td", "th", "tbody", "thead", "pre", "img", "hr",
        ]
        .contains(&name.to_ascii_lowercase().as_str())
}

/// Converts one description to a single paragraph of safe rustdoc Markdown.
pub fn convert(markdown: &str, resolver: &dyn LinkResolver) -> String {
    let mut out = String::new();
    let mut link: Option<(String, String)> = None;
    let mut text_buf = String::new();
    let flush = |buf: &mut String, out: &mut String| {
        if !buf.is_empty() {
            out.push_str(&wrap_urls(buf));
            buf.clear();
        }
    };
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) => match &mut link {
                Some((_, text)) => text.push_str(&t),
                None => escape_text(&t, &mut text_buf),
            },
            Event::Code(c) => match &mut link {
                Some((_, text)) => text.push_str(&c),
                None => {
                    flush(&mut text_buf, &mut out);
                    code_span(&c, &mut out);
                }
            },
            Event::Start(Tag::Link { dest_url, .. }) => {
                flush(&mut text_buf, &mut out);
                link = Some((dest_url.to_string(), String::new()));
            }
            Event::End(TagEnd::Link) => {
                if let Some((dest, text)) = link.take() {
                    let mut escaped = String::new();
                    escape_text(text.trim(), &mut escaped);
                    match resolver.resolve(text.trim(), &dest) {
                        Some(path) => out.push_str(&format!("[{escaped}]({path})")),
                        None => out.push_str(&escaped),
                    }
                }
            }
            Event::Start(Tag::Emphasis) | Event::End(TagEnd::Emphasis) => {
                flush(&mut text_buf, &mut out);
                out.push('*');
            }
            Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) => {
                flush(&mut text_buf, &mut out);
                out.push_str("**");
            }
            Event::SoftBreak | Event::HardBreak => text_buf.push(' '),
            Event::Start(Tag::Paragraph | Tag::Item) if !out.is_empty() || !text_buf.is_empty() => {
                text_buf.push(' ');
            }
            Event::InlineHtml(h) | Event::Html(h) => {
                if is_formatting_tag(&h) {
                    text_buf.push(' ');
                } else if !h.trim_start().starts_with("<!--") {
                    // `<number>`, `<id>`: placeholders in prose, not HTML. Keep them as text.
                    escape_text(&h, &mut text_buf);
                }
            }
            // Everything else carries no text worth keeping.
            _ => {}
        }
    }
    flush(&mut text_buf, &mut out);
    let collapsed: Vec<&str> = out.split_whitespace().collect();
    collapsed.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Types;
    impl LinkResolver for Types {
        fn resolve(&self, text: &str, _dest: &str) -> Option<String> {
            (text == "itemFacet").then(|| "crate::graph::ItemFacet".to_owned())
        }
    }

    #[test]
    fn doc_links_to_types_become_intra_doc_links() {
        assert_eq!(
            convert(
                "Inherited from [itemFacet](../resources/itemfacet.md).",
                &Types
            ),
            "Inherited from [itemFacet](crate::graph::ItemFacet)."
        );
    }

    #[test]
    fn doc_other_links_keep_their_text() {
        assert_eq!(convert("See [auth](/graph/auth).", &Types), "See auth.");
    }

    #[test]
    fn doc_brackets_and_html_are_escaped() {
        assert_eq!(
            convert("a [b] <c> #[d]", &Types),
            r"a \[b\] &lt;c&gt; \#\[d\]"
        );
        assert_eq!(convert("x<br>y", &Types), "x y");
    }

    #[test]
    fn doc_comment_terminator_and_quotes_are_plain_text() {
        assert_eq!(
            convert("ends */ here \"quoted\"", &Types),
            "ends \\*/ here \"quoted\""
        );
    }

    #[test]
    fn doc_code_spans_survive_and_backticks_balance() {
        assert_eq!(
            convert("Values: `me`, `a``b`.", &Types),
            "Values: `me`, ```a``b```."
        );
    }

    #[test]
    fn doc_indented_text_never_becomes_a_doctest() {
        let converted = convert(
            "Intro:\n\n    fn main() {}\n\n```rust\nlet x = 1;\n```",
            &Types,
        );
        assert!(!converted.contains('\n'));
        assert!(!converted.starts_with("    "));
    }

    #[test]
    fn doc_bare_urls_are_wrapped() {
        assert_eq!(
            convert("See https://example.com/x.", &Types),
            "See <https://example.com/x>."
        );
    }
}
