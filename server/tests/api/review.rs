//! After registering: capacities and the waitlist, invitations, decisions
//! and their letters, the delegate's own page through the e-mailed link,
//! CSV export and import. On SQLite and PostgreSQL.

use reqwest::Method;
use sea_orm::EntityTrait;
use serde_json::{Value, json};

use app::auth::types::Role;
use app::error::AppError;
use app::mail::entity::message;
use app::registration::domain::parse_delegation;
use app::registration::service::{
    create_invitation, decide, import_invited, list_registrations, register_delegation,
    save_settings,
};
use app::registration::types::{
    Decision, PersonForm, RegistrationFilter, RegistrationStatus, SettingsForm,
};

use crate::helpers::{TestApp, backends, edition_body, spawn_app};

const URL: &str = "https://forum.example";

fn person(latin: &str, native: &str, email: &str, category: &str) -> PersonForm {
    PersonForm {
        name_native: native.into(),
        name_latin: latin.into(),
        email: email.into(),
        category: category.into(),
        languages: "zh".into(),
        ..Default::default()
    }
}

/// An edition open for registration, and its host city.
async fn open_edition(app: &TestApp) -> (i64, i64) {
    let organizer = app.token_for(Role::Organizer).await;
    let city = app.city("泉州", "Quanzhou", "CN").await;
    let mut body = edition_body(2027, city);
    body["status"] = json!("registration_open");
    let edition: Value = app
        .send_json(Method::POST, "/api/v1/editions", Some(&organizer), &body)
        .await
        .json()
        .await
        .unwrap();
    (edition["id"].as_i64().unwrap(), city)
}

async fn register_one(app: &TestApp, edition: i64, who: PersonForm) -> Result<i64, AppError> {
    let d = parse_delegation(&who, &[], true)?;
    Ok(register_delegation(app.db(), edition, None, "", d, URL).await?[0].id)
}

fn settings(invite_only: bool, capacities: &[(&str, &str)]) -> SettingsForm {
    SettingsForm {
        invite_only,
        capacities: capacities
            .iter()
            .map(|(c, n)| (c.to_string(), n.to_string()))
            .collect(),
        ..Default::default()
    }
}

async fn subjects_to(app: &TestApp, address: &str) -> Vec<String> {
    message::Entity::find()
        .all(app.db())
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.to_address == address)
        .map(|m| m.subject)
        .collect()
}

#[tokio::test]
async fn past_capacity_people_wait_and_promotion_respects_it() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let (edition, _) = open_edition(&app).await;
        save_settings(
            app.db(),
            edition,
            settings(false, &[("press", "2")]).parse().unwrap(),
        )
        .await
        .unwrap();
        let mut ids = Vec::new();
        for n in 0..3 {
            let who = person(
                &format!("Reporter {n}"),
                "",
                &format!("r{n}@news.example"),
                "press",
            );
            ids.push(register_one(&app, edition, who).await.unwrap());
        }
        let all = list_registrations(app.db(), edition, &RegistrationFilter::default())
            .await
            .unwrap();
        let statuses: Vec<_> = all.iter().map(|r| r.status).collect();
        assert_eq!(
            statuses,
            [
                RegistrationStatus::Submitted,
                RegistrationStatus::Submitted,
                RegistrationStatus::Waitlisted
            ],
            "{backend:?}"
        );

        // Promoting the third while both places are held is refused, and
        // the bulk decision leaves the first two untouched too.
        let err = decide(app.db(), edition, &ids, Decision::Approve, "", URL)
            .await
            .unwrap_err();
        assert_eq!(
            err.field_messages(&format!("registrations.{}", ids[2])),
            vec!["category_full"]
        );
        let still = list_registrations(app.db(), edition, &RegistrationFilter::default())
            .await
            .unwrap();
        assert_eq!(still[0].status, RegistrationStatus::Submitted);

        // A decline needs a reason; with one, the place is freed and the
        // waiting reporter can be promoted in one action.
        assert_eq!(
            decide(app.db(), edition, &ids[..1], Decision::Decline, " ", URL)
                .await
                .unwrap_err()
                .field_messages("reason"),
            vec!["required"]
        );
        let declined = decide(
            app.db(),
            edition,
            &ids[..1],
            Decision::Decline,
            "Press places are for accredited media.",
            URL,
        )
        .await
        .unwrap();
        assert_eq!(
            declined[0].decline_reason.as_deref(),
            Some("Press places are for accredited media.")
        );
        let promoted = decide(app.db(), edition, &ids[2..], Decision::Approve, "", URL)
            .await
            .unwrap();
        assert_eq!(promoted[0].status, RegistrationStatus::Approved);

        // Each decision is a letter in the person's language (Chinese here).
        assert_eq!(
            subjects_to(&app, "r0@news.example").await,
            vec![
                "注册已收到：Cities Forum 2027".to_owned(),
                "注册未获接受：Cities Forum 2027".to_owned()
            ]
        );
        let letters = message::Entity::find().all(app.db()).await.unwrap();
        let declined_letter = letters
            .iter()
            .find(|m| m.subject.starts_with("注册未获接受"))
            .unwrap();
        assert!(
            declined_letter
                .body_text
                .contains("Press places are for accredited media.")
        );
        assert!(
            declined_letter
                .body_text
                .contains("https://forum.example/my/link/")
        );
    }
}

