//! What the benchmarks share: a fresh SQLite file and a fresh PostgreSQL
//! database, a real server on each, and wrk's load beside it.

// Each benchmark uses part of this module.
#![allow(dead_code)]

use std::process::Command;
use std::time::{Duration, Instant};

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
        // One address sends every request: the benches measure the
        // server, not the per-address limits.
        config.rate_limit_scale = config.rate_limit_scale.max(10_000);
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
                language: None,
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

/// wrk's load: kept-alive connections, for this long, on one thread.
pub const WRK_CONNECTIONS: usize = 8;
pub const WRK_SECONDS: usize = 10;

/// What wrk measured: latency percentiles, throughput, and any errors or
/// non-2xx answers it counted (empty when none).
pub struct Load {
    pub p50: Duration,
    pub p99: Duration,
    pub requests_per_second: f64,
    pub problems: String,
}

/// Runs wrk against `url` (HTTP/1.1, connections kept alive), with extra
/// request headers (a session cookie).
pub fn wrk(url: &str, headers: &[String]) -> Result<Load, String> {
    wrk_with(url, headers, None)
}

/// As `wrk`, with a Lua script that makes each request (a body that
/// changes from one request to the next).
pub fn wrk_with(url: &str, headers: &[String], script: Option<&str>) -> Result<Load, String> {
    let output = Command::new("wrk")
        .args(["--threads", "1", "--latency"])
        .args(script.iter().flat_map(|s| ["--script", *s]))
        .args(headers.iter().flat_map(|h| ["--header", h.as_str()]))
        .args(["--connections", &WRK_CONNECTIONS.to_string()])
        .args(["--duration", &format!("{WRK_SECONDS}s")])
        .arg(url)
        .output()
        .map_err(|err| format!("wrk: {err}; scripts/setup installs it"))?;
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    if !output.status.success() {
        return Err(format!(
            "wrk failed: {}{text}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    parse_wrk(&text).ok_or_else(|| format!("unreadable wrk output:\n{text}"))
}

/// Reads wrk's `--latency` report.
fn parse_wrk(text: &str) -> Option<Load> {
    let value = |label: &str| {
        text.lines()
            .map(str::trim)
            .find_map(|line| line.strip_prefix(label))
            .map(str::trim)
    };
    let duration = |text: &str| -> Option<Duration> {
        let split = text.find(|c: char| c.is_ascii_alphabetic())?;
        let (number, unit) = text.split_at(split);
        let number: f64 = number.parse().ok()?;
        let seconds = match unit {
            "us" => number / 1e6,
            "ms" => number / 1e3,
            "s" => number,
            "m" => number * 60.0,
            _ => return None,
        };
        Some(Duration::from_secs_f64(seconds))
    };
    let problems: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|line| line.starts_with("Socket errors") || line.starts_with("Non-2xx"))
        .collect();
    Some(Load {
        p50: duration(value("50%")?)?,
        p99: duration(value("99%")?)?,
        requests_per_second: value("Requests/sec:")?.parse().ok()?,
        problems: problems
            .iter()
            .map(|p| format!("; {p}"))
            .collect::<String>(),
    })
}

/// The median time of `runs` calls.
pub async fn median<F, Fut>(runs: usize, mut call: F) -> Duration
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        call().await;
        times.push(started.elapsed());
    }
    times.sort();
    times[times.len() / 2]
}

/// Runs wrk against `url` (with extra request headers) and prints what it
/// measured, or why it was skipped, as one line under `target` and `what`.
pub async fn print_wrk(target: &str, what: &str, url: String, headers: Vec<String>) {
    print_wrk_with(target, what, url, headers, None).await
}

/// As `print_wrk`, with a Lua script that makes each request.
pub async fn print_wrk_with(
    target: &str,
    what: &str,
    url: String,
    headers: Vec<String>,
    script: Option<String>,
) {
    let outcome = tokio::task::spawn_blocking(move || wrk_with(&url, &headers, script.as_deref()))
        .await
        .unwrap();
    match outcome {
        Ok(load) => println!(
            "{target:<10} wrk {what}: p50 {:.2} ms, p99 {:.2} ms, {:.0} requests/s \
             ({WRK_CONNECTIONS} kept-alive connections, {WRK_SECONDS} s{})",
            load.p50.as_secs_f64() * 1000.0,
            load.p99.as_secs_f64() * 1000.0,
            load.requests_per_second,
            load.problems,
        ),
        Err(why) => println!("{target:<10} wrk {what}: skipped ({why})"),
    }
}

/// A wrk script posting one door scan a request, the codes in turn, each
/// with a new scan id (`prefix` and a count: a second run needs its own
/// prefix, or its scans are answered as the first run's duplicates).
pub fn scan_script(token: &str, codes: &[String], prefix: &str) -> String {
    let list: Vec<String> = codes.iter().map(|c| format!("\"{c}\"")).collect();
    format!(
        r#"local codes = {{{}}}
local n = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer {token}"
request = function()
  n = n + 1
  local body = '{{"client_id":"{prefix}' .. n .. '","list":"entry","staff":"bench","code":"' .. codes[(n % #codes) + 1] .. '"}}'
  return wrk.format(nil, "/api/v1/checkin/scans", nil, body)
end
"#,
        list.join(",")
    )
}
