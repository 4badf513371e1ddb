//! Behaviour of the wire-exact primitive newtypes and their typed accessors.

use std::time::Duration as StdDuration;

use graphgen_runtime::testing::assert_round_trip;
use graphgen_runtime::{
    Binary, Date, DateTimeOffset, DateTimeParts, Decimal, Duration, Guid, Nullable, OpenType,
    TimeOfDay,
};
use serde::{Deserialize, Serialize};
use serde_json::json;

#[derive(Debug, Serialize, Deserialize)]
struct Event {
    #[serde(
        rename = "createdDateTime",
        default,
        skip_serializing_if = "graphgen_runtime::Nullable::is_absent"
    )]
    created: Nullable<DateTimeOffset>,
    #[serde(default, skip_serializing_if = "graphgen_runtime::Nullable::is_absent")]
    id: Nullable<Guid>,
    #[serde(default, skip_serializing_if = "graphgen_runtime::Nullable::is_absent")]
    price: Nullable<Decimal>,
    #[serde(default, skip_serializing_if = "graphgen_runtime::Nullable::is_absent")]
    content: Nullable<Binary>,
    #[serde(flatten)]
    additional: OpenType,
}

fn dto(text: &str) -> Option<DateTimeParts> {
    DateTimeOffset::new(text).parts()
}

fn dur(text: &str) -> Option<StdDuration> {
    Duration::new(text).to_std()
}

#[test]
fn date_time_offset_keeps_seven_fractional_digits_byte_exact() {
    let text = r#""2020-07-06T06:34:12.2294868Z""#;
    let v: DateTimeOffset = serde_json::from_str(text).unwrap();
    assert_eq!(v.as_str(), "2020-07-06T06:34:12.2294868Z");
    assert_eq!(serde_json::to_string(&v).unwrap(), text);
}

#[test]
fn guid_keeps_letter_case() {
    let text = r#""8B081EF6-4792-4def-B2C9-c363a1bf41d5""#;
    let v: Guid = serde_json::from_str(text).unwrap();
    assert_eq!(serde_json::to_string(&v).unwrap(), text);
    assert_ne!(v, Guid::new("8b081ef6-4792-4def-b2c9-c363a1bf41d5"));
}

#[test]
fn every_string_primitive_round_trips_its_text() {
    fn check<T>(text: &str)
    where
        T: serde::de::DeserializeOwned + Serialize + AsRef<str>,
    {
        let json = serde_json::to_string(text).unwrap();
        let v: T = serde_json::from_str(&json).unwrap();
        assert_eq!(v.as_ref(), text);
        assert_eq!(serde_json::to_string(&v).unwrap(), json);
    }
    check::<DateTimeOffset>("0001-01-01T00:00:00Z");
    check::<Date>("2021-03-31");
    check::<TimeOfDay>("08:30:00.0000000");
    check::<Duration>("PT1H30M");
    check::<Guid>("00000000-0000-0000-0000-000000000000");
    check::<Binary>("aGVsbG8=");
    // Not validated: unparseable text is still kept.
    check::<DateTimeOffset>("not a date");
}

#[test]
fn string_primitive_conversions_agree() {
    let a = Date::new("2021-03-31");
    let b: Date = "2021-03-31".parse().unwrap();
    let c = Date::from(String::from("2021-03-31"));
    let d = Date::from("2021-03-31");
    assert_eq!(a, b);
    assert_eq!(b, c);
    assert_eq!(c, d);
    assert_eq!(a.to_string(), "2021-03-31");
    assert_eq!(a.as_ref(), "2021-03-31");
    assert_eq!(a, "2021-03-31");
    assert_eq!(String::from(a.clone()), "2021-03-31");
    assert_eq!(a.into_string(), "2021-03-31");
    assert_eq!(Date::default().as_str(), "");
}

#[test]
fn string_primitives_order_by_text() {
    let mut dates = [
        Date::new("2021-03-31"),
        Date::new("2020-12-01"),
        Date::new("2021-01-15"),
    ];
    dates.sort();
    let texts: Vec<&str> = dates.iter().map(Date::as_str).collect();
    assert_eq!(texts, ["2020-12-01", "2021-01-15", "2021-03-31"]);
}

