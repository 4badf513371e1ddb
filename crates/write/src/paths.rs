//! Where a generated crate finds its path dependencies (the runtime crate).

use graphgen_emit::{RuntimeDependency, RUNTIME_VERSION};
use std::path::{Component, Path, PathBuf};

/// The runtime crate's folder in the repository.
pub const RUNTIME_DIR: &str = "crates/runtime";

/// How a crate written to `out` depends on the runtime crate of the repository at `root`: by
/// [`dependency_path`] and the version.
pub fn runtime_dependency(out: &Path, root: &Path) -> RuntimeDependency {
    RuntimeDependency {
        path: Some(dependency_path(out, &root.join(RUNTIME_DIR), root)),
        version: RUNTIME_VERSION.to_owned(),
    }
}

/// How a crate written to `out` names the crate in the folder `dependency` in its `Cargo.toml`:
/// relative to `out` when both are below `root` (this repository: `generated/` says
/// `../crates/runtime` wherever the repository is checked out, so its files never depend on the
/// machine), else absolute (a crate generated into `/tmp` keeps building if it is moved).
/// `out` need not exist yet. Links in the existing part of each path are resolved first, so a
/// repository reached through a link gives the same answer.
pub fn dependency_path(out: &Path, dependency: &Path, root: &Path) -> String {
    let (out, dependency, root) = (resolved(out), resolved(dependency), resolved(root));
    if !(out.starts_with(&root) && dependency.starts_with(&root)) {
        return slashes(&dependency);
    }
    let out: Vec<_> = out.components().collect();
    let dependency: Vec<_> = dependency.components().collect();
    let common = out
        .iter()
        .zip(&dependency)
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<String> = vec!["..".to_owned(); out.len() - common];
    parts.extend(
        dependency[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    if parts.is_empty() {
        ".".to_owned()
    } else {
        parts.join("/")
    }
}

/// `/`-separated, whatever the platform, as cargo reads it everywhere.
fn slashes(path: &Path) -> String {
    let mut s = String::new();
    for c in path.components() {
        match c {
            Component::RootDir => s.push('/'),
            Component::Prefix(p) => s.push_str(&p.as_os_str().to_string_lossy()),
            c => {
                if !s.is_empty() && !s.ends_with('/') {
                    s.push('/');
                }
                s.push_str(&c.as_os_str().to_string_lossy());
            }
        }
    }
    s
}

/// Absolute, `.` and `..` removed, and the longest existing ancestor with its links resolved.
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let mut normal = PathBuf::new();
    for c in absolute.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                normal.pop();
            }
            c => normal.push(c),
        }
    }
    let mut existing = normal.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return rest.iter().rev().fold(real, |p, c| p.join(c));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => return normal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inside_the_root_a_path_is_relative_to_the_crate_folder() {
        let root = tempfile::tempdir().unwrap();
        let r = root.path();
        std::fs::create_dir_all(r.join("crates/runtime")).unwrap();
        let runtime = r.join("crates/runtime");
        let cases = [
            ("generated", "../crates/runtime"),
            (
                "tests/fixtures/hostile/models",
                "../../../../crates/runtime",
            ),
            ("target/corpus/v1.0", "../../../crates/runtime"),
            (
                "target/./corpus/../bench-crate/x",
                "../../../crates/runtime",
            ),
            ("crates/runtime", "."),
        ];
        for (out, want) in cases {
            assert_eq!(dependency_path(&r.join(out), &runtime, r), want, "{out}");
        }
    }

    #[test]
    fn outside_the_root_a_path_is_absolute() {
        let root = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let runtime = root.path().join("crates/runtime");
        std::fs::create_dir_all(&runtime).unwrap();
        let got = dependency_path(&elsewhere.path().join("models"), &runtime, root.path());
        assert_eq!(got, slashes(&runtime.canonicalize().unwrap()));
        assert!(got.starts_with('/'));
    }

    #[cfg(unix)]
    #[test]
    fn a_root_reached_through_a_link_gives_the_same_relative_path() {
        let root = tempfile::tempdir().unwrap();
        let r = root.path();
        std::fs::create_dir_all(r.join("repo/crates/runtime")).unwrap();
        std::os::unix::fs::symlink(r.join("repo"), r.join("link")).unwrap();
        assert_eq!(
            dependency_path(
                &r.join("link/generated"),
                &r.join("repo/crates/runtime"),
                &r.join("link")
            ),
            "../crates/runtime"
        );
    }
}
