//! Delegate logistics, first part: each person's travel legs and travel
//! document. Registrars and organizers reach everyone's under the
//! edition; a person (or their head of delegation) reaches their own
//! under `/my`, where legs are requests and the passport is given but
//! never read back whole.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use http::StatusCode;

use app::auth::domain::Operation;
use app::logistics::service::{self, Access};
use app::logistics::types::{DocumentInput, DocumentOnFile, LegInput, LegView, TravelView};
use app::registration::entity::registration;
use app::state::AppState;
use app::throttle::Limit;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{ApiError, Caller, ErrorBody};

/// The routes this file serves, each with its OpenAPI entry (relative to
/// `/api/v1`).
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(travel))
        .routes(routes!(add_leg))
        .routes(routes!(change_leg, delete_leg))
        .routes(routes!(save_document))
        .routes(routes!(my_travel))
        .routes(routes!(my_add_leg))
        .routes(routes!(my_change_leg, my_delete_leg))
        .routes(routes!(my_save_document))
}

/// The person a staff route names, and a staff caller.
async fn staff_reach(
    caller: &Caller,
    state: &AppState,
    edition_id: i64,
    registration_id: i64,
) -> Result<registration::Model, ApiError> {
    caller.may(Operation::ReviewRegistrations)?;
    Ok(app::registration::service::registration_in(&state.db, edition_id, registration_id).await?)
}

/// The person a `/my` route names, if they are the caller or of the
/// delegation the caller heads (else 404, as for no one).
async fn own_reach(
    caller: &Caller,
    state: &AppState,
    registration_id: i64,
) -> Result<registration::Model, ApiError> {
    caller.may(Operation::ManageOwnRegistration)?;
    let (person, _) =
        app::registration::service::owned(&state.db, &caller.0.email, registration_id).await?;
    Ok(person)
}

/// As `own_reach`, for a change: counted against the caller's account
/// (each writes an audit entry), once the person is known to be theirs.
async fn own_change(
    caller: &Caller,
    state: &AppState,
    registration_id: i64,
) -> Result<registration::Model, ApiError> {
    let person = own_reach(caller, state, registration_id).await?;
    state
        .throttle
        .check_name(Limit::TravelChangesByAccount, &caller.0.email)?;
    Ok(person)
}

/// One person's legs (by time), passport and warnings.
#[utoipa::path(get, path = "/editions/{id}/registrations/{registration_id}/travel", tag = "logistics",
    params(("id" = i64, Path, description = "Edition id"),
           ("registration_id" = i64, Path, description = "Registration id")),
    responses((status = 200, body = TravelView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn travel(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, registration_id)): Path<(i64, i64)>,
) -> Result<Json<TravelView>, ApiError> {
    let person = staff_reach(&caller, &state, edition_id, registration_id).await?;
    Ok(Json(
        service::travel(&state.db, &person, Access::Staff).await?,
    ))
}

/// Adds a leg; `confirmed: true` records a booking.
#[utoipa::path(post, path = "/editions/{id}/registrations/{registration_id}/travel/legs", tag = "logistics",
    params(("id" = i64, Path, description = "Edition id"),
           ("registration_id" = i64, Path, description = "Registration id")),
    request_body = LegInput,
    responses((status = 201, body = LegView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, description = "e.g. place: required, scheduled_at: date_out_of_range, legs: too_many", body = ErrorBody)))]
pub async fn add_leg(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, registration_id)): Path<(i64, i64)>,
    body: Result<Json<LegInput>, JsonRejection>,
) -> Result<(StatusCode, Json<LegView>), ApiError> {
    let person = staff_reach(&caller, &state, edition_id, registration_id).await?;
    let Json(body) = body?;
    let leg = service::save_leg(
        &state.db,
        &caller.actor(),
        &person,
        None,
        body,
        Access::Staff,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(leg)))
}

/// Changes a leg (books it with `confirmed: true`).
#[utoipa::path(put, path = "/editions/{id}/registrations/{registration_id}/travel/legs/{leg_id}", tag = "logistics",
    params(("id" = i64, Path, description = "Edition id"),
           ("registration_id" = i64, Path, description = "Registration id"),
           ("leg_id" = i64, Path, description = "Leg id")),
    request_body = LegInput,
    responses((status = 200, body = LegView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn change_leg(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, registration_id, leg_id)): Path<(i64, i64, i64)>,
    body: Result<Json<LegInput>, JsonRejection>,
) -> Result<Json<LegView>, ApiError> {
    let person = staff_reach(&caller, &state, edition_id, registration_id).await?;
    let Json(body) = body?;
    Ok(Json(
        service::save_leg(
            &state.db,
            &caller.actor(),
            &person,
            Some(leg_id),
            body,
            Access::Staff,
        )
        .await?,
    ))
}

