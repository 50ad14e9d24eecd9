//! Badges: every script on the page and back out of it (pdftotext), fonts
//! embedded as subsets (pdffonts), every QR decoded from the rendered page
//! (pdftoppm + zbarimg) and verified by the API; reprints, cancellations,
//! key rotation and revocation, tampered codes; the approval letter's QR;
//! batches and who may print. On SQLite and PostgreSQL.

use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use app::auth::types::Role;
use app::badges::service::code_for_staff;
use app::mail::entity::{attachment, message};
use app::registration::domain::parse_delegation;
use app::registration::service::{decide, register_delegation};
use app::registration::types::{Decision, PersonForm};

use crate::helpers::{Backend, TestApp, backends, open_edition, spawn_app, staff};
use crate::pdf::{check_pdf, run};

const URL: &str = "https://forum.example";

/// Names as delegates write them, one script each, and one that mixes
/// directions; (Latin, own script, category).
pub const PEOPLE: [(&str, &str, &str); 20] = [
    ("Li Hua", "李华", "head_of_delegation"),
    ("Kim Min-jun", "김민준", "delegate"),
    ("Tanaka Yuki", "田中ゆき", "delegate"),
    ("Ivan Petrov", "Иван Петров", "delegate"),
    ("Eleni Papadopoulou", "Ελένη Παπαδοπούλου", "speaker"),
    ("Mohamed El-Ahmad", "محمد الأحمد", "delegate"),
    ("Maryam Rezaei", "مریم رضایی", "observer"),
    ("Yael Cohen", "יעל כהן", "press"),
    ("Priya Sharma", "प्रिया शर्मा", "delegate"),
    ("Sita Adhikari", "सीता अधिकारी", "delegate"),
    ("Rahim Uddin", "রহিম উদ্দিন", "business_council"),
    ("Kavitha Raman", "கவிதா ராமன்", "delegate"),
    ("Somchai Jaidee", "สมชาย ใจดี", "staff"),
    ("Nino Beridze", "ნინო ბერიძე", "delegate"),
    ("Armen Sargsyan", "Արմեն Սարգսյան", "un"),
    ("Aster Bekele", "አስቴር በቀለ", "delegate"),
    ("Omar Haddad", "عمر حداد OMAR", "delegate"),
    // Marks on ligatures: a shadda on sīn and on yā' (each came back
    // without it, or as U+FFFD).
    ("Nadia Kassab", "نادية كسّاب", "delegate"),
    ("Jouriyya Hallaq", "جوريّة الحلّاق", "delegate"),
    (
        "Maria Fernanda de los Ángeles Rodríguez-Villanueva y Castellanos-Echeverría",
        "Maria Fernanda de los Ángeles Rodríguez-Villanueva y Castellanos-Echeverría",
        "delegate",
    ),
];

/// The first language a name's script suggests, for the badge's own word.
fn language_of(native: &str) -> &'static str {
    match native.chars().next() {
        Some('\u{0600}'..='\u{06FF}') => "ar",
        Some('\u{0400}'..='\u{04FF}') => "ru",
        Some('\u{4E00}'..='\u{9FFF}') => "zh",
        _ => "en",
    }
}

fn person(latin: &str, native: &str, category: &str, n: usize) -> PersonForm {
    PersonForm {
        name_native: native.into(),
        name_latin: latin.into(),
        honorific: "H.E.".into(),
        position: "Deputy Mayor for International Cooperation".into(),
        email: format!("p{n}@badges.example"),
        category: category.into(),
        languages: language_of(native).into(),
        ..Default::default()
    }
}

/// Everyone in PEOPLE registered (in one delegation of a member city) and
/// approved: the edition and the ids in PEOPLE's order.
pub(crate) async fn approved_people(app: &TestApp) -> (i64, Vec<i64>) {
    let (edition, _) = open_edition(app).await;
    let member = app.city("서울", "Seoul", "KR").await;
    let people: Vec<PersonForm> = PEOPLE
        .iter()
        .enumerate()
        .map(|(n, (latin, native, category))| person(latin, native, category, n))
        .collect();
    let d = parse_delegation(&people[0], &people[1..], true).unwrap();
    let created = register_delegation(app.db(), &staff(), edition, Some(member), "", d, URL)
        .await
        .unwrap()
        .created;
    let ids: Vec<i64> = created.iter().map(|r| r.id).collect();
    decide(
        app.db(),
        &staff(),
        edition,
        &ids,
        Decision::Approve,
        "",
        URL,
    )
    .await
    .unwrap();
    (edition, ids)
}

