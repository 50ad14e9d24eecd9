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
