//! "Page 2 of 7 · 312": the previous and next buttons under a long list.

use leptos::prelude::*;

use crate::i18n::*;

/// Buttons that move `page` within `1..=pages`; nothing when one page
/// holds everything. `name` marks it for tests (`data-pager`).
#[component]
pub fn Pager(
    #[prop(into)] name: String,
    page: RwSignal<u32>,
    pages: u32,
    total: u64,
) -> impl IntoView {
    let i18n = use_i18n();
    let current = page.get_untracked().min(pages).max(1);
    (pages > 1).then(|| {
        view! {
            <nav class="toolbar" data-pager=name aria-label=move || t_string!(i18n, pager_label).to_string()>
                <button
                    type="button"
                    class="secondary small"
                    data-page="prev"
                    disabled=current <= 1
                    on:click=move |_| page.set(current.saturating_sub(1).max(1))
                >
                    {t!(i18n, pager_previous)}
                </button>
                <span class="muted">
                    {move || t_string!(i18n, pager_page, page = current, pages, total)}
                </span>
                <button
                    type="button"
                    class="secondary small"
                    data-page="next"
                    disabled=current >= pages
                    on:click=move |_| page.set((current + 1).min(pages))
                >
                    {t!(i18n, pager_next)}
                </button>
            </nav>
        }
    })
}
