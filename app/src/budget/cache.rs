//! Each edition's budget summary, kept in memory until the budget's
//! revision moves (every change raises it in its own transaction, see
//! `service::log`) or the Forum's first day does (planned amounts convert
//! at its rate). Each request still reads the budget's row, so every
//! server process sees a change at once; only the items, the arithmetic
//! and the charts' SVG are reused.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use sea_orm::ConnectionTrait;

use super::service::{books, summary};
use super::types::BudgetSummary;
use crate::error::AppError;
use crate::i18n::Locale;

/// One edition's summary at one revision, and its charts per language.
pub struct Summarized {
    revision: i64,
    plan_day: NaiveDate,
    pub summary: BudgetSummary,
    charts: Mutex<HashMap<Locale, Arc<Charts>>>,
}

/// The two charts as SVG.
pub struct Charts {
    pub by_category: String,
    pub over_time: String,
}

impl Summarized {
    /// The charts in `locale`, drawn on first request.
    pub fn charts(&self, locale: Locale) -> Arc<Charts> {
        let mut charts = self.charts.lock().unwrap_or_else(|e| e.into_inner());
        charts
            .entry(locale)
            .or_insert_with(|| {
                let (by_category, over_time) = summary::charts(&self.summary, locale);
                Arc::new(Charts {
                    by_category: by_category.to_svg(),
                    over_time: over_time.to_svg(),
                })
            })
            .clone()
    }
}

#[derive(Default)]
pub struct SummaryCache {
    editions: Mutex<HashMap<i64, Arc<Summarized>>>,
    /// One summary computed at a time: requests that arrive while it is
    /// being made wait for it rather than each reading every item again.
    computing: tokio::sync::Mutex<()>,
}

impl SummaryCache {
    /// The edition's summary as it is now.
    pub async fn summary(
        &self,
        db: &impl ConnectionTrait,
        edition_id: i64,
    ) -> Result<Arc<Summarized>, AppError> {
        let books = books(db, edition_id).await?;
        if let Some(cached) = self.kept(edition_id, &books) {
            return Ok(cached);
        }
        let _turn = self.computing.lock().await;
        // Made by whoever held the turn before us?
        if let Some(cached) = self.kept(edition_id, &books) {
            return Ok(cached);
        }
        let plan_day = books.converter.plan_day;
        let fresh = Arc::new(Summarized {
            revision: books.revision,
            plan_day,
            summary: summary::summary_of(db, &books).await?,
            charts: Mutex::new(HashMap::new()),
        });
        self.editions
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(edition_id, fresh.clone());
        Ok(fresh)
    }

    /// The summary kept for the budget as `books` read it, if any.
    fn kept(&self, edition_id: i64, books: &super::service::Books) -> Option<Arc<Summarized>> {
        self.editions
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&edition_id)
            .filter(|c| {
                books.saved
                    && c.revision == books.revision
                    && c.plan_day == books.converter.plan_day
            })
            .cloned()
    }
}
