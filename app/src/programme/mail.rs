//! The notices a change of the programme sends to those who booked.

use super::types::{SessionText, session_title};
use crate::editions::types::{EditionText, title_for};
use crate::i18n::*;
use crate::mail::letter::{Recipient, letter};
use crate::mail::types::NewMessage;
use crate::names::types::{Names, name_in};

/// What changed in a published session that the people who booked it
/// must hear about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// New time or room: the when and where as they are now (the room's
    /// English name and its names in other languages).
    Moved {
        when: String,
        room: String,
        room_names: Names,
    },
    Cancelled,
}

/// A notice in the recipient's language: the edition, the session and
/// the room named in that language where the organizers wrote it (else
/// the fallback's).
pub fn session_changed(
    to: &Recipient,
    edition: (&str, &[EditionText]),
    texts: &[SessionText],
    change: &Change,
    programme_url: &str,
) -> NewMessage {
    let locale = to.locale();
    let session = session_title(texts, locale);
    let edition = title_for(edition.0, edition.1, locale);
    let (subject, body) = match change {
        Change::Moved {
            when,
            room,
            room_names,
        } => (
            td_string!(locale, mail_session_moved_subject, session).to_string(),
            td_string!(
                locale,
                mail_session_moved_body,
                edition,
                session,
                when,
                room = name_in(room, room_names, locale)
            )
            .to_string(),
        ),
        Change::Cancelled => (
            td_string!(locale, mail_session_cancelled_subject, session).to_string(),
            td_string!(locale, mail_session_cancelled_body, edition, session).to_string(),
        ),
    };
    letter(
        to,
        locale,
        subject,
        &[body],
        Some((
            td_string!(locale, mail_programme_link_label).to_string(),
            programme_url,
        )),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::Locale;

    #[test]
    fn a_moved_session_is_told_with_the_room_and_edition_in_the_readers_language() {
        let to = |lang: &str| Recipient {
            email: "maire@ville.example".into(),
            name_native: String::new(),
            name_latin: "Claire Martin".into(),
            honorific: String::new(),
            languages: vec![lang.into()],
        };
        let edition = [EditionText {
            lang: "fr".into(),
            title: "Forum des villes 2027".into(),
            ..Default::default()
        }];
        let texts = [SessionText {
            lang: Locale::en,
            title: "Port data workshop".into(),
            description: String::new(),
        }];
        let change = Change::Moved {
            when: "2027-11-03 16:00 – 17:00 (Asia/Shanghai)".into(),
            room: "Silk Room".into(),
            room_names: Names::from([("fr".to_owned(), "Salle de la Soie".to_owned())]),
        };
        let url = "https://forum.example/editions/1/agenda";
        let french = session_changed(
            &to("fr"),
            ("Cities Forum 2027", &edition),
            &texts,
            &change,
            url,
        );
        assert!(
            french.body_text.contains("Salle de la Soie"),
            "{}",
            french.body_text
        );
        assert!(
            french.body_text.contains("Forum des villes 2027"),
            "{}",
            french.body_text
        );
        let spanish = session_changed(
            &to("es"),
            ("Cities Forum 2027", &edition),
            &texts,
            &change,
            url,
        );
        assert!(
            spanish.body_text.contains("Silk Room"),
            "{}",
            spanish.body_text
        );
        assert!(
            spanish.body_text.contains("Cities Forum 2027"),
            "{}",
            spanish.body_text
        );
    }
}
