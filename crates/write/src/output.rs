//! Writing the generated crate into the output folder, as one transaction.
//!
//! 1. **Lock** the output folder (an advisory lock on the folder itself, so no lock file is left
//!    behind): a second run on the same folder waits for the first.
//! 2. **Recover** what an interrupted run left: a committed journal is finished, uncommitted
//!    staging and stray `.graphgen-*` temporary files are removed (and reported).
//! 3. **Refuse** a folder graphgen did not create (not empty, no manifest), a file it would
//!    replace that it did not write, and any symbolic link below the folder.
//! 4. **Stage** every changed file in `.graphgen-staging/`, then **commit** by renaming a journal
//!    (`.graphgen-journal`) into place, then **apply** it: renames over the old files and deletion
//!    of files the previous manifest lists that are no longer generated. A run killed before the
//!    commit leaves the old files untouched; one killed after it is finished by the next run, and
//!    `check` reports it. So the folder is all old or all new.

use crate::{Error, GeneratedFile};
use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

/// The file, inside the output folder, that lists what the generator wrote there.
pub const MANIFEST: &str = ".generated-files";
/// Where changed files wait for the commit.
pub const STAGING: &str = ".graphgen-staging";
/// The list of renames and deletions of a committed write; present only while it is applied.
pub const JOURNAL: &str = ".graphgen-journal";
const JOURNAL_NEW: &str = ".graphgen-journal.new";
const TEMP_PREFIX: &str = ".graphgen-";
/// The longest file or folder name most file systems accept.
pub const MAX_NAME_BYTES: usize = 255;

/// What [`write`] did.
#[derive(Debug, Default)]
pub struct WriteReport {
    pub written: Vec<String>,
    pub unchanged: usize,
    pub deleted: Vec<String>,
    /// An interrupted run's committed write was finished first.
    pub recovered: bool,
    /// Temporary files and folders of interrupted runs that were removed.
    pub removed_temp: Vec<String>,
}

/// An exclusive or shared advisory lock on the output folder, released on drop.
#[derive(Debug)]
pub(crate) struct OutputLock {
    _file: std::fs::File,
}

#[cfg(unix)]
fn lock_file(out: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(out)
}

#[cfg(not(unix))]
fn lock_file(out: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(out.join(".graphgen-lock"))
}

pub(crate) fn lock(out: &Path, exclusive: bool, on_wait: &dyn Fn()) -> Result<OutputLock, Error> {
    let err = |source| Error::Lock {
        path: out.to_owned(),
        source,
    };
    let file = lock_file(out).map_err(err)?;
    let attempt = if exclusive {
        fs4::FileExt::try_lock(&file)
    } else {
        fs4::FileExt::try_lock_shared(&file)
    };
    match attempt {
        Ok(()) => {}
        Err(fs4::TryLockError::WouldBlock) => {
            on_wait();
            if exclusive {
                fs4::FileExt::lock(&file).map_err(err)?;
            } else {
                fs4::FileExt::lock_shared(&file).map_err(err)?;
            }
        }
        Err(fs4::TryLockError::Error(e)) => return Err(err(e)),
    }
    Ok(OutputLock { _file: file })
}

/// The output-relative path `rel` as a path below `out`, if it is one: relative, plain names
/// only (no `..`, no `.`), each name at most [`MAX_NAME_BYTES`], no control characters, and no
/// symbolic link (or non-folder) on the way. The file itself may not exist yet.
pub(crate) fn checked_path(out: &Path, rel: &str) -> Result<PathBuf, Error> {
    let outside = || Error::OutsideOutput(rel.to_owned());
    if rel.is_empty() || rel.chars().any(char::is_control) {
        return Err(outside());
    }
    let p = Path::new(rel);
    let mut names = Vec::new();
    for c in p.components() {
        match c {
            Component::Normal(n) => names.push(n),
            _ => return Err(outside()),
        }
    }
    if let Some(long) = names.iter().find(|n| n.len() > MAX_NAME_BYTES) {
        return Err(Error::NameTooLong {
            path: rel.to_owned(),
            bytes: long.len(),
        });
    }
    let mut path = out.to_owned();
    for (i, name) in names.iter().enumerate() {
        path.push(name);
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => return Err(Error::Link { path }),
            Ok(meta) if i + 1 < names.len() && !meta.is_dir() => {
                return Err(Error::NotAFolder { path })
            }
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                path.extend(&names[i + 1..]);
                break;
            }
            Err(source) => return Err(Error::Read { path, source }),
        }
    }
    Ok(path)
}

