//! The third round of attacks, as an account of each role would try them
//! (issue 23): a template that repeats a value, an agreement past its
//! bound, a rate that walks around the approval threshold, a receipt
//! upload by a role that may not upload, a sign-in letter flood through
//! the contact links, and a write already in flight when its account is
//! switched off. On SQLite and PostgreSQL.

use std::time::Duration;

use reqwest::Method;
use serde_json::{Value, json};

use app::auth::types::Role;

use crate::helpers::{backends, call, field_codes, open_edition, spawn_app};

fn clause(a: &str) -> Value {
    json!({"a": {"heading": "", "body": a}, "b": {"heading": "", "body": ""}})
}

#[tokio::test]
async fn a_template_cannot_make_a_draft_larger_than_typed_text() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let coordinator = app.token_for(Role::Coordinator).await;
        let (edition, quanzhou) = open_edition(&app).await;
        let dushanbe = app.city("Душанбе", "Dushanbe", "TJ").await;
        // One placeholder more than a template may use: refused.
        let (status, refused) = call(
            &app,
            Method::POST,
            "/api/v1/agreement-templates",
            &coordinator,
            json!({"name": "Echo", "kind": "memorandum", "language_b": "zh",
                "clauses": [clause(&"{{text:x}} ".repeat(101))]}),
        )
        .await;
        assert_eq!(status, 422, "{refused}");
        assert_eq!(field_codes(&refused, "clauses"), ["too_many_placeholders"]);
        // 98 uses of one text value (and two parties) are allowed…
        let (status, template) = call(
            &app,
            Method::POST,
            "/api/v1/agreement-templates",
            &coordinator,
            json!({"name": "Echo", "kind": "memorandum", "language_b": "zh",
                "clauses": [clause(&"{{text:x}} ".repeat(98)), clause("{{party:a}} and {{party:b}}")]}),
        )
        .await;
        assert_eq!(status, 201, "{template}");
        let parties = json!([
            {"member_id": quanzhou, "contact_name": "Li", "contact_email": "li@quanzhou.example", "language": "zh"},
            {"member_id": dushanbe, "contact_name": "Rustam", "contact_email": "rustam@dushanbe.example", "language": "ru"}
        ]);
        let draft = |x: String| {
            json!({"title": "Echo chamber", "template_id": template["id"], "edition_id": edition,
                "parties": parties, "values": {"x": x, "a": "1", "b": "2"}})
        };
        // …but a 500-character value repeated 98 times (an 820-byte
        // request once became a 999,000-byte answer) is refused on the
        // value, and nothing is saved.
        let (status, refused) = call(
            &app,
            Method::POST,
            "/api/v1/agreements",
            &coordinator,
            draft("y".repeat(500)),
        )
        .await;
        assert_eq!(status, 422, "{refused}");
        assert_eq!(field_codes(&refused, "values.x"), ["filled_too_long"]);
        let listed = app
            .get("/api/v1/agreements", Some(&coordinator))
            .await
            .json::<Value>()
            .await
            .unwrap();
        assert_eq!(listed.as_array().unwrap().len(), 0);
        let (status, agreement) = call(
            &app,
            Method::POST,
            "/api/v1/agreements",
            &coordinator,
            draft("a short value".into()),
        )
        .await;
        assert_eq!(status, 201, "{agreement}");
        // A revision longer than an agreement may be (every comparison,
        // PDF and page reads it) is refused.
        let base = format!("/api/v1/agreements/{}", agreement["id"]);
        let long: Vec<Value> = (0..11).map(|_| clause(&"word ".repeat(2_000))).collect();
        let (status, refused) = call(
            &app,
            Method::PUT,
            &format!("{base}/text"),
            &coordinator,
            json!({"title": "Echo chamber", "clauses": long, "base_version": 1}),
        )
        .await;
        assert_eq!(status, 422, "{refused}");
        assert_eq!(field_codes(&refused, "clauses"), ["agreement_too_long"]);

        // Sign-in letters to one contact's mailbox are limited like every
        // other sign-in letter, whoever sends them.
        let party = agreement["parties"][1]["id"].as_i64().unwrap();
        let mut statuses = Vec::new();
        for _ in 0..4 {
            let (status, _) = call(
                &app,
                Method::POST,
                &format!("{base}/parties/{party}/contact-link"),
                &coordinator,
                json!({}),
            )
            .await;
            statuses.push(status);
        }
        assert_eq!(statuses, [202, 202, 202, 429]);
    }
}

#[tokio::test]
async fn a_rate_far_from_the_usual_one_needs_an_organizer() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let finance = app.token_for(Role::Finance).await;
        let organizer = app.token_for(Role::Organizer).await;
        let (edition, _) = open_edition(&app).await;
        let rates = format!("/api/v1/editions/{edition}/budget/rates");
        let rate = |rate: &str, confirmed: bool| {
            json!({"currency": "USD", "valid_from": "2027-01-01", "rate": rate,
                "source": "typed", "unusual_confirmed": confirmed})
        };
        // A rate that makes a million dollars worth a fraction of a fen
        // (and so never above the approval threshold): refused, even
        // when finance says it is confirmed.
        for confirmed in [false, true] {
            let (status, refused) = call(
                &app,
                Method::POST,
                &rates,
                &finance,
                rate("0.0000000001", confirmed),
            )
            .await;
            assert_eq!(status, 422, "{refused}");
            assert_eq!(field_codes(&refused, "rate"), ["rate_implausible"]);
        }
        // A million times too large, the same.
        let (status, refused) =
            call(&app, Method::POST, &rates, &finance, rate("720", false)).await;
        assert_eq!(
            (status, field_codes(&refused, "rate")),
            (422, vec!["rate_implausible".to_owned()])
        );
        // A currency without a usual rate asks an organizer too.
        let (status, refused) = call(
            &app,
            Method::POST,
            &rates,
            &finance,
            json!({"currency": "ARS", "valid_from": "2027-01-01", "rate": "0.007"}),
        )
        .await;
        assert_eq!(
            (status, field_codes(&refused, "rate")),
            (422, vec!["rate_implausible".to_owned()])
        );
        // An organizer confirms it; an ordinary rate needs nobody.
        let (status, saved) = call(
            &app,
            Method::POST,
            &rates,
            &organizer,
            json!({"currency": "ARS", "valid_from": "2027-01-01", "rate": "0.007",
                "unusual_confirmed": true}),
        )
        .await;
        assert_eq!(status, 201, "{saved}");
        let (status, saved) = call(&app, Method::POST, &rates, &finance, rate("7.18", false)).await;
        assert_eq!(status, 201, "{saved}");
    }
}

