//! `/editions/:id/timetable`: the organizers' grid (rooms across, time
//! down, a tab per day) and the session form beside it, with the
//! conflicts of the session being edited.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, Timelike};
use leptos::prelude::*;
use leptos_router::components::A;

use super::conflicts::ConflictList;
use super::kind_label;
use crate::auth::components::Guard;
use crate::auth::domain::Operation;
use crate::error::AppError;
use crate::i18n::*;
use crate::programme::server_fns::{
    cancel_session, delete_session, get_timetable, list_conflicts, publish_session, save_session,
};
use crate::programme::types::{
    ConflictView, SavedSession, SessionForm, SessionKind, SessionStatus, SessionView,
    SpeakerChoice, Timetable,
};
use crate::ui::{Field, FieldErrors, Loaded, Problem, form_banner, route_id};

/// Minutes per grid row.
const ROW_MINUTES: u32 = 15;

/// The form's fields, one signal each, so that typing survives reloads
/// of the grid.
#[derive(Clone, Copy)]
struct Draft {
    title_en: RwSignal<String>,
    title_zh: RwSignal<String>,
    description_en: RwSignal<String>,
    description_zh: RwSignal<String>,
    kind: RwSignal<String>,
    room_id: RwSignal<String>,
    starts_at: RwSignal<String>,
    ends_at: RwSignal<String>,
    committee_id: RwSignal<String>,
    speakers: RwSignal<Vec<i64>>,
    moderators: RwSignal<Vec<i64>>,
    languages: RwSignal<String>,
    capacity: RwSignal<String>,
    invitation_only: RwSignal<bool>,
}

impl Draft {
    fn new() -> Draft {
        let text = || RwSignal::new(String::new());
        Draft {
            title_en: text(),
            title_zh: text(),
            description_en: text(),
            description_zh: text(),
            kind: RwSignal::new(SessionKind::Plenary.as_str().to_owned()),
            room_id: text(),
            starts_at: text(),
            ends_at: text(),
            committee_id: text(),
            speakers: RwSignal::new(Vec::new()),
            moderators: RwSignal::new(Vec::new()),
            languages: text(),
            capacity: text(),
            invitation_only: RwSignal::new(false),
        }
    }

    fn load(&self, form: SessionForm) {
        self.title_en.set(form.title_en);
        self.title_zh.set(form.title_zh);
        self.description_en.set(form.description_en);
        self.description_zh.set(form.description_zh);
        self.kind.set(form.kind);
        self.room_id.set(form.room_id);
        self.starts_at.set(form.starts_at);
        self.ends_at.set(form.ends_at);
        self.committee_id.set(form.committee_id);
        self.speakers.set(form.speakers);
        self.moderators.set(form.moderators);
        self.languages.set(form.languages);
        self.capacity.set(form.capacity);
        self.invitation_only.set(form.invitation_only);
    }

    fn form(&self) -> SessionForm {
        SessionForm {
            title_en: self.title_en.get_untracked(),
            title_zh: self.title_zh.get_untracked(),
            description_en: self.description_en.get_untracked(),
            description_zh: self.description_zh.get_untracked(),
            kind: self.kind.get_untracked(),
            room_id: self.room_id.get_untracked(),
            starts_at: self.starts_at.get_untracked(),
            ends_at: self.ends_at.get_untracked(),
            committee_id: self.committee_id.get_untracked(),
            speakers: self.speakers.get_untracked(),
            moderators: self.moderators.get_untracked(),
            languages: self.languages.get_untracked(),
            capacity: self.capacity.get_untracked(),
            invitation_only: self.invitation_only.get_untracked(),
        }
    }
}

/// The page's state and actions, made once, outside the guard.
#[derive(Clone, Copy)]
struct Editor {
    edition_id: Signal<Option<i64>>,
    selected: RwSignal<Option<i64>>,
    draft: Draft,
    day: RwSignal<Option<NaiveDate>>,
    save: Action<(Option<i64>, SessionForm), Result<SavedSession, AppError>>,
    publish: Action<(i64, bool), Result<SavedSession, AppError>>,
    cancel: Action<i64, Result<SessionView, AppError>>,
    delete: Action<i64, Result<(), AppError>>,
    /// The conflicts of the edited session, after a save or publish.
    conflicts: RwSignal<Option<Vec<ConflictView>>>,
}

