//! `cargo xtask fuzz`: mutates real pages and runs the whole pipeline in process on each.
//!
//! A run takes one page from the docs folders, applies a few mutations (delete, duplicate or swap
//! lines, cut the page, insert `|`, backticks, `<!-- {`, CR, NUL and other hostile text, flip a
//! byte), generates a crate from it plus up to two unmutated pages, and checks: no panic, every
//! generated `.rs` file parses as Rust (`syn`), no generated file holds a NUL or a bare CR, and
//! the run takes under a few seconds. Every `--compile-every`-th output is written into one
//! batch workspace that is checked by `cargo check --tests` at the end (one target folder, so the
//! dependencies build once). The mutations are a proptest strategy: a failing case is shrunk by
//! proptest to the fewest, smallest mutations, then the page is cut down line by line while it
//! still fails, and saved as a regression fixture (`--replay` runs a folder of them).

use graphgen_emit::{EmitOptions, GeneratedFile, RuntimeDependency, RUNTIME_VERSION};
use graphgen_write::SourceFile;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A run slower than this is a finding (a page that takes seconds is a denial of service; the
/// bound is loose because a loaded 2-core machine is slow).
const SLOW: Duration = Duration::from_secs(15);

/// Text the mutations insert: the characters and fragments that steer the parser.
const SNIPPETS: &[&str] = &[
    "|",
    "||",
    "`",
    "```",
    "```json\n",
    "```http\n",
    "<!-- {",
    "-->",
    "<!-- {\n  \"blockType\": \"response\",\n  \"@odata.type\": \"microsoft.graph.",
    "\r",
    "\r\n",
    "\0",
    "\n",
    "\"",
    "'",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\\",
    "#",
    "# ",
    "## Properties\n",
    "| Property | Type | Description |\n|:---|:---|:---|\n",
    "Inherited from [entity](entity.md)",
    "Inherits from [x](x.md).",
    "Possible values are: `a`, `b`.",
    "Collection(",
    ")",
    "microsoft.graph.",
    "microsoft.runtime",
    "microsoft.lib",
    "@odata.type",
    "\"@odata.type\": \"#microsoft.graph.x\"",
    "\u{feff}",
    "*/",
    "/*",
    "r#\"",
    "\"#",
    "#[",
    "type",
    "self",
    "Self",
    "crate",
    "super",
    "1",
    "-0",
    "1e400",
    "99999999999999999999999",
    "é",
    "\u{202e}",
    "\u{2028}",
    "\t",
    "---\n",
    "HTTP/1.1 200 OK\n",
    "POST https://graph.microsoft.com/v1.0/x\n",
    "Content-type: application/json\n\n",
];

#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    Cut(usize),
    Insert(usize, usize),
    InsertAtLineStart(usize, usize),
    FlipByte(usize, u8),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        any::<usize>().prop_map(Mutation::Cut),
        (any::<usize>(), 0..SNIPPETS.len()).prop_map(|(p, s)| Mutation::Insert(p, s)),
        (any::<usize>(), 0..SNIPPETS.len()).prop_map(|(p, s)| Mutation::InsertAtLineStart(p, s)),
        (any::<usize>(), any::<u8>()).prop_map(|(p, b)| Mutation::FlipByte(p, b)),
    ]
}

/// One run's input, as proptest generates (and shrinks) it.
#[derive(Debug, Clone)]
struct Case {
    page: usize,
    others: Vec<usize>,
    mutations: Vec<Mutation>,
}

fn case(pages: usize) -> impl Strategy<Value = Case> {
    (
        0..pages,
        proptest::collection::vec(0..pages, 0..=2),
        proptest::collection::vec(mutation(), 1..=8),
    )
        .prop_map(|(page, others, mutations)| Case {
            page,
            others,
            mutations,
        })
}

fn lines(bytes: &[u8]) -> Vec<Vec<u8>> {
    bytes
        .split_inclusive(|&b| b == b'\n')
        .map(<[u8]>::to_vec)
        .collect()
}

