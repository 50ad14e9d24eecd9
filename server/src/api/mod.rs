//! The JSON API under `/api/v1`, described by `/api/v1/openapi.json`.
//! Handlers are thin: the caller's role, the body, one service call.

mod auth;
mod editions;
mod error;
mod members;
mod registrations;

use axum::routing::get;
use axum::{Json, Router};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use app::state::AppState;

pub use auth::Caller;
pub use error::{ApiError, ErrorBody};

#[derive(OpenApi)]
#[openapi(
    info(title = "Cities Forum API", version = "1"),
    paths(
        editions::list,
        editions::create,
        editions::get,
        editions::patch,
        members::list,
        members::create,
        members::get,
        members::patch,
        registrations::create,
        registrations::list,
        registrations::get,
        registrations::patch,
        registrations::export,
        registrations::import,
        registrations::visa_letter,
    ),
    components(schemas(ErrorBody)),
    modifiers(&BearerAuth),
    security(("bearer" = []))
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("A token from `cities-forum token add --email E`"))
                    .build(),
            ),
        );
    }
}

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi))
        .route("/editions", get(editions::list).post(editions::create))
        .route("/editions/{id}", get(editions::get).patch(editions::patch))
        .route(
            "/editions/{id}/registrations",
            get(registrations::list).post(registrations::create),
        )
        .route(
            "/editions/{id}/registrations.csv",
            get(registrations::export).post(registrations::import),
        )
        .route(
            "/editions/{id}/registrations/{registration_id}",
            get(registrations::get).patch(registrations::patch),
        )
        .route(
            "/editions/{id}/registrations/{registration_id}/visa-letter.pdf",
            get(registrations::visa_letter),
        )
        .route("/members", get(members::list).post(members::create))
        .route("/members/{id}", get(members::get).patch(members::patch))
        .fallback(|| async { ApiError(app::error::AppError::NotFound) })
}
