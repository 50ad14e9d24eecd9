//! The budget's services (server only), by what they keep: `setup`
//! (settings, categories, payers), `rates`, `items` (cost items and their
//! approval), `receipts`, `pledges` (income per payer), `summary` (the
//! figures from the rows), `report` (what pages and exports read: the
//! overview, CSV, PDF, history). This file loads what they all need: the
//! edition's settings and the converter built from its rates, and turns
//! rows into views.

pub mod items;
pub mod pledges;
pub mod rates;
pub mod receipts;
pub mod report;
pub mod setup;
pub mod summary;

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::domain::{Converter, RateTable};
use super::entity::{budget, category, income, item, payer, rate, receipt};
use super::money::{Currency, format_rate};
use super::types::{
    BudgetSettings, CategoryView, IncomeView, ItemView, PayerView, RateView, ReceiptView,
};
use crate::editions::service::{Edition, load_edition};
use crate::error::AppError;
use crate::names::service::{Named, names_of};

/// An edition's budget as every service needs it.
pub struct Books {
    pub edition: Edition,
    pub settings: BudgetSettings,
    pub reporting: Currency,
    pub converter: Converter,
    /// Whether the settings row exists yet.
    pub saved: bool,
    /// How many changes the budget has had (0 before the first).
    pub revision: i64,
}

impl Books {
    pub fn edition_id(&self) -> i64 {
        self.edition.model.id
    }

    pub fn threshold(&self) -> Option<i64> {
        self.settings.approval_threshold_minor
    }
}

/// The currency a budget starts in: the host city's country's, else USD.
async fn default_currency(
    db: &impl ConnectionTrait,
    host_city_id: i64,
) -> Result<Currency, AppError> {
    let country = crate::directory::entity::member::Entity::find_by_id(host_city_id)
        .one(db)
        .await?
        .map(|m| m.country)
        .unwrap_or_default();
    Ok(Currency::of_country(&country)
        .unwrap_or_else(|| Currency::parse("USD").expect("USD is an ISO 4217 currency")))
}

/// The settings and rates of an edition's budget (defaults when it was
/// never saved).
pub async fn books(db: &impl ConnectionTrait, edition_id: i64) -> Result<Books, AppError> {
    let edition = load_edition(db, edition_id).await?;
    let row = budget::Entity::find_by_id(edition_id).one(db).await?;
    let saved = row.is_some();
    let (reporting, threshold, version, revision) = match row {
        Some(row) => (
            Currency::parse(&row.currency).map_err(AppError::internal)?,
            row.approval_threshold_minor,
            row.version,
            row.revision,
        ),
        None => (
            default_currency(db, edition.model.host_city_id).await?,
            None,
            0,
            0,
        ),
    };
    let rates = rate::Entity::find()
        .filter(rate::Column::EditionId.eq(edition_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.currency, r.valid_from, r.rate_e10));
    let converter = Converter {
        reporting,
        plan_day: edition.model.start_date,
        rates: RateTable::new(rates),
    };
    Ok(Books {
        settings: BudgetSettings {
            edition_id,
            currency: reporting.code().to_owned(),
            exponent: reporting.exponent(),
            approval_threshold_minor: threshold,
            version,
        },
        reporting,
        converter,
        saved,
        revision,
        edition,
    })
}

