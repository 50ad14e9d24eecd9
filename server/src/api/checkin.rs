//! `/api/v1/checkin/…` for paired tablets (a device token, not an
//! account) and `/api/v1/editions/{id}/checkin/…` for organizers: devices,
//! attendance, and arrivals as a live event stream.

use app::checkin::hub::Hub;
use std::convert::Infallible;
use std::time::Duration;

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use http::header::AUTHORIZATION;
use http::request::Parts;

use app::auth::domain::Operation;
use app::badges::types::BadgeLayout;
use app::checkin::service::{self, DeviceRef};
use app::checkin::types::{
    Attendance, BatchAnswers, Bootstrap, DeviceView, ListKey, NewDevice, PairRequest, Paired,
    Pairing, ScanAnswer, ScanBatch, ScanRequest, SearchHit, UndoRequest,
};
use app::error::AppError;
use app::state::AppState;
use app::throttle::{ClientAddress, Limit};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{ApiError, Caller, ErrorBody};

/// The routes this file serves, each with its OpenAPI entry (relative to
/// `/api/v1`).
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_devices, register_device))
        .routes(routes!(new_pairing))
        .routes(routes!(revoke_device))
        .routes(routes!(attendance))
        .routes(routes!(arrivals))
        .routes(routes!(pair))
        .routes(routes!(bootstrap))
        .routes(routes!(scan))
        .routes(routes!(upload))
        .routes(routes!(undo))
        .routes(routes!(search))
        .routes(routes!(reprint))
}

/// The paired tablet behind a device token (`Authorization: Bearer
/// cfd_…`); 401 when it is unknown, revoked, or its edition closed. Wrong
/// device tokens count against the address's limit, so guessing is slow.
pub struct Device(pub DeviceRef);

impl FromRequestParts<AppState> for Device {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .map(str::trim)
            .unwrap_or("");
        match Hub::of(state).authenticate(&state.db, token).await {
            Ok(device) => Ok(Device(device)),
            Err(AppError::Unauthorized) => {
                // Only a device token that matched nothing cost a lookup
                // (an account's token or none is refused unread).
                if token.starts_with(app::checkin::domain::TOKEN_PREFIX)
                    && let Some(ClientAddress(client)) = parts.extensions.get::<ClientAddress>()
                {
                    state
                        .throttle
                        .check_address(Limit::LinkSignInFromAddress, *client)?;
                }
                Err(ApiError(AppError::Unauthorized))
            }
            Err(err) => Err(ApiError(err)),
        }
    }
}

/// Pairs a tablet with a one-time code from the organizers' page; the
/// token in the answer is shown once. Anonymous, rate limited.
#[utoipa::path(post, path = "/checkin/pair", tag = "checkin", security(()),
    request_body = PairRequest,
    responses(
        (status = 200, body = Paired),
        (status = 422, description = "Wrong, used or expired code", body = ErrorBody),
        (status = 429, body = ErrorBody),
    ))]
pub async fn pair(
    State(state): State<AppState>,
    body: Result<Json<PairRequest>, JsonRejection>,
) -> Result<Json<Paired>, ApiError> {
    let Json(body) = body?;
    Ok(Json(service::pair(&state.db, &body.code).await?))
}

/// What the tablet loads before doors open and refreshes when online:
/// people (only what check-in shows), keys, revocations, lists, arrivals.
#[utoipa::path(get, path = "/checkin/bootstrap", tag = "checkin",
    security(("device" = [])),
    responses((status = 200, body = Bootstrap), (status = 401, body = ErrorBody)))]
pub async fn bootstrap(
    Device(device): Device,
    State(state): State<AppState>,
) -> Result<Response, ApiError> {
    let body = service::bootstrap(&state.db, &device).await?;
    // Personal data: never kept by a cache on the way.
    Ok(([(http::header::CACHE_CONTROL, "no-store")], Json(body)).into_response())
}

/// One scan (or a check-in by hand from a supervisor's device), answered
/// once it is stored: green, amber or red with the reason.
#[utoipa::path(post, path = "/checkin/scans", tag = "checkin",
    security(("device" = [])), request_body = ScanRequest,
    responses(
        (status = 200, body = ScanAnswer),
        (status = 401, body = ErrorBody),
        (status = 403, description = "By hand from a scan-only device", body = ErrorBody),
        (status = 422, body = ErrorBody),
    ))]
pub async fn scan(
    Device(device): Device,
    State(state): State<AppState>,
    body: Result<Json<ScanRequest>, JsonRejection>,
) -> Result<Json<ScanAnswer>, ApiError> {
    let Json(body) = body?;
    Ok(Json(Hub::of(&state).scan(&state.db, &device, body).await?))
}

