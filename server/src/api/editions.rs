//! `/api/v1/editions` and their rooms

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use http::StatusCode;
use sea_orm::DatabaseConnection;

use app::auth::domain::Operation;
use app::editions::domain::NewEdition;
use app::editions::service;
use app::editions::types::{EditionInput, EditionPatch, EditionView, RoomInput, RoomView};
use app::state::AppState;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{ApiError, Caller, ErrorBody};

/// The routes this file serves, each with its OpenAPI entry (relative to
/// `/api/v1`).
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get, patch))
        .routes(routes!(list_rooms, add_room))
        .routes(routes!(delete_room))
}

/// The body of `POST /editions`: an edition and, optionally, its rooms.
#[derive(serde::Deserialize, utoipa::ToSchema)]
pub struct NewEditionBody {
    #[serde(flatten)]
    pub edition: EditionInput,
    #[serde(default)]
    pub rooms: Vec<RoomInput>,
}

#[utoipa::path(get, path = "/editions", tag = "editions",
    responses(
        (status = 200, body = Vec<EditionView>),
        (status = 401, body = ErrorBody),
    ))]
pub async fn list(
    caller: Caller,
    State(db): State<DatabaseConnection>,
) -> Result<Json<Vec<EditionView>>, ApiError> {
    caller.may(Operation::ViewEditions)?;
    Ok(Json(service::list_editions(&db).await?))
}

#[utoipa::path(post, path = "/editions", tag = "editions",
    request_body = NewEditionBody,
    responses(
        (status = 201, body = EditionView),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 422, description = "Field errors", body = ErrorBody),
    ))]
pub async fn create(
    caller: Caller,
    State(db): State<DatabaseConnection>,
    body: Result<Json<NewEditionBody>, axum::extract::rejection::JsonRejection>,
) -> Result<(StatusCode, Json<EditionView>), ApiError> {
    caller.may(Operation::ManageEditions)?;
    let Json(body) = body?;
    let edition = NewEdition::parse(body.edition)?;
    let created = service::create_edition(&db, &caller.actor(), edition, body.rooms).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

#[utoipa::path(get, path = "/editions/{id}", tag = "editions",
    params(("id" = i64, Path, description = "Edition id")),
    responses(
        (status = 200, body = EditionView),
        (status = 404, body = ErrorBody),
    ))]
pub async fn get(
    caller: Caller,
    State(db): State<DatabaseConnection>,
    Path(id): Path<i64>,
) -> Result<Json<EditionView>, ApiError> {
    caller.may(Operation::ViewEditions)?;
    Ok(Json(service::get_edition(&db, id).await?))
}

#[utoipa::path(patch, path = "/editions/{id}", tag = "editions",
    params(("id" = i64, Path, description = "Edition id")),
    request_body = EditionPatch,
    responses(
        (status = 200, body = EditionView),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    ))]
pub async fn patch(
    caller: Caller,
    State(db): State<DatabaseConnection>,
    Path(id): Path<i64>,
    body: Result<Json<EditionPatch>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<EditionView>, ApiError> {
    caller.may(Operation::ManageEditions)?;
    let Json(patch) = body?;
    Ok(Json(
        service::patch_edition(&db, &caller.actor(), id, patch).await?,
    ))
}

#[utoipa::path(get, path = "/editions/{id}/rooms", tag = "editions",
    params(("id" = i64, Path, description = "Edition id")),
    responses(
        (status = 200, body = Vec<RoomView>),
        (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody),
    ))]
pub async fn list_rooms(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
) -> Result<Json<Vec<RoomView>>, ApiError> {
    caller.may(Operation::ViewEditions)?;
    Ok(Json(
        service::get_edition(&state.db, edition_id).await?.rooms,
    ))
}

#[utoipa::path(post, path = "/editions/{id}/rooms", tag = "editions",
    params(("id" = i64, Path, description = "Edition id")),
    request_body = RoomInput,
    responses(
        (status = 201, body = RoomView),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 422, description = "e.g. name: room_name_taken", body = ErrorBody),
    ))]
pub async fn add_room(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
    body: Result<Json<RoomInput>, JsonRejection>,
) -> Result<(StatusCode, Json<RoomView>), ApiError> {
    caller.may(Operation::ManageEditions)?;
    let Json(body) = body?;
    let room = service::add_room(&state.db, &caller.actor(), edition_id, body).await?;
    Ok((StatusCode::CREATED, Json(room)))
}

/// A room with sessions is refused (409 `room_in_use`).
#[utoipa::path(delete, path = "/editions/{id}/rooms/{room_id}", tag = "editions",
    params(("id" = i64, Path, description = "Edition id"),
           ("room_id" = i64, Path, description = "Room id")),
    responses(
        (status = 204),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "room_in_use", body = ErrorBody),
    ))]
pub async fn delete_room(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, room_id)): Path<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    caller.may(Operation::ManageEditions)?;
    service::delete_room(&state.db, &caller.actor(), edition_id, room_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
