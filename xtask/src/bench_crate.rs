//! `cargo xtask bench-crate`: what a downstream user pays to compile a generated crate.
//!
//! Generates the crate from a docs folder into `target/bench-crate/<label>/` (through the write
//! stage, like `codegen`), builds its dependencies once (serde, serde_json and the runtime crate
//! `graphgen-runtime`, which every generated crate shares), then times `cargo check` of the models
//! crate alone (its own artefacts cleaned first) under `/usr/bin/time` for the peak RSS of the
//! compiler. One line per feature set: lines, files, wall time, peak RSS.
//!
//! A feature set naming `operations` (`operations`, `full,operations`, `outlook,operations`) also
//! measures the operations crate (the request descriptors, `operations/`) with the other features
//! of the set: its dependencies, the models crate included, are built first and untimed, then
//! its own `cargo check` is timed the same way. Cargo compiles the two crates one after the
//! other, so a build of both peaks at the larger of the two figures, which is printed too.

use crate::{workspace_root, Result};
use graphgen_emit::EmitOptions;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

/// The package name used for measured crates.
const NAME: &str = "bench-models";

/// The package name of the measured crates' operations crate.
fn operations_name() -> String {
    graphgen_emit::operations_crate_name(NAME)
}

/// One feature set to measure, with the cargo arguments that select it.
#[derive(Debug, Clone)]
pub struct FeatureSet {
    pub label: String,
    /// The same arguments select the areas of both crates (the operations crate's features are
    /// the models crate's areas).
    pub args: Vec<String>,
    /// Measure the operations crate too.
    pub operations: bool,
}

/// Parses `--features` values: `default`, `all`, or a comma-separated feature list (which is
/// measured without the default features). `operations` in a list is no feature: it adds the
/// operations crate to the measurement (alone it means the default features); `all` includes it.
pub fn feature_sets(values: &[String]) -> Vec<FeatureSet> {
    let values = if values.is_empty() {
        vec!["default".to_owned()]
    } else {
        values.to_vec()
    };
    values
        .into_iter()
        .map(|v| {
            let operations = v == "all" || v.split(',').any(|f| f.trim() == "operations");
            let areas: Vec<&str> = v
                .split(',')
                .map(str::trim)
                .filter(|f| *f != "operations" && !f.is_empty())
                .collect();
            let args = match areas.as_slice() {
                [] | ["default"] => vec![],
                ["all"] => vec!["--all-features".to_owned()],
                list => vec![
                    "--no-default-features".to_owned(),
                    "--features".to_owned(),
                    list.join(","),
                ],
            };
            FeatureSet {
                label: v,
                args,
                operations,
            }
        })
        .collect()
}

