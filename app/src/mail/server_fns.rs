//! The outbox for organizers.

use leptos::prelude::*;

use super::types::MessageView;
use crate::error::AppError;

/// The latest 200 messages, whatever their state.
#[server(endpoint = "outbox/list")]
pub async fn list_outbox() -> Result<Vec<MessageView>, AppError> {
    use crate::auth::domain::Operation;
    use crate::auth::guard::guarded;
    guarded(Operation::ReadOutbox, |state, _| async move {
        super::service::list_messages(&state.db, 200).await
    })
    .await
}
