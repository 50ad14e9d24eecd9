//! Badges at scale. First, 1,000 badges of mixed scripts (Chinese, Korean,
//! Japanese, Cyrillic, Greek, Arabic, Persian, Hebrew, Devanagari,
//! Bengali, Tamil, Thai, Georgian, Armenian, Ethiopic, Latin) rendered
//! into one A4 PDF in-process: time (median of 3), size, and the process's
//! peak memory. Then one badge's reprint over HTTP (a kept-alive client,
//! as a browser connects), beside `/healthz` of the same server, on SQLite
//! and PostgreSQL; then a batch of 1,000 badges made through the API
//! while `/healthz` and an edition's JSON are asked for one after another
//! (they must not wait for the batch). Run: `cargo bench -p server --bench badges`. Targets
//! (release build, 2 cores): 1,000 badges ≤ 2 s, ≤ 5 MB, peak memory
//! ≤ 300 MB; one reprint < 100 ms.

use std::time::{Duration, Instant};

use app::badges::render::{BadgeFace, render};
use app::badges::types::BadgeLayout;
use app::credentials::code::BadgeClaim;
use app::credentials::keys::{new_key, sign};
use app::registration::types::Category;

mod common;

const NAMES: [(&str, &str); 16] = [
    ("Li Hua", "李华"),
    ("Kim Min-jun", "김민준"),
    ("Tanaka Yuki", "田中ゆき"),
    ("Ivan Petrov", "Иван Петров"),
    ("Eleni Papadopoulou", "Ελένη Παπαδοπούλου"),
    ("Mohamed El-Ahmad", "محمد الأحمد"),
    ("Maryam Rezaei", "مریم رضایی"),
    ("Yael Cohen", "יעל כהן"),
    ("Priya Sharma", "प्रिया शर्मा"),
    ("Rahim Uddin", "রহিম উদ্দিন"),
    ("Kavitha Raman", "கவிதா ராமன்"),
    ("Somchai Jaidee", "สมชาย ใจดี"),
    ("Nino Beridze", "ნინო ბერიძე"),
    ("Armen Sargsyan", "Արմեն Սարգսյան"),
    ("Aster Bekele", "አስቴር በቀለ"),
    ("Łukasz Kowalski", "Łukasz Kowalski"),
];

fn faces(n: usize) -> Vec<BadgeFace> {
    let key = new_key();
    (0..n)
        .map(|i| {
            let (latin, native) = NAMES[i % NAMES.len()];
            BadgeFace {
                name_native: native.into(),
                name_latin: latin.into(),
                honorific: "H.E.".into(),
                position: "Deputy Mayor for International Cooperation".into(),
                member: "Quanzhou".into(),
                country: "CN".into(),
                category: Category::ALL[i % Category::ALL.len()],
                category_word: "Delegate".into(),
                edition_title: "Cities Forum 2027".into(),
                code: sign(
                    &BadgeClaim {
                        key_id: 1,
                        edition_id: 1,
                        registration_id: 10_000 + i as i64,
                        version: 1,
                    },
                    &key,
                ),
            }
        })
        .collect()
}

