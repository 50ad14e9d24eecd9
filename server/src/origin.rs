//! Cross-site request forgery guard: a state-changing request that rides on
//! the session cookie must come from a page of this site.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header::{AUTHORIZATION, COOKIE, HOST, ORIGIN, REFERER};
use http::{HeaderMap, Method, StatusCode};

use app::state::AppState;

/// The `scheme://host[:port]` part of an origin or referer URL.
pub fn origin_of(url: &str) -> Option<&str> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split('/').next().unwrap_or(rest);
    Some(&url[..scheme.len() + 3 + authority.len()])
}

/// Whether a request may change state. Safe methods always may; bearer
/// token requests carry no ambient credential; cookie requests must come
/// from this site's origin, scheme included: the public address when one
/// is configured (behind a TLS proxy, `https://…`), else plain http on the
/// host the request names. `Origin` is read, failing that `Referer`.
pub fn allowed(method: &Method, headers: &HeaderMap, public_origin: Option<&str>) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    let source = headers
        .get(ORIGIN)
        .or_else(|| headers.get(REFERER))
        .and_then(|h| h.to_str().ok());
    let Some(source) = source else {
        // No browser context: fine for tokens or anonymous calls, not for cookies.
        return headers.contains_key(AUTHORIZATION) || !headers.contains_key(COOKIE);
    };
    let expected = match public_origin {
        Some(origin) => origin.to_owned(),
        None => match headers.get(HOST).and_then(|h| h.to_str().ok()) {
            Some(host) => format!("http://{host}"),
            None => return false,
        },
    };
    origin_of(source).is_some_and(|origin| origin.eq_ignore_ascii_case(&expected))
}

pub async fn check_origin(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let public_origin = state.public_origin.as_deref();
    if allowed(request.method(), request.headers(), public_origin) {
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
        assert!(
            !allowed(&Method::POST, &same, None),
            "https page, plain http site"
        );
        assert!(allowed(
            &Method::POST,
            &same,
            Some("https://forum.example:3000")
        ));
        let foreign = headers(&[(HOST, "forum.example"), (ORIGIN, "https://evil.example")]);
        assert!(!allowed(&Method::POST, &foreign, None));
        assert!(!allowed(
            &Method::POST,
            &foreign,
            Some("https://forum.example")
        ));
        assert!(allowed(&Method::GET, &foreign, None));
        // Same host, other scheme: behind a TLS proxy, an http page is not us.
        let downgraded = headers(&[(HOST, "forum.example"), (ORIGIN, "http://forum.example")]);
        assert!(!allowed(
            &Method::POST,
            &downgraded,
            Some("https://forum.example")
        ));
        assert!(allowed(&Method::POST, &downgraded, None));
    }

    #[test]
    fn cookie_posts_without_origin_are_refused_but_token_calls_pass() {
        let cookie = headers(&[(HOST, "forum.example"), (COOKIE, "cf_session=x")]);
        assert!(!allowed(&Method::POST, &cookie, None));
        let token = headers(&[(HOST, "forum.example"), (AUTHORIZATION, "Bearer cf_x")]);
        assert!(allowed(&Method::PATCH, &token, None));
        let referer = headers(&[
            (HOST, "forum.example"),
            (COOKIE, "cf_session=x"),
            (REFERER, "http://forum.example/editions/new"),
        ]);
        assert!(allowed(&Method::POST, &referer, None));
    }
}
