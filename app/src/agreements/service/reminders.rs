//! Reminders of follow-up activities through the mail outbox: a week
//! before the due date, on it, and once a week while overdue (see
//! `domain::reminder_due`), in the owner's language, never for finished
//! work. Each reminder is a row with a unique key (activity, kind, due
//! date, week): the process whose insert makes the row queues the letter
//! in the same transaction, so with several processes each goes once.

use std::collections::HashSet;

use chrono::{Duration, NaiveDate};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, NotSet, QueryFilter, QueryOrder, QuerySelect, Set,
    TransactionSession, TransactionTrait,
};

use super::Names;
use super::activities::effective_contact;
use crate::agreements::domain::{REMIND_DAYS_BEFORE, reminder_due};
use crate::agreements::entity::{activity, agreement, party, reminder};
use crate::agreements::mail;
use crate::agreements::types::{ActivityStatus, AgreementStatus, ReminderKind};
use crate::auth::links::sign_in_url;
use crate::auth::service::create_sign_in_link;
use crate::db::now;
use crate::error::AppError;
use crate::mail::service::enqueue;

/// Activities read per round trip.
const BATCH: u64 = 500;

/// Queues every reminder due on `today` that has not gone yet; returns
/// how many this call queued.
pub async fn send_due(
    db: &(impl ConnectionTrait + TransactionTrait),
    today: NaiveDate,
    public_url: &str,
) -> Result<u32, AppError> {
    let horizon = today + Duration::days(REMIND_DAYS_BEFORE);
    let mut sent = 0;
    let mut after_id = 0;
    loop {
        // Open activities of agreements being carried out, due within a
        // week or already late; by id, so that a long list is walked once.
        let rows = activity::Entity::find()
            .filter(activity::Column::Id.gt(after_id))
            .filter(activity::Column::Status.is_in([
                ActivityStatus::Planned.as_str(),
                ActivityStatus::InProgress.as_str(),
            ]))
            .filter(activity::Column::DueOn.lte(horizon))
            .filter(
                activity::Column::AgreementId.in_subquery(
                    sea_orm::sea_query::Query::select()
                        .column(agreement::Column::Id)
                        .from(agreement::Entity)
                        .and_where(agreement::Column::Status.is_in([
                            AgreementStatus::Signed.as_str(),
                            AgreementStatus::InImplementation.as_str(),
                        ]))
                        .to_owned(),
                ),
            )
            .order_by_asc(activity::Column::Id)
            .limit(BATCH)
            .all(db)
            .await?;
        let Some(last) = rows.last() else {
            break;
        };
        after_id = last.id;
        // The reminders these already had: most rounds find each one sent
        // and open no transaction for it.
        let sent_before: HashSet<(i64, ReminderKind, NaiveDate, i32)> = reminder::Entity::find()
            .select_only()
            .columns([
                reminder::Column::ActivityId,
                reminder::Column::Kind,
                reminder::Column::DueOn,
                reminder::Column::Sequence,
            ])
            .filter(reminder::Column::ActivityId.is_in(rows.iter().map(|r| r.id)))
            .into_tuple()
            .all(db)
            .await?
            .into_iter()
            .collect();
        for row in rows {
            let already = reminder_due(row.status, row.due_on, today)
                .is_some_and(|(kind, n)| sent_before.contains(&(row.id, kind, row.due_on, n)));
            if !already && send_one(db, &row, today, public_url).await? {
                sent += 1;
            }
        }
    }
    Ok(sent)
}

/// Queues this activity's reminder for `today` unless it went already.
async fn send_one(
    db: &(impl ConnectionTrait + TransactionTrait),
    row: &activity::Model,
    today: NaiveDate,
    public_url: &str,
) -> Result<bool, AppError> {
    if reminder_due(row.status, row.due_on, today).is_none() {
        return Ok(false);
    }
    let txn = db.begin().await?;
    // Read again in the transaction: done a moment ago is done.
    let Some(row) = activity::Entity::find_by_id(row.id).one(&txn).await? else {
        return Ok(false);
    };
    let Some((kind, sequence)) = reminder_due(row.status, row.due_on, today) else {
        return Ok(false);
    };
    let owner = party::Entity::find_by_id(row.owner_party_id)
        .one(&txn)
        .await?;
    let (email, name, language) = effective_contact(&row, owner.as_ref());
    if email.is_empty() {
        // Nobody to remind yet: claimed once a contact is named.
        return Ok(false);
    }
    let claimed = reminder::Entity::insert(reminder::ActiveModel {
        id: NotSet,
        activity_id: Set(row.id),
        kind: Set(kind),
        due_on: Set(row.due_on),
        sequence: Set(sequence),
        created_at: Set(now()),
    })
    .on_conflict(
        OnConflict::columns([
            reminder::Column::ActivityId,
            reminder::Column::Kind,
            reminder::Column::DueOn,
            reminder::Column::Sequence,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    if claimed == 0 {
        // Another process (or an earlier round) sent it.
        return Ok(false);
    }
    let title = agreement::Entity::find_by_id(row.agreement_id)
        .select_only()
        .column(agreement::Column::Title)
        .into_tuple::<String>()
        .one(&txn)
        .await?
        .unwrap_or_default();
    let secret = create_sign_in_link(&txn, &email).await?;
    let to = mail::contact(&email, &name, &language);
    enqueue(
        &txn,
        mail::reminder(
            &to,
            kind,
            &row.title,
            &title,
            row.due_on,
            &sign_in_url(public_url, &secret),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(true)
}

/// Sends a party's contact the link to their agreements' activities.
pub async fn send_contact_link(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &crate::audit::Actor,
    agreement_id: i64,
    party_id: i64,
    public_url: &str,
    throttle: &crate::throttle::Throttle,
) -> Result<(), AppError> {
    use crate::error::ErrorCode;
    let agreement = super::find(db, agreement_id).await?;
    let party = party::Entity::find_by_id(party_id)
        .filter(party::Column::AgreementId.eq(agreement_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if party.contact_email.is_empty() {
        return Err(AppError::field("contact_email", ErrorCode::Required));
    }
    // Like every sign-in letter: a few per mailbox, whoever asks.
    throttle.check_name(
        crate::throttle::Limit::LinkRequestToMailbox,
        &party.contact_email,
    )?;
    let names = Names::load(db).await?;
    let txn = db.begin().await?;
    let secret = create_sign_in_link(&txn, &party.contact_email).await?;
    let to = mail::contact(&party.contact_email, &party.contact_name, &party.language);
    enqueue(
        &txn,
        mail::contact_link(
            &to,
            &names.party(&party).0,
            &agreement.title,
            &sign_in_url(public_url, &secret),
        ),
    )
    .await?;
    super::log(
        &txn,
        actor,
        crate::audit::Change::new("updated", "agreement", agreement_id).after(
            &serde_json::json!({"contact_link_sent_to": party.contact_email, "party_id": party.id}),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
