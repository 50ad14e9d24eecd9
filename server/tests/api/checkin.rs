//! Check-in: pairing, scans online (green, amber, red), offline uploads
//! counted once per id with refused ones kept flagged, doors racing for
//! one person, supervisors' search, check-in by hand and undo, session
//! lists with invitations, revoked devices. On SQLite and PostgreSQL.

use reqwest::Method;
use serde_json::{Value, json};

use app::auth::types::Role;
use app::badges::service::code_for_staff;

use crate::badges::approved_people;
use crate::helpers::{Backend, TestApp, backends, spawn_app};

/// Registers a device through the API and pairs it: its token.
pub(crate) async fn paired(
    app: &TestApp,
    organizer: &str,
    edition: i64,
    name: &str,
    supervisor: bool,
) -> (i64, String) {
    let response = app
        .send_json(
            Method::POST,
            &format!("/api/v1/editions/{edition}/checkin/devices"),
            Some(organizer),
            &json!({"name": name, "supervisor": supervisor}),
        )
        .await;
    assert_eq!(response.status(), 201);
    let pairing: Value = response.json().await.unwrap();
    let code = pairing["code"].as_str().unwrap().to_owned();
    assert!(
        pairing["url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/checkin#pair={code}"))
    );
    assert!(pairing["qr_svg"].as_str().unwrap().starts_with("<svg"));
    // Typed as read: lower case, with the dash.
    let typed = format!("{}-{}", &code[..4], &code[4..]).to_lowercase();
    let response = app
        .send_json(
            Method::POST,
            "/api/v1/checkin/pair",
            None,
            &json!({"code": typed}),
        )
        .await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    // A code works once.
    let again = app
        .send_json(
            Method::POST,
            "/api/v1/checkin/pair",
            None,
            &json!({"code": code}),
        )
        .await;
    assert_eq!(again.status(), 422);
    (
        body["device"]["id"].as_i64().unwrap(),
        body["token"].as_str().unwrap().to_owned(),
    )
}

