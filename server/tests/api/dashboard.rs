//! The demo and the dashboard: the demo fills every state a page can
//! show, and the dashboard's figures are the API's counts.

use app::registration::types::RegistrationStatus;
use serde_json::{Value, json};

use crate::helpers::{backends, spawn_app};
use app::auth::types::Role;

async fn total(app: &crate::helpers::TestApp, path: &str, token: &str) -> u32 {
    let response = app.get(path, Some(token)).await;
    assert_eq!(response.status(), 200, "{path}");
    response.headers()["x-total-count"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn the_demo_shows_every_state_and_the_dashboard_counts_it_as_the_api_does() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let summary = server::demo::load(app.db(), &app.address).await.unwrap();
        assert!(summary.contains("people registered"), "{summary}");
        let organizer = app.token_for(Role::Organizer).await;
        let dashboard =
            app::dashboard::service::edition_dashboard(app.db(), &Default::default(), 1)
                .await
                .unwrap();
        let registration = &dashboard.registration;

        // Every status has people, and each figure is what the API lists.
        for (status, count) in &registration.by_status {
            assert!(*count > 0, "{backend:?}: nobody {status:?}");
            let path = format!(
                "/api/v1/editions/1/registrations?status={}",
                status.as_str()
            );
            assert_eq!(total(&app, &path, &organizer).await, *count, "{path}");
        }
        let waiting = registration
            .by_status
            .iter()
            .find(|(s, _)| *s == RegistrationStatus::Submitted)
            .map(|(_, n)| *n);
        assert_eq!(Some(registration.waiting_review), waiting);
        assert!(registration.oldest_waiting.is_some());
        // Twelve cities sent delegations; Busan used its invitation,
        // Alexandria has not yet.
        assert_eq!(registration.delegations, 12, "{backend:?}");
        assert_eq!(registration.members_represented, 12);
        assert_eq!(
            (registration.invitations, registration.invitations_used),
            (2, 1)
        );
        // Observers have three places, all held; the fourth waits.
        let observers = registration
            .capacity
            .iter()
            .find(|(c, ..)| c.as_str() == "observer")
            .copied();
        assert_eq!(observers.map(|(_, cap, held)| (cap, held)), Some((3, 3)));

        // The programme: eleven sessions over three days (the night walk
        // starts on the 3rd), no clashes, agendas booked.
        let days: Vec<u32> = dashboard
            .programme
            .days
            .iter()
            .map(|d| d.published)
            .collect();
        assert_eq!(days, vec![5, 4, 2]);
        assert_eq!(dashboard.programme.clashes, 0);
        assert_eq!(dashboard.programme.bookings, 9);
        let agenda: Value = app
            .get("/api/v1/editions/1/sessions", Some(&organizer))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(agenda.as_array().unwrap().len(), 11);

        // The letters of submissions and decisions wait in the outbox.
        let outbox = {
            use sea_orm::{EntityTrait, PaginatorTrait};
            app::mail::entity::message::Entity::find()
                .count(app.db())
                .await
                .unwrap() as u32
        };
        assert!(dashboard.mail.waiting > 0);
        assert_eq!(dashboard.mail.waiting + dashboard.mail.sent, outbox);
        assert_eq!(dashboard.mail.failing, 0);

        // Badges: every approved person has one to print, none printed
        // yet; a reprint and a printed badge move the figures.
        let approved = registration
            .by_status
            .iter()
            .find(|(s, _)| *s == RegistrationStatus::Approved)
            .map(|(_, n)| *n)
            .unwrap();
        assert_eq!(
            (dashboard.badges.approved, dashboard.badges.printed),
            (approved, 0)
        );
        let overview = app::badges::service::overview(app.db(), 1, false)
            .await
            .unwrap();
        let first = overview.rows[0].registration_id;
        let printer = app::audit::Actor::system("test");
        app::badges::service::reprint(app.db(), &printer, 1, first)
            .await
            .unwrap();
        let response = app
            .get(
                &format!("/api/v1/editions/1/registrations/{first}/badge.pdf"),
                Some(&organizer),
            )
            .await;
        assert_eq!(response.status(), 200);
        let badges = app::dashboard::service::edition_dashboard(app.db(), &Default::default(), 1)
            .await
            .unwrap()
            .badges;
        assert_eq!(
            (badges.approved, badges.printed, badges.reprinted),
            (approved, 1, 1),
            "{backend:?}"
        );
    }
}

#[tokio::test]
async fn visitors_see_public_editions_and_organizers_see_drafts_too() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        server::demo::load(app.db(), &app.address).await.unwrap();
        let organizer = app.token_for(Role::Organizer).await;
        // A second edition, still being planned.
        let mut body = crate::helpers::edition_body(2028, 1);
        body["status"] = json!("planning");
        let created = app
            .send_json(
                reqwest::Method::POST,
                "/api/v1/editions",
                Some(&organizer),
                &body,
            )
            .await;
        assert_eq!(created.status(), 201, "{backend:?}");

        let public = app::home::service::home(app.db(), false).await.unwrap();
        let years: Vec<i32> = public.coming.iter().map(|e| e.year).collect();
        assert_eq!(years, vec![2027], "{backend:?}");
        let quanzhou = &public.coming[0];
        assert_eq!(quanzhou.host_city_native, "泉州");
        assert_eq!(quanzhou.registration.closed_reason, None);
        assert!(quanzhou.intro.contains("Quanzhou"));

        let organizers = app::home::service::home(app.db(), true).await.unwrap();
        let years: Vec<i32> = organizers.coming.iter().map(|e| e.year).collect();
        assert_eq!(years, vec![2027, 2028]);

        // Anonymous over HTTP: the server function answers without a session.
        let response = app
            .client
            .post(app.url("/api/home/editions"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let text = response.text().await.unwrap();
        assert!(text.contains("Cities Forum 2027"), "{text}");
        assert!(!text.contains("2028"), "{text}");
    }
}
