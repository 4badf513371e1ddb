//! Runtime support shared by every generated Microsoft Graph model crate.
//!
//! Every generated crate depends on this crate (`graphgen-runtime` in its
//! `Cargo.toml`) and re-exports it as `pub use ::graphgen_runtime as runtime;`,
//! so generated code names it `crate::runtime::...` and users
//! `graph_models::runtime::...`. One crate for all of them: the v1.0 and beta
//! model crates share one `Nullable`, one `ODataCollection`, ..., and it is
//! compiled once. It depends only on `std`, `serde` and `serde_json`.
//!
//! Contents:
//!
//! * [`Nullable`]: the tri-state (absent / `null` / value) used for every
//!   property of a generated struct.
//! * Wire-exact primitive newtypes: [`DateTimeOffset`], [`Date`],
//!   [`TimeOfDay`], [`Duration`], [`Guid`], [`Binary`] (all keep the exact
//!   JSON string) and [`Decimal`] (keeps the JSON number).
//! * [`Flags`]: a flags enum value travelling as comma-separated member names.
//! * [`Double`] (and [`Single`]): floating-point numbers that keep their JSON
//!   text, so `100` is written back as `100`.
//! * [`ODataValue`]: the envelope of a single primitive or enum value;
//!   [`ODataReference`]: an `@odata.id` reference, the body of `$ref` requests.
//! * [`ODataCollection`]: the envelope of collection responses (pages with
//!   `@odata.nextLink`, `@odata.deltaLink`, `@odata.count`).
//! * [`ODataError`]: the body of an error response, with its `innerError`.
//! * [`OpenType`]: the catch-all map for unknown properties and annotations.
//! * [`from_str`] / [`from_slice`] / [`from_value`]: parsing whose errors
//!   name the JSON path (`value[1].jobTitle: invalid type ...`).
//! * [`Operation`]: what a generated request descriptor (the crate's
//!   `operations` module) implements: method, URL template, path with
//!   percent-encoded parameters ([`push_encoded`], [`build_path`]), request and response types.
//! * [`testing`]: round-trip assertions for tests of generated models.
//! * [`Model`] with [`deserialize_model`] / [`serialize_model`]: the one
//!   generic serde driver of every generated struct, whose own impl is a
//!   table of its properties ([`read_property`] / [`write_property`]);
//!   [`StringEnum`] ([`enum_from_str`], [`deserialize_enum`]) the same for
//!   enums, and [`deserialize_union`] / [`serialize_tagged`] for `AnyX`
//!   unions.
//!
//! A generated property looks like this (read and written by the struct's
//! [`Model`] impl under its wire name `displayName`):
//!
//! ```text
//! pub display_name: crate::runtime::Nullable<String>,
//! ```

use std::convert::Infallible;
use std::fmt;
use std::str::FromStr;

use serde::de::{Deserialize, Deserializer};
use serde::ser::{Serialize, Serializer};

/// The catch-all type for unknown properties and instance annotations.
///
/// Generated structs end with
///
/// ```text
/// pub additional: crate::runtime::OpenType,
/// ```
///
/// which their [`Model`] impl fills with every key no field has (as a
/// `#[serde(flatten)]` map would), so that properties the documentation does not describe (including
/// instance annotations such as `"@odata.type"` or
/// `"@microsoft.graph.downloadUrl"`) survive a deserialize / serialize round
/// trip unchanged.
pub type OpenType = serde_json::Map<String, serde_json::Value>;

// ---------------------------------------------------------------------------
// Nullable
// ---------------------------------------------------------------------------

/// A property that can be absent, explicitly `null`, or hold a value.
///
/// Every property of a generated struct uses this type so that the three
/// states of the JSON wire format stay distinct:
///
/// | JSON                      | `Nullable`          | PATCH meaning      |
/// |---------------------------|---------------------|--------------------|
/// | property missing          | [`Nullable::Absent`] | leave unchanged   |
/// | `"p": null`               | [`Nullable::Null`]   | clear the value   |
/// | `"p": <value>`            | [`Nullable::Value`]  | set the value     |
///
/// Generated structs read and write their fields through [`Model`]
/// ([`read_property`] / [`write_property`]): a missing property stays
/// [`Nullable::Absent`] and is not written. In a struct using serde's derive
/// instead, the field attribute must contain both `default` (without it
/// serde treats a missing field like `null`) and `skip_serializing_if`:
///
/// ```text
/// #[serde(default, skip_serializing_if = "crate::runtime::Nullable::is_absent")]
/// pub inference: crate::runtime::Nullable<Inference>,
/// ```
///
/// Deserialization goes through `Option::<T>::deserialize`, which makes it
/// work inside structs that also carry a `#[serde(flatten)]` map.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Nullable<T> {
    /// The property is not present in the JSON object.
    Absent,
    /// The property is present with the JSON value `null`.
    Null,
    /// The property is present with a non-null value.
    Value(T),
}

impl<T> Default for Nullable<T> {
    /// Returns [`Nullable::Absent`]; does not require `T: Default`.
    fn default() -> Self {
        Nullable::Absent
    }
}

impl<T> Nullable<T> {
    /// Builds a present property from an [`Option`]: `None` becomes
    /// [`Nullable::Null`] and `Some(v)` becomes [`Nullable::Value`].
    #[must_use]
    pub fn from_option(value: Option<T>) -> Self {
        match value {
            Some(v) => Nullable::Value(v),
            None => Nullable::Null,
        }
    }

    /// Returns `true` for [`Nullable::Absent`].
    ///
    /// Used as `skip_serializing_if = "crate::runtime::Nullable::is_absent"`.
    #[must_use]
    pub fn is_absent(&self) -> bool {
        matches!(self, Nullable::Absent)
    }

    /// Returns `true` for [`Nullable::Null`].
    #[must_use]
    pub fn is_null(&self) -> bool {
        matches!(self, Nullable::Null)
    }

    /// Returns `true` for [`Nullable::Value`].
    #[must_use]
    pub fn is_value(&self) -> bool {
        matches!(self, Nullable::Value(_))
    }

    /// Converts `&Nullable<T>` into `Nullable<&T>`, keeping the state.
    #[must_use]
    pub fn as_ref(&self) -> Nullable<&T> {
        match self {
            Nullable::Absent => Nullable::Absent,
            Nullable::Null => Nullable::Null,
            Nullable::Value(v) => Nullable::Value(v),
        }
    }

    /// Converts `&mut Nullable<T>` into `Nullable<&mut T>`, keeping the state.
    #[must_use]
    pub fn as_mut(&mut self) -> Nullable<&mut T> {
        match self {
            Nullable::Absent => Nullable::Absent,
            Nullable::Null => Nullable::Null,
            Nullable::Value(v) => Nullable::Value(v),
        }
    }

    /// Returns the value if there is one; `None` for both absent and `null`.
    #[must_use]
    pub fn value(&self) -> Option<&T> {
        match self {
            Nullable::Value(v) => Some(v),
            Nullable::Absent | Nullable::Null => None,
        }
    }

    /// Returns a mutable reference to the value if there is one.
    #[must_use]
    pub fn value_mut(&mut self) -> Option<&mut T> {
        match self {
            Nullable::Value(v) => Some(v),
            Nullable::Absent | Nullable::Null => None,
        }
    }

    /// Consumes `self` and returns the value if there is one; `None` for both
    /// absent and `null`.
    #[must_use]
    pub fn into_value(self) -> Option<T> {
        match self {
            Nullable::Value(v) => Some(v),
            Nullable::Absent | Nullable::Null => None,
        }
    }

    /// Maps the value with `f`, keeping [`Nullable::Absent`] and
    /// [`Nullable::Null`] as they are.
    #[must_use]
    pub fn map<U, F: FnOnce(T) -> U>(self, f: F) -> Nullable<U> {
        match self {
            Nullable::Absent => Nullable::Absent,
            Nullable::Null => Nullable::Null,
            Nullable::Value(v) => Nullable::Value(f(v)),
        }
    }

    /// Takes the current state out, leaving [`Nullable::Absent`] in its place.
    #[must_use = "to reset the property, assign `Nullable::Absent` instead"]
    pub fn take(&mut self) -> Nullable<T> {
        std::mem::take(self)
    }

    /// Replaces the current state with [`Nullable::Value`]`(value)`.
    pub fn set(&mut self, value: T) {
        *self = Nullable::Value(value);
    }

    /// Replaces the current state with [`Nullable::Null`] (PATCH: clear).
    pub fn set_null(&mut self) {
        *self = Nullable::Null;
    }

    /// Returns `true` unless [`Nullable::Absent`]: the property was (or will be) written.
    #[must_use]
    pub fn is_present(&self) -> bool {
        !self.is_absent()
    }

    /// The value as an [`Option`] of a reference; `None` for both absent and
    /// `null` (the same as [`Nullable::value`], named like `Option::as_ref`).
    #[must_use]
    pub fn as_option(&self) -> Option<&T> {
        self.value()
    }

