//! `/api/v1/members`

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use http::StatusCode;
use sea_orm::DatabaseConnection;

use app::auth::domain::Operation;
use app::directory::service;
use app::directory::types::{MemberInput, MemberKind, MemberPatch, MemberView};

use super::{ApiError, Caller, ErrorBody};
use app::state::AppState;
use utoipa_axum::{router::OpenApiRouter, routes};

/// The routes this file serves, each with its OpenAPI entry (relative to
/// `/api/v1`).
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get, patch))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
pub struct MemberFilter {
    /// Only this kind, e.g. `city`.
    pub kind: Option<MemberKind>,
    /// Part of the native or Latin name; case and accents are ignored.
    pub q: Option<String>,
}

#[utoipa::path(get, path = "/members", tag = "members",
    params(MemberFilter),
    responses(
        (status = 200, body = Vec<MemberView>),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
    ))]
pub async fn list(
    caller: Caller,
    State(db): State<DatabaseConnection>,
    filter: Result<Query<MemberFilter>, QueryRejection>,
) -> Result<Json<Vec<MemberView>>, ApiError> {
    caller.may(Operation::ViewDirectory)?;
    let Query(filter) = filter?;
    Ok(Json(
        service::list_members(&db, filter.kind, filter.q.as_deref()).await?,
    ))
}

#[utoipa::path(post, path = "/members", tag = "members",
    request_body = MemberInput,
    responses(
        (status = 201, body = MemberView),
        (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody),
    ))]
pub async fn create(
    caller: Caller,
    State(db): State<DatabaseConnection>,
    body: Result<Json<MemberInput>, JsonRejection>,
) -> Result<(StatusCode, Json<MemberView>), ApiError> {
    caller.may(Operation::ManageDirectory)?;
    let Json(input) = body?;
    Ok((
        StatusCode::CREATED,
        Json(service::create_member(&db, &caller.actor(), input).await?),
    ))
}

#[utoipa::path(get, path = "/members/{id}", tag = "members",
    params(("id" = i64, Path, description = "Member id")),
    responses(
        (status = 200, body = MemberView),
        (status = 404, body = ErrorBody),
    ))]
pub async fn get(
    caller: Caller,
    State(db): State<DatabaseConnection>,
    Path(id): Path<i64>,
) -> Result<Json<MemberView>, ApiError> {
    caller.may(Operation::ViewDirectory)?;
    Ok(Json(service::get_member(&db, id).await?))
}

#[utoipa::path(patch, path = "/members/{id}", tag = "members",
    params(("id" = i64, Path, description = "Member id")),
    request_body = MemberPatch,
    responses(
        (status = 200, body = MemberView),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    ))]
pub async fn patch(
    caller: Caller,
    State(db): State<DatabaseConnection>,
    Path(id): Path<i64>,
    body: Result<Json<MemberPatch>, JsonRejection>,
) -> Result<Json<MemberView>, ApiError> {
    caller.may(Operation::ManageDirectory)?;
    let Json(patch) = body?;
    Ok(Json(
        service::update_member(&db, &caller.actor(), id, patch).await?,
    ))
}
