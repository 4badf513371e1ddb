//! Write stage: the only part of the generator that touches the file system.
//!
//! * [`load_docs`] reads every `.md` page under a docs folder, sorted by path: regular files
//!   only, with a size cap.
//! * [`write`] writes the generated files as one locked transaction: staged, committed by a
//!   journal, applied by renames (see [`output`]). It refuses a folder it did not create, never
//!   replaces or deletes a file it did not write, and never follows a link below the folder.
//! * [`check`] writes nothing and returns a unified diff of what [`write`] would change.
//! * [`runtime_dependency`] tells how a crate written to a folder names the runtime crate.

mod check;
mod load;
pub mod output;
mod paths;

pub use check::{check, render_drift, Drift};
pub use graphgen_emit::GeneratedFile;
pub use load::{load_docs, MAX_PAGE_BYTES};
pub use output::{write, write_waiting, WriteReport, MANIFEST};
pub use paths::{dependency_path, runtime_dependency, RUNTIME_DIR};

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read the docs folder {path}: {source}")]
    DocsFolder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no pages (`.md` files) in the docs folder {path}; nothing was generated or deleted\n  help: point --docs at a folder of reference pages, such as ../shared/graph-docs-2021/v1.0")]
    NoPages { path: PathBuf },
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot lock the output folder {path}: {source}")]
    Lock {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("refusing to write outside the output folder: {0}")]
    OutsideOutput(String),
    #[error("refusing to write into {path}: it is not empty and holds no `{manifest}` manifest, so graphgen did not create it (it holds: {entries}); nothing was written\n  help: choose a new or empty folder for --out", manifest = MANIFEST)]
    ForeignOutput { path: PathBuf, entries: String },
    #[error("refusing to replace {path}: graphgen did not write it (the output folder's `{manifest}` does not list it); nothing was written\n  help: move the file away, or choose another --out", manifest = MANIFEST)]
    NotOurs { path: PathBuf },
    #[error("refusing to follow the symbolic link {path} inside the output folder; nothing was written\n  help: graphgen writes only into real folders below --out; replace the link with a folder")]
    Link { path: PathBuf },
    #[error("{path} is not a folder; nothing was written")]
    NotAFolder { path: PathBuf },
    #[error("cannot write {path}: a name in it is {bytes} bytes long, over the {max}-byte limit of file systems; nothing was written", max = output::MAX_NAME_BYTES)]
    NameTooLong { path: String, bytes: usize },
    #[error("the write into {path} was committed but could not be finished ({cause})\n  help: fix the cause and run codegen again; it finishes the write (`--check` reports it until then)")]
    Unfinished { path: PathBuf, cause: String },
}

/// One documentation page as bytes, named by its path relative to the docs root.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: Arc<str>,
    pub bytes: Vec<u8>,
}

/// A temporary file beside its destination, readable by everyone like any source file (tempfile's
/// default is owner-only).
fn temp_file(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".graphgen-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    builder.tempfile_in(dir)
}

/// Writes one file atomically (a temporary file beside it, then a rename), for files the tools
/// produce outside the generated crate (lint baselines).
pub fn write_file(path: &Path, contents: &str) -> Result<(), Error> {
    let err = |source| Error::Write {
        path: path.to_owned(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = temp_file(dir).map_err(err)?;
    tmp.write_all(contents.as_bytes()).map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}

/// Reads a text file the tools use (a lint baseline, a manifest).
pub fn read_file(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })
}

#[cfg(test)]
mod tests;
