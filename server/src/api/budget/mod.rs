//! `/api/v1/editions/{id}/budget`: settings, categories, payers, rates,
//! cost items with their receipts and approval, income, the summary with
//! its charts, the auditors' CSV and PDF, and the history. Finance and
//! organizers only; approving and the threshold are the organizers'.

use app::budget::cache::SummaryCache;
use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use http::header::{CACHE_CONTROL, CONTENT_TYPE};

use app::audit::types::AuditEntryView;
use app::auth::domain::Operation;
use app::budget::service::{self, items, pledges, rates, receipts, report, setup};
use app::budget::types::{
    BudgetSettings, BudgetSummary, CategoryInput, CategoryView, CopyResult, IncomeInput,
    IncomeView, ItemFilter, ItemInput, ItemStatus, ItemView, PayerInput, PayerView, RateInput,
    RateView, ReceiptView, SettingsInput, ThresholdInput,
};
use app::paging::{DEFAULT_PER_PAGE, PageRequest, Paged};
use app::state::AppState;
use utoipa_axum::{router::OpenApiRouter, routes};

mod entries;

use crate::reader::{LanguageQuery, ReaderLanguage};

use super::{ApiError, Caller, ErrorBody, download, paged_response, private};

/// The routes this file serves, each with its OpenAPI entry (relative to
/// `/api/v1`).
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(entries::routes())
        .routes(routes!(get_settings, put_settings))
        .routes(routes!(put_threshold))
        .routes(routes!(summary))
        .routes(routes!(summary_pdf))
        .routes(routes!(chart))
        .routes(routes!(items_csv))
        .routes(routes!(list_categories, add_category))
        .routes(routes!(copy_categories))
        .routes(routes!(update_category, delete_category))
        .routes(routes!(list_payers, add_payer))
        .routes(routes!(delete_payer))
        .routes(routes!(list_rates, add_rate))
        .routes(routes!(delete_rate))
}

