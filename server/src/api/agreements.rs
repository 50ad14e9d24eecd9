//! `/api/v1/agreement-templates`, `/api/v1/agreements`,
//! `/api/v1/initiatives`, `/api/v1/follow-up` and the edition's signing
//! ceremony and outcome report: follow-up coordinators and organizers.
//! `/api/v1/my/activities`: a party's contact, their own agreements'
//! activities only.

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use http::header::{CACHE_CONTROL, CONTENT_TYPE};

use app::agreements::service::activities::today;
use app::agreements::service::{
    activities, drafting, plans, reminders, report, signing, templates,
};
use app::agreements::types::{
    ActivityInput, ActivityView, AgreementFilter, AgreementInput, AgreementSummary, AgreementView,
    Ceremony, CommentInput, CommentView, Comparison, Dashboard, DraftInput, InitiativeInput,
    InitiativeView, MoveInput, NoteInput, OutcomeReport, SigningInput, TemplateInput, TemplateView,
    TextInput, VersionText, VersionView,
};
use app::audit::Actor;
use app::auth::domain::Operation;
use app::state::AppState;

use super::{ApiError, Caller, ErrorBody, download, paged_response, private};

fn actor(caller: &Caller) -> Actor {
    Actor::user(&caller.0)
}

/// Every template, by name.
#[utoipa::path(get, path = "/api/v1/agreement-templates", tag = "agreements",
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
/// `{{amount:fund}}`, `{{text:purpose}}`.
#[utoipa::path(post, path = "/api/v1/agreement-templates", tag = "agreements",
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
    let view = templates::create(&state.db, &actor(&caller), body).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

#[utoipa::path(get, path = "/api/v1/agreement-templates/{id}", tag = "agreements",
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
#[utoipa::path(put, path = "/api/v1/agreement-templates/{id}", tag = "agreements",
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
        templates::update(&state.db, &actor(&caller), id, body).await?,
    ))
}

/// Deletes a template; agreements drafted from it keep their text.
#[utoipa::path(delete, path = "/api/v1/agreement-templates/{id}", tag = "agreements",
    params(("id" = i64, Path, description = "Template id")),
    responses((status = 204), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete_template(
    caller: Caller,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    caller.may(Operation::KeepAgreements)?;
    templates::delete(&state.db, &actor(&caller), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Agreements, most recently changed first, 50 a page (`X-Total-Count`,
/// `Link`).
#[utoipa::path(get, path = "/api/v1/agreements", tag = "agreements",
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
/// placeholder: a party's position, `YYYY-MM-DD`, `CNY 500000`, text) or
/// blank (`language_b` then).
#[utoipa::path(post, path = "/api/v1/agreements", tag = "agreements",
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
    let view = drafting::create(&state.db, &actor(&caller), body).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

#[utoipa::path(get, path = "/api/v1/agreements/{id}", tag = "agreements",
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
#[utoipa::path(put, path = "/api/v1/agreements/{id}", tag = "agreements",
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
        drafting::update(&state.db, &actor(&caller), id, body).await?,
    ))
}

/// Saves a revision of the text as the next version; `base_version` is
/// the version it was edited from.
#[utoipa::path(put, path = "/api/v1/agreements/{id}/text", tag = "agreements",
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
        drafting::save_text(&state.db, &actor(&caller), id, body).await?,
    ))
}

/// Moves the agreement to another status (only the allowed moves; the
/// signing is recorded with `POST …/signing`).
#[utoipa::path(post, path = "/api/v1/agreements/{id}/status", tag = "agreements",
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
        signing::move_to(&state.db, &actor(&caller), id, body).await?,
    ))
}

/// Records the signing of an agreement ready to sign: edition, day,
/// place, session, signatories. Its text is frozen from then on.
#[utoipa::path(post, path = "/api/v1/agreements/{id}/signing", tag = "agreements",
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
        signing::sign(&state.db, &actor(&caller), id, body).await?,
    ))
}

