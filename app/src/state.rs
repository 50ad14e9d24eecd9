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
    /// The published programmes, kept until they change.
    pub programme_cache: std::sync::Arc<crate::programme::cache::ProgrammeCache>,
    /// The rate limits of the public and sign-in paths.
    pub throttle: std::sync::Arc<crate::throttle::Throttle>,
    /// Proxies whose `X-Forwarded-For` names the client (`CF_TRUSTED_PROXIES`).
    pub trusted_proxies: std::sync::Arc<[std::net::IpAddr]>,
    /// Each edition's budget summary, until the budget changes.
    pub budget: std::sync::Arc<crate::budget::cache::SummaryCache>,
    /// The follow-up dashboard, until anything changes or the day does.
    pub follow_up: std::sync::Arc<crate::agreements::cache::DashboardCache>,
    /// Check-in: device tokens and the scans' group writer.
    pub checkin: std::sync::Arc<crate::checkin::hub::Hub>,
}

/// The application state inside a server function.
pub fn app_state() -> Result<AppState, AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        AppError::Internal
    })
}
