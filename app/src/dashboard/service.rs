//! The dashboard read from each area's summary (server only).

use sea_orm::ConnectionTrait;

use super::types::EditionDashboard;
use crate::editions::service::{get_edition, load_edition};
use crate::error::AppError;
use crate::mail::service::mail_summary;
use crate::programme::service::programme_summary;
use crate::registration::service::registration_summary;

pub async fn edition_dashboard(
    db: &impl ConnectionTrait,
    budget: &crate::budget::cache::SummaryCache,
    edition_id: i64,
) -> Result<EditionDashboard, AppError> {
    let edition = load_edition(db, edition_id).await?;
    Ok(EditionDashboard {
        today: edition.clock.today(),
        registration: registration_summary(db, edition_id).await?,
        programme: programme_summary(db, &edition).await?,
        mail: mail_summary(db).await?,
        badges: crate::badges::service::badge_summary(db, edition_id).await?,
        checkin: crate::checkin::service::checkin_summary(db, edition_id).await?,
        budget: crate::budget::service::report::tile(db, budget, edition_id).await?,
        agreements: crate::agreements::service::report::tile(db, edition_id).await?,
        edition: get_edition(db, edition_id).await?,
    })
}
