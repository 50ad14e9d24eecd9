//! `/api/v1/editions/{id}/budget/items`, their receipts and approval,
//! income, and the budget's history.

use super::*;

/// The routes this file serves, each with its OpenAPI entry (relative to
/// `/api/v1`).
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_items, create_item))
        .routes(routes!(get_item, update_item))
        .routes(routes!(approve_item))
        .routes(routes!(get_receipt, delete_receipt))
        .routes(routes!(list_income, add_income))
        .routes(routes!(update_income, delete_income))
        .routes(routes!(history))
        // The body is the file: body_limit lets it reach 10 MB, and
        // the extractor's own 2 MB default must follow.
        .merge(OpenApiRouter::new().routes(routes!(add_receipt)).layer(
            axum::extract::DefaultBodyLimit::max(crate::body_limit::RECEIPT_BODY_BYTES + 1),
        ))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ItemQuery {
    pub category_id: Option<i64>,
    pub payer_id: Option<i64>,
    pub status: Option<ItemStatus>,
    /// Part of the description, vendor or invoice reference.
    pub q: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

/// A page of cost items, newest first (`X-Total-Count`, `Link`).
#[utoipa::path(get, path = "/editions/{id}/budget/items", tag = "budget",
    params(("id" = i64, Path, description = "Edition id"), ItemQuery),
    responses((status = 200, body = Vec<ItemView>), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn list_items(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
    uri: http::Uri,
    query: Result<Query<ItemQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    caller.may(Operation::ViewBudget)?;
    let Query(query) = query?;
    let filter = ItemFilter {
        category_id: query.category_id,
        payer_id: query.payer_id,
        status: query.status,
        q: query.q,
    };
    let page = PageRequest {
        page: query.page.unwrap_or(1),
        per_page: query.per_page.unwrap_or(DEFAULT_PER_PAGE),
    };
    let paged = items::list_items(&state.db, edition_id, &filter, page).await?;
    Ok(paged_response(&uri, paged))
}

/// Adds a cost item; amounts in minor units of its `currency`.
#[utoipa::path(post, path = "/editions/{id}/budget/items", tag = "budget",
    params(("id" = i64, Path, description = "Edition id")), request_body = ItemInput,
    responses((status = 201, body = ItemView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, description = "e.g. paid_on: actual_needs_date, rate_missing", body = ErrorBody)))]
pub async fn create_item(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
    body: Result<Json<ItemInput>, JsonRejection>,
) -> Result<(StatusCode, Json<ItemView>), ApiError> {
    caller.may(Operation::KeepBudget)?;
    let Json(body) = body?;
    let saved = items::create_item(&state.db, &caller.actor(), edition_id, body).await?;
    Ok((StatusCode::CREATED, Json(saved)))
}

#[utoipa::path(get, path = "/editions/{id}/budget/items/{item_id}", tag = "budget",
    params(("id" = i64, Path, description = "Edition id"),
           ("item_id" = i64, Path, description = "Item id")),
    responses((status = 200, body = ItemView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_item(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, item_id)): Path<(i64, i64)>,
) -> Result<Json<ItemView>, ApiError> {
    caller.may(Operation::ViewBudget)?;
    Ok(Json(items::get_item(&state.db, edition_id, item_id).await?))
}

/// Saves a cost item whole; `version` as read (409 `edited_meanwhile`
/// when someone saved it since).
#[utoipa::path(put, path = "/editions/{id}/budget/items/{item_id}", tag = "budget",
    params(("id" = i64, Path, description = "Edition id"),
           ("item_id" = i64, Path, description = "Item id")), request_body = ItemInput,
    responses((status = 200, body = ItemView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "edited_meanwhile", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn update_item(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, item_id)): Path<(i64, i64)>,
    body: Result<Json<ItemInput>, JsonRejection>,
) -> Result<Json<ItemView>, ApiError> {
    caller.may(Operation::KeepBudget)?;
    let Json(body) = body?;
    Ok(Json(
        items::update_item(&state.db, &caller.actor(), edition_id, item_id, body).await?,
    ))
}

