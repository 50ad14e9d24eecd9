//! The delegate's own page, opened by the e-mailed sign-in link: the head
//! sees and edits the delegation and cancels; a new link on request.

use sea_orm::EntityTrait;
use serde_json::Value;

use app::mail::entity::message;
use app::registration::domain::parse_delegation;
use app::registration::service::register_delegation;

use super::{URL, open_edition, person, register_one, subjects_to};
use crate::helpers::{TestApp, backends, spawn_app};

/// A head of delegation (Li Hua) and a delegate (Chen Jing), registered:
/// the edition and the delegate's id.
async fn registered_delegation(app: &TestApp) -> (i64, i64) {
    let (edition, _) = open_edition(app).await;
    let head = person("Li Hua", "李华", "li@qz.example", "head_of_delegation");
    let d = parse_delegation(
        &head,
        &[person("Chen Jing", "陈静", "chen@qz.example", "delegate")],
        true,
    )
    .unwrap();
    let created = register_delegation(app.db(), edition, None, "", d, URL)
        .await
        .unwrap();
    (edition, created[1].id)
}

/// A browser that keeps cookies and does not follow redirects.
fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The secret of the sign-in link in the head's confirmation letter.
async fn secret_in_the_letter(app: &TestApp) -> String {
    let letter = message::Entity::find()
        .all(app.db())
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.to_address == "li@qz.example")
        .unwrap();
    letter
        .body_text
        .split("/my/link/")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned()
}

/// The head's browser, signed in through the link of the letter.
struct Head {
    browser: reqwest::Client,
    edition: i64,
    /// Chen Jing's registration.
    member: i64,
}

impl Head {
    async fn signed_in(app: &TestApp) -> Head {
        let (edition, member) = registered_delegation(app).await;
        let secret = secret_in_the_letter(app).await;
        let browser = browser();
        let opened = browser
            .get(app.url(&format!("/my/link/{secret}")))
            .send()
            .await
            .unwrap();
        assert_eq!(opened.status(), 303);
        Head {
            browser,
            edition,
            member,
        }
    }

    /// A server function call from the page.
    async fn call(
        &self,
        app: &TestApp,
        path: &str,
        form: Vec<(&str, String)>,
    ) -> reqwest::Response {
        self.browser
            .post(app.url(path))
            .header("origin", &app.address)
            .form(&form)
            .send()
            .await
            .unwrap()
    }
}

/// The form that edits a member of the delegation.
fn edit(id: i64, latin: &str, email: &str, category: &str) -> Vec<(&'static str, String)> {
    vec![
        ("id", id.to_string()),
        ("form[name_native]", "陈静".into()),
        ("form[name_latin]", latin.into()),
        ("form[email]", email.into()),
        ("form[category]", category.into()),
        ("form[languages]", "zh, en".into()),
        ("form[dietary]", "Halal".into()),
    ]
}

#[tokio::test]
async fn the_e_mailed_link_opens_the_own_page_and_a_bad_one_says_expired() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        registered_delegation(&app).await;
        let secret = secret_in_the_letter(&app).await;
        let browser = browser();
        let bad = browser
            .get(app.url("/my/link/not-a-real-secret"))
            .send()
            .await
            .unwrap();
        assert_eq!(bad.headers()["location"], "/my?link=expired");
        let opened = browser
            .get(app.url(&format!("/my/link/{secret}")))
            .send()
            .await
            .unwrap();
        assert_eq!(opened.status(), 303, "{backend:?}");
        assert_eq!(opened.headers()["location"], "/my");

        let mine: Value = browser
            .post(app.url("/api/registration/mine"))
            .header("origin", &app.address)
            .form(&Vec::<(&str, String)>::new())
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(mine[0]["me"]["email"], "li@qz.example");
        assert_eq!(mine[0]["delegation"][0]["name_latin"], "Chen Jing");
    }
}

#[tokio::test]
async fn the_head_edits_a_member_of_the_delegation() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let head = Head::signed_in(&app).await;
        let edited = head
            .call(
                &app,
                "/api/registration/update_mine",
                edit(head.member, "Chen Jingjing", "chen@qz.example", "speaker"),
            )
            .await;
        assert_eq!(edited.status(), 200, "{backend:?}");
        let edited: Value = edited.json().await.unwrap();
        assert_eq!(edited["name_latin"], "Chen Jingjing");
        assert_eq!(edited["dietary"], "Halal");
    }
}

#[tokio::test]
async fn a_member_cannot_be_made_head_and_bad_input_keeps_nothing() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let head = Head::signed_in(&app).await;
        let refused = head
            .call(
                &app,
                "/api/registration/update_mine",
                edit(head.member, "", "chen@qz.example", "head_of_delegation"),
            )
            .await;
        assert_eq!(refused.status(), 422, "{backend:?}");
        let body: Value = refused.json().await.unwrap();
        assert_eq!(body["detail"]["category"][0], "one_head_per_delegation");
        assert_eq!(body["detail"]["name_latin"][0], "required");
    }
}

#[tokio::test]
async fn someone_elses_registration_is_not_found_not_forbidden() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let head = Head::signed_in(&app).await;
        let stranger = register_one(
            &app,
            head.edition,
            person("Ana", "", "ana@x.example", "observer"),
        )
        .await
        .unwrap();
        let other = head
            .call(
                &app,
                "/api/registration/cancel_mine",
                vec![("id", stranger.to_string())],
            )
            .await;
        assert_eq!(other.status(), 404, "{backend:?}");
    }
}

#[tokio::test]
async fn a_cancelled_registration_can_no_longer_be_edited() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let head = Head::signed_in(&app).await;
        let cancelled: Value = head
            .call(
                &app,
                "/api/registration/cancel_mine",
                vec![("id", head.member.to_string())],
            )
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(cancelled["status"], "cancelled", "{backend:?}");
        let late_edit = head
            .call(
                &app,
                "/api/registration/update_mine",
                edit(head.member, "Chen", "chen@qz.example", "delegate"),
            )
            .await;
        assert_eq!(late_edit.status(), 409);
    }
}

#[tokio::test]
async fn a_new_link_is_the_same_answer_for_any_address_and_a_letter_for_a_registered_one() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        registered_delegation(&app).await;
        for email in ["li@qz.example", "nobody@x.example"] {
            let asked = app
                .client
                .post(app.url("/api/registration/send_link"))
                .header("origin", &app.address)
                .form(&[("email", email)])
                .send()
                .await
                .unwrap();
            assert_eq!(asked.status(), 200, "{backend:?} {email}");
        }
        assert_eq!(
            subjects_to(&app, "li@qz.example").await.last().unwrap(),
            "您的城市论坛登录链接"
        );
        assert!(subjects_to(&app, "nobody@x.example").await.is_empty());
    }
}
