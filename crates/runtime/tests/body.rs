//! `Body`: JSON types through the blanket impl, and the media bodies.

use graphgen_runtime::testing::assert_body_round_trip;
use graphgen_runtime::{Body, Count, JsonOrMedia, Media, ODataCollection};

#[test]
fn count_reads_the_text_plain_number_of_a_dollar_count_url_and_writes_it_back() {
    // beta user-list.md:398: `GET /users/$count` -> `Content-type: text/plain`, `893`.
    let count: Count = assert_body_round_trip("text/plain", "893");
    assert_eq!(count, Count(893));
    assert!(Count::from_body(Some("text/plain"), b"eight").is_err());
    assert!(Count::from_body(Some("text/plain"), b"-1").is_err());
    assert!(Count::from_body(Some("application/json"), b"893").is_err());
}

#[test]
fn json_type_refuses_a_body_whose_content_type_is_not_json() {
    let err = serde_json::Value::from_body(Some("text/plain"), b"893").unwrap_err();
    assert!(err.to_string().contains("`text/plain`, not JSON"), "{err}");
    assert!(ODataCollection::<serde_json::Value>::from_body(
        Some("application/octet-stream"),
        b"a,b"
    )
    .is_err());
    assert!(std::panic::catch_unwind(|| {
        assert_body_round_trip::<serde_json::Value>("text/plain", "893");
    })
    .is_err());
}

#[test]
fn json_type_reads_json_and_an_empty_body_as_null() {
    let v = serde_json::Value::from_body(Some("application/json; charset=utf-8"), b"{\"a\":1}")
        .unwrap();
    assert_eq!(v["a"], 1);
    assert_eq!(v.content_type(), "application/json");
    <()>::from_body(None, b"").unwrap();
    assert_eq!(<()>::from_body(None, b" \n").unwrap(), ());
}

#[test]
fn media_keeps_the_csv_report_bytes_and_content_type() {
    // beta reportroot-getemailactivityuserdetail.md:135, the file the 302 redirects to.
    let csv = "Report Refresh Date,User Principal Name,Display Name,Is Deleted";
    let media: Media = assert_body_round_trip("application/octet-stream", csv);
    assert_eq!(media.text(), Some(csv));
    assert_eq!(
        Media::from_body(None, b"x").unwrap().content_type,
        "application/octet-stream"
    );
}

#[test]
fn json_or_media_reads_by_content_type() {
    type R = JsonOrMedia<serde_json::Value>;
    let csv: R = assert_body_round_trip("application/octet-stream", "a,b\n1,2");
    assert!(matches!(csv, JsonOrMedia::Media(_)));
    let json = R::from_body(Some("application/json"), b"{\"value\":[]}").unwrap();
    assert!(matches!(json, JsonOrMedia::Json(_)));
    assert_eq!(json.to_body().unwrap(), b"{\"value\":[]}");
}
