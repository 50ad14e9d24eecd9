//! Personal data kept only as long as needed, and given back on request.
//! Per edition, organizers set how many days after the Forum its people's
//! contact and travel details, needs, the door staff's names and the
//! letters' bodies are kept; a daily job (and `cities-forum
//! erase-personal-data`) erases them then, everywhere they were: the
//! tables, the outbox and the audit log's records. Names, roles,
//! attendance and agreements stay, as the alliance's records need them.
//! A person downloads everything held about them from `/my` and may ask
//! to be erased; a registrar confirms.

pub mod components;
pub mod server_fns;
pub mod types;

pub mod domain;
#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
pub mod service;
