//! Reading the programme: as the public or the organizers see it.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::{
    Audience, Edition, committees, load_edition, lookups, one_view, rooms_of, session_rows, view,
    visible_to,
};
use crate::error::AppError;
use crate::programme::entity::session;
use crate::programme::types::{Programme, SessionView, SpeakerChoice};
use crate::registration::entity::registration;
use crate::registration::types::RegistrationStatus;

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
    edition: &Edition,
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
    let mut days = edition.clock.days();
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
        zone_label: crate::editions::domain::zone_label(
            &edition.model.time_zone,
            edition.model.start_date,
        ),
        time_zone: edition.model.time_zone.clone(),
        venue: edition.model.venue.clone(),
        rooms,
        committees,
        sessions,
        edition_texts: crate::editions::service::texts_for(db, edition_id).await?,
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

/// Who may speak or moderate: the edition's approved registrations.
pub async fn speaker_choices(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<Vec<SpeakerChoice>, AppError> {
    Ok(registration::Entity::find()
        .filter(registration::Column::EditionId.eq(edition_id))
        .filter(registration::Column::Status.eq(RegistrationStatus::Approved))
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
