//! Staff accounts in the app: invitations and password links, roles,
//! switching off, and the last organizer.

use std::time::Duration;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use app::auth::accounts::{
    Invitation, change_role, invite_staff, set_password_with_link, switch_account,
};
use app::auth::service::{
    NewUser, authenticate, create_session, create_user, issue_api_token, session_user, token_user,
};
use app::auth::types::{Role, UserView};
use app::error::{AppError, ErrorCode};
use app::i18n::Locale;
use app::mail::entity::message;

use crate::helpers::{TestApp, backends, spawn_app, staff};

const PASSWORD: &str = "correct horse battery staple";

async fn account(app: &TestApp, email: &str, role: Role) -> UserView {
    create_user(
        app.db(),
        NewUser {
            email: email.into(),
            display_name: email.into(),
            role,
            password: Some(PASSWORD.into()),
            language: None,
        },
    )
    .await
    .unwrap()
}

/// The newest letter to `to`, if any: (subject, text).
async fn letter_to(app: &TestApp, to: &str) -> Option<(String, String)> {
    message::Entity::find()
        .filter(message::Column::ToAddress.eq(to))
        .order_by_desc(message::Column::Id)
        .one(app.db())
        .await
        .unwrap()
        .map(|m| (m.subject, m.body_text))
}

fn secret_in(text: &str) -> String {
    let (_, after) = text
        .split_once("/account/password/")
        .expect("a password link");
    after
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect()
}

#[tokio::test]
async fn an_invited_person_chooses_a_password_once_and_signs_in() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let invitation = Invitation {
            email: "Desk@Forum.example".into(),
            display_name: "Front desk".into(),
            role: Role::Checkin,
            locale: Locale::zh,
            invited_by: "Ana".into(),
        };
        let invited = invite_staff(app.db(), &staff(), invitation, &app.address)
            .await
            .unwrap();
        assert_eq!((invited.role, invited.has_password), (Role::Checkin, false));
        // An account without a password cannot sign in yet.
        assert_eq!(
            authenticate(app.db(), "desk@forum.example", PASSWORD).await,
            Err(AppError::Unauthorized)
        );
        let (subject, text) = letter_to(&app, "desk@forum.example").await.unwrap();
        assert_eq!(subject, "您的城市论坛工作人员账户", "{backend:?}");
        assert!(text.contains("Ana"), "{text}");
        let secret = secret_in(&text);
        assert_eq!(secret.len(), 64);

        // Refusals name their field and leave the link working.
        let short = set_password_with_link(app.db(), &secret, "short", "short").await;
        assert_eq!(
            short.unwrap_err().field_messages("password"),
            vec![ErrorCode::PasswordTooShort]
        );
        let differ =
            set_password_with_link(app.db(), &secret, PASSWORD, "another one entirely").await;
        assert_eq!(
            differ.unwrap_err().field_messages("again"),
            vec![ErrorCode::PasswordsDiffer]
        );
        let user = set_password_with_link(app.db(), &secret, PASSWORD, PASSWORD)
            .await
            .unwrap();
        assert_eq!(user.role, Role::Checkin);
        assert_eq!(
            authenticate(app.db(), "desk@forum.example", PASSWORD)
                .await
                .unwrap()
                .id,
            user.id
        );
        // Once only.
        assert_eq!(
            set_password_with_link(
                app.db(),
                &secret,
                "a different password",
                "a different password"
            )
            .await,
            Err(AppError::Unauthorized)
        );
        // The same address cannot be invited twice.
        let again = Invitation {
            email: "desk@forum.example".into(),
            display_name: String::new(),
            role: Role::Registrar,
            locale: Locale::en,
            invited_by: "Ana".into(),
        };
        let taken = invite_staff(app.db(), &staff(), again, &app.address).await;
        assert_eq!(
            taken.unwrap_err().field_messages("email"),
            vec![ErrorCode::EmailTaken]
        );
        // Every input is bounded.
        let long = Invitation {
            email: "long@forum.example".into(),
            display_name: "N".repeat(121),
            role: Role::Registrar,
            locale: Locale::en,
            invited_by: "Ana".into(),
        };
        let refused = invite_staff(app.db(), &staff(), long, &app.address).await;
        assert_eq!(
            refused.unwrap_err().field_messages("display_name"),
            vec![ErrorCode::TooLong]
        );
        // Delegates register; they are not invited.
        let delegate = Invitation {
            email: "mayor@city.example".into(),
            display_name: String::new(),
            role: Role::Delegate,
            locale: Locale::en,
            invited_by: "Ana".into(),
        };
        let refused = invite_staff(app.db(), &staff(), delegate, &app.address).await;
        assert_eq!(
            refused.unwrap_err().field_messages("role"),
            vec![ErrorCode::NotAStaffRole]
        );
        // The outbox never shows the secret.
        let shown = app::mail::service::list_messages(app.db(), 100)
            .await
            .unwrap();
        assert!(shown.iter().all(|m| !m.body_text.contains(&secret)));
    }
}

