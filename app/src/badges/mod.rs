//! Badges: the badge PDF in several layouts, batches with their progress,
//! reprints (which retire the old badge), verification, and what check-in
//! devices need to refuse stale badges offline (the revocation list). The
//! signed code and its keys are `crate::credentials`'.

pub mod components;
pub mod domain;
pub mod server_fns;
pub mod types;

#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
pub mod render;
#[cfg(feature = "ssr")]
pub mod service;
