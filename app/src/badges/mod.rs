//! Badges: the signed code in each badge's QR, the signing keys, the badge
//! PDF in several layouts, batches with their progress, reprints (which
//! retire the old badge), and what check-in devices need to verify
//! badges offline (public keys and the revocation list).

pub mod components;
pub mod domain;
pub mod server_fns;
pub mod types;

#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
pub mod render;
#[cfg(feature = "ssr")]
pub mod service;
