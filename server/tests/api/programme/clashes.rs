//! Sessions and their clashes: times kept in UTC, conflicts named,
//! publishing over a hard conflict only with confirmation, bad input
//! refused, the public view, and the feeds of the programme, a room and a
//! session.

use reqwest::Method;
use serde_json::{Value, json};

use app::auth::types::Role;

use super::{approved, edition, feed, send, session};
use crate::helpers::{TestApp, backends, spawn_app};

/// The clash scenarios' edition: two rooms, an organizer and a speaker.
struct Clashes {
    organizer: String,
    edition: i64,
    plenary: i64,
    silk: i64,
    speaker: i64,
    /// `/api/v1/editions/{edition}/sessions`
    base: String,
}

impl Clashes {
    async fn new(app: &TestApp) -> Clashes {
        let organizer = app.token_for(Role::Organizer).await;
        let (edition, plenary, silk) = edition(app, &organizer).await;
        let speaker = approved(app, edition, "Li Hua", "li@quanzhou.example", "zh").await;
        Clashes {
            organizer,
            edition,
            plenary,
            silk,
            speaker,
            base: format!("/api/v1/editions/{edition}/sessions"),
        }
    }

    /// The opening plenary, 09:00 to 10:30 in the Plenary Hall, with the
    /// speaker.
    fn opening(&self) -> Value {
        let mut opening = session(
            "Opening plenary",
            self.plenary,
            "2027-11-02T09:00",
            "2027-11-02T10:30",
        );
        opening["speakers"] = json!([self.speaker]);
        opening
    }

    /// Ports and logistics in the Plenary Hall over the opening's end, the
    /// speaker moderating.
    fn ports(&self) -> Value {
        let mut ports = session(
            "Ports and logistics",
            self.plenary,
            "2027-11-02T10:00",
            "2027-11-02T11:00",
        );
        ports["moderators"] = json!([self.speaker]);
        ports
    }

    /// Ports fixed: the Silk Room, after the opening.
    fn ports_fixed(&self) -> Value {
        let mut ports = self.ports();
        ports["room_id"] = json!(self.silk.to_string());
        ports["starts_at"] = json!("2027-11-02T10:30");
        ports["ends_at"] = json!("2027-11-02T11:30");
        ports
    }

    /// A late-night session crossing midnight in the Silk Room, over Ports.
    fn night_market(&self) -> Value {
        session(
            "Night market tour",
            self.silk,
            "2027-11-02T11:00",
            "2027-11-03T00:30",
        )
    }

    /// Creates a session; returns its id.
    async fn create(&self, app: &TestApp, body: &Value) -> i64 {
        let (status, created) = send(app, Method::POST, &self.base, &self.organizer, body).await;
        assert_eq!(status, 201, "{created}");
        created["session"]["id"].as_i64().unwrap()
    }

    async fn publish(&self, app: &TestApp, id: i64, confirm: bool) {
        let (status, published) = send(
            app,
            Method::POST,
            &format!("{}/{id}/publish", self.base),
            &self.organizer,
            &json!({"confirm": confirm}),
        )
        .await;
        assert_eq!(status, 200, "{published}");
    }

    /// The published programme: the opening, Ports (in the Silk Room after
    /// the opening) and the night market tour over Ports, published with
    /// confirmation. Returns the opening's id.
    async fn published(&self, app: &TestApp) -> i64 {
        let opening = self.create(app, &self.opening()).await;
        let ports = self.create(app, &self.ports_fixed()).await;
        self.publish(app, opening, false).await;
        self.publish(app, ports, false).await;
        let night = self.create(app, &self.night_market()).await;
        self.publish(app, night, true).await;
        opening
    }

    /// A draft on 3 November in the Plenary Hall; returns its id.
    async fn draft(&self, app: &TestApp) -> i64 {
        let draft = session(
            "Draft idea",
            self.plenary,
            "2027-11-03T09:00",
            "2027-11-03T10:00",
        );
        self.create(app, &draft).await
    }
}

