//! Programme pages: the public programme, the organizers' timetable and
//! conflicts, and a delegate's agenda.

mod agenda;
mod conflicts;
mod public;
mod timetable;

pub use agenda::AgendaPage;
pub use conflicts::ConflictsPage;
pub use public::ProgrammePage;
pub use timetable::TimetablePage;

use std::collections::HashMap;

use leptos_i18n::I18nContext;

use super::types::{SessionKind, SessionView};
use crate::i18n::*;

pub(crate) fn kind_label(i18n: I18nContext<Locale>, kind: SessionKind) -> String {
    kind.label(i18n.get_locale())
}

/// Room and floor, as a line under a session's title.
pub(crate) fn place(
    i18n: I18nContext<Locale>,
    session: &SessionView,
    floor: Option<&str>,
) -> String {
    match (
        session.room(i18n.get_locale()),
        floor.filter(|f| !f.is_empty()),
    ) {
        (Some(room), Some(floor)) => {
            format!(
                "{room} · {}",
                t_string!(i18n, room_floor_short, floor = floor)
            )
        }
        (Some(room), None) => room.to_owned(),
        (None, _) => String::new(),
    }
}

/// Each session's title with its day and time, to name it in conflicts.
pub(crate) fn session_titles(
    i18n: I18nContext<Locale>,
    sessions: &[SessionView],
) -> HashMap<i64, String> {
    sessions
        .iter()
        .map(|s| {
            let title = s.title(i18n.get_locale());
            (s.id, format!("{title} ({} {})", s.day, s.time_range()))
        })
        .collect()
}
