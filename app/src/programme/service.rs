//! The programme in the database (server only): sessions, their conflicts,
//! agendas, change notices and the data of the calendar feeds.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, NotSet,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionSession,
    TransactionTrait,
};

use super::domain::{
    Conflict, NewSession, Slot, agenda_overlaps, conflicts, expected_attendance,
    has_room_for_one_more, parse_session,
};
use super::entity::{agenda_entry, agenda_feed, session, session_person};
use super::mail::{Change, session_changed};
use super::types::{
    AgendaView, ConflictView, Programme, ProgrammeCommittee, ProgrammeRoom, SavedSession,
    SessionForm, SessionKind, SessionPerson, SessionStatus, SessionView, SpeakerChoice,
};
use crate::db::now;
use crate::directory::entity::committee;
use crate::editions::domain::parse_time_zone;
use crate::editions::entity::{edition, room};
use crate::editions::service::touch_programme;
use crate::error::AppError;
use crate::mail::service::enqueue;
use crate::registration::entity::registration;
use crate::registration::service::{recipient, split_languages};
use crate::registration::types::RegistrationStatus;

const MODERATOR: &str = "moderator";
const SPEAKER: &str = "speaker";

/// An edition with its zone parsed.
#[derive(Debug, Clone)]
pub struct EditionZone {
    pub model: edition::Model,
    pub zone: Tz,
}

impl EditionZone {
    /// The first instant of the first day and the first after the last.
    fn bounds(&self) -> (DateTime<Utc>, DateTime<Utc>) {
        let instant = |day: NaiveDate| {
            day.and_hms_opt(0, 0, 0)
                .and_then(|t| t.and_local_timezone(self.zone).earliest())
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or_default()
        };
        (
            instant(self.model.start_date),
            instant(self.model.end_date + chrono::Duration::days(1)),
        )
    }

    fn local(&self, at: DateTime<Utc>) -> chrono::NaiveDateTime {
        at.with_timezone(&self.zone).naive_local()
    }

    fn days(&self) -> Vec<NaiveDate> {
        self.model
            .start_date
            .iter_days()
            .take_while(|d| *d <= self.model.end_date)
            .collect()
    }
}

pub async fn load_edition(db: &impl ConnectionTrait, id: i64) -> Result<EditionZone, AppError> {
    let model = edition::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let zone = parse_time_zone(&model.time_zone).map_err(AppError::internal)?;
    Ok(EditionZone { model, zone })
}

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
    committees: HashMap<i64, String>,
    people: HashMap<i64, Vec<SessionPerson>>,
    booked: HashMap<i64, i32>,
}

