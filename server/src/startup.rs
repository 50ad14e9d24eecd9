//! Builds the application, binds the port, runs it.

use axum::routing::{get, post};
use axum::serve::ListenerExt;
use axum::{Router, extract::State, http::StatusCode, middleware};
use http::{HeaderValue, header};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;
use tower_http::CompressionLevel;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;

use app::app::{App, shell};
use app::state::AppState;
use app::throttle::Throttle;

use crate::config::Config;

/// `GET /healthz`: 200 when the database answers.
async fn healthz(State(db): State<DatabaseConnection>) -> (StatusCode, &'static str) {
    match db.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(err) => {
            tracing::error!(error = %err, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
        }
    }
}

pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let page_paths: Vec<String> = routes.iter().map(|r| r.path().to_owned()).collect();
    let context = {
        let state = state.clone();
        move || provide_context(state.clone())
    };
    let leptos_options = state.leptos_options.clone();
    // Pages and server functions: rendered to their end even when the
    // client goes away (see `pages`).
    let pages = Router::new().leptos_routes_with_context(&state, routes, context.clone(), {
        let options = leptos_options.clone();
        move || shell(options.clone())
    });
    // Forms posted as plain HTML to their pages (see plain_forms).
    let pages = crate::plain_forms::routes(pages, &page_paths)
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .layer(middleware::from_fn(crate::pages::render_to_the_end));
    Router::new()
        .route("/healthz", get(healthz))
        .route("/my/sign-in", post(crate::sign_in::redeem))
        .nest("/api/v1", crate::api::router())
        .merge(crate::checkin_page::router(&leptos_options.site_root))
        .merge(pages)
        .layer(middleware::from_fn(crate::server_fn_status::error_status))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::origin::check_origin,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::throttle::limit_rate,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::caching::cache_headers,
        ))
        // Pages and API answers compressed as the client accepts (the
        // site's files are compressed at build time and served as they
        // are; event streams are left alone, as are images).
        .layer(
            CompressionLayer::new()
                .gzip(true)
                .br(true)
                .quality(CompressionLevel::Precise(4)),
        )
        // No request may be larger than its path allows (see body_limit).
        .layer(middleware::from_fn(crate::body_limit::limit_body))
        // On every answer: no MIME sniffing, no framing by other sites
        // (clickjacking), no full address leaking in the Referer.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("frame-ancestors 'none'"),
        ))
        .with_state(state)
}

pub use crate::body_limit::MAX_BODY_BYTES;

/// A bound, not yet running, application: tests bind port 0 and read it.
pub struct Application {
    listener: TcpListener,
    router: Router,
}

impl Application {
    pub async fn bind(config: &Config, db: DatabaseConnection) -> std::io::Result<Application> {
        let listener = TcpListener::bind(config.leptos.site_addr).await?;
        // The bound address, so that port 0 (tests) gives working links.
        let public_url = match &config.public_url {
            Some(url) => url.clone(),
            None => format!("http://{}", listener.local_addr()?),
        };
        let state = AppState {
            leptos_options: config.leptos.clone(),
            db: db.clone(),
            secure_cookies: config.secure_cookies,
            public_origin: config
                .public_url
                .as_deref()
                .and_then(crate::origin::origin_of)
                .map(str::to_owned),
            public_url,
            throttle: std::sync::Arc::new(Throttle::new(config.rate_limit_scale)),
            trusted_proxies: config.trusted_proxies.clone().into(),
            parts: Default::default(),
        };
        // Who may sign in by a link: a registered person first, then a
        // contact in the agreements.
        state
            .parts
            .insert(std::sync::Arc::new(app::auth::links::LinkRecipients(vec![
                app::registration::service::link_letter,
                app::agreements::service::activities::link_letter,
            ])));
        crate::throttle::sweep_every_minute(&state);
        Ok(Application {
            listener,
            router: router(state),
        })
    }

    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or(0)
    }

    pub async fn run(self) -> std::io::Result<()> {
        // A streamed page leaves in several small writes: with Nagle's
        // algorithm on, each one after the first waits for the client's
        // delayed ACK (~40 ms a page on a kept-alive connection).
        let listener = self.listener.tap_io(|tcp| {
            if let Err(err) = tcp.set_nodelay(true) {
                tracing::warn!(error = %err, "could not set TCP_NODELAY on a connection");
            }
        });
        // The peer's address, for the rate limits.
        let service = self
            .router
            .into_make_service_with_connect_info::<std::net::SocketAddr>();
        axum::serve(listener, service)
            .with_graceful_shutdown(shutdown_signal())
            .await
    }
}

async fn shutdown_signal() {
    let _ = tokio::signal::ctrl_c().await;
}
