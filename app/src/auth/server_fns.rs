//! Sign-in and sign-out for the browser.

use leptos::prelude::*;

use super::types::{ApiTokenView, PasswordLinkView, SignInLinkView, StaffView, UserView};
use crate::error::AppError;

/// Signs in with e-mail and password; a new session id each time.
#[server(endpoint = "auth/login")]
pub async fn login(email: String, password: String) -> Result<UserView, AppError> {
    use super::guard::{public, session_cookie, session_secret};
    use super::service;
    use crate::ui::posted::set_cookie;
    public(|state| async move {
        // Per account and address, known or not (the same answer either
        // way): guessing one account from one place is slow, and nobody can
        // lock the owner out from elsewhere. The per-address limit runs
        // before this function.
        let client = leptos_axum::extract::<axum::Extension<crate::throttle::ClientAddress>>()
            .await
            .map(|axum::Extension(c)| c.0.to_string())
            .unwrap_or_default();
        state.throttle.check_name(
            crate::throttle::Limit::LoginToAccount,
            &format!("{}|{client}", email.trim()),
        )?;
        let mut user = service::authenticate(&state.db, &email, &password).await?;
        let old = session_secret().await?;
        let secret = service::rotate_session(&state.db, old.as_deref(), user.id).await?;
        // Sign-ins are rare enough to sweep expired sessions on the way.
        service::purge_expired_sessions(&state.db).await?;
        set_cookie(&session_cookie(Some(&secret), state.secure_cookies));
        // The account's language follows the browser's choice, or gives the
        // browser one (the page sets it from the answer's `language`).
        let headers = leptos_axum::extract::<http::HeaderMap>()
            .await
            .map_err(AppError::internal)?;
        let browsing = crate::ui::language::browsing_language(&headers);
        if let Some(locale) = service::language_at_sign_in(&state.db, &user, browsing).await? {
            set_cookie(&crate::ui::language::language_cookie(locale));
        }
        user.language = browsing
            .map(|l| crate::locale::code(l).to_owned())
            .or(user.language);
        Ok(user)
    })
    .await
}

/// Keeps the language the signed-in account reads in (a locale's code);
/// does nothing for a visitor or a language the app does not speak.
#[server(endpoint = "auth/language")]
pub async fn remember_language(code: String) -> Result<(), AppError> {
    use super::guard::{caller, public};
    public(|state| async move {
        let locale = crate::locale::locale_of(&code);
        if let (Some(locale), Some(user)) = (locale, caller().await?)
            && user.language.as_deref() != Some(crate::locale::code(locale))
        {
            super::service::remember_language(&state.db, user.id, locale).await?;
        }
        Ok(())
    })
    .await
}

#[server(endpoint = "auth/logout")]
pub async fn logout() -> Result<(), AppError> {
    use super::guard::{public, session_cookie, session_secret};
    use crate::ui::posted::set_cookie;
    public(|state| async move {
        if let Some(secret) = session_secret().await? {
            super::service::delete_session(&state.db, &secret).await?;
        }
        set_cookie(&session_cookie(None, state.secure_cookies));
        Ok(())
    })
    .await
}

/// The signed-in account, or `None`; never fails for a signed-out caller.
#[server(endpoint = "auth/me")]
pub async fn current_user() -> Result<Option<UserView>, AppError> {
    super::guard::with_status(super::guard::caller().await)
}

/// The sign-in links sent to the signed-in person's address, newest first.
#[server(endpoint = "auth/my_links")]
pub async fn my_sign_in_links() -> Result<Vec<SignInLinkView>, AppError> {
    use super::domain::Operation;
    use super::guard::guarded;
    guarded(Operation::ManageOwnRegistration, |state, caller| async move {
        super::service::sign_in_links_of(&state.db, &caller.email).await
    })
    .await
}

