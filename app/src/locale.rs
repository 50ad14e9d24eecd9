//! The languages the app speaks are its locale files (`app/locales`); a
//! text kept in several languages is read through a fallback list, so a
//! third language is a new file and nothing else.

use leptos_i18n::Locale as _;

pub use crate::i18n::Locale;

/// Where to look for a text wanted in `reader`'s language: that language,
/// then the default one, then the others in the order the files list them.
pub fn fallbacks(reader: Locale) -> impl Iterator<Item = Locale> {
    [reader, Locale::default()]
        .into_iter()
        .chain(Locale::get_all().iter().copied())
}

/// Every language the app speaks, default first.
pub fn all() -> &'static [Locale] {
    Locale::get_all()
}

/// An ISO 639-1 code as typed (`FR `), lower-cased; none when it is not
/// two letters.
pub fn language_code(code: &str) -> Option<String> {
    let code = code.trim().to_ascii_lowercase();
    (code.len() == 2 && code.chars().all(|c| c.is_ascii_lowercase())).then_some(code)
}

/// A language from its code (`en`, `zh`), if the app speaks it.
pub fn locale_of(code: &str) -> Option<Locale> {
    code.trim().parse().ok()
}

/// A language's code, as `lang` attributes and cookies carry it.
pub fn code(locale: Locale) -> &'static str {
    locale.as_str()
}

/// The `dir` attribute of a page in `locale`: `rtl` for Arabic.
pub fn direction(locale: Locale) -> &'static str {
    locale.direction().as_str()
}

/// Whether `locale` is written right to left (Arabic).
pub fn is_rtl(locale: Locale) -> bool {
    direction(locale) == "rtl"
}

/// Whether the language of ISO code `code` is written right to left,
/// whether the app speaks it or not (an agreement's column, a
/// template's translation).
pub fn code_is_rtl(code: &str) -> bool {
    matches!(code, "ar" | "fa" | "he" | "ur" | "ps" | "yi")
}

/// The `dir` attribute of a text in the language of ISO code `code`.
pub fn code_direction(code: &str) -> &'static str {
    if code_is_rtl(code) { "rtl" } else { "ltr" }
}

/// Of texts kept per language, the first one not empty in `reader`'s
/// fallback order; empty when there is none.
pub fn pick<'a, T>(
    texts: &'a [T],
    reader: Locale,
    lang: impl Fn(&T) -> Locale,
    text: impl Fn(&'a T) -> &'a str,
) -> &'a str {
    fallbacks(reader)
        .find_map(|wanted| {
            texts
                .iter()
                .find(|t| lang(t) == wanted)
                .map(&text)
                .filter(|found| !found.trim().is_empty())
        })
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Text(Locale, &'static str);

    #[test]
    fn a_text_falls_back_to_the_default_then_any_language() {
        let both = [Text(Locale::en, "Opening"), Text(Locale::zh, "开幕式")];
        let get = |t: &Text| t.0;
        assert_eq!(pick(&both, Locale::zh, get, |t| t.1), "开幕式");
        assert_eq!(pick(&both, Locale::en, get, |t| t.1), "Opening");
        let chinese_only = [Text(Locale::en, " "), Text(Locale::zh, "开幕式")];
        assert_eq!(pick(&chinese_only, Locale::en, get, |t| t.1), "开幕式");
        let english_only = [Text(Locale::en, "Opening")];
        assert_eq!(pick(&english_only, Locale::zh, get, |t| t.1), "Opening");
        assert_eq!(pick::<Text>(&[], Locale::zh, get, |t| t.1), "");
        assert_eq!(locale_of(" zh "), Some(Locale::zh));
        assert_eq!(locale_of("xx"), None);
        assert_eq!(all()[0], Locale::default());
    }

    /// A count takes its language's CLDR plural form (ICU4X's rules, by
    /// leptos_i18n): Russian one/few/many, Arabic zero to other, French 0
    /// as one, Chinese one form.
    #[test]
    fn a_count_reads_in_its_languages_plural_form() {
        use crate::i18n::*;
        let badges = |locale: Locale, count: u64| {
            td_string!(locale, badges_batch_size, count = count).to_string()
        };
        for (locale, count, expected) in [
            (Locale::en, 0, "0 badges"),
            (Locale::en, 1, "1 badge"),
            (Locale::en, 2, "2 badges"),
            (Locale::zh, 1, "1 张胸卡"),
            (Locale::fr, 0, "0 badge"),
            (Locale::fr, 1, "1 badge"),
            (Locale::fr, 2, "2 badges"),
            (Locale::fr, 1_000_000, "1000000 de badges"),
            (Locale::es, 1, "1 credencial"),
            (Locale::es, 2, "2 credenciales"),
            (Locale::ru, 1, "1 бейдж"),
            (Locale::ru, 2, "2 бейджа"),
            (Locale::ru, 5, "5 бейджей"),
            (Locale::ru, 11, "11 бейджей"),
            (Locale::ru, 21, "21 бейдж"),
            (Locale::ru, 24, "24 бейджа"),
            (Locale::ar, 0, "بلا شارات"),
            (Locale::ar, 1, "شارة واحدة"),
            (Locale::ar, 2, "شارتان"),
            (Locale::ar, 3, "3 شارات"),
            (Locale::ar, 10, "10 شارات"),
            (Locale::ar, 11, "11 شارة"),
            (Locale::ar, 100, "100 شارة"),
            (Locale::ar, 103, "103 شارات"),
        ] {
            assert_eq!(badges(locale, count), expected, "{locale} {count}");
        }
        assert_eq!(
            td_string!(Locale::ru, problem_rate_limited, count = 3u64).to_string(),
            "Слишком много попыток. Повторите попытку через 3 секунды."
        );
    }
}
