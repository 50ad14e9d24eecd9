//! The programme over HTTP: sessions and their conflicts, publishing with
//! confirmation, agendas with capacity, change notices through the
//! outbox, and every iCalendar feed read back by an independent parser
//! (Python's `icalendar`). On SQLite and PostgreSQL.

use std::process::Command;

use reqwest::Method;
use sea_orm::EntityTrait;
use serde_json::{Value, json};

use app::auth::types::Role;
use app::mail::entity::message;
use app::registration::domain::parse_delegation;
use app::registration::service::{decide, register_delegation};
use app::registration::types::{Decision, PersonForm};

use crate::helpers::{TestApp, backends, edition_body, spawn_app};

const URL: &str = "https://forum.example";

/// An edition (2 to 4 November 2027, Asia/Shanghai) with two rooms.
async fn edition(app: &TestApp, organizer: &str) -> (i64, i64, i64) {
    let city = app.city("泉州", "Quanzhou", "CN").await;
    let mut body = edition_body(2027, city);
    body["status"] = json!("registration_open");
    body["rooms"] = json!([
        {"name": "Plenary Hall", "capacity": 300, "floor": "1", "booths": 6},
        {"name": "Silk Room", "capacity": 40, "floor": "3", "booths": 2}
    ]);
    let edition: Value = app
        .send_json(Method::POST, "/api/v1/editions", Some(organizer), &body)
        .await
        .json()
        .await
        .unwrap();
    let room = |name: &str| {
        edition["rooms"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == name)
            .unwrap()["id"]
            .as_i64()
            .unwrap()
    };
    (
        edition["id"].as_i64().unwrap(),
        room("Plenary Hall"),
        room("Silk Room"),
    )
}

/// An approved registration; returns its id.
async fn approved(app: &TestApp, edition: i64, latin: &str, email: &str, lang: &str) -> i64 {
    let who = PersonForm {
        name_latin: latin.into(),
        email: email.into(),
        category: "delegate".into(),
        languages: lang.into(),
        ..Default::default()
    };
    let d = parse_delegation(&who, &[], true).unwrap();
    let id = register_delegation(app.db(), edition, None, "", d, URL)
        .await
        .unwrap()[0]
        .id;
    decide(app.db(), edition, &[id], Decision::Approve, "", URL)
        .await
        .unwrap();
    id
}

fn session(title: &str, room: i64, start: &str, end: &str) -> Value {
    json!({
        "title_en": title,
        "kind": "plenary",
        "room_id": room.to_string(),
        "starts_at": start,
        "ends_at": end,
        "languages": "en, zh",
    })
}