async fn scan(app: &TestApp, device: &str, body: Value) -> (u16, Value) {
    let response = app
        .send_json(Method::POST, "/api/v1/checkin/scans", Some(device), &body)
        .await;
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

fn entry(client_id: &str, code: &str) -> Value {
    json!({"client_id": client_id, "list": "entry", "code": code, "staff": "Ana"})
}

async fn attendance(app: &TestApp, organizer: &str, edition: i64) -> Value {
    let response = app
        .get(
            &format!("/api/v1/editions/{edition}/checkin/attendance"),
            Some(organizer),
        )
        .await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

fn people_on(attendance: &Value, list: &str) -> i64 {
    attendance["lists"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["key"] == list)
        .unwrap()["people"]
        .as_i64()
        .unwrap()
}

/// One character of the signature changed: still base32, signature wrong.
pub(crate) fn forged(code: &str) -> String {
    let mut chars: Vec<char> = code.chars().collect();
    let at = chars.len() - 10;
    chars[at] = if chars[at] == 'A' { 'B' } else { 'A' };
    chars.into_iter().collect()
}

#[tokio::test]
async fn a_paired_device_scans_green_then_amber_and_refuses_forgeries() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let organizer = app.token_for(Role::Organizer).await;
        let (edition, ids) = approved_people(&app).await;
        let (_, door) = paired(&app, &organizer, edition, "North door 2", false).await;

        let boot = app.get("/api/v1/checkin/bootstrap", Some(&door)).await;
        assert_eq!(boot.status(), 200);
        assert_eq!(boot.headers()["cache-control"], "no-store");
        let boot: Value = boot.json().await.unwrap();
        assert_eq!(boot["people"].as_array().unwrap().len(), ids.len());
        assert_eq!(boot["keys"].as_array().unwrap().len(), 1);
        assert_eq!(boot["lists"][0]["key"], "entry");
        // Only what check-in shows: no e-mail, phone or passport data.
        let person = &boot["people"][0];
        for field in ["email", "phone", "position", "dietary"] {
            assert!(person.get(field).is_none(), "{field} leaked: {person}");
        }

        let li = code_for_staff(app.db(), edition, ids[0]).await.unwrap();
        let (status, first) = scan(&app, &door, entry("s1", &li)).await;
        assert_eq!(status, 200, "{first}");
        assert_eq!(first["light"], "green", "{first}");
        assert_eq!(first["outcome"], "welcome");
        assert_eq!(first["person"]["name_native"], "李华");
        assert_eq!(first["person"]["name_latin"], "Li Hua");
        assert_eq!(first["person"]["delegation"], "Seoul");
        assert_eq!(first["counted"], true);

        // Again (a second scan, a new id): amber, with when and where.
        let (_, second) = scan(&app, &door, entry("s2", &li)).await;
        assert_eq!(second["light"], "amber", "{second}");
        assert_eq!(second["earlier"]["device_name"], "North door 2");
        assert_eq!(second["counted"], false);
        // The same id again: the first answer, counted once.
        let (_, replay) = scan(&app, &door, entry("s1", &li)).await;
        assert_eq!(replay["light"], "green");
        assert_eq!(replay["duplicate"], true);

        // A forged code is red and scanning goes on.
        let (_, fake) = scan(&app, &door, entry("s3", &forged(&li))).await;
        assert_eq!(fake["light"], "red", "{fake}");
        assert_eq!(fake["outcome"], "forged");
        assert!(fake["person"].is_null(), "a forgery names nobody");
        let (_, junk) = scan(&app, &door, entry("s4", "hello")).await;
        assert_eq!(junk["outcome"], "unreadable");
        let kim = code_for_staff(app.db(), edition, ids[1]).await.unwrap();
        let (_, next) = scan(&app, &door, entry("s5", &kim)).await;
        assert_eq!(next["light"], "green");

        let seen = attendance(&app, &organizer, edition).await;
        assert_eq!(seen["arrived"], 2, "{seen}");
        assert_eq!(people_on(&seen, "entry"), 2);
        assert_eq!(seen["approved"], ids.len() as i64);
        // The edition's dashboard says the same.
        let dashboard =
            app::dashboard::service::edition_dashboard(app.db(), &Default::default(), edition)
                .await
                .unwrap();
        assert_eq!(dashboard.checkin.arrived, 2);
        assert_eq!(dashboard.checkin.approved, ids.len() as u32);
        assert_eq!(dashboard.checkin.devices, 1);
        assert_eq!(dashboard.checkin.flagged, 0);

        // Bad input: a clear refusal, nothing stored.
        let (status, body) = scan(&app, &door, entry("with space", &li)).await;
        assert_eq!(status, 422, "{body}");
        let (status, body) = scan(
            &app,
            &door,
            json!({"client_id": "s6", "list": "exit", "code": li}),
        )
        .await;
        assert_eq!(status, 422, "{body}");
        let (_, other) = scan(
            &app,
            &door,
            json!({"client_id": "s7", "list": "session:987654", "code": li}),
        )
        .await;
        assert_eq!(other["outcome"], "unknown_list");
        // A scan-only device may not check in by hand or search.
        let (status, _) = scan(
            &app,
            &door,
            json!({"client_id": "s8", "list": "entry", "registration_id": ids[2]}),
        )
        .await;
        assert_eq!(status, 403);
        let search = app.get("/api/v1/checkin/search?q=li", Some(&door)).await;
        assert_eq!(search.status(), 403);
        // The devices page counts its scans.
        let devices: Value = app
            .get(
                &format!("/api/v1/editions/{edition}/checkin/devices"),
                Some(&organizer),
            )
            .await
            .json()
            .await
            .unwrap();
        // Every scan is kept, refused ones too; a replayed id and refused
        // requests are not scans.
        assert_eq!(devices[0]["scans"], 6, "{devices}");
        assert!(devices[0]["paired_at"].is_string());
    }
}

