//! Writing sessions: saving, publishing, cancelling and deleting drafts;
//! those who booked a session are told when it moves or is cancelled.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, NotSet,
    QueryFilter, Set, TransactionSession, TransactionTrait,
};

use super::conflicts::conflicts_of;
use super::{Edition, find_session, load_edition, one_view, texts_of};
use crate::audit::{self, Actor};
use crate::db::now;
use crate::directory::entity::committee;
use crate::editions::entity::room;
use crate::editions::service::texts_for;
use crate::error::{AppError, ErrorCode};
use crate::mail::service::enqueue;
use crate::names::service::{Named, names_for};
use crate::platform::edition_version::touch_programme;
use crate::programme::domain::{NewSession, parse_session};
use crate::programme::entity::{agenda_entry, session, session_person, session_text};
use crate::programme::mail::{Change, session_changed};
use crate::programme::types::{
    SavedSession, SessionForm, SessionRole, SessionStatus, SessionText, SessionView,
};
use crate::registration::entity::registration;
use crate::registration::service::recipient;
use crate::registration::types::RegistrationStatus;
use leptos_i18n::Locale as _;

/// Room, committee and people must belong to the edition.
async fn check_references(
    db: &impl ConnectionTrait,
    edition_id: i64,
    new: &NewSession,
) -> Result<(), AppError> {
    let mut v = crate::error::Validator::new();
    if let Some(room_id) = new.room_id() {
        let found = room::Entity::find_by_id(room_id)
            .filter(room::Column::EditionId.eq(edition_id))
            .one(db)
            .await?;
        if found.is_none() {
            v.add("room_id", ErrorCode::UnknownRoom);
        }
    }
    if let Some(committee_id) = new.committee_id() {
        let found = committee::Entity::find_by_id(committee_id).one(db).await?;
        if found.is_none() {
            v.add("committee_id", ErrorCode::UnknownCommittee);
        }
    }
    if !new.people().is_empty() {
        let ids: Vec<i64> = new.people().iter().map(|(id, _)| *id).collect();
        let known: HashSet<i64> = registration::Entity::find()
            .filter(registration::Column::EditionId.eq(edition_id))
            .filter(registration::Column::Id.is_in(ids))
            .filter(
                registration::Column::Status
                    .is_not_in([RegistrationStatus::Cancelled, RegistrationStatus::Declined]),
            )
            .all(db)
            .await?
            .into_iter()
            .map(|r| r.id)
            .collect();
        for (id, moderator) in new.people() {
            if !known.contains(id) {
                v.add(
                    if *moderator { "moderators" } else { "speakers" },
                    ErrorCode::UnknownPerson,
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
    actor: &Actor,
    edition_id: i64,
    id: Option<i64>,
    form: &SessionForm,
    public_url: &str,
) -> Result<SavedSession, AppError> {
    let edition = load_edition(db, edition_id).await?;
    let new = parse_session(form, &edition.clock)?;
    let txn = db.begin().await?;
    check_references(&txn, edition_id, &new).await?;
    // The session as it was, texts and people included, for the audit log.
    let before = match id {
        Some(id) => {
            let row = find_session(&txn, edition_id, id).await?;
            Some(one_view(&txn, &edition, row).await?)
        }
        None => None,
    };
    let at = now();
    let (row, tell_bookers) = match id {
        None => {
            let row = session::ActiveModel {
                id: NotSet,
                edition_id: Set(edition_id),
                status: Set(SessionStatus::Draft),
                sequence: Set(0),
                created_at: Set(at),
                ..fill(new.clone(), at)
            }
            .insert(&txn)
            .await?;
            (row, false)
        }
        Some(id) => {
            let before = find_session(&txn, edition_id, id).await?;
            let moved = before.starts_at != new.starts_at()
                || before.ends_at != new.ends_at()
                || before.room_id != new.room_id();
            let live = before.status == SessionStatus::Published;
            let sequence = before.sequence + i32::from(before.status != SessionStatus::Draft);
            let mut active = before.into_active_model();
            let filled = fill(new.clone(), at);
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
            (active.update(&txn).await?, live && moved)
        }
    };
    save_texts(&txn, row.id, new.texts()).await?;
    session_person::Entity::delete_many()
        .filter(session_person::Column::SessionId.eq(row.id))
        .exec(&txn)
        .await?;
    for (registration_id, moderator) in new.people() {
        session_person::ActiveModel {
            session_id: Set(row.id),
            registration_id: Set(*registration_id),
            role: Set(if *moderator {
                SessionRole::Moderator
            } else {
                SessionRole::Speaker
            }),
        }
        .insert(&txn)
        .await?;
    }
    if tell_bookers {
        notify_bookers(&txn, &edition, &row, public_url).await?;
    }
    touch_programme(&txn, Some(edition_id)).await?;
    let session = one_view(&txn, &edition, row).await?;
    let change = match &before {
        Some(before) => audit::Change::new("updated", "session", session.id).before(before),
        None => audit::Change::new("created", "session", session.id),
    };
    audit::record(&txn, actor, change.edition(edition_id).after(&session)).await?;
    let conflicts = conflicts_of(&txn, &edition, Some(session.id)).await?;
    txn.commit().await?;
    Ok(SavedSession { session, conflicts })
}

/// A session's texts replace those it had, one row per language.
async fn save_texts(
    db: &impl ConnectionTrait,
    session_id: i64,
    texts: &[SessionText],
) -> Result<(), AppError> {
    session_text::Entity::delete_many()
        .filter(session_text::Column::SessionId.eq(session_id))
        .exec(db)
        .await?;
    for text in texts {
        session_text::ActiveModel {
            session_id: Set(session_id),
            lang: Set(text.lang.as_str().to_owned()),
            title: Set(text.title.clone()),
            description: Set(text.description.clone()),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// The columns a form sets.
fn fill(new: NewSession, at: DateTime<Utc>) -> session::ActiveModel {
    session::ActiveModel {
        kind: Set(new.kind()),
        room_id: Set(new.room_id()),
        starts_at: Set(new.starts_at()),
        ends_at: Set(new.ends_at()),
        committee_id: Set(new.committee_id()),
        languages: Set(new.languages().join(",")),
        capacity: Set(new.capacity()),
        invitation_only: Set(new.invitation_only()),
        updated_at: Set(at),
        ..Default::default()
    }
}

/// Tells everyone who booked `row` (as it is now) what changed.
async fn notify_bookers(
    db: &impl ConnectionTrait,
    edition: &Edition,
    row: &session::Model,
    public_url: &str,
) -> Result<(), AppError> {
    let change = if row.status == SessionStatus::Cancelled {
        Change::Cancelled
    } else {
        let (room, room_names) = match row.room_id {
            Some(id) => (
                room::Entity::find_by_id(id)
                    .one(db)
                    .await?
                    .map(|r| r.name)
                    .unwrap_or_default(),
                names_for(db, Named::Room, id).await?,
            ),
            None => Default::default(),
        };
        Change::Moved {
            when: format!(
                "{} – {} ({})",
                edition
                    .clock
                    .to_local(row.starts_at)
                    .format("%Y-%m-%d %H:%M"),
                edition.clock.to_local(row.ends_at).format("%H:%M"),
                edition.model.time_zone
            ),
            room,
            room_names,
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
    let texts = texts_of(db, [row.id])
        .await?
        .remove(&row.id)
        .unwrap_or_default();
    let edition_texts = texts_for(db, edition.model.id).await?;
    for person in registration::Entity::find()
        .filter(registration::Column::Id.is_in(holders))
        .filter(registration::Column::Status.ne(RegistrationStatus::Cancelled))
        .all(db)
        .await?
    {
        let message = session_changed(
            &recipient(&person),
            (&edition.model.title, &edition_texts),
            &texts,
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
    actor: &Actor,
    edition_id: i64,
    id: i64,
    confirm: bool,
) -> Result<SavedSession, AppError> {
    let edition = load_edition(db, edition_id).await?;
    let txn = db.begin().await?;
    let row = find_session(&txn, edition_id, id).await?;
    let found = conflicts_of(&txn, &edition, Some(id)).await?;
    if !confirm && found.iter().any(|c| c.hard) {
        return Err(AppError::Conflict(ErrorCode::HardConflicts));
    }
    let (row, before) = if row.status == SessionStatus::Published {
        (row, None)
    } else {
        let before = one_view(&txn, &edition, row.clone()).await?;
        let reinstated = row.status == SessionStatus::Cancelled;
        let sequence = row.sequence + i32::from(reinstated);
        let mut active = row.into_active_model();
        active.status = Set(SessionStatus::Published);
        active.sequence = Set(sequence);
        active.updated_at = Set(now());
        (active.update(&txn).await?, Some(before))
    };
    touch_programme(&txn, Some(edition_id)).await?;
    let session = one_view(&txn, &edition, row).await?;
    if let Some(before) = before {
        let change = audit::Change::new("published", "session", id)
            .edition(edition_id)
            .before(&before)
            .after(&session);
        audit::record(&txn, actor, change).await?;
    }
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
    actor: &Actor,
    edition_id: i64,
    id: i64,
    public_url: &str,
) -> Result<SessionView, AppError> {
    let edition = load_edition(db, edition_id).await?;
    let txn = db.begin().await?;
    let row = find_session(&txn, edition_id, id).await?;
    let (row, before) = match row.status {
        SessionStatus::Draft => return Err(AppError::Conflict(ErrorCode::DraftNotPublished)),
        SessionStatus::Cancelled => (row, None),
        SessionStatus::Published => {
            let before = one_view(&txn, &edition, row.clone()).await?;
            let sequence = row.sequence + 1;
            let mut active = row.into_active_model();
            active.status = Set(SessionStatus::Cancelled);
            active.sequence = Set(sequence);
            active.updated_at = Set(now());
            let row = active.update(&txn).await?;
            notify_bookers(&txn, &edition, &row, public_url).await?;
            (row, Some(before))
        }
    };
    touch_programme(&txn, Some(edition_id)).await?;
    let view = one_view(&txn, &edition, row).await?;
    if let Some(before) = before {
        let change = audit::Change::new("cancelled", "session", id)
            .edition(edition_id)
            .before(&before)
            .after(&view);
        audit::record(&txn, actor, change).await?;
    }
    txn.commit().await?;
    Ok(view)
}

/// Deletes a session nobody outside the organizers has seen.
pub async fn delete_draft(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    edition_id: i64,
    id: i64,
) -> Result<(), AppError> {
    let edition = load_edition(db, edition_id).await?;
    let txn = db.begin().await?;
    let row = find_session(&txn, edition_id, id).await?;
    if row.status != SessionStatus::Draft {
        return Err(AppError::Conflict(ErrorCode::PublishedSessionsAreCancelled));
    }
    let before = one_view(&txn, &edition, row).await?;
    session::Entity::delete_by_id(id).exec(&txn).await?;
    touch_programme(&txn, Some(edition_id)).await?;
    let change = audit::Change::new("deleted", "session", id)
        .edition(edition_id)
        .before(&before);
    audit::record(&txn, actor, change).await?;
    txn.commit().await?;
    Ok(())
}
