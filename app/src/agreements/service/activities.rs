//! Follow-up activities of signed agreements: owner (a party and its
//! contact), due date, status, progress notes with evidence links. The
//! parties' representatives see their agreements' activities and add
//! notes to them; coordinators keep the rest.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    NotSet, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionSession,
    TransactionTrait,
};

use super::{Names, find, log, parties_of};
use crate::agreements::domain::{self, LINE_MAX, NOTE_MAX, TITLE_MAX};
use crate::agreements::entity::{activity, agreement, note, party};
use crate::agreements::types::{ActivityInput, ActivityStatus, ActivityView, NoteInput, NoteView};
use crate::audit::{Actor, Change};
use crate::auth::links::{LetterFuture, LinkLetter};
use crate::db::now;
use crate::error::{AppError, ErrorCode, Validator, validated};
use crate::platform::versioned::{Seen, save_versioned};

/// Activities one agreement may have; notes one activity may have.
pub const ACTIVITIES_PER_AGREEMENT: u64 = 500;
pub const NOTES_PER_ACTIVITY: u64 = 1_000;
/// How far from today a due date may be.
const DUE_YEARS: i64 = 20;

/// Today, by the one clock (UTC days: activities are dated, not timed).
pub fn today() -> NaiveDate {
    now().date_naive()
}

fn note_view(n: note::Model, labels: &HashMap<i64, String>) -> NoteView {
    NoteView {
        id: n.id,
        noted_on: n.noted_on,
        body: n.body,
        evidence_url: n.evidence_url,
        author: n.author.and_then(|id| labels.get(&id).cloned()),
        created_at: n.created_at,
    }
}

/// Views of these activities, their notes and owners' names included.
pub async fn views(
    db: &impl ConnectionTrait,
    rows: Vec<activity::Model>,
    today: NaiveDate,
) -> Result<Vec<ActivityView>, AppError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let names = Names::load(db).await?;
    let agreement_ids: Vec<i64> = rows.iter().map(|a| a.agreement_id).collect();
    let parties: HashMap<i64, party::Model> = parties_of(db, &agreement_ids)
        .await?
        .into_values()
        .flatten()
        .map(|p| (p.id, p))
        .collect();
    let titles: HashMap<i64, String> = agreement::Entity::find()
        .select_only()
        .columns([agreement::Column::Id, agreement::Column::Title])
        .filter(agreement::Column::Id.is_in(agreement_ids))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let notes = note::Entity::find()
        .filter(note::Column::ActivityId.is_in(rows.iter().map(|a| a.id)))
        .order_by_asc(note::Column::NotedOn)
        .order_by_asc(note::Column::Id)
        .all(db)
        .await?;
    // Parties' contacts read these notes too: display names, no staff
    // e-mail addresses.
    let labels =
        crate::auth::service::account_names(db, notes.iter().filter_map(|n| n.author)).await?;
    let mut notes_of: HashMap<i64, Vec<NoteView>> = HashMap::new();
    for n in notes {
        notes_of
            .entry(n.activity_id)
            .or_default()
            .push(note_view(n, &labels));
    }
    Ok(rows
        .into_iter()
        .map(|a| {
            let (contact_email, contact_name, _) =
                effective_contact(&a, parties.get(&a.owner_party_id));
            ActivityView {
                id: a.id,
                agreement_id: a.agreement_id,
                agreement: titles.get(&a.agreement_id).cloned().unwrap_or_default(),
                title: a.title,
                description: a.description,
                owner_party_id: a.owner_party_id,
                owner: parties
                    .get(&a.owner_party_id)
                    .map(|p| names.party(p).0)
                    .unwrap_or_default(),
                contact_name,
                contact_email,
                contact_named: !a.contact_email.is_empty(),
                due_on: a.due_on,
                status: a.status,
                done_on: a.done_on,
                overdue: domain::is_overdue(a.status, a.due_on, today),
                notes: notes_of.remove(&a.id).unwrap_or_default(),
                version: a.version,
                updated_at: a.updated_at,
            }
        })
        .collect())
}

