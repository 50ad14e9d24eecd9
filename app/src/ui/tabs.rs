//! A page's tabs: links to `?tab=<key>` (so each tab has an address and
//! works before the script), the current one marked for screen readers.
//! The same markup on the server and in the browser.

use leptos::prelude::*;
use leptos_router::components::A;

/// One tab of a page: its key in the address.
pub trait TabKey: Copy + PartialEq + Send + Sync + 'static {
    fn key(self) -> &'static str;
}

/// The tabs `tabs` of a page; `nav` names them for tests and styles,
/// `label` for screen readers, and `tab_label` names each one.
#[component]
pub fn Tabs<T: TabKey, L: Fn(T) -> String + Copy + Send + Sync + 'static>(
    nav: &'static str,
    #[prop(into)] label: Signal<String>,
    tabs: Vec<T>,
    #[prop(into)] current: Signal<T>,
    tab_label: L,
) -> impl IntoView {
    view! {
        <nav class="tabs" data-nav=nav aria-label=move || label.get()>
            {tabs
                .into_iter()
                .map(|tab| {
                    view! {
                        <A
                            href=format!("?tab={}", tab.key())
                            attr:class="button secondary small"
                            attr:aria-current=move || (current.get() == tab).then_some("page")
                            attr:data-tab=tab.key()
                        >
                            {move || tab_label(tab)}
                        </A>
                    }
                })
                .collect_view()}
        </nav>
    }
}
