//! `/api/v1/editions/{id}/registrations`

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use std::net::{IpAddr, Ipv4Addr};

use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::StatusCode;

use app::audit::Actor;
use app::auth::domain::{Operation, may};
use app::paging::PageRequest;
use app::registration::service;
use app::registration::types::{
    Category, Decision, DelegationForm, PersonForm, RegistrationFilter, RegistrationReceipt,
    RegistrationStatus, RegistrationView,
};
use app::state::AppState;
use app::throttle::{ClientAddress, Limit};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::reader::{LanguageQuery, ReaderLanguage};

use super::{ApiError, Caller, ErrorBody};

/// The routes this file serves, each with its OpenAPI entry (relative to
/// `/api/v1`).
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(export, import))
        .routes(routes!(get, patch))
        .routes(routes!(visa_letter))
}

/// A registration: the person registering and, optionally, the members of
/// their delegation, with their consent to the processing of their data.
#[derive(serde::Deserialize, utoipa::ToSchema)]
pub struct RegistrationBody {
    pub head: PersonForm,
    #[serde(default)]
    pub members: Vec<PersonForm>,
    /// The member city or institution the delegation represents (taken
    /// from the invitation when a code is given).
    pub member_id: Option<i64>,
    /// Required when the edition is invite-only.
    #[serde(default)]
    pub invitation_code: String,
    #[serde(default)]
    pub consent: bool,
}

/// Open to anyone while the edition's registration is open, as the public
/// registration page is. The public is answered 202 with how many people
/// the submission named, whatever their state: each person learns by
/// e-mail (a person registered already is told so, and left out), so the
/// answer reveals nobody's registration. Registrars and organizers (with
/// a token) get 201 with the registrations made, and 422 naming anyone
/// registered already.
#[utoipa::path(post, path = "/editions/{id}/registrations", tag = "registrations",
    params(("id" = i64, Path, description = "Edition id")),
    request_body = RegistrationBody,
    security((), ("bearer" = [])),
    responses(
        (status = 201, description = "Registrars and organizers: the registrations made", body = Vec<RegistrationView>),
        (status = 202, description = "The public: the submission is in", body = RegistrationReceipt),
        (status = 404, body = ErrorBody),
        (status = 409, description = "Registration is closed", body = ErrorBody),
        (status = 422, description = "Field errors, e.g. members.1.name_latin: required", body = ErrorBody),
        (status = 429, description = "Too many registrations from this address", body = ErrorBody),
    ))]
pub async fn create(
    caller: Option<Caller>,
    State(state): State<AppState>,
    client: Option<Extension<ClientAddress>>,
    Path(edition_id): Path<i64>,
    language: ReaderLanguage,
    body: Result<Json<RegistrationBody>, JsonRejection>,
) -> Result<Response, ApiError> {
    let staff = caller
        .map(|Caller(user)| user)
        .filter(|user| may(user.role, Operation::ReviewRegistrations));
    // The public's registrations count against its address, as on the
    // form; registrars' bulk tools do not.
    if staff.is_none() {
        let address = client.map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |Extension(c)| c.0);
        state
            .throttle
            .check_address(Limit::RegistrationFromAddress, address)?;
    }
    let Json(body) = body?;
    let form = DelegationForm {
        head: body.head,
        members: body.members,
        member_id: body.member_id,
        invitation_code: body.invitation_code,
        consent: body.consent,
    }
    .languages_else(app::locale::code(language.reader));
    let actor = staff.as_ref().map_or_else(Actor::public, Actor::user);
    let submitted =
        service::submit_delegation(&state.db, &actor, edition_id, &form, &state.public_url).await?;
    Ok(match staff {
        Some(_) => (StatusCode::CREATED, Json(submitted.created)).into_response(),
        None => (StatusCode::ACCEPTED, Json(submitted.receipt())).into_response(),
    })
}

/// Filters of the review queue.
#[derive(serde::Deserialize, utoipa::IntoParams)]
pub struct ListQuery {
    pub status: Option<RegistrationStatus>,
    pub category: Option<Category>,
    /// Part of a native or Latin name, organization or e-mail; case and
    /// accents are ignored.
    pub q: Option<String>,
}

impl From<ListQuery> for RegistrationFilter {
    fn from(query: ListQuery) -> Self {
        RegistrationFilter {
            status: query.status,
            category: query.category,
            q: query.q,
        }
    }
}

/// One page of the registrations, oldest first (`page` from 1,
/// `per_page` up to 500, 50 by default). `X-Total-Count` tells how many
/// match in all; `Link` names the next and previous pages.
#[utoipa::path(get, path = "/editions/{id}/registrations", tag = "registrations",
    params(("id" = i64, Path, description = "Edition id"), ListQuery, PageRequest),
    responses(
        (status = 200, body = Vec<RegistrationView>, headers(
            ("X-Total-Count" = u64, description = "Registrations matching, on all pages"),
            ("Link" = String, description = "rel=next and rel=prev page addresses"),
        )),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
    ))]
