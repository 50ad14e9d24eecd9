//! Every figure of the budget's summary, from its ledger.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate};

use crate::budget::types::{
    BudgetSummary, CategoryKind, CategoryLine, Figures, MonthLine, PayerKind, PayerLine, RateView,
    WhatIf,
};

use super::*;

/// A category as the summary needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub id: i64,
    pub kind: CategoryKind,
    pub name: String,
    pub planned: i64,
}

/// A payer as the summary needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payer {
    pub id: i64,
    pub kind: PayerKind,
    pub name: String,
}

/// Everything the summary is made from.
pub struct Ledger<'a> {
    pub edition_id: i64,
    pub converter: &'a Converter,
    pub threshold: Option<i64>,
    pub categories: &'a [Category],
    pub payers: &'a [Payer],
    pub items: &'a [Item],
    pub income: &'a [Income],
    pub rates: &'a [RateView],
}

impl Figures {
    fn add_item(&mut self, figures: &ItemFigures, cancelled: bool) {
        // Sums saturate: absurd data is shown as the largest figure, never
        // wraps round or stops the page.
        let add = |total: &mut i64, minor: i64| *total = total.saturating_add(minor);
        let actual = figures.actual.as_ref().map_or(0, |c| c.minor);
        add(&mut self.actual_minor, actual);
        if cancelled {
            // Money paid before a cancellation stays spent; nothing else counts.
            add(&mut self.forecast_minor, actual);
            return;
        }
        let planned = figures.planned.as_ref().map_or(0, |c| c.minor);
        let committed = figures.committed.as_ref().map(|c| c.minor);
        add(&mut self.planned_minor, planned);
        match committed {
            Some(minor) if figures.waiting => add(&mut self.awaiting_minor, minor),
            Some(minor) => add(&mut self.committed_minor, minor),
            None => {}
        }
        // A deposit paid on a larger commitment leaves the rest to pay:
        // the latest figure is the larger of the two.
        let latest = match (&figures.actual, committed) {
            (Some(actual), Some(committed)) => actual.minor.max(committed),
            (Some(actual), None) => actual.minor,
            (None, Some(committed)) => committed,
            (None, None) => planned,
        };
        add(&mut self.forecast_minor, latest);
    }
}

fn month_of(day: NaiveDate) -> (i32, u32) {
    (day.year(), day.month())
}

/// The months from the first to the last, none missing.
pub(super) fn month_range(first: (i32, u32), last: (i32, u32)) -> Vec<(i32, u32)> {
    let mut months = Vec::new();
    let (mut year, mut month) = first;
    while (year, month) <= last {
        months.push((year, month));
        (year, month) = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
    }
    months
}

