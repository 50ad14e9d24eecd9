//! Programme rules, shared by the browser and the server: session times in
//! the edition's zone, and the conflicts the organizers are warned about.

use chrono::{DateTime, NaiveDate, Utc};

use super::types::{
    Conflict, DaySessions, Programme, SessionForm, SessionKind, SessionStatus, SessionText,
};
use crate::editions::domain::{EditionClock, parse_local_minute, parse_number};
use crate::error::{AppError, ErrorCode, Validator, validated};
use crate::registration::domain::parse_languages;
use leptos_i18n::Locale as _;

/// A session as the conflict check needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub id: i64,
    pub room_id: Option<i64>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// Registrations speaking or moderating.
    pub speakers: Vec<i64>,
    pub expected_attendance: Option<u32>,
    pub room_capacity: Option<u32>,
    pub cancelled: bool,
}

/// Half-open intervals: a session ending at 10:00 and one starting at
/// 10:00 do not overlap.
pub fn overlaps(a: &Slot, b: &Slot) -> bool {
    a.starts_at < b.ends_at && b.starts_at < a.ends_at
}

/// Every conflict among the sessions, in a stable order. `edition` is the
/// first instant of the first day and the first instant after the last
/// day, in UTC. Cancelled sessions conflict with nothing.
pub fn conflicts(slots: &[Slot], edition: (DateTime<Utc>, DateTime<Utc>)) -> Vec<Conflict> {
    let mut live: Vec<&Slot> = slots.iter().filter(|s| !s.cancelled).collect();
    live.sort_by_key(|s| (s.starts_at, s.id));
    let mut found = Vec::new();
    // Sweep by start time: only sessions still running can overlap.
    let mut running: Vec<&Slot> = Vec::new();
    for slot in &live {
        running.retain(|r| r.ends_at > slot.starts_at);
        for other in &running {
            let pair = [other.id.min(slot.id), other.id.max(slot.id)];
            if let (Some(a), Some(b)) = (other.room_id, slot.room_id)
                && a == b
            {
                found.push(Conflict::RoomDoubleBooked {
                    room_id: a,
                    sessions: pair,
                });
            }
            for speaker in &slot.speakers {
                if other.speakers.contains(speaker) {
                    found.push(Conflict::SpeakerDoubleBooked {
                        speaker: *speaker,
                        sessions: pair,
                    });
                }
            }
        }
        running.push(slot);
        if slot.starts_at < edition.0 || slot.ends_at > edition.1 {
            found.push(Conflict::OutsideEdition { session: slot.id });
        }
        if let (Some(expected), Some(capacity)) = (slot.expected_attendance, slot.room_capacity)
            && expected > capacity
        {
            found.push(Conflict::OverCapacity {
                session: slot.id,
                expected,
                capacity,
            });
        }
    }
    found.sort();
    found.dedup();
    found
}

/// The pairs of sessions in one person's agenda that overlap.
pub fn agenda_overlaps(agenda: &[Slot]) -> Vec<[i64; 2]> {
    let mut pairs = Vec::new();
    for (i, a) in agenda.iter().enumerate() {
        for b in &agenda[i + 1..] {
            if !a.cancelled && !b.cancelled && overlaps(a, b) {
                pairs.push([a.id.min(b.id), a.id.max(b.id)]);
            }
        }
    }
    pairs.sort();
    pairs
}

/// Start and end typed in the edition's zone (`YYYY-MM-DDTHH:MM`), as UTC.
/// The end may fall on the next day (a session can cross midnight); it
/// must come after the start, and a session lasts at most a day. A time
/// skipped by daylight saving is refused; a repeated one is the earlier.
pub fn session_times(
    start: &str,
    end: &str,
    clock: &EditionClock,
) -> Result<(DateTime<Utc>, DateTime<Utc>), AppError> {
    let at = |text: &str| {
        parse_local_minute(text)
            .ok_or(ErrorCode::InvalidDatetime)
            .and_then(|local| clock.to_utc(local))
    };
    let mut v = Validator::new();
    let starts = v.check("starts_at", at(start));
    let ends = v.check("ends_at", at(end));
    if let (Some(s), Some(e)) = (starts, ends) {
        if e <= s {
            v.add("ends_at", ErrorCode::EndNotAfterStart);
        } else if e - s > chrono::Duration::hours(24) {
            v.add("ends_at", ErrorCode::SessionTooLong);
        }
    }
    v.finish()?;
    Ok((validated(starts)?, validated(ends)?))
}

