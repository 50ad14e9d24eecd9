//! The API's error responses: a status and a JSON body, never a cause.

use axum::Json;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;

use app::error::{AppError, ErrorCode};

/// `{"error": "validation", "detail": {"end_date": ["end_before_start"]}}`
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    /// not_found, unauthorized, forbidden, validation, conflict, busy, internal
    pub error: String,
    /// For `validation`: field name → message codes; for `conflict` the
    /// code; for `rate_limited` the seconds to wait. Absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub detail: Option<serde_json::Value>,
}

#[derive(Debug)]
pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(err: AppError) -> Self {
        ApiError(err)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.0.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_value(&self.0).unwrap_or_default();
        let mut response = (status, Json(body)).into_response();
        if let Some(seconds) = self.0.retry_after() {
            response
                .headers_mut()
                .insert(http::header::RETRY_AFTER, http::HeaderValue::from(seconds));
        }
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                http::header::WWW_AUTHENTICATE,
                http::HeaderValue::from_static("Bearer"),
            );
        }
        response
    }
}

/// A body that is not the JSON we expect is the caller's mistake: 422
/// with the parser's words on the `body` field.
impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        ApiError(AppError::field(
            "body",
            ErrorCode::Unreadable(rejection.body_text()),
        ))
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        ApiError(AppError::field(
            "query",
            ErrorCode::Unreadable(rejection.body_text()),
        ))
    }
}

impl From<PathRejection> for ApiError {
    fn from(_: PathRejection) -> Self {
        ApiError(AppError::NotFound)
    }
}
