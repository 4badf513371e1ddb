//! String-backed primitives that keep their wire text (`DateTimeOffset`, `Date`, `TimeOfDay`, `Duration`, `Guid`, `Binary`).

use super::*;

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
