//! Safe on the open internet: rate limits on the public and sign-in
//! paths, API tokens that expire and can be revoked, and a consistent
//! backup of a live SQLite database.

use std::process::Command;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};

use app::auth::entity::api_token;
use app::auth::service::{
    NewUser, create_user, find_user_by_email, issue_api_token, list_api_tokens, revoke_api_token,
};
use app::auth::types::Role;

use crate::helpers::{Backend, TestDb, backends, spawn_app};

#[tokio::test]
async fn asking_for_links_from_one_address_is_limited_with_a_time_to_return() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let mut statuses = Vec::new();
        let mut retry_after = None;
        for i in 0..12 {
            let asked = app
                .client
                .post(app.url("/api/registration/send_link"))
                .header("origin", &app.address)
                .form(&[("email", format!("person{i}@x.example"))])
                .send()
                .await
                .unwrap();
            statuses.push(asked.status().as_u16());
            if asked.status() == 429 {
                retry_after = asked.headers().get("retry-after").cloned();
            }
        }
        // A burst of ten, then told when to come back.
        assert_eq!(&statuses[..10], &[200; 10], "{backend:?}");
        assert_eq!(&statuses[10..], &[429, 429], "{backend:?}");
        let seconds: u64 = retry_after.unwrap().to_str().unwrap().parse().unwrap();
        assert!((1..=31).contains(&seconds), "{seconds}");
        // Other paths are not affected.
        assert_eq!(app.get("/healthz", None).await.status(), 200);
    }
}

#[tokio::test]
async fn one_mailbox_gets_a_few_links_an_hour_whoever_asks() {
    let app = spawn_app(Backend::Sqlite).await;
    let mut statuses = Vec::new();
    for _ in 0..4 {
        let asked = app
            .client
            .post(app.url("/api/registration/send_link"))
            .header("origin", &app.address)
            .form(&[("email", "Victim@X.example")])
            .send()
            .await
            .unwrap();
        statuses.push(asked.status().as_u16());
    }
    assert_eq!(statuses, [200, 200, 200, 429]);
}

#[tokio::test]
async fn api_tokens_expire_can_be_revoked_and_say_when_they_were_used() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let user = create_user(
            app.db(),
            NewUser {
                email: "registrar@forum.example".into(),
                display_name: String::new(),
                role: Role::Registrar,
                password: None,
                language: None,
            },
        )
        .await
        .unwrap();
        let token = issue_api_token(app.db(), user.id, "CSV sync", 30)
            .await
            .unwrap();
        assert_eq!(app.get("/api/v1/members", Some(&token)).await.status(), 200);
        let listed = list_api_tokens(app.db(), Some(user.id)).await.unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].label, "CSV sync");
        assert!(
            listed[0].active && listed[0].last_used_at.is_some(),
            "{backend:?}"
        );
        let days = listed[0].expires_at.unwrap() - listed[0].created_at;
        assert_eq!(days.num_days(), 30);

        // Out of range lifetimes are refused.
        assert!(issue_api_token(app.db(), user.id, "", 0).await.is_err());
        assert!(issue_api_token(app.db(), user.id, "", 1000).await.is_err());

        // Revoked: refused at once.
        revoke_api_token(app.db(), listed[0].id, None)
            .await
            .unwrap();
        assert_eq!(app.get("/api/v1/members", Some(&token)).await.status(), 401);

        // Expired: refused too.
        let old = issue_api_token(app.db(), user.id, "old", 1).await.unwrap();
        let newest = list_api_tokens(app.db(), Some(user.id)).await.unwrap()[0].id;
        api_token::Entity::update(api_token::ActiveModel {
            id: Set(newest),
            expires_at: Set(Some(chrono::Utc::now() - chrono::Duration::minutes(1))),
            ..Default::default()
        })
        .exec(app.db())
        .await
        .unwrap();
        assert_eq!(app.get("/api/v1/members", Some(&old)).await.status(), 401);
        // One owner cannot revoke another's token.
        let other = find_user_by_email(app.db(), "registrar@forum.example")
            .await
            .unwrap()
            .unwrap();
        assert!(
            revoke_api_token(app.db(), newest, Some(other.id + 1))
                .await
                .is_err()
        );
        let stored = api_token::Entity::find()
            .filter(api_token::Column::UserId.eq(user.id))
            .all(app.db())
            .await
            .unwrap();
        assert!(
            stored.iter().all(|t| t.token_hash.len() == 64),
            "stored hashed"
        );
    }
}

