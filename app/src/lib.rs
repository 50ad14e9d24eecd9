//! Cities Forum: pages, server functions and domain rules, one module per
//! area. Compiled twice: for the server (`ssr`) and the browser (`hydrate`).

#![recursion_limit = "256"]

// build.rs turns locales/*.json into `pub mod i18n`.
mod translations {
    include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));
}
pub use translations::i18n;

pub mod agreements;
pub mod audit;
pub mod audit_log;
pub mod auth;
pub mod badges;
pub mod budget;
pub mod checkin;
pub mod choice;
pub mod credentials;
pub mod dashboard;
pub mod directory;
pub mod editions;
pub mod error;
pub mod home;
pub mod locale;
pub mod mail;
pub mod outbox;
pub mod paging;
pub mod platform;
pub mod privacy;
pub mod programme;
pub mod registration;
pub mod text;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod forms;
#[cfg(feature = "ssr")]
pub mod heavy;
#[cfg(feature = "ssr")]
pub mod print;
#[cfg(feature = "ssr")]
pub mod spreadsheet;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod throttle;

mod app;

pub use app::{App, shell};

/// The browser's entry point: attach to the server-rendered page. Staff
/// pages are split off (see `app::staff`): hydration waits for the
/// page's own module when it is one of them, and only then is the page
/// marked hydrated (`body[data-hydrated]`, for tests and scripts).
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // An error only means the executor was set up already.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    // Typed before the script arrived: kept through hydration.
    let typed = ui::typed::remember();
    leptos::task::spawn_local(async move {
        let body = leptos::prelude::document()
            .body()
            .expect("a page has a body");
        let owner = leptos::mount::hydrate_from_async(body.clone(), App).await;
        owner.forget();
        // After the tasks hydration started (suspended parts of the page).
        leptos::prelude::set_timeout(
            move || {
                typed.restore();
                let _ = body.set_attribute("data-hydrated", "true");
            },
            std::time::Duration::ZERO,
        );
    });
}
