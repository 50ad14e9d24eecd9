//! The rules a thing's other names follow.

use super::types::{Names, is_other_language};
use crate::error::{AppError, ErrorCode, Validator};

/// The form field of a name in `lang`: `name_fr`.
pub fn field_of(lang: &str) -> String {
    format!("name_{lang}")
}

/// Names as typed, checked: each in a language of the app other than
/// English (else `invalid_language` on `names`), one line of at most
/// `max` characters (the English name's own limit). Empty names are
/// dropped: that language reads the English name again.
pub fn parse_names(names: Names, max: usize) -> Result<Names, AppError> {
    let mut v = Validator::new();
    let mut good = Names::new();
    let mut unknown_language = false;
    for (lang, name) in names {
        let lang = lang.trim().to_ascii_lowercase();
        if !is_other_language(&lang) {
            unknown_language = true;
            continue;
        }
        if let Some(name) = v.check(&field_of(&lang), crate::text::line(&name, max, false))
            && !name.is_empty()
        {
            good.insert(lang, name);
        }
    }
    // Said once, however many unknown languages a request names.
    if unknown_language {
        v.add("names", ErrorCode::InvalidLanguage);
    }
    v.finish()?;
    Ok(good)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(pairs: &[(&str, &str)]) -> Names {
        pairs
            .iter()
            .map(|(l, n)| ((*l).to_owned(), (*n).to_owned()))
            .collect()
    }

    #[test]
    fn names_are_trimmed_bounded_and_in_the_apps_other_languages() {
        assert_eq!(
            parse_names(names(&[("fr", " Salle verte "), ("ru", "  ")]), 20),
            Ok(names(&[("fr", "Salle verte")]))
        );
        let refused = |typed: &[(&str, &str)], field: &str| {
            parse_names(names(typed), 10)
                .unwrap_err()
                .field_messages(field)
        };
        assert_eq!(
            refused(&[("en", "Hall")], "names"),
            vec![ErrorCode::InvalidLanguage]
        );
        assert_eq!(
            refused(&[("de", "Saal"), ("sw", "Ukumbi")], "names"),
            vec![ErrorCode::InvalidLanguage]
        );
        assert_eq!(
            refused(&[("zh", "一二三四五六七八九十一")], "name_zh"),
            vec![ErrorCode::TooLong]
        );
        assert_eq!(
            refused(&[("ar", "سطر\nثان")], "name_ar"),
            vec![ErrorCode::LineBreak]
        );
    }
}
