//! What pages and exports read of the budget: the page's overview, the
//! dashboard's tile, the auditors' CSV and PDF, and the history of every
//! change. The figures come from `summary`, kept by the cache.

use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};

use super::summary::charts;
use super::{books, list_categories, list_income, list_payers, list_rates};
use crate::audit::types::AuditEntryView;
use crate::budget::cache::SummaryCache;
use crate::budget::money::decimal_minor;
use crate::budget::types::{BudgetOverview, BudgetTile};
use crate::budget::words;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::names::service::{Named, names_of};
use crate::names::types::name_in;
use crate::paging::{PageRequest, Paged};

/// The kinds of record the budget's history shows.
pub const HISTORY_KINDS: [&str; 7] = [
    "budget",
    "budget_category",
    "budget_payer",
    "budget_rate",
    "budget_item",
    "budget_receipt",
    "budget_income",
];

pub async fn overview(
    db: &impl ConnectionTrait,
    cache: &SummaryCache,
    edition_id: i64,
    locale: Locale,
    may_approve: bool,
) -> Result<BudgetOverview, AppError> {
    let summarized = cache.summary(db, edition_id).await?;
    let charts = summarized.charts(locale);
    let books = books(db, edition_id).await?;
    let committees = crate::directory::entity::committee::Entity::find()
        .order_by_asc(crate::directory::entity::committee::Column::Name)
        .all(db)
        .await?;
    // Named in the reader's language, as the rest of the overview.
    let mut names = names_of(db, Named::Committee, committees.iter().map(|c| c.id)).await?;
    let committees = committees
        .into_iter()
        .map(|c| {
            let names = names.remove(&c.id).unwrap_or_default();
            (c.id, name_in(&c.name, &names, locale).to_owned())
        })
        .collect();
    Ok(BudgetOverview {
        settings: books.settings.clone(),
        category_chart: charts.by_category.clone(),
        time_chart: charts.over_time.clone(),
        categories: list_categories(db, edition_id).await?,
        payers: list_payers(db, edition_id).await?,
        rates: list_rates(db, edition_id).await?,
        income: list_income(db, &books).await?,
        summary: summarized.summary.clone(),
        committees,
        may_approve,
    })
}

/// The dashboard's figures.
pub async fn tile(
    db: &impl ConnectionTrait,
    cache: &SummaryCache,
    edition_id: i64,
) -> Result<BudgetTile, AppError> {
    let summarized = cache.summary(db, edition_id).await?;
    let summary = &summarized.summary;
    Ok(BudgetTile {
        currency: summary.currency.clone(),
        exponent: summary.exponent,
        budget_minor: summary.totals.budget_minor,
        committed_minor: summary.totals.committed_minor,
        actual_minor: summary.totals.actual_minor,
        awaiting_approval: summary.awaiting_approval,
    })
}

const CSV_HEADER: [&str; 28] = [
    "id",
    "category",
    "description",
    "payer",
    "payer_kind",
    "vendor",
    "status",
    "currency",
    "planned",
    "committed",
    "actual",
    "committed_on",
    "invoiced_on",
    "paid_on",
    "invoice_ref",
    "reporting_currency",
    "planned_reporting",
    "committed_reporting",
    "actual_reporting",
    "rate_planned",
    "rate_committed",
    "rate_actual",
    "approved_by",
    "approved_at",
    "receipts",
    "notes",
    "updated_by",
    "updated_at",
];

