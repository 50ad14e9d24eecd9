//! The budget's summary and charts with 5,000 cost items (in renminbi,
//! dollars and yen, planned, committed, some paid, over a year of rates),
//! measured with `wrk` on kept-alive connections beside `/healthz` of the
//! same server in the same run, on SQLite and PostgreSQL. Run:
//! `cargo bench -p server --bench budget`. Target (release build, 2
//! cores): the summary and its chart ≤ 20 ms on SQLite. Also printed:
//! the summary read and computed with nothing kept, as the first request
//! after a change pays it.
// Amounts read as whole units and cents: 500_000_00 is 500,000.00.
#![allow(clippy::inconsistent_digit_grouping)]

use chrono::NaiveDate;
use sea_orm::{ActiveValue::Set, EntityTrait, NotSet};

use app::audit::Actor;
use app::budget::entity::{income, item};
use app::budget::service::{rates, setup};
use app::budget::types::{CategoryInput, PayerKind, RateInput};

mod common;

use common::print_wrk;

const ITEMS: usize = 5_000;

async fn edition(base: &str, token: &str, city: i64) -> i64 {
    let body = serde_json::json!({
        "year": 2027, "title": "Cities Forum 2027", "host_city_id": city,
        "venue": "Strait Convention Center", "start_date": "2027-11-02",
        "end_date": "2027-11-04", "time_zone": "Asia/Shanghai", "rooms": []
    });
    let response: serde_json::Value = reqwest::Client::new()
        .post(format!("{base}/api/v1/editions"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    response["id"].as_i64().unwrap()
}

fn day(month: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, month, d).unwrap()
}

#[tokio::main]
async fn main() {
    for target in common::targets("cf_bench_budget").await {
        let (db, base, token) = target.start().await;
        let actor = Actor::system("bench");
        let city = app::directory::service::create_member(
            &db,
            &actor,
            app::directory::types::MemberInput {
                kind: app::directory::types::MemberKind::City,
                name_native: "泉州".into(),
                name_latin: "Quanzhou".into(),
                country: "CN".into(),
            },
        )
        .await
        .unwrap();
        let edition = edition(&base, &token, city.id).await;
        setup::copy_categories(&db, &actor, edition).await.unwrap();
        setup::add_category(
            &db,
            &actor,
            edition,
            CategoryInput {
                name: "Youth forum".into(),
                planned_minor: 80_000_00,
                ..Default::default()
            },
        )
        .await
        .unwrap();
        for month in 1..=12 {
            for (currency, rate) in [
                ("USD", format!("7.{:02}", 10 + month)),
                ("JPY", format!("0.04{month:02}")),
            ] {
                rates::add_rate(
                    &db,
                    &actor,
                    edition,
                    RateInput {
                        currency: currency.into(),
                        valid_from: Some(day(month, 1)),
                        rate,
                        source: "bench".into(),
                        unusual_confirmed: false,
                    },
                    false,
                )
                .await
                .unwrap();
            }
        }
        let categories = app::budget::service::category_rows(&db, edition)
            .await
            .unwrap();
        let payers = app::budget::service::payer_rows(&db, edition)
            .await
            .unwrap();
        assert_eq!(payers[0].kind, PayerKind::HostCity);
        let now = chrono::Utc::now();
        let rows: Vec<item::ActiveModel> = (0..ITEMS)
            .map(|n| {
                let (currency, planned) = match n % 3 {
                    0 => ("CNY", 10_000_00 + n as i64),
                    1 => ("USD", 1_500_00 + n as i64),
                    _ => ("JPY", 200_000 + n as i64),
                };
                let month = (n % 12) as u32 + 1;
                let committed = (n % 2 == 0).then_some(planned);
                let paid = (n % 4 == 0).then_some(planned - 7);
                item::ActiveModel {
                    id: NotSet,
                    edition_id: Set(edition),
                    category_id: Set(categories[n % categories.len()].id),
                    payer_id: Set(payers[n % payers.len()].id),
                    description: Set(format!("Cost item {n}")),
                    vendor: Set(format!("Vendor {}", n % 97)),
                    currency: Set(currency.into()),
                    planned_minor: Set(planned),
                    committed_minor: Set(committed),
                    actual_minor: Set(paid),
                    committed_on: Set(committed.map(|_| day(month, 5))),
                    invoiced_on: Set(None),
                    paid_on: Set(paid.map(|_| day(month, 20))),
                    invoice_ref: Set(String::new()),
                    notes: Set(String::new()),
                    cancelled: Set(n % 50 == 0),
                    approved_minor: Set(None),
                    approved_currency: Set(None),
                    approved_by: Set(None),
                    approved_at: Set(None),
                    version: Set(1),
                    created_by: Set(None),
                    created_at: Set(now),
                    updated_by: Set(None),
                    updated_at: Set(now),
                    amount_set_by: Set(None),
                }
            })
            .collect();
        for chunk in rows.chunks(500) {
            item::Entity::insert_many(chunk.to_vec())
                .exec(&db)
                .await
                .unwrap();
        }
        for (n, payer) in payers.iter().enumerate() {
            income::Entity::insert(income::ActiveModel {
                id: NotSet,
                edition_id: Set(edition),
                payer_id: Set(payer.id),
                description: Set(format!("Contribution {n}")),
                currency: Set("USD".into()),
                pledged_minor: Set(100_000_00),
                received_minor: Set(Some(40_000_00)),
                received_on: Set(Some(day(4, 1))),
                version: Set(1),
                updated_at: Set(now),
            })
            .exec(&db)
            .await
            .unwrap();
        }
        let summary = app::budget::service::summary::summary(&db, edition)
            .await
            .unwrap();
        assert_eq!(summary.items as usize, ITEMS);
        assert_eq!(summary.unconverted, 0);
        println!(
            "{:<10} {} items, {} categories, {} months; actual CNY {}",
            target.name,
            summary.items,
            summary.categories.len(),
            summary.months.len(),
            app::budget::money::format_minor(summary.totals.actual_minor, 2)
        );
        // Read whole, with no summary kept (the first request after each
        // change pays this once; the others reuse it).
        let cold = common::median(9, || async {
            app::budget::service::summary::summary(&db, edition)
                .await
                .unwrap();
        })
        .await;
        println!(
            "{:<10} summary read and computed from the rows (no cache), median of 9: {:.1} ms",
            target.name,
            cold.as_secs_f64() * 1000.0
        );
        let auth = vec![format!("Authorization: Bearer {token}")];
        let budget = format!("{base}/api/v1/editions/{edition}/budget");
        // One request first, timed: it computes and keeps the summary, as
        // the first reader after a change does; wrk then measures the rest.
        let started = std::time::Instant::now();
        let first = reqwest::Client::new()
            .get(format!("{budget}/summary"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert!(first.status().is_success());
        let _ = first.bytes().await;
        println!(
            "{:<10} first GET …/budget/summary (computes and keeps it): {:.1} ms",
            target.name,
            started.elapsed().as_secs_f64() * 1000.0
        );
        print_wrk(
            target.name,
            "GET …/budget/summary",
            format!("{budget}/summary"),
            auth.clone(),
        )
        .await;
        print_wrk(
            target.name,
            "GET …/budget/charts/categories.svg",
            format!("{budget}/charts/categories.svg"),
            auth.clone(),
        )
        .await;
        print_wrk(
            target.name,
            "GET …/budget/charts/time.svg",
            format!("{budget}/charts/time.svg"),
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
        target.drop().await;
    }
}
