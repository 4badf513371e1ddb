//! The generic serde code of generated structs (`Model`), enums (`StringEnum`) and `AnyX` unions.

use super::*;

/// What every generated struct implements so that code written once here
/// reads, writes, prints and compares it: [`deserialize_model`],
/// [`serialize_model`], [`debug_model`] and [`model_eq`], which its
/// `Deserialize`, `Serialize`, `Debug` and `PartialEq` impls call.
///
/// The impl is data, and not generic: [`Model::PROPERTIES`] is a table of
/// the fields' wire and Rust names, and [`Model::parts`] /
/// [`Model::parts_mut`] hand over `odata_type`, every field (in that order,
/// as a [`Property`] trait object: one array of plain coercions) and
/// `additional`. The serde, `Debug` and `PartialEq` code of a field's type is
/// instantiated once per type (the blanket `Property` impl), not once per
/// struct, and an array of coercions is about the cheapest body there is to
/// type- and borrow-check, which keeps a 10,000-struct crate cheap to compile
/// (per-field match arms or calls cost about twice as much). The driver does
/// what `#[derive(Serialize, Deserialize)]` with `rename`, `default`,
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
///     const PROPERTIES: &'static [(&'static str, &'static str)] = &[("id", "id")];
///     fn parts(&self, f: crate::runtime::Parts<'_>) {
///         f(&self.odata_type, &[&self.id], &self.additional)
///     }
///     fn parts_mut(&mut self, f: crate::runtime::PartsMut<'_>) {
///         f(&mut self.odata_type, &mut [&mut self.id], &mut self.additional)
///     }
/// }
/// ```
///
/// A field behind a crate feature has `#[cfg]` on its table entry and on its
/// array elements, so the two stay aligned.
pub trait Model: Default + 'static {
    /// The struct's Rust name (`Entity`): what `Debug` prints and a serde
    /// error says was expected instead of a non-object (`struct Entity`).
    const NAME: &'static str;

    /// The wire name and the Rust name of every field, in field order
    /// (`odata_type` and `additional` excepted).
    const PROPERTIES: &'static [(&'static str, &'static str)];

    /// Calls `f` with `odata_type`, the fields in the order of
    /// [`Model::PROPERTIES`], and `additional`.
    fn parts(&self, f: Parts<'_>);

    /// Calls `f` with `odata_type`, the fields in the order of
    /// [`Model::PROPERTIES`], and `additional`, to fill.
    fn parts_mut(&mut self, f: PartsMut<'_>);
}

/// What [`Model::parts`] calls: `odata_type`, the fields, `additional`.
pub type Parts<'f> = &'f mut dyn FnMut(&Option<String>, &[&dyn Property], &OpenType);

/// What [`Model::parts_mut`] calls: `odata_type`, the fields, `additional`.
pub type PartsMut<'f> =
    &'f mut dyn FnMut(&mut Option<String>, &mut [&mut dyn Property], &mut OpenType);

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

    /// Makes this field a clone of `other`, a field of the same type
    /// (anything else leaves it unchanged).
    fn clone_from_property(&mut self, other: &dyn Property);
}

impl<T> Property for Nullable<T>
where
    T: serde::de::DeserializeOwned + Serialize + fmt::Debug + Clone + PartialEq + 'static,
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

    fn clone_from_property(&mut self, other: &dyn Property) {
        if let Some(other) = other.as_any().downcast_ref::<Self>() {
            self.clone_from(other);
        }
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
    let mut result = Ok(());
    value.parts(&mut |odata_type, fields, additional| {
        let mut s = f.debug_struct(T::NAME);
        s.field("odata_type", odata_type);
        for (&(_, name), p) in T::PROPERTIES.iter().zip(fields) {
            s.field(name, p.as_debug());
        }
        s.field("additional", additional);
        result = s.finish();
    });
    result
}

/// The `PartialEq` impl of every generated struct: `odata_type`, every field
/// and `additional` equal, as `#[derive(PartialEq)]` compares.
pub fn model_eq<T: Model>(a: &T, b: &T) -> bool {
    let mut equal = false;
    a.parts(&mut |a_type, a_fields, a_more| {
        b.parts(&mut |b_type, b_fields, b_more| {
            equal = a_type == b_type
                && a_fields
                    .iter()
                    .zip(b_fields)
                    .all(|(l, r)| l.eq_property(*r))
                && a_more == b_more;
        });
    });
    equal
}

