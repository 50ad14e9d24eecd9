//! A server function whose arguments do not decode fails before its body
//! (and `with_status`) runs, and the server-function framework answers
//! every such error 500. This gives those answers the status of the error
//! they carry (422 for unreadable arguments), so bad input from a client
//! is never reported as our failure.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use http::StatusCode;

use app::error::AppError;

/// The header the framework marks its error answers with.
const SERVER_FN_ERROR: &str = "serverfnerror";
/// Error bodies are a line of JSON; anything longer is left alone.
const ERROR_BODY_MAX: usize = 64 * 1024;

pub async fn error_status(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key(SERVER_FN_ERROR)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, ERROR_BODY_MAX).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes)
        && let Ok(status) = StatusCode::from_u16(error.status_code())
    {
        parts.status = status;
    }
    Response::from_parts(parts, Body::from(bytes))
}
