//! The runtime is copied verbatim into generated crates as `src/runtime.rs`.
//! These tests include the same file as a module `runtime` of this test crate
//! and use it through `crate::runtime::…` paths exactly as generated code does.

#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod runtime;

use serde::{Deserialize, Serialize};

const SOURCE: &str = include_str!("../src/lib.rs");

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
fn runtime_file_compiles_as_a_submodule_and_serves_generated_structs() {
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

/// Source lines that are code, i.e. not comments.
fn code_lines() -> impl Iterator<Item = (usize, &'static str)> {
    SOURCE
        .lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line.trim_start()))
        .filter(|(_, line)| !line.starts_with("//"))
}

#[test]
fn runtime_source_uses_no_crate_paths() {
    let offending: Vec<_> = code_lines()
        .filter(|(_, line)| line.contains("crate::"))
        .collect();
    assert!(offending.is_empty(), "crate:: paths: {offending:?}");
}

#[test]
fn runtime_source_has_no_inner_attributes_or_inline_tests() {
    let offending: Vec<_> = code_lines()
        .filter(|(_, line)| {
            line.starts_with("#!") || line.contains("cfg(test)") || line.contains("extern crate")
        })
        .collect();
    assert!(offending.is_empty(), "not copy-safe: {offending:?}");
}

#[test]
fn runtime_source_depends_only_on_std_serde_and_serde_json() {
    let allowed = ["std", "core", "serde", "serde_json", "super", "self"];
    let offending: Vec<_> = code_lines()
        .filter(|(_, line)| line.starts_with("use ") || line.starts_with("pub use "))
        .filter(|(_, line)| {
            let path = line.trim_start_matches("pub ").trim_start_matches("use ");
            let root = path.split("::").next().unwrap_or("");
            !allowed.contains(&root)
        })
        .collect();
    assert!(offending.is_empty(), "foreign imports: {offending:?}");
}
