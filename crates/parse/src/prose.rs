//! Paragraphs of prose: the namespace line, `[!INCLUDE]` directives, inheritance and
//! derived-type sentences, and the lead paragraphs of a page. Methods of the page walker
//! (`lib.rs`), called when a paragraph ends.

use crate::model::Located;
use crate::{inheritance, Lead, Walker};
use std::ops::Range;

impl Walker<'_> {
    pub(crate) fn paragraph_done(&mut self, text: &str, range: Range<usize>) {
        let line = self.line(range.start);
        let src = self.text.get(range.clone()).unwrap_or("");
        let links = std::mem::take(&mut self.paragraph_base_links);
        let statements = inheritance::statements(text, &links, |word| {
            line + src
                .find(word)
                .map_or(0, |i| src[..i].matches('\n').count() as u32)
        });
        self.page.base_statements.extend(statements);
        let in_derived_section = self
            .section
            .as_deref()
            .is_some_and(|s| s.eq_ignore_ascii_case("derived types"));
        if !in_derived_section && self.derived_list.is_none() {
            let derived = inheritance::derived_in_paragraph(text, &self.paragraph_links);
            self.page.derived_types.extend(derived);
        }
        self.derived_list_announced = inheritance::announces_derived_list(text);
        if let Some(rest) = text.strip_prefix("Namespace:") {
            let ns = rest.trim().trim_matches('`').trim().to_owned();
            if !ns.is_empty() && self.page.namespace.is_none() {
                self.page.namespace = Some(Located::new(ns, line));
            }
        }
        // `[!INCLUDE [name](path)]` directives: read from the source lines, since Markdown turns
        // the outer brackets into text and the inner part into a link.
        for (i, l) in src.lines().enumerate() {
            let l = l.trim_start_matches(['>', ' ']);
            if let Some(rest) = l.strip_prefix("[!INCLUDE") {
                let target = rest
                    .rsplit_once("](")
                    .map(|(_, t)| t.trim_end_matches([']', ')', ' ']).to_owned())
                    .unwrap_or_else(|| rest.trim().to_owned());
                self.page
                    .includes
                    .push(Located::new(target, line + i as u32));
            }
        }
    }

    /// A paragraph read while the lead is open: a top-level prose paragraph joins it. Lines
    /// that start it with `Namespace:` or `[!INCLUDE` are skipped (`appIdentity` has its lead on
    /// the line after `Namespace:`, in the same paragraph). A paragraph ending in `:` introduces
    /// what follows (a list, a code block) and ends the lead; it is kept only as the first
    /// paragraph, where it is the description (`accessReviewApplyAction`, `baseItem`).
    pub(crate) fn lead_paragraph(&mut self, range: Range<usize>) {
        if self.quote_depth > 0 || self.list_depth > 0 {
            return;
        }
        let Lead::Open {
            paragraphs,
            last_end,
        } = &mut self.lead
        else {
            return;
        };
        let src = self.text.get(range.clone()).unwrap_or("");
        let first_line = self.lines.line(range.start);
        let mut lines = src
            .lines()
            .enumerate()
            .map(|(i, l)| (first_line + i as u32, l.trim()))
            .filter(|(_, l)| !l.is_empty())
            .skip_while(|(_, l)| l.starts_with("Namespace:") || l.starts_with("[!INCLUDE"))
            .peekable();
        let Some(&(line, _)) = lines.peek() else {
            return;
        };
        let markdown = lines.map(|(_, l)| l).collect::<Vec<_>>().join(" ");
        let introduces = markdown.ends_with(':');
        if !introduces || paragraphs.is_empty() {
            paragraphs.push(Located::new(markdown, line));
            *last_end = range.start + src.trim_end().len();
        }
        if introduces {
            self.close_lead();
        }
    }

    /// Ends the lead; the paragraphs it gathered become [`Page::lead`].
    pub(crate) fn close_lead(&mut self) {
        if !matches!(self.lead, Lead::Open { .. }) {
            return;
        }
        if let Lead::Open { paragraphs, .. } = std::mem::replace(&mut self.lead, Lead::Closed) {
            self.page.lead = paragraphs;
        }
    }
}
