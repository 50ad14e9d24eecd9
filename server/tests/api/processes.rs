//! Several server processes on one PostgreSQL database: registrations
//! racing for the last places of a category never take more than there
//! are, and the outbox is drained once, whichever process sends.

use std::process::{Child, Command};
use std::time::Duration;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use app::registration::entity::registration;
use app::registration::service::save_settings;

use super::mail::{SmtpSink, free_port, wait_all_sent};
use crate::helpers::{Backend, backends, open_edition, spawn_app, staff};

/// A `cities-forum serve` process, stopped when dropped.
pub(crate) struct ServerProcess {
    child: Child,
    pub(crate) address: String,
}

impl ServerProcess {
    pub(crate) async fn start(database_url: &str, smtp_port: u16) -> ServerProcess {
        let port = free_port();
        let child = Command::new(env!("CARGO_BIN_EXE_cities-forum"))
            .arg("serve")
            .env("DATABASE_URL", database_url)
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("CF_NO_DEMO", "1")
            .env("CF_SMTP_HOST", "127.0.0.1")
            .env("CF_SMTP_PORT", smtp_port.to_string())
            .env("CF_SMTP_TLS", "none")
            .env("CF_MAIL_RETRY_SECONDS", "1")
            // Forty registrations from one test address.
            .env("CF_RATE_LIMIT_SCALE", "10")
            .spawn()
            .expect("the server binary starts");
        // Stopped on drop, also when it never answers.
        let server = ServerProcess {
            child,
            address: format!("http://127.0.0.1:{port}"),
        };
        let client = reqwest::Client::new();
        for _ in 0..300 {
            if let Ok(answer) = client
                .get(format!("{}/healthz", server.address))
                .send()
                .await
                && answer.status() == 200
            {
                return server;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the server at {} did not answer in 30 s", server.address);
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test]
async fn two_processes_never_give_more_places_than_there_are_and_send_each_letter_once() {
    if !backends().contains(&Backend::Postgres) {
        return;
    }
    let app = spawn_app(Backend::Postgres).await;
    let (edition, _) = open_edition(&app).await;
    let settings = app::registration::types::SettingsForm {
        capacities: vec![("press".into(), "5".into())],
        ..Default::default()
    };
    save_settings(app.db(), &staff(), edition, settings.parse().unwrap())
        .await
        .unwrap();

    let sink_port = free_port();
    let sink = SmtpSink::start(sink_port);
    let url = &app.test_db.url;
    let (one, two) = tokio::join!(
        ServerProcess::start(url, sink_port),
        ServerProcess::start(url, sink_port)
    );

    // Forty reporters at once, half through each process, for five places.
    let client = reqwest::Client::new();
    let submissions = (0..40).map(|i| {
        let server = if i % 2 == 0 { &one } else { &two };
        let client = client.clone();
        let path = format!("{}/api/v1/editions/{edition}/registrations", server.address);
        async move {
            let body = json!({
                "consent": true,
                "head": {"name_latin": format!("Reporter {i}"), "email": format!("reporter{i}@press.example"), "category": "press"},
            });
            client.post(path).json(&body).send().await.unwrap().status().as_u16()
        }
    });
    let statuses = futures_join_all(submissions).await;
    assert!(statuses.iter().all(|s| *s == 202), "{statuses:?}");

    let rows = registration::Entity::find()
        .filter(registration::Column::EditionId.eq(edition))
        .all(app.db())
        .await
        .unwrap();
    let holding = rows
        .iter()
        .filter(|r| r.status.as_str() == "submitted")
        .count();
    let waiting = rows
        .iter()
        .filter(|r| r.status.as_str() == "waitlisted")
        .count();
    assert_eq!((rows.len(), holding, waiting), (40, 5, 35));

    // Both processes send mail: each of the forty letters arrives once.
    let sent = wait_all_sent(app.db(), 60).await;
    assert_eq!(sent.len(), 40);
    let mut received: Vec<String> = sink
        .messages()
        .iter()
        .map(|m| m["to"].as_str().unwrap_or_default().to_owned())
        .collect();
    received.sort();
    let before = received.len();
    received.dedup();
    assert_eq!((before, received.len()), (40, 40), "each letter once");
    drop((one, two));
}

/// `join_all` without the futures crate: spawn each, await in order.
async fn futures_join_all<F>(futures: impl Iterator<Item = F>) -> Vec<u16>
where
    F: std::future::Future<Output = u16> + Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::new();
    for handle in handles {
        out.push(handle.await.unwrap());
    }
    out
}
