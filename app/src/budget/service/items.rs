//! Cost items: add, save, approve, read. Every save
//! names the version it started from: a save over a newer one is refused
//! with `edited_meanwhile`, never silently lost.

use std::collections::BTreeSet;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, NotSet, QueryFilter,
    QueryOrder, Set, TransactionSession, TransactionTrait,
};

use super::{
    Books, account_labels, books, category_rows, edited_meanwhile, ensure_saved, find_item,
    item_view, log, payer_rows, receipt_view, rules_item,
};
use crate::audit::{Actor, Change};
use crate::budget::domain::{DESCRIPTION_MAX, ItemFields, ItemRules};
use crate::budget::entity::{item, receipt};
use crate::budget::money::Currency;
use crate::budget::types::{ItemFilter, ItemInput, ItemStatus, ItemView, ReceiptView};
use crate::db::now;
use crate::error::{AppError, ErrorCode};
use crate::paging::{PageRequest, Paged};
use crate::platform::versioned::{Seen, save_versioned};

/// Checks an item against the budget's categories, payers and rates.
async fn checked(
    db: &impl ConnectionTrait,
    books: &Books,
    input: &ItemInput,
) -> Result<Currency, AppError> {
    let edition_id = books.edition_id();
    let categories: BTreeSet<i64> = category_rows(db, edition_id)
        .await?
        .iter()
        .map(|c| c.id)
        .collect();
    let payers: BTreeSet<i64> = payer_rows(db, edition_id)
        .await?
        .iter()
        .map(|p| p.id)
        .collect();
    let rules = ItemRules {
        year: books.edition.model.year,
        categories: &categories,
        payers: &payers,
        converter: &books.converter,
    };
    rules
        .check(&ItemFields {
            category_id: input.category_id,
            payer_id: input.payer_id,
            description: input.description.trim(),
            vendor: input.vendor.trim(),
            currency: &input.currency,
            planned: input.planned_minor,
            committed: input.committed_minor,
            actual: input.actual_minor,
            committed_on: input.committed_on,
            invoiced_on: input.invoiced_on,
            paid_on: input.paid_on,
            invoice_ref: input.invoice_ref.trim(),
            notes: input.notes.trim(),
        })
        .map_err(AppError::Validation)
}

fn fields(input: &ItemInput, currency: Currency) -> item::ActiveModel {
    item::ActiveModel {
        category_id: Set(input.category_id),
        payer_id: Set(input.payer_id),
        description: Set(input.description.trim().to_owned()),
        vendor: Set(input.vendor.trim().to_owned()),
        currency: Set(currency.code().to_owned()),
        planned_minor: Set(input.planned_minor),
        committed_minor: Set(input.committed_minor),
        actual_minor: Set(input.actual_minor),
        committed_on: Set(input.committed_on),
        invoiced_on: Set(input.invoiced_on),
        paid_on: Set(input.paid_on),
        invoice_ref: Set(input.invoice_ref.trim().to_owned()),
        notes: Set(input.notes.trim().to_owned()),
        cancelled: Set(input.cancelled),
        ..Default::default()
    }
}

async fn view_of(
    db: &impl ConnectionTrait,
    books: &Books,
    m: item::Model,
) -> Result<ItemView, AppError> {
    views(db, books, vec![m])
        .await?
        .pop()
        .ok_or(AppError::NotFound)
}

pub async fn create_item(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    edition_id: i64,
    input: ItemInput,
) -> Result<ItemView, AppError> {
    let txn = db.begin().await?;
    let mut books = books(&txn, edition_id).await?;
    ensure_saved(&txn, actor, &mut books).await?;
    let currency = checked(&txn, &books, &input).await?;
    let at = now();
    let saved = item::ActiveModel {
        id: NotSet,
        edition_id: Set(edition_id),
        approved_minor: Set(None),
        approved_currency: Set(None),
        approved_by: Set(None),
        approved_at: Set(None),
        version: Set(1),
        created_by: Set(actor.user_id),
        created_at: Set(at),
        updated_by: Set(actor.user_id),
        updated_at: Set(at),
        amount_set_by: Set(actor.user_id),
        ..fields(&input, currency)
    }
    .insert(&txn)
    .await?;
    log(
        &txn,
        actor,
        Change::new("created", "budget_item", saved.id)
            .edition(edition_id)
            .after(&saved),
    )
    .await?;
    txn.commit().await?;
    view_of(db, &books, saved).await
}

pub async fn update_item(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    edition_id: i64,
    item_id: i64,
    input: ItemInput,
) -> Result<ItemView, AppError> {
    let txn = db.begin().await?;
    let books = books(&txn, edition_id).await?;
    let before = find_item(&txn, edition_id, item_id).await?;
    let currency = checked(&txn, &books, &input).await?;
    let amounts_changed = before.committed_minor != input.committed_minor
        || before.actual_minor != input.actual_minor
        || before.currency != currency.code();
    let row = item::ActiveModel {
        updated_by: Set(actor.user_id),
        updated_at: Set(now()),
        amount_set_by: if amounts_changed {
            Set(actor.user_id)
        } else {
            sea_orm::NotSet
        },
        ..fields(&input, currency)
    };
    let seen = Seen {
        id: (item::Column::Id, item_id),
        version: (item::Column::Version, input.version),
    };
    let after = save_versioned::<item::Entity>(&txn, row, seen).await?;
    log(
        &txn,
        actor,
        Change::new("updated", "budget_item", item_id)
            .edition(edition_id)
            .before(&before)
            .after(&after),
    )
    .await?;
    txn.commit().await?;
    view_of(db, &books, after).await
}

