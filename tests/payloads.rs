//! The payload conformance set (`../shared/graph-payloads`): real Graph bodies from other
//! clients, each with its type. This module reads the manifest, measures how much of each body
//! lands in typed fields, and writes the conformance crate that round-trips every body through
//! the models generated from the docs (run by `.ci/corpus` next to the corpus crates).

use graphgen_schema::{Schema, TypeKind};
use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The label the manifest uses for an OData error body (`{"error": {...}}`), which is not a
/// documented Graph type; it is read into the runtime's `ODataError`.
pub const ODATA_ERROR: &str = "microsoft.graph.odataError";

/// Rows that cannot pass for a reason outside the generator, with the reason. Kept short; the
/// conformance test fails when one of them starts passing, so the list stays true.
/// (version, file, reason).
pub const EXPECTED_FAILURES: &[(&str, &str, &str)] = &[
    (
        "v1.0",
        "007-driveItem.json",
        "the payload (a hand-assembled fixture) gives `permissions` as one object; the docs make it a collection of permission",
    ),
];

/// One row of `manifest.tsv`.
#[derive(Debug, Clone)]
pub struct Row {
    pub file: String,
    pub ty: String,
    pub collection: bool,
    pub version: String,
    pub note: String,
}

/// The payload folder beside the repository, when present.
pub fn payloads() -> Option<PathBuf> {
    let dir = crate::root().join("../shared/graph-payloads");
    dir.join("manifest.tsv").is_file().then_some(dir)
}

/// Reads `manifest.tsv` (one header line, tab-separated).
pub fn manifest(dir: &Path) -> Result<Vec<Row>, String> {
    let text = std::fs::read_to_string(dir.join("manifest.tsv")).map_err(|e| e.to_string())?;
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() < 4 {
            return Err(format!(
                "manifest.tsv:{}: expected at least 4 columns, found {}",
                i + 1,
                cells.len()
            ));
        }
        let collection = match cells[2] {
            "yes" => true,
            "no" => false,
            other => return Err(format!("manifest.tsv:{}: collection is `{other}`", i + 1)),
        };
        rows.push(Row {
            file: cells[0].to_owned(),
            ty: cells[1].to_owned(),
            collection,
            version: cells[3].to_owned(),
            note: cells.get(8).copied().unwrap_or("").to_owned(),
        });
    }
    Ok(rows)
}

/// Properties of a body that land in typed fields, and all properties (instance annotations
/// such as `@odata.etag` are not counted: they belong in the catch-all by design).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    pub typed: usize,
    pub total: usize,
}

impl Share {
    pub fn add(&mut self, other: Share) {
        self.typed += other.typed;
        self.total += other.total;
    }

    pub fn percent(&self) -> f64 {
        if self.total == 0 {
            100.0
        } else {
            // Counts are far below 2^52.
            #[allow(clippy::cast_precision_loss)]
            let p = self.typed as f64 * 100.0 / self.total as f64;
            p
        }
    }
}

/// How much of `body` (a value of `ty`, or a page of it) lands in typed fields of the models:
/// the same walk the generated deserializers do. A member is typed when the object's type (its
/// `@odata.type` when that names a type derived from the expected one) has a property of that
/// wire name; typed structured values are walked further; an untyped member counts once, whatever
/// it holds.
pub fn typed_share(schema: &Schema, ty: &str, collection: bool, body: &Value) -> Share {
    let mut share = Share::default();
    if ty == ODATA_ERROR {
        walk_error(body, &mut share);
        return share;
    }
    match (collection, body) {
        (true, Value::Object(page)) => {
            for (k, v) in page {
                if k.contains('@') {
                    continue;
                }
                share.total += 1;
                if k == "value" {
                    share.typed += 1;
                    walk(schema, ty, v, &mut share);
                }
            }
        }
        _ => walk(schema, ty, body, &mut share),
    }
    share
}

fn walk(schema: &Schema, ty: &str, value: &Value, share: &mut Share) {
    match value {
        Value::Array(items) => {
            for item in items {
                walk(schema, ty, item, share);
            }
        }
        Value::Object(members) => {
            let ty = effective_type(schema, ty, value);
            let props = schema.all_properties(&ty);
            for (k, v) in members {
                if k.contains('@') {
                    continue;
                }
                share.total += 1;
                if let Some((_, p)) = props.iter().find(|(_, p)| &p.name == k) {
                    share.typed += 1;
                    let structured = schema
                        .types
                        .get(&p.ty.name)
                        .is_some_and(|t| t.kind != TypeKind::Enum);
                    if structured {
                        walk(schema, &p.ty.name, v, share);
                    }
                }
            }
        }
        _ => {}
    }
}

