//! Cities Forum: pages, server functions and domain rules, one module per
//! area. Compiled twice: for the server (`ssr`) and the browser (`hydrate`).

#![recursion_limit = "256"]

// build.rs turns locales/*.json into `pub mod i18n`.
mod translations {
    include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));
}
pub use translations::i18n;

pub mod agreements;
pub mod audit;
pub mod audit_log;
pub mod auth;
pub mod badges;
pub mod budget;
pub mod checkin;
pub mod choice;
pub mod credentials;
pub mod dashboard;
pub mod directory;
pub mod editions;
pub mod error;
pub mod home;
pub mod locale;
pub mod logistics;
pub mod mail;
pub mod names;
pub mod outbox;
pub mod paging;
pub mod platform;
pub mod privacy;
pub mod programme;
pub mod registration;
pub mod text;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod forms;
#[cfg(feature = "ssr")]
pub mod heavy;
#[cfg(feature = "ssr")]
pub mod print;
#[cfg(feature = "ssr")]
pub mod spreadsheet;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod throttle;

/// The page shell, the routes and the browser's entry point (`hydrate`):
/// the top floor, above every area.
pub mod app;
