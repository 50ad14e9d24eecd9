//! Editions for the browser: each checks the role, parses, calls the service.

use leptos::prelude::*;

use super::types::{EditionForm, EditionText, EditionView, RoomView};
use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::{audit::Actor, auth::domain::Operation, auth::guard::guarded};

#[server(endpoint = "editions/list")]
pub async fn list_editions() -> Result<Vec<EditionView>, AppError> {
    guarded(Operation::ViewEditions, |state, _| async move {
        super::service::list_editions(&state.db).await
    })
    .await
}

#[server(endpoint = "editions/get")]
pub async fn get_edition(id: i64) -> Result<EditionView, AppError> {
    guarded(Operation::ViewEditions, |state, _| async move {
        super::service::get_edition(&state.db, id).await
    })
    .await
}

/// Creates (`id` absent) or replaces an edition from the form as typed.
#[server(endpoint = "editions/save")]
pub async fn save_edition(id: Option<i64>, form: EditionForm) -> Result<EditionView, AppError> {
    guarded(Operation::ManageEditions, |state, caller| async move {
        let edition = form.parse()?;
        let db = &state.db;
        let actor = &Actor::user(&caller);
        match id {
            Some(id) => super::service::update_edition(db, actor, id, edition).await,
            None => super::service::create_edition(db, actor, edition, Vec::new()).await,
        }
    })
    .await
}

/// Writes the edition's title, venue and intro in one more language.
#[server(endpoint = "editions/save_text")]
pub async fn save_edition_text(id: i64, text: EditionText) -> Result<EditionView, AppError> {
    guarded(Operation::ManageEditions, |state, caller| async move {
        super::service::save_edition_text(&state.db, &Actor::user(&caller), id, text).await
    })
    .await
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
    guarded(Operation::ManageEditions, |state, caller| async move {
        let capacity = match capacity.trim() {
            "" => None,
            text => {
                Some(parse_number::<i32>(text).map_err(|msg| AppError::field("capacity", msg))?)
            }
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
        super::service::add_room(&state.db, &Actor::user(&caller), edition_id, input).await
    })
    .await
}

#[server(endpoint = "editions/delete_room")]
pub async fn delete_room(edition_id: i64, room_id: i64) -> Result<(), AppError> {
    guarded(Operation::ManageEditions, |state, caller| async move {
        super::service::delete_room(&state.db, &Actor::user(&caller), edition_id, room_id).await
    })
    .await
}

/// Writes a room's names in the app's other languages.
#[server(endpoint = "editions/save_room_names")]
pub async fn save_room_names(
    edition_id: i64,
    room_id: i64,
    #[server(default)] names: crate::names::types::Names,
) -> Result<crate::names::types::Names, AppError> {
    guarded(Operation::ManageEditions, |state, caller| async move {
        super::service::save_room_names(
            &state.db,
            &Actor::user(&caller),
            edition_id,
            room_id,
            names,
        )
        .await
    })
    .await
}
