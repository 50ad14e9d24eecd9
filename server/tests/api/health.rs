use crate::helpers::{backends, spawn_app};

#[tokio::test]
async fn healthz_answers_when_the_database_does() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let response = app.get("/healthz", None).await;
        assert_eq!(response.status(), 200, "{backend:?}");
        assert_eq!(response.text().await.unwrap(), "ok");
    }
}

#[tokio::test]
async fn the_openapi_document_describes_editions_and_members() {
    let app = spawn_app(crate::helpers::Backend::Sqlite).await;
    let response = app.get("/api/v1/openapi.json", None).await;
    assert_eq!(response.status(), 200);
    let doc: serde_json::Value = response.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/v1/editions",
        "/api/v1/editions/{id}",
        "/api/v1/members",
        "/api/v1/members/{id}",
        "/api/v1/editions/{id}/registrations",
    ] {
        assert!(doc["paths"][path].is_object(), "missing {path}");
    }
    assert!(doc["paths"]["/api/v1/editions"]["post"]["responses"]["422"].is_object());
    assert!(doc["components"]["schemas"]["EditionView"].is_object());
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
}

#[tokio::test]
async fn pages_render_on_the_server_with_the_right_status() {
    let app = spawn_app(crate::helpers::Backend::Sqlite).await;
    let home = app.get("/", None).await;
    assert_eq!(home.status(), 200, "a signed-out visitor gets the page");
    let html = home.text().await.unwrap();
    // The public face, not a sign-in wall.
    assert!(!html.contains("Please sign in"), "{html}");
    assert!(
        html.contains("No edition has been announced yet."),
        "{html}"
    );
    assert!(html.contains(r#"lang="en""#));

    let chinese = app
        .client
        .get(app.url("/editions"))
        .header("cookie", "i18n_pref_locale=zh")
        .send()
        .await
        .unwrap();
    let html = chinese.text().await.unwrap();
    assert!(
        html.contains(r#"lang="zh""#) && html.contains("请登录"),
        "{html}"
    );

    let missing = app.get("/no-such-page", None).await;
    assert_eq!(missing.status(), 404);
}

#[tokio::test]
async fn every_answer_carries_the_security_headers_and_a_huge_body_is_refused() {
    let app = spawn_app(crate::helpers::Backend::Sqlite).await;
    for path in ["/healthz", "/", "/api/v1/openapi.json"] {
        let response = app.get(path, None).await;
        let headers = response.headers();
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(
            headers["referrer-policy"], "strict-origin-when-cross-origin",
            "{path}"
        );
        let policy = headers["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            policy.contains("frame-ancestors 'none'"),
            "{path}: {policy}"
        );
        if path == "/" {
            // A page: scripts only with this answer's nonce, which Leptos
            // puts on its own scripts, and a new nonce on every answer.
            let nonce = policy
                .split("'nonce-")
                .nth(1)
                .and_then(|rest| rest.split('\'').next())
                .unwrap()
                .to_owned();
            assert!(policy.contains("object-src 'none'"), "{policy}");
            assert!(!policy.contains("script-src 'self' 'unsafe-inline'"));
            let html = response.text().await.unwrap();
            assert!(html.contains(&format!("nonce=\"{nonce}\"")), "{html}");
            let again = app.get(path, None).await;
            let other = again.headers()["content-security-policy"].to_str().unwrap();
            assert!(!other.contains(&nonce), "a nonce is used once");
        }
    }
    // A body past the limit is refused before any handler reads it.
    let huge = "x".repeat(server::startup::MAX_BODY_BYTES + 1);
    let refused = reqwest::Client::new()
        .post(app.url("/api/v1/editions/1/registrations"))
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 413);
}
