//! Dates in the reader's language. Each language's locale file holds its
//! patterns (`date_day_tab`, `date_day_heading`, `date_long`: strftime, as
//! chrono reads it) and names the chrono locale whose month and weekday
//! names fill them (`date_locale`: glibc's `en_US`, `zh_CN`), so a new
//! language brings its dates in its file.

use std::fmt::Write;

use chrono::NaiveDate;

use crate::i18n::*;

/// chrono's locale named by `locale`'s file (POSIX, English names, for a
/// name chrono does not know; a test keeps every file's name known).
fn chrono_locale(locale: Locale) -> chrono::Locale {
    chrono::Locale::try_from(td_string!(locale, date_locale)).unwrap_or(chrono::Locale::POSIX)
}

fn format(locale: Locale, date: NaiveDate, pattern: &str) -> String {
    let mut out = String::new();
    match write!(
        out,
        "{}",
        date.format_localized(pattern, chrono_locale(locale))
    ) {
        Ok(()) => out,
        // A pattern chrono cannot read (a test keeps them readable): the
        // ISO date still says which day.
        Err(_) => date.to_string(),
    }
}

/// A day tab: weekday and day of the month ("Tue 11-02", "11月2日 周二").
pub fn day_tab(locale: Locale, date: NaiveDate) -> String {
    format(locale, date, td_string!(locale, date_day_tab))
}

/// A day's heading ("Tuesday 2027-11-02", "2027年11月2日 星期二").
pub fn day_heading(locale: Locale, date: NaiveDate) -> String {
    format(locale, date, td_string!(locale, date_day_heading))
}

/// A date in a sentence or a letter ("2 November 2027", "2027年11月2日").
pub fn long_date(locale: Locale, date: NaiveDate) -> String {
    format(locale, date, td_string!(locale, date_long))
}

#[cfg(test)]
mod tests {
    use chrono::format::{Item, StrftimeItems};
    use leptos_i18n::Locale as _;

    use super::*;

    #[test]
    fn every_language_names_a_chrono_locale_and_patterns_it_reads() {
        for &locale in Locale::get_all() {
            let name = td_string!(locale, date_locale);
            let names = chrono::Locale::try_from(name)
                .unwrap_or_else(|_| panic!("{locale}: chrono has no locale {name}"));
            for pattern in [
                td_string!(locale, date_day_tab),
                td_string!(locale, date_day_heading),
                td_string!(locale, date_long),
            ] {
                assert!(
                    StrftimeItems::new_with_locale(pattern, names).all(|i| i != Item::Error),
                    "{locale}: chrono cannot read {pattern:?}"
                );
            }
        }
    }

    #[test]
    fn english_and_chinese_dates() {
        let day = NaiveDate::from_ymd_opt(2027, 11, 2).unwrap();
        assert_eq!(day_tab(Locale::en, day), "Tue 11-02");
        assert_eq!(day_tab(Locale::zh, day), "11月2日 周二");
        assert_eq!(day_heading(Locale::en, day), "Tuesday 2027-11-02");
        assert_eq!(day_heading(Locale::zh, day), "2027年11月2日 星期二");
        assert_eq!(long_date(Locale::en, day), "2 November 2027");
        assert_eq!(long_date(Locale::zh, day), "2027年11月2日");
    }
}
