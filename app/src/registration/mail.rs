//! The messages a registration sends, in the recipient's language.

use crate::i18n::*;
use crate::mail::types::NewMessage;
use crate::registration::types::Person;

/// Chinese for those whose first language is Chinese, English otherwise
/// (the two languages the interface has so far).
pub fn language_of(person: &Person) -> Locale {
    match person.languages.first().map(String::as_str) {
        Some("zh") => Locale::zh,
        _ => Locale::en,
    }
}

/// The name to greet: with the honorific, in the native script when the
/// letter is in that person's language.
fn greeting_name(person: &Person, locale: Locale) -> String {
    let name = if locale == Locale::zh && !person.name_native.is_empty() {
        &person.name_native
    } else {
        &person.name_latin
    };
    [person.honorific.as_str(), name.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// "Registration received", plain text and HTML.
pub fn registration_received(person: &Person, edition_title: &str) -> NewMessage {
    let locale = language_of(person);
    let name = greeting_name(person, locale);
    // Placeholders are %NAME%-style and filled here: the compiled-in
    // translations interpolate only inside views.
    let subject = td_string!(locale, mail_received_subject).replace("%EDITION%", edition_title);
    let greeting = td_string!(locale, mail_received_greeting).replace("%NAME%", &name);
    let body = td_string!(locale, mail_received_body).replace("%EDITION%", edition_title);
    let signature = td_string!(locale, mail_signature).to_string();
    NewMessage {
        to_address: person.email.clone(),
        to_name: person.name_latin.clone(),
        subject,
        body_text: format!("{greeting}\n\n{body}\n\n{signature}\n"),
        body_html: format!(
            "<p>{}</p><p>{}</p><p>{}</p>",
            escape_html(&greeting),
            escape_html(&body),
            escape_html(&signature)
        ),
        language: locale.as_str().to_owned(),
    }
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
        let m = registration_received(&li_hua(&["zh", "en"]), "城市论坛 2027");
        assert_eq!(m.language, "zh");
        assert_eq!(m.subject, "注册已收到：城市论坛 2027");
        assert!(
            m.body_text.starts_with("尊敬的H.E. 李华："),
            "{}",
            m.body_text
        );
    }

    #[test]
    fn others_get_english_and_html_is_escaped() {
        let m = registration_received(&li_hua(&["ar"]), "Forum <2027> & more");
        assert_eq!(m.language, "en");
        assert!(m.body_text.starts_with("Dear H.E. Li Hua,"));
        assert!(m.body_html.contains("Forum &lt;2027&gt; &amp; more"));
        assert!(!m.body_html.contains("<2027>"));
    }
}