fn manifest_contents(files: &[GeneratedFile]) -> String {
    let mut s = String::from(
        "# @generated by `cargo xtask codegen`: the files it wrote here. It deletes only these.\n",
    );
    for f in files {
        s.push_str(&f.path);
        s.push('\n');
    }
    s
}

pub(crate) fn previous_manifest(out: &Path) -> BTreeSet<String> {
    std::fs::read_to_string(out.join(MANIFEST))
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

pub(crate) fn with_manifest(files: &[GeneratedFile]) -> Vec<GeneratedFile> {
    let mut all = files.to_vec();
    all.push(GeneratedFile {
        path: MANIFEST.to_owned(),
        contents: manifest_contents(files),
    });
    all
}

/// Whether `dir` holds nothing but (possibly nested) empty folders.
fn is_empty_tree(dir: &Path) -> std::io::Result<bool> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if !entry.file_type()?.is_dir() || !is_empty_tree(&entry.path())? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The names in a non-empty folder without a manifest, for the refusal message.
pub(crate) fn foreign_entries(out: &Path) -> Result<Option<Vec<String>>, Error> {
    let read = |source| Error::Read {
        path: out.to_owned(),
        source,
    };
    if std::fs::symlink_metadata(out.join(MANIFEST)).is_ok_and(|m| m.is_file()) {
        return Ok(None);
    }
    if is_empty_tree(out).map_err(read)? {
        return Ok(None);
    }
    let mut names: Vec<String> = std::fs::read_dir(out)
        .map_err(read)?
        .filter_map(Result::ok)
        .map(|e| {
            let mut n = e.file_name().to_string_lossy().into_owned();
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                n.push('/');
            }
            n
        })
        .collect();
    names.sort();
    Ok(Some(names))
}

/// One step of a committed write.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    /// Move a staged file (relative to the output folder) over its destination.
    Rename {
        staged: String,
        target: String,
    },
    Delete {
        target: String,
    },
}

fn journal_text(steps: &[Step]) -> String {
    let mut s = String::from(
        "# graphgen: a committed write being applied; the next `cargo xtask codegen` finishes it\n",
    );
    for step in steps {
        match step {
            Step::Rename { staged, target } => s.push_str(&format!("rename\t{staged}\t{target}\n")),
            Step::Delete { target } => s.push_str(&format!("delete\t{target}\n")),
        }
    }
    s
}

/// Reads a journal; a line that is not a step (or names a path outside the folder) is ignored.
fn parse_journal(out: &Path, text: &str) -> Vec<Step> {
    let inside = |p: &str| checked_path(out, p).is_ok();
    text.lines()
        .filter_map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            match fields.as_slice() {
                ["rename", staged, target] if inside(staged) && inside(target) => {
                    Some(Step::Rename {
                        staged: (*staged).to_owned(),
                        target: (*target).to_owned(),
                    })
                }
                ["delete", target] if inside(target) => Some(Step::Delete {
                    target: (*target).to_owned(),
                }),
                _ => None,
            }
        })
        .collect()
}

/// Removes the folders a deleted file leaves empty, up to (not including) the output folder.
fn remove_empty_parents(out: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == out || !d.starts_with(out) || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// Applies committed steps; each is idempotent, so an interrupted apply can simply be repeated.
fn apply(out: &Path, steps: &[Step]) -> Result<Vec<String>, Error> {
    let mut deleted = Vec::new();
    for step in steps {
        match step {
            Step::Rename { staged, target } => {
                let from = out.join(staged);
                if !from.exists() {
                    continue; // done before the interruption
                }
                let to = checked_path(out, target)?;
                let err = |source| Error::Write {
                    path: to.clone(),
                    source,
                };
                if let Some(dir) = to.parent() {
                    std::fs::create_dir_all(dir).map_err(err)?;
                }
                std::fs::rename(&from, &to).map_err(err)?;
            }
            Step::Delete { target } => {
                let path = checked_path(out, target)?;
                if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
                    std::fs::remove_file(&path).map_err(|source| Error::Write {
                        path: path.clone(),
                        source,
                    })?;
                    deleted.push(target.clone());
                    remove_empty_parents(out, &path);
                }
            }
        }
    }
    Ok(deleted)
}

