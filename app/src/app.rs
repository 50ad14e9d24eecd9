//! The page shell, the router and the frame around every page.

use leptos::prelude::*;
use leptos_meta::{Link, MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::path;

use crate::agreements::components::{
    AgreementPage, AgreementsPage, MyFollowUpPage, NewAgreementPage,
};
use crate::audit::components::AuditPage;
use crate::auth::components::{
    LinkSignInPage, LoginPage, PasswordPage, ResetPage, SessionMenu, StaffPage, TokensPage,
    provide_session,
};
use crate::badges::components::BadgesPage;
use crate::budget::components::{BudgetItemPage, BudgetPage};
use crate::checkin::components::CheckinPage;
use crate::dashboard::components::DashboardPage;
use crate::directory::components::{
    CommitteesPage, CouncilPage, MemberEditPage, MemberNewPage, MembersPage,
};
use crate::editions::components::{EditionEditPage, EditionNewPage, EditionsPage};
use crate::home::components::{HeaderFold, HomePage, MainNav, provide_forum};
use crate::i18n::*;
use crate::mail::components::OutboxPage;
use crate::programme::components::{AgendaPage, ConflictsPage, ProgrammePage, TimetablePage};
use crate::registration::components::{MyPage, RegisterPage, RegistrationSettingsPage, ReviewPage};
use crate::ui::{LanguageSwitch, NotFound};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    content_security_policy(&options);
    view! {
        <!DOCTYPE html>
        // I18nContextProvider sets lang and dir from the chosen language.
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The page's Content-Security-Policy: scripts only with this response's
/// nonce (Leptos puts it on its hydration and streaming scripts; what they
/// load is trusted through 'strict-dynamic'), WebAssembly compiled from our
/// own files, everything else from this site only, no plugins, no framing,
/// forms posting here only. Inline style attributes stay allowed: the
/// timetable places sessions with them.
#[cfg(feature = "ssr")]
fn content_security_policy(options: &LeptosOptions) {
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    // `cargo leptos watch` reloads the page through its own websocket.
    let reload = if std::env::var("LEPTOS_WATCH").is_ok() {
        format!(" ws://{}:{}", options.site_addr.ip(), options.reload_port)
    } else {
        String::new()
    };
    let policy = format!(
        "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'{reload}; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    );
    if let Ok(value) = http::HeaderValue::from_str(&policy) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="leptos" href="/pkg/cities-forum.css" />
        <Link rel="icon" type_="image/svg+xml" href="/favicon.svg" />
        <I18nContextProvider cookie_options=language_cookie()>
            <Frame />
        </I18nContextProvider>
    }
}

/// One site-wide cookie for the chosen language, kept for a year (the
/// library's default has no path, so each folder would get its own).
fn language_cookie() -> leptos_i18n::context::CookieOptions<Locale> {
    leptos_i18n::context::CookieOptions::default()
        .path("/".to_string())
        .max_age(365_i64 * 24 * 3600 * 1000)
}

/// Marks the body once the browser has taken over, so that tests and
/// scripts know when buttons work.
fn mark_hydrated() {
    Effect::new(move |_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}

#[component]
fn Frame() -> impl IntoView {
    let i18n = use_i18n();
    provide_session();
    provide_forum();
    mark_hydrated();
    view! {
        <Title text=move || t_string!(i18n, app_name).to_string() />
        <Router>
            <header class="top">
                <A href="/" attr:class="brand">
                    {t!(i18n, app_name)}
                </A>
                <HeaderFold>
                    <MainNav />
                    <LanguageSwitch />
                    <SessionMenu />
                </HeaderFold>
            </header>
            <main>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/login") view=LoginPage />
                    <Route path=path!("/editions") view=EditionsPage />
                    <Route path=path!("/editions/new") view=EditionNewPage />
                    <Route path=path!("/editions/:id") view=DashboardPage />
                    <Route path=path!("/editions/:id/settings") view=EditionEditPage />
                    <Route path=path!("/editions/:id/register") view=RegisterPage />
                    <Route path=path!("/editions/:id/registrations") view=ReviewPage />
                    <Route path=path!("/editions/:id/badges") view=BadgesPage />
                    <Route path=path!("/editions/:id/checkin") view=CheckinPage />
                    <Route path=path!("/editions/:id/budget") view=BudgetPage />
                    <Route path=path!("/editions/:id/budget/items/:item") view=BudgetItemPage />
                    <Route
                        path=path!("/editions/:id/registration-settings")
                        view=RegistrationSettingsPage
                    />
                    <Route path=path!("/editions/:id/programme") view=ProgrammePage />
                    <Route path=path!("/editions/:id/timetable") view=TimetablePage />
                    <Route path=path!("/editions/:id/conflicts") view=ConflictsPage />
                    <Route path=path!("/editions/:id/agenda") view=AgendaPage />
                    <Route path=path!("/agreements") view=AgreementsPage />
                    <Route path=path!("/agreements/new") view=NewAgreementPage />
                    <Route path=path!("/agreements/:id") view=AgreementPage />
                    <Route path=path!("/my") view=MyPage />
                    <Route path=path!("/my/follow-up") view=MyFollowUpPage />
                    <Route path=path!("/my/link/:secret") view=LinkSignInPage />
                    <Route path=path!("/account/tokens") view=TokensPage />
                    <Route path=path!("/account/staff") view=StaffPage />
                    <Route path=path!("/account/password/:secret") view=PasswordPage />
                    <Route path=path!("/account/reset") view=ResetPage />
                    <Route path=path!("/members") view=MembersPage />
                    <Route path=path!("/members/new") view=MemberNewPage />
                    <Route path=path!("/members/:id") view=MemberEditPage />
                    <Route path=path!("/committees") view=CommitteesPage />
                    <Route path=path!("/council") view=CouncilPage />
                    <Route path=path!("/outbox") view=OutboxPage />
                    <Route path=path!("/audit") view=AuditPage />
                </Routes>
            </main>
        </Router>
    }
}
