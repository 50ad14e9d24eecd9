//! The visa letter: a one-page A4 PDF, fonts embedded and subset, with the
//! person's name in both scripts (Arabic, Chinese, Polish, Amharic), for
//! an approved registration only.

use app::auth::types::Role;
use app::registration::service::decide;
use app::registration::types::Decision;

use super::{URL, open_edition, person, register_one};
use crate::helpers::staff;
use crate::helpers::{TestApp, backends, spawn_app};

const PEOPLE: [(&str, &str, &str); 4] = [
    ("Mohamed El-Ahmad", "محمد الأحمد", "mo@alex.example"),
    ("Li Hua", "李华", "li@qz.example"),
    ("Łukasz Kowalski", "Łukasz Kowalski", "lk@lodz.example"),
    ("Aster Bekele", "አስቴር በቀለ", "aster@addis.example"),
];

/// The four people, registered as delegates: the edition and their ids.
async fn four_registered(app: &TestApp) -> (i64, Vec<i64>) {
    let (edition, _) = open_edition(app).await;
    let mut ids = Vec::new();
    for (latin, native, email) in PEOPLE {
        ids.push(
            register_one(app, edition, person(latin, native, email, "delegate"))
                .await
                .unwrap(),
        );
    }
    (edition, ids)
}

fn letter_path(edition: i64, id: i64) -> String {
    format!("/api/v1/editions/{edition}/registrations/{id}/visa-letter.pdf")
}

#[tokio::test]
async fn a_visa_letter_waits_for_approval_and_is_not_for_others() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let (edition, ids) = four_registered(&app).await;
        let registrar = app.token_for(Role::Registrar).await;
        // Not before approval.
        assert_eq!(
            app.get(&letter_path(edition, ids[0]), Some(&registrar))
                .await
                .status(),
            409,
            "{backend:?}"
        );
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
        // A delegate without this registration gets nothing.
        let delegate = app.token_for(Role::Delegate).await;
        assert_eq!(
            app.get(&letter_path(edition, ids[0]), Some(&delegate))
                .await
                .status(),
            404
        );
    }
}

#[tokio::test]
async fn approved_people_get_a_visa_letter_with_their_names_in_both_scripts() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let (edition, ids) = four_registered(&app).await;
        let registrar = app.token_for(Role::Registrar).await;
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
        for ((latin, native, _), id) in PEOPLE.iter().zip(&ids) {
            let response = app.get(&letter_path(edition, *id), Some(&registrar)).await;
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
    }
}

