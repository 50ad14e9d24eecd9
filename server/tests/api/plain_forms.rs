//! Forms posted as plain HTML to their pages (no script): the same server
//! function runs, then a 303 or the page again with what was typed.

use app::auth::types::Role;
use reqwest::header::{CONTENT_TYPE, LOCATION, ORIGIN, SET_COOKIE};
use serde_json::Value;

use crate::helpers::{TestApp, backends, browser, open_edition, spawn_app};

/// A form posted from this site's page, as a browser sends it.
async fn post_form_response(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    client
        .post(app.url(path))
        .header(ORIGIN, &app.address)
        .header("accept", "text/html")
        .form(fields)
        .send()
        .await
        .unwrap()
}

/// The status, the `Location` and the body of a posted form's answer.
async fn post_form(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> (u16, Option<String>, String) {
    let response = post_form_response(app, client, path, fields).await;
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get(LOCATION)
        .map(|l| l.to_str().unwrap().to_owned());
    (status, location, response.text().await.unwrap())
}

async fn registrations(app: &TestApp, edition: i64) -> Vec<Value> {
    let organizer = app.token_for(Role::Organizer).await;
    app.get(
        &format!("/api/v1/editions/{edition}/registrations"),
        Some(&organizer),
    )
    .await
    .json()
    .await
    .unwrap()
}

#[tokio::test]
async fn a_registration_posted_without_script_is_refused_as_typed_then_registered() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let (edition, _) = open_edition(&app).await;
        let page = format!("/editions/{edition}/register");
        let edition_field = edition.to_string();
        let browser = browser();
        let head = [
            ("_form", "register"),
            ("edition_id", edition_field.as_str()),
            ("name_native", "박형준"),
            ("name_latin", "Park Heong-joon"),
            ("email", "park@busan.example"),
            ("category", "head_of_delegation"),
            ("languages", "ko"),
            ("languages", "en"),
        ];

        // A member row added by the form's own button: nothing is
        // registered, the page comes back with the row and what was typed.
        let mut adding = head.to_vec();
        adding.push(("_add_member", "1"));
        let (status, _, body) = post_form(&app, &browser, &page, &adding).await;
        assert_eq!(status, 200);
        assert!(
            body.contains(r#"name="members.0.name_native""#),
            "no member row"
        );
        assert!(body.contains("Park Heong-joon"));
        assert!(registrations(&app, edition).await.is_empty());

        // Without consent and with a bad member address: 422, the page
        // again with every value typed and the refusals, nothing stored.
        let mut refused = head.to_vec();
        refused.extend([
            ("members.0.name_native", "이수진"),
            ("members.0.name_latin", "Lee Su-jin"),
            ("members.0.email", "not an address"),
            ("members.0.category", "delegate"),
        ]);
        let (status, location, body) = post_form(&app, &browser, &page, &refused).await;
        assert_eq!(status, 422);
        assert_eq!(location, None);
        for typed in ["박형준", "park@busan.example", "이수진", "not an address"] {
            assert!(body.contains(typed), "{typed} was not kept");
        }
        assert!(
            body.contains("consent_required"),
            "the refusal travels to the page"
        );
        assert!(registrations(&app, edition).await.is_empty());

        // Fixed: 303 to the page saying how many were registered; stored.
        let mut fixed = refused.clone();
        fixed.retain(|(k, _)| *k != "members.0.email");
        fixed.extend([
            ("members.0.email", "lee@busan.example"),
            ("consent", "true"),
        ]);
        let (status, location, _) = post_form(&app, &browser, &page, &fixed).await;
        assert_eq!(status, 303);
        assert_eq!(location.as_deref(), Some(format!("{page}?sent=2").as_str()));
        let stored = registrations(&app, edition).await;
        assert_eq!(stored.len(), 2);
        let park = stored
            .iter()
            .find(|r| r["email"] == "park@busan.example")
            .unwrap();
        assert_eq!(park["languages"], serde_json::json!(["ko", "en"]));
    }
}

#[tokio::test]
async fn sign_in_posted_without_script_keeps_the_address_never_the_password() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        app.token_for(Role::Registrar).await;
        let browser = browser();
        let (status, _, body) = post_form(
            &app,
            &browser,
            "/login",
            &[
                ("_form", "login"),
                ("email", "registrar@forum.example"),
                ("password", "a wrong password"),
            ],
        )
        .await;
        assert_eq!(status, 401);
        assert!(body.contains("registrar@forum.example"));
        assert!(
            !body.contains("a wrong password"),
            "a password went back into the page"
        );

        let response = post_form_response(
            &app,
            &browser,
            "/login",
            &[
                ("_form", "login"),
                ("email", "registrar@forum.example"),
                ("password", "correct horse battery staple"),
            ],
        )
        .await;
        assert_eq!(response.status(), 303);
        assert_eq!(response.headers()[LOCATION], "/");
        assert!(
            response.headers()[SET_COOKIE]
                .to_str()
                .unwrap()
                .starts_with("cf_session=")
        );
        // Signed in: the review queue's form is the registrar's to post.
        let (status, _, _) = post_form(
            &app,
            &browser,
            "/editions/1/registrations",
            &[
                ("_form", "decide"),
                ("edition_id", "1"),
                ("decision", "approve"),
            ],
        )
        .await;
        assert_ne!(status, 401);
    }
}

