//! The delegate's own page, opened by the e-mailed sign-in link: the head
//! sees and edits the delegation and cancels; a new link on request.

use sea_orm::EntityTrait;
use serde_json::Value;

use app::mail::entity::message;
use app::registration::domain::parse_delegation;
use app::registration::service::register_delegation;

use super::{URL, open_edition, person, register_one, subjects_to};
use crate::helpers::staff;
use crate::helpers::{TestApp, backends, browser, spawn_app};

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
    let created = register_delegation(app.db(), &staff(), edition, None, "", d, URL)
        .await
        .unwrap()
        .created;
    (edition, created[1].id)
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

/// Presses the button of the page a sign-in link opens.
async fn sign_in_with_link(
    app: &TestApp,
    browser: &reqwest::Client,
    secret: &str,
) -> reqwest::Response {
    browser
        .post(app.url("/my/sign-in"))
        .header("origin", &app.address)
        .form(&[("secret", secret)])
        .send()
        .await
        .unwrap()
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
        let opened = sign_in_with_link(app, &browser, &secret).await;
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
        let bad = sign_in_with_link(&app, &browser, "not-a-real-secret").await;
        assert_eq!(bad.headers()["location"], "/my?link=expired");
        // Opening the link (as a mail scanner or a preview would) signs
        // nobody in: it shows a button that posts the secret.
        let page = browser
            .get(app.url(&format!("/my/link/{secret}")))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 200, "{backend:?}");
        assert!(page.headers().get("set-cookie").is_none());
        let html = page.text().await.unwrap();
        assert!(html.contains(r#"action="/my/sign-in""#), "{html}");
        assert!(html.contains(&secret));
        // A page of another site cannot post it for us.
        let forged = browser
            .post(app.url("/my/sign-in"))
            .header("origin", "https://evil.example")
            .form(&[("secret", secret.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(forged.status(), 403);
        let opened = sign_in_with_link(&app, &browser, &secret).await;
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
        // The letter is queued after the answer (so that the answer's
        // timing reveals nothing): wait for it.
        let mut subjects = Vec::new();
        for _ in 0..50 {
            subjects = subjects_to(&app, "li@qz.example").await;
            if subjects.len() >= 2 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!(
            subjects.last().unwrap(),
            "您的城市论坛登录链接",
            "{backend:?}"
        );
        assert!(subjects_to(&app, "nobody@x.example").await.is_empty());
    }
}

#[tokio::test]
async fn a_change_after_approval_goes_back_to_review_and_the_letter_waits() {
    use app::registration::service::decide;
    use app::registration::types::Decision;
    for backend in backends() {
        let app = spawn_app(backend).await;
        let head = Head::signed_in(&app).await;
        decide(
            app.db(),
            &staff(),
            head.edition,
            &[head.member],
            Decision::Approve,
            "",
            URL,
        )
        .await
        .unwrap();
        // Dietary needs are not what the approval vouches for: still approved.
        let mut meal = edit(head.member, "Chen Jing", "chen@qz.example", "delegate");
        meal.retain(|(k, _)| *k != "form[dietary]");
        meal.push(("form[dietary]", "Vegetarian".into()));
        let kept: Value = head
            .call(&app, "/api/registration/update_mine", meal)
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(kept["status"], "approved", "{backend:?}");

        // Another name and category: back to review, with what was approved.
        let renamed: Value = head
            .call(
                &app,
                "/api/registration/update_mine",
                edit(head.member, "Alice Other", "chen@qz.example", "staff"),
            )
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(renamed["status"], "submitted", "{backend:?}");
        assert_eq!(
            renamed["changed_since_approval"],
            serde_json::json!([["category", "delegate"], ["name_latin", "Chen Jing"]])
        );
        // No official document for what nobody approved.
        let letter = head
            .browser
            .get(app.url(&format!(
                "/api/v1/editions/{}/registrations/{}/visa-letter.pdf",
                head.edition, head.member
            )))
            .send()
            .await
            .unwrap();
        assert_eq!(letter.status(), 409, "{backend:?}");

        // Back to what was approved: approved again, nothing to review.
        let reverted: Value = head
            .call(
                &app,
                "/api/registration/update_mine",
                edit(head.member, "Chen Jing", "chen@qz.example", "delegate"),
            )
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(reverted["status"], "approved", "{backend:?}");
        assert_eq!(reverted["changed_since_approval"], serde_json::json!([]));
        head.call(
            &app,
            "/api/registration/update_mine",
            edit(head.member, "Alice Other", "chen@qz.example", "staff"),
        )
        .await;

        // The registrar approves again: the record of changes is cleared.
        let approved = decide(
            app.db(),
            &staff(),
            head.edition,
            &[head.member],
            Decision::Approve,
            "",
            URL,
        )
        .await
        .unwrap();
        assert!(approved[0].changed_since_approval.is_empty());
        assert_eq!(approved[0].name_latin, "Alice Other");
    }
}

#[tokio::test]
async fn a_head_cannot_move_a_member_to_another_address() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let head = Head::signed_in(&app).await;
        let moved = head
            .call(
                &app,
                "/api/registration/update_mine",
                edit(
                    head.member,
                    "Chen Jing",
                    "someone-else@x.example",
                    "delegate",
                ),
            )
            .await;
        assert_eq!(moved.status(), 422, "{backend:?}");
        let body: Value = moved.json().await.unwrap();
        assert_eq!(body["detail"]["email"][0], "email_fixed");
    }
}

#[tokio::test]
async fn a_cancelled_registration_frees_its_address() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let head = Head::signed_in(&app).await;
        let cancelled = head
            .call(
                &app,
                "/api/registration/cancel_mine",
                vec![("id", head.member.to_string())],
            )
            .await;
        assert_eq!(cancelled.status(), 200);
        let again = register_one(
            &app,
            head.edition,
            person("Chen Jing", "陈静", "chen@qz.example", "delegate"),
        )
        .await;
        assert!(again.is_ok(), "{backend:?}: {again:?}");
        assert_ne!(again.unwrap(), head.member);
    }
}

