//! The budget's figures computed from its rows: the summary (the one
//! place that reads every item) and its charts. `crate::budget::cache`
//! keeps what this makes until the budget changes.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use super::{Books, ItemRow, books, category_rows, list_rates, payer_rows, rules_income};
use crate::budget::chart;
use crate::budget::domain::{Category, Ledger, Payer, summarize};
use crate::budget::entity::{income, item};
use crate::budget::types::BudgetSummary;
use crate::budget::words;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::names::service::{Named, names_of};

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
        .columns(ItemRow::COLUMNS)
        .filter(item::Column::EditionId.eq(edition_id))
        .into_model::<ItemRow>()
        .all(db)
        .await?
        .into_iter()
        .map(ItemRow::rules)
        .collect::<Result<Vec<_>, _>>()?;
    let income = income::Entity::find()
        .filter(income::Column::EditionId.eq(edition_id))
        .all(db)
        .await?
        .iter()
        .map(rules_income)
        .collect::<Result<Vec<_>, AppError>>()?;
    let rates = list_rates(db, edition_id).await?;
    let mut names = names_of(db, Named::BudgetCategory, categories.iter().map(|c| c.id)).await?;
    let mut summary = summarize(&Ledger {
        edition_id,
        converter: &books.converter,
        threshold: books.threshold(),
        categories: &categories,
        payers: &payers,
        items: &items,
        income: &income,
        rates: &rates,
    });
    for line in &mut summary.categories {
        line.names = names.remove(&line.id).unwrap_or_default();
    }
    Ok(summary)
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
            |line| words::category(locale, line.kind, &line.name, &line.names),
            &chart_words,
        ),
        chart::over_time(summary, &chart_words),
    )
}