/// Scans made offline, up to 500: one answer each, in order. An id
/// uploaded before answers as it did then (`duplicate`); a scan let in
/// offline that the server refuses is kept, `flagged`.
#[utoipa::path(post, path = "/checkin/scans/batch", tag = "checkin",
    security(("device" = [])), request_body = ScanBatch,
    responses(
        (status = 200, body = BatchAnswers),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody),
    ))]
pub async fn upload(
    Device(device): Device,
    State(state): State<AppState>,
    body: Result<Json<ScanBatch>, JsonRejection>,
) -> Result<Json<BatchAnswers>, ApiError> {
    let Json(body) = body?;
    Ok(Json(
        Hub::of(&state).upload(&state.db, &device, body).await?,
    ))
}

/// Undoes a check-in, with a reason (supervisors' devices).
#[utoipa::path(post, path = "/checkin/scans/{client_id}/undo", tag = "checkin",
    security(("device" = [])), request_body = UndoRequest,
    params(("client_id" = String, Path, description = "The id the device gave the scan")),
    responses(
        (status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody),
    ))]
pub async fn undo(
    Device(device): Device,
    State(state): State<AppState>,
    Path(client_id): Path<String>,
    body: Result<Json<UndoRequest>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(body) = body?;
    Hub::of(&state)
        .undo(&state.db, &device, &client_id, &body.reason)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Part of a native or Latin name (case and accents ignored).
    #[serde(default)]
    pub q: String,
    /// The list whose arrivals to show (default `entry`).
    #[serde(default)]
    #[param(value_type = Option<String>)]
    pub list: Option<ListKey>,
}

/// People by name, and whether they are in (supervisors' devices).
#[utoipa::path(get, path = "/checkin/search", tag = "checkin",
    security(("device" = [])), params(SearchQuery),
    responses(
        (status = 200, body = Vec<SearchHit>), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
    ))]
pub async fn search(
    Device(device): Device,
    State(state): State<AppState>,
    query: Result<Query<SearchQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(query) = query?;
    let hits =
        service::search(&state.db, &device, &query.q, query.list.unwrap_or_default()).await?;
    Ok(([(http::header::CACHE_CONTROL, "no-store")], Json(hits)).into_response())
}

/// A new badge at the desk (supervisors' devices): the old code stops
/// passing. One A6 badge a page.
#[utoipa::path(post, path = "/checkin/people/{registration_id}/reprint", tag = "checkin",
    security(("device" = [])),
    params(("registration_id" = i64, Path, description = "Registration id")),
    responses(
        (status = 200, content_type = "application/pdf", body = Vec<u8>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
    ))]
pub async fn reprint(
    Device(device): Device,
    State(state): State<AppState>,
    Path(registration_id): Path<i64>,
) -> Result<Response, ApiError> {
    device.supervise()?;
    Ok(super::badges::pdf(
        app::badges::service::reprint_pdf(
            &state.db,
            &device.actor(),
            device.edition_id,
            registration_id,
            BadgeLayout::A6,
        )
        .await?,
    ))
}

/// An edition's devices.
#[utoipa::path(get, path = "/editions/{id}/checkin/devices", tag = "checkin",
    params(("id" = i64, Path, description = "Edition id")),
    responses(
        (status = 200, body = Vec<DeviceView>), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    ))]
pub async fn list_devices(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
) -> Result<Json<Vec<DeviceView>>, ApiError> {
    caller.may(Operation::ManageCheckinDevices)?;
    Ok(Json(service::list_devices(&state.db, edition_id).await?))
}

/// Registers a device and answers its first pairing code (15 minutes,
/// once) with the address whose QR a tablet scans to pair itself.
#[utoipa::path(post, path = "/editions/{id}/checkin/devices", tag = "checkin",
    params(("id" = i64, Path, description = "Edition id")), request_body = NewDevice,
    responses(
        (status = 201, body = Pairing), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "Edition closed", body = ErrorBody),
        (status = 422, body = ErrorBody),
    ))]
pub async fn register_device(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
    body: Result<Json<NewDevice>, JsonRejection>,
) -> Result<(StatusCode, Json<Pairing>), ApiError> {
    caller.may(Operation::ManageCheckinDevices)?;
    let Json(body) = body?;
    let pairing = service::register_device(
        &state.db,
        &caller.actor(),
        edition_id,
        body,
        &state.public_url,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(pairing)))
}

/// A new pairing code for a device.
#[utoipa::path(post, path = "/editions/{id}/checkin/devices/{device_id}/pairing", tag = "checkin",
    params(("id" = i64, Path, description = "Edition id"),
           ("device_id" = i64, Path, description = "Device id")),
    responses(
        (status = 200, body = Pairing), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "Device revoked", body = ErrorBody),
    ))]
