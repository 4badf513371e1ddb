//! Rendering diagnostics for people (rustc-style, with source excerpts) and for tools (JSON lines).
//!
//! ```text
//! warning[GD0006]: text looks like UTF-8 decoded as another encoding
//!   --> docs/resources/user.md:12:9
//!    |
//! 12 | | name | Bokmål | String |
//!    |         ^^^^^^^
//!    |
//!    = help: re-save the file as UTF-8
//! ```

use crate::{Code, Diagnostic, Severity, Span};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::Arc;

/// Gives the full text of a documentation file by the path diagnostics use for it.
pub trait SourceProvider {
    /// The whole text of `file`, or `None` when it is not available.
    fn source(&self, file: &str) -> Option<&str>;
}

impl SourceProvider for BTreeMap<Arc<str>, String> {
    fn source(&self, file: &str) -> Option<&str> {
        self.get(file).map(String::as_str)
    }
}

impl SourceProvider for BTreeMap<String, String> {
    fn source(&self, file: &str) -> Option<&str> {
        self.get(file).map(String::as_str)
    }
}

impl SourceProvider for HashMap<Arc<str>, String> {
    fn source(&self, file: &str) -> Option<&str> {
        self.get(file).map(String::as_str)
    }
}

impl SourceProvider for HashMap<String, String> {
    fn source(&self, file: &str) -> Option<&str> {
        self.get(file).map(String::as_str)
    }
}

impl<T: SourceProvider + ?Sized> SourceProvider for &T {
    fn source(&self, file: &str) -> Option<&str> {
        (**self).source(file)
    }
}

/// Renders one diagnostic the way rustc does: a header, `--> file:line:column`, the source line with
/// the span underlined, related locations as secondary annotations (one excerpt per file) and
/// `= help:` when there is help.
///
/// Falls back to [`Diagnostic::render_plain`] when the primary file's text is unavailable or the
/// line is out of range. A related location whose text is unavailable becomes a `= note:` line.
/// The result always ends with one newline; separate diagnostics with a blank line.
pub fn render_human(diag: &Diagnostic, sources: &dyn SourceProvider, color: bool) -> String {
    let Some(primary_text) = sources.source(&diag.span.file) else {
        return diag.render_plain();
    };
    let Some(primary_line) = nth_line(primary_text, diag.span.line) else {
        return diag.render_plain();
    };

    // Group locations by file, primary file first, others in order of first mention, so that a
    // related location on the primary page shares its excerpt like rustc does.
    let mut excerpts: Vec<Excerpt<'_>> = vec![Excerpt {
        file: &diag.span.file,
        text: primary_text,
        marks: vec![Mark {
            span: &diag.span,
            line: primary_line,
            label: None,
        }],
    }];
    let mut orphans: Vec<&crate::Related> = Vec::new();
    for related in &diag.related {
        let file: &str = &related.span.file;
        let text = match excerpts.iter().find(|e| e.file == file) {
            Some(e) => Some(e.text),
            None => sources.source(file),
        };
        let Some(line) = text.and_then(|t| nth_line(t, related.span.line)) else {
            orphans.push(related);
            continue;
        };
        let mark = Mark {
            span: &related.span,
            line,
            label: Some(&related.message),
        };
        match excerpts.iter_mut().find(|e| e.file == file) {
            Some(excerpt) => excerpt.marks.push(mark),
            None => excerpts.push(Excerpt {
                file,
                text: text.unwrap_or_default(),
                marks: vec![mark],
            }),
        }
    }

    let title = level(diag.severity)
        .primary_title(diag.message.as_str())
        .id(diag.code.as_str());
    let mut group = Group::with_title(title);
    for (index, excerpt) in excerpts.iter().enumerate() {
        group = group.element(excerpt.snippet(index == 0));
    }
    let notes: Vec<String> = orphans
        .iter()
        .map(|r| format!("{} ({})", r.message, r.span))
        .collect();
    for note in &notes {
        group = group.element(Level::NOTE.message(note.as_str()));
    }
    if let Some(help) = &diag.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }

    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = renderer.render(&[group]);
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    }
}

