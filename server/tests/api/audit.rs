//! The audit log: every change by staff and delegates is recorded with
//! who, when, which record, before and after, in the transaction of the
//! change; organizers read it with filters, page by page, and export it;
//! nobody changes it.

use reqwest::Method;
use serde_json::{Value, json};

use app::auth::types::Role;

use crate::helpers::{TestApp, backends, edition_body, spawn_app};

const ORGANIZER: &str = "organizer@forum.example";

/// `GET /api/v1/audit?{query}` as the organizer: the page, as JSON.
async fn audit(app: &TestApp, token: &str, query: &str) -> Value {
    let response = app
        .get(&format!("/api/v1/audit?{query}"), Some(token))
        .await;
    assert_eq!(response.status(), 200, "audit?{query}");
    response.json().await.unwrap()
}

fn items(page: &Value) -> &Vec<Value> {
    page["items"].as_array().unwrap()
}

async fn create_member(app: &TestApp, token: &str, native: &str, latin: &str) -> i64 {
    let response = app
        .send_json(
            Method::POST,
            "/api/v1/members",
            Some(token),
            &json!({"kind": "city", "name_native": native, "name_latin": latin, "country": "IT"}),
        )
        .await;
    assert_eq!(response.status(), 201, "create {latin}");
    response.json::<Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap()
}

async fn create_edition(app: &TestApp, token: &str, year: i32, city: i64) -> i64 {
    let response = app
        .send_json(
            Method::POST,
            "/api/v1/editions",
            Some(token),
            &edition_body(year, city),
        )
        .await;
    assert_eq!(response.status(), 201, "create edition {year}");
    response.json::<Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn changes_to_editions_and_members_are_recorded_with_before_and_after() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let token = app.token_for(Role::Organizer).await;

        let member = create_member(&app, &token, "Venezia", "Venice").await;
        let patched = app
            .send_json(
                Method::PATCH,
                &format!("/api/v1/members/{member}"),
                Some(&token),
                &json!({"name_native": "Venexia"}),
            )
            .await;
        assert_eq!(patched.status(), 200, "{backend:?}");

        let log = audit(&app, &token, &format!("entity=member&record_id={member}")).await;
        assert_eq!(log["total"], 2, "{backend:?} {log}");
        let [updated, created] = items(&log).as_slice() else {
            panic!("two entries: {log}");
        };
        // Newest first.
        assert_eq!(updated["action"], "updated");
        assert_eq!(updated["actor"], ORGANIZER);
        assert!(updated["actor_user_id"].as_i64().is_some());
        assert_eq!(updated["record_id"], member.to_string());
        assert_eq!(updated["before"]["name_native"], "Venezia");
        assert_eq!(updated["after"]["name_native"], "Venexia");
        assert_eq!(updated["after"]["name_latin"], "Venice");
        assert_eq!(created["action"], "created");
        assert!(created["before"].is_null(), "{created}");
        assert_eq!(created["after"]["name_latin"], "Venice");

        let edition = create_edition(&app, &token, 2031, member).await;
        let patched = app
            .send_json(
                Method::PATCH,
                &format!("/api/v1/editions/{edition}"),
                Some(&token),
                &json!({"venue": "Arsenale"}),
            )
            .await;
        assert_eq!(patched.status(), 200, "{backend:?}");
        let log = audit(&app, &token, &format!("entity=edition&record_id={edition}")).await;
        let [updated, created] = items(&log).as_slice() else {
            panic!("two entries: {log}");
        };
        assert_eq!(updated["action"], "updated");
        assert_eq!(updated["edition_id"], edition);
        assert_eq!(updated["before"]["venue"], "Strait Convention Center");
        assert_eq!(updated["after"]["venue"], "Arsenale");
        assert_eq!(updated["after"]["year"], 2031);
        assert_eq!(created["action"], "created");
        assert_eq!(created["after"]["rooms"][0]["name"], "Plenary Hall");

        // The timestamps are real instants.
        let at: chrono::DateTime<chrono::Utc> = updated["at"].as_str().unwrap().parse().unwrap();
        assert!((chrono::Utc::now() - at).num_minutes().abs() < 5, "{at}");
    }
}