/// Records a change to the budget in the audit log and raises the
/// budget's revision, in the caller's transaction: every change is both
/// logged and seen by the summary's cache.
pub async fn log(
    db: &impl ConnectionTrait,
    actor: &crate::audit::Actor,
    change: crate::audit::Change,
) -> Result<(), AppError> {
    use sea_orm::sea_query::{Expr, ExprTrait};
    let edition_id = change.edition_id.ok_or(AppError::Internal)?;
    crate::audit::record(db, actor, change).await?;
    budget::Entity::update_many()
        .col_expr(
            budget::Column::Revision,
            Expr::col(budget::Column::Revision).add(1),
        )
        .filter(budget::Column::EditionId.eq(edition_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Creates the settings row and the default payers the first time a
/// budget is written to (inside the writer's transaction).
pub async fn ensure_saved(
    db: &impl ConnectionTrait,
    actor: &crate::audit::Actor,
    books: &mut Books,
) -> Result<(), AppError> {
    use crate::audit::Change;
    use sea_orm::sea_query::OnConflict;
    use sea_orm::{ActiveModelTrait, Set};
    if books.saved {
        return Ok(());
    }
    let edition_id = books.edition_id();
    // Two first saves at once: one creates the row and the payers, the
    // other finds them made.
    let created = budget::Entity::insert(budget::ActiveModel {
        edition_id: Set(edition_id),
        currency: Set(books.reporting.code().to_owned()),
        approval_threshold_minor: Set(None),
        version: Set(1),
        revision: Set(0),
        updated_at: Set(crate::db::now()),
    })
    .on_conflict(
        OnConflict::column(budget::Column::EditionId)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    if created == 1 {
        let host =
            crate::directory::entity::member::Entity::find_by_id(books.edition.model.host_city_id)
                .one(db)
                .await?
                // A directory name may be longer than a payer's.
                .map(|m| {
                    m.name_latin
                        .chars()
                        .take(super::domain::PAYER_NAME_MAX)
                        .collect()
                })
                .unwrap_or_else(|| "Host city".to_owned());
        log(
            db,
            actor,
            Change::new("created", "budget", edition_id)
                .edition(edition_id)
                .after(&books.settings),
        )
        .await?;
        for (kind, name) in super::domain::default_payers(&host) {
            let saved = payer::ActiveModel {
                id: sea_orm::NotSet,
                edition_id: Set(edition_id),
                kind: Set(kind),
                name: Set(name),
                committee_id: Set(None),
            }
            .insert(db)
            .await?;
            log(
                db,
                actor,
                Change::new("created", "budget_payer", saved.id)
                    .edition(edition_id)
                    .after(&saved),
            )
            .await?;
        }
    }
    books.saved = true;
    books.settings.version = budget::Entity::find_by_id(edition_id)
        .one(db)
        .await?
        .map_or(1, |row| row.version);
    Ok(())
}

pub use crate::auth::service::account_labels;

pub fn rate_view(r: rate::Model, labels: &HashMap<i64, String>) -> RateView {
    RateView {
        id: r.id,
        currency: r.currency,
        valid_from: r.valid_from,
        rate: format_rate(r.rate_e10),
        source: r.source,
        entered_by: r.entered_by.and_then(|id| labels.get(&id).cloned()),
        entered_at: r.entered_at,
    }
}

pub async fn list_rates(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<Vec<RateView>, AppError> {
    let rows = rate::Entity::find()
        .filter(rate::Column::EditionId.eq(edition_id))
        .order_by_asc(rate::Column::Currency)
        .order_by_desc(rate::Column::ValidFrom)
        .all(db)
        .await?;
    let labels = account_labels(db, rows.iter().filter_map(|r| r.entered_by)).await?;
    Ok(rows.into_iter().map(|r| rate_view(r, &labels)).collect())
}

/// How many items (and income lines) name each category and payer,
/// counted by the database.
async fn uses(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<(HashMap<i64, u32>, HashMap<i64, u32>), AppError> {
    let count = |column| {
        item::Entity::find()
            .select_only()
            .column(column)
            .column_as(item::Column::Id.count(), "uses")
            .filter(item::Column::EditionId.eq(edition_id))
            .group_by(column)
            .into_tuple::<(i64, i64)>()
            .all(db)
    };
    let as_map = |rows: Vec<(i64, i64)>| -> HashMap<i64, u32> {
        rows.into_iter()
            .map(|(id, n)| (id, u32::try_from(n).unwrap_or(u32::MAX)))
            .collect()
    };
    let categories = as_map(count(item::Column::CategoryId).await?);
    let mut payers = as_map(count(item::Column::PayerId).await?);
    let income_payers: Vec<(i64, i64)> = income::Entity::find()
        .select_only()
        .column(income::Column::PayerId)
        .column_as(income::Column::Id.count(), "uses")
        .filter(income::Column::EditionId.eq(edition_id))
        .group_by(income::Column::PayerId)
        .into_tuple()
        .all(db)
        .await?;
    for (payer, n) in income_payers {
        *payers.entry(payer).or_insert(0) += u32::try_from(n).unwrap_or(u32::MAX);
    }
    Ok((categories, payers))
}

pub async fn list_categories(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<Vec<CategoryView>, AppError> {
    let (counts, _) = uses(db, edition_id).await?;
    let rows = category_rows(db, edition_id).await?;
    let mut names = names_of(db, Named::BudgetCategory, rows.iter().map(|c| c.id)).await?;
    Ok(rows
        .into_iter()
        .map(|c| CategoryView {
            items: counts.get(&c.id).copied().unwrap_or(0),
            names: names.remove(&c.id).unwrap_or_default(),
            id: c.id,
            kind: c.kind,
            name: c.name,
            planned_minor: c.planned_minor,
            position: c.position,
            version: c.version,
        })
        .collect())
}

pub async fn category_rows(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<Vec<category::Model>, AppError> {
    Ok(category::Entity::find()
        .filter(category::Column::EditionId.eq(edition_id))
        .order_by_asc(category::Column::Position)
        .order_by_asc(category::Column::Id)
        .all(db)
        .await?)
}

pub async fn payer_rows(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<Vec<payer::Model>, AppError> {
    Ok(payer::Entity::find()
        .filter(payer::Column::EditionId.eq(edition_id))
        .order_by_asc(payer::Column::Id)
        .all(db)
        .await?)
}

pub async fn list_payers(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<Vec<PayerView>, AppError> {
    let (_, counts) = uses(db, edition_id).await?;
    Ok(payer_rows(db, edition_id)
        .await?
        .into_iter()
        .map(|p| PayerView {
            uses: counts.get(&p.id).copied().unwrap_or(0),
            id: p.id,
            kind: p.kind,
            name: p.name,
            committee_id: p.committee_id,
        })
        .collect())
}

/// A stored currency code (checked when it was saved).
pub fn stored_currency(code: &str) -> Result<Currency, AppError> {
    Currency::parse(code).map_err(AppError::internal)
}

pub fn income_view(books: &Books, m: income::Model) -> Result<IncomeView, AppError> {
    let rules = rules_income(&m)?;
    let currency = rules.currency;
    let (pledged, received) = rules.converted(&books.converter);
    Ok(IncomeView {
        id: m.id,
        payer_id: m.payer_id,
        description: m.description,
        currency: m.currency,
        exponent: currency.exponent(),
        pledged_minor: m.pledged_minor,
        received_minor: m.received_minor,
        received_on: m.received_on,
        pledged: pledged.ok(),
        received: received.and_then(Result::ok),
        version: m.version,
    })
}

pub async fn list_income(
    db: &impl ConnectionTrait,
    books: &Books,
) -> Result<Vec<IncomeView>, AppError> {
    income::Entity::find()
        .filter(income::Column::EditionId.eq(books.edition_id()))
        .order_by_asc(income::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| income_view(books, m))
        .collect()
}

/// An item row as the rules see it.
pub fn rules_item(m: &item::Model) -> Result<super::domain::Item, AppError> {
    ItemRow {
        id: m.id,
        category_id: m.category_id,
        payer_id: m.payer_id,
        currency: m.currency.clone(),
        planned_minor: m.planned_minor,
        committed_minor: m.committed_minor,
        actual_minor: m.actual_minor,
        committed_on: m.committed_on,
        invoiced_on: m.invoiced_on,
        paid_on: m.paid_on,
        cancelled: m.cancelled,
        approved_minor: m.approved_minor,
        approved_currency: m.approved_currency.clone(),
    }
    .rules()
}

/// An item's columns the rules read: all the summary selects of a row
/// (no descriptions, vendors or notes), and what `rules_item` takes of
/// a whole one.
#[derive(sea_orm::FromQueryResult)]
pub struct ItemRow {
    pub id: i64,
    pub category_id: i64,
    pub payer_id: i64,
    pub currency: String,
    pub planned_minor: i64,
    pub committed_minor: Option<i64>,
    pub actual_minor: Option<i64>,
    pub committed_on: Option<chrono::NaiveDate>,
    pub invoiced_on: Option<chrono::NaiveDate>,
    pub paid_on: Option<chrono::NaiveDate>,
    pub cancelled: bool,
    pub approved_minor: Option<i64>,
    pub approved_currency: Option<String>,
}

impl ItemRow {
    /// The columns the rules read, for a query's `select_only`.
    pub const COLUMNS: [item::Column; 13] = [
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
    ];

    pub fn rules(self) -> Result<super::domain::Item, AppError> {
        Ok(super::domain::Item {
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

/// An income line as the rules see it.
pub fn rules_income(m: &income::Model) -> Result<super::domain::Income, AppError> {
    Ok(super::domain::Income {
        payer_id: m.payer_id,
        currency: stored_currency(&m.currency)?,
        pledged: m.pledged_minor,
        received: m.received_minor,
        received_on: m.received_on,
    })
}

pub fn item_view(
    books: &Books,
    m: item::Model,
    receipts: Vec<ReceiptView>,
    labels: &HashMap<i64, String>,
) -> Result<ItemView, AppError> {
    let rules = rules_item(&m)?;
    let figures = rules.figures(&books.converter, books.threshold());
    let label = |id: Option<i64>| id.and_then(|id| labels.get(&id).cloned());
    Ok(ItemView {
        id: m.id,
        category_id: m.category_id,
        payer_id: m.payer_id,
        description: m.description,
        vendor: m.vendor,
        exponent: rules.currency.exponent(),
        currency: m.currency,
        planned_minor: m.planned_minor,
        committed_minor: m.committed_minor,
        actual_minor: m.actual_minor,
        committed_on: m.committed_on,
        invoiced_on: m.invoiced_on,
        paid_on: m.paid_on,
        invoice_ref: m.invoice_ref,
        notes: m.notes,
        cancelled: m.cancelled,
        status: rules.status(&figures),
        needs_approval: figures.needs_approval,
        planned: figures.planned,
        committed: figures.committed,
        actual: figures.actual,
        approved_by: if figures.needs_approval && !figures.waiting {
            label(m.approved_by)
        } else {
            None
        },
        approved_at: if figures.needs_approval && !figures.waiting {
            m.approved_at
        } else {
            None
        },
        receipts,
        version: m.version,
        created_by: label(m.created_by),
        created_at: m.created_at,
        updated_by: label(m.updated_by),
        updated_at: m.updated_at,
    })
}

pub fn receipt_view(r: receipt::Model, labels: &HashMap<i64, String>) -> ReceiptView {
    ReceiptView {
        id: r.id,
        file_name: r.file_name,
        content_type: r.content_type,
        size: r.size,
        uploaded_by: r.uploaded_by.and_then(|id| labels.get(&id).cloned()),
        uploaded_at: r.uploaded_at,
    }
}

/// The item with this id in this edition, or 404.
pub async fn find_item(
    db: &impl ConnectionTrait,
    edition_id: i64,
    item_id: i64,
) -> Result<item::Model, AppError> {
    item::Entity::find_by_id(item_id)
        .filter(item::Column::EditionId.eq(edition_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

pub use crate::platform::versioned::edited_meanwhile;
