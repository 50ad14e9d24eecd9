//! Registration storage and the public API on both databases.

use app::editions::domain::NewEdition;
use app::editions::service::create_edition;
use app::editions::types::{EditionInput, EditionStatus};
use app::error::AppError;
use app::registration::domain::parse_delegation;
use app::registration::service::{list_registrations, register_delegation};
use app::registration::types::{PersonForm, RegistrationStatus};

use crate::helpers::staff;
use crate::helpers::{backends, open_edition, spawn_app};

const URL: &str = "https://forum.example";

fn person(latin: &str, email: &str, category: &str) -> PersonForm {
    PersonForm {
        name_native: "李华".into(),
        name_latin: latin.into(),
        email: email.into(),
        category: category.into(),
        arrival: "2027-03-27T10:00".into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn a_delegation_is_stored_whole_and_a_second_registration_is_caught() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let city = app.city("Lisboa", "Lisbon", "PT").await;
        let mut input = EditionInput {
            year: 2027,
            title: "Cities Forum 2027".into(),
            host_city_id: city,
            venue: "Centro de Congressos".into(),
            start_date: "2027-03-29".parse().unwrap(),
            end_date: "2027-03-31".parse().unwrap(),
            time_zone: "Europe/Lisbon".into(),
            status: EditionStatus::RegistrationOpen,
            intro: String::new(),
        };
        let edition = create_edition(
            app.db(),
            &staff(),
            NewEdition::parse(input.clone()).unwrap(),
            vec![],
        )
        .await
        .unwrap();

        let head = person("Li Hua", "li.hua@quanzhou.example", "head_of_delegation");
        let members = [
            person("Chen Jing", "chen@quanzhou.example", "delegate"),
            person("Wang Fang", "wang@quanzhou.example", "speaker"),
        ];
        let delegation = parse_delegation(&head, &members, true).unwrap();
        let created = register_delegation(
            app.db(),
            &staff(),
            edition.id,
            Some(city),
            "",
            delegation,
            URL,
        )
        .await
        .unwrap()
        .created;
        assert_eq!(created.len(), 3, "{backend:?}");
        assert!(
            created
                .iter()
                .all(|r| r.delegation_id == created[0].delegation_id
                    && r.delegation_id.is_some()
                    && r.status == RegistrationStatus::Submitted)
        );

        // The same mayor again, with a new colleague: caught on the head's
        // row, and the colleague is not stored either.
        let again = parse_delegation(
            &head,
            &[person("Zhao Lei", "zhao@quanzhou.example", "delegate")],
            true,
        )
        .unwrap();
        let err = register_delegation(app.db(), &staff(), edition.id, Some(city), "", again, URL)
            .await
            .unwrap_err();
        assert_eq!(
            err.field_messages("email"),
            vec![app::error::ErrorCode::AlreadyRegistered],
            "{backend:?}"
        );
        assert_eq!(
            list_registrations(app.db(), edition.id, &Default::default())
                .await
                .unwrap()
                .len(),
            3
        );

        // 01:30 on 28 March 2027 does not exist in Lisbon (clocks jump).
        let mut gap = person("Ana Silva", "ana@lisboa.example", "observer");
        gap.arrival = "2027-03-28T01:30".into();
        let alone = parse_delegation(&gap, &[], true).unwrap();
        let err = register_delegation(app.db(), &staff(), edition.id, None, "", alone, URL)
            .await
            .unwrap_err();
        assert_eq!(
            err.field_messages("arrival"),
            vec![app::error::ErrorCode::InvalidDatetime]
        );

        input.status = EditionStatus::Closed;
        app::editions::service::update_edition(
            app.db(),
            &staff(),
            edition.id,
            NewEdition::parse(input).unwrap(),
        )
        .await
        .unwrap();
        let late =
            parse_delegation(&person("Late", "late@x.example", "delegate"), &[], true).unwrap();
        assert_eq!(
            register_delegation(app.db(), &staff(), edition.id, None, "", late, URL)
                .await
                .unwrap_err(),
            AppError::Conflict(app::error::ErrorCode::RegistrationClosed)
        );
    }
}