async fn verify(app: &TestApp, token: &str, edition: i64, code: &str) -> Value {
    let response = app
        .send_json(
            Method::POST,
            &format!("/api/v1/editions/{edition}/badges/verify"),
            Some(token),
            &json!({ "code": code }),
        )
        .await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn outcome(app: &TestApp, token: &str, edition: i64, code: &str) -> String {
    verify(app, token, edition, code).await["outcome"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Starts a batch and waits for it; the batch's JSON when ready.
async fn batch(app: &TestApp, token: &str, edition: i64, body: Value) -> Value {
    let response = app
        .send_json(
            Method::POST,
            &format!("/api/v1/editions/{edition}/badges/batches"),
            Some(token),
            &body,
        )
        .await;
    assert_eq!(response.status(), 202);
    let started: Value = response.json().await.unwrap();
    let id = started["id"].as_i64().unwrap();
    for _ in 0..600 {
        let view: Value = app
            .get(
                &format!("/api/v1/editions/{edition}/badges/batches/{id}"),
                Some(token),
            )
            .await
            .json()
            .await
            .unwrap();
        match view["status"].as_str().unwrap() {
            "working" => tokio::time::sleep(std::time::Duration::from_millis(100)).await,
            "ready" => return view,
            other => panic!("batch {other}: {view}"),
        }
    }
    panic!("the batch took more than a minute");
}

async fn batch_pdf(app: &TestApp, token: &str, edition: i64, id: i64) -> Vec<u8> {
    let response = app
        .get(
            &format!("/api/v1/editions/{edition}/badges/batches/{id}/badges.pdf"),
            Some(token),
        )
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    response.bytes().await.unwrap().to_vec()
}

/// Words of a name, to look for in extracted text (lines may break a
/// long name, and bidi may order a mixed one differently).
fn words(name: &str) -> Vec<&str> {
    name.split_whitespace().collect()
}

#[tokio::test]
async fn a_batch_prints_every_script_and_every_qr_decodes_and_verifies() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let (edition, ids) = approved_people(&app).await;
        let organizer = app.token_for(Role::Organizer).await;
        let done = batch(&app, &organizer, edition, json!({})).await;
        assert_eq!(done["total"], PEOPLE.len());
        assert_eq!(done["done"], PEOPLE.len());
        if backend != Backend::Sqlite {
            // The rendering is the same on both; the tools run once.
            continue;
        }
        let pdf = batch_pdf(&app, &organizer, edition, done["id"].as_i64().unwrap()).await;
        assert!(pdf.len() < 1_500_000, "{} bytes", pdf.len());
        let checked = check_pdf(&pdf);
        // Four A6 badges a sheet of A4.
        assert_eq!(checked.pages, PEOPLE.len().div_ceil(4));
        assert!(checked.page_size.contains("(A4)"), "{}", checked.page_size);
        for (latin, native, _) in PEOPLE {
            for word in words(native).into_iter().chain(words(latin)) {
                assert!(
                    checked.text.contains(word),
                    "{word:?} of {native} is not in the PDF's text:\n{}",
                    checked.text
                );
            }
        }
        assert!(checked.text.contains("HEAD OF DELEGATION"));
        // The band in English and in the holder's first language beside
        // it, when that is another of the six.
        assert!(
            checked.text.contains("HEAD OF DELEGATION · 代表团团长"),
            "{}",
            checked.text
        );
        assert!(
            checked.text.contains("DELEGATE · ДЕЛЕГАТ"),
            "{}",
            checked.text
        );
        assert!(checked.text.contains("مندوب"), "{}", checked.text);
        assert!(checked.text.contains("Seoul, KR"));
        // Every QR on every page decodes, and each is a valid badge of
        // someone in the batch.
        assert_eq!(checked.codes.len(), PEOPLE.len(), "{:?}", checked.codes);
        let mut seen = Vec::new();
        for code in &checked.codes {
            let answer = verify(&app, &organizer, edition, code).await;
            assert_eq!(answer["outcome"], "valid", "{answer}");
            seen.push(answer["holder"]["registration_id"].as_i64().unwrap());
        }
        seen.sort();
        let mut expected = ids.clone();
        expected.sort();
        assert_eq!(seen, expected);
    }
}

#[tokio::test]
async fn every_layout_has_its_paper_and_one_badge_its_own_page() {
    let app = spawn_app(Backend::Sqlite).await;
    let (edition, ids) = approved_people(&app).await;
    let registrar = app.token_for(Role::Registrar).await;
    // Page sizes in points: A4, Letter, A6, 4 × 3 in, ID-1.
    for (layout, pages, size) in [
        ("a6_on_a4", 1, (595.3, 841.9)),
        ("a6_double_on_a4", 2, (595.3, 841.9)),
        ("4x3_on_letter", 1, (612.0, 792.0)),
        ("a6", 1, (297.6, 419.5)),
        ("4x3", 1, (288.0, 216.0)),
        ("card", 1, (242.6, 153.1)),
    ] {
        let response = app
            .get(
                &format!(
                    "/api/v1/editions/{edition}/registrations/{}/badge.pdf?layout={layout}",
                    ids[8]
                ),
                Some(&registrar),
            )
            .await;
        assert_eq!(response.status(), 200, "{layout}");
        let checked = check_pdf(&response.bytes().await.unwrap());
        assert_eq!(checked.pages, pages, "{layout}");
        let measured: Vec<f64> = checked
            .page_size
            .split_whitespace()
            .filter_map(|w| w.parse().ok())
            .collect();
        assert!(
            (measured[0] - size.0).abs() < 0.5 && (measured[1] - size.1).abs() < 0.5,
            "{layout}: {}",
            checked.page_size
        );
        assert_eq!(checked.codes.len(), pages, "{layout}: every QR must decode");
        assert!(checked.text.contains("प्रिया"), "{layout}: {}", checked.text);
    }
    let bad = app
        .get(
            &format!(
                "/api/v1/editions/{edition}/registrations/{}/badge.pdf?layout=poster",
                ids[0]
            ),
            Some(&registrar),
        )
        .await;
    assert_eq!(bad.status(), 422);
}

#[tokio::test]
async fn a_reprint_or_a_cancellation_stops_the_old_badge() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let (edition, ids) = approved_people(&app).await;
        let organizer = app.token_for(Role::Organizer).await;
        let old = code_for_staff(app.db(), edition, ids[1]).await.unwrap();
        assert_eq!(outcome(&app, &organizer, edition, &old).await, "valid");
        let reprinted = app
            .send_json(
                Method::POST,
                &format!(
                    "/api/v1/editions/{edition}/registrations/{}/badge/reprint",
                    ids[1]
                ),
                Some(&organizer),
                &json!({}),
            )
            .await;
        assert_eq!(reprinted.status(), 200, "{backend:?}");
        let new = code_for_staff(app.db(), edition, ids[1]).await.unwrap();
        assert_ne!(new, old);
        assert_eq!(outcome(&app, &organizer, edition, &old).await, "superseded");
        assert_eq!(outcome(&app, &organizer, edition, &new).await, "valid");

        decide(
            app.db(),
            &staff(),
            edition,
            &ids[2..3],
            Decision::Decline,
            "no visa",
            URL,
        )
        .await
        .unwrap();
        // The code the badge carried (it was approved, then declined).
        let row = app::registration::entity::registration::Entity::find_by_id(ids[2])
            .one(app.db())
            .await
            .unwrap()
            .unwrap();
        let declined_code = app::badges::service::code_for(app.db(), &row)
            .await
            .unwrap();
        assert_eq!(
            outcome(&app, &organizer, edition, &declined_code).await,
            "not_approved"
        );

        let list: Value = app
            .get(
                &format!("/api/v1/editions/{edition}/badges/revocations"),
                Some(&organizer),
            )
            .await
            .json()
            .await
            .unwrap();
        let badges = list["badges"].as_array().unwrap();
        assert!(
            badges.contains(&json!({"registration_id": ids[1], "valid_version": 2})),
            "{list}"
        );
        assert!(
            badges.contains(&json!({"registration_id": ids[2], "valid_version": null})),
            "{list}"
        );
        assert_eq!(badges.len(), 2, "{list}");
    }
}

