//! `Flags`: a flags enum value as comma-separated member names.

use super::*;

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
