//! Retention, erasure and a person's own data (server only). Each erasure
//! is one transaction (all of it or nothing) and is itself in the audit
//! log: what kinds of fields and how many, never the values.

use std::collections::HashSet;

use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionSession, TransactionTrait,
};
use serde_json::{Value, json};

use super::domain::{
    self, DEFAULT_KEEP_DAYS, IDENTITY_FIELDS, PERSONAL_FIELDS, check_keep_days, erase_on,
};
use super::entity::retention;
use super::types::{ErasureReport, RetentionInput, RetentionView};
use crate::audit::entity::entry;
use crate::audit::{Actor, Change, record};
use crate::auth::entity::{api_token, session, sign_in_link, user};
use crate::auth::types::Role;
use crate::checkin::entity::{arrival, scan};
use crate::db::now;
use crate::editions::entity::edition;
use crate::editions::service::load_edition;
use crate::error::{AppError, ErrorCode};
use crate::mail::entity::{attachment, message};
use crate::mail::types::MessageStatus;
use crate::programme::entity::agenda_entry;
use crate::registration::entity::{delegation, registration};
use crate::registration::types::RegistrationStatus;

mod person;

pub use person::{ERASED_DOMAIN, ERASED_NAME, erase_person, export_person, request_erasure};

/// Audit entries read and rewritten at a time.
const AUDIT_PAGE: u64 = 500;
/// Most letters and audit entries a person's download lists.
const EXPORT_MAX: u64 = 1_000;

