use leptos::prelude::*;

use crate::i18n::*;

/// A button for each language of the locale files, labelled in that
/// language; the choice is kept in a cookie so the next page renders in
/// it from the server.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let choice = move |locale: Locale| {
        // Each language named in itself, from its own locale file.
        let label = td_string!(locale, language_name);
        view! {
            <button
                type="button"
                class="secondary"
                lang=locale.as_str()
                aria-pressed=move || (i18n.get_locale() == locale).to_string()
                on:click=move |_| i18n.set_locale(locale)
            >
                {label}
            </button>
        }
    };
    view! {
        <div class="lang-switch" role="group" aria-label=move || t_string!(i18n, language).to_string()>
            {crate::locale::all().iter().map(|locale| choice(*locale)).collect_view()}
        </div>
    }
}