pub async fn new_pairing(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, device_id)): Path<(i64, i64)>,
) -> Result<Json<Pairing>, ApiError> {
    caller.may(Operation::ManageCheckinDevices)?;
    Ok(Json(
        service::new_pairing(
            &state.db,
            &caller.actor(),
            edition_id,
            device_id,
            &state.public_url,
        )
        .await?,
    ))
}

/// Revokes a device: refused at its next request, and the tablet wipes
/// the attendee data it holds.
#[utoipa::path(post, path = "/editions/{id}/checkin/devices/{device_id}/revoke", tag = "checkin",
    params(("id" = i64, Path, description = "Edition id"),
           ("device_id" = i64, Path, description = "Device id")),
    responses(
        (status = 200, body = DeviceView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    ))]
pub async fn revoke_device(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, device_id)): Path<(i64, i64)>,
) -> Result<Json<DeviceView>, ApiError> {
    caller.may(Operation::ManageCheckinDevices)?;
    Ok(Json(
        Hub::of(&state)
            .revoke_device(&state.db, &caller.actor(), edition_id, device_id)
            .await?,
    ))
}

/// Distinct people per list (the entry and each session, against its
/// places), and the entry by category, delegation, member and hour.
#[utoipa::path(get, path = "/editions/{id}/checkin/attendance", tag = "checkin",
    params(("id" = i64, Path, description = "Edition id")),
    responses(
        (status = 200, body = Attendance), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    ))]
pub async fn attendance(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
) -> Result<Json<Attendance>, ApiError> {
    caller.may(Operation::ViewArrivals)?;
    Ok(Json(service::attendance(&state.db, edition_id).await?))
}

/// Least time between two events of the stream: a busy door sends the
/// counts at most twice a second.
const STREAM_PAUSE: Duration = Duration::from_millis(500);

/// How often an open stream asks whether its account may still watch.
const STREAM_RECHECK: Duration = Duration::from_secs(5);

/// The attendance as server-sent events: one now, then one whenever
/// someone arrives at this edition or a check-in is undone. At most a few
/// streams per account; the stream ends once the account is switched off
/// or loses the role.
#[utoipa::path(get, path = "/editions/{id}/checkin/arrivals", tag = "checkin",
    params(("id" = i64, Path, description = "Edition id")),
    responses(
        (status = 200, content_type = "text/event-stream",
         description = "`data:` lines, each an Attendance as JSON", body = String),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 429, description = "Too many streams open", body = ErrorBody),
    ))]
pub async fn arrivals(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
) -> Result<Response, ApiError> {
    caller.may(Operation::ViewArrivals)?;
    let hub = Hub::of(&state);
    let place = hub.stream_place(caller.0.id)?;
    // The first event is made here, so a wrong edition is a plain 404.
    let first = service::attendance(&state.db, edition_id).await?;
    let watch = Watch {
        first: Some(first),
        changes: hub.changes(edition_id),
        db: state.db.clone(),
        user_id: caller.0.id,
        edition_id,
        _place: place,
    };
    let stream = futures_util::stream::unfold(watch, |mut watch| async move {
        let attendance = watch.next().await?;
        let event = Event::default()
            .json_data(&attendance)
            .unwrap_or_else(|_| Event::default().comment("unavailable"));
        Some((Ok::<_, Infallible>(event), watch))
    });
    Ok(Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response())
}

/// One open arrivals stream.
struct Watch {
    first: Option<Attendance>,
    changes: tokio::sync::watch::Receiver<u64>,
    db: sea_orm::DatabaseConnection,
    user_id: i64,
    edition_id: i64,
    _place: app::checkin::hub::StreamPlace,
}

impl Watch {
    /// The next counts to send; `None` ends the stream (the account may no
    /// longer watch, or the server is stopping).
    async fn next(&mut self) -> Option<Attendance> {
        if let Some(first) = self.first.take() {
            return Some(first);
        }
        let mut recheck = tokio::time::interval(STREAM_RECHECK);
        recheck.reset();
        loop {
            tokio::select! {
                changed = self.changes.changed() => {
                    changed.ok()?;
                    break;
                }
                _ = recheck.tick() => {
                    if !self.still_allowed().await {
                        return None;
                    }
                }
            }
        }
        tokio::time::sleep(STREAM_PAUSE).await;
        self.changes.borrow_and_update();
        if !self.still_allowed().await {
            return None;
        }
        service::attendance(&self.db, self.edition_id).await.ok()
    }

    async fn still_allowed(&self) -> bool {
        app::auth::service::still_may(&self.db, self.user_id, Operation::ViewArrivals)
            .await
            .unwrap_or(false)
    }
}
