//! The published programme of each edition, kept in memory until the
//! edition's programme version moves (every change the public sees raises
//! it in the same transaction). Each request still reads the edition row,
//! so every server process sees a change at once; only the rest of the
//! work — sessions, people, bookings, and the iCalendar text — is reused.
//! The revision is the programme version (`platform::revision_cache`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use sea_orm::ConnectionTrait;

use super::calendar;
use super::service::{Audience, Edition, FeedData, load_edition, programme_of};
use super::types::Programme;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::platform::lock::unpoisoned;
use crate::platform::revision_cache::RevisionCache;
use leptos_i18n::Locale as _;

/// One edition's published programme at one version.
pub struct Published {
    pub edition: Edition,
    pub programme: Programme,
    /// The whole-programme feed, per language, written on first request.
    feeds: Mutex<HashMap<&'static str, Arc<String>>>,
}

#[derive(Default)]
pub struct ProgrammeCache {
    editions: RevisionCache<i64, i32, Published>,
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
        self.editions
            .get(edition_id, version, || async move {
                let programme = programme_of(db, &edition, Audience::Public).await?;
                Ok(Published {
                    edition,
                    programme,
                    feeds: Mutex::new(HashMap::new()),
                })
            })
            .await
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
}

impl Published {
    fn feeds_lock(&self) -> std::sync::MutexGuard<'_, HashMap<&'static str, Arc<String>>> {
        unpoisoned(&self.feeds)
    }
}