/// A session form, checked. Room and committee ids are checked against
/// the edition by the service; the people by the service too. Only
/// `parse_session` makes one, so holding one proves the form was valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    /// Per language, trimmed; languages with neither title nor
    /// description are left out.
    texts: Vec<SessionText>,
    kind: SessionKind,
    room_id: Option<i64>,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    committee_id: Option<i64>,
    /// Registration id and whether they moderate.
    people: Vec<(i64, bool)>,
    languages: Vec<String>,
    capacity: Option<i32>,
    invitation_only: bool,
}

impl NewSession {
    pub fn texts(&self) -> &[SessionText] {
        &self.texts
    }

    pub fn kind(&self) -> SessionKind {
        self.kind
    }

    pub fn room_id(&self) -> Option<i64> {
        self.room_id
    }

    pub fn starts_at(&self) -> DateTime<Utc> {
        self.starts_at
    }

    pub fn ends_at(&self) -> DateTime<Utc> {
        self.ends_at
    }

    pub fn committee_id(&self) -> Option<i64> {
        self.committee_id
    }

    /// Registration id and whether they moderate.
    pub fn people(&self) -> &[(i64, bool)] {
        &self.people
    }

    pub fn languages(&self) -> &[String] {
        &self.languages
    }

    pub fn capacity(&self) -> Option<i32> {
        self.capacity
    }

    pub fn invitation_only(&self) -> bool {
        self.invitation_only
    }
}

fn optional_id(text: &str) -> Result<Option<i64>, ErrorCode> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        parse_number(text).map(Some)
    }
}

/// A title is at most this many characters; a description this many.
const TITLE_MAX: usize = 200;
const DESCRIPTION_MAX: usize = 5_000;

/// A session's texts, trimmed, one per language, in the order the locale
/// files list the languages. Errors are on `title_{lang}` and
/// `description_{lang}`, the form's fields; a missing title on the first
/// language's.
fn parse_texts(texts: &[SessionText], v: &mut Validator) -> Vec<SessionText> {
    let mut kept: Vec<SessionText> = Vec::new();
    for lang in crate::locale::all() {
        let mut found = texts.iter().filter(|t| t.lang == *lang);
        let Some(text) = found.next() else { continue };
        let code = lang.as_str();
        if found.next().is_some() {
            v.add(&format!("title_{code}"), ErrorCode::LanguageRepeated);
        }
        let title = v
            .check(
                &format!("title_{code}"),
                // Line breaks in a title stay allowed (the feeds fold them
                // safely); a NUL or another control character does not.
                crate::text::paragraph(&text.title, TITLE_MAX, false),
            )
            .unwrap_or_else(|| text.title.trim().to_owned());
        let description = v
            .check(
                &format!("description_{code}"),
                crate::text::paragraph(&text.description, DESCRIPTION_MAX, false),
            )
            .unwrap_or_else(|| text.description.trim().to_owned());
        if !title.is_empty() || !description.is_empty() {
            kept.push(SessionText {
                lang: *lang,
                title,
                description,
            });
        }
    }
    if kept.iter().all(|t| t.title.is_empty()) {
        let first = crate::locale::all()[0].as_str();
        v.add(&format!("title_{first}"), ErrorCode::TitleRequired);
    }
    kept
}

