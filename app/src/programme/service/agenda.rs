//! A delegate's agenda: booking within capacity, and its secret feed.

use std::collections::HashSet;

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set, TransactionSession, TransactionTrait,
};

use super::{Edition, committees, find_session, load_edition, lookups, rooms_of, view};
use crate::audit::{Actor, Change, record};
use crate::db::now;
use crate::error::{AppError, ErrorCode};
use crate::platform::edition_version::touch_programme;
use crate::programme::domain::{Slot, agenda_overlaps, has_room_for_one_more};
use crate::programme::entity::{agenda_entry, agenda_feed, session, session_person};
use crate::programme::types::{AgendaView, SessionStatus, SessionView};
use crate::registration::entity::registration;
use crate::registration::types::RegistrationStatus;

/// The signed-in person's registration for the edition; only an approved
/// one has an agenda.
pub(super) async fn own_registration(
    db: &impl ConnectionTrait,
    email: &str,
    edition_id: i64,
) -> Result<registration::Model, AppError> {
    // A cancelled registration may sit beside the one made again after it.
    let mine = registration::Entity::find()
        .filter(registration::Column::EditionId.eq(edition_id))
        .filter(registration::Column::Email.eq(email))
        .filter(registration::Column::Status.ne(RegistrationStatus::Cancelled))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if mine.status != RegistrationStatus::Approved {
        return Err(AppError::Conflict(ErrorCode::RegistrationNotApproved));
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
        .filter(session::Column::Status.ne(SessionStatus::Draft))
        .order_by_asc(session::Column::StartsAt)
        .order_by_asc(session::Column::Id)
        .all(db)
        .await?;
    Ok((rows, booked))
}

pub(super) async fn agenda_view(
    db: &impl ConnectionTrait,
    edition: &Edition,
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
        // Stored hashed: the address is shown once, when made.
        has_feed: feed.is_some(),
        feed_path: None,
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
    actor: &Actor,
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
    if row.status != SessionStatus::Published || row.invitation_only {
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
            return Err(AppError::Conflict(ErrorCode::SessionFull));
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
        let change = Change::new("booked", "agenda", mine.id)
            .edition(edition_id)
            .after(&serde_json::json!({ "session_id": session_id }));
        record(&txn, actor, change).await?;
    }
    let view = agenda_view(&txn, &edition, &mine).await?;
    txn.commit().await?;
    Ok(view)
}

/// Takes a session out of the person's agenda; the place it frees shows
/// in the programme, whose version moves in the same transaction.
pub async fn remove_from_agenda(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    email: &str,
    edition_id: i64,
    session_id: i64,
) -> Result<AgendaView, AppError> {
    let edition = load_edition(db, edition_id).await?;
    let txn = db.begin().await?;
    let mine = own_registration(&txn, email, edition_id).await?;
    let removed = agenda_entry::Entity::delete_by_id((mine.id, session_id))
        .exec(&txn)
        .await?;
    if removed.rows_affected > 0 {
        touch_programme(&txn, Some(edition_id)).await?;
        let change = Change::new("unbooked", "agenda", mine.id)
            .edition(edition_id)
            .before(&serde_json::json!({ "session_id": session_id }));
        record(&txn, actor, change).await?;
    }
    let view = agenda_view(&txn, &edition, &mine).await?;
    txn.commit().await?;
    Ok(view)
}

/// Makes the secret address of the person's agenda feed, or a new one
/// (the old one stops working at once).
pub async fn renew_agenda_feed(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    email: &str,
    edition_id: i64,
) -> Result<AgendaView, AppError> {
    let edition = load_edition(db, edition_id).await?;
    let txn = db.begin().await?;
    let mine = own_registration(&txn, email, edition_id).await?;
    agenda_feed::Entity::delete_by_id(mine.id)
        .exec(&txn)
        .await?;
    let token = crate::auth::service::random_secret();
    agenda_feed::ActiveModel {
        registration_id: Set(mine.id),
        token: Set(crate::auth::service::secret_hash(&token)),
        created_at: Set(now()),
    }
    .insert(&txn)
    .await?;
    // The address itself is a secret and stays out of the log.
    record(
        &txn,
        actor,
        Change::new("feed_renewed", "agenda", mine.id).edition(edition_id),
    )
    .await?;
    let mut view = agenda_view(&txn, &edition, &mine).await?;
    txn.commit().await?;
    view.feed_path = Some(agenda_feed_path(&token));
    Ok(view)
}
