//! How far a typed exchange rate may be from the usual one before an
//! organizer must confirm it. The approval threshold is in the reporting
//! currency, so a rate a thousand times too small would let a large
//! commitment pass unapproved: the rate is the finance officer's input,
//! the threshold the organizers' rule, and one must not undo the other.
//!
//! The table holds each currency's order of magnitude against the US
//! dollar (late 2026, rounded): only a rate more than ten times away from
//! the pair's usual one is stopped, so ordinary movements and a year of
//! high inflation pass, a misplaced decimal point or a made-up rate does
//! not. Currencies left out (those whose value moves by orders of
//! magnitude in a year) have no usual rate: an organizer confirms them.

use super::money::{Currency, RATE_SCALE};

/// How many times above or below the usual rate a rate may be.
pub const TOLERANCE: i128 = 10;

/// Units of each currency for one US dollar, in thousandths.
const PER_DOLLAR: &[(&str, i128)] = &[
    ("USD", 1_000),
    ("EUR", 920),
    ("GBP", 790),
    ("CHF", 880),
    ("JPY", 150_000),
    ("CNY", 7_200),
    ("HKD", 7_800),
    ("MOP", 8_000),
    ("TWD", 32_000),
    ("KRW", 1_380_000),
    ("MNT", 3_400_000),
    ("SGD", 1_350),
    ("MYR", 4_500),
    ("THB", 35_000),
    ("IDR", 16_000_000),
    ("PHP", 57_000),
    ("VND", 25_000_000),
    ("KHR", 4_100_000),
    ("BND", 1_350),
    ("INR", 84_000),
    ("PKR", 280_000),
    ("LKR", 300_000),
    ("BDT", 120_000),
    ("NPR", 135_000),
    ("MVR", 15_400),
    ("KZT", 500_000),
    ("UZS", 12_800_000),
    ("KGS", 87_000),
    ("TJS", 10_900),
    ("TMT", 3_500),
    ("AZN", 1_700),
    ("GEL", 2_700),
    ("AMD", 390_000),
    ("RUB", 90_000),
    ("BYN", 3_300),
    ("UAH", 41_000),
    ("AED", 3_670),
    ("SAR", 3_750),
    ("QAR", 3_640),
    ("OMR", 385),
    ("KWD", 310),
    ("BHD", 376),
    ("JOD", 710),
    ("ILS", 3_700),
    ("IQD", 1_310_000),
    ("MAD", 10_000),
    ("TND", 3_100),
    ("DZD", 134_000),
    ("KES", 130_000),
    ("TZS", 2_600_000),
    ("UGX", 3_700_000),
    ("DJF", 178_000),
    ("ZAR", 18_000),
    ("AUD", 1_500),
    ("NZD", 1_650),
    ("CAD", 1_370),
    ("MXN", 18_000),
    ("BRL", 5_500),
    ("CLP", 930_000),
    ("COP", 4_100_000),
    ("PEN", 3_750),
    ("SEK", 10_500),
    ("NOK", 10_700),
    ("DKK", 6_900),
    ("ISK", 138_000),
    ("PLN", 4_000),
    ("CZK", 23_000),
    ("HUF", 360_000),
    ("RON", 4_600),
    ("RSD", 108_000),
    ("MKD", 57_000),
    ("ALL", 92_000),
    ("BAM", 1_800),
    ("MDL", 17_800),
];

fn per_dollar(currency: Currency) -> Option<i128> {
    PER_DOLLAR
        .iter()
        .find(|(code, _)| *code == currency.code())
        .map(|(_, units)| *units)
}

/// Whether `rate_e10` (reporting units per unit of `currency`) is within
/// `TOLERANCE` of the pair's usual rate. `None`: one of the two has no
/// usual rate here.
pub fn usual(currency: Currency, reporting: Currency, rate_e10: i64) -> Option<bool> {
    let (of, to) = (per_dollar(currency)?, per_dollar(reporting)?);
    // usual = to / of reporting units per unit; compare rate · of with
    // RATE_SCALE · to, in integers.
    let typed = i128::from(rate_e10) * of;
    let usual = i128::from(RATE_SCALE) * to;
    Some(typed * TOLERANCE >= usual && typed <= usual * TOLERANCE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::budget::money::parse_rate;

    fn c(code: &str) -> Currency {
        Currency::parse(code).unwrap()
    }

    #[test]
    fn ordinary_rates_pass_and_misplaced_points_do_not() {
        let usd_cny = |rate: &str| usual(c("USD"), c("CNY"), parse_rate(rate).unwrap());
        assert_eq!(usd_cny("7.1"), Some(true));
        assert_eq!(usd_cny("7.9"), Some(true));
        assert_eq!(usd_cny("0.0000000001"), Some(false));
        assert_eq!(usd_cny("0.071"), Some(false));
        assert_eq!(usd_cny("710"), Some(false));
        // A small unit against a large one, and the other way round.
        assert_eq!(
            usual(c("JPY"), c("CNY"), parse_rate("0.048").unwrap()),
            Some(true)
        );
        assert_eq!(
            usual(c("KWD"), c("CNY"), parse_rate("23.4").unwrap()),
            Some(true)
        );
        assert_eq!(
            usual(c("CNY"), c("KRW"), parse_rate("190").unwrap()),
            Some(true)
        );
        assert_eq!(
            usual(c("EUR"), c("CNY"), parse_rate("1000000").unwrap()),
            Some(false)
        );
        // No usual rate for a currency that moves by orders of magnitude.
        assert_eq!(
            usual(c("ARS"), c("CNY"), parse_rate("0.007").unwrap()),
            None
        );
    }

    #[test]
    fn every_listed_code_is_a_currency_accounts_are_kept_in() {
        for (code, units) in PER_DOLLAR {
            assert!(Currency::parse(code).is_ok(), "{code}");
            assert!(*units > 0);
        }
    }
}
