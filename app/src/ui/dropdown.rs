use leptos::prelude::*;

/// A drop-down under a heading (the header's groups and account): a
/// `<details>`, so that it opens before the page hydrates too; closed
/// again when something in it is clicked, on a click anywhere else, and
/// with Escape.
#[component]
pub fn DropDown(
    label: Signal<String>,
    #[prop(optional)] class: &'static str,
    children: Children,
) -> impl IntoView {
    use leptos::wasm_bindgen::JsCast;
    let open = RwSignal::new(false);
    let root = NodeRef::<leptos::html::Details>::new();
    // Listeners on the window (none on the server).
    let elsewhere = window_event_listener(leptos::ev::click, move |ev| {
        let inside = match (root.get_untracked(), ev.target()) {
            (Some(details), Some(target)) => {
                details.contains(target.dyn_ref::<leptos::web_sys::Node>())
            }
            _ => true,
        };
        if !inside && open.get_untracked() {
            open.set(false);
        }
    });
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
        }
    });
    on_cleanup(move || {
        elsewhere.remove();
        escape.remove();
    });
    view! {
        <details node_ref=root class=format!("menu {class}") prop:open=move || open.get()>
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
