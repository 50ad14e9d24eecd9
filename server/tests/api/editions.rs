use reqwest::Method;
use serde_json::{Value, json};

use app::auth::types::Role;

use crate::helpers::{backends, edition_body, spawn_app};

#[tokio::test]
async fn an_organizer_creates_lists_reads_and_patches_an_edition() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let token = app.token_for(Role::Organizer).await;
        let quanzhou = app.city("泉州", "Quanzhou", "CN").await;

        let created = app
            .send_json(
                Method::POST,
                "/api/v1/editions",
                Some(&token),
                &edition_body(2027, quanzhou),
            )
            .await;
        assert_eq!(created.status(), 201, "{backend:?}");
        let created: Value = created.json().await.unwrap();
        let id = created["id"].as_i64().unwrap();
        assert_eq!(created["host_city_name"], "Quanzhou");
        assert_eq!(created["status"], "planning");
        assert_eq!(created["rooms"][0]["name"], "Plenary Hall");

        let list: Value = app
            .get("/api/v1/editions", Some(&token))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(list.as_array().unwrap().len(), 1);

        let patched = app
            .send_json(
                Method::PATCH,
                &format!("/api/v1/editions/{id}"),
                Some(&token),
                &json!({"venue": "Harbour Hall", "status": "registration_open"}),
            )
            .await;
        assert_eq!(patched.status(), 200);
        let fetched: Value = app
            .get(&format!("/api/v1/editions/{id}"), Some(&token))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(fetched["venue"], "Harbour Hall");
        assert_eq!(fetched["status"], "registration_open");
        assert_eq!(fetched["start_date"], "2027-11-02");
    }
}

#[tokio::test]
async fn bad_editions_get_field_errors_and_write_nothing() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let token = app.token_for(Role::Organizer).await;
        let city = app.city("Αθήνα", "Athens", "GR").await;

        let mut body = edition_body(2027, city);
        body["end_date"] = json!("2027-11-01");
        body["time_zone"] = json!("Mars/Olympus");
        let response = app
            .send_json(Method::POST, "/api/v1/editions", Some(&token), &body)
            .await;
        assert_eq!(response.status(), 422, "{backend:?}");
        let error: Value = response.json().await.unwrap();
        assert_eq!(error["error"], "validation");
        assert_eq!(error["detail"]["end_date"][0], "end_before_start");
        assert_eq!(error["detail"]["time_zone"][0], "unknown_time_zone");

        // A room that fails after the edition row was written: all rolled back.
        let mut body = edition_body(2027, city);
        body["rooms"] = json!([{"name": "Hall", "capacity": 10}, {"name": "Hall", "capacity": 20}]);
        let response = app
            .send_json(Method::POST, "/api/v1/editions", Some(&token), &body)
            .await;
        assert_eq!(response.status(), 422);
        let list: Value = app
            .get("/api/v1/editions", Some(&token))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(list, json!([]), "nothing half-written on {backend:?}");

        // Not JSON at all: 422 on the body, not a 400 page.
        let response = app
            .client
            .post(app.url("/api/v1/editions"))
            .bearer_auth(&token)
            .header("content-type", "application/json")
            .body("{not json")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 422);
    }
}

#[tokio::test]
async fn a_second_edition_for_the_same_year_or_an_institution_host_is_refused() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let token = app.token_for(Role::Organizer).await;
        let city = app.city("Lisboa", "Lisbon", "PT").await;
        let first = app
            .send_json(
                Method::POST,
                "/api/v1/editions",
                Some(&token),
                &edition_body(2028, city),
            )
            .await;
        assert_eq!(first.status(), 201);
        let second = app
            .send_json(
                Method::POST,
                "/api/v1/editions",
                Some(&token),
                &edition_body(2028, city),
            )
            .await;
        assert_eq!(second.status(), 422, "{backend:?}");
        let error: Value = second.json().await.unwrap();
        assert_eq!(error["detail"]["year"][0], "year_taken");

        let missing = app
            .send_json(
                Method::POST,
                "/api/v1/editions",
                Some(&token),
                &edition_body(2029, 999_999),
            )
            .await;
        assert_eq!(missing.status(), 422);
        let error: Value = missing.json().await.unwrap();
        assert_eq!(error["detail"]["host_city_id"][0], "not_a_member_city");

        assert_eq!(
            app.get("/api/v1/editions/424242", Some(&token))
                .await
                .status(),
            404
        );
    }
}