fn mutate(bytes: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for m in mutations {
        match *m {
            Mutation::DeleteLine(i) => {
                let mut l = lines(&out);
                if !l.is_empty() {
                    let n = l.len();
                    l.remove(i % n);
                }
                out = l.concat();
            }
            Mutation::DuplicateLine(i) => {
                let mut l = lines(&out);
                if !l.is_empty() {
                    let n = l.len();
                    let dup = l[i % n].clone();
                    l.insert(i % n, dup);
                }
                out = l.concat();
            }
            Mutation::SwapLines(a, b) => {
                let mut l = lines(&out);
                if !l.is_empty() {
                    let n = l.len();
                    l.swap(a % n, b % n);
                }
                out = l.concat();
            }
            Mutation::Cut(p) => out.truncate(p % (out.len() + 1)),
            Mutation::Insert(p, s) => {
                let at = p % (out.len() + 1);
                out.splice(at..at, SNIPPETS[s].bytes());
            }
            Mutation::InsertAtLineStart(p, s) => {
                let starts: Vec<usize> = std::iter::once(0)
                    .chain(
                        out.iter()
                            .enumerate()
                            .filter(|(_, &b)| b == b'\n')
                            .map(|(i, _)| i + 1),
                    )
                    .collect();
                let at = starts[p % starts.len()];
                out.splice(at..at, SNIPPETS[s].bytes());
            }
            Mutation::FlipByte(p, b) => {
                if !out.is_empty() {
                    let n = out.len();
                    out[p % n] = b;
                }
            }
        }
    }
    out
}

/// What is wrong with one run, if anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    Panic(String),
    Syntax(String),
    BadByte(String),
    Slow(Duration),
}

impl Finding {
    fn kind(&self) -> &'static str {
        match self {
            Finding::Panic(_) => "panic",
            Finding::Syntax(_) => "syntax",
            Finding::BadByte(_) => "bad-byte",
            Finding::Slow(_) => "slow",
        }
    }
    fn same_kind(&self, other: &Finding) -> bool {
        self.kind() == other.kind()
    }
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Finding::Panic(m) => write!(f, "panic: {m}"),
            Finding::Syntax(m) => write!(f, "generated Rust does not parse: {m}"),
            Finding::BadByte(m) => write!(f, "generated file holds {m}"),
            Finding::Slow(d) => write!(f, "took {d:.1?}"),
        }
    }
}

thread_local! {
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Keeps panics quiet while fuzzing and records where they happened.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let text = format!("{at}: {}", msg.chars().take(200).collect::<String>());
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(text.clone()));
        PANICS.lock().map(|mut v| v.push(text)).ok();
    }));
}

static PANICS: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// Runs the pipeline on `files`; the generated files, or what went wrong.
pub fn run_pipeline(files: &[SourceFile], crate_name: &str) -> Result<Vec<GeneratedFile>, Finding> {
    let options = EmitOptions {
        crate_name: crate_name.to_owned(),
        standalone: false,
        // The batch workspace is a temporary folder: the runtime by its absolute path.
        runtime: RuntimeDependency {
            path: Some(
                crate::workspace_root()
                    .join(graphgen_write::RUNTIME_DIR)
                    .display()
                    .to_string(),
            ),
            version: RUNTIME_VERSION.to_owned(),
        },
    };
    if let Ok(mut p) = PANICS.lock() {
        p.clear();
    }
    let start = Instant::now();
    let result = std::panic::catch_unwind(|| graphgen_pipeline::generate(files, &options));
    let elapsed = start.elapsed();
    let generated = match result {
        Ok(g) => g,
        Err(_) => {
            let msg = PANICS
                .lock()
                .ok()
                .and_then(|p| p.first().cloned())
                .or_else(|| LAST_PANIC.with(|p| p.borrow().clone()))
                .unwrap_or_else(|| "unknown".into());
            return Err(Finding::Panic(msg));
        }
    };
    for f in &generated.files {
        if let Some(i) = f.contents.find(['\0', '\r']) {
            let line = f.contents[..i].matches('\n').count() + 1;
            let what = if f.contents.as_bytes()[i] == 0 {
                "a NUL"
            } else {
                "a bare CR"
            };
            return Err(Finding::BadByte(format!("{what} at {}:{line}", f.path)));
        }
        if f.path.ends_with(".rs") {
            if let Err(e) = syn::parse_file(&f.contents) {
                return Err(Finding::Syntax(format!("{}: {e}", f.path)));
            }
        }
    }
    if elapsed > SLOW {
        return Err(Finding::Slow(elapsed));
    }
    Ok(generated.files)
}

