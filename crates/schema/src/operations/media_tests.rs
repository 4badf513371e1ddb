//! Media bodies (`media.rs`), on real lines of the 2021 docs (`src/fixtures`).

use super::*;
use crate::test_pages::fixture;
use graphgen_diag::Code;

fn built(name: &str, path: &str) -> crate::Built {
    crate::build(&[fixture(name, path)])
}

fn evidence(m: &MediaBody) -> Vec<(MediaEvidence, u32)> {
    m.facts
        .iter()
        .map(|f| (f.evidence, f.source.line))
        .collect()
}

#[test]
fn csv_stream_response_after_a_302_is_a_media_alternative_to_the_json_statement() {
    let b = built(
        "reportroot-getemailactivityuserdetail-csv-after-302.md",
        "beta/api/reportroot-getemailactivityuserdetail.md",
    );
    let op = &b.schema.operations[0];
    // The `### JSON` statement is the response: both statements are kept.
    let response = op.response.as_ref().expect("a response");
    assert_eq!(response.status, Some(200));
    assert_eq!(
        response.ty.as_ref().map(|t| t.name.as_str()),
        Some("microsoft.graph.emailActivityUserDetail")
    );
    assert_eq!(response.source.line, 22);
    let [media] = op.media.as_slice() else {
        panic!("one media body: {:?}", op.media)
    };
    assert_eq!(media.message, Message::Response);
    assert_eq!(media.segment, None);
    assert_eq!(media.kind, MediaKind::Bytes);
    assert!(media.alternative);
    assert_eq!(
        media.content_type.as_deref(),
        Some("application/octet-stream")
    );
    // The 302 statement, the example's Content-Type and its `"@odata.type": "stream"`.
    assert_eq!(
        evidence(media),
        [
            (MediaEvidence::Statement, 18),
            (MediaEvidence::ContentType, 67),
            (MediaEvidence::StreamAnnotation, 59),
        ]
    );
    let example = b
        .schema
        .examples
        .iter()
        .find(|e| e.source.line == 69)
        .expect("the CSV body");
    assert_eq!(example.status, ExampleStatus::Test);
    assert_eq!(
        example.media,
        Some(ExampleMedia {
            operation: "reportroot-getemailactivityuserdetail".into(),
            segment: None,
            content_type: "application/octet-stream".into(),
        })
    );
    assert!(!b
        .diagnostics
        .iter()
        .any(|d| d.code == Code::ResponseTypeMismatch));
}

#[test]
fn dollar_count_text_plain_response_is_a_count_at_the_list_template_with_count_appended() {
    let b = built(
        "user-list-dollar-count-text-plain.md",
        "beta/api/user-list.md",
    );
    let op = &b.schema.operations[0];
    assert_eq!(op.templates[0].path, "/users");
    let [media] = op.media.as_slice() else {
        panic!("one media body: {:?}", op.media)
    };
    assert_eq!(media.segment.as_deref(), Some("$count"));
    assert_eq!(media.kind, MediaKind::Count);
    assert_eq!(media.content_type.as_deref(), Some("text/plain"));
    assert!(!media.alternative);
    assert_eq!(
        evidence(media),
        [
            (MediaEvidence::ContentType, 47),
            (MediaEvidence::CountPath, 31)
        ]
    );
    let example = b
        .schema
        .examples
        .iter()
        .find(|e| e.body.trim() == "893")
        .expect("the count body");
    assert_eq!(example.status, ExampleStatus::Test);
    assert_eq!(
        example.media.as_ref().and_then(|m| m.segment.as_deref()),
        Some("$count")
    );
    // The JSON collection response stays what the page states.
    assert!(
        op.response
            .as_ref()
            .unwrap()
            .ty
            .as_ref()
            .unwrap()
            .collection
    );
}

#[test]
fn image_jpeg_put_request_to_dollar_value_is_a_media_request_body() {
    let b = built(
        "profilephoto-update-jpeg-put-value.md",
        "beta/api/profilephoto-update.md",
    );
    let op = &b.schema.operations[0];
    assert_eq!(op.templates[0].suffix.as_deref(), Some("$value"));
    let [media] = op.media.as_slice() else {
        panic!("one media body: {:?}", op.media)
    };
    assert_eq!(media.message, Message::Request);
    assert_eq!(media.segment, None);
    assert_eq!(media.kind, MediaKind::Bytes);
    assert!(!media.alternative, "the statement names no JSON body");
    assert_eq!(media.content_type.as_deref(), Some("image/jpeg"));
    let e: Vec<MediaEvidence> = media.facts.iter().map(|f| f.evidence).collect();
    assert_eq!(
        e.iter().filter(|e| **e == MediaEvidence::ValuePath).count(),
        7
    );
    assert!(e.contains(&MediaEvidence::ContentType));
    let example = b
        .schema
        .examples
        .iter()
        .find(|e| e.kind == ExampleKind::Request)
        .expect("the photo body");
    assert_eq!(example.status, ExampleStatus::Test);
    assert_eq!(
        example.media.as_ref().map(|m| m.content_type.as_str()),
        Some("image/jpeg")
    );
}

#[test]
fn media_body_of_no_template_url_stays_unusable_with_gd0068() {
    // The `$count` example of user-list.md, on a page whose template is another collection.
    let text = std::fs::read_to_string(format!(
        "{}/src/fixtures/user-list-dollar-count-text-plain.md",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
    .replace("GET /users\n", "GET /groups\n");
    let b = crate::build(&[crate::test_pages::page("beta/api/user-list.md", &text)]);
    let example = b
        .schema
        .examples
        .iter()
        .find(|e| e.body.trim() == "893")
        .unwrap();
    assert!(
        matches!(&example.status, ExampleStatus::Unusable { cause: UnusableCause::MediaUnattached, reason } if reason.contains("`GET /users/$count`")),
        "{:?}",
        example.status
    );
    assert!(b
        .diagnostics
        .iter()
        .any(|d| d.code == Code::UnattachedMedia));
}
