//! The JSON API under `/api/v1`, described by `/api/v1/openapi.json`.
//! Handlers are thin: the caller's role, the body, one service call.

mod agreements;
mod audit;
mod auth;
mod badges;
mod budget;
mod checkin;
mod editions;
mod error;
mod logistics;
mod members;
mod privacy;
mod programme;
mod registrations;

use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;

use app::state::AppState;

pub use auth::Caller;
pub use error::{ApiError, ErrorBody};

/// What the document says beyond its paths; the paths come from the
/// routes themselves (`areas`), so an endpoint is named once.
#[derive(OpenApi)]
#[openapi(
    info(title = "Cities Forum API", version = "1"),
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
        components.add_security_scheme(
            "device",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "A check-in device's token (`cfd_…`), from `POST /api/v1/checkin/pair`",
                    ))
                    .build(),
            ),
        );
    }
}

/// Every area's routes, each file with its own (relative to `/api/v1`).
fn areas() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(editions::routes())
        .merge(members::routes())
        .merge(registrations::routes())
        .merge(programme::routes())
        .merge(badges::routes())
        .merge(checkin::routes())
        .merge(budget::routes())
        .merge(agreements::routes())
        .merge(logistics::routes())
        .merge(privacy::routes())
        .merge(audit::routes())
}

/// The routes and, from the same entries, the OpenAPI document
/// (`/api/v1/openapi.json`): exactly the routes served.
fn routes_and_document() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let (routes, paths) = areas().split_for_parts();
    (routes, ApiDoc::openapi().nest("/api/v1", paths))
}

pub fn document() -> utoipa::openapi::OpenApi {
    routes_and_document().1
}

/// A page of a list as the API answers it: the rows as the body,
/// `X-Total-Count`, and a `Link` header with the next and previous pages
/// (RFC 8288), so a client that ignores paging still reads an array.
pub fn paged_response<T: serde::Serialize>(
    uri: &http::Uri,
    paged: app::paging::Paged<T>,
) -> Response {
    use axum::response::IntoResponse;
    let pages = paged.pages();
    let link = |page: u32| {
        let others: Vec<&str> = uri
            .query()
            .unwrap_or("")
            .split('&')
            .filter(|pair| !pair.is_empty() && !pair.starts_with("page="))
            .collect();
        let mut query = others.join("&");
        if !query.is_empty() {
            query.push('&');
        }
        format!("<{}?{query}page={page}>", uri.path())
    };
    let mut links = Vec::new();
    if paged.page < pages {
        links.push(format!("{}; rel=\"next\"", link(paged.page + 1)));
    }
    if paged.page > 1 {
        links.push(format!(
            "{}; rel=\"prev\"",
            link(paged.page.min(pages + 1) - 1)
        ));
    }
    let total = paged.total;
    let mut response = Json(paged.items).into_response();
    let headers = response.headers_mut();
    headers.insert("x-total-count", http::HeaderValue::from(total));
    if let Ok(value) = http::HeaderValue::from_str(&links.join(", "))
        && !links.is_empty()
    {
        headers.insert(http::header::LINK, value);
    }
    response
}

/// Marked for the caller's eyes only: the host city's books, receipts,
/// agreements and their reports are never kept by a shared cache.
pub fn private(mut response: Response) -> Response {
    response.headers_mut().insert(
        http::header::CACHE_CONTROL,
        http::HeaderValue::from_static("private, no-store"),
    );
    response
}

/// A file to save: its type and, as `Content-Disposition: attachment`,
/// its name.
pub fn download(content_type: &str, file_name: &str, body: Vec<u8>) -> Response {
    use axum::response::IntoResponse;
    use http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
    (
        [
            (CONTENT_TYPE, content_type.to_owned()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

pub fn router() -> Router<AppState> {
    let (routes, document) = routes_and_document();
    // Written once: the document is the same for every request.
    let document = axum::body::Bytes::from(
        serde_json::to_vec(&document).expect("the OpenAPI document serializes"),
    );
    routes
        .route(
            "/openapi.json",
            get(move || {
                let document = document.clone();
                async move { ([(http::header::CONTENT_TYPE, "application/json")], document) }
            }),
        )
        .fallback(|| async { ApiError(app::error::AppError::NotFound) })
}