#[tokio::test]
async fn staff_cancel_a_squatted_registration_and_its_address_is_free() {
    use app::registration::service::decide;
    use app::registration::types::Decision;
    for backend in backends() {
        let app = spawn_app(backend).await;
        let (edition, _) = open_edition(&app).await;
        let squatted = register_one(
            &app,
            edition,
            person("Not Me", "", "mayor@city.example", "delegate"),
        )
        .await
        .unwrap();
        let without_reason = decide(
            app.db(),
            &staff(),
            edition,
            &[squatted],
            Decision::Cancel,
            "",
            URL,
        )
        .await
        .unwrap_err();
        assert_eq!(
            without_reason.field_messages("reason"),
            vec![app::error::ErrorCode::Required]
        );
        let cancelled = decide(
            app.db(),
            &staff(),
            edition,
            &[squatted],
            Decision::Cancel,
            "Registered with someone else's address",
            URL,
        )
        .await
        .unwrap();
        assert_eq!(cancelled[0].status.as_str(), "cancelled", "{backend:?}");
        let real = register_one(
            &app,
            edition,
            person("Mayor", "", "mayor@city.example", "head_of_delegation"),
        )
        .await;
        assert!(real.is_ok(), "{backend:?}: {real:?}");
    }
}

#[tokio::test]
async fn a_sign_in_link_never_opens_a_staff_account() {
    use app::auth::service::{NewUser, create_sign_in_link, create_user};
    use app::auth::types::Role;
    for backend in backends() {
        let app = spawn_app(backend).await;
        create_user(
            app.db(),
            NewUser {
                email: "registrar@forum.example".into(),
                display_name: String::new(),
                role: Role::Registrar,
                password: Some("correct horse battery staple".into()),
                language: None,
            },
        )
        .await
        .unwrap();
        let secret = create_sign_in_link(app.db(), "registrar@forum.example")
            .await
            .unwrap();
        let browser = browser();
        let refused = sign_in_with_link(&app, &browser, &secret).await;
        assert_eq!(
            refused.headers()["location"],
            "/login?link=staff",
            "{backend:?}"
        );
        assert!(refused.headers().get("set-cookie").is_none());
    }
}

#[tokio::test]
async fn links_are_listed_and_revoked_and_the_outbox_masks_them() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let head = Head::signed_in(&app).await;
        let secret = secret_in_the_letter(&app).await;
        let links: Value = head
            .call(&app, "/api/auth/my_links", vec![])
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(links[0]["active"], true, "{backend:?}");
        assert!(links[0]["used_at"].is_string());

        // The organizers' outbox shows the letter, not the secret.
        let outbox = app::mail::service::list_messages(app.db(), 100)
            .await
            .unwrap();
        assert!(outbox.iter().all(|m| !m.body_text.contains(&secret)));
        assert!(
            outbox
                .iter()
                .any(|m| m.body_text.contains("/my/link/••••••••"))
        );

        let revoked: Value = head
            .call(&app, "/api/auth/revoke_links", vec![])
            .await
            .json()
            .await
            .unwrap();
        assert!(revoked.as_u64().unwrap() >= 1);
        let again = sign_in_with_link(&app, &browser(), &secret).await;
        assert_eq!(
            again.headers()["location"],
            "/my?link=expired",
            "{backend:?}"
        );
    }
}
