//! Behaviour of `ODataCollection<T>`, the collection response envelope.

use graphgen_runtime::testing::assert_round_trip;
use graphgen_runtime::{Nullable, ODataCollection, OpenType};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// An item type without `Default`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct User {
    #[serde(default, skip_serializing_if = "graphgen_runtime::Nullable::is_absent")]
    id: Nullable<String>,
    #[serde(flatten)]
    additional: OpenType,
}

#[test]
fn reads_annotations_items_and_unknown_members() {
    let page: ODataCollection<User> = serde_json::from_value(json!({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users",
        "@odata.count": 3,
        "@odata.nextLink": "https://graph.microsoft.com/v1.0/users?$skiptoken=X",
        "value": [{"id": "1", "displayName": "A"}, {"id": null}],
        "@microsoft.graph.tips": "Use $select"
    }))
    .unwrap();
    assert_eq!(
        page.odata_context.as_deref(),
        Some("https://graph.microsoft.com/v1.0/$metadata#users")
    );
    assert_eq!(page.odata_count, Some(3));
    assert_eq!(
        page.odata_next_link.as_deref(),
        Some("https://graph.microsoft.com/v1.0/users?$skiptoken=X")
    );
    assert_eq!(page.odata_delta_link, None);
    assert_eq!(page.len(), 2);
    assert_eq!(page.value[0].id, Nullable::Value("1".to_owned()));
    assert_eq!(
        page.value[0].additional.get("displayName"),
        Some(&json!("A"))
    );
    assert_eq!(page.value[1].id, Nullable::Null);
    assert_eq!(
        page.additional.get("@microsoft.graph.tips"),
        Some(&json!("Use $select"))
    );
    assert_eq!(page.additional.len(), 1);
}

#[test]
fn full_page_round_trips() {
    assert_round_trip::<ODataCollection<User>>(
        r##"{
            "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users",
            "@odata.count": 2,
            "@odata.nextLink": "https://next",
            "value": [{"id": "1", "x": [1, 2.5]}, {"id": null}],
            "@odata.type": "#microsoft.graph.userCollection"
        }"##,
    );
}

#[test]
fn delta_page_round_trips() {
    let page: ODataCollection<User> = assert_round_trip(
        r#"{"@odata.context":"c","value":[],"@odata.deltaLink":"https://delta?token=1"}"#,
    );
    assert_eq!(
        page.odata_delta_link.as_deref(),
        Some("https://delta?token=1")
    );
    assert!(page.is_empty());
}

#[test]
fn missing_value_is_an_empty_page() {
    let page: ODataCollection<User> = serde_json::from_str(r#"{"@odata.context":"c"}"#).unwrap();
    assert!(page.value.is_empty());
}

#[test]
fn absent_annotations_and_empty_map_are_not_written() {
    let page = ODataCollection::new(vec![json!(1), json!(2)]);
    assert_eq!(serde_json::to_string(&page).unwrap(), r#"{"value":[1,2]}"#);
    let empty: ODataCollection<User> = ODataCollection::default();
    assert_eq!(serde_json::to_string(&empty).unwrap(), r#"{"value":[]}"#);
}

#[test]
fn iterates_over_items() {
    let page = ODataCollection::new(vec![1, 2, 3]);
    assert_eq!(page.iter().sum::<i32>(), 6);
    assert_eq!((&page).into_iter().count(), 3);
    assert_eq!(page.into_iter().collect::<Vec<_>>(), [1, 2, 3]);
}
