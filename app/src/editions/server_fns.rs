//! Editions for the browser: each checks the role, parses, calls the service.

use leptos::prelude::*;

use super::types::{EditionForm, EditionView, RoomView};
use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::{
    auth::domain::Operation,
    auth::guard::{require, with_status},
    state::app_state,
};

#[server(endpoint = "editions/list")]
pub async fn list_editions() -> Result<Vec<EditionView>, AppError> {
    with_status(
        async {
            require(Operation::ViewEditions).await?;
            super::service::list_editions(&app_state()?.db).await
        }
        .await,
    )
}

#[server(endpoint = "editions/get")]
pub async fn get_edition(id: i64) -> Result<EditionView, AppError> {
    with_status(
        async {
            require(Operation::ViewEditions).await?;
            super::service::get_edition(&app_state()?.db, id).await
        }
        .await,
    )
}

/// Creates (`id` absent) or replaces an edition from the form as typed.
#[server(endpoint = "editions/save")]
pub async fn save_edition(id: Option<i64>, form: EditionForm) -> Result<EditionView, AppError> {
    with_status(
        async {
            require(Operation::ManageEditions).await?;
            let edition = form.parse()?;
            let db = &app_state()?.db;
            match id {
                Some(id) => super::service::update_edition(db, id, edition).await,
                None => super::service::create_edition(db, edition, Vec::new()).await,
            }
        }
        .await,
    )
}

#[server(endpoint = "editions/add_room")]
pub async fn add_room(
    edition_id: i64,
    name: String,
    capacity: String,
    floor: Option<String>,
    booths: Option<String>,
) -> Result<RoomView, AppError> {
    use super::domain::parse_number;
    use super::types::RoomInput;
    with_status(
        async {
            require(Operation::ManageEditions).await?;
            let capacity = match capacity.trim() {
                "" => None,
                text => Some(
                    parse_number::<i32>(text).map_err(|msg| AppError::field("capacity", msg))?,
                ),
            };
            let booths = match booths.as_deref().map(str::trim) {
                None | Some("") => 0,
                Some(text) => {
                    parse_number::<i32>(text).map_err(|msg| AppError::field("booths", msg))?
                }
            };
            let input = RoomInput {
                name,
                capacity,
                floor: floor.unwrap_or_default(),
                booths,
            };
            super::service::add_room(&app_state()?.db, edition_id, input).await
        }
        .await,
    )
}

#[server(endpoint = "editions/delete_room")]
pub async fn delete_room(edition_id: i64, room_id: i64) -> Result<(), AppError> {
    with_status(
        async {
            require(Operation::ManageEditions).await?;
            super::service::delete_room(&app_state()?.db, edition_id, room_id).await
        }
        .await,
    )
}
