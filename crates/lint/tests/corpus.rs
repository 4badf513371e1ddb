//! Every check over the whole Graph reference snapshot (../shared/graph-docs-2021), when it is
//! beside the repository: no panic, and the counts by code (printed, never asserted exactly).
//! Set `GRAPHGEN_LINT_DUMP=<file>` to write every diagnostic, rendered, to a file.

use graphgen_diag::{render_human, Code, Diagnostic};
use graphgen_parse::Page;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/graph-docs-2021"
    ));
    dir.is_dir().then(|| dir.to_owned())
}

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "md") {
            out.push(path);
        }
    }
}

/// Decodes and parses every page of `dir` on all cores; paths are relative to `dir`.
fn load(dir: &Path) -> (Vec<Page>, BTreeMap<Arc<str>, String>) {
    let mut files = Vec::new();
    markdown_files(dir, &mut files);
    let threads = std::thread::available_parallelism().map_or(4, |n| n.get());
    let chunk = files.len().div_ceil(threads).max(1);
    let parsed: Vec<(Page, String)> = std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|file| {
                            let rel = file.strip_prefix(dir).unwrap().to_string_lossy();
                            let path: Arc<str> = rel.replace('\\', "/").into();
                            let bytes = std::fs::read(file).unwrap();
                            let decoded = graphgen_parse::decode(&path, &bytes);
                            let page = graphgen_parse::parse_page(path, &decoded.text).page;
                            (page, decoded.text)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    let mut pages = Vec::with_capacity(parsed.len());
    let mut sources = BTreeMap::new();
    for (page, text) in parsed {
        sources.insert(page.path.clone(), text);
        pages.push(page);
    }
    (pages, sources)
}

#[test]
fn whole_corpus_is_checked_without_panics() {
    let Some(root) = corpus() else {
        eprintln!("skipped: ../shared/graph-docs-2021 is absent");
        return;
    };
    let mut dump = String::new();
    for version in ["v1.0", "beta"] {
        let (pages, sources) = load(&root.join(version));
        let schema = graphgen_schema::build(&pages).schema;
        let start = Instant::now();
        let diagnostics: Vec<Diagnostic> = graphgen_lint::check(&pages, &schema, &sources);
        let elapsed = start.elapsed();
        let mut counts: BTreeMap<Code, usize> = BTreeMap::new();
        for d in &diagnostics {
            *counts.entry(d.code).or_default() += 1;
        }
        eprintln!(
            "{version}: {} pages checked in {elapsed:.2?}, {} diagnostics",
            pages.len(),
            diagnostics.len()
        );
        for (code, count) in &counts {
            eprintln!("  {code} {count:>6}  {}", code.summary());
        }
        if std::env::var_os("GRAPHGEN_LINT_DUMP").is_some() {
            for d in &diagnostics {
                dump.push_str(&format!("[{version}] "));
                dump.push_str(&render_human(d, &sources, false));
                dump.push('\n');
            }
        }
    }
    if let Some(file) = std::env::var_os("GRAPHGEN_LINT_DUMP") {
        std::fs::write(file, dump).unwrap();
    }
}