/// Organizers write the edition's title, venue and intro in more
/// languages; each reader gets theirs, else English, and the page says
/// when a text is not in the reader's language.
#[tokio::test]
async fn an_edition_reads_in_each_readers_language_where_it_is_written() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let (edition, _) = crate::helpers::open_edition(&app).await;
        let organizer = crate::roles::sign_in(&app, Role::Organizer).await;
        let save = |fields: Vec<(&'static str, &'static str)>| {
            let organizer = organizer.clone();
            let url = app.url("/api/editions/save_text");
            let origin = app.address.clone();
            async move {
                let mut form = vec![("id", edition.to_string())];
                form.extend(fields.into_iter().map(|(k, v)| (k, v.to_owned())));
                organizer
                    .post(url)
                    .header("origin", origin)
                    .form(&form)
                    .send()
                    .await
                    .unwrap()
            }
        };
        let saved = save(vec![
            ("text[lang]", "ru"),
            ("text[title]", "Форум городов 2027"),
            ("text[intro]", "Добро пожаловать в Цюаньчжоу."),
        ])
        .await;
        assert_eq!(saved.status(), 200, "{backend:?}");
        let view: Value = saved.json().await.unwrap();
        assert_eq!(view["texts"][0]["lang"], "ru");
        assert_eq!(view["texts"][0]["venue"], "");
        // English is the edition's own; a language the app does not speak
        // has no texts; neither writes anything.
        for lang in ["en", "sw"] {
            let refused = save(vec![("text[lang]", lang), ("text[title]", "X")]).await;
            assert_eq!(refused.status(), 422, "{lang}");
            let body: Value = refused.json().await.unwrap();
            assert!(body.to_string().contains("invalid_language"), "{body}");
        }
        // Only organizers write them.
        let registrar = crate::roles::sign_in(&app, Role::Registrar).await;
        let forbidden = registrar
            .post(app.url("/api/editions/save_text"))
            .header("origin", &app.address)
            .form(&[
                ("id", edition.to_string()),
                ("text[lang]", "fr".into()),
                ("text[title]", "Forum".into()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(forbidden.status(), 403);

        // The API's edition carries them.
        let token = app.token_for(Role::Organizer).await;
        let fetched: Value = app
            .get(&format!("/api/v1/editions/{edition}"), Some(&token))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(fetched["texts"].as_array().unwrap().len(), 1);

        // The home page in Russian: the Russian title and intro, the
        // English venue (not written in Russian), each marked with its
        // language; in Arabic, English with a note saying so.
        let russian = app.page_in("/", "ru").await;
        assert!(
            russian.contains(r#"lang="ru">Форум городов 2027</h2>"#),
            "{russian}"
        );
        assert!(russian.contains("Добро пожаловать в Цюаньчжоу."));
        assert!(russian.contains(r#"<bdi lang="en">Strait Convention Center</bdi>"#));
        assert!(!russian.contains("data-shown-in"), "{russian}");
        let arabic = app.page_in("/", "ar").await;
        assert!(
            arabic.contains(r#"lang="en">Cities Forum 2027</h2>"#),
            "{arabic}"
        );
        // No English intro: the Russian one, said to be Russian.
        assert!(arabic.contains(r#"data-shown-in="ru""#), "{arabic}");
        assert!(arabic.contains("Добро пожаловать в Цюаньчжоу."));
        // The registration and programme pages name it the same way.
        for path in [
            format!("/editions/{edition}/register"),
            format!("/editions/{edition}/programme"),
        ] {
            let html = app.page_in(&path, "ru").await;
            assert!(
                html.contains(r#"<h1 lang="ru">Форум городов 2027</h1>"#),
                "{path}: {html}"
            );
        }

        // Emptied, the language is gone and its readers read English.
        let emptied = save(vec![("text[lang]", "ru")]).await;
        assert_eq!(emptied.status(), 200);
        let view: Value = emptied.json().await.unwrap();
        assert_eq!(view["texts"], json!([]));
        let russian = app.page_in("/", "ru").await;
        assert!(russian.contains(r#"lang="en">Cities Forum 2027</h2>"#));
    }
}
