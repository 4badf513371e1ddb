//! Runtime support shared by every generated Microsoft Graph model crate.
//!
//! Every generated crate depends on this crate (`graphgen-runtime` in its
//! `Cargo.toml`) and re-exports it as `pub use ::graphgen_runtime as runtime;`,
//! so generated code names it `crate::runtime::...` and users
//! `graph_models::runtime::...`. One crate for all of them: the v1.0 and beta
//! model crates share one `Nullable`, one `ODataCollection`, ..., and it is
//! compiled once. It depends only on `std`, `serde`, `serde_json` and
//! `erased-serde` (which reads and writes a field behind a `dyn Property`).
//!
//! Contents:
//!
//! * [`Nullable`]: the tri-state (absent / `null` / value) used for every
//!   property of a generated struct.
//! * Wire-exact primitive newtypes: [`DateTimeOffset`], [`Date`],
//!   [`TimeOfDay`], [`Duration`], [`Guid`], [`Binary`] (all keep the exact
//!   JSON string) and [`Decimal`] (keeps the JSON number).
//! * [`Flags`]: a flags enum value travelling as comma-separated member names.
//! * [`Double`] (and [`Single`]): floating-point numbers that keep their JSON
//!   text, so `100` is written back as `100`.
//! * [`ODataValue`]: the envelope of a single primitive or enum value;
//!   [`ODataReference`]: an `@odata.id` reference, the body of `$ref` requests.
//! * [`ODataCollection`]: the envelope of collection responses (pages with
//!   `@odata.nextLink`, `@odata.deltaLink`, `@odata.count`).
//! * [`ODataError`]: the body of an error response, with its `innerError`.
//! * [`OpenType`]: the catch-all map for unknown properties and annotations.
//! * [`from_str`] / [`from_slice`] / [`from_value`]: parsing whose errors
//!   name the JSON path (`value[1].jobTitle: invalid type ...`).
//! * [`Operation`]: what a generated request descriptor (the crate's
//!   `operations` module) implements: method, URL template, path with
//!   percent-encoded parameters ([`push_encoded`], [`build_path`]), request and response types.
//! * [`Body`]: how those types go on the wire: JSON for every serde type, and
//!   the media bodies [`Media`] (bytes and their `Content-Type`), [`Count`]
//!   (the `text/plain` number of `$count`) and [`JsonOrMedia`].
//! * [`testing`]: round-trip assertions for tests of generated models.
//! * [`Model`] with [`deserialize_model`] / [`serialize_model`] /
//!   [`debug_model`] / [`model_eq`]: the serde, `Debug` and `PartialEq` code
//!   of every generated struct, written once, whose own impl is a table of
//!   its fields as type-erased [`Property`] objects;
//!   [`StringEnum`] ([`enum_from_str`], [`deserialize_enum`]) the same for
//!   enums, and [`deserialize_union`] / [`serialize_tagged`] for `AnyX`
//!   unions.
//!
//! A generated property looks like this (read and written by the struct's
//! [`Model`] impl under its wire name `displayName`):
//!
//! ```text
//! pub display_name: crate::runtime::Nullable<String>,
//! ```

use std::convert::Infallible;
use std::fmt;
use std::str::FromStr;

use serde::de::{Deserialize, Deserializer};
use serde::ser::{Serialize, Serializer};

/// The catch-all type for unknown properties and instance annotations.
///
/// Generated structs end with
///
/// ```text
/// pub additional: crate::runtime::OpenType,
/// ```
///
/// which their [`Model`] impl fills with every key no field has (as a
/// `#[serde(flatten)]` map would), so that properties the documentation does not describe (including
/// instance annotations such as `"@odata.type"` or
/// `"@microsoft.graph.downloadUrl"`) survive a deserialize / serialize round
/// trip unchanged.
pub type OpenType = serde_json::Map<String, serde_json::Value>;

mod body;
mod flags;
mod model;
mod nullable;
mod numbers;
mod odata;
mod operation;
mod parse;
mod primitives;
pub mod testing;

pub use body::*;
pub use flags::*;
pub use model::*;
pub use nullable::*;
pub use numbers::*;
pub use odata::*;
pub use operation::*;
pub use parse::*;
pub use primitives::*;
