//! The budget's rules, pure: which rate applies to an amount, what an
//! item's status is, whether it waits for an organizer, what a valid item
//! is, and every figure of the summary. Services load rows and call these.

use std::collections::{BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate};

use super::money::{Currency, check_minor, convert, percent};
use super::types::{CategoryKind, Converted, ItemStatus, PayerKind, Variance, VarianceState};
use crate::error::{ErrorCode, FieldErrors};

mod summary;

pub use summary::{Category, Ledger, Payer, summarize};

/// Dates further than this from the Forum's year are typing mistakes.
pub const YEARS_AROUND: i32 = 5;
/// Text bounds, in characters.
pub const DESCRIPTION_MAX: usize = 200;
pub const VENDOR_MAX: usize = 120;
pub const INVOICE_REF_MAX: usize = 60;
pub const NOTES_MAX: usize = 2000;
pub const NAME_MAX: usize = 80;
pub const PAYER_NAME_MAX: usize = 120;
pub const SOURCE_MAX: usize = 120;

/// The rates of one budget, by currency, oldest first.
#[derive(Debug, Clone, Default)]
pub struct RateTable {
    by_currency: HashMap<String, Vec<(NaiveDate, i64, i64)>>,
}

impl RateTable {
    /// From `(id, currency, valid_from, rate_e10)` rows in any order.
    pub fn new(rows: impl IntoIterator<Item = (i64, String, NaiveDate, i64)>) -> RateTable {
        let mut by_currency: HashMap<String, Vec<(NaiveDate, i64, i64)>> = HashMap::new();
        for (id, currency, day, rate) in rows {
            by_currency
                .entry(currency)
                .or_default()
                .push((day, rate, id));
        }
        for rates in by_currency.values_mut() {
            rates.sort_unstable();
        }
        RateTable { by_currency }
    }

    /// The rate in force on `day`: the latest from that day or before,
    /// as `(rate id, rate)`.
    pub fn on(&self, currency: &str, day: NaiveDate) -> Option<(i64, i64)> {
        let rates = self.by_currency.get(currency)?;
        let after = rates.partition_point(|(from, ..)| *from <= day);
        after.checked_sub(1).map(|i| (rates[i].2, rates[i].1))
    }
}

/// Turns amounts into the reporting currency.
#[derive(Debug, Clone)]
pub struct Converter {
    pub reporting: Currency,
    /// Planned amounts convert at the rate in force on this day.
    pub plan_day: NaiveDate,
    pub rates: RateTable,
}

impl Converter {
    /// `minor` of `currency` as of `day`; `RateMissing` when no rate
    /// covers that day.
    pub fn convert(
        &self,
        minor: i64,
        currency: Currency,
        day: NaiveDate,
    ) -> Result<Converted, ErrorCode> {
        if currency == self.reporting {
            return Ok(Converted {
                minor,
                rate_id: None,
            });
        }
        let (rate_id, rate) = self
            .rates
            .on(currency.code(), day)
            .ok_or(ErrorCode::RateMissing)?;
        Ok(Converted {
            minor: convert(minor, currency, rate, self.reporting)?,
            rate_id: Some(rate_id),
        })
    }
}

/// A cost item as the rules see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub id: i64,
    pub category_id: i64,
    pub payer_id: i64,
    pub currency: Currency,
    pub planned: i64,
    pub committed: Option<i64>,
    pub actual: Option<i64>,
    pub committed_on: Option<NaiveDate>,
    pub invoiced_on: Option<NaiveDate>,
    pub paid_on: Option<NaiveDate>,
    pub cancelled: bool,
    /// The commitment an organizer approved, in the item's currency.
    pub approved: Option<(i64, Currency)>,
}

/// An item's amounts in the reporting currency.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ItemFigures {
    pub planned: Option<Converted>,
    pub committed: Option<Converted>,
    pub actual: Option<Converted>,
    /// Whether the commitment is above the threshold.
    pub needs_approval: bool,
    /// Above the threshold and not (or no longer) approved.
    pub waiting: bool,
    /// Amounts no rate covered.
    pub unconverted: bool,
}

