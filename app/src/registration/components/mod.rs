//! Registration pages: the public form, the review queue, the settings of
//! an edition, and the delegate's own page.

mod mine;
mod person;
mod register;
mod review;
mod settings;

pub use mine::MyPage;
pub use person::{category_label, status_label};
pub use register::RegisterPage;
pub use review::{EraseCall, ReviewPage};
pub use settings::RegistrationSettingsPage;
