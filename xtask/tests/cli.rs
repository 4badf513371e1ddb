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

/// Changes one description of the seed pages copied into `docs`.
fn edit_a_description(docs: &Path) {
    let page = docs.join("beta/api/languageproficiency-update.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        text.replace("Contains the long-form name for the language.", "Edited."),
    )
    .unwrap();
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
    edit_a_description(&docs);
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

#[test]
fn crate_name_empty_digit_space_keyword_quote_newline_are_usage_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    for name in [
        "",
        "1abc",
        "a b",
        "type",
        "x\"y",
        "a\n[workspace]",
        "self",
        "test",
    ] {
        let run = xtask(&[
            "codegen",
            "--out",
            out.to_str().unwrap(),
            "--crate-name",
            name,
        ]);
        assert_eq!(
            run.status.code(),
            Some(2),
            "{name:?}: a usage error, not a panic (101)"
        );
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(stderr.contains("--crate-name"), "{name:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(!out.exists(), "nothing written for {name:?}");
    }
    let ok = xtask(&[
        "codegen",
        "--out",
        out.to_str().unwrap(),
        "--crate-name",
        "my_models-2",
    ]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
}

#[test]
fn docs_empty_or_mistyped_is_an_error_and_nothing_is_deleted() {
    let tmp = tempfile::tempdir().unwrap();
    let gen = tmp.path().join("generated");
    copy_tree(&root().join("generated"), &gen);
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    for docs in [empty.clone(), tmp.path().join("mistyped")] {
        let run = xtask(&[
            "codegen",
            "--docs",
            docs.to_str().unwrap(),
            "--out",
            gen.to_str().unwrap(),
        ]);
        assert_eq!(run.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(stderr.starts_with("error: "), "{stderr}");
        assert!(gen.join("src/graph.rs").is_file(), "nothing deleted");
    }
    let check = xtask(&["codegen", "--check", "--out", gen.to_str().unwrap()]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn out_is_an_existing_folder_with_the_users_cargo_toml_and_lib_rs() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("mine");
    std::fs::create_dir_all(out.join("src")).unwrap();
    std::fs::write(out.join("Cargo.toml"), "[package]\nname = \"mine\"\n").unwrap();
    std::fs::write(out.join("src/lib.rs"), "pub fn mine() {}\n").unwrap();
    let run = xtask(&["codegen", "--out", out.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("refusing to write into"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(out.join("Cargo.toml")).unwrap(),
        "[package]\nname = \"mine\"\n"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("src/lib.rs")).unwrap(),
        "pub fn mine() {}\n"
    );
}

#[cfg(unix)]
#[test]
fn pages_that_cannot_be_read_make_codegen_fail_with_the_list() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    copy_tree(&root().join("docs-input"), &docs);
    std::os::unix::fs::symlink("/dev/zero", docs.join("beta/api/zero.md")).unwrap();
    std::os::unix::fs::symlink("/nonexistent/x.md", docs.join("beta/api/dangling.md")).unwrap();
    let out = tmp.path().join("out");
    let run = xtask(&[
        "codegen",
        "--docs",
        docs.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("2 page(s)")
            && stderr.contains("beta/api/zero.md")
            && stderr.contains("beta/api/dangling.md"),
        "{stderr}"
    );
    assert!(!out.join("src").exists(), "nothing written");
    let schema = xtask(&["schema", "--docs", docs.to_str().unwrap()]);
    assert_eq!(schema.status.code(), Some(1));
    let lint = xtask(&["lint", "--docs", docs.to_str().unwrap()]);
    assert_eq!(lint.status.code(), Some(1));
}

#[test]
fn fuzz_replay_of_the_kept_crashers_is_clean() {
    let run = xtask(&[
        "fuzz",
        "--replay",
        root().join("tests/fixtures/fuzz").to_str().unwrap(),
    ]);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        stdout.contains("replayed 6 fixture(s): 0 failing"),
        "{stdout}"
    );
}

#[test]
fn fuzz_a_short_run_mutates_the_seed_pages_without_findings() {
    let run = xtask(&[
        "fuzz",
        "--runs",
        "40",
        "--seed",
        "7",
        "--docs",
        root().join("docs-input").to_str().unwrap(),
    ]);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(stdout.contains("40 runs (seed 7) over 3 pages"), "{stdout}");
    assert!(stdout.contains(": 0 panics, 0 other findings"), "{stdout}");
}

/// Every file below `dir` but graphgen's own temporary ones (`.graphgen-*`), with its bytes.
fn user_visible_tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let e = e.unwrap();
            if e.file_name().to_string_lossy().starts_with(".graphgen-") {
                continue;
            }
            if e.file_type().unwrap().is_dir() {
                walk(root, &e.path(), out);
            } else {
                let rel = e.path().strip_prefix(root).unwrap().to_owned();
                out.push((rel, std::fs::read(e.path()).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// graphgen's own temporary files and folders (`.graphgen-*`) in `out` and `out/src`.
fn graphgen_temp_files(out: &Path) -> Vec<String> {
    [out.to_owned(), out.join("src")]
        .iter()
        .filter_map(|d| std::fs::read_dir(d).ok())
        .flatten()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".graphgen-"))
        .collect()
}

/// Issue 10 row 13 with a real process and a real SIGKILL at every step of the write
/// transaction (the unit tests simulate the kill with a panic, which runs destructors).
#[cfg(unix)]
#[test]
fn sigkill_of_a_real_codegen_process_at_every_write_step_leaves_all_old_or_all_new() {
    use std::io::BufRead as _;
    let mut kills = 0;
    for stop in 0.. {
        let tmp = tempfile::tempdir().unwrap();
        let docs = tmp.path().join("docs");
        let out = tmp.path().join("out");
        copy_tree(&root().join("docs-input"), &docs);
        let (docs_s, out_s) = (docs.to_str().unwrap(), out.to_str().unwrap());
        assert!(xtask(&["codegen", "--docs", docs_s, "--out", out_s])
            .status
            .success());
        let old = user_visible_tree(&out);
        edit_a_description(&docs);

        let mut child = Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(["codegen", "--docs", docs_s, "--out", out_s])
            .env("GRAPHGEN_TEST_STOP_AT_WRITE_STEP", stop.to_string())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = std::io::BufReader::new(child.stderr.take().unwrap());
        let stopped = stderr
            .lines()
            .map_while(Result::ok)
            .any(|l| l.contains("stopped at write step"));
        if !stopped {
            assert!(child.wait().unwrap().success());
            assert!(stop > 3, "the write has several steps, stopped only {stop}");
            break;
        }
        child.kill().unwrap(); // SIGKILL: no destructor, no clean-up
        child.wait().unwrap();
        kills += 1;

        // What the kill left: the old files untouched, or a committed journal the next run finishes.
        let left = graphgen_temp_files(&out);
        let journal = left.iter().any(|n| n == ".graphgen-journal");
        assert!(
            journal || user_visible_tree(&out) == old,
            "killed at step {stop}: the old crate was changed before the commit"
        );
        // Never a silent mix: the drift check of the new docs does not pass on it.
        assert!(
            !xtask(&["codegen", "--check", "--docs", docs_s, "--out", out_s])
                .status
                .success(),
            "killed at step {stop}: --check passed on an interrupted write"
        );
        // The next run finishes or discards it, and the folder is all new with no temp file left.
        let again = xtask(&["codegen", "--docs", docs_s, "--out", out_s]);
        let said = String::from_utf8_lossy(&again.stderr);
        assert!(again.status.success(), "{said}");
        let reported = said.contains("finished the write of an interrupted run")
            || said.contains("(left by an interrupted run)");
        assert_eq!(
            reported,
            !left.is_empty(),
            "killed at step {stop}, the next run said: {said}"
        );
        assert!(
            xtask(&["codegen", "--check", "--docs", docs_s, "--out", out_s])
                .status
                .success()
        );
        let leftovers = graphgen_temp_files(&out);
        assert!(leftovers.is_empty(), "killed at step {stop}: {leftovers:?}");
    }
    assert!(kills >= 5, "{kills}");
}
