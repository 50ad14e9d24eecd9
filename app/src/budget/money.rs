//! Money without floats: amounts are integer minor units beside an ISO
//! 4217 code (the `iso_currency` crate knows each currency's minor unit:
//! 2 for CNY, 0 for JPY, 3 for KWD); exchange rates are integers of 10⁻¹⁰
//! of the reporting currency per unit of the other.
//!
//! **Rounding, stated once:** an amount in another currency is converted
//! to the reporting currency line by line and rounded to the reporting
//! currency's minor unit, halves to even (banker's rounding, which does
//! not drift upwards over thousands of lines); totals are sums of the
//! converted lines, so every total adds up to the minor unit.

use std::cmp::Ordering;

use crate::error::ErrorCode;

/// How rounding is done, in the words the summary and the PDF print.
pub const ROUNDING: &str = "Each amount in another currency is converted with the rate in force on its date and rounded to the reporting currency's minor unit, halves to even; totals add the rounded lines.";

/// The largest amount accepted, in minor units (10¹⁵: a thousand
/// billion dollars, far beyond any Forum, far below overflow).
pub const MAX_MINOR: i64 = 1_000_000_000_000_000;

/// Rates are integers of this fraction of a unit: ten decimal places.
pub const RATE_SCALE: i64 = 10_000_000_000;
const RATE_DECIMALS: u32 = 10;

/// A currency people may keep accounts in: a current ISO 4217 code with a
/// minor unit (not gold, not a fund, not one that was replaced).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency(iso_currency::Currency);

impl Currency {
    pub fn parse(code: &str) -> Result<Currency, ErrorCode> {
        let code = code.trim().to_ascii_uppercase();
        let currency =
            iso_currency::Currency::from_code(&code).ok_or(ErrorCode::UnknownCurrency)?;
        if currency.exponent().is_none()
            || currency.is_fund()
            || currency.is_special()
            || currency.is_superseded().is_some()
        {
            return Err(ErrorCode::UnknownCurrency);
        }
        Ok(Currency(currency))
    }

    pub fn code(self) -> &'static str {
        self.0.code()
    }

    /// The currency's English name, as ISO 4217 gives it.
    pub fn name(self) -> String {
        self.0.name().to_owned()
    }

    /// Digits after the decimal point: 2 for CNY, 0 for JPY, 3 for KWD.
    pub fn exponent(self) -> u32 {
        u32::from(self.0.exponent().unwrap_or(0))
    }

    /// The currency of a country (ISO 3166 alpha-2), when it has one.
    pub fn of_country(alpha2: &str) -> Option<Currency> {
        let country: iso_currency::Country = alpha2.trim().to_ascii_uppercase().parse().ok()?;
        iso_currency::Currency::from_country(country)
            .into_iter()
            .map(Currency)
            .find(|c| Currency::parse(c.code()).is_ok())
    }
}

fn pow10(exponent: u32) -> i128 {
    10i128.pow(exponent)
}

/// `numerator / denominator` rounded to the nearest integer, halves to
/// even. `denominator` must be positive.
pub fn div_round_half_even(numerator: i128, denominator: i128) -> i128 {
    debug_assert!(denominator > 0);
    let quotient = numerator.div_euclid(denominator);
    let remainder = numerator.rem_euclid(denominator);
    match (2 * remainder).cmp(&denominator) {
        Ordering::Less => quotient,
        Ordering::Greater => quotient + 1,
        Ordering::Equal if quotient % 2 == 0 => quotient,
        Ordering::Equal => quotient + 1,
    }
}

/// Whether a typed number's decimal separator is a comma, as French,
/// Russian and Spanish write it: the comma comes after the last full stop
/// ("1.234,56", the full stops grouping thousands), or it is the only
/// comma and fewer or more than three digits follow it ("12,5",
/// "1 234,56"). "1,234" stays one thousand two hundred and thirty-four.
fn decimal_comma(text: &str) -> bool {
    match (text.rfind('.'), text.rfind(',')) {
        (Some(stop), Some(comma)) => comma > stop,
        (None, Some(comma)) => text.matches(',').count() == 1 && text[comma + 1..].len() != 3,
        _ => false,
    }
}

