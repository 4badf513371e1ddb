//! The query options, Request headers table, and Request body and Response statements.

use super::*;

pub(super) fn query_options(
    page: &Page,
    paragraphs: &[Paragraph],
    sections: &Sections<'_>,
) -> Vec<Located<String>> {
    const SECTIONS: &[&str] = &["optional query parameters", "query parameters"];
    let mut out: Vec<Located<String>> = Vec::new();
    let mut push = |name: String, line: u32| {
        if !name.is_empty() && !out.iter().any(|o| o.value == name) {
            out.push(Located::new(name, line));
        }
    };
    for p in paragraphs
        .iter()
        .filter(|p| sections.within(p.line, SECTIONS))
    {
        for c in &p.codes {
            let c = c.trim();
            if c.starts_with('$')
                && c.len() > 1
                && c[1..].chars().all(|ch| ch.is_ascii_alphabetic())
            {
                push(c.to_owned(), p.line);
            }
        }
    }
    for table in section_tables(page, sections, SECTIONS) {
        for row in &table.rows {
            if let Some(cell) = row.cells.first() {
                let name = cell
                    .text
                    .trim()
                    .trim_matches(['`', '*', '_', ' '])
                    .to_owned();
                if name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '$' || c == '-' || c == '_')
                {
                    push(name, row.line);
                }
            }
        }
    }
    out
}

pub(super) fn headers(page: &Page, sections: &Sections<'_>) -> Vec<RequestHeader> {
    let mut out = Vec::new();
    for table in section_tables(
        page,
        sections,
        &["request headers", "optional request headers"],
    ) {
        let desc_col = table
            .header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case("description"))
            .or_else(|| (table.header.len() > 1).then_some(table.header.len() - 1));
        for row in &table.rows {
            let Some(name) = row.cells.first() else {
                continue;
            };
            let name = name
                .text
                .trim()
                .trim_matches(['`', '*', '_', ' '])
                .to_owned();
            if name.is_empty() {
                continue;
            }
            let description = desc_col
                .and_then(|c| row.cells.get(c))
                .map(|c| c.text.clone())
                .unwrap_or_default();
            let lower = description.to_ascii_lowercase();
            let required = if lower.contains("required") && !lower.contains("not required") {
                Some(true)
            } else if lower.contains("optional") || lower.contains("not required") {
                Some(false)
            } else {
                None
            };
            out.push(RequestHeader {
                name,
                required,
                description,
                line: row.line,
            });
        }
    }
    out
}

/// The first link of a paragraph that points at a page (a type), if any.
fn type_link(p: &Paragraph) -> Option<&Link> {
    p.links
        .iter()
        .find(|l| l.target_page().is_some() && !l.dest.contains("/concepts/"))
}

/// The type links that follow the first one joined to it by "or", "," or ", or" (each
/// optionally followed by "a"/"an"): `an [ipNamedLocation](...) or [countryNamedLocation](...)
/// object`, `a [socialIdentityProvider](...), [openIdConnectIdentityProvider](...), or ...`.
fn alternative_links(p: &Paragraph) -> Vec<Link> {
    let mut links = p
        .links
        .iter()
        .filter(|l| l.target_page().is_some() && !l.dest.contains("/concepts/"));
    let Some(first) = links.next() else {
        return Vec::new();
    };
    let Some(start) = p.text.find(&first.text) else {
        return Vec::new();
    };
    let mut cursor = start + first.text.len();
    let mut out = Vec::new();
    for link in links {
        let Some(at) = p.text[cursor..].find(&link.text) else {
            break;
        };
        let between = p.text[cursor..cursor + at].trim().to_ascii_lowercase();
        let joined = between
            .trim_end_matches(" an")
            .trim_end_matches(" a")
            .trim_end_matches(" the");
        let joined = if joined == "an" || joined == "a" || joined == "the" {
            ""
        } else {
            joined
        };
        if !matches!(joined, "or" | "," | ", or") {
            break;
        }
        out.push(link.clone());
        cursor += at + link.text.len();
    }
    out
}