#[derive(serde::Deserialize, utoipa::ToSchema)]
pub struct ApproveBody {
    /// The item's version as the organizer read it.
    pub version: i32,
}

/// An organizer approves a commitment above the threshold, as it stands.
#[utoipa::path(post, path = "/editions/{id}/budget/items/{item_id}/approve", tag = "budget",
    params(("id" = i64, Path, description = "Edition id"),
           ("item_id" = i64, Path, description = "Item id")), request_body = ApproveBody,
    responses((status = 200, body = ItemView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "nothing_to_approve, approve_own_item, edited_meanwhile", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn approve_item(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, item_id)): Path<(i64, i64)>,
    body: Result<Json<ApproveBody>, JsonRejection>,
) -> Result<Json<ItemView>, ApiError> {
    caller.may(Operation::ApproveBudget)?;
    let Json(body) = body?;
    Ok(Json(
        items::approve_item(
            &state.db,
            &caller.actor(),
            edition_id,
            item_id,
            body.version,
        )
        .await?,
    ))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReceiptQuery {
    /// The file's name as the person knows it.
    pub name: Option<String>,
}

/// Adds a receipt: the file itself as the body (PDF, JPEG, PNG, WebP or
/// HEIC, told by its content; at most 10 MB).
#[utoipa::path(post, path = "/editions/{id}/budget/items/{item_id}/receipts", tag = "budget",
    params(("id" = i64, Path, description = "Edition id"),
           ("item_id" = i64, Path, description = "Item id"), ReceiptQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, body = ReceiptView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "too_many_receipts", body = ErrorBody),
        (status = 413, description = "Larger than 10 MB"),
        (status = 422, description = "file: not_a_receipt, file_too_large", body = ErrorBody)))]
pub async fn add_receipt(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, item_id)): Path<(i64, i64)>,
    query: Result<Query<ReceiptQuery>, QueryRejection>,
    body: axum::body::Body,
) -> Result<(StatusCode, Json<ReceiptView>), ApiError> {
    // The role first: a caller who may not upload is answered before a
    // byte of the file is read.
    caller.may(Operation::KeepBudget)?;
    let Query(query) = query?;
    let body = axum::body::to_bytes(body, crate::body_limit::RECEIPT_BODY_BYTES + 1)
        .await
        .map_err(|_| app::error::AppError::field("file", app::error::ErrorCode::FileTooLarge))?;
    let saved = receipts::store_receipt(
        &state.db,
        &caller.actor(),
        edition_id,
        item_id,
        query.name.as_deref().unwrap_or(""),
        body.to_vec(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(saved)))
}