#[tokio::test]
async fn invitations_name_the_member_and_cap_the_delegation() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let (edition, city) = open_edition(&app).await;
        save_settings(app.db(), edition, settings(true, &[]).parse().unwrap())
            .await
            .unwrap();
        let invitation = create_invitation(app.db(), edition, city, Some(2))
            .await
            .unwrap();
        assert_eq!(invitation.code.len(), 8);
        assert_eq!(
            create_invitation(app.db(), edition, city, None)
                .await
                .unwrap_err()
                .field_messages("member_id"),
            vec!["member_invited"]
        );

        let head = person("Li Hua", "李华", "li@qz.example", "head_of_delegation");
        let three = parse_delegation(
            &head,
            &[
                person("Chen Jing", "陈静", "chen@qz.example", "delegate"),
                person("Wang Fang", "王芳", "wang@qz.example", "delegate"),
            ],
            true,
        )
        .unwrap();
        let no_code = register_delegation(app.db(), edition, None, "", three.clone(), URL)
            .await
            .unwrap_err();
        assert_eq!(
            no_code.field_messages("invitation_code"),
            vec!["invitation_required"],
            "{backend:?}"
        );
        let wrong = register_delegation(app.db(), edition, None, "NOTACODE", three.clone(), URL)
            .await
            .unwrap_err();
        assert_eq!(
            wrong.field_messages("invitation_code"),
            vec!["unknown_invitation"]
        );
        let too_many = register_delegation(
            app.db(),
            edition,
            None,
            &invitation.code.to_lowercase(),
            three,
            URL,
        )
        .await
        .unwrap_err();
        assert_eq!(
            too_many.field_messages("members"),
            vec!["delegation_too_large"]
        );
        let two = parse_delegation(
            &head,
            &[person("Chen Jing", "陈静", "chen@qz.example", "delegate")],
            true,
        )
        .unwrap();
        let created = register_delegation(app.db(), edition, None, &invitation.code, two, URL)
            .await
            .unwrap();
        assert_eq!(created[0].member_name.as_deref(), Some("Quanzhou"));
        assert_eq!(created.len(), 2);
    }
}

