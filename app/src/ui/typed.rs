//! What a person typed before the page's script arrived survives it.
//! Hydration sets each bound input to its signal's value, which on a slow
//! connection would wipe minutes of typing (a registration on hotel
//! Wi-Fi). Before hydrating, the fields that differ from what the server
//! sent are noted; after, they get their typed value back and an `input`
//! and a `change` event, so that their signals learn it (browser only).

use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{
    Element, Event, EventInit, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement,
};

/// A field and what was typed or chosen in it.
pub struct Typed(Vec<(Element, Option<String>, Option<bool>)>);

/// The fields changed since the server sent the page.
pub fn remember() -> Typed {
    let mut changed = Vec::new();
    let Ok(fields) = leptos::prelude::document().query_selector_all("input, select, textarea")
    else {
        return Typed(changed);
    };
    for index in 0..fields.length() {
        let Some(element) = fields
            .item(index)
            .and_then(|n| n.dyn_into::<Element>().ok())
        else {
            continue;
        };
        if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
            match input.type_().as_str() {
                "checkbox" | "radio" if input.checked() != input.default_checked() => {
                    changed.push((element.clone(), None, Some(input.checked())));
                }
                "checkbox" | "radio" | "hidden" | "file" | "submit" | "button" => {}
                _ if input.value() != input.default_value() => {
                    changed.push((element.clone(), Some(input.value()), None));
                }
                _ => {}
            }
        } else if let Some(area) = element.dyn_ref::<HtmlTextAreaElement>() {
            if Ok(area.value()) != area.default_value() {
                changed.push((element.clone(), Some(area.value()), None));
            }
        } else if let Some(select) = element.dyn_ref::<HtmlSelectElement>() {
            let options = select.options();
            let moved = (0..options.length()).any(|i| {
                options
                    .item(i)
                    .and_then(|o| o.dyn_into::<leptos::web_sys::HtmlOptionElement>().ok())
                    .is_some_and(|o| o.selected() != o.default_selected())
            });
            if moved {
                changed.push((element.clone(), Some(select.value()), None));
            }
        }
    }
    Typed(changed)
}

impl Typed {
    /// Puts each typed value back (where hydration replaced it) and tells
    /// the page's handlers.
    pub fn restore(self) {
        for (element, value, checked) in self.0 {
            if !element.is_connected() {
                continue;
            }
            if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
                match (value, checked) {
                    (_, Some(checked)) => input.set_checked(checked),
                    (Some(value), None) => input.set_value(&value),
                    _ => {}
                }
            } else if let (Some(area), Some(value)) =
                (element.dyn_ref::<HtmlTextAreaElement>(), &value)
            {
                area.set_value(value);
            } else if let (Some(select), Some(value)) =
                (element.dyn_ref::<HtmlSelectElement>(), &value)
            {
                select.set_value(value);
            }
            let init = EventInit::new();
            init.set_bubbles(true);
            for kind in ["input", "change"] {
                if let Ok(event) = Event::new_with_event_init_dict(kind, &init) {
                    let _ = element.dispatch_event(&event);
                }
            }
        }
    }
}
