//! Travel (issue 27, first part): legs asked for by a person or their
//! head and booked by registrars, a passport given by the person and read
//! back whole by registrars only, warnings, and both gone when the person
//! is erased. On SQLite and PostgreSQL.

use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use app::auth::service::{NewUser, create_api_token, create_user};
use app::auth::types::Role;
use app::logistics::entity::{travel_document, travel_leg};

use crate::badges::approved_people;
use crate::helpers::{TestApp, backends, call, spawn_app};

/// An API token for the delegate account of `email`.
async fn delegate_token(app: &TestApp, email: &str) -> String {
    create_user(
        app.db(),
        NewUser {
            email: email.into(),
            display_name: String::new(),
            role: Role::Delegate,
            password: None,
            language: None,
        },
    )
    .await
    .unwrap();
    create_api_token(app.db(), email).await.unwrap()
}

fn leg(direction: &str, at: &str, confirmed: bool) -> Value {
    json!({
        "direction": direction,
        "mode": "flight",
        "carrier": "Xiamen Airlines",
        "number": "MF8101",
        "elsewhere": "Seoul Incheon",
        "place": "XMN",
        "terminal": "T3",
        "scheduled_at": at,
        "confirmed": confirmed,
    })
}

fn passport(expires_on: &str) -> Value {
    json!({
        "passport_name": "KIM MINJUN",
        "passport_number": "m 1234 5667",
        "issuing_country": "kr",
        "nationality": "KR",
        "expires_on": expires_on,
        "born_on": "1975-04-12",
    })
}

async fn legs_of(app: &TestApp, id: i64) -> u64 {
    travel_leg::Entity::find()
        .filter(travel_leg::Column::RegistrationId.eq(id))
        .count(app.db())
        .await
        .unwrap()
}

