//! The command line as users and CI run it: exit codes, and that `--check` writes nothing.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_owned()
}

fn xtask(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .expect("run xtask")
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn check_passes_on_the_committed_crate() {
    let out = xtask(&["codegen", "--check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn check_fails_with_a_diff_after_a_description_edit_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    let gen = tmp.path().join("generated");
    copy_tree(&root().join("docs-input"), &docs);
    copy_tree(&root().join("generated"), &gen);
    let page = docs.join("beta/api/languageproficiency-update.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        text.replace("Contains the long-form name for the language.", "Edited."),
    )
    .unwrap();
    let before = std::fs::read_to_string(gen.join("src/graph.rs")).unwrap();

    let out = xtask(&[
        "codegen",
        "--check",
        "--docs",
        docs.to_str().unwrap(),
        "--out",
        gen.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("+    /// Edited."), "{stdout}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("run `cargo xtask codegen`"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(gen.join("src/graph.rs")).unwrap(),
        before
    );
}

#[test]
fn codegen_into_an_empty_folder_then_check_is_clean() {
    let tmp = tempfile::tempdir().unwrap();
    let gen = tmp.path().join("out");
    let write = xtask(&["codegen", "--out", gen.to_str().unwrap()]);
    assert!(
        write.status.success(),
        "{}",
        String::from_utf8_lossy(&write.stderr)
    );
    assert!(gen.join("src/graph.rs").is_file());
    let check = xtask(&["codegen", "--check", "--out", gen.to_str().unwrap()]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn schema_prints_yaml_and_json() {
    let yaml = xtask(&["schema"]);
    assert!(yaml.status.success());
    assert!(String::from_utf8_lossy(&yaml.stdout).contains("microsoft.graph.languageProficiency:"));
    let json = xtask(&["schema", "--format", "json"]);
    assert!(json.status.success());
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("valid JSON");
    assert_eq!(
        value["types"]["microsoft.graph.itemFacet"]["base"]["name"],
        "microsoft.graph.entity"
    );
}

#[test]
fn lint_fails_on_warnings_only_when_denied_and_respects_a_baseline() {
    assert!(xtask(&["lint"]).status.success());
    assert_eq!(
        xtask(&["lint", "--deny", "warnings"]).status.code(),
        Some(1)
    );
    let tmp = tempfile::tempdir().unwrap();
    let baseline = tmp.path().join("baseline.json");
    assert!(
        xtask(&["lint", "--write-baseline", baseline.to_str().unwrap()])
            .status
            .success()
    );
    let out = xtask(&[
        "lint",
        "--deny",
        "warnings",
        "--baseline",
        baseline.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json = xtask(&["lint", "--format", "json"]);
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&json.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert!(lines.iter().any(|d| d["code"] == "GD0012"));
}
