//! The messages a registration sends, in the recipient's language.

use crate::i18n::*;
use crate::locale::locale_of;
use crate::mail::types::NewMessage;
use crate::registration::types::{Person, RegistrationStatus};

/// Who a message goes to: enough of a registration to address and greet
/// them in their language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub email: String,
    pub name_native: String,
    pub name_latin: String,
    pub honorific: String,
    /// ISO 639-1 codes, first language first.
    pub languages: Vec<String>,
}

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

impl Recipient {
    /// The person's first language when the app speaks it (has a locale
    /// file for it), the default language otherwise.
    pub fn locale(&self) -> Locale {
        self.languages
            .first()
            .and_then(|code| locale_of(code))
            .unwrap_or_default()
    }

    /// The name to greet: with the honorific, in the native script when
    /// the letter is in that person's own language (a letter in the
    /// default language greets by the Latin name).
    fn greeting_name(&self, locale: Locale) -> String {
        let own_language = locale != Locale::default() && locale == self.locale();
        let name = if own_language && !self.name_native.is_empty() {
            &self.name_native
        } else {
            &self.name_latin
        };
        [self.honorific.as_str(), name.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The address of a sign-in link.
pub fn sign_in_url(public_url: &str, secret: &str) -> String {
    format!("{public_url}/my/link/{secret}")
}

/// A letter: greeting, paragraphs, an optional link line, signature; as
/// plain text and as HTML with the link clickable.
pub(crate) fn letter(
    to: &Recipient,
    locale: Locale,
    subject: String,
    paragraphs: &[String],
    link: Option<(String, &str)>,
) -> NewMessage {
    let greeting = td_string!(locale, mail_greeting, name = to.greeting_name(locale));
    let signature = td_string!(locale, mail_signature).to_string();
    let mut text = format!("{greeting}\n\n");
    let mut html = format!("<p>{}</p>", escape_html(&greeting));
    for paragraph in paragraphs {
        text.push_str(&format!("{paragraph}\n\n"));
        html.push_str(&format!("<p>{}</p>", escape_html(paragraph)));
    }
    if let Some((label, url)) = link {
        text.push_str(&format!("{label}\n{url}\n\n"));
        html.push_str(&format!(
            "<p>{}<br><a href=\"{}\">{}</a></p>",
            escape_html(&label),
            escape_html(url),
            escape_html(url)
        ));
    }
    text.push_str(&format!("{signature}\n"));
    html.push_str(&format!("<p>{}</p>", escape_html(&signature)));
    NewMessage {
        to_address: to.email.clone(),
        to_name: to.name_latin.clone(),
        subject,
        body_text: text,
        body_html: html,
        language: locale.as_str().to_owned(),
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
        _ => (
            td_string!(locale, mail_declined_subject, edition),
            td_string!(locale, mail_declined_body, edition),
        ),
    };
    let mut paragraphs = vec![body];
    if let Some(reason) = reason {
        paragraphs.push(td_string!(locale, mail_declined_reason, reason));
    }
    letter(
        to,
        locale,
        subject,
        &paragraphs,
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
            &Recipient::from(&li_hua(&["ar"])),
            "Forum <2027> & more",
            "x",
        );
        assert_eq!(m.language, "en");
        assert!(m.body_text.starts_with("Dear H.E. Li Hua,"));
        assert!(m.body_html.contains("Forum &lt;2027&gt; &amp; more"));
        assert!(!m.body_html.contains("<2027>"));
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
        );
        assert!(m.subject.contains("Cities Forum 2027"), "{}", m.subject);
        assert!(m.body_text.contains("The delegation list is full."));
        let approved = decision_made(
            &to,
            "Cities Forum 2027",
            RegistrationStatus::Approved,
            None,
            "l",
        );
        assert_ne!(approved.subject, m.subject);
    }
}
