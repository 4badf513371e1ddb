//! GD0005: `TODO` markers left in front matter values, table cells and prose.
//!
//! Code blocks and HTML comments are not looked at: a comment is an author's note that readers
//! never see, and `TODO` in an example is data.

use crate::source::{is_word_char, LineKind, PageText};
use graphgen_diag::{Code, Diagnostic};
use graphgen_parse::{Page, Table, TableKind};

pub(crate) fn check(page: &Page, text: &PageText<'_>, out: &mut Vec<Diagnostic>) {
    let mut in_comment = false;
    for (number, line) in text.numbered() {
        let kind = text.kind(number).unwrap_or(LineKind::Text);
        if kind == LineKind::Code {
            continue;
        }
        if !in_comment && !line.contains("TODO") && !line.contains("<!--") {
            continue;
        }
        for start in visible_ranges(line, &mut in_comment)
            .into_iter()
            .flat_map(|(from, to)| markers(line, from, to))
        {
            let end = marker_end(line, start);
            let place = place(page, text, kind, number, line, start);
            out.push(
                Diagnostic::new(
                    Code::TodoMarker,
                    text.span(number, start, end),
                    format!("TODO marker left in {place}"),
                )
                .with_help("write the missing text, or remove the marker"),
            );
        }
    }
}

/// Byte ranges of `line` outside HTML comments; `in_comment` carries a comment across lines.
fn visible_ranges(line: &str, in_comment: &mut bool) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut at = 0;
    while at < line.len() {
        if *in_comment {
            match line[at..].find("-->") {
                Some(i) => {
                    at += i + 3;
                    *in_comment = false;
                }
                None => return ranges,
            }
        } else {
            match line[at..].find("<!--") {
                Some(i) => {
                    ranges.push((at, at + i));
                    at += i + 4;
                    *in_comment = true;
                }
                None => {
                    ranges.push((at, line.len()));
                    return ranges;
                }
            }
        }
    }
    ranges
}

/// Byte offsets of whole-word `TODO`s in `line[from..to]`.
fn markers(line: &str, from: usize, to: usize) -> Vec<usize> {
    line[from..to]
        .match_indices("TODO")
        .map(|(i, _)| from + i)
        .filter(|&i| {
            let before = line[..i].chars().next_back();
            let after = line[i + 4..].chars().next();
            !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
        })
        .collect()
}

/// Where the marker's text ends: before the closing `**` (or `*`), the cell's `|`, a closing
/// quote, or after the end of its sentence; trailing spaces are not underlined.
fn marker_end(line: &str, start: usize) -> usize {
    let rest = &line[start..];
    let mut end = rest.len();
    for (i, c) in rest.char_indices() {
        if i > 0 && matches!(c, '*' | '|' | '"' | '<') {
            end = i;
            break;
        }
        if matches!(c, '.' | '!' | '?')
            && rest[i + 1..]
                .chars()
                .next()
                .is_none_or(|n| n.is_whitespace() || n == '*')
        {
            end = i + 1;
            break;
        }
    }
    start + rest[..end].trim_end().len()
}

/// Words for where the marker stands: a front matter key, a property's description, a table
/// cell, or a section's prose.
fn place(
    page: &Page,
    text: &PageText<'_>,
    kind: LineKind,
    number: u32,
    line: &str,
    offset: usize,
) -> String {
    if kind == LineKind::FrontMatter {
        let key = page
            .front_matter
            .entries
            .iter()
            .filter(|(_, v)| v.line <= number)
            .max_by_key(|(_, v)| v.line)
            .map(|(k, _)| k.as_str())
            .or_else(|| line.split_once(':').map(|(k, _)| k.trim()));
        return match key {
            Some(key) => format!("front matter `{key}`"),
            None => "the front matter".to_owned(),
        };
    }
    let column = text.span(number, offset, offset).column;
    for table in &page.tables {
        if table.line == number {
            return "a table header".to_owned();
        }
        if let Some(row) = table.rows.iter().find(|r| r.line == number) {
            let index = row
                .cells
                .iter()
                .rposition(|c| c.column <= column)
                .unwrap_or(0);
            return cell_place(table, &row.cells, index);
        }
    }
    match section_of(page, number) {
        Some(section) => format!("the text of section `{section}`"),
        None => "the page text".to_owned(),
    }
}

fn cell_place(table: &Table, cells: &[graphgen_parse::Cell], index: usize) -> String {
    let text = |i: usize| cells.get(i).map_or("", |c| c.text.as_str());
    let header = table.header.get(index).map_or("", String::as_str);
    match table.kind {
        TableKind::Properties {
            name,
            ty,
            description,
        }
        | TableKind::Relationships {
            name,
            ty,
            description,
        } => {
            let what = if matches!(table.kind, TableKind::Properties { .. }) {
                "property"
            } else {
                "relationship"
            };
            let subject = text(name).trim_matches(['`', '*', ' ']);
            if Some(index) == description {
                format!("the description of {what} `{subject}`")
            } else if index == ty {
                format!("the type of {what} `{subject}`")
            } else {
                format!("the {what} table, row `{subject}`")
            }
        }
        _ if index > 0 => format!("the `{header}` column of row `{}`", text(0)),
        _ => format!("the `{header}` column of a table"),
    }
}

/// The heading of the section that line `number` stands in.
pub(crate) fn section_of(page: &Page, number: u32) -> Option<&str> {
    let i = page.headings.partition_point(|h| h.line <= number);
    i.checked_sub(1).map(|i| page.headings[i].text.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn underlined(line: &str) -> Vec<&str> {
        markers(line, 0, line.len())
            .into_iter()
            .map(|s| &line[s..marker_end(line, s)])
            .collect()
    }

    #[test]
    fn marker_text_ends_at_emphasis_cell_or_sentence() {
        assert_eq!(
            underlined("|id|String|**TODO: Add Description** Inherited from x|"),
            ["TODO: Add Description"]
        );
        assert_eq!(
            underlined("|Application|**TODO: Determine scopes **|"),
            ["TODO: Determine scopes"]
        );
        assert_eq!(
            underlined("author: \"**TODO: Provide Github Name. See [x](y)**\""),
            ["TODO: Provide Github Name."]
        );
        assert_eq!(underlined("TODO"), ["TODO"]);
    }

    #[test]
    fn only_whole_words() {
        assert!(underlined("TODOSEARCHAPI and todoTask and MyTODO").is_empty());
    }

    #[test]
    fn comments_are_skipped() {
        let mut in_comment = false;
        assert_eq!(
            visible_ranges("a <!-- TODO --> b", &mut in_comment),
            [(0, 2), (15, 17)]
        );
        assert_eq!(visible_ranges("<!--", &mut in_comment), [(0, 0)]);
        assert!(in_comment);
        assert!(visible_ranges("TODO: x", &mut in_comment).is_empty());
        assert_eq!(visible_ranges("-->TODO", &mut in_comment), [(3, 7)]);
    }
}