impl Item {
    /// Converts each amount; a missing rate leaves that amount out.
    pub fn figures(&self, converter: &Converter, threshold: Option<i64>) -> ItemFigures {
        let mut unconverted = false;
        let mut at = |minor: i64, day: NaiveDate| match converter.convert(minor, self.currency, day)
        {
            Ok(converted) => Some(converted),
            Err(_) => {
                unconverted = true;
                None
            }
        };
        let planned = at(self.planned, converter.plan_day);
        let committed = match (self.committed, self.committed_on) {
            (Some(minor), Some(day)) => at(minor, day),
            _ => None,
        };
        let actual = match (self.actual, self.paid_on) {
            (Some(minor), Some(day)) => at(minor, day),
            _ => None,
        };
        // What the item engages: its commitment or, if more was paid, the
        // payment. Above the threshold it waits until an organizer
        // approves that very amount (raised later, it waits again).
        let exposure = [&committed, &actual]
            .into_iter()
            .flatten()
            .map(|c| c.minor)
            .max();
        // An amount engaged that no rate converts cannot be shown to be
        // below the threshold: it waits for an organizer too (never less
        // checking because a rate is missing or overflows).
        let engaged_unconverted = (self.committed.is_some() && committed.is_none())
            || (self.actual.is_some() && actual.is_none());
        let needs_approval =
            threshold.is_some_and(|t| engaged_unconverted || exposure.is_some_and(|e| e > t));
        let approved = self.approved.is_some() && self.approved == self.exposure();
        ItemFigures {
            planned,
            committed,
            actual,
            needs_approval,
            waiting: needs_approval && !approved && !self.cancelled,
            unconverted,
        }
    }

    /// The amount an approval covers, in the item's currency: the larger
    /// of the commitment and the payment.
    pub fn exposure(&self) -> Option<(i64, Currency)> {
        self.committed
            .into_iter()
            .chain(self.actual)
            .max()
            .map(|minor| (minor, self.currency))
    }

    pub fn status(&self, figures: &ItemFigures) -> ItemStatus {
        if self.cancelled {
            ItemStatus::Cancelled
        } else if figures.waiting {
            // Whatever else happened, an organizer has yet to look at it.
            ItemStatus::AwaitingApproval
        } else if let Some(paid) = self.actual {
            if self.committed.is_some_and(|committed| paid < committed) {
                ItemStatus::PartlyPaid
            } else {
                ItemStatus::Paid
            }
        } else if self.invoiced_on.is_some() {
            ItemStatus::Invoiced
        } else if self.committed.is_some() {
            ItemStatus::Committed
        } else {
            ItemStatus::Planned
        }
    }
}

/// What is wrong with a text field, if anything, by the rules every area
/// follows (`crate::text`).
pub fn text_problem(text: &str, max: usize, required: bool, one_line: bool) -> Option<ErrorCode> {
    if one_line {
        crate::text::line(text, max, required).err()
    } else {
        crate::text::paragraph(text, max, required).err()
    }
}

fn bounded(errors: &mut FieldErrors, field: &str, text: &str, max: usize, required: bool) {
    if let Some(code) = text_problem(text, max, required, field != "notes") {
        add(errors, field, code);
    }
}

fn add(errors: &mut FieldErrors, field: &str, code: ErrorCode) {
    errors.entry(field.into()).or_default().push(code);
}

/// Whether `day` is near enough the Forum's `year` to be meant.
pub fn plausible(day: NaiveDate, year: i32) -> bool {
    (year - YEARS_AROUND..=year + YEARS_AROUND).contains(&day.year())
}

/// What a cost item must satisfy before it is saved.
pub struct ItemRules<'a> {
    pub year: i32,
    pub categories: &'a BTreeSet<i64>,
    pub payers: &'a BTreeSet<i64>,
    pub converter: &'a Converter,
}

