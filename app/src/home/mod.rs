//! The public face: the home page a visitor lands on (the current and
//! coming editions, with Register and Programme first, past ones below),
//! and, for the signed-in, the places their role works in. The header's
//! menu reads the same list to know which edition is current.

pub mod components;
pub mod domain;
pub mod menu;
pub mod server_fns;
pub mod types;

#[cfg(feature = "ssr")]
pub mod service;
