//! `cargo xtask bench-crate`: what a downstream user pays to compile a generated crate.
//!
//! Generates the crate from a docs folder into `target/bench-crate/<label>/` (through the write
//! stage, like `codegen`), builds its dependencies once (serde, serde_json and the runtime crate
//! `graphgen-runtime`, which every generated crate shares), then times `cargo check` of the models
//! crate alone (its own artefacts cleaned first) under `/usr/bin/time` for the peak RSS of the
//! compiler. One line per feature set: lines, files, wall time, peak RSS.

use crate::{workspace_root, Result};
use graphgen_emit::EmitOptions;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

/// The package name used for measured crates.
const NAME: &str = "bench-models";

/// One feature set to measure, with the cargo arguments that select it.
#[derive(Debug, Clone)]
pub struct FeatureSet {
    pub label: String,
    pub args: Vec<String>,
}

/// Parses `--features` values: `default`, `all`, or a comma-separated feature list (which is
/// measured without the default features).
pub fn feature_sets(values: &[String]) -> Vec<FeatureSet> {
    let values = if values.is_empty() {
        vec!["default".to_owned()]
    } else {
        values.to_vec()
    };
    values
        .into_iter()
        .map(|v| {
            let args = match v.as_str() {
                "default" => vec![],
                "all" => vec!["--all-features".to_owned()],
                list => vec![
                    "--no-default-features".to_owned(),
                    "--features".to_owned(),
                    list.to_owned(),
                ],
            };
            FeatureSet { label: v, args }
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
    let (lines, rs_files) = rust_lines(&generated.files);
    println!(
        "{}: {} pages -> {rs_files} .rs files, {lines} lines of Rust (codegen {codegen:.2?})",
        docs.display(),
        files.len()
    );
    for set in sets {
        // Dependencies once, untimed.
        cargo(&out, &target, &["check", "--quiet"], &set.args)?;
        let mut best: Option<Timing> = None;
        for _ in 0..runs.max(1) {
            cargo(&out, &target, &["clean", "--quiet", "-p", NAME], &[])?;
            let t = timed_check(&out, &target, &set.args)?;
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
        let t = best.expect("at least one run");
        println!(
            "  features {:<24} cargo check {:>6.1} s (user {:.1} s, sys {:.1} s)   peak RSS {:>6.0} MB",
            set.label,
            t.wall,
            t.user,
            t.sys,
            t.rss_kb as f64 / 1024.0
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn rust_lines(files: &[graphgen_emit::GeneratedFile]) -> (usize, usize) {
    let rs: Vec<_> = files
        .iter()
        .filter(|f| f.path.starts_with("src/") && f.path.ends_with(".rs"))
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
