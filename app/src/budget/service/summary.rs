//! The budget's figures computed from its rows: the summary (the one
//! place that reads every item) and its charts. `crate::budget::cache`
//! keeps what this makes until the budget changes.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use super::{Books, books, category_rows, list_rates, payer_rows, stored_currency};
use crate::budget::chart;
use crate::budget::domain::{Category, Income, Ledger, Payer, summarize};
use crate::budget::entity::{income, item};
use crate::budget::types::BudgetSummary;
use crate::budget::words;
use crate::error::AppError;
use crate::i18n::Locale;

/// An item as the summary reads it.
#[derive(sea_orm::FromQueryResult)]
struct LedgerRow {
    id: i64,
    category_id: i64,
    payer_id: i64,
    currency: String,
    planned_minor: i64,
    committed_minor: Option<i64>,
    actual_minor: Option<i64>,
    committed_on: Option<chrono::NaiveDate>,
    invoiced_on: Option<chrono::NaiveDate>,
    paid_on: Option<chrono::NaiveDate>,
    cancelled: bool,
    approved_minor: Option<i64>,
    approved_currency: Option<String>,
}

impl LedgerRow {
    fn rules(self) -> Result<crate::budget::domain::Item, AppError> {
        Ok(crate::budget::domain::Item {
            id: self.id,
            category_id: self.category_id,
            payer_id: self.payer_id,
            currency: stored_currency(&self.currency)?,
            planned: self.planned_minor,
            committed: self.committed_minor,
            actual: self.actual_minor,
            committed_on: self.committed_on,
            invoiced_on: self.invoiced_on,
            paid_on: self.paid_on,
            cancelled: self.cancelled,
            approved: match (self.approved_minor, &self.approved_currency) {
                (Some(minor), Some(code)) => Some((minor, stored_currency(code)?)),
                _ => None,
            },
        })
    }
}

/// The summary from the rows, with `books` already read.
pub async fn summary_of(
    db: &impl ConnectionTrait,
    books: &Books,
) -> Result<BudgetSummary, AppError> {
    let edition_id = books.edition_id();
    let categories: Vec<Category> = category_rows(db, edition_id)
        .await?
        .into_iter()
        .map(|c| Category {
            id: c.id,
            kind: c.kind,
            name: c.name,
            planned: c.planned_minor,
        })
        .collect();
    let payers: Vec<Payer> = payer_rows(db, edition_id)
        .await?
        .into_iter()
        .map(|p| Payer {
            id: p.id,
            kind: p.kind,
            name: p.name,
        })
        .collect();
    // Only what the arithmetic needs: no descriptions, vendors or notes.
    let items = item::Entity::find()
        .select_only()
        .columns([
            item::Column::Id,
            item::Column::CategoryId,
            item::Column::PayerId,
            item::Column::Currency,
            item::Column::PlannedMinor,
            item::Column::CommittedMinor,
            item::Column::ActualMinor,
            item::Column::CommittedOn,
            item::Column::InvoicedOn,
            item::Column::PaidOn,
            item::Column::Cancelled,
            item::Column::ApprovedMinor,
            item::Column::ApprovedCurrency,
        ])
        .filter(item::Column::EditionId.eq(edition_id))
        .into_model::<LedgerRow>()
        .all(db)
        .await?
        .into_iter()
        .map(LedgerRow::rules)
        .collect::<Result<Vec<_>, _>>()?;
    let income = income::Entity::find()
        .filter(income::Column::EditionId.eq(edition_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| {
            Ok(Income {
                payer_id: m.payer_id,
                currency: stored_currency(&m.currency)?,
                pledged: m.pledged_minor,
                received: m.received_minor,
                received_on: m.received_on,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let rates = list_rates(db, edition_id).await?;
    Ok(summarize(&Ledger {
        edition_id,
        converter: &books.converter,
        threshold: books.threshold(),
        categories: &categories,
        payers: &payers,
        items: &items,
        income: &income,
        rates: &rates,
    }))
}

pub async fn summary(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<BudgetSummary, AppError> {
    let books = books(db, edition_id).await?;
    summary_of(db, &books).await
}

/// The two charts of a summary, in `locale`.
pub fn charts(summary: &BudgetSummary, locale: Locale) -> (chart::Chart, chart::Chart) {
    let chart_words = words::chart_words(locale);
    (
        chart::by_category(
            summary,
            |line| words::category(locale, line.kind, &line.name),
            &chart_words,
        ),
        chart::over_time(summary, &chart_words),
    )
}
