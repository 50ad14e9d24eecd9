//! Personal data kept only as long as needed: after an edition's retention
//! period its people's phones, needs, travel, the door staff's names and
//! the letters' bodies are gone from the tables, the outbox, the audit
//! log and the CSV export, and nothing else is; a person downloads what is
//! held about them and is erased when a registrar confirms. On SQLite and
//! PostgreSQL.

use chrono::NaiveDate;
use reqwest::Method;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde_json::{Value, json};

use app::audit::{Change, record};
use app::auth::types::Role;
use app::badges::service::code_for_staff;
use app::mail::entity::message;
use app::mail::types::MessageStatus;
use app::privacy::service::erase_due;
use app::registration::entity::registration;

use crate::badges::approved_people;
use crate::helpers::{TestApp, backends, spawn_app, staff};

const PHONE: &str = "+8613912345678";

async fn letters_to(app: &TestApp, email: String) -> Result<Vec<message::Model>, sea_orm::DbErr> {
    message::Entity::find()
        .filter(message::Column::ToAddress.eq(email))
        .all(app.db())
        .await
}

/// Gives the first person a phone, needs and travel (also in an audit
/// record), and marks half of the letters sent (the others stay in the
/// outbox, as without SMTP).
async fn personal_details(app: &TestApp, edition: i64, id: i64) {
    let found = registration::Entity::find_by_id(id)
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    let mut row: registration::ActiveModel = found.clone().into();
    row.phone = Set(PHONE.into());
    row.dietary = Set("halal".into());
    row.access = Set("wheelchair".into());
    row.arrival_at = Set(Some(chrono::Utc::now()));
    row.update(app.db()).await.unwrap();
    record(
        app.db(),
        &staff(),
        Change::new("updated", "registration", id)
            .edition(edition)
            .before(&json!({"name_latin": found.name_latin, "phone": ""}))
            .after(&json!({"name_latin": found.name_latin, "phone": PHONE, "dietary": "halal"})),
    )
    .await
    .unwrap();
    message::Entity::update_many()
        .col_expr(
            message::Column::Status,
            sea_orm::sea_query::Expr::value(MessageStatus::Sent),
        )
        .filter(message::Column::Id.lt(3))
        .exec(app.db())
        .await
        .unwrap();
}

async fn door_scan(app: &TestApp, organizer: &str, edition: i64, id: i64) {
    let (_, door) = crate::checkin::paired(app, organizer, edition, "North door", false).await;
    let code = code_for_staff(app.db(), edition, id).await.unwrap();
    let answer = app
        .send_json(
            Method::POST,
            "/api/v1/checkin/scans",
            Some(&door),
            &json!({"client_id": "s1", "list": "entry", "code": code, "staff": "Ana Door"}),
        )
        .await;
    assert_eq!(answer.status(), 200);
}

