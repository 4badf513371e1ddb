//! GD0006: text that is UTF-8 read as another encoding ("Bokm√•l" for "Bokmål", "Ã©" for "é").
//!
//! Each line is scanned for runs of characters that, encoded back with a suspected code page
//! (Windows-1252 or Mac Roman), form valid UTF-8 multi-byte sequences. A run is reported only when
//! what it decodes to is plausible text: letters of the Latin, Greek or Cyrillic blocks (Mac Roman:
//! Latin-1 and Latin Extended-A only, since its other lead bytes are the quotes and dashes that
//! real text puts before letters, as in “école” or «École»), letters above U+07FF (CJK, ...) or
//! typographic punctuation; never IPA letters, combining marks or control characters. That keeps
//! legitimate text such as `ANDRÉ’s` (which would decode to the IPA letter `ɒ`) quiet, and a run
//! must decode to at least one letter or typographic mark (`Â©` alone is not reported).

use crate::source::PageText;
use graphgen_diag::{Code, Diagnostic};

/// A code page whose upper half UTF-8 text may have been read through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Windows1252,
    MacRoman,
}

impl Encoding {
    fn name(self) -> &'static str {
        match self {
            Encoding::Windows1252 => "Windows-1252",
            Encoding::MacRoman => "Mac Roman",
        }
    }

    /// The byte `c` is in this code page, for characters outside ASCII.
    fn encode(self, c: char) -> Option<u8> {
        let table: &[char] = match self {
            Encoding::Windows1252 => {
                // Latin-1 readers show 0x80..0x9F as C1 controls; 0xA0..0xFF is Latin-1 in both.
                if ('\u{80}'..='\u{FF}').contains(&c) {
                    return Some(c as u32 as u8);
                }
                &WINDOWS_1252_80_9F
            }
            Encoding::MacRoman => &MAC_ROMAN_80_FF,
        };
        table.iter().position(|&t| t == c).map(|i| 0x80 + i as u8)
    }

    /// Whether `c`, decoded from a run, is something a page plausibly meant to say.
    fn plausible(self, c: char) -> Plausibility {
        let cp = c as u32;
        if is_typographic(c) {
            return Plausibility::Strong;
        }
        if !c.is_alphabetic() {
            // Latin-1 symbols (©, °, nbsp) may be meant, but never make a run on their own.
            return if (0xA0..=0xBF).contains(&cp) {
                Plausibility::Weak
            } else {
                Plausibility::No
            };
        }
        // Latin letters; U+01C0..U+01C3 are click letters, not Latin text.
        let latin = (0xC0..=0x24F).contains(&cp) && !(0x1C0..=0x1C3).contains(&cp);
        let greek_cyrillic = (0x370..=0x4FF).contains(&cp);
        let beyond_two_bytes = cp >= 0x800;
        let ok = match self {
            Encoding::Windows1252 => latin || greek_cyrillic || beyond_two_bytes,
            // Mac Roman lead bytes 0xC6..=0xDF are punctuation (« » … – — “ ” ‘ ’) that real text
            // puts before letters; only √ ƒ ≈ (0xC3..=0xC5, giving U+00C0..U+017F) are trusted.
            Encoding::MacRoman => (0xC0..=0x17F).contains(&cp) || beyond_two_bytes,
        };
        if ok {
            Plausibility::Strong
        } else {
            Plausibility::No
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Plausibility {
    No,
    Weak,
    Strong,
}

/// Curly quotes, dashes, bullets, ellipsis, euro and trade mark signs.
fn is_typographic(c: char) -> bool {
    matches!(c as u32, 0x2010..=0x2027 | 0x20AC | 0x2122)
}

/// Windows-1252 0x80..=0x9F; undefined slots hold the C1 control a Latin-1 reader shows.
const WINDOWS_1252_80_9F: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}',
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

/// Mac Roman 0x80..=0xFF (0xDB as the euro sign, as since Mac OS 8.5).
const MAC_ROMAN_80_FF: [char; 128] = [
    '\u{00C4}', '\u{00C5}', '\u{00C7}', '\u{00C9}', '\u{00D1}', '\u{00D6}', '\u{00DC}', '\u{00E1}',
    '\u{00E0}', '\u{00E2}', '\u{00E4}', '\u{00E3}', '\u{00E5}', '\u{00E7}', '\u{00E9}', '\u{00E8}',
    '\u{00EA}', '\u{00EB}', '\u{00ED}', '\u{00EC}', '\u{00EE}', '\u{00EF}', '\u{00F1}', '\u{00F3}',
    '\u{00F2}', '\u{00F4}', '\u{00F6}', '\u{00F5}', '\u{00FA}', '\u{00F9}', '\u{00FB}', '\u{00FC}',
    '\u{2020}', '\u{00B0}', '\u{00A2}', '\u{00A3}', '\u{00A7}', '\u{2022}', '\u{00B6}', '\u{00DF}',
    '\u{00AE}', '\u{00A9}', '\u{2122}', '\u{00B4}', '\u{00A8}', '\u{2260}', '\u{00C6}', '\u{00D8}',
    '\u{221E}', '\u{00B1}', '\u{2264}', '\u{2265}', '\u{00A5}', '\u{00B5}', '\u{2202}', '\u{2211}',
    '\u{220F}', '\u{03C0}', '\u{222B}', '\u{00AA}', '\u{00BA}', '\u{03A9}', '\u{00E6}', '\u{00F8}',
    '\u{00BF}', '\u{00A1}', '\u{00AC}', '\u{221A}', '\u{0192}', '\u{2248}', '\u{2206}', '\u{00AB}',
    '\u{00BB}', '\u{2026}', '\u{00A0}', '\u{00C0}', '\u{00C3}', '\u{00D5}', '\u{0152}', '\u{0153}',
    '\u{2013}', '\u{2014}', '\u{201C}', '\u{201D}', '\u{2018}', '\u{2019}', '\u{00F7}', '\u{25CA}',
    '\u{00FF}', '\u{0178}', '\u{2044}', '\u{20AC}', '\u{2039}', '\u{203A}', '\u{FB01}', '\u{FB02}',
    '\u{2021}', '\u{00B7}', '\u{201A}', '\u{201E}', '\u{2030}', '\u{00C2}', '\u{00CA}', '\u{00C1}',
    '\u{00CB}', '\u{00C8}', '\u{00CD}', '\u{00CE}', '\u{00CF}', '\u{00CC}', '\u{00D3}', '\u{00D4}',
    '\u{F8FF}', '\u{00D2}', '\u{00DA}', '\u{00DB}', '\u{00D9}', '\u{0131}', '\u{02C6}', '\u{02DC}',
    '\u{00AF}', '\u{02D8}', '\u{02D9}', '\u{02DA}', '\u{00B8}', '\u{02DD}', '\u{02DB}', '\u{02C7}',
];

/// A garbled run: characters `start..end` (indices into the line's chars) and what they were.
#[derive(Debug, Clone)]
struct Run {
    start: usize,
    end: usize,
    decoded: String,
    encoding: Encoding,
    /// Decoded characters that are letters or typographic punctuation.
    strong: usize,
}

/// Runs of `chars` that are UTF-8 sequences read as `encoding`.
fn runs(chars: &[char], encoding: Encoding) -> Vec<Run> {
    let bytes: Vec<Option<u8>> = chars
        .iter()
        .map(|&c| {
            if c.is_ascii() {
                None
            } else {
                encoding.encode(c)
            }
        })
        .collect();
    let mut out: Vec<Run> = Vec::new();
    let mut current: Option<Run> = None;
    let mut i = 0;
    while i < chars.len() {
        if let Some((width, decoded)) = sequence_at(&bytes, i) {
            let plausibility = encoding.plausible(decoded);
            if plausibility != Plausibility::No {
                let run = current.get_or_insert_with(|| Run {
                    start: i,
                    end: i,
                    decoded: String::new(),
                    encoding,
                    strong: 0,
                });
                run.end = i + width;
                run.decoded.push(decoded);
                run.strong += usize::from(plausibility == Plausibility::Strong);
                i += width;
                continue;
            }
        }
        out.extend(current.take().filter(|r| r.strong > 0));
        i += 1;
    }
    out.extend(current.take().filter(|r| r.strong > 0));
    out
}

/// The UTF-8 sequence starting at `i`, if the bytes there form one: its width and character.
fn sequence_at(bytes: &[Option<u8>], i: usize) -> Option<(usize, char)> {
    let lead = bytes[i]?;
    let width = match lead {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    let seq = bytes.get(i..i + width)?;
    let mut buf = [0u8; 4];
    for (slot, b) in buf.iter_mut().zip(seq) {
        *slot = (*b)?;
    }
    if !buf[1..width].iter().all(|b| (0x80..=0xBF).contains(b)) {
        return None;
    }
    let s = std::str::from_utf8(&buf[..width]).ok()?;
    s.chars().next().map(|c| (width, c))
}

/// Garbled runs of one line, overlaps resolved: the run that decodes to more letters wins, then
/// Windows-1252.
fn line_runs(chars: &[char]) -> Vec<Run> {
    let mut all = runs(chars, Encoding::Windows1252);
    for run in runs(chars, Encoding::MacRoman) {
        let overlapping: Vec<usize> = all
            .iter()
            .enumerate()
            .filter(|(_, r)| r.start < run.end && run.start < r.end)
            .map(|(i, _)| i)
            .collect();
        let best = overlapping
            .iter()
            .map(|&i| all[i].strong)
            .max()
            .unwrap_or(0);
        if run.strong > best {
            for i in overlapping.into_iter().rev() {
                all.remove(i);
            }
            all.push(run);
        }
    }
    all.sort_by_key(|r| r.start);
    all
}

pub(crate) fn check(text: &PageText<'_>, out: &mut Vec<Diagnostic>) {
    for (number, line) in text.numbered() {
        if line.is_ascii() {
            continue;
        }
        let chars: Vec<char> = line.chars().collect();
        let runs = line_runs(&chars);
        if runs.is_empty() {
            continue;
        }
        // Runs in one word (only word characters between them) make one diagnostic.
        let mut groups: Vec<Vec<&Run>> = Vec::new();
        for run in &runs {
            match groups.last_mut() {
                Some(group)
                    if chars[group.last().map_or(0, |r| r.end)..run.start]
                        .iter()
                        .all(|c| c.is_alphanumeric()) =>
                {
                    group.push(run)
                }
                _ => groups.push(vec![run]),
            }
        }
        let offsets: Vec<usize> = line
            .char_indices()
            .map(|(i, _)| i)
            .chain([line.len()])
            .collect();
        for group in groups {
            let (first, last) = (group[0], group[group.len() - 1]);
            let mut word_start = first.start;
            while word_start > 0 && chars[word_start - 1].is_alphanumeric() {
                word_start -= 1;
            }
            let mut word_end = last.end;
            while word_end < chars.len() && chars[word_end].is_alphanumeric() {
                word_end += 1;
            }
            let word: String = chars[word_start..word_end].iter().collect();
            let mut fixed = String::new();
            let mut at = word_start;
            for run in &group {
                fixed.extend(&chars[at..run.start]);
                fixed.push_str(&run.decoded);
                at = run.end;
            }
            fixed.extend(&chars[at..word_end]);
            let span = text.span(number, offsets[first.start], offsets[last.end]);
            out.push(
                Diagnostic::new(
                    Code::Mojibake,
                    span,
                    format!(
                        "`{word}` looks like UTF-8 read as {}",
                        first.encoding.name()
                    ),
                )
                .with_help(format!("did you mean `{fixed}`?")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixes(s: &str) -> Vec<(String, &'static str)> {
        let chars: Vec<char> = s.chars().collect();
        line_runs(&chars)
            .into_iter()
            .map(|r| (r.decoded, r.encoding.name()))
            .collect()
    }

    #[test]
    fn mac_roman_bokmal() {
        assert_eq!(fixes("Norwegian Bokm√•l"), [("å".into(), "Mac Roman")]);
    }

    #[test]
    fn windows_1252_accents_and_quotes() {
        assert_eq!(fixes("CafÃ©"), [("é".into(), "Windows-1252")]);
        assert_eq!(fixes("donâ€™t"), [("’".into(), "Windows-1252")]);
        assert_eq!(fixes("ÐŸÑ€Ð¸Ð²ÐµÑ‚"), [("Привет".into(), "Windows-1252")]);
    }

    #[test]
    fn legitimate_text_is_quiet() {
        assert!(fixes("Norwegian Bokmål, café, naïve, Zürich").is_empty());
        assert!(fixes("ANDRÉ’s “école” «École» — “Über”").is_empty());
        assert!(fixes("São Paulo, SÃO PAULO, © 2021, 5 °C, ≤ 10").is_empty());
        assert!(fixes("日本語のテキスト").is_empty());
    }

    #[test]
    fn symbols_alone_are_not_reported() {
        // "Â©" is "©" read as Windows-1252, but a symbol alone is too weak a signal.
        assert!(fixes("Â© Microsoft").is_empty());
    }
}
