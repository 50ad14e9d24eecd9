//! What a first visit costs, on the demo's data: the public home page for
//! a visitor and an edition's dashboard for an organizer (session cookie),
//! on SQLite and PostgreSQL, each under `wrk` on kept-alive connections
//! beside `/healthz` of the same server in the same run; then the two
//! reads in-process (median of 200), without HTTP or rendering.
//! Run: `cargo bench -p server --bench first_impressions`. Targets
//! (release build, 2 cores): the public home page p50 ≤ 10 ms under 8
//! connections; the dashboard's reads ≤ 10 ms for one request, and p50 ≤
//! 50 ms with 8 organizers at once (it is an organizer's page: a handful
//! of people, not the public).

use std::time::Duration;

use app::auth::guard::SESSION_COOKIE;
use app::auth::service::{create_session, find_user_by_email};

mod common;

use common::{median, print_wrk};

#[tokio::main]
async fn main() {
    for target in common::targets("cf_bench_first").await {
        let (db, base, _token) = target.start().await;
        server::demo::load(&db, &base)
            .await
            .expect("the demo loads");
        let organizer = find_user_by_email(&db, "organizer@bench.example")
            .await
            .unwrap()
            .unwrap();
        let session = create_session(&db, organizer.id).await.unwrap();
        let cookie = vec![format!("Cookie: {SESSION_COOKIE}={session}")];
        for (what, path, headers) in [
            ("home page (visitor)", "/", Vec::new()),
            ("dashboard (organizer)", "/editions/1", cookie.clone()),
            ("/healthz", "/healthz", Vec::new()),
        ] {
            print_wrk(target.name, what, format!("{base}{path}"), headers).await;
        }
        let home = median(200, || async {
            app::home::service::home(&db, false).await.unwrap();
        })
        .await;
        let dashboard = median(200, || async {
            app::dashboard::service::edition_dashboard(&db, &Default::default(), 1)
                .await
                .unwrap();
        })
        .await;
        // Where the dashboard's time goes.
        let edition = app::editions::service::load_edition(&db, 1).await.unwrap();
        let registration = median(200, || async {
            app::registration::service::registration_summary(&db, 1)
                .await
                .unwrap();
        })
        .await;
        let programme = median(200, || async {
            app::programme::service::programme_summary(&db, &edition)
                .await
                .unwrap();
        })
        .await;
        let mail = median(200, || async {
            app::mail::service::mail_summary(&db).await.unwrap();
        })
        .await;
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{:<10} in-process p50: home {:.2} ms, dashboard {:.2} ms \
             (registration {:.2}, programme {:.2}, mail {:.2})",
            target.name,
            ms(home),
            ms(dashboard),
            ms(registration),
            ms(programme),
            ms(mail),
        );
        target.drop().await;
    }
}
