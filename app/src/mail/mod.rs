//! The mail outbox: every message is written here first, in the same
//! transaction as what caused it, and a worker sends it (server/src/mail).
//! Without SMTP settings messages stay here, readable by organizers on
//! the outbox's page (`outbox`).

pub mod letter;
pub mod types;

#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
pub mod service;