impl Editor {
    fn new(edition_id: Signal<Option<i64>>) -> Editor {
        let save = Action::new(move |(id, form): &(Option<i64>, SessionForm)| {
            let (id, form) = (*id, form.clone());
            let edition = edition_id.get_untracked();
            async move { save_session(edition.ok_or(AppError::NotFound)?, id, form).await }
        });
        let publish = Action::new(move |(id, confirm): &(i64, bool)| {
            let (id, confirm) = (*id, *confirm);
            let edition = edition_id.get_untracked();
            async move { publish_session(edition.ok_or(AppError::NotFound)?, id, confirm).await }
        });
        let cancel = Action::new(move |id: &i64| {
            let id = *id;
            let edition = edition_id.get_untracked();
            async move { cancel_session(edition.ok_or(AppError::NotFound)?, id).await }
        });
        let delete = Action::new(move |id: &i64| {
            let id = *id;
            let edition = edition_id.get_untracked();
            async move { delete_session(edition.ok_or(AppError::NotFound)?, id).await }
        });
        Editor {
            edition_id,
            selected: RwSignal::new(None),
            draft: Draft::new(),
            day: RwSignal::new(None),
            save,
            publish,
            cancel,
            delete,
            conflicts: RwSignal::new(None),
        }
    }

    fn changes(&self) -> (usize, usize, usize, usize) {
        (
            self.save.version().get(),
            self.publish.version().get(),
            self.cancel.version().get(),
            self.delete.version().get(),
        )
    }

    fn select(&self, session: &SessionView) {
        self.selected.set(Some(session.id));
        self.draft.load(session.form());
        self.conflicts.set(None);
        self.save.value().set(None);
        self.publish.value().set(None);
    }

    fn start_new(&self, day: Option<NaiveDate>) {
        self.selected.set(None);
        let at = |time: &str| day.map(|d| format!("{d}T{time}")).unwrap_or_default();
        self.draft.load(SessionForm {
            kind: SessionKind::Plenary.as_str().to_owned(),
            starts_at: at("09:00"),
            ends_at: at("10:00"),
            ..SessionForm::default()
        });
        self.conflicts.set(None);
        self.save.value().set(None);
        self.publish.value().set(None);
    }
}

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
                    {d.format("%a %m-%d").to_string()}
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
        <p class="muted">{programme.edition_title.clone()} " · " {programme.time_zone.clone()}</p>
        <nav class="toolbar">
            <A href=format!("/editions/{id}/conflicts") attr:class="button secondary" attr:data-conflict-count=conflicts.len()>
                {move || t_string!(i18n, timetable_conflicts)
                    .replace("%HARD%", &hard.to_string())
                    .replace("%WARN%", &warnings.to_string())}
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

