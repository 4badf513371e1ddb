//! Behaviour of `Flags<E>`: comma-separated flags enum values.

use std::convert::Infallible;
use std::fmt;
use std::str::FromStr;

use graphgen_runtime::testing::assert_round_trip;
use graphgen_runtime::{Flags, Nullable, OpenType};
use serde::{Deserialize, Serialize};

/// A small evolvable enum shaped like the generated ones.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Audience {
    Me,
    Family,
    Organization,
    Unknown(String),
}

impl FromStr for Audience {
    type Err = Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "me" => Audience::Me,
            "family" => Audience::Family,
            "organization" => Audience::Organization,
            other => Audience::Unknown(other.to_owned()),
        })
    }
}

impl fmt::Display for Audience {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Audience::Me => "me",
            Audience::Family => "family",
            Audience::Organization => "organization",
            Audience::Unknown(s) => s,
        })
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct Settings {
    #[serde(
        rename = "externalAudience",
        default,
        skip_serializing_if = "graphgen_runtime::Nullable::is_absent"
    )]
    external_audience: Nullable<Flags<Audience>>,
    #[serde(flatten)]
    additional: OpenType,
}

#[test]
fn parses_members_in_received_order_keeping_unknown_names() {
    let f: Flags<Audience> = "organization,family,someNewValue".parse().unwrap();
    assert_eq!(
        f.as_slice(),
        [
            Audience::Organization,
            Audience::Family,
            Audience::Unknown("someNewValue".to_owned())
        ]
    );
    assert_eq!(f.to_string(), "organization,family,someNewValue");
}

#[test]
fn json_round_trip_is_byte_exact_with_unknown_member() {
    let text = r#""organization,family,someNewValue""#;
    let f: Flags<Audience> = serde_json::from_str(text).unwrap();
    assert_eq!(f.len(), 3);
    assert_eq!(serde_json::to_string(&f).unwrap(), text);
}

#[test]
fn round_trips_inside_struct_with_flattened_map() {
    let s: Settings = assert_round_trip(r#"{"externalAudience":"me,organization","other":1}"#);
    let flags = s.external_audience.value().unwrap();
    assert!(flags.contains(&Audience::Me));
    assert!(flags.contains(&Audience::Organization));
    assert!(!flags.contains(&Audience::Family));
    let s: Settings = assert_round_trip(r#"{"externalAudience":null}"#);
    assert!(s.external_audience.is_null());
}

#[test]
fn empty_string_is_empty_set_and_writes_empty_string() {
    let f: Flags<Audience> = "".parse().unwrap();
    assert!(f.is_empty());
    assert_eq!(f.len(), 0);
    assert_eq!(serde_json::to_string(&f).unwrap(), r#""""#);
    let f: Flags<Audience> = serde_json::from_str(r#""""#).unwrap();
    assert!(f.is_empty());
    assert_eq!(Flags::<Audience>::new(), f);
}

#[test]
fn whitespace_around_names_is_trimmed_and_empty_names_skipped() {
    let f: Flags<Audience> = " me ,\tfamily,, organization ".parse().unwrap();
    assert_eq!(
        f.as_slice(),
        [Audience::Me, Audience::Family, Audience::Organization]
    );
    assert_eq!(f.to_string(), "me,family,organization");
}

#[test]
fn non_string_json_is_rejected() {
    assert!(serde_json::from_str::<Flags<Audience>>("3").is_err());
    assert!(serde_json::from_str::<Flags<Audience>>(r#"["me"]"#).is_err());
}

#[test]
fn insert_appends_only_when_absent_and_remove_deletes() {
    let mut f: Flags<Audience> = Flags::new();
    assert!(f.insert(Audience::Family));
    assert!(f.insert(Audience::Me));
    assert!(!f.insert(Audience::Family));
    assert_eq!(f.to_string(), "family,me");
    assert!(f.remove(&Audience::Family));
    assert!(!f.remove(&Audience::Family));
    assert_eq!(f.to_string(), "me");
}

#[test]
fn collects_and_iterates_in_order() {
    let f: Flags<Audience> = [Audience::Organization, Audience::Me].into_iter().collect();
    assert_eq!(f.to_string(), "organization,me");
    let by_ref: Vec<&Audience> = f.iter().collect();
    assert_eq!(by_ref, [&Audience::Organization, &Audience::Me]);
    let mut names = Vec::new();
    for member in &f {
        names.push(member.to_string());
    }
    assert_eq!(names, ["organization", "me"]);
    let owned: Vec<Audience> = f.clone().into_iter().collect();
    assert_eq!(owned, f.clone().into_vec());
    let mut extended = Flags::from(vec![Audience::Me]);
    extended.extend([Audience::Family]);
    assert_eq!(extended.to_string(), "me,family");
}

#[test]
fn default_needs_no_default_on_the_enum() {
    let f: Flags<Audience> = Flags::default();
    assert!(f.is_empty());
}
