//! The host city's budget over HTTP: categories copied and planned, rates,
//! items in several currencies with their conversions, approval above the
//! threshold, receipts checked by content, refusals that save nothing,
//! concurrent saves, the summary, the CSV and PDF for auditors, history.
// Amounts read as whole units and cents: 500_000_00 is 500,000.00.
#![allow(clippy::inconsistent_digit_grouping)]

use reqwest::Method;
use serde_json::{Value, json};

use app::auth::types::Role;

use crate::helpers::{TestApp, backends, call, open_edition, spawn_app};
use crate::pdf::read_pdf;

async fn get(app: &TestApp, path: &str, token: &str) -> (u16, Value) {
    let response = app.get(path, Some(token)).await;
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

fn category<'a>(categories: &'a Value, kind: &str) -> &'a Value {
    categories
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == kind)
        .unwrap_or_else(|| panic!("no {kind} in {categories}"))
}

/// A budget in CNY with venue, catering and contingency planned, USD and
/// JPY rates, and the default payers.
async fn budget(app: &TestApp) -> (i64, String, String, Value, Value) {
    let organizer = app.token_for(Role::Organizer).await;
    let finance = app.token_for(Role::Finance).await;
    let (edition, _) = open_edition(app).await;
    let base = format!("/api/v1/editions/{edition}/budget");
    let (status, settings) = get(app, &base, &finance).await;
    assert_eq!(status, 200);
    // Quanzhou is in China: the budget reports in renminbi.
    assert_eq!(settings["currency"], "CNY");
    assert_eq!(settings["version"], 0);
    let (status, copied) = call(
        app,
        Method::POST,
        &format!("{base}/categories/copy"),
        &finance,
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{copied}");
    // No earlier edition: the standard twelve.
    assert_eq!(copied["copied"], 12);
    assert_eq!(copied["from_edition_id"], Value::Null);
    let (_, categories) = get(app, &format!("{base}/categories"), &finance).await;
    for (kind, planned) in [
        ("venue", 500_000_00),
        ("catering", 120_000_00),
        ("contingency", 50_000_00),
    ] {
        let c = category(&categories, kind);
        let (status, saved) = call(
            app,
            Method::PUT,
            &format!("{base}/categories/{}", c["id"]),
            &finance,
            json!({"planned_minor": planned, "version": c["version"]}),
        )
        .await;
        assert_eq!(status, 200, "{saved}");
    }
    for (currency, day, rate) in [
        ("USD", "2027-01-01", "7.1234"),
        ("USD", "2027-06-01", "7.2"),
        ("JPY", "2027-01-01", "0.0478"),
    ] {
        let (status, saved) = call(
            app,
            Method::POST,
            &format!("{base}/rates"),
            &finance,
            json!({"currency": currency, "valid_from": day, "rate": rate, "source": "Bank of China fixing"}),
        )
        .await;
        assert_eq!(status, 201, "{saved}");
    }
    let (_, categories) = get(app, &format!("{base}/categories"), &finance).await;
    let (_, payers) = get(app, &format!("{base}/payers"), &finance).await;
    let kinds: Vec<&str> = payers
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["host_city", "alliance_project", "business_council"]);
    assert_eq!(payers[0]["name"], "Quanzhou");
    let _ = organizer;
    (edition, base, finance, categories, payers)
}

