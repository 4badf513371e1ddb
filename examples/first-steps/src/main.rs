//! The first things a Graph user does, with the models generated from the v1.0 reference.
//! Pages come from files in `data/` instead of HTTP, so this runs anywhere.

use graph_models::graph::{AnyAttachment, AnyDirectoryObject, FileAttachment, User};
use graph_models::runtime::{self, Binary, Nullable, ODataCollection};
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");

    // `runtime::from_str` is serde_json::from_str whose errors name the JSON path.
    // 1. A page of users, following @odata.nextLink until the last page.
    let mut next = Some("users-1.json".to_owned());
    let mut names = Vec::new();
    while let Some(link) = next {
        let page: ODataCollection<User> =
            runtime::from_str(&std::fs::read_to_string(data.join(&link))?)?;
        for user in &page {
            let title = user.job_title.as_deref().unwrap_or("(no title)");
            println!(
                "{} - {title}",
                user.display_name.as_deref().unwrap_or("(no name)")
            );
            names.push(user.display_name.clone().unwrap_or_default());
        }
        next = page.next_link().map(str::to_owned);
    }
    assert_eq!(names, ["Adele Vance", "Alex Wilber", "Megan Bowen"]);

    // 2. Polymorphic members: each is read as its @odata.type; an unknown type as the base,
    //    with nothing lost. The base view reads `id` of any of them without a match.
    let members: ODataCollection<AnyDirectoryObject> =
        runtime::from_str(&std::fs::read_to_string(data.join("members.json"))?)?;
    for member in &members {
        let id = member
            .as_directory_object_properties()
            .id()
            .as_deref()
            .unwrap_or("?");
        match member {
            AnyDirectoryObject::User(user) => {
                println!("user {id}: {}", user.display_name.as_deref().unwrap_or(""))
            }
            AnyDirectoryObject::Group(group) => {
                println!("group {id}, mail enabled: {:?}", group.mail_enabled.value())
            }
            other => println!("{} {id}", other.odata_type().unwrap_or("directoryObject")),
        }
    }
    assert!(matches!(
        members.value[3],
        AnyDirectoryObject::DirectoryObject(_)
    ));

    // 3. PATCH /users/{id}: set one field, clear another, leave everything else alone.
    let patch = User {
        job_title: "Store Manager".to_owned().into(),
        office_location: Nullable::Null,
        ..Default::default()
    };
    let body = serde_json::to_string(&patch)?;
    println!("PATCH /users/87d349ed-44d7-43e1-9a83-5f2406dee5bd {body}");
    assert_eq!(
        body,
        r#"{"jobTitle":"Store Manager","officeLocation":null}"#
    );

    // 4. POST /me/messages/{id}/attachments: a file attachment says what it is.
    let attachment = AnyAttachment::from(FileAttachment {
        name: "hello.txt".to_owned().into(),
        content_bytes: Binary::from_bytes(b"Hello").into(),
        ..Default::default()
    });
    let body = serde_json::to_value(&attachment)?;
    println!("POST /me/messages/AAMkAD/attachments {body}");
    assert_eq!(body["@odata.type"], "#microsoft.graph.fileAttachment");
    let back: AnyAttachment = serde_json::from_value(body)?;
    assert!(matches!(back, AnyAttachment::FileAttachment(_)));
    Ok(())
}
