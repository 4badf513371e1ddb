//! Write stage tests: each row of issue 10 that is about the file system is one test, named
//! after it.

use super::*;
use crate::output::{JOURNAL, STAGING};

fn file(path: &str, contents: &str) -> GeneratedFile {
    GeneratedFile {
        path: path.into(),
        contents: contents.into(),
    }
}

#[test]
fn write_then_check_is_clean() {
    let dir = tempfile::tempdir().unwrap();
    let files = [file("src/lib.rs", "a\n"), file("Cargo.toml", "b\n")];
    let r = write(dir.path(), &files).unwrap();
    assert_eq!(r.written.len(), 3);
    assert!(check(dir.path(), &files).is_empty());
    let again = write(dir.path(), &files).unwrap();
    assert!(again.written.is_empty());
}

#[test]
fn check_reports_a_diff_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &[file("src/lib.rs", "one\ntwo\n")]).unwrap();
    let before = std::fs::read(dir.path().join("src/lib.rs")).unwrap();
    let drift = check(dir.path(), &[file("src/lib.rs", "one\nthree\n")]);
    assert_eq!(
        drift.len(),
        1,
        "only the changed file drifts, the manifest lists the same files: {drift:?}"
    );
    let rendered = render_drift(&drift);
    assert!(rendered.contains("-two\n+three"), "{rendered}");
    assert_eq!(
        std::fs::read(dir.path().join("src/lib.rs")).unwrap(),
        before
    );
}

#[test]
fn deletes_only_files_it_generated() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &[file("src/a.rs", "a"), file("src/b.rs", "b")]).unwrap();
    std::fs::write(dir.path().join("src/mine.rs"), "hand-written").unwrap();
    let r = write(dir.path(), &[file("src/a.rs", "a")]).unwrap();
    assert_eq!(r.deleted, ["src/b.rs"]);
    write(
        dir.path(),
        &[file("src/a.rs", "a"), file("src/sub/c.rs", "c")],
    )
    .unwrap();
    write(dir.path(), &[file("src/a.rs", "a")]).unwrap();
    assert!(
        !dir.path().join("src/sub").exists(),
        "an emptied generated folder is removed"
    );
    assert!(dir.path().join("src/mine.rs").exists());
    assert!(!dir.path().join("src/b.rs").exists());
}

#[test]
fn check_reports_stale_and_missing_files() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &[file("src/a.rs", "a"), file("src/b.rs", "b")]).unwrap();
    let drift = check(dir.path(), &[file("src/a.rs", "a"), file("src/c.rs", "c")]);
    assert!(drift.contains(&Drift::Stale {
        path: "src/b.rs".into()
    }));
    assert!(drift.contains(&Drift::Missing {
        path: "src/c.rs".into()
    }));
}

#[cfg(unix)]
#[test]
fn written_files_are_world_readable() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &[file("src/a.rs", "a")]).unwrap();
    let mode = std::fs::metadata(dir.path().join("src/a.rs"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o644);
}

#[test]
fn refuses_paths_outside_the_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(
        write(dir.path(), &[file("../x.rs", "x")]),
        Err(Error::OutsideOutput(_))
    ));
}

#[test]
fn load_docs_is_sorted_and_relative() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("beta/api")).unwrap();
    std::fs::write(dir.path().join("beta/api/b.md"), "b").unwrap();
    std::fs::write(dir.path().join("beta/api/a.md"), "a").unwrap();
    std::fs::write(dir.path().join("beta/api/x.txt"), "x").unwrap();
    let (files, diags) = load_docs(dir.path()).unwrap();
    let names: Vec<&str> = files.iter().map(|f| &*f.path).collect();
    assert_eq!(names, ["beta/api/a.md", "beta/api/b.md"]);
    assert!(diags.is_empty());
}

/// Every file below `dir` with its bytes, for "nothing changed" assertions.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap())
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let path = e.path();
            let rel = path.strip_prefix(root).unwrap().display().to_string();
            let kind = e.file_type().unwrap();
            if kind.is_dir() {
                out.push((format!("{rel}/"), Vec::new()));
                walk(root, &path, out);
            } else if kind.is_symlink() {
                out.push((rel, b"<link>".to_vec()));
            } else {
                out.push((rel, std::fs::read(&path).unwrap()));
            }
        }
    }
    walk(dir, dir, &mut out);
    out
}