/// Revokes one of the signed-in person's sign-in links, or (`None`) all
/// that still work; returns how many.
#[server(endpoint = "auth/revoke_links")]
pub async fn revoke_my_sign_in_links(id: Option<i64>) -> Result<u64, AppError> {
    use super::domain::Operation;
    use super::guard::guarded;
    use crate::audit::{Actor, Change, record};
    use sea_orm::TransactionTrait;
    guarded(
        Operation::ManageOwnRegistration,
        |state, caller| async move {
            let txn = state.db.begin().await?;
            let revoked = super::service::revoke_sign_in_links(&txn, &caller.email, id).await?;
            if revoked > 0 {
                let record_id = id.map_or_else(|| "all".to_owned(), |id| id.to_string());
                record(
                    &txn,
                    &Actor::user(&caller),
                    Change::new("revoked", "sign_in_link", record_id)
                        .after(&serde_json::json!({ "revoked": revoked })),
                )
                .await?;
            }
            txn.commit().await?;
            Ok(revoked)
        },
    )
    .await
}

/// The signed-in account's API tokens, newest first (never the tokens).
#[server(endpoint = "auth/my_tokens")]
pub async fn my_api_tokens() -> Result<Vec<ApiTokenView>, AppError> {
    use super::domain::Operation;
    use super::guard::guarded;
    guarded(Operation::ManageOwnApiTokens, |state, caller| async move {
        super::service::list_api_tokens(&state.db, Some(caller.id)).await
    })
    .await
}

/// Makes an API token for the signed-in account; the answer is the only
/// time the token is shown.
#[server(endpoint = "auth/make_token")]
pub async fn make_api_token(label: String, days: String) -> Result<String, AppError> {
    use super::domain::Operation;
    use super::guard::guarded;
    use crate::audit::{Actor, Change, record};
    use crate::error::ErrorCode;
    use sea_orm::TransactionTrait;
    guarded(Operation::ManageOwnApiTokens, |state, caller| async move {
        let days: i64 = days
            .trim()
            .parse()
            .map_err(|_| AppError::field("days", ErrorCode::InvalidNumber))?;
        let txn = state.db.begin().await?;
        let token = super::service::issue_api_token(&txn, caller.id, &label, days).await?;
        let made = super::service::list_api_tokens(&txn, Some(caller.id)).await?;
        if let Some(made) = made.first() {
            record(
                &txn,
                &Actor::user(&caller),
                Change::new("created", "api_token", made.id).after(made),
            )
            .await?;
        }
        txn.commit().await?;
        Ok(token)
    })
    .await
}

/// Revokes one of the signed-in account's API tokens.
#[server(endpoint = "auth/revoke_token")]
pub async fn revoke_api_token(id: i64) -> Result<ApiTokenView, AppError> {
    use super::domain::Operation;
    use super::guard::guarded;
    use crate::audit::{Actor, Change, record};
    use sea_orm::TransactionTrait;
    guarded(Operation::ManageOwnApiTokens, |state, caller| async move {
        let txn = state.db.begin().await?;
        let revoked = super::service::revoke_api_token(&txn, id, Some(caller.id)).await?;
        record(
            &txn,
            &Actor::user(&caller),
            Change::new("revoked", "api_token", id).after(&revoked),
        )
        .await?;
        txn.commit().await?;
        Ok(revoked)
    })
    .await
}

/// Staff accounts, by e-mail (organizers).
#[server(endpoint = "accounts/list")]
pub async fn list_staff() -> Result<Vec<StaffView>, AppError> {
    use super::domain::Operation;
    use super::guard::guarded;
    guarded(Operation::ManageAccounts, |state, _| async move {
        super::accounts::list_staff(&state.db).await
    })
    .await
}