#[tokio::test]
async fn items_in_several_currencies_add_up_in_the_reporting_one() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let organizer = app.token_for(Role::Organizer).await;
        let (_, base, finance, categories, payers) = budget(&app).await;
        let venue = category(&categories, "venue")["id"].clone();
        let catering = category(&categories, "catering")["id"].clone();
        let host = payers[0]["id"].clone();
        let council = payers[2]["id"].clone();

        // Organizers set the threshold; finance may not.
        let (status, _) = call(
            &app,
            Method::PUT,
            &format!("{base}/threshold"),
            &finance,
            json!({"approval_threshold_minor": 100_000_00}),
        )
        .await;
        assert_eq!(status, 403);
        let (status, settings) = call(
            &app,
            Method::PUT,
            &format!("{base}/threshold"),
            &organizer,
            json!({"approval_threshold_minor": 100_000_00}),
        )
        .await;
        assert_eq!(status, 200, "{settings}");

        // The hall: CNY, committed above the threshold → waits.
        let (status, hall) = call(&app, Method::POST, &format!("{base}/items"), &finance, json!({
            "category_id": venue, "payer_id": host, "description": "Plenary hall, three days",
            "vendor": "Strait Convention Center", "currency": "CNY",
            "planned_minor": 400_000_00, "committed_minor": 420_000_00, "committed_on": "2027-03-01",
        })).await;
        assert_eq!(status, 201, "{hall}");
        assert_eq!(hall["status"], "awaiting_approval");
        assert_eq!(hall["needs_approval"], true);
        // Screens in USD: planned at the Forum's first day (7.2), paid
        // in July (7.2), committed in February (7.1234).
        let (status, screens) = call(
            &app,
            Method::POST,
            &format!("{base}/items"),
            &finance,
            json!({
                "category_id": venue, "payer_id": council, "description": "LED screens",
                "vendor": "Vision AV", "currency": "USD", "planned_minor": 10_000_00,
                "committed_minor": 9_500_00, "committed_on": "2027-02-10",
                "actual_minor": 9_500_00, "paid_on": "2027-07-01", "invoice_ref": "INV-77",
            }),
        )
        .await;
        assert_eq!(status, 201, "{screens}");
        assert_eq!(screens["status"], "paid");
        assert_eq!(screens["planned"]["minor"], 72_000_00);
        assert_eq!(screens["committed"]["minor"], 67_672_30);
        assert_eq!(screens["actual"]["minor"], 68_400_00);
        // Tea in yen (no minor unit): ¥250,000 at 0.0478 = CNY 11,950.00.
        let (status, tea) = call(
            &app,
            Method::POST,
            &format!("{base}/items"),
            &finance,
            json!({
                "category_id": catering, "payer_id": host, "description": "=HYPERLINK(\"x\") tea",
                "currency": "JPY", "planned_minor": 250_000,
            }),
        )
        .await;
        assert_eq!(status, 201, "{tea}");
        assert_eq!(tea["exponent"], 0);
        assert_eq!(tea["planned"]["minor"], 11_950_00);

        let (_, summary) = get(&app, &format!("{base}/summary"), &finance).await;
        assert_eq!(summary["currency"], "CNY");
        assert_eq!(summary["awaiting_approval"], 1);
        assert_eq!(summary["totals"]["budget_minor"], 670_000_00);
        assert_eq!(
            summary["totals"]["planned_minor"],
            (400_000_00i64 + 72_000_00 + 11_950_00)
        );
        assert_eq!(summary["totals"]["committed_minor"], 67_672_30);
        assert_eq!(summary["totals"]["awaiting_minor"], 420_000_00);
        assert_eq!(summary["totals"]["actual_minor"], 68_400_00);
        let venue_line = summary["categories"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["kind"] == "venue")
            .unwrap();
        // Forecast 420,000 + 68,400 against 500,000: 11,600 under plan.
        assert_eq!(venue_line["variance"]["minor"], 11_600_00);
        assert_eq!(venue_line["variance"]["state"], "under");
        assert_eq!(venue_line["variance"]["percent"], "2.3");
        // The totals name their rates: the USD ones used and the yen's.
        let used: Vec<String> = summary["rates_used"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                format!(
                    "{} {} {}",
                    r["currency"].as_str().unwrap(),
                    r["rate"].as_str().unwrap(),
                    r["valid_from"].as_str().unwrap()
                )
            })
            .collect();
        assert_eq!(used.len(), 3, "{used:?}");
        assert!(used.contains(&"USD 7.2 2027-06-01".to_owned()));
        assert!(
            summary["rounding"]
                .as_str()
                .unwrap()
                .contains("halves to even")
        );

        // An organizer approves; then it counts as committed.
        let (status, _) = call(
            &app,
            Method::POST,
            &format!("{base}/items/{}/approve", hall["id"]),
            &finance,
            json!({"version": hall["version"]}),
        )
        .await;
        assert_eq!(status, 403, "finance does not approve");
        let (status, approved) = call(
            &app,
            Method::POST,
            &format!("{base}/items/{}/approve", hall["id"]),
            &organizer,
            json!({"version": hall["version"]}),
        )
        .await;
        assert_eq!(status, 200, "{approved}");
        assert_eq!(approved["status"], "committed");
        assert_eq!(approved["approved_by"], "organizer@forum.example");
        let (status, again) = call(
            &app,
            Method::POST,
            &format!("{base}/items/{}/approve", hall["id"]),
            &organizer,
            json!({"version": approved["version"]}),
        )
        .await;
        assert_eq!(
            (status, again["detail"].as_str()),
            (409, Some("nothing_to_approve"))
        );
        let (_, summary) = get(&app, &format!("{base}/summary"), &finance).await;
        assert_eq!(
            summary["totals"]["committed_minor"],
            420_000_00i64 + 67_672_30
        );
        assert_eq!(summary["awaiting_approval"], 0);
        // The summary is reused until the budget changes: a new plan shows.
        let (_, categories) = get(&app, &format!("{base}/categories"), &finance).await;
        let staff = category(&categories, "staff");
        let (status, _) = call(
            &app,
            Method::PUT,
            &format!("{base}/categories/{}", staff["id"]),
            &finance,
            json!({"planned_minor": 30_000_00, "version": staff["version"]}),
        )
        .await;
        assert_eq!(status, 200);
        let (_, summary) = get(&app, &format!("{base}/summary"), &finance).await;
        assert_eq!(summary["totals"]["budget_minor"], 700_000_00);
        // Raising the commitment after approval: it waits again.
        let mut raised = approved.clone();
        raised["committed_minor"] = json!(430_000_00);
        let (status, raised) = call(
            &app,
            Method::PUT,
            &format!("{base}/items/{}", hall["id"]),
            &finance,
            raised,
        )
        .await;
        assert_eq!(status, 200, "{raised}");
        assert_eq!(raised["status"], "awaiting_approval");
        // Whoever set the amount cannot approve it (four eyes).
        let mut by_organizer = raised.clone();
        by_organizer["committed_minor"] = json!(431_000_00);
        let (_, by_organizer) = call(
            &app,
            Method::PUT,
            &format!("{base}/items/{}", hall["id"]),
            &organizer,
            by_organizer,
        )
        .await;
        let (status, own) = call(
            &app,
            Method::POST,
            &format!("{base}/items/{}/approve", hall["id"]),
            &organizer,
            json!({"version": by_organizer["version"]}),
        )
        .await;
        assert_eq!(
            (status, own["detail"].as_str()),
            (409, Some("approve_own_item"))
        );

        // A rate amounts depend on cannot go; the currency cannot change.
        let (_, rates) = get(&app, &format!("{base}/rates"), &finance).await;
        let june = rates
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["valid_from"] == "2027-06-01")
            .unwrap();
        let jan = rates
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["valid_from"] == "2027-01-01" && r["currency"] == "USD")
            .unwrap();
        // Without June, July's payment still has January's rate.
        let (status, _) = call(
            &app,
            Method::DELETE,
            &format!("{base}/rates/{}", june["id"]),
            &finance,
            json!({}),
        )
        .await;
        assert_eq!(status, 204);
        let (status, refused) = call(
            &app,
            Method::DELETE,
            &format!("{base}/rates/{}", jan["id"]),
            &finance,
            json!({}),
        )
        .await;
        assert_eq!(
            (status, refused["detail"].as_str()),
            (409, Some("rate_in_use"))
        );
        let (_, settings) = get(&app, &base, &finance).await;
        let (status, refused) = call(
            &app,
            Method::PUT,
            &base,
            &finance,
            json!({"currency": "USD", "version": settings["version"]}),
        )
        .await;
        assert_eq!(
            (status, refused["detail"].as_str()),
            (409, Some("currency_in_use"))
        );

        // The CSV: a byte order mark, every item, the rate each used,
        // no formula.
        let csv = app.get(&format!("{base}/items.csv"), Some(&finance)).await;
        assert_eq!(csv.status(), 200);
        assert_eq!(csv.headers()["cache-control"], "private, no-store");
        let csv = csv.text().await.unwrap();
        assert!(csv.starts_with('\u{feff}'));
        assert_eq!(csv.lines().count(), 4, "{csv}");
        assert!(csv.contains("'=HYPERLINK"), "{csv}");
        assert!(csv.contains("USD 7.1234 from 2027-01-01"), "{csv}");
        assert!(csv.contains(",250000,"), "yen without decimals: {csv}");
        assert!(csv.contains(",11950.00,"), "{csv}");

        // The PDF, read by poppler: totals, the rates, both charts' titles.
        let pdf = app
            .get(&format!("{base}/summary.pdf"), Some(&finance))
            .await;
        assert_eq!(pdf.status(), 200);
        let checked = read_pdf(&pdf.bytes().await.unwrap(), false);
        assert!(checked.text.contains("Budget summary"), "{}", checked.text);
        assert!(checked.text.contains("700,000.00"), "{}", checked.text);
        assert!(
            checked.text.contains("1 USD = 7.1234 CNY"),
            "{}",
            checked.text
        );
        assert!(checked.text.contains("halves to even"), "{}", checked.text);
        assert!(
            checked.text.contains("Spending over time"),
            "{}",
            checked.text
        );
        assert_eq!(checked.pages, 2);
        // In the reader's language: the one chosen on the site, else the
        // browser's; `?lang=` names another. Amounts as that language
        // writes numbers (ICU4X): Russian groups with a no-break space,
        // French with a narrow one, both with a decimal comma.
        for (cookie, accept, query, title, chart, total) in [
            (
                "i18n_pref_locale=ru",
                "en",
                "",
                "Сводка бюджета",
                "Расходы во времени",
                "700\u{a0}000,00",
            ),
            (
                "",
                "ar-EG,ar;q=0.9",
                "",
                "موجز الميزانية",
                "الإنفاق بمرور الوقت",
                "700,000.00",
            ),
            (
                "i18n_pref_locale=ru",
                "ar",
                "?lang=zh",
                "预算",
                "支出",
                "700,000.00",
            ),
            (
                "",
                "fr-CH",
                "",
                "Synthèse budgétaire",
                "Dépenses dans le temps",
                "700\u{202f}000,00",
            ),
        ] {
            let mut request = app
                .client
                .get(app.url(&format!("{base}/summary.pdf{query}")))
                .bearer_auth(&finance)
                .header("accept-language", accept);
            if !cookie.is_empty() {
                request = request.header("cookie", cookie);
            }
            let response = request.send().await.unwrap();
            assert_eq!(response.status(), 200);
            let text = read_pdf(&response.bytes().await.unwrap(), false).text;
            assert!(text.contains(title), "{title:?} missing in:\n{text}");
            assert!(text.contains(chart), "{chart:?} missing in:\n{text}");
            assert!(text.contains(total), "{total:?} missing in:\n{text}");
        }

        // The charts as SVG: each category's figures written out.
        let svg = app
            .get(
                &format!("{base}/charts/categories.svg?lang=zh"),
                Some(&finance),
            )
            .await;
        assert_eq!(
            svg.headers()["content-type"],
            "image/svg+xml; charset=utf-8"
        );
        let svg = svg.text().await.unwrap();
        assert!(svg.contains("场地") && svg.contains("500,000.00"), "{svg}");

        // Every change is in the history, with before and after.
        let (_, history) = get(
            &app,
            &format!("{base}/history?item_id={}", hall["id"]),
            &finance,
        )
        .await;
        let actions: Vec<&str> = history["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["action"].as_str().unwrap())
            .collect();
        assert_eq!(actions, ["updated", "updated", "approved", "created"]);
        assert_eq!(history["items"][1]["before"]["committed_minor"], 420_000_00);
        assert_eq!(history["items"][1]["after"]["committed_minor"], 430_000_00);

        // Other roles see nothing of it.
        let registrar = app.token_for(Role::Registrar).await;
        for path in [
            base.clone(),
            format!("{base}/summary"),
            format!("{base}/items"),
            format!("{base}/items.csv"),
        ] {
            assert_eq!(
                app.get(&path, Some(&registrar)).await.status(),
                403,
                "{path}"
            );
            assert_eq!(app.get(&path, None).await.status(), 401, "{path}");
        }
    }
}

