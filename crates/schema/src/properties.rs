//! Property rows: the facts each page's tables state, and merging them by (owner, name).

use crate::bases::BaseFact;
use crate::build::Facts;
use crate::ir::*;
use crate::names::{qualify, Names};
use crate::subject::PageKind;
use crate::types::{parse_type_cell, TypeExpr};
use graphgen_diag::{Code, Diagnostic};
use graphgen_parse::{Cell, JsonNode, Page, TableKind};
use std::collections::BTreeMap;

/// One property row, as a page states it.
#[derive(Debug, Clone)]
pub(crate) struct PropFact {
    pub(crate) owner: String,
    /// For an "Inherited from [x]" row (owner `x`): the subject of the page that states it.
    pub(crate) inherited_by: Option<String>,
    pub(crate) name: String,
    pub(crate) ty: TypeRef,
    pub(crate) navigation: bool,
    pub(crate) description: Option<String>,
    pub(crate) possible_values: Vec<String>,
    /// The name cell marks the property "(deprecated)".
    pub(crate) deprecated: bool,
    /// `[a](a.md) or [b](b.md)`: the types the cell offers.
    pub(crate) alternatives: Vec<String>,
    pub(crate) source: Source,
    /// The Type cell, for diagnostics about the type.
    pub(crate) type_span: graphgen_diag::Span,
}

/// A name cell read as a wire name and the markers written after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RowName {
    pub(crate) name: String,
    /// "(deprecated)" follows the name.
    pub(crate) deprecated: bool,
}

/// The wire name in a name cell: `` `id` ``, `**siteCollection**`, `organizer (deprecated)`,
/// `creationDateTime (Deprecated)`. Markers in parentheses are not part of the name. `Err` with
/// the text when the cell holds no name (prose, a heading such as "Device management").
pub(crate) fn property_name(cell: &Cell) -> Result<RowName, String> {
    let text = cell.text.trim();
    let (head, marker) = match text.split_once('(') {
        Some((head, rest)) if !head.trim().is_empty() && rest.trim_end().ends_with(')') => {
            (head, Some(rest.trim_end().trim_end_matches(')').trim()))
        }
        _ => (text, None),
    };
    let name = head.trim().trim_matches(['`', '*', ' ', '\u{a0}']).trim();
    let is_name = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '@')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '@' | '.' | '-'));
    if !is_name {
        return Err(text.to_owned());
    }
    let deprecated = marker.is_some_and(|m| m.to_ascii_lowercase().contains("deprecat"));
    Ok(RowName {
        name: name.to_owned(),
        deprecated,
    })
}

/// A row whose collection-ness the page's JSON representation contradicts. The representation
/// wins unless an example body agrees with the row ([`confirm_contradicted`]).
#[derive(Debug)]
pub(crate) struct Contradicted {
    owner: String,
    name: String,
    /// The representation shows a collection.
    shown: bool,
    diagnostic: Diagnostic,
}

/// Keeps the representation's reading of each contradicted row when the example bodies of the
/// owner agree with it (one shows the property that way, none the row's way), and reports the
/// row; else the row stands.
pub(crate) fn confirm_contradicted(
    schema: &mut Schema,
    pages: &[&Page],
    contradicted: Vec<Contradicted>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for c in contradicted {
        let owner = simple_name(&c.owner).to_ascii_lowercase();
        let mut row_way = false;
        let mut example_way = false;
        for page in pages {
            for block in &page.code_blocks {
                let Some(a) = &block.annotation else { continue };
                let Some(named) = a.odata_type() else {
                    continue;
                };
                let named = named.trim().trim_start_matches('#');
                let inner = named
                    .strip_prefix("Collection(")
                    .or_else(|| named.strip_prefix("collection("))
                    .map(|n| n.trim_end_matches(')'));
                if !simple_name(inner.unwrap_or(named)).eq_ignore_ascii_case(&owner) {
                    continue;
                }
                let Some(tree) = block
                    .json
                    .as_ref()
                    .or_else(|| block.http.as_ref()?.body())
                    .and_then(|b| b.tree.as_ref())
                else {
                    continue;
                };
                let objects: Vec<&JsonNode> = match (inner, tree.member("value")) {
                    (Some(_), Some(m)) => match &m.value {
                        JsonNode::Array(items) => items.iter().collect(),
                        _ => Vec::new(),
                    },
                    _ => vec![tree],
                };
                for o in objects {
                    if a.block_type() == Some("resource") {
                        continue;
                    }
                    if let Some(m) = o.member(&c.name) {
                        match (&m.value, c.shown) {
                            (JsonNode::Null, _) => {}
                            (JsonNode::Array(_), true) => example_way = true,
                            (JsonNode::Array(_), false) | (_, true) => row_way = true,
                            (_, false) => example_way = true,
                        }
                    }
                }
            }
        }
        if row_way || !example_way {
            if let Some(p) = schema
                .types
                .get_mut(&c.owner)
                .and_then(|t| t.properties.iter_mut().find(|p| p.name == c.name))
            {
                p.ty.collection = !c.shown;
            }
        } else {
            diagnostics.push(c.diagnostic);
        }
    }
}

