//! `/editions/:id/conflicts`: every clash and warning of the programme.

use std::collections::HashMap;

use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::components::A;

use crate::auth::components::Guard;
use crate::auth::domain::Operation;
use crate::error::AppError;
use crate::i18n::*;
use crate::programme::server_fns::{get_timetable, list_conflicts};
use crate::programme::types::Conflict;
use crate::programme::types::ConflictView;
use crate::ui::{Loaded, route_id};

/// A conflict in words, naming the sessions by title.
pub(crate) fn describe(
    i18n: I18nContext<Locale>,
    view: &ConflictView,
    titles: &HashMap<i64, String>,
) -> String {
    let title = |id: &i64| titles.get(id).cloned().unwrap_or_else(|| format!("#{id}"));
    let pair = |sessions: &[i64; 2]| (title(&sessions[0]), title(&sessions[1]));
    let subject = view.subject.clone().unwrap_or_default();
    match &view.conflict {
        Conflict::RoomDoubleBooked { sessions, .. } => {
            let (a, b) = pair(sessions);
            t_string!(i18n, conflict_room, room = &subject, first = a, second = b)
        }
        Conflict::SpeakerDoubleBooked { sessions, .. } => {
            let (a, b) = pair(sessions);
            t_string!(
                i18n,
                conflict_speaker,
                person = &subject,
                first = a,
                second = b
            )
        }
        Conflict::AgendaOverlap { sessions, .. } => {
            let (a, b) = pair(sessions);
            t_string!(
                i18n,
                conflict_agenda,
                person = &subject,
                first = a,
                second = b
            )
        }
        Conflict::OutsideEdition { session } => {
            t_string!(i18n, conflict_outside, session = title(session))
        }
        Conflict::OverCapacity {
            session,
            expected,
            capacity,
        } => t_string!(
            i18n,
            conflict_capacity,
            session = title(session),
            expected = *expected,
            room = &subject,
            capacity = *capacity
        ),
    }
}

/// The list of conflicts, hard ones marked.
#[component]
pub(crate) fn ConflictList(
    conflicts: Vec<ConflictView>,
    titles: HashMap<i64, String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let count = conflicts.len();
    view! {
        <ul class="conflicts" data-conflicts=count>
            {conflicts
                .into_iter()
                .map(|c| {
                    let class = if c.hard { "conflict hard" } else { "conflict" };
                    let text = describe(i18n, &c, &titles);
                    let hard = c.hard;
                    view! {
                        <li class=class data-hard=hard.to_string()>
                            <strong>
                                {move || if hard {
                                    t_string!(i18n, conflict_hard_label).to_string()
                                } else {
                                    t_string!(i18n, conflict_warning_label).to_string()
                                }}
                            </strong>
                            " "
                            {text}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[component]
pub fn ConflictsPage() -> impl IntoView {
    let i18n = use_i18n();
    let edition_id = route_id();
    // Made outside the guard's suspense (see ReviewPage).
    let data = Resource::new(
        move || edition_id.get(),
        |id| async move {
            let id = id.ok_or(AppError::NotFound)?;
            let timetable = get_timetable(id).await?;
            Ok((timetable, list_conflicts(id).await?))
        },
    );
    let render = move |(timetable, conflicts): (
        crate::programme::types::Timetable,
        Vec<ConflictView>,
    )| {
        let titles = super::session_titles(i18n, &timetable.programme.sessions);
        let id = timetable.programme.edition_id;
        view! {
            <h1>{t!(i18n, conflicts_title)} " · " {timetable.programme.edition_title.clone()}</h1>
            <nav class="toolbar">
                <A href=format!("/editions/{id}/timetable") attr:class="button secondary">
                    {t!(i18n, timetable_title)}
                </A>
            </nav>
            {if conflicts.is_empty() {
                view! { <p class="banner ok" data-conflicts="0">{t!(i18n, conflicts_none)}</p> }.into_any()
            } else {
                view! { <ConflictList conflicts titles /> }.into_any()
            }}
        }
        .into_any()
    };
    view! {
        <Guard operation=Operation::ManageProgramme>
            <Loaded resource=data render />
        </Guard>
    }
}
