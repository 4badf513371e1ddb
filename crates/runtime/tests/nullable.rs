//! Behaviour of `Nullable<T>`: the absent / null / value tri-state.

use graphgen_runtime::{Nullable, OpenType};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// Shaped exactly like a generated struct: every property is `Nullable` with
/// `default` + `skip_serializing_if`, plus a flattened catch-all map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Message {
    #[serde(default, skip_serializing_if = "graphgen_runtime::Nullable::is_absent")]
    subject: Nullable<String>,
    #[serde(default, skip_serializing_if = "graphgen_runtime::Nullable::is_absent")]
    inference: Nullable<Inference>,
    #[serde(
        rename = "importance",
        default,
        skip_serializing_if = "graphgen_runtime::Nullable::is_absent"
    )]
    importance_level: Nullable<i32>,
    #[serde(default, skip_serializing_if = "graphgen_runtime::Nullable::is_absent")]
    categories: Nullable<Vec<Nullable<String>>>,
    #[serde(flatten)]
    additional: OpenType,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Inference {
    #[serde(
        rename = "classification",
        default,
        skip_serializing_if = "graphgen_runtime::Nullable::is_absent"
    )]
    classification: Nullable<String>,
    #[serde(flatten)]
    additional: OpenType,
}

/// Same, without a flattened map (serde then takes its direct code path).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Plain {
    #[serde(default, skip_serializing_if = "graphgen_runtime::Nullable::is_absent")]
    name: Nullable<String>,
}

/// A field that forgot `default`: documents why generated code needs it.
#[derive(Debug, PartialEq, Deserialize)]
struct MissingDefault {
    name: Nullable<String>,
}

/// A type without `Default`, to prove `Nullable<T>: Default` needs none.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
struct NoDefault(u8);

#[test]
fn missing_property_deserializes_as_absent() {
    let m: Message = serde_json::from_str("{}").unwrap();
    assert_eq!(m.subject, Nullable::Absent);
    assert_eq!(m.inference, Nullable::Absent);
    assert!(m.additional.is_empty());

    let p: Plain = serde_json::from_str("{}").unwrap();
    assert_eq!(p.name, Nullable::Absent);
}