    /// Consumes `self` into an [`Option`]; `None` for both absent and `null`.
    #[must_use]
    pub fn into_option(self) -> Option<T> {
        self.into_value()
    }

    /// Converts `&Nullable<T>` into `Option<&T::Target>`: `user.display_name.as_deref()`
    /// is an `Option<&str>`.
    #[must_use]
    pub fn as_deref(&self) -> Option<&T::Target>
    where
        T: std::ops::Deref,
    {
        self.value().map(|v| &**v)
    }

    /// Converts `&mut Nullable<T>` into `Option<&mut T::Target>`.
    #[must_use]
    pub fn as_deref_mut(&mut self) -> Option<&mut T::Target>
    where
        T: std::ops::DerefMut,
    {
        self.value_mut().map(|v| &mut **v)
    }

    /// Returns the value, or `default` when absent or `null`.
    #[must_use]
    pub fn unwrap_or(self, default: T) -> T {
        self.into_value().unwrap_or(default)
    }

    /// Returns the value, or computes one when absent or `null`.
    #[must_use]
    pub fn unwrap_or_else<F: FnOnce() -> T>(self, f: F) -> T {
        self.into_value().unwrap_or_else(f)
    }

    /// Returns the value, or `T::default()` when absent or `null`.
    #[must_use]
    pub fn unwrap_or_default(self) -> T
    where
        T: Default,
    {
        self.into_value().unwrap_or_default()
    }

    /// `Ok(value)`, or `Err(err)` when absent or `null`.
    ///
    /// # Errors
    /// `err` when there is no value.
    pub fn ok_or<E>(self, err: E) -> Result<T, E> {
        self.into_value().ok_or(err)
    }

    /// `Ok(value)`, or `Err(f())` when absent or `null`.
    ///
    /// # Errors
    /// `f()` when there is no value.
    pub fn ok_or_else<E, F: FnOnce() -> E>(self, f: F) -> Result<T, E> {
        self.into_value().ok_or_else(f)
    }

    /// Chains a computation that may itself be absent or `null`; keeps
    /// [`Nullable::Absent`] and [`Nullable::Null`] as they are.
    #[must_use]
    pub fn and_then<U, F: FnOnce(T) -> Nullable<U>>(self, f: F) -> Nullable<U> {
        match self {
            Nullable::Absent => Nullable::Absent,
            Nullable::Null => Nullable::Null,
            Nullable::Value(v) => f(v),
        }
    }

    /// `self` if it is present (a value or `null`), else `other`: merges a
    /// PATCH over defaults without losing an explicit `null`.
    #[must_use]
    pub fn or(self, other: Nullable<T>) -> Nullable<T> {
        if self.is_absent() {
            other
        } else {
            self
        }
    }

    /// Iterates over the value, if any.
    pub fn iter(&self) -> std::option::IntoIter<&T> {
        self.value().into_iter()
    }

    /// The tri-state as nested options: absent is `None`, `null` is
    /// `Some(None)`, a value is `Some(Some(v))` (serde_with's `double_option`).
    #[must_use]
    pub fn into_nested_option(self) -> Option<Option<T>> {
        match self {
            Nullable::Absent => None,
            Nullable::Null => Some(None),
            Nullable::Value(v) => Some(Some(v)),
        }
    }

    /// The inverse of [`Nullable::into_nested_option`].
    #[must_use]
    pub fn from_nested_option(value: Option<Option<T>>) -> Self {
        match value {
            None => Nullable::Absent,
            Some(None) => Nullable::Null,
            Some(Some(v)) => Nullable::Value(v),
        }
    }

    /// The value, inserting `f()` first when absent or `null`.
    pub fn get_or_insert_with<F: FnOnce() -> T>(&mut self, f: F) -> &mut T {
        if !self.is_value() {
            *self = Nullable::Value(f());
        }
        match self {
            Nullable::Value(v) => v,
            Nullable::Absent | Nullable::Null => unreachable!("just set"),
        }
    }
}

impl<T: Clone> Nullable<&T> {
    /// Clones the referenced value, keeping the state.
    #[must_use]
    pub fn cloned(self) -> Nullable<T> {
        self.map(Clone::clone)
    }
}

impl<T: Copy> Nullable<&T> {
    /// Copies the referenced value, keeping the state.
    #[must_use]
    pub fn copied(self) -> Nullable<T> {
        self.map(|v| *v)
    }
}

impl<T> From<Nullable<T>> for Option<T> {
    /// The value; `None` for both absent and `null`.
    fn from(value: Nullable<T>) -> Self {
        value.into_value()
    }
}

impl<T> From<T> for Nullable<T> {
    /// Wraps `value` as [`Nullable::Value`].
    fn from(value: T) -> Self {
        Nullable::Value(value)
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    /// Writes `null` for [`Nullable::Null`] and the value for
    /// [`Nullable::Value`]. [`Nullable::Absent`] is also written as `null`;
    /// it is only reached when the field lacks
    /// `skip_serializing_if = "crate::runtime::Nullable::is_absent"`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Value(v) => serializer.serialize_some(v),
            Nullable::Absent | Nullable::Null => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    /// Reads `null` as [`Nullable::Null`] and anything else as
    /// [`Nullable::Value`]. A missing property never reaches this function
    /// when the field has `#[serde(default)]`; it then stays
    /// [`Nullable::Absent`].
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(deserializer).map(Nullable::from_option)
    }
}

// ---------------------------------------------------------------------------
// String-backed primitives
// ---------------------------------------------------------------------------

