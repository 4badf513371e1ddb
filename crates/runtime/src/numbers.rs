//! Numbers that keep their JSON text: `Decimal`, `Double` and `Single`.

use super::*;

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