#[tokio::test]
async fn forged_tampered_foreign_and_stale_codes_are_refused_with_the_reason() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let (edition, ids) = approved_people(&app).await;
        let checkin = app.token_for(Role::Checkin).await;
        let code = code_for_staff(app.db(), edition, ids[0]).await.unwrap();
        assert_eq!(outcome(&app, &checkin, edition, &code).await, "valid");
        // A scanner with Caps Lock on, and a trailing newline.
        assert_eq!(
            outcome(
                &app,
                &checkin,
                edition,
                &format!("{}\n", code.to_lowercase())
            )
            .await,
            "valid"
        );
        // One character changed anywhere in the signature: forged.
        let mut tampered = code.clone();
        let at = code.len() - 20;
        let swap = if &code[at..at + 1] == "A" { "B" } else { "A" };
        tampered.replace_range(at..at + 1, swap);
        assert_eq!(outcome(&app, &checkin, edition, &tampered).await, "forged");
        assert_eq!(
            outcome(&app, &checkin, edition, &code[..code.len() - 9]).await,
            "unreadable"
        );
        assert_eq!(outcome(&app, &checkin, edition, "").await, "unreadable");
        assert_eq!(
            outcome(&app, &checkin, edition, "https://evil.example/?x").await,
            "unreadable"
        );
        let answer = verify(&app, &checkin, edition, &"Z".repeat(5000)).await;
        assert_eq!(answer["outcome"], "unreadable");
        assert!(answer["holder"].is_null());

        // Checked at another edition: refused as another edition's.
        let organizer = app.token_for(Role::Organizer).await;
        let other: Value = app
            .send_json(
                Method::POST,
                "/api/v1/editions",
                Some(&organizer),
                &crate::helpers::edition_body(2028, app.city("釜山", "Busan", "KR").await),
            )
            .await
            .json()
            .await
            .unwrap();
        let other = other["id"].as_i64().unwrap();
        assert_eq!(outcome(&app, &checkin, other, &code).await, "other_edition");

        // A new key signs new badges; the old one verifies until revoked.
        let rotated = app
            .send_json(
                Method::POST,
                &format!("/api/v1/editions/{edition}/badges/keys"),
                Some(&organizer),
                &json!({}),
            )
            .await;
        assert_eq!(rotated.status(), 201);
        let new_key: Value = rotated.json().await.unwrap();
        let keys: Value = app
            .get(
                &format!("/api/v1/editions/{edition}/badges/keys"),
                Some(&checkin),
            )
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(keys.as_array().unwrap().len(), 2);
        assert_eq!(keys[0]["id"], new_key["id"]);
        assert_eq!(keys[0]["public_key"].as_str().unwrap().len(), 64);
        assert!(keys[0].get("sealed_secret").is_none());
        let fresh = code_for_staff(app.db(), edition, ids[3]).await.unwrap();
        let fresh_claim = verify(&app, &checkin, edition, &fresh).await;
        assert_eq!(fresh_claim["claim"]["key_id"], new_key["id"]);
        assert_eq!(outcome(&app, &checkin, edition, &code).await, "valid");
        let old_key = keys[1]["id"].as_i64().unwrap();
        let revoked = app
            .send_json(
                Method::POST,
                &format!("/api/v1/editions/{edition}/badges/keys/{old_key}/revoke"),
                Some(&organizer),
                &json!({}),
            )
            .await;
        assert_eq!(revoked.status(), 200);
        assert_eq!(
            outcome(&app, &checkin, edition, &code).await,
            "revoked_key",
            "{backend:?}"
        );
        assert_eq!(outcome(&app, &checkin, edition, &fresh).await, "valid");
        // A key of another edition cannot sign for this one.
        let other_code = app::credentials::keys::sign(
            &app::credentials::code::BadgeClaim {
                key_id: new_key["id"].as_i64().unwrap() + 1000,
                edition_id: edition,
                registration_id: ids[0],
                version: 1,
            },
            &app::credentials::keys::new_key(),
        );
        assert_eq!(
            outcome(&app, &checkin, edition, &other_code).await,
            "unknown_key"
        );
    }
}

