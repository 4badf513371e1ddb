//! Writes the payload conformance crate for one corpus version:
//!
//! ```text
//! cargo run -p graphgen-tests --bin conformance-crate -- DOCS_VERSION_DIR PAYLOADS_DIR MODELS_CRATE OUT_DIR
//! ```
//!
//! `.ci/corpus` runs it after generating each corpus crate, then runs `cargo test` in OUT_DIR.

use graphgen_tests::payloads;
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [docs, payload_dir, models, out] = args.as_slice() else {
        eprintln!("usage: conformance-crate DOCS_VERSION_DIR PAYLOADS_DIR MODELS_CRATE OUT_DIR");
        std::process::exit(2);
    };
    let docs = Path::new(docs);
    let version = docs
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_owned();
    let (files, _) = match graphgen_write::load_docs(docs) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    let schema = graphgen_pipeline::analyze(&files).schema;
    let rows = match payloads::manifest(Path::new(payload_dir)) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    let models = std::fs::canonicalize(models).unwrap_or_else(|e| {
        eprintln!("error: {models}: {e}");
        std::process::exit(1);
    });
    let payload_dir = std::fs::canonicalize(payload_dir).expect("payload folder");
    for (path, text) in payloads::conformance_crate(&schema, &rows, &payload_dir, &version, &models)
    {
        let target = Path::new(out).join(path);
        std::fs::create_dir_all(target.parent().expect("has a parent")).expect("create folder");
        std::fs::write(&target, text).expect("write");
    }
    println!("wrote {out} ({version})");
}
