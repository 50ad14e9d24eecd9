//! Names organizers give in more than one language: a room, a committee,
//! a budget category. The name an area keeps is the English one; the
//! others live beside it, one table per kind of thing named, and are
//! read back in the reader's language, else English, else any.
//!
//! Written once for every area that names things: the rule, the tables'
//! reads and writes, and the form. Each area keeps its own server
//! function (its own role) and its own audit line.

pub mod components;
pub mod domain;
pub mod types;

#[cfg(feature = "ssr")]
pub mod service;