/// `.graphgen-XXXXXX`: a temporary file of an older graphgen (tempfile's six random characters).
fn is_old_temp_name(name: &str) -> bool {
    name.strip_prefix(TEMP_PREFIX)
        .is_some_and(|rest| rest.len() == 6 && rest.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Temporary files an interrupted run can leave, relative to `out`: the staging folder, an
/// uncommitted journal, and old-style temporary files beside the files of the manifest.
pub(crate) fn leftovers(out: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for name in [STAGING, JOURNAL_NEW] {
        if std::fs::symlink_metadata(out.join(name)).is_ok() {
            found.push(name.to_owned());
        }
    }
    let mut dirs: BTreeSet<String> = BTreeSet::from([String::new()]);
    for f in previous_manifest(out) {
        if let Some((dir, _)) = f.rsplit_once('/') {
            dirs.insert(dir.to_owned());
        }
    }
    for dir in dirs {
        let path = if dir.is_empty() {
            out.to_owned()
        } else {
            match checked_path(out, &dir) {
                Ok(p) => p,
                Err(_) => continue,
            }
        };
        let Ok(entries) = std::fs::read_dir(&path) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            if is_old_temp_name(&name) && entry.file_type().is_ok_and(|t| t.is_file()) {
                found.push(if dir.is_empty() {
                    name
                } else {
                    format!("{dir}/{name}")
                });
            }
        }
    }
    found.sort();
    found
}

/// Finishes a committed write and removes what uncommitted ones left.
fn recover(out: &Path, report: &mut WriteReport) -> Result<(), Error> {
    let journal = out.join(JOURNAL);
    if std::fs::symlink_metadata(&journal).is_ok_and(|m| m.is_file()) {
        let text = crate::read_file(&journal)?;
        apply(out, &parse_journal(out, &text))?;
        std::fs::remove_file(&journal).map_err(|source| Error::Write {
            path: journal.clone(),
            source,
        })?;
        report.recovered = true;
    }
    for rel in leftovers(out) {
        let path = out.join(&rel);
        let removed = if rel == STAGING {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        removed.map_err(|source| Error::Write { path, source })?;
        report.removed_temp.push(rel);
    }
    Ok(())
}

#[cfg(test)]
thread_local! {
    /// Tests: panic (like a kill: no clean-up runs) when this many steps have been taken.
    pub(crate) static KILL_AT: std::cell::Cell<Option<usize>> = const { std::cell::Cell::new(None) };
}

/// The environment variable that stops a run (forever, without cleaning up) at one of the
/// transaction's steps, so that a test can SIGKILL the process there. Counted from 0, per process.
pub const STOP_AT_STEP_VAR: &str = "GRAPHGEN_TEST_STOP_AT_WRITE_STEP";

/// A point where a kill can happen: simulated in unit tests, and a real process stops here when
/// [`STOP_AT_STEP_VAR`] says so (it prints a line to stderr, then waits to be killed).
fn step() {
    static STOP_AT: std::sync::OnceLock<Option<usize>> = std::sync::OnceLock::new();
    static TAKEN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    if let Some(stop) = *STOP_AT.get_or_init(|| std::env::var(STOP_AT_STEP_VAR).ok()?.parse().ok())
    {
        if TAKEN.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == stop {
            eprintln!("graphgen: stopped at write step {stop} ({STOP_AT_STEP_VAR})");
            loop {
                std::thread::sleep(std::time::Duration::from_secs(3600));
            }
        }
    }
    #[cfg(test)]
    KILL_AT.with(|k| match k.get() {
        Some(0) => panic!("simulated kill"),
        Some(n) => k.set(Some(n - 1)),
        None => {}
    });
}

fn write_new(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o644);
    }
    let mut file = options.open(path)?;
    file.write_all(contents)?;
    file.sync_all()
}

