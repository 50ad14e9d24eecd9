//! `/api/v1/editions`

use axum::Json;
use axum::extract::{Path, State};
use http::StatusCode;
use sea_orm::DatabaseConnection;

use app::auth::domain::Operation;
use app::editions::domain::NewEdition;
use app::editions::service;
use app::editions::types::{EditionInput, EditionPatch, EditionView, RoomInput};

use super::{ApiError, Caller, ErrorBody};

/// The body of `POST /editions`: an edition and, optionally, its rooms.
#[derive(serde::Deserialize, utoipa::ToSchema)]
pub struct NewEditionBody {
    #[serde(flatten)]
    pub edition: EditionInput,
    #[serde(default)]
    pub rooms: Vec<RoomInput>,
}

#[utoipa::path(get, path = "/api/v1/editions", tag = "editions",
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

#[utoipa::path(post, path = "/api/v1/editions", tag = "editions",
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
    let created = service::create_edition(&db, edition, body.rooms).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

#[utoipa::path(get, path = "/api/v1/editions/{id}", tag = "editions",
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

#[utoipa::path(patch, path = "/api/v1/editions/{id}", tag = "editions",
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
    Ok(Json(service::patch_edition(&db, id, patch).await?))
}
