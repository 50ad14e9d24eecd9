//! `/api/v1/editions/{id}/badges` and each registration's badge: PDFs, QR
//! images, batches, keys, the revocation list, verification.

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use http::header::{CACHE_CONTROL, CONTENT_TYPE};

use app::auth::domain::Operation;
use app::badges::service;
use app::badges::types::{
    BadgeLayout, BatchRequest, BatchView, KeyView, RevocationList, Verification, VerifyRequest,
};
use app::state::AppState;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{ApiError, Caller, ErrorBody};

/// The routes this file serves, each with its OpenAPI entry (relative to
/// `/api/v1`).
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(badge_pdf))
        .routes(routes!(reprint))
        .routes(routes!(qr_png))
        .routes(routes!(qr_svg))
        .routes(routes!(start_batch))
        .routes(routes!(get_batch))
        .routes(routes!(batch_pdf))
        .routes(routes!(list_keys, rotate_key))
        .routes(routes!(revoke_key))
        .routes(routes!(revocations))
        .routes(routes!(verify))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LayoutQuery {
    /// Paper layout (default `a6_on_a4`).
    pub layout: Option<BadgeLayout>,
}

pub(super) fn pdf((file, bytes): (String, Vec<u8>)) -> Response {
    let mut response = super::download("application/pdf", &file, bytes);
    // Badges carry personal data and a credential.
    response
        .headers_mut()
        .insert(CACHE_CONTROL, http::HeaderValue::from_static("no-store"));
    response
}

/// One person's current badge as a PDF (the print is recorded).
#[utoipa::path(get, path = "/editions/{id}/registrations/{registration_id}/badge.pdf", tag = "badges",
    params(("id" = i64, Path, description = "Edition id"),
           ("registration_id" = i64, Path, description = "Registration id"), LayoutQuery),
    responses(
        (status = 200, content_type = "application/pdf", body = Vec<u8>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "Not approved", body = ErrorBody),
        (status = 422, body = ErrorBody),
    ))]
pub async fn badge_pdf(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, id)): Path<(i64, i64)>,
    query: Result<Query<LayoutQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    caller.may(Operation::PrintBadges)?;
    let Query(query) = query?;
    let actor = caller.actor();
    let layout = query.layout.unwrap_or_default();
    Ok(pdf(service::badge_pdf(
        &state.db, &actor, edition_id, id, layout,
    )
    .await?))
}

/// A new badge for the person (the old one stops passing), as a PDF.
#[utoipa::path(post, path = "/editions/{id}/registrations/{registration_id}/badge/reprint", tag = "badges",
    params(("id" = i64, Path, description = "Edition id"),
           ("registration_id" = i64, Path, description = "Registration id"), LayoutQuery),
    responses(
        (status = 200, content_type = "application/pdf", body = Vec<u8>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "Not approved", body = ErrorBody),
        (status = 422, body = ErrorBody),
    ))]
pub async fn reprint(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, id)): Path<(i64, i64)>,
    query: Result<Query<LayoutQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    caller.may(Operation::PrintBadges)?;
    let Query(query) = query?;
    let actor = caller.actor();
    let layout = query.layout.unwrap_or_default();
    Ok(pdf(service::reprint_pdf(
        &state.db, &actor, edition_id, id, layout,
    )
    .await?))
}

/// The badge's code: staff who print badges, the person themself, or the
/// head of their delegation.
async fn code(
    caller: &Caller,
    state: &AppState,
    edition_id: i64,
    id: i64,
) -> Result<String, ApiError> {
    Ok(if caller.may(Operation::PrintBadges).is_ok() {
        service::code_for_staff(&state.db, edition_id, id).await?
    } else {
        caller.may(Operation::ManageOwnRegistration)?;
        service::code_for_owner(&state.db, &caller.0.email, edition_id, id).await?
    })
}

/// The badge's QR as a PNG.
#[utoipa::path(get, path = "/editions/{id}/registrations/{registration_id}/badge/qr.png", tag = "badges",
    params(("id" = i64, Path, description = "Edition id"),
           ("registration_id" = i64, Path, description = "Registration id")),
    responses(
        (status = 200, content_type = "image/png", body = Vec<u8>),
        (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "Not approved", body = ErrorBody),
    ))]
pub async fn qr_png(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, id)): Path<(i64, i64)>,
) -> Result<Response, ApiError> {
    let code = code(&caller, &state, edition_id, id).await?;
    let png = app::credentials::service::qr_png(&code)?;
    Ok((
        [
            (CONTENT_TYPE, "image/png"),
            (CACHE_CONTROL, "private, no-store"),
        ],
        png,
    )
        .into_response())
}

/// The badge's QR as an SVG.
#[utoipa::path(get, path = "/editions/{id}/registrations/{registration_id}/badge/qr.svg", tag = "badges",
    params(("id" = i64, Path, description = "Edition id"),
           ("registration_id" = i64, Path, description = "Registration id")),
    responses(
        (status = 200, content_type = "image/svg+xml", body = String),
        (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "Not approved", body = ErrorBody),
    ))]