fn v1() -> Vec<GeneratedFile> {
    vec![
        file("Cargo.toml", "old toml\n"),
        file("src/lib.rs", "old lib\n"),
        file("src/graph.rs", "old graph\n"),
        file("src/graph/gone.rs", "old gone\n"),
        file("tests/round_trip.rs", "old tests\n"),
    ]
}

fn v2() -> Vec<GeneratedFile> {
    vec![
        file("Cargo.toml", "new toml\n"),
        file("src/lib.rs", "new lib\n"),
        file("src/graph.rs", "new graph\n"),
        file("src/fresh/added.rs", "new added\n"),
        file("tests/round_trip.rs", "old tests\n"),
    ]
}

#[test]
fn out_folder_with_the_users_own_cargo_toml_and_lib_rs_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("src")).unwrap();
    std::fs::write(
        dir.path().join("Cargo.toml"),
        "[package]\nname = \"mine\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("src/lib.rs"), "pub fn mine() {}\n").unwrap();
    let before = tree(dir.path());
    let err = write(dir.path(), &v1()).unwrap_err();
    assert!(matches!(err, Error::ForeignOutput { .. }), "{err}");
    let message = err.to_string();
    assert!(message.contains("Cargo.toml, src/"), "{message}");
    assert!(
        message.contains("choose a new or empty folder"),
        "{message}"
    );
    assert_eq!(tree(dir.path()), before, "nothing was touched");
}

#[test]
fn an_empty_out_folder_or_one_of_empty_folders_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("src/graph")).unwrap();
    write(dir.path(), &v1()).unwrap();
    assert!(check(dir.path(), &v1()).is_empty());
}

#[test]
fn a_file_the_manifest_does_not_list_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &v1()).unwrap();
    std::fs::create_dir_all(dir.path().join("src/fresh")).unwrap();
    std::fs::write(dir.path().join("src/fresh/added.rs"), "hand-written\n").unwrap();
    let before = tree(dir.path());
    let err = write(dir.path(), &v2()).unwrap_err();
    assert!(matches!(err, Error::NotOurs { .. }), "{err}");
    assert!(err.to_string().contains("added.rs"), "{err}");
    assert_eq!(tree(dir.path()), before, "nothing was touched");
}

#[cfg(unix)]
#[test]
fn out_src_that_is_a_symlink_to_a_folder_elsewhere_is_never_followed() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), out.join("src")).unwrap();
    let err = write(&out, &v1()).unwrap_err();
    // An empty folder with a link in it is not ours; either refusal is fine, but it must refuse.
    assert!(
        matches!(err, Error::Link { .. } | Error::ForeignOutput { .. }),
        "{err}"
    );
    assert!(
        tree(elsewhere.path()).is_empty(),
        "nothing written elsewhere"
    );

    // The same link inside a folder graphgen did create.
    let out = dir.path().join("ours");
    write(&out, &v1()).unwrap();
    std::fs::remove_dir_all(out.join("src")).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), out.join("src")).unwrap();
    let before = tree(&out);
    let err = write(&out, &v2()).unwrap_err();
    assert!(matches!(err, Error::Link { .. }), "{err}");
    assert!(err.to_string().contains("symbolic link"), "{err}");
    assert!(
        tree(elsewhere.path()).is_empty(),
        "nothing written elsewhere"
    );
    assert_eq!(tree(&out), before);
    assert!(check(&out, &v2())
        .iter()
        .any(|d| matches!(d, Drift::Unwritable { path, .. } if path == "src/lib.rs")));
    assert!(tree(elsewhere.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn a_stale_manifest_entry_behind_a_symlink_is_never_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join("gone.rs"), "theirs").unwrap();
    write(dir.path(), &v1()).unwrap();
    std::fs::remove_dir_all(dir.path().join("src/graph")).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), dir.path().join("src/graph")).unwrap();
    write(dir.path(), &v2()).unwrap();
    assert_eq!(
        std::fs::read(elsewhere.path().join("gone.rs")).unwrap(),
        b"theirs"
    );
}

