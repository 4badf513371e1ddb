//! Generated crates depend on this crate and re-export it as
//! `pub use ::graphgen_runtime as runtime;`. This test crate does the same and
//! uses it through `crate::runtime::…` paths exactly as generated code does.

pub use ::graphgen_runtime as runtime;

use serde::{Deserialize, Serialize};

/// Written the way the code generator emits structs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct ChatMessage {
    #[serde(
        rename = "id",
        default,
        skip_serializing_if = "crate::runtime::Nullable::is_absent"
    )]
    id: crate::runtime::Nullable<String>,
    #[serde(
        rename = "createdDateTime",
        default,
        skip_serializing_if = "crate::runtime::Nullable::is_absent"
    )]
    created_date_time: crate::runtime::Nullable<crate::runtime::DateTimeOffset>,
    #[serde(
        rename = "etag",
        default,
        skip_serializing_if = "crate::runtime::Nullable::is_absent"
    )]
    etag: crate::runtime::Nullable<String>,
    #[serde(flatten)]
    additional: crate::runtime::OpenType,
}

#[test]
fn runtime_reexported_as_a_module_serves_generated_structs() {
    let page: crate::runtime::ODataCollection<ChatMessage> =
        crate::runtime::testing::assert_round_trip(
            r##"{
                "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#chats('1')/messages",
                "@odata.count": 1,
                "value": [{
                    "id": "1616990032035",
                    "createdDateTime": "2021-03-29T03:53:52.035Z",
                    "etag": null,
                    "@odata.type": "#microsoft.graph.chatMessage"
                }]
            }"##,
        );
    let message = &page.value[0];
    assert!(message.etag.is_null());
    assert_eq!(
        message
            .created_date_time
            .value()
            .and_then(crate::runtime::DateTimeOffset::parts)
            .map(|p| p.unix_timestamp()),
        Some(1_616_990_032)
    );
}
