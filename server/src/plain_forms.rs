//! Forms posted as plain HTML to their own page (before the page's script
//! has arrived, or with scripts off; see `app::ui::posted`). The named
//! form's server function runs as the script would have called it, with
//! the same session, rate limit and checks; then the browser is either
//! sent on (303: reloading never posts twice) or given the page again
//! with what was typed and each refusal beside its field.

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use http::header::{CONTENT_LENGTH, CONTENT_TYPE, LOCATION, RETRY_AFTER};
use http::{HeaderValue, Method, StatusCode};
use leptos::prelude::{Owner, ScopedFuture, provide_context};
use leptos_axum::ResponseOptions;

use app::app::shell;
use app::state::AppState;
use app::throttle::ClientAddress;
use app::ui::posted::Submitted;
use app::ui::posted::{FORM_FIELD, Posted};

/// POST on every page: every form posts (none sends what was typed in
/// an address), whether or not it works without the script.
pub fn routes(router: Router<AppState>, pages: &[String]) -> Router<AppState> {
    pages
        .iter()
        .fold(router, |router, page| router.route(page, post(submit)))
}

async fn submit(State(state): State<AppState>, request: Request) -> Response {
    let client = request.extensions().get::<ClientAddress>().map(|c| c.0);
    let (parts, body) = request.into_parts();
    // The body limit of the path applies already (see body_limit).
    let Ok(bytes) = to_bytes(body, usize::MAX).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "request body too large").into_response();
    };
    let Ok(mut fields) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes) else {
        return (StatusCode::BAD_REQUEST, "a form must be sent URL-encoded").into_response();
    };
    if fields.len() > app::forms::FIELDS_MAX {
        return (StatusCode::PAYLOAD_TOO_LARGE, "a form has too many fields").into_response();
    }
    let form = fields
        .iter()
        .find(|(key, _)| key == FORM_FIELD)
        .map(|(_, value)| value.clone())
        .unwrap_or_default();
    fields.retain(|(key, _)| key != FORM_FIELD);
    let posted = Posted {
        form,
        fields,
        error: None,
    };

    if let (Some(limit), Some(client)) = (app::forms::limit(&posted.form), client)
        && let Err(refusal) = state.throttle.check_address(limit, client)
    {
        return page_again(state, parts, posted.refused(refusal)).await;
    }

    let options = ResponseOptions::default();
    let outcome = {
        let (state, parts, options, posted) = (
            state.clone(),
            parts.clone(),
            options.clone(),
            posted.clone(),
        );
        // A root of its own, as a page render has: nothing of another
        // request on this worker thread can be its parent.
        let owner = Owner::new_root(None);
        owner
            .with(|| {
                ScopedFuture::new(async move {
                    provide_context(parts);
                    provide_context(options);
                    provide_context(state);
                    app::forms::submit(&posted).await
                })
            })
            .await
    };
    match outcome {
        Ok(Submitted::Done(to)) => {
            let here = parts
                .uri
                .path_and_query()
                .map(|p| p.as_str().to_owned())
                .unwrap_or_else(|| "/".to_owned());
            let mut response = StatusCode::SEE_OTHER.into_response();
            if let Ok(location) = HeaderValue::from_str(&to.unwrap_or(here)) {
                response.headers_mut().insert(LOCATION, location);
            }
            // What the server function set: the session cookie of a sign-in.
            if let Ok(set) = options.0.read() {
                for (name, value) in set.headers.iter() {
                    response.headers_mut().append(name, value.clone());
                }
            }
            response
        }
        Ok(Submitted::Again(posted)) => page_again(state, parts, posted).await,
        // 204 leaves the browser on the page as it was, with everything
        // typed, for the script to send once it has arrived.
        Ok(Submitted::NeedsScript) => StatusCode::NO_CONTENT.into_response(),
        Err(error) => page_again(state, parts, posted.refused(error)).await,
    }
}

/// The page rendered again, whole (no script needed to show it), with the
/// form as posted; the status says what happened (422 for a refusal).
async fn page_again(state: AppState, mut parts: http::request::Parts, posted: Posted) -> Response {
    let status = posted
        .error
        .as_ref()
        .and_then(|e| StatusCode::from_u16(e.status_code()).ok())
        .unwrap_or(StatusCode::OK);
    let retry_after = posted.error.as_ref().and_then(|e| e.retry_after());
    let posted = app::forms::without_secrets(posted);
    parts.method = Method::GET;
    parts.headers.remove(CONTENT_TYPE);
    parts.headers.remove(CONTENT_LENGTH);
    let options = state.leptos_options.clone();
    let render = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(state.clone());
            provide_context(posted.clone());
        },
        move || shell(options.clone()),
    );
    let mut response = render(Request::from_parts(parts, Body::empty())).await;
    *response.status_mut() = status;
    if let Some(seconds) = retry_after {
        response
            .headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from(seconds));
    }
    response
}