#[tokio::test]
async fn after_the_retention_period_personal_details_are_gone_everywhere_and_the_rest_stays() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let organizer = app.token_for(Role::Organizer).await;
        let registrar = app.token_for(Role::Registrar).await;
        let (edition, ids) = approved_people(&app).await;
        personal_details(&app, edition, ids[0]).await;
        door_scan(&app, &organizer, edition, ids[0]).await;
        // A booked flight and a passport (the leg's details are in the
        // audit log too).
        let travel = format!("/api/v1/editions/{edition}/registrations/{}/travel", ids[0]);
        let (status, _) = crate::helpers::call(
            &app,
            Method::POST,
            &format!("{travel}/legs"),
            &registrar,
            json!({"direction": "arrival", "mode": "flight", "number": "MF8101",
                   "place": "XMN", "scheduled_at": "2027-11-01T14:05", "confirmed": true}),
        )
        .await;
        assert_eq!(status, 201);
        let (status, _) = crate::helpers::call(
            &app,
            Method::PUT,
            &format!("{travel}/document"),
            &registrar,
            json!({"passport_name": "LI HUA", "passport_number": "E12345678",
                   "issuing_country": "CN", "nationality": "CN",
                   "expires_on": "2031-01-01", "born_on": "1970-01-01"}),
        )
        .await;
        assert_eq!(status, 200);
        let person = registration::Entity::find_by_id(ids[0])
            .one(app.db())
            .await
            .unwrap()
            .unwrap();
        assert!(
            !letters_to(&app, person.email.clone())
                .await
                .unwrap()
                .is_empty()
        );

        // The organizers' rule: 180 days unless set; set to 30.
        let path = format!("/api/v1/editions/{edition}/retention");
        let rule: Value = app.get(&path, Some(&organizer)).await.json().await.unwrap();
        assert_eq!(rule["keep_days"], 180);
        assert_eq!(rule["erase_on"], "2028-05-03");
        assert_eq!(app.get(&path, Some(&registrar)).await.status(), 403);
        let refused = app
            .send_json(
                Method::PUT,
                &path,
                Some(&organizer),
                &json!({"keep_days": 5000}),
            )
            .await;
        assert_eq!(refused.status(), 422);
        let set: Value = app
            .send_json(
                Method::PUT,
                &path,
                Some(&organizer),
                &json!({"keep_days": 30}),
            )
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(set["erase_on"], "2027-12-05");

        let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        let actor = app::audit::Actor::system("retention");
        let early = erase_due(app.db(), &actor, day("2027-12-04"))
            .await
            .unwrap();
        assert!(early.editions.is_empty());
        let done = erase_due(app.db(), &actor, day("2027-12-05"))
            .await
            .unwrap();
        assert_eq!(done.editions, [edition]);
        assert_eq!(done.people, ids.len() as u64);
        assert!(done.letters >= 1 && done.audit_entries >= 1, "{done:?}");

        // The tables: details empty, names, status and attendance kept.
        let erased = registration::Entity::find_by_id(ids[0])
            .one(app.db())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (
                erased.phone.as_str(),
                erased.dietary.as_str(),
                erased.access.as_str()
            ),
            ("", "", "")
        );
        assert_eq!(erased.arrival_at, None);
        assert_eq!(erased.name_latin, person.name_latin);
        assert_eq!(erased.status, person.status);
        let scans = app::checkin::entity::scan::Entity::find()
            .filter(app::checkin::entity::scan::Column::EditionId.eq(edition))
            .all(app.db())
            .await
            .unwrap();
        assert_eq!(scans.len(), 1);
        assert_eq!(scans[0].staff, "");
        assert_eq!(scans[0].registration_id, Some(ids[0]));
        // The outbox: bodies gone, the letters' existence kept.
        for letter in letters_to(&app, person.email.clone()).await.unwrap() {
            assert_eq!(
                (letter.body_text.as_str(), letter.body_html.as_str()),
                ("", "")
            );
            assert!(!letter.subject.is_empty());
        }
        // The audit log: the fields emptied inside the records, the rest
        // of each record kept; the erasure itself logged without values.
        let entries = app::audit::entity::entry::Entity::find()
            .filter(app::audit::entity::entry::Column::EditionId.eq(edition))
            .all(app.db())
            .await
            .unwrap();
        let text: String = entries
            .iter()
            .flat_map(|e| [e.before.clone(), e.after.clone()])
            .flatten()
            .collect();
        assert!(!text.contains(PHONE) && !text.contains("halal") && !text.contains("Ana Door"));
        assert!(!text.contains("MF8101") && !text.contains("XMN"), "{text}");
        // Travel: legs and passport gone.
        let (_, travel_left) =
            crate::helpers::call(&app, Method::GET, &travel, &registrar, json!(null)).await;
        assert_eq!(travel_left["legs"], json!([]), "{travel_left}");
        assert_eq!(travel_left["document"], Value::Null, "{travel_left}");
        assert!(text.contains(&person.name_latin));
        let logged = entries
            .iter()
            .find(|e| e.action == "erased" && e.entity_type == "personal_data")
            .expect("the erasure is in the audit log");
        let after: Value = serde_json::from_str(logged.after.as_deref().unwrap()).unwrap();
        assert_eq!(after["people"], ids.len());
        // The CSV export: no phone left.
        let csv = app
            .get(
                &format!("/api/v1/editions/{edition}/registrations.csv"),
                Some(&registrar),
            )
            .await
            .text()
            .await
            .unwrap();
        assert!(csv.contains(&person.name_latin) && !csv.contains(PHONE));
        // Once is enough.
        let again = erase_due(app.db(), &actor, day("2028-01-01"))
            .await
            .unwrap();
        assert!(again.editions.is_empty());
        let rule: Value = app.get(&path, Some(&organizer)).await.json().await.unwrap();
        assert!(rule["erased_at"].is_string());
    }
}

