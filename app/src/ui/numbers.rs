//! Numbers and amounts as the reader's language writes them, by ICU4X
//! from CLDR's data: "1,234.56" in English and Chinese, "1 234,56" in
//! French and Russian, "1234,56" and "12.345,67" in Spanish (which groups
//! from five digits). Arabic pages keep Latin digits (`ar-u-nu-latn`), as
//! their dates, times, codes and the amounts typed in their forms do.
//! Amounts are exact: minor units shifted by the currency's exponent,
//! never a float.

use std::cell::RefCell;
use std::rc::Rc;

use fixed_decimal::Decimal;
use icu_decimal::DecimalFormatter;
use leptos::prelude::*;
use writeable::Writeable;

use crate::i18n::*;

/// The CLDR locale a language's numbers are written in.
fn number_locale(locale: Locale) -> Option<icu_locale_core::Locale> {
    let tag = match locale {
        Locale::ar => "ar-u-nu-latn",
        other => crate::locale::code(other),
    };
    tag.parse().ok()
}

thread_local! {
    /// One formatter per language and thread, made on first use.
    static FORMATTERS: RefCell<Vec<(Locale, Option<Rc<DecimalFormatter>>)>> =
        const { RefCell::new(Vec::new()) };
}

fn formatter(locale: Locale) -> Option<Rc<DecimalFormatter>> {
    FORMATTERS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some((_, made)) = cache.iter().find(|(l, _)| *l == locale) {
            return made.clone();
        }
        let made = number_locale(locale)
            .and_then(|tag| DecimalFormatter::try_new((&tag).into(), Default::default()).ok())
            .map(Rc::new);
        cache.push((locale, made.clone()));
        made
    })
}

/// `minor` units with `exponent` digits after the separator, written as
/// `locale` writes numbers ("1 234,56" in French for 123456 and 2).
pub fn decimal(locale: Locale, minor: i64, exponent: u32) -> String {
    let Some(formatter) = formatter(locale) else {
        // Compiled data covers every language of the app; this only keeps
        // a number readable if it ever did not.
        return plain(minor, exponent);
    };
    let mut number = Decimal::from(minor);
    let shift = i16::try_from(exponent).unwrap_or(0);
    number.multiply_pow10(-shift);
    number.absolute.pad_end(-shift);
    formatter.format(&number).write_to_string().into_owned()
}

/// `minor` shifted by `exponent`, ungrouped, with a full stop.
fn plain(minor: i64, exponent: u32) -> String {
    let Some(scale) = 10i128.checked_pow(exponent) else {
        return minor.to_string();
    };
    let magnitude = i128::from(minor).abs();
    let sign = if minor < 0 { "-" } else { "" };
    if exponent == 0 {
        format!("{sign}{magnitude}")
    } else {
        let width = exponent as usize;
        format!("{sign}{}.{:0width$}", magnitude / scale, magnitude % scale)
    }
}

/// A whole number, grouped as `locale` groups digits.
pub fn integer(locale: Locale, n: i64) -> String {
    decimal(locale, n, 0)
}

/// A percentage given as a decimal ("16.0"), as `locale` writes one
/// ("16.0%", "16,0 %"); a text that is not a decimal is kept as it is.
pub fn percent(locale: Locale, decimal_text: &str) -> String {
    let number = match (formatter(locale), Decimal::try_from_str(decimal_text)) {
        (Some(formatter), Ok(number)) => formatter.format(&number).write_to_string().into_owned(),
        _ => decimal_text.to_owned(),
    };
    td_string!(locale, percent_of, number = number).to_string()
}

/// An amount with its currency's code, where `locale` puts it
/// ("CNY 1,234.56", "1 234,56 CNY").
pub fn money(locale: Locale, currency: &str, exponent: u32, minor: i64) -> String {
    td_string!(
        locale,
        money_amount,
        currency = currency,
        amount = decimal(locale, minor, exponent)
    )
    .to_string()
}

/// An amount without its code (a table's column names the currency), in
/// the page's language, following the language switch.
#[component]
pub fn Amount(minor: i64, exponent: u32) -> impl IntoView {
    let i18n = use_i18n();
    move || decimal(i18n.get_locale(), minor, exponent)
}

/// A count, grouped as the page's language groups digits ("20,000",
/// "20 000"), following the language switch.
#[component]
pub fn Count(#[prop(into)] n: i64) -> impl IntoView {
    let i18n = use_i18n();
    move || integer(i18n.get_locale(), n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_as_each_language_writes_numbers() {
        let cases = [
            (Locale::en, 123_456_789, 2, "1,234,567.89"),
            (Locale::zh, 123_456_789, 2, "1,234,567.89"),
            (Locale::fr, 123_456_789, 2, "1\u{202f}234\u{202f}567,89"),
            (Locale::ru, 123_456_789, 2, "1\u{a0}234\u{a0}567,89"),
            (Locale::es, 123_456_789, 2, "1.234.567,89"),
            (Locale::es, 123_456, 2, "1234,56"),
            (Locale::ar, 123_456_789, 2, "1,234,567.89"),
            (Locale::en, 120_000, 2, "1,200.00"),
            (Locale::en, -5, 2, "-0.05"),
            (Locale::en, 1_235, 0, "1,235"),
            (Locale::en, 1_235, 3, "1.235"),
        ];
        for (locale, minor, exponent, expected) in cases {
            assert_eq!(
                decimal(locale, minor, exponent),
                expected,
                "{locale} {minor} {exponent}"
            );
        }
        assert_eq!(plain(-123_456, 2), "-1234.56");
        assert_eq!(plain(5, 3), "0.005");
        assert_eq!(money(Locale::en, "CNY", 2, 123_456), "CNY 1,234.56");
        assert_eq!(percent(Locale::en, "16.0"), "16.0%");
        assert_eq!(percent(Locale::fr, "16.0"), "16,0\u{202f}%");
        assert_eq!(percent(Locale::ru, "-2.5"), "-2,5\u{a0}%");
        assert_eq!(
            money(Locale::fr, "EUR", 2, 123_456),
            "1\u{202f}234,56\u{a0}EUR"
        );
    }
}