#[tokio::test]
async fn offline_uploads_count_each_id_once_and_keep_refused_scans_flagged() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let organizer = app.token_for(Role::Organizer).await;
        let registrar = app.token_for(Role::Registrar).await;
        let (edition, ids) = approved_people(&app).await;
        let (_, door) = paired(&app, &organizer, edition, "South door", false).await;
        let a = code_for_staff(app.db(), edition, ids[2]).await.unwrap();
        let b = code_for_staff(app.db(), edition, ids[3]).await.unwrap();
        let c_old = code_for_staff(app.db(), edition, ids[4]).await.unwrap();
        // Reprinted while the tablet was offline: its old code no longer passes.
        let reprint = app
            .send_json(
                Method::POST,
                &format!(
                    "/api/v1/editions/{edition}/registrations/{}/badge/reprint",
                    ids[4]
                ),
                Some(&registrar),
                &json!({}),
            )
            .await;
        assert_eq!(reprint.status(), 200);
        let offline = |id: &str, code: &str, light: &str| {
            json!({"client_id": id, "list": "entry", "code": code, "staff": "Bo",
                   "scanned_at": "2020-01-01T00:00:00Z", "offline_light": light})
        };
        let batch = json!({"scans": [
            offline("o1", &a, "green"),
            offline("o2", &b, "green"),
            offline("o3", &b, "amber"),
            offline("o1", &a, "green"),
            offline("o4", &c_old, "green"),
        ]});
        let upload = |body: Value| {
            let app = &app;
            let door = door.clone();
            async move {
                let response = app
                    .send_json(
                        Method::POST,
                        "/api/v1/checkin/scans/batch",
                        Some(&door),
                        &body,
                    )
                    .await;
                assert_eq!(response.status(), 200);
                response.json::<Value>().await.unwrap()["answers"].clone()
            }
        };
        let answers = upload(batch.clone()).await;
        let lights: Vec<&str> = answers
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["light"].as_str().unwrap())
            .collect();
        assert_eq!(
            lights,
            ["green", "green", "amber", "green", "red"],
            "{answers}"
        );
        assert_eq!(answers[3]["duplicate"], true);
        assert_eq!(answers[4]["outcome"], "superseded");
        assert_eq!(answers[4]["flagged"], true);
        // A device clock years off is not believed: arrivals are today's.
        let seen = attendance(&app, &organizer, edition).await;
        assert_eq!(people_on(&seen, "entry"), 2, "{seen}");
        assert_eq!(seen["flagged"], 1);
        let hours = seen["by_hour"].as_array().unwrap();
        assert!(
            hours
                .iter()
                .all(|h| !h["hour"].as_str().unwrap().starts_with("2020"))
        );
        // Hours are the host city's (Quanzhou, UTC+8), each with its instant.
        let utc: chrono::DateTime<chrono::Utc> =
            hours[0]["hour"].as_str().unwrap().parse().unwrap();
        let local: chrono::NaiveDateTime = hours[0]["local"].as_str().unwrap().parse().unwrap();
        assert_eq!(
            local - utc.naive_utc(),
            chrono::TimeDelta::hours(8),
            "{hours:?}"
        );
        assert_eq!(local.format("%M:%S").to_string(), "00:00");

        // The same upload again (the answer was lost on the way): nothing new.
        let again = upload(batch).await;
        assert!(
            again
                .as_array()
                .unwrap()
                .iter()
                .all(|a| a["duplicate"] == true),
            "{again}"
        );
        let seen = attendance(&app, &organizer, edition).await;
        assert_eq!(people_on(&seen, "entry"), 2);
        assert_eq!(seen["flagged"], 1);

        // Too many at once is refused whole.
        let many: Vec<Value> = (0..501)
            .map(|n| offline(&format!("m{n}"), &a, "green"))
            .collect();
        let response = app
            .send_json(
                Method::POST,
                "/api/v1/checkin/scans/batch",
                Some(&door),
                &json!({"scans": many}),
            )
            .await;
        assert_eq!(response.status(), 422);
    }
}

