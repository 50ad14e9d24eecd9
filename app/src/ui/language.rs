use leptos::prelude::*;

use crate::i18n::*;
use crate::ui::FormName;

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

/// A button for each language of the locale files, labelled in that
/// language; the choice is kept in a cookie so the next page renders in
/// it from the server. Before the page's script (or without it) the
/// buttons post the choice as a plain form and the page comes back in it.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let choice = move |locale: Locale| {
        // Each language named in itself, from its own locale file.
        let label = td_string!(locale, language_name);
        view! {
            <button
                type="submit"
                name="locale"
                value=locale.as_str()
                class="secondary"
                lang=locale.as_str()
                aria-pressed=move || (i18n.get_locale() == locale).to_string()
                on:click=move |ev| {
                    ev.prevent_default();
                    i18n.set_locale(locale);
                    // Kept on the account too, when signed in.
                    let code = crate::locale::code(locale).to_owned();
                    leptos::task::spawn_local(async move {
                        let _ = crate::auth::server_fns::remember_language(code).await;
                    });
                }
            >
                {label}
            </button>
        }
    };
    view! {
        <form
            method="post"
            class="lang-switch"
            role="group"
            aria-label=move || t_string!(i18n, language).to_string()
        >
            <FormName name="language" />
            {crate::locale::all().iter().map(|locale| choice(*locale)).collect_view()}
        </form>
    }
}

/// The language switch posted as a plain form: the chosen language's
/// cookie (as the script would set it), kept on the account when signed
/// in, then the same page again. A language the app does not speak
/// changes nothing.
#[cfg(feature = "ssr")]
pub async fn choose(
    posted: &crate::ui::Posted,
) -> Result<crate::ui::posted::Submitted, crate::error::AppError> {
    if let Some(locale) = crate::locale::locale_of(&posted.value("locale")) {
        crate::ui::posted::set_cookie(&language_cookie(locale));
        crate::auth::server_fns::remember_language(crate::locale::code(locale).to_owned()).await?;
    }
    Ok(crate::ui::posted::Submitted::Done(None))
}
