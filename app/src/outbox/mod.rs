//! The outbox's page: organizers read every message the application wrote
//! and how its sending went. The outbox itself (`mail`) is written below
//! every area; this page stands above them.

pub mod components;
pub mod server_fns;
