//! A budget's frame: its settings (reporting currency, approval
//! threshold), categories with their plans, and payers.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, PaginatorTrait,
    QueryFilter, QueryOrder, Set, TransactionSession, TransactionTrait,
};

use super::{books, category_rows, edited_meanwhile, ensure_saved, log};
use crate::audit::{Actor, Change};
use crate::budget::domain::{NAME_MAX, PAYER_NAME_MAX, standard_categories, text_problem};
use crate::budget::entity::{budget, category, income, item, payer, rate};
use crate::budget::money::{Currency, check_minor};
use crate::budget::types::{
    BudgetSettings, CategoryInput, CategoryKind, CategoryView, CopyResult, PayerInput, PayerKind,
    PayerView, SettingsInput, ThresholdInput,
};
use crate::db::{is_foreign_key_violation, now, unique_or_internal};
use crate::editions::entity::edition;
use crate::error::{AppError, ErrorCode, Validator};
use crate::names::domain::parse_names;
use crate::names::service::{Named, replace_names};
use crate::names::types::Names;
use crate::platform::versioned::{Seen, save_versioned_or};

/// Saves the reporting currency: it may change only while nothing is in
/// it (rates and amounts would silently change meaning).
pub async fn save_settings(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    edition_id: i64,
    input: SettingsInput,
) -> Result<BudgetSettings, AppError> {
    let currency =
        Currency::parse(&input.currency).map_err(|code| AppError::field("currency", code))?;
    let txn = db.begin().await?;
    let books = books(&txn, edition_id).await?;
    if input.version != books.settings.version {
        return Err(edited_meanwhile());
    }
    if currency != books.reporting {
        let in_use = item::Entity::find()
            .filter(item::Column::EditionId.eq(edition_id))
            .count(&txn)
            .await?
            + income::Entity::find()
                .filter(income::Column::EditionId.eq(edition_id))
                .count(&txn)
                .await?
            + rate::Entity::find()
                .filter(rate::Column::EditionId.eq(edition_id))
                .count(&txn)
                .await?
            + category::Entity::find()
                .filter(category::Column::EditionId.eq(edition_id))
                .filter(category::Column::PlannedMinor.ne(0))
                .count(&txn)
                .await?;
        // Plans and the threshold are minor units of the old currency too.
        if in_use > 0 || books.threshold().is_some() {
            return Err(AppError::Conflict(ErrorCode::CurrencyInUse));
        }
    }
    let expected = Some(input.version);
    let after = write_settings(&txn, actor, books, currency, None, expected).await?;
    txn.commit().await?;
    Ok(after)
}