/// Reads a decimal text into an integer of `decimals` places: digits, one
/// optional decimal separator (`.`, or `,` as [`decimal_comma`] tells),
/// thousands grouped in threes by the other one, or by spaces, `'` or
/// `_`. More decimals than `decimals` is an error, never rounded.
fn parse_decimal(text: &str, decimals: u32) -> Result<i128, ErrorCode> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ErrorCode::Required);
    }
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, text),
    };
    // From here on `,` groups thousands and `.` separates the decimals.
    let (whole, fraction) = if decimal_comma(text) {
        match text.rsplit_once(',') {
            Some((whole, fraction)) => (whole.replace('.', ","), Some(fraction)),
            None => (text.to_owned(), None),
        }
    } else {
        match text.split_once('.') {
            Some((whole, fraction)) => (whole.to_owned(), Some(fraction)),
            None => (text.to_owned(), None),
        }
    };
    let whole: String = whole
        .chars()
        .filter(|c| !matches!(c, ' ' | '\'' | '_' | '\u{a0}' | '\u{202f}'))
        .collect();
    // "12,5" must not become 125: commas only group thousands.
    if whole.contains(',') {
        let mut groups = whole.split(',');
        let first = groups.next().unwrap_or("");
        let grouped = (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3);
        if !grouped {
            return Err(ErrorCode::InvalidNumber);
        }
    }
    let whole: String = whole.chars().filter(|c| *c != ',').collect();
    let fraction = fraction.unwrap_or("");
    if (whole.is_empty() && fraction.is_empty())
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !fraction.chars().all(|c| c.is_ascii_digit())
    {
        return Err(ErrorCode::InvalidNumber);
    }
    let fraction = fraction.trim_end_matches('0');
    if fraction.len() as u32 > decimals {
        return Err(ErrorCode::TooManyDecimals);
    }
    // 19 digits before the point is already past every bound we keep.
    if whole.trim_start_matches('0').len() > 19 {
        return Err(ErrorCode::OutOfRange);
    }
    let whole: i128 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| ErrorCode::InvalidNumber)?
    };
    let padded = format!("{fraction:0<width$}", width = decimals as usize);
    let fraction: i128 = if padded.is_empty() {
        0
    } else {
        padded.parse().map_err(|_| ErrorCode::InvalidNumber)?
    };
    let value = whole * pow10(decimals) + fraction;
    Ok(if negative { -value } else { value })
}

/// An amount typed by a person ("1,234.56") in minor units of `currency`.
/// Negative amounts are refused: refunds are income.
pub fn parse_amount(text: &str, currency: Currency) -> Result<i64, ErrorCode> {
    let value = parse_decimal(text, currency.exponent())?;
    if value < 0 {
        return Err(ErrorCode::NegativeAmount);
    }
    check_minor(i64::try_from(value).map_err(|_| ErrorCode::OutOfRange)?)
}

/// An amount in minor units as received by the API: not negative, not
/// beyond [`MAX_MINOR`].
pub fn check_minor(minor: i64) -> Result<i64, ErrorCode> {
    if minor < 0 {
        Err(ErrorCode::NegativeAmount)
    } else if minor > MAX_MINOR {
        Err(ErrorCode::OutOfRange)
    } else {
        Ok(minor)
    }
}

/// A rate typed by a person ("7.1234"): how many units of the reporting
/// currency one unit of the other buys; positive, at most ten decimals.
pub fn parse_rate(text: &str) -> Result<i64, ErrorCode> {
    let value = parse_decimal(text, RATE_DECIMALS)?;
    if value <= 0 {
        return Err(ErrorCode::RateNotPositive);
    }
    // A million reporting units for one unit is no currency pair on earth.
    if value > 1_000_000 * i128::from(RATE_SCALE) {
        return Err(ErrorCode::OutOfRange);
    }
    i64::try_from(value).map_err(|_| ErrorCode::OutOfRange)
}

/// A rate as people write it: "7.1234" (no trailing zeros, at least one
/// decimal dropped only when whole).
pub fn format_rate(rate_e10: i64) -> String {
    let whole = rate_e10 / RATE_SCALE;
    let fraction = rate_e10 % RATE_SCALE;
    if fraction == 0 {
        return whole.to_string();
    }
    let digits = format!("{fraction:010}");
    format!("{whole}.{}", digits.trim_end_matches('0'))
}

