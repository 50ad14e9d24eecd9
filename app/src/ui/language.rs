//! The reader's language on the server: the language switch's cookie,
//! else `Accept-Language`.

#[cfg(feature = "ssr")]
use crate::i18n::*;

/// The cookie the chosen language is kept in: leptos_i18n's name, which it
/// reads on the server to render the next page in that language.
#[cfg(feature = "ssr")]
pub const LANGUAGE_COOKIE: &str = "i18n_pref_locale";

/// The `Set-Cookie` value that makes the browser read in `locale`, as the
/// language switch's script sets it.
#[cfg(feature = "ssr")]
pub fn language_cookie(locale: Locale) -> String {
    format!(
        "{LANGUAGE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        crate::locale::code(locale)
    )
}

/// The language a request is read in: the language switch's choice, else
/// the first language the browser asks for that the app speaks, by its
/// primary tag (`fr-CA` is `fr`), else the default; weights are ignored,
/// the browser lists its languages in its order of preference.
#[cfg(feature = "ssr")]
pub fn reader_language(headers: &http::HeaderMap) -> Locale {
    browsing_language(headers).unwrap_or_else(|| {
        headers
            .get(http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .split(',')
            .filter_map(|item| item.split([';', '-']).next())
            .find_map(|tag| crate::locale::locale_of(&tag.to_ascii_lowercase()))
            .unwrap_or_default()
    })
}

/// The language this request's browser reads in, if it chose one.
#[cfg(feature = "ssr")]
pub fn browsing_language(headers: &http::HeaderMap) -> Option<Locale> {
    crate::auth::guard::cookie_value(headers, LANGUAGE_COOKIE)
        .as_deref()
        .and_then(crate::locale::locale_of)
}
