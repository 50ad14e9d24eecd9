//! Personal data: how long each edition keeps it (organizers), a person's
//! own download and request to be erased, and a registrar's erasure.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::response::Response;
use http::StatusCode;

use app::auth::domain::Operation;
use app::privacy::service;
use app::privacy::types::{RetentionInput, RetentionView};
use app::state::AppState;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{ApiError, Caller, ErrorBody, download, private};

/// The routes this file serves, each with its OpenAPI entry (relative to
/// `/api/v1`).
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(my_data))
        .routes(routes!(request_erasure))
        .routes(routes!(get_retention, set_retention))
        .routes(routes!(erase_person))
}

/// How long the edition keeps its people's phones, needs, travel details,
/// door staff names and letters' bodies after the Forum.
#[utoipa::path(get, path = "/editions/{id}/retention", tag = "privacy",
    params(("id" = i64, Path, description = "Edition id")),
    responses((status = 200, body = RetentionView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_retention(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
) -> Result<Json<RetentionView>, ApiError> {
    caller.may(Operation::ManageEditions)?;
    Ok(Json(service::retention(&state.db, edition_id).await?))
}

/// Sets the days after the Forum (0 to 3650; 180 unless set).
#[utoipa::path(put, path = "/editions/{id}/retention", tag = "privacy",
    params(("id" = i64, Path, description = "Edition id")),
    request_body = RetentionInput,
    responses((status = 200, body = RetentionView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn set_retention(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
    body: Result<Json<RetentionInput>, JsonRejection>,
) -> Result<Json<RetentionView>, ApiError> {
    caller.may(Operation::ManageEditions)?;
    let Json(body) = body?;
    Ok(Json(
        service::set_retention(&state.db, &caller.actor(), edition_id, body).await?,
    ))
}

/// Everything held about the signed-in person, as a JSON file.
#[utoipa::path(get, path = "/my/data", tag = "privacy",
    responses((status = 200, content_type = "application/json", body = Object),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn my_data(caller: Caller, State(state): State<AppState>) -> Result<Response, ApiError> {
    caller.may(Operation::ManageOwnRegistration)?;
    let data = service::export_person(&state.db, caller.0.id, &caller.0.email).await?;
    let body = serde_json::to_vec_pretty(&data).map_err(app::error::AppError::internal)?;
    Ok(private(download(
        "application/json",
        "cities-forum-my-data.json",
        body,
    )))
}

/// The signed-in person asks to be erased; a registrar confirms.
#[utoipa::path(post, path = "/my/erasure-request", tag = "privacy",
    responses((status = 202), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody)))]
pub async fn request_erasure(
    caller: Caller,
    State(state): State<AppState>,
) -> Result<StatusCode, ApiError> {
    caller.may(Operation::ManageOwnRegistration)?;
    service::request_erasure(&state.db, &caller.actor(), &caller.0.email).await?;
    Ok(StatusCode::ACCEPTED)
}

/// Erases one person of the edition: who they are, how they are reached,
/// their needs and travel, in the registration, the letters and the audit
/// log's records; attendance counts and signed agreements stay.
#[utoipa::path(post, path = "/editions/{id}/registrations/{registration_id}/erase", tag = "privacy",
    params(("id" = i64, Path, description = "Edition id"),
           ("registration_id" = i64, Path, description = "Registration id")),
    responses((status = 204), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "already_erased", body = ErrorBody)))]
pub async fn erase_person(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, registration_id)): Path<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    caller.may(Operation::ReviewRegistrations)?;
    service::erase_person(&state.db, &caller.actor(), edition_id, registration_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