/// Invites someone to a staff role: the account, and a letter (in `lang`)
/// with the link to choose a password.
#[server(endpoint = "accounts/invite")]
pub async fn invite_staff(
    email: String,
    display_name: String,
    role: String,
    lang: String,
) -> Result<StaffView, AppError> {
    use super::accounts::Invitation;
    use super::domain::Operation;
    use super::guard::guarded;
    use crate::audit::Actor;
    guarded(Operation::ManageAccounts, |state, caller| async move {
        let role =
            super::types::Role::parse(&role).map_err(|code| AppError::field("role", code))?;
        let invitation = Invitation {
            email,
            display_name,
            role,
            locale: crate::locale::locale_of(&lang).unwrap_or_default(),
            invited_by: caller.display_name.clone(),
        };
        let actor = Actor::user(&caller);
        super::accounts::invite_staff(&state.db, &actor, invitation, &state.public_url).await
    })
    .await
}

#[server(endpoint = "accounts/set_role")]
pub async fn set_staff_role(id: i64, role: String) -> Result<StaffView, AppError> {
    use super::domain::Operation;
    use super::guard::guarded;
    use crate::audit::Actor;
    guarded(Operation::ManageAccounts, |state, caller| async move {
        let role =
            super::types::Role::parse(&role).map_err(|code| AppError::field("role", code))?;
        super::accounts::change_role(&state.db, &Actor::user(&caller), id, role).await
    })
    .await
}

/// Switches an account off (`on` false: its sessions and tokens end at
/// once) or on again.
#[server(endpoint = "accounts/switch")]
pub async fn switch_staff(id: i64, on: bool) -> Result<StaffView, AppError> {
    use super::domain::Operation;
    use super::guard::guarded;
    use crate::audit::Actor;
    guarded(Operation::ManageAccounts, |state, caller| async move {
        super::accounts::switch_account(&state.db, &Actor::user(&caller), id, on).await
    })
    .await
}

/// Public: "I forgot my password". The same answer whether or not the
/// address has an account, given before it is looked up.
#[server(endpoint = "accounts/request_reset")]
pub async fn request_password_reset(email: String, lang: String) -> Result<(), AppError> {
    use super::domain::normalize_email;
    use super::guard::public;
    use crate::throttle::Limit;
    public(|state| async move {
        let email = normalize_email(&email).map_err(|code| AppError::field("email", code))?;
        // A few letters an hour to one mailbox, whoever asks.
        state
            .throttle
            .check_name(Limit::LinkRequestToMailbox, &email)?;
        let locale = crate::locale::locale_of(&lang).unwrap_or_default();
        tokio::spawn(async move {
            let sent = super::accounts::request_password_reset(
                &state.db,
                &email,
                locale,
                &state.public_url,
            )
            .await;
            if let Err(err) = sent {
                tracing::error!(error = %err, "sending a password reset failed");
            }
        });
        Ok(())
    })
    .await
}

/// The longest secret a link carries (ours are 64 hex characters).
#[cfg(feature = "ssr")]
const SECRET_MAX: usize = 128;

/// Public, with the link's secret: what the link is for, or 401 when it
/// no longer works.
#[server(endpoint = "accounts/password_link")]
pub async fn password_link(secret: String) -> Result<PasswordLinkView, AppError> {
    use super::guard::public;
    public(|state| async move {
        if secret.len() > SECRET_MAX {
            return Err(AppError::Unauthorized);
        }
        let (purpose, email) = super::accounts::password_link_purpose(&state.db, &secret).await?;
        Ok(PasswordLinkView { purpose, email })
    })
    .await
}

/// Public, with the link's secret: sets the password and signs in.
#[server(endpoint = "accounts/set_password")]
pub async fn set_password(
    secret: String,
    password: String,
    again: String,
) -> Result<UserView, AppError> {
    use super::guard::{public, session_cookie, session_secret};
    use crate::ui::posted::set_cookie;
    public(|state| async move {
        if secret.len() > SECRET_MAX {
            return Err(AppError::Unauthorized);
        }
        let user =
            super::accounts::set_password_with_link(&state.db, &secret, &password, &again).await?;
        let old = session_secret().await?;
        let session = super::service::rotate_session(&state.db, old.as_deref(), user.id).await?;
        set_cookie(&session_cookie(Some(&session), state.secure_cookies));
        Ok(user)
    })
    .await
}
