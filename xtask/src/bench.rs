//! `cargo xtask bench`: a bare pulldown-cmark pass against the full codegen on the same pages.

use super::*;

fn fastest<T>(runs: usize, mut f: impl FnMut() -> T) -> (std::time::Duration, T) {
    let mut best: Option<(std::time::Duration, T)> = None;
    for _ in 0..runs.max(1) {
        let start = std::time::Instant::now();
        let out = f();
        let elapsed = start.elapsed();
        if best.as_ref().is_none_or(|(b, _)| elapsed < *b) {
            best = Some((elapsed, out));
        }
    }
    best.expect("at least one run")
}

pub(crate) fn bench(docs: Vec<PathBuf>, runs: usize) -> Result<ExitCode> {
    let docs = if docs.is_empty() {
        let corpus = workspace_root().join("../shared/graph-docs-2021");
        vec![corpus.join("v1.0"), corpus.join("beta")]
    } else {
        docs
    };
    let mut sets = Vec::new();
    for d in &docs {
        sets.push(graphgen_write::load_docs(d)?.0);
    }
    let pages: usize = sets.iter().map(Vec::len).sum();
    let bytes: usize = sets.iter().flatten().map(|f| f.bytes.len()).sum();
    println!(
        "pages: {pages} ({:.1} MB) in {}",
        bytes as f64 / 1e6,
        docs.iter()
            .map(|d| d.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let (bare, events) = fastest(runs, || {
        sets.iter()
            .map(|s| graphgen_pipeline::bare_markdown_pass(s))
            .sum::<usize>()
    });
    println!("bare pulldown-cmark pass (1 thread): {bare:.2?} ({events} events)");
    let options = EmitOptions::default();
    let (full, generated) = fastest(runs, || {
        sets.iter()
            .map(|s| graphgen_pipeline::generate(s, &options))
            .collect::<Vec<_>>()
    });
    let lines: usize = generated
        .iter()
        .flat_map(|g| &g.files)
        .map(|f| f.contents.lines().count())
        .sum();
    println!("full codegen (parse + schema + emit, in memory, {} threads): {full:.2?} ({lines} lines generated)", rayon_threads());
    for (d, g) in docs.iter().zip(&generated) {
        let t = &g.analysis.timings;
        println!(
            "  {}: parse {:.2?}, schema {:.2?}, emit {:.2?}, schema.yaml {:.2?}",
            d.display(),
            t.parse,
            t.schema,
            t.emit,
            t.export
        );
    }
    println!(
        "ratio full / bare: {:.1}",
        full.as_secs_f64() / bare.as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

fn rayon_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