/// The state after a write is exactly the old crate or exactly the new one.
fn is_all(dir: &Path, files: &[GeneratedFile]) -> bool {
    check(dir, files).is_empty()
        && !dir.join(STAGING).exists()
        && !dir.join(JOURNAL).exists()
        && (files.iter().all(|f| f.path != "src/graph.rs") || dir.join("src/graph.rs").is_file())
}

#[test]
fn sigkill_during_a_run_leaves_all_old_or_all_new_files() {
    let mut kills = 0;
    for kill_at in 0.. {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), &v1()).unwrap();
        output::KILL_AT.with(|k| k.set(Some(kill_at)));
        let killed = std::panic::catch_unwind(|| write(dir.path(), &v2())).is_err();
        output::KILL_AT.with(|k| k.set(None));
        if !killed {
            assert!(kill_at > 3, "the run has several kill points");
            break;
        }
        kills += 1;
        // What a killed run left, as `check` sees it: never a silent mix.
        let old = check(dir.path(), &v1());
        let new = check(dir.path(), &v2());
        let committed = dir.path().join(JOURNAL).exists();
        if committed {
            assert!(new.contains(&Drift::Interrupted), "{new:?}");
        } else {
            assert!(
                old.iter().all(|d| matches!(d, Drift::Leftover { .. })),
                "before the commit the old files are untouched: {old:?}"
            );
        }
        // The next run finishes or discards it and reports what it cleaned.
        let r = write(dir.path(), &v2()).unwrap();
        assert_eq!(r.recovered, committed);
        assert!(is_all(dir.path(), &v2()), "kill at step {kill_at}");
        assert!(!dir.path().join("src/graph/gone.rs").exists());
        let _ = r;
    }
    assert!(kills >= 5, "{kills}");
}

#[test]
fn a_killed_run_is_all_old_to_a_run_that_regenerates_the_old_crate() {
    // Killed before the commit: regenerating the old crate finds it as it was.
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &v1()).unwrap();
    output::KILL_AT.with(|k| k.set(Some(2)));
    assert!(std::panic::catch_unwind(|| write(dir.path(), &v2())).is_err());
    output::KILL_AT.with(|k| k.set(None));
    assert!(!dir.path().join(JOURNAL).exists());
    let r = write(dir.path(), &v1()).unwrap();
    assert!(r.written.is_empty(), "{:?}", r.written);
    assert_eq!(r.removed_temp, [STAGING]);
    assert!(is_all(dir.path(), &v1()));
}

#[test]
fn stray_graphgen_temp_files_are_cleaned_and_reported_and_check_sees_them() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &v1()).unwrap();
    std::fs::write(
        dir.path().join("src/.graphgen-a1B2c3"),
        vec![b'x'; 2_000_000],
    )
    .unwrap();
    std::fs::write(dir.path().join("src/.graphgen-notes.txt"), "user's").unwrap();
    let before = tree(dir.path());
    let drift = check(dir.path(), &v1());
    assert_eq!(
        drift,
        [Drift::Leftover {
            path: "src/.graphgen-a1B2c3".into()
        }]
    );
    assert!(render_drift(&drift).contains("would be removed"));
    assert_eq!(tree(dir.path()), before, "check writes nothing");
    let r = write(dir.path(), &v1()).unwrap();
    assert_eq!(r.removed_temp, ["src/.graphgen-a1B2c3"]);
    assert!(!dir.path().join("src/.graphgen-a1B2c3").exists());
    assert!(dir.path().join("src/.graphgen-notes.txt").exists());
    assert!(check(dir.path(), &v1()).is_empty());
}

