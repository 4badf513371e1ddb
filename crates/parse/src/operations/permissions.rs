//! Permissions tables: inline, under Permissions or Prerequisites, or in an included file.

use super::*;
use graphgen_diag::Severity;

fn permission_kind(label: &str) -> PermissionKind {
    let l = label.to_ascii_lowercase();
    if l.starts_with("delegated") && (l.contains("work") || l.contains("school")) {
        PermissionKind::DelegatedWork
    } else if l.starts_with("delegated") && l.contains("personal") {
        PermissionKind::DelegatedPersonal
    } else if l.starts_with("application") {
        PermissionKind::Application
    } else {
        PermissionKind::Other
    }
}

fn is_permission_name(s: &str) -> bool {
    let s = s.trim_end_matches('*');
    s.contains('.')
        && s.split('.').all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        })
}

fn not_supported(s: &str) -> bool {
    let l = s.trim().trim_end_matches('.').to_ascii_lowercase();
    matches!(
        l.as_str(),
        "not supported" | "not applicable" | "none" | "n/a" | "not available"
    )
}

/// Rows of a permissions table (a table whose first header cell is "Permission type").
fn permission_rows(table: &Table) -> Vec<PermissionRow> {
    let mut rows = Vec::new();
    for row in &table.rows {
        let Some(label) = row.cells.first() else {
            continue;
        };
        let label = label.text.trim().to_owned();
        let mut r = PermissionRow {
            kind: permission_kind(&label),
            label,
            names: Vec::new(),
            not_supported: false,
            todo: false,
            other: Vec::new(),
            line: row.line,
        };
        for cell in row.cells.iter().skip(1) {
            let text = cell.text.trim();
            if text.contains("TODO") {
                r.todo = true;
                continue;
            }
            for piece in text
                .split([',', ';'])
                .map(str::trim)
                .filter(|p| !p.is_empty())
            {
                let piece = piece.trim_end_matches('.');
                if is_permission_name(piece) {
                    r.names.push(piece.to_owned());
                } else if not_supported(piece) {
                    r.not_supported = true;
                } else {
                    r.other.push(piece.to_owned());
                }
            }
        }
        rows.push(r);
    }
    rows
}

fn is_permissions_table(table: &Table) -> bool {
    table.header.first().is_some_and(|h| {
        let h = h.to_ascii_lowercase().replace('\u{a0}', " ");
        h.starts_with("permission type") || h.starts_with("permission&nbsp;type")
    })
}

pub(super) fn permissions(
    page: &Page,
    sections: &Sections<'_>,
    includes: &Includes,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Permissions> {
    // Older pages (Intune) put the table under "Prerequisites".
    const SECTIONS: &[&str] = &["permissions", "prerequisites"];
    if let Some(table) = section_tables(page, sections, SECTIONS).find(|t| is_permissions_table(t))
    {
        let rows = permission_rows(table);
        todo_permissions(&page.path, table.line, &rows, diagnostics);
        return Some(Permissions {
            file: page.path.clone(),
            columns: table.header.iter().skip(1).cloned().collect(),
            include: None,
            missing: false,
            rows,
            line: table.line,
        });
    }
    // `<!-- { "blockType": "permissions", ... } -->` + `[!INCLUDE [permissions-table](...)]`.
    let include = page
        .includes
        .iter()
        .find(|i| sections.within(i.line, SECTIONS) && i.value.contains("permissions"))?;
    let resolved = resolve_relative(&page.path, &include.value);
    let found = resolved.as_deref().and_then(|r| includes.get(r));
    let Some((file, text)) = found else {
        let why = match &resolved {
            Some(r) => format!("permissions in an include not present: `{r}` is not in the docs folder"),
            None => format!(
                "permissions in an include not present: `{}` points outside the docs folder and is not read",
                include.value
            ),
        };
        diagnostics.push(
            Diagnostic::new(Code::PermissionsNotStated, Span::line(&page.path, include.line), why)
                .with_severity(Severity::Note)
                .with_help("generate from a full docs checkout (with its `includes` folder) to read the permissions"),
        );
        return Some(Permissions {
            file: page.path.clone(),
            columns: Vec::new(),
            include: Some(include.clone()),
            missing: true,
            rows: Vec::new(),
            line: include.line,
        });
    };
    let parsed = crate::parse_page(file.clone(), text);
    let Some(table) = parsed.page.tables.iter().find(|t| is_permissions_table(t)) else {
        diagnostics.push(Diagnostic::new(
            Code::PermissionsNotStated,
            Span::line(file, 1),
            format!(
                "the included permissions file (from {}:{}) has no `Permission type` table",
                page.path, include.line
            ),
        ));
        return Some(Permissions {
            file: file.clone(),
            columns: Vec::new(),
            include: Some(include.clone()),
            missing: true,
            rows: Vec::new(),
            line: include.line,
        });
    };
    let rows = permission_rows(table);
    todo_permissions(file, table.line, &rows, diagnostics);
    Some(Permissions {
        file: file.clone(),
        columns: table.header.iter().skip(1).cloned().collect(),
        include: Some(include.clone()),
        missing: false,
        rows,
        line: table.line,
    })
}

/// One diagnostic per permissions table whose cells are TODO markers.
fn todo_permissions(
    file: &Arc<str>,
    line: u32,
    rows: &[PermissionRow],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let todo: Vec<&str> = rows
        .iter()
        .filter(|r| r.todo)
        .map(|r| r.label.as_str())
        .collect();
    if !todo.is_empty() {
        diagnostics.push(
            Diagnostic::new(
                Code::PermissionsNotStated,
                Span::line(file, line),
                format!("permissions are a TODO for {}", todo.join(", ")),
            )
            .with_help("list the permissions from least to most privileged, or `Not supported.`"),
        );
    }
}