/// `minor` in `currency` as plain text with grouped thousands:
/// "1,234.56", "1,235" (JPY), "1.235" (KWD 1.235).
pub fn format_minor(minor: i64, exponent: u32) -> String {
    let negative = minor < 0;
    let magnitude = i128::from(minor).abs();
    let scale = pow10(exponent);
    let whole = (magnitude / scale).to_string();
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let sign = if negative { "-" } else { "" };
    if exponent == 0 {
        format!("{sign}{grouped}")
    } else {
        let fraction = magnitude % scale;
        format!(
            "{sign}{grouped}.{fraction:0width$}",
            width = exponent as usize
        )
    }
}

/// `minor` as a plain decimal for spreadsheets and forms: "1234.56".
pub fn decimal_minor(minor: i64, exponent: u32) -> String {
    format_minor(minor, exponent).replace(',', "")
}

/// "CNY 1,234.56".
pub fn format_money(minor: i64, currency: Currency) -> String {
    format!(
        "{} {}",
        currency.code(),
        format_minor(minor, currency.exponent())
    )
}

/// `minor` units of `from` in minor units of `to`, at `rate_e10` (units of
/// `to` per unit of `from`, in 10⁻¹⁰), rounded halves to even.
pub fn convert(minor: i64, from: Currency, rate_e10: i64, to: Currency) -> Result<i64, ErrorCode> {
    if from == to {
        return Ok(minor);
    }
    let numerator = i128::from(minor) * i128::from(rate_e10) * pow10(to.exponent());
    let denominator = i128::from(RATE_SCALE) * pow10(from.exponent());
    let converted = div_round_half_even(numerator, denominator);
    // Within the bound every amount keeps, so sums stay far from overflow.
    if converted.abs() > i128::from(MAX_MINOR) {
        return Err(ErrorCode::OutOfRange);
    }
    i64::try_from(converted).map_err(|_| ErrorCode::OutOfRange)
}

/// A share as a percentage with one decimal, from integers: 1234 of
/// 10000 is "12.3". `None` when the whole is zero.
pub fn percent(part: i64, whole: i64) -> Option<String> {
    if whole == 0 {
        return None;
    }
    let tenths = div_round_half_even(i128::from(part) * 1000, i128::from(whole).abs());
    let sign = if tenths < 0 { "-" } else { "" };
    let tenths = tenths.abs();
    Some(format!("{sign}{}.{}", tenths / 10, tenths % 10))
}