/// Every field checked at once; messages by field name.
pub fn parse_session(form: &SessionForm, clock: &EditionClock) -> Result<NewSession, AppError> {
    let mut v = Validator::new();
    let texts = parse_texts(&form.texts, &mut v);
    let kind = v.check("kind", SessionKind::parse(&form.kind));
    let room_id = v.check("room_id", optional_id(&form.room_id));
    let committee_id = v.check("committee_id", optional_id(&form.committee_id));
    let times = match session_times(&form.starts_at, &form.ends_at, clock) {
        Ok(times) => Some(times),
        Err(AppError::Validation(errors)) => {
            for (field, messages) in errors {
                for message in messages {
                    v.add(&field, message);
                }
            }
            None
        }
        Err(other) => return Err(other),
    };
    let languages = v.check("languages", parse_languages(&form.languages));
    let capacity = if form.capacity.trim().is_empty() {
        None
    } else {
        v.check(
            "capacity",
            parse_number::<i32>(&form.capacity).and_then(|c| {
                if (1..=100_000).contains(&c) {
                    Ok(c)
                } else {
                    Err(ErrorCode::CapacityOutOfRange)
                }
            }),
        )
    };
    if form.speakers.iter().any(|s| form.moderators.contains(s)) {
        v.add("moderators", ErrorCode::SpeakerAndModerator);
    }
    v.finish()?;
    let mut people: Vec<(i64, bool)> = Vec::new();
    for (ids, moderator) in [(&form.speakers, false), (&form.moderators, true)] {
        for id in ids {
            if !people.iter().any(|(p, _)| p == id) {
                people.push((*id, moderator));
            }
        }
    }
    let (starts_at, ends_at) = validated(times)?;
    Ok(NewSession {
        texts,
        kind: validated(kind)?,
        room_id: validated(room_id)?,
        starts_at,
        ends_at,
        committee_id: validated(committee_id)?,
        people,
        languages: validated(languages)?,
        capacity,
        invitation_only: form.invitation_only,
    })
}

/// The programme of one day: `day` as asked (`YYYY-MM-DD`, or `all`),
/// else today while the edition runs, else its first day.
pub fn one_day(programme: &Programme, day: Option<&str>, today: NaiveDate) -> Programme {
    let asked = day.map(str::trim);
    let selected = if asked == Some("all") {
        None
    } else {
        asked
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .filter(|d| programme.days.contains(d))
            .or_else(|| programme.days.contains(&today).then_some(today))
            .or_else(|| programme.days.first().copied())
    };
    Programme {
        sessions: programme
            .sessions
            .iter()
            .filter(|s| selected.is_none_or(|d| s.day == d))
            .cloned()
            .collect(),
        selected_day: selected,
        edition_id: programme.edition_id,
        edition_title: programme.edition_title.clone(),
        time_zone: programme.time_zone.clone(),
        zone_label: programme.zone_label.clone(),
        venue: programme.venue.clone(),
        days: programme.days.clone(),
        rooms: programme.rooms.clone(),
        committees: programme.committees.clone(),
        edition_texts: programme.edition_texts.clone(),
    }
}

/// Expected attendance: the places planned, or the bookings if more.
pub fn expected_attendance(capacity: Option<i32>, booked: i32) -> Option<u32> {
    let expected = capacity.unwrap_or(0).max(booked);
    (expected > 0).then_some(expected as u32)
}

/// Whether one more person may book a session of this capacity.
pub fn has_room_for_one_more(capacity: Option<i32>, booked: i32) -> bool {
    capacity.is_none_or(|c| booked < c)
}

