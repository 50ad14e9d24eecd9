//! A thing's names in the app's other languages: one small form under
//! the thing, a field per language, typed in that language's direction.

use leptos::prelude::*;

use super::domain::field_of;
use super::types::Names;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::{Field, form_banner, form_error};

/// The other names of one thing, saved together by `save` (a call to the
/// area's own server function, which answers the names as kept). `id`
/// makes the fields' ids unique on a page with several of these
/// (`room-3`).
#[component]
pub fn OtherNames<Save, Saved>(#[prop(into)] id: String, names: Names, save: Save) -> impl IntoView
where
    Save: Fn(Names) -> Saved + Send + Sync + 'static,
    Saved: std::future::Future<Output = Result<Names, AppError>> + Send + 'static,
{
    let i18n = use_i18n();
    let save = Action::new(move |names: &Names| save(names.clone()));
    let languages: Vec<Locale> = crate::locale::all()
        .iter()
        .copied()
        .filter(|locale| *locale != Locale::default())
        .collect();
    let typed: Vec<(Locale, RwSignal<String>)> = languages
        .iter()
        .map(|locale| {
            let code = crate::locale::code(*locale);
            (
                *locale,
                RwSignal::new(names.get(code).cloned().unwrap_or_default()),
            )
        })
        .collect();
    let written = RwSignal::new(names);
    Effect::new(move |_| {
        if let Some(Ok(kept)) = save.value().get() {
            written.set(kept);
        }
    });
    let error = form_error(RwSignal::new(None::<AppError>), save);
    let saved = move || matches!(save.value().get(), Some(Ok(_)));
    let on_submit = {
        let typed = typed.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            save.dispatch(
                typed
                    .iter()
                    .map(|(locale, name)| {
                        (
                            crate::locale::code(*locale).to_owned(),
                            name.get_untracked(),
                        )
                    })
                    .collect(),
            );
        }
    };
    let summary = move || {
        let codes: Vec<String> = written.read().keys().cloned().collect();
        if codes.is_empty() {
            t_string!(i18n, names_other_languages).to_string()
        } else {
            format!(
                "{} ({})",
                t_string!(i18n, names_other_languages),
                codes.join(", ")
            )
        }
    };
    let fields = typed
        .into_iter()
        .map(|(locale, name)| {
            let code = crate::locale::code(locale);
            let field = field_of(code);
            let input = format!("{id}-{field}");
            view! {
                <Field name=field.clone() input=input.clone() label=move || view! { <span lang=code>{td_string!(locale, language_name)}</span> } error>
                    <input id=input name=field lang=code dir=crate::locale::direction(locale) bind:value=name />
                </Field>
            }
        })
        .collect_view();
    view! {
        <details class="other-names" data-names=id.clone()>
            <summary>{summary}</summary>
            <form method="post" class="stack" novalidate on:submit=on_submit>
                <p class="hint">{t!(i18n, names_hint)}</p>
                {form_banner(i18n, error)}
                <Show when=saved>
                    <div class="banner ok" role="status">{t!(i18n, saved)}</div>
                </Show>
                {fields}
                <div>
                    <button type="submit" class="small" disabled=move || save.pending().get()>{t!(i18n, save)}</button>
                </div>
            </form>
        </details>
    }
}
