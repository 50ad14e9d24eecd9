//! Registrations per minute through `POST /api/v1/editions/{id}/registrations`,
//! on SQLite and on PostgreSQL: a real server on a fresh database, a
//! client firing submissions (a head and two members each) from several
//! connections at once. Run: `cargo bench -p server --bench registrations`
//! (optionally `-- SUBMISSIONS CONCURRENCY`, default 400 and 8).

use std::time::{Duration, Instant};

use serde_json::{Value, json};

mod common;

const PEOPLE_PER_SUBMISSION: usize = 3;

fn submission(n: usize, member_id: i64) -> Value {
    let person = |role: &str, i: usize| {
        json!({
            "name_native": "李华",
            "name_latin": format!("Person {n}-{i}"),
            "honorific": "H.E.",
            "organization": "泉州市人民政府",
            "email": format!("p{n}-{i}@bench.example"),
            "category": role,
            "languages": "zh, en",
            "arrival": "2027-11-01T14:30",
            "departure": "2027-11-05T09:00",
        })
    };
    json!({
        "member_id": member_id,
        "consent": true,
        "head": person("head_of_delegation", 0),
        "members": [person("delegate", 1), person("speaker", 2)],
    })
}

async fn run(target: &common::Target, submissions: usize, concurrency: usize) -> (Duration, usize) {
    let (_db, base, token) = target.start().await;
    let client = reqwest::Client::new();
    let city: Value = client
        .post(format!("{base}/api/v1/members"))
        .bearer_auth(&token)
        .json(&json!({"kind": "city", "name_native": "泉州", "name_latin": "Quanzhou", "country": "CN"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let city = city["id"].as_i64().unwrap();
    let edition: Value = client
        .post(format!("{base}/api/v1/editions"))
        .bearer_auth(&token)
        .json(&json!({
            "year": 2027, "title": "Cities Forum 2027", "host_city_id": city,
            "venue": "Strait Convention Center", "start_date": "2027-11-02",
            "end_date": "2027-11-04", "time_zone": "Asia/Shanghai",
            "status": "registration_open"
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let url = format!("{base}/api/v1/editions/{}/registrations", edition["id"]);

    let started = Instant::now();
    let mut workers = Vec::new();
    for w in 0..concurrency {
        let (client, url) = (client.clone(), url.clone());
        workers.push(tokio::spawn(async move {
            let mut ok = 0;
            for n in (w..submissions).step_by(concurrency) {
                let response = client
                    .post(&url)
                    .json(&submission(n, city))
                    .send()
                    .await
                    .unwrap();
                // The public answer says nothing of who is registered: 202.
                assert_eq!(response.status(), 202, "{}", response.text().await.unwrap());
                ok += 1;
            }
            ok
        }));
    }
    let mut done = 0;
    for worker in workers {
        done += worker.await.unwrap();
    }
    (started.elapsed(), done * PEOPLE_PER_SUBMISSION)
}

#[tokio::main]
async fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let submissions = args.first().copied().unwrap_or(400);
    let concurrency = args.get(1).copied().unwrap_or(8);
    println!(
        "{submissions} submissions of {PEOPLE_PER_SUBMISSION} people, {concurrency} connections"
    );
    for target in common::targets("cf_bench").await {
        let (elapsed, people) = run(&target, submissions, concurrency).await;
        let per_minute = people as f64 / elapsed.as_secs_f64() * 60.0;
        println!(
            "{:<10} {people} registrations in {:.2} s: {:.0} registrations/min ({:.0} submissions/min)",
            target.name,
            elapsed.as_secs_f64(),
            per_minute,
            per_minute / PEOPLE_PER_SUBMISSION as f64,
        );
        target.drop().await;
    }
}
