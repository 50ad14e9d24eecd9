//! `spawn_app()`: a real server on port 0 over a fresh, migrated database.

use std::sync::atomic::{AtomicU32, Ordering};

use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use serde_json::{Value, json};

use app::auth::service::{NewUser, create_api_token, create_user};
use app::auth::types::Role;
use server::config::Config;
use server::startup::Application;

/// The two backends the tests run on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The backends every scenario runs on: `TEST_BACKENDS` names them
/// (`sqlite`, `postgres`, or `sqlite,postgres`); unset or empty, both.
/// `./scripts/test` always runs both.
pub fn backends() -> Vec<Backend> {
    let value = std::env::var("TEST_BACKENDS").unwrap_or_default();
    parse_backends(&value).unwrap_or_else(|bad| {
        panic!(
            "TEST_BACKENDS={value:?}: {bad:?} is not a backend; \
             expected sqlite, postgres or sqlite,postgres (unset: both)"
        )
    })
}

/// The backends a `TEST_BACKENDS` value names, or the first unknown word.
fn parse_backends(value: &str) -> Result<Vec<Backend>, String> {
    if value.trim().is_empty() {
        return Ok(vec![Backend::Sqlite, Backend::Postgres]);
    }
    let mut backends = Vec::new();
    for word in value.split(',').map(str::trim) {
        let backend = match word.to_ascii_lowercase().as_str() {
            "sqlite" => Backend::Sqlite,
            "postgres" | "postgresql" => Backend::Postgres,
            _ => return Err(word.to_owned()),
        };
        if !backends.contains(&backend) {
            backends.push(backend);
        }
    }
    Ok(backends)
}

#[test]
fn test_backends_are_read_from_the_environment_value() {
    use Backend::{Postgres, Sqlite};
    assert_eq!(parse_backends(""), Ok(vec![Sqlite, Postgres]));
    assert_eq!(parse_backends("sqlite"), Ok(vec![Sqlite]));
    assert_eq!(parse_backends("Postgres"), Ok(vec![Postgres]));
    assert_eq!(
        parse_backends("postgres, sqlite,postgres"),
        Ok(vec![Postgres, Sqlite])
    );
    assert_eq!(parse_backends("sqlite,mysql"), Err("mysql".to_owned()));
    assert_eq!(parse_backends("sqlite,"), Err(String::new()));
}

/// The diagnosis a failed request prints says whether the server still
/// answers and, on PostgreSQL, what its connections are doing.
#[tokio::test]
async fn a_failed_requests_diagnosis_names_the_server_and_its_connections() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let found = app.diagnosis("/no-such-page").await;
        assert!(found.contains("/healthz answered 200"), "{found}");
        assert!(found.contains("/no-such-page answered 404"), "{found}");
        if backend == Backend::Postgres {
            // The application's pool keeps a connection open, idle.
            assert!(found.contains(" | idle | "), "{found}");
        }
    }
}

