//! Programme rules, shared by the browser and the server: session times in
//! the edition's zone, and the conflicts the organizers are warned about.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::error::{AppError, Validator};

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

/// What an organizer is warned about. Room and speaker clashes are hard:
/// publishing with them asks for confirmation. The others only inform.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Conflict {
    RoomDoubleBooked {
        room_id: i64,
        sessions: [i64; 2],
    },
    SpeakerDoubleBooked {
        speaker: i64,
        sessions: [i64; 2],
    },
    OutsideEdition {
        session: i64,
    },
    OverCapacity {
        session: i64,
        expected: u32,
        capacity: u32,
    },
}

impl Conflict {
    pub fn is_hard(&self) -> bool {
        matches!(
            self,
            Conflict::RoomDoubleBooked { .. } | Conflict::SpeakerDoubleBooked { .. }
        )
    }
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
    zone: Tz,
) -> Result<(DateTime<Utc>, DateTime<Utc>), AppError> {
    let at = |text: &str| {
        NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%dT%H:%M")
            .ok()
            .and_then(|local| zone.from_local_datetime(&local).earliest())
            .map(|at| at.with_timezone(&Utc))
            .ok_or_else(|| "invalid_datetime".to_owned())
    };
    let mut v = Validator::new();
    let starts = v.check("starts_at", at(start));
    let ends = v.check("ends_at", at(end));
    if let (Some(s), Some(e)) = (starts, ends) {
        if e <= s {
            v.add("ends_at", "end_not_after_start");
        } else if e - s > chrono::Duration::hours(24) {
            v.add("ends_at", "session_too_long");
        }
    }
    v.finish()?;
    Ok((
        starts.ok_or(AppError::Internal)?,
        ends.ok_or(AppError::Internal)?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn session_times_cross_midnight_in_the_editions_zone() {
        let zone: Tz = "Asia/Shanghai".parse().unwrap();
        let (s, e) = session_times("2027-11-02T22:00", "2027-11-03T01:30", zone).unwrap();
        assert_eq!(s, at("2027-11-02T14:00:00Z"));
        assert_eq!(e, at("2027-11-02T17:30:00Z"));
        let err = session_times("2027-11-02T10:00", "2027-11-02T10:00", zone).unwrap_err();
        assert_eq!(err.field_messages("ends_at"), vec!["end_not_after_start"]);
        let err = session_times("soon", "2027-11-04T10:00", zone).unwrap_err();
        assert_eq!(err.field_messages("starts_at"), vec!["invalid_datetime"]);
        let lisbon: Tz = "Europe/Lisbon".parse().unwrap();
        // 01:30 on 28 March 2027 does not exist in Lisbon.
        let err = session_times("2027-03-28T01:30", "2027-03-28T03:00", lisbon).unwrap_err();
        assert_eq!(err.field_messages("starts_at"), vec!["invalid_datetime"]);
    }
}