macro_rules! string_primitive {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(
            Debug,
            Clone,
            PartialEq,
            Eq,
            PartialOrd,
            Ord,
            Hash,
            Default,
            serde::Serialize,
            serde::Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            #[doc = concat!("Wraps the wire text as a [`", stringify!($name), "`] without validating it.")]
            #[must_use]
            pub fn new(text: impl Into<String>) -> Self {
                $name(text.into())
            }

            /// Returns the exact wire text.
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// Returns the exact wire text, consuming `self`.
            #[must_use]
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl fmt::Display for $name {
            /// Writes the exact wire text.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl FromStr for $name {
            type Err = Infallible;

            /// Keeps `s` unchanged; never fails.
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok($name(s.to_owned()))
            }
        }

        impl From<String> for $name {
            fn from(text: String) -> Self {
                $name(text)
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                $name(text.to_owned())
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> Self {
                value.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    };
}

string_primitive! {
    /// An `Edm.DateTimeOffset`, e.g. `"2020-07-06T06:34:12.2294868Z"`.
    ///
    /// Holds the exact wire text, so any number of fractional digits and any
    /// offset notation round-trip byte for byte. Use
    /// [`DateTimeOffset::parts`] for the numeric fields.
    DateTimeOffset
}

string_primitive! {
    /// An `Edm.Date`, e.g. `"2021-03-31"`. Holds the exact wire text; use
    /// [`Date::parts`] for the numeric fields.
    Date
}

string_primitive! {
    /// An `Edm.TimeOfDay`, e.g. `"08:30:00.0000000"`. Holds the exact wire
    /// text; use [`TimeOfDay::parts`] for the numeric fields.
    TimeOfDay
}

string_primitive! {
    /// An `Edm.Duration` in ISO 8601 notation, e.g. `"PT1H30M"`. Holds the
    /// exact wire text; use [`Duration::to_std`] to convert it.
    Duration
}

string_primitive! {
    /// An `Edm.Guid`, e.g. `"8b081ef6-4792-4def-b2c9-c363a1bf41d5"`. Holds the
    /// exact wire text, so letter case is preserved.
    Guid
}

string_primitive! {
    /// An `Edm.Binary` value as its base64 text. Holds the exact wire text;
    /// use [`Binary::decode`] for the bytes and [`Binary::from_bytes`] to
    /// encode.
    Binary
}

/// The numeric fields of a [`DateTimeOffset`], as written on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateTimeParts {
    /// Year, `0..=9999`.
    pub year: i32,
    /// Month, `1..=12`.
    pub month: u8,
    /// Day of month, `1..=31` (validated against the month).
    pub day: u8,
    /// Hour, `0..=23`.
    pub hour: u8,
    /// Minute, `0..=59`.
    pub minute: u8,
    /// Second, `0..=60` (60 only for a leap second).
    pub second: u8,
    /// Fractional second in nanoseconds; digits past the ninth are dropped.
    pub nanosecond: u32,
    /// Offset from UTC in minutes (`Z` is 0, `-08:00` is -480).
    pub offset_minutes: i16,
}

impl DateTimeParts {
    /// Seconds since 1970-01-01T00:00:00Z of this instant (the offset is
    /// applied; the fractional second is ignored).
    #[must_use]
    pub fn unix_timestamp(&self) -> i64 {
        let days = days_from_civil(i64::from(self.year), self.month, self.day);
        days * 86_400
            + i64::from(self.hour) * 3_600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
            - i64::from(self.offset_minutes) * 60
    }
}

impl DateTimeOffset {
    /// Parses the wire text as ISO 8601 / RFC 3339
    /// `YYYY-MM-DDThh:mm[:ss[.fff…]](Z|±hh:mm|±hhmm)`.
    ///
    /// `t`, `z` and a space separator are accepted too. Returns `None` if the
    /// text does not have that shape, a field is out of range, or the offset
    /// is missing.
    #[must_use]
    pub fn parts(&self) -> Option<DateTimeParts> {
        let mut c = Cursor::new(&self.0);
        let (year, month, day) = c.date()?;
        if !(c.eat(b'T') || c.eat(b't') || c.eat(b' ')) {
            return None;
        }
        let (hour, minute, second, nanosecond) = c.time()?;
        let offset_minutes = if c.eat(b'Z') || c.eat(b'z') {
            0
        } else {
            let sign: i16 = if c.eat(b'+') {
                1
            } else if c.eat(b'-') {
                -1
            } else {
                return None;
            };
            let oh = c.fixed_digits(2)?;
            c.eat(b':');
            let om = c.fixed_digits(2)?;
            if oh > 23 || om > 59 {
                return None;
            }
            sign * i16::try_from(oh * 60 + om).ok()?
        };
        if !c.at_end() {
            return None;
        }
        Some(DateTimeParts {
            year,
            month,
            day,
            hour,
            minute,
            second,
            nanosecond,
            offset_minutes,
        })
    }
}

impl Date {
    /// Parses the wire text `YYYY-MM-DD` into `(year, month, day)`.
    ///
    /// Returns `None` if the text does not have that shape or the day does
    /// not exist in that month.
    #[must_use]
    pub fn parts(&self) -> Option<(i32, u8, u8)> {
        let mut c = Cursor::new(&self.0);
        let date = c.date()?;
        c.at_end().then_some(date)
    }
}

impl TimeOfDay {
    /// Parses the wire text `hh:mm[:ss[.fff…]]` into
    /// `(hour, minute, second, nanosecond)`.
    ///
    /// Digits past the ninth fractional digit are dropped. Returns `None` if
    /// the text does not have that shape or a field is out of range.
    #[must_use]
    pub fn parts(&self) -> Option<(u8, u8, u8, u32)> {
        let mut c = Cursor::new(&self.0);
        let time = c.time()?;
        c.at_end().then_some(time)
    }
}

impl Duration {
    /// Converts an ISO 8601 duration such as `PT1H30M`, `P1DT2H` or `PT0.5S`
    /// into a [`std::time::Duration`].
    ///
    /// Weeks (`W`) count as 7 days and days (`D`) as 24 hours. Only seconds
    /// may carry a fraction (`.` or `,`). Returns `None` for years or months
    /// (their length varies), negative durations, malformed text, and
    /// overflow.
    #[must_use]
    pub fn to_std(&self) -> Option<std::time::Duration> {
        // Units in the order they may appear, with their length in seconds
        // (`None` for units without a fixed length).
        const DATE_UNITS: [(u8, Option<u64>); 4] = [
            (b'Y', None),
            (b'M', None),
            (b'W', Some(7 * 86_400)),
            (b'D', Some(86_400)),
        ];
        const TIME_UNITS: [(u8, Option<u64>); 3] =
            [(b'H', Some(3_600)), (b'M', Some(60)), (b'S', Some(1))];
        let rest = self.0.strip_prefix('P')?;
        let (date_part, time_part) = match rest.split_once('T') {
            Some((d, t)) => (d, Some(t)),
            None => (rest, None),
        };
        if time_part == Some("") || (date_part.is_empty() && time_part.is_none()) {
            return None;
        }
        let mut secs: u64 = 0;
        let mut nanos: u32 = 0;
        for (part, units) in [
            (date_part, &DATE_UNITS[..]),
            (time_part.unwrap_or(""), &TIME_UNITS[..]),
        ] {
            let mut c = Cursor::new(part);
            let mut next_unit = 0;
            while !c.at_end() {
                let whole = c.number()?;
                let fraction = if c.eat(b'.') || c.eat(b',') {
                    Some(c.fraction_nanos()?)
                } else {
                    None
                };
                let unit = c.next_byte()?;
                let offset = units[next_unit..].iter().position(|(u, _)| *u == unit)?;
                let (_, length) = units[next_unit + offset];
                next_unit += offset + 1;
                let length = length?;
                if let Some(frac) = fraction {
                    // Only the seconds component (the last one) may be fractional.
                    if length != 1 || !c.at_end() {
                        return None;
                    }
                    nanos = frac;
                }
                secs = secs.checked_add(whole.checked_mul(length)?)?;
            }
        }
        Some(std::time::Duration::new(secs, nanos))
    }
}

impl Binary {
    /// Encodes `bytes` as standard base64 (RFC 4648 §4, `+` `/`, padded),
    /// which is what Microsoft Graph sends.
    #[must_use]
    pub fn from_bytes(bytes: &[u8]) -> Self {
        const ALPHABET: &[u8; 64] =
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let b = [
                chunk[0],
                chunk.get(1).copied().unwrap_or(0),
                chunk.get(2).copied().unwrap_or(0),
            ];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 0x3f) as usize]));
                } else {
                    out.push('=');
                }
            }
        }
        Binary(out)
    }

    /// Decodes the base64 text into bytes.
    ///
    /// Accepts both the standard (`+` `/`) and the URL-safe (`-` `_`)
    /// alphabet (`OData` specifies `base64url`, Graph mostly sends standard), with
    /// or without `=` padding. Returns `None` for any other character or an
    /// impossible length.
    #[must_use]
    pub fn decode(&self) -> Option<Vec<u8>> {
        let text = self.0.trim_end_matches('=');
        if self.0.len() - text.len() > 2 {
            return None;
        }
        let mut out = Vec::with_capacity(text.len() * 3 / 4);
        let mut acc: u32 = 0;
        let mut bits = 0;
        for byte in text.bytes() {
            let v = match byte {
                b'A'..=b'Z' => byte - b'A',
                b'a'..=b'z' => byte - b'a' + 26,
                b'0'..=b'9' => byte - b'0' + 52,
                b'+' | b'-' => 62,
                b'/' | b'_' => 63,
                _ => return None,
            };
            acc = (acc << 6) | u32::from(v);
            bits += 6;
            if bits >= 8 {
                bits -= 8;
                // Exactly eight bits remain above `bits`: the low byte.
                out.push((acc >> bits).to_le_bytes()[0]);
                acc &= (1 << bits) - 1;
            }
        }
        // A single leftover sextet cannot encode a whole byte.
        if text.len() % 4 == 1 {
            return None;
        }
        Some(out)
    }
}

/// Days from 1970-01-01 to the given proleptic Gregorian date
/// (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: u8, day: u8) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// A tiny byte cursor for the hand-written ISO 8601 parsers.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Self {
        Cursor {
            bytes: text.as_bytes(),
            pos: 0,
        }
    }

    fn at_end(&self) -> bool {
        self.pos == self.bytes.len()
    }

    fn next_byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.pos)?;
        self.pos += 1;
        Some(b)
    }

    fn eat(&mut self, expected: u8) -> bool {
        if self.bytes.get(self.pos) == Some(&expected) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Exactly `n` ASCII digits.
    fn fixed_digits(&mut self, n: usize) -> Option<u32> {
        let digits = self.bytes.get(self.pos..self.pos + n)?;
        let mut value = 0u32;
        for &d in digits {
            if !d.is_ascii_digit() {
                return None;
            }
            value = value * 10 + u32::from(d - b'0');
        }
        self.pos += n;
        Some(value)
    }

    /// One or more ASCII digits as a `u64`; `None` on overflow.
    fn number(&mut self) -> Option<u64> {
        let start = self.pos;
        let mut value = 0u64;
        while let Some(&d) = self.bytes.get(self.pos) {
            if !d.is_ascii_digit() {
                break;
            }
            value = value.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
            self.pos += 1;
        }
        (self.pos > start).then_some(value)
    }

    /// One or more fractional digits as nanoseconds (digits past the ninth
    /// are dropped).
    fn fraction_nanos(&mut self) -> Option<u32> {
        let start = self.pos;
        let mut nanos = 0u32;
        let mut scale = 100_000_000u32;
        while let Some(&d) = self.bytes.get(self.pos) {
            if !d.is_ascii_digit() {
                break;
            }
            nanos += u32::from(d - b'0') * scale;
            scale /= 10;
            self.pos += 1;
        }
        (self.pos > start).then_some(nanos)
    }

    /// `YYYY-MM-DD`, validated.
    fn date(&mut self) -> Option<(i32, u8, u8)> {
        let year = self.fixed_digits(4)?;
        if !self.eat(b'-') {
            return None;
        }
        let month = self.fixed_digits(2)?;
        if !self.eat(b'-') {
            return None;
        }
        let day = self.fixed_digits(2)?;
        let year = i32::try_from(year).ok()?;
        let (month, day) = (u8::try_from(month).ok()?, u8::try_from(day).ok()?);
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some((year, month, day))
    }

    /// `hh:mm[:ss[.fff…]]`, validated.
    fn time(&mut self) -> Option<(u8, u8, u8, u32)> {
        let hour = self.fixed_digits(2)?;
        if !self.eat(b':') {
            return None;
        }
        let minute = self.fixed_digits(2)?;
        let mut second = 0;
        let mut nanos = 0;
        if self.eat(b':') {
            second = self.fixed_digits(2)?;
            if self.eat(b'.') {
                nanos = self.fraction_nanos()?;
            }
        }
        if hour > 23 || minute > 59 || second > 60 {
            return None;
        }
        Some((
            u8::try_from(hour).ok()?,
            u8::try_from(minute).ok()?,
            u8::try_from(second).ok()?,
            nanos,
        ))
    }
}

