//! The request-descriptor support: percent-encoding of parameters and the `Operation` trait.

use graphgen_runtime::{build_path, encode_path_segment, push_encoded, Method, Operation};

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
        build_path("/users/{0}", &[&self.id])
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

#[test]
fn build_path_encodes_each_parameter_in_its_place() {
    assert_eq!(
        build_path("/users/{0}/profile/languages/{1}", &["a/b c?", "x"]),
        "/users/a%2Fb%20c%3F/profile/languages/x"
    );
    // Literal text is kept as it is, `?`, `=`, `'`, `(` and `%XX` included.
    assert_eq!(
        build_path(
            "/me/calendarView(start='{0}')?$top=5&x=%20{1}",
            &["2021-01-01T00:00:00+01:00", "é"]
        ),
        "/me/calendarView(start='2021-01-01T00%3A00%3A00%2B01%3A00')?$top=5&x=%20%C3%A9"
    );
}

#[test]
fn build_path_matches_push_encoded_piece_by_piece() {
    let values = ["", "..", "%41", "{0}", "日\0", "AZaz09-._~"];
    for a in values {
        for b in values {
            let mut expected = String::from("/a/");
            push_encoded(&mut expected, a);
            expected.push('/');
            push_encoded(&mut expected, b);
            assert_eq!(build_path("/a/{0}/{1}", &[a, b]), expected);
        }
    }
}

#[test]
fn build_path_takes_adjacent_repeated_and_unordered_parameters() {
    assert_eq!(build_path("{0}{1}", &["a b", "/"]), "a%20b%2F");
    assert_eq!(build_path("/{1}/{0}/{1}", &["x", "y"]), "/y/x/y");
    assert_eq!(
        build_path(
            "/{10}",
            &["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "ten"]
        ),
        "/ten"
    );
    assert_eq!(build_path("/me/events", &[]), "/me/events");
    assert_eq!(build_path("", &[]), "");
}

#[test]
fn build_path_takes_owned_strings_through_coercion() {
    let id = String::from("a/b");
    let id_2 = String::from("c");
    assert_eq!(build_path("/u/{0}/{1}", &[&id, &id_2]), "/u/a%2Fb/c");
}

#[test]
#[should_panic(expected = "uses parameter 1, 1 given")]
fn build_path_rejects_a_missing_parameter() {
    let _ = build_path("/a/{0}/{1}", &["x"]);
}

#[test]
#[should_panic(expected = "unclosed")]
fn build_path_rejects_an_unclosed_marker() {
    let _ = build_path("/a/{0", &["x"]);
}

#[test]
#[should_panic(expected = "bad parameter index")]
fn build_path_rejects_a_name_for_an_index() {
    let _ = build_path("/a/{id}", &["x"]);
}