/// The body of a resource page's JSON representation (`"blockType": "resource"`), as an object.
fn representation(page: &Page) -> Option<&JsonNode> {
    page.code_blocks.iter().find_map(|b| {
        let a = b.annotation.as_ref()?;
        if a.block_type() != Some("resource") {
            return None;
        }
        let tree = b
            .json
            .as_ref()
            .or_else(|| b.http.as_ref()?.body())?
            .tree
            .as_ref()?;
        matches!(tree, JsonNode::Object(_)).then_some(tree)
    })
}

/// `@odata.type` (and `odata.type`) rows name the discriminator every struct already has.
fn is_discriminator(name: &str) -> bool {
    matches!(name, "@odata.type" | "odata.type")
}

pub(crate) fn is_todo(text: &str) -> bool {
    text.contains("TODO")
}

/// The rows of the subject's Properties/Relationships tables (resource pages) or Request body
/// table (create/update pages) as property facts; "Inherited from" rows also name an ancestor.
pub(crate) fn page_rows(
    page: &Page,
    kind: PageKind,
    subject: &str,
    ns: &str,
    names: &mut Names,
    facts: &mut Facts,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for table in &page.tables {
        let (name_col, ty_col, desc_col, navigation) = match table.kind {
            TableKind::Properties {
                name,
                ty,
                description,
            } => (name, ty, description, false),
            TableKind::Relationships {
                name,
                ty,
                description,
            } => (name, ty, description, true),
            _ => continue,
        };
        let section = table.section.as_deref().unwrap_or("").to_ascii_lowercase();
        let wanted = match kind {
            // A table before the first `##` heading (beta securescorecontrolstateupdate.md:13)
            // stands in the title's section: it lists the subject's properties too.
            PageKind::Resource => {
                section.contains("propert")
                    || section.contains("relationship")
                    || page
                        .title
                        .as_ref()
                        .is_some_and(|t| t.value.eq_ignore_ascii_case(&section))
            }
            PageKind::CreateOrUpdate | PageKind::Action => section.contains("request body"),
            _ => false,
        };
        if !wanted {
            continue;
        }
        facts.used.mark(page, table.line);
        // The section decides: a table headed `Relationship` under `## Properties` (v1.0
        // presence.md) lists properties.
        let navigation =
            section.contains("relationship") || (navigation && !section.contains("propert"));
        let representation = representation(page);
        let mut seen: BTreeMap<String, u32> = BTreeMap::new();
        for row in &table.rows {
            let (Some(name_cell), Some(ty_cell)) = (row.cells.get(name_col), row.cells.get(ty_col))
            else {
                diagnostics.push(Diagnostic::new(
                    Code::MalformedTable,
                    Source::new(&page.path, row.line).span(),
                    format!(
                        "row has {} cells; the header names {} columns",
                        row.cells.len(),
                        table.header.len()
                    ),
                ));
                continue;
            };
            if row.group.is_some() || name_cell.text.trim().is_empty() {
                continue;
            }
            let source = Source::new(&page.path, row.line);
            let RowName { name, deprecated } = match property_name(name_cell) {
                Ok(n) => n,
                Err(text) => {
                    diagnostics.push(
                        Diagnostic::new(
                            Code::MalformedTable,
                            graphgen_diag::Span {
                                file: page.path.clone(),
                                line: row.line,
                                column: name_cell.column,
                                len: name_cell.markdown.chars().count() as u32,
                            },
                            format!("`{text}` is not a property name; the row is not read"),
                        )
                        .with_help("write the property's wire name in the first column"),
                    );
                    continue;
                }
            };
            if is_discriminator(&name) {
                continue;
            }
            if let Some(first) = seen.insert(name.clone(), row.line) {
                diagnostics.push(
                    Diagnostic::new(
                        Code::DuplicatePropertyRow,
                        source.span(),
                        format!("property `{name}` appears twice in this table"),
                    )
                    .with_related(Source::new(&page.path, first).span(), "first row"),
                );
                continue;
            }
            // A link names a type of the namespace of the page it points at (a callRecords page's
            // `[identitySet](identityset.md)` is microsoft.graph.identitySet).
            let cell_ns = ty_cell
                .links
                .first()
                .and_then(|l| names.pages.link_namespace(&page.path, l))
                .unwrap_or(ns)
                .to_owned();
            let parsed = parse_type_cell(ty_cell, &cell_ns);
            // `Json` (v1.0 chartaxis.md:28) is the type json.md declares, when a page does: its
            // values are any JSON (`infer`), but the field names the documented type.
            let json = match &parsed {
                TypeExpr::Known(t) => json_type(ty_cell, t, &cell_ns, names),
                TypeExpr::Unknown(_) => None,
            };
            let ty = match parsed {
                TypeExpr::Known(t) if json.is_some() => TypeRef {
                    name: json.unwrap_or_default(),
                    ..t
                },
                TypeExpr::Known(t) => {
                    let enum_values = desc_col
                        .and_then(|c| row.cells.get(c))
                        .is_some_and(|c| !c.possible_values.is_empty());
                    let name = match link_mismatch(page, ty_cell, &name, &t, enum_values, names) {
                        Some(m) => {
                            if !m.why.is_empty() {
                                diagnostics
                                    .push(link_mismatch_diagnostic(page, row.line, ty_cell, &m));
                            }
                            names.canonical(&m.used)
                        }
                        None => names.canonical(&t.name),
                    };
                    TypeRef { name, ..t }
                }
                TypeExpr::Unknown(text) => {
                    diagnostics.push(
                        Diagnostic::new(
                            Code::UnknownTypeExpression,
                            graphgen_diag::Span {
                                file: page.path.clone(),
                                line: row.line,
                                column: ty_cell.column,
                                len: ty_cell.markdown.chars().count() as u32,
                            },
                            format!("type `{text}` of property `{name}` could not be understood"),
                        )
                        .with_help("the property is modelled as untyped JSON"),
                    );
                    TypeRef::new("Edm.Untyped", false)
                }
            };
            let desc_cell = desc_col.and_then(|c| row.cells.get(c));
            let owner = match desc_cell.and_then(|c| c.inherited_from.as_ref()) {
                Some(link) => {
                    let link_ns = names
                        .pages
                        .link_namespace(&page.path, link)
                        .unwrap_or(ns)
                        .to_owned();
                    let owner = names.canonical(&qualify(&link.text, &link_ns));
                    if owner != subject {
                        facts.inherited_rows.push(crate::kinds::InheritedRow {
                            subject: subject.to_owned(),
                            ancestor: owner.clone(),
                            name: name.clone(),
                            source: source.clone(),
                        });
                        facts.bases.push(BaseFact {
                            child: subject.to_owned(),
                            base: owner.clone(),
                            evidence: BaseEvidence::InheritedRows,
                            source: source.clone(),
                        });
                    }
                    owner
                }
                None => subject.to_owned(),
            };
            let mut ty = ty;
            // A row contradicted by its page's own JSON representation (v1.0 presence.md:33
            // `availability | string collection`, shown as `"availability": "string"`): the
            // row is the error.
            if let Some(m) = representation.and_then(|r| r.member(&name)) {
                // Only a literal says "one value": representations often show one object for a
                // collection of objects.
                // A string that writes a type (`"Collection(microsoft.graph.x)"`) says nothing.
                let shown = match &m.value {
                    _ if ty.name == "Edm.Untyped" => None,
                    JsonNode::Array(_) => Some(true),
                    JsonNode::String(v)
                        if ty.is_primitive() && crate::types::primitive(v).is_some() =>
                    {
                        Some(false)
                    }
                    JsonNode::Number(_) | JsonNode::Bool(_) if ty.is_primitive() => Some(false),
                    _ => None,
                };
                if let Some(shown) = shown.filter(|&c| c != ty.collection) {
                    let used = TypeRef::new(ty.name.clone(), shown);
                    facts.contradicted.push(Contradicted {
                        owner: owner.clone(),
                        name: name.clone(),
                        shown,
                        diagnostic: Diagnostic::new(
                            Code::PropertyTypeDisagreement,
                            graphgen_diag::Span {
                                file: page.path.clone(),
                                line: row.line,
                                column: ty_cell.column,
                                len: ty_cell.markdown.chars().count() as u32,
                            },
                            format!(
                                "`{name}` is typed `{ty}` here but the page's JSON representation shows {}",
                                if shown { "a collection" } else { "a single value" }
                            ),
                        )
                        .with_related(
                            Source::new(&page.path, m.line).span(),
                            "the JSON representation",
                        )
                        .with_help(format!("the generator uses `{used}`; correct the row")),
                    });
                    ty = used;
                }
            }
            if !ty.is_primitive() {
                facts
                    .references
                    .entry(ty.name.clone())
                    .or_insert_with(|| source.clone());
            }
            let type_span = graphgen_diag::Span {
                file: page.path.clone(),
                line: row.line,
                column: ty_cell.column,
                len: ty_cell.markdown.chars().count() as u32,
            };
            let mut possible_values = desc_cell
                .map(|c| c.possible_values.clone())
                .unwrap_or_default();
            if ty.is_primitive() {
                for v in crate::enums::property_values_table(page, &name) {
                    if !possible_values.contains(&v) {
                        possible_values.push(v);
                    }
                }
            }
            let alternatives = crate::types::alternatives(ty_cell, ns, |l| {
                names.pages.link_namespace(&page.path, l).map(str::to_owned)
            })
            .iter()
            .map(|t| names.canonical(t))
            .collect();
            let inherited_by = (owner != subject).then(|| subject.to_owned());
            facts.props.push(PropFact {
                alternatives,
                type_span,
                deprecated,
                owner,
                inherited_by,
                name,
                ty,
                navigation,
                description: desc_cell
                    .map(|c| c.markdown.clone())
                    .filter(|d| !d.is_empty()),
                possible_values,
                source,
            });
        }
    }
}

