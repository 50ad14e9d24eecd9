//! The audit log's page: organizers read who changed which record, when,
//! and what it was before and after, filtered and exported. The log itself
//! (`audit`) is written below every area; this page stands above them.

pub mod components;
pub mod server_fns;
