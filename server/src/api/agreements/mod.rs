//! `/api/v1/agreement-templates`, `/api/v1/agreements`,
//! `/api/v1/initiatives`, `/api/v1/follow-up` and the edition's signing
//! ceremony and outcome report: follow-up coordinators and organizers.
//! `/api/v1/my/activities`: a party's contact, their own agreements'
//! activities only.

use app::agreements::cache::DashboardCache;
use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use http::header::{CACHE_CONTROL, CONTENT_TYPE};

use app::agreements::service::activities::today;
use app::agreements::service::{
    activities, drafting, plans, reminders, report, signing, templates, versions,
};
use app::agreements::types::{
    ActivityInput, ActivityView, AgreementFilter, AgreementInput, AgreementSummary, AgreementView,
    Ceremony, CommentInput, CommentView, Comparison, Dashboard, DraftInput, InitiativeInput,
    InitiativeView, MoveInput, NoteInput, OutcomeReport, SigningInput, TemplateInput, TemplateView,
    TextInput, VersionText, VersionView,
};
use app::auth::domain::Operation;
use app::state::AppState;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::reader::{LanguageQuery, ReaderLanguage};

mod follow_up;

use super::{ApiError, Caller, ErrorBody, download, paged_response, private};

/// The routes this file serves, each with its OpenAPI entry (relative to
/// `/api/v1`).
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(follow_up::routes())
        .routes(routes!(list_templates, create_template))
        .routes(routes!(get_template, update_template, delete_template))
        .routes(routes!(list, create))
        .routes(routes!(get, update))
        .routes(routes!(save_text))
        .routes(routes!(move_status))
        .routes(routes!(sign))
        .routes(routes!(versions))
        .routes(routes!(version_text))
        .routes(routes!(comments, add_comment))
        .routes(routes!(compare))
        .routes(routes!(contact_link))
        .routes(routes!(agreement_pdf))
}

/// Every template, by name.
#[utoipa::path(get, path = "/agreement-templates", tag = "agreements",
    responses((status = 200, body = Vec<TemplateView>), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody)))]
pub async fn list_templates(
    caller: Caller,
    State(state): State<AppState>,
) -> Result<Json<Vec<TemplateView>>, ApiError> {
    caller.may(Operation::ViewAgreements)?;
    Ok(Json(templates::list(&state.db).await?))
}

