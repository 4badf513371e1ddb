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
