//! Agendas: booking with capacity (and a race for the last place),
//! overlaps, the secret agenda feed, change notices through the outbox,
//! cancelling, and leaving the agenda.

use reqwest::Method;
use sea_orm::EntityTrait;
use serde_json::{Value, json};

use app::auth::types::Role;
use app::mail::entity::message;

use super::{approved, edition, feed, ports_committee, send, session};
use crate::helpers::{TestApp, backends, spawn_app};

/// The agenda scenarios' programme, published: a workshop of one place in
/// the Silk Room (the Ports Committee's, with a Chinese title), the closing
/// plenary over its end, and a breakfast of one place the next morning;
/// the delegate (an account, Chen Jing, reading Chinese), Ana Costa and Kim
/// Min approved.
struct Agendas {
    organizer: String,
    edition: i64,
    plenary: i64,
    committee: i64,
    /// `/api/v1/editions/{edition}/sessions`
    base: String,
    workshop: i64,
    closing: i64,
    breakfast: i64,
    /// The delegate's API token.
    delegate: String,
    /// `/api/v1/editions/{edition}/agenda`
    agenda: String,
}

impl Agendas {
    async fn new(app: &TestApp) -> Agendas {
        let organizer = app.token_for(Role::Organizer).await;
        let (edition, plenary, silk) = edition(app, &organizer).await;
        let committee = ports_committee(app).await;
        let base = format!("/api/v1/editions/{edition}/sessions");
        let create = |body: Value| {
            let (organizer, base) = (&organizer, &base);
            async move {
                let (status, created) = send(app, Method::POST, base, organizer, &body).await;
                assert_eq!(status, 201, "{created}");
                let id = created["session"]["id"].as_i64().unwrap();
                let (status, _) = send(
                    app,
                    Method::POST,
                    &format!("{base}/{id}/publish"),
                    organizer,
                    &json!({}),
                )
                .await;
                assert_eq!(status, 200);
                id
            }
        };
        let workshop = create(Self::workshop_body(
            committee,
            silk,
            "2027-11-03T14:00",
            "2027-11-03T15:30",
        ))
        .await;
        let closing = create(session(
            "Closing plenary",
            plenary,
            "2027-11-03T15:00",
            "2027-11-03T16:00",
        ))
        .await;
        let mut breakfast = session(
            "Mayors' breakfast",
            silk,
            "2027-11-04T07:00",
            "2027-11-04T08:00",
        );
        breakfast["capacity"] = json!("1");
        let breakfast = create(breakfast).await;

        // The delegate (a real account, by bearer token) is approved.
        let delegate = app.token_for(Role::Delegate).await;
        approved(app, edition, "Chen Jing", "delegate@forum.example", "zh").await;
        approved(app, edition, "Ana Costa", "ana@lisboa.example", "pt").await;
        approved(app, edition, "Kim Min", "kim@busan.example", "ko").await;
        Agendas {
            organizer,
            edition,
            plenary,
            committee,
            agenda: format!("/api/v1/editions/{edition}/agenda"),
            base,
            workshop,
            closing,
            breakfast,
            delegate,
        }
    }

    /// The Ports Committee's workshop of one place, in `room` from `start`
    /// to `end`.
    fn workshop_body(committee: i64, room: i64, start: &str, end: &str) -> Value {
        let mut workshop = session("Port data workshop", room, start, end);
        workshop["capacity"] = json!("1");
        workshop["committee_id"] = json!(committee.to_string());
        workshop["texts"]
            .as_array_mut()
            .unwrap()
            .push(json!({"lang": "zh", "title": "港口数据研讨会"}));
        workshop
    }

    /// The delegate books `session`; returns the agenda.
    async fn book(&self, app: &TestApp, session: i64) -> Value {
        let (status, mine) = send(
            app,
            Method::PUT,
            &format!("{}/{session}", self.agenda),
            &self.delegate,
            &json!({}),
        )
        .await;
        assert_eq!(status, 200, "{mine}");
        mine
    }

    /// The delegate books the workshop and the closing plenary (which
    /// overlap).
    async fn book_both(&self, app: &TestApp) {
        self.book(app, self.workshop).await;
        self.book(app, self.closing).await;
    }

    /// A new secret address of the delegate's agenda feed.
    async fn feed_path(&self, app: &TestApp) -> String {
        let (status, mine) = send(
            app,
            Method::POST,
            &format!("{}/feed", self.agenda),
            &self.delegate,
            &json!({}),
        )
        .await;
        assert_eq!(status, 200);
        mine["feed_path"].as_str().unwrap().to_owned()
    }

    /// Moves the workshop to the Plenary Hall, 16:00 to 17:00.
    async fn move_workshop(&self, app: &TestApp) {
        let moved = Self::workshop_body(
            self.committee,
            self.plenary,
            "2027-11-03T16:00",
            "2027-11-03T17:00",
        );
        let (status, _) = send(
            app,
            Method::PUT,
            &format!("{}/{}", self.base, self.workshop),
            &self.organizer,
            &moved,
        )
        .await;
        assert_eq!(status, 200);
    }
}

async fn outbox(app: &TestApp) -> Vec<message::Model> {
    message::Entity::find().all(app.db()).await.unwrap()
}

#[tokio::test]
async fn a_delegate_books_sessions_and_is_told_of_overlaps() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let a = Agendas::new(&app).await;
        let mine = a.book(&app, a.workshop).await;
        assert_eq!(mine["booked"], json!([a.workshop]), "{backend:?}");
        let mine = a.book(&app, a.closing).await;
        assert_eq!(
            mine["overlaps"],
            json!([[a.workshop.min(a.closing), a.workshop.max(a.closing)]])
        );
    }
}