/// A Type cell whose link text names one type and whose target page declares another, and the
/// type the generator uses.
struct LinkMismatch {
    text: String,
    target: String,
    used: String,
    /// What decided; empty when there is nothing to report (a plural of the target's type).
    why: &'static str,
}

/// Checks a Type cell's link against the page it points at (v1.0 provisioningobjectsummary.md:38
/// `[servicePrincipal](provisioningserviceprincipal.md)`: the target page declares
/// `provisioningServicePrincipal`). The target wins: a link is followed to a page, the text is a
/// label. Except when the page says otherwise: its JSON representation shows the member's
/// `@odata.type` (v1.0 call.md:79 `[invitationParticipantInfo](participantinfo.md)`, shown as
/// `invitationParticipantInfo` at :135), which decides between the two; or the row lists the
/// possible values of an enum while the target is not an enum page (v1.0 place-update.md:50
/// `[bookingType](../resources/room.md)`), where the text stays. Not for a link with an anchor
/// (`[chatType](chat.md#chattype-values)` names a section, not the page's type), nor a cell
/// offering alternatives (`alternatives.rs`).
fn link_mismatch(
    page: &Page,
    cell: &Cell,
    property: &str,
    parsed: &TypeRef,
    enum_values: bool,
    names: &Names,
) -> Option<LinkMismatch> {
    if parsed.is_primitive() || cell.links.len() != 1 {
        return None;
    }
    let link = &cell.links[0];
    if link.dest.contains('#') {
        return None;
    }
    let info = names.pages.target(&page.path, link)?;
    let target = info.declares.as_deref()?;
    let text = simple_name(&parsed.name).to_ascii_lowercase();
    let declared = simple_name(target).to_ascii_lowercase();
    if text == declared {
        return None;
    }
    // A plural that no page declares as a type of its own (beta conditionalaccessroot.md:36
    // `[namedLocations](namedlocation.md)`) names the target's type; nothing to report.
    if text.strip_suffix('s') == Some(declared.as_str()) && !names.pages.is_declared(&parsed.name) {
        return Some(LinkMismatch {
            text: parsed.name.clone(),
            target: target.to_owned(),
            used: target.to_owned(),
            why: "",
        });
    }
    let shown = representation(page)
        .and_then(|r| r.member(property))
        .and_then(|m| match &m.value {
            JsonNode::Array(items) => items.first(),
            v => Some(v),
        })
        .and_then(|v| v.member("@odata.type"))
        .and_then(|t| t.value.as_str())
        .map(|t| simple_name(t.trim().trim_start_matches('#')).to_owned())
        .map(|t| (t, "the page's JSON representation"))
        .or_else(|| listed_type(page, property).map(|t| (t, "the page's Methods table")));
    let (used, why) = match shown {
        Some((s, by)) if s.eq_ignore_ascii_case(simple_name(&parsed.name)) => {
            (parsed.name.clone(), by)
        }
        Some((s, by)) if s.eq_ignore_ascii_case(simple_name(target)) => (target.to_owned(), by),
        _ if enum_values && !info.declares_enum => (
            parsed.name.clone(),
            "the row's enum values (the linked page is no enum)",
        ),
        _ => (target.to_owned(), "the linked page"),
    };
    Some(LinkMismatch {
        text: parsed.name.clone(),
        target: target.to_owned(),
        used,
        why,
    })
}

