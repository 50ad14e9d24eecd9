//! The follow-up reminders' loop: every `CF_REMINDER_SECONDS` (default an
//! hour) each server process queues the reminders due today that have
//! not gone yet. Several processes may run it at once: each reminder is
//! claimed by a unique row, so it is queued once.

use std::time::Duration;

use sea_orm::DatabaseConnection;

use app::agreements::service::activities::today;
use app::agreements::service::reminders::send_due;

/// How often the loop looks, from `CF_REMINDER_SECONDS` (1 to 86,400).
pub fn interval_from_env() -> Duration {
    let seconds = std::env::var("CF_REMINDER_SECONDS")
        .ok()
        .and_then(|text| text.trim().parse::<u64>().ok())
        .filter(|s| (1..=86_400).contains(s))
        .unwrap_or(3_600);
    Duration::from_secs(seconds)
}

pub async fn run(db: DatabaseConnection, public_url: String, every: Duration) {
    loop {
        match send_due(&db, today(), &public_url).await {
            Ok(0) => {}
            Ok(sent) => tracing::info!(sent, "follow-up reminders queued"),
            Err(err) => tracing::error!(error = %err, "cannot queue follow-up reminders"),
        }
        tokio::time::sleep(every).await;
    }
}