#[tokio::test]
async fn switching_an_account_off_ends_it_at_once_and_the_last_organizer_stays() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let organizer = account(&app, "ana@forum.example", Role::Organizer).await;
        let registrar = account(&app, "rui@forum.example", Role::Registrar).await;
        let session = create_session(app.db(), registrar.id).await.unwrap();
        let token = issue_api_token(app.db(), registrar.id, "sync", 30)
            .await
            .unwrap();
        assert!(session_user(app.db(), &session).await.unwrap().is_some());

        let off = switch_account(app.db(), &staff(), registrar.id, false)
            .await
            .unwrap();
        assert!(off.disabled_at.is_some(), "{backend:?}");
        assert_eq!(session_user(app.db(), &session).await.unwrap(), None);
        assert_eq!(token_user(app.db(), &token).await.unwrap(), None);
        assert_eq!(
            authenticate(app.db(), "rui@forum.example", PASSWORD).await,
            Err(AppError::Unauthorized)
        );
        // On again: the password works; the old token stays revoked.
        switch_account(app.db(), &staff(), registrar.id, true)
            .await
            .unwrap();
        assert!(
            authenticate(app.db(), "rui@forum.example", PASSWORD)
                .await
                .is_ok()
        );
        assert_eq!(token_user(app.db(), &token).await.unwrap(), None);

        // The only organizer keeps the role and stays on.
        let last = Err(AppError::Conflict(ErrorCode::LastOrganizer));
        assert_eq!(
            change_role(app.db(), &staff(), organizer.id, Role::Registrar).await,
            last
        );
        assert_eq!(
            switch_account(app.db(), &staff(), organizer.id, false).await,
            last
        );
        // With a second organizer, the first may step down.
        change_role(app.db(), &staff(), registrar.id, Role::Organizer)
            .await
            .unwrap();
        let stepped = change_role(app.db(), &staff(), organizer.id, Role::Coordinator)
            .await
            .unwrap();
        assert_eq!(stepped.role, Role::Coordinator);
        // Delegates' accounts are not managed here.
        let delegate = account(&app, "mayor@city.example", Role::Delegate).await;
        assert_eq!(
            switch_account(app.db(), &staff(), delegate.id, false).await,
            Err(AppError::NotFound)
        );
        // Every change is in the audit log.
        let log = app::audit::service::list_all(app.db(), &Default::default())
            .await
            .unwrap();
        let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
        for action in ["switched_off", "switched_on", "role_changed"] {
            assert!(actions.contains(&action), "{action}: {actions:?}");
        }
    }
}

#[tokio::test]
async fn a_reset_reaches_staff_only_and_answers_everyone_alike() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        account(&app, "rui@forum.example", Role::Registrar).await;
        account(&app, "mayor@city.example", Role::Delegate).await;
        let ask = |email: &'static str| {
            let app = &app;
            async move {
                let response = app
                    .client
                    .post(app.url("/api/accounts/request_reset"))
                    .form(&[("email", email), ("lang", "en")])
                    .send()
                    .await
                    .unwrap();
                (response.status().as_u16(), response.text().await.unwrap())
            }
        };
        let staff_answer = ask("rui@forum.example").await;
        assert_eq!(staff_answer.0, 200, "{backend:?}: {}", staff_answer.1);
        assert_eq!(ask("nobody@forum.example").await, staff_answer);
        assert_eq!(ask("mayor@city.example").await, staff_answer);
        // The letter is written after the answer.
        let mut letter = None;
        for _ in 0..50 {
            letter = letter_to(&app, "rui@forum.example").await;
            if letter.is_some() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let (subject, text) = letter.expect("a reset letter");
        assert_eq!(subject, "Reset your Cities Forum password");
        assert!(letter_to(&app, "nobody@forum.example").await.is_none());
        assert!(letter_to(&app, "mayor@city.example").await.is_none());

        let secret = secret_in(&text);
        set_password_with_link(
            app.db(),
            &secret,
            "a brand new passphrase",
            "a brand new passphrase",
        )
        .await
        .unwrap();
        assert_eq!(
            authenticate(app.db(), "rui@forum.example", PASSWORD).await,
            Err(AppError::Unauthorized)
        );
        assert!(
            authenticate(app.db(), "rui@forum.example", "a brand new passphrase")
                .await
                .is_ok()
        );
        // A malformed address is a message, not a silent success.
        let bad = ask("not-an-address").await;
        assert_eq!(bad.0, 422, "{}", bad.1);
    }
}