#[test]
fn primitives_round_trip_inside_struct_with_flattened_map() {
    let e: Event = assert_round_trip(
        r#"{
            "createdDateTime": "2020-07-06T06:34:12.2294868Z",
            "id": "8B081EF6-4792-4DEF-B2C9-C363A1BF41D5",
            "price": 123.45,
            "content": "aGVsbG8=",
            "other": 1
        }"#,
    );
    assert_eq!(
        e.created.value().unwrap().as_str(),
        "2020-07-06T06:34:12.2294868Z"
    );
    assert_eq!(e.price.value().unwrap().as_f64(), Some(123.45));
    assert_eq!(e.content.value().unwrap().decode().unwrap(), b"hello");
    let text = serde_json::to_string(&e).unwrap();
    assert!(text.contains(r#""price":123.45"#), "{text}");
    assert!(
        text.contains(r#""id":"8B081EF6-4792-4DEF-B2C9-C363A1BF41D5""#),
        "{text}"
    );
}

#[test]
fn date_time_offset_parts_reads_utc_with_fraction() {
    assert_eq!(
        dto("2020-07-06T06:34:12.2294868Z"),
        Some(DateTimeParts {
            year: 2020,
            month: 7,
            day: 6,
            hour: 6,
            minute: 34,
            second: 12,
            nanosecond: 229_486_800,
            offset_minutes: 0,
        })
    );
}

#[test]
fn date_time_offset_parts_reads_offsets() {
    assert_eq!(
        dto("2021-01-01T10:00:00+05:30").unwrap().offset_minutes,
        330
    );
    assert_eq!(
        dto("2021-01-01T10:00:00-08:00").unwrap().offset_minutes,
        -480
    );
    assert_eq!(dto("2021-01-01T10:00:00-0130").unwrap().offset_minutes, -90);
    assert_eq!(dto("2021-01-01t10:00:00z").unwrap().offset_minutes, 0);
    assert_eq!(dto("2021-01-01 10:00:00Z").unwrap().hour, 10);
}

#[test]
fn date_time_offset_parts_handles_optional_seconds_and_long_fractions() {
    let p = dto("2021-01-01T10:07Z").unwrap();
    assert_eq!((p.hour, p.minute, p.second, p.nanosecond), (10, 7, 0, 0));
    assert_eq!(
        dto("2021-01-01T10:07:08.5Z").unwrap().nanosecond,
        500_000_000
    );
    assert_eq!(
        dto("2021-01-01T10:07:08.123456789999Z").unwrap().nanosecond,
        123_456_789
    );
    assert_eq!(dto("2016-12-31T23:59:60Z").unwrap().second, 60);
}

#[test]
fn date_time_offset_parts_rejects_malformed_or_out_of_range_text() {
    for bad in [
        "",
        "not a date",
        "2021-01-01",
        "2021-01-01T10:00:00",
        "2021-13-01T00:00:00Z",
        "2021-00-01T00:00:00Z",
        "2021-02-29T00:00:00Z",
        "2021-04-31T00:00:00Z",
        "2021-01-01T24:00:00Z",
        "2021-01-01T10:60:00Z",
        "2021-01-01T10:00:61Z",
        "2021-01-01T10:00:00.Z",
        "2021-01-01T10:00:00+24:00",
        "2021-01-01T10:00:00Zjunk",
        "21-01-01T10:00:00Z",
        "2021-1-01T10:00:00Z",
        "2021-01-01X10:00:00Z",
    ] {
        assert_eq!(dto(bad), None, "{bad:?} should not parse");
    }
    assert!(
        dto("2020-02-29T00:00:00Z").is_some(),
        "leap day exists in 2020"
    );
    assert!(
        dto("2000-02-29T00:00:00Z").is_some(),
        "leap day exists in 2000"
    );
    assert!(dto("1900-02-29T00:00:00Z").is_none(), "no leap day in 1900");
}

#[test]
fn unix_timestamp_applies_the_offset() {
    assert_eq!(dto("1970-01-01T00:00:00Z").unwrap().unix_timestamp(), 0);
    assert_eq!(
        dto("1970-01-01T01:00:00+01:00").unwrap().unix_timestamp(),
        0
    );
    assert_eq!(
        dto("2020-07-06T06:34:12.2294868Z")
            .unwrap()
            .unix_timestamp(),
        1_594_017_252
    );
    assert_eq!(
        dto("2000-02-29T23:59:59-08:00").unwrap().unix_timestamp(),
        951_897_599
    );
    assert_eq!(dto("1969-12-31T23:59:59Z").unwrap().unix_timestamp(), -1);
}

#[test]
fn date_parts_validates_calendar() {
    assert_eq!(Date::new("2021-03-31").parts(), Some((2021, 3, 31)));
    assert_eq!(Date::new("2020-02-29").parts(), Some((2020, 2, 29)));
    assert_eq!(Date::new("2021-02-29").parts(), None);
    assert_eq!(Date::new("2021-3-31").parts(), None);
    assert_eq!(Date::new("2021-03-31T00:00:00Z").parts(), None);
    assert_eq!(Date::new("").parts(), None);
}

#[test]
fn time_of_day_parts_reads_fraction_and_optional_seconds() {
    assert_eq!(
        TimeOfDay::new("08:30:00.0000000").parts(),
        Some((8, 30, 0, 0))
    );
    assert_eq!(
        TimeOfDay::new("23:59:59.9999999").parts(),
        Some((23, 59, 59, 999_999_900))
    );
    assert_eq!(TimeOfDay::new("17:05").parts(), Some((17, 5, 0, 0)));
    assert_eq!(TimeOfDay::new("24:00:00").parts(), None);
    assert_eq!(TimeOfDay::new("8:30:00").parts(), None);
    assert_eq!(TimeOfDay::new("08:30:00Z").parts(), None);
}

#[test]
fn duration_to_std_converts_time_and_day_components() {
    assert_eq!(dur("PT1H30M"), Some(StdDuration::from_secs(5_400)));
    assert_eq!(dur("P1DT2H"), Some(StdDuration::from_secs(93_600)));
    assert_eq!(dur("PT0.5S"), Some(StdDuration::from_millis(500)));
    assert_eq!(
        dur("PT1M"),
        Some(StdDuration::from_secs(60)),
        "M after T is minutes"
    );
    assert_eq!(dur("P2W"), Some(StdDuration::from_secs(14 * 86_400)));
    assert_eq!(dur("PT36H"), Some(StdDuration::from_secs(129_600)));
    assert_eq!(dur("PT0S"), Some(StdDuration::ZERO));
    assert_eq!(dur("P0D"), Some(StdDuration::ZERO));
    assert_eq!(
        dur("P1DT1H1M1.25S"),
        Some(StdDuration::new(86_400 + 3_600 + 60 + 1, 250_000_000))
    );
    assert_eq!(dur("PT1,5S"), Some(StdDuration::from_millis(1_500)));
    assert_eq!(
        dur("PT0.1234567S"),
        Some(StdDuration::from_nanos(123_456_700))
    );
}

#[test]
fn duration_to_std_rejects_calendar_units_negatives_and_malformed_text() {
    for bad in [
        "P1Y",
        "P1M",
        "P1Y2M3DT4H",
        "-PT1H",
        "P",
        "PT",
        "P1DT",
        "PT1.5M",
        "P1.5D",
        "PT1S2M",
        "PT1H1H",
        "PTH",
        "PT1",
        "1H",
        "pt1h",
        "PT1.S",
        "PT99999999999999999999S",
        "P999999999999999999D",
    ] {
        assert_eq!(dur(bad), None, "{bad:?} should not convert");
    }
}

#[test]
fn binary_encodes_standard_base64_and_decodes_both_alphabets() {
    assert_eq!(Binary::from_bytes(b"hello").as_str(), "aGVsbG8=");
    assert_eq!(Binary::from_bytes(b"").as_str(), "");
    assert_eq!(Binary::from_bytes(b"a").as_str(), "YQ==");
    assert_eq!(Binary::from_bytes(b"ab").as_str(), "YWI=");
    assert_eq!(Binary::from_bytes(&[0xfb, 0xff, 0xfe]).as_str(), "+//+");
    assert_eq!(Binary::new("+//+").decode(), Some(vec![0xfb, 0xff, 0xfe]));
    assert_eq!(Binary::new("-__-").decode(), Some(vec![0xfb, 0xff, 0xfe]));
    assert_eq!(Binary::new("aGVsbG8").decode(), Some(b"hello".to_vec()));
    assert_eq!(Binary::new("").decode(), Some(Vec::new()));
    let all: Vec<u8> = (0..=255).collect();
    assert_eq!(Binary::from_bytes(&all).decode(), Some(all));
}

#[test]
fn binary_decode_rejects_invalid_text() {
    assert_eq!(Binary::new("aGV sbG8=").decode(), None);
    assert_eq!(Binary::new("a===").decode(), None);
    assert_eq!(Binary::new("aGVsb").decode(), None);
    assert_eq!(Binary::new("aG=Vs").decode(), None);
}

#[test]
fn decimal_round_trips_as_a_json_number() {
    for text in ["123.45", "42", "-7", "0.1", "1e-7", "18446744073709551615"] {
        let d: Decimal = serde_json::from_str(text).unwrap();
        let back = serde_json::to_string(&d).unwrap();
        let expected: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&back).unwrap(),
            expected,
            "{text} came back as {back}"
        );
    }
    let d: Decimal = serde_json::from_str("123.45").unwrap();
    assert_eq!(serde_json::to_string(&d).unwrap(), "123.45");
    assert_eq!(serde_json::to_value(&d).unwrap(), json!(123.45));
}

#[test]
fn decimal_rejects_a_json_string() {
    assert!(serde_json::from_str::<Decimal>(r#""123.45""#).is_err());
}

#[test]
fn decimal_accessors_and_conversions() {
    let d: Decimal = "123.45".parse().unwrap();
    assert_eq!(d.as_f64(), Some(123.45));
    assert_eq!(d.as_i64(), None);
    assert_eq!(d.to_string(), "123.45");
    let i = Decimal::from(42_i64);
    assert_eq!(i.as_i64(), Some(42));
    assert_eq!(i.as_u64(), Some(42));
    assert_eq!(Decimal::from(7_u64).to_string(), "7");
    assert_eq!(
        Decimal::new(serde_json::Number::from(5)),
        Decimal::from(serde_json::Number::from(5))
    );
    assert_eq!(Decimal::from_f64(0.5).unwrap().as_f64(), Some(0.5));
    assert_eq!(Decimal::from_f64(f64::NAN), None);
    assert_eq!(Decimal::default().to_string(), "0");
    assert_eq!(
        d.as_number(),
        &serde_json::Number::from_f64(123.45).unwrap()
    );
    assert_eq!(serde_json::Number::from(d.clone()), d.into_number());
    assert!("abc".parse::<Decimal>().is_err());
}
