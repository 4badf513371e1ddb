//! The Type column: `String`, `[identitySet](identityset.md)`, `[x](x.md) collection`,
//! `Collection(microsoft.graph.x)`, `String collection`, `Edm.Int64`, `int`, ...

use crate::ir::TypeRef;
use graphgen_parse::Cell;

/// Maps a primitive spelling to its `Edm.` name.
pub fn primitive(name: &str) -> Option<&'static str> {
    let lower = name.trim().to_ascii_lowercase();
    let lower = lower.strip_prefix("edm.").unwrap_or(&lower);
    Some(match lower {
        "string" | "str" | "text" => "Edm.String",
        "boolean" | "bool" => "Edm.Boolean",
        "int32" | "int" | "integer" | "number" => "Edm.Int32",
        "int64" | "long" => "Edm.Int64",
        "int16" | "short" => "Edm.Int16",
        "byte" => "Edm.Byte",
        "sbyte" => "Edm.SByte",
        "double" => "Edm.Double",
        "single" | "float" => "Edm.Single",
        "decimal" => "Edm.Decimal",
        "datetimeoffset" | "datetime" | "timestamp" => "Edm.DateTimeOffset",
        "date" => "Edm.Date",
        "timeofday" => "Edm.TimeOfDay",
        "duration" | "timespan" => "Edm.Duration",
        "guid" | "uuid" => "Edm.Guid",
        "binary" => "Edm.Binary",
        "stream" => "Edm.Stream",
        "json" | "untyped" | "object" => "Edm.Untyped",
        // `Url` (v1.0 remoteitem.md:73 `webDavUrl`) is text on the wire, not a type.
        "url" | "uri" => "Edm.String",
        _ => return None,
    })
}

/// The outcome of reading a Type cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeExpr {
    Known(TypeRef),
    /// The cell could not be read as a type; the text is kept for the diagnostic.
    Unknown(String),
}

fn is_identifier(s: &str) -> bool {
    crate::names::is_type_word(s)
}

/// Removes what the docs write around a type name: `(Optional) String`, `string, maximum size
/// 20`, `string (url)`, `alertFeedback enum`, `x collection collection`.
fn strip_qualifiers(name: &str) -> String {
    let mut name = name
        .trim()
        .trim_start_matches("(Optional)")
        .trim()
        .to_owned();
    // A reference-style link whose definition is missing stays text: `[itemReference][]`.
    if let Some(rest) = name.strip_prefix('[') {
        if let Some((inner, after)) = rest.split_once(']') {
            name = format!("{inner}{}", after.trim_start_matches("[]"));
        }
    }
    if let Some((head, _)) = name.split_once(',') {
        name = head.trim().to_owned();
    }
    if !name.to_ascii_lowercase().starts_with("collection(") {
        if let Some((head, _)) = name.split_once('(').filter(|(h, _)| !h.trim().is_empty()) {
            name = head.trim().to_owned();
        }
    }
    loop {
        let lower = name.to_ascii_lowercase();
        let cut = [" collection", " collections", " enum", " object"]
            .iter()
            .find(|suffix| {
                lower.ends_with(*suffix) && lower != "json object" && lower != "untyped json object"
            });
        match cut {
            Some(suffix) => name = name[..name.len() - suffix.len()].trim().to_owned(),
            None => break,
        }
    }
    name
}

/// A cell's type name, put in `namespace` unless it is qualified already.
fn in_namespace(name: &str, namespace: &str) -> String {
    if name.contains('.') {
        name.to_owned()
    } else {
        format!("{namespace}.{name}")
    }
}