pub fn bench_crate(docs: &Path, sets: &[FeatureSet], runs: usize) -> Result<ExitCode> {
    let label = docs
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "docs".to_owned());
    let base = workspace_root().join("target/bench-crate");
    let out = base.join(&label);
    let target = base.join("target");
    let (files, _) = graphgen_write::load_docs(docs)?;
    let options = EmitOptions {
        crate_name: NAME.to_owned(),
        // Inside this repository's folder, so it needs a `[workspace]` of its own.
        standalone: true,
        // A dependency like serde: built before the timed check, not measured.
        runtime: graphgen_write::runtime_dependency(&out, &workspace_root()),
    };
    let started = Instant::now();
    let generated = graphgen_pipeline::generate(&files, &options);
    let codegen = started.elapsed();
    graphgen_write::write(&out, &generated.files)?;
    let (lines, rs_files) = rust_lines(&generated.files, "src/");
    let (op_lines, op_files) = rust_lines(&generated.files, "operations/src/");
    println!(
        "{}: {} pages -> models crate {rs_files} .rs files, {lines} lines; operations crate {op_files} files, {op_lines} lines (codegen {codegen:.2?})",
        docs.display(),
        files.len()
    );
    let operations_dir = out.join(graphgen_emit::OPERATIONS_DIR);
    for set in sets {
        let models = measure(&out, &target, NAME, &set.args, runs)?;
        if !set.operations {
            println!("  features {:<24} {}", set.label, models.text());
            continue;
        }
        if !operations_dir.is_dir() {
            return Err("the docs have no API pages, so there is no operations crate".into());
        }
        let operations = measure(
            &operations_dir,
            &target,
            &operations_name(),
            &set.args,
            runs,
        )?;
        println!("  features {}", set.label);
        println!("    models crate      {}", models.text());
        println!("    operations crate  {}", operations.text());
        println!(
            "    both, one after the other: peak RSS {:.0} MB (the larger), user {:.1} s (the sum)",
            models.rss_kb.max(operations.rss_kb) as f64 / 1024.0,
            models.user + operations.user
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The best of `runs` timed `cargo check`s of `package` in `dir`, its dependencies built first,
/// untimed: the fastest run, with the largest peak RSS of all runs.
fn measure(
    dir: &Path,
    target: &PathBuf,
    package: &str,
    args: &[String],
    runs: usize,
) -> Result<Timing> {
    // Dependencies once, untimed (for the operations crate: the models crate with the features
    // it asks for).
    cargo(dir, target, &["check", "--quiet"], args)?;
    let mut best: Option<Timing> = None;
    for _ in 0..runs.max(1) {
        cargo(dir, target, &["clean", "--quiet", "-p", package], &[])?;
        let t = timed_check(dir, target, args)?;
        best = Some(match best {
            Some(b) if b.wall <= t.wall => Timing {
                rss_kb: b.rss_kb.max(t.rss_kb),
                ..b
            },
            Some(b) => Timing {
                rss_kb: b.rss_kb.max(t.rss_kb),
                ..t
            },
            None => t,
        });
    }
    Ok(best.expect("at least one run"))
}

impl Timing {
    fn text(&self) -> String {
        format!(
            "cargo check {:>6.1} s (user {:.1} s, sys {:.1} s)   peak RSS {:>6.0} MB",
            self.wall,
            self.user,
            self.sys,
            self.rss_kb as f64 / 1024.0
        )
    }
}

/// Lines and `.rs` files below `dir` (`src/`, `operations/src/`).
fn rust_lines(files: &[graphgen_emit::GeneratedFile], dir: &str) -> (usize, usize) {
    let rs: Vec<_> = files
        .iter()
        .filter(|f| f.path.starts_with(dir) && f.path.ends_with(".rs"))
        .collect();
    (
        rs.iter().map(|f| f.contents.lines().count()).sum(),
        rs.len(),
    )
}

fn cargo(dir: &Path, target: &PathBuf, args: &[&str], extra: &[String]) -> Result<()> {
    let status = Command::new(env_cargo())
        .args(args)
        .args(extra)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .status()?;
    if !status.success() {
        return Err(format!("`cargo {}` failed in {}", args.join(" "), dir.display()).into());
    }
    Ok(())
}

/// One timed `cargo check`.
#[derive(Debug, Clone, Copy)]
struct Timing {
    /// Wall seconds.
    wall: f64,
    /// User and system CPU seconds of cargo and the compiler: unlike wall time, they barely
    /// change when other work shares the cores.
    user: f64,
    sys: f64,
    /// Peak resident set, KiB.
    rss_kb: u64,
}

/// Wall seconds, CPU seconds and peak RSS (KiB) of `cargo check`, the compiler included (GNU
/// time reports the largest resident set among the waited-for process tree and the CPU time of
/// the waited-for children).
fn timed_check(dir: &Path, target: &PathBuf, extra: &[String]) -> Result<Timing> {
    let report = target.join("time.txt");
    let started = Instant::now();
    let status = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%M %U %S")
        .arg("-o")
        .arg(&report)
        .arg(env_cargo())
        .args(["check", "--quiet"])
        .args(extra)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .status()
        .map_err(|e| format!("cannot run /usr/bin/time (Debian package `time`): {e}"))?;
    let secs = started.elapsed().as_secs_f64();
    if !status.success() {
        return Err(format!("`cargo check` failed in {}", dir.display()).into());
    }
    let text = graphgen_write::read_file(&report)?;
    // The last line is ours; GNU time may print a line about the exit status before it.
    let fields: Vec<&str> = text
        .lines()
        .last()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let num = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok());
    Ok(Timing {
        wall: secs,
        rss_kb: num(0).unwrap_or(0.0) as u64,
        user: num(1).unwrap_or(0.0),
        sys: num(2).unwrap_or(0.0),
    })
}

fn env_cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}