#[tokio::test]
async fn the_backup_command_copies_a_live_sqlite_database() {
    let live = TestDb::new(Backend::Sqlite).await;
    create_user(
        &live.db,
        NewUser {
            email: "organizer@forum.example".into(),
            display_name: String::new(),
            role: Role::Organizer,
            password: None,
            language: None,
        },
    )
    .await
    .unwrap();
    let copy = std::env::temp_dir().join(format!("cf-backup-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&copy);
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_cities-forum"))
            .args(["backup", "--to", copy.to_str().unwrap()])
            .env("DATABASE_URL", &live.url)
            .output()
            .unwrap()
    };
    let made = run();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let copied = sea_orm::Database::connect(format!("sqlite://{}", copy.display()))
        .await
        .unwrap();
    assert!(
        find_user_by_email(&copied, "organizer@forum.example")
            .await
            .unwrap()
            .is_some()
    );
    // Never over an existing file.
    let again = run();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists already"));
    let _ = std::fs::remove_file(&copy);
}

#[tokio::test]
async fn the_public_rest_registration_is_limited_however_its_path_is_written() {
    let app = spawn_app(Backend::Sqlite).await;
    let (edition, _) = crate::helpers::open_edition(&app).await;
    let mut statuses = Vec::new();
    for i in 0..21 {
        // `+12` reaches edition 12 as the router reads it.
        let path = if i % 2 == 0 {
            format!("/api/v1/editions/{edition}/registrations")
        } else {
            format!("/api/v1/editions/+{edition}/registrations")
        };
        let body = serde_json::json!({
            "consent": true,
            "head": {"name_latin": format!("Person {i}"), "email": format!("p{i}@x.example"), "category": "delegate"},
        });
        let answer = app
            .send_json(reqwest::Method::POST, &path, None, &body)
            .await;
        statuses.push(answer.status().as_u16());
    }
    assert_eq!(&statuses[..20], &[202; 20]);
    assert_eq!(statuses[20], 429);
    // A registrar's tool with a token is not the public.
    let registrar = app.token_for(Role::Registrar).await;
    let body = serde_json::json!({
        "consent": true,
        "head": {"name_latin": "Staff Entry", "email": "staff-entry@x.example", "category": "delegate"},
    });
    let staff = app
        .send_json(
            reqwest::Method::POST,
            &format!("/api/v1/editions/{edition}/registrations"),
            Some(&registrar),
            &body,
        )
        .await;
    assert_eq!(staff.status(), 201);
}

/// The restore drill: `cities-forum backup` while scans are being written
/// at a door, then the copy restored into a fresh folder, where a server
/// starts and every scan answered before the backup began is there.
#[tokio::test]
async fn a_backup_taken_under_writes_restores_into_a_fresh_folder_and_starts() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    use sea_orm::PaginatorTrait;
    use tokio::sync::Mutex;

    let app = spawn_app(Backend::Sqlite).await;
    let organizer = app.token_for(Role::Organizer).await;
    let (edition, ids) = crate::badges::approved_people(&app).await;
    let (_, door) = crate::checkin::paired(&app, &organizer, edition, "Drill door", false).await;
    let code = app::badges::service::code_for_staff(app.db(), edition, ids[0])
        .await
        .unwrap();
    // A door writing scans without pause; each answer comes once stored.
    let answered = Arc::new(Mutex::new(Vec::<String>::new()));
    let writing = Arc::new(AtomicBool::new(true));
    let writer = {
        let (answered, writing) = (answered.clone(), writing.clone());
        let (client, url) = (app.client.clone(), app.url("/api/v1/checkin/scans"));
        tokio::spawn(async move {
            let mut n = 0;
            while writing.load(Ordering::Relaxed) {
                n += 1;
                let id = format!("drill{n}");
                let answer = client
                    .post(&url)
                    .bearer_auth(&door)
                    .json(&serde_json::json!({"client_id": id, "list": "entry", "code": code, "staff": "Dee"}))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(answer.status(), 200);
                answered.lock().await.push(id);
            }
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let folder = std::env::temp_dir().join(format!(
        "cf-restore-{}-{}",
        std::process::id(),
        chrono::Utc::now().timestamp_micros()
    ));
    std::fs::create_dir_all(&folder).unwrap();
    let copy = folder.join("backup.db");
    let before_backup = answered.lock().await.clone();
    let made = {
        let (url, copy) = (app.test_db.url.clone(), copy.clone());
        tokio::task::spawn_blocking(move || {
            Command::new(env!("CARGO_BIN_EXE_cities-forum"))
                .args(["backup", "--to", copy.to_str().unwrap()])
                .env("DATABASE_URL", url)
                .output()
                .unwrap()
        })
        .await
        .unwrap()
    };
    writing.store(false, Ordering::Relaxed);
    writer.await.unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    assert!(before_backup.len() > 3, "scans were being written");

    // Restored as a fresh installation's database, with the data folder
    // (the badge key vault's secret) beside it.
    let data = folder.join("data");
    std::fs::create_dir_all(&data).unwrap();
    let restored = data.join("cities-forum.db");
    std::fs::rename(&copy, &restored).unwrap();
    if let Ok(secret) = std::fs::read(std::path::Path::new("data").join("badge-secret")) {
        std::fs::write(data.join("badge-secret"), secret).unwrap();
    }
    let url = format!("sqlite://{}?mode=rwc", restored.display());
    let db = sea_orm::Database::connect(&url).await.unwrap();
    let kept = app::checkin::entity::scan::Entity::find()
        .filter(app::checkin::entity::scan::Column::ClientId.is_in(before_backup.clone()))
        .count(&db)
        .await
        .unwrap();
    assert_eq!(
        kept,
        before_backup.len() as u64,
        "every answered scan is in the copy"
    );
    drop(db);
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = Command::new(env!("CARGO_BIN_EXE_cities-forum"))
        .arg("serve")
        .current_dir(&folder)
        .env("DATABASE_URL", &url)
        .env("CF_DATA_DIR", &data)
        .env("CF_NO_DEMO", "1")
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut healthy = false;
    for _ in 0..100 {
        if let Ok(answer) = reqwest::get(format!("http://127.0.0.1:{port}/healthz")).await
            && answer.status() == 200
        {
            healthy = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let _ = server.kill();
    let _ = server.wait();
    let _ = std::fs::remove_dir_all(&folder);
    assert!(healthy, "the restored server answers /healthz");
}

/// The same drill on PostgreSQL, with its own tools: `pg_dump` of a live
/// database, `pg_restore` into a new one, which migrates (nothing to do)
/// and holds every row.
#[tokio::test]
async fn a_postgres_dump_restores_into_a_new_database() {
    if !backends().contains(&Backend::Postgres) {
        return;
    }
    use sea_orm::{ConnectionTrait, PaginatorTrait};
    let app = spawn_app(Backend::Postgres).await;
    let (edition, ids) = crate::badges::approved_people(&app).await;
    let url = app.test_db.url.clone();
    let file = std::env::temp_dir().join(format!("cf-dump-{}.pgdump", std::process::id()));
    let dumped = Command::new("pg_dump")
        .args(["--format=custom", "--file", file.to_str().unwrap(), &url])
        .output()
        .unwrap();
    assert!(
        dumped.status.success(),
        "{}",
        String::from_utf8_lossy(&dumped.stderr)
    );
    let restored = TestDb::new(Backend::Postgres).await;
    // An empty database: drop what TestDb migrated, as a new server's is.
    restored
        .db
        .execute_unprepared("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        .await
        .unwrap();
    let loaded = Command::new("pg_restore")
        .args([
            "--no-owner",
            "--dbname",
            &restored.url,
            file.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&file);
    assert!(
        loaded.status.success(),
        "{}",
        String::from_utf8_lossy(&loaded.stderr)
    );
    let db = sea_orm::Database::connect(&restored.url).await.unwrap();
    server::database::migrate(&db).await.unwrap();
    let people = app::registration::entity::registration::Entity::find()
        .filter(app::registration::entity::registration::Column::EditionId.eq(edition))
        .count(&db)
        .await
        .unwrap();
    assert_eq!(people, ids.len() as u64);
}