#[tokio::test]
async fn doors_racing_for_one_person_let_them_in_once() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let organizer = app.token_for(Role::Organizer).await;
        let (edition, ids) = approved_people(&app).await;
        let (_, north) = paired(&app, &organizer, edition, "North", false).await;
        let (_, south) = paired(&app, &organizer, edition, "South", false).await;
        let code = code_for_staff(app.db(), edition, ids[5]).await.unwrap();
        let scans = (0..24).map(|n| {
            let door = if n % 2 == 0 {
                north.clone()
            } else {
                south.clone()
            };
            let body = entry(&format!("race{n}"), &code);
            let app = &app;
            async move { scan(app, &door, body).await }
        });
        let answers = futures_util::future::join_all(scans).await;
        let greens = answers
            .iter()
            .filter(|(_, a)| a["light"] == "green")
            .count();
        let ambers = answers
            .iter()
            .filter(|(_, a)| a["light"] == "amber")
            .count();
        assert_eq!((greens, ambers), (1, 23), "{answers:?}");
        let seen = attendance(&app, &organizer, edition).await;
        assert_eq!(people_on(&seen, "entry"), 1);
    }
}

#[tokio::test]
async fn supervisors_search_check_in_by_hand_undo_and_reprint() {
    let app = spawn_app(Backend::Sqlite).await;
    let organizer = app.token_for(Role::Organizer).await;
    let (edition, ids) = approved_people(&app).await;
    let (_, desk) = paired(&app, &organizer, edition, "Help desk", true).await;
    // Accents and case ignored, native or Latin name.
    let hits: Value = app
        .get("/api/v1/checkin/search?q=ANGELES", Some(&desk))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(hits.as_array().unwrap().len(), 1, "{hits}");
    let maria = hits[0]["person"]["registration_id"].as_i64().unwrap();
    assert!(hits[0]["checked_in"].is_null());
    let hits: Value = app
        .get("/api/v1/checkin/search?q=%E6%9D%8E", Some(&desk))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(hits[0]["person"]["name_latin"], "Li Hua", "{hits}");

    let (_, by_hand) = scan(
        &app,
        &desk,
        json!({"client_id": "h1", "list": "entry", "registration_id": maria, "staff": "Desk"}),
    )
    .await;
    assert_eq!(by_hand["light"], "green", "{by_hand}");
    let hits: Value = app
        .get("/api/v1/checkin/search?q=angeles", Some(&desk))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(hits[0]["checked_in"]["device_name"], "Help desk");

    // Undo needs a reason; then the person is out and the next scan green.
    let undo = async |reason: &str| {
        app.send_json(
            Method::POST,
            "/api/v1/checkin/scans/h1/undo",
            Some(&desk),
            &json!({ "reason": reason }),
        )
        .await
        .status()
    };
    assert_eq!(undo(" ").await, 422);
    assert_eq!(undo("wrong person picked").await, 204);
    assert_eq!(
        people_on(&attendance(&app, &organizer, edition).await, "entry"),
        0
    );
    let (_, again) = scan(
        &app,
        &desk,
        json!({"client_id": "h2", "list": "entry", "registration_id": maria}),
    )
    .await;
    assert_eq!(again["light"], "green");
    // The undo is in the audit log with its reason.
    let log: Value = app
        .get("/api/v1/audit?entity=checkin_scan", Some(&organizer))
        .await
        .json()
        .await
        .unwrap();
    assert!(log.to_string().contains("wrong person picked"), "{log}");

    // A reprint at the desk: the old code stops passing at once.
    let old = code_for_staff(app.db(), edition, ids[6]).await.unwrap();
    let reprint = app
        .send_json(
            Method::POST,
            &format!("/api/v1/checkin/people/{}/reprint", ids[6]),
            Some(&desk),
            &json!({}),
        )
        .await;
    assert_eq!(reprint.status(), 200);
    assert_eq!(reprint.headers()["content-type"], "application/pdf");
    let (_, stale) = scan(&app, &desk, entry("h3", &old)).await;
    assert_eq!(stale["outcome"], "superseded", "{stale}");
    let new = code_for_staff(app.db(), edition, ids[6]).await.unwrap();
    let (_, fresh) = scan(&app, &desk, entry("h4", &new)).await;
    assert_eq!(fresh["light"], "green");
}

