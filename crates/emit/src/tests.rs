//! Snapshots of the code generated from the seed pages.

use super::*;
use graphgen_parse::{decode, parse_page};
use std::sync::Arc;

fn seed_schema() -> Schema {
    let dir = format!("{}/../../docs-input/beta/api", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    let pages: Vec<_> = names
        .into_iter()
        .map(|n| {
            let rel: Arc<str> = Arc::from(format!("beta/api/{}", n.to_string_lossy()));
            let bytes = std::fs::read(format!("{dir}/{}", n.to_string_lossy())).unwrap();
            parse_page(rel.clone(), &decode(&rel, &bytes).text).page
        })
        .collect();
    graphgen_schema::build(&pages).schema
}

fn file<'a>(files: &'a [GeneratedFile], path: &str) -> &'a str {
    &files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("{path} not emitted"))
        .contents
}

#[test]
fn snapshot_seed_models() {
    let emitted = emit(&seed_schema(), &EmitOptions::default());
    // The namespace module and its area submodules, in path order.
    let models: Vec<String> = emitted
        .files
        .iter()
        .filter(|f| f.path == "src/graph.rs" || f.path.starts_with("src/graph/"))
        .map(|f| format!("// ---- {}\n{}", f.path, f.contents))
        .collect();
    insta::assert_snapshot!(models.join("\n"));
}

/// The descriptors are a crate of their own in `operations/`, which names the models crate and
/// the runtime from outside; docs without API pages have none.
#[test]
fn operations_crate_beside_the_models_and_none_without_api_pages() {
    let emitted = emit(&seed_schema(), &EmitOptions::default());
    let toml = file(&emitted.files, "operations/Cargo.toml");
    assert!(
        toml.contains("name = \"graph-models-operations\""),
        "{toml}"
    );
    assert!(
        toml.contains(
            "graph-models = { path = \"..\", version = \"0.1.0\", default-features = false }"
        ),
        "{toml}"
    );
    assert!(
        toml.contains(
            "graphgen-runtime = { path = \"../../crates/runtime\", version = \"0.1.0\" }"
        ),
        "{toml}"
    );
    assert!(
        toml.contains("people = [\"graph-models/people\"]"),
        "{toml}"
    );
    assert!(file(&emitted.files, "operations/tests/round_trip.rs").contains("0 tests"));
    let models = file(&emitted.files, "Cargo.toml");
    assert!(!models.contains("operations"), "{models}");
    assert!(emitted.files.iter().all(|f| f.path != "src/operations.rs"));
    // Standalone: one workspace, so the models are compiled once for both crates.
    let standalone = emit(
        &seed_schema(),
        &EmitOptions {
            standalone: true,
            runtime: crate::RuntimeDependency {
                path: Some("/abs/runtime".into()),
                version: "0.1.0".into(),
            },
            ..EmitOptions::default()
        },
    );
    assert!(file(&standalone.files, "Cargo.toml")
        .ends_with("\n[workspace]\nmembers = [\"operations\"]\n"));
    assert!(file(&standalone.files, "operations/Cargo.toml")
        .contains("graphgen-runtime = { path = \"/abs/runtime\", version = \"0.1.0\" }"));
    let no_api = graphgen_schema::Schema {
        operations: Vec::new(),
        ..seed_schema()
    };
    let emitted = emit(&no_api, &EmitOptions::default());
    assert!(
        emitted
            .files
            .iter()
            .all(|f| !f.path.starts_with("operations/")),
        "{:?}",
        emitted.files.iter().map(|f| &f.path).collect::<Vec<_>>()
    );
}

#[test]
fn snapshot_seed_operations() {
    let emitted = emit(&seed_schema(), &EmitOptions::default());
    insta::assert_snapshot!(file(&emitted.files, "operations/src/lib.rs"));
}

