use leptos::prelude::*;

use super::Problem;
use crate::error::AppError;
use crate::i18n::*;

/// An action's error as a signal, for the fields of its form.
pub fn action_error<I: Send + Sync + 'static, T: Send + Sync + Clone + 'static>(
    action: Action<I, Result<T, AppError>>,
) -> Signal<Option<AppError>> {
    Signal::derive(move || action.value().get().and_then(Result::err))
}

/// The error to show: the browser's own check first, else the server's.
pub fn form_error<T: Clone + Send + Sync + 'static>(
    local: RwSignal<Option<AppError>>,
    action: Action<impl Clone + Send + Sync + 'static, Result<T, AppError>>,
) -> Signal<Option<AppError>> {
    Signal::derive(move || {
        local
            .get()
            .or_else(|| action.value().get().and_then(Result::err))
    })
}

/// An action's error, for a form that may have been posted as plain HTML
/// and refused (see `ui::posted`): that refusal shows until the script
/// has sent the form itself.
pub fn posted_action_error<T: Clone + Send + Sync + 'static>(
    action: Action<impl Clone + Send + Sync + 'static, Result<T, AppError>>,
    posted: &Option<super::Posted>,
) -> Signal<Option<AppError>> {
    let refused = posted.as_ref().and_then(|p| p.error.clone());
    Signal::derive(move || match action.value().get() {
        Some(result) => result.err(),
        None => refused.clone(),
    })
}

/// As [`form_error`], for a form that may have been posted as plain HTML
/// (see [`posted_action_error`]).
pub fn posted_form_error<T: Clone + Send + Sync + 'static>(
    local: RwSignal<Option<AppError>>,
    action: Action<impl Clone + Send + Sync + 'static, Result<T, AppError>>,
    posted: &Option<super::Posted>,
) -> Signal<Option<AppError>> {
    let server = posted_action_error(action, posted);
    Signal::derive(move || local.get().or_else(|| server.get()))
}

/// A banner above a form when the server refused it for a reason that
/// belongs to no field.
pub fn form_banner(
    i18n: leptos_i18n::I18nContext<Locale>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    move || match error.get() {
        // A body the server could not read names no field on the page:
        // say what it could not read rather than point at no field.
        Some(err @ AppError::Validation(_)) if !err.field_messages("body").is_empty() => {
            let detail = err
                .field_messages("body")
                .iter()
                .map(|code| super::message(i18n, code))
                .collect::<Vec<_>>()
                .join(" ");
            Some(
                view! {
                    <div class="banner error" role="alert" data-problem="unreadable">
                        {move || t_string!(i18n, problem_unreadable, detail = detail.clone()).to_string()}
                    </div>
                }
                .into_any(),
            )
        }
        Some(AppError::Validation(_)) => Some(
            view! { <div class="banner error" role="alert">{t!(i18n, problem_validation)}</div> }
                .into_any(),
        ),
        Some(other) => Some(view! { <Problem error=other /> }.into_any()),
        None => None,
    }
}

/// Asks the browser to confirm (true on the server, where it is never asked).
pub fn confirm(text: &str) -> bool {
    #[cfg(feature = "hydrate")]
    {
        window().confirm_with_message(text).unwrap_or(false)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = text;
        true
    }
}