#[tokio::test]
async fn legs_are_asked_for_booked_and_warned_about_and_a_passport_is_for_registrars() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let (edition, ids) = approved_people(&app).await;
        let (head_id, member_id) = (ids[0], ids[1]);
        let registrar = app.token_for(Role::Registrar).await;
        let head = delegate_token(&app, "p0@badges.example").await;
        let member = delegate_token(&app, "p1@badges.example").await;
        let stranger = delegate_token(&app, "p2@badges.example").await;
        let staff_base = format!("/api/v1/editions/{edition}/registrations/{member_id}/travel");
        let own_base = format!("/api/v1/my/registrations/{member_id}/travel");

        // A registrar books the arrival: typed in the host city's clock
        // (Shanghai), kept in UTC.
        let (status, booked) = call(
            &app,
            Method::POST,
            &format!("{staff_base}/legs"),
            &registrar,
            leg("arrival", "2027-11-01T14:05", true),
        )
        .await;
        assert_eq!(status, 201, "{backend:?}: {booked}");
        assert_eq!(booked["scheduled_at"], "2027-11-01T14:05");
        assert_eq!(booked["scheduled_utc"], "2027-11-01T06:05:00Z");
        assert_eq!(booked["confirmed"], true);
        let booked_id = booked["id"].as_i64().unwrap();

        // The person sees it, and may not change a booked leg.
        let (status, mine) = call(&app, Method::GET, &own_base, &member, json!(null)).await;
        assert_eq!(status, 200, "{mine}");
        assert_eq!(mine["legs"][0]["number"], "MF8101");
        assert_eq!(mine["document"], Value::Null);
        let (status, refused) = call(
            &app,
            Method::PUT,
            &format!("{own_base}/legs/{booked_id}"),
            &member,
            leg("arrival", "2027-11-01T18:00", false),
        )
        .await;
        assert_eq!(status, 409, "{refused}");
        assert_eq!(refused["detail"], "leg_confirmed", "{refused}");
        let (status, _) = call(
            &app,
            Method::DELETE,
            &format!("{own_base}/legs/{booked_id}"),
            &member,
            json!(null),
        )
        .await;
        assert_eq!(status, 409);

        // A person's leg is a request, whatever they send; their head may
        // ask for them too; someone else reaches nothing (404, as for no
        // one).
        let (status, asked) = call(
            &app,
            Method::POST,
            &format!("{own_base}/legs"),
            &member,
            leg("departure", "2027-11-05T09:00", true),
        )
        .await;
        assert_eq!(status, 201, "{asked}");
        assert_eq!(asked["confirmed"], false);
        let (status, by_head) = call(
            &app,
            Method::PUT,
            &format!("{own_base}/legs/{}", asked["id"]),
            &head,
            leg("departure", "2027-11-05T11:30", false),
        )
        .await;
        assert_eq!(status, 200, "{by_head}");
        assert_eq!(by_head["scheduled_at"], "2027-11-05T11:30");
        let (status, _) = call(&app, Method::GET, &own_base, &stranger, json!(null)).await;
        assert_eq!(status, 404);
        let (status, _) = call(
            &app,
            Method::GET,
            &format!("/api/v1/my/registrations/{head_id}/travel"),
            &member,
            json!(null),
        )
        .await;
        assert_eq!(status, 404, "a member does not reach the head's travel");
        let (status, _) = call(&app, Method::GET, &staff_base, &member, json!(null)).await;
        assert_eq!(status, 403);

        // Bad input names each field and writes nothing.
        let mut bad = leg("arrival", "2072-11-01T14:05", false);
        bad["place"] = json!(" ");
        let (status, refused) = call(
            &app,
            Method::POST,
            &format!("{own_base}/legs"),
            &member,
            bad,
        )
        .await;
        assert_eq!(status, 422, "{refused}");
        assert_eq!(refused["detail"]["place"][0], "required", "{refused}");
        assert_eq!(refused["detail"]["scheduled_at"][0], "date_out_of_range");
        assert_eq!(legs_of(&app, member_id).await, 2);

        // The passport: given by the person, who reads back its last two
        // characters and expiry; registrars read it whole; the audit log
        // names the fields, never the number.
        let (status, on_file) = call(
            &app,
            Method::PUT,
            &format!("{own_base}/document"),
            &member,
            passport("2028-01-31"),
        )
        .await;
        assert_eq!(status, 200, "{on_file}");
        assert_eq!(on_file["number_ends_with"], "67");
        let (_, mine) = call(&app, Method::GET, &own_base, &member, json!(null)).await;
        assert_eq!(mine["document"], Value::Null, "{mine}");
        assert_eq!(mine["document_on_file"]["expires_on"], "2028-01-31");
        let (_, staff_view) = call(&app, Method::GET, &staff_base, &registrar, json!(null)).await;
        assert_eq!(staff_view["document"]["passport_number"], "M12345667");
        assert_eq!(staff_view["document"]["issuing_country"], "KR");
        // Valid to January: less than six months after the Forum.
        assert_eq!(staff_view["warnings"], json!(["passport_expires_soon"]));
        let audit = app::audit::entity::entry::Entity::find()
            .filter(app::audit::entity::entry::Column::EntityType.eq("travel_document"))
            .all(app.db())
            .await
            .unwrap();
        assert_eq!(audit.len(), 1);
        let after = audit[0].after.clone().unwrap_or_default();
        assert!(after.contains("passport_number"), "{after}");
        assert!(!after.contains("M12345667"), "{after}");
        let (status, refused) = call(
            &app,
            Method::PUT,
            &format!("{own_base}/document"),
            &member,
            json!({"passport_name": "", "passport_number": "N°1", "issuing_country": "Korea",
                   "nationality": "KR", "expires_on": "31/01/2030", "born_on": "1975-04-12"}),
        )
        .await;
        assert_eq!(status, 422, "{refused}");
        assert_eq!(
            refused["detail"]["passport_number"][0],
            "invalid_characters"
        );
        assert_eq!(refused["detail"]["issuing_country"][0], "invalid_country");
        assert_eq!(refused["detail"]["expires_on"][0], "invalid_date");
        let (_, staff_view) = call(&app, Method::GET, &staff_base, &registrar, json!(null)).await;
        assert_eq!(
            staff_view["document"]["passport_number"], "M12345667",
            "a refused passport leaves the one on file"
        );

        // Changes are counted per account: a script saving the passport
        // over and over is told to wait (each save writes an audit entry).
        let mut answers = Vec::new();
        for _ in 0..130 {
            let response = app
                .send_json(
                    Method::PUT,
                    &format!("{own_base}/document"),
                    Some(&member),
                    &passport("2030-01-31"),
                )
                .await;
            let waited = response.headers().contains_key("retry-after");
            answers.push((response.status().as_u16(), waited));
            if answers.last().is_some_and(|(status, _)| *status == 429) {
                break;
            }
        }
        assert_eq!(answers.last(), Some(&(429, true)), "{answers:?}");
        assert!(
            answers.len() > 100,
            "{} saves before the limit",
            answers.len()
        );
        // Reading is not counted; the registrar's desk is not limited.
        let (status, _) = call(&app, Method::GET, &own_base, &member, json!(null)).await;
        assert_eq!(status, 200);
        let (status, _) = call(
            &app,
            Method::PUT,
            &format!("{staff_base}/document"),
            &registrar,
            passport("2030-01-31"),
        )
        .await;
        assert_eq!(status, 200);

        // Erased on request: the legs and the passport go with the
        // person's details.
        let (status, _) = call(
            &app,
            Method::POST,
            &format!("/api/v1/editions/{edition}/registrations/{member_id}/erase"),
            &registrar,
            json!({}),
        )
        .await;
        assert_eq!(status, 204);
        assert_eq!(legs_of(&app, member_id).await, 0);
        assert!(
            travel_document::Entity::find_by_id(member_id)
                .one(app.db())
                .await
                .unwrap()
                .is_none()
        );
    }
}