/// Sets the approval threshold (organizers): commitments above it wait
/// for one of them. A single figure: the last save stands, in the log.
pub async fn set_threshold(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    edition_id: i64,
    input: ThresholdInput,
) -> Result<BudgetSettings, AppError> {
    if let Some(threshold) = input.approval_threshold_minor {
        check_minor(threshold).map_err(|code| AppError::field("approval_threshold_minor", code))?;
    }
    let txn = db.begin().await?;
    let books = books(&txn, edition_id).await?;
    let currency = books.reporting;
    let after = write_settings(
        &txn,
        actor,
        books,
        currency,
        Some(input.approval_threshold_minor),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Writes the settings row (`threshold` `None`: unchanged) and its entry
/// in the log. With `expected`, only over that version (0: never saved),
/// else `edited_meanwhile`.
async fn write_settings(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    mut books: super::Books,
    currency: Currency,
    threshold: Option<Option<i64>>,
    expected: Option<i32>,
) -> Result<BudgetSettings, AppError> {
    let edition_id = books.edition_id();
    let before = books.settings.clone();
    let was_saved = books.saved;
    ensure_saved(txn, actor, &mut books).await?;
    // A budget saved for the first time just now is at version 1.
    let expected = expected.map(|v| if v == 0 && !was_saved { 1 } else { v });
    let current = books.settings.version;
    let version = current + 1;
    let threshold = threshold.unwrap_or(before.approval_threshold_minor);
    let mut update = budget::Entity::update_many()
        .set(budget::ActiveModel {
            currency: Set(currency.code().to_owned()),
            approval_threshold_minor: Set(threshold),
            version: Set(version),
            updated_at: Set(now()),
            ..Default::default()
        })
        .filter(budget::Column::EditionId.eq(edition_id));
    update = match expected {
        Some(expected) => update.filter(budget::Column::Version.eq(expected)),
        None => update.filter(budget::Column::Version.eq(current)),
    };
    if update.exec(txn).await?.rows_affected == 0 {
        return Err(edited_meanwhile());
    }
    let after = BudgetSettings {
        edition_id,
        currency: currency.code().to_owned(),
        exponent: currency.exponent(),
        approval_threshold_minor: threshold,
        version,
    };
    log(
        txn,
        actor,
        Change::new("updated", "budget", edition_id)
            .edition(edition_id)
            .before(&before)
            .after(&after),
    )
    .await?;
    Ok(after)
}

fn category_name(v: &mut Validator, kind: CategoryKind, name: &str) -> String {
    let name = name.trim();
    if kind == CategoryKind::Custom {
        if let Some(code) = text_problem(name, NAME_MAX, true, true) {
            v.add("name", code);
        }
        name.to_owned()
    } else {
        // Standard categories are named by the page, in the reader's language.
        String::new()
    }
}

fn view(m: category::Model, items: u32) -> CategoryView {
    CategoryView {
        id: m.id,
        kind: m.kind,
        name: m.name,
        names: Names::new(),
        planned_minor: m.planned_minor,
        position: m.position,
        version: m.version,
        items,
    }
}

async fn next_position(db: &impl ConnectionTrait, edition_id: i64) -> Result<i32, AppError> {
    Ok(category::Entity::find()
        .filter(category::Column::EditionId.eq(edition_id))
        .order_by_desc(category::Column::Position)
        .one(db)
        .await?
        .map_or(1, |c| c.position + 1))
}

pub async fn add_category(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    edition_id: i64,
    input: CategoryInput,
) -> Result<CategoryView, AppError> {
    let mut v = Validator::new();
    let kind = input.kind.unwrap_or(CategoryKind::Custom);
    let name = category_name(&mut v, kind, &input.name);
    v.check("planned_minor", check_minor(input.planned_minor));
    v.finish()?;
    let txn = db.begin().await?;
    let mut books = books(&txn, edition_id).await?;
    ensure_saved(&txn, actor, &mut books).await?;
    let position = next_position(&txn, edition_id).await?;
    let saved = category::ActiveModel {
        id: NotSet,
        edition_id: Set(edition_id),
        kind: Set(kind),
        name: Set(name),
        planned_minor: Set(input.planned_minor),
        position: Set(position),
        version: Set(1),
    }
    .insert(&txn)
    .await
    .map_err(|err| unique_or_internal(err, "kind", ErrorCode::CategoryTaken))?;
    log(
        &txn,
        actor,
        Change::new("created", "budget_category", saved.id)
            .edition(edition_id)
            .after(&saved),
    )
    .await?;
    txn.commit().await?;
    Ok(view(saved, 0))
}

/// Renames a custom category or changes a category's plan.
pub async fn update_category(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    edition_id: i64,
    category_id: i64,
    input: CategoryInput,
) -> Result<CategoryView, AppError> {
    let txn = db.begin().await?;
    let before = category::Entity::find_by_id(category_id)
        .filter(category::Column::EditionId.eq(edition_id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut v = Validator::new();
    let name = category_name(&mut v, before.kind, &input.name);
    v.check("planned_minor", check_minor(input.planned_minor));
    v.finish()?;
    let row = category::ActiveModel {
        name: Set(name),
        planned_minor: Set(input.planned_minor),
        ..Default::default()
    };
    let seen = Seen {
        id: (category::Column::Id, category_id),
        version: (category::Column::Version, input.version),
    };
    let after = save_versioned_or::<category::Entity>(&txn, row, seen, |err| {
        unique_or_internal(err, "name", ErrorCode::CategoryTaken)
    })
    .await?;
    log(
        &txn,
        actor,
        Change::new("updated", "budget_category", category_id)
            .edition(edition_id)
            .before(&before)
            .after(&after),
    )
    .await?;
    let items = item::Entity::find()
        .filter(item::Column::CategoryId.eq(category_id))
        .count(&txn)
        .await? as u32;
    txn.commit().await?;
    Ok(view(after, items))
}

/// Writes a custom category's name in the other languages (an empty one
/// is removed). The budget's revision moves with the audit line, so its
/// summary and charts are drawn again.
pub async fn save_category_names(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    edition_id: i64,
    category_id: i64,
    names: Names,
) -> Result<Names, AppError> {
    let names = parse_names(names, NAME_MAX)?;
    let txn = db.begin().await?;
    let found = category::Entity::find_by_id(category_id)
        .filter(category::Column::EditionId.eq(edition_id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if found.kind != CategoryKind::Custom {
        // The app names the others in every language.
        return Err(AppError::Conflict(ErrorCode::CategoryNamedByApp));
    }
    let before = replace_names(&txn, Named::BudgetCategory, category_id, &names).await?;
    log(
        &txn,
        actor,
        Change::new("translated", "budget_category", category_id)
            .edition(edition_id)
            .before(&before)
            .after(&names),
    )
    .await?;
    txn.commit().await?;
    Ok(names)
}

/// Removes a category no item is filed under.
pub async fn delete_category(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    edition_id: i64,
    category_id: i64,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    let before = category::Entity::find_by_id(category_id)
        .filter(category::Column::EditionId.eq(edition_id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let used = item::Entity::find()
        .filter(item::Column::CategoryId.eq(category_id))
        .count(&txn)
        .await?;
    if used > 0 {
        return Err(AppError::Conflict(ErrorCode::CategoryInUse));
    }
    category::Entity::delete_by_id(category_id)
        .exec(&txn)
        .await?;
    log(
        &txn,
        actor,
        Change::new("deleted", "budget_category", category_id)
            .edition(edition_id)
            .before(&before),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Starts this edition's categories from the latest earlier edition that
/// has some (its kinds, names and, in the same currency, its plans), or
/// from the standard list when none has. Categories already here stay.
pub async fn copy_categories(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    edition_id: i64,
) -> Result<CopyResult, AppError> {
    let txn = db.begin().await?;
    let mut books = books(&txn, edition_id).await?;
    ensure_saved(&txn, actor, &mut books).await?;
    let earlier: Vec<edition::Model> = edition::Entity::find()
        .filter(edition::Column::Year.lt(books.edition.model.year))
        .order_by_desc(edition::Column::Year)
        .all(&txn)
        .await?;
    let mut source = None;
    for candidate in earlier {
        let rows = category_rows(&txn, candidate.id).await?;
        if !rows.is_empty() {
            source = Some((candidate.id, rows));
            break;
        }
    }
    let (from_edition_id, template, amounts_copied) = match source {
        Some((from, rows)) => {
            let same_currency = budget::Entity::find_by_id(from)
                .one(&txn)
                .await?
                .is_some_and(|b| b.currency == books.reporting.code());
            let template: Vec<(CategoryKind, String, i64)> = rows
                .into_iter()
                .map(|c| {
                    let plan = if same_currency { c.planned_minor } else { 0 };
                    (c.kind, c.name, plan)
                })
                .collect();
            (Some(from), template, same_currency)
        }
        None => (
            None,
            standard_categories()
                .map(|k| (k, String::new(), 0))
                .collect(),
            false,
        ),
    };
    let existing = category_rows(&txn, edition_id).await?;
    let mut position = next_position(&txn, edition_id).await?;
    let mut copied = 0;
    for (kind, name, planned) in template {
        if existing.iter().any(|c| c.kind == kind && c.name == name) {
            continue;
        }
        let saved = category::ActiveModel {
            id: NotSet,
            edition_id: Set(edition_id),
            kind: Set(kind),
            name: Set(name),
            planned_minor: Set(planned),
            position: Set(position),
            version: Set(1),
        }
        .insert(&txn)
        .await?;
        log(
            &txn,
            actor,
            Change::new("created", "budget_category", saved.id)
                .edition(edition_id)
                .after(&saved),
        )
        .await?;
        position += 1;
        copied += 1;
    }
    txn.commit().await?;
    Ok(CopyResult {
        from_edition_id,
        copied,
        amounts_copied: amounts_copied && copied > 0,
    })
}

pub async fn add_payer(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    edition_id: i64,
    input: PayerInput,
) -> Result<PayerView, AppError> {
    let mut v = Validator::new();
    let name = input.name.trim().to_owned();
    if let Some(code) = text_problem(&name, PAYER_NAME_MAX, true, true) {
        v.add("name", code);
    }
    let kind = input.kind.unwrap_or(PayerKind::Sponsor);
    let txn = db.begin().await?;
    let committee_id = match (kind, input.committee_id) {
        (PayerKind::Committee, Some(id)) => {
            let known = crate::directory::entity::committee::Entity::find_by_id(id)
                .one(&txn)
                .await?
                .is_some();
            if !known {
                v.add("committee_id", ErrorCode::UnknownCommittee);
            }
            Some(id)
        }
        _ => None,
    };
    v.finish()?;
    let mut books = books(&txn, edition_id).await?;
    ensure_saved(&txn, actor, &mut books).await?;
    let saved = payer::ActiveModel {
        id: NotSet,
        edition_id: Set(edition_id),
        kind: Set(kind),
        name: Set(name),
        committee_id: Set(committee_id),
    }
    .insert(&txn)
    .await
    .map_err(|err| unique_or_internal(err, "name", ErrorCode::PayerTaken))?;
    log(
        &txn,
        actor,
        Change::new("created", "budget_payer", saved.id)
            .edition(edition_id)
            .after(&saved),
    )
    .await?;
    txn.commit().await?;
    Ok(PayerView {
        id: saved.id,
        kind: saved.kind,
        name: saved.name,
        committee_id: saved.committee_id,
        uses: 0,
    })
}

/// Removes a payer no item or income line names.
pub async fn delete_payer(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    edition_id: i64,
    payer_id: i64,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    let before = payer::Entity::find_by_id(payer_id)
        .filter(payer::Column::EditionId.eq(edition_id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    payer::Entity::delete_by_id(payer_id)
        .exec(&txn)
        .await
        .map_err(|err| {
            if is_foreign_key_violation(&err) {
                AppError::Conflict(ErrorCode::PayerInUse)
            } else {
                AppError::from(err)
            }
        })?;
    log(
        &txn,
        actor,
        Change::new("deleted", "budget_payer", payer_id)
            .edition(edition_id)
            .before(&before),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
