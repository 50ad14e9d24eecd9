//! `/api/v1/editions/{id}/registrations`

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use http::StatusCode;
use sea_orm::DatabaseConnection;

use app::auth::domain::Operation;
use app::registration::domain::parse_delegation;
use app::registration::service::{list_registrations, register_delegation};
use app::registration::types::{PersonForm, RegistrationView};

use super::{ApiError, Caller, ErrorBody};

/// A registration: the person registering and, optionally, the members of
/// their delegation, with their consent to the processing of their data.
#[derive(serde::Deserialize, utoipa::ToSchema)]
pub struct RegistrationBody {
    pub head: PersonForm,
    #[serde(default)]
    pub members: Vec<PersonForm>,
    /// The member city or institution the delegation represents.
    pub member_id: Option<i64>,
    #[serde(default)]
    pub consent: bool,
}

/// Open to anyone while the edition's registration is open, as the public
/// registration page is.
#[utoipa::path(post, path = "/api/v1/editions/{id}/registrations", tag = "registrations",
    params(("id" = i64, Path, description = "Edition id")),
    request_body = RegistrationBody,
    security(()),
    responses(
        (status = 201, body = Vec<RegistrationView>),
        (status = 404, body = ErrorBody),
        (status = 409, description = "Registration is closed", body = ErrorBody),
        (status = 422, description = "Field errors, e.g. members.1.email: already_registered", body = ErrorBody),
    ))]
pub async fn create(
    State(db): State<DatabaseConnection>,
    Path(edition_id): Path<i64>,
    body: Result<Json<RegistrationBody>, JsonRejection>,
) -> Result<(StatusCode, Json<Vec<RegistrationView>>), ApiError> {
    let Json(body) = body?;
    let delegation = parse_delegation(&body.head, &body.members, body.consent, None)?;
    let created = register_delegation(&db, edition_id, body.member_id, delegation).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

#[utoipa::path(get, path = "/api/v1/editions/{id}/registrations", tag = "registrations",
    params(("id" = i64, Path, description = "Edition id")),
    responses(
        (status = 200, body = Vec<RegistrationView>),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
    ))]
pub async fn list(
    caller: Caller,
    State(db): State<DatabaseConnection>,
    Path(edition_id): Path<i64>,
) -> Result<Json<Vec<RegistrationView>>, ApiError> {
    caller.may(Operation::ReviewRegistrations)?;
    Ok(Json(list_registrations(&db, edition_id).await?))
}
