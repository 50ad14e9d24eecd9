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
    /// `CF_TRUSTED_PROXIES`: addresses of our reverse proxies (comma
    /// separated); only their `X-Forwarded-For` names the client.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// `CF_RATE_LIMIT_SCALE`: multiplies every rate limit (default 1).
    pub rate_limit_scale: u32,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("invalid Leptos settings (LEPTOS_*): {0}")]
    Leptos(String),
    #[error("CF_SECURE_COOKIES must be true or false, not {0:?}")]
    SecureCookies(String),
    #[error("CF_TRUSTED_PROXIES must list IP addresses separated by commas; {0:?} is not one")]
    TrustedProxy(String),
    #[error("CF_RATE_LIMIT_SCALE must be a whole number from 1 to 10000, not {0:?}")]
    RateLimitScale(String),
    #[error("CF_PUBLIC_URL must start with http:// or https://, not {0:?}")]
    PublicUrl(String),
}

impl Config {
    /// The start of links in e-mails written outside a running server
    /// (the demo's letters): `CF_PUBLIC_URL`, else the site address.
    pub fn link_base(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.leptos.site_addr))
    }

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
        let public_url = std::env::var("CF_PUBLIC_URL")
            .ok()
            .map(|url| url.trim().trim_end_matches('/').to_owned())
            .filter(|url| !url.is_empty());
        if let Some(url) = &public_url
            && !(url.starts_with("http://") || url.starts_with("https://"))
        {
            return Err(ConfigError::PublicUrl(url.clone()));
        }
        let secure_cookies = match std::env::var("CF_SECURE_COOKIES").ok().as_deref() {
            // Behind a TLS-terminating proxy the site address is plain
            // http, but people reach it over https: the public address says.
            None | Some("") => match &public_url {
                Some(url) => url.starts_with("https://"),
                None => !leptos.site_addr.ip().is_loopback(),
            },
            Some("true") => true,
            Some("false") => false,
            Some(other) => return Err(ConfigError::SecureCookies(other.to_owned())),
        };
        let trusted_proxies =
            parse_trusted_proxies(&std::env::var("CF_TRUSTED_PROXIES").unwrap_or_default())?;
        let rate_limit_scale = match std::env::var("CF_RATE_LIMIT_SCALE").ok().as_deref() {
            None | Some("") => 1,
            Some(text) => text
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=10_000).contains(n))
                .ok_or_else(|| ConfigError::RateLimitScale(text.to_owned()))?,
        };
        Ok(Config {
            database_url,
            leptos,
            secure_cookies,
            public_url,
            trusted_proxies,
            rate_limit_scale,
        })
    }
}

fn parse_trusted_proxies(text: &str) -> Result<Vec<std::net::IpAddr>, ConfigError> {
    text.split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| {
            part.parse()
                .map_err(|_| ConfigError::TrustedProxy(part.to_owned()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trusted_proxies_are_addresses_and_nothing_else() {
        assert!(parse_trusted_proxies("").unwrap().is_empty());
        assert_eq!(parse_trusted_proxies("127.0.0.1, ::1").unwrap().len(), 2);
        assert!(matches!(
            parse_trusted_proxies("10.0.0.0/8"),
            Err(ConfigError::TrustedProxy(_))
        ));
    }
}
