//! The published programme of each edition, kept in memory until the
//! edition's programme version moves (every change the public sees raises
//! it in the same transaction). Each request still reads the edition row,
//! so every server process sees a change at once; only the rest of the
//! work — sessions, people, bookings, and the iCalendar text — is reused.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use sea_orm::ConnectionTrait;

use super::calendar;
use super::service::{Audience, Edition, FeedData, load_edition, programme_of};
use super::types::Programme;
use crate::error::AppError;
use crate::i18n::Locale;
use leptos_i18n::Locale as _;

/// One edition's published programme at one version.
pub struct Published {
    pub version: i32,
    pub edition: Edition,
    pub programme: Programme,
    /// The whole-programme feed, per language, written on first request.
    feeds: Mutex<HashMap<&'static str, Arc<String>>>,
}

#[derive(Default)]
pub struct ProgrammeCache {
    editions: Mutex<HashMap<i64, Arc<Published>>>,
}

impl ProgrammeCache {
    /// The public programme as it is now.
    pub async fn published(
        &self,
        db: &impl ConnectionTrait,
        edition_id: i64,
    ) -> Result<Arc<Published>, AppError> {
        let edition = load_edition(db, edition_id).await?;
        let version = edition.model.programme_version;
        if let Some(found) = self.lock().get(&edition_id)
            && found.version == version
        {
            return Ok(found.clone());
        }
        let programme = programme_of(db, &edition, Audience::Public).await?;
        let fresh = Arc::new(Published {
            version,
            edition,
            programme,
            feeds: Mutex::new(HashMap::new()),
        });
        self.lock().insert(edition_id, fresh.clone());
        Ok(fresh)
    }

    /// The whole-programme iCalendar feed as it is now.
    pub async fn edition_feed(
        &self,
        db: &impl ConnectionTrait,
        edition_id: i64,
        locale: Locale,
        public_url: &str,
    ) -> Result<Arc<String>, AppError> {
        let published = self.published(db, edition_id).await?;
        if let Some(text) = published.feeds_lock().get(locale.as_str()) {
            return Ok(text.clone());
        }
        let data = FeedData {
            edition: published.edition.clone(),
            name: published.edition.model.title.clone(),
            sessions: published.programme.sessions.clone(),
        };
        let text = Arc::new(calendar::render(&data, locale, public_url));
        published.feeds_lock().insert(locale.as_str(), text.clone());
        Ok(text)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<i64, Arc<Published>>> {
        // A panic while holding the lock leaves the map usable.
        self.editions.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Published {
    fn feeds_lock(&self) -> std::sync::MutexGuard<'_, HashMap<&'static str, Arc<String>>> {
        self.feeds.lock().unwrap_or_else(|e| e.into_inner())
    }
}
