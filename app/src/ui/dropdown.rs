use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// A drop-down under a heading (the header's groups and account): a
/// `<details>`, so that it opens before the page hydrates too; closed
/// again by any navigation.
#[component]
pub fn DropDown(
    label: Signal<String>,
    #[prop(optional)] class: &'static str,
    children: Children,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        open.set(false);
    });
    view! {
        <details class=format!("menu {class}") prop:open=move || open.get()>
            <summary on:click=move |ev| {
                // The signal decides, so that following a link closes it.
                ev.prevent_default();
                open.update(|o| *o = !*o);
            }>{label}</summary>
            // Following a link (or pressing a button) in it closes it.
            <div class="menu-list" on:click=move |_| open.set(false)>{children()}</div>
        </details>
    }
}

/// Whether a click landed on a link (or inside one): menus close when one
/// is followed.
pub fn on_a_link(ev: &leptos::ev::MouseEvent) -> bool {
    use leptos::wasm_bindgen::JsCast;
    ev.target()
        .and_then(|target| target.dyn_into::<leptos::web_sys::Element>().ok())
        .and_then(|element| element.closest("a[href]").ok().flatten())
        .is_some()
}
