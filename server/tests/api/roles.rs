//! For each role, which operations it may and may not call: through the
//! JSON API (bearer token) and through the UI's server functions (session
//! cookie). The expected table is written out here, independently of the
//! code's own permission table, and the code's table must agree with it.

use reqwest::Method;
use serde_json::json;

use app::auth::domain::{Operation, may};
use app::auth::types::Role;

use crate::helpers::{Backend, TestApp, edition_body, spawn_app};

use Role::*;

/// The roles that may do each operation.
pub(crate) const EXPECTED: &[(Operation, &[Role])] = &[
    (
        Operation::ViewEditions,
        &[
            Organizer,
            Finance,
            Registrar,
            Checkin,
            Coordinator,
            Delegate,
        ],
    ),
    (Operation::ManageEditions, &[Organizer]),
    (Operation::ManageAccounts, &[Organizer]),
    (
        Operation::ViewDirectory,
        &[Organizer, Finance, Registrar, Checkin, Coordinator],
    ),
    (Operation::ManageDirectory, &[Organizer, Coordinator]),
    (Operation::ReadOutbox, &[Organizer]),
    (Operation::ReviewRegistrations, &[Organizer, Registrar]),
    (Operation::ManageRegistrationSettings, &[Organizer]),
    (
        Operation::ManageOwnRegistration,
        &[
            Organizer,
            Finance,
            Registrar,
            Checkin,
            Coordinator,
            Delegate,
        ],
    ),
    (Operation::ManageProgramme, &[Organizer]),
    (Operation::ReadAuditLog, &[Organizer]),
    (
        Operation::ManageOwnApiTokens,
        &[Organizer, Finance, Registrar, Checkin, Coordinator],
    ),
    (Operation::PrintBadges, &[Organizer, Registrar]),
    (Operation::ManageBadgeKeys, &[Organizer]),
    (Operation::VerifyBadges, &[Organizer, Registrar, Checkin]),
    (Operation::ManageCheckinDevices, &[Organizer]),
    (Operation::ViewArrivals, &[Organizer, Registrar]),
    (Operation::ViewBudget, &[Organizer, Finance]),
    (Operation::KeepBudget, &[Organizer, Finance]),
    (Operation::ApproveBudget, &[Organizer]),
    (Operation::ViewAgreements, &[Organizer, Coordinator]),
    (Operation::KeepAgreements, &[Organizer, Coordinator]),
    (
        Operation::UpdateOwnActivities,
        &[
            Organizer,
            Finance,
            Registrar,
            Checkin,
            Coordinator,
            Delegate,
        ],
    ),
];

#[test]
fn the_permission_table_matches_the_expected_one() {
    for (operation, allowed) in EXPECTED {
        for role in Role::ALL {
            assert_eq!(
                may(role, *operation),
                allowed.contains(&role),
                "{role:?} / {operation:?}"
            );
        }
    }
    assert_eq!(
        EXPECTED.len(),
        Operation::ALL.len(),
        "every operation is listed"
    );
}

