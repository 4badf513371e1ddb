//! `Nullable`: absent, `null` or a value.

use super::*;

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
/// Generated structs read and write their fields through [`Model`] (each
/// field a [`Property`]): a missing property stays
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