/// A cost item's fields, checked: every problem at once, beside its field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemFields<'a> {
    pub category_id: i64,
    pub payer_id: i64,
    pub description: &'a str,
    pub vendor: &'a str,
    pub currency: &'a str,
    pub planned: i64,
    pub committed: Option<i64>,
    pub actual: Option<i64>,
    pub committed_on: Option<NaiveDate>,
    pub invoiced_on: Option<NaiveDate>,
    pub paid_on: Option<NaiveDate>,
    pub invoice_ref: &'a str,
    pub notes: &'a str,
}

impl ItemRules<'_> {
    pub fn check(&self, item: &ItemFields) -> Result<Currency, FieldErrors> {
        let mut errors = FieldErrors::new();
        if !self.categories.contains(&item.category_id) {
            add(&mut errors, "category_id", ErrorCode::UnknownCategory);
        }
        if !self.payers.contains(&item.payer_id) {
            add(&mut errors, "payer_id", ErrorCode::UnknownPayer);
        }
        bounded(
            &mut errors,
            "description",
            item.description,
            DESCRIPTION_MAX,
            true,
        );
        bounded(&mut errors, "vendor", item.vendor, VENDOR_MAX, false);
        bounded(
            &mut errors,
            "invoice_ref",
            item.invoice_ref,
            INVOICE_REF_MAX,
            false,
        );
        bounded(&mut errors, "notes", item.notes, NOTES_MAX, false);
        let currency = Currency::parse(item.currency);
        if let Err(code) = &currency {
            add(&mut errors, "currency", code.clone());
        }
        for (field, minor) in [
            ("planned", Some(item.planned)),
            ("committed", item.committed),
            ("actual", item.actual),
        ] {
            if let Some(Err(code)) = minor.map(check_minor) {
                add(&mut errors, field, code);
            }
        }
        for (field, day) in [
            ("committed_on", item.committed_on),
            ("invoiced_on", item.invoiced_on),
            ("paid_on", item.paid_on),
        ] {
            if day.is_some_and(|day| !plausible(day, self.year)) {
                add(&mut errors, field, ErrorCode::DateOutOfRange);
            }
        }
        // A commitment and a payment each need their day: the rate and the
        // spending over time are read from it.
        match (item.committed, item.committed_on) {
            (Some(_), None) => add(&mut errors, "committed_on", ErrorCode::CommitmentNeedsDate),
            (None, Some(_)) => add(&mut errors, "committed", ErrorCode::Required),
            _ => {}
        }
        match (item.actual, item.paid_on) {
            (Some(_), None) => add(&mut errors, "paid_on", ErrorCode::ActualNeedsDate),
            (None, Some(_)) => add(&mut errors, "actual", ErrorCode::Required),
            _ => {}
        }
        if let Ok(currency) = currency {
            let missing = |day: Option<NaiveDate>| {
                day.is_some_and(|day| {
                    self.converter.convert(0, currency, day) == Err(ErrorCode::RateMissing)
                })
            };
            if missing(Some(self.converter.plan_day)) {
                add(&mut errors, "currency", ErrorCode::RateMissing);
            }
            if item.committed.is_some() && missing(item.committed_on) {
                add(&mut errors, "committed_on", ErrorCode::RateMissing);
            }
            if item.actual.is_some() && missing(item.paid_on) {
                add(&mut errors, "paid_on", ErrorCode::RateMissing);
            }
        }
        match currency {
            Ok(currency) if errors.is_empty() => Ok(currency),
            _ => Err(errors),
        }
    }
}

/// An income line as the rules see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Income {
    pub payer_id: i64,
    pub currency: Currency,
    pub pledged: i64,
    pub received: Option<i64>,
    pub received_on: Option<NaiveDate>,
}

