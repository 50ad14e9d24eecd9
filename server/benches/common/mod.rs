//! What the benchmarks share: a fresh SQLite file and a fresh PostgreSQL
//! database, and a real server on each.

use sea_orm::{ConnectionTrait, Database, DatabaseConnection};

use app::auth::service::{NewUser, create_api_token, create_user};
use app::auth::types::Role;
use server::config::Config;
use server::startup::Application;

pub struct Target {
    pub name: &'static str,
    pub url: String,
    drop_postgres: Option<String>,
}

fn admin_url() -> String {
    std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

pub async fn targets(prefix: &str) -> Vec<Target> {
    let stamp = chrono::Utc::now().timestamp_micros();
    let path = std::env::temp_dir().join(format!("{prefix}_{stamp}.db"));
    let admin_url = admin_url();
    let name = format!("{prefix}_{stamp}");
    let admin = Database::connect(&admin_url)
        .await
        .expect("PostgreSQL answers");
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create bench database");
    let server = admin_url
        .rsplit_once('/')
        .map(|(s, _)| s)
        .unwrap_or(&admin_url);
    vec![
        Target {
            name: "SQLite",
            url: format!("sqlite://{}?mode=rwc", path.display()),
            drop_postgres: None,
        },
        Target {
            name: "PostgreSQL",
            url: format!("{server}/{name}"),
            drop_postgres: Some(name),
        },
    ]
}

impl Target {
    /// A migrated database, a server on a free port and an organizer's
    /// API token: (database, base URL, token).
    pub async fn start(&self) -> (DatabaseConnection, String, String) {
        let db = server::database::connect(&self.url).await.expect("connect");
        server::database::migrate(&db).await.expect("migrate");
        let mut config = Config::from_env().expect("config");
        config.database_url = self.url.clone();
        config.leptos.site_addr = "127.0.0.1:0".parse().unwrap();
        let app = Application::bind(&config, db.clone()).await.expect("bind");
        let base = format!("http://127.0.0.1:{}", app.port());
        tokio::spawn(app.run());
        create_user(
            &db,
            NewUser {
                email: "organizer@bench.example".into(),
                display_name: String::new(),
                role: Role::Organizer,
                password: None,
            },
        )
        .await
        .unwrap();
        let token = create_api_token(&db, "organizer@bench.example")
            .await
            .unwrap();
        (db, base, token)
    }

    pub async fn drop(&self) {
        if let Some(name) = &self.drop_postgres
            && let Ok(admin) = Database::connect(&admin_url()).await
        {
            let _ = admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await;
        }
    }
}