/// Writes `files` under `out` as one transaction (see the module documentation). Waits, after
/// calling `on_wait` once, while another run holds the folder.
pub fn write_waiting(
    out: &Path,
    files: &[GeneratedFile],
    on_wait: &dyn Fn(),
) -> Result<WriteReport, Error> {
    match std::fs::symlink_metadata(out) {
        Ok(m) if !m.is_dir() && !std::fs::metadata(out).is_ok_and(|m| m.is_dir()) => {
            return Err(Error::NotAFolder {
                path: out.to_owned(),
            })
        }
        Ok(_) => {}
        Err(_) => std::fs::create_dir_all(out).map_err(|source| Error::Write {
            path: out.to_owned(),
            source,
        })?,
    }
    let _lock = lock(out, true, on_wait)?;
    let mut report = WriteReport::default();
    recover(out, &mut report)?;
    if let Some(entries) = foreign_entries(out)? {
        return Err(Error::ForeignOutput {
            path: out.to_owned(),
            entries: entries.join(", "),
        });
    }
    let old = previous_manifest(out);
    let all = with_manifest(files);

    // Plan: every check that can fail happens before anything is written.
    let mut changes: Vec<(&GeneratedFile, PathBuf)> = Vec::new();
    for f in &all {
        let path = checked_path(out, &f.path)?;
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_file() => {
                let current = std::fs::read(&path).map_err(|source| Error::Read {
                    path: path.clone(),
                    source,
                })?;
                if current == f.contents.as_bytes() {
                    report.unchanged += 1;
                    continue;
                }
                if f.path != MANIFEST && !old.contains(&f.path) {
                    return Err(Error::NotOurs { path });
                }
            }
            Ok(_) => return Err(Error::NotOurs { path }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(Error::Read { path, source }),
        }
        changes.push((f, path));
    }
    let new: BTreeSet<&str> = all.iter().map(|f| f.path.as_str()).collect();
    let stale: Vec<&String> = old
        .iter()
        .filter(|p| !new.contains(p.as_str()))
        .filter(|p| {
            checked_path(out, p)
                .is_ok_and(|path| std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file()))
        })
        .collect();
    if changes.is_empty() && stale.is_empty() {
        return Ok(report);
    }

    // Stage, and create the folders the new files go in; undone on failure.
    let staging = out.join(STAGING);
    let mut created: Vec<PathBuf> = Vec::new();
    let staged = (|| -> Result<Vec<Step>, Error> {
        std::fs::create_dir(&staging).map_err(|source| Error::Write {
            path: staging.clone(),
            source,
        })?;
        let mut steps = Vec::new();
        for (i, (f, path)) in changes.iter().enumerate() {
            step();
            let rel = format!("{STAGING}/{i}");
            write_new(&out.join(&rel), f.contents.as_bytes()).map_err(|source| Error::Write {
                path: path.clone(),
                source,
            })?;
            let mut missing = Vec::new();
            let mut dir = path.parent();
            while let Some(d) = dir.filter(|d| *d != out && !d.exists()) {
                missing.push(d.to_owned());
                dir = d.parent();
            }
            for d in missing.into_iter().rev() {
                std::fs::create_dir(&d).map_err(|source| Error::Write {
                    path: d.clone(),
                    source,
                })?;
                created.push(d);
            }
            steps.push(Step::Rename {
                staged: rel,
                target: f.path.clone(),
            });
        }
        steps.extend(stale.iter().map(|p| Step::Delete {
            target: (*p).clone(),
        }));
        let journal_new = out.join(JOURNAL_NEW);
        write_new(&journal_new, journal_text(&steps).as_bytes()).map_err(|source| {
            Error::Write {
                path: journal_new.clone(),
                source,
            }
        })?;
        step();
        // The commit point.
        std::fs::rename(&journal_new, out.join(JOURNAL)).map_err(|source| Error::Write {
            path: out.join(JOURNAL),
            source,
        })?;
        Ok(steps)
    })();
    let steps = match staged {
        Ok(steps) => steps,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            let _ = std::fs::remove_file(out.join(JOURNAL_NEW));
            for d in created.iter().rev() {
                let _ = std::fs::remove_dir(d);
            }
            return Err(e);
        }
    };

    let applied = (|| -> Result<Vec<String>, Error> {
        let mut deleted = Vec::new();
        for s in &steps {
            step();
            deleted.extend(apply(out, std::slice::from_ref(s))?);
        }
        step();
        let journal = out.join(JOURNAL);
        std::fs::remove_file(&journal).map_err(|source| Error::Write {
            path: journal,
            source,
        })?;
        let _ = std::fs::remove_dir_all(&staging);
        Ok(deleted)
    })();
    report.deleted = applied.map_err(|e| Error::Unfinished {
        path: out.to_owned(),
        cause: e.to_string(),
    })?;
    report.written = changes.iter().map(|(f, _)| f.path.clone()).collect();
    Ok(report)
}

/// [`write_waiting`] without a message while waiting.
pub fn write(out: &Path, files: &[GeneratedFile]) -> Result<WriteReport, Error> {
    write_waiting(out, files, &|| {})
}