fn peak_memory_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse::<f64>().ok())
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() {
    let thousand = faces(1000);
    let one = faces(1);
    // The first badge of a process reads and parses its fonts (a running
    // server pays it once).
    let started = Instant::now();
    render("warm-up", &one, BadgeLayout::FourA6OnA4, &mut |_| {}).unwrap();
    let first = started.elapsed();
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..3 {
        let started = Instant::now();
        let pdf = render("bench", &thousand, BadgeLayout::FourA6OnA4, &mut |_| {}).unwrap();
        times.push(started.elapsed());
        size = pdf.len();
    }
    times.sort();
    let mut single = Vec::new();
    for _ in 0..20 {
        let started = Instant::now();
        render("bench", &one, BadgeLayout::FourA6OnA4, &mut |_| {}).unwrap();
        single.push(started.elapsed());
    }
    single.sort();
    println!(
        "render     1,000 badges (16 scripts, A4): median {:.0} ms (runs {:.0}/{:.0}/{:.0} ms), {:.2} MB, peak memory {:.0} MB; one badge {:.1} ms (the first of a process {:.0} ms)",
        ms(times[1]),
        ms(times[0]),
        ms(times[1]),
        ms(times[2]),
        size as f64 / 1_000_000.0,
        peak_memory_mb(),
        ms(single[10]),
        ms(first),
    );

    for target in common::targets("cf_bench_badges").await {
        let (db, base, token) = target.start().await;
        server::demo::load(&db, &base)
            .await
            .expect("the demo loads");
        let approved = app::badges::service::overview(&db, 1, false)
            .await
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.registration_id)
            .collect::<Vec<_>>();
        let client = reqwest::Client::new();
        let timed = |path: String, post: bool| {
            let (client, token, base) = (client.clone(), token.clone(), base.clone());
            async move {
                let mut runs = Vec::new();
                // The first five warm the connection pool and are not counted.
                for n in 0..45 {
                    let request = if post {
                        client.post(format!("{base}{path}"))
                    } else {
                        client.get(format!("{base}{path}"))
                    };
                    let started = Instant::now();
                    let response = request.bearer_auth(&token).send().await.unwrap();
                    assert!(
                        response.status().is_success(),
                        "{path}: {}",
                        response.status()
                    );
                    response.bytes().await.unwrap();
                    if n >= 5 {
                        runs.push(started.elapsed());
                    }
                }
                runs.sort();
                (
                    runs[runs.len() / 2],
                    runs[runs.len() * 95 / 100],
                    runs[runs.len() - 1],
                )
            }
        };
        let who = approved[0];
        let (reprint, reprint95, reprint_max) = timed(
            format!("/api/v1/editions/1/registrations/{who}/badge/reprint?layout=a6"),
            true,
        )
        .await;
        let (pdf, pdf95, _) = timed(
            format!("/api/v1/editions/1/registrations/{who}/badge.pdf?layout=a6"),
            false,
        )
        .await;
        let (health, health95, _) = timed("/healthz".into(), false).await;
        let during = batch_beside_requests(&db, &client, &base, &token).await;
        println!(
            "{:<10} one badge over HTTP (kept alive, 40 runs after 5): reprint p50 {:.1} ms p95 {:.1} ms max {:.1} ms; badge.pdf p50 {:.1} ms p95 {:.1} ms; /healthz p50 {:.2} ms p95 {:.2} ms",
            target.name,
            ms(reprint),
            ms(reprint95),
            ms(reprint_max),
            ms(pdf),
            ms(pdf95),
            ms(health),
            ms(health95),
        );
        println!("{:<10} {during}", target.name);
        target.drop().await;
    }
}

/// Registers and approves 1,000 more people, starts a batch of everyone's
/// badges through the API, and meanwhile asks for `/healthz` and an
/// edition's JSON one after another until the batch is ready: how long
/// the batch took, and what the other requests waited meanwhile.
async fn batch_beside_requests(
    db: &sea_orm::DatabaseConnection,
    client: &reqwest::Client,
    base: &str,
    token: &str,
) -> String {
    use app::registration::domain::parse_delegation;
    use app::registration::service::{decide, register_delegation};
    use app::registration::types::{Decision, PersonForm};
    let actor = app::audit::Actor::system("bench");
    let mut ids = Vec::new();
    for d in 0..100 {
        let people: Vec<PersonForm> = (0..10)
            .map(|p| {
                let (latin, native) = NAMES[(d * 10 + p) % NAMES.len()];
                PersonForm {
                    name_latin: latin.into(),
                    name_native: native.into(),
                    email: format!("b{d}-{p}@batch.example"),
                    category: "delegate".into(),
                    languages: "en".into(),
                    ..Default::default()
                }
            })
            .collect();
        let delegation = parse_delegation(&people[0], &people[1..], true).unwrap();
        let created = register_delegation(db, &actor, 1, None, "", delegation, base)
            .await
            .unwrap()
            .created;
        ids.extend(created.into_iter().map(|r| r.id));
    }
    for chunk in ids.chunks(200) {
        decide(db, &actor, 1, chunk, Decision::Approve, "", base)
            .await
            .unwrap();
    }
    let started = Instant::now();
    let batch: serde_json::Value = client
        .post(format!("{base}/api/v1/editions/1/badges/batches"))
        .bearer_auth(token)
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = batch["id"].as_i64().unwrap();
    let total = batch["total"].as_i64().unwrap();
    let mut waits = Vec::new();
    let mut n = 0u64;
    let took = loop {
        // Alternately the trivial endpoint and a database read.
        let path = if n.is_multiple_of(2) {
            "/healthz"
        } else {
            "/api/v1/editions/1"
        };
        n += 1;
        let asked = Instant::now();
        let response = client
            .get(format!("{base}{path}"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success());
        response.bytes().await.unwrap();
        waits.push(asked.elapsed());
        if n.is_multiple_of(20) {
            let view: serde_json::Value = client
                .get(format!("{base}/api/v1/editions/1/badges/batches/{id}"))
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            if view["status"] == "ready" {
                break started.elapsed();
            }
            assert_eq!(view["status"], "working", "{view}");
        }
    };
    waits.sort();
    format!(
        "a batch of {total} badges through the API: ready in {:.2} s; meanwhile {} requests (/healthz and an edition's JSON, one after another) p50 {:.2} ms, p99 {:.2} ms, max {:.1} ms",
        took.as_secs_f64(),
        waits.len(),
        ms(waits[waits.len() / 2]),
        ms(waits[waits.len() * 99 / 100]),
        ms(waits[waits.len() - 1]),
    )
}
