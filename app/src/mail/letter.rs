//! The one letter builder: greeting, paragraphs, an optional link and the
//! signature, in the recipient's language, as text and HTML. Every area's
//! messages (registration, programme, and those to come) are made with it.

use crate::i18n::*;
use crate::locale::locale_of;
use crate::mail::types::{Enclosures, NewMessage};

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

/// A letter: greeting, paragraphs, an optional link line, signature; as
/// plain text and as HTML with the link clickable.
pub fn letter(
    to: &Recipient,
    locale: Locale,
    subject: String,
    paragraphs: &[String],
    link: Option<(String, &str)>,
) -> NewMessage {
    letter_with(to, locale, subject, paragraphs, link, Enclosures::default())
}

/// A letter with enclosures: the figure shown before the signature (its
/// caption and `text_instead` in the text part), the files attached.
pub fn letter_with(
    to: &Recipient,
    locale: Locale,
    subject: String,
    paragraphs: &[String],
    link: Option<(String, &str)>,
    enclosures: Enclosures,
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
    let mut attachments = Vec::new();
    if let Some(figure) = enclosures.figure {
        let caption = escape_html(&figure.caption);
        let cid = escape_html(figure.image.content_id.as_deref().unwrap_or_default());
        text.push_str(&format!("{}\n{}\n\n", figure.caption, figure.text_instead));
        html.push_str(&format!(
            "<p>{caption}<br><img src=\"cid:{cid}\" alt=\"{caption}\" width=\"240\" height=\"240\"></p>"
        ));
        attachments.push(figure.image);
    }
    attachments.extend(enclosures.files);
    text.push_str(&format!("{signature}\n"));
    html.push_str(&format!("<p>{}</p>", escape_html(&signature)));
    NewMessage {
        to_address: to.email.clone(),
        to_name: to.name_latin.clone(),
        subject,
        body_text: text,
        body_html: html,
        language: locale.as_str().to_owned(),
        attachments,
    }
}