/// The PostgreSQL server that tests make their databases on.
fn postgres_admin_url() -> String {
    std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique_name() -> String {
    format!(
        "cf_test_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst),
        chrono::Utc::now().timestamp_micros()
    )
}

/// A fresh, migrated database; dropped (PostgreSQL) or deleted (SQLite)
/// when the value goes out of scope.
pub struct TestDb {
    pub db: DatabaseConnection,
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    File(std::path::PathBuf),
    Postgres(String),
}

impl TestDb {
    pub async fn new(backend: Backend) -> TestDb {
        let name = unique_name();
        let (url, cleanup) = match backend {
            Backend::Sqlite => {
                let path = std::env::temp_dir().join(format!("{name}.db"));
                (
                    format!("sqlite://{}?mode=rwc", path.display()),
                    Cleanup::File(path),
                )
            }
            Backend::Postgres => {
                let admin = Database::connect(postgres_admin_url())
                    .await
                    .expect("the test PostgreSQL server at 127.0.0.1:5432 answers");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .expect("create test database");
                admin.close().await.ok();
                let base = postgres_admin_url();
                let server = base.rsplit_once('/').map(|(s, _)| s).unwrap_or(&base);
                (format!("{server}/{name}"), Cleanup::Postgres(name))
            }
        };
        let db = server::database::connect(&url).await.expect("connect");
        server::database::migrate(&db).await.expect("migrate");
        TestDb { db, url, cleanup }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::File(path) => {
                let _ = std::fs::remove_file(path);
            }
            Cleanup::Postgres(name) => {
                let name = name.clone();
                // Drop runs inside the test's runtime, which the wait below
                // blocks: work on a runtime of its own, and let FORCE end the
                // test's own connections rather than closing its pool here.
                // Waited for a minute at most: a database left behind is
                // better than a run that never ends.
                let (done, finished) = std::sync::mpsc::channel::<()>();
                let shown = name.clone();
                std::thread::spawn(move || {
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .expect("runtime");
                    runtime.block_on(async move {
                        if let Ok(admin) = Database::connect(postgres_admin_url()).await {
                            let _ = admin
                                .execute_unprepared(&format!(
                                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                                ))
                                .await;
                            admin.close().await.ok();
                        }
                    });
                    done.send(()).ok();
                });
                if finished
                    .recv_timeout(std::time::Duration::from_secs(60))
                    .is_err()
                {
                    eprintln!("test database {shown} was not dropped within a minute");
                }
            }
        }
    }
}

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub test_db: TestDb,
}

/// The longest a test waits for one answer, body included: a request
/// that hangs fails its test (with the server's output) instead of
/// holding the whole run until CI's limit.
pub const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);

pub async fn spawn_app(backend: Backend) -> TestApp {
    let test_db = TestDb::new(backend).await;
    let mut config = Config::from_env().expect("config");
    config.database_url = test_db.url.clone();
    config.leptos.site_addr = "127.0.0.1:0".parse().unwrap();
    let application = Application::bind(&config, test_db.db.clone())
        .await
        .expect("bind");
    let address = format!("http://127.0.0.1:{}", application.port());
    tokio::spawn(application.run());
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .timeout(REQUEST_TIMEOUT)
        .build()
        .unwrap();
    TestApp {
        address,
        client,
        test_db,
    }
}

impl TestApp {
    pub fn db(&self) -> &DatabaseConnection {
        &self.test_db.db
    }

