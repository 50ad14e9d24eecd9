//! The speaker and moderator picker of the session form.

use leptos::prelude::*;

use crate::i18n::*;
use crate::programme::types::SpeakerChoice;

/// Who may speak or moderate, as checkboxes.
#[component]
pub(super) fn PeoplePicker(
    name: &'static str,
    choices: Vec<SpeakerChoice>,
    selected: RwSignal<Vec<i64>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let none = choices.is_empty();
    view! {
        <div class="picker" data-picker=name>
            {none.then(|| view! { <p class="muted">{t!(i18n, session_no_people)}</p> })}
            {choices
                .into_iter()
                .map(|c| {
                    let id = c.registration_id;
                    let checked = move || selected.get().contains(&id);
                    let toggle = move |_| {
                        selected.update(|list| {
                            if let Some(at) = list.iter().position(|x| *x == id) {
                                list.remove(at);
                            } else {
                                list.push(id);
                            }
                        })
                    };
                    view! {
                        <label class="check">
                            <input type="checkbox" prop:checked=checked on:change=toggle />
                            {c.name_latin} " " <span class="muted">{c.organization}</span>
                        </label>
                    }
                })
                .collect_view()}
        </div>
    }
}
