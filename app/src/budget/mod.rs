//! The host city's budget: categories with their plans, cost items with
//! payer, vendor, planned, committed and actual amounts in any currency,
//! receipts, dated exchange rates, income per payer, approval of large
//! commitments, and the views, charts and exports the finance officer,
//! the organizers and the auditors read. Only finance and organizers see
//! any of it.

pub mod components;
pub mod domain;
pub mod money;
pub mod reference;
pub mod server_fns;
pub mod types;
pub mod words;

#[cfg(feature = "ssr")]
pub mod cache;
#[cfg(feature = "ssr")]
pub mod chart;
#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
pub mod pdf;
#[cfg(feature = "ssr")]
pub mod service;