/// One file's excerpt: the annotated lines of `text`.
struct Excerpt<'a> {
    file: &'a str,
    text: &'a str,
    marks: Vec<Mark<'a>>,
}

struct Mark<'a> {
    span: &'a Span,
    /// The text of `span.line`, without its line ending.
    line: &'a str,
    /// `None` for the primary span (its message is the title).
    label: Option<&'a str>,
}

impl<'a> Excerpt<'a> {
    /// A snippet holding the lines from the first to the last mark (annotate-snippets folds the
    /// unannotated ones in between), with line endings normalised to `\n`.
    fn snippet(&self, has_primary: bool) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
        let first = self.marks.iter().map(|m| m.span.line).min().unwrap_or(1);
        let last = self
            .marks
            .iter()
            .map(|m| m.span.line)
            .max()
            .unwrap_or(first);
        let mut source = String::new();
        let mut starts = BTreeMap::new();
        for (number, line) in (first..=last).zip(lines(self.text).skip(first as usize - 1)) {
            if number > first {
                source.push('\n');
            }
            starts.insert(number, source.len());
            source.push_str(line);
        }
        let annotations: Vec<_> = self
            .marks
            .iter()
            .enumerate()
            .map(|(index, mark)| {
                let range = byte_range(mark.line, mark.span.column, mark.span.len);
                let start = starts[&mark.span.line];
                let kind = if has_primary && index == 0 {
                    AnnotationKind::Primary
                } else {
                    AnnotationKind::Context
                };
                kind.span(start + range.start..start + range.end)
                    .label(mark.label)
            })
            .collect();
        Snippet::source(source)
            .line_start(first as usize)
            .path(self.file)
            .annotations(annotations)
    }
}

/// Lines of `text` without their `\n` or `\r\n` endings.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line))
}

/// The text of 1-based line `number`, or `None` when the text has no such line.
fn nth_line(text: &str, number: u32) -> Option<&str> {
    let index = (number as usize).checked_sub(1)?;
    let line = lines(text).nth(index)?;
    // A final newline does not start another line.
    if line.is_empty() && index > 0 && index == lines(text).count() - 1 {
        return None;
    }
    Some(line)
}

/// The byte range within `line` of the span starting at 1-based character `column` and `len`
/// characters long, clamped to the line. `len == 0` means "to the end of the line": the line
/// trimmed of surrounding whitespace, starting at `column` if that is further right. A column
/// past the end of the line also means the whole trimmed line.
fn byte_range(line: &str, column: u32, len: u32) -> Range<usize> {
    let char_count = line.chars().count();
    let start_char = (column.max(1) - 1) as usize;
    let byte_at = |chars: usize| {
        line.char_indices()
            .nth(chars)
            .map_or(line.len(), |(i, _)| i)
    };
    if len == 0 || start_char > char_count {
        let trimmed_start = line.len() - line.trim_start().len();
        let trimmed_end = line.trim_end().len().max(trimmed_start);
        let start = if start_char > char_count {
            0
        } else {
            byte_at(start_char)
        };
        let start = start.clamp(trimmed_start, trimmed_end);
        return start..trimmed_end;
    }
    byte_at(start_char)..byte_at(start_char + len as usize)
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: Code,
    severity: Severity,
    message: &'a str,
    file: &'a str,
    line: u32,
    column: u32,
    len: u32,
    related: Vec<JsonRelated<'a>>,
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    file: &'a str,
    line: u32,
    column: u32,
    len: u32,
    message: &'a str,
}

/// One line of JSON describing `diag` (no trailing newline), for tools that read one object per
/// line. Every key is always present: `related` may be `[]` and `help` may be `null`.
///
/// ```json
/// {"code":"GD0006","severity":"warning","message":"…","file":"a.md","line":3,"column":5,"len":2,"related":[{"file":"b.md","line":1,"column":1,"len":0,"message":"…"}],"help":null}
/// ```
pub fn render_json(diag: &Diagnostic) -> String {
    let json = JsonDiagnostic {
        code: diag.code,
        severity: diag.severity,
        message: &diag.message,
        file: &diag.span.file,
        line: diag.span.line,
        column: diag.span.column,
        len: diag.span.len,
        related: diag
            .related
            .iter()
            .map(|r| JsonRelated {
                file: &r.span.file,
                line: r.span.line,
                column: r.span.column,
                len: r.span.len,
                message: &r.message,
            })
            .collect(),
        help: diag.help.as_deref(),
    };
    serde_json::to_string(&json).expect("a diagnostic always serializes")
}

