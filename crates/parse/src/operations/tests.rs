//! One test per quirk of API pages' HTTP request, permissions and statement sections, each on
//! lines copied from the docs into `tests/fixtures/operations/`.

use super::*;
use crate::parse_page_with;

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/operations/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).expect("fixture")
}

fn facts(name: &str) -> (OperationFacts, Vec<Diagnostic>) {
    let parsed = crate::parse_page(Arc::from(format!("beta/api/{name}")), &fixture(name));
    (
        parsed.page.operation.expect("an API page"),
        parsed.diagnostics,
    )
}

fn paths(f: &OperationFacts) -> Vec<(&str, &str)> {
    f.templates
        .iter()
        .map(|t| (t.method.as_str(), t.path.as_str()))
        .collect()
}

#[test]
fn multiple_templates_per_page() {
    let (f, _) = facts("multiple-templates.md");
    assert_eq!(
        paths(&f),
        [
            ("PATCH", "/me/profile/languages/{id}"),
            (
                "PATCH",
                "/users/{id | userPrincipalName}/profile/languages/{id}"
            ),
        ]
    );
    assert_eq!(f.templates[0].line, 10);
    assert_eq!(f.templates[1].line, 11);
}

#[test]
fn id_or_user_principal_name_alternation_is_one_parameter() {
    let (f, _) = facts("multiple-templates.md");
    let t = &f.templates[1];
    assert_eq!(t.params.len(), 2);
    assert_eq!(t.params[0].name, "id");
    assert_eq!(t.params[0].alternatives, ["id", "userPrincipalName"]);
    assert!(t.params[1].alternatives.is_empty());
    assert_eq!(
        t.pieces,
        [
            UrlPiece::Literal("/users/".into()),
            UrlPiece::Param(0),
            UrlPiece::Literal("/profile/languages/".into()),
            UrlPiece::Param(1),
        ]
    );
}

#[test]
fn query_strings_in_templates_keep_spaces_and_params() {
    let (f, d) = facts("query-string.md");
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(f.templates.len(), 4);
    assert_eq!(f.templates[0].path, "/security/alerts");
    assert_eq!(f.templates[0].query.as_deref(), Some("$top=1"));
    let t = &f.templates[2];
    assert_eq!(t.path, "/security/alerts");
    assert_eq!(
        t.query.as_deref(),
        Some("$filter={property} eq '{property-value}'&$top=5")
    );
    assert!(t.params.iter().all(|p| p.in_query));
    assert_eq!(t.params[1].name, "property-value");
    // A template with a trailing slash before the query.
    assert_eq!(f.templates[3].path, "/communications/onlineMeetings/");
}

#[test]
fn function_call_syntax_with_bare_argument_placeholders() {
    let (f, _) = facts("function-call.md");
    let t = &f.templates[1];
    let call = t.function.as_ref().expect("a call");
    assert_eq!(call.name, "reminderView");
    assert_eq!(
        call.arguments,
        [
            ("startDateTime".to_owned(), "startDateTime-value".to_owned()),
            ("endDateTime".to_owned(), "endDateTime-value".to_owned()),
        ]
    );
    // `startDateTime-value` is written without braces but is a placeholder all the same.
    let names: Vec<&str> = t.params.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["id", "startDateTime-value", "endDateTime-value"]);
    // Literal arguments stay literal.
    let image = &f.templates[2];
    let call = image.function.as_ref().expect("a call");
    assert_eq!(call.name, "Image");
    assert_eq!(call.arguments[2], ("fittingMode".into(), "'fit'".into()));
    let names: Vec<&str> = image.params.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["item-path", "id", "name"]);
    assert_eq!(image.params[1].alternatives, ["id", "name"]);
}

#[test]
fn value_and_ref_suffixes_and_a_method_without_a_space() {
    let (f, d) = facts("value-and-ref.md");
    assert!(d.is_empty(), "{d:?}");
    let suffixes: Vec<Option<&str>> = f.templates.iter().map(|t| t.suffix.as_deref()).collect();
    assert_eq!(suffixes, [Some("$value"), Some("$ref"), Some("$ref")]);
    assert_eq!(f.templates[2].method, "DELETE");
    assert_eq!(
        f.templates[2].path,
        "/identity/b2xUserFlows/{userflow-id}/userflowIdentityProviders/{id}/$ref"
    );
}

#[test]
fn beta_only_page_with_absolute_beta_url_template() {
    let (f, _) = facts("beta-only.md");
    assert_eq!(
        paths(&f),
        [("PATCH", "/policies/authenticationFlowsPolicy")]
    );
    let body = f.request_body.expect("a statement");
    assert_eq!(body.kind, BodyStatementKind::Update);
    let response = f.response.expect("a statement");
    assert_eq!(response.status, Some(204));
    assert!(response.no_body);
    let p = f.permissions.expect("a table");
    assert_eq!(p.rows.len(), 3);
    assert!(p.rows[1].not_supported);
    assert_eq!(p.rows[1].kind, PermissionKind::DelegatedPersonal);
    assert_eq!(p.rows[2].names, ["Policy.ReadWrite.AuthenticationFlows"]);
}