// ---------------------------------------------------------------------------
// Decimal
// ---------------------------------------------------------------------------

/// An `Edm.Decimal`, which Microsoft Graph sends as a JSON number.
///
/// Holds the [`serde_json::Number`] as parsed, so `123.45` is written back as
/// `123.45` (a number, not a string). Without `serde_json`'s
/// `arbitrary_precision` feature a non-integer is held as an `f64`, so a
/// decimal with more than about 15 significant digits loses precision.
///
/// Unlike the string-backed primitives it has no `Ord`: numbers of
/// different representations (`1` and `1.0`) are not `==`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Decimal(serde_json::Number);

impl Decimal {
    /// Wraps a JSON number.
    #[must_use]
    pub fn new(number: serde_json::Number) -> Self {
        Decimal(number)
    }

    /// Builds a decimal from a finite `f64`; `None` for NaN or infinity.
    #[must_use]
    pub fn from_f64(value: f64) -> Option<Self> {
        serde_json::Number::from_f64(value).map(Decimal)
    }

    /// Returns the JSON number.
    #[must_use]
    pub fn as_number(&self) -> &serde_json::Number {
        &self.0
    }

    /// Returns the JSON number, consuming `self`.
    #[must_use]
    pub fn into_number(self) -> serde_json::Number {
        self.0
    }

    /// The value as an `f64` (see [`serde_json::Number::as_f64`]).
    #[must_use]
    pub fn as_f64(&self) -> Option<f64> {
        self.0.as_f64()
    }

    /// The value as an `i64` if it is an integer that fits.
    #[must_use]
    pub fn as_i64(&self) -> Option<i64> {
        self.0.as_i64()
    }

    /// The value as a `u64` if it is a non-negative integer that fits.
    #[must_use]
    pub fn as_u64(&self) -> Option<u64> {
        self.0.as_u64()
    }
}

impl Default for Decimal {
    /// Returns the integer `0`.
    fn default() -> Self {
        Decimal(serde_json::Number::from(0u8))
    }
}

impl fmt::Display for Decimal {
    /// Writes the number as `serde_json` would write it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl FromStr for Decimal {
    type Err = serde_json::Error;

    /// Parses JSON number text such as `123.45` or `-7`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        serde_json::from_str::<serde_json::Number>(s).map(Decimal)
    }
}

impl From<serde_json::Number> for Decimal {
    fn from(number: serde_json::Number) -> Self {
        Decimal(number)
    }
}

impl From<Decimal> for serde_json::Number {
    fn from(value: Decimal) -> Self {
        value.0
    }
}

impl From<i64> for Decimal {
    fn from(value: i64) -> Self {
        Decimal(value.into())
    }
}

impl From<u64> for Decimal {
    fn from(value: u64) -> Self {
        Decimal(value.into())
    }
}

// ---------------------------------------------------------------------------
// Double
// ---------------------------------------------------------------------------

/// An `Edm.Double` or `Edm.Single`, kept as the JSON number it was read from.
///
/// An `f64` would write `100` back as `100.0` and cannot hold `2^63` exactly;
/// `Double` writes back what it read (`100`, `100.0`, `1e300`, `-0.0`,
/// `9223372036854775808`). OData JSON sends the non-finite values as the
/// strings `"NaN"`, `"INF"` and `"-INF"`; they are read and written that way.
///
/// Build one with `Double::from(1.5)` (or from any integer), read it with
/// [`Double::as_f64`]. Comparison is by value: `Double::from(1) ==
/// Double::from(1.0)`.
#[derive(Debug, Clone)]
pub struct Double(DoubleRepr);

#[derive(Debug, Clone)]
enum DoubleRepr {
    Number(serde_json::Number),
    NonFinite(f64),
}

/// `Edm.Single` values are held like `Edm.Double` ones, so their text is kept too.
pub type Single = Double;

impl Double {
    /// The value as an `f64` (an integer beyond 2^53 is rounded).
    #[must_use]
    pub fn as_f64(&self) -> f64 {
        match &self.0 {
            // Every JSON number converts to f64 (serde_json without arbitrary_precision).
            DoubleRepr::Number(n) => n.as_f64().unwrap_or(f64::NAN),
            DoubleRepr::NonFinite(v) => *v,
        }
    }

    /// The JSON number, if the value is finite.
    #[must_use]
    pub fn as_number(&self) -> Option<&serde_json::Number> {
        match &self.0 {
            DoubleRepr::Number(n) => Some(n),
            DoubleRepr::NonFinite(_) => None,
        }
    }
}

impl Default for Double {
    /// The integer `0`.
    fn default() -> Self {
        Double(DoubleRepr::Number(0u8.into()))
    }
}

impl PartialEq for Double {
    /// By value, like `f64` (`NaN != NaN`, `0 == -0`).
    #[allow(clippy::float_cmp)]
    fn eq(&self, other: &Self) -> bool {
        self.as_f64() == other.as_f64()
    }
}

impl PartialOrd for Double {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        self.as_f64().partial_cmp(&other.as_f64())
    }
}

impl fmt::Display for Double {
    /// The number as it is written on the wire (`NaN`, `INF`, `-INF` for the
    /// non-finite values).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            DoubleRepr::Number(n) => fmt::Display::fmt(n, f),
            DoubleRepr::NonFinite(v) => f.write_str(non_finite_name(*v)),
        }
    }
}

fn non_finite_name(v: f64) -> &'static str {
    if v.is_nan() {
        "NaN"
    } else if v > 0.0 {
        "INF"
    } else {
        "-INF"
    }
}

impl From<f64> for Double {
    fn from(value: f64) -> Self {
        match serde_json::Number::from_f64(value) {
            Some(n) => Double(DoubleRepr::Number(n)),
            None => Double(DoubleRepr::NonFinite(value)),
        }
    }
}

impl From<f32> for Double {
    /// Keeps the `f32`'s shortest text (`1.1f32` is written `1.1`, not
    /// `1.100000023841858`).
    fn from(value: f32) -> Self {
        match value.to_string().parse::<serde_json::Number>() {
            Ok(n) if value.is_finite() => Double(DoubleRepr::Number(n)),
            _ => Double(DoubleRepr::NonFinite(f64::from(value))),
        }
    }
}

macro_rules! double_from_integer {
    ($($t:ty),*) => {$(
        impl From<$t> for Double {
            fn from(value: $t) -> Self {
                Double(DoubleRepr::Number(value.into()))
            }
        }
    )*};
}
double_from_integer!(i8, i16, i32, i64, u8, u16, u32, u64);

impl From<serde_json::Number> for Double {
    fn from(number: serde_json::Number) -> Self {
        Double(DoubleRepr::Number(number))
    }
}

impl From<Double> for f64 {
    fn from(value: Double) -> Self {
        value.as_f64()
    }
}

impl Serialize for Double {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            DoubleRepr::Number(n) => n.serialize(serializer),
            DoubleRepr::NonFinite(v) => serializer.serialize_str(non_finite_name(*v)),
        }
    }
}

