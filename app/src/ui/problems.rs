use leptos::prelude::*;
use leptos_router::components::A;

use crate::error::AppError;
use crate::i18n::*;

/// What a page shows instead of its content when loading it failed.
#[component]
pub fn Problem(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    match error {
        AppError::Unauthorized => view! {
            <div class="banner error" role="alert">
                {t!(i18n, problem_sign_in)} " " <A href="/login">{t!(i18n, sign_in)}</A>
            </div>
        }
        .into_any(),
        AppError::Forbidden => view! {
            <div class="banner error" role="alert" data-problem="forbidden">
                {t!(i18n, problem_forbidden)}
            </div>
        }
        .into_any(),
        AppError::NotFound => view! { <NotFound /> }.into_any(),
        AppError::Validation(_) => view! {
            <div class="banner error" role="alert">{t!(i18n, problem_validation)}</div>
        }
        .into_any(),
        // A conflict carries a message code that says what stands in the way.
        AppError::Conflict(code) => {
            let text = code.clone();
            view! {
                <div class="banner error" role="alert" data-problem=code.to_string()>
                    {move || super::message(i18n, &text)}
                </div>
            }
            .into_any()
        }
        AppError::Busy => view! {
            <div class="banner error" role="alert" data-problem="busy">{t!(i18n, problem_busy)}</div>
        }
        .into_any(),
        AppError::Unavailable => view! {
            <div class="banner error" role="alert" data-problem="unavailable">{t!(i18n, problem_unavailable)}</div>
        }
        .into_any(),
        AppError::RateLimited(seconds) => view! {
            <div class="banner error" role="alert" data-problem="rate_limited">
                {t!(i18n, problem_rate_limited, count = move || seconds)}
            </div>
        }
        .into_any(),
        AppError::Internal | AppError::Transport(_) => view! {
            <div class="banner error" role="alert">{t!(i18n, problem_internal)}</div>
        }
        .into_any(),
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <h1>{t!(i18n, not_found_title)}</h1>
        <p>{t!(i18n, not_found_text)}</p>
    }
}