#[tokio::test]
async fn a_posted_form_checks_the_caller_and_the_origin_like_its_server_function() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let (edition, _) = open_edition(&app).await;
        let edition_field = edition.to_string();
        let browser = browser();
        let decide = [
            ("_form", "decide"),
            ("edition_id", edition_field.as_str()),
            ("row_decision", "approve:1"),
        ];
        // Anonymous: the decision is refused, 401, on the page.
        let page = format!("/editions/{edition}/registrations");
        let (status, location, _) = post_form(&app, &browser, &page, &decide).await;
        assert_eq!((status, location), (401, None));
        // A form that needs its page's script (a staff page's), posted
        // before it arrived: 204, the browser stays on the page as typed.
        let (status, _, body) =
            post_form(&app, &browser, "/members/new", &[("name_latin", "Porto")]).await;
        assert_eq!((status, body.as_str()), (204, ""));
        let (status, _, _) = post_form(&app, &browser, &page, &[("_form", "drop-tables")]).await;
        assert_eq!(status, 204);
        // More fields than the largest registration has: refused unread.
        let mut many = vec![
            ("_form", "register"),
            ("edition_id", edition_field.as_str()),
        ];
        many.extend(std::iter::repeat_n(
            ("languages", "en"),
            app::forms::FIELDS_MAX,
        ));
        let (status, _, _) = post_form(
            &app,
            &browser,
            &format!("/editions/{edition}/register"),
            &many,
        )
        .await;
        assert_eq!(status, 413);
        // From another site: refused before anything runs.
        let response = browser
            .post(app.url(&page))
            .header(ORIGIN, "https://evil.example")
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("cookie", "cf_session=whatever")
            .body("_form=decide")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403);
    }
}

#[tokio::test]
async fn posted_registrations_count_against_the_same_limit_as_the_script_s() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let (edition, _) = open_edition(&app).await;
        let page = format!("/editions/{edition}/register");
        let edition_field = edition.to_string();
        let browser = browser();
        let mut statuses = Vec::new();
        for n in 0..40 {
            let email = format!("person{n}@busan.example");
            let fields = [
                ("_form", "register"),
                ("edition_id", edition_field.as_str()),
                ("name_latin", "Park"),
                ("email", email.as_str()),
                ("category", "head_of_delegation"),
                ("consent", "true"),
            ];
            let (status, _, _) = post_form(&app, &browser, &page, &fields).await;
            statuses.push(status);
            if status == 429 {
                break;
            }
        }
        // Registered (303) until the address's bucket is empty, then the
        // page again with 429, as the script's path answers.
        assert_eq!(statuses[0], 303, "{statuses:?}");
        assert_eq!(statuses.last(), Some(&429), "{statuses:?}");
    }
}

#[tokio::test]
async fn the_language_switch_posted_without_script_keeps_the_choice_in_its_cookie() {
    let app = spawn_app(backends()[0]).await;
    let browser = browser();
    let (status, location, _) = post_form(
        &app,
        &browser,
        "/editions",
        &[("_form", "language"), ("locale", "zh")],
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(location.as_deref(), Some("/editions"));
    let chosen = post_form_response(
        &app,
        &browser,
        "/",
        &[("_form", "language"), ("locale", "zh")],
    )
    .await;
    let cookie = chosen
        .headers()
        .get(SET_COOKIE)
        .expect("the choice is kept")
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("i18n_pref_locale=zh;"), "{cookie}");
    assert!(cookie.contains("Path=/"), "{cookie}");
    // The next page comes in the chosen language.
    let page = browser
        .get(app.url("/"))
        .header("cookie", "i18n_pref_locale=zh")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains(r#"lang="zh""#) && page.contains("城市论坛"));
    // A language the app does not speak sets nothing.
    let unknown = post_form_response(
        &app,
        &browser,
        "/",
        &[("_form", "language"), ("locale", "xx")],
    )
    .await;
    assert_eq!(unknown.status().as_u16(), 303);
    assert!(unknown.headers().get(SET_COOKIE).is_none());
}
