use leptos::prelude::*;

use super::message;
use crate::error::AppError;
use crate::i18n::*;

/// The messages for one field, translated, below the input.
#[component]
pub fn FieldErrors(
    #[prop(into)] name: String,
    #[prop(into)] error: Signal<Option<AppError>>,
    /// The input's id when it is not `name` (two forms on a page may
    /// both have a `currency`).
    #[prop(optional, into)]
    input: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("{}-error", input.as_deref().unwrap_or(&name));
    let messages = Signal::derive(move || {
        error
            .get()
            .map(|err| err.field_messages(&name))
            .unwrap_or_default()
    });
    view! {
        <Show when=move || !messages.read().is_empty()>
            <p class="error" id=id.clone() role="alert">
                {move || {
                    messages
                        .get()
                        .iter()
                        .map(|code| message(i18n, code))
                        .collect::<Vec<_>>()
                        .join(" ")
                }}
            </p>
        </Show>
    }
}

/// A labelled form field: the label, the input given as children, the
/// field's messages; marked invalid while it has any.
#[component]
pub fn Field(
    #[prop(into)] name: String,
    #[prop(into)] label: ViewFn,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(optional, into)] hint: Option<ViewFn>,
    /// The input's id when it is not `name` (see [`FieldErrors`]).
    #[prop(optional, into)]
    input: Option<String>,
    children: Children,
) -> impl IntoView {
    let input_id = input.unwrap_or_else(|| name.clone());
    let invalid = {
        let name = name.clone();
        move || {
            error
                .get()
                .is_some_and(|err| !err.field_messages(&name).is_empty())
        }
    };
    // The input itself says it is invalid and where its message is, so a
    // screen reader reads the message with the field (the message is
    // also announced as it appears: role=alert).
    #[cfg(feature = "hydrate")]
    {
        let (id, invalid) = (input_id.clone(), invalid.clone());
        Effect::new(move |_| {
            let bad = invalid();
            if let Some(input) = document().get_element_by_id(&id) {
                if bad {
                    let _ = input.set_attribute("aria-invalid", "true");
                    let _ = input.set_attribute("aria-describedby", &format!("{id}-error"));
                } else {
                    let _ = input.remove_attribute("aria-invalid");
                    let _ = input.remove_attribute("aria-describedby");
                }
            }
        });
    }
    view! {
        <div class="field" class:invalid=invalid>
            <label for=input_id.clone()>{label.run()}</label>
            {children()}
            {hint.map(|hint| view! { <span class="hint">{hint.run()}</span> })}
            <FieldErrors name=name error input=input_id />
        </div>
    }
}