/// Cuts lines from `bytes` while `fails` still holds (a simple delta debugging pass).
fn minimise_lines(bytes: Vec<u8>, fails: &dyn Fn(&[u8]) -> bool) -> Vec<u8> {
    let mut l = lines(&bytes);
    let mut chunk = (l.len() / 2).max(1);
    loop {
        let mut i = 0;
        let mut cut_any = false;
        while i < l.len() {
            let mut trial = l.clone();
            trial.drain(i..(i + chunk).min(l.len()));
            if fails(&trial.concat()) {
                l = trial;
                cut_any = true;
            } else {
                i += chunk;
            }
        }
        if chunk == 1 && !cut_any {
            break;
        }
        chunk = (chunk / 2).max(1);
    }
    l.concat()
}

/// Options of `cargo xtask fuzz`.
#[derive(Debug)]
pub struct FuzzOptions {
    pub docs: Vec<PathBuf>,
    pub runs: usize,
    pub seed: u64,
    pub compile_every: usize,
    pub save: PathBuf,
    pub target_dir: PathBuf,
}

fn load_pool(docs: &[PathBuf]) -> Result<Vec<SourceFile>, Box<dyn std::error::Error>> {
    let mut pool = Vec::new();
    for d in docs {
        let (files, _) = graphgen_write::load_docs(d)?;
        let shown = d.display().to_string();
        pool.extend(files.into_iter().map(|f| SourceFile {
            path: Arc::from(format!("{}/{}", shown.trim_end_matches('/'), f.path)),
            bytes: f.bytes,
        }));
    }
    Ok(pool)
}

/// The files of one run: the mutated page (named `fuzz.md`) and the other pages.
fn run_files(pool: &[SourceFile], case: &Case, page: &[u8]) -> Vec<SourceFile> {
    let mut files = vec![SourceFile {
        path: Arc::from("fuzz/fuzz.md"),
        bytes: page.to_vec(),
    }];
    for (i, &o) in case.others.iter().enumerate() {
        if o != case.page {
            files.push(SourceFile {
                path: Arc::from(format!("other{i}/{}", pool[o].path)),
                bytes: pool[o].bytes.clone(),
            });
        }
    }
    files
}

/// Runs the fuzzer; returns whether everything held.
pub fn fuzz(opts: &FuzzOptions) -> Result<bool, Box<dyn std::error::Error>> {
    let pool = load_pool(&opts.docs)?;
    if pool.is_empty() {
        return Err("no pages to mutate".into());
    }
    install_panic_hook();
    let mut seed = [0u8; 32];
    seed[..8].copy_from_slice(&opts.seed.to_le_bytes());
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &seed),
    );
    let strategy = case(pool.len());
    let start = Instant::now();
    let mut findings: Vec<(usize, Finding, PathBuf)> = Vec::new();
    let mut batch: Vec<(String, Vec<GeneratedFile>)> = Vec::new();
    let mut seen_kinds: Vec<String> = Vec::new();
    for run in 0..opts.runs {
        let mut tree = strategy
            .new_tree(&mut runner)
            .map_err(|e| format!("strategy: {e}"))?;
        let c = tree.current();
        let page = mutate(&pool[c.page].bytes, &c.mutations);
        let name = format!("fuzz-{run}");
        match run_pipeline(&run_files(&pool, &c, &page), &name) {
            Ok(files) => {
                if opts.compile_every > 0 && run % opts.compile_every == 0 {
                    batch.push((name, files));
                }
            }
            Err(finding) => {
                // Shrink the mutations (proptest), then the page (lines), keeping the kind.
                let fails = |c: &Case| {
                    let page = mutate(&pool[c.page].bytes, &c.mutations);
                    run_pipeline(&run_files(&pool, c, &page), "fuzz")
                        .err()
                        .is_some_and(|f| f.same_kind(&finding))
                };
                let mut smallest = c.clone();
                let mut budget = 200;
                while budget > 0 && tree.simplify() {
                    budget -= 1;
                    loop {
                        if fails(&tree.current()) {
                            smallest = tree.current();
                            break;
                        }
                        if !tree.complicate() {
                            break;
                        }
                    }
                }
                let page = mutate(&pool[smallest.page].bytes, &smallest.mutations);
                let others = Case {
                    mutations: Vec::new(),
                    ..smallest.clone()
                };
                let alone = |bytes: &[u8]| {
                    run_pipeline(&run_files(&pool, &others, bytes), "fuzz")
                        .err()
                        .is_some_and(|f| f.same_kind(&finding))
                };
                let page = if alone(&page) {
                    minimise_lines(page, &alone)
                } else {
                    page
                };
                let final_finding = run_pipeline(&run_files(&pool, &others, &page), "fuzz")
                    .err()
                    .unwrap_or(finding);
                std::fs::create_dir_all(&opts.save)?;
                let file = opts.save.join(format!(
                    "{}-run{run}-seed{}.md",
                    final_finding.kind(),
                    opts.seed
                ));
                std::fs::write(&file, &page)?;
                let key = format!("{final_finding}");
                if !seen_kinds.contains(&key) {
                    seen_kinds.push(key);
                }
                eprintln!(
                    "run {run}: {final_finding}\n  from {} with {:?}; minimised page: {}",
                    pool[smallest.page].path,
                    smallest.mutations,
                    file.display()
                );
                findings.push((run, final_finding, file));
            }
        }
        if (run + 1) % 1000 == 0 {
            eprintln!(
                "{} runs, {} findings, {:.0?}",
                run + 1,
                findings.len(),
                start.elapsed()
            );
        }
    }
    let fuzz_time = start.elapsed();
    let (compiled, failing) = if batch.is_empty() {
        (0, Vec::new())
    } else {
        compile_batch(&batch, &opts.target_dir)?
    };
    let panics = findings
        .iter()
        .filter(|f| matches!(f.1, Finding::Panic(_)))
        .count();
    println!(
        "fuzz: {} runs (seed {}) over {} pages in {fuzz_time:.1?}: {} panics, {} other findings; {compiled} sampled outputs compiled with cargo check --tests, {} did not compile",
        opts.runs,
        opts.seed,
        pool.len(),
        panics,
        findings.len() - panics,
        failing.len()
    );
    for f in &failing {
        println!("  does not compile: {f}");
    }
    Ok(findings.is_empty() && failing.is_empty())
}