/// The type the page's Methods table says a `List x` method returns for property `x` (beta
/// accesspackage.md:33 `[List incompatibleAccessPackages](..) | [accessPackage](accesspackage.md)
/// collection`): the return cell's link text.
fn listed_type(page: &Page, property: &str) -> Option<String> {
    page.tables.iter().find_map(|table| {
        let TableKind::Methods {
            method,
            returns: Some(returns),
            ..
        } = table.kind
        else {
            return None;
        };
        table.rows.iter().find_map(|row| {
            let named = row.cells.get(method)?.text.trim();
            let listed = named
                .strip_prefix("List ")
                .is_some_and(|rest| rest.trim().eq_ignore_ascii_case(property));
            let link = row.cells.get(returns)?.links.first()?;
            listed.then(|| link.text.trim().trim_matches(['`', '*']).to_owned())
        })
    })
}

/// GD0016 at the Type cell of a [`LinkMismatch`].
fn link_mismatch_diagnostic(page: &Page, line: u32, cell: &Cell, m: &LinkMismatch) -> Diagnostic {
    Diagnostic::new(
        Code::LinkTargetMismatch,
        graphgen_diag::Span {
            file: page.path.clone(),
            line,
            column: cell.column,
            len: cell.markdown.chars().count() as u32,
        },
        format!(
            "link text `{}` names a different type than its target, which declares `{}`",
            simple_name(&m.text),
            simple_name(&m.target)
        ),
    )
    .with_help(format!(
        "the generator uses `{}`, as {} says; make the text and the target agree",
        simple_name(&m.used),
        m.why
    ))
}

/// The declared type a Type cell that says just `Json` names: `microsoft.graph.Json` when a page
/// declares it (v1.0 json.md "Json resource type"), else nothing (the cell stays untyped JSON).
fn json_type(cell: &Cell, t: &TypeRef, ns: &str, names: &mut Names) -> Option<String> {
    let word = cell
        .links
        .first()
        .map_or(cell.text.as_str(), |l| l.text.as_str());
    let word = word.trim().trim_matches('`').trim();
    let word = word.strip_suffix(" collection").unwrap_or(word).trim();
    if t.name != "Edm.Untyped" || !word.eq_ignore_ascii_case("json") {
        return None;
    }
    let qualified = qualify("Json", ns);
    names
        .pages
        .is_declared(&qualified)
        .then(|| names.canonical(&qualified))
}
