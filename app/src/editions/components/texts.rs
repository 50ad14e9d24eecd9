//! The edition's title, venue and intro in the app's other languages: a
//! form per language, each saved on its own.

use leptos::prelude::*;

use crate::editions::server_fns::save_edition_text;
use crate::editions::types::EditionText;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::{Field, form_banner, form_error};

#[component]
pub fn TextsPanel(edition_id: i64, texts: Vec<EditionText>) -> impl IntoView {
    let i18n = use_i18n();
    let forms = crate::locale::all()
        .iter()
        .copied()
        .filter(|locale| *locale != Locale::default())
        .map(|locale| {
            let code = crate::locale::code(locale);
            let initial = texts
                .iter()
                .find(|t| t.lang == code)
                .cloned()
                .unwrap_or_else(|| EditionText {
                    lang: code.to_owned(),
                    ..Default::default()
                });
            view! { <TextForm edition_id locale initial /> }
        })
        .collect_view();
    view! {
        <section class="stack" data-section="edition-texts">
            <h2>{t!(i18n, edition_texts_heading)}</h2>
            <p class="hint">{t!(i18n, edition_texts_hint)}</p>
            {forms}
        </section>
    }
}

/// One language's texts: typed in that language's direction, kept as
/// typed whatever the server answers.
#[component]
fn TextForm(edition_id: i64, locale: Locale, initial: EditionText) -> impl IntoView {
    let i18n = use_i18n();
    let code = crate::locale::code(locale);
    let dir = crate::locale::direction(locale);
    let written =
        !(initial.title.is_empty() && initial.venue.is_empty() && initial.intro.is_empty());
    let title = RwSignal::new(initial.title);
    let venue = RwSignal::new(initial.venue);
    let intro = RwSignal::new(initial.intro);
    let save = Action::new(move |text: &EditionText| {
        let text = text.clone();
        async move { save_edition_text(edition_id, text).await }
    });
    let error = form_error(RwSignal::new(None::<AppError>), save);
    let saved = move || matches!(save.value().get(), Some(Ok(_)));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(EditionText {
            lang: code.to_owned(),
            title: title.get_untracked(),
            venue: venue.get_untracked(),
            intro: intro.get_untracked(),
        });
    };
    let id = move |field: &str| format!("{field}-{code}");
    view! {
        <details class="card" data-texts=code open=written>
            <summary lang=code>{td_string!(locale, language_name)}</summary>
            <form method="post" class="stack" novalidate on:submit=on_submit>
                {form_banner(i18n, error)}
                <Show when=saved>
                    <div class="banner ok" role="status">{t!(i18n, saved)}</div>
                </Show>
                <Field name="title" input=id("title") label=move || t!(i18n, edition_title) error>
                    <input id=id("title") name="title" lang=code dir=dir bind:value=title />
                </Field>
                <Field name="venue" input=id("venue") label=move || t!(i18n, edition_venue) error>
                    <input id=id("venue") name="venue" lang=code dir=dir bind:value=venue />
                </Field>
                <Field name="intro" input=id("intro") label=move || t!(i18n, edition_intro) error>
                    <textarea id=id("intro") name="intro" class="prose" rows="3" maxlength="2000" lang=code dir=dir bind:value=intro></textarea>
                </Field>
                <div>
                    <button type="submit" disabled=move || save.pending().get()>{t!(i18n, save)}</button>
                </div>
            </form>
        </details>
    }
}