pub async fn list(
    db: &impl ConnectionTrait,
    agreement_id: i64,
) -> Result<Vec<ActivityView>, AppError> {
    find(db, agreement_id).await?;
    let rows = activity::Entity::find()
        .filter(activity::Column::AgreementId.eq(agreement_id))
        .order_by_asc(activity::Column::DueOn)
        .order_by_asc(activity::Column::Id)
        .all(db)
        .await?;
    views(db, rows, today()).await
}

async fn find_activity(
    db: &impl ConnectionTrait,
    agreement_id: i64,
    id: i64,
) -> Result<activity::Model, AppError> {
    activity::Entity::find_by_id(id)
        .filter(activity::Column::AgreementId.eq(agreement_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

struct Checked {
    title: String,
    description: String,
    owner: party::Model,
    contact_name: String,
    contact_email: String,
    due_on: NaiveDate,
    status: ActivityStatus,
}

async fn check(
    db: &impl ConnectionTrait,
    agreement_id: i64,
    input: &ActivityInput,
) -> Result<Checked, AppError> {
    let mut v = Validator::new();
    let title = v.check("title", crate::text::line(&input.title, TITLE_MAX, true));
    let description = v
        .check(
            "description",
            crate::text::paragraph(&input.description, NOTE_MAX, false),
        )
        .unwrap_or_default();
    let parties = parties_of(db, &[agreement_id])
        .await?
        .remove(&agreement_id)
        .unwrap_or_default();
    let owner = match input.owner_party_id {
        None => {
            v.add("owner_party_id", ErrorCode::Required);
            None
        }
        Some(id) => {
            let found = parties.into_iter().find(|p| p.id == id);
            if found.is_none() {
                v.add("owner_party_id", ErrorCode::UnknownParty);
            }
            found
        }
    };
    let contact_name = v
        .check(
            "contact_name",
            crate::text::line(&input.contact_name, LINE_MAX, false),
        )
        .unwrap_or_default();
    let contact_email = v
        .check(
            "contact_email",
            domain::optional_email(&input.contact_email),
        )
        .unwrap_or_default();
    let today = today();
    let due_on = v.check(
        "due_on",
        crate::editions::domain::parse_optional_date(&input.due_on).and_then(|day| match day {
            None => Err(ErrorCode::Required),
            Some(day) if (day - today).num_days().abs() > DUE_YEARS * 366 => {
                Err(ErrorCode::DateOutOfRange)
            }
            Some(day) => Ok(day),
        }),
    );
    v.finish()?;
    let owner = validated(owner)?;
    Ok(Checked {
        title: validated(title)?,
        description,
        owner,
        contact_name,
        contact_email,
        due_on: validated(due_on)?,
        status: input.status.unwrap_or(ActivityStatus::Planned),
    })
}

/// Who answers for an activity: its own contact when one is named, else
/// its owner party's contact as it is now (so a party's new contact gets
/// its reminders). (e-mail, name, language)
pub fn effective_contact(
    activity: &activity::Model,
    owner: Option<&party::Model>,
) -> (String, String, String) {
    let language = owner
        .map(|p| p.language.clone())
        .unwrap_or_else(|| "en".to_owned());
    if !activity.contact_email.is_empty() {
        return (
            activity.contact_email.clone(),
            activity.contact_name.clone(),
            language,
        );
    }
    match owner {
        Some(p) => (p.contact_email.clone(), p.contact_name.clone(), language),
        None => (String::new(), String::new(), language),
    }
}

/// The day an activity was done: kept while it stays done, today when
/// it becomes done, none when it is reopened.
fn done_on(before: Option<&activity::Model>, status: ActivityStatus) -> Option<NaiveDate> {
    match (status, before) {
        (ActivityStatus::Done, Some(b)) if b.status == ActivityStatus::Done => b.done_on,
        (ActivityStatus::Done, _) => Some(today()),
        _ => None,
    }
}

pub async fn create(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    agreement_id: i64,
    input: ActivityInput,
) -> Result<ActivityView, AppError> {
    let agreement = find(db, agreement_id).await?;
    if !domain::takes_activities(agreement.status) {
        return Err(AppError::Conflict(ErrorCode::NotSignedYet));
    }
    let checked = check(db, agreement_id, &input).await?;
    let count = activity::Entity::find()
        .filter(activity::Column::AgreementId.eq(agreement_id))
        .count(db)
        .await?;
    if count >= ACTIVITIES_PER_AGREEMENT {
        return Err(AppError::field("title", ErrorCode::TooMany));
    }
    let at = now();
    let txn = db.begin().await?;
    let row = activity::ActiveModel {
        id: NotSet,
        agreement_id: Set(agreement_id),
        title: Set(checked.title),
        description: Set(checked.description),
        owner_party_id: Set(checked.owner.id),
        contact_name: Set(checked.contact_name),
        contact_email: Set(checked.contact_email),
        due_on: Set(checked.due_on),
        status: Set(checked.status),
        done_on: Set(done_on(None, checked.status)),
        version: Set(1),
        created_at: Set(at),
        updated_at: Set(at),
    }
    .insert(&txn)
    .await?;
    log(
        &txn,
        actor,
        Change::new("created", "activity", row.id).after(&row),
    )
    .await?;
    txn.commit().await?;
    one(db, row).await
}

async fn one(db: &impl ConnectionTrait, row: activity::Model) -> Result<ActivityView, AppError> {
    views(db, vec![row], today())
        .await?
        .pop()
        .ok_or(AppError::Internal)
}

pub async fn get(
    db: &impl ConnectionTrait,
    agreement_id: i64,
    id: i64,
) -> Result<ActivityView, AppError> {
    one(db, find_activity(db, agreement_id, id).await?).await
}

pub async fn update(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    agreement_id: i64,
    id: i64,
    input: ActivityInput,
) -> Result<ActivityView, AppError> {
    let before = find_activity(db, agreement_id, id).await?;
    let checked = check(db, agreement_id, &input).await?;
    let txn = db.begin().await?;
    let mut row: activity::ActiveModel = before.clone().into();
    row.title = Set(checked.title);
    row.description = Set(checked.description);
    row.owner_party_id = Set(checked.owner.id);
    row.contact_name = Set(checked.contact_name);
    row.contact_email = Set(checked.contact_email);
    row.due_on = Set(checked.due_on);
    row.status = Set(checked.status);
    row.done_on = Set(done_on(Some(&before), checked.status));
    row.updated_at = Set(now());
    let seen = Seen {
        id: (activity::Column::Id, id),
        version: (activity::Column::Version, input.version),
    };
    let after = save_versioned::<activity::Entity>(&txn, row, seen).await?;
    log(
        &txn,
        actor,
        Change::new("updated", "activity", id)
            .before(&before)
            .after(&after),
    )
    .await?;
    txn.commit().await?;
    one(db, after).await
}

/// Adds a progress note (dated today), and moves the activity when the
/// note says so.
pub async fn add_note(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    agreement_id: i64,
    id: i64,
    input: NoteInput,
) -> Result<ActivityView, AppError> {
    let before = find_activity(db, agreement_id, id).await?;
    let mut v = Validator::new();
    let body = v.check("body", crate::text::paragraph(&input.body, NOTE_MAX, true));
    let evidence = v
        .check("evidence_url", domain::evidence_url(&input.evidence_url))
        .unwrap_or_default();
    v.finish()?;
    let count = note::Entity::find()
        .filter(note::Column::ActivityId.eq(id))
        .count(db)
        .await?;
    if count >= NOTES_PER_ACTIVITY {
        return Err(AppError::field("body", ErrorCode::TooMany));
    }
    let txn = db.begin().await?;
    let row = note::ActiveModel {
        id: NotSet,
        activity_id: Set(id),
        noted_on: Set(today()),
        body: Set(validated(body)?),
        evidence_url: Set(evidence),
        author: Set(actor.user_id),
        created_at: Set(now()),
    }
    .insert(&txn)
    .await?;
    log(
        &txn,
        actor,
        Change::new("created", "activity_note", row.id).after(&row),
    )
    .await?;
    let mut after = before.clone();
    if let Some(status) = input.status.filter(|s| *s != before.status) {
        // Only from the state read: a coordinator's change meanwhile is
        // not undone by a note written before it.
        let row = activity::ActiveModel {
            status: Set(status),
            done_on: Set(done_on(Some(&before), status)),
            updated_at: Set(now()),
            ..Default::default()
        };
        let seen = Seen {
            id: (activity::Column::Id, id),
            version: (activity::Column::Version, before.version),
        };
        after = save_versioned::<activity::Entity>(&txn, row, seen).await?;
        log(
            &txn,
            actor,
            Change::new("updated", "activity", id)
                .before(&before)
                .after(&after),
        )
        .await?;
    }
    txn.commit().await?;
    one(db, after).await
}

/// Whose activities are these: the agreements where `email` is a
/// party's contact, and the activities it is the contact of.
fn own_condition(email: &str) -> Condition {
    Condition::any()
        .add(activity::Column::ContactEmail.eq(email))
        .add(
            activity::Column::AgreementId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(party::Column::AgreementId)
                    .from(party::Entity)
                    .and_where(party::Column::ContactEmail.eq(email))
                    .to_owned(),
            ),
        )
}

/// The activities a party's representative sees (at most 500, the most
/// pressing first).
pub async fn own(db: &impl ConnectionTrait, email: &str) -> Result<Vec<ActivityView>, AppError> {
    let email = email.trim().to_lowercase();
    if email.is_empty() {
        return Ok(Vec::new());
    }
    let rows = activity::Entity::find()
        .filter(own_condition(&email))
        .order_by_asc(activity::Column::DueOn)
        .limit(500)
        .all(db)
        .await?;
    views(db, rows, today()).await
}

/// The agreements' answer to who may sign in by a link (see
/// `auth::links`): anyone's contact, a party's or an activity's.
pub fn link_letter<'a>(db: &'a DatabaseConnection, email: &'a str) -> LetterFuture<'a> {
    Box::pin(async move {
        let party = party::Entity::find()
            .filter(party::Column::ContactEmail.eq(email))
            .one(db)
            .await?;
        let contact = party.is_some()
            || activity::Entity::find()
                .filter(activity::Column::ContactEmail.eq(email))
                .one(db)
                .await?
                .is_some();
        let email = email.to_owned();
        Ok(contact.then(|| {
            Box::new(move |link: &str| crate::agreements::mail::own_link(&email, link))
                as LinkLetter
        }))
    })
}

/// A representative's progress note on one of their activities; someone
/// else's is `NotFound` (it does not say that it exists).
pub async fn add_own_note(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    email: &str,
    id: i64,
    input: NoteInput,
) -> Result<ActivityView, AppError> {
    let email = email.trim().to_lowercase();
    let row = activity::Entity::find_by_id(id)
        .filter(own_condition(&email))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    // A representative reports progress or that it is done; planning and
    // cancelling are the coordinators', and closed work stays closed.
    if matches!(
        input.status,
        Some(ActivityStatus::Planned | ActivityStatus::Cancelled)
    ) {
        return Err(AppError::field("status", ErrorCode::UnknownStatus));
    }
    let agreement = find(db, row.agreement_id).await?;
    if row.status == ActivityStatus::Cancelled || !domain::takes_activities(agreement.status) {
        return Err(AppError::Conflict(ErrorCode::ActivityClosed));
    }
    // Done is done for a contact: only coordinators reopen finished work
    // (reopening would also drop the day it was done on).
    if row.status == ActivityStatus::Done && input.status.is_some_and(|s| s != ActivityStatus::Done)
    {
        return Err(AppError::Conflict(ErrorCode::ActivityClosed));
    }
    add_note(db, actor, row.agreement_id, id, input).await
}
