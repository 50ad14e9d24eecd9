//! The tablets' check-in page, `/checkin`: a plain page with its own
//! small modules (no app bundle: it must load over failing Wi-Fi and run
//! offline from its service worker's cache). Every asset is served under
//! `/checkin/{version}/…`, the version a hash of the assets read at
//! start, so a new build never mixes with a tablet's old cache.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path as UrlPath, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, VARY};
use http::{HeaderMap, HeaderValue, StatusCode};

use app::locale::{code, direction};

/// The files of the page, read once.
pub struct CheckinAssets {
    version: String,
    page: Option<String>,
    worker: Option<String>,
    /// Shared, not copied, by each answer (the decoder is 130 KB).
    files: HashMap<String, (&'static str, Bytes)>,
}

/// What the page may load: our own scripts, the camera, our API.
const PAGE_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob: mediastream:; \
    connect-src 'self'; worker-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next() {
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json") => "application/json",
        Some("png") => "image/png",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

/// Where the page's files are: the site's `checkin/` (copied there from
/// `public/` by the build), else the source tree's (tests run without a
/// site build).
fn folder(site_root: &str) -> PathBuf {
    let built = Path::new(site_root).join("checkin");
    if built.join("index.html").is_file() {
        return built;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/checkin")
}

fn walk(dir: &Path, prefix: &str, out: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        if path.is_dir() {
            walk(&path, &format!("{name}/"), out);
        } else {
            out.push((name, path));
        }
    }
}

impl CheckinAssets {
    pub fn load(site_root: &str) -> CheckinAssets {
        let dir = folder(site_root);
        let mut found = Vec::new();
        walk(&dir, "", &mut found);
        found.sort();
        let mut hasher = std::hash::DefaultHasher::new();
        let mut files = HashMap::new();
        let (mut page, mut worker) = (None, None);
        for (name, path) in found {
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            name.hash(&mut hasher);
            bytes.hash(&mut hasher);
            match name.as_str() {
                "index.html" => page = String::from_utf8(bytes).ok(),
                "sw.js" => worker = String::from_utf8(bytes).ok(),
                _ => {
                    files.insert(name.clone(), (content_type(&name), Bytes::from(bytes)));
                }
            }
        }
        if page.is_none() {
            tracing::warn!(dir = %dir.display(), "the check-in page's files are missing: /checkin answers 404");
        }
        CheckinAssets {
            version: format!("{:016x}", hasher.finish()),
            page,
            worker,
            files,
        }
    }
}

async fn page(State(assets): State<Arc<CheckinAssets>>, headers: HeaderMap) -> Response {
    let Some(page) = &assets.page else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let lang = app::ui::language::reader_language(&headers);
    let body = page
        .replace("{{v}}", &assets.version)
        .replace("{{lang}}", code(lang))
        .replace("{{dir}}", direction(lang));
    (
        [
            (
                CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            // Asked again each time online (the worker answers offline).
            (CACHE_CONTROL, HeaderValue::from_static("no-cache")),
            // In the reader's language.
            (VARY, HeaderValue::from_static("cookie, accept-language")),
            (
                CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(PAGE_POLICY),
            ),
            (
                http::header::HeaderName::from_static("permissions-policy"),
                HeaderValue::from_static("camera=(self)"),
            ),
        ],
        body,
    )
        .into_response()
}

async fn worker(State(assets): State<Arc<CheckinAssets>>) -> Response {
    let Some(worker) = &assets.worker else {
        return StatusCode::NOT_FOUND.into_response();
    };
    (
        [
            (
                CONTENT_TYPE,
                HeaderValue::from_static("text/javascript; charset=utf-8"),
            ),
            (CACHE_CONTROL, HeaderValue::from_static("no-cache")),
            (
                http::header::HeaderName::from_static("service-worker-allowed"),
                HeaderValue::from_static("/checkin"),
            ),
        ],
        worker.replace("{{v}}", &assets.version),
    )
        .into_response()
}

async fn asset(
    State(assets): State<Arc<CheckinAssets>>,
    UrlPath((version, name)): UrlPath<(String, String)>,
) -> Response {
    // An old page asking for its old files gets nothing rather than new
    // files it was not made with.
    match assets
        .files
        .get(&name)
        .filter(|_| version == assets.version)
    {
        Some((kind, bytes)) => (
            [
                (CONTENT_TYPE, HeaderValue::from_static(kind)),
                (
                    CACHE_CONTROL,
                    HeaderValue::from_static("public, max-age=31536000, immutable"),
                ),
            ],
            bytes.clone(),
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// `/checkin`, its service worker and its versioned assets.
pub fn router<S>(site_root: &str) -> Router<S> {
    let assets = Arc::new(CheckinAssets::load(site_root));
    Router::new()
        .route("/checkin", get(page))
        .route("/checkin/sw.js", get(worker))
        .route("/checkin/{version}/{*name}", get(asset))
        .with_state(assets)
}
