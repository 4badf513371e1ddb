//! Operations built from the seed pages and from HTTP-section quirks.

use super::*;
use graphgen_diag::Code;
use graphgen_parse::{decode, parse_page};

/// The seed pages and the parse stage's diagnostics about them.
fn seeds() -> (Vec<Page>, Vec<Diagnostic>) {
    let dir = format!("{}/../../docs-input/beta/api", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut pages = Vec::new();
    let mut diagnostics = Vec::new();
    for n in names {
        let rel: Arc<str> = Arc::from(format!("beta/api/{n}"));
        let bytes = std::fs::read(format!("{dir}/{n}")).unwrap();
        let parsed = parse_page(rel.clone(), &decode(&rel, &bytes).text);
        pages.push(parsed.page);
        diagnostics.extend(parsed.diagnostics);
    }
    (pages, diagnostics)
}

fn op<'a>(schema: &'a Schema, name: &str) -> &'a Operation {
    schema
        .operations
        .iter()
        .find(|o| o.name == name)
        .unwrap_or_else(|| panic!("operation {name}"))
}

#[test]
fn seed_pages_yield_their_operations() {
    let (pages, parse_diagnostics) = seeds();
    let built = crate::build(&pages);
    let s = &built.schema;
    assert_eq!(s.operations.len(), 3);

    let create = op(s, "profile-post-languages");
    assert_eq!(create.kind, OperationKind::Create);
    assert_eq!(create.method, "POST");
    assert_eq!(create.templates[0].path, "/me/profile/languages");
    assert_eq!(
        create.templates[1].path,
        "/users/{id | userPrincipalName}/profile/languages"
    );
    assert_eq!(
        create.templates[1].source.to_string(),
        "beta/api/profile-post-languages.md:34"
    );
    let request = create.request.as_ref().unwrap();
    assert_eq!(request.kind, RequestKind::Model);
    assert_eq!(
        request.ty.as_ref().unwrap().name,
        "microsoft.graph.languageProficiency"
    );
    let response = create.response.as_ref().unwrap();
    assert_eq!(response.status, Some(201));
    assert_eq!(
        response.ty.as_ref().unwrap().name,
        "microsoft.graph.languageProficiency"
    );
    // The permissions are in an include the seed folder does not have.
    let p = create.permissions.as_ref().unwrap();
    assert!(p.missing);
    assert_eq!(
        p.include.as_deref(),
        Some("../includes/permissions/profile-post-languages-permissions.md")
    );
    assert!(parse_diagnostics
        .iter()
        .any(|d| d.code == Code::PermissionsNotStated
            && d.span.line == 26
            && d.message.contains("permissions in an include not present")));

    let update = op(s, "languageproficiency-update");
    assert_eq!(update.kind, OperationKind::Update);
    assert_eq!(update.method, "PATCH");
    assert_eq!(update.templates.len(), 2);
    assert_eq!(update.request.as_ref().unwrap().kind, RequestKind::Partial);
    let p = update.permissions.as_ref().unwrap();
    assert_eq!(p.rows[0].kind, PermissionKind::DelegatedWork);
    assert_eq!(p.rows[0].names, ["User.ReadWrite", "User.ReadWrite.All"]);
    assert_eq!(p.rows[2].kind, PermissionKind::Application);
    assert_eq!(p.rows[2].names, ["User.ReadWrite.All"]);
    assert_eq!(
        p.rows[2].source.to_string(),
        "beta/api/languageproficiency-update.md:27"
    );
    assert_eq!(update.example_requests[0].template, Some(0));

    let old = op(s, "invitation-update-languageproficiency");
    assert_eq!(old.kind, OperationKind::Update);
    assert_eq!(
        old.templates[0].path,
        "/invitations/{invitationsId}/invitedUser/profile/languages/{languageProficiencyId}"
    );
    assert!(old
        .permissions
        .as_ref()
        .unwrap()
        .rows
        .iter()
        .all(|r| r.todo));
    assert!(parse_diagnostics
        .iter()
        .any(|d| d.code == Code::PermissionsNotStated
            && d.span.file.as_ref() == "beta/api/invitation-update-languageproficiency.md"
            && d.message.contains("TODO")));
    // `{invitationsId}` in the example is matched by the template's parameter.
    assert_eq!(old.example_requests[0].template, Some(0));
}

