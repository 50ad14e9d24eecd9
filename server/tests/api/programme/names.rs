//! Rooms and committees named in more languages than English: saved by
//! the roles that keep them, refused when the language or the name is
//! wrong, read back in each reader's language on the programme page, in
//! the feeds and in the API, and gone with their room.

use super::*;

/// Posts a server function as a signed-in browser would.
async fn post(
    app: &TestApp,
    browser: &reqwest::Client,
    path: &str,
    form: &[(&str, String)],
) -> (u16, Value) {
    let response = browser
        .post(app.url(path))
        .header("origin", &app.address)
        .form(form)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// The public programme page, every day, as a reader of `lang` sees it.
async fn programme_page(app: &TestApp, edition: i64, lang: &str) -> String {
    app.page_in(&format!("/editions/{edition}/programme?day=all"), lang)
        .await
}

#[tokio::test]
async fn rooms_and_committees_read_in_each_readers_language() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let token = app.token_for(Role::Organizer).await;
        let (edition, plenary, silk) = edition(&app, &token).await;
        let organizer = crate::roles::sign_in(&app, Role::Organizer).await;
        let room_names = |room: i64, names: &[(&'static str, &str)]| {
            let mut form = vec![
                ("edition_id", edition.to_string()),
                ("room_id", room.to_string()),
            ];
            form.extend(names.iter().map(|(k, v)| (*k, (*v).to_owned())));
            form
        };

        // Saved: the empty Russian name is dropped (Russian readers read
        // English).
        let (status, saved) = post(
            &app,
            &organizer,
            "/api/editions/save_room_names",
            &room_names(
                silk,
                &[
                    ("names[fr]", " Salle de la Soie "),
                    ("names[ar]", "قاعة الحرير"),
                    ("names[ru]", ""),
                ],
            ),
        )
        .await;
        assert_eq!(status, 200, "{backend:?}: {saved}");
        assert_eq!(
            saved,
            json!({"ar": "قاعة الحرير", "fr": "Salle de la Soie"})
        );

        // Refused, and nothing written: English is the room's own name, a
        // language the app does not speak has none, a name has the English
        // one's limit; an unknown room is not found; a registrar may not.
        let (status, body) = post(
            &app,
            &organizer,
            "/api/editions/save_room_names",
            &room_names(silk, &[("names[en]", "Silk"), ("names[fr]", "X")]),
        )
        .await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(body["detail"]["names"][0], "invalid_language");
        let long = "长".repeat(121);
        let (status, body) = post(
            &app,
            &organizer,
            "/api/editions/save_room_names",
            &room_names(silk, &[("names[zh]", &long)]),
        )
        .await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(body["detail"]["name_zh"][0], "too_long");
        let (status, _) = post(
            &app,
            &organizer,
            "/api/editions/save_room_names",
            &room_names(987_654, &[("names[fr]", "Salle")]),
        )
        .await;
        assert_eq!(status, 404);
        let registrar = crate::roles::sign_in(&app, Role::Registrar).await;
        let (status, _) = post(
            &app,
            &registrar,
            "/api/editions/save_room_names",
            &room_names(silk, &[("names[fr]", "Salle")]),
        )
        .await;
        assert_eq!(status, 403);

        // A committee's names: kept by those who keep the directory.
        let committee = ports_committee(&app).await;
        let committee_names = |names: &[(&'static str, &str)]| {
            let mut form = vec![("id", committee.to_string())];
            form.extend(names.iter().map(|(k, v)| (*k, (*v).to_owned())));
            form
        };
        let (status, _) = post(
            &app,
            &registrar,
            "/api/committees/save_names",
            &committee_names(&[("names[fr]", "Commission")]),
        )
        .await;
        assert_eq!(status, 403);
        let coordinator = crate::roles::sign_in(&app, Role::Coordinator).await;
        let (status, saved) = post(
            &app,
            &coordinator,
            "/api/committees/save_names",
            &committee_names(&[
                ("names[fr]", "Commission des ports"),
                ("names[zh]", "港口委员会"),
            ]),
        )
        .await;
        assert_eq!(status, 200, "{saved}");

        // A published session in the Silk Room, of the committee.
        let mut body = session(
            "Port data workshop",
            silk,
            "2027-11-03T14:00",
            "2027-11-03T15:30",
        );
        body["committee_id"] = json!(committee.to_string());
        let base = format!("/api/v1/editions/{edition}/sessions");
        let (status, created) = send(&app, Method::POST, &base, &token, &body).await;
        assert_eq!(status, 201, "{created}");
        let id = created["session"]["id"].as_i64().unwrap();
        let (status, _) = send(
            &app,
            Method::POST,
            &format!("{base}/{id}/publish"),
            &token,
            &json!({}),
        )
        .await;
        assert_eq!(status, 200);

        // The programme page: French readers read the French names on the
        // session's card (the page's data for the script carries every
        // name); Russian readers, with none written, the English ones.
        let card = |page: &str, line: &str| page.contains(&format!(r#"<p class="muted">{line}"#));
        let french = programme_page(&app, edition, "fr").await;
        assert!(card(&french, "Salle de la Soie · "), "{french}");
        assert!(card(&french, "Commission des ports</p>"), "{french}");
        assert!(!card(&french, "Silk Room"), "{french}");
        let russian = programme_page(&app, edition, "ru").await;
        assert!(card(&russian, "Silk Room · "), "{russian}");
        assert!(card(&russian, "Ports Committee</p>"), "{russian}");
        let chinese = programme_page(&app, edition, "zh").await;
        assert!(card(&chinese, "港口委员会</p>"), "{chinese}");
        assert!(card(&chinese, "Silk Room · "), "{chinese}");

        // The feeds in French name the room where the session is.
        let feed_fr = feed(
            &app,
            &format!("/api/v1/editions/{edition}/committees/{committee}/calendar.ics?lang=fr"),
        )
        .await;
        assert!(
            feed_fr["events"][0]["location"]
                .as_str()
                .unwrap()
                .starts_with("Salle de la Soie"),
            "{feed_fr}"
        );

        // The API's edition carries the names.
        let fetched: Value = app
            .get(&format!("/api/v1/editions/{edition}"), Some(&token))
            .await
            .json()
            .await
            .unwrap();
        let silk_view = fetched["rooms"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == silk)
            .unwrap();
        assert_eq!(silk_view["names"]["fr"], "Salle de la Soie");

        // Emptied: French readers read English again.
        let (status, saved) = post(
            &app,
            &organizer,
            "/api/editions/save_room_names",
            &room_names(silk, &[("names[fr]", ""), ("names[ar]", " ")]),
        )
        .await;
        assert_eq!((status, saved), (200, json!({})));
        let french = programme_page(&app, edition, "fr").await;
        assert!(card(&french, "Silk Room · "), "{french}");

        // A room's names go with it.
        let (status, _) = post(
            &app,
            &organizer,
            "/api/editions/save_room_names",
            &room_names(plenary, &[("names[es]", "Sala plenaria")]),
        )
        .await;
        assert_eq!(status, 200);
        let count = || async {
            use sea_orm::{ConnectionTrait, Statement};
            let db = app.db();
            let row = db
                .query_one_raw(Statement::from_string(
                    db.get_database_backend(),
                    "SELECT COUNT(*) AS n FROM room_names",
                ))
                .await
                .unwrap()
                .unwrap();
            row.try_get::<i64>("", "n").unwrap()
        };
        assert_eq!(count().await, 1);
        let (status, _) = post(
            &app,
            &organizer,
            "/api/editions/delete_room",
            &[
                ("edition_id", edition.to_string()),
                ("room_id", plenary.to_string()),
            ],
        )
        .await;
        assert_eq!(status, 200);
        assert_eq!(count().await, 0, "{backend:?}");
    }
}