#[tokio::test]
async fn sessions_and_rooms_are_recorded_through_their_lifecycle() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let token = app.token_for(Role::Organizer).await;
        let city = app.city("泉州", "Quanzhou", "CN").await;
        let edition = create_edition(&app, &token, 2032, city).await;

        let room = app
            .send_json(
                Method::POST,
                &format!("/api/v1/editions/{edition}/rooms"),
                Some(&token),
                &json!({"name": "Harbour Room", "capacity": 80}),
            )
            .await;
        assert_eq!(room.status(), 201, "{backend:?}");
        let room = room.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        let deleted = app
            .send_json(
                Method::DELETE,
                &format!("/api/v1/editions/{edition}/rooms/{room}"),
                Some(&token),
                &json!({}),
            )
            .await;
        assert_eq!(deleted.status(), 204, "{backend:?}");
        let log = audit(&app, &token, &format!("entity=room&record_id={room}")).await;
        let [deleted, created] = items(&log).as_slice() else {
            panic!("two entries: {log}");
        };
        assert_eq!(deleted["action"], "deleted");
        assert_eq!(deleted["before"]["name"], "Harbour Room");
        assert!(deleted["after"].is_null());
        assert_eq!(created["action"], "created");
        assert_eq!(created["edition_id"], edition);

        let base = format!("/api/v1/editions/{edition}/sessions");
        let session = app
            .send_json(
                Method::POST,
                &base,
                Some(&token),
                &json!({"texts": [{"lang": "en", "title": "Opening plenary"}], "kind": "plenary",
                        "starts_at": "2032-11-02T09:00", "ends_at": "2032-11-02T10:00"}),
            )
            .await;
        assert_eq!(session.status(), 201, "{backend:?}");
        let session = session.json::<Value>().await.unwrap()["session"]["id"]
            .as_i64()
            .unwrap();
        for verb in ["publish", "cancel"] {
            let response = app
                .send_json(
                    Method::POST,
                    &format!("{base}/{session}/{verb}"),
                    Some(&token),
                    &json!({}),
                )
                .await;
            assert_eq!(response.status(), 200, "{backend:?} {verb}");
        }
        let log = audit(
            &app,
            &token,
            &format!("entity=session&record_id={session}&edition_id={edition}"),
        )
        .await;
        let actions: Vec<&str> = items(&log)
            .iter()
            .map(|e| e["action"].as_str().unwrap())
            .collect();
        assert_eq!(
            actions,
            ["cancelled", "published", "created"],
            "{backend:?}"
        );
        let published = &items(&log)[1];
        assert_eq!(published["before"]["status"], "draft");
        assert_eq!(published["after"]["status"], "published");
        assert_eq!(
            items(&log)[2]["after"]["texts"][0]["title"],
            "Opening plenary"
        );
    }
}

#[tokio::test]
async fn a_change_that_fails_writes_no_entry() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let token = app.token_for(Role::Organizer).await;
        let city = create_member(&app, &token, "Venezia", "Venice").await;
        let edition = create_edition(&app, &token, 2033, city).await;
        let before = audit(&app, &token, "").await["total"].as_u64().unwrap();

        // A member that clashes with another.
        let again = app
            .send_json(
                Method::POST,
                "/api/v1/members",
                Some(&token),
                &json!({"kind": "city", "name_native": "Venezia", "name_latin": "Venice", "country": "IT"}),
            )
            .await;
        assert_eq!(again.status(), 422, "{backend:?}");
        // An edition that would end before it starts.
        let bad = app
            .send_json(
                Method::PATCH,
                &format!("/api/v1/editions/{edition}"),
                Some(&token),
                &json!({"end_date": "2033-10-01"}),
            )
            .await;
        assert_eq!(bad.status(), 422, "{backend:?}");
        // A room whose name the edition has already: the insert fails
        // inside the transaction.
        let taken = app
            .send_json(
                Method::POST,
                &format!("/api/v1/editions/{edition}/rooms"),
                Some(&token),
                &json!({"name": "Plenary Hall"}),
            )
            .await;
        assert_eq!(taken.status(), 422, "{backend:?}");
        // A room that is not there.
        let missing = app
            .send_json(
                Method::DELETE,
                &format!("/api/v1/editions/{edition}/rooms/999999"),
                Some(&token),
                &json!({}),
            )
            .await;
        assert_eq!(missing.status(), 404, "{backend:?}");

        let after = audit(&app, &token, "").await;
        assert_eq!(
            after["total"].as_u64().unwrap(),
            before,
            "{backend:?} {after}"
        );
        assert_eq!(audit(&app, &token, "entity=room").await["total"], 0);
    }
}

