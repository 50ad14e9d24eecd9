//! Printed documents (server only): the one text code every PDF uses (the
//! visa letter, badges, and the agreements to come) and the fonts it needs.
//!
//! printpdf writes positioned glyphs but does not shape text, so every
//! line is split into bidi runs (unicode-bidi), each run into pieces set in
//! the first font that has their characters, and each piece is shaped by
//! rustybuzz (Arabic joins, Indic reordering, kerning) before it is placed.

pub mod drawing;
pub mod fonts;
pub mod pages;
pub mod text;

pub use text::{Shaped, Typesetter};