/// Sessions per day: every day of the edition in order, with zeros, and
/// any day outside it a session is on. `sessions` are (local day, status).
pub fn sessions_per_day(
    edition_days: &[NaiveDate],
    sessions: &[(NaiveDate, SessionStatus)],
) -> Vec<DaySessions> {
    let mut days: std::collections::BTreeMap<NaiveDate, DaySessions> = edition_days
        .iter()
        .chain(sessions.iter().map(|(day, _)| day))
        .map(|day| {
            let empty = DaySessions {
                day: *day,
                published: 0,
                drafts: 0,
                cancelled: 0,
            };
            (*day, empty)
        })
        .collect();
    for (day, status) in sessions {
        if let Some(counts) = days.get_mut(day) {
            match status {
                SessionStatus::Published => counts.published += 1,
                SessionStatus::Draft => counts.drafts += 1,
                SessionStatus::Cancelled => counts.cancelled += 1,
            }
        }
    }
    days.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::Locale;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn slot(id: i64, room: i64, start: &str, end: &str, speakers: &[i64]) -> Slot {
        Slot {
            id,
            room_id: Some(room),
            starts_at: at(start),
            ends_at: at(end),
            speakers: speakers.to_vec(),
            expected_attendance: None,
            room_capacity: None,
            cancelled: false,
        }
    }

    const EDITION: (&str, &str) = ("2027-11-01T16:00:00Z", "2027-11-04T16:00:00Z");

    fn edition() -> (DateTime<Utc>, DateTime<Utc>) {
        (at(EDITION.0), at(EDITION.1))
    }

    #[test]
    fn a_room_and_a_speaker_in_two_places_at_once_are_hard_conflicts() {
        let slots = [
            slot(1, 10, "2027-11-02T01:00:00Z", "2027-11-02T03:00:00Z", &[7]),
            slot(2, 10, "2027-11-02T02:30:00Z", "2027-11-02T04:00:00Z", &[8]),
            slot(
                3,
                11,
                "2027-11-02T02:00:00Z",
                "2027-11-02T02:45:00Z",
                &[7, 8],
            ),
            // Back to back is fine.
            slot(4, 10, "2027-11-02T04:00:00Z", "2027-11-02T05:00:00Z", &[7]),
        ];
        let found = conflicts(&slots, edition());
        assert_eq!(
            found,
            vec![
                Conflict::RoomDoubleBooked {
                    room_id: 10,
                    sessions: [1, 2]
                },
                Conflict::SpeakerDoubleBooked {
                    speaker: 7,
                    sessions: [1, 3]
                },
                Conflict::SpeakerDoubleBooked {
                    speaker: 8,
                    sessions: [2, 3]
                },
            ]
        );
        assert!(found.iter().all(Conflict::is_hard));
    }

    #[test]
    fn outside_the_edition_and_over_capacity_are_warnings() {
        let mut big = slot(1, 10, "2027-11-02T01:00:00Z", "2027-11-02T03:00:00Z", &[]);
        big.expected_attendance = Some(250);
        big.room_capacity = Some(200);
        let early = slot(2, 11, "2027-11-01T15:00:00Z", "2027-11-01T17:00:00Z", &[]);
        let mut cancelled = slot(3, 10, "2027-11-02T01:00:00Z", "2027-11-02T03:00:00Z", &[]);
        cancelled.cancelled = true;
        let found = conflicts(&[big, early, cancelled], edition());
        assert_eq!(
            found,
            vec![
                Conflict::OutsideEdition { session: 2 },
                Conflict::OverCapacity {
                    session: 1,
                    expected: 250,
                    capacity: 200
                },
            ]
        );
        assert!(!found.iter().any(Conflict::is_hard));
    }

    #[test]
    fn agendas_flag_overlapping_pairs() {
        let agenda = [
            slot(5, 1, "2027-11-02T01:00:00Z", "2027-11-02T03:00:00Z", &[]),
            slot(2, 2, "2027-11-02T02:00:00Z", "2027-11-02T02:30:00Z", &[]),
            slot(9, 3, "2027-11-02T03:00:00Z", "2027-11-02T04:00:00Z", &[]),
        ];
        assert_eq!(agenda_overlaps(&agenda), vec![[2, 5]]);
    }

    fn clock(zone: &str) -> EditionClock {
        let day = |m, d| NaiveDate::from_ymd_opt(2027, m, d).unwrap();
        EditionClock::new(zone.parse().unwrap(), day(11, 1), day(11, 4))
    }

    #[test]
    fn session_times_cross_midnight_in_the_editions_zone() {
        let zone = &clock("Asia/Shanghai");
        let (s, e) = session_times("2027-11-02T22:00", "2027-11-03T01:30", zone).unwrap();
        assert_eq!(s, at("2027-11-02T14:00:00Z"));
        assert_eq!(e, at("2027-11-02T17:30:00Z"));
        let err = session_times("2027-11-02T10:00", "2027-11-02T10:00", zone).unwrap_err();
        assert_eq!(
            err.field_messages("ends_at"),
            vec![ErrorCode::EndNotAfterStart]
        );
        let err = session_times("soon", "2027-11-04T10:00", zone).unwrap_err();
        assert_eq!(
            err.field_messages("starts_at"),
            vec![ErrorCode::InvalidDatetime]
        );
        let lisbon = &clock("Europe/Lisbon");
        // 01:30 on 28 March 2027 does not exist in Lisbon.
        let err = session_times("2027-03-28T01:30", "2027-03-28T03:00", lisbon).unwrap_err();
        assert_eq!(
            err.field_messages("starts_at"),
            vec![ErrorCode::InvalidDatetime]
        );
    }

    fn form() -> SessionForm {
        SessionForm {
            texts: vec![text(Locale::en, "Opening plenary", "")],
            kind: "plenary".into(),
            room_id: "3".into(),
            starts_at: "2027-11-02T09:00".into(),
            ends_at: "2027-11-02T10:30".into(),
            speakers: vec![7, 8],
            moderators: vec![9],
            languages: "en, zh".into(),
            capacity: "".into(),
            ..SessionForm::default()
        }
    }

    fn text(lang: Locale, title: &str, description: &str) -> SessionText {
        SessionText {
            lang,
            title: title.into(),
            description: description.into(),
        }
    }

    #[test]
    fn texts_are_kept_per_language_trimmed_and_empty_ones_dropped() {
        let mut v = Validator::new();
        let texts = parse_texts(
            &[
                text(Locale::zh, " 开幕式 ", ""),
                text(Locale::en, "  ", " "),
            ],
            &mut v,
        );
        assert!(v.finish().is_ok());
        assert_eq!(texts, vec![text(Locale::zh, "开幕式", "")]);
        let mut v = Validator::new();
        parse_texts(
            &[
                text(Locale::en, "A", ""),
                text(Locale::en, "B", ""),
                text(Locale::zh, &"长".repeat(201), ""),
            ],
            &mut v,
        );
        let err = v.finish().unwrap_err();
        assert_eq!(
            err.field_messages("title_en"),
            vec![ErrorCode::LanguageRepeated]
        );
        assert_eq!(err.field_messages("title_zh"), vec![ErrorCode::TooLong]);
    }

    #[test]
    fn a_session_form_is_parsed_in_the_editions_zone() {
        let zone = &clock("Asia/Shanghai");
        let session = parse_session(&form(), zone).unwrap();
        assert_eq!(session.kind, SessionKind::Plenary);
        assert_eq!(session.room_id, Some(3));
        assert_eq!(session.starts_at, at("2027-11-02T01:00:00Z"));
        assert_eq!(session.people, vec![(7, false), (8, false), (9, true)]);
        assert_eq!(session.languages, vec!["en", "zh"]);
        assert_eq!(session.capacity, None);
    }

    #[test]
    fn every_bad_field_of_a_session_is_reported() {
        let zone = &clock("Asia/Shanghai");
        let bad = SessionForm {
            texts: vec![text(Locale::en, " ", "")],
            kind: "party".into(),
            room_id: "x".into(),
            ends_at: "2027-11-02T08:00".into(),
            languages: "Chinese".into(),
            capacity: "0".into(),
            moderators: vec![7],
            ..form()
        };
        let err = parse_session(&bad, zone).unwrap_err();
        assert_eq!(
            err.field_messages("title_en"),
            vec![ErrorCode::TitleRequired]
        );
        assert_eq!(
            err.field_messages("kind"),
            vec![ErrorCode::UnknownSessionKind]
        );
        assert_eq!(
            err.field_messages("room_id"),
            vec![ErrorCode::InvalidNumber]
        );
        assert_eq!(
            err.field_messages("ends_at"),
            vec![ErrorCode::EndNotAfterStart]
        );
        assert_eq!(
            err.field_messages("languages"),
            vec![ErrorCode::InvalidLanguage]
        );
        assert_eq!(
            err.field_messages("capacity"),
            vec![ErrorCode::CapacityOutOfRange]
        );
        assert_eq!(
            err.field_messages("moderators"),
            vec![ErrorCode::SpeakerAndModerator]
        );
    }

    #[test]
    fn expected_attendance_and_booking_limits() {
        assert_eq!(expected_attendance(None, 0), None);
        assert_eq!(expected_attendance(Some(80), 95), Some(95));
        assert_eq!(expected_attendance(Some(80), 3), Some(80));
        assert!(has_room_for_one_more(None, 1_000));
        assert!(has_room_for_one_more(Some(2), 1));
        assert!(!has_room_for_one_more(Some(2), 2));
    }

    #[test]
    fn the_public_page_shows_one_day_by_default() {
        let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        let session = |id: i64, d: &str| crate::programme::types::SessionView {
            id,
            edition_id: 1,
            texts: Vec::new(),
            kind: SessionKind::Plenary,
            room_id: None,
            room_name: None,
            room_names: Default::default(),
            starts_at: at("2027-11-02T01:00:00Z"),
            ends_at: at("2027-11-02T02:00:00Z"),
            starts_local: day(d).and_hms_opt(9, 0, 0).unwrap(),
            ends_local: day(d).and_hms_opt(10, 0, 0).unwrap(),
            day: day(d),
            committee_id: None,
            committee_name: None,
            committee_names: Default::default(),
            people: Vec::new(),
            languages: Vec::new(),
            capacity: None,
            invitation_only: false,
            status: crate::programme::types::SessionStatus::Published,
            sequence: 0,
            booked: 0,
        };
        let programme = Programme {
            edition_id: 1,
            edition_title: String::new(),
            time_zone: "Asia/Shanghai".into(),
            zone_label: "Asia/Shanghai, UTC+8".into(),
            venue: String::new(),
            days: vec![day("2027-11-02"), day("2027-11-03")],
            rooms: Vec::new(),
            committees: Vec::new(),
            sessions: vec![session(1, "2027-11-02"), session(2, "2027-11-03")],
            selected_day: None,
            edition_texts: Vec::new(),
        };
        let ids = |p: &Programme| p.sessions.iter().map(|s| s.id).collect::<Vec<_>>();
        let before = day("2026-11-28");
        assert_eq!(ids(&one_day(&programme, None, before)), vec![1]);
        assert_eq!(ids(&one_day(&programme, None, day("2027-11-03"))), vec![2]);
        assert_eq!(
            ids(&one_day(&programme, Some("2027-11-03"), before)),
            vec![2]
        );
        assert_eq!(ids(&one_day(&programme, Some("all"), before)), vec![1, 2]);
        assert_eq!(one_day(&programme, Some("all"), before).selected_day, None);
        // A day outside the edition, or nonsense, falls back.
        assert_eq!(
            ids(&one_day(&programme, Some("1999-01-01"), before)),
            vec![1]
        );
        assert_eq!(ids(&one_day(&programme, Some("soon"), before)), vec![1]);
    }

    #[test]
    fn sessions_are_counted_per_day_with_empty_days_kept() {
        let day = |d| NaiveDate::from_ymd_opt(2027, 11, d).unwrap();
        let counted = sessions_per_day(
            &[day(2), day(3), day(4)],
            &[
                (day(2), SessionStatus::Published),
                (day(2), SessionStatus::Draft),
                (day(4), SessionStatus::Cancelled),
                (day(6), SessionStatus::Published),
            ],
        );
        let shape: Vec<_> = counted
            .iter()
            .map(|d| (d.day, d.published, d.drafts, d.cancelled))
            .collect();
        assert_eq!(
            shape,
            vec![
                (day(2), 1, 1, 0),
                (day(3), 0, 0, 0),
                (day(4), 0, 0, 1),
                (day(6), 1, 0, 0),
            ]
        );
    }
}