#[tokio::test]
async fn a_session_is_kept_in_utc_and_its_clashes_name_the_room_and_the_speaker() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let c = Clashes::new(&app).await;

        // Two sessions in one room at once, with the same speaker.
        let (status, first) = send(&app, Method::POST, &c.base, &c.organizer, &c.opening()).await;
        assert_eq!(status, 201, "{backend:?} {first}");
        assert_eq!(first["conflicts"], json!([]));
        assert_eq!(first["session"]["starts_at"], "2027-11-02T01:00:00Z");
        assert_eq!(first["session"]["status"], "draft");

        let (status, second) = send(&app, Method::POST, &c.base, &c.organizer, &c.ports()).await;
        assert_eq!(status, 201, "{second}");
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
    }
}

#[tokio::test]
async fn publishing_over_a_hard_conflict_asks_for_confirmation_until_it_is_fixed() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let c = Clashes::new(&app).await;
        let opening_id = c.create(&app, &c.opening()).await;
        let ports_id = c.create(&app, &c.ports()).await;

        // Publishing with a hard conflict needs confirmation.
        let publish = format!("{}/{ports_id}/publish", c.base);
        let (status, refused) = send(&app, Method::POST, &publish, &c.organizer, &json!({})).await;
        assert_eq!(status, 409, "{backend:?}");
        assert_eq!(refused["detail"], "hard_conflicts");
        // Fixed: another room, after the opening; then it publishes.
        let (status, fixed) = send(
            &app,
            Method::PUT,
            &format!("{}/{ports_id}", c.base),
            &c.organizer,
            &c.ports_fixed(),
        )
        .await;
        assert_eq!(status, 200, "{fixed}");
        assert_eq!(fixed["conflicts"], json!([]));
        let (status, _) = send(&app, Method::POST, &publish, &c.organizer, &json!({})).await;
        assert_eq!(status, 200);
        let (status, _) = send(
            &app,
            Method::POST,
            &format!("{}/{opening_id}/publish", c.base),
            &c.organizer,
            &json!({}),
        )
        .await;
        assert_eq!(status, 200);
    }
}

#[tokio::test]
async fn a_clash_confirmed_at_publishing_is_published_and_listed() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let c = Clashes::new(&app).await;
        let opening = c.create(&app, &c.opening()).await;
        let ports = c.create(&app, &c.ports_fixed()).await;
        c.publish(&app, ports, false).await;
        c.publish(&app, opening, false).await;

        // A late-night session crossing midnight, over Ports.
        let (_, third) = send(&app, Method::POST, &c.base, &c.organizer, &c.night_market()).await;
        let third_id = third["session"]["id"].as_i64().unwrap();
        assert_eq!(
            third["session"]["ends_at"], "2027-11-02T16:30:00Z",
            "{backend:?}"
        );
        let third_publish = format!("{}/{third_id}/publish", c.base);
        let (status, _) = send(&app, Method::POST, &third_publish, &c.organizer, &json!({})).await;
        assert_eq!(status, 409);
        let (status, published) = send(
            &app,
            Method::POST,
            &third_publish,
            &c.organizer,
            &json!({"confirm": true}),
        )
        .await;
        assert_eq!(status, 200);
        assert_eq!(published["session"]["status"], "published");
        let conflicts: Value = app
            .get(
                &format!("/api/v1/editions/{}/conflicts", c.edition),
                Some(&c.organizer),
            )
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(conflicts.as_array().unwrap().len(), 1, "{conflicts}");
    }
}

#[tokio::test]
async fn bad_session_input_names_every_field_and_stores_nothing() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let c = Clashes::new(&app).await;
        let bad = json!({"texts": [{"lang": "en", "title": ""}], "kind": "party", "room_id": "999999",
                         "starts_at": "2027-11-02T10:00", "ends_at": "2027-11-02T09:00"});
        let (status, refused) = send(&app, Method::POST, &c.base, &c.organizer, &bad).await;
        assert_eq!(status, 422, "{backend:?}");
        for field in ["title_en", "kind", "ends_at"] {
            assert!(refused["detail"][field].is_array(), "{field}: {refused}");
        }
        let (status, refused) = send(
            &app,
            Method::POST,
            &c.base,
            &c.organizer,
            &session("Ghost", 999_999, "2027-11-02T10:00", "2027-11-02T11:00"),
        )
        .await;
        assert_eq!(status, 422);
        assert_eq!(refused["detail"]["room_id"], json!(["unknown_room"]));
        let all: Value = app
            .get(&c.base, Some(&c.organizer))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(all, json!([]), "nothing stored");
    }
}

