//! The follow-up: activities and their notes (a contact's own too), the
//! dashboard, committees' initiatives, and a Forum's outcome.

use super::*;

/// The routes this file serves, each with its OpenAPI entry (relative to
/// `/api/v1`).
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_activities, create_activity))
        .routes(routes!(get_activity, update_activity))
        .routes(routes!(add_note))
        .routes(routes!(my_activities))
        .routes(routes!(my_note))
        .routes(routes!(dashboard))
        .routes(routes!(list_initiatives, create_initiative))
        .routes(routes!(update_initiative))
        .routes(routes!(ceremony))
        .routes(routes!(outcome))
        .routes(routes!(outcome_csv))
        .routes(routes!(outcome_pdf))
        .routes(routes!(outcome_svg))
}

/// The agreement's follow-up activities, by due date.
#[utoipa::path(get, path = "/agreements/{id}/activities", tag = "agreements",
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
#[utoipa::path(post, path = "/agreements/{id}/activities", tag = "agreements",
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
    let view = activities::create(&state.db, &caller.actor(), id, body).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

#[utoipa::path(get, path = "/agreements/{id}/activities/{activity_id}", tag = "agreements",
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
#[utoipa::path(put, path = "/agreements/{id}/activities/{activity_id}", tag = "agreements",
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
        activities::update(&state.db, &caller.actor(), id, activity_id, body).await?,
    ))
}

/// Adds a progress note (and, with `status`, moves the activity).
#[utoipa::path(post, path = "/agreements/{id}/activities/{activity_id}/notes", tag = "agreements",
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
    let view = activities::add_note(&state.db, &caller.actor(), id, activity_id, body).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// The activities of the agreements the caller is a party's contact for.
#[utoipa::path(get, path = "/my/activities", tag = "agreements",
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
#[utoipa::path(post, path = "/my/activities/{activity_id}/notes", tag = "agreements",
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
        &caller.actor(),
        &caller.0.email,
        activity_id,
        body,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// The follow-up dashboard: overdue, due in the next 30 days, by
/// committee, by party, by edition.
#[utoipa::path(get, path = "/follow-up", tag = "agreements",
    responses((status = 200, body = Dashboard), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody)))]
pub async fn dashboard(
    caller: Caller,
    State(state): State<AppState>,
) -> Result<Json<Dashboard>, ApiError> {
    caller.may(Operation::ViewAgreements)?;
    let dashboard = state
        .part::<DashboardCache>()
        .dashboard(&state.db, today())
        .await?;
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
#[utoipa::path(get, path = "/initiatives", tag = "agreements",
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

#[utoipa::path(post, path = "/initiatives", tag = "agreements",
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
    let view = plans::create(&state.db, &caller.actor(), body).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

#[utoipa::path(put, path = "/initiatives/{id}", tag = "agreements",
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
        plans::update(&state.db, &caller.actor(), id, body).await?,
    ))
}

/// The edition's signing ceremonies and the agreements to sign there.
#[utoipa::path(get, path = "/editions/{id}/signing-ceremony", tag = "agreements",
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
#[utoipa::path(get, path = "/editions/{id}/outcome", tag = "agreements",
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
#[utoipa::path(get, path = "/editions/{id}/outcome.csv", tag = "agreements",
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
#[utoipa::path(get, path = "/editions/{id}/outcome.pdf", tag = "agreements",
    params(("id" = i64, Path, description = "Edition id"), LanguageQuery),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn outcome_pdf(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
    language: ReaderLanguage,
) -> Result<Response, ApiError> {
    caller.may(Operation::ViewAgreements)?;
    let outcome = report::outcome(&state.db, edition_id, today()).await?;
    Ok(private(download(
        "application/pdf",
        &format!("outcome-{edition_id}.pdf"),
        report::outcome_pdf(outcome, language.reader).await?,
    )))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChartQuery {
    /// The chart's language (`en`, `zh`, `ar`, `fr`, `ru`, `es`; default
    /// `en`).
    pub lang: Option<String>,
}

/// The outcome report's chart as SVG, black on white.
#[utoipa::path(get, path = "/editions/{id}/outcome.svg", tag = "agreements",
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
