//! The API caller: a bearer token from `cities-forum token add`, or the
//! session cookie of a signed-in browser (for downloads such as the CSV
//! export; state-changing cookie requests pass the Origin check first).

use app::audit::Actor;
use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use http::header::AUTHORIZATION;
use http::request::Parts;

use app::auth::domain::{Operation, authorize};
use app::auth::guard::{SESSION_COOKIE, cookie_value};
use app::auth::service::{session_user, token_user};
use app::auth::types::UserView;
use app::error::AppError;
use app::state::AppState;

use super::ApiError;

/// The account behind the bearer token; 401 without a valid one.
pub struct Caller(pub UserView);

impl Caller {
    /// 403 unless the caller's role may do `operation`.
    pub fn may(&self, operation: Operation) -> Result<(), ApiError> {
        authorize(self.0.role, operation).map_err(ApiError)
    }

    /// Who the audit log names for this caller's changes.
    pub fn actor(&self) -> Actor {
        Actor::user(&self.0)
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .map(str::trim);
        let user = match token {
            Some(token) => token_user(&state.db, token).await?,
            None => match cookie_value(&parts.headers, SESSION_COOKIE) {
                Some(secret) => session_user(&state.db, &secret).await?,
                None => None,
            },
        };
        user.map(Caller).ok_or(ApiError(AppError::Unauthorized))
    }
}

/// For public endpoints that show more to some roles: no credentials is
/// `None`; a wrong token is still 401.
impl OptionalFromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Self>, ApiError> {
        let presented = parts.headers.contains_key(AUTHORIZATION)
            || cookie_value(&parts.headers, SESSION_COOKIE).is_some();
        if !presented {
            return Ok(None);
        }
        <Caller as FromRequestParts<AppState>>::from_request_parts(parts, state)
            .await
            .map(Some)
    }
}