#[tokio::test]
async fn a_session_list_counts_attendance_and_warns_without_a_place() {
    use app::programme::entity::agenda_entry;
    use sea_orm::{ActiveModelTrait, Set};
    let app = spawn_app(Backend::Sqlite).await;
    let organizer = app.token_for(Role::Organizer).await;
    let (edition, ids) = approved_people(&app).await;
    let room = app
        .get(
            &format!("/api/v1/editions/{edition}/rooms"),
            Some(&organizer),
        )
        .await;
    let room = room.json::<Value>().await.unwrap()[0]["id"]
        .as_i64()
        .unwrap();
    let response = app
        .send_json(
            Method::POST,
            &format!("/api/v1/editions/{edition}/sessions"),
            Some(&organizer),
            &json!({
                "texts": [{"lang": "en", "title": "Mayors' round table"}],
                "kind": "plenary",
                "room_id": room.to_string(),
                "starts_at": "2027-11-03T14:00",
                "ends_at": "2027-11-03T15:30",
                "languages": "en",
                "capacity": "30",
                "invitation_only": true,
            }),
        )
        .await;
    assert_eq!(response.status(), 201, "{}", response.text().await.unwrap());
    let session = response.json::<Value>().await.unwrap()["session"]["id"]
        .as_i64()
        .unwrap();
    agenda_entry::ActiveModel {
        registration_id: Set(ids[0]),
        session_id: Set(session),
        created_at: Set(chrono::Utc::now()),
    }
    .insert(app.db())
    .await
    .unwrap();
    let (_, door) = paired(&app, &organizer, edition, "Room door", false).await;
    let list = format!("session:{session}");
    let boot: Value = app
        .get("/api/v1/checkin/bootstrap", Some(&door))
        .await
        .json()
        .await
        .unwrap();
    let listed = boot["lists"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["key"] == list.as_str())
        .unwrap()
        .clone();
    assert_eq!(listed["invitation_only"], true);
    assert_eq!(listed["title"], "Mayors' round table");
    let invited = code_for_staff(app.db(), edition, ids[0]).await.unwrap();
    let walk_in = code_for_staff(app.db(), edition, ids[1]).await.unwrap();
    let at = |id: &str, code: &str| json!({"client_id": id, "list": list, "code": code});
    let (_, a) = scan(&app, &door, at("r1", &invited)).await;
    assert_eq!(
        (a["light"].as_str(), a["warning"].as_str()),
        (Some("green"), None),
        "{a}"
    );
    let (_, b) = scan(&app, &door, at("r2", &walk_in)).await;
    assert_eq!(b["light"], "green");
    assert_eq!(b["warning"], "no_place", "{b}");
    let seen = attendance(&app, &organizer, edition).await;
    assert_eq!(people_on(&seen, &list), 2);
    assert_eq!(people_on(&seen, "entry"), 0, "a session is its own list");
    let tally = seen["lists"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["key"] == list.as_str())
        .unwrap()
        .clone();
    assert_eq!(tally["places"], 30);
}

