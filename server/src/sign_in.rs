//! `POST /my/sign-in`: the button of the page a sign-in link opens
//! (`/my/link/{secret}`, a page that only shows the button). Signing in
//! takes this POST from our own page, so a link preview, a mail scanner
//! or a hostile page cannot sign anyone in or out. It signs the browser in
//! (a new session, as at any sign-in) and goes to the person's own page.

use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use http::header::SET_COOKIE;
use http::{HeaderMap, HeaderValue};
use serde::Deserialize;

use app::auth::guard::{SESSION_COOKIE, cookie_value, session_cookie};
use app::auth::service;
use app::error::AppError;
use app::state::AppState;
use app::ui::language;

#[derive(Deserialize)]
pub struct LinkForm {
    secret: String,
}

/// The longest secret worth looking up (ours are 64 hex digits).
const SECRET_MAX: usize = 128;

pub async fn redeem(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<LinkForm>,
) -> Response {
    match sign_in(&state, &headers, &form.secret).await {
        Ok(cookies) => {
            let mut response = Redirect::to("/my").into_response();
            for cookie in cookies {
                if let Ok(value) = HeaderValue::from_str(&cookie) {
                    response.headers_mut().append(SET_COOKIE, value);
                }
            }
            response
        }
        Err(AppError::Unauthorized) => Redirect::to("/my?link=expired").into_response(),
        // A staff account: its password, not a link.
        Err(AppError::Forbidden) => Redirect::to("/login?link=staff").into_response(),
        Err(_) => Redirect::to("/my?link=failed").into_response(),
    }
}

/// The session's cookie, and the language's when the account gives the
/// browser one.
async fn sign_in(
    state: &AppState,
    headers: &HeaderMap,
    secret: &str,
) -> Result<Vec<String>, AppError> {
    if secret.len() > SECRET_MAX {
        return Err(AppError::Unauthorized);
    }
    let user = service::redeem_sign_in_link(&state.db, secret).await?;
    let old = cookie_value(headers, SESSION_COOKIE);
    let secret = service::rotate_session(&state.db, old.as_deref(), user.id).await?;
    let mut cookies = vec![session_cookie(Some(&secret), state.secure_cookies)];
    let browsing = language::browsing_language(headers);
    if let Some(locale) = service::language_at_sign_in(&state.db, &user, browsing).await? {
        cookies.push(language::language_cookie(locale));
    }
    Ok(cookies)
}