impl<'de> Deserialize<'de> for Double {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Double;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number, or \"NaN\", \"INF\" or \"-INF\"")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Double, E> {
                Ok(Double::from(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Double, E> {
                Ok(Double::from(v))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Double, E> {
                Ok(Double::from(v))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Double, E> {
                match v {
                    "NaN" => Ok(Double(DoubleRepr::NonFinite(f64::NAN))),
                    "INF" => Ok(Double(DoubleRepr::NonFinite(f64::INFINITY))),
                    "-INF" => Ok(Double(DoubleRepr::NonFinite(f64::NEG_INFINITY))),
                    _ => Err(E::invalid_value(serde::de::Unexpected::Str(v), &self)),
                }
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

// ---------------------------------------------------------------------------
// Flags
// ---------------------------------------------------------------------------

/// A value of a flags enum, which travels as comma-separated member names
/// such as `"organization,family"`.
///
/// `E` is a generated evolvable enum: it implements
/// `FromStr<Err = Infallible>` (unknown names become a variant holding the
/// text) and `Display` (writing the wire name back), so no token is lost.
/// Members are kept in the order received, including duplicates, so
/// `"organization,family,someNewValue"` round-trips exactly. Parsing trims
/// ASCII whitespace around each name and skips empty names, so
/// `"a, b"` is written back as `"a,b"`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Flags<E> {
    members: Vec<E>,
}

impl<E> Default for Flags<E> {
    /// Returns the empty set; does not require `E: Default`.
    fn default() -> Self {
        Flags {
            members: Vec::new(),
        }
    }
}

impl<E> Flags<E> {
    /// The empty set (written as `""`).
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of members (duplicates included).
    #[must_use]
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Returns `true` if there are no members.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// Iterates over the members in order.
    pub fn iter(&self) -> std::slice::Iter<'_, E> {
        self.members.iter()
    }

    /// The members in order.
    #[must_use]
    pub fn as_slice(&self) -> &[E] {
        &self.members
    }

    /// The members in order, consuming `self`.
    #[must_use]
    pub fn into_vec(self) -> Vec<E> {
        self.members
    }
}

impl<E: PartialEq> Flags<E> {
    /// Returns `true` if `member` is in the set.
    #[must_use]
    pub fn contains(&self, member: &E) -> bool {
        self.members.contains(member)
    }

    /// Appends `member` unless it is already present; returns whether it was
    /// added.
    pub fn insert(&mut self, member: E) -> bool {
        if self.contains(&member) {
            false
        } else {
            self.members.push(member);
            true
        }
    }

    /// Removes every occurrence of `member`; returns whether any was removed.
    pub fn remove(&mut self, member: &E) -> bool {
        let before = self.members.len();
        self.members.retain(|m| m != member);
        self.members.len() != before
    }
}

impl<E> From<Vec<E>> for Flags<E> {
    /// Uses the members as given, in order.
    fn from(members: Vec<E>) -> Self {
        Flags { members }
    }
}

impl<E> FromIterator<E> for Flags<E> {
    /// Collects the members as given, in order (duplicates kept).
    fn from_iter<I: IntoIterator<Item = E>>(iter: I) -> Self {
        Flags {
            members: iter.into_iter().collect(),
        }
    }
}

impl<E> Extend<E> for Flags<E> {
    /// Appends the members as given (duplicates kept).
    fn extend<I: IntoIterator<Item = E>>(&mut self, iter: I) {
        self.members.extend(iter);
    }
}

impl<E> IntoIterator for Flags<E> {
    type Item = E;
    type IntoIter = std::vec::IntoIter<E>;

    fn into_iter(self) -> Self::IntoIter {
        self.members.into_iter()
    }
}

impl<'a, E> IntoIterator for &'a Flags<E> {
    type Item = &'a E;
    type IntoIter = std::slice::Iter<'a, E>;

    fn into_iter(self) -> Self::IntoIter {
        self.members.iter()
    }
}

impl<E: FromStr<Err = Infallible>> FromStr for Flags<E> {
    type Err = Infallible;

    /// Splits on `,`, trims ASCII whitespace around each name and skips
    /// empty names; the empty string is the empty set.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(s.split(',')
            .map(|token| token.trim_matches(|c: char| c.is_ascii_whitespace()))
            .filter(|token| !token.is_empty())
            .map(|token| match token.parse::<E>() {
                Ok(member) => member,
                Err(never) => match never {},
            })
            .collect())
    }
}

impl<E: fmt::Display> fmt::Display for Flags<E> {
    /// Writes the members joined with `,` (no spaces).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, member) in self.members.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            fmt::Display::fmt(member, f)?;
        }
        Ok(())
    }
}

impl<E: fmt::Display> Serialize for Flags<E> {
    /// Writes a JSON string of comma-separated names.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de, E: FromStr<Err = Infallible>> Deserialize<'de> for Flags<E> {
    /// Reads a JSON string of comma-separated names.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        match text.parse() {
            Ok(flags) => Ok(flags),
            Err(never) => match never {},
        }
    }
}

// ---------------------------------------------------------------------------
// ODataCollection
// ---------------------------------------------------------------------------

/// The envelope of a collection response:
///
/// ```text
/// {"@odata.context": "...", "@odata.count": 3, "@odata.nextLink": "...", "value": [...]}
/// ```
///
/// Any other property or annotation is kept in
/// [`additional`](ODataCollection::additional), so nothing is lost on a
/// round trip. `T` needs no `Default`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ODataCollection<T> {
    /// `@odata.context`: the context URL of the response.
    #[serde(
        rename = "@odata.context",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub odata_context: Option<String>,
    /// `@odata.count`: the total count, present when `$count=true` was sent.
    #[serde(
        rename = "@odata.count",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub odata_count: Option<i64>,
    /// `@odata.nextLink`: the URL of the next page, if any.
    #[serde(
        rename = "@odata.nextLink",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub odata_next_link: Option<String>,
    /// `@odata.deltaLink`: the URL for the next delta query, on the last
    /// page of a delta response.
    #[serde(
        rename = "@odata.deltaLink",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub odata_delta_link: Option<String>,
    /// `value`: the items of this page (empty when missing).
    // `default = "Vec::new"` rather than `default`: plain `default` would make
    // serde require `T: Default`.
    #[serde(default = "Vec::new")]
    pub value: Vec<T>,
    /// Every other property and annotation of the envelope (an empty map
    /// writes nothing).
    #[serde(flatten)]
    pub additional: OpenType,
}

impl<T> Default for ODataCollection<T> {
    /// An empty page with no annotations; does not require `T: Default`.
    fn default() -> Self {
        ODataCollection {
            odata_context: None,
            odata_count: None,
            odata_next_link: None,
            odata_delta_link: None,
            value: Vec::new(),
            additional: OpenType::new(),
        }
    }
}

impl<T> ODataCollection<T> {
    /// A page holding `value` and no annotations.
    #[must_use]
    pub fn new(value: Vec<T>) -> Self {
        ODataCollection {
            value,
            ..Self::default()
        }
    }

    /// Number of items in this page.
    #[must_use]
    pub fn len(&self) -> usize {
        self.value.len()
    }

    /// Returns `true` if this page has no items.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.value.is_empty()
    }

    /// Iterates over the items of this page.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.value.iter()
    }
}

impl<T> IntoIterator for ODataCollection<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.value.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a ODataCollection<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.value.iter()
    }
}

impl<T> ODataCollection<T> {
    /// The URL of the next page, or `None` on the last page.
    #[must_use]
    pub fn next_link(&self) -> Option<&str> {
        self.odata_next_link.as_deref()
    }
}

// ---------------------------------------------------------------------------
// ODataValue
// ---------------------------------------------------------------------------

/// The envelope of a response holding one primitive or enum value (a function
/// returning a String or a Boolean):
///
/// ```text
/// {"@odata.context": "https://graph.microsoft.com/beta/$metadata#Edm.String", "value": "https://..."}
/// ```
///
/// Any other annotation or member is kept in [`additional`](ODataValue::additional),
/// so nothing is lost on a round trip.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct ODataValue<T> {
    /// `@odata.context`: the context URL of the response.
    #[serde(
        rename = "@odata.context",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub odata_context: Option<String>,
    /// `value`: the value itself.
    pub value: T,
    /// Every other member and annotation of the envelope (an empty map writes
    /// nothing).
    #[serde(flatten)]
    pub additional: OpenType,
}

impl<T> ODataValue<T> {
    /// An envelope holding `value` and no annotations.
    #[must_use]
    pub fn new(value: T) -> Self {
        ODataValue {
            odata_context: None,
            value,
            additional: OpenType::new(),
        }
    }

    /// The value, without the envelope.
    #[must_use]
    pub fn into_inner(self) -> T {
        self.value
    }
}

// ---------------------------------------------------------------------------
// ODataReference
// ---------------------------------------------------------------------------

/// An entity reference, the body of a `$ref` request (`POST /groups/{id}/members/$ref`):
///
/// ```text
/// {"@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/{id}"}
/// ```
///
/// Any other member is kept in [`additional`](ODataReference::additional).
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct ODataReference {
    /// `@odata.id`: the URL of the entity referred to.
    #[serde(rename = "@odata.id")]
    pub odata_id: String,
    /// Every other member and annotation of the body (an empty map writes
    /// nothing).
    #[serde(flatten)]
    pub additional: OpenType,
}

impl ODataReference {
    /// A reference to the entity at `url`.
    #[must_use]
    pub fn new(url: impl Into<String>) -> Self {
        ODataReference {
            odata_id: url.into(),
            additional: OpenType::new(),
        }
    }
}

// ---------------------------------------------------------------------------
// ODataError
// ---------------------------------------------------------------------------

/// The body of a Graph error response:
///
/// ```text
/// {"error": {"code": "ItemNotFound", "message": "...",
///            "innerError": {"date": "...", "request-id": "...", "client-request-id": "..."}}}
/// ```
///
/// Every level keeps properties it does not name in `additional`, so an error
/// body round-trips unchanged. It implements [`std::error::Error`].
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct ODataError {
    /// `error`: what went wrong.
    pub error: MainError,
    /// Any other member of the body.
    #[serde(flatten)]
    pub additional: OpenType,
}

