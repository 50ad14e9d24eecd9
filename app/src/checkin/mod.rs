//! Check-in at the doors: paired tablets (devices) scan badges or find
//! people by name, online or offline; every scan is kept with its device,
//! its staff and the id the device made for it, and arrivals are counted
//! per list (the Forum's entry and each session), distinct people, exact.
//! The tablet's page is `public/checkin/` (plain modules, kept small so it
//! loads and works offline); organizers watch arrivals live here.

pub mod components;
pub mod domain;
pub mod server_fns;
pub mod types;

#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
pub mod hub;
#[cfg(feature = "ssr")]
pub mod service;
