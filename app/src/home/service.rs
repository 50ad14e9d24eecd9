//! The home page's editions from the database (server only).

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::domain::{arrange, is_public};
use super::types::{Home, HomeEdition};
use crate::directory::entity::member;
use crate::editions::entity::edition;
use crate::editions::service::clock_of;
use crate::error::AppError;
use crate::registration::service::registration_windows;

/// Every public edition (and, for organizers, those being planned), each
/// with its registration window, arranged for the home page.
pub async fn home(db: &impl ConnectionTrait, with_drafts: bool) -> Result<Home, AppError> {
    let editions: Vec<edition::Model> = edition::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter(|e| with_drafts || is_public(e.status))
        .collect();
    let cities: HashMap<i64, member::Model> = member::Entity::find()
        .filter(member::Column::Id.is_in(editions.iter().map(|e| e.host_city_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m))
        .collect();
    let mut windows = registration_windows(db, &editions).await?;
    let mut texts = crate::editions::service::texts_of(db, editions.iter().map(|e| e.id)).await?;
    let mut shown = Vec::with_capacity(editions.len());
    let mut today = HashMap::new();
    for e in editions {
        let city = cities.get(&e.host_city_id);
        today.insert(e.id, clock_of(&e)?.today());
        shown.push(HomeEdition {
            id: e.id,
            year: e.year,
            host_city_latin: city.map(|c| c.name_latin.clone()).unwrap_or_default(),
            host_city_native: city.map(|c| c.name_native.clone()).unwrap_or_default(),
            registration: windows.remove(&e.id).ok_or(AppError::Internal)?,
            texts: texts.remove(&e.id).unwrap_or_default(),
            title: e.title,
            venue: e.venue,
            start_date: e.start_date,
            end_date: e.end_date,
            zone_label: crate::editions::domain::zone_label(&e.time_zone, e.start_date),
            time_zone: e.time_zone,
            status: e.status,
            intro: e.intro,
        });
    }
    Ok(arrange(shown, |e| {
        today.get(&e.id).copied().unwrap_or(e.end_date)
    }))
}