#[utoipa::path(delete, path = "/editions/{id}/registrations/{registration_id}/travel/legs/{leg_id}", tag = "logistics",
    params(("id" = i64, Path, description = "Edition id"),
           ("registration_id" = i64, Path, description = "Registration id"),
           ("leg_id" = i64, Path, description = "Leg id")),
    responses((status = 204), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete_leg(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, registration_id, leg_id)): Path<(i64, i64, i64)>,
) -> Result<StatusCode, ApiError> {
    let person = staff_reach(&caller, &state, edition_id, registration_id).await?;
    service::delete_leg(&state.db, &caller.actor(), &person, leg_id, Access::Staff).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Keeps the person's passport (replacing any before).
#[utoipa::path(put, path = "/editions/{id}/registrations/{registration_id}/travel/document", tag = "logistics",
    params(("id" = i64, Path, description = "Edition id"),
           ("registration_id" = i64, Path, description = "Registration id")),
    request_body = DocumentInput,
    responses((status = 200, body = DocumentOnFile), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, description = "e.g. passport_number: invalid_characters, nationality: invalid_country", body = ErrorBody)))]
pub async fn save_document(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, registration_id)): Path<(i64, i64)>,
    body: Result<Json<DocumentInput>, JsonRejection>,
) -> Result<Json<DocumentOnFile>, ApiError> {
    let person = staff_reach(&caller, &state, edition_id, registration_id).await?;
    let Json(body) = body?;
    let kept =
        service::save_document(&state.db, &caller.actor(), &person, body, Access::Staff).await?;
    Ok(Json(kept))
}

/// The caller's own (or their delegation member's) legs, warnings and
/// whether a passport is on file.
#[utoipa::path(get, path = "/my/registrations/{registration_id}/travel", tag = "logistics",
    params(("registration_id" = i64, Path, description = "Registration id")),
    responses((status = 200, body = TravelView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn my_travel(
    caller: Caller,
    State(state): State<AppState>,
    Path(registration_id): Path<i64>,
) -> Result<Json<TravelView>, ApiError> {
    let person = own_reach(&caller, &state, registration_id).await?;
    Ok(Json(
        service::travel(&state.db, &person, Access::Own).await?,
    ))
}

/// Asks for a leg (a request until the organizers book it).
#[utoipa::path(post, path = "/my/registrations/{registration_id}/travel/legs", tag = "logistics",
    params(("registration_id" = i64, Path, description = "Registration id")),
    request_body = LegInput,
    responses((status = 201, body = LegView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "registration_cancelled", body = ErrorBody),
        (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn my_add_leg(
    caller: Caller,
    State(state): State<AppState>,
    Path(registration_id): Path<i64>,
    body: Result<Json<LegInput>, JsonRejection>,
) -> Result<(StatusCode, Json<LegView>), ApiError> {
    let person = own_change(&caller, &state, registration_id).await?;
    let Json(body) = body?;
    let leg =
        service::save_leg(&state.db, &caller.actor(), &person, None, body, Access::Own).await?;
    Ok((StatusCode::CREATED, Json(leg)))
}

/// Changes a requested leg; a booked one answers 409 `leg_confirmed`.
#[utoipa::path(put, path = "/my/registrations/{registration_id}/travel/legs/{leg_id}", tag = "logistics",
    params(("registration_id" = i64, Path, description = "Registration id"),
           ("leg_id" = i64, Path, description = "Leg id")),
    request_body = LegInput,
    responses((status = 200, body = LegView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "leg_confirmed, registration_cancelled", body = ErrorBody),
        (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn my_change_leg(
    caller: Caller,
    State(state): State<AppState>,
    Path((registration_id, leg_id)): Path<(i64, i64)>,
    body: Result<Json<LegInput>, JsonRejection>,
) -> Result<Json<LegView>, ApiError> {
    let person = own_change(&caller, &state, registration_id).await?;
    let Json(body) = body?;
    Ok(Json(
        service::save_leg(
            &state.db,
            &caller.actor(),
            &person,
            Some(leg_id),
            body,
            Access::Own,
        )
        .await?,
    ))
}

#[utoipa::path(delete, path = "/my/registrations/{registration_id}/travel/legs/{leg_id}", tag = "logistics",
    params(("registration_id" = i64, Path, description = "Registration id"),
           ("leg_id" = i64, Path, description = "Leg id")),
    responses((status = 204), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "leg_confirmed, registration_cancelled", body = ErrorBody),
        (status = 429, body = ErrorBody)))]
pub async fn my_delete_leg(
    caller: Caller,
    State(state): State<AppState>,
    Path((registration_id, leg_id)): Path<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    let person = own_change(&caller, &state, registration_id).await?;
    service::delete_leg(&state.db, &caller.actor(), &person, leg_id, Access::Own).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Gives the passport the visa letter needs; only its last two
/// characters and expiry come back.
#[utoipa::path(put, path = "/my/registrations/{registration_id}/travel/document", tag = "logistics",
    params(("registration_id" = i64, Path, description = "Registration id")),
    request_body = DocumentInput,
    responses((status = 200, body = DocumentOnFile), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "registration_cancelled", body = ErrorBody),
        (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn my_save_document(
    caller: Caller,
    State(state): State<AppState>,
    Path(registration_id): Path<i64>,
    body: Result<Json<DocumentInput>, JsonRejection>,
) -> Result<Json<DocumentOnFile>, ApiError> {
    let person = own_change(&caller, &state, registration_id).await?;
    let Json(body) = body?;
    let kept =
        service::save_document(&state.db, &caller.actor(), &person, body, Access::Own).await?;
    Ok(Json(kept))
}
