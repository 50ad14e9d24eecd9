//! The signed code a badge carries and the keys that sign it: below
//! registration (whose approval letter shows the code) and badges (which
//! print it, reprint it and verify it), and the check-in to come.

pub mod code;
pub mod types;

#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
pub mod keys;
#[cfg(feature = "ssr")]
pub mod qr;
#[cfg(feature = "ssr")]
pub mod service;
