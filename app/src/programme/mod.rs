//! The programme of an edition: sessions in rooms, their conflicts,
//! personal agendas and calendar feeds.

pub mod components;
pub mod domain;
pub mod server_fns;
pub mod types;

#[cfg(feature = "ssr")]
pub mod cache;
#[cfg(feature = "ssr")]
pub mod calendar;
#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
pub mod forms;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod service;
