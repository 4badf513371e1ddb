//! The generic serde code of generated structs (`Model`), enums (`StringEnum`) and `AnyX` unions.

use super::*;

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