/// Writes the sampled outputs as members of one workspace and checks them all in one cargo run.
/// Returns how many were checked and the names of those that failed.
fn compile_batch(
    batch: &[(String, Vec<GeneratedFile>)],
    target_dir: &Path,
) -> Result<(usize, Vec<String>), Box<dyn std::error::Error>> {
    let root = tempfile::Builder::new()
        .prefix("graphgen-fuzz-")
        .tempdir()?;
    let mut members = String::new();
    let mut operation_crates = 0;
    for (name, files) in batch {
        for f in files {
            let path = root.path().join(name).join(&f.path);
            std::fs::create_dir_all(path.parent().unwrap_or(root.path()))?;
            std::fs::write(path, &f.contents)?;
        }
        members.push_str(&format!("    \"{name}\",\n"));
        let operations = format!("{}/", graphgen_emit::OPERATIONS_DIR);
        if files.iter().any(|f| f.path.starts_with(&operations)) {
            operation_crates += 1;
            members.push_str(&format!(
                "    \"{name}/{}\",\n",
                graphgen_emit::OPERATIONS_DIR
            ));
        }
    }
    std::fs::write(
        root.path().join("Cargo.toml"),
        format!("[workspace]\nresolver = \"2\"\nmembers = [\n{members}]\n"),
    )?;
    let start = Instant::now();
    let out = std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args([
            "check",
            "--workspace",
            "--tests",
            "--all-features",
            "--keep-going",
            "--quiet",
            "--message-format",
            "short",
        ])
        .current_dir(root.path())
        .env("CARGO_TARGET_DIR", target_dir)
        .env("RUSTFLAGS", "-D warnings")
        .output()?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut failing: Vec<String> = stderr
        .lines()
        .filter_map(|l| l.split("could not compile `").nth(1))
        .filter_map(|rest| rest.split('`').next())
        .map(str::to_owned)
        .collect();
    failing.sort();
    failing.dedup();
    if !out.status.success() {
        if failing.is_empty() {
            return Err(format!("cargo check failed: {stderr}").into());
        }
        let keep = root.keep();
        eprintln!("{stderr}\nthe batch is kept in {}", keep.display());
    }
    eprintln!(
        "cargo check of {} crates and {operation_crates} operations crates: {:.1?}",
        batch.len(),
        start.elapsed()
    );
    Ok((batch.len(), failing))
}

/// Runs every saved fixture page alone through the pipeline; returns the failures.
pub fn replay(dir: &Path) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    install_panic_hook();
    let (files, _) = graphgen_write::load_docs(dir)?;
    let mut failures = Vec::new();
    for f in &files {
        if let Err(finding) = run_pipeline(std::slice::from_ref(f), "fuzz") {
            failures.push(format!("{}: {finding}", f.path));
        }
    }
    println!(
        "replayed {} fixture(s): {} failing",
        files.len(),
        failures.len()
    );
    Ok(failures)
}
