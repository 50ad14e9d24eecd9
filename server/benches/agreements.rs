//! The follow-up dashboard with 2,000 agreements (between 60 member
//! cities, under 12 committees, signed at 3 editions) and 10,000
//! activities (a third overdue, some due within 30 days, some done),
//! measured with `wrk` on kept-alive connections beside `/healthz` of the
//! same server in the same run, on SQLite and PostgreSQL. Run:
//! `cargo bench -p server --bench agreements`. Target (release build, 2
//! cores): the dashboard ≤ 50 ms. Also printed: the dashboard computed
//! in-process with nothing kept (median of 9: what the first reader after
//! a change pays), the first request, and two rounds of reminders over
//! all of it (the first queues them, the second finds them sent).

use chrono::{Duration, Utc};
use sea_orm::{ActiveValue::Set, EntityTrait, NotSet};

use app::agreements::entity::{activity, agreement, party, version};
use app::agreements::types::{ActivityStatus, AgreementStatus};
use app::audit::Actor;

mod common;

use common::print_wrk;

const AGREEMENTS: usize = 2_000;
const ACTIVITIES_EACH: usize = 5;
const CITIES: usize = 60;
const COMMITTEES: usize = 12;

#[tokio::main]
async fn main() {
    for target in common::targets("cf_bench_agreements").await {
        let (db, base, token) = target.start().await;
        let actor = Actor::system("bench");
        let mut cities = Vec::new();
        for n in 0..CITIES {
            let city = app::directory::service::create_member(
                &db,
                &actor,
                app::directory::types::MemberInput {
                    kind: app::directory::types::MemberKind::City,
                    name_native: format!("城市{n}"),
                    name_latin: format!("City {n}"),
                    country: "CN".into(),
                },
            )
            .await
            .unwrap();
            cities.push(city.id);
        }
        let mut committees = Vec::new();
        for n in 0..COMMITTEES {
            let committee = app::directory::service::save_committee(
                &db,
                &actor,
                None,
                app::directory::types::CommitteeInput {
                    name: format!("Committee {n}"),
                    sector: format!("Sector {n}"),
                    status: Default::default(),
                },
            )
            .await
            .unwrap();
            committees.push(committee.id);
        }
        let mut editions = Vec::new();
        for year in [2025, 2026, 2027] {
            let body = serde_json::json!({
                "year": year, "title": format!("Cities Forum {year}"), "host_city_id": cities[0],
                "venue": "Strait Convention Center", "start_date": format!("{year}-11-02"),
                "end_date": format!("{year}-11-04"), "time_zone": "Asia/Shanghai", "rooms": []
            });
            let response: serde_json::Value = reqwest::Client::new()
                .post(format!("{base}/api/v1/editions"))
                .bearer_auth(&token)
                .json(&body)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            editions.push(response["id"].as_i64().unwrap());
        }
        let now = Utc::now();
        let today = now.date_naive();
        let statuses = [
            AgreementStatus::Signed,
            AgreementStatus::InImplementation,
            AgreementStatus::InImplementation,
            AgreementStatus::Completed,
            AgreementStatus::Negotiating,
        ];
        let rows: Vec<agreement::ActiveModel> = (0..AGREEMENTS)
            .map(|n| agreement::ActiveModel {
                id: NotSet,
                title: Set(format!("Agreement {n}")),
                status: Set(statuses[n % statuses.len()]),
                template_id: Set(None),
                language_a: Set("en".into()),
                language_b: Set("zh".into()),
                committee_id: Set(Some(committees[n % COMMITTEES])),
                sector: Set(String::new()),
                edition_id: Set(Some(editions[n % editions.len()])),
                initiative_id: Set(None),
                ceremony_session_id: Set(None),
                latest_version: Set(1),
                version: Set(1),
                created_by: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
            })
            .collect();
        for chunk in rows.chunks(500) {
            agreement::Entity::insert_many(chunk.to_vec())
                .exec(&db)
                .await
                .unwrap();
        }
        // Ids in order from 1 on a fresh database.
        let ids: Vec<i64> = (1..=AGREEMENTS as i64).collect();
        let versions: Vec<version::ActiveModel> = ids
            .iter()
            .map(|id| version::ActiveModel {
                id: NotSet,
                agreement_id: Set(*id),
                number: Set(1),
                title: Set(format!("Agreement {id}")),
                clauses: Set("[]".into()),
                note: Set(String::new()),
                status: Set(AgreementStatus::Draft),
                created_by: Set(None),
                created_at: Set(now),
            })
            .collect();
        for chunk in versions.chunks(500) {
            version::Entity::insert_many(chunk.to_vec())
                .exec(&db)
                .await
                .unwrap();
        }
        let parties: Vec<party::ActiveModel> = ids
            .iter()
            .flat_map(|id| {
                (0..2).map(move |p| party::ActiveModel {
                    id: NotSet,
                    agreement_id: Set(*id),
                    position: Set(p),
                    member_id: Set(Some(0)),
                    council_member_id: Set(None),
                    signatory_name: Set("Mayor".into()),
                    signatory_title: Set("Mayor".into()),
                    contact_name: Set("Contact".into()),
                    contact_email: Set(format!(
                        "contact{}@bench.example",
                        (*id as usize * 2 + p as usize) % 97
                    )),
                    language: Set(if p == 0 { "zh".into() } else { "en".into() }),
                })
            })
            .enumerate()
            .map(|(n, mut row)| {
                row.member_id = Set(Some(cities[n % CITIES]));
                row
            })
            .collect();
        for chunk in parties.chunks(500) {
            party::Entity::insert_many(chunk.to_vec())
                .exec(&db)
                .await
                .unwrap();
        }
        // Party ids: 1, 2 for agreement 1; 3, 4 for agreement 2; …
        let activities: Vec<activity::ActiveModel> = (0..AGREEMENTS * ACTIVITIES_EACH)
            .map(|n| {
                let agreement_id = (n / ACTIVITIES_EACH) as i64 + 1;
                let owner = (agreement_id - 1) * 2 + 1 + (n % 2) as i64;
                let offset = (n % 240) as i64 - 80;
                let status = match n % 7 {
                    0 => ActivityStatus::Done,
                    1 => ActivityStatus::InProgress,
                    6 => ActivityStatus::Cancelled,
                    _ => ActivityStatus::Planned,
                };
                activity::ActiveModel {
                    id: NotSet,
                    agreement_id: Set(agreement_id),
                    title: Set(format!("Activity {n}")),
                    description: Set(String::new()),
                    owner_party_id: Set(owner),
                    contact_name: Set("Contact".into()),
                    contact_email: Set(format!("contact{}@bench.example", n % 97)),
                    due_on: Set(today + Duration::days(offset)),
                    status: Set(status),
                    done_on: Set((status == ActivityStatus::Done)
                        .then(|| today + Duration::days(offset + (n % 3) as i64 - 1))),
                    version: Set(1),
                    created_at: Set(now),
                    updated_at: Set(now),
                }
            })
            .collect();
        for chunk in activities.chunks(500) {
            activity::Entity::insert_many(chunk.to_vec())
                .exec(&db)
                .await
                .unwrap();
        }
        let dashboard = app::agreements::service::report::dashboard(&db, today)
            .await
            .unwrap();
        println!(
            "{:<10} {} agreements, {} activities: {} overdue, {} due within 30 days",
            target.name,
            AGREEMENTS,
            AGREEMENTS * ACTIVITIES_EACH,
            dashboard.overdue_total,
            dashboard.due_soon_total
        );
        assert!(dashboard.overdue_total > 1_000);
        let computed = common::median(9, || async {
            app::agreements::service::report::dashboard(&db, today)
                .await
                .unwrap();
        })
        .await;
        println!(
            "{:<10} dashboard computed in-process, median of 9: {:.1} ms",
            target.name,
            computed.as_secs_f64() * 1000.0
        );
        let auth = vec![format!("Authorization: Bearer {token}")];
        // One request first, timed: it computes and keeps the dashboard, as
        // the first reader after a change does; wrk then measures the rest.
        let started = std::time::Instant::now();
        let first = reqwest::Client::new()
            .get(format!("{base}/api/v1/follow-up"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert!(first.status().is_success());
        let _ = first.bytes().await;
        println!(
            "{:<10} first GET /api/v1/follow-up (computes and keeps it): {:.1} ms",
            target.name,
            started.elapsed().as_secs_f64() * 1000.0
        );
        print_wrk(
            target.name,
            "GET /api/v1/follow-up",
            format!("{base}/api/v1/follow-up"),
            auth.clone(),
        )
        .await;
        print_wrk(
            target.name,
            "GET /api/v1/editions/{2027}/outcome",
            format!("{base}/api/v1/editions/{}/outcome", editions[2]),
            auth.clone(),
        )
        .await;
        print_wrk(
            target.name,
            "/healthz",
            format!("{base}/healthz"),
            Vec::new(),
        )
        .await;
        let started = std::time::Instant::now();
        let sent = app::agreements::service::reminders::send_due(&db, today, &base)
            .await
            .unwrap();
        let first_round = started.elapsed();
        let started = std::time::Instant::now();
        let again = app::agreements::service::reminders::send_due(&db, today, &base)
            .await
            .unwrap();
        println!(
            "{:<10} one round of reminders: {sent} queued in {:.0} ms; the next round: {again} queued (each goes once) in {:.0} ms",
            target.name,
            first_round.as_secs_f64() * 1000.0,
            started.elapsed().as_secs_f64() * 1000.0
        );
        target.drop().await;
    }
}
