//! The programme over HTTP: sessions and their conflicts, publishing with
//! confirmation, agendas with capacity, change notices through the
//! outbox, and every iCalendar feed read back by an independent parser
//! (Python's `icalendar`). On SQLite and PostgreSQL.

use std::process::Command;

use reqwest::Method;
use serde_json::{Value, json};

use app::auth::types::Role;
use app::registration::domain::parse_delegation;
use app::registration::service::{decide, register_delegation};
use app::registration::types::{Decision, PersonForm};

use crate::helpers::{TestApp, backends, edition_body, spawn_app};
use crate::helpers::{ports_committee, staff};

mod agendas;
mod clashes;
mod names;

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
    let id = register_delegation(app.db(), &staff(), edition, None, "", d, URL)
        .await
        .unwrap()
        .created[0]
        .id;
    decide(
        app.db(),
        &staff(),
        edition,
        &[id],
        Decision::Approve,
        "",
        URL,
    )
    .await
    .unwrap();
    id
}

fn session(title: &str, room: i64, start: &str, end: &str) -> Value {
    json!({
        "texts": [{"lang": "en", "title": title}],
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
async fn the_demo_programme_is_published_free_of_clashes() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        server::demo::load(app.db(), &app.address).await.unwrap();
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
