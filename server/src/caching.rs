//! How long browsers and proxies may keep each answer. The site's files
//! under `/pkg` carry a hash of their content in their names in release
//! builds (cargo-leptos `hash-files`), so they are kept for a year and
//! never asked for again; a new release has new names, so it never mixes
//! with an old one. Pages may hold personal data: kept by nobody but the
//! browser, and asked for again each time. API answers are not kept.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::HeaderValue;
use http::header::{CACHE_CONTROL, CONTENT_TYPE};

use app::state::AppState;

const FOREVER: &str = "public, max-age=31536000, immutable";
const ASK_AGAIN: &str = "no-cache";
const PAGE: &str = "private, no-cache";
const NOT_KEPT: &str = "no-store";
/// Files of `public/` (the icon): their names do not change.
const A_DAY: &str = "public, max-age=86400";

/// The `Cache-Control` for an answer that has none yet.
pub fn policy(path: &str, content_type: Option<&str>, hashed_names: bool) -> &'static str {
    if path.starts_with("/pkg/") {
        return if hashed_names { FOREVER } else { ASK_AGAIN };
    }
    if path.starts_with("/api/") {
        return NOT_KEPT;
    }
    match content_type {
        Some(kind) if kind.starts_with("text/html") => PAGE,
        _ if path.contains('.') => A_DAY,
        _ => ASK_AGAIN,
    }
}

pub async fn cache_headers(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    if !response.status().is_success() || response.headers().contains_key(CACHE_CONTROL) {
        return response;
    }
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let value = policy(&path, content_type, state.leptos_options.hash_files);
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static(value));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_files_are_kept_for_a_year_and_pages_are_asked_for_again() {
        assert_eq!(policy("/pkg/cities-forum.Xy12.wasm", None, true), FOREVER);
        assert_eq!(policy("/pkg/cities-forum.wasm", None, false), ASK_AGAIN);
        assert_eq!(policy("/my", Some("text/html; charset=utf-8"), true), PAGE);
        assert_eq!(
            policy("/api/v1/editions", Some("application/json"), true),
            NOT_KEPT
        );
        assert_eq!(policy("/favicon.svg", Some("image/svg+xml"), true), A_DAY);
    }
}
