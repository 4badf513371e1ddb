//! The whole Graph reference snapshot (../shared/graph-docs-2021): every page is processed, no
//! input makes the generator panic, and every run produces models and tests. Skipped, with a
//! message, when the snapshot is not beside the repository.

use graphgen_emit::EmitOptions;
use graphgen_tests::corpus;
use std::path::Path;

fn count_md(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| {
            let p = e.path();
            if p.is_dir() {
                count_md(&p)
            } else {
                usize::from(p.extension().is_some_and(|x| x == "md"))
            }
        })
        .sum()
}

#[test]
fn whole_corpus_is_processed_without_panics() {
    let Some(root) = corpus() else {
        eprintln!("skipped: ../shared/graph-docs-2021 is absent; the corpus test needs it");
        return;
    };
    let mut pages = 0;
    for version in ["v1.0", "beta"] {
        let dir = root.join(version);
        let (files, read_diagnostics) = graphgen_write::load_docs(&dir).expect("corpus folder");
        assert!(read_diagnostics.is_empty(), "{read_diagnostics:?}");
        let generated = std::panic::catch_unwind(|| {
            graphgen_pipeline::generate(&files, &EmitOptions::default())
        })
        .unwrap_or_else(|_| panic!("the generator panicked on {version}"));
        let analysis = &generated.analysis;
        assert_eq!(
            analysis.pages.len(),
            count_md(&dir),
            "every page of {version} is processed"
        );
        let stats = analysis.schema.stats();
        eprintln!("{version}:\n{}", graphgen_pipeline::summary(analysis));
        assert!(
            stats.example_tests > 1000,
            "{version}: {} round-trip tests",
            stats.example_tests
        );
        assert!(analysis.schema.types.len() > 1000);
        // A name ending in `.` or with an empty part (`"baseType": ""`, `Namespace:
        // microsoft.graph.`) is never a type.
        for name in analysis.schema.types.keys() {
            assert!(
                !name.ends_with('.') && !name.contains(".."),
                "{version}: type `{name}`"
            );
        }
        assert!(
            generated
                .files
                .iter()
                .any(|f| f.path == "src/graph/call_records.rs"),
            "{version}: sub-namespace module"
        );
        pages += analysis.pages.len();
    }
    assert_eq!(pages, 11_289, "the snapshot has 11,289 pages");
}