/// The `error` object of an [`ODataError`].
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct MainError {
    /// `code`: a service-defined error code (`ItemNotFound`, `20117`).
    #[serde(default)]
    pub code: String,
    /// `message`: a human-readable description.
    #[serde(default)]
    pub message: String,
    /// `target`: the target of the error, if the service says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// `details`: further errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<Vec<ErrorDetail>>,
    /// `innerError`: service diagnostics (request ids, date).
    #[serde(
        rename = "innerError",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub inner_error: Option<InnerError>,
    /// Any other member.
    #[serde(flatten)]
    pub additional: OpenType,
}

/// One entry of [`MainError::details`].
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct ErrorDetail {
    /// `code`.
    #[serde(default)]
    pub code: String,
    /// `message`.
    #[serde(default)]
    pub message: String,
    /// `target`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Any other member.
    #[serde(flatten)]
    pub additional: OpenType,
}

/// The `innerError` object of a [`MainError`]: what to quote to Microsoft
/// support. Open: members it does not name are kept in `additional`.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct InnerError {
    /// `date`: when the error happened (`2019-03-22T23:17:50`, no zone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// `request-id`: the id of the request on the service side.
    #[serde(
        rename = "request-id",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub request_id: Option<String>,
    /// `client-request-id`: the `client-request-id` header the client sent.
    #[serde(
        rename = "client-request-id",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub client_request_id: Option<String>,
    /// Any other member (`code`, a nested `innerError`, ...).
    #[serde(flatten)]
    pub additional: OpenType,
}

impl fmt::Display for ODataError {
    /// `code: message`, then the request id when there is one.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.error.code, self.error.message)?;
        if let Some(id) = self
            .error
            .inner_error
            .as_ref()
            .and_then(|i| i.request_id.as_deref())
        {
            write!(f, " (request-id {id})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ODataError {}

// ---------------------------------------------------------------------------
// Generated structs: data per struct, one generic serde driver
// ---------------------------------------------------------------------------

/// What every generated struct implements so that one generic driver reads
/// and writes it: [`deserialize_model`] and [`serialize_model`], which its
/// `Deserialize` and `Serialize` impls call.
///
/// The impl is data: one match arm per property for reading and one line per
/// property for writing, both through [`read_property`] and
/// [`write_property`]. The driver does the rest, the way
/// `#[derive(Serialize, Deserialize)]` with `rename`, `default`,
/// `skip_serializing_if = "Nullable::is_absent"` on every field and a
/// `#[serde(flatten)]` catch-all would, at a fraction of the code per struct
/// (serde's derive with `flatten` expands every struct into large bodies that
/// buffer through serde's private `Content`; that was most of the compile
/// time of a generated crate):
///
/// * `@odata.type` is the struct's `odata_type` (written first when present,
///   `null` reads as absent),
/// * an absent property stays [`Nullable::Absent`] and is not written; an
///   explicit `null` is kept and written back,
/// * a key no property has (unknown properties, instance annotations) goes
///   to `additional` and is written after the properties,
/// * a property or `@odata.type` given twice is an error (`duplicate field
///   `x``), as with serde's derive,
/// * anything but a JSON object is an error (`expected struct X`).
///
/// ```text
/// impl crate::runtime::Model for Entity {
///     const EXPECTING: &'static str = "struct Entity";
///     fn deserialize_property<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A)
///         -> Result<bool, A::Error> {
///         match key {
///             "id" => crate::runtime::read_property(&mut self.id, "id", map),
///             _ => Ok(false),
///         }
///     }
///     fn serialize_properties<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
///         crate::runtime::write_property(map, "id", &self.id)?;
///         Ok(())
///     }
///     fn odata_parts(&self) -> OdataParts<'_> { (&self.odata_type, &self.additional) }
///     fn odata_parts_mut(&mut self) -> OdataPartsMut<'_> { (&mut self.odata_type, &mut self.additional) }
/// }
/// ```
pub trait Model: Default {
    /// What a serde error says was expected instead of a non-object:
    /// `struct Entity`.
    const EXPECTING: &'static str;

    /// Reads the value of the property `key` into its field and returns
    /// `Ok(true)`; returns `Ok(false)` without reading the value when no field
    /// has that wire name (the driver then keeps it in `additional`).
    ///
    /// # Errors
    ///
    /// The value does not fit the field, or the property was already read.
    fn deserialize_property<'de, A: serde::de::MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error> {
        let _ = (key, map);
        Ok(false)
    }

    /// Writes every property that is not [`Nullable::Absent`], in field order.
    ///
    /// # Errors
    ///
    /// The serializer's.
    fn serialize_properties<M: serde::ser::SerializeMap>(
        &self,
        map: &mut M,
    ) -> Result<(), M::Error> {
        let _ = map;
        Ok(())
    }

    /// The `odata_type` and `additional` fields.
    fn odata_parts(&self) -> OdataParts<'_>;

    /// The `odata_type` and `additional` fields, to fill.
    fn odata_parts_mut(&mut self) -> OdataPartsMut<'_>;
}

/// A [`Model`]'s `odata_type` and `additional` fields.
pub type OdataParts<'a> = (&'a Option<String>, &'a OpenType);

/// A [`Model`]'s `odata_type` and `additional` fields, to fill.
pub type OdataPartsMut<'a> = (&'a mut Option<String>, &'a mut OpenType);

/// Reads one property's value into its field (a generated
/// [`Model::deserialize_property`] arm): `null` is [`Nullable::Null`], any
/// other value [`Nullable::Value`]. Returns `Ok(true)` (the key is consumed).
///
/// # Errors
///
/// `duplicate field `key`` when the field already holds a value or `null`
/// (only a property given twice does that: every field starts absent), or the
/// value's own error.
pub fn read_property<'de, A: serde::de::MapAccess<'de>, T: Deserialize<'de>>(
    slot: &mut Nullable<T>,
    key: &'static str,
    map: &mut A,
) -> Result<bool, A::Error> {
    if !slot.is_absent() {
        return Err(<A::Error as serde::de::Error>::duplicate_field(key));
    }
    *slot = map.next_value()?;
    Ok(true)
}

/// Writes one property (a generated [`Model::serialize_properties`] line),
/// unless it is [`Nullable::Absent`].
///
/// # Errors
///
/// The serializer's.
pub fn write_property<M: serde::ser::SerializeMap, T: Serialize>(
    map: &mut M,
    key: &'static str,
    value: &Nullable<T>,
) -> Result<(), M::Error> {
    if value.is_absent() {
        Ok(())
    } else {
        map.serialize_entry(key, value)
    }
}

/// The `Deserialize` impl of every generated struct.
///
/// # Errors
///
/// See [`Model`].
pub fn deserialize_model<'de, T: Model, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(ModelVisitor(std::marker::PhantomData))
}

/// The `Serialize` impl of every generated struct: a map of `@odata.type`
/// (when present), the properties, then `additional`.
///
/// # Errors
///
/// The serializer's.
pub fn serialize_model<T: Model, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serialize_tagged(value, None, serializer)
}

/// Like [`serialize_model`], writing `tag` as the `@odata.type` when the value
/// carries none: how an `AnyX` union writes a derived value built in code
/// (Graph needs `@odata.type` to read a subtype), without cloning it.
///
/// # Errors
///
/// The serializer's.
pub fn serialize_tagged<T: Model, S: Serializer>(
    value: &T,
    tag: Option<&str>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let (odata_type, additional) = value.odata_parts();
    let mut map = serializer.serialize_map(None)?;
    if let Some(t) = odata_type.as_deref().or(tag) {
        map.serialize_entry("@odata.type", t)?;
    }
    value.serialize_properties(&mut map)?;
    for (k, v) in additional {
        map.serialize_entry(k, v)?;
    }
    map.end()
}

struct ModelVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: Model> serde::de::Visitor<'de> for ModelVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut value = T::default();
        let mut seen_type = false;
        while let Some(MapKey(key)) = map.next_key()? {
            if key == "@odata.type" {
                if seen_type {
                    return Err(<A::Error as serde::de::Error>::duplicate_field(
                        "@odata.type",
                    ));
                }
                seen_type = true;
                *value.odata_parts_mut().0 = map.next_value()?;
            } else if !value.deserialize_property(&key, &mut map)? {
                let v: serde_json::Value = map.next_value()?;
                value.odata_parts_mut().1.insert(key.into_owned(), v);
            }
        }
        Ok(value)
    }
}

/// A map key, borrowed from the input when the deserializer can.
struct MapKey<'de>(std::borrow::Cow<'de, str>);

