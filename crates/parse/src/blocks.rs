//! The walker's HTML comments (annotations) and code blocks.

use super::*;

impl Walker<'_> {
    pub(crate) fn flush_html(&mut self) {
        if let Some((html, start)) = self.html.take() {
            if html.trim_start().starts_with("<!--") && html.contains('{') {
                self.annotation(&html, start);
            }
        }
    }

    pub(crate) fn annotation(&mut self, html: &str, start: usize) {
        let line = self.line(start);
        let annotation = json::annotation(&self.path, html, line, &mut self.diagnostics);
        // Page-level comments (`"type": "#page.annotation"`) describe the page, not a block.
        if annotation.error.is_none() && annotation.block_type().is_none() {
            self.page.page_annotations.push(annotation);
            return;
        }
        if let Some((previous, _)) = self.pending_annotation.take() {
            self.dangling(previous);
        }
        self.pending_annotation = Some((annotation, false));
    }

    pub(crate) fn dangling(&mut self, annotation: Annotation) {
        // `permissions` annotations mark an INCLUDE, not a code block.
        if annotation.block_type() != Some("permissions") && annotation.error.is_none() {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::AnnotationWithoutBlock,
                    Span::line(&self.path, annotation.line),
                    "annotation is not followed by a code block",
                )
                .with_help("put the annotated code block right after the annotation"),
            );
        }
        self.page.dangling_annotations.push(annotation);
    }

    pub(crate) fn code_block_done(&mut self, block: &mut CodeBlock) {
        let is_http = matches!(block.info.as_str(), "http" | "msgraph-interactive")
            || (block.info.is_empty() && http::looks_like_http(&block.text));
        if is_http {
            block.http = Some(http::parse(
                &self.path,
                &block.text,
                block.content_line,
                &mut self.diagnostics,
            ));
        } else if block.info == "json" || block.info == "jsonc" {
            block.json = Some(json::body(&block.text, block.content_line));
        }
    }
}