pub(super) fn request_body(
    page: &Page,
    paragraphs: &[Paragraph],
    sections: &Sections<'_>,
) -> Option<BodyStatement> {
    let table = section_tables(page, sections, &["request body"]).next();
    let Some(p) = paragraphs
        .iter()
        .find(|p| sections.within(p.line, &["request body"]))
    else {
        // A parameter table with no sentence before it (`application-removepassword.md`).
        return table.map(|t| BodyStatement {
            kind: BodyStatementKind::Parameters,
            text: String::new(),
            link: None,
            alternatives: Vec::new(),
            line: t.line,
        });
    };
    let lower = p.text.to_ascii_lowercase();
    let has_table = table.is_some();
    let kind = if lower.contains("not supply a request body")
        || lower.contains("don't supply a request body")
        || lower.contains("no request body")
        || lower.contains("not supply a body")
        || lower.contains("without a request body")
        || lower.contains("request body is not required")
    {
        BodyStatementKind::None
    } else if lower.contains("should be updated")
        || lower.contains("to update")
        // "supply the new value for the parentReference property. Existing properties that are
        // not included in the request body will maintain their previous values" (v1.0
        // `driveitem-move.md:50`): the update boilerplate's second sentence.
        || lower.contains("will maintain their previous values")
    {
        BodyStatementKind::Update
    } else if lower.contains("parameter") {
        BodyStatementKind::Parameters
    } else if (lower.contains("representation") || lower.contains("object"))
        && type_link(p).is_some()
    {
        BodyStatementKind::Representation
    } else if has_table {
        BodyStatementKind::Parameters
    } else {
        BodyStatementKind::Other
    };
    Some(BodyStatement {
        kind,
        text: p.text.clone(),
        link: type_link(p).cloned(),
        alternatives: alternative_links(p),
        line: p.line,
    })
}

/// Primitive names that a Response statement may give instead of a link.
const PRIMITIVES: &[&str] = &[
    "String", "Boolean", "Int32", "Int64", "Double", "Stream", "Binary", "Guid",
];

/// The Response section's success statement: the first paragraph starting "If successful",
/// else the first saying "return"; and the section's other "If successful" paragraphs, the
/// alternatives a page gives under sub-headings (`### CSV`: "returns a `302 Found` response that
/// redirects to a preauthenticated download URL", `### JSON`: "returns a `200 OK` response code and
/// an [emailActivityUserDetail] object").
pub(super) fn response(
    paragraphs: &[Paragraph],
    sections: &Sections<'_>,
) -> (Option<ResponseStatement>, Vec<ResponseStatement>) {
    let in_section: Vec<&Paragraph> = paragraphs
        .iter()
        .filter(|p| sections.within(p.line, &["response"]))
        .collect();
    let successful = |p: &&&Paragraph| {
        p.text
            .trim_start()
            .to_ascii_lowercase()
            .starts_with("if successful")
    };
    let Some(first) = in_section
        .iter()
        .find(successful)
        .or_else(|| in_section.iter().find(|p| p.text.contains("return")))
    else {
        return (None, Vec::new());
    };
    let others = in_section
        .iter()
        .filter(successful)
        .filter(|p| p.line != first.line)
        .map(|p| statement(p))
        .collect();
    (Some(statement(first)), others)
}

fn statement(p: &Paragraph) -> ResponseStatement {
    let status = p.codes.iter().find_map(|c| {
        let digits: String = c.trim().chars().take_while(char::is_ascii_digit).collect();
        (digits.len() == 3).then(|| digits.parse().ok()).flatten()
    });
    let lower = p.text.to_ascii_lowercase();
    let link = type_link(p).cloned();
    let after_link = link
        .as_ref()
        .and_then(|l| {
            let i = p.text.find(&l.text)?;
            Some(p.text[i + l.text.len()..].trim_start().to_ascii_lowercase())
        })
        .unwrap_or_default();
    let collection = link.as_ref().is_some_and(|l| l.collection)
        || after_link.starts_with("collection")
        || after_link.starts_with("objects")
        || lower.contains("collection of")
        || lower.contains("array of")
        || lower.contains("list of");
    // "and a String collection in the response body", "and a Stream in the response body".
    let primitive = if link.is_none() {
        p.text
            .split_once(" and ")
            .map(|(_, rest)| rest)
            .and_then(|rest| {
                // "boolean" in lower case too ("a boolean value", beta
                // contenttype-ispublished.md:41): it names nothing but the type. Other lower-case
                // words are English ("base-64 image string", "binary data", "a file stream", "a
                // string collection object" for getByIds, which returns directory objects).
                rest.split_whitespace().take(3).find_map(|w| {
                    let w = w.trim_matches(['*', '`', '.', ',']);
                    if w == "boolean" {
                        return Some("Boolean".to_owned());
                    }
                    PRIMITIVES.contains(&w).then(|| w.to_owned())
                })
            })
    } else {
        None
    };
    let no_body = link.is_none()
        && primitive.is_none()
        && (lower.contains("not return anything")
            || lower.contains("empty response body")
            || lower.contains("no response body")
            || lower.contains("empty content")
            || !lower.contains(" and "));
    ResponseStatement {
        text: p.text.clone(),
        status,
        alternatives: if link.is_some() {
            alternative_links(p)
        } else {
            Vec::new()
        },
        link,
        primitive,
        collection,
        no_body,
        line: p.line,
    }
}
