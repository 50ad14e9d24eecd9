use leptos::prelude::*;

use crate::i18n::*;
use crate::ui::FormName;

/// The cookie the chosen language is kept in: leptos_i18n's name, which it
/// reads on the server to render the next page in that language.
#[cfg(feature = "ssr")]
const LANGUAGE_COOKIE: &str = "i18n_pref_locale";

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
/// cookie (as the script would set it), then the same page again. A
/// language the app does not speak changes nothing.
#[cfg(feature = "ssr")]
pub fn choose(posted: &crate::ui::Posted) -> crate::ui::posted::Submitted {
    if let Some(locale) = crate::locale::locale_of(&posted.value("locale")) {
        crate::ui::posted::set_cookie(&format!(
            "{LANGUAGE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
            leptos_i18n::Locale::as_str(locale)
        ));
    }
    crate::ui::posted::Submitted::Done(None)
}