async fn rooms_of(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<Vec<ProgrammeRoom>, AppError> {
    Ok(room::Entity::find()
        .filter(room::Column::EditionId.eq(edition_id))
        .order_by_asc(room::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|r| ProgrammeRoom {
            id: r.id,
            name: r.name,
            floor: r.floor,
            capacity: r.capacity,
            booths: r.booths,
        })
        .collect())
}

async fn committees(db: &impl ConnectionTrait) -> Result<Vec<ProgrammeCommittee>, AppError> {
    Ok(committee::Entity::find()
        .order_by_asc(committee::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|c| ProgrammeCommittee {
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
    if !ids.is_empty() {
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
                    moderator: link.role == MODERATOR,
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
        committees: committees.iter().map(|c| (c.id, c.name.clone())).collect(),
        people,
        booked,
    })
}

fn view(edition: &EditionZone, m: session::Model, lookups: &Lookups) -> SessionView {
    let starts = edition.local(m.starts_at);
    let ends = edition.local(m.ends_at);
    let format = |t: chrono::NaiveDateTime| t.format("%Y-%m-%dT%H:%M").to_string();
    SessionView {
        id: m.id,
        edition_id: m.edition_id,
        kind: SessionKind::parse(&m.kind).unwrap_or_default(),
        room_id: m.room_id,
        room_name: m
            .room_id
            .and_then(|id| lookups.rooms.get(&id))
            .map(|r| r.name.clone()),
        starts_at: m.starts_at,
        ends_at: m.ends_at,
        starts_local: format(starts),
        ends_local: format(ends),
        day: starts.date(),
        committee_id: m.committee_id,
        committee_name: m
            .committee_id
            .and_then(|id| lookups.committees.get(&id))
            .cloned(),
        people: lookups.people.get(&m.id).cloned().unwrap_or_default(),
        languages: split_languages(&m.languages),
        capacity: m.capacity,
        invitation_only: m.invitation_only,
        status: SessionStatus::parse(&m.status).unwrap_or_default(),
        sequence: m.sequence,
        booked: lookups.booked.get(&m.id).copied().unwrap_or(0),
        title_en: m.title_en,
        title_zh: m.title_zh,
        description_en: m.description_en,
        description_zh: m.description_zh,
    }
}

fn visible_to(audience: Audience) -> sea_orm::Condition {
    match audience {
        Audience::Organizers => sea_orm::Condition::all(),
        Audience::Public => sea_orm::Condition::all()
            .add(session::Column::Status.ne(SessionStatus::Draft.as_str()))
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

/// The programme as `audience` sees it.
pub async fn programme(
    db: &impl ConnectionTrait,
    edition_id: i64,
    audience: Audience,
) -> Result<Programme, AppError> {
    let edition = load_edition(db, edition_id).await?;
    programme_of(db, &edition, audience).await
}

/// The programme of an edition already loaded.
pub async fn programme_of(
    db: &impl ConnectionTrait,
    edition: &EditionZone,
    audience: Audience,
) -> Result<Programme, AppError> {
    let edition_id = edition.model.id;
    let rooms = rooms_of(db, edition_id).await?;
    let committees = committees(db).await?;
    let rows = session_rows(db, edition_id, visible_to(audience)).await?;
    let lookups = lookups(db, &rooms, &committees, &rows).await?;
    let sessions: Vec<SessionView> = rows
        .into_iter()
        .map(|m| view(edition, m, &lookups))
        .collect();
    // The edition's days, and any a session strays onto.
    let mut days = edition.days();
    for s in &sessions {
        if !days.contains(&s.day) {
            days.push(s.day);
        }
    }
    days.sort();
    Ok(Programme {
        edition_id,
        days,
        edition_title: edition.model.title.clone(),
        time_zone: edition.model.time_zone.clone(),
        venue: edition.model.venue.clone(),
        rooms,
        committees,
        sessions,
        selected_day: None,
    })
}

/// One session as `audience` sees it; 404 when it may not.
pub async fn get_session(
    db: &impl ConnectionTrait,
    edition_id: i64,
    id: i64,
    audience: Audience,
) -> Result<SessionView, AppError> {
    let edition = load_edition(db, edition_id).await?;
    let row = session::Entity::find_by_id(id)
        .filter(session::Column::EditionId.eq(edition_id))
        .filter(visible_to(audience))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    one_view(db, &edition, row).await
}

async fn one_view(
    db: &impl ConnectionTrait,
    edition: &EditionZone,
    row: session::Model,
) -> Result<SessionView, AppError> {
    let rooms = rooms_of(db, edition.model.id).await?;
    let committees = committees(db).await?;
    let rows = [row];
    let lookups = lookups(db, &rooms, &committees, &rows).await?;
    let [row] = rows;
    Ok(view(edition, row, &lookups))
}

/// Who may speak or moderate: the edition's approved registrations.
pub async fn speaker_choices(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<Vec<SpeakerChoice>, AppError> {
    Ok(registration::Entity::find()
        .filter(registration::Column::EditionId.eq(edition_id))
        .filter(registration::Column::Status.eq(RegistrationStatus::Approved.as_str()))
        .order_by_asc(registration::Column::NameLatin)
        .all(db)
        .await?
        .into_iter()
        .map(|r| SpeakerChoice {
            registration_id: r.id,
            name_latin: r.name_latin,
            organization: r.organization,
        })
        .collect())
}

/// Room, committee and people must belong to the edition.
async fn check_references(
    db: &impl ConnectionTrait,
    edition_id: i64,
    new: &NewSession,
) -> Result<(), AppError> {
    let mut v = crate::error::Validator::new();
    if let Some(room_id) = new.room_id {
        let found = room::Entity::find_by_id(room_id)
            .filter(room::Column::EditionId.eq(edition_id))
            .one(db)
            .await?;
        if found.is_none() {
            v.add("room_id", "unknown_room");
        }
    }
    if let Some(committee_id) = new.committee_id {
        let found = committee::Entity::find_by_id(committee_id).one(db).await?;
        if found.is_none() {
            v.add("committee_id", "unknown_committee");
        }
    }
    if !new.people.is_empty() {
        let ids: Vec<i64> = new.people.iter().map(|(id, _)| *id).collect();
        let known: HashSet<i64> = registration::Entity::find()
            .filter(registration::Column::EditionId.eq(edition_id))
            .filter(registration::Column::Id.is_in(ids))
            .filter(registration::Column::Status.is_not_in([
                RegistrationStatus::Cancelled.as_str(),
                RegistrationStatus::Declined.as_str(),
            ]))
            .all(db)
            .await?
            .into_iter()
            .map(|r| r.id)
            .collect();
        for (id, moderator) in &new.people {
            if !known.contains(id) {
                v.add(
                    if *moderator { "moderators" } else { "speakers" },
                    "unknown_person",
                );
            }
        }
    }
    v.finish()
}

/// Creates (`id` None) or changes a session. A change of a published
/// session raises its sequence; a new time or room, or a cancellation,
/// is told to everyone who booked it, in the same transaction.
pub async fn save_session(
    db: &(impl ConnectionTrait + TransactionTrait),
    edition_id: i64,
    id: Option<i64>,
    form: &SessionForm,
    public_url: &str,
) -> Result<SavedSession, AppError> {
    let edition = load_edition(db, edition_id).await?;
    let new = parse_session(form, edition.zone)?;
    let txn = db.begin().await?;
    check_references(&txn, edition_id, &new).await?;
    let at = now();
    let row = match id {
        None => {
            session::ActiveModel {
                id: NotSet,
                edition_id: Set(edition_id),
                status: Set(SessionStatus::Draft.as_str().to_owned()),
                sequence: Set(0),
                created_at: Set(at),
                ..fill(new.clone(), at)
            }
            .insert(&txn)
            .await?
        }
        Some(id) => {
            let before = find_session(&txn, edition_id, id).await?;
            let moved = before.starts_at != new.starts_at
                || before.ends_at != new.ends_at
                || before.room_id != new.room_id;
            let live = before.status == SessionStatus::Published.as_str();
            let sequence = before.sequence + i32::from(before.status != "draft");
            let mut active = before.into_active_model();
            let filled = fill(new.clone(), at);
            active.title_en = filled.title_en;
            active.title_zh = filled.title_zh;
            active.description_en = filled.description_en;
            active.description_zh = filled.description_zh;
            active.kind = filled.kind;
            active.room_id = filled.room_id;
            active.starts_at = filled.starts_at;
            active.ends_at = filled.ends_at;
            active.committee_id = filled.committee_id;
            active.languages = filled.languages;
            active.capacity = filled.capacity;
            active.invitation_only = filled.invitation_only;
            active.updated_at = filled.updated_at;
            active.sequence = Set(sequence);
            let row = active.update(&txn).await?;
            if live && moved {
                notify_bookers(&txn, &edition, &row, public_url).await?;
            }
            row
        }
    };
    session_person::Entity::delete_many()
        .filter(session_person::Column::SessionId.eq(row.id))
        .exec(&txn)
        .await?;
    for (registration_id, moderator) in &new.people {
        session_person::ActiveModel {
            session_id: Set(row.id),
            registration_id: Set(*registration_id),
            role: Set(if *moderator { MODERATOR } else { SPEAKER }.to_owned()),
        }
        .insert(&txn)
        .await?;
    }
    touch_programme(&txn, Some(edition_id)).await?;
    let session = one_view(&txn, &edition, row).await?;
    let conflicts = conflicts_of(&txn, &edition, Some(session.id)).await?;
    txn.commit().await?;
    Ok(SavedSession { session, conflicts })
}

/// The columns a form sets.
fn fill(new: NewSession, at: DateTime<Utc>) -> session::ActiveModel {
    session::ActiveModel {
        title_en: Set(new.title_en),
        title_zh: Set(new.title_zh),
        description_en: Set(new.description_en),
        description_zh: Set(new.description_zh),
        kind: Set(new.kind.as_str().to_owned()),
        room_id: Set(new.room_id),
        starts_at: Set(new.starts_at),
        ends_at: Set(new.ends_at),
        committee_id: Set(new.committee_id),
        languages: Set(new.languages.join(",")),
        capacity: Set(new.capacity),
        invitation_only: Set(new.invitation_only),
        updated_at: Set(at),
        ..Default::default()
    }
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

/// Tells everyone who booked `row` (as it is now) what changed.
async fn notify_bookers(
    db: &impl ConnectionTrait,
    edition: &EditionZone,
    row: &session::Model,
    public_url: &str,
) -> Result<(), AppError> {
    let change = if row.status == SessionStatus::Cancelled.as_str() {
        Change::Cancelled
    } else {
        let room = match row.room_id {
            Some(id) => room::Entity::find_by_id(id)
                .one(db)
                .await?
                .map(|r| r.name)
                .unwrap_or_default(),
            None => String::new(),
        };
        Change::Moved {
            when: format!(
                "{} – {} ({})",
                edition.local(row.starts_at).format("%Y-%m-%d %H:%M"),
                edition.local(row.ends_at).format("%H:%M"),
                edition.model.time_zone
            ),
            room,
        }
    };
    let holders: Vec<i64> = agenda_entry::Entity::find()
        .filter(agenda_entry::Column::SessionId.eq(row.id))
        .all(db)
        .await?
        .into_iter()
        .map(|e| e.registration_id)
        .collect();
    if holders.is_empty() {
        return Ok(());
    }
    let url = format!("{public_url}/editions/{}/agenda", edition.model.id);
    for person in registration::Entity::find()
        .filter(registration::Column::Id.is_in(holders))
        .filter(registration::Column::Status.ne(RegistrationStatus::Cancelled.as_str()))
        .all(db)
        .await?
    {
        let message = session_changed(
            &recipient(&person),
            &edition.model.title,
            (&row.title_en, &row.title_zh),
            &change,
            &url,
        );
        enqueue(db, message).await?;
    }
    Ok(())
}

/// Publishes a draft (or reinstates a cancelled session). With hard
/// conflicts (room or speaker) it needs `confirm`: 409 `hard_conflicts`
/// otherwise.
pub async fn publish_session(
    db: &(impl ConnectionTrait + TransactionTrait),
    edition_id: i64,
    id: i64,
    confirm: bool,
) -> Result<SavedSession, AppError> {
    let edition = load_edition(db, edition_id).await?;
    let txn = db.begin().await?;
    let row = find_session(&txn, edition_id, id).await?;
    let found = conflicts_of(&txn, &edition, Some(id)).await?;
    if !confirm && found.iter().any(|c| c.hard) {
        return Err(AppError::Conflict("hard_conflicts".into()));
    }
    let row = if row.status == SessionStatus::Published.as_str() {
        row
    } else {
        let reinstated = row.status == SessionStatus::Cancelled.as_str();
        let sequence = row.sequence + i32::from(reinstated);
        let mut active = row.into_active_model();
        active.status = Set(SessionStatus::Published.as_str().to_owned());
        active.sequence = Set(sequence);
        active.updated_at = Set(now());
        active.update(&txn).await?
    };
    touch_programme(&txn, Some(edition_id)).await?;
    let session = one_view(&txn, &edition, row).await?;
    txn.commit().await?;
    Ok(SavedSession {
        session,
        conflicts: found,
    })
}

/// Cancels a published session: it stays in the programme and the feeds,
/// marked cancelled, and those who booked it are told. A draft is not
/// cancelled but deleted (`delete_draft`).
pub async fn cancel_session(
    db: &(impl ConnectionTrait + TransactionTrait),
    edition_id: i64,
    id: i64,
    public_url: &str,
) -> Result<SessionView, AppError> {
    let edition = load_edition(db, edition_id).await?;
    let txn = db.begin().await?;
    let row = find_session(&txn, edition_id, id).await?;
    let row = match SessionStatus::parse(&row.status).unwrap_or_default() {
        SessionStatus::Draft => return Err(AppError::Conflict("draft_not_published".into())),
        SessionStatus::Cancelled => row,
        SessionStatus::Published => {
            let sequence = row.sequence + 1;
            let mut active = row.into_active_model();
            active.status = Set(SessionStatus::Cancelled.as_str().to_owned());
            active.sequence = Set(sequence);
            active.updated_at = Set(now());
            let row = active.update(&txn).await?;
            notify_bookers(&txn, &edition, &row, public_url).await?;
            row
        }
    };
    touch_programme(&txn, Some(edition_id)).await?;
    let view = one_view(&txn, &edition, row).await?;
    txn.commit().await?;
    Ok(view)
}

/// Deletes a session nobody outside the organizers has seen.
pub async fn delete_draft(
    db: &impl ConnectionTrait,
    edition_id: i64,
    id: i64,
) -> Result<(), AppError> {
    let row = find_session(db, edition_id, id).await?;
    if row.status != SessionStatus::Draft.as_str() {
        return Err(AppError::Conflict(
            "published_sessions_are_cancelled".into(),
        ));
    }
    session::Entity::delete_by_id(id).exec(db).await?;
    touch_programme(db, Some(edition_id)).await
}

/// Every conflict of the edition, or those one session is part of.
pub async fn conflicts_of(
    db: &impl ConnectionTrait,
    edition: &EditionZone,
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
            cancelled: s.status == SessionStatus::Cancelled.as_str(),
        })
        .collect();
    let mut found = conflicts(&slots, edition.bounds());
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

/// The signed-in person's registration for the edition; only an approved
/// one has an agenda.
async fn own_registration(
    db: &impl ConnectionTrait,
    email: &str,
    edition_id: i64,
) -> Result<registration::Model, AppError> {
    let mine = registration::Entity::find()
        .filter(registration::Column::EditionId.eq(edition_id))
        .filter(registration::Column::Email.eq(email))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if mine.status != RegistrationStatus::Approved.as_str() {
        return Err(AppError::Conflict("registration_not_approved".into()));
    }
    Ok(mine)
}

/// The sessions of one registration's agenda: those booked and those
/// they speak at or moderate, published or cancelled.
async fn agenda_rows(
    db: &impl ConnectionTrait,
    registration_id: i64,
) -> Result<(Vec<session::Model>, Vec<i64>), AppError> {
    let booked: Vec<i64> = agenda_entry::Entity::find()
        .filter(agenda_entry::Column::RegistrationId.eq(registration_id))
        .all(db)
        .await?
        .into_iter()
        .map(|e| e.session_id)
        .collect();
    let speaking = session_person::Entity::find()
        .filter(session_person::Column::RegistrationId.eq(registration_id))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.session_id);
    let ids: HashSet<i64> = booked.iter().copied().chain(speaking).collect();
    if ids.is_empty() {
        return Ok((Vec::new(), booked));
    }
    let rows = session::Entity::find()
        .filter(session::Column::Id.is_in(ids))
        .filter(session::Column::Status.ne(SessionStatus::Draft.as_str()))
        .order_by_asc(session::Column::StartsAt)
        .order_by_asc(session::Column::Id)
        .all(db)
        .await?;
    Ok((rows, booked))
}

async fn agenda_view(
    db: &impl ConnectionTrait,
    edition: &EditionZone,
    mine: &registration::Model,
) -> Result<AgendaView, AppError> {
    let (rows, booked) = agenda_rows(db, mine.id).await?;
    let rooms = rooms_of(db, edition.model.id).await?;
    let committees = committees(db).await?;
    let lookups = lookups(db, &rooms, &committees, &rows).await?;
    let sessions: Vec<SessionView> = rows
        .into_iter()
        .map(|m| view(edition, m, &lookups))
        .collect();
    let slots: Vec<Slot> = sessions
        .iter()
        .map(|s| Slot {
            id: s.id,
            room_id: s.room_id,
            starts_at: s.starts_at,
            ends_at: s.ends_at,
            speakers: Vec::new(),
            expected_attendance: None,
            room_capacity: None,
            cancelled: s.status == SessionStatus::Cancelled,
        })
        .collect();
    let feed = agenda_feed::Entity::find_by_id(mine.id).one(db).await?;
    Ok(AgendaView {
        registration_id: mine.id,
        edition_id: edition.model.id,
        overlaps: agenda_overlaps(&slots),
        sessions,
        booked,
        feed_path: feed.map(|f| agenda_feed_path(&f.token)),
    })
}

pub fn agenda_feed_path(token: &str) -> String {
    format!("/api/v1/agenda/{token}/calendar.ics")
}

/// The signed-in person's agenda for an edition.
pub async fn agenda(
    db: &impl ConnectionTrait,
    email: &str,
    edition_id: i64,
) -> Result<AgendaView, AppError> {
    let edition = load_edition(db, edition_id).await?;
    let mine = own_registration(db, email, edition_id).await?;
    agenda_view(db, &edition, &mine).await
}

/// Books a published session open to all, within its capacity. Two
/// people taking the last place at once: the session row is locked first,
/// so one of them gets `session_full`.
pub async fn add_to_agenda(
    db: &(impl ConnectionTrait + TransactionTrait),
    email: &str,
    edition_id: i64,
    session_id: i64,
) -> Result<AgendaView, AppError> {
    let edition = load_edition(db, edition_id).await?;
    let txn = db.begin().await?;
    let mine = own_registration(&txn, email, edition_id).await?;
    // A no-op write that takes the row's lock on PostgreSQL (SQLite
    // transactions here are serial already).
    session::Entity::update_many()
        .col_expr(
            session::Column::Sequence,
            Expr::col(session::Column::Sequence),
        )
        .filter(session::Column::Id.eq(session_id))
        .filter(session::Column::EditionId.eq(edition_id))
        .exec(&txn)
        .await?;
    let row = find_session(&txn, edition_id, session_id).await?;
    if row.status != SessionStatus::Published.as_str() || row.invitation_only {
        return Err(AppError::NotFound);
    }
    let already = agenda_entry::Entity::find_by_id((mine.id, session_id))
        .one(&txn)
        .await?
        .is_some();
    if !already {
        let booked = agenda_entry::Entity::find()
            .filter(agenda_entry::Column::SessionId.eq(session_id))
            .count(&txn)
            .await?;
        if !has_room_for_one_more(row.capacity, i32::try_from(booked).unwrap_or(i32::MAX)) {
            return Err(AppError::Conflict("session_full".into()));
        }
        agenda_entry::ActiveModel {
            registration_id: Set(mine.id),
            session_id: Set(session_id),
            created_at: Set(now()),
        }
        .insert(&txn)
        .await?;
        // The programme shows when a session is full.
        touch_programme(&txn, Some(edition_id)).await?;
    }
    let view = agenda_view(&txn, &edition, &mine).await?;
    txn.commit().await?;
    Ok(view)
}

pub async fn remove_from_agenda(
    db: &impl ConnectionTrait,
    email: &str,
    edition_id: i64,
    session_id: i64,
) -> Result<AgendaView, AppError> {
    let edition = load_edition(db, edition_id).await?;
    let mine = own_registration(db, email, edition_id).await?;
    let removed = agenda_entry::Entity::delete_by_id((mine.id, session_id))
        .exec(db)
        .await?;
    if removed.rows_affected > 0 {
        touch_programme(db, Some(edition_id)).await?;
    }
    agenda_view(db, &edition, &mine).await
}

/// Makes the secret address of the person's agenda feed, or a new one
/// (the old one stops working at once).
pub async fn renew_agenda_feed(
    db: &(impl ConnectionTrait + TransactionTrait),
    email: &str,
    edition_id: i64,
) -> Result<AgendaView, AppError> {
    let edition = load_edition(db, edition_id).await?;
    let txn = db.begin().await?;
    let mine = own_registration(&txn, email, edition_id).await?;
    agenda_feed::Entity::delete_by_id(mine.id)
        .exec(&txn)
        .await?;
    agenda_feed::ActiveModel {
        registration_id: Set(mine.id),
        token: Set(crate::auth::service::random_secret()),
        created_at: Set(now()),
    }
    .insert(&txn)
    .await?;
    let view = agenda_view(&txn, &edition, &mine).await?;
    txn.commit().await?;
    Ok(view)
}

/// Which sessions a feed carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedScope {
    Edition,
    Room(i64),
    Committee(i64),
    Session(i64),
}

/// What a calendar feed is made of: the edition and its visible sessions.
pub struct FeedData {
    pub edition: EditionZone,
    pub name: String,
    pub sessions: Vec<SessionView>,
}

/// The public sessions of a feed; 404 for an unknown room, committee or
/// session.
pub async fn feed(
    db: &impl ConnectionTrait,
    edition_id: i64,
    scope: FeedScope,
) -> Result<FeedData, AppError> {
    let edition = load_edition(db, edition_id).await?;
    let rooms = rooms_of(db, edition_id).await?;
    let committees = committees(db).await?;
    let mut condition = visible_to(Audience::Public);
    let mut name = edition.model.title.clone();
    match scope {
        FeedScope::Edition => {}
        FeedScope::Room(id) => {
            let room = rooms
                .iter()
                .find(|r| r.id == id)
                .ok_or(AppError::NotFound)?;
            name = format!("{name} · {}", room.name);
            condition = condition.add(session::Column::RoomId.eq(id));
        }
        FeedScope::Committee(id) => {
            let committee = committees
                .iter()
                .find(|c| c.id == id)
                .ok_or(AppError::NotFound)?;
            name = format!("{name} · {}", committee.name);
            condition = condition.add(session::Column::CommitteeId.eq(id));
        }
        FeedScope::Session(id) => condition = condition.add(session::Column::Id.eq(id)),
    }
    let rows = session_rows(db, edition_id, condition).await?;
    if matches!(scope, FeedScope::Session(_)) && rows.is_empty() {
        return Err(AppError::NotFound);
    }
    let lookups = lookups(db, &rooms, &committees, &rows).await?;
    let sessions = rows
        .into_iter()
        .map(|m| view(&edition, m, &lookups))
        .collect();
    Ok(FeedData {
        edition,
        name,
        sessions,
    })
}

/// The agenda behind a secret feed address; 404 once it was renewed.
pub async fn agenda_feed(db: &impl ConnectionTrait, token: &str) -> Result<FeedData, AppError> {
    let feed = agenda_feed::Entity::find()
        .filter(agenda_feed::Column::Token.eq(token))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let mine = registration::Entity::find_by_id(feed.registration_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let edition = load_edition(db, mine.edition_id).await?;
    let view = agenda_view(db, &edition, &mine).await?;
    Ok(FeedData {
        name: format!("{} · {}", edition.model.title, mine.name_latin),
        edition,
        sessions: view.sessions,
    })
}
