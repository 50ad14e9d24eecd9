//! The language switch on every page: the reader's choice, kept in a
//! cookie and, signed in, on the account (why it lives with accounts: it
//! calls `remember_language`).

use leptos::prelude::*;

use crate::i18n::*;
use crate::ui::FormName;
#[cfg(feature = "ssr")]
use crate::ui::language::language_cookie;

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
