use leptos::prelude::*;

use crate::i18n::*;

/// Buttons for each language, labelled in that language; the choice is
/// kept in a cookie so the next page renders in it from the server.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let choice = move |locale: Locale, label: &'static str| {
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
            {choice(Locale::en, "English")}
            {choice(Locale::zh, "中文")}
        </div>
    }
}
