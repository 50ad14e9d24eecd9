//! Language names for the registration form's pickers. Each locale file
//! names the languages a delegate may speak in its own language
//! (`language_names`: `code Name; …`), so a new interface language
//! brings its names in its file; values stay ISO 639-1 codes.

use crate::i18n::*;

/// The codes every locale file names (a test keeps them in step).
pub const SPOKEN: [&str; 38] = [
    "am", "ar", "az", "bn", "de", "el", "en", "es", "fa", "fr", "ha", "he", "hi", "id", "it", "ja",
    "ka", "kk", "km", "ko", "mn", "ms", "my", "ne", "nl", "pl", "pt", "ru", "si", "sw", "ta", "th",
    "tr", "uk", "ur", "uz", "vi", "zh",
];

/// The name of the language `code` in `locale`'s words ("французский"
/// for `fr` in Russian); the code itself when the list lacks it.
pub fn name_of(locale: Locale, code: &str) -> String {
    td_string!(locale, language_names)
        .split(';')
        .filter_map(|pair| pair.trim().split_once(' '))
        .find(|(c, _)| *c == code)
        .map(|(_, name)| name.trim().to_owned())
        .unwrap_or_else(|| code.to_owned())
}

/// (code, name) of every language, by name in `locale`.
pub fn language_names(locale: Locale) -> Vec<(String, String)> {
    let mut names: Vec<(String, String)> = td_string!(locale, language_names)
        .split(';')
        .filter_map(|pair| {
            let (code, name) = pair.trim().split_once(' ')?;
            Some((code.to_owned(), name.trim().to_owned()))
        })
        .collect();
    names.sort_by_cached_key(|(_, name)| sort_key(name));
    names
}

/// A name as a list is sorted: lower case, Latin letters without their
/// accents ("árabe" stands with "a", not after "z"). Other scripts sort
/// by code point, which is their alphabet's order. Not the server's
/// search fold (`directory::service::search_key`): its Unicode
/// decomposition tables would join the browser's module for the Latin
/// letters these lists hold.
fn sort_key(name: &str) -> String {
    const ACCENTED: &str = "àáâãäåāăąçćčďèéêëēęěìíîïīłñńňòóôõöøōřśšťùúûüūůýÿžźż";
    const PLAIN: &str = "aaaaaaaaacccdeeeeeeeiiiiilnnnooooooorsstuuuuuuyyzzz";
    name.to_lowercase()
        .chars()
        .map(|c| {
            ACCENTED
                .chars()
                .position(|a| a == c)
                .and_then(|i| PLAIN.chars().nth(i))
                .unwrap_or(c)
        })
        .collect()
}

/// The codes of a comma-separated list as typed or stored, lower-cased.
pub fn codes_of(list: &str) -> Vec<String> {
    list.split([',', ' ', ';'])
        .filter(|part| !part.is_empty())
        .map(str::to_ascii_lowercase)
        .collect()
}

/// The list with `code` added (at the end) or taken out.
pub fn toggle_code(list: &str, code: &str, on: bool) -> String {
    let mut codes: Vec<String> = codes_of(list).into_iter().filter(|c| c != code).collect();
    if on {
        codes.push(code.to_owned());
    }
    codes.join(", ")
}

#[cfg(test)]
mod tests {
    use leptos_i18n::Locale as _;

    use super::*;

    #[test]
    fn every_locale_names_the_same_languages() {
        for &locale in Locale::get_all() {
            let mut codes: Vec<String> =
                language_names(locale).into_iter().map(|(c, _)| c).collect();
            codes.sort();
            assert_eq!(codes, SPOKEN.map(String::from).to_vec(), "{locale}");
        }
    }

    #[test]
    fn names_are_in_the_readers_language() {
        let zh = language_names(Locale::zh);
        assert!(zh.contains(&("ar".to_owned(), "阿拉伯语".to_owned())));
        let en = language_names(Locale::en);
        assert_eq!(en.first().map(|(c, _)| c.as_str()), Some("am"));
        assert!(en.contains(&("zh".to_owned(), "Chinese".to_owned())));
    }

    #[test]
    fn accented_names_sort_with_their_letter() {
        let es = language_names(Locale::es);
        let position = |code: &str| es.iter().position(|(c, _)| c == code).unwrap();
        // árabe before bengalí, not after every other name.
        assert!(position("ar") < position("bn"), "{es:?}");
    }

    #[test]
    fn ticking_adds_and_unticking_removes_a_code() {
        assert_eq!(toggle_code("zh, EN", "ar", true), "zh, en, ar");
        assert_eq!(toggle_code("zh, en, ar", "en", false), "zh, ar");
        assert_eq!(toggle_code("", "zh", true), "zh");
        assert_eq!(toggle_code("zh", "zh", true), "zh");
    }
}
