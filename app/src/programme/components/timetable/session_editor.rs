//! The session form beside the grid: the draft's fields, the conflicts
//! after a save, and the publish / cancel / delete buttons that fit the
//! session's status.

use std::collections::HashMap;

use leptos::prelude::*;

use super::people_picker::PeoplePicker;
use super::state::Editor;
use crate::error::{AppError, ErrorCode};
use crate::i18n::*;
use crate::programme::components::conflicts::ConflictList;
use crate::programme::components::kind_label;
use crate::programme::types::{
    ProgrammeCommittee, ProgrammeRoom, SessionKind, SessionStatus, SessionView, SpeakerChoice,
};
use crate::ui::{Field, FieldErrors, Problem, form_banner};

#[component]
pub(super) fn SessionEditor(
    editor: Editor,
    rooms: Vec<ProgrammeRoom>,
    committees: Vec<ProgrammeCommittee>,
    speakers: Vec<SpeakerChoice>,
    titles: HashMap<i64, String>,
    session_of: impl Fn(i64) -> Option<SessionView> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let d = editor.draft;
    let error = Signal::derive(move || editor.save.value().get().and_then(Result::err));
    let publish_error = Signal::derive(move || editor.publish.value().get().and_then(Result::err));
    let other_error = Signal::derive(move || {
        editor
            .cancel
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| editor.delete.value().get().and_then(Result::err))
    });
    let status = move || editor.selected.get().and_then(session_of).map(|s| s.status);
    let titles = StoredValue::new(titles);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        editor
            .save
            .dispatch((editor.selected.get_untracked(), d.form()));
    };
    let needs_confirmation = move || {
        matches!(
            publish_error.get(),
            Some(AppError::Conflict(ErrorCode::HardConflicts))
        )
    };
    let conflicts_shown = move || {
        let list = editor.conflicts.get()?;
        if list.is_empty() {
            return Some(view! { <p class="banner ok" data-conflicts="0">{t!(i18n, session_no_conflicts)}</p> }.into_any());
        }
        let titles = titles.get_value();
        Some(view! { <ConflictList conflicts=list titles /> }.into_any())
    };
    let kinds = SessionKind::ALL
        .into_iter()
        .map(|k| view! { <option value=k.as_str()>{move || kind_label(i18n, k)}</option> })
        .collect_view();
    let room_options = rooms
        .into_iter()
        .map(|r| {
            let id = r.id.to_string();
            let label = move || {
                let name = r.name_in(i18n.get_locale());
                match r.capacity {
                    Some(c) => format!("{name} ({c})"),
                    None => name.to_owned(),
                }
            };
            view! { <option value=id>{label}</option> }
        })
        .collect_view();
    let committee_options = committees
        .into_iter()
        .map(|c| {
            let id = c.id.to_string();
            view! { <option value=id>{move || c.name_in(i18n.get_locale()).to_owned()}</option> }
        })
        .collect_view();
    view! {
        <form method="post" class="stack wide card" novalidate on:submit=on_submit data-form="session">
            <h2>
                {move || match editor.selected.get() {
                    Some(_) => t_string!(i18n, session_edit).to_string(),
                    None => t_string!(i18n, session_new).to_string(),
                }}
                " "
                {move || status().map(|s| view! {
                    <span class=format!("status {}", s.as_str()) data-status=s.as_str()>
                        {match s {
                            SessionStatus::Draft => t_string!(i18n, session_draft).to_string(),
                            SessionStatus::Published => t_string!(i18n, session_published).to_string(),
                            SessionStatus::Cancelled => t_string!(i18n, session_cancelled).to_string(),
                        }}
                    </span>
                })}
            </h2>
            {form_banner(i18n, error)}
            <div class="row">
                {d.texts.get_value().into_iter().map(|text| {
                    let field = format!("title_{}", text.lang.as_str());
                    // The field's word in the reader's language, the text's language
                    // named in itself: "Title · 中文".
                    let label = move || {
                        format!("{} · {}", t_string!(i18n, session_title), td_string!(text.lang, language_name))
                    };
                    view! {
                        <Field name=field.clone() label error>
                            <input id=field lang=text.lang.as_str() bind:value=text.title />
                        </Field>
                    }
                }).collect_view()}
            </div>
            <div class="row">
                <Field name="kind" label=move || t!(i18n, session_kind) error>
                    <select id="kind" bind:value=d.kind>{kinds}</select>
                </Field>
                <Field name="room_id" label=move || t!(i18n, session_room) error>
                    <select id="room_id" bind:value=d.room_id>
                        <option value="">{t!(i18n, timetable_no_room)}</option>
                        {room_options}
                    </select>
                </Field>
                <Field name="committee_id" label=move || t!(i18n, session_committee) error>
                    <select id="committee_id" bind:value=d.committee_id>
                        <option value="">"—"</option>
                        {committee_options}
                    </select>
                </Field>
            </div>
            <div class="row">
                <Field name="starts_at" label=move || t!(i18n, session_starts) error>
                    <input id="starts_at" type="datetime-local" bind:value=d.starts_at />
                </Field>
                <Field name="ends_at" label=move || t!(i18n, session_ends) error>
                    <input id="ends_at" type="datetime-local" bind:value=d.ends_at />
                </Field>
                <Field name="languages" label=move || t!(i18n, session_languages) error>
                    <input id="languages" placeholder="en, zh, ar" bind:value=d.languages />
                </Field>
                <Field name="capacity" label=move || t!(i18n, session_capacity) error>
                    <input id="capacity" inputmode="numeric" bind:value=d.capacity />
                </Field>
            </div>
            <label class="check">
                <input type="checkbox" bind:checked=d.invitation_only />
                {t!(i18n, session_invitation_only)}
            </label>
            <div class="row">
                {d.texts.get_value().into_iter().map(|text| {
                    let field = format!("description_{}", text.lang.as_str());
                    let label = move || {
                        format!("{} · {}", t_string!(i18n, session_description), td_string!(text.lang, language_name))
                    };
                    view! {
                        <Field name=field.clone() label error>
                            <textarea id=field lang=text.lang.as_str() rows="3" bind:value=text.description></textarea>
                        </Field>
                    }
                }).collect_view()}
            </div>
            <div class="row">
                <fieldset>
                    <legend>{t!(i18n, session_speakers)}</legend>
                    <PeoplePicker name="speakers" choices=speakers.clone() selected=d.speakers />
                    <FieldErrors name="speakers" error />
                </fieldset>
                <fieldset>
                    <legend>{t!(i18n, session_moderators)}</legend>
                    <PeoplePicker name="moderators" choices=speakers selected=d.moderators />
                    <FieldErrors name="moderators" error />
                </fieldset>
            </div>
            {conflicts_shown}
            {move || publish_error.get().filter(|_| !needs_confirmation()).map(|error| view! { <Problem error /> })}
            {move || other_error.get().map(|error| view! { <Problem error /> })}
            <Show when=needs_confirmation>
                <div class="banner error" role="alert" data-confirm="publish">
                    {t!(i18n, session_confirm_publish)} " "
                    <button
                        type="button"
                        class="danger small"
                        data-action="publish-anyway"
                        on:click=move |_| {
                            if let Some(id) = editor.selected.get_untracked() {
                                editor.publish.dispatch((id, true));
                            }
                        }
                    >
                        {t!(i18n, session_publish_anyway)}
                    </button>
                </div>
            </Show>
            <div class="toolbar">
                <button type="submit" data-action="save-session" disabled=move || editor.save.pending().get()>
                    {t!(i18n, save)}
                </button>
                {move || {
                    let id = editor.selected.get()?;
                    let status = status()?;
                    Some(match status {
                        SessionStatus::Draft => view! {
                            <button type="button" data-action="publish" on:click=move |_| { editor.publish.dispatch((id, false)); }>
                                {t!(i18n, session_publish)}
                            </button>
                            <button type="button" class="danger" data-action="delete" on:click=move |_| { editor.delete.dispatch(id); }>
                                {t!(i18n, session_delete)}
                            </button>
                        }.into_any(),
                        SessionStatus::Published => view! {
                            <button type="button" class="danger" data-action="cancel-session" on:click=move |_| { editor.cancel.dispatch(id); }>
                                {t!(i18n, session_cancel)}
                            </button>
                        }.into_any(),
                        SessionStatus::Cancelled => view! {
                            <button type="button" data-action="publish" on:click=move |_| { editor.publish.dispatch((id, false)); }>
                                {t!(i18n, session_reinstate)}
                            </button>
                        }.into_any(),
                    })
                }}
            </div>
        </form>
    }
}
