//! `/api/v1/editions/{id}/sessions|conflicts|agenda` and the
//! iCalendar feeds. The published programme and its feeds are public;
//! building it needs ManageProgramme; an agenda is the caller's own.

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use http::header::{CACHE_CONTROL, CONTENT_TYPE};

use app::auth::domain::Operation;
use app::locale::{Locale, locale_of};
use app::programme::calendar;
use app::programme::service::{self, Audience, FeedData, FeedScope};
use app::programme::types::{AgendaView, ConflictView, SavedSession, SessionForm, SessionView};
use app::state::AppState;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{ApiError, Caller, ErrorBody};

/// The routes this file serves, each with its OpenAPI entry (relative to
/// `/api/v1`).
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(room_feed))
        .routes(routes!(list_sessions, create_session))
        .routes(routes!(get_session, update_session, delete_session))
        .routes(routes!(publish_session))
        .routes(routes!(cancel_session))
        .routes(routes!(session_feed))
        .routes(routes!(conflicts))
        .routes(routes!(edition_feed))
        .routes(routes!(committee_feed))
        .routes(routes!(agenda))
        .routes(routes!(renew_feed))
        .routes(routes!(book, unbook))
        .routes(routes!(agenda_feed))
}

/// Organizers see drafts and invitation-only sessions; everyone else the
/// published programme.
fn audience(caller: Option<&Caller>) -> Audience {
    match caller {
        Some(caller) if caller.may(Operation::ManageProgramme).is_ok() => Audience::Organizers,
        _ => Audience::Public,
    }
}

/// The sessions by start: for organizers all of them, for anyone else
/// (no token needed) the published ones open to all and the cancelled.
#[utoipa::path(get, path = "/editions/{id}/sessions", tag = "programme",
    params(("id" = i64, Path, description = "Edition id")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = Vec<SessionView>),
        (status = 404, body = ErrorBody),
    ))]
pub async fn list_sessions(
    caller: Option<Caller>,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
) -> Result<Json<Vec<SessionView>>, ApiError> {
    let programme = service::programme(&state.db, edition_id, audience(caller.as_ref())).await?;
    Ok(Json(programme.sessions))
}

#[utoipa::path(get, path = "/editions/{id}/sessions/{session_id}", tag = "programme",
    params(("id" = i64, Path, description = "Edition id"),
           ("session_id" = i64, Path, description = "Session id")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = SessionView),
        (status = 404, body = ErrorBody),
    ))]
pub async fn get_session(
    caller: Option<Caller>,
    State(state): State<AppState>,
    Path((edition_id, id)): Path<(i64, i64)>,
) -> Result<Json<SessionView>, ApiError> {
    Ok(Json(
        service::get_session(&state.db, edition_id, id, audience(caller.as_ref())).await?,
    ))
}

/// A new draft session; the answer lists the conflicts it is part of
/// (they do not prevent saving).
#[utoipa::path(post, path = "/editions/{id}/sessions", tag = "programme",
    params(("id" = i64, Path, description = "Edition id")),
    request_body = SessionForm,
    responses(
        (status = 201, body = SavedSession),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 422, description = "e.g. ends_at: end_not_after_start", body = ErrorBody),
    ))]
pub async fn create_session(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
    body: Result<Json<SessionForm>, JsonRejection>,
) -> Result<(StatusCode, Json<SavedSession>), ApiError> {
    caller.may(Operation::ManageProgramme)?;
    let Json(form) = body?;
    let saved = service::save_session(
        &state.db,
        &caller.actor(),
        edition_id,
        None,
        &form,
        &state.public_url,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(saved)))
}

/// Replaces a session's fields. A published session's SEQUENCE rises; a
/// new time or room is e-mailed to those who booked it.
#[utoipa::path(put, path = "/editions/{id}/sessions/{session_id}", tag = "programme",
    params(("id" = i64, Path, description = "Edition id"),
           ("session_id" = i64, Path, description = "Session id")),
    request_body = SessionForm,
    responses(
        (status = 200, body = SavedSession),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    ))]
pub async fn update_session(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, id)): Path<(i64, i64)>,
    body: Result<Json<SessionForm>, JsonRejection>,
) -> Result<Json<SavedSession>, ApiError> {
    caller.may(Operation::ManageProgramme)?;
    let Json(form) = body?;
    Ok(Json(
        service::save_session(
            &state.db,
            &caller.actor(),
            edition_id,
            Some(id),
            &form,
            &state.public_url,
        )
        .await?,
    ))
}

/// Drafts only; a published session is cancelled instead.
#[utoipa::path(delete, path = "/editions/{id}/sessions/{session_id}", tag = "programme",
    params(("id" = i64, Path, description = "Edition id"),
           ("session_id" = i64, Path, description = "Session id")),
    responses(
        (status = 204),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "published_sessions_are_cancelled", body = ErrorBody),
    ))]
