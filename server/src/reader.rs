//! The language a request is read in, for what the server writes itself
//! (PDFs, the tablet's page): the one the request names, else the one the
//! reader chose with the language switch, else the browser's.

use std::convert::Infallible;

use axum::extract::FromRequestParts;
use http::request::Parts;

use app::locale::{Locale, locale_of};
use app::ui::language::reader_language;

/// `?lang=` documented on the endpoints that take it (the feeds' and
/// charts' name for it).
#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LanguageQuery {
    /// The document's language: `en`, `zh`, `ar`, `fr`, `ru` or `es`.
    /// Without it (or with one the app does not speak): English for the
    /// visa letter; else the language the reader chose on the site, else
    /// the browser's (Accept-Language), else English.
    pub lang: Option<String>,
}

/// The reader's language, and whether the request named one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReaderLanguage {
    /// `?lang=` when it names a language the app speaks.
    pub asked: Option<Locale>,
    /// `asked`, else the switch's cookie, else Accept-Language, else the
    /// default.
    pub reader: Locale,
}

impl<S: Send + Sync> FromRequestParts<S> for ReaderLanguage {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        let asked = parts.uri.query().and_then(asked_language);
        Ok(ReaderLanguage {
            asked,
            reader: asked.unwrap_or_else(|| reader_language(&parts.headers)),
        })
    }
}

/// The `lang` of a query string, if the app speaks it. Codes are
/// plain ASCII letters, so no percent-decoding is needed to match one.
fn asked_language(query: &str) -> Option<Locale> {
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("lang="))
        .and_then(locale_of)
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderMap;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn the_cookie_comes_before_the_browser_and_unknown_languages_are_skipped() {
        let browser = [("accept-language", "sw-KE, fr-CA;q=0.9, en;q=0.8")];
        assert_eq!(reader_language(&headers(&browser)), Locale::fr);
        let both = [
            ("accept-language", "fr"),
            ("cookie", "session=x; i18n_pref_locale=ar"),
        ];
        assert_eq!(reader_language(&headers(&both)), Locale::ar);
        let unknown_cookie = [("accept-language", "ru"), ("cookie", "i18n_pref_locale=xx")];
        assert_eq!(reader_language(&headers(&unknown_cookie)), Locale::ru);
        assert_eq!(reader_language(&HeaderMap::new()), Locale::en);
    }

    #[test]
    fn the_first_language_the_app_speaks_wins() {
        let asked = |value: &'static str| reader_language(&headers(&[("accept-language", value)]));
        assert_eq!(asked("ar-EG,ar;q=0.9,en;q=0.8"), Locale::ar);
        assert_eq!(asked("de-DE, fr-CA;q=0.8"), Locale::fr);
        assert_eq!(asked("zh-Hans-CN"), Locale::zh);
        assert_eq!(asked("ru"), Locale::ru);
        assert_eq!(asked("de, it"), Locale::en);
        assert_eq!(asked(""), Locale::en);
    }

    #[test]
    fn a_query_names_a_language_only_when_the_app_speaks_it() {
        assert_eq!(asked_language("layout=a4&lang=zh"), Some(Locale::zh));
        assert_eq!(asked_language("lang=zz"), None);
        assert_eq!(asked_language("lang=%61r"), None);
        assert_eq!(asked_language("xlang=ar"), None);
    }
}
