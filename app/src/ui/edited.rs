//! The one banner of a save refused because someone saved the same record
//! meanwhile (`edited_meanwhile`): what was typed stays in the form, and
//! where the page can read the record again, a button does.

use leptos::prelude::*;

use crate::error::{AppError, ErrorCode};
use crate::i18n::*;

/// Whether a save was refused because the record moved on meanwhile.
pub fn is_edited_meanwhile(error: &AppError) -> bool {
    matches!(error, AppError::Conflict(ErrorCode::EditedMeanwhile))
}

/// What a form's general banner shows when its fields carry their own
/// messages and this banner its own: any other refusal.
pub fn other_refusal(error: Signal<Option<AppError>>) -> Signal<Option<AppError>> {
    Signal::derive(move || {
        error
            .get()
            .filter(|e| !matches!(e, AppError::Validation(_)) && !is_edited_meanwhile(e))
    })
}

/// The banner, shown while `error` is `edited_meanwhile`; with `reload`,
/// a button that bumps it (the page's resources read again).
#[component]
pub fn EditedMeanwhile(
    error: Signal<Option<AppError>>,
    #[prop(optional)] reload: Option<RwSignal<u32>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show when=move || error.with(|e| e.as_ref().is_some_and(is_edited_meanwhile))>
            <div class="banner error" role="alert" data-problem="edited-meanwhile">
                {t!(i18n, msg_edited_meanwhile)}
                {reload.map(|reload| view! {
                    " "
                    <button type="button" class="secondary small" on:click=move |_| reload.update(|n| *n += 1)>
                        {t!(i18n, reload)}
                    </button>
                })}
            </div>
        </Show>
    }
}