#[tokio::test]
async fn the_approval_letter_carries_the_qr_and_the_forum_dates() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let (edition, ids) = approved_people(&app).await;
        let organizer = app.token_for(Role::Organizer).await;
        let approvals: Vec<message::Model> = message::Entity::find()
            .filter(message::Column::ToAddress.eq("p5@badges.example"))
            .all(app.db())
            .await
            .unwrap()
            .into_iter()
            .filter(|m| m.body_html.contains("cid:"))
            .collect();
        assert_eq!(approvals.len(), 1, "{backend:?}");
        let letter = &approvals[0];
        let files = attachment::Entity::find()
            .filter(attachment::Column::MessageId.eq(letter.id))
            .all(app.db())
            .await
            .unwrap();
        let png = files
            .iter()
            .find(|f| f.content_type == "image/png")
            .unwrap();
        let cid = png.content_id.clone().unwrap();
        assert!(letter.body_html.contains(&format!("cid:{cid}")));
        assert_eq!(&png.body[1..4], b"PNG");
        let ics = files.iter().find(|f| f.file_name == "forum.ics").unwrap();
        let ics = String::from_utf8(ics.body.clone()).unwrap();
        assert!(ics.contains("DTSTART;VALUE=DATE:20271102"), "{ics}");
        assert!(ics.contains("DTEND;VALUE=DATE:20271105"), "{ics}");
        // The text part carries the code itself, and it passes.
        let code = code_for_staff(app.db(), edition, ids[5]).await.unwrap();
        assert!(letter.body_text.contains(&code));
        // The QR image decodes to that code.
        let dir =
            std::env::temp_dir().join(format!("cf-mailqr-{}-{:?}", std::process::id(), backend));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("qr.png");
        std::fs::write(&file, &png.body).unwrap();
        let decoded = run("zbarimg", &["--raw", "-q", file.to_str().unwrap()]);
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(decoded.trim(), code);
        assert_eq!(outcome(&app, &organizer, edition, &code).await, "valid");
    }
}

