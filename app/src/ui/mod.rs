//! Pieces every area's pages share: form fields with their messages, the
//! error views, the reader's language, dates and numbers in it.

pub mod dates;
mod dropdown;
mod edited;
mod fields;
mod forms;
pub mod language;
pub mod languages;
mod loaded;
mod messages;
pub mod numbers;
mod pager;
pub mod posted;
mod problems;
mod route;
mod tabs;
#[cfg(feature = "hydrate")]
pub mod typed;

pub use dropdown::{DropDown, on_a_link};
pub use edited::{EditedMeanwhile, is_edited_meanwhile, other_refusal};
pub use fields::{Field, FieldErrors};
pub use forms::{
    action_error, confirm, form_banner, form_error, posted_action_error, posted_form_error,
};
pub use loaded::Loaded;
pub use messages::message;
pub use pager::Pager;
pub use posted::{FormName, PostButton, Posted, posted};
pub use problems::{NotFound, Problem};
pub use route::route_id;
pub use tabs::{TabKey, Tabs};
