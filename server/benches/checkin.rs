//! Check-in at the doors under load: 2,000 approved people, one paired
//! device, and `wrk` posting scans on kept-alive connections (each
//! request a new scan id, the badges in turn: the first round green, then
//! amber, every one written), beside `/healthz` of the same server in the
//! same run, on SQLite and PostgreSQL; then one upload of 500 offline
//! scans. Run: `cargo bench -p server --bench checkin`. Targets (release
//! build, 2 cores): ≥ 5,000 scans/s with p99 < 20 ms on SQLite, no
//! errors.

use std::time::Instant;

use app::badges::service::code_for_staff;
use app::checkin::service::{pair, register_device};
use app::checkin::types::NewDevice;

mod common;

use common::{print_wrk, print_wrk_with, scan_script};

const PEOPLE: usize = 2_000;

async fn approve_people(db: &sea_orm::DatabaseConnection, edition: i64, base: &str) -> Vec<i64> {
    use app::registration::domain::parse_delegation;
    use app::registration::service::{decide, register_delegation};
    use app::registration::types::{Decision, PersonForm};
    let actor = app::audit::Actor::system("bench");
    let mut ids = Vec::new();
    for d in 0..PEOPLE / 10 {
        let people: Vec<PersonForm> = (0..10)
            .map(|p| PersonForm {
                name_latin: format!("Person {d}-{p}"),
                name_native: format!("人员 {d}-{p}"),
                email: format!("c{d}-{p}@checkin.example"),
                category: "delegate".into(),
                languages: "en".into(),
                ..Default::default()
            })
            .collect();
        let delegation = parse_delegation(&people[0], &people[1..], true).unwrap();
        let created = register_delegation(db, &actor, edition, None, "", delegation, base)
            .await
            .unwrap()
            .created;
        ids.extend(created.into_iter().map(|r| r.id));
    }
    for chunk in ids.chunks(200) {
        decide(db, &actor, edition, chunk, Decision::Approve, "", base)
            .await
            .unwrap();
    }
    ids
}

#[tokio::main]
async fn main() {
    for target in common::targets("cf_bench_checkin").await {
        let (db, base, _token) = target.start().await;
        let edition: i64 = {
            let city = app::directory::service::create_member(
                &db,
                &app::audit::Actor::system("bench"),
                app::directory::types::MemberInput {
                    kind: app::directory::types::MemberKind::City,
                    name_native: "泉州".into(),
                    name_latin: "Quanzhou".into(),
                    country: "CN".into(),
                },
            )
            .await
            .unwrap();
            let client = reqwest::Client::new();
            let mut body = serde_json::json!({
                "year": 2027, "title": "Cities Forum 2027", "host_city_id": city.id,
                "venue": "Strait Convention Center", "start_date": "2027-11-02",
                "end_date": "2027-11-04", "time_zone": "Asia/Shanghai", "rooms": []
            });
            body["status"] = serde_json::json!("registration_open");
            let response: serde_json::Value = client
                .post(format!("{base}/api/v1/editions"))
                .bearer_auth(&_token)
                .json(&body)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            response["id"].as_i64().unwrap()
        };
        let ids = approve_people(&db, edition, &base).await;
        let mut codes = Vec::with_capacity(ids.len());
        for id in &ids {
            codes.push(code_for_staff(&db, edition, *id).await.unwrap());
        }
        let actor = app::audit::Actor::system("bench");
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
        let token = pair(&db, &pairing.code).await.unwrap().token;
        let path = std::env::temp_dir().join(format!("cf_checkin_{}.lua", target.name));
        std::fs::write(&path, scan_script(&token, &codes, "w")).unwrap();
        print_wrk_with(
            target.name,
            "POST /api/v1/checkin/scans",
            format!("{base}/api/v1/checkin/scans"),
            Vec::new(),
            Some(path.display().to_string()),
        )
        .await;
        print_wrk(
            target.name,
            "/healthz",
            format!("{base}/healthz"),
            Vec::new(),
        )
        .await;
        let _ = std::fs::remove_file(&path);

        // 500 offline scans uploaded at once (a tablet back online).
        let scans: Vec<serde_json::Value> = codes
            .iter()
            .take(500)
            .enumerate()
            .map(|(n, code)| {
                serde_json::json!({"client_id": format!("off{n}"), "list": "entry",
                    "code": code, "staff": "bench", "offline_light": "green"})
            })
            .collect();
        let client = reqwest::Client::new();
        let started = Instant::now();
        let response = client
            .post(format!("{base}/api/v1/checkin/scans/batch"))
            .bearer_auth(&token)
            .json(&serde_json::json!({ "scans": scans }))
            .send()
            .await
            .unwrap();
        let status = response.status();
        let _ = response.bytes().await;
        println!(
            "{:<10} upload of 500 offline scans: {:.1} ms (HTTP {status})",
            target.name,
            started.elapsed().as_secs_f64() * 1000.0
        );
        let attendance = app::checkin::service::attendance(&db, edition)
            .await
            .unwrap();
        println!(
            "{:<10} arrived (distinct people on the entry list): {} of {}",
            target.name, attendance.arrived, attendance.approved
        );
        target.drop().await;
    }
}
