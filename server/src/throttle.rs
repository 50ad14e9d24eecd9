//! The rate limits of the public and sign-in paths, applied before any
//! handler runs, and the client's address they count by.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, Method};

use app::state::AppState;
use app::throttle::{ClientAddress, Limit};

use crate::api::ApiError;

/// The address a request came from: the peer, or, when the peer is a
/// proxy we trust, the last address before our proxies in
/// `X-Forwarded-For` (earlier entries are whatever the client wrote).
pub fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    // A listener on [::] sees IPv4 peers as ::ffff:a.b.c.d.
    let peer = peer.to_canonical();
    if !trusted.contains(&peer) {
        return peer;
    }
    let entries: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .collect();
    // From the right: our proxies' entries, then the address the first of
    // them saw. Anything left of that the client wrote itself. An entry
    // that is not an address (say `ip:port`) ends the walk: it is not one
    // of our proxies, so it stands for the client, whose bucket is then
    // the last proxy's.
    let mut client = peer;
    for entry in entries.iter().rev() {
        match entry.parse::<IpAddr>().map(|a| a.to_canonical()) {
            Ok(address) if trusted.contains(&address) => client = address,
            Ok(address) => return address,
            Err(_) => return client,
        }
    }
    client
}

/// Which limit a request counts against, if any.
fn limit_for(method: &Method, path: &str) -> Option<Limit> {
    if *method != Method::POST {
        return None;
    }
    match path {
        "/my/sign-in" => Some(Limit::LinkSignInFromAddress),
        "/api/auth/login" => Some(Limit::LoginFromAddress),
        "/api/registration/send_link" | "/api/accounts/request_reset" => {
            Some(Limit::LinkRequestFromAddress)
        }
        // Guessing a password link's secret is as hard as a sign-in link's.
        "/api/accounts/set_password" | "/api/accounts/password_link" => {
            Some(Limit::LinkSignInFromAddress)
        }
        "/api/registration/register" => Some(Limit::RegistrationFromAddress),
        // A pairing code is eight characters: guessing must stay slow.
        "/api/v1/checkin/pair" => Some(Limit::LinkSignInFromAddress),
        // The REST registration is limited in its handler, which knows
        // whether the caller is staff (and reads the id as the router does).
        _ => None,
    }
}

/// 429 with `Retry-After` when the client's bucket for this path is empty.
pub async fn limit_rate(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip())
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    let client = client_address(peer, request.headers(), &state.trusted_proxies);
    if let Some(limit) = limit_for(request.method(), request.uri().path())
        && let Err(refusal) = state.throttle.check_address(limit, client)
    {
        // Debug only: a flood must not become a flood of log lines.
        tracing::debug!(%client, ?limit, "rate limited");
        return ApiError(refusal).into_response();
    }
    let mut request = request;
    request.extensions_mut().insert(ClientAddress(client));
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
        let post = Method::POST;
        assert_eq!(
            limit_for(&post, "/api/auth/login"),
            Some(Limit::LoginFromAddress)
        );
        assert_eq!(
            limit_for(&post, "/my/sign-in"),
            Some(Limit::LinkSignInFromAddress)
        );
        assert_eq!(
            limit_for(&post, "/api/registration/register"),
            Some(Limit::RegistrationFromAddress)
        );
        // The page a link opens only shows a button.
        assert_eq!(limit_for(&Method::GET, "/my/link/abc"), None);
        assert_eq!(limit_for(&post, "/api/v1/editions/12/rooms"), None);
        assert_eq!(limit_for(&Method::GET, "/api/auth/login"), None);
    }

    #[test]
    fn an_entry_that_is_not_an_address_stands_for_the_client() {
        let proxy: IpAddr = "10.0.0.2".parse().unwrap();
        // A balancer that writes ip:port: the client cannot pick a bucket
        // by writing an address of its own before it.
        let headers = forwarded("1.2.3.4, 203.0.113.9:5555");
        assert_eq!(client_address(proxy, &headers, &[proxy]), proxy);
        // IPv4 peers of a [::] listener match the trusted IPv4 address.
        let mapped: IpAddr = "::ffff:10.0.0.2".parse().unwrap();
        let headers = forwarded("203.0.113.9");
        assert_eq!(
            client_address(mapped, &headers, &[proxy]),
            "203.0.113.9".parse::<IpAddr>().unwrap()
        );
    }
}