fn one(path: &str, text: &str) -> crate::Built {
    crate::build(&[parse_page(Arc::from(path), text).page])
}

#[test]
fn function_call_example_matches_a_template_with_bare_placeholders() {
    let text = std::fs::read_to_string(format!(
        "{}/../parse/tests/fixtures/operations/function-call.md",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let built = one("beta/api/user-reminderview.md", &text);
    let o = &built.schema.operations[0];
    assert_eq!(o.kind, OperationKind::Function);
    assert_eq!(o.example_requests[0].template, Some(0));
    assert!(!built
        .diagnostics
        .iter()
        .any(|d| d.code == Code::UnmatchedExampleRequest));
}

#[test]
fn example_request_matching_no_template_is_reported() {
    // graph-docs-2021/v1.0/api/onlinemeeting-get.md:48 and :281 (`/v1/`, not `/v1.0/`).
    let text = "# Get onlineMeeting\n\n## HTTP request\n```http\nGET /users/{userId}/onlineMeetings?$filter=JoinWebUrl%20eq%20'{joinWebUrl}'\n```\n\n## Example\n<!-- { \"blockType\": \"request\", \"name\": \"x\" } -->\n```http\nGET https://graph.microsoft.com/v1/me/onlineMeetings?$filter=JoinWebUrl%20eq%20'x'\n```\n";
    let built = one("v1.0/api/onlinemeeting-get.md", text);
    let o = &built.schema.operations[0];
    assert_eq!(o.example_requests[0].template, None);
    let d = built
        .diagnostics
        .iter()
        .find(|d| d.code == Code::UnmatchedExampleRequest)
        .expect("a diagnostic");
    assert_eq!(d.span.line, 11);
    assert!(d.message.contains("/v1/me/onlineMeetings"));
}

#[test]
fn colon_path_parameter_spans_slashes() {
    let t = graphgen_parse::parse_template(
        "GET",
        "/me/drive/root:/{item-path}:/workbook/worksheets/{id|name}/charts",
    )
    .unwrap();
    let t = template(&Arc::from("x.md"), &t);
    assert!(template_matches(
        &t,
        "/me/drive/root:/folder/book.xlsx:/workbook/worksheets/Sheet1/charts"
    ));
    assert!(!template_matches(
        &t,
        "/me/drive/root:/book.xlsx:/workbook/worksheets/a/b/charts"
    ));
}

#[test]
fn response_example_of_another_type_is_reported() {
    let text = "# Get x\n\n## HTTP request\n```http\nGET /x/{id}\n```\n\n## Response\nIf successful, this method returns a `200 OK` response code and a [thumbnailSet](../resources/thumbnailset.md) object in the response body.\n\n## Example\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.driveItem\" } -->\n```http\nHTTP/1.1 200 OK\n\n{\"id\": \"1\"}\n```\n";
    let built = one("v1.0/api/x-get.md", text);
    assert_eq!(built.schema.operations[0].kind, OperationKind::Get);
    let d = built
        .diagnostics
        .iter()
        .find(|d| d.code == Code::ResponseTypeMismatch)
        .expect("a diagnostic");
    assert!(d.message.contains("`driveItem`") && d.message.contains("`thumbnailSet`"));
}

#[test]
fn template_with_a_query_string_matches_on_its_path() {
    // graph-docs-2021/beta/api/accessreview-list.md:40.
    let t = graphgen_parse::parse_template(
        "GET",
        "/accessReviews?$filter=businessFlowTemplateId eq {businessFlowTemplate-id}&$top={pagesize}&$skip=0",
    )
    .unwrap();
    let t = template(&Arc::from("x.md"), &t);
    assert!(template_matches(&t, "/accessReviews"));
    assert!(!template_matches(&t, "/accessReviews/x"));
}

#[test]
fn empty_call_parentheses_may_be_left_out_by_an_example() {
    // graph-docs-2021/beta/api/accessreviewhistorydefinition-generatedownloaduri.md:37.
    let t = graphgen_parse::parse_template(
        "POST",
        "/identityGovernance/accessReviews/historyDefinitions/{definition-id}/generateDownloadUri()",
    )
    .unwrap();
    let t = template(&Arc::from("x.md"), &t);
    assert!(template_matches(
        &t,
        "/identityGovernance/accessReviews/historyDefinitions/b2cb022f/generateDownloadUri"
    ));
    assert!(template_matches(
        &t,
        "/identityGovernance/accessReviews/historyDefinitions/b2cb022f/generateDownloadUri()"
    ));
}

fn fixture(name: &str) -> crate::Built {
    let text = std::fs::read_to_string(format!(
        "{}/tests/fixtures/operations/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    one(&format!("v1.0/api/{name}"), &text)
}

#[test]
fn action_parameter_table_becomes_a_parameter_type_and_its_example_a_test() {
    let built = fixture("accessreviewinstance-batchrecorddecisions.md");
    let s = &built.schema;
    let name = "microsoft.graph.accessReviewInstanceBatchRecordDecisionsParameters";
    let t = s.types.get(name).expect("a parameter type");
    assert_eq!(t.kind, TypeKind::Complex);
    assert_eq!(t.shape, Shape::Declared);
    let props: Vec<&str> = t.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        props,
        ["decision", "justification", "principalId", "resourceId"]
    );
    // "Possible values are" on a String parameter: documented values, as for any property.
    assert_eq!(
        t.properties[0].documented_values,
        ["Approve", "Deny", "NotReviewed", "DontKnow"]
    );
    let o = &s.operations[0];
    assert_eq!(o.kind, OperationKind::Action);
    let request = o.request.as_ref().unwrap();
    assert_eq!(request.kind, RequestKind::Parameters);
    assert_eq!(request.ty.as_ref().unwrap().name, name);
    let response = o.response.as_ref().unwrap();
    assert_eq!(response.status, Some(204));
    assert!(response.ty.is_none());
    let example = s
        .examples
        .iter()
        .find(|e| e.kind == ExampleKind::Request)
        .unwrap();
    assert_eq!(example.target.as_deref(), Some(name));
    assert_eq!(example.status, ExampleStatus::Test);
    // The page also says the body is a representation of accessReviewInstanceDecisionItem.
    assert!(built.diagnostics.iter().any(
        |d| d.code == Code::UnreadOperation && d.message.contains("its table lists parameters")
    ));
}

#[test]
fn parameter_table_without_a_sentence_before_it() {
    let built = fixture("application-removepassword.md");
    let s = &built.schema;
    let name = "microsoft.graph.applicationRemovePasswordParameters";
    let t = s.types.get(name).expect("a parameter type");
    assert_eq!(t.properties[0].name, "keyId");
    assert_eq!(t.properties[0].ty.name, "Edm.Guid");
    let example = s
        .examples
        .iter()
        .find(|e| e.kind == ExampleKind::Request)
        .unwrap();
    assert_eq!(example.status, ExampleStatus::Test);
    assert_eq!(
        s.operations[0].request.as_ref().unwrap().kind,
        RequestKind::Parameters
    );
}

/// `v1.0/api/range-boundingrect.md:44`: an Excel range function is documented as a GET with a
/// parameter table in its Request body section, and its example sends that body.
#[test]
fn get_with_a_request_body_parameter_table() {
    let built = fixture("range-boundingrect.md");
    let s = &built.schema;
    let name = "microsoft.graph.RangeBoundingRectParameters";
    let t = s.types.get(name).expect("a parameter type");
    assert_eq!(t.properties[0].name, "anotherRange");
    let example = s
        .examples
        .iter()
        .find(|e| e.kind == ExampleKind::Request)
        .unwrap();
    assert_eq!(example.target.as_deref(), Some(name));
    assert_eq!(example.status, ExampleStatus::Test);
    assert_eq!(s.operations[0].kind, OperationKind::Get);
    let request = s.operations[0].request.as_ref().unwrap();
    assert_eq!(request.kind, RequestKind::Parameters);
}

/// `v1.0/api/worksheetcollection-add.md:27`: `POST /me/drive/items/{id}/workbook/worksheets/`
/// ends in `/`, so the action is named by the title `WorksheetCollection: add`.
#[test]
fn action_template_ending_in_a_slash_is_named_by_the_title() {
    let built = fixture("worksheetcollection-add.md");
    let s = &built.schema;
    let name = "microsoft.graph.WorksheetCollectionAddParameters";
    assert!(s.types.contains_key(name), "{:?}", s.types.keys());
    let example = s
        .examples
        .iter()
        .find(|e| e.kind == ExampleKind::Request)
        .unwrap();
    assert_eq!(example.target.as_deref(), Some(name));
    assert_eq!(example.status, ExampleStatus::Test);
}

/// `v1.0/api/driveitem-copy.md:43`: the parameters in a `Name | Value | Description` table.
#[test]
fn action_parameters_in_a_name_value_table() {
    let built = fixture("driveitem-copy.md");
    let s = &built.schema;
    let t = s
        .types
        .get("microsoft.graph.driveitemCopyParameters")
        .expect("a parameter type");
    assert_eq!(t.properties[0].name, "parentReference");
    // Alone, no page declares itemReference: the link text names it.
    assert_eq!(t.properties[0].ty.name, "microsoft.graph.ItemReference");
    assert_eq!(t.properties[1].ty.name, "Edm.String");
}

fn resource_page(path: &str, title: &str, annotation_type: &str) -> Page {
    let text = format!(
        "# {title} resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | x |\n| name | String | x |\n\n## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"{annotation_type}\" }} -->\n\n```json\n{{ \"id\": \"a\" }}\n```\n"
    );
    parse_page(Arc::from(path), &text).page
}

/// A Create/Update title whose rest is prose names a declared type in three spellings:
/// `v1.0/api/groupsetting-update.md:10` "Update a group setting" (`groupSetting`),
/// `oauth2permissiongrant-update.md:10` "Update a delegated permission grant
/// (oAuth2PermissionGrant)", `organizationalbrandingpropertieslocalization-update.md:10` "Update
/// localized organizationalbrandingproperties"; a phrase naming no declared type names none.
#[test]
fn create_update_title_phrase_names_a_declared_type() {
    let update = |title: &str| {
        format!("# {title}\n\nNamespace: microsoft.graph\n\n## HTTP request\n\n```http\nPATCH /x/{{id}}\n```\n\n## Request body\nIn the request body, supply the values for relevant fields that should be updated.\n\n## Response\n\nIf successful, this method returns a `204 No Content` response code.\n\n## Example\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"u\" }} -->\n\n```http\nPATCH https://graph.microsoft.com/v1.0/x/1\nContent-type: application/json\n\n{{ \"name\": \"b\" }}\n```\n")
    };
    for (title, expected) in [
        (
            "Update a group setting",
            Some("microsoft.graph.groupSetting"),
        ),
        (
            "Update a delegated permission grant (oAuth2PermissionGrant)",
            Some("microsoft.graph.oAuth2PermissionGrant"),
        ),
        (
            "Update localized organizationalbrandingproperties",
            Some("microsoft.graph.organizationalBrandingProperties"),
        ),
        ("Update a sharing link for a group setting", None),
    ] {
        let pages = vec![
            resource_page(
                "v1.0/resources/groupsetting.md",
                "groupSetting",
                "microsoft.graph.groupSetting",
            ),
            resource_page(
                "v1.0/resources/oauth2permissiongrant.md",
                "oAuth2PermissionGrant",
                "microsoft.graph.oAuth2PermissionGrant",
            ),
            resource_page(
                "v1.0/resources/organizationalbrandingproperties.md",
                "organizationalBrandingProperties",
                "microsoft.graph.organizationalBrandingProperties",
            ),
            parse_page(Arc::from("v1.0/api/x-update.md"), &update(title)).page,
        ];
        let built = crate::build(&pages);
        let example = built
            .schema
            .examples
            .iter()
            .find(|e| e.kind == ExampleKind::Request)
            .unwrap();
        assert_eq!(example.target.as_deref(), expected, "{title}");
        if expected.is_some() {
            assert_eq!(example.status, ExampleStatus::Test, "{title}");
            assert!(built
                .diagnostics
                .iter()
                .any(|d| d.code == Code::SubjectFromTitle && d.severity == Severity::Note));
        }
    }
}

/// `v1.0/api/driveitem-move.md:50`: "supply the new value for the parentReference property.
/// Existing properties that are not included in the request body will maintain their previous
/// values" is an update; a PATCH updates the resource its Response section names.
#[test]
fn patch_body_is_the_resource_the_response_names() {
    let item = resource_page(
        "v1.0/resources/driveitem.md",
        "driveItem",
        "microsoft.graph.driveItem",
    );
    let text = "# Move a DriveItem to a new folder\n\nNamespace: microsoft.graph\n\n## HTTP request\n\n```http\nPATCH /me/drive/items/{item-id}\n```\n\n## Request body\n\nIn the request body, supply the new value for the parentReference property. Existing properties that are not included in the request body will maintain their previous values or be recalculated based on changes to other property values. For best performance you shouldn't include existing values that haven't changed.\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and updated [DriveItem](../resources/driveitem.md) resource in the response body.\n\n## Example\n\n<!-- { \"blockType\": \"request\", \"name\": \"move-item\" } -->\n\n```http\nPATCH /me/drive/items/{item-id}\nContent-type: application/json\n\n{\n  \"name\": \"new-item-name.txt\"\n}\n```\n";
    let built = crate::build(&[
        item,
        parse_page(Arc::from("v1.0/api/driveitem-move.md"), text).page,
    ]);
    let example = built
        .schema
        .examples
        .iter()
        .find(|e| e.kind == ExampleKind::Request)
        .unwrap();
    assert_eq!(example.target.as_deref(), Some("microsoft.graph.driveItem"));
    assert_eq!(example.status, ExampleStatus::Test);
    let request = built.schema.operations[0].request.as_ref().unwrap();
    assert_eq!(request.kind, RequestKind::Partial);
    assert_eq!(
        request.ty.as_ref().unwrap().name,
        "microsoft.graph.driveItem"
    );
}

/// `v1.0/api/user-reminderview.md:27-36`: a function's parameter table is the operation's
/// `parameters`, each named by the call; a row the call does not name is `GD0065`.
#[test]
fn function_parameter_table_is_checked_against_the_call() {
    let built = fixture("user-reminderview.md");
    let o = &built.schema.operations[0];
    assert_eq!(o.kind, OperationKind::Function);
    let names: Vec<&str> = o.parameters.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["startDateTime", "endDateTime"]);
    assert_eq!(o.parameters[0].ty.name, "Edm.String");
    assert_eq!(
        o.parameters[0].source.to_string(),
        "v1.0/api/user-reminderview.md:35"
    );
    assert!(!built
        .diagnostics
        .iter()
        .any(|d| d.code == Code::FunctionParameterMismatch));
    // The table is read: no GD0060 for it.
    assert!(!built
        .diagnostics
        .iter()
        .any(|d| d.code == Code::UnreadStatement && d.message.contains("Properties table")));

    // The same page with `endDateTime` left out of the call.
    let text = std::fs::read_to_string(format!(
        "{}/tests/fixtures/operations/user-reminderview.md",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
    .replace(
        "reminderView(startDateTime=startDateTime-value,endDateTime=endDateTime-value)\n```\n\n## Function",
        "reminderView(startDateTime=startDateTime-value)\n```\n\n## Function",
    );
    let built = one("v1.0/api/user-reminderview.md", &text);
    let reported: Vec<&Diagnostic> = built
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::FunctionParameterMismatch)
        .collect();
    assert_eq!(reported.len(), 1, "{reported:?}");
    assert_eq!(reported[0].span.line, 36);
    assert!(reported[0].message.contains("`endDateTime`"));
}

/// `v1.0/api/group-post-groups.md:51`: "The following table shows the properties of the
/// [group](../resources/group.md) resource to specify when you create a group." above a table is
/// read as a parameters statement; on a Create page the request is still its subject.
#[test]
fn create_page_table_statement_requests_the_subject() {
    let group = resource_page("v1.0/resources/group.md", "group", "microsoft.graph.group");
    let text = "# Create group\n\nNamespace: microsoft.graph\n\n## HTTP request\n\n```http\nPOST /groups\n```\n\n## Request body\nThe following table shows the properties of the [group](../resources/group.md) resource to specify when you create a group. \n\n| Property | Type | Description|\n|:---------------|:--------|:----------|\n| displayName | string | The name to display in the address book for the group. Required. |\n\n## Response\n\nIf successful, this method returns `201 Created` response code and a [group](../resources/group.md) object in the response body.\n";
    let built = crate::build(&[
        group,
        parse_page(Arc::from("v1.0/api/group-post-groups.md"), text).page,
    ]);
    let request = built.schema.operations[0].request.as_ref().unwrap();
    assert_eq!(request.kind, RequestKind::Model);
    assert_eq!(request.ty.as_ref().unwrap().name, "microsoft.graph.group");
}

#[test]
fn function_returning_a_string_answers_in_a_value_envelope() {
    // beta `ediscovery-caseexportoperation-getdownloadurl.md:99`: the response of a function
    // returning `Edm.String` is `{"@odata.context": ..., "value": "https://..."}`.
    let built = fixture("ediscovery-caseexportoperation-getdownloadurl.md");
    let s = &built.schema;
    let response = s.operations[0].response.as_ref().unwrap();
    assert_eq!(response.ty.as_ref().unwrap().name, "Edm.String");
    let example = s
        .examples
        .iter()
        .find(|e| e.kind == ExampleKind::Response)
        .unwrap();
    assert_eq!(example.target.as_deref(), Some("Edm.String"));
    assert!(!example.collection);
    assert_eq!(example.envelope, crate::Envelope::Value);
    assert_eq!(example.status, ExampleStatus::Test);
}

#[test]
fn value_envelope_checks_the_value_against_the_type() {
    // beta `serviceupdatemessage-archive.md:96,104`: annotated `string`, but the value is `true`.
    let page = "# serviceUpdateMessage: archive\n\n## HTTP request\n```http\nPOST /admin/serviceAnnouncement/messages/archive\n```\n\n## Response\n\n<!-- {\n  \"blockType\": \"response\",\n  \"truncated\": true,\n  \"@odata.type\": \"string\"\n}\n-->\n``` http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{\n  \"value\": true\n}\n```\n";
    let built = one("beta/api/serviceupdatemessage-archive.md", page);
    let example = &built.schema.examples[0];
    assert_eq!(example.envelope, crate::Envelope::Value);
    assert_eq!(
        example.status,
        ExampleStatus::Unusable {
            reason: "$.value should be a string but is `true`".into(),
            cause: crate::UnusableCause::ContradictsSchema,
        }
    );
}

#[test]
fn ref_post_sends_an_entity_reference() {
    // v1.0 `application-post-owners.md:30,60-62`: `POST .../owners/$ref` with
    // `{"@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/{id}"}` and no type.
    let built = fixture("application-post-owners.md");
    let s = &built.schema;
    let o = &s.operations[0];
    assert_eq!(o.kind, OperationKind::Create);
    let request = o.request.as_ref().unwrap();
    assert_eq!(request.kind, RequestKind::Reference);
    assert!(request.ty.is_none());
    let example = s
        .examples
        .iter()
        .find(|e| e.kind == ExampleKind::Request)
        .unwrap();
    assert_eq!(example.target, None);
    assert_eq!(example.envelope, crate::Envelope::Reference);
    assert_eq!(example.status, ExampleStatus::Test);
}

#[test]
fn request_example_of_an_unrelated_type_is_reported() {
    // v1.0 `place-update.md:185-186`: the example PATCHes a `roomList`; the operation's request is
    // `place` (the page's subject), and without `roomlist.md` no page says roomList derives from
    // place, so the body is not the request type nor a subtype: GD0066.
    let built = fixture("place-update.md");
    let s = &built.schema;
    let request = s.operations[0].request.as_ref().unwrap();
    let stated = request.ty.as_ref().map(|t| t.name.clone());
    let example = s
        .examples
        .iter()
        .find(|e| e.kind == ExampleKind::Request)
        .unwrap();
    assert_eq!(example.target.as_deref(), Some("microsoft.graph.roomList"));
    assert_eq!(stated.as_deref(), Some("microsoft.graph.place"));
    let d = built
        .diagnostics
        .iter()
        .find(|d| d.code == Code::RequestTypeMismatch)
        .expect("GD0066");
    assert_eq!(
        d.message,
        "request example is read as `roomList`, but the operation's request is `place`"
    );
}

#[test]
fn action_parameters_stated_in_a_sentence_are_inferred_from_the_example_bodies() {
    // `## Request body` / "Specify the userIds to dismiss in the request body." and no table.
    let built = fixture("riskyusers-dismiss.md");
    let s = &built.schema;
    let name = "microsoft.graph.riskyUserDismissParameters";
    let t = s.types.get(name).expect("a parameter type");
    assert_eq!(t.shape, Shape::Inferred);
    let user_ids = &t.properties[0];
    assert_eq!(user_ids.name, "userIds");
    assert_eq!(user_ids.ty, TypeRef::new("Edm.String", true));
    assert_eq!(user_ids.origin, Origin::Example);
    let request = s.operations[0].request.as_ref().unwrap();
    assert_eq!(request.kind, RequestKind::Parameters);
    assert_eq!(request.ty.as_ref().unwrap().name, name);
    assert_eq!(
        request.source.to_string(),
        "v1.0/api/riskyusers-dismiss.md:44"
    );
    let requests: Vec<&Example> = s
        .examples
        .iter()
        .filter(|e| e.kind == ExampleKind::Request)
        .collect();
    assert_eq!(requests.len(), 2);
    for e in requests {
        assert_eq!(e.target.as_deref(), Some(name));
        assert_eq!(e.status, ExampleStatus::Test);
    }
}

#[test]
fn post_to_a_collection_without_a_table_mints_no_parameter_type() {
    // "Add tab to channel", `POST /teams/{id}/channels/{id}/tabs`, Request body "A [teamsTab]."
    let built = fixture("channel-post-tabs.md");
    assert!(
        !built.schema.types.keys().any(|n| n.ends_with("Parameters")),
        "{:?}",
        built.schema.types.keys().collect::<Vec<_>>()
    );
    let request = built.schema.operations[0].request.as_ref().unwrap();
    assert_ne!(request.kind, RequestKind::Parameters);
}

#[test]
fn same_action_bound_to_two_types_gets_two_parameter_types() {
    // Two "assign action" pages (no `type: action` title) whose files name the bound type in the
    // segment before the action: `intune-apps-mobileapp-assign.md`, `intune-books-managedebook-assign.md`.
    let read = |name: &str| {
        std::fs::read_to_string(format!(
            "{}/tests/fixtures/operations/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    };
    let pages: Vec<Page> = [
        (
            "v1.0/api/intune-apps-mobileapp-assign.md",
            "intune-apps-mobileapp-assign.md",
        ),
        (
            "v1.0/api/intune-books-managedebook-assign.md",
            "intune-books-managedebook-assign.md",
        ),
        (
            "v1.0/resources/intune-apps-mobileapp.md",
            "intune-mobileapp-resource.md",
        ),
        (
            "v1.0/resources/intune-books-managedebook.md",
            "intune-managedebook-resource.md",
        ),
    ]
    .iter()
    .map(|(path, file)| parse_page(Arc::from(*path), &read(file)).page)
    .collect();
    let built = crate::build(&pages);
    let mut requests: Vec<(&str, &str)> = built
        .schema
        .operations
        .iter()
        .map(|o| {
            let r = o.request.as_ref().unwrap();
            assert_eq!(r.kind, RequestKind::Parameters);
            (o.name.as_str(), r.ty.as_ref().unwrap().name.as_str())
        })
        .collect();
    requests.sort();
    assert_eq!(
        requests,
        [
            (
                "intune-apps-mobileapp-assign",
                "microsoft.graph.mobileAppAssignParameters"
            ),
            (
                "intune-books-managedebook-assign",
                "microsoft.graph.managedEBookAssignParameters"
            ),
        ]
    );
}

#[test]
fn statement_offering_two_types_reads_as_their_common_base() {
    // "supply a JSON representation of an [ipNamedLocation](...) or [countryNamedLocation](...)
    // object" (v1.0 conditionalaccessroot-post-namedlocations.md:43), both inheriting from
    // namedLocation: the request and the response are a namedLocation, the two kept as offered.
    let read = |name: &str| {
        std::fs::read_to_string(format!(
            "{}/tests/fixtures/operations/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    };
    let pages: Vec<Page> = [
        (
            "v1.0/api/conditionalaccessroot-post-namedlocations.md",
            "conditionalaccessroot-post-namedlocations.md",
        ),
        (
            "v1.0/resources/namedlocation.md",
            "namedlocation-resource.md",
        ),
        (
            "v1.0/resources/ipnamedlocation.md",
            "ipnamedlocation-resource.md",
        ),
        (
            "v1.0/resources/countrynamedlocation.md",
            "countrynamedlocation-resource.md",
        ),
    ]
    .iter()
    .map(|(path, file)| parse_page(Arc::from(*path), &read(file)).page)
    .collect();
    let built = crate::build(&pages);
    let o = &built.schema.operations[0];
    let offered = [
        "microsoft.graph.ipNamedLocation",
        "microsoft.graph.countryNamedLocation",
    ];
    let request = o.request.as_ref().unwrap();
    assert_eq!(request.kind, RequestKind::Model);
    assert_eq!(
        request.ty.as_ref().unwrap().name,
        "microsoft.graph.namedLocation"
    );
    assert_eq!(request.alternatives, offered);
    let response = o.response.as_ref().unwrap();
    assert_eq!(
        response.ty.as_ref().unwrap().name,
        "microsoft.graph.namedLocation"
    );
    assert_eq!(response.alternatives, offered);
    // The countryNamedLocation example is one of the offered types: no GD0066.
    assert!(
        !built
            .diagnostics
            .iter()
            .any(|d| d.code == Code::RequestTypeMismatch),
        "{:?}",
        built.diagnostics
    );
}

/// The template index each example request of a one-template-section page is matched to.
fn matched(templates: &str, examples: &[&str]) -> Vec<Option<usize>> {
    let mut text = format!("# x\n\n## HTTP request\n\n```http\n{templates}\n```\n\n## Example\n\n");
    for (i, e) in examples.iter().enumerate() {
        text.push_str(&format!(
            "<!-- {{ \"blockType\": \"request\", \"name\": \"e{i}\" }} -->\n```http\n{e}\n```\n\n"
        ));
    }
    let built = one("v1.0/api/x.md", &text);
    built.schema.operations[0]
        .example_requests
        .iter()
        .map(|e| e.template)
        .collect()
}

#[test]
fn example_url_with_the_version_in_capitals_matches() {
    // v1.0 conversationmember-delete.md:59: `DELETE https://graph.microsoft.com/V1.0/teams/{id}/...`.
    assert_eq!(
        matched(
            "PATCH /teams/{id}/channels/{id}/members/{id}",
            &["PATCH https://graph.microsoft.com/V1.0/teams/{id}/channels/{id}/members/{id}"]
        ),
        [Some(0)]
    );
}

#[test]
fn example_on_me_matches_a_users_template_and_the_exact_form_wins() {
    // v1.0 chat-list-members.md:37-38 lists `/chats/...` and `/users/{user-id}/chats/...`; its
    // example (line 72) asks `GET .../me/chats/19:8b08...@unq.gbl.spaces/members`.
    assert_eq!(
        matched(
            "GET /chats/{chat-id}/members\nGET /users/{user-id | user-principal-name}/chats/{chat-id}/members",
            &["GET https://graph.microsoft.com/v1.0/me/chats/19:8b081ef6-4792-4def-b2c9-c363a1bf41d5_5031bb31-22c0-4f6f-9f73-91d34ab2b32d@unq.gbl.spaces/members"]
        ),
        [Some(1)]
    );
    // Both forms listed: each example matches its own.
    assert_eq!(
        matched(
            "GET /me/messages\nGET /users/{id | userPrincipalName}/messages",
            &[
                "GET https://graph.microsoft.com/v1.0/users/a@contoso.com/messages",
                "GET https://graph.microsoft.com/v1.0/me/messages"
            ]
        ),
        [Some(1), Some(0)]
    );
}

#[test]
fn example_may_add_call_arguments_or_a_type_cast_to_a_template() {
    // v1.0 range-cell.md: `GET .../range/cell(row=5,column=6)` for the template `.../range/cell`;
    // v1.0 group-list-transitivemembers.md: `.../transitiveMembers/microsoft.graph.user?$count=true`.
    assert_eq!(
        matched(
            "GET /me/drive/items/{id}/workbook/names/{name}/range/cell\nGET /groups/{id}/transitiveMembers",
            &[
                "GET https://graph.microsoft.com/v1.0/me/drive/items/{id}/workbook/names/{name}/range/cell(row=5,column=6)",
                "GET https://graph.microsoft.com/v1.0/groups/{id}/transitiveMembers/microsoft.graph.user?$count=true",
                "GET https://graph.microsoft.com/v1.0/groups/{id}/transitiveMembers/x/y",
            ]
        ),
        [Some(0), Some(1), None]
    );
}
