//! Sign-in and sign-out for the browser.

use leptos::prelude::*;

use super::types::UserView;
use crate::error::AppError;

/// Signs in with e-mail and password; a new session id each time.
#[server(endpoint = "auth/login")]
pub async fn login(email: String, password: String) -> Result<UserView, AppError> {
    use super::guard::{public, session_cookie, session_secret, set_cookie};
    use super::service;
    public(|state| async move {
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
