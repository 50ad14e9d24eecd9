//! The conflicts of a programme: clashes and warnings, with what they name.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::{Edition, lookups, rooms_of, session_rows};
use crate::error::AppError;
use crate::programme::domain::{Slot, agenda_overlaps, conflicts, expected_attendance};
use crate::programme::entity::agenda_entry;
use crate::programme::types::Conflict;
use crate::programme::types::{ConflictView, SessionStatus};
use crate::registration::entity::registration;

/// Every conflict of the edition, or those one session is part of.
pub async fn conflicts_of(
    db: &impl ConnectionTrait,
    edition: &Edition,
    only: Option<i64>,
) -> Result<Vec<ConflictView>, AppError> {
    let edition_id = edition.model.id;
    let rows = session_rows(db, edition_id, sea_orm::Condition::all()).await?;
    let rooms = rooms_of(db, edition_id).await?;
    let lookups = lookups(db, &rooms, &[], &rows).await?;
    let slots: Vec<Slot> = rows
        .iter()
        .map(|s| Slot {
            id: s.id,
            room_id: s.room_id,
            starts_at: s.starts_at,
            ends_at: s.ends_at,
            speakers: lookups
                .people
                .get(&s.id)
                .map(|p| p.iter().map(|p| p.registration_id).collect())
                .unwrap_or_default(),
            expected_attendance: expected_attendance(
                s.capacity,
                lookups.booked.get(&s.id).copied().unwrap_or(0),
            ),
            room_capacity: s
                .room_id
                .and_then(|r| lookups.rooms.get(&r))
                .and_then(|r| r.capacity)
                .and_then(|c| u32::try_from(c).ok()),
            cancelled: s.status == SessionStatus::Cancelled,
        })
        .collect();
    let mut found = conflicts(&slots, edition.clock.bounds());
    // Delegates booked into overlapping sessions.
    let by_id: HashMap<i64, &Slot> = slots.iter().map(|s| (s.id, s)).collect();
    let mut agendas: HashMap<i64, Vec<Slot>> = HashMap::new();
    if !slots.is_empty() {
        for entry in agenda_entry::Entity::find()
            .filter(agenda_entry::Column::SessionId.is_in(by_id.keys().copied()))
            .all(db)
            .await?
        {
            if let Some(slot) = by_id.get(&entry.session_id) {
                agendas
                    .entry(entry.registration_id)
                    .or_default()
                    .push((*slot).clone());
            }
        }
    }
    for (registration, agenda) in &agendas {
        for pair in agenda_overlaps(agenda) {
            found.push(Conflict::AgendaOverlap {
                registration: *registration,
                sessions: pair,
            });
        }
    }
    found.sort();
    let names = person_names(db, &found).await?;
    Ok(found
        .into_iter()
        .filter_map(|conflict| {
            let (sessions, subject) = match &conflict {
                Conflict::RoomDoubleBooked { room_id, sessions } => (
                    sessions.to_vec(),
                    lookups.rooms.get(room_id).map(|r| r.name.clone()),
                ),
                Conflict::SpeakerDoubleBooked { speaker, sessions } => {
                    (sessions.to_vec(), names.get(speaker).cloned())
                }
                Conflict::AgendaOverlap {
                    registration,
                    sessions,
                } => (sessions.to_vec(), names.get(registration).cloned()),
                Conflict::OutsideEdition { session } => (vec![*session], None),
                Conflict::OverCapacity { session, .. } => (
                    vec![*session],
                    by_id
                        .get(session)
                        .and_then(|s| s.room_id)
                        .and_then(|r| lookups.rooms.get(&r))
                        .map(|r| r.name.clone()),
                ),
            };
            if only.is_some_and(|id| !sessions.contains(&id)) {
                return None;
            }
            Some(ConflictView {
                hard: conflict.is_hard(),
                conflict,
                sessions,
                subject,
            })
        })
        .collect())
}

async fn person_names(
    db: &impl ConnectionTrait,
    found: &[Conflict],
) -> Result<HashMap<i64, String>, AppError> {
    let ids: Vec<i64> = found
        .iter()
        .filter_map(|c| match c {
            Conflict::SpeakerDoubleBooked { speaker, .. } => Some(*speaker),
            Conflict::AgendaOverlap { registration, .. } => Some(*registration),
            _ => None,
        })
        .collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(registration::Entity::find()
        .filter(registration::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.name_latin))
        .collect())
}