#[tokio::test]
async fn the_review_queue_filters_and_searches_without_accents() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let (edition, _) = open_edition(&app).await;
        register_one(
            &app,
            edition,
            person("Łukasz Żółw", "", "lz@lodz.example", "delegate"),
        )
        .await
        .unwrap();
        register_one(
            &app,
            edition,
            person("Li Hua", "李华", "li@qz.example", "speaker"),
        )
        .await
        .unwrap();
        let registrar = app.token_for(Role::Registrar).await;
        let path = format!("/api/v1/editions/{edition}/registrations");
        let found: Value = app
            .get(&format!("{path}?q=lukasz%20zolw"), Some(&registrar))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(found.as_array().unwrap().len(), 1, "{backend:?}");
        assert_eq!(found[0]["email"], "lz@lodz.example");
        let native: Value = app
            .get(&format!("{path}?q=%E6%9D%8E"), Some(&registrar))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(native[0]["name_native"], "李华");
        let speakers: Value = app
            .get(
                &format!("{path}?category=speaker&status=submitted"),
                Some(&registrar),
            )
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(speakers.as_array().unwrap().len(), 1);
        let bad = app
            .get(&format!("{path}?status=maybe"), Some(&registrar))
            .await;
        assert_eq!(bad.status(), 422);

        // Decide through the API: PATCH with a decision.
        let id = speakers[0]["id"].as_i64().unwrap();
        let one = format!("{path}/{id}");
        let approved = app
            .send_json(
                Method::PATCH,
                &one,
                Some(&registrar),
                &json!({"decision": "approve"}),
            )
            .await;
        assert_eq!(approved.status(), 200);
        let again = app
            .send_json(
                Method::PATCH,
                &one,
                Some(&registrar),
                &json!({"decision": "approve"}),
            )
            .await;
        assert_eq!(again.status(), 422);
        let got: Value = app.get(&one, Some(&registrar)).await.json().await.unwrap();
        assert_eq!(got["status"], "approved");
        assert_eq!(
            app.get(&format!("{path}/999999"), Some(&registrar))
                .await
                .status(),
            404
        );
    }
}

#[tokio::test]
async fn the_sign_in_link_opens_the_own_page_to_edit_and_cancel() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let (edition, _) = open_edition(&app).await;
        let head = person("Li Hua", "李华", "li@qz.example", "head_of_delegation");
        let d = parse_delegation(
            &head,
            &[person("Chen Jing", "陈静", "chen@qz.example", "delegate")],
            true,
        )
        .unwrap();
        let created = register_delegation(app.db(), edition, None, "", d, URL)
            .await
            .unwrap();
        let letter = message::Entity::find()
            .all(app.db())
            .await
            .unwrap()
            .into_iter()
            .find(|m| m.to_address == "li@qz.example")
            .unwrap();
        let secret = letter
            .body_text
            .split("/my/link/")
            .nth(1)
            .unwrap()
            .split_whitespace()
            .next()
            .unwrap()
            .to_owned();

        let browser = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let bad = browser
            .get(app.url("/my/link/not-a-real-secret"))
            .send()
            .await
            .unwrap();
        assert_eq!(bad.headers()["location"], "/my?link=expired");
        let opened = browser
            .get(app.url(&format!("/my/link/{secret}")))
            .send()
            .await
            .unwrap();
        assert_eq!(opened.status(), 303, "{backend:?}");
        assert_eq!(opened.headers()["location"], "/my");

        let call = |path: &str, form: Vec<(&str, String)>| {
            browser
                .post(app.url(path))
                .header("origin", &app.address)
                .form(&form)
                .send()
        };
        let mine: Value = call("/api/registration/mine", vec![])
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(mine[0]["me"]["email"], "li@qz.example");
        assert_eq!(mine[0]["delegation"][0]["name_latin"], "Chen Jing");

        // The head edits a member of the delegation.
        let member = created[1].id;
        let edit = |id: i64, latin: &str, email: &str, category: &str| {
            vec![
                ("id", id.to_string()),
                ("form[name_native]", "陈静".into()),
                ("form[name_latin]", latin.into()),
                ("form[email]", email.into()),
                ("form[category]", category.into()),
                ("form[languages]", "zh, en".into()),
                ("form[dietary]", "Halal".into()),
            ]
        };
        let edited = call(
            "/api/registration/update_mine",
            edit(member, "Chen Jingjing", "chen@qz.example", "speaker"),
        )
        .await
        .unwrap();
        assert_eq!(edited.status(), 200);
        let edited: Value = edited.json().await.unwrap();
        assert_eq!(edited["name_latin"], "Chen Jingjing");
        assert_eq!(edited["dietary"], "Halal");
        // A member cannot be made head; bad input keeps nothing.
        let refused = call(
            "/api/registration/update_mine",
            edit(member, "", "chen@qz.example", "head_of_delegation"),
        )
        .await
        .unwrap();
        assert_eq!(refused.status(), 422);
        let body: Value = refused.json().await.unwrap();
        assert_eq!(body["detail"]["category"][0], "one_head_per_delegation");
        assert_eq!(body["detail"]["name_latin"][0], "required");

        // Someone else's registration is not found, not forbidden.
        let stranger = register_one(
            &app,
            edition,
            person("Ana", "", "ana@x.example", "observer"),
        )
        .await
        .unwrap();
        let other = call(
            "/api/registration/cancel_mine",
            vec![("id", stranger.to_string())],
        )
        .await
        .unwrap();
        assert_eq!(other.status(), 404);

        let cancelled: Value = call(
            "/api/registration/cancel_mine",
            vec![("id", member.to_string())],
        )
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
        assert_eq!(cancelled["status"], "cancelled");
        let late_edit = call(
            "/api/registration/update_mine",
            edit(member, "Chen", "chen@qz.example", "delegate"),
        )
        .await
        .unwrap();
        assert_eq!(late_edit.status(), 409);

        // Asking for a new link: the same answer for any address, a letter
        // only for a registered one.
        for email in ["li@qz.example", "nobody@x.example"] {
            let asked = app
                .client
                .post(app.url("/api/registration/send_link"))
                .header("origin", &app.address)
                .form(&[("email", email)])
                .send()
                .await
                .unwrap();
            assert_eq!(asked.status(), 200);
        }
        assert_eq!(
            subjects_to(&app, "li@qz.example").await.last().unwrap(),
            "您的城市论坛登录链接"
        );
        assert!(subjects_to(&app, "nobody@x.example").await.is_empty());
    }
}

