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
mod members;
mod privacy;
mod programme;
mod registrations;

use axum::response::Response;
use axum::routing::{delete, get, post, put};
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
        editions::list_rooms,
        editions::add_room,
        editions::delete_room,
        programme::list_sessions,
        programme::get_session,
        programme::create_session,
        programme::update_session,
        programme::delete_session,
        programme::publish_session,
        programme::cancel_session,
        programme::conflicts,
        programme::agenda,
        programme::book,
        programme::unbook,
        programme::renew_feed,
        programme::edition_feed,
        programme::room_feed,
        programme::committee_feed,
        programme::session_feed,
        programme::agenda_feed,
        audit::list,
        audit::export,
        badges::badge_pdf,
        badges::reprint,
        badges::qr_png,
        badges::qr_svg,
        badges::start_batch,
        badges::get_batch,
        badges::batch_pdf,
        badges::list_keys,
        badges::rotate_key,
        badges::revoke_key,
        badges::revocations,
        badges::verify,
        checkin::pair,
        checkin::bootstrap,
        checkin::scan,
        checkin::upload,
        checkin::undo,
        checkin::search,
        checkin::reprint,
        checkin::list_devices,
        checkin::register_device,
        checkin::new_pairing,
        checkin::revoke_device,
        checkin::attendance,
        checkin::arrivals,
        budget::get_settings,
        budget::put_settings,
        budget::put_threshold,
        budget::summary,
        budget::chart,
        budget::summary_pdf,
        budget::items_csv,
        budget::list_categories,
        budget::add_category,
        budget::update_category,
        budget::delete_category,
        budget::copy_categories,
        budget::list_payers,
        budget::add_payer,
        budget::delete_payer,
        budget::list_rates,
        budget::add_rate,
        budget::delete_rate,
        budget::list_items,
        budget::create_item,
        budget::get_item,
        budget::update_item,
        budget::approve_item,
        budget::add_receipt,
        budget::get_receipt,
        budget::delete_receipt,
        budget::list_income,
        budget::add_income,
        budget::update_income,
        budget::delete_income,
        budget::history,
        agreements::list_templates,
        agreements::create_template,
        agreements::get_template,
        agreements::update_template,
        agreements::delete_template,
        agreements::list,
        agreements::create,
        agreements::get,
        agreements::update,
        agreements::save_text,
        agreements::move_status,
        agreements::sign,
        agreements::versions,
        agreements::version_text,
        agreements::compare,
        agreements::comments,
        agreements::add_comment,
        agreements::contact_link,
        agreements::agreement_pdf,
        agreements::list_activities,
        agreements::create_activity,
        agreements::get_activity,
        agreements::update_activity,
        agreements::add_note,
        agreements::my_activities,
        agreements::my_note,
        agreements::dashboard,
        agreements::list_initiatives,
        agreements::create_initiative,
        agreements::update_initiative,
        agreements::ceremony,
        agreements::outcome,
        agreements::outcome_csv,
        agreements::outcome_pdf,
        agreements::outcome_svg,
        privacy::get_retention,
        privacy::set_retention,
        privacy::my_data,
        privacy::request_erasure,
        privacy::erase_person,
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

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
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
        .route(
            "/editions/{id}/registrations/{registration_id}/badge.pdf",
            get(badges::badge_pdf),
        )
        .route(
            "/editions/{id}/registrations/{registration_id}/badge/reprint",
            post(badges::reprint),
        )
        .route(
            "/editions/{id}/registrations/{registration_id}/badge/qr.png",
            get(badges::qr_png),
        )
        .route(
            "/editions/{id}/registrations/{registration_id}/badge/qr.svg",
            get(badges::qr_svg),
        )
        .route("/editions/{id}/badges/batches", post(badges::start_batch))
        .route(
            "/editions/{id}/badges/batches/{batch_id}",
            get(badges::get_batch),
        )
        .route(
            "/editions/{id}/badges/batches/{batch_id}/badges.pdf",
            get(badges::batch_pdf),
        )
        .route(
            "/editions/{id}/badges/keys",
            get(badges::list_keys).post(badges::rotate_key),
        )
        .route(
            "/editions/{id}/badges/keys/{key_id}/revoke",
            post(badges::revoke_key),
        )
        .route(
            "/editions/{id}/badges/revocations",
            get(badges::revocations),
        )
        .route("/editions/{id}/badges/verify", post(badges::verify))
        .route(
            "/editions/{id}/checkin/devices",
            get(checkin::list_devices).post(checkin::register_device),
        )
        .route(
            "/editions/{id}/checkin/devices/{device_id}/pairing",
            post(checkin::new_pairing),
        )
        .route(
            "/editions/{id}/checkin/devices/{device_id}/revoke",
            post(checkin::revoke_device),
        )
        .route(
            "/editions/{id}/checkin/attendance",
            get(checkin::attendance),
        )
        .route("/editions/{id}/checkin/arrivals", get(checkin::arrivals))
        .route(
            "/editions/{id}/budget",
            get(budget::get_settings).put(budget::put_settings),
        )
        .route(
            "/editions/{id}/budget/threshold",
            put(budget::put_threshold),
        )
        .route("/editions/{id}/budget/summary", get(budget::summary))
        .route(
            "/editions/{id}/budget/summary.pdf",
            get(budget::summary_pdf),
        )
        .route("/editions/{id}/budget/charts/{chart}", get(budget::chart))
        .route("/editions/{id}/budget/items.csv", get(budget::items_csv))
        .route(
            "/editions/{id}/budget/categories",
            get(budget::list_categories).post(budget::add_category),
        )
        .route(
            "/editions/{id}/budget/categories/copy",
            post(budget::copy_categories),
        )
        .route(
            "/editions/{id}/budget/categories/{category_id}",
            put(budget::update_category).delete(budget::delete_category),
        )
        .route(
            "/editions/{id}/budget/payers",
            get(budget::list_payers).post(budget::add_payer),
        )
        .route(
            "/editions/{id}/budget/payers/{payer_id}",
            delete(budget::delete_payer),
        )
        .route(
            "/editions/{id}/budget/rates",
            get(budget::list_rates).post(budget::add_rate),
        )
        .route(
            "/editions/{id}/budget/rates/{rate_id}",
            delete(budget::delete_rate),
        )
        .route(
            "/editions/{id}/budget/items",
            get(budget::list_items).post(budget::create_item),
        )
        .route(
            "/editions/{id}/budget/items/{item_id}",
            get(budget::get_item).put(budget::update_item),
        )
        .route(
            "/editions/{id}/budget/items/{item_id}/approve",
            post(budget::approve_item),
        )
        .route(
            "/editions/{id}/budget/items/{item_id}/receipts",
            // The body is the file: body_limit lets it reach 10 MB, and
            // the extractor's own 2 MB default must follow.
            post(budget::add_receipt).layer(axum::extract::DefaultBodyLimit::max(
                crate::body_limit::RECEIPT_BODY_BYTES + 1,
            )),
        )
        .route(
            "/editions/{id}/budget/items/{item_id}/receipts/{receipt_id}",
            get(budget::get_receipt).delete(budget::delete_receipt),
        )
        .route(
            "/editions/{id}/budget/income",
            get(budget::list_income).post(budget::add_income),
        )
        .route(
            "/editions/{id}/budget/income/{income_id}",
            put(budget::update_income).delete(budget::delete_income),
        )
        .route("/editions/{id}/budget/history", get(budget::history))
        .route(
            "/agreement-templates",
            get(agreements::list_templates).post(agreements::create_template),
        )
        .route(
            "/agreement-templates/{id}",
            get(agreements::get_template)
                .put(agreements::update_template)
                .delete(agreements::delete_template),
        )
        .route(
            "/agreements",
            get(agreements::list).post(agreements::create),
        )
        .route(
            "/agreements/{id}",
            get(agreements::get).put(agreements::update),
        )
        .route("/agreements/{id}/text", put(agreements::save_text))
        .route("/agreements/{id}/status", post(agreements::move_status))
        .route("/agreements/{id}/signing", post(agreements::sign))
        .route("/agreements/{id}/versions", get(agreements::versions))
        .route(
            "/agreements/{id}/versions/{number}",
            get(agreements::version_text),
        )
        .route(
            "/agreements/{id}/versions/{number}/comments",
            get(agreements::comments).post(agreements::add_comment),
        )
        .route("/agreements/{id}/compare", get(agreements::compare))
        .route(
            "/agreements/{id}/parties/{party_id}/contact-link",
            post(agreements::contact_link),
        )
        .route(
            "/agreements/{id}/agreement.pdf",
            get(agreements::agreement_pdf),
        )
        .route(
            "/agreements/{id}/activities",
            get(agreements::list_activities).post(agreements::create_activity),
        )
        .route(
            "/agreements/{id}/activities/{activity_id}",
            get(agreements::get_activity).put(agreements::update_activity),
        )
        .route(
            "/agreements/{id}/activities/{activity_id}/notes",
            post(agreements::add_note),
        )
        .route("/my/activities", get(agreements::my_activities))
        .route(
            "/my/activities/{activity_id}/notes",
            post(agreements::my_note),
        )
        .route("/my/data", get(privacy::my_data))
        .route("/my/erasure-request", post(privacy::request_erasure))
        .route(
            "/editions/{id}/retention",
            get(privacy::get_retention).put(privacy::set_retention),
        )
        .route(
            "/editions/{id}/registrations/{registration_id}/erase",
            post(privacy::erase_person),
        )
        .route("/follow-up", get(agreements::dashboard))
        .route(
            "/initiatives",
            get(agreements::list_initiatives).post(agreements::create_initiative),
        )
        .route("/initiatives/{id}", put(agreements::update_initiative))
        .route("/editions/{id}/signing-ceremony", get(agreements::ceremony))
        .route("/editions/{id}/outcome", get(agreements::outcome))
        .route("/editions/{id}/outcome.csv", get(agreements::outcome_csv))
        .route("/editions/{id}/outcome.pdf", get(agreements::outcome_pdf))
        .route("/editions/{id}/outcome.svg", get(agreements::outcome_svg))
        .route("/checkin/pair", post(checkin::pair))
        .route("/checkin/bootstrap", get(checkin::bootstrap))
        .route("/checkin/scans", post(checkin::scan))
        .route("/checkin/scans/batch", post(checkin::upload))
        .route("/checkin/scans/{client_id}/undo", post(checkin::undo))
        .route("/checkin/search", get(checkin::search))
        .route(
            "/checkin/people/{registration_id}/reprint",
            post(checkin::reprint),
        )
        .route(
            "/editions/{id}/rooms",
            get(editions::list_rooms).post(editions::add_room),
        )
        .route(
            "/editions/{id}/rooms/{room_id}",
            delete(editions::delete_room),
        )
        .route(
            "/editions/{id}/rooms/{room_id}/calendar.ics",
            get(programme::room_feed),
        )
        .route(
            "/editions/{id}/sessions",
            get(programme::list_sessions).post(programme::create_session),
        )
        .route(
            "/editions/{id}/sessions/{session_id}",
            get(programme::get_session)
                .put(programme::update_session)
                .delete(programme::delete_session),
        )
        .route(
            "/editions/{id}/sessions/{session_id}/publish",
            post(programme::publish_session),
        )
        .route(
            "/editions/{id}/sessions/{session_id}/cancel",
            post(programme::cancel_session),
        )
        .route(
            "/editions/{id}/sessions/{session_id}/calendar.ics",
            get(programme::session_feed),
        )
        .route("/editions/{id}/conflicts", get(programme::conflicts))
        .route("/editions/{id}/calendar.ics", get(programme::edition_feed))
        .route(
            "/editions/{id}/committees/{committee_id}/calendar.ics",
            get(programme::committee_feed),
        )
        .route("/editions/{id}/agenda", get(programme::agenda))
        .route("/editions/{id}/agenda/feed", post(programme::renew_feed))
        .route(
            "/editions/{id}/agenda/{session_id}",
            put(programme::book).delete(programme::unbook),
        )
        .route("/agenda/{token}/calendar.ics", get(programme::agenda_feed))
        .route("/members", get(members::list).post(members::create))
        .route("/members/{id}", get(members::get).patch(members::patch))
        // Read only: the log is written by the services, never through the API.
        .route("/audit", get(audit::list))
        .route("/audit.csv", get(audit::export))
        .fallback(|| async { ApiError(app::error::AppError::NotFound) })
}