#[test]
fn tab_heading_between_http_request_heading_and_block_and_blank_lines_between_templates() {
    let (f, _) = facts("tab-heading-and-blank-lines.md");
    assert_eq!(
        paths(&f),
        [
            ("GET", "/me/drive"),
            ("GET", "/me/events/delta"),
            ("GET", "/users/{id | userPrincipalName}/events/delta"),
            ("GET", "/me/events/delta"),
            ("GET", "/users/{id | userPrincipalName}/events/delta"),
        ]
    );
    assert_eq!(
        f.templates[3].query.as_deref(),
        Some("startDateTime={start_datetime}")
    );
}

#[test]
fn permissions_table_under_prerequisites() {
    let (f, _) = facts("permissions-under-prerequisites.md");
    let p = f.permissions.expect("a table");
    assert_eq!(p.line, 8);
    assert_eq!(p.rows[0].names, ["DeviceManagementApps.ReadWrite.All"]);
    assert!(p.rows[1].not_supported);
}

#[test]
fn permissions_include_not_present_is_a_diagnostic() {
    let text = fixture("permissions-include/beta/api/profile-post-languages.md");
    let parsed = crate::parse_page(Arc::from("beta/api/profile-post-languages.md"), &text);
    let p = parsed.page.operation.unwrap().permissions.unwrap();
    assert!(p.missing);
    assert_eq!(p.line, 26);
    let d = parsed
        .diagnostics
        .iter()
        .find(|d| d.code == Code::PermissionsNotStated)
        .expect("a diagnostic");
    assert!(d.message.contains("permissions in an include not present"));
    assert_eq!(d.span.line, 26);
}

#[test]
fn permissions_include_is_read_from_the_docs_folder() {
    let text = fixture("permissions-include/beta/api/profile-post-languages.md");
    let include = "beta/includes/permissions/profile-post-languages-permissions.md";
    let mut includes = Includes::new();
    includes.insert(
        Arc::from(include),
        fixture(&format!("permissions-include/{include}")),
    );
    let parsed = parse_page_with(
        Arc::from("beta/api/profile-post-languages.md"),
        &text,
        &includes,
    );
    assert!(
        !parsed
            .diagnostics
            .iter()
            .any(|d| d.code == Code::PermissionsNotStated),
        "{:?}",
        parsed.diagnostics
    );
    let p = parsed.page.operation.unwrap().permissions.unwrap();
    assert!(!p.missing);
    assert_eq!(&*p.file, include);
    assert_eq!(
        p.columns,
        [
            "Least privileged permissions",
            "Higher privileged permissions"
        ]
    );
    assert_eq!(p.rows[0].names, ["User.ReadWrite", "User.ReadWrite.All"]);
    assert_eq!(p.rows[0].line, 9);
    assert_eq!(p.rows[2].names, ["User.ReadWrite.All"]);
    assert!(p.rows[2].not_supported);
}

#[test]
fn include_paths_never_leave_the_docs_folder() {
    assert_eq!(
        resolve_relative("beta/api/x.md", "../includes/permissions/x-permissions.md").as_deref(),
        Some("beta/includes/permissions/x-permissions.md")
    );
    assert_eq!(
        resolve_relative("beta/api/x.md", "../../includes/a.md").as_deref(),
        Some("includes/a.md")
    );
    assert_eq!(
        resolve_relative("beta/api/x.md", "../../../etc/passwd"),
        None
    );
    assert_eq!(resolve_relative("beta/api/x.md", "/etc/passwd"), None);
    assert_eq!(resolve_relative("beta/api/x.md", "https://x/y.md"), None);
    assert!(is_include_path("beta/includes/permissions/x.md"));
    assert!(!is_include_path("beta/api/includes.md"));
}

#[test]
fn todo_permissions_are_reported() {
    let text = "# Update x\n\n## Permissions\n\n|Permission type|Permissions (from most to least privileged)|\n|:---|:---|\n|Delegated (work or school account)|**TODO: Provide applicable permissions.**|\n\n## HTTP request\n```http\nPATCH /x/{id}\n```\n";
    let parsed = crate::parse_page(Arc::from("beta/api/x.md"), text);
    let p = parsed.page.operation.unwrap().permissions.unwrap();
    assert!(p.rows[0].todo);
    assert!(parsed
        .diagnostics
        .iter()
        .any(|d| d.code == Code::PermissionsNotStated && d.message.contains("TODO")));
}

#[test]
fn csv_302_download_and_json_statements_are_both_read() {
    // beta reportroot-getemailactivityuserdetail.md: "### CSV" returns a `302 Found` to a
    // download URL, "### JSON" a `200 OK` and an [emailActivityUserDetail] object.
    let path = format!(
        "{}/src/fixtures/reportroot-csv-302-or-json-statements.md",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).expect("fixture");
    let p = crate::parse_page(std::sync::Arc::from("beta/api/x.md"), &text);
    let facts = p.page.operation.as_ref().expect("operation facts");
    let first = facts.response.as_ref().expect("the first statement");
    assert_eq!(first.status, Some(302));
    assert!(first.text.contains("download URL"));
    assert!(first.link.is_none());
    let [json] = facts.response_alternatives.as_slice() else {
        panic!("one alternative: {:?}", facts.response_alternatives)
    };
    assert_eq!(json.status, Some(200));
    assert_eq!(
        json.link.as_ref().map(|l| l.text.as_str()),
        Some("emailActivityUserDetail")
    );
    assert_eq!(json.line, 22);
}