async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    token: &str,
    body: &Value,
) -> (u16, Value) {
    let response = app.send_json(method, path, Some(token), body).await;
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// What the independent parser read: the event count and each event's
/// UID, times (UTC, ISO 8601), status, sequence, summary and location,
/// and the parse errors it collected.
fn parse_feed(text: &str) -> Value {
    const SCRIPT: &str = r#"
import json, sys
from icalendar import Calendar
cal = Calendar.from_ical(sys.stdin.read())
errors = list(cal.errors)
events = []
for e in cal.walk("VEVENT"):
    errors += e.errors
    events.append({
        "uid": str(e.get("UID")),
        "start": e.decoded("DTSTART").isoformat(),
        "end": e.decoded("DTEND").isoformat(),
        "status": str(e.get("STATUS")),
        "sequence": int(e.get("SEQUENCE")),
        "summary": str(e.get("SUMMARY")),
        "location": str(e.get("LOCATION", "")),
        "url": str(e.get("URL", "")),
    })
print(json.dumps({"count": len(events), "events": events, "errors": [str(x) for x in errors],
                  "name": str(cal.get("X-WR-CALNAME", cal.get("NAME", "")))}))
"#;
    let mut child = Command::new("python3")
        .arg("-c")
        .arg(SCRIPT)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python3 (scripts/setup installs the icalendar package)");
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "the parser refused the feed: {}\n{text}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

async fn feed(app: &TestApp, path: &str) -> Value {
    let response = app.get(path, None).await;
    assert_eq!(response.status(), 200, "{path}");
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar"),
        "{path}"
    );
    let text = response.text().await.unwrap();
    let parsed = parse_feed(&text);
    assert_eq!(parsed["errors"], json!([]), "{path}: {text}");
    parsed
}

#[tokio::test]
async fn clashes_are_warned_publishing_asks_and_feeds_parse() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let organizer = app.token_for(Role::Organizer).await;
        let (edition, plenary, silk) = edition(&app, &organizer).await;
        let speaker = approved(&app, edition, "Li Hua", "li@quanzhou.example", "zh").await;
        let base = format!("/api/v1/editions/{edition}/sessions");

        // Two sessions in one room at once, with the same speaker.
        let mut opening = session(
            "Opening plenary",
            plenary,
            "2027-11-02T09:00",
            "2027-11-02T10:30",
        );
        opening["speakers"] = json!([speaker]);
        let (status, first) = send(&app, Method::POST, &base, &organizer, &opening).await;
        assert_eq!(status, 201, "{first}");
        assert_eq!(first["conflicts"], json!([]));
        let opening_id = first["session"]["id"].as_i64().unwrap();
        assert_eq!(first["session"]["starts_at"], "2027-11-02T01:00:00Z");
        assert_eq!(first["session"]["status"], "draft");

        let mut ports = session(
            "Ports and logistics",
            plenary,
            "2027-11-02T10:00",
            "2027-11-02T11:00",
        );
        ports["moderators"] = json!([speaker]);
        let (status, second) = send(&app, Method::POST, &base, &organizer, &ports).await;
        assert_eq!(status, 201, "{second}");
        let ports_id = second["session"]["id"].as_i64().unwrap();
        let kinds: Vec<&str> = second["conflicts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["conflict"]["kind"].as_str().unwrap())
            .collect();
        assert_eq!(kinds, ["room_double_booked", "speaker_double_booked"]);
        assert!(
            second["conflicts"]
                .as_array()
                .unwrap()
                .iter()
                .all(|c| c["hard"] == true)
        );
        assert_eq!(second["conflicts"][0]["subject"], "Plenary Hall");
        assert_eq!(second["conflicts"][1]["subject"], "Li Hua");

        // Publishing with a hard conflict needs confirmation.
        let publish = format!("{base}/{ports_id}/publish");
        let (status, refused) = send(&app, Method::POST, &publish, &organizer, &json!({})).await;
        assert_eq!(status, 409);
        assert_eq!(refused["detail"], "hard_conflicts");
        // Fixed: another room, after the opening; then it publishes.
        ports["room_id"] = json!(silk.to_string());
        ports["starts_at"] = json!("2027-11-02T10:30");
        ports["ends_at"] = json!("2027-11-02T11:30");
        let (status, fixed) = send(
            &app,
            Method::PUT,
            &format!("{base}/{ports_id}"),
            &organizer,
            &ports,
        )
        .await;
        assert_eq!(status, 200, "{fixed}");
        assert_eq!(fixed["conflicts"], json!([]));
        let (status, _) = send(&app, Method::POST, &publish, &organizer, &json!({})).await;
        assert_eq!(status, 200);
        let (status, _) = send(
            &app,
            Method::POST,
            &format!("{base}/{opening_id}/publish"),
            &organizer,
            &json!({}),
        )
        .await;
        assert_eq!(status, 200);

        // A clash confirmed: a late-night session crossing midnight in
        // the plenary, over the opening? No: a third one over Ports.
        let clash = session(
            "Night market tour",
            silk,
            "2027-11-02T11:00",
            "2027-11-03T00:30",
        );
        let (_, third) = send(&app, Method::POST, &base, &organizer, &clash).await;
        let third_id = third["session"]["id"].as_i64().unwrap();
        assert_eq!(third["session"]["ends_at"], "2027-11-02T16:30:00Z");
        let third_publish = format!("{base}/{third_id}/publish");
        let (status, _) = send(&app, Method::POST, &third_publish, &organizer, &json!({})).await;
        assert_eq!(status, 409);
        let (status, published) = send(
            &app,
            Method::POST,
            &third_publish,
            &organizer,
            &json!({"confirm": true}),
        )
        .await;
        assert_eq!(status, 200);
        assert_eq!(published["session"]["status"], "published");
        let conflicts: Value = app
            .get(
                &format!("/api/v1/editions/{edition}/conflicts"),
                Some(&organizer),
            )
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(conflicts.as_array().unwrap().len(), 1, "{conflicts}");

        // Bad input: every field named, nothing stored.
        let bad = json!({"title_en": "", "kind": "party", "room_id": "999999",
                         "starts_at": "2027-11-02T10:00", "ends_at": "2027-11-02T09:00"});
        let (status, refused) = send(&app, Method::POST, &base, &organizer, &bad).await;
        assert_eq!(status, 422);
        for field in ["title_en", "kind", "ends_at"] {
            assert!(refused["detail"][field].is_array(), "{field}: {refused}");
        }
        let (status, refused) = send(
            &app,
            Method::POST,
            &base,
            &organizer,
            &session("Ghost", 999_999, "2027-11-02T10:00", "2027-11-02T11:00"),
        )
        .await;
        assert_eq!(status, 422);
        assert_eq!(refused["detail"]["room_id"], json!(["unknown_room"]));

        // The public sees published sessions only, without a token.
        let public: Value = app.get(&base, None).await.json().await.unwrap();
        assert_eq!(public.as_array().unwrap().len(), 3);
        let draft = session(
            "Draft idea",
            plenary,
            "2027-11-03T09:00",
            "2027-11-03T10:00",
        );
        let (_, draft) = send(&app, Method::POST, &base, &organizer, &draft).await;
        let public: Value = app.get(&base, None).await.json().await.unwrap();
        assert_eq!(public.as_array().unwrap().len(), 3);
        let all: Value = app.get(&base, Some(&organizer)).await.json().await.unwrap();
        assert_eq!(all.as_array().unwrap().len(), 4);
        let draft_id = draft["session"]["id"].as_i64().unwrap();
        let response = app.get(&format!("{base}/{draft_id}"), None).await;
        assert_eq!(response.status(), 404);

        // A room with sessions stays.
        let response = app
            .client
            .delete(app.url(&format!("/api/v1/editions/{edition}/rooms/{silk}")))
            .bearer_auth(&organizer)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 409);

        // Feeds: the whole programme, one room, one session; times in UTC.
        let whole = feed(&app, &format!("/api/v1/editions/{edition}/calendar.ics")).await;
        assert_eq!(whole["count"], 3);
        let opening_event = whole["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["summary"] == "Opening plenary")
            .unwrap();
        assert_eq!(opening_event["start"], "2027-11-02T01:00:00+00:00");
        assert_eq!(opening_event["end"], "2027-11-02T02:30:00+00:00");
        assert_eq!(opening_event["status"], "CONFIRMED");
        assert_eq!(
            opening_event["uid"],
            format!("session-{opening_id}-edition-{edition}@cities-forum")
        );
        assert_eq!(
            opening_event["location"],
            "Plenary Hall, Strait Convention Center"
        );
        assert!(
            opening_event["url"]
                .as_str()
                .unwrap()
                .ends_with(&format!("#session-{opening_id}"))
        );
        let room = feed(
            &app,
            &format!("/api/v1/editions/{edition}/rooms/{silk}/calendar.ics"),
        )
        .await;
        assert_eq!(room["count"], 2);
        let one = feed(&app, &format!("{base}/{opening_id}/calendar.ics")).await;
        assert_eq!(one["count"], 1);
        assert_eq!(
            app.get(&format!("{base}/{draft_id}/calendar.ics"), None)
                .await
                .status(),
            404
        );
        // The API document lists the programme and its feeds.
        let openapi = app
            .get("/api/v1/openapi.json", None)
            .await
            .text()
            .await
            .unwrap();
        for path in [
            "/api/v1/editions/{id}/sessions",
            "/api/v1/editions/{id}/conflicts",
            "/api/v1/editions/{id}/agenda/{session_id}",
            "/api/v1/editions/{id}/calendar.ics",
            "/api/v1/agenda/{token}/calendar.ics",
        ] {
            assert!(openapi.contains(path), "{path}");
        }
        let zh = app
            .get(
                &format!("/api/v1/editions/{edition}/calendar.ics?lang=zh"),
                None,
            )
            .await
            .text()
            .await
            .unwrap();
        assert!(zh.contains("Opening plenary"), "falls back to English");
    }
}

