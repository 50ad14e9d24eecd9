//! Income per payer: sponsorships and contributions pledged, and what
//! was received, with its day. Saves name their version, as items do.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

use super::{Books, books, ensure_saved, income_view, log, payer_rows};
use crate::audit::{Actor, Change};
use crate::budget::domain::{DESCRIPTION_MAX, text_problem};
use crate::budget::entity::income;
use crate::budget::money::{Currency, check_minor};
use crate::budget::types::{IncomeInput, IncomeView};
use crate::db::now;
use crate::error::{AppError, ErrorCode, Validator, validated};
use crate::platform::versioned::{Seen, save_versioned};

/// Checks an income line; its currency on success.
async fn checked_income(
    db: &impl ConnectionTrait,
    books: &Books,
    input: &IncomeInput,
) -> Result<Currency, AppError> {
    let mut v = Validator::new();
    let payers = payer_rows(db, books.edition_id()).await?;
    if !payers.iter().any(|p| p.id == input.payer_id) {
        v.add("payer_id", ErrorCode::UnknownPayer);
    }
    if let Some(code) = text_problem(input.description.trim(), DESCRIPTION_MAX, true, true) {
        v.add("description", code);
    }
    let currency = v.check("currency", Currency::parse(&input.currency));
    v.check("pledged", check_minor(input.pledged_minor));
    if let Some(received) = input.received_minor {
        v.check("received", check_minor(received));
    }
    match (input.received_minor, input.received_on) {
        (Some(_), None) => v.add("received_on", ErrorCode::ActualNeedsDate),
        (None, Some(_)) => v.add("received", ErrorCode::Required),
        _ => {}
    }
    if let Some(day) = input.received_on
        && !crate::budget::domain::plausible(day, books.edition.model.year)
    {
        v.add("received_on", ErrorCode::DateOutOfRange);
    }
    if let Some(currency) = currency {
        let missing = |day| books.converter.convert(0, currency, day).is_err();
        if missing(books.converter.plan_day) {
            v.add("currency", ErrorCode::RateMissing);
        }
        if let (Some(_), Some(day)) = (input.received_minor, input.received_on)
            && missing(day)
        {
            v.add("received_on", ErrorCode::RateMissing);
        }
    }
    v.finish()?;
    validated(currency)
}

fn income_fields(input: &IncomeInput, currency: Currency) -> income::ActiveModel {
    income::ActiveModel {
        payer_id: Set(input.payer_id),
        description: Set(input.description.trim().to_owned()),
        currency: Set(currency.code().to_owned()),
        pledged_minor: Set(input.pledged_minor),
        received_minor: Set(input.received_minor),
        received_on: Set(input.received_on),
        updated_at: Set(now()),
        ..Default::default()
    }
}

/// Adds an income line (`income_id` `None`) or saves one.
pub async fn save_income(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    edition_id: i64,
    income_id: Option<i64>,
    input: IncomeInput,
) -> Result<IncomeView, AppError> {
    let txn = db.begin().await?;
    let mut books = books(&txn, edition_id).await?;
    ensure_saved(&txn, actor, &mut books).await?;
    let currency = checked_income(&txn, &books, &input).await?;
    let saved = match income_id {
        None => {
            let saved = income::ActiveModel {
                id: NotSet,
                edition_id: Set(edition_id),
                version: Set(1),
                ..income_fields(&input, currency)
            }
            .insert(&txn)
            .await?;
            log(
                &txn,
                actor,
                Change::new("created", "budget_income", saved.id)
                    .edition(edition_id)
                    .after(&saved),
            )
            .await?;
            saved
        }
        Some(id) => {
            let before = income::Entity::find_by_id(id)
                .filter(income::Column::EditionId.eq(edition_id))
                .one(&txn)
                .await?
                .ok_or(AppError::NotFound)?;
            let seen = Seen {
                id: (income::Column::Id, id),
                version: (income::Column::Version, input.version),
            };
            let row = income_fields(&input, currency);
            let after = save_versioned::<income::Entity>(&txn, row, seen).await?;
            log(
                &txn,
                actor,
                Change::new("updated", "budget_income", id)
                    .edition(edition_id)
                    .before(&before)
                    .after(&after),
            )
            .await?;
            after
        }
    };
    txn.commit().await?;
    income_view(&books, saved)
}

pub async fn delete_income(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    edition_id: i64,
    income_id: i64,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    let before = income::Entity::find_by_id(income_id)
        .filter(income::Column::EditionId.eq(edition_id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    income::Entity::delete_by_id(income_id).exec(&txn).await?;
    log(
        &txn,
        actor,
        Change::new("deleted", "budget_income", income_id)
            .edition(edition_id)
            .before(&before),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
