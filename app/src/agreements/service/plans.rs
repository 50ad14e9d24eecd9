//! Committees' action plans: each specialized committee's initiatives for
//! a year, the agreements that serve them, and the working group of an
//! initiative the alliance incubates.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, NotSet, QueryFilter,
    QueryOrder, Set, TransactionSession, TransactionTrait,
};

use super::{Names, log, parties_of};
use crate::agreements::domain::{self, LINE_MAX, NOTE_MAX, TITLE_MAX};
use crate::agreements::entity::{agreement, initiative};
use crate::agreements::types::{GroupMember, InitiativeInput, InitiativeView};
use crate::audit::{Actor, Change};
use crate::db::now;
use crate::error::{AppError, ErrorCode, Validator, validated};
use crate::platform::versioned::{Seen, save_versioned};

/// Members a working group may list.
pub const GROUP_MAX: usize = 100;

/// The initiatives of a committee (or of every committee) for a year,
/// each with the agreements that serve it.
pub async fn plan(
    db: &impl ConnectionTrait,
    committee_id: Option<i64>,
    year: Option<i32>,
) -> Result<Vec<InitiativeView>, AppError> {
    let mut condition = Condition::all();
    if let Some(id) = committee_id {
        condition = condition.add(initiative::Column::CommitteeId.eq(id));
    }
    if let Some(year) = year {
        condition = condition.add(initiative::Column::Year.eq(year));
    }
    let rows = initiative::Entity::find()
        .filter(condition)
        .order_by_asc(initiative::Column::CommitteeId)
        .order_by_desc(initiative::Column::Year)
        .order_by_asc(initiative::Column::Title)
        .all(db)
        .await?;
    let names = Names::load(db).await?;
    let serving = agreement::Entity::find()
        .filter(agreement::Column::InitiativeId.is_in(rows.iter().map(|r| r.id)))
        .order_by_asc(agreement::Column::Title)
        .all(db)
        .await?;
    let ids: Vec<i64> = serving.iter().map(|a| a.id).collect();
    let parties = parties_of(db, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|row| InitiativeView {
            id: row.id,
            committee_id: row.committee_id,
            committee: names.committee(Some(row.committee_id)),
            committee_names: names.committee_names(Some(row.committee_id)),
            year: row.year,
            agreements: serving
                .iter()
                .filter(|a| a.initiative_id == Some(row.id))
                .map(|a| {
                    super::summary(
                        a,
                        parties.get(&a.id).map(Vec::as_slice).unwrap_or(&[]),
                        &names,
                    )
                })
                .collect(),
            members: serde_json::from_str(&row.members).unwrap_or_default(),
            title: row.title,
            description: row.description,
            incubated: row.incubated,
            working_group: row.working_group,
            version: row.version,
        })
        .collect())
}

struct Checked {
    committee_id: i64,
    year: i32,
    title: String,
    description: String,
    working_group: String,
    members: String,
}

async fn check(db: &impl ConnectionTrait, input: &InitiativeInput) -> Result<Checked, AppError> {
    let names = Names::load(db).await?;
    let mut v = Validator::new();
    let committee_id = match input.committee_id {
        Some(id) if names.committees.contains_key(&id) => Some(id),
        Some(_) => {
            v.add("committee_id", ErrorCode::UnknownCommittee);
            None
        }
        None => {
            v.add("committee_id", ErrorCode::Required);
            None
        }
    };
    if !(2000..=2100).contains(&input.year) {
        v.add("year", ErrorCode::YearOutOfRange);
    }
    let title = v.check("title", crate::text::line(&input.title, TITLE_MAX, true));
    let description = v
        .check(
            "description",
            crate::text::paragraph(&input.description, NOTE_MAX, false),
        )
        .unwrap_or_default();
    let working_group = v
        .check(
            "working_group",
            crate::text::line(&input.working_group, LINE_MAX, false),
        )
        .unwrap_or_default();
    if input.members.len() > GROUP_MAX {
        v.add("members", ErrorCode::TooMany);
    }
    let mut members = Vec::new();
    for (i, m) in input.members.iter().take(GROUP_MAX).enumerate() {
        let field = |name: &str| format!("members.{i}.{name}");
        let name = v.check(&field("name"), crate::text::line(&m.name, LINE_MAX, true));
        let organization = v
            .check(
                &field("organization"),
                crate::text::line(&m.organization, LINE_MAX, false),
            )
            .unwrap_or_default();
        let email = v
            .check(&field("email"), domain::optional_email(&m.email))
            .unwrap_or_default();
        members.push(GroupMember {
            name: name.unwrap_or_default(),
            organization,
            email,
        });
    }
    v.finish()?;
    Ok(Checked {
        committee_id: validated(committee_id)?,
        year: input.year,
        title: validated(title)?,
        description,
        working_group,
        members: serde_json::to_string(&members)
            .map_err(|err| AppError::internal(err.to_string()))?,
    })
}

pub async fn create(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    input: InitiativeInput,
) -> Result<InitiativeView, AppError> {
    let c = check(db, &input).await?;
    let txn = db.begin().await?;
    let row = initiative::ActiveModel {
        id: NotSet,
        committee_id: Set(c.committee_id),
        year: Set(c.year),
        title: Set(c.title),
        description: Set(c.description),
        incubated: Set(input.incubated),
        working_group: Set(c.working_group),
        members: Set(c.members),
        version: Set(1),
        updated_at: Set(now()),
    }
    .insert(&txn)
    .await?;
    log(
        &txn,
        actor,
        Change::new("created", "initiative", row.id).after(&row),
    )
    .await?;
    txn.commit().await?;
    one(db, row.id).await
}

pub async fn update(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: i64,
    input: InitiativeInput,
) -> Result<InitiativeView, AppError> {
    let before = initiative::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = check(db, &input).await?;
    let txn = db.begin().await?;
    let mut row: initiative::ActiveModel = before.clone().into();
    row.committee_id = Set(c.committee_id);
    row.year = Set(c.year);
    row.title = Set(c.title);
    row.description = Set(c.description);
    row.incubated = Set(input.incubated);
    row.working_group = Set(c.working_group);
    row.members = Set(c.members);
    row.updated_at = Set(now());
    let seen = Seen {
        id: (initiative::Column::Id, id),
        version: (initiative::Column::Version, input.version),
    };
    let after = save_versioned::<initiative::Entity>(&txn, row, seen).await?;
    log(
        &txn,
        actor,
        Change::new("updated", "initiative", id)
            .before(&before)
            .after(&after),
    )
    .await?;
    txn.commit().await?;
    one(db, id).await
}

async fn one(db: &impl ConnectionTrait, id: i64) -> Result<InitiativeView, AppError> {
    let row = initiative::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    plan(db, Some(row.committee_id), Some(row.year))
        .await?
        .into_iter()
        .find(|i| i.id == id)
        .ok_or(AppError::NotFound)
}
