//! `GET /my/link/{secret}`: the sign-in link from an e-mail. It signs the
//! browser in (a new session, as at any sign-in) and goes to the person's
//! own page; an unknown or expired link goes there with a note to ask for
//! a new one.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use http::header::SET_COOKIE;
use http::{HeaderMap, HeaderValue};

use app::auth::guard::{SESSION_COOKIE, cookie_value, session_cookie};
use app::auth::service;
use app::error::AppError;
use app::state::AppState;

pub async fn redeem(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(secret): Path<String>,
) -> Response {
    match sign_in(&state, &headers, &secret).await {
        Ok(cookie) => {
            let mut response = Redirect::to("/my").into_response();
            if let Ok(value) = HeaderValue::from_str(&cookie) {
                response.headers_mut().append(SET_COOKIE, value);
            }
            response
        }
        Err(AppError::Unauthorized) => Redirect::to("/my?link=expired").into_response(),
        Err(_) => Redirect::to("/my?link=failed").into_response(),
    }
}

async fn sign_in(state: &AppState, headers: &HeaderMap, secret: &str) -> Result<String, AppError> {
    let user = service::redeem_sign_in_link(&state.db, secret).await?;
    let old = cookie_value(headers, SESSION_COOKIE);
    let secret = service::rotate_session(&state.db, old.as_deref(), user.id).await?;
    Ok(session_cookie(Some(&secret), state.secure_cookies))
}
