//! The mechanisms every area shares, written once, below all of them (no
//! area is imported from here): the state's parts, a lock that survives
//! a panic, the revision cache and the versioned save. Areas that need
//! each other's answers meet here through providers, not imports.

#[cfg(feature = "ssr")]
pub mod edition_version;
#[cfg(feature = "ssr")]
pub mod lock;
#[cfg(feature = "ssr")]
pub mod parts;
#[cfg(feature = "ssr")]
pub mod revision_cache;
#[cfg(feature = "ssr")]
pub mod versioned;