#[tokio::test]
async fn anyone_registers_through_the_api_and_the_answer_reveals_nobody() {
    use reqwest::Method;
    use serde_json::{Value, json};
    for backend in backends() {
        let app = spawn_app(backend).await;
        let (edition, city) = open_edition(&app).await;
        let path = format!("/api/v1/editions/{edition}/registrations");
        let submission = json!({
            "member_id": city,
            "consent": true,
            "head": {"name_native": "李华", "name_latin": "Li Hua", "email": "li@qz.example", "category": "head_of_delegation", "languages": "zh,en"},
            "members": [{"name_latin": "Chen Jing", "email": "chen@qz.example", "category": "delegate"}]
        });
        let accepted = app.send_json(Method::POST, &path, None, &submission).await;
        assert_eq!(accepted.status(), 202, "{backend:?}");
        let first: Value = accepted.json().await.unwrap();
        assert_eq!(first, json!({"people": 2}));

        let mut again = submission.clone();
        again["head"]["email"] = json!("new@qz.example");
        again["consent"] = json!(false);
        let refused = app.send_json(Method::POST, &path, None, &again).await;
        assert_eq!(refused.status(), 422);
        let error: Value = refused.json().await.unwrap();
        assert_eq!(error["detail"]["consent"][0], "consent_required");

        // Chen Jing is registered already: the answer is the one a new
        // person gets, Chen is told by e-mail, and nobody is registered
        // twice. (Chen's first letter is made two hours old: one such
        // letter an hour at most.)
        {
            use app::auth::entity::sign_in_link;
            use sea_orm::sea_query::Expr;
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
            sign_in_link::Entity::update_many()
                .col_expr(
                    sign_in_link::Column::CreatedAt,
                    Expr::value(chrono::Utc::now() - chrono::Duration::hours(2)),
                )
                .filter(sign_in_link::Column::Email.eq("chen@qz.example"))
                .exec(app.db())
                .await
                .unwrap();
        }
        again["consent"] = json!(true);
        let answered = app.send_json(Method::POST, &path, None, &again).await;
        assert_eq!(answered.status(), 202, "{backend:?}");
        let answered: Value = answered.json().await.unwrap();
        assert_eq!(answered, first);
        let letters = app::mail::service::list_messages(app.db(), 100)
            .await
            .unwrap();
        let to_chen: Vec<&str> = letters
            .iter()
            .filter(|m| m.to_address == "chen@qz.example")
            .map(|m| m.subject.as_str())
            .collect();
        assert_eq!(to_chen.len(), 2, "{to_chen:?}");
        assert!(
            to_chen
                .iter()
                .any(|s| s.starts_with("You are already registered")),
            "{to_chen:?}"
        );
        // The same again at once (a flood): the same answer, no more mail.
        let repeated = app.send_json(Method::POST, &path, None, &again).await;
        assert_eq!(repeated.status(), 202);
        let letters = app::mail::service::list_messages(app.db(), 100)
            .await
            .unwrap();
        assert_eq!(
            letters
                .iter()
                .filter(|m| m.to_address == "chen@qz.example")
                .count(),
            2,
            "{backend:?}"
        );

        // A registrar (with a token) is told on the row, and gets the rows.
        let registrar = app.token_for(app::auth::types::Role::Registrar).await;
        let mut third = again.clone();
        third["head"]["email"] = json!("third@qz.example");
        let named = app
            .send_json(Method::POST, &path, Some(&registrar), &third)
            .await;
        assert_eq!(named.status(), 422);
        let named: Value = named.json().await.unwrap();
        assert_eq!(named["detail"]["members.0.email"][0], "already_registered");

        let list: Value = app.get(&path, Some(&registrar)).await.json().await.unwrap();
        let emails: Vec<&str> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["email"].as_str().unwrap())
            .collect();
        assert_eq!(
            emails,
            ["li@qz.example", "chen@qz.example", "new@qz.example"],
            "{backend:?}"
        );
        let delegate = app.token_for(app::auth::types::Role::Delegate).await;
        assert_eq!(app.get(&path, Some(&delegate)).await.status(), 403);
    }
}

