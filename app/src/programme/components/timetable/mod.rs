//! `/editions/:id/timetable`: the organizers' grid (rooms across, time
//! down, a tab per day) and the session form beside it, with the
//! conflicts of the session being edited.

mod grid;
mod layout;
mod people_picker;
mod session_editor;
mod state;

use std::collections::HashSet;

use leptos::prelude::*;
use leptos_router::components::A;

use self::grid::grid_view;
use self::session_editor::SessionEditor;
use self::state::Editor;
use crate::auth::components::Guard;
use crate::auth::domain::Operation;
use crate::error::AppError;
use crate::i18n::*;
use crate::programme::server_fns::{get_timetable, list_conflicts};
use crate::programme::types::{ConflictView, SessionView, Timetable};
use crate::ui::{Loaded, route_id};

#[component]
pub fn TimetablePage() -> impl IntoView {
    let i18n = use_i18n();
    let editor = Editor::new(route_id());
    Effect::new(move |_| {
        if let Some(Ok(saved)) = editor.save.value().get() {
            // Show the day the session is on.
            editor.day.set(Some(saved.session.day));
            editor.selected.set(Some(saved.session.id));
            editor.conflicts.set(Some(saved.conflicts));
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(saved)) = editor.publish.value().get() {
            editor.conflicts.set(Some(saved.conflicts));
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = editor.delete.value().get() {
            editor.start_new(editor.day.get_untracked());
        }
    });
    let timetable = Resource::new(
        move || (editor.edition_id.get(), editor.changes()),
        |(id, _)| async move {
            let id = id.ok_or(AppError::NotFound)?;
            let timetable = get_timetable(id).await?;
            let conflicts = list_conflicts(id).await?;
            Ok((timetable, conflicts))
        },
    );
    let render = move |(timetable, conflicts): (Timetable, Vec<ConflictView>)| {
        view! { <TimetableView timetable conflicts editor /> }.into_any()
    };
    view! {
        <Guard operation=Operation::ManageProgramme>
            <h1>{t!(i18n, timetable_title)}</h1>
            <Loaded resource=timetable render />
        </Guard>
    }
}

#[component]
fn TimetableView(
    timetable: Timetable,
    conflicts: Vec<ConflictView>,
    editor: Editor,
) -> impl IntoView {
    let i18n = use_i18n();
    let programme = timetable.programme;
    let id = programme.edition_id;
    // The service adds any day a session strays onto.
    let days = programme.days.clone();
    if editor
        .day
        .get_untracked()
        .is_none_or(|d| !days.contains(&d))
    {
        editor.day.set(days.first().copied());
    }
    let clashing: HashSet<i64> = conflicts
        .iter()
        .filter(|c| c.hard)
        .flat_map(|c| c.sessions.iter().copied())
        .collect();
    let hard = conflicts.iter().filter(|c| c.hard).count();
    let warnings = conflicts.len() - hard;
    let titles = super::session_titles(i18n, &programme.sessions);
    let sessions = StoredValue::new(programme.sessions.clone());
    let rooms = programme.rooms.clone();
    let tabs = days
        .iter()
        .map(|d| {
            let d = *d;
            view! {
                <button
                    type="button"
                    role="tab"
                    class="secondary"
                    aria-selected=move || (editor.day.get() == Some(d)).to_string()
                    data-day=d.to_string()
                    on:click=move |_| editor.day.set(Some(d))
                >
                    {move || crate::ui::dates::day_tab(i18n.get_locale(), d)}
                </button>
            }
        })
        .collect_view();
    let grid = move || {
        let day = editor.day.get()?;
        let todays: Vec<SessionView> =
            sessions.with_value(|all| all.iter().filter(|s| s.day == day).cloned().collect());
        Some(grid_view(i18n, &rooms, todays, &clashing, editor))
    };
    let session_of =
        move |id: i64| sessions.with_value(|all| all.iter().find(|s| s.id == id).cloned());
    view! {
        <p class="muted">
            {programme.edition_title.clone()} " · "
            {programme.zone_label.clone()}
        </p>
        <nav class="toolbar">
            <A href=format!("/editions/{id}/conflicts") attr:class="button secondary" attr:data-conflict-count=conflicts.len()>
                {move || t_string!(i18n, timetable_conflicts, hard, warnings)}
            </A>
            <A href=format!("/editions/{id}/programme") attr:class="button secondary">
                {t!(i18n, programme_title)}
            </A>
            <button type="button" data-action="new-session" on:click=move |_| editor.start_new(editor.day.get_untracked())>
                {t!(i18n, session_new)}
            </button>
        </nav>
        <div class="tabs" role="tablist">{tabs}</div>
        <div class="timetable-scroll">{grid}</div>
        <SessionEditor
            editor
            rooms=programme.rooms.clone()
            committees=programme.committees.clone()
            speakers=timetable.speakers
            titles
            session_of
        />
    }
}
