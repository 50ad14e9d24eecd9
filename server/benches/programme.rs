//! The public programme page (the default day, 100 sessions, and all
//! three days) and the whole-programme iCalendar feed of an edition with
//! 300 published sessions in 7 rooms over 3 days, on SQLite and
//! PostgreSQL: a real server, requests one after another, latency
//! percentiles; then the same work in-process, without HTTP or cache. Run: `cargo bench -p server --bench programme`
//! (optionally `-- REQUESTS`, default 300). Targets: page p50 ≤ 10 ms,
//! feed p50 ≤ 5 ms (release build).

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use app::i18n::Locale;
use app::programme::calendar;
use app::programme::service::{self, Audience, FeedScope, publish_session, save_session};
use app::programme::types::SessionForm;

mod common;

const SESSIONS: usize = 300;

/// Builds the edition and its programme; returns the edition id.
async fn programme(db: &sea_orm::DatabaseConnection, base: &str, token: &str) -> i64 {
    let client = reqwest::Client::new();
    let city: Value = client
        .post(format!("{base}/api/v1/members"))
        .bearer_auth(token)
        .json(&json!({"kind": "city", "name_native": "泉州", "name_latin": "Quanzhou", "country": "CN"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let rooms: Vec<Value> = (0..7)
        .map(|r| json!({"name": format!("Room {r}"), "capacity": 100 + r * 50, "floor": (r % 3 + 1).to_string(), "booths": 2}))
        .collect();
    let edition: Value = client
        .post(format!("{base}/api/v1/editions"))
        .bearer_auth(token)
        .json(&json!({
            "year": 2027, "title": "Cities Forum 2027", "host_city_id": city["id"],
            "venue": "Strait Convention Center", "start_date": "2027-11-02",
            "end_date": "2027-11-04", "time_zone": "Asia/Shanghai",
            "status": "registration_open", "rooms": rooms
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let edition_id = edition["id"].as_i64().unwrap();
    let room_ids: Vec<i64> = edition["rooms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    // 100 sessions a day: 7 rooms, 20-minute slots from 08:00.
    for n in 0..SESSIONS {
        let day = 2 + n / 100;
        let slot = (n % 100) / room_ids.len();
        let minutes = 8 * 60 + slot * 40;
        let at = |m: usize| format!("2027-11-{day:02}T{:02}:{:02}", m / 60, m % 60);
        let form = SessionForm {
            title_en: format!("Session {n}: cities and ports"),
            title_zh: format!("第{n}场：城市与港口"),
            description_en: "Mayors and port authorities on shared data.".into(),
            kind: ["plenary", "committee_meeting", "side_event"][n % 3].into(),
            room_id: room_ids[n % room_ids.len()].to_string(),
            starts_at: at(minutes),
            ends_at: at(minutes + 30),
            languages: "en, zh, ar".into(),
            ..SessionForm::default()
        };
        let saved = save_session(db, edition_id, None, &form, base)
            .await
            .unwrap();
        publish_session(db, edition_id, saved.session.id, true)
            .await
            .unwrap();
    }
    edition_id
}

/// p50, p95 and the largest, of `requests` GETs one after another.
async fn measure(url: &str, requests: usize) -> (Duration, Duration, Duration, usize) {
    let client = reqwest::Client::new();
    let mut times = Vec::with_capacity(requests);
    let mut bytes = 0;
    for _ in 0..requests {
        let started = Instant::now();
        let response = client.get(url).send().await.unwrap();
        assert_eq!(response.status(), 200, "{url}");
        bytes = response.bytes().await.unwrap().len();
        times.push(started.elapsed());
    }
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    (at(0.5), at(0.95), times[times.len() - 1], bytes)
}

/// The median time of `runs` calls.
async fn time<F, Fut>(runs: usize, mut call: F) -> Duration
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

#[tokio::main]
async fn main() {
    let requests = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(300);
    println!("{SESSIONS} published sessions, {requests} requests each, one at a time");
    for target in common::targets("cf_bench_programme").await {
        let (db, base, token) = target.start().await;
        let edition = programme(&db, &base, &token).await;
        for (what, path) in [
            ("page (a day)", format!("/editions/{edition}/programme")),
            (
                "page (all days)",
                format!("/editions/{edition}/programme?day=all"),
            ),
            ("feed", format!("/api/v1/editions/{edition}/calendar.ics")),
        ] {
            // Warm up the connection and the caches.
            measure(&format!("{base}{path}"), 5).await;
            let (p50, p95, max, bytes) = measure(&format!("{base}{path}"), requests).await;
            println!(
                "{:<10} {what}: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms ({bytes} bytes)",
                target.name,
                p50.as_secs_f64() * 1000.0,
                p95.as_secs_f64() * 1000.0,
                max.as_secs_f64() * 1000.0,
            );
        }
        // The same work without HTTP, split: loading, and writing iCalendar.
        let load = time(requests, || async {
            service::feed(&db, edition, FeedScope::Edition)
                .await
                .unwrap();
        })
        .await;
        let data = service::feed(&db, edition, FeedScope::Edition)
            .await
            .unwrap();
        let render = time(requests, || async {
            calendar::render(&data, Locale::en, &base);
        })
        .await;
        let programme = time(requests, || async {
            service::programme(&db, edition, Audience::Public)
                .await
                .unwrap();
        })
        .await;
        println!(
            "{:<10} in-process p50: programme load {:.2} ms, feed load {:.2} ms, feed render {:.2} ms",
            target.name,
            programme.as_secs_f64() * 1000.0,
            load.as_secs_f64() * 1000.0,
            render.as_secs_f64() * 1000.0,
        );
        target.drop().await;
    }
}
