//! The audit log for organizers: read only.

use leptos::prelude::*;

use crate::audit::types::{AuditEntryView, AuditFilter};
use crate::error::AppError;
use crate::paging::Paged;

/// One page of the entries the filter selects, newest first. (A filter
/// whose parts are all empty is sent as no filter at all: hence `Option`.)
#[server(endpoint = "audit/list")]
pub async fn list_audit(
    filter: Option<AuditFilter>,
    page: u32,
    per_page: u32,
) -> Result<Paged<AuditEntryView>, AppError> {
    use crate::auth::domain::Operation;
    use crate::auth::guard::guarded;
    use crate::paging::PageRequest;
    guarded(Operation::ReadAuditLog, |state, _| async move {
        let filter = filter.unwrap_or_default();
        let page = PageRequest { page, per_page };
        crate::audit::service::list(&state.db, &filter, page).await
    })
    .await
}
