//! Bytes -> text, before any Markdown is read: BOMs, UTF-16, invalid UTF-8, lone CRs and NULs,
//! each reported.

use graphgen_diag::{Code, Diagnostic, Span};
use std::sync::Arc;

/// The text of a page and the diagnostics raised while decoding its bytes.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// Turns a file's bytes into text. A UTF-8 byte-order mark is removed, UTF-16 (with a BOM, or
/// recognised by its zero bytes) is decoded, invalid UTF-8 is replaced, CR-only line breaks are
/// read as LF (as Markdown does), NUL characters become U+FFFD; each is reported. CRLF line
/// endings are reported (pulldown-cmark reads them fine).
pub fn decode(path: &Arc<str>, bytes: &[u8]) -> Decoded {
    let mut diagnostics = Vec::new();
    let mut bytes = bytes;
    let utf16 = if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        Some((rest, true, true))
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        Some((rest, false, true))
    } else {
        utf16_without_bom(bytes).map(|le| (bytes, le, false))
    };
    let text = if let Some((rest, le, bom)) = utf16 {
        let order = if le { "LE" } else { "BE" };
        diagnostics.push(if bom {
            Diagnostic::new(
                Code::ByteOrderMark,
                Span::line(path, 1),
                format!("file starts with a UTF-16 {order} byte-order mark; decoded as UTF-16"),
            )
            .with_help("save the file as UTF-8 without BOM")
        } else {
            Diagnostic::new(
                Code::NonUtf8,
                Span::line(path, 1),
                format!("file is UTF-16 {order} without a byte-order mark; decoded as UTF-16"),
            )
            .with_help("save the file as UTF-8")
        });
        let units = rest.chunks_exact(2).map(|c| {
            if le {
                u16::from_le_bytes([c[0], c[1]])
            } else {
                u16::from_be_bytes([c[0], c[1]])
            }
        });
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect()
    } else {
        if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
            diagnostics.push(
                Diagnostic::new(
                    Code::ByteOrderMark,
                    Span::line(path, 1),
                    "file starts with a UTF-8 byte-order mark",
                )
                .with_help("save the file as UTF-8 without BOM"),
            );
            bytes = rest;
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => text.to_owned(),
            Err(err) => {
                let valid = &bytes[..err.valid_up_to()];
                let line = valid
                    .iter()
                    .enumerate()
                    .filter(|&(i, &b)| {
                        b == b'\n' || (b == b'\r' && valid.get(i + 1) != Some(&b'\n'))
                    })
                    .count() as u32
                    + 1;
                let column = valid
                    .rsplit(|&b| b == b'\n')
                    .next()
                    .map_or(0, |l| String::from_utf8_lossy(l).chars().count())
                    as u32
                    + 1;
                diagnostics.push(
                    Diagnostic::new(
                        Code::NonUtf8,
                        Span {
                            file: path.clone(),
                            line,
                            column,
                            len: 1,
                        },
                        format!("invalid UTF-8 byte 0x{:02X}", bytes[err.valid_up_to()]),
                    )
                    .with_help("the byte was replaced by U+FFFD; save the file as UTF-8"),
                );
                String::from_utf8_lossy(bytes).into_owned()
            }
        }
    };
    let text = lone_cr_as_lf(path, text, &mut diagnostics);
    let text = nul_replaced(path, text, &mut diagnostics);
    if let Some(pos) = text.find("\r\n") {
        let line = text[..pos].matches('\n').count() as u32 + 1;
        let count = text.matches("\r\n").count();
        diagnostics.push(
            Diagnostic::new(
                Code::CrlfLineEndings,
                Span::line(path, line),
                format!("file uses CRLF line endings ({count} lines)"),
            )
            .with_help("convert the file to LF line endings"),
        );
    }
    Decoded { text, diagnostics }
}

/// UTF-16 without a byte-order mark, told by its zero bytes: in ASCII-heavy text every other
/// byte is 0. `Some(true)` for little-endian.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let zero_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zero_at(0), zero_at(1));
    if odd * 10 >= pairs * 7 && even * 10 <= pairs {
        Some(true)
    } else if even * 10 >= pairs * 7 && odd * 10 <= pairs {
        Some(false)
    } else {
        None
    }
}

/// A CR not followed by LF is a line break in Markdown; it becomes LF so that every later stage
/// (line numbers, tables, JSON bodies, doc comments) sees one kind of line break.
fn lone_cr_as_lf(path: &Arc<str>, text: String, diagnostics: &mut Vec<Diagnostic>) -> String {
    let bytes = text.as_bytes();
    let lone: Vec<usize> = (0..bytes.len())
        .filter(|&i| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
        .collect();
    let Some(&first) = lone.first() else {
        return text;
    };
    let lf = text.matches('\n').count();
    let line = text[..first].matches('\n').count() as u32 + 1;
    let message = if lf == text.matches("\r\n").count() {
        format!(
            "file uses CR line endings ({} lines); read as LF",
            lone.len()
        )
    } else {
        format!("{} lone CR character(s) read as line breaks", lone.len())
    };
    diagnostics.push(
        Diagnostic::new(Code::CrlfLineEndings, Span::line(path, line), message)
            .with_help("convert the file to LF line endings"),
    );
    let mut out = text.into_bytes();
    for i in lone {
        out[i] = b'\n';
    }
    // CR and LF are both one ASCII byte, so the text stays valid UTF-8.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// NUL characters would make every generated file binary to git; they become U+FFFD.
fn nul_replaced(path: &Arc<str>, text: String, diagnostics: &mut Vec<Diagnostic>) -> String {
    let Some(first) = text.find('\0') else {
        return text;
    };
    let line = text[..first].matches('\n').count() as u32 + 1;
    let column = text[..first]
        .rsplit('\n')
        .next()
        .map_or(0, |l| l.chars().count()) as u32
        + 1;
    diagnostics.push(
        Diagnostic::new(
            Code::NulCharacter,
            Span {
                file: path.clone(),
                line,
                column,
                len: 1,
            },
            format!(
                "file contains {} NUL character(s); replaced by U+FFFD",
                text.matches('\0').count()
            ),
        )
        .with_help("remove the NUL characters"),
    );
    text.replace('\0', "\u{FFFD}")
}
