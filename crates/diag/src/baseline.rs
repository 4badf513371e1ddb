//! A baseline: the diagnostics a project has accepted, so CI fails only on new ones.
//!
//! Entries are keyed by file, code and message, with a count, never by line: editing a page above
//! an accepted diagnostic moves it but does not make it new. Lines are recorded for people reading
//! the file and to decide which of several identical diagnostics are the accepted ones.
//!
//! ```json
//! {
//!   "version": 1,
//!   "entries": [
//!     {
//!       "file": "docs/resources/user.md",
//!       "code": "GD0006",
//!       "message": "`Ã©` looks like `é` decoded as Windows-1252",
//!       "count": 2,
//!       "lines": [12, 40]
//!     }
//!   ]
//! }
//! ```

use crate::Diagnostic;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// The baseline file format version written by [`Baseline::to_json`].
pub const BASELINE_VERSION: u32 = 1;

/// Why a baseline file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("baseline is not valid JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("baseline version {found} is not supported (expected {BASELINE_VERSION})")]
    UnsupportedVersion { found: u32 },
    #[error("baseline entry for {code} in {file} has a count of 0")]
    ZeroCount { file: String, code: String },
}

/// One accepted kind of diagnostic in one file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct BaselineEntry {
    pub file: String,
    /// The code's identifier, such as `GD0006`.
    pub code: String,
    pub message: String,
    /// How many diagnostics with this file, code and message are accepted.
    #[serde(default = "one")]
    pub count: u32,
    /// Where they were when the baseline was written; informative only.
    #[serde(default)]
    pub lines: Vec<u32>,
}

fn one() -> u32 {
    1
}

#[derive(Serialize, Deserialize)]
struct BaselineFile {
    version: u32,
    entries: Vec<BaselineEntry>,
}

type Key = (String, String, String);

fn key_of(diag: &Diagnostic) -> (&str, &str, &str) {
    (&diag.span.file, diag.code.as_str(), &diag.message)
}

/// A set of accepted diagnostics. See the [module documentation](self).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    /// (file, code, message) -> (count, lines).
    entries: BTreeMap<Key, (u32, Vec<u32>)>,
}

impl Baseline {
    /// A baseline accepting exactly `diags`.
    pub fn from_diagnostics(diags: &[Diagnostic]) -> Baseline {
        let mut baseline = Baseline::default();
        for diag in diags {
            let (file, code, message) = key_of(diag);
            let entry = baseline
                .entries
                .entry((file.to_owned(), code.to_owned(), message.to_owned()))
                .or_default();
            entry.0 += 1;
            entry.1.push(diag.span.line);
        }
        for (_, lines) in baseline.entries.values_mut() {
            lines.sort_unstable();
        }
        baseline
    }

    /// The entries, sorted by file, code and message.
    pub fn entries(&self) -> Vec<BaselineEntry> {
        self.entries
            .iter()
            .map(|((file, code, message), (count, lines))| BaselineEntry {
                file: file.clone(),
                code: code.clone(),
                message: message.clone(),
                count: *count,
                lines: lines.clone(),
            })
            .collect()
    }

    /// How many diagnostics the baseline accepts in all.
    pub fn len(&self) -> usize {
        self.entries
            .values()
            .map(|(count, _)| *count as usize)
            .sum()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Pretty JSON, sorted by file, code and message, ending with a newline; the same baseline
    /// always gives the same text.
    pub fn to_json(&self) -> String {
        let file = BaselineFile {
            version: BASELINE_VERSION,
            entries: self.entries(),
        };
        let mut text = serde_json::to_string_pretty(&file).expect("a baseline always serializes");
        text.push('\n');
        text
    }

    /// Reads what [`Baseline::to_json`] wrote. Entries repeating a file, code and message are
    /// merged (their counts add up); `count` defaults to 1 and `lines` to none.
    pub fn parse(text: &str) -> Result<Baseline, BaselineError> {
        let file: BaselineFile = serde_json::from_str(text)?;
        if file.version != BASELINE_VERSION {
            return Err(BaselineError::UnsupportedVersion {
                found: file.version,
            });
        }
        let mut baseline = Baseline::default();
        for entry in file.entries {
            if entry.count == 0 {
                return Err(BaselineError::ZeroCount {
                    file: entry.file,
                    code: entry.code,
                });
            }
            let slot = baseline
                .entries
                .entry((entry.file, entry.code, entry.message))
                .or_default();
            slot.0 += entry.count;
            slot.1.extend(entry.lines);
            slot.1.sort_unstable();
        }
        Ok(baseline)
    }

    /// The diagnostics the baseline does not accept, in their original order.
    ///
    /// Each entry accepts up to `count` diagnostics with its file, code and message, whatever
    /// their lines. When there are more such diagnostics than the count, those still on a
    /// recorded line are accepted first, then the earliest in `diags`; the rest are new.
    pub fn filter_new<'a>(&self, diags: &'a [Diagnostic]) -> Vec<&'a Diagnostic> {
        let mut budget: HashMap<(&str, &str, &str), (u32, Vec<u32>)> = self
            .entries
            .iter()
            .map(|((file, code, message), (count, lines))| {
                (
                    (file.as_str(), code.as_str(), message.as_str()),
                    (*count, lines.clone()),
                )
            })
            .collect();
        let mut accepted = vec![false; diags.len()];

        // First pass: diagnostics still on a recorded line.
        for (index, diag) in diags.iter().enumerate() {
            if let Some((count, lines)) = budget.get_mut(&key_of(diag)) {
                if *count > 0 {
                    if let Some(at) = lines.iter().position(|&l| l == diag.span.line) {
                        lines.swap_remove(at);
                        *count -= 1;
                        accepted[index] = true;
                    }
                }
            }
        }
        // Second pass: whatever count is left, in order.
        for (index, diag) in diags.iter().enumerate() {
            if accepted[index] {
                continue;
            }
            if let Some((count, _)) = budget.get_mut(&key_of(diag)) {
                if *count > 0 {
                    *count -= 1;
                    accepted[index] = true;
                }
            }
        }

        diags
            .iter()
            .zip(accepted)
            .filter(|(_, accepted)| !accepted)
            .map(|(d, _)| d)
            .collect()
    }
}
