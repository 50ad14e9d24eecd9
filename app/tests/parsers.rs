//! Property tests of every parser of outside input: the registration body
//! (a person, a delegation), the CSV import, the language list and the
//! feed language. Whatever arrives, the parser answers, never panics, and
//! what it accepts keeps the rules (one-line names within their limits,
//! normalized addresses). Bounded: a few hundred cases each, under a
//! second or two in all.
#![cfg(feature = "ssr")]

use proptest::prelude::*;

use app::locale::locale_of;
use app::registration::domain::{parse_delegation, parse_languages};
use app::registration::spreadsheet::read_import;
use app::registration::types::PersonForm;

/// Text as a hostile client sends it: any Unicode, control characters,
/// formula starts, very long runs, and the separators CSV and e-mail care
/// about.
fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,40}",
        "[=+@\\-\t\r\n,;\"'<> a-zA-Z0-9李华أحمد]{0,60}",
        "[a-z]{1,8}@[a-z]{1,8}\\.[a-z]{2,3}",
        ".{0,5}".prop_map(|s| s.repeat(100)),
    ]
}

fn person() -> impl Strategy<Value = PersonForm> {
    (
        hostile_text(),
        hostile_text(),
        hostile_text(),
        prop_oneof![
            Just("delegate".to_owned()),
            Just("head_of_delegation".to_owned()),
            hostile_text()
        ],
        hostile_text(),
        (hostile_text(), hostile_text()),
        (hostile_text(), hostile_text()),
    )
        .prop_map(
            |(
                name_native,
                name_latin,
                email,
                category,
                languages,
                (organization, position),
                (arrival, departure),
            )| {
                PersonForm {
                    name_native,
                    name_latin,
                    email,
                    category,
                    languages,
                    organization,
                    position,
                    arrival,
                    departure,
                    ..Default::default()
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn a_delegation_of_anything_is_answered_and_what_passes_keeps_the_rules(
        head in person(),
        members in prop::collection::vec(person(), 0..4),
        consent in any::<bool>(),
    ) {
        if let Ok(delegation) = parse_delegation(&head, &members, consent) {
            prop_assert!(consent);
            let (head, members) = delegation.into_people();
            for p in std::iter::once(&head).chain(&members) {
                prop_assert!(!p.name_latin.is_empty());
                prop_assert!(p.name_latin.chars().count() <= 200);
                prop_assert!(!p.name_latin.chars().any(char::is_control));
                prop_assert!(!p.name_native.chars().any(char::is_control));
                prop_assert!(!p.organization.chars().any(char::is_control));
                prop_assert_eq!(p.email.clone(), p.email.trim().to_lowercase());
                prop_assert!(p.email.contains('@'));
            }
        }
    }

    #[test]
    fn any_csv_is_read_or_refused_with_reasons(text in ".{0,400}") {
        let _ = read_import(&text);
    }

    #[test]
    fn a_csv_with_the_right_header_and_hostile_cells_is_read_or_refused(
        rows in prop::collection::vec((hostile_text(), hostile_text(), hostile_text()), 0..8),
    ) {
        let mut text = String::from("name_latin,email,category\n");
        for (name, email, category) in &rows {
            let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
            text.push_str(&format!("{},{},{}\n", quote(name), quote(email), quote(category)));
        }
        if let Ok(read) = read_import(&text) {
            prop_assert!(read.len() <= rows.len());
        }
    }

    #[test]
    fn a_language_list_is_codes_or_refused(text in hostile_text()) {
        if let Ok(codes) = parse_languages(&text) {
            for code in codes {
                prop_assert_eq!(code.len(), 2);
                prop_assert!(code.chars().all(|c| c.is_ascii_lowercase()));
            }
        }
    }

    #[test]
    fn a_feed_language_is_one_the_app_speaks_or_none(text in hostile_text()) {
        if let Some(locale) = locale_of(&text) {
            prop_assert!(app::locale::all().contains(&locale));
        }
    }
}
