//! `/api/v1/audit`: the audit log, for organizers, read only. No route
//! changes or deletes an entry: the log is written by the services, in
//! the transaction of each change, and by nothing else.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::response::Response;
use chrono::NaiveDate;
use sea_orm::DatabaseConnection;

use app::audit::service;
use app::audit::types::{AuditEntryView, AuditFilter};
use app::auth::domain::Operation;
use app::paging::{DEFAULT_PER_PAGE, PageRequest, Paged};

use super::{ApiError, Caller, ErrorBody};
use app::state::AppState;
use utoipa_axum::{router::OpenApiRouter, routes};

/// The routes this file serves, each with its OpenAPI entry (relative to
/// `/api/v1`).
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(export))
}

/// Which entries: every part is optional, and all of them apply.
#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Only entries about this edition.
    pub edition_id: Option<i64>,
    /// One kind of record: `edition`, `room`, `session`, `agenda`,
    /// `member`, `committee`, `council_member`, `registration`,
    /// `registration_settings`, `invitation`, `account`, `api_token`.
    pub entity: Option<String>,
    /// One record of that kind (its id).
    pub record_id: Option<String>,
    /// Part of who made the change (an e-mail, `public`, `cli`, `demo`),
    /// ignoring case.
    pub actor: Option<String>,
    /// One action: `created`, `updated`, `deleted`, `published`,
    /// `cancelled`…
    pub action: Option<String>,
    /// From this day (UTC) on, included: `YYYY-MM-DD`.
    pub from: Option<NaiveDate>,
    /// Up to this day (UTC), included: `YYYY-MM-DD`.
    pub to: Option<NaiveDate>,
    /// The page, counted from 1 (default 1).
    pub page: Option<u32>,
    /// Entries per page (default 50, at most 500).
    pub per_page: Option<u32>,
}

impl AuditQuery {
    fn filter(&self) -> AuditFilter {
        AuditFilter {
            edition_id: self.edition_id,
            entity: self.entity.clone(),
            record_id: self.record_id.clone(),
            actor: self.actor.clone(),
            action: self.action.clone(),
            from: self.from,
            to: self.to,
        }
    }

    fn page(&self) -> PageRequest {
        PageRequest {
            page: self.page.unwrap_or(1),
            per_page: self.per_page.unwrap_or(DEFAULT_PER_PAGE),
        }
    }
}

/// One page of the entries, newest first: who, when, which record, and
/// the record as JSON before and after the change.
#[utoipa::path(get, path = "/audit", tag = "audit",
    params(AuditQuery),
    responses(
        (status = 200, body = Paged<AuditEntryView>),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 422, description = "query: unreadable", body = ErrorBody),
    ))]
pub async fn list(
    caller: Caller,
    State(db): State<DatabaseConnection>,
    query: Result<Query<AuditQuery>, QueryRejection>,
) -> Result<Json<Paged<AuditEntryView>>, ApiError> {
    caller.may(Operation::ReadAuditLog)?;
    let Query(query) = query?;
    Ok(Json(
        service::list(&db, &query.filter(), query.page()).await?,
    ))
}

/// Every entry the filters select (all pages) as CSV: UTF-8 with a byte
/// order mark, no cell a spreadsheet would run as a formula; `changes`
/// lists `field: before → after`, `before` and `after` hold the JSON.
#[utoipa::path(get, path = "/audit.csv", tag = "audit",
    params(AuditQuery),
    responses(
        (status = 200, content_type = "text/csv", body = String),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 422, description = "query: unreadable", body = ErrorBody),
    ))]
pub async fn export(
    caller: Caller,
    State(db): State<DatabaseConnection>,
    query: Result<Query<AuditQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    caller.may(Operation::ReadAuditLog)?;
    let Query(query) = query?;
    let bytes = service::export_csv(&db, &query.filter()).await?;
    Ok(super::download(
        "text/csv; charset=utf-8",
        "audit-log.csv",
        bytes,
    ))
}
