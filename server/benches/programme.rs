//! The public programme page (the default day, 100 sessions, and all
//! three days) and the whole-programme iCalendar feed of an edition with
//! 300 published sessions in 7 rooms over 3 days (and the page of a small
//! edition of 3 sessions, a few kilobytes), on SQLite and
//! PostgreSQL: a real server, requests one after another, latency
//! percentiles; then the same work in-process, without HTTP or cache;
//! then, as browsers and proxies connect, `wrk` (if installed; scripts/setup
//! installs it) on kept-alive connections against both pages and, in the same
//! run, `/healthz` of the same server: p50, p99 and requests per second.
//! Run: `cargo bench -p server --bench programme` (optionally
//! `-- REQUESTS`, default 300). Targets: page p50 ≤ 10 ms, feed p50 ≤ 5 ms
//! (release build).

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use app::audit::Actor;
use app::i18n::Locale;
use app::programme::calendar;
use app::programme::service::{self, Audience, FeedScope, publish_session, save_session};
use app::programme::types::{SessionForm, SessionText};

mod common;

use common::{median, print_wrk};

const SESSIONS: usize = 300;

/// A small edition beside the big one: its page is a few kilobytes, the
/// size at which Nagle's algorithm on the server's socket held a streamed
/// page's last piece back for the client's delayed ACK (issue 8).
const SMALL_SESSIONS: usize = 3;

/// Builds an edition of `year` (2 to 4 November) with `sessions`
/// published sessions, 100 a day; returns the edition id.
async fn programme(
    db: &sea_orm::DatabaseConnection,
    base: &str,
    token: &str,
    year: i32,
    sessions: usize,
) -> i64 {
    let client = reqwest::Client::new();
    let city: Value = client
        .post(format!("{base}/api/v1/members"))
        .bearer_auth(token)
        .json(&json!({"kind": "city", "name_native": format!("泉州 {year}"), "name_latin": format!("Quanzhou {year}"), "country": "CN"}))
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
            "year": year, "title": format!("Cities Forum {year}"), "host_city_id": city["id"],
            "venue": "Strait Convention Center", "start_date": format!("{year}-11-02"),
            "end_date": format!("{year}-11-04"), "time_zone": "Asia/Shanghai",
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
    for n in 0..sessions {
        let day = 2 + n / 100;
        let slot = (n % 100) / room_ids.len();
        let minutes = 8 * 60 + slot * 40;
        let at = |m: usize| format!("{year}-11-{day:02}T{:02}:{:02}", m / 60, m % 60);
        let form = SessionForm {
            texts: vec![
                SessionText {
                    lang: Locale::en,
                    title: format!("Session {n}: cities and ports"),
                    description: "Mayors and port authorities on shared data.".into(),
                },
                SessionText {
                    lang: Locale::zh,
                    title: format!("第{n}场：城市与港口"),
                    description: String::new(),
                },
            ],
            kind: ["plenary", "committee_meeting", "side_event"][n % 3].into(),
            room_id: room_ids[n % room_ids.len()].to_string(),
            starts_at: at(minutes),
            ends_at: at(minutes + 30),
            languages: "en, zh, ar".into(),
            ..SessionForm::default()
        };
        let bench = Actor::system("bench");
        let saved = save_session(db, &bench, edition_id, None, &form, base)
            .await
            .unwrap();
        publish_session(db, &bench, edition_id, saved.session.id, true)
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

#[tokio::main]
async fn main() {
    let requests = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(300);
    println!("{SESSIONS} published sessions, {requests} requests each, one at a time");
    for target in common::targets("cf_bench_programme").await {
        let (db, base, token) = target.start().await;
        let edition = programme(&db, &base, &token, 2027, SESSIONS).await;
        let small = programme(&db, &base, &token, 2028, SMALL_SESSIONS).await;
        for (what, path) in [
            ("page (a day)", format!("/editions/{edition}/programme")),
            (
                "page (all days)",
                format!("/editions/{edition}/programme?day=all"),
            ),
            ("feed", format!("/api/v1/editions/{edition}/calendar.ics")),
            ("page (3 sessions)", format!("/editions/{small}/programme")),
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
        let load = median(requests, || async {
            service::feed(&db, edition, FeedScope::Edition)
                .await
                .unwrap();
        })
        .await;
        let data = service::feed(&db, edition, FeedScope::Edition)
            .await
            .unwrap();
        let render = median(requests, || async {
            calendar::render(&data, Locale::en, &base);
        })
        .await;
        let programme = median(requests, || async {
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
        // Under load, on kept-alive connections: the pages beside the
        // cheapest endpoint of the same server.
        for (what, path) in [
            ("page (a day)", format!("/editions/{edition}/programme")),
            ("page (3 sessions)", format!("/editions/{small}/programme")),
            ("/healthz", "/healthz".to_owned()),
        ] {
            print_wrk(target.name, what, format!("{base}{path}"), Vec::new()).await;
        }
        target.drop().await;
    }
}
