//! The doors and the pages while heavy work runs (issue 23): `/healthz`
//! and a door scan measured by `wrk` on kept-alive connections, first on
//! a quiet server, then while four word comparisons of the two largest
//! versions an agreement may have and four PDFs of that agreement are
//! requested over and over (eight clients, each asking again as soon as
//! it is answered). Run: `cargo bench -p server --bench heavy_work`.
//! Target (release build, 2 cores, SQLite): both p99 < 20 ms during the
//! flood; heavy requests past the queue are told 429, never time out.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use app::agreements::domain::{BODY_MAX, SIDE_MAX};
use app::badges::service::code_for_staff;
use app::checkin::service::{pair, register_device};
use app::checkin::types::NewDevice;

mod common;

use common::{print_wrk, print_wrk_with, scan_script};

/// A clause's text of `words` words, every `changed`-th one different in
/// the second version (the worst case for a word comparison: changes
/// everywhere, nothing long in common).
fn text(words: usize, seed: usize, version: usize) -> String {
    let vocabulary = [
        "cooperation",
        "port",
        "logistics",
        "the",
        "parties",
        "shall",
        "exchange",
        "delegations",
        "annually",
        "城市",
        "合作",
        "港口",
    ];
    let mut out = String::new();
    for n in 0..words {
        let word = if version == 2 && (n + seed).is_multiple_of(5) {
            "revised"
        } else {
            vocabulary[(n * 7 + seed) % vocabulary.len()]
        };
        if out.chars().count() + word.chars().count() + 1 > BODY_MAX {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The largest text an agreement may hold: `SIDE_MAX` characters in each
/// language, in clauses of `BODY_MAX`.
fn clauses(version: usize) -> Value {
    let per_side = SIDE_MAX / BODY_MAX;
    Value::Array(
        (0..per_side)
            .map(|i| {
                json!({"a": {"heading": "", "body": text(2_000, i, version)},
                       "b": {"heading": "", "body": text(2_000, i + 3, version)}})
            })
            .collect(),
    )
}

#[tokio::main]
async fn main() {
    let targets = common::targets("cf_bench_heavy").await;
    let target = &targets[0];
    let (db, base, organizer) = target.start().await;
    let actor = app::audit::Actor::system("bench");
    let client = reqwest::Client::new();
    let post = |path: &str, body: Value| {
        client
            .post(format!("{base}{path}"))
            .bearer_auth(&organizer)
            .json(&body)
            .send()
    };
    let city = |native: &'static str, latin: &'static str, country: &'static str| {
        app::directory::service::create_member(
            &db,
            &actor,
            app::directory::types::MemberInput {
                kind: app::directory::types::MemberKind::City,
                name_native: native.into(),
                name_latin: latin.into(),
                country: country.into(),
            },
        )
    };
    let quanzhou = city("泉州", "Quanzhou", "CN").await.unwrap().id;
    let dushanbe = city("Душанбе", "Dushanbe", "TJ").await.unwrap().id;
    let edition: Value = post(
        "/api/v1/editions",
        json!({"year": 2027, "title": "Cities Forum 2027", "host_city_id": quanzhou,
            "venue": "Strait Convention Center", "start_date": "2027-11-02",
            "end_date": "2027-11-04", "time_zone": "Asia/Shanghai", "rooms": [],
            "status": "registration_open"}),
    )
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    let edition = edition["id"].as_i64().unwrap();

    // 200 approved people and a paired door.
    let mut ids = Vec::new();
    for d in 0..20 {
        use app::registration::domain::parse_delegation;
        use app::registration::service::register_delegation;
        use app::registration::types::PersonForm;
        let people: Vec<PersonForm> = (0..10)
            .map(|p| PersonForm {
                name_latin: format!("Person {d}-{p}"),
                email: format!("h{d}-{p}@heavy.example"),
                category: "delegate".into(),
                languages: "en".into(),
                ..Default::default()
            })
            .collect();
        let delegation = parse_delegation(&people[0], &people[1..], true).unwrap();
        let created = register_delegation(&db, &actor, edition, None, "", delegation, &base)
            .await
            .unwrap()
            .created;
        ids.extend(created.into_iter().map(|r| r.id));
    }
    app::registration::service::decide(
        &db,
        &actor,
        edition,
        &ids,
        app::registration::types::Decision::Approve,
        "",
        &base,
    )
    .await
    .unwrap();
    let mut codes = Vec::new();
    for id in &ids {
        codes.push(code_for_staff(&db, edition, *id).await.unwrap());
    }
    let pairing = register_device(
        &db,
        &actor,
        edition,
        NewDevice {
            name: "Bench door".into(),
            supervisor: false,
        },
        &base,
    )
    .await
    .unwrap();
    let door = pair(&db, &pairing.code).await.unwrap().token;
    // One script per run: a second run with the first's scan ids would be
    // answered as duplicates, never written.
    let script = |run: &str| {
        let path = std::env::temp_dir().join(format!("cf_heavy_scans_{run}.lua"));
        std::fs::write(&path, scan_script(&door, &codes, run)).unwrap();
        path.display().to_string()
    };

    // The largest agreement, in two versions that differ everywhere.
    let parties = json!([
        {"member_id": quanzhou, "contact_name": "Li", "contact_email": "li@q.example", "language": "zh"},
        {"member_id": dushanbe, "contact_name": "Rustam", "contact_email": "r@d.example", "language": "ru"}
    ]);
    let drafted: Value = post(
        "/api/v1/agreements",
        json!({"title": "The longest agreement", "edition_id": edition,
            "parties": parties, "language_b": "zh"}),
    )
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    let id = drafted["id"].as_i64().unwrap();
    for (version, base_version) in [(1, 1), (2, 2)] {
        let saved = client
            .put(format!("{base}/api/v1/agreements/{id}/text"))
            .bearer_auth(&organizer)
            .json(
                &json!({"title": "The longest agreement", "clauses": clauses(version),
                "base_version": base_version}),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(saved.status(), 200, "{}", saved.text().await.unwrap());
    }
    let compare = format!("{base}/api/v1/agreements/{id}/compare?from=2&to=3");
    let pdf = format!("{base}/api/v1/agreements/{id}/agreement.pdf");
    for url in [&compare, &pdf] {
        let started = Instant::now();
        let answer = client
            .get(url)
            .bearer_auth(&organizer)
            .send()
            .await
            .unwrap();
        let status = answer.status();
        let bytes = answer.bytes().await.unwrap().len();
        println!(
            "SQLite     one request alone: {url} HTTP {status}, {bytes} bytes, {:.0} ms",
            started.elapsed().as_secs_f64() * 1000.0
        );
    }

    let health = format!("{base}/healthz");
    let scans = format!("{base}/api/v1/checkin/scans");
    println!("-- quiet server");
    print_wrk("SQLite", "/healthz", health.clone(), Vec::new()).await;
    print_wrk_with(
        "SQLite",
        "POST /api/v1/checkin/scans",
        scans.clone(),
        Vec::new(),
        Some(script("quiet")),
    )
    .await;

    println!("-- four comparisons and four PDFs asked for again and again");
    let running = Arc::new(AtomicBool::new(true));
    let (done, busy, other) = (
        Arc::new(AtomicUsize::new(0)),
        Arc::new(AtomicUsize::new(0)),
        Arc::new(AtomicUsize::new(0)),
    );
    let mut flood = Vec::new();
    for n in 0..8 {
        let url = if n % 2 == 0 {
            compare.clone()
        } else {
            pdf.clone()
        };
        let (client, token) = (client.clone(), organizer.clone());
        let (running, done, busy, other) =
            (running.clone(), done.clone(), busy.clone(), other.clone());
        flood.push(tokio::spawn(async move {
            while running.load(Ordering::Relaxed) {
                match client.get(&url).bearer_auth(&token).send().await {
                    Ok(answer) if answer.status() == 200 => {
                        let _ = answer.bytes().await;
                        done.fetch_add(1, Ordering::Relaxed);
                    }
                    Ok(answer) if answer.status() == 429 => {
                        busy.fetch_add(1, Ordering::Relaxed);
                        tokio::time::sleep(Duration::from_millis(200)).await;
                    }
                    _ => {
                        other.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    print_wrk("SQLite", "/healthz during the flood", health, Vec::new()).await;
    print_wrk_with(
        "SQLite",
        "POST /api/v1/checkin/scans during the flood",
        scans,
        Vec::new(),
        Some(script("flood")),
    )
    .await;
    running.store(false, Ordering::Relaxed);
    for task in flood {
        let _ = task.await;
    }
    println!(
        "SQLite     heavy requests meanwhile: {} answered, {} told 429 (busy), {} other",
        done.load(Ordering::Relaxed),
        busy.load(Ordering::Relaxed),
        other.load(Ordering::Relaxed)
    );
    target.drop().await;
    for extra in &targets[1..] {
        extra.drop().await;
    }
}