pub async fn list(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
    query: Result<Query<ListQuery>, QueryRejection>,
    page: Result<Query<PageRequest>, QueryRejection>,
    uri: http::Uri,
) -> Result<Response, ApiError> {
    caller.may(Operation::ReviewRegistrations)?;
    let Query(query) = query?;
    let Query(page) = page?;
    let filter = RegistrationFilter::from(query);
    let paged = service::page_of_registrations(&state.db, edition_id, &filter, page).await?;
    Ok(super::paged_response(&uri, paged))
}

#[utoipa::path(get, path = "/editions/{id}/registrations/{registration_id}", tag = "registrations",
    params(("id" = i64, Path, description = "Edition id"),
           ("registration_id" = i64, Path, description = "Registration id")),
    responses(
        (status = 200, body = RegistrationView),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
    ))]
pub async fn get(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, id)): Path<(i64, i64)>,
) -> Result<Json<RegistrationView>, ApiError> {
    caller.may(Operation::ReviewRegistrations)?;
    Ok(Json(
        service::get_registration(&state.db, edition_id, id).await?,
    ))
}

/// A registrar's decision on one registration.
#[derive(serde::Deserialize, utoipa::ToSchema)]
pub struct StatusBody {
    pub decision: Decision,
    /// Required for `decline`: the delegate reads it.
    #[serde(default)]
    pub reason: String,
}

/// Approves, waitlists or declines; the person is told by e-mail.
#[utoipa::path(patch, path = "/editions/{id}/registrations/{registration_id}", tag = "registrations",
    params(("id" = i64, Path, description = "Edition id"),
           ("registration_id" = i64, Path, description = "Registration id")),
    request_body = StatusBody,
    responses(
        (status = 200, body = RegistrationView),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, description = "e.g. reason: required, registrations.7: category_full", body = ErrorBody),
    ))]
pub async fn patch(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, id)): Path<(i64, i64)>,
    body: Result<Json<StatusBody>, JsonRejection>,
) -> Result<Json<RegistrationView>, ApiError> {
    caller.may(Operation::ReviewRegistrations)?;
    let Json(body) = body?;
    let mut decided = service::decide(
        &state.db,
        &caller.actor(),
        edition_id,
        &[id],
        body.decision,
        &body.reason,
        &state.public_url,
    )
    .await?;
    Ok(Json(
        decided
            .pop()
            .ok_or(ApiError(app::error::AppError::Internal))?,
    ))
}

/// The registrations as CSV (UTF-8 with a byte order mark, so that
/// spreadsheets show every script). Takes the list's filters.
#[utoipa::path(get, path = "/editions/{id}/registrations.csv", tag = "registrations",
    params(("id" = i64, Path, description = "Edition id"), ListQuery),
    responses(
        (status = 200, content_type = "text/csv", body = String),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
    ))]
pub async fn export(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    caller.may(Operation::ReviewRegistrations)?;
    let Query(query) = query?;
    let filter = RegistrationFilter::from(query);
    let bytes = service::export_csv(&state.db, edition_id, &filter).await?;
    Ok(super::download(
        "text/csv; charset=utf-8",
        &format!("registrations-{edition_id}.csv"),
        bytes,
    ))
}

/// How many were imported.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ImportResult {
    pub imported: usize,
}

/// Imports invited delegates from a CSV body (columns by header name:
/// name_latin, email, category required; member, honorific, name_native,
/// position, organization, phone, languages, interpretation, dietary,
/// access, arrival, departure optional). All rows or none: errors come as
/// `line.N.field`.
#[utoipa::path(post, path = "/editions/{id}/registrations.csv", tag = "registrations",
    params(("id" = i64, Path, description = "Edition id")),
    request_body(content = String, content_type = "text/csv"),
    responses(
        (status = 201, body = ImportResult),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 422, description = "e.g. line.3.email: invalid_email", body = ErrorBody),
    ))]
pub async fn import(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
    body: String,
) -> Result<(StatusCode, Json<ImportResult>), ApiError> {
    caller.may(Operation::ReviewRegistrations)?;
    let imported = service::import_invited(
        &state.db,
        &caller.actor(),
        edition_id,
        &body,
        &state.public_url,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(ImportResult { imported })))
}

/// The visa invitation letter (PDF) of an approved registration: for
/// registrars and organizers, and for the person themself or the head of
/// their delegation (signed in through their e-mailed link).
#[utoipa::path(get, path = "/editions/{id}/registrations/{registration_id}/visa-letter.pdf", tag = "registrations",
    params(("id" = i64, Path, description = "Edition id"),
           ("registration_id" = i64, Path, description = "Registration id"),
           LanguageQuery),
    responses(
        (status = 200, content_type = "application/pdf", body = Vec<u8>),
        (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "Not approved", body = ErrorBody),
    ))]
pub async fn visa_letter(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, id)): Path<(i64, i64)>,
    language: ReaderLanguage,
) -> Result<Response, ApiError> {
    // In English unless asked otherwise: the letter is for a consulate.
    let locale = language.asked.unwrap_or(app::registration::LETTER_LANGUAGE);
    let (file, pdf) = if caller.may(Operation::ReviewRegistrations).is_ok() {
        service::visa_letter_for_staff(&state.db, edition_id, id, locale).await?
    } else {
        caller.may(Operation::ManageOwnRegistration)?;
        service::visa_letter_for_owner(&state.db, &caller.0.email, edition_id, id, locale).await?
    };
    Ok(super::download("application/pdf", &file, pdf))
}
