//! Pieces every area's pages share: form fields with their messages, the
//! error views, the language switch.

mod fields;
mod language;
mod messages;
mod problems;

pub use fields::{Field, FieldErrors};
pub use language::LanguageSwitch;
pub use messages::message;
pub use problems::{NotFound, Problem};
