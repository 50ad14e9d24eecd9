use app::auth::types::Role;

use crate::helpers::{backends, spawn_app};

fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("cf_session="))
        .map(str::to_owned)
}

#[tokio::test]
async fn sign_in_rotates_the_session_and_sign_out_ends_it() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        app.token_for(Role::Registrar).await;
        let login = |password: &'static str| {
            app.client
                .post(app.url("/api/auth/login"))
                .header("origin", &app.address)
                .form(&[("email", "Registrar@Forum.example"), ("password", password)])
                .send()
        };

        let wrong = login("not the password").await.unwrap();
        assert_eq!(wrong.status(), 401, "{backend:?}");
        assert!(session_cookie(&wrong).is_none());

        let first = login("correct horse battery staple").await.unwrap();
        assert_eq!(first.status(), 200);
        let first_cookie = session_cookie(&first).expect("a session cookie");
        assert!(first_cookie.contains("HttpOnly"));
        assert!(first_cookie.contains("SameSite=Lax"));

        let second = login("correct horse battery staple").await.unwrap();
        let second_cookie = session_cookie(&second).unwrap();
        assert_ne!(first_cookie, second_cookie, "a new id at each sign-in");

        // The old id no longer works.
        let old_value = first_cookie.split(';').next().unwrap().to_owned();
        let stale = reqwest::Client::new()
            .post(app.url("/api/auth/me"))
            .header("origin", &app.address)
            .header("cookie", &old_value)
            .send()
            .await
            .unwrap();
        assert_eq!(stale.text().await.unwrap(), "null");

        let me = app
            .client
            .post(app.url("/api/auth/me"))
            .header("origin", &app.address)
            .send()
            .await
            .unwrap();
        let me: serde_json::Value = me.json().await.unwrap();
        assert_eq!(me["role"], "registrar");

        let logout = app
            .client
            .post(app.url("/api/auth/logout"))
            .header("origin", &app.address)
            .send()
            .await
            .unwrap();
        assert_eq!(logout.status(), 200);
        let after = reqwest::Client::new()
            .post(app.url("/api/auth/me"))
            .header("origin", &app.address)
            .header("cookie", second_cookie.split(';').next().unwrap())
            .send()
            .await
            .unwrap();
        assert_eq!(after.text().await.unwrap(), "null");
    }
}

#[tokio::test]
async fn a_cross_site_post_riding_on_the_cookie_is_refused() {
    let app = spawn_app(crate::helpers::Backend::Sqlite).await;
    app.token_for(Role::Organizer).await;
    let login = app
        .client
        .post(app.url("/api/auth/login"))
        .header("origin", &app.address)
        .form(&[
            ("email", "organizer@forum.example"),
            ("password", "correct horse battery staple"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 200);
    let forged = app
        .client
        .post(app.url("/api/editions/list"))
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    let no_origin = app
        .client
        .post(app.url("/api/editions/list"))
        .send()
        .await
        .unwrap();
    assert_eq!(no_origin.status(), 403);
}

fn language_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("i18n_pref_locale="))
        .map(str::to_owned)
}

#[tokio::test]
async fn an_account_keeps_the_language_it_reads_in_and_opens_the_next_browser_in_it() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        app.token_for(Role::Registrar).await;
        let login = |browser: &reqwest::Client, cookie: Option<&'static str>| {
            let mut request = browser
                .post(app.url("/api/auth/login"))
                .header("origin", &app.address)
                .form(&[
                    ("email", "registrar@forum.example"),
                    ("password", "correct horse battery staple"),
                ]);
            if let Some(cookie) = cookie {
                request = request.header("cookie", cookie);
            }
            request.send()
        };
        let account_language = || async {
            app::auth::service::find_user_by_email(app.db(), "registrar@forum.example")
                .await
                .unwrap()
                .unwrap()
                .language
        };
        // No language anywhere yet: none is given.
        let plain = login(&app.client, None).await.unwrap();
        assert_eq!(plain.status(), 200);
        assert_eq!(language_cookie(&plain), None, "{backend:?}");
        assert_eq!(account_language().await, None);

        // Signing in from a browser reading Arabic: the account keeps it.
        let arabic = login(&app.client, Some("i18n_pref_locale=ar"))
            .await
            .unwrap();
        assert_eq!(arabic.status(), 200);
        let answer: serde_json::Value = arabic.json().await.unwrap();
        assert_eq!(answer["language"], "ar");
        assert_eq!(account_language().await.as_deref(), Some("ar"));

        // A new browser with no choice opens in Arabic.
        let fresh = crate::helpers::browser();
        let elsewhere = login(&fresh, None).await.unwrap();
        let cookie = language_cookie(&elsewhere).expect("the account's language");
        assert!(cookie.starts_with("i18n_pref_locale=ar;"), "{cookie}");
        assert!(cookie.contains("Path=/"));

        // The switch, signed in, changes the account's language; a
        // language the app does not speak changes nothing, and a visitor's
        // choice touches no account.
        for (code, kept) in [("ru", "ru"), ("xx", "ru")] {
            let switched = fresh
                .post(app.url("/api/auth/language"))
                .header("origin", &app.address)
                .form(&[("code", code)])
                .send()
                .await
                .unwrap();
            assert_eq!(switched.status(), 200, "{code}");
            assert_eq!(account_language().await.as_deref(), Some(kept));
        }
        let visitor = crate::helpers::browser()
            .post(app.url("/api/auth/language"))
            .header("origin", &app.address)
            .form(&[("code", "es")])
            .send()
            .await
            .unwrap();
        assert_eq!(visitor.status(), 200);
        assert_eq!(account_language().await.as_deref(), Some("ru"));
    }
}
