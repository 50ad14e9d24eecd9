//! The budget summary as an A4 PDF for the auditors (server only): the
//! rounding rule and the rates used, the totals and what-if totals, the
//! tables by category and by payer, then the two charts drawn from the
//! same shapes as the page's SVG. Text is set by the shared print code,
//! so a custom category or a sponsor named in Chinese prints right.

use chrono::NaiveDate;
use printpdf::{Mm, Pt};

use super::chart::Chart;
use super::types::BudgetSummary;
use super::words;
use crate::error::AppError;
use crate::i18n::*;
use crate::print::Typesetter;
use crate::print::pages::{MARGIN, PAGE_H, PAGE_W, Pages, draw};

pub struct Report<'a> {
    /// The language of the report's own words (its reader's).
    pub locale: Locale,
    pub edition_title: String,
    pub generated_on: NaiveDate,
    pub summary: &'a BudgetSummary,
    pub charts: [&'a Chart; 2],
}

pub fn render(report: &Report) -> Result<Vec<u8>, AppError> {
    let locale = report.locale;
    let s = report.summary;
    let (currency, exponent) = (s.currency.as_str(), s.exponent);
    let money = |minor: i64| crate::ui::numbers::decimal(locale, minor, exponent);
    let mut p = Pages {
        t: Typesetter::new(&td_string!(
            locale,
            budget_pdf_title,
            edition = &report.edition_title
        ))?,
        y: PAGE_H - MARGIN - 10.0,
        rtl: crate::locale::is_rtl(locale),
    };
    p.line(
        &td_string!(locale, budget_pdf_title, edition = &report.edition_title),
        16.0,
    )?;
    p.line(
        &td_string!(
            locale,
            budget_pdf_generated,
            day = report.generated_on.to_string(),
            currency
        ),
        9.5,
    )?;
    p.y -= 4.0;
    p.line(
        &format!("{}: {}", td_string!(locale, budget_rounding), s.rounding),
        8.5,
    )?;
    p.line(
        &td_string!(
            locale,
            budget_plan_rate_day,
            day = s.plan_rate_day.to_string()
        ),
        8.5,
    )?;
    let rates = if s.rates_used.is_empty() {
        td_string!(locale, budget_no_rates_used).to_string()
    } else {
        s.rates_used
            .iter()
            .map(|r| {
                format!(
                    "1 {} = {} {currency} ({})",
                    r.currency, r.rate, r.valid_from
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    p.line(
        &format!("{}: {rates}", td_string!(locale, budget_rates_used)),
        8.5,
    )?;
    if let Some(threshold) = s.approval_threshold_minor {
        p.line(
            &td_string!(
                locale,
                budget_threshold_line,
                amount = crate::ui::numbers::money(locale, currency, exponent, threshold)
            ),
            8.5,
        )?;
    }
    p.y -= 8.0;

    // Totals and what-if.
    let t = &s.totals;
    for (label, value) in [
        (td_string!(locale, budget_plan).to_string(), t.budget_minor),
        (
            td_string!(locale, budget_planned_items).to_string(),
            t.planned_minor,
        ),
        (
            td_string!(locale, budget_committed).to_string(),
            t.committed_minor,
        ),
        (
            td_string!(locale, budget_awaiting).to_string(),
            t.awaiting_minor,
        ),
        (
            td_string!(locale, budget_actual).to_string(),
            t.actual_minor,
        ),
        (
            td_string!(locale, budget_forecast).to_string(),
            t.forecast_minor,
        ),
        (
            td_string!(locale, budget_if_all_spent).to_string(),
            s.what_if.all_planned_spent_minor,
        ),
        (
            td_string!(locale, budget_if_contingency_used).to_string(),
            s.what_if.contingency_used_minor,
        ),
        (
            td_string!(locale, budget_income_pledged).to_string(),
            s.what_if.income_minor,
        ),
        (
            td_string!(locale, budget_balance).to_string(),
            s.what_if.balance_minor,
        ),
    ] {
        p.row(
            &[
                label,
                crate::ui::numbers::money(locale, currency, exponent, value),
            ],
            &[MARGIN + 300.0, MARGIN + 400.0],
            10.0,
        )?;
    }
    p.line(
        &words::variance(locale, &s.variance, currency, exponent),
        10.0,
    )?;
    p.y -= 8.0;

    // By category.
    // Where the name may reach, then each figure's right edge.
    let columns = [182.0, 240.0, 300.0, 360.0, 420.0, 475.0, PAGE_W - MARGIN];
    p.line(td_string!(locale, budget_by_category), 12.0)?;
    p.row(
        &[
            td_string!(locale, budget_category_label).to_string(),
            td_string!(locale, budget_plan).to_string(),
            td_string!(locale, budget_planned_short).to_string(),
            td_string!(locale, budget_committed).to_string(),
            td_string!(locale, budget_awaiting_short).to_string(),
            td_string!(locale, budget_actual).to_string(),
            td_string!(locale, budget_variance_signed).to_string(),
        ],
        &columns,
        8.5,
    )?;
    for line in &s.categories {
        let f = &line.figures;
        p.row(
            &[
                words::category(locale, line.kind, &line.name, &line.names),
                money(f.budget_minor),
                money(f.planned_minor),
                money(f.committed_minor),
                money(f.awaiting_minor),
                money(f.actual_minor),
                money(line.variance.minor),
            ],
            &columns,
            8.5,
        )?;
    }
    p.y -= 8.0;
    p.line(td_string!(locale, budget_by_payer), 12.0)?;
    p.row(
        &[
            td_string!(locale, budget_payer).to_string(),
            td_string!(locale, budget_planned_short).to_string(),
            td_string!(locale, budget_committed).to_string(),
            td_string!(locale, budget_awaiting_short).to_string(),
            td_string!(locale, budget_actual).to_string(),
            td_string!(locale, budget_pledged).to_string(),
            td_string!(locale, budget_owed).to_string(),
        ],
        &columns,
        8.5,
    )?;
    for line in &s.payers {
        let f = &line.figures;
        p.row(
            &[
                line.name.clone(),
                money(f.planned_minor),
                money(f.committed_minor),
                money(f.awaiting_minor),
                money(f.actual_minor),
                money(line.pledged_minor),
                money(line.owed_minor),
            ],
            &columns,
            8.5,
        )?;
    }

    // The charts, on a page of their own, scaled to the page's width.
    p.t.end_page(Mm::from(Pt(PAGE_W)), Mm::from(Pt(PAGE_H)));
    p.y = PAGE_H - MARGIN;
    for chart in report.charts {
        let scale = (PAGE_W - 2.0 * MARGIN) / chart.width as f32;
        let height = chart.height as f32 * scale;
        p.need(height + 30.0);
        p.at_start(&chart.title, 12.0)?;
        p.y -= 10.0;
        draw(&mut p.t, chart, MARGIN, p.y, scale)?;
        p.y -= height + 24.0;
    }
    p.t.end_page(Mm::from(Pt(PAGE_W)), Mm::from(Pt(PAGE_H)));
    Ok(p.t.finish())
}
