//! The home page's editions for the browser.

use leptos::prelude::*;

use super::types::Home;
use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::auth::{
    domain::{Operation, may},
    guard::{caller, public},
};

/// Public: what the Forum is, where and when, is the first thing a mayor
/// following a link must see. Organizers also see editions being planned.
#[server(endpoint = "home/editions")]
pub async fn home_editions() -> Result<Home, AppError> {
    public(|state| async move {
        let organizer = caller()
            .await?
            .is_some_and(|user| may(user.role, Operation::ManageEditions));
        super::service::home(&state.db, organizer).await
    })
    .await
}