impl Income {
    pub fn converted(
        &self,
        converter: &Converter,
    ) -> (
        Result<Converted, ErrorCode>,
        Option<Result<Converted, ErrorCode>>,
    ) {
        let pledged = converter.convert(self.pledged, self.currency, converter.plan_day);
        let received = match (self.received, self.received_on) {
            (Some(minor), Some(day)) => Some(converter.convert(minor, self.currency, day)),
            _ => None,
        };
        (pledged, received)
    }
}

/// Plan − forecast, in words a page can colour.
pub fn variance(budget: i64, forecast: i64) -> Variance {
    let minor = budget.saturating_sub(forecast);
    Variance {
        minor,
        percent: percent(minor, budget),
        state: match minor.signum() {
            1 => VarianceState::Under,
            0 => VarianceState::OnPlan,
            _ => VarianceState::Over,
        },
    }
}

/// The payers every budget starts with: the host city, the alliance's
/// project funds and the Business Council (sponsors and committees are
/// added by name).
pub fn default_payers(host_city: &str) -> Vec<(PayerKind, String)> {
    vec![
        (PayerKind::HostCity, host_city.to_owned()),
        (
            PayerKind::AllianceProject,
            "Alliance project funds".to_owned(),
        ),
        (PayerKind::BusinessCouncil, "Business Council".to_owned()),
    ]
}

/// The standard categories, in the order a budget lists them.
pub fn standard_categories() -> impl Iterator<Item = CategoryKind> {
    CategoryKind::ALL
        .into_iter()
        .filter(|k| *k != CategoryKind::Custom)
}

#[cfg(test)]
// Amounts read as whole units and cents: 500_000_00 is 500,000.00.
#[allow(clippy::inconsistent_digit_grouping)]
mod tests {
    use proptest::prelude::*;

