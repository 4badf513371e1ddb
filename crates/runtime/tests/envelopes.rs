//! `ODataValue` and `ODataReference`: the bodies of functions returning one value and of `$ref`
//! requests, read and written back unchanged.

use graphgen_runtime::testing::assert_round_trip;
use graphgen_runtime::{from_str, ODataReference, ODataValue};

#[test]
fn value_envelope_of_a_string_keeps_its_context() {
    // beta `ediscovery-caseexportoperation-getdownloadurl.md:99`.
    let body = r#"{
        "@odata.context": "https://graph.microsoft.com/beta/$metadata#Edm.String",
        "value": "https://example.blob.core.windows.net/x.zip?sv=2018-03-28&sp=racwdl"
    }"#;
    let v: ODataValue<String> = from_str(body).unwrap();
    assert_eq!(
        v.odata_context.as_deref(),
        Some("https://graph.microsoft.com/beta/$metadata#Edm.String")
    );
    assert!(v.value.starts_with("https://example.blob"));
    assert_round_trip::<ODataValue<String>>(body);
}

#[test]
fn value_envelope_keeps_other_annotations_and_needs_its_value() {
    assert_round_trip::<ODataValue<bool>>(r#"{"value": true, "@odata.etag": "W/\"1\""}"#);
    assert!(from_str::<ODataValue<bool>>(r#"{"@odata.context": "x"}"#).is_err());
    assert!(from_str::<ODataValue<bool>>(r#"{"value": "true"}"#).is_err());
    assert_eq!(ODataValue::new(3).into_inner(), 3);
}

#[test]
fn reference_body_round_trips() {
    // v1.0 `application-post-owners.md:60-62`.
    let body = r#"{"@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/{id}"}"#;
    let r: ODataReference = from_str(body).unwrap();
    assert_eq!(
        r,
        ODataReference::new("https://graph.microsoft.com/v1.0/directoryObjects/{id}")
    );
    assert_round_trip::<ODataReference>(body);
    assert!(from_str::<ODataReference>("{}").is_err());
}