/// The `Clone` impl of every generated struct: a value whose `odata_type`,
/// fields and `additional` are clones of `value`'s, as `#[derive(Clone)]`
/// makes (written here once instead of one clone call per field and struct).
pub fn clone_model<T: Model>(value: &T) -> T {
    let mut copy = T::default();
    value.parts(&mut |odata_type, fields, additional| {
        copy.parts_mut(&mut |copy_type, copy_fields, copy_more| {
            copy_type.clone_from(odata_type);
            for (c, f) in copy_fields.iter_mut().zip(fields) {
                c.clone_from_property(*f);
            }
            copy_more.clone_from(additional);
        });
    });
    copy
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
    let mut serializer = Some(serializer);
    let mut result = None;
    value.parts(&mut |odata_type, fields, additional| {
        if let Some(serializer) = serializer.take() {
            result = Some(write_parts::<T, S>(
                serializer,
                odata_type.as_deref().or(tag),
                fields,
                additional,
            ));
        }
    });
    result.expect("Model::parts calls its callback")
}

fn write_parts<T: Model, S: Serializer>(
    serializer: S,
    odata_type: Option<&str>,
    fields: &[&dyn Property],
    additional: &OpenType,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = serializer.serialize_map(None)?;
    if let Some(t) = odata_type {
        map.serialize_entry("@odata.type", t)?;
    }
    for (&(wire, _), p) in T::PROPERTIES.iter().zip(fields) {
        if !p.is_absent() {
            map.serialize_entry(wire, p.as_serialize())?;
        }
    }
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
        let mut result = Ok(());
        value.parts_mut(&mut |odata_type, fields, additional| {
            result = read_parts(&mut map, T::PROPERTIES, odata_type, fields, additional);
        });
        result.map(|()| value)
    }
}

fn read_parts<'de, A: serde::de::MapAccess<'de>>(
    map: &mut A,
    names: &[(&'static str, &'static str)],
    odata_type: &mut Option<String>,
    fields: &mut [&mut dyn Property],
    additional: &mut OpenType,
) -> Result<(), A::Error> {
    let mut seen_type = false;
    while let Some(MapKey(key)) = map.next_key()? {
        if key == "@odata.type" {
            if seen_type {
                return Err(<A::Error as serde::de::Error>::duplicate_field(
                    "@odata.type",
                ));
            }
            seen_type = true;
            *odata_type = map.next_value()?;
        } else if let Some(i) = names.iter().position(|&(wire, _)| wire == key) {
            if !fields[i].is_absent() {
                return Err(<A::Error as serde::de::Error>::duplicate_field(names[i].0));
            }
            map.next_value_seed(PropertySeed(&mut *fields[i]))?;
        } else {
            let v: serde_json::Value = map.next_value()?;
            additional.insert(key.into_owned(), v);
        }
    }
    Ok(())
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
    /// The Rust names of the [`StringEnum::MEMBERS`] variants, in the same
    /// order: what `Debug` prints.
    const NAMES: &'static [&'static str];
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

/// The position of `value` among the enum's variants: its index in
/// [`StringEnum::MEMBERS`] (which lists every member variant in declaration
/// order), `MEMBERS.len()` for `Unrecognized` (the last variant).
pub fn enum_index<E: StringEnum + PartialEq>(value: &E) -> usize {
    E::MEMBERS
        .iter()
        .position(|m| m == value)
        .unwrap_or(E::MEMBERS.len())
}

/// An enum's `Debug`: what `#[derive(Debug)]` prints (`Active`,
/// `Unrecognized("text")`).
///
/// # Errors
///
/// The formatter's.
pub fn enum_debug<E: StringEnum + PartialEq>(value: &E, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match E::NAMES.get(enum_index(value)) {
        Some(name) => f.write_str(name),
        None => f.debug_tuple("Unrecognized").field(&value.wire()).finish(),
    }
}

/// An enum's `Ord` (and `PartialOrd`), as `#[derive(Ord)]` orders: by
/// variant in declaration order, two `Unrecognized` by their text.
pub fn enum_cmp<E: StringEnum + PartialEq>(a: &E, b: &E) -> std::cmp::Ordering {
    enum_index(a)
        .cmp(&enum_index(b))
        .then_with(|| a.wire().cmp(b.wire()))
}

/// An enum's `Hash`, feeding the hasher what `#[derive(Hash)]` feeds it:
/// the variant's discriminant as an `isize`, then for `Unrecognized` its
/// text.
pub fn enum_hash<E: StringEnum + PartialEq, H: std::hash::Hasher>(value: &E, state: &mut H) {
    use std::hash::Hash;
    let index = enum_index(value);
    state.write_isize(isize::try_from(index).unwrap_or(isize::MAX));
    if index == E::MEMBERS.len() {
        value.wire().hash(state);
    }
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