#[tokio::test]
async fn the_public_sees_published_sessions_only() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let c = Clashes::new(&app).await;
        c.published(&app).await;

        // Without a token.
        let public: Value = app.get(&c.base, None).await.json().await.unwrap();
        assert_eq!(public.as_array().unwrap().len(), 3, "{backend:?}");
        let draft_id = c.draft(&app).await;
        let public: Value = app.get(&c.base, None).await.json().await.unwrap();
        assert_eq!(public.as_array().unwrap().len(), 3);
        let all: Value = app
            .get(&c.base, Some(&c.organizer))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(all.as_array().unwrap().len(), 4);
        let response = app.get(&format!("{}/{draft_id}", c.base), None).await;
        assert_eq!(response.status(), 404);
    }
}

#[tokio::test]
async fn a_room_with_sessions_stays() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let c = Clashes::new(&app).await;
        c.published(&app).await;
        let response = app
            .client
            .delete(app.url(&format!("/api/v1/editions/{}/rooms/{}", c.edition, c.silk)))
            .bearer_auth(&c.organizer)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 409, "{backend:?}");
    }
}

#[tokio::test]
async fn feeds_of_the_programme_a_room_and_a_session_parse_with_times_in_utc() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let c = Clashes::new(&app).await;
        let opening_id = c.published(&app).await;
        let draft_id = c.draft(&app).await;
        let edition = c.edition;

        let whole = feed(&app, &format!("/api/v1/editions/{edition}/calendar.ics")).await;
        assert_eq!(whole["count"], 3, "{backend:?}");
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
            &format!("/api/v1/editions/{edition}/rooms/{}/calendar.ics", c.silk),
        )
        .await;
        assert_eq!(room["count"], 2);
        let one = feed(&app, &format!("{}/{opening_id}/calendar.ics", c.base)).await;
        assert_eq!(one["count"], 1);
        assert_eq!(
            app.get(&format!("{}/{draft_id}/calendar.ics", c.base), None)
                .await
                .status(),
            404
        );
    }
}

#[tokio::test]
async fn the_api_document_lists_the_programme_and_its_feeds() {
    for backend in backends() {
        let app = spawn_app(backend).await;
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
            assert!(openapi.contains(path), "{backend:?} {path}");
        }
    }
}

#[tokio::test]
async fn a_feed_in_chinese_falls_back_to_english_titles() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let c = Clashes::new(&app).await;
        c.published(&app).await;
        let zh = app
            .get(
                &format!("/api/v1/editions/{}/calendar.ics?lang=zh", c.edition),
                None,
            )
            .await
            .text()
            .await
            .unwrap();
        assert!(
            zh.contains("Opening plenary"),
            "{backend:?}: falls back to English"
        );
    }
}

#[tokio::test]
async fn a_title_with_line_breaks_stays_one_property_in_the_feed() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let c = Clashes::new(&app).await;
        let hostile = "Ports\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Injected";
        let id = c
            .create(
                &app,
                &session(hostile, c.plenary, "2027-11-03T09:00", "2027-11-03T10:00"),
            )
            .await;
        c.publish(&app, id, true).await;
        let parsed = feed(&app, &format!("{}/{id}/calendar.ics", c.base)).await;
        // One event, its summary the whole text, nothing injected.
        assert_eq!(parsed["count"], 1, "{backend:?}");
        let summary = parsed["events"][0]["summary"].as_str().unwrap();
        assert!(summary.starts_with("Ports"), "{summary}");
        assert!(summary.contains("SUMMARY:Injected"), "{summary}");
    }
}
