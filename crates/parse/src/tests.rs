//! Unit tests, one per quirk the parser handles, and page-model snapshots of the seed pages.

use super::*;

fn parse(text: &str) -> Parsed {
    parse_page(Arc::from("test.md"), text)
}

fn seed(name: &str) -> Parsed {
    let path = format!(
        "{}/../../docs-input/beta/api/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).expect("seed page");
    let rel: Arc<str> = Arc::from(format!("beta/api/{name}"));
    let decoded = decode(&rel, &bytes);
    parse_page(rel, &decoded.text)
}

#[test]
fn snapshot_seed_create_page() {
    insta::assert_yaml_snapshot!(seed("profile-post-languages.md").page);
}

#[test]
fn snapshot_seed_update_page() {
    insta::assert_yaml_snapshot!(seed("languageproficiency-update.md").page);
}

#[test]
fn snapshot_seed_old_invitations_page() {
    insta::assert_yaml_snapshot!(seed("invitation-update-languageproficiency.md").page);
}

#[test]
fn front_matter_accepts_both_localization_priority_keys() {
    let a = parse("---\nms.localizationpriority: medium\n---\n# T\n");
    let b = parse("---\nlocalization_priority: Normal\n---\n# T\n");
    assert_eq!(a.page.front_matter.localization_priority(), Some("medium"));
    assert_eq!(b.page.front_matter.localization_priority(), Some("Normal"));
}

#[test]
fn front_matter_todo_values_are_kept_as_text() {
    let p =
        parse("---\nauthor: \"**TODO: Provide Github Name.**\"\ndoc_type: apiPageType\n---\n# T\n");
    assert_eq!(
        p.page.front_matter.get("author"),
        Some("**TODO: Provide Github Name.**")
    );
    assert_eq!(p.page.front_matter.entries["doc_type"].line, 3);
}

#[test]
fn front_matter_invalid_yaml_is_a_diagnostic() {
    let p = parse("---\ntitle: \"unterminated\n---\n# Title\n");
    assert!(p.page.front_matter.error.is_some());
    assert!(p
        .diagnostics
        .iter()
        .any(|d| d.code == Code::InvalidFrontMatter));
    assert_eq!(p.page.title.as_ref().unwrap().value, "Title");
}

#[test]
fn front_matter_missing_is_fine() {
    let p = parse("# Title\n\nNamespace: microsoft.graph\n");
    assert!(p.page.front_matter.entries.is_empty());
    assert_eq!(p.page.namespace.unwrap().value, "microsoft.graph");
}

#[test]
fn include_directives_are_recorded_not_fatal() {
    let p =
        parse("# T\n\n[!INCLUDE [beta-disclaimer](../../includes/beta-disclaimer.md)]\n\ntext\n");
    assert_eq!(p.page.includes.len(), 1);
    assert_eq!(
        p.page.includes[0].value,
        "../../includes/beta-disclaimer.md"
    );
    assert_eq!(p.page.includes[0].line, 3);
    assert!(p.diagnostics.is_empty());
}

#[test]
fn property_table_recognised_by_its_columns() {
    for header in [
        "Property|Type|Description",
        "Property name|Type|Description",
        "Name|Type|Description",
    ] {
        let p = parse(&format!("# T\n\n|{header}|\n|:--|:--|:--|\n|a|String|x|\n"));
        assert!(
            matches!(
                p.page.tables[0].kind,
                TableKind::Properties {
                    name: 0,
                    ty: 1,
                    description: Some(2)
                }
            ),
            "{header}"
        );
        assert_eq!(p.page.tables[0].rows[0].line, 5);
    }
    let p = parse("# T\n\n|Name|Description|\n|--|--|\n|Authorization|Bearer|\n");
    assert_eq!(p.page.tables[0].kind, TableKind::Other);
}

#[test]
fn inherited_from_link_in_description() {
    let p = parse("|Property|Type|Description|\n|--|--|--|\n|id|String|**TODO** Inherited from [entity](../resources/entity.md)|\n");
    let cell = &p.page.tables[0].rows[0].cells[2];
    let link = cell.inherited_from.as_ref().expect("inherited from");
    assert_eq!(link.text, "entity");
    assert_eq!(link.dest, "../resources/entity.md");
}

#[test]
fn possible_values_in_code_spans() {
    let p = parse("|Property|Type|Description|\n|--|--|--|\n|a|String|The x. Possible values are: `me`, `family`, `unknownFutureValue`.|\n");
    assert_eq!(
        p.page.tables[0].rows[0].cells[2].possible_values,
        ["me", "family", "unknownFutureValue"]
    );
}

#[test]
fn possible_values_without_code_spans() {
    let p = parse("|Property|Type|Description|\n|--|--|--|\n|a|String|Possible values are: low, normal, high.|\n");
    assert_eq!(
        p.page.tables[0].rows[0].cells[2].possible_values,
        ["low", "normal", "high"]
    );
}

#[test]
fn possible_values_prose_is_not_split_into_members() {
    let p = parse("|Property|Type|Description|\n|--|--|--|\n|a|String|Possible values are described in the overview topic.|\n");
    assert!(p.page.tables[0].rows[0].cells[2].possible_values.is_empty());
}

#[test]
fn annotation_with_trailing_comma_and_unquoted_key() {
    let p = parse(
        "<!-- {\n  blockType: \"request\",\n  \"name\": \"x\",\n} -->\n```http\nGET /me\n```\n",
    );
    let a = p.page.code_blocks[0]
        .annotation
        .as_ref()
        .expect("annotation");
    assert_eq!(a.block_type(), Some("request"));
    assert_eq!(a.str_field("name"), Some("x"));
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
}

#[test]
fn annotation_closing_on_its_own_line() {
    let p = parse("<!-- {\n  \"blockType\": \"ignored\"\n}\n-->\n``` http\nPATCH /a/{id}\n```\n");
    let block = &p.page.code_blocks[0];
    assert_eq!(
        block.annotation.as_ref().unwrap().block_type(),
        Some("ignored")
    );
    assert_eq!(block.info, "http");
}

#[test]
fn annotation_not_json_is_a_diagnostic() {
    let p = parse("<!-- { \"blockType\": request } -->\n```http\nGET /me\n```\n");
    assert!(p
        .diagnostics
        .iter()
        .any(|d| d.code == Code::InvalidAnnotation));
}

#[test]
fn annotation_without_code_block_is_a_diagnostic() {
    let p = parse("<!-- { \"blockType\": \"response\" } -->\n\nNo block here.\n");
    assert_eq!(p.page.dangling_annotations.len(), 1);
    assert!(p
        .diagnostics
        .iter()
        .any(|d| d.code == Code::AnnotationWithoutBlock));
}

#[test]
fn permissions_annotation_before_include_is_not_dangling_noise() {
    let p = parse("<!-- { \"blockType\": \"permissions\", \"name\": \"x\" } -->\n[!INCLUDE [permissions-table](x.md)]\n");
    assert!(p.diagnostics.is_empty());
}

#[test]
fn annotation_separated_from_block_by_heading() {
    let p = parse("<!-- { \"blockType\": \"response\" } -->\n### Response\n```http\nHTTP/1.1 204 No Content\n```\n");
    assert!(p.page.code_blocks[0].annotation_separated);
    assert!(p.page.code_blocks[0].annotation.is_some());
}

#[test]
fn http_request_line_headers_and_body() {
    let p = parse("```http\nPATCH https://graph.microsoft.com/beta/me/profile/languages/{id}\nContent-type: application/json\n\n{\n  \"a\": 1\n}\n```\n");
    let Some(HttpMessage::Request {
        method,
        target,
        headers,
        body,
        ..
    }) = &p.page.code_blocks[0].http
    else {
        panic!()
    };
    assert_eq!(method.value, "PATCH");
    assert!(target.ends_with("/languages/{id}"));
    assert_eq!(headers[0].value.0, "Content-type");
    let body = body.as_ref().unwrap();
    assert_eq!(body.line, 5);
    assert!(body.is_strict_json());
    assert_eq!(body.tree.as_ref().unwrap().member("a").unwrap().line, 6);
}

#[test]
fn http_request_templates_listed_one_per_line() {
    let p = parse("```http\nPOST /me/profile/languages\nPOST /users/{id | userPrincipalName}/profile/languages\n```\n");
    let Some(HttpMessage::Request {
        more_targets, body, ..
    }) = &p.page.code_blocks[0].http
    else {
        panic!()
    };
    assert_eq!(more_targets.len(), 1);
    assert!(body.is_none());
}

#[test]
fn http_response_body_without_blank_line() {
    let p = parse(
        "```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n{\n  \"id\": \"x\"\n}\n```\n",
    );
    let Some(HttpMessage::Response {
        status,
        headers,
        body,
        ..
    }) = &p.page.code_blocks[0].http
    else {
        panic!()
    };
    assert_eq!(*status, Some(200));
    assert_eq!(headers.len(), 1);
    assert!(body.as_ref().unwrap().is_strict_json());
}

#[test]
fn http_content_length_header_is_a_header() {
    let p = parse(
        "```http\nPATCH /x\nContent-Type: application/json\nContent-length: 701\n\n{}\n```\n",
    );
    let Some(HttpMessage::Request { headers, .. }) = &p.page.code_blocks[0].http else {
        panic!()
    };
    assert_eq!(
        headers[1].value,
        ("Content-length".to_owned(), "701".to_owned())
    );
}

#[test]
fn http_status_line_without_version_is_a_diagnostic() {
    let p = parse("```http\nHTTP 200 OK\n```\n");
    assert!(p
        .diagnostics
        .iter()
        .any(|d| d.code == Code::InvalidStatusLine));
}

#[test]
fn json_body_with_trailing_comma_keeps_lenient_tree_and_reports_position() {
    let p = parse("```http\nHTTP/1.1 200 OK\n\n{\n  \"a\": 1,\n}\n```\n");
    let body = p.page.code_blocks[0].http.as_ref().unwrap().body().unwrap();
    let err = body.json_error.as_ref().expect("strict error");
    assert_eq!((err.line, err.column), (5, 9), "points at the comma itself");
    assert!(body.tree.is_some());
}

#[test]
fn mojibake_text_is_kept_verbatim() {
    let p = parse("```http\nHTTP/1.1 200 OK\n\n{\"displayName\": \"Norwegian Bokm√•l\"}\n```\n");
    let body = p.page.code_blocks[0].http.as_ref().unwrap().body().unwrap();
    assert_eq!(
        body.tree
            .as_ref()
            .unwrap()
            .member("displayName")
            .unwrap()
            .value
            .as_str(),
        Some("Norwegian Bokm√•l")
    );
}

#[test]
fn decode_reports_bom_crlf_and_invalid_utf8() {
    let path: Arc<str> = Arc::from("x.md");
    let d = decode(&path, b"\xEF\xBB\xBF# T\r\nok \xFF\n");
    let codes: Vec<_> = d.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        [Code::ByteOrderMark, Code::NonUtf8, Code::CrlfLineEndings]
    );
    assert_eq!(d.diagnostics[1].span.line, 2);
    assert!(d.text.starts_with("# T"));
}

