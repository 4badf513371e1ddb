//! Loading a docs folder: every `.md` page below it, sorted by path, read only when it is a
//! regular file no larger than [`MAX_PAGE_BYTES`].

use crate::{Error, SourceFile};
use graphgen_diag::{Code, Diagnostic, Span};
use std::io::Read as _;
use std::path::Path;
use std::sync::Arc;

/// The largest page read (the biggest real page is under 1 MB; 20 MB pages still load).
pub const MAX_PAGE_BYTES: u64 = 64 * 1024 * 1024;

/// Reads every `.md` file below `root`, sorted by relative path (`/`-separated). A file that
/// cannot be read, is not a regular file (a named pipe, a device, a link to one) or is larger
/// than [`MAX_PAGE_BYTES`] becomes a `GD0029` error and is skipped; the others are returned.
/// A folder without any page is an error: generating from it would delete every model.
pub fn load_docs(root: &Path) -> Result<(Vec<SourceFile>, Vec<Diagnostic>), Error> {
    let mut paths = Vec::new();
    collect(root, root, &mut paths).map_err(|source| Error::DocsFolder {
        path: root.to_owned(),
        source,
    })?;
    if paths.is_empty() {
        return Err(Error::NoPages {
            path: root.to_owned(),
        });
    }
    paths.sort();
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    for rel in paths {
        let full = root.join(&rel);
        let rel: Arc<str> = Arc::from(rel.as_str());
        match read_page(&full) {
            Ok(bytes) => files.push(SourceFile { path: rel, bytes }),
            Err(why) => diagnostics.push(
                Diagnostic::new(Code::UnreadableFile, Span::line(&rel, 1), why).with_help(
                    "the page was skipped; the generated models would miss what it says",
                ),
            ),
        }
    }
    Ok((files, diagnostics))
}

/// What kind of file this is, for a message about a file that is not a regular one.
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    let kind = meta.file_type();
    if kind.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

fn read_page(path: &Path) -> Result<Vec<u8>, String> {
    // Look before opening: opening a named pipe blocks until someone writes to it.
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read file: {e}"))?;
    if !meta.is_file() {
        return Err(format!(
            "not a regular file ({}); only regular files are read",
            kind_of(&meta)
        ));
    }
    if meta.len() > MAX_PAGE_BYTES {
        return Err(too_large(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read file: {e}"))?;
    // It may have been replaced between the look and the open.
    let meta = file
        .metadata()
        .map_err(|e| format!("cannot read file: {e}"))?;
    if !meta.is_file() {
        return Err(format!(
            "not a regular file ({}); only regular files are read",
            kind_of(&meta)
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_PAGE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read file: {e}"))?;
    if bytes.len() as u64 > MAX_PAGE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

fn too_large(len: u64) -> String {
    format!(
        "file is larger than {} MiB ({len} bytes or more); not read",
        MAX_PAGE_BYTES / (1024 * 1024)
    )
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<String>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            collect(root, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "md") {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push(rel.join("/"));
        }
    }
    Ok(())
}
