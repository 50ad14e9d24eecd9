//! The programme in the database (server only), one file per verb:
//! reading it, writing sessions, their conflicts, agendas and the data of
//! the calendar feeds. This file holds what they share: the lookups that
//! turn session rows into views.

mod agenda;
mod conflicts;
mod feeds;
mod read;
mod sessions;
mod summary;

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

pub use crate::editions::service::{Edition, load_edition};
pub use agenda::{add_to_agenda, agenda, agenda_feed_path, remove_from_agenda, renew_agenda_feed};
pub use conflicts::conflicts_of;
pub use feeds::{FeedData, FeedScope, agenda_feed, feed};
pub use read::{get_session, programme, programme_of, speaker_choices};
pub use sessions::{cancel_session, delete_draft, publish_session, save_session};
pub use summary::programme_summary;

use super::entity::{agenda_entry, session, session_person, session_text};
use super::types::{
    ProgrammeCommittee, ProgrammeRoom, SessionPerson, SessionRole, SessionStatus, SessionText,
    SessionView,
};
use crate::directory::entity::committee;
use crate::editions::entity::room;
use crate::error::AppError;
use crate::locale::locale_of;
use crate::names::service::{Named, names_of};
use crate::registration::entity::registration;
use crate::registration::service::split_languages;

/// Which sessions a reader sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Published and cancelled sessions open to all.
    Public,
    /// Everything, drafts and invitation-only sessions included.
    Organizers,
}

/// What turns session rows into views: the edition's rooms, committees,
/// people and bookings, loaded once.
struct Lookups {
    rooms: HashMap<i64, ProgrammeRoom>,
    committees: HashMap<i64, ProgrammeCommittee>,
    people: HashMap<i64, Vec<SessionPerson>>,
    booked: HashMap<i64, i32>,
    texts: HashMap<i64, Vec<SessionText>>,
}

