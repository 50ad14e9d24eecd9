//! Configuration from the environment.

use leptos::config::LeptosOptions;

/// Where the embedded default keeps its database.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/cities-forum.db?mode=rwc";

#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: String,
    pub leptos: LeptosOptions,
    /// `Secure` cookies: on unless the site address is plain http on
    /// localhost (set `CF_SECURE_COOKIES=false|true` to override).
    pub secure_cookies: bool,
    /// `CF_PUBLIC_URL`: where people reach the site, for links in
    /// e-mails; `http://` + the site address when not set.
    pub public_url: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("invalid Leptos settings (LEPTOS_*): {0}")]
    Leptos(String),
    #[error("CF_SECURE_COOKIES must be true or false, not {0:?}")]
    SecureCookies(String),
}

impl Config {
    pub fn from_env() -> Result<Config, ConfigError> {
        let mut leptos = leptos::config::get_configuration(None)
            .map_err(|err| ConfigError::Leptos(err.to_string()))?
            .leptos_options;
        // Built by plain cargo (tests, `cargo run`) the name is not baked in.
        if leptos.output_name.is_empty() {
            leptos.output_name = "cities-forum".into();
        }
        let database_url = std::env::var("DATABASE_URL")
            .ok()
            .filter(|url| !url.trim().is_empty())
            .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned());
        let secure_cookies = match std::env::var("CF_SECURE_COOKIES").ok().as_deref() {
            None | Some("") => !leptos.site_addr.ip().is_loopback(),
            Some("true") => true,
            Some("false") => false,
            Some(other) => return Err(ConfigError::SecureCookies(other.to_owned())),
        };
        let public_url = std::env::var("CF_PUBLIC_URL")
            .ok()
            .map(|url| url.trim().trim_end_matches('/').to_owned())
            .filter(|url| !url.is_empty());
        Ok(Config {
            database_url,
            leptos,
            secure_cookies,
            public_url,
        })
    }
}
