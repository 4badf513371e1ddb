//! The generic serde code of generated structs (`Model`), enums (`StringEnum`) and `AnyX` unions.

use super::*;

/// What every generated struct implements so that code written once here
/// reads, writes, prints and compares it: [`deserialize_model`],
/// [`serialize_model`], [`debug_model`] and [`model_eq`], which its
/// `Deserialize`, `Serialize`, `Debug` and `PartialEq` impls call.
///
/// The impl is data, and not generic: [`Model::property_mut`] is a match
/// from wire name to field, [`Model::properties`] one line per field, each
/// field handed over as a [`Property`] trait object. The serde, `Debug` and
/// `PartialEq` code of a field's type is instantiated once per type (the
/// blanket `Property` impl), not once per struct, which keeps the type
/// checking of a 10,000-struct crate cheap. The driver does what
/// `#[derive(Serialize, Deserialize)]` with `rename`, `default`,
/// `skip_serializing_if = "Nullable::is_absent"` on every field and a
/// `#[serde(flatten)]` catch-all would:
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
/// [`debug_model`] prints what `#[derive(Debug)]` prints and [`model_eq`]
/// compares what `#[derive(PartialEq)]` compares: `odata_type`, every field
/// in order, `additional`.
///
/// ```text
/// impl crate::runtime::Model for Entity {
///     const NAME: &'static str = "Entity";
///     fn property_mut(&mut self, key: &str) -> Option<(&'static str, &mut dyn Property)> {
///         match key {
///             "id" => Some(("id", &mut self.id)),
///             _ => None,
///         }
///     }
///     fn properties<'a>(&'a self, f: &mut dyn FnMut(&'static str, &'static str, &'a dyn Property)) {
///         f("id", "id", &self.id);
///     }
///     fn odata_parts(&self) -> OdataParts<'_> { (&self.odata_type, &self.additional) }
///     fn odata_parts_mut(&mut self) -> OdataPartsMut<'_> { (&mut self.odata_type, &mut self.additional) }
/// }
/// ```
pub trait Model: Default + 'static {
    /// The struct's Rust name (`Entity`): what `Debug` prints and a serde
    /// error says was expected instead of a non-object (`struct Entity`).
    const NAME: &'static str;

    /// The field whose wire name is `key`, with that name as a `'static`
    /// string; `None` when no field has it (the driver then keeps the value
    /// in `additional`).
    fn property_mut(&mut self, key: &str) -> Option<(&'static str, &mut dyn Property)> {
        let _ = key;
        None
    }

    /// Calls `f` with the wire name, the Rust name and the value of every
    /// field, in field order (`odata_type` and `additional` excepted).
    fn properties<'a>(&'a self, f: &mut dyn FnMut(&'static str, &'static str, &'a dyn Property)) {
        let _ = f;
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

/// One field of a generated struct, type-erased: every `Nullable<T>` of a
/// serde, `Debug` and `PartialEq` type is one (the only impl), so its code is
/// written here once and instantiated once per field type.
pub trait Property: 'static {
    /// The field is [`Nullable::Absent`].
    fn is_absent(&self) -> bool;

    /// Reads the field from `deserializer`: `null` is [`Nullable::Null`], any
    /// other value [`Nullable::Value`].
    ///
    /// # Errors
    ///
    /// The value does not fit the field.
    fn read(
        &mut self,
        deserializer: &mut dyn erased_serde::Deserializer<'_>,
    ) -> Result<(), erased_serde::Error>;

    /// The field, to serialize.
    fn as_serialize(&self) -> &dyn erased_serde::Serialize;

    /// The field, to print.
    fn as_debug(&self) -> &dyn fmt::Debug;

    /// The field, to downcast.
    fn as_any(&self) -> &dyn std::any::Any;

    /// `other` is a field of the same type with an equal value.
    fn eq_property(&self, other: &dyn Property) -> bool;
}

impl<T> Property for Nullable<T>
where
    T: serde::de::DeserializeOwned + Serialize + fmt::Debug + PartialEq + 'static,
{
    fn is_absent(&self) -> bool {
        Nullable::is_absent(self)
    }

    fn read(
        &mut self,
        deserializer: &mut dyn erased_serde::Deserializer<'_>,
    ) -> Result<(), erased_serde::Error> {
        *self = erased_serde::deserialize(deserializer)?;
        Ok(())
    }

    fn as_serialize(&self) -> &dyn erased_serde::Serialize {
        self
    }

    fn as_debug(&self) -> &dyn fmt::Debug {
        self
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn eq_property(&self, other: &dyn Property) -> bool {
        other
            .as_any()
            .downcast_ref::<Self>()
            .is_some_and(|other| self == other)
    }
}

/// Reads one property's value into its field through the type-erased
/// [`Property::read`], turning the erased error back into the
/// deserializer's: its text is the same (a `serde_json` error keeps its line
/// and column, which `serde_json` reads back from the text).
struct PropertySeed<'a>(&'a mut dyn Property);

impl<'de> serde::de::DeserializeSeed<'de> for PropertySeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        let mut erased = <dyn erased_serde::Deserializer>::erase(deserializer);
        self.0
            .read(&mut erased)
            .map_err(<D::Error as serde::de::Error>::custom)
    }
}

/// The `Debug` impl of every generated struct: what `#[derive(Debug)]`
/// prints (`Entity { odata_type: None, id: Absent, additional: {} }`).
///
/// # Errors
///
/// The formatter's.
pub fn debug_model<T: Model>(value: &T, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let (odata_type, additional) = value.odata_parts();
    let mut s = f.debug_struct(T::NAME);
    s.field("odata_type", odata_type);
    value.properties(&mut |_, name, p| {
        s.field(name, p.as_debug());
    });
    s.field("additional", additional);
    s.finish()
}

/// The `PartialEq` impl of every generated struct: `odata_type`, every field
/// and `additional` equal, as `#[derive(PartialEq)]` compares.
pub fn model_eq<T: Model>(a: &T, b: &T) -> bool {
    let ((a_type, a_more), (b_type, b_more)) = (a.odata_parts(), b.odata_parts());
    if a_type != b_type {
        return false;
    }
    let mut left = Vec::new();
    a.properties(&mut |_, _, p| left.push(p));
    let mut left = left.into_iter();
    let mut equal = true;
    b.properties(&mut |_, _, p| {
        equal = equal && left.next().is_some_and(|l| l.eq_property(p));
    });
    equal && a_more == b_more
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
    let mut result = Ok(());
    value.properties(&mut |wire, _, p| {
        if result.is_ok() && !p.is_absent() {
            result = map.serialize_entry(wire, p.as_serialize());
        }
    });
    result?;
    for (k, v) in additional {
        map.serialize_entry(k, v)?;
    }
    map.end()
}

struct ModelVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: Model> serde::de::Visitor<'de> for ModelVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {}", T::NAME)
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
            } else if let Some((wire, slot)) = value.property_mut(&key) {
                if !slot.is_absent() {
                    return Err(<A::Error as serde::de::Error>::duplicate_field(wire));
                }
                map.next_value_seed(PropertySeed(slot))?;
            } else {
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
