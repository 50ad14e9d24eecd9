use reqwest::Method;
use serde_json::{Value, json};

use app::auth::types::Role;

use crate::helpers::{backends, spawn_app};

#[tokio::test]
async fn members_keep_native_scripts_and_are_found_without_accents() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let token = app.token_for(Role::Organizer).await;
        for (native, latin, country) in [
            ("الإسكندرية", "Alexandria", "EG"),
            ("Łódź", "Łódź", "PL"),
            ("Алматы", "Almaty", "KZ"),
        ] {
            let response = app
                .send_json(
                    Method::POST,
                    "/api/v1/members",
                    Some(&token),
                    &json!({"kind": "city", "name_native": native, "name_latin": latin, "country": country}),
                )
                .await;
            assert_eq!(response.status(), 201, "{backend:?} {latin}");
        }
        let found: Value = app
            .get("/api/v1/members?q=lodz", Some(&token))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(found.as_array().unwrap().len(), 1, "{backend:?}");
        assert_eq!(found[0]["name_native"], "Łódź");

        let found: Value = app
            .get("/api/v1/members?q=%D0%90%D0%BB%D0%BC", Some(&token)) // "Алм"
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(found[0]["name_latin"], "Almaty");

        let id = found[0]["id"].as_i64().unwrap();
        let patched: Value = app
            .send_json(
                Method::PATCH,
                &format!("/api/v1/members/{id}"),
                Some(&token),
                &json!({"name_native": "Алма-Ата"}),
            )
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(patched["name_native"], "Алма-Ата");
        assert_eq!(patched["country"], "KZ");
    }
}

#[tokio::test]
async fn duplicate_and_invalid_members_get_field_errors() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let token = app.token_for(Role::Coordinator).await;
        let body = json!({"kind": "city", "name_native": "Venezia", "name_latin": "Venice", "country": "it"});
        let first = app
            .send_json(Method::POST, "/api/v1/members", Some(&token), &body)
            .await;
        assert_eq!(first.status(), 201);
        let again = app
            .send_json(Method::POST, "/api/v1/members", Some(&token), &body)
            .await;
        assert_eq!(again.status(), 422, "{backend:?}");
        let error: Value = again.json().await.unwrap();
        assert_eq!(error["detail"]["name_latin"][0], "member_taken");

        let bad = app
            .send_json(
                Method::POST,
                "/api/v1/members",
                Some(&token),
                &json!({"kind": "city", "name_native": "", "name_latin": "泉州", "country": "China"}),
            )
            .await;
        assert_eq!(bad.status(), 422);
        let error: Value = bad.json().await.unwrap();
        assert_eq!(error["detail"]["name_native"][0], "required");
        assert_eq!(error["detail"]["name_latin"][0], "not_latin_script");
        assert_eq!(error["detail"]["country"][0], "invalid_country");

        let kind_filter = app.get("/api/v1/members?kind=planet", Some(&token)).await;
        assert_eq!(kind_filter.status(), 422);
    }
}