/// Every cost item as CSV for the auditors: the amounts as entered and
/// converted, with the rate each conversion used; written as the
/// registration export is (byte order mark, CRLF, no formulas).
pub async fn export_csv(db: &impl ConnectionTrait, edition_id: i64) -> Result<Vec<u8>, AppError> {
    use crate::spreadsheet::{BOM, safe_cell};
    let books = books(db, edition_id).await?;
    let locale = Locale::en;
    let categories = list_categories(db, edition_id).await?;
    let payers = list_payers(db, edition_id).await?;
    let rates = list_rates(db, edition_id).await?;
    let items = super::items::all_items(db, &books).await?;
    let reporting = books.reporting;
    let rate_text = |id: Option<i64>| {
        id.and_then(|id| rates.iter().find(|r| r.id == id))
            .map(|r| format!("{} {} from {}", r.currency, r.rate, r.valid_from))
            .unwrap_or_default()
    };
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.as_bytes().to_vec());
    out.write_record(CSV_HEADER).map_err(AppError::internal)?;
    for i in &items {
        let category = categories
            .iter()
            .find(|c| c.id == i.category_id)
            .map(|c| words::category(locale, c.kind, &c.name, &c.names))
            .unwrap_or_default();
        let payer = payers.iter().find(|p| p.id == i.payer_id);
        let amount = |minor: Option<i64>| {
            minor
                .map(|m| decimal_minor(m, i.exponent))
                .unwrap_or_default()
        };
        let converted = |c: &Option<crate::budget::types::Converted>| {
            c.as_ref()
                .map(|c| decimal_minor(c.minor, reporting.exponent()))
                .unwrap_or_default()
        };
        let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let record = [
            i.id.to_string(),
            safe_cell(&category),
            safe_cell(&i.description),
            safe_cell(payer.map(|p| p.name.as_str()).unwrap_or("")),
            payer.map(|p| p.kind.as_str()).unwrap_or("").to_owned(),
            safe_cell(&i.vendor),
            i.status.as_str().to_owned(),
            i.currency.clone(),
            amount(Some(i.planned_minor)),
            amount(i.committed_minor),
            amount(i.actual_minor),
            day(i.committed_on),
            day(i.invoiced_on),
            day(i.paid_on),
            safe_cell(&i.invoice_ref),
            reporting.code().to_owned(),
            converted(&i.planned),
            converted(&i.committed),
            converted(&i.actual),
            rate_text(i.planned.as_ref().and_then(|c| c.rate_id)),
            rate_text(i.committed.as_ref().and_then(|c| c.rate_id)),
            rate_text(i.actual.as_ref().and_then(|c| c.rate_id)),
            safe_cell(i.approved_by.as_deref().unwrap_or("")),
            i.approved_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
            i.receipts.len().to_string(),
            safe_cell(&i.notes),
            safe_cell(i.updated_by.as_deref().unwrap_or("")),
            i.updated_at.to_rfc3339(),
        ];
        out.write_record(record).map_err(AppError::internal)?;
    }
    out.into_inner().map_err(AppError::internal)
}

/// The summary as a PDF for the auditors, its own words in `locale`:
/// file name and bytes.
pub async fn summary_pdf(
    db: &impl ConnectionTrait,
    cache: &SummaryCache,
    edition_id: i64,
    locale: crate::i18n::Locale,
) -> Result<(String, Vec<u8>), AppError> {
    let books = books(db, edition_id).await?;
    let summarized = cache.summary(db, edition_id).await?;
    let edition_title = books.edition.model.title.clone();
    let generated_on = books.edition.clock.today();
    let bytes = crate::heavy::document(move || {
        let summary = &summarized.summary;
        let (by_category, over_time) = charts(summary, locale);
        crate::budget::pdf::render(&crate::budget::pdf::Report {
            locale,
            edition_title,
            generated_on,
            summary,
            charts: [&by_category, &over_time],
        })
    })
    .await??;
    Ok((
        format!("budget-{}-{}.pdf", books.edition.model.year, edition_id),
        bytes,
    ))
}

/// The budget's history (one record's with `record`), newest first.
pub async fn history(
    db: &impl ConnectionTrait,
    edition_id: i64,
    record: Option<(&str, i64)>,
    page: PageRequest,
) -> Result<Paged<AuditEntryView>, AppError> {
    books(db, edition_id).await?;
    match record {
        Some((kind, id)) if HISTORY_KINDS.contains(&kind) => {
            crate::audit::service::list_kinds(db, edition_id, &[kind], Some(id.to_string()), page)
                .await
        }
        Some(_) => Err(AppError::NotFound),
        None => crate::audit::service::list_kinds(db, edition_id, &HISTORY_KINDS, None, page).await,
    }
}
