//! The follow-up dashboard, kept in memory until anything changes (server
//! only). Every change in the application writes an audit entry in its
//! own transaction, so the audit log's latest id is a revision of all the
//! data: each request reads it (one index lookup), so every server process
//! sees a change at once, and recomputes only when it moved or the day
//! did (`platform::revision_cache`: one computation at a time).

use std::sync::Arc;

use chrono::NaiveDate;
use sea_orm::ConnectionTrait;

use super::types::Dashboard;
use crate::error::AppError;
use crate::platform::revision_cache::RevisionCache;

#[derive(Default)]
pub struct DashboardCache {
    kept: RevisionCache<(), (i64, NaiveDate), Dashboard>,
}

impl DashboardCache {
    pub async fn dashboard(
        &self,
        db: &impl ConnectionTrait,
        today: NaiveDate,
    ) -> Result<Arc<Dashboard>, AppError> {
        let revision = crate::audit::service::latest_id(db).await?;
        self.kept
            .get((), (revision, today), || {
                super::service::report::dashboard(db, today)
            })
            .await
    }
}
