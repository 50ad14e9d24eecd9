//! The daily erasure of personal details past each edition's retention
//! period (`app::privacy`). Every server process runs it; an edition
//! erased by one is skipped by the others.

use std::time::Duration;

use sea_orm::DatabaseConnection;

use app::audit::Actor;
use app::privacy::service::erase_due;

/// Once a day, the first time a minute after start.
const EVERY: Duration = Duration::from_secs(24 * 60 * 60);
const FIRST_AFTER: Duration = Duration::from_secs(60);

pub async fn run(db: DatabaseConnection) {
    tokio::time::sleep(FIRST_AFTER).await;
    loop {
        let today = chrono::Utc::now().date_naive();
        match erase_due(&db, &Actor::system("retention"), today).await {
            Ok(report) if report.editions.is_empty() => {}
            Ok(report) => tracing::info!(
                editions = ?report.editions,
                people = report.people,
                "personal details past their retention period erased"
            ),
            Err(err) => tracing::error!(error = %err, "cannot erase personal details due"),
        }
        tokio::time::sleep(EVERY).await;
    }
}
