//! The payload conformance set (../shared/graph-payloads, skipped with a message when absent):
//! every row names a type the models of its version have (or is an expected failure with a
//! reason), and the typed-field share of each version is printed. The round trips themselves
//! run in the conformance crates that `.ci/corpus` writes with the `conformance-crate` binary
//! next to the generated corpus crates, so the big crates are compiled once.

use graphgen_tests::payloads::{self, Share, EXPECTED_FAILURES};

#[test]
fn every_payload_row_has_a_type_and_the_typed_share_is_reported() {
    let (Some(dir), Some(corpus)) = (payloads::payloads(), graphgen_tests::corpus()) else {
        eprintln!("skipped: ../shared/graph-payloads or ../shared/graph-docs-2021 is absent; the conformance test needs both");
        return;
    };
    let rows = payloads::manifest(&dir).expect("manifest.tsv");
    assert!(!rows.is_empty(), "manifest.tsv has no rows");
    for (version, file, why) in EXPECTED_FAILURES {
        assert!(
            rows.iter()
                .any(|r| &r.version == version && &r.file == file),
            "expected failure {version} {file} ({why}) is not a manifest row"
        );
    }
    let mut missing = Vec::new();
    for version in ["v1.0", "beta"] {
        let (files, _) = graphgen_write::load_docs(&corpus.join(version)).expect("corpus folder");
        let schema = graphgen_pipeline::analyze(&files).schema;
        let types = graphgen_emit::RustTypes::new(&schema);
        let mut share = Share::default();
        let mut count = 0;
        for row in rows.iter().filter(|r| r.version == version) {
            count += 1;
            let text = std::fs::read_to_string(dir.join("payloads").join(&row.file))
                .unwrap_or_else(|e| panic!("{}: {e}", row.file));
            let body: serde_json::Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", row.file));
            share.add(payloads::typed_share(
                &schema,
                &row.ty,
                row.collection,
                &body,
            ));
            let listed = EXPECTED_FAILURES
                .iter()
                .any(|(v, f, _)| *v == version && *f == row.file);
            if payloads::row_type(&types, row).is_none() && !listed {
                missing.push(format!("{version} {} ({})", row.file, row.ty));
            }
        }
        println!(
            "payloads {version}: {count} rows; typed-field share {}/{} = {:.1}%",
            share.typed,
            share.total,
            share.percent()
        );
    }
    assert!(
        missing.is_empty(),
        "rows whose type the models lack: {missing:?}"
    );
}