#[tokio::test]
async fn a_public_submission_has_a_sane_size_and_nothing_oversized_is_stored() {
    use reqwest::Method;
    use serde_json::{Value, json};
    for backend in backends() {
        let app = spawn_app(backend).await;
        let (edition, _) = open_edition(&app).await;
        let path = format!("/api/v1/editions/{edition}/registrations");
        let head = json!({"name_latin": "Li Hua", "email": "li@qz.example", "category": "head_of_delegation"});
        let members = |n: usize| -> Vec<Value> {
            (0..n)
                .map(|i| json!({"name_latin": format!("Member {i}"), "email": format!("m{i}@qz.example"), "category": "delegate"}))
                .collect()
        };
        let refusal = |members: Vec<Value>, head: &Value| json!({"consent": true, "head": head, "members": members});

        // Without an invitation, a delegation is at most 20 people.
        let too_many = app
            .send_json(Method::POST, &path, None, &refusal(members(20), &head))
            .await;
        assert_eq!(too_many.status(), 422, "{backend:?}");
        let error: Value = too_many.json().await.unwrap();
        assert_eq!(error["detail"]["members"][0], "delegation_too_large");

        // Thousands are refused before any is read.
        let flood = app
            .send_json(Method::POST, &path, None, &refusal(members(3_000), &head))
            .await;
        assert_eq!(flood.status(), 422);
        let error: Value = flood.json().await.unwrap();
        assert_eq!(error["detail"]["members"][0], "delegation_too_large");
        assert!(error["detail"].get("members.0.email").is_none());

        // A megabyte name is too long, on its field.
        let mut huge = head.clone();
        huge["name_latin"] = json!("A".repeat(1_000_000));
        let long = app
            .send_json(Method::POST, &path, None, &refusal(members(1), &huge))
            .await;
        assert_eq!(long.status(), 422);
        let error: Value = long.json().await.unwrap();
        assert_eq!(error["detail"]["name_latin"][0], "too_long");

        // A line break in a name would become a header in the e-mail and a
        // line in the calendar: refused on its field.
        let mut broken = head.clone();
        broken["name_latin"] = json!("Li Hua\r\nBcc: victim@example.org");
        let injected = app
            .send_json(Method::POST, &path, None, &refusal(members(1), &broken))
            .await;
        assert_eq!(injected.status(), 422);
        let error: Value = injected.json().await.unwrap();
        assert_eq!(error["detail"]["name_latin"][0], "line_break");

        let registrar = app.token_for(app::auth::types::Role::Registrar).await;
        let list: Value = app.get(&path, Some(&registrar)).await.json().await.unwrap();
        assert_eq!(list.as_array().unwrap().len(), 0, "nothing stored");
        let outbox = app::mail::service::list_messages(app.db(), 100)
            .await
            .unwrap();
        assert!(outbox.is_empty(), "nothing mailed");

        // Twenty people (the head and 19) are fine.
        let fine = app
            .send_json(Method::POST, &path, None, &refusal(members(19), &head))
            .await;
        assert_eq!(fine.status(), 202, "{backend:?}");
    }
}