/// A receipt's file, to save.
#[utoipa::path(get, path = "/editions/{id}/budget/items/{item_id}/receipts/{receipt_id}", tag = "budget",
    params(("id" = i64, Path, description = "Edition id"),
           ("item_id" = i64, Path, description = "Item id"),
           ("receipt_id" = i64, Path, description = "Receipt id")),
    responses((status = 200, content_type = "application/octet-stream", body = Vec<u8>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn get_receipt(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, item_id, receipt_id)): Path<(i64, i64, i64)>,
) -> Result<Response, ApiError> {
    caller.may(Operation::ViewBudget)?;
    let (name, content_type, bytes) =
        receipts::read_receipt(&state.db, edition_id, item_id, receipt_id).await?;
    // An attachment, never shown in our origin: a receipt is somebody's file.
    let mut response = private(download(&content_type, &ascii_name(&name), bytes));
    response.headers_mut().insert(
        http::header::CONTENT_SECURITY_POLICY,
        http::HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    Ok(response)
}

/// The file name as plain ASCII for the header (others become `_`).
fn ascii_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[utoipa::path(delete, path = "/editions/{id}/budget/items/{item_id}/receipts/{receipt_id}", tag = "budget",
    params(("id" = i64, Path, description = "Edition id"),
           ("item_id" = i64, Path, description = "Item id"),
           ("receipt_id" = i64, Path, description = "Receipt id")),
    responses((status = 204), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete_receipt(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, item_id, receipt_id)): Path<(i64, i64, i64)>,
) -> Result<StatusCode, ApiError> {
    caller.may(Operation::KeepBudget)?;
    receipts::delete_receipt(&state.db, &caller.actor(), edition_id, item_id, receipt_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/editions/{id}/budget/income", tag = "budget",
    params(("id" = i64, Path, description = "Edition id")),
    responses((status = 200, body = Vec<IncomeView>), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list_income(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
) -> Result<Json<Vec<IncomeView>>, ApiError> {
    caller.may(Operation::ViewBudget)?;
    let books = service::books(&state.db, edition_id).await?;
    Ok(Json(service::list_income(&state.db, &books).await?))
}

/// Adds income a payer pledged (and what it paid in, with the day).
#[utoipa::path(post, path = "/editions/{id}/budget/income", tag = "budget",
    params(("id" = i64, Path, description = "Edition id")), request_body = IncomeInput,
    responses((status = 201, body = IncomeView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn add_income(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
    body: Result<Json<IncomeInput>, JsonRejection>,
) -> Result<(StatusCode, Json<IncomeView>), ApiError> {
    caller.may(Operation::KeepBudget)?;
    let Json(body) = body?;
    let saved = pledges::save_income(&state.db, &caller.actor(), edition_id, None, body).await?;
    Ok((StatusCode::CREATED, Json(saved)))
}

#[utoipa::path(put, path = "/editions/{id}/budget/income/{income_id}", tag = "budget",
    params(("id" = i64, Path, description = "Edition id"),
           ("income_id" = i64, Path, description = "Income line id")), request_body = IncomeInput,
    responses((status = 200, body = IncomeView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "edited_meanwhile", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn update_income(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, income_id)): Path<(i64, i64)>,
    body: Result<Json<IncomeInput>, JsonRejection>,
) -> Result<Json<IncomeView>, ApiError> {
    caller.may(Operation::KeepBudget)?;
    let Json(body) = body?;
    Ok(Json(
        pledges::save_income(
            &state.db,
            &caller.actor(),
            edition_id,
            Some(income_id),
            body,
        )
        .await?,
    ))
}

#[utoipa::path(delete, path = "/editions/{id}/budget/income/{income_id}", tag = "budget",
    params(("id" = i64, Path, description = "Edition id"),
           ("income_id" = i64, Path, description = "Income line id")),
    responses((status = 204), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete_income(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, income_id)): Path<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    caller.may(Operation::KeepBudget)?;
    pledges::delete_income(&state.db, &caller.actor(), edition_id, income_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HistoryQuery {
    /// One cost item's history only.
    pub item_id: Option<i64>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

/// Every change to the budget (or one item), newest first: who, when,
/// before and after.
#[utoipa::path(get, path = "/editions/{id}/budget/history", tag = "budget",
    params(("id" = i64, Path, description = "Edition id"), HistoryQuery),
    responses((status = 200, body = Paged<AuditEntryView>), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn history(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
    query: Result<Query<HistoryQuery>, QueryRejection>,
) -> Result<Json<Paged<AuditEntryView>>, ApiError> {
    caller.may(Operation::ViewBudget)?;
    let Query(query) = query?;
    let page = PageRequest {
        page: query.page.unwrap_or(1),
        per_page: query.per_page.unwrap_or(DEFAULT_PER_PAGE),
    };
    Ok(Json(
        report::history(
            &state.db,
            edition_id,
            query.item_id.map(|id| ("budget_item", id)),
            page,
        )
        .await?,
    ))
}
