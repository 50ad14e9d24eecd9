//! The notices a change of the programme sends to those who booked.

use super::types::{SessionText, session_title};
use crate::i18n::*;
use crate::mail::types::NewMessage;
use crate::registration::mail::{Recipient, letter};

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
    let title = session_title(texts, locale);
    let fill = |text: &str| {
        text.replace("%SESSION%", title)
            .replace("%EDITION%", edition_title)
    };
    let (subject, body) = match change {
        Change::Moved { when, room } => (
            fill(td_string!(locale, mail_session_moved_subject)),
            fill(td_string!(locale, mail_session_moved_body))
                .replace("%WHEN%", when)
                .replace("%ROOM%", room),
        ),
        Change::Cancelled => (
            fill(td_string!(locale, mail_session_cancelled_subject)),
            fill(td_string!(locale, mail_session_cancelled_body)),
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