/// An organizer approves the amount as it stands: the commitment, or the
/// payment if larger (`version` as they saw it). Whoever last set that
/// amount cannot approve it: four eyes.
pub async fn approve_item(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    edition_id: i64,
    item_id: i64,
    version: i32,
) -> Result<ItemView, AppError> {
    let txn = db.begin().await?;
    let books = books(&txn, edition_id).await?;
    let before = find_item(&txn, edition_id, item_id).await?;
    if before.version != version {
        return Err(edited_meanwhile());
    }
    let rules = rules_item(&before)?;
    let figures = rules.figures(&books.converter, books.threshold());
    if !figures.waiting {
        return Err(AppError::Conflict(ErrorCode::NothingToApprove));
    }
    if actor.user_id.is_some() && before.amount_set_by == actor.user_id {
        return Err(AppError::Conflict(ErrorCode::ApproveOwnItem));
    }
    let row = item::ActiveModel {
        approved_minor: Set(rules.exposure().map(|(minor, _)| minor)),
        approved_currency: Set(Some(before.currency.clone())),
        approved_by: Set(actor.user_id),
        approved_at: Set(Some(now())),
        ..Default::default()
    };
    let seen = Seen {
        id: (item::Column::Id, item_id),
        version: (item::Column::Version, version),
    };
    let after = save_versioned::<item::Entity>(&txn, row, seen).await?;
    log(
        &txn,
        actor,
        Change::new("approved", "budget_item", item_id)
            .edition(edition_id)
            .before(&before)
            .after(&after),
    )
    .await?;
    txn.commit().await?;
    view_of(db, &books, after).await
}

pub async fn get_item(
    db: &impl ConnectionTrait,
    edition_id: i64,
    item_id: i64,
) -> Result<ItemView, AppError> {
    let books = books(db, edition_id).await?;
    let m = find_item(db, edition_id, item_id).await?;
    view_of(db, &books, m).await
}

/// One page of the items the filter selects, newest first.
pub async fn list_items(
    db: &impl ConnectionTrait,
    edition_id: i64,
    filter: &ItemFilter,
    page: PageRequest,
) -> Result<Paged<ItemView>, AppError> {
    let page = page.clamped();
    let books = books(db, edition_id).await?;
    let mut condition = Condition::all().add(item::Column::EditionId.eq(edition_id));
    if let Some(id) = filter.category_id {
        condition = condition.add(item::Column::CategoryId.eq(id));
    }
    if let Some(id) = filter.payer_id {
        condition = condition.add(item::Column::PayerId.eq(id));
    }
    if let Some(q) = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        let q: String = q.chars().take(DESCRIPTION_MAX).collect();
        condition = condition.add(
            Condition::any()
                .add(item::Column::Description.contains(&q))
                .add(item::Column::Vendor.contains(&q))
                .add(item::Column::InvoiceRef.contains(&q)),
        );
    }
    let rows = item::Entity::find()
        .filter(condition)
        .order_by_desc(item::Column::Id)
        .all(db)
        .await?;
    // The status is read from the amounts and the threshold, not stored.
    let mut rows: Vec<(item::Model, ItemStatus)> = rows
        .into_iter()
        .map(|m| {
            let rules = rules_item(&m)?;
            let status = rules.status(&rules.figures(&books.converter, books.threshold()));
            Ok((m, status))
        })
        .collect::<Result<_, AppError>>()?;
    if let Some(status) = filter.status {
        rows.retain(|(_, s)| *s == status);
    }
    let total = rows.len() as u64;
    let rows: Vec<item::Model> = rows
        .into_iter()
        .skip(page.offset() as usize)
        .take(page.limit() as usize)
        .map(|(m, _)| m)
        .collect();
    let items = views(db, &books, rows).await?;
    Ok(Paged::new(items, total, page))
}

/// Views of item rows, with their receipts and who did what.
async fn views(
    db: &impl ConnectionTrait,
    books: &Books,
    rows: Vec<item::Model>,
) -> Result<Vec<ItemView>, AppError> {
    let ids: Vec<i64> = rows.iter().map(|m| m.id).collect();
    let mut receipts = Vec::new();
    // Bounded lists keep each query's parameters under the backends' limits.
    for chunk in ids.chunks(500) {
        receipts.extend(
            receipt::Entity::find()
                .filter(receipt::Column::ItemId.is_in(chunk.iter().copied()))
                .order_by_asc(receipt::Column::Id)
                .all(db)
                .await?,
        );
    }
    // Collected first: an iterator of borrows held across the await
    // makes the future not `Send` for every lifetime.
    let people: Vec<i64> = rows
        .iter()
        .flat_map(|m| [m.created_by, m.updated_by, m.approved_by])
        .flatten()
        .chain(receipts.iter().filter_map(|r| r.uploaded_by))
        .collect();
    let labels = account_labels(db, people).await?;
    let mut by_item: std::collections::HashMap<i64, Vec<ReceiptView>> = Default::default();
    for r in receipts {
        by_item
            .entry(r.item_id)
            .or_default()
            .push(receipt_view(r, &labels));
    }
    rows.into_iter()
        .map(|m| {
            let own = by_item.remove(&m.id).unwrap_or_default();
            item_view(books, m, own, &labels)
        })
        .collect()
}

/// Every item of the budget, oldest first (for the export).
pub async fn all_items(
    db: &impl ConnectionTrait,
    books: &Books,
) -> Result<Vec<ItemView>, AppError> {
    let rows = item::Entity::find()
        .filter(item::Column::EditionId.eq(books.edition_id()))
        .order_by_asc(item::Column::Id)
        .all(db)
        .await?;
    views(db, books, rows).await
}
