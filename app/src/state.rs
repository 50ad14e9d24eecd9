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
    /// The published programmes, kept until they change.
    pub programme_cache: std::sync::Arc<crate::programme::cache::ProgrammeCache>,
}

/// The application state inside a server function.
pub fn app_state() -> Result<AppState, AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        AppError::Internal
    })
}
