//! A thing's names in the app's languages other than English.

use std::collections::BTreeMap;

use crate::locale::{Locale, code, fallbacks, locale_of};

/// Language code (`fr`, `ar`) → the name in that language. English is
/// not here: it is the thing's own name.
pub type Names = BTreeMap<String, String>;

/// The name for `reader`: theirs where it is written, else the English
/// one (`english`), else the first written in the fallback order; with
/// the language it is in, for the element's `lang`.
pub fn name_for<'a>(english: &'a str, names: &'a Names, reader: Locale) -> (&'a str, Locale) {
    fallbacks(reader)
        .find_map(|wanted| {
            let name = if wanted == Locale::default() {
                english
            } else {
                names.get(code(wanted)).map_or("", String::as_str)
            };
            (!name.trim().is_empty()).then_some((name, wanted))
        })
        .unwrap_or((english, Locale::default()))
}

/// As [`name_for`], the name alone.
pub fn name_in<'a>(english: &'a str, names: &'a Names, reader: Locale) -> &'a str {
    name_for(english, names, reader).0
}

/// Whether `lang` is a language a name may be written in besides
/// English.
pub fn is_other_language(lang: &str) -> bool {
    locale_of(lang).is_some_and(|locale| locale != Locale::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_reads_in_the_readers_language_then_english_then_any() {
        let names = Names::from([
            ("fr".to_owned(), "Salle verte".to_owned()),
            ("ar".to_owned(), "القاعة الخضراء".to_owned()),
        ]);
        assert_eq!(
            name_for("Green Hall", &names, Locale::fr),
            ("Salle verte", Locale::fr)
        );
        assert_eq!(
            name_for("Green Hall", &names, Locale::ar),
            ("القاعة الخضراء", Locale::ar)
        );
        assert_eq!(
            name_for("Green Hall", &names, Locale::ru),
            ("Green Hall", Locale::en)
        );
        assert_eq!(name_in("", &names, Locale::ru), "القاعة الخضراء");
        assert_eq!(name_in("", &Names::new(), Locale::ru), "");
        assert!(is_other_language("zh"));
        assert!(!is_other_language("en"));
        assert!(!is_other_language("de"));
    }
}