#[tokio::test]
async fn a_person_downloads_their_data_asks_to_be_erased_and_a_registrar_erases_them() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let registrar = app.token_for(Role::Registrar).await;
        let (edition, ids) = approved_people(&app).await;
        personal_details(&app, edition, ids[0]).await;
        let person = registration::Entity::find_by_id(ids[0])
            .one(app.db())
            .await
            .unwrap()
            .unwrap();
        app::auth::service::create_user(
            app.db(),
            app::auth::service::NewUser {
                email: person.email.clone(),
                display_name: person.name_latin.clone(),
                role: Role::Delegate,
                password: None,
                language: None,
            },
        )
        .await
        .unwrap();
        let delegate = app::auth::service::create_api_token(app.db(), &person.email)
            .await
            .unwrap();

        // Everything held about them, as a file.
        let response = app.get("/api/v1/my/data", Some(&delegate)).await;
        assert_eq!(response.status(), 200);
        assert!(
            response.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment")
        );
        let data: Value = response.json().await.unwrap();
        assert_eq!(data["account"]["email"], person.email.as_str());
        assert_eq!(data["registrations"][0]["phone"], PHONE);
        assert_eq!(data["registrations"][0]["dietary"], "halal");
        assert!(!data["letters"].as_array().unwrap().is_empty());
        assert!(!data["audit_log"].as_array().unwrap().is_empty());
        assert_eq!(app.get("/api/v1/my/data", None).await.status(), 401);

        // They ask; only a registrar erases.
        let asked = app
            .send_json(
                Method::POST,
                "/api/v1/my/erasure-request",
                Some(&delegate),
                &json!({}),
            )
            .await;
        assert_eq!(asked.status(), 202);
        // The registrar sees the request beside the person.
        let seen: Value = app
            .get(
                &format!("/api/v1/editions/{edition}/registrations/{}", ids[0]),
                Some(&registrar),
            )
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(seen["erasure_requested"], true, "{seen}");
        let erase = format!("/api/v1/editions/{edition}/registrations/{}/erase", ids[0]);
        let refused = app
            .send_json(Method::POST, &erase, Some(&delegate), &json!({}))
            .await;
        assert_eq!(refused.status(), 403);
        let done = app
            .send_json(Method::POST, &erase, Some(&registrar), &json!({}))
            .await;
        assert_eq!(done.status(), 204);
        let twice = app
            .send_json(Method::POST, &erase, Some(&registrar), &json!({}))
            .await;
        assert_eq!(twice.status(), 409);

        let erased = registration::Entity::find_by_id(ids[0])
            .one(app.db())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(erased.name_latin, app::privacy::service::ERASED_NAME);
        assert!(erased.email.ends_with(app::privacy::service::ERASED_DOMAIN));
        assert_eq!(
            (erased.phone.as_str(), erased.name_native.as_str()),
            ("", "")
        );
        assert!(erased.erasure_requested_at.is_some());
        // No letter is addressed to them any more, and none keeps a body.
        let letters = message::Entity::find()
            .filter(message::Column::ToAddress.eq(person.email.clone()))
            .count(app.db())
            .await
            .unwrap();
        assert_eq!(letters, 0);
        // The audit log's records of them no longer say who they were.
        let entries = app::audit::entity::entry::Entity::find()
            .filter(app::audit::entity::entry::Column::RecordId.eq(ids[0].to_string()))
            .filter(app::audit::entity::entry::Column::EntityType.eq("registration"))
            .all(app.db())
            .await
            .unwrap();
        let text: String = entries
            .iter()
            .flat_map(|e| [e.before.clone(), e.after.clone(), Some(e.actor.clone())])
            .flatten()
            .collect();
        assert!(
            !text.contains(&person.name_latin) && !text.contains(PHONE),
            "{text}"
        );
        // Their account is gone with them; the others are untouched.
        assert_eq!(
            app.get("/api/v1/my/data", Some(&delegate)).await.status(),
            401
        );
        let other = registration::Entity::find_by_id(ids[1])
            .one(app.db())
            .await
            .unwrap()
            .unwrap();
        assert_ne!(other.name_latin, app::privacy::service::ERASED_NAME);
    }
}