/// One call per endpoint, and the operation it needs.
pub(crate) enum Call {
    Api(Method, &'static str, Option<serde_json::Value>),
    ServerFn(&'static str, Vec<(&'static str, String)>),
    /// A server function that takes its arguments as JSON.
    ServerFnJson(&'static str, serde_json::Value),
}

pub(crate) fn calls(city: i64, edition: i64, year: i32) -> Vec<(Operation, Call)> {
    use Call::*;
    let member = json!({"kind": "university", "name_native": format!("Uni {year}"), "name_latin": format!("Uni {year}"), "country": "MY"});
    vec![
        (
            Operation::ViewEditions,
            Api(Method::GET, "/api/v1/editions", None),
        ),
        (
            Operation::ManageAccounts,
            ServerFn("/api/accounts/list", vec![]),
        ),
        (
            Operation::ViewBudget,
            Api(
                Method::GET,
                "/api/v1/editions/{edition}/budget/summary",
                None,
            ),
        ),
        (
            Operation::ApproveBudget,
            Api(
                Method::PUT,
                "/api/v1/editions/{edition}/budget/threshold",
                Some(json!({"approval_threshold_minor": 5_000_000})),
            ),
        ),
        (
            Operation::ViewAgreements,
            ServerFn("/api/agreements/follow-up", vec![]),
        ),
        (
            Operation::KeepAgreements,
            Api(
                Method::POST,
                "/api/v1/agreement-templates",
                Some(
                    json!({"name": format!("Matrix template {year}"), "kind": "other",
                    "language_b": "fr",
                    "clauses": [{"a": {"heading": "", "body": "Text"}, "b": {"heading": "", "body": ""}}]}),
                ),
            ),
        ),
        (
            Operation::UpdateOwnActivities,
            Api(Method::GET, "/api/v1/my/activities", None),
        ),
        (
            Operation::KeepBudget,
            Api(
                Method::POST,
                "/api/v1/editions/{edition}/budget/categories",
                Some(
                    json!({"kind": "custom", "name": format!("Matrix {year}"), "planned_minor": 100}),
                ),
            ),
        ),
        (
            Operation::PrintBadges,
            ServerFn(
                "/api/badges/overview",
                vec![("edition_id", edition.to_string())],
            ),
        ),
        (
            Operation::ManageBadgeKeys,
            ServerFn(
                "/api/badges/rotate_key",
                vec![("edition_id", edition.to_string())],
            ),
        ),
        (
            Operation::ManageCheckinDevices,
            Api(
                Method::GET,
                "/api/v1/editions/{edition}/checkin/devices",
                None,
            ),
        ),
        (
            Operation::ViewArrivals,
            ServerFn(
                "/api/checkin/overview",
                vec![("edition_id", edition.to_string())],
            ),
        ),
        (
            Operation::VerifyBadges,
            Api(
                Method::GET,
                "/api/v1/editions/{edition}/badges/revocations",
                None,
            ),
        ),
        (
            Operation::ViewEditions,
            Api(Method::GET, "/api/v1/editions/{edition}", None),
        ),
        (
            Operation::ManageEditions,
            Api(
                Method::POST,
                "/api/v1/editions",
                Some(edition_body(year, city)),
            ),
        ),
        (
            Operation::ManageEditions,
            Api(
                Method::PATCH,
                "/api/v1/editions/{edition}",
                Some(json!({"venue": "Hall"})),
            ),
        ),
        (
            Operation::ViewDirectory,
            Api(Method::GET, "/api/v1/members", None),
        ),
        (
            Operation::ViewDirectory,
            Api(Method::GET, "/api/v1/members/{city}", None),
        ),
        (
            Operation::ManageDirectory,
            Api(Method::POST, "/api/v1/members", Some(member)),
        ),
        (
            Operation::ManageDirectory,
            Api(
                Method::PATCH,
                "/api/v1/members/{city}",
                Some(json!({"name_native": "泉州市"})),
            ),
        ),
        (
            Operation::ViewEditions,
            ServerFn("/api/editions/list", vec![]),
        ),
        (
            Operation::ViewEditions,
            ServerFn("/api/editions/get", vec![("id", edition.to_string())]),
        ),
        (
            Operation::ManageEditions,
            ServerFn(
                "/api/editions/save",
                vec![
                    ("form[year]", (year + 20).to_string()),
                    ("form[title]", "Forum".into()),
                    ("form[host_city_id]", city.to_string()),
                    ("form[venue]", "Hall".into()),
                    ("form[start_date]", format!("{}-05-01", year + 20)),
                    ("form[end_date]", format!("{}-05-02", year + 20)),
                    ("form[time_zone]", "Europe/Lisbon".into()),
                    ("form[status]", "planning".into()),
                ],
            ),
        ),
        (
            Operation::ManageEditions,
            ServerFn(
                "/api/editions/save_text",
                vec![
                    ("id", edition.to_string()),
                    ("text[lang]", "fr".into()),
                    ("text[title]", "Forum des villes".into()),
                ],
            ),
        ),
        (
            Operation::ManageEditions,
            ServerFn(
                "/api/editions/add_room",
                vec![
                    ("edition_id", edition.to_string()),
                    ("name", format!("Room {year}")),
                    ("capacity", "30".into()),
                ],
            ),
        ),
        (
            Operation::ViewDirectory,
            ServerFn("/api/members/list", vec![]),
        ),
        (
            Operation::ReadOutbox,
            ServerFn("/api/outbox/list", vec![("page", "1".into())]),
        ),
        (
            Operation::ReadAuditLog,
            Api(Method::GET, "/api/v1/audit", None),
        ),
        (
            Operation::ReadAuditLog,
            Api(Method::GET, "/api/v1/audit.csv", None),
        ),
        (
            Operation::ReadAuditLog,
            ServerFn(
                "/api/audit/list",
                vec![("page", "1".into()), ("per_page", "50".into())],
            ),
        ),
        (
            Operation::ReviewRegistrations,
            Api(
                Method::GET,
                "/api/v1/editions/{edition}/registrations",
                None,
            ),
        ),
        (
            Operation::ReviewRegistrations,
            Api(
                Method::GET,
                "/api/v1/editions/{edition}/registrations.csv",
                None,
            ),
        ),
        (
            Operation::ReviewRegistrations,
            ServerFn(
                "/api/registration/list",
                vec![
                    ("edition_id", edition.to_string()),
                    ("filter[q]", "li".into()),
                    ("page", "1".into()),
                ],
            ),
        ),
        (
            Operation::ManageRegistrationSettings,
            ServerFn(
                "/api/registration/settings",
                vec![("edition_id", edition.to_string())],
            ),
        ),
        (
            Operation::ManageOwnRegistration,
            ServerFn("/api/registration/mine", vec![]),
        ),
        (
            Operation::ManageOwnRegistration,
            ServerFn("/api/auth/my_links", vec![]),
        ),
        (
            Operation::ManageOwnApiTokens,
            ServerFn("/api/auth/my_tokens", vec![]),
        ),
        (
            Operation::ManageOwnApiTokens,
            ServerFn(
                "/api/auth/make_token",
                vec![("label", "roles".into()), ("days", "1".into())],
            ),
        ),
        (
            Operation::ManageOwnRegistration,
            ServerFn(
                "/api/programme/my_agenda",
                vec![("edition_id", edition.to_string())],
            ),
        ),
        (
            Operation::ManageProgramme,
            Api(Method::GET, "/api/v1/editions/{edition}/conflicts", None),
        ),
        (
            Operation::ManageProgramme,
            Api(
                Method::POST,
                "/api/v1/editions/{edition}/sessions",
                Some(
                    json!({"texts": [{"lang": "en", "title": format!("Session {year}")}], "kind": "plenary",
                            "starts_at": "2030-11-02T09:00", "ends_at": "2030-11-02T10:00"}),
                ),
            ),
        ),
        (
            Operation::ManageProgramme,
            ServerFn(
                "/api/programme/timetable",
                vec![("edition_id", edition.to_string())],
            ),
        ),
        (
            Operation::ManageProgramme,
            ServerFn(
                "/api/programme/conflicts",
                vec![("edition_id", edition.to_string())],
            ),
        ),
        (
            Operation::ViewDirectory,
            ServerFn("/api/committees/list", vec![]),
        ),
        (
            Operation::ViewDirectory,
            ServerFn("/api/council/list", vec![]),
        ),
        (
            Operation::ManageDirectory,
            ServerFn(
                "/api/committees/save",
                vec![
                    ("name", format!("Committee {year}")),
                    ("sector", "Ports".into()),
                    ("status", "preparatory".into()),
                ],
            ),
        ),
        (
            Operation::ManageDirectory,
            ServerFn(
                "/api/members/save",
                vec![
                    ("kind", "company".into()),
                    ("name_native", format!("Co {year}")),
                    ("name_latin", format!("Co {year}")),
                    ("country", "NL".into()),
                ],
            ),
        ),
    ]
}

pub(crate) async fn sign_in(app: &TestApp, role: Role) -> reqwest::Client {
    app.token_for(role).await; // makes the account
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .timeout(crate::helpers::REQUEST_TIMEOUT)
        .build()
        .unwrap();
    let response = client
        .post(app.url("/api/auth/login"))
        .header("origin", &app.address)
        .form(&[
            ("email", format!("{}@forum.example", role.as_str())),
            ("password", "correct horse battery staple".to_owned()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "sign in as {role:?}");
    client
}

/// The status of the call and, for the failure message, its body.
pub(crate) async fn status_of(
    app: &TestApp,
    call: &Call,
    token: Option<&str>,
    client: &reqwest::Client,
    ids: (i64, i64),
) -> (u16, String) {
    let fill = |path: &str| {
        path.replace("{edition}", &ids.1.to_string())
            .replace("{city}", &ids.0.to_string())
            .replace("{token}", "not-a-feed-token")
    };
    let response = match call {
        Call::Api(method, path, body) => {
            let mut request = app.client.request(method.clone(), app.url(&fill(path)));
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            if let Some(body) = body {
                request = request.json(body);
            }
            request.send().await.unwrap()
        }
        Call::ServerFn(path, form) => client
            .post(app.url(path))
            .header("origin", &app.address)
            .form(form)
            .send()
            .await
            .unwrap(),
        Call::ServerFnJson(path, body) => client
            .post(app.url(path))
            .header("origin", &app.address)
            .json(body)
            .send()
            .await
            .unwrap(),
    };
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

#[tokio::test]
async fn each_role_reaches_exactly_what_it_may() {
    let app = spawn_app(Backend::Sqlite).await;
    let city = app.city("泉州", "Quanzhou", "CN").await;
    let organizer = app.token_for(Organizer).await;
    let edition = app
        .send_json(
            Method::POST,
            "/api/v1/editions",
            Some(&organizer),
            &edition_body(2030, city),
        )
        .await
        .json::<serde_json::Value>()
        .await
        .unwrap()["id"]
        .as_i64()
        .unwrap();

    // Every operation is exercised over HTTP, not only in the table.
    for operation in Operation::ALL {
        assert!(
            calls(city, edition, 2040)
                .iter()
                .any(|(op, _)| *op == operation),
            "no call exercises {operation:?}"
        );
    }

    let anonymous = reqwest::Client::new();
    for (year, role) in (2040..).zip(Role::ALL) {
        let token = app.token_for(role).await;
        let browser = sign_in(&app, role).await;
        for (operation, call) in calls(city, edition, year) {
            let allowed = EXPECTED
                .iter()
                .find(|(op, _)| *op == operation)
                .map(|(_, roles)| roles.contains(&role))
                .unwrap();
            let (status, body) =
                status_of(&app, &call, Some(&token), &browser, (city, edition)).await;
            let what = match &call {
                Call::Api(m, p, _) => format!("{m} {p}"),
                Call::ServerFn(p, _) | Call::ServerFnJson(p, _) => format!("server fn {p}"),
            };
            if allowed {
                assert!(
                    (200..300).contains(&status),
                    "{role:?} may {what}, got {status}: {body}"
                );
            } else {
                assert_eq!(status, 403, "{role:?} may not {what}");
            }
            let (anonymous_status, _) =
                status_of(&app, &call, None, &anonymous, (city, edition)).await;
            assert_eq!(anonymous_status, 401, "anonymous {what}");
        }
    }
}