#[tokio::test]
async fn bad_input_is_told_beside_its_field_and_saves_nothing() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let (_, base, finance, categories, payers) = budget(&app).await;
        let venue = category(&categories, "venue")["id"].clone();
        let host = payers[0]["id"].clone();
        let item = |extra: Value| {
            let mut body = json!({"category_id": venue, "payer_id": host, "description": "Banners", "currency": "CNY", "planned_minor": 1000});
            for (k, v) in extra.as_object().unwrap() {
                body[k] = v.clone();
            }
            body
        };
        for (extra, field, code) in [
            (json!({"currency": "XYZ"}), "currency", "unknown_currency"),
            (json!({"planned_minor": -5}), "planned", "negative_amount"),
            (json!({"actual_minor": 500}), "paid_on", "actual_needs_date"),
            (
                json!({"committed_minor": 500}),
                "committed_on",
                "commitment_needs_date",
            ),
            (json!({"currency": "EUR"}), "currency", "rate_missing"),
            (
                json!({"currency": "USD", "actual_minor": 5, "paid_on": "2026-12-31"}),
                "paid_on",
                "rate_missing",
            ),
            (json!({"description": " "}), "description", "required"),
            // A NUL would be a 500 on PostgreSQL; a line break no one line.
            (
                json!({"vendor": "Vision\u{0}AV"}),
                "vendor",
                "invalid_characters",
            ),
            (
                json!({"description": "Two\nlines"}),
                "description",
                "line_break",
            ),
            (
                json!({"category_id": 987654}),
                "category_id",
                "unknown_category",
            ),
            (
                json!({"paid_on": "1999-01-01", "actual_minor": 1}),
                "paid_on",
                "date_out_of_range",
            ),
        ] {
            let (status, body) = call(
                &app,
                Method::POST,
                &format!("{base}/items"),
                &finance,
                item(extra.clone()),
            )
            .await;
            assert_eq!(status, 422, "{extra}: {body}");
            assert!(
                body["detail"][field]
                    .as_array()
                    .is_some_and(|codes| codes.contains(&json!(code))),
                "{extra}: {body}"
            );
        }
        let (status, body) = call(
            &app,
            Method::POST,
            &format!("{base}/rates"),
            &finance,
            json!({"currency": "EUR", "valid_from": "2027-01-01", "rate": "0"}),
        )
        .await;
        assert_eq!(
            (status, body["detail"]["rate"][0].as_str()),
            (422, Some("rate_not_positive"))
        );
        let (status, body) = call(
            &app,
            Method::POST,
            &format!("{base}/rates"),
            &finance,
            json!({"currency": "CNY", "valid_from": "2027-01-01", "rate": "1"}),
        )
        .await;
        assert_eq!(
            (status, body["detail"]["currency"][0].as_str()),
            (422, Some("reporting_currency"))
        );
        // Nothing was saved by any of them.
        let items = app.get(&format!("{base}/items"), Some(&finance)).await;
        assert_eq!(items.headers()["x-total-count"], "0");

        // Two officers save one item: the second is told, the first kept.
        let (_, saved) = call(
            &app,
            Method::POST,
            &format!("{base}/items"),
            &finance,
            item(json!({})),
        )
        .await;
        let path = format!("{base}/items/{}", saved["id"]);
        let mut first = saved.clone();
        first["vendor"] = json!("Printer A");
        let mut second = saved.clone();
        second["vendor"] = json!("Printer B");
        let (status, _) = call(&app, Method::PUT, &path, &finance, first).await;
        assert_eq!(status, 200);
        let (status, body) = call(&app, Method::PUT, &path, &finance, second).await;
        assert_eq!(
            (status, body["detail"].as_str()),
            (409, Some("edited_meanwhile"))
        );
        let (_, now) = get(&app, &path, &finance).await;
        assert_eq!(now["vendor"], "Printer A");
        assert_eq!(now["version"], 2);
    }
}

