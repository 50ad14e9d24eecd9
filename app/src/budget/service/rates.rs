//! Exchange rates: dated, entered by finance, never edited (a wrong rate
//! is deleted and entered again, both in the audit log). A rate that an
//! amount depends on cannot be deleted.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

use super::{books, ensure_saved, log, rate_view, rules_income, rules_item};
use crate::audit::{Actor, Change};
use crate::budget::domain::{RateTable, SOURCE_MAX, plausible, text_problem};
use crate::budget::entity::{income, item, rate};
use crate::budget::money::{Currency, parse_rate};
use crate::budget::types::{RateInput, RateView};
use crate::db::{now, unique_or_internal};
use crate::error::{AppError, ErrorCode, Validator, validated};

pub async fn add_rate(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    edition_id: i64,
    input: RateInput,
    may_confirm_unusual: bool,
) -> Result<RateView, AppError> {
    let txn = db.begin().await?;
    let mut books = books(&txn, edition_id).await?;
    let mut v = Validator::new();
    let currency = v.check("currency", Currency::parse(&input.currency));
    if currency == Some(books.reporting) {
        v.add("currency", ErrorCode::ReportingCurrency);
    }
    let rate_e10 = v.check("rate", parse_rate(&input.rate));
    match input.valid_from {
        None => v.add("valid_from", ErrorCode::Required),
        Some(day) if !plausible(day, books.edition.model.year) => {
            v.add("valid_from", ErrorCode::DateOutOfRange)
        }
        Some(_) => {}
    }
    // A rate far from the usual one would move every amount it converts
    // by orders of magnitude, past the approval threshold: an organizer
    // must confirm it.
    if let (Some(currency), Some(rate_e10)) = (currency, rate_e10) {
        let usual = crate::budget::reference::usual(currency, books.reporting, rate_e10);
        let confirmed = input.unusual_confirmed && may_confirm_unusual;
        if usual != Some(true) && !confirmed {
            v.add("rate", ErrorCode::RateImplausible);
        }
    }
    let source = input.source.trim().to_owned();
    if let Some(code) = text_problem(&source, SOURCE_MAX, false, true) {
        v.add("source", code);
    }
    v.finish()?;
    let (currency, rate_e10, valid_from) = (
        validated(currency)?,
        validated(rate_e10)?,
        validated(input.valid_from)?,
    );
    ensure_saved(&txn, actor, &mut books).await?;
    let saved = rate::ActiveModel {
        id: NotSet,
        edition_id: Set(edition_id),
        currency: Set(currency.code().to_owned()),
        valid_from: Set(valid_from),
        rate_e10: Set(rate_e10),
        source: Set(source),
        entered_by: Set(actor.user_id),
        entered_at: Set(now()),
    }
    .insert(&txn)
    .await
    .map_err(|err| unique_or_internal(err, "valid_from", ErrorCode::RateTaken))?;
    log(
        &txn,
        actor,
        Change::new("created", "budget_rate", saved.id)
            .edition(edition_id)
            .after(&saved),
    )
    .await?;
    txn.commit().await?;
    let labels = super::account_labels(db, saved.entered_by).await?;
    Ok(rate_view(saved, &labels))
}

/// Deletes a rate unless an amount would be left without one.
pub async fn delete_rate(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    edition_id: i64,
    rate_id: i64,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    let books = books(&txn, edition_id).await?;
    let before = rate::Entity::find_by_id(rate_id)
        .filter(rate::Column::EditionId.eq(edition_id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    // Every amount in that currency must still find a rate without it.
    let remaining = rate::Entity::find()
        .filter(rate::Column::EditionId.eq(edition_id))
        .filter(rate::Column::Id.ne(rate_id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|r| (r.id, r.currency, r.valid_from, r.rate_e10));
    let converter = crate::budget::domain::Converter {
        rates: RateTable::new(remaining),
        ..books.converter.clone()
    };
    let items = item::Entity::find()
        .filter(item::Column::EditionId.eq(edition_id))
        .filter(item::Column::Currency.eq(before.currency.clone()))
        .all(&txn)
        .await?;
    for row in &items {
        if rules_item(row)?.figures(&converter, None).unconverted {
            return Err(AppError::Conflict(ErrorCode::RateInUse));
        }
    }
    let lines = income::Entity::find()
        .filter(income::Column::EditionId.eq(edition_id))
        .filter(income::Column::Currency.eq(before.currency.clone()))
        .all(&txn)
        .await?;
    for line in lines {
        let (pledged, received) = rules_income(&line)?.converted(&converter);
        if pledged.is_err() || received.is_some_and(|r| r.is_err()) {
            return Err(AppError::Conflict(ErrorCode::RateInUse));
        }
    }
    rate::Entity::delete_by_id(rate_id).exec(&txn).await?;
    log(
        &txn,
        actor,
        Change::new("deleted", "budget_rate", rate_id)
            .edition(edition_id)
            .before(&before),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