#[tokio::test]
async fn a_receipt_upload_by_a_role_that_may_not_upload_is_refused_before_its_body() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let registrar = app.token_for(Role::Registrar).await;
        let (edition, _) = open_edition(&app).await;
        // Says 10 MB are coming, sends 64 KB and waits: before, the server
        // read the whole body before looking at the role.
        let host = app.address.trim_start_matches("http://").to_owned();
        let path = format!("/api/v1/editions/{edition}/budget/items/1/receipts");
        let first_line = tokio::task::spawn_blocking(move || {
            use std::io::{BufRead, BufReader, Write};
            let mut socket = std::net::TcpStream::connect(&host).unwrap();
            socket
                .set_read_timeout(Some(Duration::from_secs(10)))
                .unwrap();
            write!(
                socket,
                "POST {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {registrar}\r\n\
                 Content-Type: application/octet-stream\r\nContent-Length: 10000000\r\n\r\n"
            )
            .unwrap();
            socket.write_all(&[b'%'; 64 * 1024]).unwrap();
            let mut line = String::new();
            BufReader::new(socket)
                .read_line(&mut line)
                .expect("an answer while the body is still coming");
            line
        })
        .await
        .unwrap();
        assert!(first_line.starts_with("HTTP/1.1 403"), "{first_line}");
    }
}

#[tokio::test]
async fn a_write_in_flight_when_its_account_is_switched_off_writes_nothing() {
    use app::directory::types::{MemberInput, MemberKind};
    use sea_orm::{ActiveModelTrait, EntityTrait, PaginatorTrait, Set};
    for backend in backends() {
        let app = spawn_app(backend).await;
        app.token_for(Role::Organizer).await;
        let account = app::auth::service::find_user_by_email(app.db(), "organizer@forum.example")
            .await
            .unwrap()
            .unwrap();
        // The request passed its role check as this account…
        let actor = app::audit::Actor::user(&account);
        // …and the account is switched off before its write commits.
        let mut row: app::auth::entity::user::ActiveModel =
            app::auth::entity::user::Entity::find_by_id(account.id)
                .one(app.db())
                .await
                .unwrap()
                .unwrap()
                .into();
        row.disabled_at = Set(Some(chrono::Utc::now()));
        row.update(app.db()).await.unwrap();
        let before = app::directory::entity::member::Entity::find()
            .count(app.db())
            .await
            .unwrap();
        let written = app::directory::service::create_member(
            app.db(),
            &actor,
            MemberInput {
                kind: MemberKind::City,
                name_native: "Самарқанд".into(),
                name_latin: "Samarkand".into(),
                country: "UZ".into(),
            },
        )
        .await;
        assert_eq!(written.unwrap_err(), app::error::AppError::Unauthorized);
        let after = app::directory::entity::member::Entity::find()
            .count(app.db())
            .await
            .unwrap();
        assert_eq!(before, after, "nothing written");
    }
}

/// A NUL, a line break or another control character in a name or a title,
/// on every area that had only a length check: refused with the field and
/// one code per rule (PostgreSQL refuses a NUL with an error of its own,
/// which was a 500), nothing stored.
#[tokio::test]
async fn control_characters_in_names_and_titles_are_refused_with_one_code_per_rule() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let organizer = app.token_for(Role::Organizer).await;
        let (edition, quanzhou) = open_edition(&app).await;
        let rooms = format!("/api/v1/editions/{edition}/rooms");
        let cases = [
            (
                "room",
                rooms.clone(),
                json!({"name": "Hall\u{0}A", "capacity": 80}),
                "name",
                "invalid_characters",
            ),
            (
                "room floor",
                rooms.clone(),
                json!({"name": "Hall A", "floor": "2\nB"}),
                "floor",
                "line_break",
            ),
            (
                "member",
                "/api/v1/members".to_owned(),
                json!({"kind": "city", "name_native": "Ro\u{0}ma", "name_latin": "Roma", "country": "IT"}),
                "name_native",
                "invalid_characters",
            ),
            (
                "edition",
                "/api/v1/editions".to_owned(),
                json!({"year": 2031, "title": "Forum\u{0}2031", "host_city_id": quanzhou,
                       "venue": "Hall\u{7}", "start_date": "2031-11-02", "end_date": "2031-11-04",
                       "time_zone": "Asia/Shanghai"}),
                "title",
                "invalid_characters",
            ),
        ];
        for (what, path, body, field, code) in cases {
            let (status, refused) = call(&app, Method::POST, &path, &organizer, body).await;
            assert_eq!(status, 422, "{what} on {backend:?}: {refused}");
            assert_eq!(field_codes(&refused, field), [code], "{what}: {refused}");
        }
        // Nothing was stored: the edition's rooms are the one it was made with.
        let listed: Value = app
            .get(&rooms, Some(&organizer))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(listed.as_array().map(Vec::len), Some(1), "{listed}");
    }
}
