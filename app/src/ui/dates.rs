//! Dates in the reader's language. Each language's locale file holds its
//! patterns (`date_day_tab`, `date_day_heading`, `date_long`: strftime, as
//! chrono reads it) and its month and weekday names (`date_months`,
//! `date_months_short`, `date_weekdays`, `date_weekdays_short`: comma
//! separated, January and Monday first), so a new language brings its
//! dates in its file. The names are ours rather than chrono's locale
//! tables: those hold every glibc locale and made a third of the browser's
//! download.

use chrono::{Datelike, NaiveDate};

use crate::i18n::*;

/// The `index`th of a locale file's comma-separated names ("" past the end:
/// a test keeps every list complete).
fn nth_name(names: &str, index: usize) -> &str {
    names.split(',').nth(index).unwrap_or("")
}

/// `date` written by `pattern`: `%a %A %b %B` are the locale's names, every
/// other conversion is chrono's (numbers need no language).
fn format(locale: Locale, date: NaiveDate, pattern: &str) -> String {
    let month = date.month0() as usize;
    let weekday = date.weekday().num_days_from_monday() as usize;
    let mut out = String::new();
    let mut numeric = String::new();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            numeric.push(c);
            continue;
        }
        let Some(next) = chars.next() else {
            // A lone `%` at the end is a percent sign.
            numeric.push_str("%%");
            break;
        };
        let name = match next {
            'a' => nth_name(td_string!(locale, date_weekdays_short), weekday),
            'A' => nth_name(td_string!(locale, date_weekdays), weekday),
            'b' | 'h' => nth_name(td_string!(locale, date_months_short), month),
            'B' => nth_name(td_string!(locale, date_months), month),
            _ => {
                numeric.push(c);
                numeric.push(next);
                continue;
            }
        };
        out.push_str(&numeric_part(date, &numeric));
        numeric.clear();
        out.push_str(name);
    }
    out.push_str(&numeric_part(date, &numeric));
    out
}

/// A run of the pattern without names, written by chrono; a run chrono
/// cannot read (a test keeps them readable) gives the ISO date, which still
/// says which day.
fn numeric_part(date: NaiveDate, run: &str) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    match write!(out, "{}", date.format(run)) {
        Ok(()) => out,
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
    fn every_language_has_all_names_and_patterns_chrono_reads() {
        for &locale in Locale::get_all() {
            for (key, names, count) in [
                ("date_months", td_string!(locale, date_months), 12),
                (
                    "date_months_short",
                    td_string!(locale, date_months_short),
                    12,
                ),
                ("date_weekdays", td_string!(locale, date_weekdays), 7),
                (
                    "date_weekdays_short",
                    td_string!(locale, date_weekdays_short),
                    7,
                ),
            ] {
                let names: Vec<&str> = names.split(',').collect();
                assert_eq!(names.len(), count, "{locale}: {key}");
                assert!(
                    names.iter().all(|n| !n.trim().is_empty()),
                    "{locale}: {key}"
                );
            }
            for pattern in [
                td_string!(locale, date_day_tab),
                td_string!(locale, date_day_heading),
                td_string!(locale, date_long),
            ] {
                assert!(
                    StrftimeItems::new(pattern).all(|i| i != Item::Error),
                    "{locale}: chrono cannot read {pattern:?}"
                );
            }
        }
    }

    #[test]
    fn names_sit_among_numbers_and_a_literal_percent_stays() {
        let day = NaiveDate::from_ymd_opt(2027, 1, 31).unwrap();
        assert_eq!(format(Locale::en, day, "%a %b %-d, %Y"), "Sun Jan 31, 2027");
        assert_eq!(format(Locale::en, day, "100%% %B%"), "100% January%");
        assert_eq!(format(Locale::zh, day, "%B %A"), "一月 星期日");
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
