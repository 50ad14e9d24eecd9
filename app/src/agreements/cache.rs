//! The follow-up dashboard, kept in memory until anything changes (server
//! only). Every change in the application writes an audit entry in its
//! own transaction, so the audit log's latest id is a revision of all the
//! data: each request reads it (one index lookup), so every server process
//! sees a change at once, and recomputes only when it moved or the day
//! did. One computation at a time: requests arriving meanwhile reuse it.

use std::sync::Arc;

use chrono::NaiveDate;
use sea_orm::ConnectionTrait;

use super::types::Dashboard;
use crate::error::AppError;

#[derive(Default)]
pub struct DashboardCache {
    kept: tokio::sync::Mutex<Option<(i64, NaiveDate, Arc<Dashboard>)>>,
}

impl DashboardCache {
    pub async fn dashboard(
        &self,
        db: &impl ConnectionTrait,
        today: NaiveDate,
    ) -> Result<Arc<Dashboard>, AppError> {
        let revision = crate::audit::service::latest_id(db).await?;
        let mut kept = self.kept.lock().await;
        if let Some((r, day, dashboard)) = kept.as_ref()
            && *r == revision
            && *day == today
        {
            return Ok(dashboard.clone());
        }
        let fresh = Arc::new(super::service::report::dashboard(db, today).await?);
        *kept = Some((revision, today, fresh.clone()));
        Ok(fresh)
    }
}
