//! `cargo xtask`: the generator's command-line front end. It parses arguments, calls the
//! pipeline and the write stage, and prints; all logic lives in the crates under `crates/`.

mod fuzz;

use clap::{Parser, Subcommand, ValueEnum};
use graphgen_diag::{render_human, render_json, Baseline, Diagnostic, Severity};
use graphgen_emit::{EmitOptions, RuntimeDependency};
use graphgen_pipeline::{Analysis, SCHEMA_HEADER};
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

mod bench;
mod bench_crate;

#[derive(Parser)]
#[command(name = "cargo xtask", about = "Microsoft Graph docs -> Rust models")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate the model crate from the docs (default: docs-input/ -> generated/).
    Codegen {
        /// Folder of reference pages (`api/`, `resources/`, ...).
        #[arg(long)]
        docs: Option<PathBuf>,
        /// Output folder of the generated crate.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Write nothing; fail with a diff if the output folder is not what the docs produce.
        #[arg(long)]
        check: bool,
        /// Package name of the generated crate.
        #[arg(long, default_value = "graph-models", value_parser = crate_name)]
        crate_name: String,
        /// Depend on `graphgen-runtime` by this version requirement alone, from the registry, as
        /// a crate to publish must (default: this repository's `crates/runtime` by path, with
        /// its version).
        #[arg(long, value_name = "VERSION")]
        runtime_version: Option<String>,
        /// Print every diagnostic, notes included (default: errors and warnings, at most 50).
        #[arg(long)]
        verbose: bool,
    },
    /// Print the schema (IR) built from a docs folder.
    Schema {
        #[arg(long)]
        docs: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = SchemaFormat::Yaml)]
        format: SchemaFormat,
        /// Instead of the schema, list every statement (table, resource annotation,
        /// inheritance sentence, lead paragraph) that contributed nothing, with the reason
        /// (GD0060), and counts by kind of statement.
        #[arg(long)]
        unread: bool,
    },
    /// Time a bare pulldown-cmark pass against the full codegen on the same pages.
    Bench {
        /// Docs folders to measure together (default: both versions of ../shared/graph-docs-2021).
        #[arg(long)]
        docs: Vec<PathBuf>,
        /// Runs of each measurement; the fastest counts.
        #[arg(long, default_value_t = 3)]
        runs: usize,
    },
    /// Measure what a user pays to compile a generated crate: lines, `cargo check` time, peak RSS.
    BenchCrate {
        /// Docs folder of one version (default: ../shared/graph-docs-2021/v1.0).
        #[arg(long)]
        docs: Option<PathBuf>,
        /// Feature sets to measure, each `default`, `all` or a comma-separated list (measured
        /// without the default features); repeatable.
        #[arg(long)]
        features: Vec<String>,
        /// Timed runs per feature set; the fastest counts.
        #[arg(long, default_value_t = 1)]
        runs: usize,
    },
    /// Mutate real pages and run the whole pipeline on each: no panic, output parses as Rust,
    /// sampled outputs compile.
    Fuzz {
        /// Folders of pages to mutate (default: docs-input/, the hostile fixture pages and, when
        /// present, ../shared/graph-docs-2021/v1.0).
        #[arg(long)]
        docs: Vec<PathBuf>,
        #[arg(long, default_value_t = 1000)]
        runs: usize,
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// Compile every Nth output (`cargo check --tests`, all in one batch); 0: none.
        #[arg(long, default_value_t = 0)]
        compile_every: usize,
        /// Where minimised failing pages are saved.
        #[arg(long)]
        save: Option<PathBuf>,
        /// Run the saved fixture pages in this folder instead of mutating.
        #[arg(long)]
        replay: Option<PathBuf>,
    },
    /// Check the docs and report every problem found.
    Lint {
        #[arg(long)]
        docs: Option<PathBuf>,
        /// `warnings`: fail on warnings too, not only on errors.
        #[arg(long, value_name = "warnings")]
        deny: Option<DenyLevel>,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Accepted diagnostics: only diagnostics not in this file fail the run.
        #[arg(long)]
        baseline: Option<PathBuf>,
        /// Write the current diagnostics as a baseline file and exit.
        #[arg(long)]
        write_baseline: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum SchemaFormat {
    Yaml,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum DenyLevel {
    Warnings,
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_owned()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Codegen {
            docs,
            out,
            check,
            crate_name,
            runtime_version,
            verbose,
        } => codegen(docs, out, check, crate_name, runtime_version, verbose),
        Command::Schema {
            docs,
            format,
            unread: true,
        } => unread(docs, format),
        Command::Schema {
            docs,
            format,
            unread: false,
        } => schema(docs, format),
        Command::Bench { docs, runs } => bench::bench(docs, runs),
        Command::Fuzz {
            docs,
            runs,
            seed,
            compile_every,
            save,
            replay,
        } => fuzz_command(docs, runs, seed, compile_every, save, replay),
        Command::BenchCrate {
            docs,
            features,
            runs,
        } => bench_crate::bench_crate(
            &docs.unwrap_or_else(|| workspace_root().join("../shared/graph-docs-2021/v1.0")),
            &bench_crate::feature_sets(&features),
            runs,
        ),
        Command::Lint {
            docs,
            deny,
            format,
            baseline,
            write_baseline,
        } => lint(docs, deny, format, baseline, write_baseline),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// `--crate-name`: a name cargo accepts for a package and that is a Rust identifier once `-`
/// becomes `_` (the generated tests `use` it): ASCII letters, digits, `-` and `_`, starting
/// with a letter, not a keyword.
fn crate_name(name: &str) -> std::result::Result<String, String> {
    if name.is_empty() {
        return Err("a crate name cannot be empty".into());
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        return Err(format!(
            "{c:?} is not allowed in a crate name; use ASCII letters, digits, `-` and `_`"
        ));
    }
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Err("a crate name must start with an ASCII letter".into());
    }
    let ident = name.replace('-', "_");
    if syn::parse_str::<syn::Ident>(&ident).is_err()
        || ["test", "std", "core", "alloc", "proc_macro"].contains(&ident.as_str())
    {
        return Err(format!(
            "`{name}` is reserved in Rust and cannot name a crate"
        ));
    }
    Ok(name.to_owned())
}

/// Whether `rel` (relative to the root) is listed in the root Cargo.toml's workspace members.
fn is_workspace_member(rel: &Path) -> bool {
    let manifest =
        graphgen_write::read_file(&workspace_root().join("Cargo.toml")).unwrap_or_default();
    let rel = rel.to_string_lossy().replace('\\', "/");
    let rel = rel.trim_end_matches('/');
    manifest.contains(&format!("\"{rel}\""))
}

fn docs_dir(docs: Option<PathBuf>) -> PathBuf {
    docs.unwrap_or_else(|| workspace_root().join("docs-input"))
}

/// Loads the docs folder; read errors become diagnostics kept with the analysis.
fn analyze(docs: &Path) -> Result<Analysis> {
    let (files, read_diags) = graphgen_write::load_docs(docs)?;
    let mut analysis = graphgen_pipeline::analyze(&files);
    analysis.diagnostics.extend(read_diags);
    analysis.diagnostics.sort();
    Ok(analysis)
}

/// Shows diagnostic paths as the user named the docs folder (`docs-input/beta/api/x.md`).
fn displayed(
    docs: &Path,
    diags: &[Diagnostic],
    sources: &BTreeMap<Arc<str>, String>,
) -> (Vec<Diagnostic>, BTreeMap<Arc<str>, String>) {
    let root = workspace_root();
    let shown = docs
        .strip_prefix(&root)
        .unwrap_or(docs)
        .display()
        .to_string();
    let prefix =
        |f: &Arc<str>| -> Arc<str> { Arc::from(format!("{}/{}", shown.trim_end_matches('/'), f)) };
    let diags = diags
        .iter()
        .map(|d| {
            let mut d = d.clone();
            d.span.file = prefix(&d.span.file);
            for r in &mut d.related {
                r.span.file = prefix(&r.span.file);
            }
            d
        })
        .collect();
    let sources = sources
        .iter()
        .map(|(k, v)| (prefix(k), v.clone()))
        .collect();
    (diags, sources)
}

fn print_human(diags: &[Diagnostic], sources: &BTreeMap<Arc<str>, String>, limit: Option<usize>) {
    let color = std::io::stderr().is_terminal();
    let shown = limit.unwrap_or(usize::MAX);
    for d in diags.iter().take(shown) {
        eprintln!("{}", render_human(d, sources, color));
    }
    if diags.len() > shown {
        eprintln!(
            "... and {} more; `cargo xtask lint` lists them all\n",
            diags.len() - shown
        );
    }
}

fn codegen(
    docs: Option<PathBuf>,
    out: Option<PathBuf>,
    check: bool,
    crate_name: String,
    runtime_version: Option<String>,
    verbose: bool,
) -> Result<ExitCode> {
    let docs = docs_dir(docs);
    let default_out = workspace_root().join("generated");
    let out = out.unwrap_or_else(|| default_out.clone());
    let (files, read_diags) = graphgen_write::load_docs(&docs)?;
    // Inside this repository a folder that is not a workspace member needs a `[workspace]` table
    // of its own, or cargo would take it for a forgotten member; elsewhere the crate is
    // standalone anyway.
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_owned());
    let standalone = match absolute(&out).strip_prefix(workspace_root()) {
        Ok(rel) => !is_workspace_member(rel),
        Err(_) => false,
    };
    let runtime = match runtime_version {
        Some(version) => RuntimeDependency {
            path: None,
            version,
        },
        None => graphgen_write::runtime_dependency(&out, &workspace_root()),
    };
    let options = EmitOptions {
        crate_name,
        standalone,
        runtime,
    };
    let unreadable: Vec<String> = read_diags.iter().map(|d| d.span.file.to_string()).collect();
    let mut generated = graphgen_pipeline::generate(&files, &options);
    generated.analysis.diagnostics.extend(read_diags);
    generated.analysis.diagnostics.sort();
    let analysis = &generated.analysis;
    let (diags, sources) = displayed(&docs, &analysis.diagnostics, &analysis.sources);
    let shown: Vec<Diagnostic> = diags
        .into_iter()
        .filter(|d| verbose || d.severity != Severity::Note)
        .collect();
    print_human(&shown, &sources, (!verbose).then_some(50));
    let out_shown = out
        .strip_prefix(workspace_root())
        .unwrap_or(&out)
        .display()
        .to_string();
    let code = if !unreadable.is_empty() {
        eprintln!(
            "error: {} page(s) of {} could not be read: {}; nothing was {}\n  help: the models would miss what they say; fix or remove them",
            unreadable.len(),
            docs.display(),
            unreadable.join(", "),
            if check { "checked" } else { "written" }
        );
        ExitCode::FAILURE
    } else if check {
        let drift = graphgen_write::check(&out, &generated.files);
        if drift.is_empty() {
            eprintln!("{out_shown}/ is up to date with {}", docs.display());
            ExitCode::SUCCESS
        } else {
            print!("{}", graphgen_write::render_drift(&drift));
            eprintln!(
                "error: {out_shown}/ is not what the docs produce ({} file(s) differ); nothing was written.\n  fix: run `cargo xtask codegen` and commit the result",
                drift.len()
            );
            ExitCode::FAILURE
        }
    } else {
        let report = graphgen_write::write_waiting(&out, &generated.files, &|| {
            eprintln!("waiting for another codegen run writing to {out_shown}/ ...");
        })?;
        if report.recovered {
            eprintln!("finished the write of an interrupted run in {out_shown}/");
        }
        for temp in &report.removed_temp {
            eprintln!("removed {out_shown}/{temp} (left by an interrupted run)");
        }
        eprintln!(
            "wrote {} file(s) to {out_shown}/ ({} unchanged, {} deleted)",
            report.written.len(),
            report.unchanged,
            report.deleted.len()
        );
        ExitCode::SUCCESS
    };
    eprint!("{}", graphgen_pipeline::summary(analysis));
    Ok(code)
}

fn schema(docs: Option<PathBuf>, format: SchemaFormat) -> Result<ExitCode> {
    let analysis = analyze(&docs_dir(docs))?;
    let unreadable = analysis
        .diagnostics
        .iter()
        .filter(|d| d.code == graphgen_diag::Code::UnreadableFile)
        .count();
    match format {
        SchemaFormat::Yaml => print!(
            "{SCHEMA_HEADER}{}",
            graphgen_schema::to_yaml(&analysis.schema)
        ),
        SchemaFormat::Json => println!("{}", graphgen_schema::to_json(&analysis.schema)),
    }
    eprint!("{}", graphgen_pipeline::summary(&analysis));
    if unreadable > 0 {
        eprintln!("error: {unreadable} page(s) could not be read; `cargo xtask lint` lists them");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// `schema --unread`: the statements no pass used, rustc-style (or one JSON object per line with
/// `--format json`), then counts by kind of statement.
fn unread(docs: Option<PathBuf>, format: SchemaFormat) -> Result<ExitCode> {
    let docs = docs_dir(docs);
    let analysis = analyze(&docs)?;
    let unread: Vec<Diagnostic> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.code == graphgen_diag::Code::UnreadStatement)
        .cloned()
        .collect();
    let (shown, sources) = displayed(&docs, &unread, &analysis.sources);
    match format {
        SchemaFormat::Yaml => print_human(&shown, &sources, None),
        SchemaFormat::Json => {
            for d in &shown {
                println!("{}", render_json(d));
            }
        }
    }
    let mut by_kind: std::collections::BTreeMap<&str, usize> = Default::default();
    for d in &unread {
        let what = d.message.split(" is not read").next().unwrap_or("");
        // "\"Inherits from\" sentence" and "derived type [x]" count by their kind.
        let kind = if what.ends_with(" sentence") {
            "inheritance sentence"
        } else if what.starts_with("derived type") {
            "derived type link"
        } else {
            what
        };
        *by_kind.entry(kind).or_default() += 1;
    }
    eprintln!("unread statements: {}", unread.len());
    for (kind, n) in by_kind {
        eprintln!("  {kind}: {n}");
    }
    Ok(ExitCode::SUCCESS)
}

fn lint(
    docs: Option<PathBuf>,
    deny: Option<DenyLevel>,
    format: Format,
    baseline: Option<PathBuf>,
    write_baseline: Option<PathBuf>,
) -> Result<ExitCode> {
    let docs = docs_dir(docs);
    let analysis = analyze(&docs)?;
    if let Some(path) = write_baseline {
        graphgen_write::write_file(
            &path,
            &Baseline::from_diagnostics(&analysis.diagnostics).to_json(),
        )?;
        eprintln!(
            "wrote {} accepted diagnostic(s) to {}",
            analysis.diagnostics.len(),
            path.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let accepted = match &baseline {
        Some(path) => Some(Baseline::parse(&graphgen_write::read_file(path)?)?),
        None => None,
    };
    let new: Vec<Diagnostic> = match &accepted {
        Some(b) => b
            .filter_new(&analysis.diagnostics)
            .into_iter()
            .cloned()
            .collect(),
        None => analysis.diagnostics.clone(),
    };
    let (shown, sources) = displayed(&docs, &new, &analysis.sources);
    match format {
        Format::Human => {
            print_human(&shown, &sources, None);
            eprint!("{}", graphgen_diag::summary(&shown));
            if accepted.is_some() {
                eprintln!(
                    "{} diagnostic(s) accepted by the baseline",
                    analysis.diagnostics.len() - new.len()
                );
            }
        }
        Format::Json => {
            for d in &shown {
                println!("{}", render_json(d));
            }
        }
    }
    let failing = new.iter().any(|d| match d.severity {
        Severity::Error => true,
        Severity::Warning => deny.is_some(),
        Severity::Note => false,
    });
    Ok(if failing {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn fuzz_command(
    docs: Vec<PathBuf>,
    runs: usize,
    seed: u64,
    compile_every: usize,
    save: Option<PathBuf>,
    replay: Option<PathBuf>,
) -> Result<ExitCode> {
    let root = workspace_root();
    if let Some(dir) = replay {
        let failures = fuzz::replay(&dir)?;
        for f in &failures {
            eprintln!("error: {f}");
        }
        return Ok(if failures.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        });
    }
    let docs = if docs.is_empty() {
        let mut d = vec![
            root.join("docs-input"),
            root.join("tests/fixtures/hostile/docs"),
        ];
        let corpus = root.join("../shared/graph-docs-2021/v1.0");
        if corpus.is_dir() {
            d.push(corpus);
        }
        d
    } else {
        docs
    };
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let ok = fuzz::fuzz(&fuzz::FuzzOptions {
        docs,
        runs,
        seed,
        compile_every,
        save: save.unwrap_or_else(|| target.join("fuzz/findings")),
        target_dir: target.join("fuzz/target"),
    })?;
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