#[tokio::test]
async fn a_revoked_device_is_refused_at_its_next_contact() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let organizer = app.token_for(Role::Organizer).await;
        let (edition, ids) = approved_people(&app).await;
        let (device, door) = paired(&app, &organizer, edition, "West door", false).await;
        let code = code_for_staff(app.db(), edition, ids[0]).await.unwrap();
        assert_eq!(scan(&app, &door, entry("w1", &code)).await.0, 200);
        let revoked = app
            .send_json(
                Method::POST,
                &format!("/api/v1/editions/{edition}/checkin/devices/{device}/revoke"),
                Some(&organizer),
                &json!({}),
            )
            .await;
        assert_eq!(revoked.status(), 200);
        assert_eq!(scan(&app, &door, entry("w2", &code)).await.0, 401);
        assert_eq!(
            app.get("/api/v1/checkin/bootstrap", Some(&door))
                .await
                .status(),
            401
        );
        // A new pairing code for a revoked device is refused.
        let again = app
            .send_json(
                Method::POST,
                &format!("/api/v1/editions/{edition}/checkin/devices/{device}/pairing"),
                Some(&organizer),
                &json!({}),
            )
            .await;
        assert_eq!(again.status(), 409);
        // An account's token is no device token; nor is a made-up one.
        assert_eq!(scan(&app, &organizer, entry("w3", &code)).await.0, 401);
        assert_eq!(scan(&app, "cfd_0000", entry("w4", &code)).await.0, 401);

        // When the edition closes, every device is refused (and wipes).
        let (_, other) = paired(&app, &organizer, edition, "East door", false).await;
        assert_eq!(
            app.get("/api/v1/checkin/bootstrap", Some(&other))
                .await
                .status(),
            200
        );
        let closed = app
            .send_json(
                Method::PATCH,
                &format!("/api/v1/editions/{edition}"),
                Some(&organizer),
                &json!({"status": "closed"}),
            )
            .await;
        assert_eq!(closed.status(), 200, "{}", closed.text().await.unwrap());
        // Trusted for a few seconds at most.
        let mut status = 200;
        for _ in 0..70 {
            status = app
                .get("/api/v1/checkin/bootstrap", Some(&other))
                .await
                .status()
                .as_u16();
            if status == 401 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!(status, 401);
        // Guessing device tokens is slowed down like guessing a sign-in link.
        let mut refused = 0;
        for n in 0..40 {
            refused = scan(&app, &format!("cfd_{n:064}"), entry("w6", &code))
                .await
                .0;
            if refused == 429 {
                break;
            }
        }
        assert_eq!(refused, 429);
    }
}

#[tokio::test]
async fn the_arrivals_stream_sends_the_counts_and_follows_arrivals() {
    let app = spawn_app(Backend::Sqlite).await;
    let organizer = app.token_for(Role::Organizer).await;
    let (edition, ids) = approved_people(&app).await;
    let (_, door) = paired(&app, &organizer, edition, "Stream door", false).await;
    let mut stream = app
        .client
        .get(app.url(&format!("/api/v1/editions/{edition}/checkin/arrivals")))
        .bearer_auth(&organizer)
        .send()
        .await
        .unwrap();
    assert_eq!(stream.headers()["content-type"], "text/event-stream");
    let mut text = String::new();
    let mut next_event = async || -> Value {
        loop {
            if let Some(end) = text.find("\n\n") {
                let event: String = text.drain(..end + 2).collect();
                if let Some(data) = event.lines().find_map(|l| l.strip_prefix("data: ")) {
                    return serde_json::from_str(data).unwrap();
                }
                continue;
            }
            let chunk = tokio::time::timeout(std::time::Duration::from_secs(10), stream.chunk())
                .await
                .expect("an event within 10 s")
                .unwrap()
                .unwrap();
            text.push_str(std::str::from_utf8(&chunk).unwrap());
        }
    };
    assert_eq!(next_event().await["arrived"], 0);
    let code = code_for_staff(app.db(), edition, ids[0]).await.unwrap();
    assert_eq!(
        scan(&app, &door, entry("e1", &code)).await.1["light"],
        "green"
    );
    assert_eq!(next_event().await["arrived"], 1);
}