#[tokio::test]
async fn batches_choose_their_people_and_record_each_print() {
    let app = spawn_app(Backend::Postgres).await;
    let (edition, ids) = approved_people(&app).await;
    let registrar = app.token_for(Role::Registrar).await;
    let delegates = batch(
        &app,
        &registrar,
        edition,
        json!({"selection": {"category": "delegate"}}),
    )
    .await;
    let expected = PEOPLE.iter().filter(|p| p.2 == "delegate").count();
    assert_eq!(delegates["total"], expected);
    let one = batch(
        &app,
        &registrar,
        edition,
        json!({"layout": "card", "selection": {"registration_id": ids[0]}}),
    )
    .await;
    assert_eq!(one["total"], 1);
    // The rest: those whose badge was never printed.
    let rest = batch(
        &app,
        &registrar,
        edition,
        json!({"selection": {"only_unprinted": true}}),
    )
    .await;
    assert_eq!(rest["total"], PEOPLE.len() - expected - 1);
    let none = app
        .send_json(
            Method::POST,
            &format!("/api/v1/editions/{edition}/badges/batches"),
            Some(&registrar),
            &json!({"selection": {"only_unprinted": true}}),
        )
        .await;
    assert_eq!(none.status(), 409);
    let prints = app::badges::entity::badge_print::Entity::find()
        .filter(app::badges::entity::badge_print::Column::EditionId.eq(edition))
        .all(app.db())
        .await
        .unwrap();
    assert_eq!(prints.len(), PEOPLE.len());
    assert!(
        prints
            .iter()
            .all(|p| p.printed_by_label == "registrar@forum.example" && p.version == 1)
    );
    let unknown = app
        .send_json(
            Method::POST,
            &format!("/api/v1/editions/{edition}/badges/batches"),
            Some(&registrar),
            &json!({"selection": {"category": "astronaut"}}),
        )
        .await;
    assert_eq!(unknown.status(), 422);
}