/// Every version, the latest first.
#[utoipa::path(get, path = "/api/v1/agreements/{id}/versions", tag = "agreements",
    params(("id" = i64, Path, description = "Agreement id")),
    responses((status = 200, body = Vec<VersionView>), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn versions(
    caller: Caller,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<Vec<VersionView>>, ApiError> {
    caller.may(Operation::ViewAgreements)?;
    Ok(Json(drafting::versions(&state.db, id).await?))
}

#[utoipa::path(get, path = "/api/v1/agreements/{id}/versions/{number}", tag = "agreements",
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
    Ok(Json(drafting::version_text(&state.db, id, number).await?))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CompareQuery {
    pub from: i32,
    pub to: i32,
}

/// Two versions compared word by word, in each language.
#[utoipa::path(get, path = "/api/v1/agreements/{id}/compare", tag = "agreements",
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
        drafting::compare(&state.db, id, query.from, query.to).await?,
    ))
}

#[utoipa::path(get, path = "/api/v1/agreements/{id}/versions/{number}/comments", tag = "agreements",
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
    Ok(Json(drafting::comments(&state.db, id, number).await?))
}

#[utoipa::path(post, path = "/api/v1/agreements/{id}/versions/{number}/comments", tag = "agreements",
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
    let view = drafting::add_comment(&state.db, &actor(&caller), id, number, body).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// Sends a party's contact a sign-in link to their agreements' activities.
#[utoipa::path(post, path = "/api/v1/agreements/{id}/parties/{party_id}/contact-link", tag = "agreements",
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
        &actor(&caller),
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
#[utoipa::path(get, path = "/api/v1/agreements/{id}/agreement.pdf", tag = "agreements",
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

