//! Capacities and the waitlist, decisions and their letters, and the
//! review queue with its filters.

use reqwest::Method;
use sea_orm::EntityTrait;
use serde_json::{Value, json};

use app::auth::types::Role;
use app::mail::entity::message;
use app::registration::service::{decide, list_registrations, save_settings};
use app::registration::types::{Decision, RegistrationFilter, RegistrationStatus};

use super::{URL, open_edition, person, register_one, settings, subjects_to};
use crate::helpers::staff;
use crate::helpers::{TestApp, backends, spawn_app};

/// An edition with two press places and three reporters registered, in
/// order; returns the edition and their ids.
async fn three_reporters_for_two_places(app: &TestApp) -> (i64, Vec<i64>) {
    let (edition, _) = open_edition(app).await;
    save_settings(
        app.db(),
        &staff(),
        edition,
        settings(false, &[("press", "2")]).parse().unwrap(),
    )
    .await
    .unwrap();
    let mut ids = Vec::new();
    for n in 0..3 {
        let who = person(
            &format!("Reporter {n}"),
            "",
            &format!("r{n}@news.example"),
            "press",
        );
        ids.push(register_one(app, edition, who).await.unwrap());
    }
    (edition, ids)
}

const REASON: &str = "Press places are for accredited media.";

#[tokio::test]
async fn past_capacity_people_wait() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let (edition, _) = three_reporters_for_two_places(&app).await;
        let all = list_registrations(app.db(), edition, &RegistrationFilter::default())
            .await
            .unwrap();
        let statuses: Vec<_> = all.iter().map(|r| r.status).collect();
        assert_eq!(
            statuses,
            [
                RegistrationStatus::Submitted,
                RegistrationStatus::Submitted,
                RegistrationStatus::Waitlisted
            ],
            "{backend:?}"
        );
    }
}

#[tokio::test]
async fn promoting_past_capacity_is_refused_and_leaves_the_others_untouched() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let (edition, ids) = three_reporters_for_two_places(&app).await;
        // Promoting the third while both places are held is refused, and
        // the bulk decision leaves the first two untouched too.
        let err = decide(
            app.db(),
            &staff(),
            edition,
            &ids,
            Decision::Approve,
            "",
            URL,
        )
        .await
        .unwrap_err();
        assert_eq!(
            err.field_messages(&format!("registrations.{}", ids[2])),
            vec![app::error::ErrorCode::CategoryFull],
            "{backend:?}"
        );
        let still = list_registrations(app.db(), edition, &RegistrationFilter::default())
            .await
            .unwrap();
        assert_eq!(still[0].status, RegistrationStatus::Submitted);
    }
}

#[tokio::test]
async fn a_decline_needs_a_reason_and_frees_the_place_for_one_waiting() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let (edition, ids) = three_reporters_for_two_places(&app).await;
        // A decline needs a reason; with one, the place is freed and the
        // waiting reporter can be promoted in one action.
        assert_eq!(
            decide(
                app.db(),
                &staff(),
                edition,
                &ids[..1],
                Decision::Decline,
                " ",
                URL
            )
            .await
            .unwrap_err()
            .field_messages("reason"),
            vec![app::error::ErrorCode::Required],
            "{backend:?}"
        );
        let declined = decide(
            app.db(),
            &staff(),
            edition,
            &ids[..1],
            Decision::Decline,
            REASON,
            URL,
        )
        .await
        .unwrap();
        assert_eq!(declined[0].decline_reason.as_deref(), Some(REASON));
        let promoted = decide(
            app.db(),
            &staff(),
            edition,
            &ids[2..],
            Decision::Approve,
            "",
            URL,
        )
        .await
        .unwrap();
        assert_eq!(promoted[0].status, RegistrationStatus::Approved);
    }
}

#[tokio::test]
async fn each_decision_is_a_letter_in_the_persons_language() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let (edition, ids) = three_reporters_for_two_places(&app).await;
        decide(
            app.db(),
            &staff(),
            edition,
            &ids[..1],
            Decision::Decline,
            REASON,
            URL,
        )
        .await
        .unwrap();
        decide(
            app.db(),
            &staff(),
            edition,
            &ids[2..],
            Decision::Approve,
            "",
            URL,
        )
        .await
        .unwrap();

        // Chinese here.
        assert_eq!(
            subjects_to(&app, "r0@news.example").await,
            vec![
                "注册已收到：Cities Forum 2027".to_owned(),
                "注册未获接受：Cities Forum 2027".to_owned()
            ],
            "{backend:?}"
        );
        let letters = message::Entity::find().all(app.db()).await.unwrap();
        let declined_letter = letters
            .iter()
            .find(|m| m.subject.starts_with("注册未获接受"))
            .unwrap();
        assert!(declined_letter.body_text.contains(REASON));
        assert!(
            declined_letter
                .body_text
                .contains("https://forum.example/my/link/")
        );
    }
}

/// An edition with a delegate from Łódź and a speaker from Quanzhou;
/// returns the edition and the speaker's id.
async fn two_registered(app: &TestApp) -> (i64, i64) {
    let (edition, _) = open_edition(app).await;
    register_one(
        app,
        edition,
        person("Łukasz Żółw", "", "lz@lodz.example", "delegate"),
    )
    .await
    .unwrap();
    let speaker = register_one(
        app,
        edition,
        person("Li Hua", "李华", "li@qz.example", "speaker"),
    )
    .await
    .unwrap();
    (edition, speaker)
}

#[tokio::test]
async fn the_review_queue_filters_and_searches_without_accents() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let (edition, _) = two_registered(&app).await;
        let registrar = app.token_for(Role::Registrar).await;
        let path = format!("/api/v1/editions/{edition}/registrations");
        let found: Value = app
            .get(&format!("{path}?q=lukasz%20zolw"), Some(&registrar))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(found.as_array().unwrap().len(), 1, "{backend:?}");
        assert_eq!(found[0]["email"], "lz@lodz.example");
        let native: Value = app
            .get(&format!("{path}?q=%E6%9D%8E"), Some(&registrar))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(native[0]["name_native"], "李华");
        let speakers: Value = app
            .get(
                &format!("{path}?category=speaker&status=submitted"),
                Some(&registrar),
            )
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(speakers.as_array().unwrap().len(), 1);
        let bad = app
            .get(&format!("{path}?status=maybe"), Some(&registrar))
            .await;
        assert_eq!(bad.status(), 422);
    }
}

#[tokio::test]
async fn a_registrar_decides_through_the_api_once() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let (edition, id) = two_registered(&app).await;
        let registrar = app.token_for(Role::Registrar).await;
        let path = format!("/api/v1/editions/{edition}/registrations");
        // PATCH with a decision.
        let one = format!("{path}/{id}");
        let approved = app
            .send_json(
                Method::PATCH,
                &one,
                Some(&registrar),
                &json!({"decision": "approve"}),
            )
            .await;
        assert_eq!(approved.status(), 200, "{backend:?}");
        let again = app
            .send_json(
                Method::PATCH,
                &one,
                Some(&registrar),
                &json!({"decision": "approve"}),
            )
            .await;
        assert_eq!(again.status(), 422);
        let got: Value = app.get(&one, Some(&registrar)).await.json().await.unwrap();
        assert_eq!(got["status"], "approved");
        assert_eq!(
            app.get(&format!("{path}/999999"), Some(&registrar))
                .await
                .status(),
            404
        );
    }
}
