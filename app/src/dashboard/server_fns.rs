//! The dashboard for the browser: organizers only (it shows the outbox
//! and the review queue, which are theirs).

use leptos::prelude::*;

use super::types::EditionDashboard;
use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::{auth::domain::Operation, auth::guard::guarded};

#[server(endpoint = "dashboard/edition")]
pub async fn load_dashboard(edition_id: i64) -> Result<EditionDashboard, AppError> {
    guarded(Operation::ManageEditions, |state, _| async move {
        super::service::edition_dashboard(
            &state.db,
            &state.part::<crate::budget::cache::SummaryCache>(),
            edition_id,
        )
        .await
    })
    .await
}
