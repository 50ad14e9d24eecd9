//! The notices a change of the programme sends to those who booked.

use super::types::{SessionText, session_title};
use crate::i18n::*;
use crate::mail::letter::{Recipient, letter};
use crate::mail::types::NewMessage;

/// What changed in a published session that the people who booked it
/// must hear about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// New time or room: the when and where as they are now.
    Moved {
        when: String,
        room: String,
    },
    Cancelled,
}

/// A notice in the recipient's language, the session named by its title
/// in that language (or the fallback's).
pub fn session_changed(
    to: &Recipient,
    edition_title: &str,
    texts: &[SessionText],
    change: &Change,
    programme_url: &str,
) -> NewMessage {
    let locale = to.locale();
    let session = session_title(texts, locale);
    let edition = edition_title;
    let (subject, body) = match change {
        Change::Moved { when, room } => (
            td_string!(locale, mail_session_moved_subject, session).to_string(),
            td_string!(
                locale,
                mail_session_moved_body,
                edition,
                session,
                when,
                room
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
