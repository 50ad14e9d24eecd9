//! Faults: the database gone at start or in the middle of the day, and
//! the process killed in the middle of a CSV import.

use std::process::Command;
use std::time::Duration;

use sea_orm::{ConnectionTrait, Database, EntityTrait, PaginatorTrait};

use app::auth::types::Role;
use app::registration::entity::registration;

use super::mail::free_port;
use super::processes::ServerProcess;
use crate::helpers::{Backend, backends, open_edition, spawn_app};

#[test]
fn a_database_gone_at_start_is_one_line_and_exit_status_1() {
    let port = free_port();
    let output = Command::new(env!("CARGO_BIN_EXE_cities-forum"))
        .arg("migrate")
        // As cargo-leptos builds it (else Leptos warns of the missing name).
        .env("LEPTOS_OUTPUT_NAME", "cities-forum")
        .env(
            "DATABASE_URL",
            format!("postgres://forum:secret@127.0.0.1:{port}/forum"),
        )
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(
        lines[0].starts_with("cities-forum: cannot open the database"),
        "{stderr}"
    );
    assert!(
        !lines[0].contains("secret"),
        "the password stays out: {stderr}"
    );
}

#[tokio::test]
async fn a_database_gone_mid_day_is_a_clean_503_and_service_comes_back_with_it() {
    if !backends().contains(&Backend::Postgres) {
        return;
    }
    let app = spawn_app(Backend::Postgres).await;
    let organizer = app.token_for(Role::Organizer).await;
    assert_eq!(
        app.get("/api/v1/editions", Some(&organizer)).await.status(),
        200
    );
    let name = app.test_db.url.rsplit('/').next().unwrap().to_owned();
    let admin = Database::connect("postgres://postgres@127.0.0.1:5432/postgres")
        .await
        .unwrap();
    // The database refuses connections and every open one is cut.
    admin
        .execute_unprepared(&format!("ALTER DATABASE {name} ALLOW_CONNECTIONS false"))
        .await
        .unwrap();
    admin
        .execute_unprepared(&format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = '{name}' AND pid <> pg_backend_pid()"
        ))
        .await
        .unwrap();
    for path in ["/api/v1/editions", "/healthz"] {
        let token = (path != "/healthz").then_some(organizer.as_str());
        let answer = app.get(path, token).await;
        assert_eq!(answer.status(), 503, "{path}");
        if path != "/healthz" {
            assert!(answer.headers().contains_key("retry-after"));
            let body: serde_json::Value = answer.json().await.unwrap();
            assert_eq!(body["error"], "unavailable");
        }
    }
    // Back: the same process serves again, no restart.
    admin
        .execute_unprepared(&format!("ALTER DATABASE {name} ALLOW_CONNECTIONS true"))
        .await
        .unwrap();
    let mut status = 0;
    for _ in 0..50 {
        status = app
            .get("/api/v1/editions", Some(&organizer))
            .await
            .status()
            .as_u16();
        if status == 200 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(status, 200);
}

#[tokio::test]
async fn a_process_killed_during_a_csv_import_leaves_all_or_nothing() {
    let app = spawn_app(Backend::Sqlite).await;
    let (edition, _) = open_edition(&app).await;
    let registrar = app.token_for(Role::Registrar).await;
    const ROWS: u64 = 2_000;
    let mut csv = String::from("name_latin,name_native,email,category,member\n");
    for i in 0..ROWS {
        csv.push_str(&format!("Invited {i},,invited{i}@alex.example,delegate,\n"));
    }
    let server = ServerProcess::start(&app.test_db.url, free_port()).await;
    let path = format!(
        "{}/api/v1/editions/{edition}/registrations.csv",
        server.address
    );
    let import = tokio::spawn(async move {
        reqwest::Client::new()
            .post(path)
            .bearer_auth(registrar)
            .header("content-type", "text/csv")
            .body(csv)
            .send()
            .await
    });
    // Killed while the import's transaction is open (2,000 rows with a
    // letter each take longer than this on a debug build).
    tokio::time::sleep(Duration::from_millis(300)).await;
    drop(server);
    // The answer never came: the process died with the import under way.
    let answer = import.await.unwrap();
    assert!(
        answer.is_err(),
        "the import finished before the kill: {answer:?}"
    );
    let db = Database::connect(&app.test_db.url).await.unwrap();
    let count = registration::Entity::find().count(&db).await.unwrap();
    assert_eq!(count, 0, "half imported: {count} of {ROWS}");
}
