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
use crate::platform::lock::unpoisoned;
use crate::platform::revision_cache::RevisionCache;

/// One edition's summary at one revision, and its charts per language.
pub struct Summarized {
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
        let mut charts = unpoisoned(&self.charts);
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

/// Each edition's summary, kept while the budget's revision and the
/// Forum's first day stay as they were.
#[derive(Default)]
pub struct SummaryCache {
    editions: RevisionCache<i64, (i64, NaiveDate), Summarized>,
}

impl SummaryCache {
    /// The edition's summary as it is now. A budget never saved (the
    /// standard categories shown before the first change) is not kept.
    pub async fn summary(
        &self,
        db: &impl ConnectionTrait,
        edition_id: i64,
    ) -> Result<Arc<Summarized>, AppError> {
        let books = books(db, edition_id).await?;
        let plan_day = books.converter.plan_day;
        let revision = books.revision;
        let summarize = || async {
            Ok(Summarized {
                summary: summary::summary_of(db, &books).await?,
                charts: Mutex::new(HashMap::new()),
            })
        };
        if !books.saved {
            return Ok(Arc::new(summarize().await?));
        }
        self.editions
            .get(edition_id, (revision, plan_day), summarize)
            .await
    }
}