pub async fn qr_svg(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, id)): Path<(i64, i64)>,
) -> Result<Response, ApiError> {
    let code = code(&caller, &state, edition_id, id).await?;
    let svg = app::credentials::service::qr_svg(&code)?;
    Ok((
        [
            (CONTENT_TYPE, "image/svg+xml"),
            (CACHE_CONTROL, "private, no-store"),
        ],
        svg,
    )
        .into_response())
}

/// Starts a batch of badges; poll it until `status` is `ready`.
#[utoipa::path(post, path = "/editions/{id}/badges/batches", tag = "badges",
    params(("id" = i64, Path, description = "Edition id")),
    request_body = BatchRequest,
    responses(
        (status = 202, body = BatchView),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "Nobody to print", body = ErrorBody),
        (status = 422, body = ErrorBody),
    ))]
pub async fn start_batch(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
    body: Result<Json<BatchRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<BatchView>), ApiError> {
    caller.may(Operation::PrintBadges)?;
    let Json(body) = body?;
    let batch = service::start_batch(&state.db, &caller.actor(), edition_id, body).await?;
    Ok((StatusCode::ACCEPTED, Json(batch)))
}

/// A batch and its progress.
#[utoipa::path(get, path = "/editions/{id}/badges/batches/{batch_id}", tag = "badges",
    params(("id" = i64, Path, description = "Edition id"),
           ("batch_id" = i64, Path, description = "Batch id")),
    responses(
        (status = 200, body = BatchView),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
    ))]
pub async fn get_batch(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, id)): Path<(i64, i64)>,
) -> Result<Json<BatchView>, ApiError> {
    caller.may(Operation::PrintBadges)?;
    Ok(Json(service::get_batch(&state.db, edition_id, id).await?))
}

/// A finished batch's PDF.
#[utoipa::path(get, path = "/editions/{id}/badges/batches/{batch_id}/badges.pdf", tag = "badges",
    params(("id" = i64, Path, description = "Edition id"),
           ("batch_id" = i64, Path, description = "Batch id")),
    responses(
        (status = 200, content_type = "application/pdf", body = Vec<u8>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "Not ready yet", body = ErrorBody),
    ))]
pub async fn batch_pdf(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, id)): Path<(i64, i64)>,
) -> Result<Response, ApiError> {
    caller.may(Operation::PrintBadges)?;
    Ok(pdf(service::batch_pdf(&state.db, edition_id, id).await?))
}

/// The edition's signing keys (public halves), newest first.
#[utoipa::path(get, path = "/editions/{id}/badges/keys", tag = "badges",
    params(("id" = i64, Path, description = "Edition id")),
    responses(
        (status = 200, body = Vec<KeyView>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
    ))]
pub async fn list_keys(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
) -> Result<Json<Vec<KeyView>>, ApiError> {
    caller.may(Operation::VerifyBadges)?;
    Ok(Json(
        app::credentials::service::list_keys(&state.db, edition_id).await?,
    ))
}

/// A new signing key; older keys keep verifying until revoked.
#[utoipa::path(post, path = "/editions/{id}/badges/keys", tag = "badges",
    params(("id" = i64, Path, description = "Edition id")),
    responses(
        (status = 201, body = KeyView),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
    ))]
pub async fn rotate_key(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
) -> Result<(StatusCode, Json<KeyView>), ApiError> {
    caller.may(Operation::ManageBadgeKeys)?;
    let key = app::credentials::service::rotate_key(&state.db, &caller.actor(), edition_id).await?;
    Ok((StatusCode::CREATED, Json(key)))
}

/// Revokes a key: every badge it signed stops passing.
#[utoipa::path(post, path = "/editions/{id}/badges/keys/{key_id}/revoke", tag = "badges",
    params(("id" = i64, Path, description = "Edition id"),
           ("key_id" = i64, Path, description = "Key id")),
    responses(
        (status = 200, body = KeyView),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
    ))]
pub async fn revoke_key(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, key_id)): Path<(i64, i64)>,
) -> Result<Json<KeyView>, ApiError> {
    caller.may(Operation::ManageBadgeKeys)?;
    Ok(Json(
        app::credentials::service::revoke_key(&state.db, &caller.actor(), edition_id, key_id)
            .await?,
    ))
}

/// Badges that no longer pass whatever their signature says, and the
/// revoked keys: with the public keys, what a device needs offline.
#[utoipa::path(get, path = "/editions/{id}/badges/revocations", tag = "badges",
    params(("id" = i64, Path, description = "Edition id")),
    responses(
        (status = 200, body = RevocationList),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
    ))]
pub async fn revocations(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
) -> Result<Json<RevocationList>, ApiError> {
    caller.may(Operation::VerifyBadges)?;
    Ok(Json(service::revocations(&state.db, edition_id).await?))
}

/// Whether a badge code passes at this edition, and why not.
#[utoipa::path(post, path = "/editions/{id}/badges/verify", tag = "badges",
    params(("id" = i64, Path, description = "Edition id")),
    request_body = VerifyRequest,
    responses(
        (status = 200, body = Verification),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody),
    ))]
pub async fn verify(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
    body: Result<Json<VerifyRequest>, JsonRejection>,
) -> Result<Json<Verification>, ApiError> {
    caller.may(Operation::VerifyBadges)?;
    let Json(body) = body?;
    Ok(Json(
        service::verify(&state.db, Some(edition_id), &body.code).await?,
    ))
}