pub async fn delete_session(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, id)): Path<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    caller.may(Operation::ManageProgramme)?;
    service::delete_draft(&state.db, &caller.actor(), edition_id, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(serde::Deserialize, Default, utoipa::ToSchema)]
pub struct PublishBody {
    /// Publish even with room or speaker clashes.
    #[serde(default)]
    pub confirm: bool,
}

#[utoipa::path(post, path = "/editions/{id}/sessions/{session_id}/publish", tag = "programme",
    params(("id" = i64, Path, description = "Edition id"),
           ("session_id" = i64, Path, description = "Session id")),
    request_body = PublishBody,
    responses(
        (status = 200, body = SavedSession),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "hard_conflicts: send confirm", body = ErrorBody),
    ))]
pub async fn publish_session(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, id)): Path<(i64, i64)>,
    body: Result<Json<PublishBody>, JsonRejection>,
) -> Result<Json<SavedSession>, ApiError> {
    caller.may(Operation::ManageProgramme)?;
    let confirm = body.map(|Json(b)| b.confirm).unwrap_or(false);
    Ok(Json(
        service::publish_session(&state.db, &caller.actor(), edition_id, id, confirm).await?,
    ))
}

#[utoipa::path(post, path = "/editions/{id}/sessions/{session_id}/cancel", tag = "programme",
    params(("id" = i64, Path, description = "Edition id"),
           ("session_id" = i64, Path, description = "Session id")),
    responses(
        (status = 200, body = SessionView),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "draft_not_published", body = ErrorBody),
    ))]
pub async fn cancel_session(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, id)): Path<(i64, i64)>,
) -> Result<Json<SessionView>, ApiError> {
    caller.may(Operation::ManageProgramme)?;
    Ok(Json(
        service::cancel_session(
            &state.db,
            &caller.actor(),
            edition_id,
            id,
            &state.public_url,
        )
        .await?,
    ))
}

#[utoipa::path(get, path = "/editions/{id}/conflicts", tag = "programme",
    params(("id" = i64, Path, description = "Edition id")),
    responses(
        (status = 200, body = Vec<ConflictView>),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
    ))]
pub async fn conflicts(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
) -> Result<Json<Vec<ConflictView>>, ApiError> {
    caller.may(Operation::ManageProgramme)?;
    let edition = service::load_edition(&state.db, edition_id).await?;
    Ok(Json(
        service::conflicts_of(&state.db, &edition, None).await?,
    ))
}

/// The caller's agenda: 404 without a registration for the edition, 409
/// `registration_not_approved` before approval.
#[utoipa::path(get, path = "/editions/{id}/agenda", tag = "programme",
    params(("id" = i64, Path, description = "Edition id")),
    responses(
        (status = 200, body = AgendaView),
        (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody),
    ))]
pub async fn agenda(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
) -> Result<Json<AgendaView>, ApiError> {
    caller.may(Operation::ManageOwnRegistration)?;
    Ok(Json(
        service::agenda(&state.db, &caller.0.email, edition_id).await?,
    ))
}

/// Books a session (409 `session_full` past its capacity).
#[utoipa::path(put, path = "/editions/{id}/agenda/{session_id}", tag = "programme",
    params(("id" = i64, Path, description = "Edition id"),
           ("session_id" = i64, Path, description = "Session id")),
    responses(
        (status = 200, body = AgendaView),
        (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "session_full", body = ErrorBody),
    ))]
pub async fn book(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, id)): Path<(i64, i64)>,
) -> Result<Json<AgendaView>, ApiError> {
    caller.may(Operation::ManageOwnRegistration)?;
    Ok(Json(
        service::add_to_agenda(&state.db, &caller.actor(), &caller.0.email, edition_id, id).await?,
    ))
}

#[utoipa::path(delete, path = "/editions/{id}/agenda/{session_id}", tag = "programme",
    params(("id" = i64, Path, description = "Edition id"),
           ("session_id" = i64, Path, description = "Session id")),
    responses(
        (status = 200, body = AgendaView),
        (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody),
    ))]
pub async fn unbook(
    caller: Caller,
    State(state): State<AppState>,
    Path((edition_id, id)): Path<(i64, i64)>,
) -> Result<Json<AgendaView>, ApiError> {
    caller.may(Operation::ManageOwnRegistration)?;
    Ok(Json(
        service::remove_from_agenda(&state.db, &caller.actor(), &caller.0.email, edition_id, id)
            .await?,
    ))
}

/// A new secret address for the agenda's calendar feed; the old one stops
/// working.
#[utoipa::path(post, path = "/editions/{id}/agenda/feed", tag = "programme",
    params(("id" = i64, Path, description = "Edition id")),
    responses(
        (status = 200, body = AgendaView),
        (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody),
    ))]
