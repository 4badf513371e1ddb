//! The generated crates share one runtime: `graph_models::runtime` and `hostile_models::runtime`
//! are both the crate `graphgen-runtime`, so one function serves fields of both, and a value moves
//! from a model of one crate to a model of the other without conversion.

use graphgen_runtime::{Nullable, OpenType};

/// Written once, for every generated crate.
fn shown(value: &Nullable<String>) -> &str {
    value.as_deref().unwrap_or("(absent or null)")
}

#[test]
fn one_function_takes_the_nullable_of_either_generated_crate() {
    let entity = graph_models::graph::Entity {
        id: "42".to_owned().into(),
        ..Default::default()
    };
    let boxed = hostile_models::graph::Box {
        value: Nullable::Null,
        ..Default::default()
    };
    assert_eq!(shown(&entity.id), "42");
    assert_eq!(shown(&boxed.value), "(absent or null)");
}

#[test]
fn runtime_values_move_between_the_two_crates_as_they_are() {
    let entity: graph_models::graph::Entity =
        graphgen_runtime::from_str(r#"{"id": "42", "@odata.etag": "W/\"1\""}"#).unwrap();
    // Same types, no conversion: `graph_models::runtime::Nullable` is
    // `hostile_models::runtime::Nullable`, and so is every other runtime type.
    let id: hostile_models::runtime::Nullable<String> = entity.id;
    let additional: hostile_models::runtime::OpenType = entity.additional;
    let boxed = hostile_models::graph::Box {
        value: id,
        additional,
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&boxed).unwrap(),
        serde_json::json!({"value": "42", "@odata.etag": "W/\"1\""})
    );
    let _: &OpenType = &boxed.additional;
}

#[test]
fn the_runtime_types_are_the_same_type() {
    use std::any::TypeId;
    assert_eq!(
        TypeId::of::<graph_models::runtime::Nullable<String>>(),
        TypeId::of::<hostile_models::runtime::Nullable<String>>()
    );
    assert_eq!(
        TypeId::of::<graph_models::runtime::DateTimeOffset>(),
        TypeId::of::<hostile_models::runtime::DateTimeOffset>()
    );
}