#[tokio::test]
async fn agendas_respect_capacity_and_changes_are_told_and_feeds_follow() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let organizer = app.token_for(Role::Organizer).await;
        let (edition, plenary, silk) = edition(&app, &organizer).await;
        let committee = app::directory::service::save_committee(
            app.db(),
            None,
            app::directory::types::CommitteeInput {
                name: "Ports Committee".into(),
                sector: "Ports".into(),
                status: app::directory::types::CommitteeStatus::Established,
            },
        )
        .await
        .unwrap()
        .id;
        let base = format!("/api/v1/editions/{edition}/sessions");
        let mut workshop = session(
            "Port data workshop",
            silk,
            "2027-11-03T14:00",
            "2027-11-03T15:30",
        );
        workshop["capacity"] = json!("1");
        workshop["committee_id"] = json!(committee.to_string());
        workshop["title_zh"] = json!("港口数据研讨会");
        let (_, workshop) = send(&app, Method::POST, &base, &organizer, &workshop).await;
        let workshop_id = workshop["session"]["id"].as_i64().unwrap();
        let (_, plenary_session) = send(
            &app,
            Method::POST,
            &base,
            &organizer,
            &session(
                "Closing plenary",
                plenary,
                "2027-11-03T15:00",
                "2027-11-03T16:00",
            ),
        )
        .await;
        let closing_id = plenary_session["session"]["id"].as_i64().unwrap();
        for id in [workshop_id, closing_id] {
            let (status, _) = send(
                &app,
                Method::POST,
                &format!("{base}/{id}/publish"),
                &organizer,
                &json!({}),
            )
            .await;
            assert_eq!(status, 200);
        }

        // The delegate (a real account, by bearer token) is approved.
        let delegate = app.token_for(Role::Delegate).await;
        approved(&app, edition, "Chen Jing", "delegate@forum.example", "zh").await;
        let other = approved(&app, edition, "Ana Costa", "ana@lisboa.example", "pt").await;
        let agenda = format!("/api/v1/editions/{edition}/agenda");
        let (status, mine) = send(
            &app,
            Method::PUT,
            &format!("{agenda}/{workshop_id}"),
            &delegate,
            &json!({}),
        )
        .await;
        assert_eq!(status, 200, "{mine}");
        assert_eq!(mine["booked"], json!([workshop_id]));
        let (status, mine) = send(
            &app,
            Method::PUT,
            &format!("{agenda}/{closing_id}"),
            &delegate,
            &json!({}),
        )
        .await;
        assert_eq!(status, 200);
        assert_eq!(
            mine["overlaps"],
            json!([[workshop_id.min(closing_id), workshop_id.max(closing_id)]])
        );

        // The workshop has one place: someone else is refused.
        let refused = app::programme::service::add_to_agenda(
            app.db(),
            "ana@lisboa.example",
            edition,
            workshop_id,
        )
        .await;
        assert_eq!(
            refused.unwrap_err(),
            app::error::AppError::Conflict("session_full".into())
        );

        // Two people racing for the last place of another session: one
        // gets it (the session row is locked while places are counted).
        let mut duo = session(
            "Mayors' breakfast",
            silk,
            "2027-11-04T07:00",
            "2027-11-04T08:00",
        );
        duo["capacity"] = json!("1");
        let (_, duo) = send(&app, Method::POST, &base, &organizer, &duo).await;
        let duo_id = duo["session"]["id"].as_i64().unwrap();
        send(
            &app,
            Method::POST,
            &format!("{base}/{duo_id}/publish"),
            &organizer,
            &json!({}),
        )
        .await;
        approved(&app, edition, "Kim Min", "kim@busan.example", "ko").await;
        let (a, b) = tokio::join!(
            app::programme::service::add_to_agenda(app.db(), "ana@lisboa.example", edition, duo_id),
            app::programme::service::add_to_agenda(app.db(), "kim@busan.example", edition, duo_id),
        );
        assert_eq!(
            [a.is_ok(), b.is_ok()].iter().filter(|ok| **ok).count(),
            1,
            "{a:?} {b:?}"
        );
        let _ = other;

        // The overlap is listed among the edition's conflicts.
        let conflicts: Value = app
            .get(
                &format!("/api/v1/editions/{edition}/conflicts"),
                Some(&organizer),
            )
            .await
            .json()
            .await
            .unwrap();
        assert!(
            conflicts
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["conflict"]["kind"] == "agenda_overlap" && c["subject"] == "Chen Jing"),
            "{conflicts}"
        );

        // The secret feed of the agenda.
        let (status, mine) = send(
            &app,
            Method::POST,
            &format!("{agenda}/feed"),
            &delegate,
            &json!({}),
        )
        .await;
        assert_eq!(status, 200);
        let path = mine["feed_path"].as_str().unwrap().to_owned();
        let before = feed(&app, &path).await;
        assert_eq!(before["count"], 2);
        // Read once, so that the server keeps it: changes below must show.
        let whole = format!("/api/v1/editions/{edition}/calendar.ics");
        assert_eq!(feed(&app, &whole).await["count"], 3);
        let committee_feed = feed(
            &app,
            &format!("/api/v1/editions/{edition}/committees/{committee}/calendar.ics?lang=zh"),
        )
        .await;
        assert_eq!(committee_feed["count"], 1);
        assert_eq!(committee_feed["events"][0]["summary"], "港口数据研讨会");

        // Moving the workshop tells the delegate (in Chinese) and raises
        // the SEQUENCE; a change of title alone tells nobody.
        let outbox_before = message::Entity::find().all(app.db()).await.unwrap().len();
        let mut moved = session(
            "Port data workshop",
            plenary,
            "2027-11-03T16:00",
            "2027-11-03T17:00",
        );
        moved["capacity"] = json!("1");
        moved["committee_id"] = json!(committee.to_string());
        moved["title_zh"] = json!("港口数据研讨会");
        let (status, _) = send(
            &app,
            Method::PUT,
            &format!("{base}/{workshop_id}"),
            &organizer,
            &moved,
        )
        .await;
        assert_eq!(status, 200);
        let messages = message::Entity::find().all(app.db()).await.unwrap();
        assert_eq!(messages.len(), outbox_before + 1);
        let notice = messages.last().unwrap();
        assert_eq!(notice.to_address, "delegate@forum.example");
        assert!(
            notice.subject.contains("港口数据研讨会"),
            "{}",
            notice.subject
        );
        assert!(
            notice.body_text.contains("2027-11-03 16:00"),
            "{}",
            notice.body_text
        );
        assert!(notice.body_text.contains("Plenary Hall"));

        // Cancelling keeps the event, marked, with a higher SEQUENCE.
        let (status, cancelled) = send(
            &app,
            Method::POST,
            &format!("{base}/{workshop_id}/cancel"),
            &organizer,
            &json!({}),
        )
        .await;
        assert_eq!(status, 200);
        assert_eq!(cancelled["status"], "cancelled");
        let messages = message::Entity::find().all(app.db()).await.unwrap();
        assert_eq!(messages.len(), outbox_before + 2);
        let after = feed(&app, &path).await;
        assert_eq!(after["count"], 2);
        let event = |feed: &Value| {
            feed["events"]
                .as_array()
                .unwrap()
                .iter()
                .find(|e| {
                    e["uid"]
                        .as_str()
                        .unwrap()
                        .starts_with(&format!("session-{workshop_id}-"))
                })
                .unwrap()
                .clone()
        };
        assert_eq!(event(&before)["status"], "CONFIRMED");
        assert_eq!(event(&after)["status"], "CANCELLED");
        assert_eq!(event(&after)["uid"], event(&before)["uid"]);
        assert!(event(&after)["sequence"].as_i64() > event(&before)["sequence"].as_i64());
        assert_eq!(event(&after)["start"], "2027-11-03T08:00:00+00:00");
        assert_eq!(event(&feed(&app, &whole).await)["status"], "CANCELLED");

        // A new secret address: the old one stops working.
        let (_, renewed) = send(
            &app,
            Method::POST,
            &format!("{agenda}/feed"),
            &delegate,
            &json!({}),
        )
        .await;
        assert_ne!(renewed["feed_path"], json!(path));
        assert_eq!(app.get(&path, None).await.status(), 404);

        // Removing from the agenda; a stranger has no agenda.
        let response = app
            .client
            .delete(app.url(&format!("{agenda}/{closing_id}")))
            .bearer_auth(&delegate)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let mine: Value = response.json().await.unwrap();
        assert_eq!(mine["booked"], json!([workshop_id]));
        let registrar = app.token_for(Role::Registrar).await;
        assert_eq!(app.get(&agenda, Some(&registrar)).await.status(), 404);
        assert_eq!(app.get(&agenda, None).await.status(), 401);
    }
}

#[tokio::test]
async fn the_demo_programme_is_published_free_of_clashes() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        server::demo::load(app.db()).await.unwrap();
        let organizer = app.token_for(Role::Organizer).await;
        let all: Value = app
            .get("/api/v1/editions/1/sessions", Some(&organizer))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(all.as_array().unwrap().len(), 11);
        assert!(
            all.as_array()
                .unwrap()
                .iter()
                .all(|s| s["status"] == "published")
        );
        let conflicts: Value = app
            .get("/api/v1/editions/1/conflicts", Some(&organizer))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(conflicts, json!([]));
        // The bilateral is by invitation: not in the public feed.
        let public = feed(&app, "/api/v1/editions/1/calendar.ics").await;
        assert_eq!(public["count"], 10);
    }
}
