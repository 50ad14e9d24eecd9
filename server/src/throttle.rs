//! The rate limits of the public and sign-in paths, applied before any
//! handler runs, and the client's address they count by.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, Method};

use app::state::AppState;
use app::throttle::Limit;

use crate::api::ApiError;

/// The address a request came from: the peer, or, when the peer is a
/// proxy we trust, the last address before our proxies in
/// `X-Forwarded-For` (earlier entries are whatever the client wrote).
pub fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let forwarded: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .filter_map(|part| part.trim().parse::<IpAddr>().ok())
        .collect();
    forwarded
        .iter()
        .rev()
        .find(|address| !trusted.contains(address))
        .or(forwarded.first())
        .copied()
        .unwrap_or(peer)
}

/// Which limit a request counts against, if any.
fn limit_for(method: &Method, path: &str, headers: &HeaderMap) -> Option<Limit> {
    if *method != Method::POST {
        return None;
    }
    match path {
        "/my/sign-in" => Some(Limit::LinkSignInFromAddress),
        "/api/auth/login" => Some(Limit::LoginFromAddress),
        "/api/registration/send_link" => Some(Limit::LinkRequestFromAddress),
        "/api/registration/register" => Some(Limit::RegistrationFromAddress),
        // The REST registration is public too; staff calling it with a
        // token (bulk tools) are not the public.
        _ if is_rest_registration(path) && !headers.contains_key(http::header::AUTHORIZATION) => {
            Some(Limit::RegistrationFromAddress)
        }
        _ => None,
    }
}

/// `/api/v1/editions/{id}/registrations`
fn is_rest_registration(path: &str) -> bool {
    path.strip_prefix("/api/v1/editions/")
        .and_then(|rest| rest.split_once('/'))
        .is_some_and(|(id, tail)| {
            !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) && tail == "registrations"
        })
}

/// 429 with `Retry-After` when the client's bucket for this path is empty.
pub async fn limit_rate(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip())
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    let client = client_address(peer, request.headers(), &state.trusted_proxies);
    if let Some(limit) = limit_for(request.method(), request.uri().path(), request.headers())
        && let Err(refusal) = state.throttle.check_address(limit, client)
    {
        tracing::info!(%client, ?limit, "rate limited");
        return ApiError(refusal).into_response();
    }
    next.run(request).await
}

/// Empties idle buckets every minute, for as long as the server runs.
pub fn sweep_every_minute(state: &AppState) {
    let throttle = state.throttle.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(60));
        loop {
            every.tick().await;
            throttle.sweep();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn forwarded(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn a_forwarded_address_counts_only_from_a_trusted_proxy() {
        let proxy: IpAddr = "10.0.0.2".parse().unwrap();
        let stranger: IpAddr = "198.51.100.4".parse().unwrap();
        let headers = forwarded("1.2.3.4, 203.0.113.9");
        // Straight from the internet: the header is the client's own words.
        assert_eq!(client_address(stranger, &headers, &[proxy]), stranger);
        // Through our proxy: the address it saw, not what the client wrote
        // before it.
        assert_eq!(
            client_address(proxy, &headers, &[proxy]),
            "203.0.113.9".parse::<IpAddr>().unwrap()
        );
        // Two proxies of ours in a row.
        let inner: IpAddr = "10.0.0.3".parse().unwrap();
        let headers = forwarded("203.0.113.9, 10.0.0.2");
        assert_eq!(
            client_address(inner, &headers, &[proxy, inner]),
            "203.0.113.9".parse::<IpAddr>().unwrap()
        );
        // A trusted proxy that sent no header: the proxy itself.
        assert_eq!(client_address(proxy, &HeaderMap::new(), &[proxy]), proxy);
    }

    #[test]
    fn the_public_and_sign_in_paths_are_limited_and_others_not() {
        let none = HeaderMap::new();
        let post = Method::POST;
        assert_eq!(
            limit_for(&post, "/api/auth/login", &none),
            Some(Limit::LoginFromAddress)
        );
        assert_eq!(
            limit_for(&post, "/my/sign-in", &none),
            Some(Limit::LinkSignInFromAddress)
        );
        // The page a link opens only shows a button.
        assert_eq!(limit_for(&Method::GET, "/my/link/abc", &none), None);
        assert_eq!(
            limit_for(&post, "/api/v1/editions/12/registrations", &none),
            Some(Limit::RegistrationFromAddress)
        );
        let mut token = HeaderMap::new();
        token.insert(
            http::header::AUTHORIZATION,
            HeaderValue::from_static("Bearer cf_x"),
        );
        assert_eq!(
            limit_for(&post, "/api/v1/editions/12/registrations", &token),
            None
        );
        assert_eq!(limit_for(&post, "/api/v1/editions/12/rooms", &none), None);
        assert_eq!(limit_for(&Method::GET, "/api/auth/login", &none), None);
        assert_eq!(
            limit_for(&post, "/api/v1/editions/x/registrations", &none),
            None
        );
    }
}