    /// An account of this role with an API token; returns the token.
    pub async fn token_for(&self, role: Role) -> String {
        let email = format!("{}@forum.example", role.as_str());
        if app::auth::service::find_user_by_email(self.db(), &email)
            .await
            .unwrap()
            .is_none()
        {
            create_user(
                self.db(),
                NewUser {
                    email: email.clone(),
                    display_name: String::new(),
                    role,
                    password: Some("correct horse battery staple".into()),
                    language: None,
                },
            )
            .await
            .unwrap();
        }
        create_api_token(self.db(), &email).await.unwrap()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> reqwest::Response {
        let mut request = self.client.get(self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        match request.send().await {
            Ok(response) => response,
            Err(err) => panic!("GET {path}: {err}\n{}", self.diagnosis(path).await),
        }
    }

    /// What the server and its database were doing when a request failed:
    /// whether `/healthz` and `path` (asked again on a new connection)
    /// still answer and, on PostgreSQL, every other
    /// connection's state and what it waits for (a request that never
    /// answered once failed a CI run with nothing else to go on).
    pub async fn diagnosis(&self, path: &str) -> String {
        let probe = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .unwrap();
        let mut lines = Vec::new();
        for probed in ["/healthz", path] {
            lines.push(match probe.get(self.url(probed)).send().await {
                Ok(response) => format!(
                    "{probed} answered {} on a new connection",
                    response.status()
                ),
                Err(err) => format!("{probed} did not answer on a new connection: {err}"),
            });
        }
        if self.test_db.url.starts_with("postgres") {
            let activity = async {
                let db = Database::connect(&self.test_db.url).await?;
                let rows = db
                    .query_all_raw(sea_orm::Statement::from_string(
                        db.get_database_backend(),
                        "SELECT concat_ws(' | ', pid::text, state, wait_event_type, wait_event, \
                         (now() - xact_start)::text, left(query, 160)) AS line \
                         FROM pg_stat_activity \
                         WHERE datname = current_database() AND pid <> pg_backend_pid()",
                    ))
                    .await?;
                db.close().await.ok();
                rows.iter()
                    .map(|row| row.try_get::<String>("", "line"))
                    .collect::<Result<Vec<_>, _>>()
            };
            match tokio::time::timeout(std::time::Duration::from_secs(10), activity).await {
                Ok(Ok(rows)) => lines.extend(rows),
                Ok(Err(err)) => lines.push(format!("pg_stat_activity: {err}")),
                Err(_) => lines.push("pg_stat_activity: no answer in 10 s".into()),
            }
        }
        lines.join("\n")
    }

    /// A page's HTML as a reader who chose `lang` gets it, without the
    /// hydration markers between a text and its tag.
    pub async fn page_in(&self, path: &str, lang: &str) -> String {
        let response = self
            .client
            .get(self.url(path))
            .header("cookie", format!("i18n_pref_locale={lang}"))
            .send()
            .await;
        let text = match response {
            Ok(response) => response.text().await,
            Err(err) => Err(err),
        };
        match text {
            Ok(text) => text.replace("<!>", ""),
            Err(err) => panic!(
                "GET {path} in {lang}: {err}\n{}",
                self.diagnosis(path).await
            ),
        }
    }

    pub async fn send_json(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        body: &Value,
    ) -> reqwest::Response {
        let mut request = self.client.request(method, self.url(path)).json(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.expect("request")
    }

    /// A member city, made through the service layer.
    pub async fn city(&self, native: &str, latin: &str, country: &str) -> i64 {
        use app::directory::types::{MemberInput, MemberKind};
        app::directory::service::create_member(
            self.db(),
            &staff(),
            MemberInput {
                kind: MemberKind::City,
                name_native: native.into(),
                name_latin: latin.into(),
                country: country.into(),
            },
        )
        .await
        .unwrap()
        .id
    }
}

pub fn edition_body(year: i32, host_city_id: i64) -> Value {
    json!({
        "year": year,
        "title": format!("Cities Forum {year}"),
        "host_city_id": host_city_id,
        "venue": "Strait Convention Center",
        "start_date": format!("{year}-11-02"),
        "end_date": format!("{year}-11-04"),
        "time_zone": "Asia/Shanghai",
        "rooms": [{"name": "Plenary Hall", "capacity": 1200}]
    })
}

/// An edition open for registration, and its host city.
pub async fn open_edition(app: &TestApp) -> (i64, i64) {
    let organizer = app.token_for(Role::Organizer).await;
    let city = app.city("泉州", "Quanzhou", "CN").await;
    let mut body = edition_body(2027, city);
    body["status"] = json!("registration_open");
    let edition: Value = app
        .send_json(
            reqwest::Method::POST,
            "/api/v1/editions",
            Some(&organizer),
            &body,
        )
        .await
        .json()
        .await
        .unwrap();
    (edition["id"].as_i64().unwrap(), city)
}

/// A browser without scripts: keeps cookies and does not follow
/// redirects (the tests read them).
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .timeout(REQUEST_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The established Ports Committee; returns its id.
pub async fn ports_committee(app: &TestApp) -> i64 {
    app::directory::service::save_committee(
        app.db(),
        &staff(),
        None,
        app::directory::types::CommitteeInput {
            name: "Ports Committee".into(),
            sector: "Ports".into(),
            status: app::directory::types::CommitteeStatus::Established,
        },
    )
    .await
    .unwrap()
    .id
}

/// Who the tests act as when they call a service directly: staff (the
/// public path has its own tests), so that refusals name their fields.
pub fn staff() -> app::audit::Actor {
    app::audit::Actor::system("test")
}

/// A JSON request as `token`: the status and the body (a text body as a
/// JSON string).
pub async fn call(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    token: &str,
    body: Value,
) -> (u16, Value) {
    let response = app.send_json(method, path, Some(token), &body).await;
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// The codes a 422 gives one field.
pub fn field_codes(body: &Value, field: &str) -> Vec<String> {
    body["detail"][field]
        .as_array()
        .map(|codes| {
            codes
                .iter()
                .map(|c| c.as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}
