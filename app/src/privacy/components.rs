//! The `/my` page's part about a person's own data: download it all, or
//! ask to be erased.

use leptos::prelude::*;

use super::server_fns::{request_my_erasure, save_retention};
use super::types::RetentionView;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::{Field, Problem, action_error, form_banner};

/// The edition settings' card: how many days after the Forum its people's
/// details are kept, the day they go, and whether they went.
#[component]
pub fn RetentionPanel(initial: RetentionView) -> impl IntoView {
    let i18n = use_i18n();
    let edition_id = initial.edition_id;
    let current = RwSignal::new(initial.clone());
    let days = RwSignal::new(initial.keep_days.to_string());
    let save = Action::new(move |days: &String| save_retention(edition_id, days.clone()));
    Effect::new(move |_| {
        if let Some(Ok(saved)) = save.value().get() {
            current.set(saved);
        }
    });
    let error = action_error(save);
    view! {
        <section class="card stack" data-section="retention">
            <h2>{t!(i18n, privacy_retention_title)}</h2>
            <p class="muted">{t!(i18n, privacy_retention_hint)}</p>
            {move || {
                let view = current.get();
                match view.erased_at {
                    Some(at) => view! {
                        <p data-state="erased">{t!(i18n, privacy_retention_erased, day = at.date_naive().to_string())}</p>
                    }.into_any(),
                    None => view! {
                        <p data-state="kept">{t!(i18n, privacy_retention_until, day = view.erase_on.to_string())}</p>
                    }.into_any(),
                }
            }}
            <form method="post" class="row wrap" data-form="retention" novalidate on:submit=move |ev| {
                ev.prevent_default();
                save.dispatch(days.get_untracked());
            }>
                <Field input="retention-days" name="keep_days" label=move || t!(i18n, privacy_retention_days) error>
                    <input id="retention-days" name="keep_days" type="number" min="0" max="3650" inputmode="numeric" bind:value=days />
                </Field>
                <div><button type="submit">{t!(i18n, privacy_retention_save)}</button></div>
            </form>
            {form_banner(i18n, Signal::derive(move || error.get().filter(|e| !matches!(e, AppError::Validation(_)))))}
        </section>
    }
}

#[component]
pub fn MyData() -> impl IntoView {
    let i18n = use_i18n();
    let ask = Action::new(|_: &()| request_my_erasure());
    view! {
        <section class="card stack wide" data-section="my-data">
            <h2>{t!(i18n, privacy_title)}</h2>
            <p class="muted">{t!(i18n, privacy_hint)}</p>
            // A plain link: the file comes from the API with this session.
            <p><a href="/api/v1/my/data" download="cities-forum-my-data.json" data-action="download-my-data">
                {t!(i18n, privacy_download)}
            </a></p>
            {move || match ask.value().get() {
                Some(Ok(_)) => view! {
                    <p class="banner" role="status" data-state="erasure-requested">{t!(i18n, privacy_erase_asked)}</p>
                }.into_any(),
                Some(Err(error)) => view! { <Problem error /> }.into_any(),
                None => view! {
                    <button type="button" class="secondary" data-action="request-erasure"
                        on:click=move |_| { ask.dispatch(()); }>
                        {t!(i18n, privacy_erase)}
                    </button>
                }.into_any(),
            }}
        </section>
    }
}
