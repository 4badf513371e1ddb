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
    let link = p.page.base_statements[0].link.as_ref().expect("a link");
    assert_eq!(link.text, "itemFacet");
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

fn decoded(bytes: &[u8]) -> Decoded {
    decode(&Arc::from("x.md"), bytes)
}

const PROPERTY_PAGE: &str = "# x resource type\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n|id|String|The id.|\n|displayName|String|The name.|\n";

fn property_names(text: &str) -> Vec<String> {
    let p = parse(text);
    p.page
        .tables
        .iter()
        .flat_map(|t| &t.rows)
        .map(|r| r.cells[0].text.clone())
        .collect()
}

#[test]
fn utf16_pages_with_or_without_bom_are_decoded() {
    let utf16 = |le: bool, bom: bool| -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend(if le { [0xFF, 0xFE] } else { [0xFE, 0xFF] });
        }
        for u in PROPERTY_PAGE.encode_utf16() {
            out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        out
    };
    for (le, bom) in [(true, true), (false, true), (true, false), (false, false)] {
        let d = decoded(&utf16(le, bom));
        assert_eq!(d.text, PROPERTY_PAGE, "le {le}, bom {bom}");
        assert_eq!(
            d.diagnostics.len(),
            1,
            "one clear diagnostic: {:?}",
            d.diagnostics
        );
        let message = &d.diagnostics[0].message;
        assert!(message.contains("decoded as UTF-16"), "{message}");
        assert!(message.contains(if le { "LE" } else { "BE" }), "{message}");
        assert_eq!(property_names(&d.text), ["id", "displayName"]);
    }
    // Plain ASCII is not mistaken for UTF-16.
    assert!(decoded(PROPERTY_PAGE.as_bytes()).diagnostics.is_empty());
}

#[test]
fn cr_only_line_endings_are_read_like_lf_and_crlf() {
    let cr = PROPERTY_PAGE.replace('\n', "\r");
    let d = decoded(cr.as_bytes());
    assert_eq!(d.text, PROPERTY_PAGE);
    assert_eq!(d.diagnostics.len(), 1);
    assert_eq!(d.diagnostics[0].code, Code::CrlfLineEndings);
    assert!(d.diagnostics[0]
        .message
        .contains("CR line endings (8 lines)"));
    assert_eq!(property_names(&d.text), ["id", "displayName"]);
    let crlf = PROPERTY_PAGE.replace('\n', "\r\n");
    assert_eq!(
        property_names(&decoded(crlf.as_bytes()).text),
        ["id", "displayName"]
    );
    // A lone CR in an LF file (between JSON tokens, inside a type name) is a line break too.
    let mixed = decoded(b"# T\n\n```json\n{\"a\":\r1}\n```\n");
    assert_eq!(mixed.text, "# T\n\n```json\n{\"a\":\n1}\n```\n");
    assert!(mixed.diagnostics[0].message.contains("1 lone CR"));
}

#[test]
fn nul_in_a_description_is_replaced_with_a_diagnostic() {
    let page = PROPERTY_PAGE.replace("The name.", "The\0 name.");
    let d = decoded(page.as_bytes());
    assert!(!d.text.contains('\0'));
    assert!(d.text.contains("The\u{FFFD} name."));
    assert_eq!(d.diagnostics.len(), 1);
    assert_eq!(d.diagnostics[0].code, Code::NulCharacter);
    assert_eq!(
        (d.diagnostics[0].span.line, d.diagnostics[0].span.column),
        (8, 24)
    );
}