#[tokio::test]
async fn csv_exports_with_a_bom_and_imports_all_or_nothing() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let (edition, _) = open_edition(&app).await;
        register_one(
            &app,
            edition,
            person("Li Hua", "李华", "li@qz.example", "speaker"),
        )
        .await
        .unwrap();

        let bad = "name_latin,name_native,email,category,member\n\
                   Ahmed Hassan,أحمد حسن,ahmed@alex.example,delegate,Quanzhou\n\
                   ,,not-an-email,delegate,Atlantis\n\
                   Li Again,,li@qz.example,guest,\n";
        let err = import_invited(app.db(), edition, bad, URL)
            .await
            .unwrap_err();
        assert_eq!(err.field_messages("line.3.name_latin"), vec!["required"]);
        assert_eq!(err.field_messages("line.3.email"), vec!["invalid_email"]);
        assert_eq!(err.field_messages("line.3.member"), vec!["unknown_member"]);
        assert_eq!(
            err.field_messages("line.4.category"),
            vec!["unknown_choice"]
        );
        assert_eq!(
            list_registrations(app.db(), edition, &RegistrationFilter::default())
                .await
                .unwrap()
                .len(),
            1,
            "nothing imported ({backend:?})"
        );

        let good = "name_latin,name_native,email,category,member\n\
                    Ahmed Hassan,أحمد حسن,ahmed@alex.example,delegate,quanzhou\n\
                    Zhou Min,周敏,zhou@qz.example,staff,\n";
        let registrar = app.token_for(Role::Registrar).await;
        let imported = app
            .client
            .post(app.url(&format!("/api/v1/editions/{edition}/registrations.csv")))
            .bearer_auth(&registrar)
            .header("content-type", "text/csv")
            .body(good)
            .send()
            .await
            .unwrap();
        assert_eq!(imported.status(), 201, "{backend:?}");
        let imported: Value = imported.json().await.unwrap();
        assert_eq!(imported["imported"], 2);

        let csv = app
            .get(
                &format!("/api/v1/editions/{edition}/registrations.csv"),
                Some(&registrar),
            )
            .await;
        assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
        let bytes = csv.bytes().await.unwrap();
        assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
        let text = String::from_utf8(bytes.to_vec()).unwrap();
        assert_eq!(text.lines().count(), 4);
        assert!(text.contains("أحمد حسن"));
        assert!(text.contains(",approved,delegate,Quanzhou,"));
        assert!(text.contains("李华"));
    }
}

