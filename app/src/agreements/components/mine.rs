//! `/my/follow-up`: a party's contact's own page. The activities of the
//! agreements they answer for, with a progress note (and evidence link)
//! to add to each; nothing else of the agreements.

use leptos::prelude::*;

use super::agreement::ActivityCard;
use crate::agreements::server_fns::my_activities;
use crate::auth::components::Guard;
use crate::auth::domain::Operation;
use crate::i18n::*;
use crate::ui::Loaded;

#[component]
pub fn MyFollowUpPage() -> impl IntoView {
    let i18n = use_i18n();
    let changed = RwSignal::new(0u32);
    let list = Resource::new(
        move || changed.get(),
        |_| async move { my_activities().await },
    );
    view! {
        <Guard operation=Operation::UpdateOwnActivities>
            <h1>{t!(i18n, agreements_my_title)}</h1>
            <p class="muted">{t!(i18n, agreements_my_intro)}</p>
            <Loaded resource=list render=move |list| {
                if list.is_empty() {
                    return view! { <p class="card muted" data-empty="my-activities">{t!(i18n, agreements_my_none)}</p> }.into_any();
                }
                list.into_iter().map(|a| view! { <ActivityCard activity=a changed own=true /> }).collect_view().into_any()
            } />
        </Guard>
    }
}
