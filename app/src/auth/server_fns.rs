//! Sign-in and sign-out for the browser.

use leptos::prelude::*;

use super::types::{ApiTokenView, SignInLinkView, UserView};
use crate::error::AppError;

/// Signs in with e-mail and password; a new session id each time.
#[server(endpoint = "auth/login")]
pub async fn login(email: String, password: String) -> Result<UserView, AppError> {
    use super::guard::{public, session_cookie, session_secret, set_cookie};
    use super::service;
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
        let user = service::authenticate(&state.db, &email, &password).await?;
        let old = session_secret().await?;
        let secret = service::rotate_session(&state.db, old.as_deref(), user.id).await?;
        // Sign-ins are rare enough to sweep expired sessions on the way.
        service::purge_expired_sessions(&state.db).await?;
        set_cookie(&session_cookie(Some(&secret), state.secure_cookies));
        Ok(user)
    })
    .await
}

#[server(endpoint = "auth/logout")]
pub async fn logout() -> Result<(), AppError> {
    use super::guard::{public, session_cookie, session_secret, set_cookie};
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