#[test]
fn front_matter_of_deep_nested_flow_sequences_is_bounded() {
    for depth in [1_000, 100_000] {
        let yaml = format!(
            "title: x\nms.topic: {}{}\n",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let page = format!("---\n{yaml}---\n# x resource type\n");
        let start = std::time::Instant::now();
        let p = parse(&page);
        // Not a timing assertion: the test would take tens of seconds without the bound.
        let _ = start.elapsed();
        let error = p.page.front_matter.error.expect("not read");
        assert!(
            error.value.contains("levels deep") || error.value.contains("byte limit"),
            "{}",
            error.value
        );
        assert_eq!(p.page.title.unwrap().value, "x resource type");
        assert!(p
            .diagnostics
            .iter()
            .any(|d| d.code == Code::InvalidFrontMatter));
    }
    // Ordinary nesting is still read.
    let p = parse("---\ntitle: \"[a]\"\nkeywords: [[a, b], {c: [d]}]\n---\n# T\n");
    assert!(p.page.front_matter.error.is_none());
    assert_eq!(p.page.front_matter.get("title"), Some("[a]"));
}

fn fixture(name: &str) -> Parsed {
    let path = format!("{}/src/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("fixture");
    parse_page(Arc::from(format!("fixtures/{name}")), &text)
}

#[test]
fn possible_values_end_with_their_sentence_not_at_filter_support() {
    // "... and `unknownFutureValue`. Supports `$filter` (`eq` operator only)."
    let p = fixture("signin-possible-values-then-filter.md");
    assert_eq!(
        p.page.tables[0].rows[0].cells[2].possible_values,
        ["success", "failure", "notApplied", "unknownFutureValue"]
    );
}

#[test]
fn possible_values_exclude_values_of_another_property_in_required_if() {
    // "... `saturday`. Default is `sunday`. Required if **type** is `weekly`."
    let p = fixture("recurrencepattern-required-if.md");
    assert_eq!(
        p.page.tables[0].rows[0].cells[2].possible_values,
        [
            "sunday",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday"
        ]
    );
}

#[test]
fn possible_values_null_is_not_a_member_and_parentheses_keep_the_sentence() {
    // "`null`, `requireNumberMatching` (Requires number matching ... notifications. Value is ...)."
    let p = fixture("authenticator-null-value.md");
    assert_eq!(
        p.page.tables[0].rows[0].cells[2].possible_values,
        ["requireNumberMatching"]
    );
}

#[test]
fn possible_values_prefer_header_sentence_adds_evolvable_members_not_the_header() {
    let p = fixture("security-alertevidence-prefer-header.md");
    let values = &p.page.tables[0].rows[0].cells[2].possible_values;
    assert_eq!(values.len(), 12, "{values:?}");
    assert!(values.iter().all(|v| !v.contains(':') && !v.contains(' ')));
    assert_eq!(
        values.last().map(String::as_str),
        Some("partiallyRemediated")
    );
}

#[test]
fn table_row_continued_on_a_line_without_leading_pipe() {
    let p = fixture("intune-row-continued.md");
    let rows = &p.page.tables[0].rows;
    assert_eq!(rows.len(), 1, "the second line is not a row");
    assert_eq!(
        rows[0].cells[0].text,
        "maximumDownloadBandwidthInKilobytesPerSecond"
    );
    assert!(rows[0].cells[2]
        .text
        .ends_with("dynamically adjusts to use the available bandwidth for downloads. Valid values 0 to 4294967295"));
    let d = p
        .diagnostics
        .iter()
        .find(|d| d.code == Code::MalformedTable)
        .expect("reported");
    assert_eq!(d.span.line, 4);
}

#[test]
fn table_bold_row_is_a_group_heading_in_methods_tables() {
    let p = fixture("group-methods-bold-row.md");
    let rows = &p.page.tables[0].rows;
    assert_eq!(rows[0].group, None);
    assert_eq!(rows[1].group.as_deref(), Some("Calendar"));
    assert_eq!(rows[2].group, None);
}

#[test]
fn table_bold_row_is_a_group_heading_in_relationships_tables() {
    let p = fixture("intune-relationships-bold-row.md");
    let rows = &p.page.tables[0].rows;
    assert_eq!(rows[1].group.as_deref(), Some("Device management"));
    assert_eq!(rows[0].group, None);
    assert_eq!(rows[2].group, None);
}

#[test]
fn lead_paragraphs_skip_namespace_include_and_notes_and_end_at_a_code_block() {
    let p = parse(
        "# x resource type\n\nNamespace: microsoft.graph\n\n[!INCLUDE [beta-disclaimer](../../includes/beta-disclaimer.md)]\n\n> **Note:** a note.\n\nFirst\nline.\n\nSecond.\n\n```http\nGET /x\n```\n\nAfter the code block.\n\n## Properties\n",
    );
    let lead: Vec<(&str, u32)> = p
        .page
        .lead
        .iter()
        .map(|l| (l.value.as_str(), l.line))
        .collect();
    assert_eq!(lead, [("First line.", 9), ("Second.", 12)]);
}

#[test]
fn lead_needs_a_title_and_ends_at_the_next_heading() {
    assert!(parse("Before any title.\n\n## Section\n\nText.\n")
        .page
        .lead
        .is_empty());
    let p = parse("# T\n\n## Properties\n\nNot a lead.\n");
    assert!(p.page.lead.is_empty());
    let p = parse("# T\n\nLead.\n\n### Note\n\nNot a lead.\n");
    assert_eq!(p.page.lead.len(), 1);
}

/// `v1.0/api/driveitem-copy.md:43`: an action's parameters in a `Name | Value | Description`
/// table, the Value column holding each parameter's type.
#[test]
fn request_body_name_value_table_lists_parameters() {
    let page = "# Copy\n\n### Request body\n\n\
| Name            | Value                                          | Description                                                                                                 |\n\
|:----------------|:-----------------------------------------------|:------------------------------------------------------------------------------------------------------------|\n\
| parentReference | [ItemReference](../resources/itemreference.md) | Optional. Reference to the parent item the copy will be created in.                                         |\n\
| name            | string                                         | Optional. The new name for the copy. If this isn't provided, the same name will be used as the original.    |\n";
    let p = parse(page);
    assert!(matches!(
        p.page.tables[0].kind,
        TableKind::Properties {
            name: 0,
            ty: 1,
            description: Some(2)
        }
    ));
    // The same header elsewhere, or with values that are not types, is an enum members table.
    let members =
        "# E\n\n## Members\n\n| Name | Value | Description |\n|--|--|--|\n| none | 0 | x |\n";
    assert!(matches!(
        parse(members).page.tables[0].kind,
        TableKind::EnumMembers { .. }
    ));
    let numbers =
        "# E\n\n## Request body\n\n| Name | Value | Description |\n|--|--|--|\n| none | 0 | x |\n";
    assert!(matches!(
        parse(numbers).page.tables[0].kind,
        TableKind::EnumMembers { .. }
    ));
}

/// `beta/api/contact-delta.md:92-94`: a header after the blank line that ends the headers, with
/// nothing below it, is a misplaced header, not a body.
#[test]
fn http_header_after_blank_line() {
    let p = parse("```msgraph-interactive\nGET https://graph.microsoft.com/beta/me/contactFolders/{id}/contacts/delta?$select=displayName\n\nPrefer: odata.maxpagesize=2\n```\n");
    let Some(HttpMessage::Request { headers, body, .. }) = &p.page.code_blocks[0].http else {
        panic!()
    };
    assert!(body.is_none());
    assert_eq!(
        headers[0].value,
        ("Prefer".to_owned(), "odata.maxpagesize=2".to_owned())
    );
    assert_eq!(headers[0].line, 4);
    assert!(p
        .diagnostics
        .iter()
        .any(|d| d.code == Code::HeaderAfterBlankLine && d.span.line == 4));
}

/// `v1.0/api/list-get.md:71`: a response annotation naming its type with `@type` instead of
/// `@odata.type`; the validator's `requestBodyResourceFor.x` (`beta/api/range-row.md`) is no type.
#[test]
fn response_annotation_at_type_names_the_type() {
    let p = parse("<!-- { \"blockType\": \"response\", \"@type\": \"microsoft.graph.list\", \"truncated\": true, \"scopes\": \"sites.read.all\", \"tags\": \"service.sharepoint\" } -->\n\n```http\nHTTP/1.1 200 OK\n```\n");
    let a = p.page.code_blocks[0].annotation.as_ref().unwrap();
    assert_eq!(a.odata_type(), Some("microsoft.graph.list"));
    let p = parse("<!-- { \"blockType\": \"request\", \"@type\": \"requestBodyResourceFor.range_row\" } -->\n\n```http\nPOST /x\n```\n");
    let a = p.page.code_blocks[0].annotation.as_ref().unwrap();
    assert_eq!(a.odata_type(), None);
}

/// `v1.0/api/user-list-agreementacceptances.md:53-55`: a second request line after a blank line
/// is another request line, not a body.
#[test]
fn http_request_line_after_blank_line() {
    let p = parse("```msgraph-interactive\nGET https://graph.microsoft.com/v1.0/me/agreementAcceptances\n\nGET https://graph.microsoft.com/v1.0/users/f2f4f8e9-c99d-4c73-b990-34f81fbf7fcf/agreementAcceptances\n```\n");
    let Some(HttpMessage::Request {
        more_targets, body, ..
    }) = &p.page.code_blocks[0].http
    else {
        panic!()
    };
    assert!(body.is_none());
    assert_eq!(more_targets[0].line, 4);
    assert!(more_targets[0].value.ends_with("/agreementAcceptances"));
}