impl<'de> Deserialize<'de> for MapKey<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> serde::de::Visitor<'de> for KeyVisitor {
            type Value = MapKey<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a property name")
            }
            fn visit_borrowed_str<E: serde::de::Error>(
                self,
                v: &'de str,
            ) -> Result<Self::Value, E> {
                Ok(MapKey(std::borrow::Cow::Borrowed(v)))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(MapKey(std::borrow::Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(MapKey(std::borrow::Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

// ---------------------------------------------------------------------------
// Generated enums and `AnyX` unions: data per type, generic code here
// ---------------------------------------------------------------------------

/// What every generated enum implements: its members and their wire text.
/// [`enum_from_str`] and [`deserialize_enum`] do the rest once for all enums,
/// so an enum's own code is its `as_str` match and one-line impls.
pub trait StringEnum: Clone + 'static {
    /// What a serde error says was expected instead of a string: ``a `x` value``.
    const EXPECTING: &'static str;
    /// Every member the docs list, in their order.
    const MEMBERS: &'static [Self];
    /// The value as it travels on the wire.
    fn wire(&self) -> &str;
    /// The `Unrecognized` variant holding `text`.
    fn unrecognized(text: String) -> Self;
}

/// The member whose wire text is `s` (the first, should two share it), else
/// `Unrecognized` with `s` verbatim: an enum's `FromStr`, which never fails.
pub fn enum_from_str<E: StringEnum>(s: &str) -> E {
    E::MEMBERS
        .iter()
        .find(|m| m.wire() == s)
        .cloned()
        .unwrap_or_else(|| E::unrecognized(s.to_owned()))
}

/// An enum's `Deserialize`: a JSON string through [`enum_from_str`].
///
/// # Errors
///
/// The value is not a string (`expected a `x` value`).
pub fn deserialize_enum<'de, E: StringEnum, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<E, D::Error> {
    struct EnumVisitor<E>(std::marker::PhantomData<E>);
    impl<E: StringEnum> serde::de::Visitor<'_> for EnumVisitor<E> {
        type Value = E;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(E::EXPECTING)
        }
        fn visit_str<Er: serde::de::Error>(self, v: &str) -> Result<E, Er> {
            Ok(enum_from_str(v))
        }
    }
    deserializer.deserialize_str(EnumVisitor(std::marker::PhantomData))
}

/// An `AnyX` union's `Deserialize`: reads the value once, then `dispatch`
/// (the union's table, a match on the type name) reads the variant from it.
/// `dispatch` gets the `@odata.type` without `#`, in lower case (`""` when
/// the value has none or is not an object); its fallback is the base type,
/// which keeps an unknown `@odata.type` and every property.
///
/// # Errors
///
/// The value is not JSON, or does not fit the variant.
pub fn deserialize_union<'de, U, D: Deserializer<'de>>(
    deserializer: D,
    dispatch: fn(&str, serde_json::Value) -> Result<U, serde_json::Error>,
) -> Result<U, D::Error> {
    let value = serde_json::Value::deserialize(deserializer)?;
    let kind = value
        .get("@odata.type")
        .and_then(serde_json::Value::as_str)
        .map(|t| t.trim_start_matches('#').to_ascii_lowercase())
        .unwrap_or_default();
    dispatch(&kind, value).map_err(<D::Error as serde::de::Error>::custom)
}

/// Reads one variant of an `AnyX` union from the value [`deserialize_union`]
/// read, boxed as the variant holds it.
///
/// # Errors
///
/// The value does not fit `T`.
pub fn read_boxed<T: serde::de::DeserializeOwned>(
    value: serde_json::Value,
) -> Result<Box<T>, serde_json::Error> {
    serde_json::from_value(value).map(Box::new)
}

// ---------------------------------------------------------------------------
// Parsing with the JSON path of an error
// ---------------------------------------------------------------------------

/// Parses `json` into `T` like `serde_json::from_str`, and on failure says
/// where: `value[1].jobTitle: invalid type: sequence, expected a string at
/// line 1 column 48`. The way to parse Graph bodies with these models.
///
/// # Errors
///
/// A [`ParseError`] with the JSON path of the value at fault (empty when the
/// text is not JSON, whose error already has the line and column).
pub fn from_str<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, ParseError> {
    match serde_json::from_str::<T>(json) {
        Ok(v) => Ok(v),
        Err(source) => Err(ParseError {
            path: serde_json::from_str::<serde_json::Value>(json)
                .map(|v| locate::<T>(&v))
                .unwrap_or_default(),
            source,
        }),
    }
}

/// Like [`from_str`], from bytes.
///
/// # Errors
///
/// See [`from_str`].
pub fn from_slice<T: serde::de::DeserializeOwned>(json: &[u8]) -> Result<T, ParseError> {
    match serde_json::from_slice::<T>(json) {
        Ok(v) => Ok(v),
        Err(source) => Err(ParseError {
            path: serde_json::from_slice::<serde_json::Value>(json)
                .map(|v| locate::<T>(&v))
                .unwrap_or_default(),
            source,
        }),
    }
}

/// Like [`from_str`], from a parsed [`serde_json::Value`].
///
/// # Errors
///
/// See [`from_str`].
pub fn from_value<T: serde::de::DeserializeOwned>(
    value: serde_json::Value,
) -> Result<T, ParseError> {
    match T::deserialize(&value) {
        Ok(v) => Ok(v),
        Err(source) => Err(ParseError {
            path: locate::<T>(&value),
            source,
        }),
    }
}

/// A body that does not fit its model, with the JSON path of the value at
/// fault (`value[1].jobTitle`).
#[derive(Debug)]
pub struct ParseError {
    path: String,
    source: serde_json::Error,
}

impl ParseError {
    /// The JSON path of the value at fault (`value[1].jobTitle`); empty for
    /// the whole body or text that is not JSON.
    #[must_use]
    pub fn path(&self) -> &str {
        &self.path
    }

    /// serde's error, with its line and column.
    #[must_use]
    pub fn serde_error(&self) -> &serde_json::Error {
        &self.source
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            fmt::Display::fmt(&self.source, f)
        } else {
            write!(f, "{}: {}", self.path, self.source)
        }
    }
}

impl std::error::Error for ParseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

#[derive(Clone)]
enum Step {
    Key(String),
    Index(usize),
}

/// Finds the value at fault by removal: the member (or element) whose
/// removal lets `T` deserialize, then the same inside it, as deep as that
/// goes. Paths through `#[serde(flatten)]` structs (every generated struct
/// has one) are invisible to a wrapping deserializer such as
/// serde_path_to_error, so the body itself is searched. Runs only after a
/// failure.
fn locate<T: serde::de::DeserializeOwned>(root: &serde_json::Value) -> String {
    use serde_json::Value;
    fn node<'a>(root: &'a Value, path: &[Step]) -> Option<&'a Value> {
        path.iter().try_fold(root, |v, s| match s {
            Step::Key(k) => v.get(k),
            Step::Index(i) => v.get(i),
        })
    }
    fn node_mut<'a>(root: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
        path.iter().try_fold(root, |v, s| match s {
            Step::Key(k) => v.get_mut(k),
            Step::Index(i) => v.get_mut(i),
        })
    }
    let mut path: Vec<Step> = Vec::new();
    loop {
        let children: Vec<Step> = match node(root, &path) {
            // Annotations last: removing `@odata.type` "fixes" a subtype's bad
            // property by reading the value as its base, which hides the fault.
            Some(Value::Object(m)) => {
                let (notes, props): (Vec<&String>, Vec<&String>) =
                    m.keys().partition(|k| k.contains('@'));
                props
                    .into_iter()
                    .chain(notes)
                    .map(|k| Step::Key(k.clone()))
                    .collect()
            }
            Some(Value::Array(a)) => (0..a.len()).map(Step::Index).collect(),
            _ => break,
        };
        let fixed = children.into_iter().find(|child| {
            let mut trial = root.clone();
            match node_mut(&mut trial, &path) {
                Some(Value::Object(m)) => {
                    if let Step::Key(k) = child {
                        m.remove(k);
                    }
                }
                Some(Value::Array(a)) => {
                    if let Step::Index(i) = child {
                        a.remove(*i);
                    }
                }
                _ => return false,
            }
            T::deserialize(&trial).is_ok()
        });
        match fixed {
            Some(child) => path.push(child),
            None => break,
        }
    }
    let mut out = String::new();
    for step in &path {
        match step {
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Step::Index(i) => {
                out.push_str(&format!("[{i}]"));
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------
// operations
// ---------------------------------------------------------------------------

/// The HTTP method of an [`Operation`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    /// The method as it goes on the wire: `"GET"`, `"PATCH"`...
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A documented Graph call as a value: it knows its method, builds its URL
/// from its (typed) path parameters and names the types of its request and
/// response bodies. It sends nothing: any HTTP client (or a test double)
/// executes it. A call the docs give several URL templates for is an enum
/// with a variant per template.
///
/// ```text
/// let op = ProfilePostLanguages::new();
/// let url = format!("https://graph.microsoft.com/beta{}", op.path());
/// let created: LanguageProficiency = client.request(ProfilePostLanguages::METHOD.as_str(), url).json(&body).send()?.json()?;
/// ```
pub trait Operation {
    /// The HTTP method.
    const METHOD: Method;

    /// The request body: a model or parameter type, `()` when the call has
    /// none, `serde_json::Value` when the docs do not say which type it is.
    type Request: serde::Serialize;
    /// The response body: a model type, an [`ODataCollection`] page, `()`
    /// when the response has no body, `serde_json::Value` when the docs do not
    /// say which type it is.
    type Response: serde::de::DeserializeOwned;
    /// The URL template this value builds, as the docs write it
    /// (`/users/{id | userPrincipalName}/profile/languages`), relative to the
    /// version root (`https://graph.microsoft.com/v1.0`).
    fn template(&self) -> &'static str;
    /// The path (and query, when the template has one) relative to the
    /// version root, starting with `/`, each parameter percent-encoded
    /// ([`push_encoded`]).
    fn path(&self) -> String;
}

/// Appends `value` to `out`, percent-encoding every byte but the RFC 3986
/// unreserved characters (`A-Z a-z 0-9 - . _ ~`), so a value is always one
/// path segment or one query value: `a/b c?` becomes `a%2Fb%20c%3F`. A
/// value that is all dots (`.`, `..`) stays a dot segment, which URL parsers
/// resolve away even when encoded (`%2E%2E`); Graph ids never are.
pub fn push_encoded(out: &mut String, value: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in value.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 0xF)] as char);
        }
    }
}

