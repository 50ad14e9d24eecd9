//! iCalendar feeds of the programme. Times are written in UTC (`…Z`),
//! which every calendar shows in its reader's zone; the edition's zone is
//! named in X-WR-TIMEZONE for apps that display the feed's own zone.

use icalendar::{Calendar, Component, Event, EventLike, EventStatus, Property};

use super::service::FeedData;
use super::types::{SessionStatus, SessionView};
use crate::i18n::Locale;

/// A UID that survives renames, moves and restarts.
pub fn session_uid(session: &SessionView) -> String {
    format!(
        "session-{}-edition-{}@cities-forum",
        session.id, session.edition_id
    )
}

fn location(session: &SessionView, data: &FeedData, locale: Locale) -> String {
    let venue = data.edition.model.venue.as_str();
    match session.room(locale) {
        Some(room) if !venue.is_empty() => format!("{room}, {venue}"),
        Some(room) => room.to_owned(),
        None => venue.to_owned(),
    }
}

fn description(session: &SessionView, locale: Locale) -> String {
    let mut lines = Vec::new();
    let text = session.description(locale).trim();
    if !text.is_empty() {
        lines.push(text.to_owned());
    }
    let people: Vec<&str> = session
        .people
        .iter()
        .map(|p| p.name_latin.as_str())
        .collect();
    if !people.is_empty() {
        lines.push(people.join(", "));
    }
    if let Some(committee) = session.committee(locale) {
        lines.push(committee.to_owned());
    }
    if !session.languages.is_empty() {
        lines.push(session.languages.join(", "));
    }
    lines.join("\n")
}

/// The feed as text: one VEVENT per session, cancelled ones kept with
/// STATUS:CANCELLED so that subscribed calendars remove or strike them.
pub fn render(data: &FeedData, locale: Locale, public_url: &str) -> String {
    let mut calendar = Calendar::new();
    calendar.name(&data.name);
    calendar.append_property(Property::new(
        "X-WR-TIMEZONE",
        data.edition.model.time_zone.as_str(),
    ));
    for session in &data.sessions {
        let status = if session.status == SessionStatus::Cancelled {
            EventStatus::Cancelled
        } else {
            EventStatus::Confirmed
        };
        let event = Event::new()
            .uid(&session_uid(session))
            .summary(session.title(locale))
            .description(&description(session, locale))
            .starts(session.starts_at)
            .ends(session.ends_at)
            .location(&location(session, data, locale))
            .url(&format!(
                "{public_url}/editions/{}/programme#session-{}",
                session.edition_id, session.id
            ))
            .status(status)
            .add_property("SEQUENCE", session.sequence.to_string())
            .done();
        calendar.push(event);
    }
    calendar.done().to_string()
}