// On several workers, as the server runs.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn six_tablets_uploading_a_full_batch_each_at_once_are_all_counted() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let organizer = app.token_for(Role::Organizer).await;
        let (edition, ids) = approved_people(&app).await;
        let mut doors = Vec::new();
        for n in 0..6 {
            doors.push(
                paired(&app, &organizer, edition, &format!("Hall door {n}"), false)
                    .await
                    .1,
            );
        }
        let mut codes = Vec::new();
        for id in &ids {
            codes.push(code_for_staff(app.db(), edition, *id).await.unwrap());
        }
        // As after a Wi-Fi outage: each tablet holds the most one upload
        // may carry, and all six come back at the same moment.
        let uploads = doors.iter().enumerate().map(|(d, door)| {
            let scans: Vec<Value> = (0..app::checkin::domain::BATCH_MAX)
                .map(|n| {
                    json!({"client_id": format!("d{d}-{n}"), "list": "entry",
                        "code": codes[(d * 7 + n) % codes.len()], "staff": "Bo",
                        "offline_light": "green"})
                })
                .collect();
            let app = &app;
            let door = door.clone();
            async move {
                let response = app
                    .send_json(
                        Method::POST,
                        "/api/v1/checkin/scans/batch",
                        Some(&door),
                        &json!({ "scans": scans }),
                    )
                    .await;
                let status = response.status().as_u16();
                (
                    status,
                    response.json::<Value>().await.unwrap_or(Value::Null),
                )
            }
        });
        let answers = futures_util::future::join_all(uploads).await;
        for (status, body) in &answers {
            assert_eq!(*status, 200, "{body}");
            assert_eq!(
                body["answers"].as_array().unwrap().len(),
                app::checkin::domain::BATCH_MAX
            );
        }
        let greens: usize = answers
            .iter()
            .flat_map(|(_, b)| b["answers"].as_array().unwrap().iter())
            .filter(|a| a["light"] == "green")
            .count();
        // Each person let in once, whichever tablet was first.
        assert_eq!(greens, ids.len());
        let seen = attendance(&app, &organizer, edition).await;
        assert_eq!(people_on(&seen, "entry"), ids.len() as i64, "{seen}");
    }
}

#[tokio::test]
async fn arrivals_streams_are_per_edition_bounded_and_end_with_the_account() {
    let app = spawn_app(Backend::Sqlite).await;
    let organizer = app.token_for(Role::Organizer).await;
    let (edition, ids) = approved_people(&app).await;
    let other_city = app.city("Самарқанд", "Samarkand", "UZ").await;
    let mut body = crate::helpers::edition_body(2028, other_city);
    body["status"] = json!("registration_open");
    let other: Value = app
        .send_json(Method::POST, "/api/v1/editions", Some(&organizer), &body)
        .await
        .json()
        .await
        .unwrap();
    let other = other["id"].as_i64().unwrap();
    let (_, door) = paired(&app, &organizer, edition, "Door A", false).await;
    let open = |edition: i64| {
        app.client
            .get(app.url(&format!("/api/v1/editions/{edition}/checkin/arrivals")))
            .bearer_auth(&organizer)
            .send()
    };
    // Another edition's stream is not woken by this edition's scans.
    let mut elsewhere = open(other).await.unwrap();
    assert_eq!(elsewhere.status(), 200);
    let first = elsewhere.chunk().await.unwrap().unwrap();
    assert!(String::from_utf8_lossy(&first).contains("data:"));
    let code = code_for_staff(app.db(), edition, ids[0]).await.unwrap();
    assert_eq!(
        scan(&app, &door, entry("x1", &code)).await.1["light"],
        "green"
    );
    let woken = tokio::time::timeout(std::time::Duration::from_secs(2), elsewhere.chunk()).await;
    assert!(woken.is_err(), "another edition's scan woke this stream");
    // Four streams per account at most.
    let mut streams = vec![elsewhere];
    for _ in 0..3 {
        let stream = open(edition).await.unwrap();
        assert_eq!(stream.status(), 200);
        streams.push(stream);
    }
    let refused = open(edition).await.unwrap();
    assert_eq!(refused.status(), 429);
    assert!(refused.headers().contains_key("retry-after"));
    // One closed gives its place back.
    drop(streams.pop());
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let again = open(edition).await.unwrap();
    assert_eq!(again.status(), 200);
    streams.push(again);
    // The account is switched off: its streams end within seconds.
    {
        use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
        let account = app::auth::entity::user::Entity::find()
            .filter(app::auth::entity::user::Column::Email.eq("organizer@forum.example"))
            .one(app.db())
            .await
            .unwrap()
            .unwrap();
        let mut row: app::auth::entity::user::ActiveModel = account.into();
        row.disabled_at = Set(Some(chrono::Utc::now()));
        row.update(app.db()).await.unwrap();
    }
    let mut last = streams.pop().unwrap();
    let ended = tokio::time::timeout(std::time::Duration::from_secs(15), async {
        while let Ok(Some(_)) = last.chunk().await {}
    })
    .await;
    assert!(ended.is_ok(), "the stream outlived the account");
}