/// The path a request descriptor builds: `pattern` is the template's literal
/// text as it goes into the URL (characters a URL never holds as they are
/// already `%XX`, so it has no `{` or `}`) with `{n}` where the `n`th
/// parameter goes; each parameter is appended with [`push_encoded`]. A
/// generated descriptor's `path()` is one call:
/// `build_path("/users/{0}/profile/languages/{1}", &[&self.id, &self.id_2])`.
/// A descriptor is data (one string per template) rather than code.
///
/// # Panics
///
/// If a `{n}` is not closed, `n` is not a number or there is no `n`th
/// parameter (never for a generated pattern).
pub fn build_path(pattern: &str, params: &[&str]) -> String {
    let mut out =
        String::with_capacity(pattern.len() + params.iter().map(|p| p.len() * 3).sum::<usize>());
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .unwrap_or_else(|| panic!("build_path: unclosed `{{` in {pattern:?}"));
        let n: usize = after[..close]
            .parse()
            .unwrap_or_else(|_| panic!("build_path: bad parameter index in {pattern:?}"));
        let value = params.get(n).unwrap_or_else(|| {
            panic!(
                "build_path: {pattern:?} uses parameter {n}, {} given",
                params.len()
            )
        });
        push_encoded(&mut out, value);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// `value` percent-encoded as one path segment; see [`push_encoded`].
pub fn encode_path_segment(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    push_encoded(&mut out, value);
    out
}

// ---------------------------------------------------------------------------
// testing
// ---------------------------------------------------------------------------

/// Round-trip assertions for tests of generated models.
pub mod testing {
    use std::fmt::Write as _;

    use serde_json::Value;

    /// Deserializes `T` from `json`, serializes it back and asserts that the
    /// result is the same JSON (see [`json_equivalent`]). Returns the
    /// deserialized value for further assertions.
    ///
    /// # Panics
    ///
    /// * if `json` is not valid JSON;
    /// * if `T` cannot be deserialized from it (the message has serde's error
    ///   with its line and column);
    /// * if `T` cannot be serialized;
    /// * if the serialized JSON differs; the message lists every differing
    ///   path, e.g. `$.createdBy.user.id: expected "x", got absent`.
    #[track_caller]
    #[allow(clippy::must_use_candidate)] // Callers often ignore the value.
    pub fn assert_round_trip<T>(json: &str) -> T
    where
        T: serde::de::DeserializeOwned + serde::Serialize,
    {
        let type_name = std::any::type_name::<T>();
        let expected: Value = match serde_json::from_str(json) {
            Ok(v) => v,
            Err(e) => panic!(
                "round trip of {type_name}: input is not valid JSON at line {} column {}: {e}",
                e.line(),
                e.column()
            ),
        };
        let model: T = match serde_json::from_str(json) {
            Ok(v) => v,
            Err(e) => panic!(
                "round trip of {type_name}: deserialization failed at line {} column {}: {e}",
                e.line(),
                e.column()
            ),
        };
        let text = match serde_json::to_string(&model) {
            Ok(t) => t,
            Err(e) => panic!("round trip of {type_name}: serialization failed: {e}"),
        };
        let actual: Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(e) => panic!("round trip of {type_name}: serialized text is not JSON: {e}"),
        };
        let differences = json_differences(&expected, &actual);
        assert!(
            differences.is_empty(),
            "round trip of {type_name} changed the JSON ({} difference{}):\n  {}",
            differences.len(),
            if differences.len() == 1 { "" } else { "s" },
            differences.join("\n  ")
        );
        model
    }

    /// Returns `true` if `a` and `b` are the same JSON: objects compare as
    /// key sets regardless of order, arrays element by element in order,
    /// strings, booleans and `null` exactly, and numbers by numeric value
    /// (`1` equals `1.0`; two integers compare exactly as integers).
    #[must_use]
    pub fn json_equivalent(a: &Value, b: &Value) -> bool {
        match (a, b) {
            (Value::Null, Value::Null) => true,
            (Value::Bool(x), Value::Bool(y)) => x == y,
            (Value::String(x), Value::String(y)) => x == y,
            (Value::Number(x), Value::Number(y)) => numbers_equivalent(x, y),
            (Value::Array(x), Value::Array(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|(x, y)| json_equivalent(x, y))
            }
            (Value::Object(x), Value::Object(y)) => {
                x.len() == y.len()
                    && x.iter()
                        .all(|(k, xv)| y.get(k).is_some_and(|yv| json_equivalent(xv, yv)))
            }
            _ => false,
        }
    }

    /// Lists every place where `actual` is not [`json_equivalent`] to
    /// `expected`, one line per path, e.g.
    /// `$.createdBy.user.id: expected "x", got absent` or
    /// `$.value[2]: expected absent, got {"id":"1"}`. Empty when equivalent.
    ///
    /// Object members whose names are not plain identifiers are written as
    /// `$["@odata.type"]`.
    #[must_use]
    pub fn json_differences(expected: &Value, actual: &Value) -> Vec<String> {
        let mut out = Vec::new();
        let mut path = String::from("$");
        diff(&mut path, Some(expected), Some(actual), &mut out);
        out
    }

    // Exact float comparison is intended: both sides went through the same
    // shortest-representation formatting.
    #[allow(clippy::float_cmp)]
    fn numbers_equivalent(a: &serde_json::Number, b: &serde_json::Number) -> bool {
        match (as_integer(a), as_integer(b)) {
            (Some(x), Some(y)) => x == y,
            _ => match (a.as_f64(), b.as_f64()) {
                (Some(x), Some(y)) => x == y,
                _ => a == b,
            },
        }
    }

    fn as_integer(n: &serde_json::Number) -> Option<i128> {
        n.as_i64()
            .map(i128::from)
            .or_else(|| n.as_u64().map(i128::from))
    }

    fn diff(
        path: &mut String,
        expected: Option<&Value>,
        actual: Option<&Value>,
        out: &mut Vec<String>,
    ) {
        match (expected, actual) {
            (Some(Value::Object(e)), Some(Value::Object(a))) => {
                let keys = e
                    .keys()
                    .chain(a.keys().filter(|k| !e.contains_key(k.as_str())));
                for key in keys {
                    let len = path.len();
                    push_key(path, key);
                    diff(path, e.get(key), a.get(key), out);
                    path.truncate(len);
                }
            }
            (Some(Value::Array(e)), Some(Value::Array(a))) => {
                for i in 0..e.len().max(a.len()) {
                    let len = path.len();
                    // Writing to a String cannot fail.
                    let _ = write!(path, "[{i}]");
                    diff(path, e.get(i), a.get(i), out);
                    path.truncate(len);
                }
            }
            (Some(e), Some(a)) if json_equivalent(e, a) => {}
            (None, None) => {}
            (e, a) => out.push(format!("{path}: expected {}, got {}", render(e), render(a))),
        }
    }

    fn push_key(path: &mut String, key: &str) {
        let plain = key
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if plain {
            path.push('.');
            path.push_str(key);
        } else {
            path.push('[');
            path.push_str(&Value::String(key.to_owned()).to_string());
            path.push(']');
        }
    }

    fn render(value: Option<&Value>) -> String {
        const MAX_CHARS: usize = 200;
        match value {
            None => "absent".to_owned(),
            Some(v) => {
                let text = v.to_string();
                if text.chars().count() > MAX_CHARS {
                    let mut short: String = text.chars().take(MAX_CHARS).collect();
                    short.push('…');
                    short
                } else {
                    text
                }
            }
        }
    }
}