pub async fn renew_feed(
    caller: Caller,
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
) -> Result<Json<AgendaView>, ApiError> {
    caller.may(Operation::ManageOwnRegistration)?;
    Ok(Json(
        service::renew_agenda_feed(&state.db, &caller.actor(), &caller.0.email, edition_id).await?,
    ))
}

/// The language of a feed's titles.
#[derive(serde::Deserialize, utoipa::IntoParams)]
pub struct FeedQuery {
    /// A language of the app: `en` (default) or `zh`.
    pub lang: Option<String>,
}

impl FeedQuery {
    /// The language asked for when the app speaks it, else the default.
    fn locale(&self) -> Locale {
        self.lang.as_deref().and_then(locale_of).unwrap_or_default()
    }
}

fn calendar_text(text: String) -> Response {
    (
        [
            (CONTENT_TYPE, "text/calendar; charset=utf-8"),
            // Calendar apps poll; a few minutes of staleness is fine.
            (CACHE_CONTROL, "max-age=300"),
        ],
        text,
    )
        .into_response()
}

fn calendar_response(
    data: &FeedData,
    query: Result<Query<FeedQuery>, QueryRejection>,
    public_url: &str,
) -> Result<Response, ApiError> {
    let Query(query) = query?;
    Ok(calendar_text(calendar::render(
        data,
        query.locale(),
        public_url,
    )))
}

/// The whole published programme as iCalendar (public).
#[utoipa::path(get, path = "/editions/{id}/calendar.ics", tag = "programme",
    params(("id" = i64, Path, description = "Edition id"), FeedQuery),
    security(()),
    responses((status = 200, content_type = "text/calendar", body = String),
              (status = 404, body = ErrorBody)))]
pub async fn edition_feed(
    State(state): State<AppState>,
    Path(edition_id): Path<i64>,
    query: Result<Query<FeedQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(query) = query?;
    let text = state
        .part::<app::programme::cache::ProgrammeCache>()
        .edition_feed(&state.db, edition_id, query.locale(), &state.public_url)
        .await?;
    Ok(calendar_text(text.as_ref().clone()))
}

/// One room's sessions as iCalendar (public).
#[utoipa::path(get, path = "/editions/{id}/rooms/{room_id}/calendar.ics", tag = "programme",
    params(("id" = i64, Path, description = "Edition id"),
           ("room_id" = i64, Path, description = "Room id"), FeedQuery),
    security(()),
    responses((status = 200, content_type = "text/calendar", body = String),
              (status = 404, body = ErrorBody)))]
pub async fn room_feed(
    State(state): State<AppState>,
    Path((edition_id, room_id)): Path<(i64, i64)>,
    query: Result<Query<FeedQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let data = service::feed(&state.db, edition_id, FeedScope::Room(room_id)).await?;
    calendar_response(&data, query, &state.public_url)
}

/// One committee's sessions as iCalendar (public).
#[utoipa::path(get, path = "/editions/{id}/committees/{committee_id}/calendar.ics", tag = "programme",
    params(("id" = i64, Path, description = "Edition id"),
           ("committee_id" = i64, Path, description = "Committee id"), FeedQuery),
    security(()),
    responses((status = 200, content_type = "text/calendar", body = String),
              (status = 404, body = ErrorBody)))]
pub async fn committee_feed(
    State(state): State<AppState>,
    Path((edition_id, committee_id)): Path<(i64, i64)>,
    query: Result<Query<FeedQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let data = service::feed(&state.db, edition_id, FeedScope::Committee(committee_id)).await?;
    calendar_response(&data, query, &state.public_url)
}

/// One session as iCalendar (public), for "add to my calendar".
#[utoipa::path(get, path = "/editions/{id}/sessions/{session_id}/calendar.ics", tag = "programme",
    params(("id" = i64, Path, description = "Edition id"),
           ("session_id" = i64, Path, description = "Session id"), FeedQuery),
    security(()),
    responses((status = 200, content_type = "text/calendar", body = String),
              (status = 404, body = ErrorBody)))]
pub async fn session_feed(
    State(state): State<AppState>,
    Path((edition_id, session_id)): Path<(i64, i64)>,
    query: Result<Query<FeedQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let data = service::feed(&state.db, edition_id, FeedScope::Session(session_id)).await?;
    calendar_response(&data, query, &state.public_url)
}

/// A delegate's agenda as iCalendar: the secret address is the key (calendar
/// apps cannot sign in); renewing it makes the old one answer 404.
#[utoipa::path(get, path = "/agenda/{token}/calendar.ics", tag = "programme",
    params(("token" = String, Path, description = "The secret of the feed"), FeedQuery),
    security(()),
    responses((status = 200, content_type = "text/calendar", body = String),
              (status = 404, body = ErrorBody)))]
pub async fn agenda_feed(
    State(state): State<AppState>,
    Path(token): Path<String>,
    query: Result<Query<FeedQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let data = service::agenda_feed(&state.db, &token).await?;
    calendar_response(&data, query, &state.public_url)
}
