use leptos::prelude::*;

use super::Problem;
use crate::error::AppError;
use crate::i18n::*;

/// Shows "Loading…" until the resource answers, then either `render` of
/// its value or the problem that stopped it.
#[component]
pub fn Loaded<T, R>(resource: Resource<Result<T, AppError>>, render: R) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    R: Fn(T) -> AnyView + Clone + Send + Sync + 'static,
{
    let i18n = use_i18n();
    view! {
        <Transition fallback=move || view! { <p class="muted">{t!(i18n, loading)}</p> }>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(value) => render(value),
                        Err(error) => view! { <Problem error /> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}
