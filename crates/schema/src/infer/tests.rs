//! Example typing quirks (issue 10's hostile inputs among them), each on the line it was found on.

use crate::build;
use graphgen_diag::Code;
use graphgen_parse::{decode, parse_page};
use std::sync::Arc;

/// Issue 10 row 9: a CR inside an annotation's type name (found twice by the mutation fuzzer,
/// tests/fixtures/fuzz/cr-inside-annotation-type-name.md) made a type whose name held a line
/// break, which reached a doc comment.
#[test]
fn cr_inside_an_annotation_type_name_is_reported_and_names_no_type() {
    let path: Arc<str> = Arc::from("api/widget-get.md");
    let bytes = b"# Get widget\n\n## Response\n\n<!-- {\n  \"blockType\": \"response\",\n  \"@odata.type\": \"microsoft.graph.wid\rget\"\n} -->\n\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\n  \"id\": \"1\"\n}\n```\n";
    let page = parse_page(path.clone(), &decode(&path, bytes).text).page;
    let built = build(&[page]);
    assert!(
        built.schema.types.keys().all(|t| !t.contains(['\r', '\n'])),
        "{:?}",
        built.schema.types.keys().collect::<Vec<_>>()
    );
    let d = built
        .diagnostics
        .iter()
        .find(|d| d.code == Code::InvalidTypeName)
        .expect("GD0047");
    assert_eq!(d.span.line, 5, "the annotation's line");
    assert!(
        d.message.contains(r"microsoft.graph.wid\nget"),
        "{}",
        d.message
    );
}
