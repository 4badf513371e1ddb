//! The request-descriptor support: percent-encoding of parameters and the `Operation` trait.

use graphgen_runtime::{encode_path_segment, push_encoded, Method, Operation};

#[test]
fn only_unreserved_characters_are_kept() {
    assert_eq!(encode_path_segment("a/b c?"), "a%2Fb%20c%3F");
    assert_eq!(encode_path_segment("AZaz09-._~"), "AZaz09-._~");
    assert_eq!(
        encode_path_segment("adele@contoso.com"),
        "adele%40contoso.com"
    );
    assert_eq!(
        encode_path_segment("%#&='+,;:"),
        "%25%23%26%3D%27%2B%2C%3B%3A"
    );
    assert_eq!(encode_path_segment(".."), "..");
    assert_eq!(encode_path_segment(""), "");
}

#[test]
fn non_ascii_is_encoded_as_utf8_bytes() {
    assert_eq!(encode_path_segment("é"), "%C3%A9");
    assert_eq!(encode_path_segment("日"), "%E6%97%A5");
    let mut out = String::from("/users/");
    push_encoded(&mut out, "ü\0");
    assert_eq!(out, "/users/%C3%BC%00");
}

#[test]
fn methods_read_as_on_the_wire() {
    let all = [
        Method::Get,
        Method::Post,
        Method::Put,
        Method::Patch,
        Method::Delete,
    ];
    let text: Vec<String> = all.iter().map(ToString::to_string).collect();
    assert_eq!(text, ["GET", "POST", "PUT", "PATCH", "DELETE"]);
    assert_eq!(Method::Patch.as_str(), "PATCH");
}

/// What a generated descriptor looks like.
struct GetUser {
    id: String,
}

impl Operation for GetUser {
    const METHOD: Method = Method::Get;
    type Request = ();
    type Response = serde_json::Value;
    fn template(&self) -> &'static str {
        "/users/{id | userPrincipalName}"
    }
    fn path(&self) -> String {
        let mut path = String::from("/users/");
        push_encoded(&mut path, &self.id);
        path
    }
}

/// A generic client: everything it needs comes from the trait.
fn request_line<O: Operation>(op: &O, root: &str) -> String {
    format!("{} {root}{}", O::METHOD, op.path())
}

#[test]
fn a_descriptor_gives_a_client_all_it_needs() {
    let op = GetUser {
        id: "a/b c?".to_owned(),
    };
    assert_eq!(
        request_line(&op, "https://graph.microsoft.com/v1.0"),
        "GET https://graph.microsoft.com/v1.0/users/a%2Fb%20c%3F"
    );
    assert_eq!(op.template(), "/users/{id | userPrincipalName}");
}