#[tokio::test]
async fn organizers_filter_and_page_the_log() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let token = app.token_for(Role::Organizer).await;
        // One member made by the test's own actor, five by the organizer.
        let city = app.city("泉州", "Quanzhou", "CN").await;
        for n in 1..=5 {
            create_member(&app, &token, &format!("Città {n}"), &format!("City {n}")).await;
        }
        let edition = create_edition(&app, &token, 2034, city).await;

        let first = audit(&app, &token, "entity=member&per_page=2").await;
        assert_eq!(first["total"], 6, "{backend:?} {first}");
        assert_eq!(first["page"], 1);
        assert_eq!(first["per_page"], 2);
        assert_eq!(items(&first).len(), 2);
        let ids: Vec<i64> = items(&first)
            .iter()
            .map(|e| e["id"].as_i64().unwrap())
            .collect();
        assert!(ids[0] > ids[1], "newest first: {ids:?}");
        let third = audit(&app, &token, "entity=member&per_page=2&page=3").await;
        assert_eq!(items(&third).len(), 2);
        assert_eq!(items(&third)[1]["actor"], "test", "the oldest comes last");
        let beyond = audit(&app, &token, "entity=member&per_page=2&page=4").await;
        assert!(items(&beyond).is_empty());
        assert_eq!(beyond["total"], 6);

        // Who: part of the label, in any case.
        let by_organizer = audit(&app, &token, "entity=member&actor=ORGANIZER%40forum").await;
        assert_eq!(by_organizer["total"], 5, "{backend:?} {by_organizer}");
        let by_test = audit(&app, &token, "entity=member&actor=test").await;
        assert_eq!(by_test["total"], 1, "{backend:?} {by_test}");
        // What and where.
        assert_eq!(
            audit(&app, &token, "entity=member&action=created").await["total"],
            6
        );
        assert_eq!(audit(&app, &token, "action=updated").await["total"], 0);
        let of_edition = audit(&app, &token, &format!("edition_id={edition}")).await;
        assert_eq!(of_edition["total"], 1);
        assert_eq!(items(&of_edition)[0]["entity"], "edition");
        // When: days in UTC, both ends included.
        let today = chrono::Utc::now().date_naive();
        let day = |offset: i64| (today + chrono::Duration::days(offset)).to_string();
        let window = format!("entity=member&from={}&to={}", day(-1), day(1));
        assert_eq!(audit(&app, &token, &window).await["total"], 6);
        let past = format!("to={}", day(-2));
        assert_eq!(audit(&app, &token, &past).await["total"], 0);
        let future = format!("from={}", day(2));
        assert_eq!(audit(&app, &token, &future).await["total"], 0);

        // A query the API cannot read.
        let unreadable = app.get("/api/v1/audit?edition_id=abc", Some(&token)).await;
        assert_eq!(unreadable.status(), 422, "{backend:?}");
    }
}

/// A small RFC 4180 reader: quoted cells may hold commas, doubled quotes
/// and line breaks.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut cell) = (Vec::new(), Vec::new(), String::new());
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

