//! The outbox for organizers.

use leptos::prelude::*;

use crate::error::AppError;
use crate::mail::types::MessageView;
use crate::paging::Paged;

/// One page (of `DEFAULT_PER_PAGE`) of the outbox, newest first, whatever
/// the messages' state.
#[server(endpoint = "outbox/list")]
pub async fn list_outbox(page: u32) -> Result<Paged<MessageView>, AppError> {
    use crate::auth::domain::Operation;
    use crate::auth::guard::guarded;
    use crate::paging::{DEFAULT_PER_PAGE, PageRequest};
    guarded(Operation::ReadOutbox, |state, _| async move {
        let page = PageRequest {
            page,
            per_page: DEFAULT_PER_PAGE,
        };
        crate::mail::service::page_of_messages(&state.db, page).await
    })
    .await
}