#[tokio::test]
async fn receipts_are_checked_by_content_and_served_to_finance_only() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let (_, base, finance, categories, payers) = budget(&app).await;
        let (_, item) = call(
            &app,
            Method::POST,
            &format!("{base}/items"),
            &finance,
            json!({
                "category_id": category(&categories, "printing")["id"], "payer_id": payers[0]["id"],
                "description": "Programme booklets", "currency": "CNY", "planned_minor": 30_000_00,
            }),
        )
        .await;
        let receipts = format!("{base}/items/{}/receipts", item["id"]);
        let upload = |bytes: Vec<u8>, name: &str| {
            app.client
                .post(app.url(&format!("{receipts}?name={name}")))
                .bearer_auth(&finance)
                .header("content-type", "application/pdf")
                .body(bytes)
                .send()
        };
        let pdf = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".to_vec();
        let response = upload(pdf.clone(), "%E5%8F%91%E7%A5%A8.pdf").await.unwrap();
        assert_eq!(response.status(), 201);
        let receipt: Value = response.json().await.unwrap();
        assert_eq!(receipt["content_type"], "application/pdf");
        assert_eq!(receipt["file_name"], "发票.pdf");
        // A page pretending to be a PDF is refused by what it contains.
        let response = upload(b"<html><script>alert(1)</script>".to_vec(), "x.pdf")
            .await
            .unwrap();
        assert_eq!(response.status(), 422);
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["detail"]["file"][0], "not_a_receipt");
        // Past 10 MB: refused before it is read.
        let mut big = b"%PDF-1.4".to_vec();
        big.resize(10 * 1024 * 1024 + 10, b' ');
        let response = upload(big, "big.pdf").await.unwrap();
        assert_eq!(response.status(), 413);

        let path = format!("{receipts}/{}", receipt["id"]);
        let file = app.get(&path, Some(&finance)).await;
        assert_eq!(file.status(), 200);
        assert_eq!(file.headers()["content-type"], "application/pdf");
        assert!(
            file.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment")
        );
        assert_eq!(file.headers()["cache-control"], "private, no-store");
        assert_eq!(file.bytes().await.unwrap().to_vec(), pdf);
        let registrar = app.token_for(Role::Registrar).await;
        assert_eq!(app.get(&path, Some(&registrar)).await.status(), 403);
        let (_, listed) = get(&app, &format!("{base}/items/{}", item["id"]), &finance).await;
        assert_eq!(listed["receipts"].as_array().unwrap().len(), 1);
        let response = app
            .client
            .delete(app.url(&path))
            .bearer_auth(&finance)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 204);
        assert_eq!(app.get(&path, Some(&finance)).await.status(), 404);
    }
}