/// The type an object is read as: a type derived from `ty` named by its `@odata.type`, else `ty`.
fn effective_type(schema: &Schema, ty: &str, value: &Value) -> String {
    let named = value
        .get("@odata.type")
        .and_then(Value::as_str)
        .map(|t| t.trim_start_matches('#').to_ascii_lowercase());
    if let Some(named) = named {
        for d in schema.descendants(ty) {
            if d.name.to_ascii_lowercase() == named {
                return d.name.clone();
            }
        }
    }
    ty.to_owned()
}

/// The error envelope's typed members: `error` {code, message, target, details, innerError}.
fn walk_error(body: &Value, share: &mut Share) {
    const MAIN: &[&str] = &["code", "message", "target", "details", "innerError"];
    const INNER: &[&str] = &[
        "date",
        "request-id",
        "client-request-id",
        "code",
        "innerError",
    ];
    fn members(v: &Value, known: &[&str], share: &mut Share) {
        if let Value::Object(m) = v {
            for (k, v) in m {
                if k.contains('@') {
                    continue;
                }
                share.total += 1;
                if known.contains(&k.as_str()) {
                    share.typed += 1;
                    match k.as_str() {
                        "innerError" => members(v, INNER, share),
                        "details" => {
                            for d in v.as_array().into_iter().flatten() {
                                members(d, &["code", "message", "target"], share);
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    members(body, &["error"], share);
    if let Some(e) = body.get("error") {
        members(e, MAIN, share);
    }
}

/// The Rust type a row is read into, with paths from `::graph_models`, or `None` when the models
/// have no such type.
pub fn row_type(types: &graphgen_emit::RustTypes<'_>, row: &Row) -> Option<String> {
    let element = if row.ty == ODATA_ERROR {
        "::graph_models::runtime::ODataError".to_owned()
    } else {
        types.type_of(&row.ty, "::graph_models")?
    };
    Some(if row.collection {
        format!("::graph_models::runtime::ODataCollection<{element}>")
    } else {
        element
    })
}

/// The conformance crate for one version: `Cargo.toml` and `tests/conformance.rs`, which
/// round-trips every row of that version through the generated crate at `models` and compares
/// the JSON exactly (numbers included: `100` must come back as `100`, not `100.0`).
pub fn conformance_crate(
    schema: &Schema,
    rows: &[Row],
    payload_dir: &Path,
    version: &str,
    models: &Path,
) -> Vec<(String, String)> {
    let types = graphgen_emit::RustTypes::new(schema);
    let mut table = String::new();
    let mut share = Share::default();
    for row in rows.iter().filter(|r| r.version == version) {
        let body = std::fs::read_to_string(payload_dir.join("payloads").join(&row.file))
            .ok()
            .and_then(|t| serde_json::from_str::<Value>(&t).ok());
        if let Some(body) = &body {
            share.add(typed_share(schema, &row.ty, row.collection, body));
        }
        let check = match row_type(&types, row) {
            Some(ty) => format!("Some(check::<{ty}>)"),
            None => "None".to_owned(),
        };
        let _ = writeln!(
            table,
            "    ({:?}, {:?}, {}, {check}),",
            row.file, row.ty, row.collection
        );
    }
    let expected: String = EXPECTED_FAILURES
        .iter()
        .filter(|(v, _, _)| *v == version)
        .map(|(_, f, why)| format!("    ({f:?}, {why:?}),\n"))
        .collect();
    let cargo = format!(
        "# Written by `cargo run -p graphgen-tests --bin conformance-crate`.\n\
         [package]\nname = \"graph-models-conformance\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dev-dependencies]\ngraph-models = {{ path = {:?} }}\nserde = \"1\"\nserde_json = \"1\"\n\n[workspace]\n",
        models.display().to_string()
    );
    let test = CONFORMANCE_TEMPLATE
        .replace("@VERSION@", version)
        .replace(
            "@PAYLOADS@",
            &format!("{:?}", payload_dir.join("payloads").display().to_string()),
        )
        .replace("@ROWS@", &table)
        .replace("@EXPECTED@", &expected)
        .replace("@TYPED@", &share.typed.to_string())
        .replace("@TOTAL@", &share.total.to_string())
        .replace("@READ@", READ);
    vec![
        ("Cargo.toml".to_owned(), cargo),
        ("tests/conformance.rs".to_owned(), test),
    ]
}

const READ: &str = "fn read<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, String> {\n    graph_models::runtime::from_str(json).map_err(|e| e.to_string())\n}";

const CONFORMANCE_TEMPLATE: &str = include_str!("conformance_template.rs.txt");