#[tokio::test]
async fn a_full_session_refuses_one_more() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let a = Agendas::new(&app).await;
        a.book_both(&app).await;
        // The workshop has one place: someone else is refused.
        let refused = app::programme::service::add_to_agenda(
            app.db(),
            &crate::helpers::staff(),
            "ana@lisboa.example",
            a.edition,
            a.workshop,
        )
        .await;
        assert_eq!(
            refused.unwrap_err(),
            app::error::AppError::Conflict(app::error::ErrorCode::SessionFull),
            "{backend:?}"
        );
    }
}

#[tokio::test]
async fn of_two_people_racing_for_the_last_place_one_gets_it() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let a = Agendas::new(&app).await;
        // The session row is locked while places are counted.
        let actor = crate::helpers::staff();
        let (first, second) = tokio::join!(
            app::programme::service::add_to_agenda(
                app.db(),
                &actor,
                "ana@lisboa.example",
                a.edition,
                a.breakfast
            ),
            app::programme::service::add_to_agenda(
                app.db(),
                &actor,
                "kim@busan.example",
                a.edition,
                a.breakfast
            ),
        );
        assert_eq!(
            [first.is_ok(), second.is_ok()]
                .iter()
                .filter(|ok| **ok)
                .count(),
            1,
            "{backend:?}: {first:?} {second:?}"
        );
    }
}

#[tokio::test]
async fn an_agenda_overlap_is_listed_among_the_conflicts() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let a = Agendas::new(&app).await;
        a.book_both(&app).await;
        let conflicts: Value = app
            .get(
                &format!("/api/v1/editions/{}/conflicts", a.edition),
                Some(&a.organizer),
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
            "{backend:?}: {conflicts}"
        );
    }
}

#[tokio::test]
async fn the_secret_agenda_feed_and_the_committee_feed_parse() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let a = Agendas::new(&app).await;
        a.book_both(&app).await;
        let path = a.feed_path(&app).await;
        assert_eq!(feed(&app, &path).await["count"], 2, "{backend:?}");
        let whole = format!("/api/v1/editions/{}/calendar.ics", a.edition);
        assert_eq!(feed(&app, &whole).await["count"], 3);
        let committee_feed = feed(
            &app,
            &format!(
                "/api/v1/editions/{}/committees/{}/calendar.ics?lang=zh",
                a.edition, a.committee
            ),
        )
        .await;
        assert_eq!(committee_feed["count"], 1);
        assert_eq!(committee_feed["events"][0]["summary"], "港口数据研讨会");
    }
}

#[tokio::test]
async fn moving_a_booked_session_tells_the_delegate_in_their_language() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let a = Agendas::new(&app).await;
        a.book_both(&app).await;
        let outbox_before = outbox(&app).await.len();
        a.move_workshop(&app).await;
        let messages = outbox(&app).await;
        assert_eq!(messages.len(), outbox_before + 1, "{backend:?}");
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
    }
}

#[tokio::test]
async fn cancelling_keeps_the_event_marked_with_a_higher_sequence() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let a = Agendas::new(&app).await;
        a.book_both(&app).await;
        let path = a.feed_path(&app).await;
        let before = feed(&app, &path).await;
        assert_eq!(before["count"], 2, "{backend:?}");
        // Read once, so that the server keeps it: changes below must show.
        let whole = format!("/api/v1/editions/{}/calendar.ics", a.edition);
        assert_eq!(feed(&app, &whole).await["count"], 3);
        let outbox_before = outbox(&app).await.len();
        a.move_workshop(&app).await;

        let (status, cancelled) = send(
            &app,
            Method::POST,
            &format!("{}/{}/cancel", a.base, a.workshop),
            &a.organizer,
            &json!({}),
        )
        .await;
        assert_eq!(status, 200);
        assert_eq!(cancelled["status"], "cancelled");
        assert_eq!(outbox(&app).await.len(), outbox_before + 2);
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
                        .starts_with(&format!("session-{}-", a.workshop))
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
    }
}

#[tokio::test]
async fn a_new_secret_feed_address_retires_the_old_one() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let a = Agendas::new(&app).await;
        a.book_both(&app).await;
        let path = a.feed_path(&app).await;
        // Read once, so that the server keeps it.
        assert_eq!(feed(&app, &path).await["count"], 2, "{backend:?}");
        let renewed = a.feed_path(&app).await;
        assert_ne!(renewed, path);
        assert_eq!(app.get(&path, None).await.status(), 404);
        // Stored hashed: the agenda says a feed exists, not its address,
        // and the table holds no address.
        let (_, mine) = send(&app, Method::GET, &a.agenda, &a.delegate, &json!({})).await;
        assert_eq!(mine["has_feed"], true, "{backend:?}");
        assert!(mine["feed_path"].is_null());
        let token = renewed.split('/').nth(4).unwrap();
        let stored = app::programme::entity::agenda_feed::Entity::find()
            .all(app.db())
            .await
            .unwrap();
        assert_eq!(stored.len(), 1);
        assert_ne!(stored[0].token, token);
        assert_eq!(stored[0].token, app::auth::service::secret_hash(token));
    }
}

#[tokio::test]
async fn a_session_leaves_the_agenda_and_a_stranger_has_none() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let a = Agendas::new(&app).await;
        a.book_both(&app).await;
        let response = app
            .client
            .delete(app.url(&format!("{}/{}", a.agenda, a.closing)))
            .bearer_auth(&a.delegate)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{backend:?}");
        let mine: Value = response.json().await.unwrap();
        assert_eq!(mine["booked"], json!([a.workshop]));
        let registrar = app.token_for(Role::Registrar).await;
        assert_eq!(app.get(&a.agenda, Some(&registrar)).await.status(), 404);
        assert_eq!(app.get(&a.agenda, None).await.status(), 401);
    }
}
