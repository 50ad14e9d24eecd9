//! The audit log: who changed which record, when, and what it was before
//! and after. Every service that changes data records its change here in
//! the same transaction, so a change without its entry (or an entry
//! without its change) cannot happen. Organizers read it; nothing in the
//! application edits or deletes it. Its page is `audit_log`.

pub mod types;

#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
pub mod service;

#[cfg(feature = "ssr")]
pub use service::{Actor, Change, record};