/// A table of how many diagnostics there are of each code (in code order, one row per code and
/// severity), followed by a total line such as `1 error, 3 warnings, 2 notes`:
///
/// ```text
///   3 warning GD0006 text looks like UTF-8 decoded as another encoding
///   1 error   GD0024 two names collide after conversion to Rust
/// 1 error, 3 warnings
/// ```
///
/// With no diagnostics the result is `no diagnostics\n`. Always ends with a newline.
pub fn summary(diags: &[Diagnostic]) -> String {
    let mut rows: BTreeMap<(Code, Severity), usize> = BTreeMap::new();
    let mut totals: BTreeMap<Severity, usize> = BTreeMap::new();
    for diag in diags {
        *rows.entry((diag.code, diag.severity)).or_default() += 1;
        *totals.entry(diag.severity).or_default() += 1;
    }
    let width = rows.values().max().map_or(1, |n| n.to_string().len());
    let mut out = String::new();
    for ((code, severity), count) in &rows {
        out.push_str(&format!(
            "{count:>width$} {severity:<7} {code} {}\n",
            code.summary(),
            severity = severity.to_string(),
        ));
    }
    let total: Vec<String> = totals
        .iter()
        .map(|(severity, &count)| {
            format!("{count} {severity}{}", if count == 1 { "" } else { "s" })
        })
        .collect();
    if total.is_empty() {
        out.push_str("no diagnostics\n");
    } else {
        out.push_str(&total.join(", "));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_range_counts_characters() {
        let line = "| Bokmål | x |";
        // "x" is the 12th character but starts at byte 12 because "å" takes two bytes.
        assert_eq!(byte_range(line, 12, 1), 12..13);
        assert_eq!(byte_range(line, 3, 6), 2..9);
        assert_eq!(&line[byte_range(line, 3, 6)], "Bokmål");
        assert_eq!(byte_range("  ab  ", 1, 0), 2..4);
        assert_eq!(byte_range("   ", 1, 0), 3..3);
        assert_eq!(byte_range("ab", 2, 10), 1..2);
        assert_eq!(byte_range("ab", 9, 1), 0..2);
        assert_eq!(byte_range("  ab cd  ", 4, 0), 3..7);
        assert_eq!(byte_range("  ab cd  ", 9, 0), 7..7);
        assert_eq!(byte_range("  é cd  ", 5, 0), 5..7);
    }

    #[test]
    fn nth_line_handles_endings() {
        let text = "a\r\nb\nc\n";
        assert_eq!(nth_line(text, 1), Some("a"));
        assert_eq!(nth_line(text, 2), Some("b"));
        assert_eq!(nth_line(text, 3), Some("c"));
        assert_eq!(nth_line(text, 4), None);
        assert_eq!(nth_line(text, 0), None);
        assert_eq!(nth_line("a\n\nb", 2), Some(""));
        assert_eq!(nth_line("", 1), Some(""));
    }

    #[test]
    fn summary_counts_by_code() {
        let file: Arc<str> = Arc::from("a.md");
        let d = |code| Diagnostic::new(code, Span::line(&file, 1), "m");
        let diags = vec![
            d(Code::NameCollision),
            d(Code::Mojibake),
            d(Code::Mojibake),
            d(Code::PlaceholderData),
        ];
        assert_eq!(
            summary(&diags),
            "2 warning GD0006 text looks like UTF-8 decoded as another encoding\n\
             1 note    GD0007 example body uses placeholder values instead of data\n\
             1 error   GD0024 two names collide after conversion to Rust\n\
             1 error, 2 warnings, 1 note\n"
        );
        assert_eq!(summary(&[]), "no diagnostics\n");
    }
}