#[test]
fn operation_variants_are_named_by_the_words_templates_do_not_share() {
    use graphgen_schema::operations::Template;
    let t = |path: &str| Template {
        method: "GET".into(),
        path: path.into(),
        query: None,
        params: Vec::new(),
        function: None,
        suffix: None,
        pieces: Vec::new(),
        source: graphgen_schema::Source::new(&std::sync::Arc::from("a.md"), 1),
    };
    let templates = [
        t("/me/events/{id}"),
        t("/users/{id}/events/{id}"),
        t("/users/{id}/calendar/events/{id}"),
        t("/users/{userPrincipalName}/events/{id}"),
        t("/events/{id}"),
        t("/me/reminderView(start={s})/$value"),
    ];
    let refs: Vec<&Template> = templates.iter().collect();
    assert_eq!(
        operations::variant_names(&refs),
        [
            "MeEvents",
            "UsersEvents",
            "UsersCalendarEvents",
            "UsersEvents2",
            "Events",
            "MeReminderViewValue"
        ]
    );
    assert_eq!(
        operations::variant_names(&refs[..4]),
        ["Me", "Users", "UsersCalendar", "Users2"]
    );
    assert_eq!(
        operations::variant_names(&refs[..5]).last().unwrap(),
        "Template"
    );
}

#[test]
fn snapshot_seed_round_trip_tests() {
    let emitted = emit(&seed_schema(), &EmitOptions::default());
    insta::assert_snapshot!(file(&emitted.files, "tests/round_trip.rs"));
}

#[test]
fn every_rust_file_parses_and_starts_with_the_header() {
    let emitted = emit(&seed_schema(), &EmitOptions::default());
    for f in emitted.files.iter().filter(|f| f.path.ends_with(".rs")) {
        assert!(f.contents.starts_with(HEADER), "{}", f.path);
        syn::parse_file(&f.contents).unwrap_or_else(|e| panic!("{}: {e}", f.path));
    }
}

#[test]
fn emit_is_deterministic() {
    let schema = seed_schema();
    assert_eq!(
        emit(&schema, &EmitOptions::default()).files,
        emit(&schema, &EmitOptions::default()).files
    );
}

#[test]
fn namespaces_become_nested_modules() {
    assert_eq!(module_path("microsoft.graph"), ["graph"]);
    assert_eq!(
        module_path("microsoft.graph.callRecords"),
        ["graph", "call_records"]
    );
    assert_eq!(
        module_path("microsoft.graph.externalConnectors"),
        ["graph", "external_connectors"]
    );
}

#[test]
fn standalone_crate_has_its_own_workspace() {
    let emitted = emit(
        &seed_schema(),
        &EmitOptions {
            standalone: true,
            ..EmitOptions::default()
        },
    );
    assert!(file(&emitted.files, "Cargo.toml").contains("\n[workspace]\n"));
}

#[test]
fn generated_crate_depends_on_the_runtime_crate_and_holds_no_copy_of_it() {
    let emitted = emit(&seed_schema(), &EmitOptions::default());
    assert!(
        file(&emitted.files, "Cargo.toml").contains(
            "\ngraphgen-runtime = { path = \"../crates/runtime\", version = \"0.1.0\" }\n"
        ),
        "{}",
        file(&emitted.files, "Cargo.toml")
    );
    assert!(emitted.files.iter().all(|f| f.path != "src/runtime.rs"));
    assert!(file(&emitted.files, "src/lib.rs").contains("pub use ::graphgen_runtime as runtime;"));
}

