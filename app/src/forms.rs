//! The forms that post as plain HTML before (or without) the browser's
//! script, and what each does on the server: the same server function
//! the script calls, then where the browser goes next (server only; the
//! mechanism is described in `ui::posted`). It stands above the areas
//! whose forms it names; they answer with `ui::posted::Submitted`.

use crate::error::AppError;
use crate::throttle::Limit;
use crate::ui::posted::{Posted, Submitted};

/// The most fields a posted form may have: a registration of the largest
/// delegation (200 people, 14 fields and a few ticked languages each)
/// fits; more is refused before anything reads them.
pub const FIELDS_MAX: usize = 8_000;

/// Fields never written back into a page: what was typed as a password.
const SECRET_FIELDS: [&str; 3] = ["password", "again", "secret"];

/// A form's kind and the record it is about: `person:12` is (`person`, 12).
pub fn kind_and_id(form: &str) -> (&str, Option<i64>) {
    match form.split_once(':') {
        Some((kind, id)) => (kind, id.parse().ok()),
        None => (form, None),
    }
}

/// The per-address limit a form counts against, checked before it runs
/// (the same as its server function's path).
pub fn limit(form: &str) -> Option<Limit> {
    match kind_and_id(form).0 {
        "login" => Some(Limit::LoginFromAddress),
        "send-link" | "reset" => Some(Limit::LinkRequestFromAddress),
        "password" => Some(Limit::LinkSignInFromAddress),
        "register" => Some(Limit::RegistrationFromAddress),
        _ => None,
    }
}

/// Runs a posted form; its server function checks the caller as always.
pub async fn submit(posted: &Posted) -> Result<Submitted, AppError> {
    let (kind, id) = kind_and_id(&posted.form);
    match (kind, id) {
        ("register", None) => crate::registration::forms::register(posted).await,
        ("send-link", None) => crate::registration::forms::send_link(posted).await,
        ("person", Some(id)) => crate::registration::forms::update_mine(posted, id).await,
        ("cancel", Some(id)) => crate::registration::forms::cancel_mine(id).await,
        ("add-member", Some(id)) => crate::registration::forms::add_member(posted, id).await,
        ("decide", None) => crate::registration::forms::decide(posted).await,
        ("login", None) => crate::auth::forms::login(posted).await,
        ("reset", None) => crate::auth::forms::reset(posted).await,
        ("password", None) => crate::auth::forms::set_password(posted).await,
        ("revoke-links", id) => crate::auth::forms::revoke_links(id).await,
        ("book", Some(id)) => crate::programme::forms::book(posted, id, true).await,
        ("unbook", Some(id)) => crate::programme::forms::book(posted, id, false).await,
        ("language", None) => crate::auth::components::language::choose(posted).await,
        _ => Ok(Submitted::NeedsScript),
    }
}

/// The form as it goes back into the page: everything typed but secrets.
pub fn without_secrets(mut posted: Posted) -> Posted {
    posted
        .fields
        .retain(|(key, _)| !SECRET_FIELDS.contains(&key.as_str()));
    posted
}
