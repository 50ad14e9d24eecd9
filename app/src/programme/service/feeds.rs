//! What the iCalendar feeds are made of.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::agenda::agenda_view;
use super::{
    Audience, Edition, committees, load_edition, lookups, rooms_of, session_rows, view, visible_to,
};
use crate::error::AppError;
use crate::programme::entity::{agenda_feed, session};
use crate::programme::types::SessionView;
use crate::registration::entity::registration;

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
    pub edition: Edition,
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
        .filter(agenda_feed::Column::Token.eq(crate::auth::service::secret_hash(token)))
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