/// The titles and descriptions of sessions, per language in the order the
/// locale files list them (one query). A language the app no longer
/// speaks is skipped.
pub(super) async fn texts_of(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, Vec<SessionText>>, AppError> {
    let mut texts: HashMap<i64, Vec<SessionText>> = HashMap::new();
    for row in session_text::Entity::find()
        .filter(session_text::Column::SessionId.is_in(ids))
        .all(db)
        .await?
    {
        if let Some(lang) = locale_of(&row.lang) {
            texts.entry(row.session_id).or_default().push(SessionText {
                lang,
                title: row.title,
                description: row.description,
            });
        }
    }
    for list in texts.values_mut() {
        list.sort_by_key(|t| crate::locale::all().iter().position(|l| *l == t.lang));
    }
    Ok(texts)
}

async fn rooms_of(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<Vec<ProgrammeRoom>, AppError> {
    let rooms = room::Entity::find()
        .filter(room::Column::EditionId.eq(edition_id))
        .order_by_asc(room::Column::Name)
        .all(db)
        .await?;
    let mut names = names_of(db, Named::Room, rooms.iter().map(|r| r.id)).await?;
    Ok(rooms
        .into_iter()
        .map(|r| ProgrammeRoom {
            names: names.remove(&r.id).unwrap_or_default(),
            id: r.id,
            name: r.name,
            floor: r.floor,
            capacity: r.capacity,
            booths: r.booths,
        })
        .collect())
}

async fn committees(db: &impl ConnectionTrait) -> Result<Vec<ProgrammeCommittee>, AppError> {
    let committees = committee::Entity::find()
        .order_by_asc(committee::Column::Name)
        .all(db)
        .await?;
    let mut names = names_of(db, Named::Committee, committees.iter().map(|c| c.id)).await?;
    Ok(committees
        .into_iter()
        .map(|c| ProgrammeCommittee {
            names: names.remove(&c.id).unwrap_or_default(),
            id: c.id,
            name: c.name,
        })
        .collect())
}

async fn lookups(
    db: &impl ConnectionTrait,
    rooms: &[ProgrammeRoom],
    committees: &[ProgrammeCommittee],
    sessions: &[session::Model],
) -> Result<Lookups, AppError> {
    let ids: Vec<i64> = sessions.iter().map(|s| s.id).collect();
    let mut people: HashMap<i64, Vec<SessionPerson>> = HashMap::new();
    let mut booked: HashMap<i64, i32> = HashMap::new();
    let mut texts = HashMap::new();
    if !ids.is_empty() {
        texts = texts_of(db, ids.iter().copied()).await?;
        let links = session_person::Entity::find()
            .filter(session_person::Column::SessionId.is_in(ids.clone()))
            .all(db)
            .await?;
        let names: HashMap<i64, (String, String)> = registration::Entity::find()
            .filter(
                registration::Column::Id
                    .is_in(links.iter().map(|l| l.registration_id).collect::<Vec<_>>()),
            )
            .all(db)
            .await?
            .into_iter()
            .map(|r| (r.id, (r.name_latin, r.name_native)))
            .collect();
        for link in links {
            let (name_latin, name_native) = names
                .get(&link.registration_id)
                .cloned()
                .unwrap_or_default();
            people
                .entry(link.session_id)
                .or_default()
                .push(SessionPerson {
                    registration_id: link.registration_id,
                    name_latin,
                    name_native,
                    moderator: link.role == SessionRole::Moderator,
                });
        }
        for list in people.values_mut() {
            // Moderators first, then by name, the same on every page.
            list.sort_by(|a, b| (!a.moderator, &a.name_latin).cmp(&(!b.moderator, &b.name_latin)));
        }
        let counts: Vec<(i64, i64)> = agenda_entry::Entity::find()
            .select_only()
            .column(agenda_entry::Column::SessionId)
            .column_as(agenda_entry::Column::RegistrationId.count(), "booked")
            .filter(agenda_entry::Column::SessionId.is_in(ids))
            .group_by(agenda_entry::Column::SessionId)
            .into_tuple()
            .all(db)
            .await?;
        booked = counts
            .into_iter()
            .map(|(id, n)| (id, i32::try_from(n).unwrap_or(i32::MAX)))
            .collect();
    }
    Ok(Lookups {
        rooms: rooms.iter().map(|r| (r.id, r.clone())).collect(),
        committees: committees.iter().map(|c| (c.id, c.clone())).collect(),
        people,
        booked,
        texts,
    })
}

fn view(edition: &Edition, m: session::Model, lookups: &Lookups) -> SessionView {
    let starts = edition.clock.to_local(m.starts_at);
    let ends = edition.clock.to_local(m.ends_at);
    let room = m.room_id.and_then(|id| lookups.rooms.get(&id));
    let committee = m.committee_id.and_then(|id| lookups.committees.get(&id));
    SessionView {
        id: m.id,
        edition_id: m.edition_id,
        kind: m.kind,
        room_id: m.room_id,
        room_name: room.map(|r| r.name.clone()),
        room_names: room.map(|r| r.names.clone()).unwrap_or_default(),
        starts_at: m.starts_at,
        ends_at: m.ends_at,
        starts_local: starts,
        ends_local: ends,
        day: starts.date(),
        committee_id: m.committee_id,
        committee_name: committee.map(|c| c.name.clone()),
        committee_names: committee.map(|c| c.names.clone()).unwrap_or_default(),
        people: lookups.people.get(&m.id).cloned().unwrap_or_default(),
        languages: split_languages(&m.languages),
        capacity: m.capacity,
        invitation_only: m.invitation_only,
        status: m.status,
        sequence: m.sequence,
        booked: lookups.booked.get(&m.id).copied().unwrap_or(0),
        texts: lookups.texts.get(&m.id).cloned().unwrap_or_default(),
    }
}

fn visible_to(audience: Audience) -> sea_orm::Condition {
    match audience {
        Audience::Organizers => sea_orm::Condition::all(),
        Audience::Public => sea_orm::Condition::all()
            .add(session::Column::Status.ne(SessionStatus::Draft))
            .add(session::Column::InvitationOnly.eq(false)),
    }
}

async fn session_rows(
    db: &impl ConnectionTrait,
    edition_id: i64,
    condition: sea_orm::Condition,
) -> Result<Vec<session::Model>, AppError> {
    session::Entity::find()
        .filter(session::Column::EditionId.eq(edition_id))
        .filter(condition)
        .order_by_asc(session::Column::StartsAt)
        .order_by_asc(session::Column::Id)
        .all(db)
        .await
        .map_err(AppError::from)
}

async fn find_session(
    db: &impl ConnectionTrait,
    edition_id: i64,
    id: i64,
) -> Result<session::Model, AppError> {
    session::Entity::find_by_id(id)
        .filter(session::Column::EditionId.eq(edition_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

async fn one_view(
    db: &impl ConnectionTrait,
    edition: &Edition,
    row: session::Model,
) -> Result<SessionView, AppError> {
    let rooms = rooms_of(db, edition.model.id).await?;
    let committees = committees(db).await?;
    let rows = [row];
    let lookups = lookups(db, &rooms, &committees, &rows).await?;
    let [row] = rows;
    Ok(view(edition, row, &lookups))
}