/// The agreement's follow-up activities, by due date.
#[utoipa::path(get, path = "/api/v1/agreements/{id}/activities", tag = "agreements",
    params(("id" = i64, Path, description = "Agreement id")),
    responses((status = 200, body = Vec<ActivityView>), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list_activities(
    caller: Caller,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<Vec<ActivityView>>, ApiError> {
    caller.may(Operation::ViewAgreements)?;
    Ok(Json(activities::list(&state.db, id).await?))
}

/// Plans an activity of a signed agreement.
#[utoipa::path(post, path = "/api/v1/agreements/{id}/activities", tag = "agreements",
    params(("id" = i64, Path, description = "Agreement id")), request_body = ActivityInput,
    responses((status = 201, body = ActivityView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "not_signed_yet", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn create_activity(
    caller: Caller,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    body: Result<Json<ActivityInput>, JsonRejection>,
) -> Result<(StatusCode, Json<ActivityView>), ApiError> {
    caller.may(Operation::KeepAgreements)?;
    let Json(body) = body?;
    let view = activities::create(&state.db, &actor(&caller), id, body).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

#[utoipa::path(get, path = "/api/v1/agreements/{id}/activities/{activity_id}", tag = "agreements",
    params(("id" = i64, Path, description = "Agreement id"),
           ("activity_id" = i64, Path, description = "Activity id")),
    responses((status = 200, body = ActivityView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_activity(
    caller: Caller,
    State(state): State<AppState>,
    Path((id, activity_id)): Path<(i64, i64)>,
) -> Result<Json<ActivityView>, ApiError> {
    caller.may(Operation::ViewAgreements)?;
    Ok(Json(activities::get(&state.db, id, activity_id).await?))
}

/// Saves an activity; `version` as read.
#[utoipa::path(put, path = "/api/v1/agreements/{id}/activities/{activity_id}", tag = "agreements",
    params(("id" = i64, Path, description = "Agreement id"),
           ("activity_id" = i64, Path, description = "Activity id")),
    request_body = ActivityInput,
    responses((status = 200, body = ActivityView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "edited_meanwhile", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn update_activity(
    caller: Caller,
    State(state): State<AppState>,
    Path((id, activity_id)): Path<(i64, i64)>,
    body: Result<Json<ActivityInput>, JsonRejection>,
) -> Result<Json<ActivityView>, ApiError> {
    caller.may(Operation::KeepAgreements)?;
    let Json(body) = body?;
    Ok(Json(
        activities::update(&state.db, &actor(&caller), id, activity_id, body).await?,
    ))
}

/// Adds a progress note (and, with `status`, moves the activity).
#[utoipa::path(post, path = "/api/v1/agreements/{id}/activities/{activity_id}/notes", tag = "agreements",
    params(("id" = i64, Path, description = "Agreement id"),
           ("activity_id" = i64, Path, description = "Activity id")),
    request_body = NoteInput,
    responses((status = 201, body = ActivityView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "edited_meanwhile", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn add_note(
    caller: Caller,
    State(state): State<AppState>,
    Path((id, activity_id)): Path<(i64, i64)>,
    body: Result<Json<NoteInput>, JsonRejection>,
) -> Result<(StatusCode, Json<ActivityView>), ApiError> {
    caller.may(Operation::KeepAgreements)?;
    let Json(body) = body?;
    let view = activities::add_note(&state.db, &actor(&caller), id, activity_id, body).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// The activities of the agreements the caller is a party's contact for.
#[utoipa::path(get, path = "/api/v1/my/activities", tag = "agreements",
    responses((status = 200, body = Vec<ActivityView>), (status = 401, body = ErrorBody)))]
pub async fn my_activities(
    caller: Caller,
    State(state): State<AppState>,
) -> Result<Json<Vec<ActivityView>>, ApiError> {
    caller.may(Operation::UpdateOwnActivities)?;
    Ok(Json(activities::own(&state.db, &caller.0.email).await?))
}

/// A progress note on one of the caller's activities (someone else's is
/// 404).
#[utoipa::path(post, path = "/api/v1/my/activities/{activity_id}/notes", tag = "agreements",
    params(("activity_id" = i64, Path, description = "Activity id")),
    request_body = NoteInput,
    responses((status = 201, body = ActivityView), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "activity_closed, edited_meanwhile", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn my_note(
    caller: Caller,
    State(state): State<AppState>,
    Path(activity_id): Path<i64>,
    body: Result<Json<NoteInput>, JsonRejection>,
) -> Result<(StatusCode, Json<ActivityView>), ApiError> {
    caller.may(Operation::UpdateOwnActivities)?;
    let Json(body) = body?;
    let view = activities::add_own_note(
        &state.db,
        &actor(&caller),
        &caller.0.email,
        activity_id,
        body,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// The follow-up dashboard: overdue, due in the next 30 days, by
/// committee, by party, by edition.
#[utoipa::path(get, path = "/api/v1/follow-up", tag = "agreements",
    responses((status = 200, body = Dashboard), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody)))]
pub async fn dashboard(
    caller: Caller,
    State(state): State<AppState>,
) -> Result<Json<Dashboard>, ApiError> {
    caller.may(Operation::ViewAgreements)?;
    let dashboard = state.follow_up.dashboard(&state.db, today()).await?;
    Ok(Json(dashboard.as_ref().clone()))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PlanQuery {
    pub committee_id: Option<i64>,
    pub year: Option<i32>,
}

/// Committees' initiatives (their action plans), with the agreements
/// that serve each.
#[utoipa::path(get, path = "/api/v1/initiatives", tag = "agreements",
    params(PlanQuery),
    responses((status = 200, body = Vec<InitiativeView>), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list_initiatives(
    caller: Caller,
    State(state): State<AppState>,
    query: Result<Query<PlanQuery>, QueryRejection>,
) -> Result<Json<Vec<InitiativeView>>, ApiError> {
    caller.may(Operation::ViewAgreements)?;
    let Query(query) = query?;
    Ok(Json(
        plans::plan(&state.db, query.committee_id, query.year).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/initiatives", tag = "agreements",
    request_body = InitiativeInput,
    responses((status = 201, body = InitiativeView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_initiative(
    caller: Caller,
    State(state): State<AppState>,
    body: Result<Json<InitiativeInput>, JsonRejection>,
) -> Result<(StatusCode, Json<InitiativeView>), ApiError> {
    caller.may(Operation::KeepAgreements)?;
    let Json(body) = body?;
    let view = plans::create(&state.db, &actor(&caller), body).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

#[utoipa::path(put, path = "/api/v1/initiatives/{id}", tag = "agreements",
    params(("id" = i64, Path, description = "Initiative id")), request_body = InitiativeInput,
    responses((status = 200, body = InitiativeView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "edited_meanwhile", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn update_initiative(
    caller: Caller,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    body: Result<Json<InitiativeInput>, JsonRejection>,
) -> Result<Json<InitiativeView>, ApiError> {
    caller.may(Operation::KeepAgreements)?;
    let Json(body) = body?;
    Ok(Json(
        plans::update(&state.db, &actor(&caller), id, body).await?,
    ))
}

/// The edition's signing ceremonies and the agreements to sign there.
#[utoipa::path(get, path = "/api/v1/editions/{id}/signing-ceremony", tag = "agreements",
    params(("id" = i64, Path, description = "Edition id")),
    responses((status = 200, body = Ceremony), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn ceremony(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
) -> Result<Json<Ceremony>, ApiError> {
    caller.may(Operation::ViewAgreements)?;
    Ok(Json(signing::ceremony(&state.db, edition_id).await?))
}

/// What came of the agreements signed at the edition.
#[utoipa::path(get, path = "/api/v1/editions/{id}/outcome", tag = "agreements",
    params(("id" = i64, Path, description = "Edition id")),
    responses((status = 200, body = OutcomeReport), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn outcome(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
) -> Result<Json<OutcomeReport>, ApiError> {
    caller.may(Operation::ViewAgreements)?;
    Ok(Json(report::outcome(&state.db, edition_id, today()).await?))
}

/// The outcome report as CSV, one agreement a row.
#[utoipa::path(get, path = "/api/v1/editions/{id}/outcome.csv", tag = "agreements",
    params(("id" = i64, Path, description = "Edition id")),
    responses((status = 200, content_type = "text/csv", body = String),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn outcome_csv(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
) -> Result<Response, ApiError> {
    caller.may(Operation::ViewAgreements)?;
    let outcome = report::outcome(&state.db, edition_id, today()).await?;
    Ok(private(download(
        "text/csv; charset=utf-8",
        &format!("outcome-{edition_id}.csv"),
        report::outcome_csv(&outcome)?,
    )))
}

/// The outcome report as a PDF, with its chart.
#[utoipa::path(get, path = "/api/v1/editions/{id}/outcome.pdf", tag = "agreements",
    params(("id" = i64, Path, description = "Edition id")),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn outcome_pdf(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
) -> Result<Response, ApiError> {
    caller.may(Operation::ViewAgreements)?;
    let outcome = report::outcome(&state.db, edition_id, today()).await?;
    Ok(private(download(
        "application/pdf",
        &format!("outcome-{edition_id}.pdf"),
        report::outcome_pdf(outcome).await?,
    )))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChartQuery {
    /// The chart's language (`en`, `zh`; default `en`).
    pub lang: Option<String>,
}

/// The outcome report's chart as SVG, black on white.
#[utoipa::path(get, path = "/api/v1/editions/{id}/outcome.svg", tag = "agreements",
    params(("id" = i64, Path, description = "Edition id"), ChartQuery),
    responses((status = 200, content_type = "image/svg+xml", body = String),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn outcome_svg(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
    query: Result<Query<ChartQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    caller.may(Operation::ViewAgreements)?;
    let Query(query) = query?;
    let locale = query
        .lang
        .as_deref()
        .and_then(app::locale::locale_of)
        .unwrap_or_default();
    let outcome = report::outcome(&state.db, edition_id, today()).await?;
    Ok((
        [
            (CONTENT_TYPE, "image/svg+xml; charset=utf-8"),
            (CACHE_CONTROL, "private, no-store"),
        ],
        report::outcome_chart(&outcome, locale).to_svg(),
    )
        .into_response())
}
