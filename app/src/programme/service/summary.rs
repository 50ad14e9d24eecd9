//! An edition's programme at a glance, for the dashboard.

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
};

use super::{Edition, conflicts_of};
use crate::error::AppError;
use crate::programme::domain::sessions_per_day;
use crate::programme::entity::{agenda_entry, session};
use crate::programme::types::{ProgrammeSummary, SessionStatus};

/// Sessions per day in the host city's calendar, clashes and warnings,
/// and how many places agendas have booked.
pub async fn programme_summary(
    db: &impl ConnectionTrait,
    edition: &Edition,
) -> Result<ProgrammeSummary, AppError> {
    let edition_id = edition.model.id;
    let rows: Vec<(i64, DateTime<Utc>, SessionStatus)> = session::Entity::find()
        .select_only()
        .columns([
            session::Column::Id,
            session::Column::StartsAt,
            session::Column::Status,
        ])
        .filter(session::Column::EditionId.eq(edition_id))
        .into_tuple()
        .all(db)
        .await?;
    let sessions: Vec<_> = rows
        .iter()
        .map(|(_, starts_at, status)| (edition.clock.to_local(*starts_at).date(), *status))
        .collect();
    let conflicts = conflicts_of(db, edition, None).await?;
    let clashes = conflicts.iter().filter(|c| c.hard).count();
    let count = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
    let bookings = if rows.is_empty() {
        0
    } else {
        agenda_entry::Entity::find()
            .filter(agenda_entry::Column::SessionId.is_in(rows.iter().map(|(id, ..)| *id)))
            .count(db)
            .await?
    };
    Ok(ProgrammeSummary {
        days: sessions_per_day(&edition.clock.days(), &sessions),
        clashes: count(clashes as u64),
        warnings: count((conflicts.len() - clashes) as u64),
        bookings: count(bookings),
    })
}