#[test]
fn runtime_dependency_by_version_alone_or_by_an_escaped_path() {
    let cargo = |path: Option<&str>| {
        let options = EmitOptions {
            runtime: RuntimeDependency {
                path: path.map(str::to_owned),
                version: "0.1.0".to_owned(),
            },
            ..EmitOptions::default()
        };
        file(&emit(&seed_schema(), &options).files, "Cargo.toml").to_owned()
    };
    assert!(cargo(None).contains("\ngraphgen-runtime = \"0.1.0\"\n"));
    assert!(cargo(Some(r#"/tmp/a "b"\c"#))
        .contains(r#"graphgen-runtime = { path = "/tmp/a \"b\"\\c", version = "0.1.0" }"#));
}

#[test]
fn runtime_version_is_the_runtime_crates_version() {
    let manifest = include_str!("../../runtime/Cargo.toml");
    assert!(
        manifest
            .lines()
            .any(|l| l == format!("version = \"{RUNTIME_VERSION}\"")),
        "crates/runtime/Cargo.toml is not version {RUNTIME_VERSION}"
    );
}

#[test]
fn namespace_microsoft_runtime_or_lib_does_not_collide_with_runtime_rs_or_lib_rs() {
    assert_eq!(module_path("microsoft.runtime"), ["runtime_ns"]);
    assert_eq!(module_path("microsoft.lib"), ["lib_ns"]);
    assert_eq!(module_path("microsoft.main"), ["main_ns"]);
    assert_eq!(module_path("microsoft.bin.x"), ["bin_ns", "x"]);
    assert_eq!(module_path("microsoft.graph.runtime"), ["graph", "runtime"]);
}

#[test]
fn namespace_segment_over_255_bytes_gets_a_shortened_unique_module_name() {
    let long = "segment".repeat(40);
    let a = module_path(&format!("microsoft.graph.{long}a"));
    let b = module_path(&format!("microsoft.graph.{long}b"));
    assert_eq!(a.len(), 2);
    assert_eq!(a[1].len(), MAX_MODULE_NAME);
    assert_ne!(a, b, "unique");
    assert_eq!(
        a,
        module_path(&format!("microsoft.graph.{long}a")),
        "stable"
    );
}

#[test]
fn lone_cr_between_json_tokens_of_an_example_body_is_an_escaped_literal() {
    let lit = round_trip::raw_literal("{\r\"a\": 1}").to_string();
    assert_eq!(lit, "\"{\\r\\\"a\\\": 1}\"");
    assert!(round_trip::raw_literal("{\"a\": 1}")
        .to_string()
        .starts_with("r#\""));
}

#[test]
fn cr_and_nul_never_reach_a_doc_comment() {
    let tokens = quote::quote! {
        #[doc = " a\rb\0c"]
        pub struct X;
    };
    let text = format::format_file(tokens, "test");
    assert!(text.contains("/// a b\u{FFFD}c"), "{text}");
    assert!(!text.contains(['\r', '\0']));
}

#[test]
fn type_doc_shows_the_page_lead_paragraph_by_paragraph_before_the_type_line() {
    let pages = [
        parse_page(
            Arc::from("resources/gadget.md"),
            "# gadget resource type\n\nNamespace: microsoft.graph\n\nA part.\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|name|String|Its name.|\n",
        )
        .page,
        parse_page(
            Arc::from("resources/widget.md"),
            "# widget resource type\n\nNamespace: microsoft.graph\n\nHolds a [gadget](gadget.md); ends */ here.\n\n> **Note:** not this.\n\nSecond **paragraph**.\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|part|[gadget](gadget.md)|The part.|\n",
        )
        .page,
    ];
    let emitted = emit(
        &graphgen_schema::build(&pages).schema,
        &EmitOptions::default(),
    );
    let graph = file(&emitted.files, "src/graph.rs");
    let expected = "/// Holds a [gadget](crate::graph::Gadget); ends \\*/ here.\n///\n/// Second **paragraph**.\n///\n/// `microsoft.graph.widget` (complex type).\n";
    assert!(graph.contains(expected), "{graph}");
    assert!(!graph.contains("not this"));
}

/// A page of `crates/schema/src/fixtures` (real lines copied from the 2021 snapshot), at `path`.
fn schema_fixture(name: &str, path: &str) -> graphgen_parse::Page {
    let file = format!(
        "{}/../schema/src/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(file).expect("fixture");
    parse_page(Arc::from(path), &text).page
}

#[test]
fn deprecated_marker_becomes_a_doc_note_on_the_field_and_the_struct() {
    // beta plannerplan.md:38 `|owner (deprecated)|String|...`; beta outlooktask.md:10
    // `# outlookTask resource type (deprecated)`.
    let pages = [
        schema_fixture(
            "plannerplan-deprecated-owner.md",
            "beta/resources/plannerplan.md",
        ),
        schema_fixture(
            "outlooktask-deprecated-title.md",
            "beta/resources/outlooktask.md",
        ),
    ];
    let schema = graphgen_schema::build(&pages).schema;
    let owner = schema.types["microsoft.graph.plannerPlan"]
        .property("owner")
        .and_then(|p| p.deprecated.clone())
        .expect("owner is deprecated");
    let task = schema.types["microsoft.graph.outlookTask"]
        .deprecated
        .clone()
        .expect("outlookTask is deprecated");
    let emitted = emit(&schema, &EmitOptions::default());
    let graph: String = emitted
        .files
        .iter()
        .filter(|f| f.path == "src/graph.rs" || f.path.starts_with("src/graph/"))
        .map(|f| f.contents.as_str())
        .collect();
    let field_note = format!("    /// **Deprecated** in the docs (`{owner}`).\n");
    let at = graph.find(&field_note).expect("field note");
    let field = &graph[at..];
    assert!(
        field[field.find("pub ").expect("a field")..].starts_with("pub owner:"),
        "the note is on `owner`: {graph}"
    );
    assert!(
        graph.contains(&format!(
            "///\n/// **Deprecated** in the docs (`{task}`).\n"
        )),
        "{graph}"
    );
    assert!(!graph.contains("#[deprecated"));
}

#[test]
fn any_json_type_is_an_alias_of_value_under_its_documented_name() {
    // v1.0 json.md declares `Json` with no property; range.md:66 `|values|Json|`;
    // range-update.md:72 sends `[["Hello", "100"],["1/1/2016", null]]`.
    let pages = [
        schema_fixture("json-resource.md", "v1.0/resources/json.md"),
        schema_fixture("range-json-cells.md", "v1.0/resources/range.md"),
        schema_fixture("range-update-json-values.md", "v1.0/api/range-update.md"),
    ];
    let schema = graphgen_schema::build(&pages).schema;
    let emitted = emit(&schema, &EmitOptions::default());
    let graph = file(&emitted.files, "src/graph.rs");
    assert!(
        graph.contains("/// Represents data returned in JSON format\n")
            && graph.contains("pub type Json = ::serde_json::Value;\n"),
        "{graph}"
    );
    assert!(
        graph.contains("pub values: crate::runtime::Nullable<crate::graph::Json>,"),
        "{graph}"
    );
    assert!(!graph.contains("pub struct Json"), "{graph}");
}

#[test]
fn media_bodies_become_media_types_of_descriptors_and_tests_through_them() {
    // beta reportroot-getemailactivityuserdetail.md (a CSV after a 302, or JSON), user-list.md
    // (`GET /users/$count` -> `text/plain` `893`), profilephoto-update.md (`image/jpeg` PUT to
    // `$value`).
    let pages = [
        schema_fixture(
            "reportroot-getemailactivityuserdetail-csv-after-302.md",
            "beta/api/reportroot-getemailactivityuserdetail.md",
        ),
        schema_fixture(
            "user-list-dollar-count-text-plain.md",
            "beta/api/user-list.md",
        ),
        schema_fixture(
            "profilephoto-update-jpeg-put-value.md",
            "beta/api/profilephoto-update.md",
        ),
    ];
    let schema = graphgen_schema::build(&pages).schema;
    let emitted = emit(&schema, &EmitOptions::default());
    let ops = file(&emitted.files, "operations/src/lib.rs");
    let impl_of = |name: &str| {
        let at = ops
            .find(&format!("impl ::graphgen_runtime::Operation for {name} {{"))
            .unwrap_or_else(|| panic!("{name}: {ops}"));
        ops[at..at + ops[at..].find("fn template").unwrap()].to_owned()
    };
    let report = impl_of("ReportrootGetemailactivityuserdetail");
    // JSON (the type no page here declares: any JSON) or the CSV file.
    assert!(
        report.contains("type Response = ::graphgen_runtime::JsonOrMedia<::serde_json::Value>;"),
        "{report}"
    );
    let count = impl_of("UserListCount");
    assert!(
        count.contains("type Request = ();")
            && count.contains("type Response = ::graphgen_runtime::Count;"),
        "{count}"
    );
    assert!(ops.contains("\"/users/$count\""), "{ops}");
    let list = impl_of("UserList");
    assert!(
        list.contains("type Response = ::graphgen_runtime::ODataCollection<"),
        "{list}"
    );
    let photo = impl_of("ProfilephotoUpdate");
    assert!(
        photo.contains("type Request = ::graphgen_runtime::Media;"),
        "{photo}"
    );
    let tests = file(&emitted.files, "operations/tests/round_trip.rs");
    for (descriptor, message, content_type) in [
        (
            "ReportrootGetemailactivityuserdetail",
            "Response",
            "application/octet-stream",
        ),
        ("UserListCount", "Response", "text/plain"),
        ("ProfilephotoUpdate", "Request", "image/jpeg"),
    ] {
        let call = format!(
            "<::graph_models_operations::{descriptor} as ::graphgen_runtime::Operation>::{message},"
        );
        let at = tests
            .find(&call)
            .unwrap_or_else(|| panic!("{call}\n{tests}"));
        assert!(
            tests[at + call.len()..]
                .chars()
                .take(60)
                .collect::<String>()
                .contains(&format!("\"{content_type}\"")),
            "{tests}"
        );
    }
}
