//! The edition dashboard: how the Forum is going, at a glance. Each area
//! gives its own summary (registration, programme, mail); this module
//! puts them side by side and links every figure to the list behind it.
//! A new area (badges, budget, agreements) adds its summary and a tile.

pub mod components;
pub mod domain;
pub mod server_fns;
pub mod settings;
pub mod types;

#[cfg(feature = "ssr")]
pub mod service;
