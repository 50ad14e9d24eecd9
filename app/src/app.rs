//! The page shell, the router and the frame around every page.

use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, Link, MetaTags, Title, provide_meta_context};
use leptos_router::Lazy;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::auth::components::language::LanguageSwitch;
use crate::auth::components::{
    LinkSignInPage, LoginPage, PasswordPage, ResetPage, SessionMenu, provide_session,
};
use crate::home::components::{HeaderFold, HomePage, MainNav, provide_forum};
use crate::i18n::*;
use crate::privacy::components::MyData;
use crate::programme::components::{AgendaPage, ProgrammePage};
use crate::registration::components::{MyPage, RegisterPage};
use crate::ui::NotFound;

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
                // Named with its content's hash in release builds (see
                // server/src/caching.rs), so it is read from here.
                <HashedStylesheet options=options.clone() id="leptos" />
                <HydrationScripts options />
                <MetaTags />
                <crate::ui::posted::PostedScript />
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

#[component]
fn Frame() -> impl IntoView {
    let i18n = use_i18n();
    provide_session();
    provide_forum();
    view! {
        <Title text=move || t_string!(i18n, app_name).to_string() />
        <Router>
            <crate::ui::posted::ForgetPostedOnNavigation />
            // The keyboard's first stop: past the menus to the page itself.
            // rel=external: the browser, not the router, follows it, and moves
            // the keyboard there.
            <a class="skip" href="#content" rel="external">{t!(i18n, skip_to_content)}</a>
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
            <main id="content" tabindex="-1">
                // Public pages (and a delegate's own) are sent whole, not
                // streamed: streamed parts need a script to be put in place,
                // and these must work with scripts off.
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async />
                    <Route path=path!("/editions") view={Lazy::<staff::Editions>::new()} />
                    <Route path=path!("/editions/new") view={Lazy::<staff::EditionNew>::new()} />
                    <Route path=path!("/editions/:id") view={Lazy::<staff::Dashboard>::new()} />
                    <Route path=path!("/editions/:id/settings") view={Lazy::<staff::EditionEdit>::new()} />
                    <Route path=path!("/editions/:id/register") view=RegisterPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/editions/:id/registrations")
                        view={Lazy::<staff::Review>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/editions/:id/badges") view={Lazy::<staff::Badges>::new()} />
                    <Route path=path!("/editions/:id/checkin") view={Lazy::<staff::Checkin>::new()} />
                    <Route path=path!("/editions/:id/budget") view={Lazy::<staff::Budget>::new()} />
                    <Route path=path!("/editions/:id/budget/items/:item") view={Lazy::<staff::BudgetItem>::new()} />
                    <Route
                        path=path!("/editions/:id/registration-settings")
                        view={Lazy::<staff::RegistrationSettings>::new()}
                    />
                    <Route path=path!("/editions/:id/programme") view=ProgrammePage ssr=SsrMode::Async />
                    <Route path=path!("/editions/:id/timetable") view={Lazy::<staff::Timetable>::new()} />
                    <Route path=path!("/editions/:id/conflicts") view={Lazy::<staff::Conflicts>::new()} />
                    <Route path=path!("/editions/:id/agenda") view=AgendaPage ssr=SsrMode::Async />
                    <Route path=path!("/agreements") view={Lazy::<staff::Agreements>::new()} />
                    <Route path=path!("/agreements/new") view={Lazy::<staff::NewAgreement>::new()} />
                    <Route path=path!("/agreements/:id") view={Lazy::<staff::Agreement>::new()} />
                    <Route
                        path=path!("/my")
                        view=|| view! { <MyPage more=|| view! { <MyData /> } /> }
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/my/follow-up") view={Lazy::<staff::MyFollowUp>::new()} />
                    <Route path=path!("/my/link/:secret") view=LinkSignInPage ssr=SsrMode::Async />
                    <Route path=path!("/account/tokens") view={Lazy::<staff::Tokens>::new()} />
                    <Route path=path!("/account/staff") view={Lazy::<staff::Staff>::new()} />
                    <Route path=path!("/account/password/:secret") view=PasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/account/reset") view=ResetPage ssr=SsrMode::Async />
                    <Route path=path!("/members") view={Lazy::<staff::Members>::new()} />
                    <Route path=path!("/members/new") view={Lazy::<staff::MemberNew>::new()} />
                    <Route path=path!("/members/:id") view={Lazy::<staff::MemberEdit>::new()} />
                    <Route path=path!("/committees") view={Lazy::<staff::Committees>::new()} />
                    <Route path=path!("/council") view={Lazy::<staff::Council>::new()} />
                    <Route path=path!("/outbox") view={Lazy::<staff::Outbox>::new()} />
                    <Route path=path!("/audit") view={Lazy::<staff::Audit>::new()} />
                </Routes>
            </main>
        </Router>
    }
}

/// The staff's pages, each in a download of its own (`cargo leptos build
/// --split`): a delegate on a phone never fetches the budget's, the
/// agreements' or the timetable editor's code. The public pages above
/// stay in the main module: they are where most people land.
mod staff {
    use leptos::prelude::*;
    use leptos_router::{LazyRoute, lazy_route};

    use crate::agreements::components::{
        AgreementPage, AgreementsPage, MyFollowUpPage, NewAgreementPage,
    };
    use crate::audit_log::components::AuditPage;
    use crate::auth::components::{StaffPage, TokensPage};
    use crate::badges::components::BadgesPage;
    use crate::budget::components::{BudgetItemPage, BudgetPage};
    use crate::checkin::components::CheckinPage;
    use crate::dashboard::components::DashboardPage;
    use crate::dashboard::settings::EditionEditPage;
    use crate::directory::components::{
        CommitteesPage, CouncilPage, MemberEditPage, MemberNewPage, MembersPage,
    };
    use crate::editions::components::{EditionNewPage, EditionsPage};
    use crate::outbox::components::OutboxPage;
    use crate::programme::components::{ConflictsPage, TimetablePage};
    use crate::registration::components::{RegistrationSettingsPage, ReviewPage};

    /// A route whose page is loaded when it is first visited.
    macro_rules! lazy_page {
        ($route:ident, $page:ident) => {
            pub struct $route;

            #[lazy_route]
            impl LazyRoute for $route {
                fn data() -> Self {
                    $route
                }

                fn view(_this: Self) -> AnyView {
                    view! { <$page /> }.into_any()
                }
            }
        };
    }

    lazy_page!(Editions, EditionsPage);
    lazy_page!(EditionNew, EditionNewPage);
    lazy_page!(Dashboard, DashboardPage);
    lazy_page!(EditionEdit, EditionEditPage);
    lazy_page!(Badges, BadgesPage);
    lazy_page!(Checkin, CheckinPage);
    lazy_page!(Budget, BudgetPage);
    lazy_page!(BudgetItem, BudgetItemPage);
    lazy_page!(Timetable, TimetablePage);
    lazy_page!(Conflicts, ConflictsPage);
    lazy_page!(Agreements, AgreementsPage);
    lazy_page!(NewAgreement, NewAgreementPage);
    lazy_page!(Agreement, AgreementPage);
    lazy_page!(MyFollowUp, MyFollowUpPage);
    lazy_page!(Tokens, TokensPage);
    lazy_page!(Staff, StaffPage);
    lazy_page!(Members, MembersPage);
    lazy_page!(MemberNew, MemberNewPage);
    lazy_page!(MemberEdit, MemberEditPage);
    lazy_page!(Committees, CommitteesPage);
    lazy_page!(Council, CouncilPage);
    lazy_page!(Outbox, OutboxPage);
    lazy_page!(Audit, AuditPage);
    lazy_page!(RegistrationSettings, RegistrationSettingsPage);

    /// The review queue, handed privacy's erasure (registration sits below it).
    pub struct Review;

    #[lazy_route]
    impl LazyRoute for Review {
        fn data() -> Self {
            Review
        }

        fn view(_this: Self) -> AnyView {
            let erase: crate::registration::components::EraseCall =
                |edition, id| Box::pin(crate::privacy::server_fns::erase_registration(edition, id));
            view! { <ReviewPage erase /> }.into_any()
        }
    }
}

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
    let typed = crate::ui::typed::remember();
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