/// A custom category is named in more languages by those who keep the
/// budget; the summary, its PDF and its chart read it in the reader's
/// language. A standard category is named by the application.
#[tokio::test]
async fn a_custom_category_reads_in_the_readers_language() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let (edition, base, finance, categories, _) = budget(&app).await;
        let (status, custom) = call(
            &app,
            Method::POST,
            &format!("{base}/categories"),
            &finance,
            json!({"kind": "custom", "name": "Cultural programme", "planned_minor": 80_000_00}),
        )
        .await;
        assert_eq!(status, 201, "{custom}");
        let keeper = crate::roles::sign_in(&app, Role::Finance).await;
        let save = |category: &Value, names: &[(&'static str, &'static str)]| {
            let mut form = vec![
                ("edition_id", edition.to_string()),
                ("category_id", category["id"].to_string()),
            ];
            form.extend(names.iter().map(|(k, v)| (*k, (*v).to_owned())));
            let request = keeper
                .post(app.url("/api/budget/save_category_names"))
                .header("origin", &app.address)
                .form(&form);
            async move {
                let response = request.send().await.unwrap();
                let status = response.status().as_u16();
                (
                    status,
                    response.json::<Value>().await.unwrap_or(Value::Null),
                )
            }
        };
        let (status, saved) = save(
            &custom,
            &[
                ("names[fr]", "Programme culturel"),
                ("names[ru]", "Культурная программа"),
            ],
        )
        .await;
        assert_eq!(status, 200, "{backend:?}: {saved}");
        let (status, refused) =
            save(category(&categories, "venue"), &[("names[fr]", "Lieu")]).await;
        assert_eq!(status, 409, "{refused}");
        assert_eq!(refused["detail"], "category_named_by_app");
        let registrar = crate::roles::sign_in(&app, Role::Registrar).await;
        let forbidden = registrar
            .post(app.url("/api/budget/save_category_names"))
            .header("origin", &app.address)
            .form(&[
                ("edition_id", edition.to_string()),
                ("category_id", custom["id"].to_string()),
                ("names[fr]", "X".to_owned()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(forbidden.status(), 403);

        // The categories and the summary carry the names.
        let (_, listed) = get(&app, &format!("{base}/categories"), &finance).await;
        assert_eq!(
            category(&listed, "custom")["names"]["fr"],
            "Programme culturel"
        );
        // The PDF and the chart in Russian name it in Russian; in Spanish,
        // where it is not written, in English.
        let pdf = |lang: &'static str| {
            let request = app
                .client
                .get(app.url(&format!("{base}/summary.pdf?lang={lang}")))
                .bearer_auth(&finance);
            async move { read_pdf(&request.send().await.unwrap().bytes().await.unwrap(), false).text }
        };
        let russian = pdf("ru").await;
        assert!(russian.contains("Культурная программа"), "{russian}");
        let spanish = pdf("es").await;
        assert!(spanish.contains("Cultural programme"), "{spanish}");
        let svg = app
            .get(
                &format!("{base}/charts/categories.svg?lang=fr"),
                Some(&finance),
            )
            .await
            .text()
            .await
            .unwrap();
        assert!(svg.contains("Programme culturel"), "{svg}");
    }
}
