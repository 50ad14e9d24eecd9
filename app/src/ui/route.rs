use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The `:id` of the current route as a number; `None` when it is missing
/// or not a number (the page then shows "not found").
pub fn route_id() -> Signal<Option<i64>> {
    let params = use_params_map();
    Signal::derive(move || params.read().get("id").and_then(|id| id.parse().ok()))
}