/// The budget's settings (defaults until first saved).
#[utoipa::path(get, path = "/editions/{id}/budget", tag = "budget",
    params(("id" = i64, Path, description = "Edition id")),
    responses((status = 200, body = BudgetSettings), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_settings(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
) -> Result<Json<BudgetSettings>, ApiError> {
    caller.may(Operation::ViewBudget)?;
    Ok(Json(service::books(&state.db, edition_id).await?.settings))
}

/// Saves the reporting currency, only while nothing is in it; `version`
/// as read (0 before the first save).
#[utoipa::path(put, path = "/editions/{id}/budget", tag = "budget",
    params(("id" = i64, Path, description = "Edition id")), request_body = SettingsInput,
    responses((status = 200, body = BudgetSettings), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "edited_meanwhile, currency_in_use", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn put_settings(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
    body: Result<Json<SettingsInput>, JsonRejection>,
) -> Result<Json<BudgetSettings>, ApiError> {
    caller.may(Operation::KeepBudget)?;
    let Json(body) = body?;
    Ok(Json(
        setup::save_settings(&state.db, &caller.actor(), edition_id, body).await?,
    ))
}

/// Sets the approval threshold (organizers): commitments above it, in
/// the reporting currency's minor units, wait for an organizer.
#[utoipa::path(put, path = "/editions/{id}/budget/threshold", tag = "budget",
    params(("id" = i64, Path, description = "Edition id")), request_body = ThresholdInput,
    responses((status = 200, body = BudgetSettings), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn put_threshold(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
    body: Result<Json<ThresholdInput>, JsonRejection>,
) -> Result<Json<BudgetSettings>, ApiError> {
    caller.may(Operation::ApproveBudget)?;
    let Json(body) = body?;
    Ok(Json(
        setup::set_threshold(&state.db, &caller.actor(), edition_id, body).await?,
    ))
}

/// Every figure of the budget in the reporting currency: totals, by
/// category, by payer, per month, what-if, and the rates used.
#[utoipa::path(get, path = "/editions/{id}/budget/summary", tag = "budget",
    params(("id" = i64, Path, description = "Edition id")),
    responses((status = 200, body = BudgetSummary), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn summary(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
) -> Result<Json<BudgetSummary>, ApiError> {
    caller.may(Operation::ViewBudget)?;
    let summarized = state
        .part::<SummaryCache>()
        .summary(&state.db, edition_id)
        .await?;
    Ok(Json(summarized.summary.clone()))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChartQuery {
    /// The chart's language (`en`, `zh`; default `en`).
    pub lang: Option<String>,
}

/// A chart of the summary as SVG (`categories` or `time`), black on white.
#[utoipa::path(get, path = "/editions/{id}/budget/charts/{chart}", tag = "budget",
    params(("id" = i64, Path, description = "Edition id"),
           ("chart" = String, Path, description = "`categories.svg` or `time.svg`"), ChartQuery),
    responses((status = 200, content_type = "image/svg+xml", body = String),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn chart(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, chart)): Path<(i64, String)>,
    query: Result<Query<ChartQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    caller.may(Operation::ViewBudget)?;
    let Query(query) = query?;
    let locale = query
        .lang
        .as_deref()
        .and_then(app::locale::locale_of)
        .unwrap_or_default();
    let summarized = state
        .part::<SummaryCache>()
        .summary(&state.db, edition_id)
        .await?;
    let charts = summarized.charts(locale);
    let svg = match chart.as_str() {
        "categories.svg" => charts.by_category.clone(),
        "time.svg" => charts.over_time.clone(),
        _ => return Err(ApiError(app::error::AppError::NotFound)),
    };
    Ok((
        [
            (CONTENT_TYPE, "image/svg+xml; charset=utf-8"),
            (CACHE_CONTROL, "private, no-store"),
        ],
        svg,
    )
        .into_response())
}

/// The summary as a PDF for the auditors, with both charts.
#[utoipa::path(get, path = "/editions/{id}/budget/summary.pdf", tag = "budget",
    params(("id" = i64, Path, description = "Edition id"), LanguageQuery),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn summary_pdf(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
    language: ReaderLanguage,
) -> Result<Response, ApiError> {
    caller.may(Operation::ViewBudget)?;
    let (file, bytes) = report::summary_pdf(
        &state.db,
        &state.part::<SummaryCache>(),
        edition_id,
        language.reader,
    )
    .await?;
    Ok(private(download("application/pdf", &file, bytes)))
}

/// Every cost item as CSV (UTF-8 with a byte order mark, no formulas):
/// amounts as entered and converted, with the rate each one used.
#[utoipa::path(get, path = "/editions/{id}/budget/items.csv", tag = "budget",
    params(("id" = i64, Path, description = "Edition id")),
    responses((status = 200, content_type = "text/csv", body = String),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn items_csv(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
) -> Result<Response, ApiError> {
    caller.may(Operation::ViewBudget)?;
    let bytes = report::export_csv(&state.db, edition_id).await?;
    Ok(private(download(
        "text/csv; charset=utf-8",
        &format!("budget-items-{edition_id}.csv"),
        bytes,
    )))
}

#[utoipa::path(get, path = "/editions/{id}/budget/categories", tag = "budget",
    params(("id" = i64, Path, description = "Edition id")),
    responses((status = 200, body = Vec<CategoryView>), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list_categories(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
) -> Result<Json<Vec<CategoryView>>, ApiError> {
    caller.may(Operation::ViewBudget)?;
    service::books(&state.db, edition_id).await?;
    Ok(Json(service::list_categories(&state.db, edition_id).await?))
}

/// Adds a category: a standard `kind`, or `custom` with a `name`; its plan
/// in the reporting currency's minor units.
#[utoipa::path(post, path = "/editions/{id}/budget/categories", tag = "budget",
    params(("id" = i64, Path, description = "Edition id")), request_body = CategoryInput,
    responses((status = 201, body = CategoryView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn add_category(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
    body: Result<Json<CategoryInput>, JsonRejection>,
) -> Result<(StatusCode, Json<CategoryView>), ApiError> {
    caller.may(Operation::KeepBudget)?;
    let Json(body) = body?;
    let saved = setup::add_category(&state.db, &caller.actor(), edition_id, body).await?;
    Ok((StatusCode::CREATED, Json(saved)))
}

/// Saves a category's plan (and a custom one's name); `version` as read.
#[utoipa::path(put, path = "/editions/{id}/budget/categories/{category_id}", tag = "budget",
    params(("id" = i64, Path, description = "Edition id"),
           ("category_id" = i64, Path, description = "Category id")), request_body = CategoryInput,
    responses((status = 200, body = CategoryView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "edited_meanwhile", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn update_category(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, category_id)): Path<(i64, i64)>,
    body: Result<Json<CategoryInput>, JsonRejection>,
) -> Result<Json<CategoryView>, ApiError> {
    caller.may(Operation::KeepBudget)?;
    let Json(body) = body?;
    Ok(Json(
        setup::update_category(&state.db, &caller.actor(), edition_id, category_id, body).await?,
    ))
}

#[utoipa::path(delete, path = "/editions/{id}/budget/categories/{category_id}", tag = "budget",
    params(("id" = i64, Path, description = "Edition id"),
           ("category_id" = i64, Path, description = "Category id")),
    responses((status = 204), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "category_in_use", body = ErrorBody)))]
pub async fn delete_category(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, category_id)): Path<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    caller.may(Operation::KeepBudget)?;
    setup::delete_category(&state.db, &caller.actor(), edition_id, category_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Starts the categories from the latest earlier edition that has some
/// (with its plans when it reported in the same currency), else from the
/// standard list; categories already here stay.
#[utoipa::path(post, path = "/editions/{id}/budget/categories/copy", tag = "budget",
    params(("id" = i64, Path, description = "Edition id")),
    responses((status = 200, body = CopyResult), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn copy_categories(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
) -> Result<Json<CopyResult>, ApiError> {
    caller.may(Operation::KeepBudget)?;
    Ok(Json(
        setup::copy_categories(&state.db, &caller.actor(), edition_id).await?,
    ))
}

#[utoipa::path(get, path = "/editions/{id}/budget/payers", tag = "budget",
    params(("id" = i64, Path, description = "Edition id")),
    responses((status = 200, body = Vec<PayerView>), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list_payers(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
) -> Result<Json<Vec<PayerView>>, ApiError> {
    caller.may(Operation::ViewBudget)?;
    service::books(&state.db, edition_id).await?;
    Ok(Json(service::list_payers(&state.db, edition_id).await?))
}

#[utoipa::path(post, path = "/editions/{id}/budget/payers", tag = "budget",
    params(("id" = i64, Path, description = "Edition id")), request_body = PayerInput,
    responses((status = 201, body = PayerView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn add_payer(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
    body: Result<Json<PayerInput>, JsonRejection>,
) -> Result<(StatusCode, Json<PayerView>), ApiError> {
    caller.may(Operation::KeepBudget)?;
    let Json(body) = body?;
    let saved = setup::add_payer(&state.db, &caller.actor(), edition_id, body).await?;
    Ok((StatusCode::CREATED, Json(saved)))
}

#[utoipa::path(delete, path = "/editions/{id}/budget/payers/{payer_id}", tag = "budget",
    params(("id" = i64, Path, description = "Edition id"),
           ("payer_id" = i64, Path, description = "Payer id")),
    responses((status = 204), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "payer_in_use", body = ErrorBody)))]
pub async fn delete_payer(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, payer_id)): Path<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    caller.may(Operation::KeepBudget)?;
    setup::delete_payer(&state.db, &caller.actor(), edition_id, payer_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/editions/{id}/budget/rates", tag = "budget",
    params(("id" = i64, Path, description = "Edition id")),
    responses((status = 200, body = Vec<RateView>), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list_rates(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
) -> Result<Json<Vec<RateView>>, ApiError> {
    caller.may(Operation::ViewBudget)?;
    service::books(&state.db, edition_id).await?;
    Ok(Json(service::list_rates(&state.db, edition_id).await?))
}

/// Adds a rate: from `valid_from` on, one unit of `currency` is `rate`
/// (decimal text, up to ten decimals) units of the reporting currency.
#[utoipa::path(post, path = "/editions/{id}/budget/rates", tag = "budget",
    params(("id" = i64, Path, description = "Edition id")), request_body = RateInput,
    responses((status = 201, body = RateView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn add_rate(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
    body: Result<Json<RateInput>, JsonRejection>,
) -> Result<(StatusCode, Json<RateView>), ApiError> {
    caller.may(Operation::KeepBudget)?;
    let Json(body) = body?;
    let may_confirm = caller.may(Operation::ApproveBudget).is_ok();
    let saved = rates::add_rate(&state.db, &caller.actor(), edition_id, body, may_confirm).await?;
    Ok((StatusCode::CREATED, Json(saved)))
}

#[utoipa::path(delete, path = "/editions/{id}/budget/rates/{rate_id}", tag = "budget",
    params(("id" = i64, Path, description = "Edition id"),
           ("rate_id" = i64, Path, description = "Rate id")),
    responses((status = 204), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "rate_in_use", body = ErrorBody)))]
pub async fn delete_rate(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, rate_id)): Path<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    caller.may(Operation::KeepBudget)?;
    rates::delete_rate(&state.db, &caller.actor(), edition_id, rate_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