#[tokio::test]
async fn the_export_holds_every_page_and_is_safe_in_spreadsheets() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let token = app.token_for(Role::Organizer).await;
        let member = create_member(&app, &token, "=HYPERLINK(\"x\")", "Venice").await;
        let patched = app
            .send_json(
                Method::PATCH,
                &format!("/api/v1/members/{member}"),
                Some(&token),
                &json!({"name_native": "Venezia"}),
            )
            .await;
        assert_eq!(patched.status(), 200, "{backend:?}");
        create_member(&app, &token, "Genova", "Genoa").await;

        let response = app
            .get("/api/v1/audit.csv?entity=member&per_page=1", Some(&token))
            .await;
        assert_eq!(response.status(), 200, "{backend:?}");
        let content_type = response.headers()["content-type"].to_str().unwrap();
        assert!(content_type.starts_with("text/csv"), "{content_type}");
        let text = response.text().await.unwrap();
        let Some(body) = text.strip_prefix('\u{feff}') else {
            panic!("no byte order mark: {text}");
        };
        let rows = parse_csv(body);
        let header = &rows[0];
        let column = |name: &str| header.iter().position(|h| h == name).unwrap();
        // Every entry the filter selects, whatever the page size.
        let rows = &rows[1..];
        assert_eq!(rows.len(), 3, "{backend:?} {text}");
        let actions: Vec<&str> = rows.iter().map(|r| r[column("action")].as_str()).collect();
        assert_eq!(actions, ["created", "updated", "created"]);
        let updated = &rows[1];
        assert_eq!(updated[column("actor")], ORGANIZER);
        assert_eq!(updated[column("record_id")], member.to_string());
        assert_eq!(
            updated[column("changes")],
            "name_native: =HYPERLINK(\"x\") → Venezia"
        );
        let before: Value = serde_json::from_str(&updated[column("before")]).unwrap();
        assert_eq!(before["name_native"], "=HYPERLINK(\"x\")");
        // No cell starts as a formula would.
        for row in rows {
            assert_eq!(row.len(), header.len(), "{row:?}");
            for cell in row {
                assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell}");
            }
        }
    }
}

#[tokio::test]
async fn only_organizers_read_the_log() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        for role in [
            Role::Registrar,
            Role::Delegate,
            Role::Coordinator,
            Role::Finance,
        ] {
            let token = app.token_for(role).await;
            for path in ["/api/v1/audit", "/api/v1/audit.csv"] {
                let response = app.get(path, Some(&token)).await;
                assert_eq!(response.status(), 403, "{backend:?} {role:?} {path}");
            }
        }
        for path in ["/api/v1/audit", "/api/v1/audit.csv"] {
            assert_eq!(
                app.get(path, None).await.status(),
                401,
                "{backend:?} {path}"
            );
        }
    }
}

#[tokio::test]
async fn no_route_edits_or_deletes_an_entry() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let token = app.token_for(Role::Organizer).await;
        create_member(&app, &token, "Venezia", "Venice").await;
        let before = audit(&app, &token, "").await;
        let id = items(&before)[0]["id"].as_i64().unwrap();
        let body = json!({"actor": "nobody", "after": null});
        for (method, path) in [
            (Method::DELETE, "/api/v1/audit".to_owned()),
            (Method::PATCH, "/api/v1/audit".to_owned()),
            (Method::PUT, "/api/v1/audit".to_owned()),
            (Method::POST, "/api/v1/audit".to_owned()),
            (Method::DELETE, "/api/v1/audit.csv".to_owned()),
            (Method::POST, "/api/v1/audit.csv".to_owned()),
            (Method::GET, format!("/api/v1/audit/{id}")),
            (Method::DELETE, format!("/api/v1/audit/{id}")),
            (Method::PATCH, format!("/api/v1/audit/{id}")),
            (Method::PUT, format!("/api/v1/audit/{id}")),
        ] {
            let response = app
                .send_json(method.clone(), &path, Some(&token), &body)
                .await;
            let status = response.status().as_u16();
            assert!(
                status == 404 || status == 405,
                "{backend:?} {method} {path}: {status}"
            );
        }
        // The server functions read only, too.
        for name in ["delete", "update", "save"] {
            let response = app
                .client
                .post(app.url(&format!("/api/audit/{name}")))
                .header("origin", &app.address)
                .form(&[("id", id.to_string())])
                .send()
                .await
                .unwrap();
            assert!(
                !response.status().is_success(),
                "{backend:?} /api/audit/{name}: {}",
                response.status()
            );
        }
        let after = audit(&app, &token, "").await;
        assert_eq!(after, before, "{backend:?}");
    }
}
