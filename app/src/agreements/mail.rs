//! The letters of the follow-up, in the contact's language: the sign-in
//! link a coordinator sends a party's contact, and the reminders before,
//! on and after an activity's due date.

use chrono::NaiveDate;

use crate::agreements::domain::written_date;
use crate::agreements::types::ReminderKind;
use crate::i18n::*;
use crate::mail::letter::{Recipient, letter};
use crate::mail::types::NewMessage;

/// A contact as a letter addresses them.
pub fn contact(email: &str, name: &str, language: &str) -> Recipient {
    Recipient {
        email: email.to_owned(),
        name_native: name.to_owned(),
        name_latin: name.to_owned(),
        honorific: String::new(),
        languages: vec![language.to_owned()],
    }
}

/// "You answer for <party> in <agreement>": the link to sign in and see
/// its activities.
pub fn contact_link(to: &Recipient, party: &str, agreement: &str, link: &str) -> NewMessage {
    let locale = to.locale();
    letter(
        to,
        locale,
        td_string!(locale, mail_contact_subject, agreement = agreement),
        &[td_string!(
            locale,
            mail_contact_body,
            party = party,
            agreement = agreement
        )],
        Some((td_string!(locale, mail_contact_label).to_string(), link)),
    )
}

/// The link a contact asked for on the sign-in page (no name known: the
/// letter greets in English and Chinese alike as any unnamed one does).
pub fn own_link(email: &str, link: &str) -> NewMessage {
    let to = contact(email, "", "en");
    let locale = to.locale();
    letter(
        &to,
        locale,
        td_string!(locale, mail_link_subject).to_string(),
        &[td_string!(locale, mail_followup_link_body).to_string()],
        Some((td_string!(locale, mail_contact_label).to_string(), link)),
    )
}

/// A reminder of an activity: a week before, on the day, or overdue.
pub fn reminder(
    to: &Recipient,
    kind: ReminderKind,
    activity: &str,
    agreement: &str,
    due_on: NaiveDate,
    link: &str,
) -> NewMessage {
    let locale = to.locale();
    let due = written_date(due_on, locale.as_str());
    let (subject, body) = match kind {
        ReminderKind::Before => (
            td_string!(
                locale,
                mail_reminder_before_subject,
                activity = activity,
                due = due.clone()
            ),
            td_string!(
                locale,
                mail_reminder_before_body,
                activity = activity,
                agreement = agreement,
                due = due
            ),
        ),
        ReminderKind::Due => (
            td_string!(locale, mail_reminder_due_subject, activity = activity),
            td_string!(
                locale,
                mail_reminder_due_body,
                activity = activity,
                agreement = agreement
            ),
        ),
        ReminderKind::Overdue => (
            td_string!(locale, mail_reminder_overdue_subject, activity = activity),
            td_string!(
                locale,
                mail_reminder_overdue_body,
                activity = activity,
                agreement = agreement,
                due = due
            ),
        ),
    };
    letter(
        to,
        locale,
        subject,
        &[body, td_string!(locale, mail_reminder_how).to_string()],
        Some((td_string!(locale, mail_contact_label).to_string(), link)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reminders_speak_the_contacts_language() {
        let due = NaiveDate::from_ymd_opt(2027, 3, 10).unwrap();
        let zh = reminder(
            &contact("li@example.org", "李华", "zh"),
            ReminderKind::Overdue,
            "港口研究",
            "泉州—杜尚别合作协议",
            due,
            "https://forum.example/my/link/x",
        );
        assert_eq!(zh.language, "zh");
        assert!(zh.subject.contains("港口研究"), "{}", zh.subject);
        assert!(zh.body_text.contains("2027年3月10日"), "{}", zh.body_text);
        let en = reminder(
            &contact("ana@example.org", "Ana", "pt"),
            ReminderKind::Before,
            "Port study",
            "Quanzhou–Dushanbe",
            due,
            "https://forum.example/my/link/x",
        );
        // No Portuguese words yet: English.
        assert_eq!(en.language, "en");
        assert!(en.body_text.contains("10 March 2027"), "{}", en.body_text);
        assert!(en.body_text.contains("https://forum.example/my/link/x"));
    }
}