#[test]
fn tab_headings_do_not_replace_the_title() {
    let p = parse("# Create x\n\n# [HTTP](#tab/http)\n");
    assert_eq!(p.page.title.unwrap().value, "Create x");
}

#[test]
fn inherits_from_prose() {
    let p = parse("# x resource type\n\nInherits from [itemFacet](itemfacet.md).\n");
    assert_eq!(p.page.inherits_from[0].text, "itemFacet");
}

#[test]
fn never_panics_on_hostile_input() {
    for text in [
        "",
        "---",
        "---\n---",
        "|",
        "|a|\n|-|\n|",
        "```http\n",
        "<!-- {",
        "<!-- { -->\n```",
        "```http\nHTTP/1.1\n```",
        "\u{0}\u{feff}|x|y|\n|-|-|\n|[a](",
        "```\nPOST\n```",
    ] {
        let _ = parse(text);
    }
}

#[test]
fn page_annotation_without_block_type_is_not_dangling() {
    let p = parse("# T\n\n<!--\n{\n  \"type\": \"#page.annotation\",\n  \"description\": \"x\",\n  \"suppressions\": [\n  ]\n}\n-->\n");
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    assert_eq!(p.page.page_annotations.len(), 1);
    assert!(p.page.dangling_annotations.is_empty());
}

#[test]
fn page_stem_of_link_targets() {
    assert_eq!(
        page_stem("../resources/identityset.md#x"),
        Some("identityset")
    );
    assert_eq!(page_stem("enums.md"), Some("enums"));
    assert_eq!(page_stem("/graph/auth"), None);
    assert_eq!(page_stem("https://example.com/x.md"), None);
}