/// Every figure of the budget page, the CSV's totals and the PDF.
pub fn summarize(ledger: &Ledger) -> BudgetSummary {
    let converter = ledger.converter;
    let mut by_category: HashMap<i64, (Figures, u32)> = HashMap::new();
    let mut by_payer: HashMap<i64, Figures> = HashMap::new();
    let mut totals = Figures::default();
    let mut actual_by_month: BTreeMap<(i32, u32), i64> = BTreeMap::new();
    let mut committed_by_month: BTreeMap<(i32, u32), i64> = BTreeMap::new();
    let mut used: BTreeSet<i64> = BTreeSet::new();
    let (mut awaiting_approval, mut unconverted) = (0u32, 0u32);
    for item in ledger.items {
        let figures = item.figures(converter, ledger.threshold);
        unconverted += u32::from(figures.unconverted);
        awaiting_approval += u32::from(figures.waiting);
        for converted in [&figures.planned, &figures.committed, &figures.actual]
            .into_iter()
            .flatten()
        {
            used.extend(converted.rate_id);
        }
        let (category, count) = by_category.entry(item.category_id).or_default();
        category.add_item(&figures, item.cancelled);
        *count += 1;
        by_payer
            .entry(item.payer_id)
            .or_default()
            .add_item(&figures, item.cancelled);
        totals.add_item(&figures, item.cancelled);
        if let (Some(actual), Some(day)) = (&figures.actual, item.paid_on) {
            let month = actual_by_month.entry(month_of(day)).or_default();
            *month = month.saturating_add(actual.minor);
        }
        if let (Some(committed), Some(day)) = (&figures.committed, item.committed_on)
            && !figures.waiting
            && !item.cancelled
        {
            let month = committed_by_month.entry(month_of(day)).or_default();
            *month = month.saturating_add(committed.minor);
        }
    }

    let mut pledged_by: HashMap<i64, (i64, i64)> = HashMap::new();
    let mut income_total = 0;
    for line in ledger.income {
        let (pledged, received) = line.converted(converter);
        let entry = pledged_by.entry(line.payer_id).or_default();
        match pledged {
            Ok(c) => {
                used.extend(c.rate_id);
                entry.0 = entry.0.saturating_add(c.minor);
                income_total = c.minor.saturating_add(income_total);
            }
            Err(_) => unconverted += 1,
        }
        match received {
            Some(Ok(c)) => {
                used.extend(c.rate_id);
                entry.1 = entry.1.saturating_add(c.minor);
            }
            Some(Err(_)) => unconverted += 1,
            None => {}
        }
    }

    let mut contingency_budget = 0i64;
    let mut contingency_forecast = 0i64;
    let categories: Vec<CategoryLine> = ledger
        .categories
        .iter()
        .map(|c| {
            let (mut figures, items) = by_category.remove(&c.id).unwrap_or_default();
            figures.budget_minor = c.planned;
            totals.budget_minor = totals.budget_minor.saturating_add(c.planned);
            if c.kind == CategoryKind::Contingency {
                contingency_budget = contingency_budget.saturating_add(c.planned);
                contingency_forecast = contingency_forecast.saturating_add(figures.forecast_minor);
            }
            CategoryLine {
                id: c.id,
                kind: c.kind,
                name: c.name.clone(),
                names: Default::default(),
                variance: variance(c.planned, figures.forecast_minor),
                figures,
                items,
            }
        })
        .collect();
    let payers = ledger
        .payers
        .iter()
        .map(|p| {
            let mut figures = by_payer.remove(&p.id).unwrap_or_default();
            figures.budget_minor = figures.planned_minor;
            let (pledged, received) = pledged_by.remove(&p.id).unwrap_or_default();
            PayerLine {
                id: p.id,
                kind: p.kind,
                name: p.name.clone(),
                figures,
                pledged_minor: pledged,
                received_minor: received,
                owed_minor: pledged.saturating_sub(received).max(0),
            }
        })
        .collect();

    let months = match (
        actual_by_month
            .keys()
            .chain(committed_by_month.keys())
            .min(),
        actual_by_month
            .keys()
            .chain(committed_by_month.keys())
            .max(),
    ) {
        (Some(first), Some(last)) => {
            let (mut actual_sum, mut committed_sum) = (0i64, 0i64);
            month_range(*first, *last)
                .into_iter()
                .map(|key| {
                    let actual = actual_by_month.get(&key).copied().unwrap_or(0);
                    let committed = committed_by_month.get(&key).copied().unwrap_or(0);
                    actual_sum = actual_sum.saturating_add(actual);
                    committed_sum = committed_sum.saturating_add(committed);
                    MonthLine {
                        month: format!("{:04}-{:02}", key.0, key.1),
                        actual_minor: actual,
                        committed_minor: committed,
                        cumulative_actual_minor: actual_sum,
                        cumulative_committed_minor: committed_sum,
                    }
                })
                .collect()
        }
        _ => Vec::new(),
    };

    let contingency_left = contingency_budget
        .saturating_sub(contingency_forecast)
        .max(0);
    let all_spent = totals.forecast_minor;
    let contingency_used = all_spent.saturating_add(contingency_left);
    let what_if = WhatIf {
        all_planned_spent_minor: all_spent,
        contingency_left_minor: contingency_left,
        contingency_used_minor: contingency_used,
        income_minor: income_total,
        balance_minor: income_total.saturating_sub(contingency_used),
    };
    BudgetSummary {
        edition_id: ledger.edition_id,
        currency: converter.reporting.code().to_owned(),
        exponent: converter.reporting.exponent(),
        plan_rate_day: converter.plan_day,
        rounding: crate::budget::money::ROUNDING.to_owned(),
        variance: variance(totals.budget_minor, totals.forecast_minor),
        totals,
        categories,
        payers,
        months,
        what_if,
        rates_used: ledger
            .rates
            .iter()
            .filter(|r| used.contains(&r.id))
            .cloned()
            .collect(),
        items: ledger.items.len() as u32,
        awaiting_approval,
        approval_threshold_minor: ledger.threshold,
        unconverted,
    }
}
