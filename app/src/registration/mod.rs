//! Registration of delegates and delegations: the public form, invitations
//! and capacities, the review queue and its decisions, the delegate's own
//! page, CSV export and import.

pub mod components;
pub mod domain;
pub mod mail;
pub mod server_fns;
pub mod types;

#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
pub mod forms;
#[cfg(feature = "ssr")]
pub mod letter;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod spreadsheet;

/// The visa letter's language unless its reader asks for another:
/// consulates expect English.
pub const LETTER_LANGUAGE: crate::i18n::Locale = crate::i18n::Locale::en;