#[test]
fn two_codegen_runs_on_the_same_out_at_once_are_serialised_by_a_lock() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &v1()).unwrap();
    let before = tree(dir.path());
    let held = output::lock(dir.path(), true, &|| panic!("free")).unwrap();
    let waited = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|s| {
        let second = s.spawn(|| {
            write_waiting(dir.path(), &v2(), &|| {
                waited.store(true, std::sync::atomic::Ordering::SeqCst)
            })
        });
        std::thread::sleep(std::time::Duration::from_millis(300));
        assert!(!second.is_finished(), "the second run waits for the lock");
        assert_eq!(tree(dir.path()), before, "nothing written while locked");
        drop(held);
        second.join().unwrap().unwrap();
    });
    assert!(waited.load(std::sync::atomic::Ordering::SeqCst));
    assert!(is_all(dir.path(), &v2()));
}

#[test]
fn many_concurrent_runs_never_mix_their_outputs() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &v1()).unwrap();
    std::thread::scope(|s| {
        for i in 0..8 {
            let out = dir.path();
            s.spawn(move || write(out, &if i % 2 == 0 { v1() } else { v2() }).unwrap());
        }
    });
    assert!(is_all(dir.path(), &v1()) || is_all(dir.path(), &v2()));
}

#[test]
fn a_name_over_255_bytes_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &v1()).unwrap();
    let before = tree(dir.path());
    let mut files = v2();
    files.push(file(&format!("src/graph/{}.rs", "a".repeat(300)), "x"));
    let err = write(dir.path(), &files).unwrap_err();
    assert!(
        matches!(err, Error::NameTooLong { bytes: 303, .. }),
        "{err}"
    );
    assert_eq!(tree(dir.path()), before);
}

#[test]
fn check_mode_writes_nothing_even_on_a_foreign_or_interrupted_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("Cargo.toml"), "mine").unwrap();
    let before = tree(dir.path());
    assert!(!check(dir.path(), &v1()).is_empty());
    assert_eq!(tree(dir.path()), before);

    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &v1()).unwrap();
    output::KILL_AT.with(|k| k.set(Some(8)));
    assert!(std::panic::catch_unwind(|| write(dir.path(), &v2())).is_err());
    output::KILL_AT.with(|k| k.set(None));
    let before = tree(dir.path());
    let drift = check(dir.path(), &v2());
    assert!(!drift.is_empty());
    assert_eq!(tree(dir.path()), before);
    let missing = tempfile::tempdir().unwrap().path().join("nope");
    assert!(!check(&missing, &v1()).is_empty());
    assert!(!missing.exists(), "check does not create the folder");
}

#[test]
fn a_docs_folder_with_no_pages_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("README.txt"), "not a page").unwrap();
    let err = load_docs(dir.path()).unwrap_err();
    assert!(matches!(err, Error::NoPages { .. }), "{err}");
    assert!(err.to_string().contains("nothing was generated or deleted"));
    assert!(matches!(
        load_docs(&dir.path().join("mistyped")).unwrap_err(),
        Error::DocsFolder { .. }
    ));
}

#[cfg(unix)]
#[test]
fn a_docs_page_that_is_a_symlink_to_dev_zero_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "# a").unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.md")).unwrap();
    let (files, diags) = load_docs(dir.path()).unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].code, graphgen_diag::Code::UnreadableFile);
    assert_eq!(&*diags[0].span.file, "zero.md");
    assert!(
        diags[0].message.contains("a device"),
        "{}",
        diags[0].message
    );
}

#[test]
fn a_docs_page_over_the_size_cap_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let big = std::fs::File::create(dir.path().join("big.md")).unwrap();
    big.set_len(MAX_PAGE_BYTES + 1).unwrap(); // sparse: no real disk use
    let (files, diags) = load_docs(dir.path()).unwrap();
    assert!(files.is_empty());
    assert!(
        diags[0].message.contains("larger than 64 MiB"),
        "{}",
        diags[0].message
    );
}

#[cfg(unix)]
#[test]
fn a_docs_page_that_is_a_named_pipe_is_skipped_with_a_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "# a").unwrap();
    let fifo = dir.path().join("pipe.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let (files, diags) = load_docs(dir.path()).unwrap();
    assert_eq!(files.len(), 1);
    assert!(
        diags[0].message.contains("a named pipe"),
        "{}",
        diags[0].message
    );
}