#[tokio::test]
async fn the_registrations_list_comes_in_pages_with_the_total_and_links() {
    use serde_json::Value;
    for backend in backends() {
        let app = spawn_app(backend).await;
        let (edition, _) = open_edition(&app).await;
        for i in 0..5 {
            let who = PersonForm {
                name_latin: format!("Person {i}"),
                email: format!("p{i}@x.example"),
                category: "delegate".into(),
                ..Default::default()
            };
            let alone = parse_delegation(&who, &[], true).unwrap();
            register_delegation(app.db(), &staff(), edition, None, "", alone, URL)
                .await
                .unwrap();
        }
        let registrar = app.token_for(app::auth::types::Role::Registrar).await;
        let path = format!("/api/v1/editions/{edition}/registrations?status=submitted&per_page=2");
        let first = app.get(&path, Some(&registrar)).await;
        assert_eq!(first.headers()["x-total-count"], "5", "{backend:?}");
        let link = first.headers()["link"].to_str().unwrap().to_owned();
        assert!(
            link.contains("status=submitted&per_page=2&page=2>; rel=\"next\""),
            "{link}"
        );
        let rows: Value = first.json().await.unwrap();
        assert_eq!(rows.as_array().unwrap().len(), 2);
        assert_eq!(rows[0]["name_latin"], "Person 0");
        let last: Value = app
            .get(&format!("{path}&page=3"), Some(&registrar))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(last.as_array().unwrap().len(), 1);
        assert_eq!(last[0]["name_latin"], "Person 4");
        // Searching pages too.
        let searched = app
            .get(
                &format!("/api/v1/editions/{edition}/registrations?q=person&per_page=3&page=2"),
                Some(&registrar),
            )
            .await;
        assert_eq!(searched.headers()["x-total-count"], "5");
        let rows: Value = searched.json().await.unwrap();
        assert_eq!(rows.as_array().unwrap().len(), 2);

        let outbox = app::mail::service::page_of_messages(
            app.db(),
            app::paging::PageRequest {
                page: 2,
                per_page: 4,
            },
        )
        .await
        .unwrap();
        assert_eq!(
            (outbox.total, outbox.items.len(), outbox.pages()),
            (5, 1, 2)
        );
    }
}

/// The browser's form encoding cannot write an empty list: a person
/// registering alone sends no `members` at all, and is registered.
#[tokio::test]
async fn someone_registering_alone_through_the_form_is_registered() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let (edition, _) = open_edition(&app).await;
        let response = app
            .client
            .post(app.url("/api/registration/register"))
            .form(&[
                ("edition_id", edition.to_string()),
                ("invitation_code", String::new()),
                ("consent", "true".to_owned()),
                ("head[name_latin]", "Marco Rossi".to_owned()),
                ("head[email]", "marco@venezia.example".to_owned()),
                ("head[category]", "head_of_delegation".to_owned()),
                ("head[phone]", "+39 041 274 8111".to_owned()),
            ])
            .send()
            .await
            .unwrap();
        let status = response.status();
        let body = response.text().await.unwrap();
        assert_eq!(status, 200, "{backend:?}: {body}");
        let stored = list_registrations(app.db(), edition, &Default::default())
            .await
            .unwrap();
        assert_eq!(stored.len(), 1);
        // The phone is stored the one international way.
        let phone = &stored[0].phone;
        assert!(phone.starts_with("+39 "), "{phone}");
        let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
        assert_eq!(digits, "390412748111");
    }
}

#[tokio::test]
async fn people_who_tick_no_language_read_in_the_language_they_registered_in() {
    use app::registration::entity::registration;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    use serde_json::json;
    let app = spawn_app(crate::helpers::Backend::Sqlite).await;
    let (edition, city) = open_edition(&app).await;
    let submission = json!({
        "member_id": city,
        "consent": true,
        "head": {"name_latin": "Irina Sokolova", "email": "irina@dushanbe.example",
                 "category": "head_of_delegation"},
        "members": [{"name_latin": "Li Hua", "email": "li@dushanbe.example",
                     "category": "delegate", "languages": "zh"}]
    });
    let accepted = app
        .client
        .post(app.url(&format!("/api/v1/editions/{edition}/registrations")))
        .header("accept-language", "ru-RU, en;q=0.8")
        .json(&submission)
        .send()
        .await
        .unwrap();
    assert_eq!(accepted.status(), 202);
    let db = app.db();
    let languages = |email: &'static str| async move {
        registration::Entity::find()
            .filter(registration::Column::Email.eq(email))
            .one(db)
            .await
            .unwrap()
            .unwrap()
            .languages
    };
    // The browser's language for the one who ticked none; a choice stays.
    assert_eq!(languages("irina@dushanbe.example").await, "ru");
    assert_eq!(languages("li@dushanbe.example").await, "zh");
}