#[tokio::test]
async fn only_staff_who_print_may_print_and_delegates_see_only_their_own_qr() {
    let app = spawn_app(Backend::Sqlite).await;
    let (edition, ids) = approved_people(&app).await;
    let base = format!("/api/v1/editions/{edition}");
    for role in [
        Role::Checkin,
        Role::Finance,
        Role::Coordinator,
        Role::Delegate,
    ] {
        let token = app.token_for(role).await;
        let pdf = app
            .get(
                &format!("{base}/registrations/{}/badge.pdf", ids[0]),
                Some(&token),
            )
            .await;
        assert_eq!(pdf.status(), 403, "{role:?}");
        let started = app
            .send_json(
                Method::POST,
                &format!("{base}/badges/batches"),
                Some(&token),
                &json!({}),
            )
            .await;
        assert_eq!(started.status(), 403, "{role:?}");
    }
    let registrar = app.token_for(Role::Registrar).await;
    let rotate = app
        .send_json(
            Method::POST,
            &format!("{base}/badges/keys"),
            Some(&registrar),
            &json!({}),
        )
        .await;
    assert_eq!(rotate.status(), 403);
    // A delegate without this registration: not found (nothing revealed).
    let delegate = app.token_for(Role::Delegate).await;
    let qr = app
        .get(
            &format!("{base}/registrations/{}/badge/qr.svg", ids[0]),
            Some(&delegate),
        )
        .await;
    assert_eq!(qr.status(), 404);
    // Staff get the QR as SVG and PNG.
    for (file, kind) in [("qr.svg", "image/svg+xml"), ("qr.png", "image/png")] {
        let response = app
            .get(
                &format!("{base}/registrations/{}/badge/{file}", ids[0]),
                Some(&registrar),
            )
            .await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], kind);
    }
    let anonymous = app.get(&format!("{base}/badges/revocations"), None).await;
    assert_eq!(anonymous.status(), 401);

    // The delegate's own badge: its QR once approved, and it passes.
    let mut own = person("Delegate Self", "Delegate Self", "delegate", 99);
    own.email = "delegate@forum.example".into();
    let d = parse_delegation(&own, &[], true).unwrap();
    let mine = register_delegation(app.db(), &staff(), edition, None, "", d, URL)
        .await
        .unwrap()
        .created[0]
        .id;
    let path = format!("{base}/registrations/{mine}/badge/qr.svg");
    assert_eq!(app.get(&path, Some(&delegate)).await.status(), 409);
    decide(
        app.db(),
        &staff(),
        edition,
        &[mine],
        Decision::Approve,
        "",
        URL,
    )
    .await
    .unwrap();
    let svg = app.get(&path, Some(&delegate)).await;
    assert_eq!(svg.status(), 200);
    assert!(svg.text().await.unwrap().starts_with("<svg"));
}

/// `cities-forum serve` with `env` set, on a fresh SQLite file: its exit
/// status and what it said.
fn serve_with(env: &[(&str, &str)]) -> (bool, String) {
    let dir = std::env::temp_dir().join(format!(
        "cf-start-{}-{}",
        std::process::id(),
        chrono::Utc::now().timestamp_micros()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_cities-forum"));
    command
        .arg("serve")
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/forum.db?mode=rwc", dir.display()),
        )
        .env("CF_DATA_DIR", dir.join("data"))
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .env("CF_NO_DEMO", "1")
        .env_remove("CF_BADGE_SECRET");
    for (key, value) in env {
        command.env(key, value);
    }
    let out = command.output().expect("the server binary runs");
    let _ = std::fs::remove_dir_all(&dir);
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[test]
fn a_server_without_its_fonts_or_with_a_bad_badge_secret_says_so_and_does_not_start() {
    let (started, said) = serve_with(&[("CF_FONT_DIR", "/nowhere")]);
    assert!(!started);
    assert!(
        said.contains("NotoSansHebrew-Regular.ttf (Hebrew)"),
        "{said}"
    );
    assert!(said.contains("fonts-noto-core"), "{said}");
    let (started, said) = serve_with(&[("CF_BADGE_SECRET", "not hex")]);
    assert!(!started);
    assert!(
        said.contains("CF_BADGE_SECRET must be 64 hex digits"),
        "{said}"
    );
}
