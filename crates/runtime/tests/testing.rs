//! Behaviour of the `testing` module: JSON equivalence and round trips.

use std::panic::{catch_unwind, AssertUnwindSafe};

use graphgen_runtime::testing::{assert_round_trip, json_differences, json_equivalent};
use graphgen_runtime::{Nullable, OpenType};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// Runs `f`, which must panic, and returns its panic message.
fn panic_message(f: impl FnOnce()) -> String {
    let payload = catch_unwind(AssertUnwindSafe(f)).expect_err("expected a panic");
    if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else {
        panic!("panic payload is not a string")
    }
}

/// A lossy model: knows `id` only and has no catch-all, so it drops the rest.
#[derive(Debug, Serialize, Deserialize)]
struct Lossy {
    #[serde(default)]
    id: Option<String>,
}

/// Turns `null` into absent: `Option` + skip, the mistake `Nullable` avoids.
#[derive(Debug, Serialize, Deserialize)]
struct NullDropping {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    inference: Option<String>,
    #[serde(flatten)]
    additional: OpenType,
}

/// Changes a string on the way out.
#[derive(Debug, Deserialize)]
struct Shouting {
    name: String,
}

impl Serialize for Shouting {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        json!({ "name": self.name.to_uppercase() }).serialize(s)
    }
}

/// Keeps a double, so `1` comes back as `1.0`.
#[derive(Debug, Serialize, Deserialize)]
struct Measurement {
    #[serde(default, skip_serializing_if = "graphgen_runtime::Nullable::is_absent")]
    value: Nullable<f64>,
    #[serde(flatten)]
    additional: OpenType,
}

#[derive(Debug, Serialize, Deserialize)]
struct Nested {
    #[serde(rename = "createdBy")]
    created_by: CreatedBy,
}

#[derive(Debug, Serialize, Deserialize)]
struct CreatedBy {
    user: Lossy,
}

#[test]
fn round_trip_catches_a_dropped_property() {
    let msg = panic_message(|| {
        assert_round_trip::<Lossy>(r#"{"id":"1","displayName":"A"}"#);
    });
    assert!(
        msg.contains(r#"$.displayName: expected "A", got absent"#),
        "{msg}"
    );
    assert!(msg.contains("Lossy"), "message names the type: {msg}");
}

#[test]
fn round_trip_reports_the_nested_path_of_a_difference() {
    let msg = panic_message(|| {
        assert_round_trip::<Nested>(r#"{"createdBy":{"user":{"id":"x","email":"e"}}}"#);
    });
    assert!(
        msg.contains(r#"$.createdBy.user.email: expected "e", got absent"#),
        "{msg}"
    );
    assert!(!msg.contains("$.createdBy.user.id"), "{msg}");
}

#[test]
fn round_trip_catches_a_changed_string() {
    let msg = panic_message(|| {
        assert_round_trip::<Shouting>(r#"{"name":"abc"}"#);
    });
    assert!(
        msg.contains(r#"$.name: expected "abc", got "ABC""#),
        "{msg}"
    );
}

#[test]
fn round_trip_catches_null_turned_into_absent() {
    let msg = panic_message(|| {
        assert_round_trip::<NullDropping>(r#"{"inference":null}"#);
    });
    assert!(
        msg.contains("$.inference: expected null, got absent"),
        "{msg}"
    );
}

#[test]
fn round_trip_accepts_integer_written_back_as_double() {
    let m: Measurement = assert_round_trip(r#"{"value": 1, "other": [1, 2.50]}"#);
    assert_eq!(m.value, Nullable::Value(1.0));
    assert_eq!(serde_json::to_string(&m.value).unwrap(), "1.0");
}

#[test]
fn round_trip_reports_deserialization_errors_with_line_and_column() {
    let msg = panic_message(|| {
        assert_round_trip::<Measurement>("{\n  \"value\": \"high\"\n}");
    });
    assert!(msg.contains("deserialization failed"), "{msg}");
    assert!(msg.contains("line 2 column"), "{msg}");
    assert!(msg.contains("invalid type"), "{msg}");
}

#[test]
fn round_trip_rejects_invalid_input_json() {
    let msg = panic_message(|| {
        assert_round_trip::<Measurement>("{\"value\": 1,}");
    });
    assert!(msg.contains("not valid JSON"), "{msg}");
    assert!(msg.contains("line 1 column"), "{msg}");
}

#[test]
fn equivalence_treats_numbers_by_value() {
    assert!(json_equivalent(&json!(1), &json!(1.0)));
    assert!(json_equivalent(&json!(-3), &json!(-3.0)));
    assert!(json_equivalent(&json!(0.5), &json!(0.5)));
    assert!(!json_equivalent(&json!(1), &json!(2)));
    assert!(!json_equivalent(&json!(1), &json!(1.5)));
    assert!(!json_equivalent(&json!(1), &json!("1")));
    // Integers compare exactly, beyond f64 precision.
    assert!(!json_equivalent(
        &json!(9_007_199_254_740_993_u64),
        &json!(9_007_199_254_740_992_u64)
    ));
    assert!(json_equivalent(&json!(u64::MAX), &json!(u64::MAX)));
    assert!(!json_equivalent(&json!(-1), &json!(u64::MAX)));
}

#[test]
fn equivalence_ignores_key_order_but_not_array_order() {
    let a: serde_json::Value = serde_json::from_str(r#"{"a":1,"b":[1,2]}"#).unwrap();
    let b: serde_json::Value = serde_json::from_str(r#"{"b":[1,2],"a":1}"#).unwrap();
    let c: serde_json::Value = serde_json::from_str(r#"{"b":[2,1],"a":1}"#).unwrap();
    assert!(json_equivalent(&a, &b));
    assert!(!json_equivalent(&a, &c));
    assert!(!json_equivalent(&json!({"a": 1}), &json!({"a": 1, "b": 2})));
    assert!(!json_equivalent(&json!({"a": null}), &json!({})));
    assert!(!json_equivalent(&json!([1]), &json!([1, 1])));
    assert!(json_equivalent(&json!(null), &json!(null)));
    assert!(!json_equivalent(&json!(null), &json!(false)));
}

#[test]
fn differences_list_every_path() {
    let expected = json!({
        "id": "1",
        "value": [{"a": 1}, {"a": 2}, {"a": 3}],
        "@odata.type": "#x",
        "same": 1.0
    });
    let actual = json!({
        "id": 1,
        "value": [{"a": 1}, {"a": 5}],
        "extra": true,
        "same": 1
    });
    let diffs = json_differences(&expected, &actual);
    let mut sorted = diffs.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        [
            r#"$.extra: expected absent, got true"#,
            r#"$.id: expected "1", got 1"#,
            r#"$.value[1].a: expected 2, got 5"#,
            r#"$.value[2]: expected {"a":3}, got absent"#,
            r##"$["@odata.type"]: expected "#x", got absent"##,
        ],
        "{diffs:#?}"
    );
}

#[test]
fn differences_are_empty_for_equivalent_values() {
    let v = json!({"a": [1, {"b": null}], "c": "d"});
    assert!(json_differences(&v, &v).is_empty());
    assert!(json_differences(&json!({"x": 2}), &json!({"x": 2.0})).is_empty());
}

#[test]
fn differences_report_type_change_at_the_top() {
    assert_eq!(
        json_differences(&json!([1]), &json!({"0": 1})),
        [r#"$: expected [1], got {"0":1}"#]
    );
}