#[tokio::test]
async fn a_visa_letter_comes_in_english_unless_asked_in_another_of_the_six_languages() {
    let app = spawn_app(crate::helpers::Backend::Sqlite).await;
    let (edition, ids) = four_registered(&app).await;
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
    let registrar = app.token_for(Role::Registrar).await;
    let path = letter_path(edition, ids[0]);
    // Each language's heading and closing, from its own locale file.
    for (lang, heading, closing) in [
        (
            "en",
            "LETTER OF INVITATION FOR VISA PURPOSES",
            "Yours faithfully,",
        ),
        ("zh", "签证邀请函", "此致"),
        (
            "ar",
            "رسالة دعوة لأغراض الحصول على التأشيرة",
            "وتفضلوا بقبول فائق الاحترام",
        ),
        (
            "fr",
            "LETTRE D’INVITATION AUX FINS DE DEMANDE DE VISA",
            "considération.",
        ),
        ("ru", "ПРИГЛАШЕНИЕ ДЛЯ ОФОРМЛЕНИЯ ВИЗЫ", "С уважением,"),
        (
            "es",
            "CARTA DE INVITACIÓN A EFECTOS DE VISADO",
            "Le saluda atentamente,",
        ),
    ] {
        let response = app
            .get(&format!("{path}?lang={lang}"), Some(&registrar))
            .await;
        assert_eq!(response.status(), 200, "{lang}");
        let file = response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .to_owned();
        let text = pdf_text(&response.bytes().await.unwrap());
        assert!(
            text.contains(heading),
            "{lang}: {heading:?} missing in:\n{text}"
        );
        assert!(
            text.contains(closing),
            "{lang}: {closing:?} missing in:\n{text}"
        );
        // The names, whatever the letter's language.
        assert!(text.contains("محمد الأحمد") && text.contains("Mohamed El-Ahmad"));
        let suffix = if lang == "en" {
            String::new()
        } else {
            format!("-{lang}")
        };
        assert!(
            file.contains(&format!("visa-letter-CF-{}{suffix}.pdf", ids[0])),
            "{file}"
        );
    }
    // No language asked: English, whatever the reader's page is in (the
    // letter is for a consulate); a language the app does not speak is
    // English too.
    for asked in ["", "?lang=sw", "?lang=%3Cscript%3E"] {
        let response = app
            .client
            .get(app.url(&format!("{path}{asked}")))
            .bearer_auth(&registrar)
            .header("cookie", "i18n_pref_locale=ru")
            .header("accept-language", "ar")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let text = pdf_text(&response.bytes().await.unwrap());
        assert!(
            text.contains("LETTER OF INVITATION FOR VISA PURPOSES"),
            "{asked}"
        );
    }
    // The edition as its organizers wrote it in the letter's language,
    // else in English.
    app::editions::service::save_edition_text(
        app.db(),
        &staff(),
        edition,
        app::editions::types::EditionText {
            lang: "ru".into(),
            title: "Форум городов".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let letter = |query: &'static str| {
        let request = app
            .client
            .get(app.url(&format!("{path}{query}")))
            .bearer_auth(&registrar);
        async move { pdf_text(&request.send().await.unwrap().bytes().await.unwrap()) }
    };
    let russian = letter("?lang=ru").await;
    assert!(russian.contains("Форум городов"), "{russian}");
    let english = letter("").await;
    assert!(!english.contains("Форум городов"), "{english}");
}

/// Names and organizations in the scripts that printed as empty boxes
/// before the shared text code (issue 11): (Latin, own script, organization).
const MORE_SCRIPTS: [(&str, &str, &str); 8] = [
    ("Yael Cohen", "יעל כהן", "עיריית תל אביב-יפו"),
    ("Somchai Jaidee", "สมชาย ใจดี", "กรุงเทพมหานคร"),
    ("Priya Sharma", "प्रिया शर्मा", "नगर निगम दिल्ली"),
    ("Sita Adhikari", "सीता अधिकारी", "काठमाडौं महानगरपालिका"),
    ("Rahim Uddin", "রহিম উদ্দিন", "ঢাকা উত্তর সিটি কর্পোরেশন"),
    ("Kavitha Raman", "கவிதா ராமன்", "சென்னை மாநகராட்சி"),
    ("Nino Beridze", "ნინო ბერიძე", "თბილისის მერია"),
    ("Armen Sargsyan", "Արմեն Սարգսյան", "Երևանի քաղաքապետարան"),
];

#[tokio::test]
async fn a_visa_letter_prints_hebrew_thai_indic_georgian_and_armenian() {
    let app = spawn_app(crate::helpers::Backend::Sqlite).await;
    let (edition, _) = open_edition(&app).await;
    let mut ids = Vec::new();
    for (n, (latin, native, organization)) in MORE_SCRIPTS.iter().enumerate() {
        let mut who = person(
            latin,
            native,
            &format!("more{n}@letters.example"),
            "delegate",
        );
        who.organization = organization.to_string();
        ids.push(register_one(&app, edition, who).await.unwrap());
    }
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
    let registrar = app.token_for(Role::Registrar).await;
    for ((latin, native, organization), id) in MORE_SCRIPTS.iter().zip(&ids) {
        let response = app.get(&letter_path(edition, *id), Some(&registrar)).await;
        assert_eq!(response.status(), 200, "{latin}");
        let text = pdf_text(&response.bytes().await.unwrap());
        // Words, and the parts of hyphenated ones: poppler rebuilds a
        // right-to-left run around a hyphen its own way.
        let words = native
            .split_whitespace()
            .chain(organization.split_whitespace());
        for word in words.flat_map(|w| w.split('-')) {
            assert!(
                text.contains(word),
                "{word:?} ({latin}) missing in:\n{text}"
            );
        }
    }
}

/// Text of a one-page A4 PDF as poppler reads it, every font an embedded
/// subset.
fn pdf_text(pdf: &[u8]) -> String {
    let read = crate::pdf::read_pdf(pdf, false);
    assert_eq!(read.pages, 1);
    assert!(read.page_size.contains("(A4)"), "{}", read.page_size);
    read.text
}
