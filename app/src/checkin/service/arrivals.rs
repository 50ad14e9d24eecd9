//! Who arrived: undoing a check-in, attendance, the summaries.

use std::collections::{BTreeMap, HashMap};

use chrono::{DurationRound, TimeDelta};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};

use super::people::{RosterRow, delegation_label, lists, roster_query};
use super::{DeviceRef, list_devices};
use crate::audit::{Change, record};
use crate::checkin::domain;
use crate::checkin::entity::{arrival, device, scan};
use crate::checkin::types::*;
use crate::db::now;
use crate::editions::service::load_edition;
use crate::error::{AppError, ErrorCode};
use crate::registration::entity::registration;
use crate::registration::types::RegistrationStatus;

/// Undoes a check-in (a supervisor, with a reason): the scan is kept,
/// marked undone, and the person leaves the list (their next scan is
/// green again). Called through `Hub::undo`, which tells live pages.
pub async fn undo(
    db: &DatabaseConnection,
    device: &DeviceRef,
    client_id: &str,
    reason: &str,
) -> Result<(), AppError> {
    device.supervise()?;
    domain::check_client_id(client_id).map_err(|code| AppError::field("client_id", code))?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::field("reason", ErrorCode::Required));
    }
    if reason.chars().count() > domain::REASON_MAX {
        return Err(AppError::field("reason", ErrorCode::TooLong));
    }
    let txn = db.begin().await?;
    let row = scan::Entity::find()
        .filter(scan::Column::EditionId.eq(device.edition_id))
        .filter(scan::Column::ClientId.eq(client_id))
        .order_by_desc(scan::Column::Counted)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if row.undone_at.is_some() {
        return Ok(());
    }
    if row.counted
        && let Some(registration_id) = row.registration_id
    {
        arrival::Entity::delete_many()
            .filter(arrival::Column::EditionId.eq(row.edition_id))
            .filter(arrival::Column::ListKey.eq(row.list_key.clone()))
            .filter(arrival::Column::RegistrationId.eq(registration_id))
            .filter(arrival::Column::DeviceId.eq(row.device_id))
            .filter(arrival::Column::ClientId.eq(row.client_id.clone()))
            .exec(&txn)
            .await?;
    }
    let id = row.id;
    let list = row.list_key.clone();
    let registration_id = row.registration_id;
    let mut active = row.into_active_model();
    active.undone_at = Set(Some(now()));
    active.undo_reason = Set(Some(reason.to_owned()));
    active.update(&txn).await?;
    record(
        &txn,
        &device.actor(),
        Change::new("undo", "checkin_scan", id)
            .edition(device.edition_id)
            .after(&serde_json::json!({
                "list": list,
                "registration_id": registration_id,
                "reason": reason,
            })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

fn tallies(counts: BTreeMap<String, u32>) -> Vec<Tally> {
    let mut list: Vec<Tally> = counts
        .into_iter()
        .map(|(label, people)| Tally { label, people })
        .collect();
    list.sort_by(|a, b| b.people.cmp(&a.people).then_with(|| a.label.cmp(&b.label)));
    list
}

/// Who has arrived, distinct people per list, and the Forum's entry by
/// category, delegation, member and hour.
pub async fn attendance(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<Attendance, AppError> {
    let edition = load_edition(db, edition_id).await?;
    let lists = lists(db, edition_id).await?;
    let per_list: Vec<(String, i64)> = arrival::Entity::find()
        .select_only()
        .column(arrival::Column::ListKey)
        .column_as(arrival::Column::RegistrationId.count(), "people")
        .filter(arrival::Column::EditionId.eq(edition_id))
        .group_by(arrival::Column::ListKey)
        .into_tuple()
        .all(db)
        .await?;
    let per_list: HashMap<String, u32> = per_list
        .into_iter()
        .map(|(key, n)| (key, u32::try_from(n).unwrap_or(u32::MAX)))
        .collect();
    // The entry's arrivals with who they are: one row per person.
    let entry: Vec<(i64, chrono::DateTime<chrono::Utc>)> = arrival::Entity::find()
        .select_only()
        .column(arrival::Column::RegistrationId)
        .column(arrival::Column::ArrivedAt)
        .filter(arrival::Column::EditionId.eq(edition_id))
        .filter(arrival::Column::ListKey.eq(ListKey::Entry.to_string()))
        .into_tuple()
        .all(db)
        .await?;
    let people: HashMap<i64, RosterRow> = roster_query()
        .filter(registration::Column::EditionId.eq(edition_id))
        .filter(registration::Column::Id.is_in(entry.iter().map(|(id, _)| *id)))
        .into_model::<RosterRow>()
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let mut by_category = BTreeMap::new();
    let mut by_delegation = BTreeMap::new();
    let mut by_member = BTreeMap::new();
    // By the host city's hour: what the organizers in the hall read.
    let mut by_hour: BTreeMap<chrono::NaiveDateTime, (chrono::DateTime<chrono::Utc>, u32)> =
        BTreeMap::new();
    for (id, at) in &entry {
        if let Some(row) = people.get(id) {
            *by_category
                .entry(row.category.as_str().to_owned())
                .or_insert(0) += 1;
            let label = delegation_label(row).unwrap_or_else(|| "No delegation".to_owned());
            *by_delegation.entry(label).or_insert(0) += 1;
            *by_member
                .entry(
                    row.member_name
                        .clone()
                        .unwrap_or_else(|| "No member".to_owned()),
                )
                .or_insert(0) += 1;
        }
        let exact = edition.clock.to_local(*at);
        let hour = exact.duration_trunc(TimeDelta::hours(1)).unwrap_or(exact);
        by_hour.entry(hour).or_insert((*at - (exact - hour), 0)).1 += 1;
    }
    Ok(Attendance {
        edition_id,
        generated_at: now(),
        approved: approved(db, edition_id).await?,
        arrived: per_list.get("entry").copied().unwrap_or(0),
        lists: lists
            .into_iter()
            .map(|l| ListTally {
                people: per_list.get(&l.key.to_string()).copied().unwrap_or(0),
                key: l.key,
                title: l.title,
                places: l.places,
                invitation_only: l.invitation_only,
            })
            .collect(),
        by_category: tallies(by_category),
        by_delegation: tallies(by_delegation),
        by_member: tallies(by_member),
        by_hour: by_hour
            .into_iter()
            .map(|(local, (hour, people))| HourTally {
                local,
                hour,
                people,
            })
            .collect(),
        flagged: flagged(db, edition_id).await?,
    })
}

/// A count as the pages show it.
fn count(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The edition's approved people: who could arrive.
async fn approved(db: &impl ConnectionTrait, edition_id: i64) -> Result<u32, AppError> {
    Ok(count(
        registration::Entity::find()
            .filter(registration::Column::EditionId.eq(edition_id))
            .filter(registration::Column::Status.eq(RegistrationStatus::Approved))
            .count(db)
            .await?,
    ))
}

/// Scans let in offline that the server refused.
async fn flagged(db: &impl ConnectionTrait, edition_id: i64) -> Result<u32, AppError> {
    Ok(count(
        scan::Entity::find()
            .filter(scan::Column::EditionId.eq(edition_id))
            .filter(scan::Column::Flagged.eq(true))
            .count(db)
            .await?,
    ))
}

/// The organizers' page: devices and arrivals.
pub async fn overview(
    db: &impl ConnectionTrait,
    edition_id: i64,
    manage_devices: bool,
) -> Result<CheckinOverview, AppError> {
    Ok(CheckinOverview {
        devices: if manage_devices {
            list_devices(db, edition_id).await?
        } else {
            Vec::new()
        },
        attendance: attendance(db, edition_id).await?,
        manage_devices,
    })
}

/// Check-in at a glance: arrived of approved, devices at work, flagged
/// scans, in four counts.
pub async fn checkin_summary(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<CheckinSummary, AppError> {
    Ok(CheckinSummary {
        arrived: count(
            arrival::Entity::find()
                .filter(arrival::Column::EditionId.eq(edition_id))
                .filter(arrival::Column::ListKey.eq(ListKey::Entry.to_string()))
                .count(db)
                .await?,
        ),
        approved: approved(db, edition_id).await?,
        devices: count(
            device::Entity::find()
                .filter(device::Column::EditionId.eq(edition_id))
                .filter(device::Column::PairedAt.is_not_null())
                .filter(device::Column::RevokedAt.is_null())
                .count(db)
                .await?,
        ),
        flagged: flagged(db, edition_id).await?,
    })
}
