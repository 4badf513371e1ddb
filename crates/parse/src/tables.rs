//! The walker's table state: cells (with the "Possible values" sentence they may hold), rows
//! (continuation lines, bold group rows) and finished tables.

use super::*;

#[derive(Default)]
pub(crate) struct CellState {
    pub(crate) cell: Cell,
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// "Possible values are" has been seen: code spans that follow are members.
    pub(crate) in_possible_values: bool,
    pub(crate) possible_values_text: Option<String>,
    /// The sentence that lists the values has ended: code spans after it (`$filter`, values of
    /// another property in "Required if **type** is `weekly`") are not members, until a later
    /// sentence says "the following values" (the `Prefer` header sentence of evolvable enums).
    pub(crate) possible_values_ended: bool,
    /// Parenthesis depth inside the list: a period in "(Value is ignored ...)" ends nothing.
    pub(crate) possible_values_depth: i32,
    /// Byte offset in the cell text where the list's sentence ended.
    pub(crate) possible_values_end: usize,
}

impl CellState {
    /// Follows the sentence that lists the possible values over the cell text from byte `from`:
    /// a period at parenthesis depth 0 followed by a space ends it; "following value" (the
    /// evolvable-enum sentence: "Use the `Prefer: include-unknown-enum-members` request header to
    /// get the following values ...: `a`, `b`.") opens it again.
    pub(crate) fn possible_values_sentence(&mut self, from: usize) {
        let mut pos = from;
        loop {
            if self.possible_values_ended {
                let lower = self.cell.text[self.possible_values_end..].to_ascii_lowercase();
                let phrase = "following value";
                let Some(i) = lower.find(phrase) else { return };
                self.possible_values_ended = false;
                self.possible_values_depth = 0;
                pos = pos.max(self.possible_values_end + i + phrase.len());
            }
            let text = &self.cell.text[pos..];
            let mut end = None;
            let mut chars = text.char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                match c {
                    '(' => self.possible_values_depth += 1,
                    ')' => self.possible_values_depth -= 1,
                    '.' if self.possible_values_depth <= 0
                        && chars.peek().is_none_or(|(_, n)| n.is_whitespace()) =>
                    {
                        end = Some(pos + i + 1);
                        break;
                    }
                    _ => {}
                }
            }
            match end {
                Some(at) => {
                    self.possible_values_ended = true;
                    self.possible_values_end = at;
                    pos = at;
                }
                None => return,
            }
        }
    }
}

pub(crate) struct TableState {
    pub(crate) line: u32,
    pub(crate) section: Option<String>,
    pub(crate) header: Vec<Cell>,
    pub(crate) rows: Vec<Row>,
    pub(crate) current_row: Option<(u32, Vec<Cell>)>,
    pub(crate) in_head: bool,
    /// The header row starts with `|`.
    pub(crate) leading_pipe: bool,
    /// The current row's line starts with `|`.
    pub(crate) row_leading_pipe: bool,
}

/// The text of a row whose only non-empty cell is all bold (`| **Calendar** |||`).
fn group_heading(cells: &[Cell]) -> Option<String> {
    let mut filled = cells.iter().filter(|c| !c.text.is_empty());
    let only = filled.next()?;
    let md = only.markdown.trim();
    let bold = md.len() > 4
        && ((md.starts_with("**") && md.ends_with("**"))
            || (md.starts_with("__") && md.ends_with("__")))
        && !md[2..md.len() - 2].contains("**");
    (filled.next().is_none() && bold).then(|| only.text.clone())
}

impl Walker<'_> {
    pub(crate) fn end_table_cell(&mut self) {
        if let Some(mut state) = self.cell.take() {
            let src = self.text.get(state.start..state.end).unwrap_or("");
            state.cell.markdown = src.trim().trim_end_matches('|').trim().to_owned();
            state.cell.text = state.cell.text.trim().to_owned();
            let (_, col) = self.lines.line_col(self.text, state.start);
            state.cell.column = col;
            if state.in_possible_values && state.cell.possible_values.is_empty() {
                if let Some(pv) = &state.possible_values_text {
                    state.cell.possible_values = text::split_plain_values(pv);
                }
            }
            if let Some(t) = &mut self.table {
                if t.in_head {
                    t.header.push(state.cell);
                } else if let Some((_, cells)) = &mut t.current_row {
                    cells.push(state.cell);
                }
            }
        }
    }

    pub(crate) fn end_table_row(&mut self) {
        let Some(t) = &mut self.table else { return };
        let Some((line, cells)) = t.current_row.take() else {
            return;
        };
        // A line without the leading `|` of its table is the rest of the row above,
        // whose cell text went on after a line break (`...Valid values 0 to 4294967295`
        // then `The value 0 (zero) means ...|`): it belongs to that row's last cell.
        if t.leading_pipe && !t.row_leading_pipe {
            if let Some(last) = t.rows.last_mut().and_then(|r| r.cells.last_mut()) {
                for cell in cells.into_iter().filter(|c| !c.text.is_empty()) {
                    last.text = format!("{} {}", last.text, cell.text);
                    last.markdown = format!("{} {}", last.markdown, cell.markdown);
                    last.links.extend(cell.links);
                    for v in cell.possible_values {
                        if !last.possible_values.contains(&v) {
                            last.possible_values.push(v);
                        }
                    }
                }
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::MalformedTable,
                        Span::line(&self.path, line),
                        "this line continues the table row above it: a line break inside a cell",
                    )
                    .with_help(
                        "join the two lines, or write `<br>` for a line break inside the cell",
                    ),
                );
                return;
            }
        }
        let group = group_heading(&cells);
        t.rows.push(Row { line, cells, group });
    }

    pub(crate) fn end_table(&mut self) {
        if let Some(t) = self.table.take() {
            let header: Vec<String> = t.header.into_iter().map(|c| c.text).collect();
            let kind = text::classify_table(&header);
            let kind =
                text::parameters_in_value_column(kind, &header, t.section.as_deref(), &t.rows);
            self.page.tables.push(Table {
                line: t.line,
                section: t.section,
                kind,
                header,
                rows: t.rows,
            });
        }
    }
}
