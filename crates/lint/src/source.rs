//! The text of one page as lines, and which lines are code, front matter or HTML comments.

use graphgen_diag::Span;
use graphgen_parse::Page;
use std::sync::Arc;

/// What a line of the page is, for checks that look at prose only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineKind {
    FrontMatter,
    /// Inside a code block, fences included.
    Code,
    Text,
}

/// One page's text split into lines (without line endings), with the kind of each line.
#[derive(Debug)]
pub(crate) struct PageText<'a> {
    pub file: &'a Arc<str>,
    lines: Vec<&'a str>,
    kinds: Vec<LineKind>,
}

impl<'a> PageText<'a> {
    pub(crate) fn new(page: &'a Page, text: &'a str) -> Self {
        let lines: Vec<&str> = text
            .split('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
            .collect();
        let mut kinds = vec![LineKind::Text; lines.len()];
        // Front matter: a first line `---` up to the next `---` (or `...`).
        if lines.first().is_some_and(|l| l.trim_end() == "---") {
            let end = lines
                .iter()
                .skip(1)
                .position(|l| matches!(l.trim_end(), "---" | "..."))
                .map_or(0, |p| p + 1);
            for kind in &mut kinds[..=end] {
                *kind = LineKind::FrontMatter;
            }
        }
        for block in &page.code_blocks {
            let content_lines = block.text.lines().count() as u32;
            let fenced = block.line != block.content_line;
            // A fenced block ends with its closing fence, the line after its content.
            let last = if fenced {
                block.content_line + content_lines
            } else {
                (block.content_line + content_lines).saturating_sub(1)
            };
            for line in block.line..=last.max(block.line) {
                if let Some(kind) = kinds.get_mut(line as usize - 1) {
                    *kind = LineKind::Code;
                }
            }
        }
        PageText {
            file: &page.path,
            lines,
            kinds,
        }
    }

    /// The text of 1-based line `n`, without its line ending.
    pub(crate) fn line(&self, n: u32) -> Option<&'a str> {
        (n as usize)
            .checked_sub(1)
            .and_then(|i| self.lines.get(i))
            .copied()
    }

    pub(crate) fn kind(&self, n: u32) -> Option<LineKind> {
        (n as usize)
            .checked_sub(1)
            .and_then(|i| self.kinds.get(i))
            .copied()
    }

    /// Lines with their 1-based numbers.
    pub(crate) fn numbered(&self) -> impl Iterator<Item = (u32, &'a str)> + '_ {
        self.lines
            .iter()
            .enumerate()
            .map(|(i, l)| (i as u32 + 1, *l))
    }

    /// A span on line `line` from byte offset `start` to `end` of that line.
    pub(crate) fn span(&self, line: u32, start: usize, end: usize) -> Span {
        let text = self.line(line).unwrap_or("");
        let start = floor_char(text, start.min(text.len()));
        let end = floor_char(text, end.clamp(start, text.len()));
        Span {
            file: self.file.clone(),
            line,
            column: text[..start].chars().count() as u32 + 1,
            len: text[start..end].chars().count() as u32,
        }
    }

    /// A span on the whole of line `line`.
    pub(crate) fn line_span(&self, line: u32) -> Span {
        Span::line(self.file, line)
    }
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Whether `c` can be part of an identifier-like word.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}