/// Text of a PDF as poppler reads it, without the direction marks it puts
/// around right-to-left runs.
fn pdf_text(pdf: &[u8]) -> String {
    let path = std::env::temp_dir().join(format!(
        "cf-letter-{}-{}.pdf",
        std::process::id(),
        chrono::Utc::now().timestamp_micros()
    ));
    std::fs::write(&path, pdf).unwrap();
    let run = |tool: &str, args: &[&str]| {
        let out = std::process::Command::new(tool)
            .args(args)
            .arg(&path)
            .args(if tool == "pdftotext" {
                &["-"][..]
            } else {
                &[][..]
            })
            .output()
            .unwrap_or_else(|_| panic!("{tool} (poppler-utils; scripts/setup installs it)"));
        assert!(
            out.status.success(),
            "{tool}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let text = run("pdftotext", &["-enc", "UTF-8"]);
    let fonts = run("pdffonts", &[]);
    let info = run("pdfinfo", &[]);
    let _ = std::fs::remove_file(&path);
    assert!(
        info.lines()
            .any(|l| l.starts_with("Pages:") && l.trim_end().ends_with(" 1")),
        "{info}"
    );
    assert!(info.contains("(A4)"), "{info}");
    // Every font embedded (a reader without them would show boxes).
    for line in fonts.lines().skip(2) {
        assert!(line.contains(" yes "), "font not embedded: {line}");
    }
    text.chars()
        .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .collect()
}

#[tokio::test]
async fn approved_people_get_a_visa_letter_with_their_names_in_both_scripts() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let (edition, _) = open_edition(&app).await;
        let people = [
            ("Mohamed El-Ahmad", "محمد الأحمد", "mo@alex.example"),
            ("Li Hua", "李华", "li@qz.example"),
            ("Łukasz Kowalski", "Łukasz Kowalski", "lk@lodz.example"),
            ("Aster Bekele", "አስቴር በቀለ", "aster@addis.example"),
        ];
        let mut ids = Vec::new();
        for (latin, native, email) in people {
            ids.push(
                register_one(&app, edition, person(latin, native, email, "delegate"))
                    .await
                    .unwrap(),
            );
        }
        let registrar = app.token_for(Role::Registrar).await;
        let letter_path =
            |id: i64| format!("/api/v1/editions/{edition}/registrations/{id}/visa-letter.pdf");
        // Not before approval.
        assert_eq!(
            app.get(&letter_path(ids[0]), Some(&registrar))
                .await
                .status(),
            409
        );
        decide(app.db(), edition, &ids, Decision::Approve, "", URL)
            .await
            .unwrap();
        for ((latin, native, _), id) in people.iter().zip(&ids) {
            let response = app.get(&letter_path(*id), Some(&registrar)).await;
            assert_eq!(response.status(), 200, "{backend:?} {latin}");
            assert_eq!(response.headers()["content-type"], "application/pdf");
            let pdf = response.bytes().await.unwrap();
            // Fonts are subset: a Chinese name does not bring 16 MB along.
            assert!(pdf.len() < 400_000, "{latin}: {} bytes", pdf.len());
            let text = pdf_text(&pdf);
            assert!(text.contains(latin), "{latin} missing in:\n{text}");
            assert!(text.contains(native), "{native} missing in:\n{text}");
            assert!(text.contains("LETTER OF INVITATION FOR VISA PURPOSES"));
            assert!(text.contains(&format!("CF-{id}")));
        }
        // A delegate without this registration gets nothing.
        let delegate = app.token_for(Role::Delegate).await;
        assert_eq!(
            app.get(&letter_path(ids[0]), Some(&delegate))
                .await
                .status(),
            404
        );
    }
}
