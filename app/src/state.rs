//! What every request handler and server function can reach (server only).

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;

use crate::error::AppError;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    /// Set cookies with `Secure` when the site is served over HTTPS.
    pub secure_cookies: bool,
    /// The address people reach the site at, without a trailing slash,
    /// for links in e-mails (e.g. `https://forum.example.org`).
    pub public_url: String,
    /// `scheme://host[:port]` of the configured public address, which
    /// state-changing browser requests must come from; `None` when none
    /// is configured (then plain http on the requested host).
    pub public_origin: Option<String>,
    /// The rate limits of the public and sign-in paths.
    pub throttle: std::sync::Arc<crate::throttle::Throttle>,
    /// Proxies whose `X-Forwarded-For` names the client (`CF_TRUSTED_PROXIES`).
    pub trusted_proxies: std::sync::Arc<[std::net::IpAddr]>,
    /// Each area's long-lived parts (its caches, the check-in hub), kept
    /// by type: this state names none of them.
    pub parts: std::sync::Arc<crate::platform::parts::Parts>,
}

impl AppState {
    /// The part of type `T` (an area's cache, say), made on first use.
    pub fn part<T: Default + Send + Sync + 'static>(&self) -> std::sync::Arc<T> {
        self.parts.get()
    }
}

/// The application state inside a server function.
pub fn app_state() -> Result<AppState, AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        AppError::Internal
    })
}