/// Adds a template: clauses in English and `language_b`, with typed
/// placeholders such as `{{party:first}}`, `{{date:start}}`,
/// `{{amount:fund}}`, `{{text:purpose}}`; `texts` gives the clauses in
/// more languages (one text per clause, with its placeholders).
#[utoipa::path(post, path = "/agreement-templates", tag = "agreements",
    request_body = TemplateInput,
    responses((status = 201, body = TemplateView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_template(
    caller: Caller,
    State(state): State<AppState>,
    body: Result<Json<TemplateInput>, JsonRejection>,
) -> Result<(StatusCode, Json<TemplateView>), ApiError> {
    caller.may(Operation::KeepAgreements)?;
    let Json(body) = body?;
    let view = templates::create(&state.db, &caller.actor(), body).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

#[utoipa::path(get, path = "/agreement-templates/{id}", tag = "agreements",
    params(("id" = i64, Path, description = "Template id")),
    responses((status = 200, body = TemplateView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_template(
    caller: Caller,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<TemplateView>, ApiError> {
    caller.may(Operation::ViewAgreements)?;
    Ok(Json(templates::get(&state.db, id).await?))
}

/// Saves a template; `version` as read.
#[utoipa::path(put, path = "/agreement-templates/{id}", tag = "agreements",
    params(("id" = i64, Path, description = "Template id")), request_body = TemplateInput,
    responses((status = 200, body = TemplateView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "edited_meanwhile", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn update_template(
    caller: Caller,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    body: Result<Json<TemplateInput>, JsonRejection>,
) -> Result<Json<TemplateView>, ApiError> {
    caller.may(Operation::KeepAgreements)?;
    let Json(body) = body?;
    Ok(Json(
        templates::update(&state.db, &caller.actor(), id, body).await?,
    ))
}

/// Deletes a template; agreements drafted from it keep their text.
#[utoipa::path(delete, path = "/agreement-templates/{id}", tag = "agreements",
    params(("id" = i64, Path, description = "Template id")),
    responses((status = 204), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete_template(
    caller: Caller,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    caller.may(Operation::KeepAgreements)?;
    templates::delete(&state.db, &caller.actor(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Agreements, most recently changed first, 50 a page (`X-Total-Count`,
/// `Link`).
#[utoipa::path(get, path = "/agreements", tag = "agreements",
    params(AgreementFilter),
    responses((status = 200, body = Vec<AgreementSummary>), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list(
    caller: Caller,
    State(state): State<AppState>,
    uri: http::Uri,
    query: Result<Query<AgreementFilter>, QueryRejection>,
) -> Result<Response, ApiError> {
    caller.may(Operation::ViewAgreements)?;
    let Query(filter) = query?;
    let paged = drafting::list(&state.db, &filter).await?;
    Ok(paged_response(&uri, paged))
}

/// Drafts an agreement: from a template (`values` gives every
/// placeholder: a party's position, `YYYY-MM-DD`, `CNY 500000`, text;
/// `language_a` and `language_b` any two of the template's `languages`,
/// by default English and its own second) or blank (any two languages).
#[utoipa::path(post, path = "/agreements", tag = "agreements",
    request_body = DraftInput,
    responses((status = 201, body = AgreementView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    caller: Caller,
    State(state): State<AppState>,
    body: Result<Json<DraftInput>, JsonRejection>,
) -> Result<(StatusCode, Json<AgreementView>), ApiError> {
    caller.may(Operation::KeepAgreements)?;
    let Json(body) = body?;
    let view = drafting::create(&state.db, &caller.actor(), body).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

#[utoipa::path(get, path = "/agreements/{id}", tag = "agreements",
    params(("id" = i64, Path, description = "Agreement id")),
    responses((status = 200, body = AgreementView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    caller: Caller,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<AgreementView>, ApiError> {
    caller.may(Operation::ViewAgreements)?;
    Ok(Json(drafting::get(&state.db, id).await?))
}

/// Saves the particulars (committee, sector, edition, initiative,
/// ceremony session, parties); `version` as read. Parties keep their
/// `id`; after the signing only their contacts may change.
#[utoipa::path(put, path = "/agreements/{id}", tag = "agreements",
    params(("id" = i64, Path, description = "Agreement id")), request_body = AgreementInput,
    responses((status = 200, body = AgreementView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "edited_meanwhile, signatories_frozen, party_in_use", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn update(
    caller: Caller,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    body: Result<Json<AgreementInput>, JsonRejection>,
) -> Result<Json<AgreementView>, ApiError> {
    caller.may(Operation::KeepAgreements)?;
    let Json(body) = body?;
    Ok(Json(
        drafting::update(&state.db, &caller.actor(), id, body).await?,
    ))
}

/// Saves a revision of the text as the next version; `base_version` is
/// the version it was edited from.
#[utoipa::path(put, path = "/agreements/{id}/text", tag = "agreements",
    params(("id" = i64, Path, description = "Agreement id")), request_body = TextInput,
    responses((status = 200, body = AgreementView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "edited_meanwhile, text_frozen", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn save_text(
    caller: Caller,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    body: Result<Json<TextInput>, JsonRejection>,
) -> Result<Json<AgreementView>, ApiError> {
    caller.may(Operation::KeepAgreements)?;
    let Json(body) = body?;
    Ok(Json(
        drafting::save_text(&state.db, &caller.actor(), id, body).await?,
    ))
}

/// Moves the agreement to another status (only the allowed moves; the
/// signing is recorded with `POST …/signing`).
#[utoipa::path(post, path = "/agreements/{id}/status", tag = "agreements",
    params(("id" = i64, Path, description = "Agreement id")), request_body = MoveInput,
    responses((status = 200, body = AgreementView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "transition_not_allowed, sign_with_signing, parties_incomplete, placeholders_left, too_few_parties, edited_meanwhile", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn move_status(
    caller: Caller,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    body: Result<Json<MoveInput>, JsonRejection>,
) -> Result<Json<AgreementView>, ApiError> {
    caller.may(Operation::KeepAgreements)?;
    let Json(body) = body?;
    Ok(Json(
        signing::move_to(&state.db, &caller.actor(), id, body).await?,
    ))
}

/// Records the signing of an agreement ready to sign: edition, day,
/// place, session, signatories. Its text is frozen from then on.
#[utoipa::path(post, path = "/agreements/{id}/signing", tag = "agreements",
    params(("id" = i64, Path, description = "Agreement id")), request_body = SigningInput,
    responses((status = 200, body = AgreementView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "transition_not_allowed, edited_meanwhile", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn sign(
    caller: Caller,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    body: Result<Json<SigningInput>, JsonRejection>,
) -> Result<Json<AgreementView>, ApiError> {
    caller.may(Operation::KeepAgreements)?;
    let Json(body) = body?;
    Ok(Json(
        signing::sign(&state.db, &caller.actor(), id, body).await?,
    ))
}

/// Every version, the latest first.
#[utoipa::path(get, path = "/agreements/{id}/versions", tag = "agreements",
    params(("id" = i64, Path, description = "Agreement id")),
    responses((status = 200, body = Vec<VersionView>), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn versions(
    caller: Caller,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<Vec<VersionView>>, ApiError> {
    caller.may(Operation::ViewAgreements)?;
    Ok(Json(versions::versions(&state.db, id).await?))
}

#[utoipa::path(get, path = "/agreements/{id}/versions/{number}", tag = "agreements",
    params(("id" = i64, Path, description = "Agreement id"),
           ("number" = i32, Path, description = "Version number")),
    responses((status = 200, body = VersionText), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn version_text(
    caller: Caller,
    State(state): State<AppState>,
    Path((id, number)): Path<(i64, i32)>,
) -> Result<Json<VersionText>, ApiError> {
    caller.may(Operation::ViewAgreements)?;
    Ok(Json(versions::version_text(&state.db, id, number).await?))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CompareQuery {
    pub from: i32,
    pub to: i32,
}

/// Two versions compared word by word, in each language.
#[utoipa::path(get, path = "/agreements/{id}/compare", tag = "agreements",
    params(("id" = i64, Path, description = "Agreement id"), CompareQuery),
    responses((status = 200, body = Comparison), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn compare(
    caller: Caller,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    query: Result<Query<CompareQuery>, QueryRejection>,
) -> Result<Json<Comparison>, ApiError> {
    caller.may(Operation::ViewAgreements)?;
    let Query(query) = query?;
    Ok(Json(
        versions::compare(&state.db, id, query.from, query.to).await?,
    ))
}

#[utoipa::path(get, path = "/agreements/{id}/versions/{number}/comments", tag = "agreements",
    params(("id" = i64, Path, description = "Agreement id"),
           ("number" = i32, Path, description = "Version number")),
    responses((status = 200, body = Vec<CommentView>), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn comments(
    caller: Caller,
    State(state): State<AppState>,
    Path((id, number)): Path<(i64, i32)>,
) -> Result<Json<Vec<CommentView>>, ApiError> {
    caller.may(Operation::ViewAgreements)?;
    Ok(Json(versions::comments(&state.db, id, number).await?))
}

#[utoipa::path(post, path = "/agreements/{id}/versions/{number}/comments", tag = "agreements",
    params(("id" = i64, Path, description = "Agreement id"),
           ("number" = i32, Path, description = "Version number")),
    request_body = CommentInput,
    responses((status = 201, body = CommentView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn add_comment(
    caller: Caller,
    State(state): State<AppState>,
    Path((id, number)): Path<(i64, i32)>,
    body: Result<Json<CommentInput>, JsonRejection>,
) -> Result<(StatusCode, Json<CommentView>), ApiError> {
    caller.may(Operation::ViewAgreements)?;
    let Json(body) = body?;
    let view = versions::add_comment(&state.db, &caller.actor(), id, number, body).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// Sends a party's contact a sign-in link to their agreements' activities.
#[utoipa::path(post, path = "/agreements/{id}/parties/{party_id}/contact-link", tag = "agreements",
    params(("id" = i64, Path, description = "Agreement id"),
           ("party_id" = i64, Path, description = "Party id")),
    responses((status = 202), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn contact_link(
    caller: Caller,
    State(state): State<AppState>,
    Path((id, party_id)): Path<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    caller.may(Operation::KeepAgreements)?;
    reminders::send_contact_link(
        &state.db,
        &caller.actor(),
        id,
        party_id,
        &state.public_url,
        &state.throttle,
    )
    .await?;
    Ok(StatusCode::ACCEPTED)
}

/// The agreement as a PDF: the two languages side by side, then the
/// signature page.
#[utoipa::path(get, path = "/agreements/{id}/agreement.pdf", tag = "agreements",
    params(("id" = i64, Path, description = "Agreement id")),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn agreement_pdf(
    caller: Caller,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    caller.may(Operation::ViewAgreements)?;
    let bytes = report::agreement_pdf(&state.db, id).await?;
    Ok(private(download(
        "application/pdf",
        &format!("agreement-{id}.pdf"),
        bytes,
    )))
}
