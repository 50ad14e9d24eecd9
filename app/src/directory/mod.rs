//! The alliance's directory: member cities and institutions, specialized
//! committees and the Business Council.

pub mod components;
pub mod domain;
pub mod server_fns;
pub mod types;

#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
pub mod service;