async fn rule(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<Option<retention::Model>, AppError> {
    Ok(retention::Entity::find_by_id(edition_id).one(db).await?)
}

fn view(edition: &edition::Model, rule: Option<&retention::Model>) -> RetentionView {
    let keep_days = rule.map_or(DEFAULT_KEEP_DAYS, |r| r.keep_days);
    RetentionView {
        edition_id: edition.id,
        keep_days,
        erase_on: erase_on(edition.end_date, keep_days),
        erased_at: rule.and_then(|r| r.erased_at),
    }
}

pub async fn retention(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<RetentionView, AppError> {
    let edition = load_edition(db, edition_id).await?.model;
    Ok(view(&edition, rule(db, edition_id).await?.as_ref()))
}

/// Sets how long the edition keeps its people's details. Once they are
/// erased, the period no longer matters (nothing comes back).
pub async fn set_retention(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    edition_id: i64,
    input: RetentionInput,
) -> Result<RetentionView, AppError> {
    let keep_days =
        check_keep_days(input.keep_days).map_err(|code| AppError::field("keep_days", code))?;
    let txn = db.begin().await?;
    let edition = load_edition(&txn, edition_id).await?.model;
    let before = rule(&txn, edition_id).await?;
    let saved = match &before {
        Some(found) => {
            let mut row: retention::ActiveModel = found.clone().into();
            row.keep_days = Set(keep_days);
            row.update(&txn).await?
        }
        None => {
            retention::ActiveModel {
                edition_id: Set(edition_id),
                keep_days: Set(keep_days),
                erased_at: Set(None),
            }
            .insert(&txn)
            .await?
        }
    };
    let shown = |r: &retention::Model| json!({"keep_days": r.keep_days});
    let mut change = Change::new("updated", "retention", edition_id)
        .edition(edition_id)
        .after(&shown(&saved));
    if let Some(before) = &before {
        change = change.before(&shown(before));
    }
    record(&txn, actor, change).await?;
    txn.commit().await?;
    Ok(view(&edition, Some(&saved)))
}

/// Erases the details of every edition whose period ended by `today` and
/// that was not erased yet: one transaction per edition.
pub async fn erase_due(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    today: NaiveDate,
) -> Result<ErasureReport, AppError> {
    let editions = edition::Entity::find()
        .filter(edition::Column::EndDate.lt(today))
        .order_by_asc(edition::Column::Id)
        .all(db)
        .await?;
    let mut report = ErasureReport::default();
    for edition in editions {
        let found = rule(db, edition.id).await?;
        if found.as_ref().is_some_and(|r| r.erased_at.is_some()) {
            continue;
        }
        let keep_days = found.as_ref().map_or(DEFAULT_KEEP_DAYS, |r| r.keep_days);
        if !domain::due(edition.end_date, keep_days, today) {
            continue;
        }
        let done = erase_edition(db, actor, &edition, keep_days).await?;
        if done.editions.is_empty() {
            continue;
        }
        report.editions.push(edition.id);
        report.people += done.people;
        report.scans += done.scans;
        report.letters += done.letters;
        report.audit_entries += done.audit_entries;
    }
    Ok(report)
}

/// Erases one edition's personal details everywhere they are, in one
/// transaction, and says so in the audit log.
async fn erase_edition(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    edition: &edition::Model,
    keep_days: i32,
) -> Result<ErasureReport, AppError> {
    let txn = db.begin().await?;
    // Claimed first: of several processes running the job, one erases
    // (the others wait on the row, then find it taken, or fail on its key
    // and try again tomorrow, when it is done).
    let claimed = if rule(&txn, edition.id).await?.is_some() {
        retention::Entity::update_many()
            .col_expr(retention::Column::ErasedAt, Expr::value(now()))
            .filter(retention::Column::EditionId.eq(edition.id))
            .filter(retention::Column::ErasedAt.is_null())
            .exec(&txn)
            .await?
            .rows_affected
            == 1
    } else {
        retention::ActiveModel {
            edition_id: Set(edition.id),
            keep_days: Set(keep_days),
            erased_at: Set(Some(now())),
        }
        .insert(&txn)
        .await?;
        true
    };
    if !claimed {
        return Ok(ErasureReport::default());
    }
    let people = registration::Entity::update_many()
        .col_expr(registration::Column::Phone, Expr::value(""))
        .col_expr(registration::Column::Dietary, Expr::value(""))
        .col_expr(registration::Column::Access, Expr::value(""))
        .col_expr(
            registration::Column::ArrivalAt,
            Expr::value(Option::<chrono::DateTime<chrono::Utc>>::None),
        )
        .col_expr(
            registration::Column::DepartureAt,
            Expr::value(Option::<chrono::DateTime<chrono::Utc>>::None),
        )
        .filter(registration::Column::EditionId.eq(edition.id))
        .exec(&txn)
        .await?
        .rows_affected;
    let scans = scan::Entity::update_many()
        .col_expr(scan::Column::Staff, Expr::value(""))
        .filter(scan::Column::EditionId.eq(edition.id))
        .filter(scan::Column::Staff.ne(""))
        .exec(&txn)
        .await?
        .rows_affected;
    // Letters to the edition's people written by the end of the day after
    // the Forum, UTC (the next edition's letters to the same person are
    // that edition's, and letters carry no edition).
    let until = (edition.end_date + chrono::Days::new(2))
        .and_time(chrono::NaiveTime::MIN)
        .and_utc();
    let addresses = Query::select()
        .column(registration::Column::Email)
        .from(registration::Entity)
        .and_where(registration::Column::EditionId.eq(edition.id))
        .to_owned();
    let letters = erase_letters(
        &txn,
        Condition::all()
            .add(message::Column::ToAddress.in_subquery(addresses))
            .add(message::Column::CreatedAt.lt(until)),
    )
    .await?;
    let travel = erase_travel(&txn, Travellers::Edition(edition.id)).await?;
    let audit_entries = scrub_audit(
        &txn,
        Condition::all().add(entry::Column::EditionId.eq(edition.id)),
        &PERSONAL_FIELDS,
    )
    .await?
        + travel;
    let done = ErasureReport {
        editions: vec![edition.id],
        people,
        scans,
        letters,
        audit_entries,
    };
    record(
        &txn,
        actor,
        Change::new("erased", "personal_data", edition.id)
            .edition(edition.id)
            .after(&json!({
                "fields": PERSONAL_FIELDS,
                "letters": "bodies and attachments",
                "people": done.people,
                "scans": done.scans,
                "letters_erased": done.letters,
                "audit_entries": done.audit_entries,
                "keep_days": keep_days,
            })),
    )
    .await?;
    txn.commit().await?;
    tracing::info!(
        edition = edition.id,
        people = done.people,
        letters = done.letters,
        audit_entries = done.audit_entries,
        "personal details erased after the retention period"
    );
    Ok(done)
}

/// Empties the bodies and drops the attachments of the letters `which`
/// selects, whatever their state (without SMTP every letter stays in the
/// outbox as its record); how many.
async fn erase_letters(db: &impl ConnectionTrait, which: Condition) -> Result<u64, AppError> {
    let ids: Vec<i64> = message::Entity::find()
        .select_only()
        .column(message::Column::Id)
        .filter(which)
        .into_tuple()
        .all(db)
        .await?;
    let mut erased = 0;
    for chunk in ids.chunks(500) {
        attachment::Entity::delete_many()
            .filter(attachment::Column::MessageId.is_in(chunk.iter().copied()))
            .exec(db)
            .await?;
        erased += message::Entity::update_many()
            .col_expr(message::Column::BodyText, Expr::value(""))
            .col_expr(message::Column::BodyHtml, Expr::value(""))
            .filter(message::Column::Id.is_in(chunk.iter().copied()))
            .exec(db)
            .await?
            .rows_affected;
    }
    Ok(erased)
}

/// Whose travel to erase: everyone of an edition, or one person.
enum Travellers {
    Edition(i64),
    Person(i64),
}

/// Deletes the travel legs and passports of `who` and empties the places
/// and times in their legs' audit entries; how many entries changed.
async fn erase_travel(db: &impl ConnectionTrait, who: Travellers) -> Result<u64, AppError> {
    use crate::logistics::entity::{travel_document, travel_leg};
    let people = |which: Condition| {
        Query::select()
            .column(registration::Column::Id)
            .from(registration::Entity)
            .cond_where(which)
            .to_owned()
    };
    let (people, entries) = match who {
        Travellers::Edition(id) => (
            people(Condition::all().add(registration::Column::EditionId.eq(id))),
            Condition::all().add(entry::Column::EditionId.eq(id)),
        ),
        Travellers::Person(id) => {
            // A person has a few legs: their entries are found by leg.
            let legs: Vec<i64> = travel_leg::Entity::find()
                .select_only()
                .column(travel_leg::Column::Id)
                .filter(travel_leg::Column::RegistrationId.eq(id))
                .into_tuple()
                .all(db)
                .await?;
            (
                people(Condition::all().add(registration::Column::Id.eq(id))),
                Condition::all()
                    .add(entry::Column::RecordId.is_in(legs.iter().map(i64::to_string))),
            )
        }
    };
    travel_leg::Entity::delete_many()
        .filter(travel_leg::Column::RegistrationId.in_subquery(people.clone()))
        .exec(db)
        .await?;
    travel_document::Entity::delete_many()
        .filter(travel_document::Column::RegistrationId.in_subquery(people))
        .exec(db)
        .await?;
    scrub_audit(
        db,
        entries.add(entry::Column::EntityType.eq("travel_leg")),
        &domain::TRAVEL_FIELDS,
    )
    .await
}

/// Empties `fields` inside the before/after records of the audit entries
/// `which` selects, a page at a time; how many entries changed.
async fn scrub_audit(
    db: &impl ConnectionTrait,
    which: Condition,
    fields: &[&str],
) -> Result<u64, AppError> {
    let mut changed = 0;
    let mut after_id = 0;
    loop {
        let page = entry::Entity::find()
            .filter(which.clone())
            .filter(entry::Column::Id.gt(after_id))
            .order_by_asc(entry::Column::Id)
            .limit(AUDIT_PAGE)
            .all(db)
            .await?;
        let Some(last) = page.last() else {
            return Ok(changed);
        };
        after_id = last.id;
        for row in page {
            let before = row
                .before
                .as_deref()
                .and_then(|t| domain::scrubbed_text(t, fields));
            let after = row
                .after
                .as_deref()
                .and_then(|t| domain::scrubbed_text(t, fields));
            if before.is_none() && after.is_none() {
                continue;
            }
            let mut update = entry::ActiveModel {
                id: Set(row.id),
                ..Default::default()
            };
            if let Some(text) = before {
                update.before = Set(Some(text));
            }
            if let Some(text) = after {
                update.after = Set(Some(text));
            }
            update.update(db).await?;
            changed += 1;
        }
    }
}
