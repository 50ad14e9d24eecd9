//! The messages a registration sends, in the recipient's language.

use crate::i18n::*;
use crate::mail::letter::{Recipient, letter, letter_with};
use crate::mail::types::{Enclosures, NewMessage};
use crate::registration::types::{Person, RegistrationStatus};

impl From<&Person> for Recipient {
    fn from(person: &Person) -> Self {
        Recipient {
            email: person.email.clone(),
            name_native: person.name_native.clone(),
            name_latin: person.name_latin.clone(),
            honorific: person.honorific.clone(),
            languages: person.languages.clone(),
        }
    }
}

/// "Registration received", with the link to the person's own page.
pub fn registration_received(to: &Recipient, edition_title: &str, link: &str) -> NewMessage {
    let locale = to.locale();
    letter(
        to,
        locale,
        td_string!(locale, mail_received_subject, edition = edition_title),
        &[td_string!(
            locale,
            mail_received_body,
            edition = edition_title
        )],
        Some((td_string!(locale, mail_link_label).to_string(), link)),
    )
}

/// The registrar's decision; a decline carries its reason.
pub fn decision_made(
    to: &Recipient,
    edition_title: &str,
    status: RegistrationStatus,
    reason: Option<&str>,
    link: &str,
    enclosures: Enclosures,
) -> NewMessage {
    let locale = to.locale();
    let edition = edition_title;
    let (subject, body) = match status {
        RegistrationStatus::Approved => (
            td_string!(locale, mail_approved_subject, edition),
            td_string!(locale, mail_approved_body, edition),
        ),
        RegistrationStatus::Waitlisted => (
            td_string!(locale, mail_waitlisted_subject, edition),
            td_string!(locale, mail_waitlisted_body, edition),
        ),
        RegistrationStatus::Cancelled => (
            td_string!(locale, mail_cancelled_subject, edition),
            td_string!(locale, mail_cancelled_body, edition),
        ),
        _ => (
            td_string!(locale, mail_declined_subject, edition),
            td_string!(locale, mail_declined_body, edition),
        ),
    };
    let mut paragraphs = vec![body];
    if let Some(reason) = reason {
        paragraphs.push(td_string!(locale, mail_declined_reason, reason));
    }
    letter_with(
        to,
        locale,
        subject,
        &paragraphs,
        Some((td_string!(locale, mail_link_label).to_string(), link)),
        enclosures,
    )
}

/// To an address someone submitted again: it is registered already, and
/// nothing changed (the submitter was told nothing of it).
pub fn already_registered(to: &Recipient, edition_title: &str, link: &str) -> NewMessage {
    let locale = to.locale();
    letter(
        to,
        locale,
        td_string!(locale, mail_already_subject, edition = edition_title).to_string(),
        &[td_string!(locale, mail_already_body, edition = edition_title).to_string()],
        Some((td_string!(locale, mail_link_label).to_string(), link)),
    )
}

/// A sign-in link someone asked for.
pub fn sign_in_link(to: &Recipient, link: &str) -> NewMessage {
    let locale = to.locale();
    letter(
        to,
        locale,
        td_string!(locale, mail_link_subject).to_string(),
        &[td_string!(locale, mail_link_body).to_string()],
        Some((td_string!(locale, mail_link_label).to_string(), link)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registration::types::Category;

    fn li_hua(languages: &[&str]) -> Person {
        Person {
            name_native: "李华".into(),
            name_latin: "Li Hua".into(),
            honorific: "H.E.".into(),
            position: String::new(),
            organization: String::new(),
            email: "li@qz.example".into(),
            phone: String::new(),
            category: Category::HeadOfDelegation,
            languages: languages.iter().map(|l| l.to_string()).collect(),
            interpretation: None,
            dietary: String::new(),
            access: String::new(),
            arrival: None,
            departure: None,
        }
    }

    #[test]
    fn chinese_speakers_get_chinese_with_their_native_name() {
        let m = registration_received(
            &Recipient::from(&li_hua(&["zh", "en"])),
            "城市论坛 2027",
            "https://forum.example/my/link/abc",
        );
        assert_eq!(m.language, "zh");
        assert_eq!(m.subject, "注册已收到：城市论坛 2027");
        assert!(
            m.body_text.starts_with("尊敬的H.E. 李华："),
            "{}",
            m.body_text
        );
        assert!(m.body_text.contains("https://forum.example/my/link/abc\n"));
        assert!(
            m.body_html
                .contains("<a href=\"https://forum.example/my/link/abc\">")
        );
    }

    #[test]
    fn others_get_english_and_html_is_escaped() {
        let m = registration_received(
            &Recipient::from(&li_hua(&["sw"])),
            "Forum <2027> & more",
            "x",
        );
        assert_eq!(m.language, "en");
        assert!(m.body_text.starts_with("Dear H.E. Li Hua,"));
        assert!(m.body_html.contains("Forum &lt;2027&gt; &amp; more"));
        assert!(!m.body_html.contains("<2027>"));
    }

    #[test]
    fn each_un_language_gets_its_own_letter() {
        for (code, greeting) in [
            ("ar", "المحترم"),
            ("fr", "Bonjour"),
            ("ru", "Уважаем"),
            ("es", "Estimad"),
        ] {
            let m = registration_received(&Recipient::from(&li_hua(&[code])), "Forum", "x");
            assert_eq!(m.language, code);
            assert!(
                m.body_text.lines().next().unwrap().contains(greeting),
                "{code}: {}",
                m.body_text
            );
            assert!(!m.body_text.contains("Dear"), "{code}: {}", m.body_text);
        }
    }

    #[test]
    fn a_decline_carries_its_reason() {
        let to = Recipient::from(&li_hua(&["en"]));
        let m = decision_made(
            &to,
            "Cities Forum 2027",
            RegistrationStatus::Declined,
            Some("The delegation list is full."),
            "https://forum.example/my/link/abc",
            Enclosures::default(),
        );
        assert!(m.subject.contains("Cities Forum 2027"), "{}", m.subject);
        assert!(m.body_text.contains("The delegation list is full."));
        let approved = decision_made(
            &to,
            "Cities Forum 2027",
            RegistrationStatus::Approved,
            None,
            "l",
            Enclosures::default(),
        );
        assert_ne!(approved.subject, m.subject);
    }
}
