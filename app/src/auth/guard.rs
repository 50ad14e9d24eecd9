//! Who is calling: the session cookie of a browser, checked against the
//! permission table (server only).

use http::header::COOKIE;
use http::{HeaderMap, HeaderValue, StatusCode};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

use super::domain::{Operation, authorize};
use super::service;
use super::types::UserView;
use crate::error::AppError;
use crate::state::{AppState, app_state};

pub const SESSION_COOKIE: &str = "cf_session";

/// The value of one cookie in the request headers.
pub fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
}

/// The `Set-Cookie` value for a session secret; `None` clears the cookie.
pub fn session_cookie(secret: Option<&str>, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    match secret {
        Some(secret) => format!(
            "{SESSION_COOKIE}={secret}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
            service::SESSION_DAYS * 24 * 3600
        ),
        None => format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"),
    }
}

async fn request_headers() -> Result<HeaderMap, AppError> {
    leptos_axum::extract::<HeaderMap>()
        .await
        .map_err(AppError::internal)
}

/// The signed-in account of this request, if any.
pub async fn caller() -> Result<Option<UserView>, AppError> {
    let headers = request_headers().await?;
    let Some(secret) = cookie_value(&headers, SESSION_COOKIE) else {
        return Ok(None);
    };
    service::session_user(&app_state()?.db, &secret).await
}

/// The caller, if signed in and allowed to do `operation`.
pub async fn require(operation: Operation) -> Result<UserView, AppError> {
    let user = caller().await?.ok_or(AppError::Unauthorized)?;
    authorize(user.role, operation)?;
    Ok(user)
}

/// Gives a server function's response the status that matches the error,
/// so that scripts and tests see 401, 403 or 422 rather than a generic
/// 500. Calls made while rendering a page leave the page's status alone.
pub fn with_status<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    let called_over_http = use_context::<http::request::Parts>()
        .is_some_and(|parts| parts.uri.path().starts_with("/api/"));
    if called_over_http
        && let Err(err) = &result
        && let Some(options) = use_context::<ResponseOptions>()
        && let Ok(status) = StatusCode::from_u16(err.status_code())
    {
        options.set_status(status);
        if let Some(seconds) = err.retry_after() {
            // As the REST API says it: when to try again.
            options.insert_header(http::header::RETRY_AFTER, HeaderValue::from(seconds));
        }
    }
    result
}

/// The envelope of every server function open to a role: the caller must
/// be signed in and allowed `operation`; the body gets the state and the
/// caller; a failure gives the response its status.
pub async fn guarded<T, Body, Done>(operation: Operation, body: Body) -> Result<T, AppError>
where
    Body: FnOnce(AppState, UserView) -> Done,
    Done: Future<Output = Result<T, AppError>>,
{
    with_status(
        async {
            let caller = require(operation).await?;
            body(app_state()?, caller).await
        }
        .await,
    )
}

/// The envelope of a server function open to anyone (each says why).
pub async fn public<T, Body, Done>(body: Body) -> Result<T, AppError>
where
    Body: FnOnce(AppState) -> Done,
    Done: Future<Output = Result<T, AppError>>,
{
    with_status(async { body(app_state()?).await }.await)
}

impl crate::audit::Actor {
    /// A signed-in caller as the audit log names them (by e-mail).
    pub fn user(user: &UserView) -> crate::audit::Actor {
        crate::audit::Actor::account(user.id, &user.email)
    }
}

pub async fn session_secret() -> Result<Option<String>, AppError> {
    Ok(cookie_value(&request_headers().await?, SESSION_COOKIE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_session_among_other_cookies() {
        let mut headers = HeaderMap::new();
        headers.insert(COOKIE, HeaderValue::from_static("a=1; cf_session=abc; b=2"));
        assert_eq!(cookie_value(&headers, SESSION_COOKIE), Some("abc".into()));
        assert_eq!(cookie_value(&headers, "missing"), None);
    }

    #[test]
    fn session_cookies_are_http_only_and_same_site() {
        let cookie = session_cookie(Some("s3cret"), true);
        assert!(cookie.starts_with("cf_session=s3cret;"));
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
        assert!(cookie.contains("Secure"));
        assert!(session_cookie(None, false).contains("Max-Age=0"));
    }
}
