//! How large a request body may be, by path: 2 MB everywhere (the largest
//! honest one is a CSV import of a few thousand invited delegates), a
//! little over 10 MB where a receipt is uploaded (a phone's photo of an
//! invoice). A body that says it is larger is refused before it is read
//! (413); one that lies is cut off where the limit falls.

use axum::body::Body;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{Method, StatusCode};

/// The largest request body accepted on most paths (413 past it).
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// A receipt's cap, with room for nothing else: the body is the file.
pub const RECEIPT_BODY_BYTES: usize = app::budget::service::receipts::RECEIPT_MAX_BYTES;

/// `POST /api/v1/editions/{id}/budget/items/{item}/receipts`.
fn is_receipt_upload(method: &Method, path: &str) -> bool {
    let parts: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    *method == Method::POST
        && matches!(
            parts.as_slice(),
            [
                "",
                "api",
                "v1",
                "editions",
                _,
                "budget",
                "items",
                _,
                "receipts"
            ]
        )
}

pub fn limit_for(method: &Method, path: &str) -> usize {
    if is_receipt_upload(method, path) {
        RECEIPT_BODY_BYTES
    } else {
        MAX_BODY_BYTES
    }
}

pub async fn limit_body(request: Request, next: Next) -> Response {
    let limit = limit_for(request.method(), request.uri().path());
    let declared = request
        .headers()
        .get(http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return (StatusCode::PAYLOAD_TOO_LARGE, "request body too large").into_response();
    }
    let (parts, body) = request.into_parts();
    let body = Body::new(http_body_util::Limited::new(body, limit));
    next.run(Request::from_parts(parts, body)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_receipt_uploads_get_the_larger_limit() {
        let post = Method::POST;
        assert_eq!(
            limit_for(&post, "/api/v1/editions/3/budget/items/9/receipts"),
            RECEIPT_BODY_BYTES
        );
        assert_eq!(
            limit_for(&Method::GET, "/api/v1/editions/3/budget/items/9/receipts"),
            MAX_BODY_BYTES
        );
        assert_eq!(
            limit_for(&post, "/api/v1/editions/3/registrations.csv"),
            MAX_BODY_BYTES
        );
        assert_eq!(
            limit_for(&post, "/api/v1/editions/3/budget/items/9/receipts/extra"),
            MAX_BODY_BYTES
        );
    }
}