    use super::summary::month_range;
    use super::*;
    use crate::budget::money::parse_rate;
    use crate::budget::types::{BudgetSummary, Figures};

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, d).unwrap()
    }

    fn cur(code: &str) -> Currency {
        Currency::parse(code).unwrap()
    }

    fn converter() -> Converter {
        Converter {
            reporting: cur("CNY"),
            plan_day: day(11, 2),
            rates: RateTable::new([
                (1, "USD".to_owned(), day(1, 1), parse_rate("7.0").unwrap()),
                (2, "USD".to_owned(), day(6, 1), parse_rate("7.2").unwrap()),
                (3, "JPY".to_owned(), day(1, 1), parse_rate("0.05").unwrap()),
                (4, "KWD".to_owned(), day(3, 1), parse_rate("23.4").unwrap()),
            ]),
        }
    }

    fn item(id: i64, currency: &str, planned: i64) -> Item {
        Item {
            id,
            category_id: 1,
            payer_id: 10,
            currency: cur(currency),
            planned,
            committed: None,
            actual: None,
            committed_on: None,
            invoiced_on: None,
            paid_on: None,
            cancelled: false,
            approved: None,
        }
    }

    #[test]
    fn the_rate_in_force_is_the_latest_from_that_day_or_before() {
        let rates = converter().rates;
        assert_eq!(rates.on("USD", day(1, 1)), Some((1, 70_000_000_000)));
        assert_eq!(rates.on("USD", day(5, 31)), Some((1, 70_000_000_000)));
        assert_eq!(rates.on("USD", day(6, 1)), Some((2, 72_000_000_000)));
        assert_eq!(rates.on("USD", day(12, 31)), Some((2, 72_000_000_000)));
        assert_eq!(
            rates.on("USD", NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()),
            None
        );
        assert_eq!(rates.on("EUR", day(6, 1)), None);
    }

    #[test]
    fn amounts_convert_at_the_rate_of_their_own_date() {
        let c = converter();
        let mut usd = item(1, "USD", 100_00);
        usd.committed = Some(100_00);
        usd.committed_on = Some(day(2, 1));
        usd.actual = Some(100_00);
        usd.paid_on = Some(day(7, 1));
        let f = usd.figures(&c, None);
        // Planned at the Forum's first day (7.2), committed in February
        // (7.0), paid in July (7.2).
        assert_eq!(f.planned.as_ref().unwrap().minor, 720_00);
        assert_eq!(
            f.committed.clone().unwrap(),
            Converted {
                minor: 700_00,
                rate_id: Some(1)
            }
        );
        assert_eq!(f.actual.as_ref().unwrap().minor, 720_00);
        assert_eq!(usd.status(&f), ItemStatus::Paid);
    }

    #[test]
    fn commitments_above_the_threshold_wait_until_approved_as_they_are() {
        let c = converter();
        let threshold = Some(50_000_00);
        let mut big = item(1, "USD", 10_000_00);
        big.committed = Some(10_000_00);
        big.committed_on = Some(day(3, 1));
        let f = big.figures(&c, threshold);
        assert!(f.needs_approval && f.waiting);
        assert_eq!(big.status(&f), ItemStatus::AwaitingApproval);
        big.approved = Some((10_000_00, cur("USD")));
        let f = big.figures(&c, threshold);
        assert!(f.needs_approval && !f.waiting);
        assert_eq!(big.status(&f), ItemStatus::Committed);
        // Raised after approval: it waits again.
        big.committed = Some(11_000_00);
        assert!(big.figures(&c, threshold).waiting);
        // Under the threshold, or with none, nothing waits.
        assert!(!big.figures(&c, Some(100_000_00)).waiting);
        assert!(!big.figures(&c, None).waiting);
    }

    #[test]
    fn an_engaged_amount_no_rate_converts_waits_for_approval() {
        let c = converter();
        let threshold = Some(50_000_00);
        // No EUR rate at all: the commitment's size in CNY is unknown.
        let mut eur = item(1, "EUR", 1_000_00);
        eur.committed = Some(1_000_00);
        eur.committed_on = Some(day(3, 1));
        let f = eur.figures(&c, threshold);
        assert!(f.unconverted && f.needs_approval && f.waiting);
        assert_eq!(eur.status(&f), ItemStatus::AwaitingApproval);
        // Approved as it is, it goes on; without a threshold nothing waits.
        eur.approved = Some((1_000_00, cur("EUR")));
        assert!(!eur.figures(&c, threshold).waiting);
        assert!(!eur.figures(&c, None).needs_approval);
        // A conversion past the bound every amount keeps: the same.
        let mut huge = item(1, "KWD", 100);
        huge.committed = Some(crate::budget::money::MAX_MINOR);
        huge.committed_on = Some(day(3, 1));
        assert!(huge.figures(&c, threshold).waiting);
    }

    fn rules<'a>(
        converter: &'a Converter,
        ids: &'a BTreeSet<i64>,
        payers: &'a BTreeSet<i64>,
    ) -> ItemRules<'a> {
        ItemRules {
            year: 2027,
            categories: ids,
            payers,
            converter,
        }
    }

    fn fields() -> ItemFields<'static> {
        ItemFields {
            category_id: 1,
            payer_id: 10,
            description: "Plenary hall rent",
            vendor: "Strait Convention Center",
            currency: "USD",
            planned: 1000,
            committed: None,
            actual: None,
            committed_on: None,
            invoiced_on: None,
            paid_on: None,
            invoice_ref: "",
            notes: "",
        }
    }

    #[test]
    fn bad_items_are_told_field_by_field() {
        let c = converter();
        let (categories, payers) = (BTreeSet::from([1]), BTreeSet::from([10]));
        let rules = rules(&c, &categories, &payers);
        assert_eq!(rules.check(&fields()), Ok(cur("USD")));

        let codes = |f: ItemFields| rules.check(&f).unwrap_err();
        let errors = codes(ItemFields {
            currency: "XXQ",
            ..fields()
        });
        assert_eq!(errors["currency"], vec![ErrorCode::UnknownCurrency]);
        let errors = codes(ItemFields {
            planned: -1,
            ..fields()
        });
        assert_eq!(errors["planned"], vec![ErrorCode::NegativeAmount]);
        let errors = codes(ItemFields {
            actual: Some(5),
            ..fields()
        });
        assert_eq!(errors["paid_on"], vec![ErrorCode::ActualNeedsDate]);
        let errors = codes(ItemFields {
            committed: Some(5),
            ..fields()
        });
        assert_eq!(errors["committed_on"], vec![ErrorCode::CommitmentNeedsDate]);
        // No USD rate before 1 January 2027.
        let errors = codes(ItemFields {
            actual: Some(5),
            paid_on: Some(NaiveDate::from_ymd_opt(2026, 12, 20).unwrap()),
            ..fields()
        });
        assert_eq!(errors["paid_on"], vec![ErrorCode::RateMissing]);
        // No EUR rate at all: the currency is told.
        let errors = codes(ItemFields {
            currency: "EUR",
            ..fields()
        });
        assert_eq!(errors["currency"], vec![ErrorCode::RateMissing]);
        let errors = codes(ItemFields {
            description: " ",
            category_id: 2,
            payer_id: 11,
            paid_on: Some(NaiveDate::from_ymd_opt(1999, 1, 1).unwrap()),
            ..fields()
        });
        assert_eq!(errors["description"], vec![ErrorCode::Required]);
        assert_eq!(errors["category_id"], vec![ErrorCode::UnknownCategory]);
        assert_eq!(errors["payer_id"], vec![ErrorCode::UnknownPayer]);
        assert!(errors["paid_on"].contains(&ErrorCode::DateOutOfRange));
    }

    fn ledger_summary(items: &[Item], categories: &[Category], income: &[Income]) -> BudgetSummary {
        let c = converter();
        let payers = [Payer {
            id: 10,
            kind: PayerKind::HostCity,
            name: "Quanzhou".into(),
        }];
        summarize(&Ledger {
            edition_id: 1,
            converter: &c,
            threshold: Some(50_000_00),
            categories,
            payers: &payers,
            items,
            income,
            rates: &[],
        })
    }

    #[test]
    fn the_summary_adds_each_figure_where_it_belongs() {
        let categories = [
            Category {
                id: 1,
                kind: CategoryKind::Venue,
                name: String::new(),
                planned: 100_000_00,
            },
            Category {
                id: 2,
                kind: CategoryKind::Contingency,
                name: String::new(),
                planned: 20_000_00,
            },
        ];
        let mut hall = item(1, "CNY", 80_000_00);
        hall.committed = Some(90_000_00);
        hall.committed_on = Some(day(3, 10));
        hall.approved = Some((90_000_00, cur("CNY")));
        hall.actual = Some(45_000_00);
        hall.paid_on = Some(day(4, 2));
        let mut screens = item(2, "USD", 1_000_00); // CNY 7,200 planned
        screens.committed = Some(10_000_00); // CNY 70,000 in March: waits
        screens.committed_on = Some(day(3, 1));
        let mut cancelled = item(3, "CNY", 5_000_00);
        cancelled.cancelled = true;
        cancelled.actual = Some(1_000_00); // a lost deposit
        cancelled.paid_on = Some(day(2, 1));
        let mut spare = item(4, "CNY", 3_000_00);
        spare.category_id = 2;
        let income = [Income {
            payer_id: 10,
            currency: cur("USD"),
            pledged: 10_000_00, // CNY 72,000 at the plan rate
            received: Some(5_000_00),
            received_on: Some(day(2, 1)), // CNY 35,000
        }];
        let s = ledger_summary(&[hall, screens, cancelled, spare], &categories, &income);
        let venue = &s.categories[0];
        assert_eq!(venue.figures.planned_minor, 87_200_00);
        assert_eq!(venue.figures.committed_minor, 90_000_00);
        assert_eq!(venue.figures.awaiting_minor, 70_000_00);
        assert_eq!(venue.figures.actual_minor, 46_000_00);
        // Forecast: the hall's commitment 90,000 (45,000 of it paid) +
        // screens' commitment 70,000 + the cancelled item's deposit 1,000.
        assert_eq!(venue.figures.forecast_minor, 161_000_00);
        assert_eq!(venue.variance.minor, -61_000_00);
        assert_eq!(venue.variance.state, VarianceState::Over);
        assert_eq!(venue.variance.percent.as_deref(), Some("-61.0"));
        assert_eq!(venue.items, 3);
        assert_eq!(s.awaiting_approval, 1);
        assert_eq!(s.totals.budget_minor, 120_000_00);
        assert_eq!(s.totals.forecast_minor, 164_000_00);
        assert_eq!(s.what_if.contingency_left_minor, 17_000_00);
        assert_eq!(s.what_if.contingency_used_minor, 181_000_00);
        assert_eq!(s.what_if.income_minor, 72_000_00);
        assert_eq!(s.what_if.balance_minor, -109_000_00);
        let payer = &s.payers[0];
        assert_eq!(payer.pledged_minor, 72_000_00);
        assert_eq!(payer.received_minor, 35_000_00);
        assert_eq!(payer.owed_minor, 37_000_00);
        // February to April, none missing; the waiting commitment is not spent.
        let months: Vec<_> = s.months.iter().map(|m| m.month.as_str()).collect();
        assert_eq!(months, ["2027-02", "2027-03", "2027-04"]);
        assert_eq!(s.months[1].committed_minor, 90_000_00);
        assert_eq!(s.months[2].cumulative_actual_minor, 46_000_00);
        assert_eq!(s.unconverted, 0);
    }

    #[test]
    fn a_large_payment_needs_approval_too_and_a_deposit_is_partly_paid() {
        let c = converter();
        let threshold = Some(50_000_00);
        // Nothing committed, CNY 80,000 paid: above the threshold, waits.
        let mut paid = item(1, "CNY", 10_000_00);
        paid.actual = Some(80_000_00);
        paid.paid_on = Some(day(4, 1));
        let f = paid.figures(&c, threshold);
        assert!(f.waiting);
        assert_eq!(paid.status(&f), ItemStatus::AwaitingApproval);
        paid.approved = paid.exposure();
        let f = paid.figures(&c, threshold);
        assert!(!f.waiting);
        assert_eq!(paid.status(&f), ItemStatus::Paid);
        // Approved at 60,000 committed, then 80,000 paid: waits again.
        let mut deposit = item(2, "CNY", 60_000_00);
        deposit.committed = Some(60_000_00);
        deposit.committed_on = Some(day(3, 1));
        deposit.approved = deposit.exposure();
        deposit.actual = Some(20_000_00);
        deposit.paid_on = Some(day(3, 5));
        let f = deposit.figures(&c, threshold);
        assert_eq!(deposit.status(&f), ItemStatus::PartlyPaid);
        deposit.actual = Some(80_000_00);
        assert!(deposit.figures(&c, threshold).waiting);
        // An invoiced item above the threshold still shows it waits.
        let mut invoiced = item(3, "CNY", 60_000_00);
        invoiced.committed = Some(60_000_00);
        invoiced.committed_on = Some(day(3, 1));
        invoiced.invoiced_on = Some(day(3, 2));
        let f = invoiced.figures(&c, threshold);
        assert_eq!(invoiced.status(&f), ItemStatus::AwaitingApproval);
    }

    #[test]
    fn absurd_sums_saturate_rather_than_wrap() {
        let mut items = Vec::new();
        for n in 0..20 {
            let mut it = item(n, "CNY", crate::budget::money::MAX_MINOR);
            it.actual = Some(crate::budget::money::MAX_MINOR);
            it.paid_on = Some(day(5, 1));
            items.push(it);
        }
        let categories = [Category {
            id: 1,
            kind: CategoryKind::Venue,
            name: String::new(),
            planned: 0,
        }];
        let s = ledger_summary(&items, &categories, &[]);
        assert_eq!(s.totals.actual_minor, 20 * crate::budget::money::MAX_MINOR);
        let mut many = Vec::new();
        for n in 0..10_000 {
            let mut it = item(n, "CNY", crate::budget::money::MAX_MINOR);
            it.actual = Some(crate::budget::money::MAX_MINOR);
            it.paid_on = Some(day(5, 1));
            many.push(it);
        }
        let s = ledger_summary(&many, &categories, &[]);
        assert_eq!(s.totals.actual_minor, i64::MAX);
        assert_eq!(s.categories[0].variance.state, VarianceState::Over);
    }

    #[test]
    fn texts_are_one_line_bounded_and_present_when_required() {
        assert_eq!(text_problem("Banners", 10, true, true), None);
        assert_eq!(
            text_problem("a\tb", 10, false, true),
            Some(ErrorCode::InvalidCharacters)
        );
        assert_eq!(text_problem("two\nlines", 20, false, false), None);
        assert_eq!(
            text_problem("nul\0", 20, false, false),
            Some(ErrorCode::InvalidCharacters)
        );
        assert_eq!(text_problem(" ", 10, true, true), Some(ErrorCode::Required));
        assert_eq!(text_problem("", 10, false, true), None);
        assert_eq!(
            text_problem("发票发票发票", 5, false, true),
            Some(ErrorCode::TooLong)
        );
        assert_eq!(text_problem("发票发票发", 5, false, true), None);
    }

    #[test]
    fn months_run_across_years() {
        let months = month_range((2026, 11), (2027, 2));
        assert_eq!(months, [(2026, 11), (2026, 12), (2027, 1), (2027, 2)]);
    }

    proptest! {
        /// Whatever the items, the categories' figures add up to the
        /// totals exactly, and payers' too.
        #[test]
        fn parts_add_up_to_the_totals(
            lines in prop::collection::vec(
                (1i64..4, prop::sample::select(vec!["CNY", "USD", "JPY", "KWD"]),
                 0i64..1_000_000_000, prop::option::of(0i64..1_000_000_000),
                 prop::option::of(0i64..1_000_000_000), any::<bool>(), 1u32..12),
                0..80),
        ) {
            let items: Vec<Item> = lines.iter().enumerate().map(|(i, (cat, code, planned, committed, actual, cancelled, month))| {
                let mut it = item(i as i64, code, *planned);
                it.category_id = *cat;
                it.committed = *committed;
                it.committed_on = committed.map(|_| day(*month, 1));
                it.actual = *actual;
                it.paid_on = actual.map(|_| day(*month, 15));
                it.cancelled = *cancelled;
                it
            }).collect();
            let categories: Vec<Category> = (1..4).map(|id| Category {
                id, kind: CategoryKind::Venue, name: String::new(), planned: 1_000_000,
            }).collect();
            let s = ledger_summary(&items, &categories, &[]);
            let sum = |f: fn(&Figures) -> i64| s.categories.iter().map(|c| f(&c.figures)).sum::<i64>();
            prop_assert_eq!(sum(|f| f.planned_minor), s.totals.planned_minor);
            prop_assert_eq!(sum(|f| f.committed_minor), s.totals.committed_minor);
            prop_assert_eq!(sum(|f| f.awaiting_minor), s.totals.awaiting_minor);
            prop_assert_eq!(sum(|f| f.actual_minor), s.totals.actual_minor);
            prop_assert_eq!(sum(|f| f.forecast_minor), s.totals.forecast_minor);
            prop_assert_eq!(s.payers[0].figures.actual_minor, s.totals.actual_minor);
            let last = s.months.last().map_or(0, |m| m.cumulative_actual_minor);
            prop_assert_eq!(last, s.totals.actual_minor);
        }
    }
}
