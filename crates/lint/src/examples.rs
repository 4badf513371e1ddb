//! GD0020: an annotated request example with no response after it.
//!
//! A request (`"blockType": "request"`) is answered by the next code block that is an annotated
//! response or an HTTP block starting with a status line, as long as no other annotated request
//! comes first, or by a response anywhere on the page whose `name` lists the request's name
//! (`"name": ["get-drive-default", "get-drive-by-user"]` answers several requests at once).

use crate::source::PageText;
use graphgen_diag::{Code, Diagnostic};
use graphgen_parse::{CodeBlock, HttpMessage, Page};

fn block_type(block: &CodeBlock) -> Option<&str> {
    block.annotation.as_ref().and_then(|a| a.block_type())
}

fn is_request(block: &CodeBlock) -> bool {
    block_type(block) == Some("request")
}

fn is_response(block: &CodeBlock) -> bool {
    block_type(block) == Some("response")
        || matches!(block.http, Some(HttpMessage::Response { .. }))
}

pub(crate) fn check(page: &Page, text: &PageText<'_>, out: &mut Vec<Diagnostic>) {
    let blocks = &page.code_blocks;
    // Request names that a response names.
    let mut answered_names: Vec<&str> = Vec::new();
    for block in blocks.iter().filter(|b| block_type(b) == Some("response")) {
        let Some(name) = block.annotation.as_ref().and_then(|a| a.fields.get("name")) else {
            continue;
        };
        answered_names.extend(name.as_str());
        if let Some(items) = name.as_array() {
            answered_names.extend(items.iter().filter_map(|i| i.as_str()));
        }
    }
    for (i, block) in blocks.iter().enumerate() {
        if !is_request(block) {
            continue;
        }
        let answered = blocks[i + 1..]
            .iter()
            .find(|b| is_request(b) || is_response(b))
            .is_some_and(is_response);
        let request_name = block.annotation.as_ref().and_then(|a| a.str_field("name"));
        if answered || request_name.is_some_and(|n| answered_names.contains(&n)) {
            continue;
        }
        // Underline the request line (`PATCH https://...`), else the fence.
        let line = match &block.http {
            Some(HttpMessage::Request { method, .. }) => method.line,
            _ => block.line,
        };
        let line_text = text.line(line).unwrap_or("");
        let start = line_text.len() - line_text.trim_start().len();
        let span = text.span(line, start, line_text.trim_end().len());
        let name = request_name.map_or(String::new(), |n| format!(" `{n}`"));
        let next = blocks[i + 1..].iter().find(|b| is_request(b));
        let message = format!("request example{name} has no response");
        // A fence line inside the block: the block was never closed and swallowed what follows.
        let unclosed = block
            .text
            .lines()
            .any(|l| l.trim_start().starts_with("```"));
        let help = if unclosed {
            "the request's code block is never closed, so the response after it is read as \
             part of the request; close it with ```"
        } else {
            "add the response after the request, in an `http` block annotated \
             `\"blockType\": \"response\"`"
        };
        let mut diagnostic =
            Diagnostic::new(Code::RequestWithoutResponse, span, message).with_help(help);
        if let Some(next) = next {
            let annotation_line = next.annotation.as_ref().map_or(next.line, |a| a.line);
            diagnostic = diagnostic.with_related(
                text.line_span(annotation_line),
                "the next request starts here",
            );
        }
        out.push(diagnostic);
    }
}
