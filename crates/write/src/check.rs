//! `--check`: compares the output folder with what the docs produce, writing nothing.

use crate::output::{self, JOURNAL};
use crate::GeneratedFile;
use similar::TextDiff;
use std::collections::BTreeSet;
use std::path::Path;

/// One difference between the output folder and what the docs produce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Drift {
    Changed {
        path: String,
        diff: String,
    },
    Missing {
        path: String,
    },
    Stale {
        path: String,
    },
    /// A write was committed but not finished (the process was killed); the next codegen run
    /// finishes it.
    Interrupted,
    /// A temporary file or folder an interrupted run left; the next codegen run removes it.
    Leftover {
        path: String,
    },
    /// A path graphgen would write that it cannot: a link, a non-folder, outside the folder.
    Unwritable {
        path: String,
        why: String,
    },
}

/// Compares `out` with `files` without writing anything (it waits while a run writes there).
pub fn check(out: &Path, files: &[GeneratedFile]) -> Vec<Drift> {
    let _lock = out
        .is_dir()
        .then(|| output::lock(out, false, &|| {}).ok())
        .flatten();
    let mut drift = Vec::new();
    if out.join(JOURNAL).exists() {
        drift.push(Drift::Interrupted);
    }
    drift.extend(
        output::leftovers(out)
            .into_iter()
            .map(|path| Drift::Leftover { path }),
    );
    let all = output::with_manifest(files);
    for f in &all {
        let path = match output::checked_path(out, &f.path) {
            Ok(p) => p,
            Err(e) => {
                drift.push(Drift::Unwritable {
                    path: f.path.clone(),
                    why: e.to_string(),
                });
                continue;
            }
        };
        match std::fs::read(&path) {
            Err(_) => drift.push(Drift::Missing {
                path: f.path.clone(),
            }),
            Ok(bytes) if bytes == f.contents.as_bytes() => {}
            Ok(bytes) => {
                let old = String::from_utf8_lossy(&bytes);
                let diff = TextDiff::from_lines(old.as_ref(), f.contents.as_str())
                    .unified_diff()
                    .context_radius(3)
                    .header(&format!("a/{}", f.path), &format!("b/{}", f.path))
                    .to_string();
                drift.push(Drift::Changed {
                    path: f.path.clone(),
                    diff,
                });
            }
        }
    }
    let new: BTreeSet<&str> = all.iter().map(|f| f.path.as_str()).collect();
    for stale in output::previous_manifest(out)
        .iter()
        .filter(|p| !new.contains(p.as_str()))
    {
        if output::checked_path(out, stale).is_ok_and(|p| p.exists()) {
            drift.push(Drift::Stale {
                path: stale.clone(),
            });
        }
    }
    drift
}

/// A human rendering of drift: unified diffs, missing and stale files.
pub fn render_drift(drift: &[Drift]) -> String {
    let mut s = String::new();
    for d in drift {
        match d {
            Drift::Changed { diff, .. } => s.push_str(diff),
            Drift::Missing { path } => s.push_str(&format!("missing: {path} (would be created)\n")),
            Drift::Stale { path } => s.push_str(&format!(
                "stale: {path} (no longer generated; would be deleted)\n"
            )),
            Drift::Interrupted => s.push_str(&format!(
                "interrupted: {JOURNAL} (a run was killed while writing; codegen finishes it)\n"
            )),
            Drift::Leftover { path } => s.push_str(&format!(
                "leftover: {path} (temporary file of an interrupted run; would be removed)\n"
            )),
            Drift::Unwritable { path, why } => s.push_str(&format!("unwritable: {path} ({why})\n")),
        }
    }
    s
}