/// The grid of one day: a column per room (and one for sessions without
/// a room), a row per quarter hour.
fn grid_view(
    i18n: leptos_i18n::I18nContext<Locale>,
    rooms: &[crate::programme::types::ProgrammeRoom],
    sessions: Vec<SessionView>,
    clashing: &HashSet<i64>,
    editor: Editor,
) -> AnyView {
    let minutes = |local: &str| {
        chrono::NaiveDateTime::parse_from_str(local, "%Y-%m-%dT%H:%M")
            .map(|t| t.hour() * 60 + t.minute())
            .unwrap_or(0)
    };
    let first_hour = sessions
        .iter()
        .map(|s| minutes(&s.starts_local) / 60)
        .min()
        .unwrap_or(8)
        .min(8);
    let last_hour = sessions
        .iter()
        .map(|s| {
            let crosses = s.ends_local.get(..10) != s.starts_local.get(..10);
            if crosses {
                24
            } else {
                minutes(&s.ends_local).div_ceil(60)
            }
        })
        .max()
        .unwrap_or(18)
        .max(18);
    let rows = (last_hour - first_hour) * 60 / ROW_MINUTES;
    let row_of = |m: u32| (m.saturating_sub(first_hour * 60)) / ROW_MINUTES + 2;
    let unassigned = sessions.iter().any(|s| s.room_id.is_none());
    let mut columns: Vec<(Option<i64>, String)> =
        rooms.iter().map(|r| (Some(r.id), r.name.clone())).collect();
    if unassigned {
        columns.push((None, t_string!(i18n, timetable_no_room).to_string()));
    }
    let style = format!(
        "grid-template-columns: 4rem repeat({}, minmax(9rem, 1fr)); grid-template-rows: 2.2rem repeat({rows}, 1.1rem);",
        columns.len()
    );
    let headers = columns
        .iter()
        .enumerate()
        .map(|(i, (_, name))| {
            view! { <div class="room-head" style=format!("grid-column: {}; grid-row: 1;", i + 2)>{name.clone()}</div> }
        })
        .collect_view();
    let hours = (first_hour..last_hour)
        .map(|h| {
            view! {
                <div class="hour" style=format!("grid-column: 1; grid-row: {} / span 4;", row_of(h * 60))>
                    {format!("{h:02}:00")}
                </div>
            }
        })
        .collect_view();
    // Rows already taken per column: a block over another is shifted so
    // that both stay visible.
    let mut taken: Vec<(usize, u32, u32)> = Vec::new();
    let blocks = sessions
        .into_iter()
        .map(|s| {
            let column = columns
                .iter()
                .position(|(room, _)| *room == s.room_id)
                .unwrap_or(0)
                + 2;
            let start = row_of(minutes(&s.starts_local));
            let crosses = s.ends_local.get(..10) != s.starts_local.get(..10);
            let end = if crosses {
                rows + 2
            } else {
                row_of(minutes(&s.ends_local)).max(start + 1)
            };
            let mut class = format!("slot {}", s.status.as_str());
            if clashing.contains(&s.id) {
                class.push_str(" clash");
            }
            if taken
                .iter()
                .any(|(c, a, b)| *c == column && *a < end && start < *b)
            {
                class.push_str(" over");
            }
            taken.push((column, start, end));
            let title = s.title(i18n.get_locale()).to_owned();
            let time = s.time_range();
            let kind = s.kind;
            let id = s.id;
            let selected = move || editor.selected.get() == Some(id);
            view! {
                <button
                    type="button"
                    class=class
                    class:selected=selected
                    data-session=id
                    style=format!("grid-column: {column}; grid-row: {start} / {end};")
                    on:click=move |_| editor.select(&s)
                >
                    <span class="time">{time}</span>
                    <span class="title">{title}</span>
                    <span class="kind">{move || kind_label(i18n, kind)}</span>
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="timetable" style=style data-grid="timetable">
            {headers}
            {hours}
            {blocks}
        </div>
    }
    .into_any()
}

/// Who may speak or moderate, as checkboxes.
#[component]
fn PeoplePicker(
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

#[component]
fn SessionEditor(
    editor: Editor,
    rooms: Vec<crate::programme::types::ProgrammeRoom>,
    committees: Vec<crate::programme::types::ProgrammeCommittee>,
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
    let needs_confirmation = move || matches!(publish_error.get(), Some(AppError::Conflict(code)) if code == "hard_conflicts");
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
            let label = match r.capacity {
                Some(c) => format!("{} ({c})", r.name),
                None => r.name,
            };
            view! { <option value=r.id.to_string()>{label}</option> }
        })
        .collect_view();
    let committee_options = committees
        .into_iter()
        .map(|c| view! { <option value=c.id.to_string()>{c.name}</option> })
        .collect_view();
    view! {
        <form class="stack wide card" novalidate on:submit=on_submit data-form="session">
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
                <Field name="title_en" label=move || t!(i18n, session_title_en) error>
                    <input id="title_en" bind:value=d.title_en />
                </Field>
                <Field name="title_zh" label=move || t!(i18n, session_title_zh) error>
                    <input id="title_zh" bind:value=d.title_zh />
                </Field>
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
                <Field name="description_en" label=move || t!(i18n, session_description_en) error>
                    <textarea id="description_en" rows="3" bind:value=d.description_en></textarea>
                </Field>
                <Field name="description_zh" label=move || t!(i18n, session_description_zh) error>
                    <textarea id="description_zh" rows="3" bind:value=d.description_zh></textarea>
                </Field>
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
