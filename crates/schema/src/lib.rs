//! Schema stage: page models -> one intermediate representation ([`Schema`]).
//!
//! Pages are merged into qualified types with kinds, bases, properties and enum members; every
//! fact keeps its [`Source`]. Disagreements between pages become diagnostics with both locations.
//! Types without a property table are shaped from the example bodies. No Rust knowledge here.

mod alternatives;
mod areas;
mod bases;
mod build;
mod cycles;
mod descriptions;
mod enums;
mod infer;
pub mod ir;
mod kinds;
mod legacy;
mod merge;
mod methods;
mod names;
pub mod operations;
mod properties;
mod subject;
pub mod types;
mod unread;
mod validate;

pub use areas::slug as area_slug;
pub use build::{build, Built, DEFAULT_NAMESPACE};
pub use graphgen_parse::page_stem;
pub use infer::placeholder_type;
pub use ir::*;
pub use operations::{operation_counts, Operation, OperationKind};

/// The IR as YAML (`generated/schema.yaml`).
pub fn to_yaml(schema: &Schema) -> String {
    serde_yaml::to_string(schema).expect("the schema serializes to YAML")
}

/// The IR as pretty JSON (`cargo xtask schema --format json`).
pub fn to_json(schema: &Schema) -> String {
    serde_json::to_string_pretty(schema).expect("the schema serializes to JSON")
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod inheritance_tests;

#[cfg(test)]
mod description_tests;

#[cfg(test)]
mod phantom_tests;

#[cfg(test)]
mod evidence_tests;

/// Pages for the tests: inline text, or a file of `src/fixtures` (real lines copied from the 2021
/// snapshot; its README says from where).
#[cfg(test)]
mod test_pages {
    use graphgen_parse::{parse_page, Page};
    use std::sync::Arc;

    pub(crate) fn page(path: &str, text: &str) -> Page {
        parse_page(Arc::from(path), text).page
    }

    pub(crate) fn fixture(name: &str, path: &str) -> Page {
        let file = format!("{}/src/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        page(path, &std::fs::read_to_string(file).expect("fixture"))
    }
}