#[test]
fn explicit_null_deserializes_as_null() {
    let m: Message =
        serde_json::from_str(r#"{"subject": null, "inference": null, "importance": null}"#)
            .unwrap();
    assert_eq!(m.subject, Nullable::Null);
    assert_eq!(m.inference, Nullable::Null);
    assert_eq!(m.importance_level, Nullable::Null);
    assert!(
        m.additional.is_empty(),
        "known nulls must not leak into the map"
    );

    let p: Plain = serde_json::from_str(r#"{"name": null}"#).unwrap();
    assert_eq!(p.name, Nullable::Null);
}

#[test]
fn present_value_deserializes_as_value() {
    let p: Plain = serde_json::from_str(r#"{"name": "x"}"#).unwrap();
    assert_eq!(p.name, Nullable::Value("x".to_owned()));
}

#[test]
fn absent_is_skipped_null_is_written_and_value_is_written() {
    let absent = Plain {
        name: Nullable::Absent,
    };
    let null = Plain {
        name: Nullable::Null,
    };
    let value = Plain {
        name: Nullable::Value("x".into()),
    };
    assert_eq!(serde_json::to_string(&absent).unwrap(), "{}");
    assert_eq!(serde_json::to_string(&null).unwrap(), r#"{"name":null}"#);
    assert_eq!(serde_json::to_string(&value).unwrap(), r#"{"name":"x"}"#);
}

#[test]
fn absent_without_skip_serializes_as_null() {
    assert_eq!(
        serde_json::to_string(&Nullable::<u8>::Absent).unwrap(),
        "null"
    );
    assert_eq!(
        serde_json::to_string(&Nullable::<u8>::Value(3)).unwrap(),
        "3"
    );
}

#[test]
fn explicit_null_round_trips_byte_exact() {
    let text = r#"{"inference":null}"#;
    let m: Message = serde_json::from_str(text).unwrap();
    assert_eq!(serde_json::to_string(&m).unwrap(), text);
}

#[test]
fn nullable_fields_work_next_to_a_flattened_map() {
    let input = json!({
        "subject": "Hi",
        "inference": {"classification": "focused", "@odata.type": "#x"},
        "importance": null,
        "categories": ["a", null],
        "@odata.etag": "W/\"1\"",
        "unknownProperty": {"nested": [1, 2, null]},
        "unknownNull": null
    });
    let m: Message = serde_json::from_value(input.clone()).unwrap();
    assert_eq!(m.subject, Nullable::Value("Hi".to_owned()));
    assert_eq!(m.importance_level, Nullable::Null);
    assert_eq!(
        m.categories,
        Nullable::Value(vec![Nullable::Value("a".to_owned()), Nullable::Null])
    );
    let inference = m.inference.value().expect("inference has a value");
    assert_eq!(
        inference.classification,
        Nullable::Value("focused".to_owned())
    );
    assert_eq!(inference.additional.get("@odata.type"), Some(&json!("#x")));
    assert_eq!(m.additional.len(), 3);
    assert_eq!(m.additional.get("@odata.etag"), Some(&json!("W/\"1\"")));
    assert_eq!(m.additional.get("unknownNull"), Some(&json!(null)));

    assert_eq!(serde_json::to_value(&m).unwrap(), input);
}

#[test]
fn nullable_next_to_flattened_map_reads_from_text_too() {
    // From text (not from a Value) serde buffers fields into its private
    // Content type; null, absent and values must survive that path.
    let text = r#"{"subject":null,"importance":5,"extra":true}"#;
    let m: Message = serde_json::from_str(text).unwrap();
    assert_eq!(m.subject, Nullable::Null);
    assert_eq!(m.inference, Nullable::Absent);
    assert_eq!(m.importance_level, Nullable::Value(5));
    assert_eq!(m.additional.get("extra"), Some(&json!(true)));
    let back: serde_json::Value = serde_json::to_value(&m).unwrap();
    assert_eq!(
        back,
        serde_json::from_str::<serde_json::Value>(text).unwrap()
    );
}

#[test]
fn wrong_value_type_is_an_error_not_null() {
    let err = serde_json::from_str::<Plain>(r#"{"name": 5}"#).unwrap_err();
    assert!(err.to_string().contains("invalid type"), "{err}");
    let err = serde_json::from_str::<Message>(r#"{"importance": "high"}"#).unwrap_err();
    assert!(err.to_string().contains("invalid type"), "{err}");
}

#[test]
fn missing_field_without_serde_default_reads_as_null() {
    // This is why generated fields must carry `#[serde(default)]`: without it
    // serde feeds a missing field to `Option`'s visitor as `None`.
    let m: MissingDefault = serde_json::from_str("{}").unwrap();
    assert_eq!(m.name, Nullable::Null);
}

#[test]
fn default_is_absent_without_requiring_t_default() {
    let n: Nullable<NoDefault> = Nullable::default();
    assert!(n.is_absent());
}

#[test]
fn state_predicates_are_exclusive() {
    let states = [
        Nullable::Absent,
        Nullable::Null,
        Nullable::Value(NoDefault(1)),
    ];
    let flags: Vec<(bool, bool, bool)> = states
        .iter()
        .map(|s| (s.is_absent(), s.is_null(), s.is_value()))
        .collect();
    assert_eq!(
        flags,
        [
            (true, false, false),
            (false, true, false),
            (false, false, true)
        ]
    );
}

#[test]
fn accessors_keep_state_and_expose_value() {
    let mut v = Nullable::Value(String::from("a"));
    assert_eq!(v.as_ref(), Nullable::Value(&String::from("a")));
    assert_eq!(Nullable::<String>::Null.as_ref(), Nullable::Null);
    assert_eq!(Nullable::<String>::Absent.as_ref(), Nullable::Absent);
    assert_eq!(v.value().map(String::as_str), Some("a"));
    assert_eq!(Nullable::<String>::Null.value(), None);
    assert_eq!(Nullable::<String>::Absent.value(), None);

    if let Nullable::Value(s) = v.as_mut() {
        s.push('b');
    }
    v.value_mut().unwrap().push('c');
    assert_eq!(v.clone().into_value(), Some("abc".to_owned()));
    assert_eq!(Nullable::<String>::Null.into_value(), None);

    assert_eq!(v.map(|s| s.len()), Nullable::Value(3));
    assert_eq!(Nullable::<String>::Null.map(|s| s.len()), Nullable::Null);
    assert_eq!(
        Nullable::<String>::Absent.map(|s| s.len()),
        Nullable::Absent
    );
}

#[test]
fn take_leaves_absent_and_set_overwrites() {
    let mut n = Nullable::Value(1);
    assert_eq!(n.take(), Nullable::Value(1));
    assert_eq!(n, Nullable::Absent);
    n.set(7);
    assert_eq!(n, Nullable::Value(7));
    n.set_null();
    assert_eq!(n, Nullable::Null);
    assert_eq!(n.take(), Nullable::Null);
    assert_eq!(n, Nullable::Absent);
}

#[test]
fn conversions_from_value_and_option() {
    assert_eq!(Nullable::from(5), Nullable::Value(5));
    let n: Nullable<&str> = "x".into();
    assert_eq!(n, Nullable::Value("x"));
    assert_eq!(Nullable::from_option(Some(2)), Nullable::Value(2));
    assert_eq!(Nullable::<i32>::from_option(None), Nullable::Null);
}

#[test]
fn nullable_of_json_value_treats_json_null_as_null() {
    let v: Nullable<serde_json::Value> = serde_json::from_str("null").unwrap();
    assert_eq!(v, Nullable::Null);
    let v: Nullable<serde_json::Value> = serde_json::from_str("[1]").unwrap();
    assert_eq!(v, Nullable::Value(json!([1])));
}