/// The types of a cell that offers alternatives: two or more type links joined by "or"
/// (v1.0 call.md:69 `[appHostedMediaConfig](apphostedmediaconfig.md) or
/// [serviceHostedMediaConfig](servicehostedmediaconfig.md)`), qualified; empty otherwise.
/// `link_namespace` gives the namespace of the page a link points at, when it is known; else
/// the name is put in `namespace`.
pub fn alternatives(
    cell: &Cell,
    namespace: &str,
    link_namespace: impl Fn(&graphgen_parse::Link) -> Option<String>,
) -> Vec<String> {
    let text = format!(" {} ", cell.text.to_ascii_lowercase());
    if cell.links.len() < 2 || !text.contains(" or ") {
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    for link in &cell.links {
        let name = strip_qualifiers(link.text.trim().trim_matches('`').trim());
        if !is_identifier(&name) || primitive(&name).is_some() {
            return Vec::new();
        }
        let qualified = in_namespace(
            &name,
            &link_namespace(link).unwrap_or_else(|| namespace.to_owned()),
        );
        if !out.contains(&qualified) {
            out.push(qualified);
        }
    }
    if out.len() < 2 {
        out.clear();
    }
    out
}

/// Reads a Type cell. Named types that are not qualified are put in `namespace`.
pub fn parse_type_cell(cell: &Cell, namespace: &str) -> TypeExpr {
    let text = cell.text.trim().trim_matches('`').trim();
    let lower = text.to_ascii_lowercase();
    // "collection" as a word: `x collection`, `Collection(x)`, `Collection of String`; a type
    // whose name ends in Collection (`plannerPlanContextCollection`, `siteCollection`) is one
    // object.
    let mut collection = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| w == "collection" || w == "collections");
    if let Some(inner) = lower
        .strip_prefix("collection of ")
        .map(|_| text["collection of ".len()..].trim())
    {
        if cell.links.is_empty() {
            return parse_type_cell(
                &Cell {
                    text: format!("{inner} collection"),
                    ..cell.clone()
                },
                namespace,
            );
        }
        collection = true;
    }
    // The name: the first link's text when there is a link, else the text itself.
    let mut name = match cell.links.first() {
        Some(link) => link.text.trim().trim_matches('`').trim().to_owned(),
        None => text.to_owned(),
    };
    // Collection(x) and x collection
    if let Some(inner) = name
        .strip_prefix("Collection(")
        .or_else(|| name.strip_prefix("collection("))
    {
        name = inner.trim_end_matches(')').trim().to_owned();
        collection = true;
    }
    name = strip_qualifiers(&name);
    if ["json object", "untyped json object", "json", "object"]
        .contains(&name.to_ascii_lowercase().as_str())
    {
        return TypeExpr::Known(TypeRef::new("Edm.Untyped", collection));
    }
    let name = name.trim_matches(['`', '*', ' ']);
    // `[String](string.md)` links to the page of a type called String; a primitive linked to
    // some other page (`[DateTimeOffset](timestamp.md)`) is still the primitive.
    let links_own_page = cell
        .links
        .first()
        .and_then(|l| l.target_page())
        .is_some_and(|stem| stem.eq_ignore_ascii_case(name));
    if let Some(edm) = primitive(name).filter(|_| !links_own_page) {
        return TypeExpr::Known(TypeRef::new(edm, collection));
    }
    if is_identifier(name) {
        return TypeExpr::Known(TypeRef::new(in_namespace(name, namespace), collection));
    }
    TypeExpr::Unknown(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use graphgen_parse::Link;

    fn cell(text: &str, link: Option<&str>) -> Cell {
        Cell {
            text: text.to_owned(),
            markdown: text.to_owned(),
            links: link
                .map(|l| {
                    vec![Link {
                        text: l.to_owned(),
                        dest: format!("{l}.md"),
                        line: 1,
                        section: None,
                        collection: false,
                    }]
                })
                .unwrap_or_default(),
            ..Cell::default()
        }
    }

    fn known(text: &str, link: Option<&str>) -> TypeRef {
        match parse_type_cell(&cell(text, link), "microsoft.graph") {
            TypeExpr::Known(t) => t,
            TypeExpr::Unknown(t) => panic!("unknown {t}"),
        }
    }

    #[test]
    fn type_cell_primitive_aliases() {
        assert_eq!(known("String", None), TypeRef::new("Edm.String", false));
        assert_eq!(known("int", None), TypeRef::new("Edm.Int32", false));
        assert_eq!(known("Edm.Int64", None), TypeRef::new("Edm.Int64", false));
        assert_eq!(
            known("DateTimeOffset", None),
            TypeRef::new("Edm.DateTimeOffset", false)
        );
        assert_eq!(known("Guid", None), TypeRef::new("Edm.Guid", false));
    }

    #[test]
    fn type_cell_link_to_type() {
        assert_eq!(
            known("inferenceData", Some("inferenceData")),
            TypeRef::new("microsoft.graph.inferenceData", false)
        );
    }

    #[test]
    fn type_cell_collections() {
        assert_eq!(
            known("String collection", None),
            TypeRef::new("Edm.String", true)
        );
        assert_eq!(
            known("identity collection", Some("identity")),
            TypeRef::new("microsoft.graph.identity", true)
        );
        assert_eq!(
            known("Collection(microsoft.graph.callRecords.session)", None),
            TypeRef::new("microsoft.graph.callRecords.session", true)
        );
    }

    #[test]
    fn type_cell_link_to_a_type_named_like_a_primitive() {
        assert_eq!(
            known("String", Some("String")),
            TypeRef::new("microsoft.graph.String", false)
        );
        let mut timestamp = cell("DateTimeOffset", Some("DateTimeOffset"));
        timestamp.links[0].dest = "../resources/timestamp.md".into();
        assert_eq!(
            parse_type_cell(&timestamp, "microsoft.graph"),
            TypeExpr::Known(TypeRef::new("Edm.DateTimeOffset", false))
        );
    }

    #[test]
    fn type_cell_bare_enum_name() {
        assert_eq!(
            known("languageProficiencyLevel", None),
            TypeRef::new("microsoft.graph.languageProficiencyLevel", false)
        );
    }

    #[test]
    fn type_cell_qualifiers_around_the_type() {
        assert_eq!(
            known("string, maximum size 20", None),
            TypeRef::new("Edm.String", false)
        );
        assert_eq!(
            known("string (url)", None),
            TypeRef::new("Edm.String", false)
        );
        assert_eq!(
            known("(Optional) String", None),
            TypeRef::new("Edm.String", false)
        );
        assert_eq!(
            known("alertFeedback enum", None),
            TypeRef::new("microsoft.graph.alertFeedback", false)
        );
        assert_eq!(
            known("JSON object", None),
            TypeRef::new("Edm.Untyped", false)
        );
        assert_eq!(
            known("routingPolicy collection collection", None),
            TypeRef::new("microsoft.graph.routingPolicy", true)
        );
    }

    #[test]
    fn type_cell_reference_link_without_definition() {
        assert_eq!(
            known("[itemReference][]", None),
            TypeRef::new("microsoft.graph.itemReference", false)
        );
        assert_eq!(
            known("[driveItem][] collection", None),
            TypeRef::new("microsoft.graph.driveItem", true)
        );
    }

    #[test]
    fn type_cell_url_is_a_string() {
        // v1.0 remoteitem.md:73: `| webDavUrl | Url | DAV compatible URL for the item. |`
        assert_eq!(known("Url", None), TypeRef::new("Edm.String", false));
    }

    #[test]
    fn type_cell_json_is_an_untyped_value() {
        // v1.0 chartaxis.md:28: `|majorUnit|Json|... a numeric value or an empty string.`
        assert_eq!(known("Json", None), TypeRef::new("Edm.Untyped", false));
    }

    #[test]
    fn type_cell_collection_of_string() {
        assert_eq!(
            known("Collection of String", None),
            TypeRef::new("Edm.String", true)
        );
    }

    #[test]
    fn type_cell_type_name_ending_in_collection_is_one_object() {
        // beta plannerplan.md:37: `[plannerPlanContextCollection](plannerplancontextcollection.md)`
        assert_eq!(
            known(
                "plannerPlanContextCollection",
                Some("plannerPlanContextCollection")
            ),
            TypeRef::new("microsoft.graph.plannerPlanContextCollection", false)
        );
        // beta site.md:80: `| **siteCollection** | [siteCollection][] |`
        assert_eq!(
            known("[siteCollection][]", None),
            TypeRef::new("microsoft.graph.siteCollection", false)
        );
    }

    #[test]
    fn type_cell_prose_is_unknown() {
        assert!(matches!(
            parse_type_cell(&cell("see the table below", None), "microsoft.graph"),
            TypeExpr::Unknown(_)
        ));
    }
}