#[cfg(test)]
// Amounts read as whole units and cents: 500_000_00 is 500,000.00.
#[allow(clippy::inconsistent_digit_grouping)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn c(code: &str) -> Currency {
        Currency::parse(code).unwrap()
    }

    #[test]
    fn currencies_come_from_iso_4217() {
        assert_eq!(c("cny").code(), "CNY");
        assert_eq!(c("CNY").exponent(), 2);
        assert_eq!(c("JPY").exponent(), 0);
        assert_eq!(c("KWD").exponent(), 3);
        assert_eq!(Currency::parse("XYZ"), Err(ErrorCode::UnknownCurrency));
        // Gold, a fund and a replaced currency are no currencies to pay in.
        assert_eq!(Currency::parse("XAU"), Err(ErrorCode::UnknownCurrency));
        assert_eq!(Currency::parse("BOV"), Err(ErrorCode::UnknownCurrency));
        assert_eq!(Currency::parse("VEF"), Err(ErrorCode::UnknownCurrency));
        assert_eq!(Currency::of_country("cn"), Some(c("CNY")));
        assert_eq!(Currency::of_country("JP"), Some(c("JPY")));
        assert_eq!(Currency::of_country("ZZ"), None);
    }

    #[test]
    fn amounts_are_read_without_floats() {
        assert_eq!(parse_amount("1,234.56", c("CNY")), Ok(123_456));
        assert_eq!(parse_amount(" 1 234.5 ", c("CNY")), Ok(123_450));
        assert_eq!(parse_amount("0.10", c("USD")), Ok(10));
        assert_eq!(parse_amount("1234", c("JPY")), Ok(1234));
        assert_eq!(parse_amount("1.235", c("KWD")), Ok(1235));
        assert_eq!(
            parse_amount("1.5", c("JPY")),
            Err(ErrorCode::TooManyDecimals)
        );
        assert_eq!(
            parse_amount("1.234", c("USD")),
            Err(ErrorCode::TooManyDecimals)
        );
        // Trailing zeros are no extra precision.
        assert_eq!(parse_amount("12.000", c("USD")), Ok(1200));
        // A decimal comma, as French, Russian and Spanish type amounts.
        assert_eq!(parse_amount("12,5", c("EUR")), Ok(1250));
        assert_eq!(parse_amount("1 234,56", c("EUR")), Ok(123_456));
        assert_eq!(parse_amount("1\u{202f}234,56", c("EUR")), Ok(123_456));
        assert_eq!(parse_amount("1.234.567,89", c("EUR")), Ok(123_456_789));
        // Three digits after a lone comma group thousands.
        assert_eq!(parse_amount("1,234", c("CNY")), Ok(123_400));
        assert_eq!(
            parse_amount("1.234,5,6", c("EUR")),
            Err(ErrorCode::InvalidNumber)
        );
        assert_eq!(
            parse_amount("12,345,6", c("EUR")),
            Err(ErrorCode::InvalidNumber)
        );
        assert_eq!(
            parse_amount("1,23,456", c("EUR")),
            Err(ErrorCode::InvalidNumber)
        );
        assert_eq!(parse_amount("-5", c("EUR")), Err(ErrorCode::NegativeAmount));
        assert_eq!(parse_amount("abc", c("EUR")), Err(ErrorCode::InvalidNumber));
        assert_eq!(parse_amount("", c("EUR")), Err(ErrorCode::Required));
        assert_eq!(parse_amount(".", c("EUR")), Err(ErrorCode::InvalidNumber));
        assert_eq!(
            parse_amount("99999999999999999999999", c("EUR")),
            Err(ErrorCode::OutOfRange)
        );
        assert_eq!(
            parse_amount("10000000000000.01", c("EUR")),
            Err(ErrorCode::OutOfRange)
        );
    }

    #[test]
    fn amounts_are_written_in_their_minor_unit() {
        assert_eq!(format_minor(123_456, 2), "1,234.56");
        assert_eq!(format_minor(5, 2), "0.05");
        assert_eq!(format_minor(-123_456, 2), "-1,234.56");
        assert_eq!(format_minor(1_234_567, 0), "1,234,567");
        assert_eq!(format_minor(1235, 3), "1.235");
        assert_eq!(decimal_minor(123_456_789, 2), "1234567.89");
        assert_eq!(format_money(123_456, c("CNY")), "CNY 1,234.56");
    }

    #[test]
    fn rates_keep_ten_decimals() {
        assert_eq!(parse_rate("7.1234"), Ok(71_234_000_000));
        assert_eq!(parse_rate("0.0478"), Ok(478_000_000));
        assert_eq!(parse_rate("0"), Err(ErrorCode::RateNotPositive));
        assert_eq!(parse_rate("-1"), Err(ErrorCode::RateNotPositive));
        assert_eq!(parse_rate("1.00000000001"), Err(ErrorCode::TooManyDecimals));
        assert_eq!(format_rate(71_234_000_000), "7.1234");
        assert_eq!(format_rate(70_000_000_000), "7");
        assert_eq!(format_rate(1), "0.0000000001");
    }

    #[test]
    fn halves_round_to_even_both_ways() {
        assert_eq!(div_round_half_even(25, 10), 2);
        assert_eq!(div_round_half_even(35, 10), 4);
        assert_eq!(div_round_half_even(26, 10), 3);
        assert_eq!(div_round_half_even(24, 10), 2);
        assert_eq!(div_round_half_even(-25, 10), -2);
        assert_eq!(div_round_half_even(-35, 10), -4);
        assert_eq!(div_round_half_even(-26, 10), -3);
    }

    #[test]
    fn conversion_between_minor_units_of_any_size() {
        let rate = parse_rate("7.1234").unwrap();
        // USD 100.00 → CNY 712.34
        assert_eq!(convert(10_000, c("USD"), rate, c("CNY")), Ok(71_234));
        // USD 0.01 → CNY 0.071234 → 0.07
        assert_eq!(convert(1, c("USD"), rate, c("CNY")), Ok(7));
        // JPY (no minor unit) → CNY: 1,000 yen at 0.0478 = 47.80
        let yen = parse_rate("0.0478").unwrap();
        assert_eq!(convert(1000, c("JPY"), yen, c("CNY")), Ok(4780));
        // KWD 1.235 (three decimals) at 23.4 → CNY 28.899 → 28.90
        let dinar = parse_rate("23.4").unwrap();
        assert_eq!(convert(1235, c("KWD"), dinar, c("CNY")), Ok(2890));
        // CNY → JPY: 100.00 at 20.92 = 2,092 yen.
        assert_eq!(
            convert(10_000, c("CNY"), parse_rate("20.92").unwrap(), c("JPY")),
            Ok(2092)
        );
        // CNY → KWD: 100.00 at 0.042735 = 4.2735 → 4.274 (half to even)
        assert_eq!(
            convert(10_000, c("CNY"), parse_rate("0.042735").unwrap(), c("KWD")),
            Ok(4274)
        );
        // The same currency is never converted.
        assert_eq!(convert(12_345, c("CNY"), 1, c("CNY")), Ok(12_345));
        // Exactly half a fen rounds to even: USD 0.05 at 0.1 = 0.005.
        assert_eq!(
            convert(5, c("USD"), parse_rate("0.1").unwrap(), c("CNY")),
            Ok(0)
        );
        assert_eq!(
            convert(15, c("USD"), parse_rate("0.1").unwrap(), c("CNY")),
            Ok(2)
        );
    }

    #[test]
    fn percentages_are_integer_arithmetic() {
        assert_eq!(percent(1234, 10_000).as_deref(), Some("12.3"));
        assert_eq!(percent(-500, 10_000).as_deref(), Some("-5.0"));
        assert_eq!(percent(1, 3).as_deref(), Some("33.3"));
        assert_eq!(percent(5, 0), None);
    }

    fn currency() -> impl Strategy<Value = Currency> {
        prop::sample::select(vec!["CNY", "USD", "JPY", "KWD", "EUR", "KRW", "BHD"])
            .prop_map(|code| Currency::parse(code).unwrap())
    }

    proptest! {
        /// What is written is read back, in every minor unit.
        #[test]
        fn amounts_round_trip(minor in 0i64..=MAX_MINOR, currency in currency()) {
            let text = format_minor(minor, currency.exponent());
            prop_assert_eq!(parse_amount(&text, currency), Ok(minor));
        }

        /// A converted amount is within half a minor unit of the exact
        /// value: |converted × scale − exact| ≤ scale / 2.
        #[test]
        fn conversion_is_off_by_at_most_half_a_minor_unit(
            minor in 0i64..1_000_000_000_000,
            rate in 1i64..2_000_000_000_000,
            from in currency(),
            to in currency(),
        ) {
            prop_assume!(from != to);
            let exact = i128::from(minor) * i128::from(rate) * pow10(to.exponent());
            let scale = i128::from(RATE_SCALE) * pow10(from.exponent());
            match convert(minor, from, rate, to) {
                Ok(converted) => {
                    let error = (i128::from(converted) * scale - exact).abs();
                    prop_assert!(2 * error <= scale, "{converted} off by {error}/{scale}");
                }
                // Refused only past the bound every amount keeps.
                Err(code) => {
                    prop_assert_eq!(code, ErrorCode::OutOfRange);
                    prop_assert!(exact > i128::from(MAX_MINOR) * scale);
                }
            }
        }

        /// Converting line by line and summing equals the sum of the
        /// converted lines: a total adds up to the minor unit by design,
        /// and it is never further from the exact total than half a
        /// minor unit per line.
        #[test]
        fn totals_add_up_to_the_minor_unit(
            lines in prop::collection::vec(0i64..1_000_000_000, 1..60),
            rate in 1i64..2_000_000_000_000,
            from in currency(),
            to in currency(),
        ) {
            prop_assume!(from != to);
            let converted: Vec<i64> = lines.iter().map(|m| convert(*m, from, rate, to).unwrap()).collect();
            let total: i128 = converted.iter().map(|m| i128::from(*m)).sum();
            let scale = i128::from(RATE_SCALE) * pow10(from.exponent());
            let exact: i128 = lines.iter().map(|m| i128::from(*m) * i128::from(rate) * pow10(to.exponent())).sum();
            let error = (total * scale - exact).abs();
            prop_assert!(2 * error <= scale * lines.len() as i128);
        }

        #[test]
        fn rates_round_trip(rate in 1i64..1_000_000 * RATE_SCALE) {
            prop_assert_eq!(parse_rate(&format_rate(rate)), Ok(rate));
        }

        #[test]
        fn no_text_panics(text in "\\PC{0,40}") {
            let _ = parse_amount(&text, Currency::parse("KWD").unwrap());
            let _ = parse_rate(&text);
        }
    }
}
