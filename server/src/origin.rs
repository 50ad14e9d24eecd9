//! Cross-site request forgery guard: a state-changing request that rides on
//! the session cookie must come from a page of this site.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header::{AUTHORIZATION, COOKIE, HOST, ORIGIN, REFERER};
use http::{HeaderMap, Method, StatusCode};

/// The `host[:port]` part of an origin or referer URL.
fn authority(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    Some(rest.split('/').next().unwrap_or(rest))
}

/// Whether a request may change state. Safe methods always may; bearer
/// token requests carry no ambient credential; cookie requests must name
/// this host in `Origin` (or, failing that, `Referer`).
pub fn allowed(method: &Method, headers: &HeaderMap) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    let Some(host) = headers.get(HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    let source = headers
        .get(ORIGIN)
        .or_else(|| headers.get(REFERER))
        .and_then(|h| h.to_str().ok());
    match source {
        Some(source) => authority(source) == Some(host),
        // No browser context: fine for tokens or anonymous calls, not for cookies.
        None => headers.contains_key(AUTHORIZATION) || !headers.contains_key(COOKIE),
    }
}

pub async fn check_origin(request: Request, next: Next) -> Response {
    if allowed(request.method(), request.headers()) {
        next.run(request).await
    } else {
        (
            StatusCode::FORBIDDEN,
            "cross-site request refused: the Origin does not match this site",
        )
            .into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn headers(pairs: &[(http::HeaderName, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(name.clone(), HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn same_origin_posts_pass_and_foreign_ones_do_not() {
        let same = headers(&[
            (HOST, "forum.example:3000"),
            (ORIGIN, "https://forum.example:3000"),
        ]);
        assert!(allowed(&Method::POST, &same));
        let foreign = headers(&[(HOST, "forum.example"), (ORIGIN, "https://evil.example")]);
        assert!(!allowed(&Method::POST, &foreign));
        assert!(allowed(&Method::GET, &foreign));
    }

    #[test]
    fn cookie_posts_without_origin_are_refused_but_token_calls_pass() {
        let cookie = headers(&[(HOST, "forum.example"), (COOKIE, "cf_session=x")]);
        assert!(!allowed(&Method::POST, &cookie));
        let token = headers(&[(HOST, "forum.example"), (AUTHORIZATION, "Bearer cf_x")]);
        assert!(allowed(&Method::PATCH, &token));
        let referer = headers(&[
            (HOST, "forum.example"),
            (COOKIE, "cf_session=x"),
            (REFERER, "http://forum.example/editions/new"),
        ]);
        assert!(allowed(&Method::POST, &referer));
    }
}
