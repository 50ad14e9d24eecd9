//! Registration of delegates and delegations (issue 3, in progress: the
//! rules and storage are here; pages, review, mail and the API come next).

pub mod domain;
pub mod mail;
pub mod types;

#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
pub mod service;
