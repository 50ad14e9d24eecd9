//! Cooperation agreements, drafted at the Forum, signed there and followed
//! up all year: templates with typed placeholders, agreements between two
//! or more members with their texts side by side in two languages, every
//! version kept and compared, the status and the signing, follow-up
//! activities with their reminders, committees' initiatives, the
//! coordinators' dashboard and each edition's outcome report. Follow-up
//! coordinators and organizers keep them; a party's contact sees and
//! updates its own agreements' activities.

pub mod components;
pub mod domain;
pub mod server_fns;
pub mod types;

#[cfg(feature = "ssr")]
pub mod cache;
#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod pdf;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod standard;
