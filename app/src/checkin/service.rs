//! Check-in in the database (server only): devices and their pairing,
//! who a tablet needs to know, search, undo, attendance. Scans go
//! through `super::hub`, which writes them in groups.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DurationRound, TimeDelta};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    FromQueryResult, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    TransactionTrait,
};

use super::domain::{self, PAIRING_ALPHABET, PAIRING_LEN, PAIRING_MINUTES, TOKEN_PREFIX};
use super::entity::{arrival, device, scan};
use super::types::*;
use crate::audit::{Actor, Change, record};
use crate::auth::service::{random_secret, readable_code, secret_hash};
use crate::badges::service::revocations;
use crate::credentials::entity::badge_key;
use crate::db::now;
use crate::directory::entity::member;
use crate::directory::service::search_key;
use crate::editions::service::load_edition;
use crate::editions::types::EditionStatus;
use crate::error::{AppError, ErrorCode};
use crate::programme::entity::{agenda_entry, session, session_person, session_text};
use crate::programme::types::SessionStatus;
use crate::registration::entity::{delegation, registration};
use crate::registration::types::RegistrationStatus;

/// The device behind a request, as the hub authenticated it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceRef {
    pub id: i64,
    pub edition_id: i64,
    pub name: String,
    pub supervisor: bool,
}

impl DeviceRef {
    /// 403 unless the device is a supervisor's.
    pub fn supervise(&self) -> Result<(), AppError> {
        if self.supervisor {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Who the audit log names for what the device did.
    pub fn actor(&self, staff: &str) -> Actor {
        let staff = domain::staff_name(staff);
        Actor::system(&if staff.is_empty() {
            format!("device {} ({})", self.id, self.name)
        } else {
            format!("device {} ({}), {staff}", self.id, self.name)
        })
    }
}

impl From<&device::Model> for DeviceRef {
    fn from(m: &device::Model) -> DeviceRef {
        DeviceRef {
            id: m.id,
            edition_id: m.edition_id,
            name: m.name.clone(),
            supervisor: m.supervisor,
        }
    }
}

fn device_view(m: device::Model, scans: u32) -> DeviceView {
    DeviceView {
        id: m.id,
        edition_id: m.edition_id,
        name: m.name,
        supervisor: m.supervisor,
        created_at: m.created_at,
        paired_at: m.paired_at,
        last_seen_at: m.last_seen_at,
        revoked_at: m.revoked_at,
        scans,
    }
}

async fn scans_per_device(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<HashMap<i64, u32>, AppError> {
    let rows: Vec<(i64, i64)> = scan::Entity::find()
        .select_only()
        .column(scan::Column::DeviceId)
        .column_as(scan::Column::Id.count(), "scans")
        .filter(scan::Column::EditionId.eq(edition_id))
        .group_by(scan::Column::DeviceId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, n)| (id, u32::try_from(n).unwrap_or(u32::MAX)))
        .collect())
}

/// An edition's devices, newest first.
pub async fn list_devices(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<Vec<DeviceView>, AppError> {
    load_edition(db, edition_id).await?;
    let scans = scans_per_device(db, edition_id).await?;
    Ok(device::Entity::find()
        .filter(device::Column::EditionId.eq(edition_id))
        .order_by_desc(device::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| {
            let n = scans.get(&m.id).copied().unwrap_or(0);
            device_view(m, n)
        })
        .collect())
}

async fn load_device(
    db: &impl ConnectionTrait,
    edition_id: i64,
    id: i64,
) -> Result<device::Model, AppError> {
    device::Entity::find_by_id(id)
        .filter(device::Column::EditionId.eq(edition_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// A fresh pairing code for a device: only its hash is kept.
fn pairing(device: device::Model, code: &str, public_url: &str) -> Result<Pairing, AppError> {
    let url = format!("{public_url}/checkin#pair={code}");
    let expires_at = device.pairing_expires_at.unwrap_or_else(now);
    let qr_svg = crate::credentials::qr::Matrix::new(&url)
        .map(|m| m.svg())
        .unwrap_or_default();
    Ok(Pairing {
        device: device_view(device, 0),
        code: code.to_owned(),
        url,
        expires_at,
        qr_svg,
    })
}

fn check_name(name: &str) -> Result<String, AppError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::field("name", ErrorCode::Required));
    }
    if name.chars().count() > 80 || name.chars().any(char::is_control) {
        return Err(AppError::field("name", ErrorCode::TooLong));
    }
    Ok(name.to_owned())
}

/// Registers a tablet ("North door 2") and gives its first pairing code.
pub async fn register_device(
    db: &DatabaseConnection,
    actor: &Actor,
    edition_id: i64,
    new: NewDevice,
    public_url: &str,
) -> Result<Pairing, AppError> {
    let name = check_name(&new.name)?;
    let edition = load_edition(db, edition_id).await?;
    if edition.model.status == EditionStatus::Closed {
        return Err(AppError::Conflict(ErrorCode::EditionClosed));
    }
    let code = readable_code(PAIRING_ALPHABET, PAIRING_LEN);
    let at = now();
    let txn = db.begin().await?;
    let row = device::ActiveModel {
        edition_id: Set(edition_id),
        name: Set(name),
        supervisor: Set(new.supervisor),
        token_hash: Set(None),
        pairing_hash: Set(Some(secret_hash(&code))),
        pairing_expires_at: Set(Some(at + TimeDelta::minutes(PAIRING_MINUTES))),
        created_by: Set(actor.user_id),
        created_at: Set(at),
        paired_at: Set(None),
        last_seen_at: Set(None),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let view = device_view(row.clone(), 0);
    record(
        &txn,
        actor,
        Change::new("register", "checkin_device", row.id)
            .edition(edition_id)
            .after(&view),
    )
    .await?;
    txn.commit().await?;
    pairing(row, &code, public_url)
}

/// A new pairing code for a device (the tablet was reset, or the code
/// expired); a device paired before keeps working until revoked.
pub async fn new_pairing(
    db: &DatabaseConnection,
    actor: &Actor,
    edition_id: i64,
    device_id: i64,
    public_url: &str,
) -> Result<Pairing, AppError> {
    let row = load_device(db, edition_id, device_id).await?;
    if row.revoked_at.is_some() {
        return Err(AppError::Conflict(ErrorCode::DeviceRevoked));
    }
    let code = readable_code(PAIRING_ALPHABET, PAIRING_LEN);
    let txn = db.begin().await?;
    let mut active = row.into_active_model();
    active.pairing_hash = Set(Some(secret_hash(&code)));
    active.pairing_expires_at = Set(Some(now() + TimeDelta::minutes(PAIRING_MINUTES)));
    let row = active.update(&txn).await?;
    record(
        &txn,
        actor,
        Change::new("new_pairing", "checkin_device", row.id).edition(edition_id),
    )
    .await?;
    txn.commit().await?;
    pairing(row, &code, public_url)
}

/// Revokes a device: its next request is refused and the tablet wipes
/// what it holds.
pub async fn revoke_device(
    db: &DatabaseConnection,
    actor: &Actor,
    edition_id: i64,
    device_id: i64,
) -> Result<DeviceView, AppError> {
    let txn = db.begin().await?;
    let row = load_device(&txn, edition_id, device_id).await?;
    let before = device_view(row.clone(), 0);
    let row = if row.revoked_at.is_some() {
        row
    } else {
        let mut active = row.into_active_model();
        active.revoked_at = Set(Some(now()));
        active.pairing_hash = Set(None);
        active.update(&txn).await?
    };
    let view = device_view(row, 0);
    record(
        &txn,
        actor,
        Change::new("revoke", "checkin_device", device_id)
            .edition(edition_id)
            .before(&before)
            .after(&view),
    )
    .await?;
    txn.commit().await?;
    Ok(view)
}

fn brief(edition: &crate::editions::entity::edition::Model) -> EditionBrief {
    EditionBrief {
        id: edition.id,
        name: edition.title.clone(),
        status: edition.status,
    }
}

/// A tablet pairs itself with a code: it gets a token (shown once; only
/// its hash is kept) and the code is used up.
pub async fn pair(db: &DatabaseConnection, code: &str) -> Result<Paired, AppError> {
    let invalid = || AppError::field("code", ErrorCode::PairingCodeInvalid);
    let code = domain::normalize_pairing_code(code).ok_or_else(invalid)?;
    let txn = db.begin().await?;
    let row = device::Entity::find()
        .filter(device::Column::PairingHash.eq(secret_hash(&code)))
        .one(&txn)
        .await?
        .filter(|d| d.revoked_at.is_none() && d.pairing_expires_at.is_some_and(|at| at > now()))
        .ok_or_else(invalid)?;
    let edition = load_edition(&txn, row.edition_id).await?;
    let token = format!("{TOKEN_PREFIX}{}", random_secret());
    let mut active = row.into_active_model();
    active.token_hash = Set(Some(secret_hash(&token)));
    active.pairing_hash = Set(None);
    active.pairing_expires_at = Set(None);
    active.paired_at = Set(Some(now()));
    let row = active.update(&txn).await?;
    record(
        &txn,
        &DeviceRef::from(&row).actor(""),
        Change::new("pair", "checkin_device", row.id).edition(row.edition_id),
    )
    .await?;
    txn.commit().await?;
    Ok(Paired {
        token,
        device: device_view(row, 0),
        edition: brief(&edition.model),
    })
}

/// The device a token belongs to, revoked or not.
pub async fn device_of_token(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<device::Model>, AppError> {
    if !token.starts_with(TOKEN_PREFIX) || token.len() > 100 {
        return Ok(None);
    }
    Ok(device::Entity::find()
        .filter(device::Column::TokenHash.eq(secret_hash(token)))
        .one(db)
        .await?)
}

/// Notes that a device was in touch (for the organizers' page).
pub async fn seen(db: &impl ConnectionTrait, device_id: i64) -> Result<(), AppError> {
    device::Entity::update_many()
        .col_expr(device::Column::LastSeenAt, Expr::value(now()))
        .filter(device::Column::Id.eq(device_id))
        .exec(db)
        .await?;
    Ok(())
}

/// The edition's sessions as lists, after the Forum's entry.
pub async fn lists(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<Vec<CheckinList>, AppError> {
    let sessions = session::Entity::find()
        .filter(session::Column::EditionId.eq(edition_id))
        .filter(session::Column::Status.ne(SessionStatus::Cancelled))
        .order_by_asc(session::Column::StartsAt)
        .order_by_asc(session::Column::Id)
        .all(db)
        .await?;
    let titles = session_titles(db, sessions.iter().map(|s| s.id)).await?;
    let mut lists = vec![CheckinList {
        key: ListKey::Entry,
        session_id: None,
        title: "Forum entry".to_owned(),
        starts_at: None,
        ends_at: None,
        invitation_only: false,
        places: None,
    }];
    lists.extend(sessions.into_iter().map(|s| {
        CheckinList {
            key: ListKey::Session(s.id),
            session_id: Some(s.id),
            title: titles
                .get(&s.id)
                .cloned()
                .unwrap_or_else(|| format!("Session {}", s.id)),
            starts_at: Some(s.starts_at),
            ends_at: Some(s.ends_at),
            invitation_only: s.invitation_only,
            places: s.capacity,
        }
    }));
    Ok(lists)
}

/// Sessions' titles, English first.
async fn session_titles(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, String>, AppError> {
    let ids: Vec<i64> = ids.into_iter().collect();
    let mut titles = HashMap::new();
    for text in session_text::Entity::find()
        .filter(session_text::Column::SessionId.is_in(ids))
        .all(db)
        .await?
    {
        if text.lang == "en" || !titles.contains_key(&text.session_id) {
            titles.insert(text.session_id, text.title);
        }
    }
    Ok(titles)
}

/// A registration with its delegation's member name, read in one query.
#[derive(Debug, Clone, FromQueryResult)]
pub struct RosterRow {
    pub id: i64,
    pub edition_id: i64,
    pub delegation_id: Option<i64>,
    pub name_native: String,
    pub name_latin: String,
    pub category: crate::registration::types::Category,
    pub status: RegistrationStatus,
    pub badge_version: i32,
    pub member_name: Option<String>,
}

fn roster_query() -> sea_orm::Select<registration::Entity> {
    registration::Entity::find()
        .select_only()
        .columns([
            registration::Column::Id,
            registration::Column::EditionId,
            registration::Column::DelegationId,
            registration::Column::NameNative,
            registration::Column::NameLatin,
            registration::Column::Category,
            registration::Column::Status,
            registration::Column::BadgeVersion,
        ])
        .column_as(member::Column::NameLatin, "member_name")
        .join(
            sea_orm::JoinType::LeftJoin,
            registration::Entity::belongs_to(delegation::Entity)
                .from(registration::Column::DelegationId)
                .to(delegation::Column::Id)
                .into(),
        )
        .join(
            sea_orm::JoinType::LeftJoin,
            delegation::Entity::belongs_to(member::Entity)
                .from(delegation::Column::MemberId)
                .to(member::Column::Id)
                .into(),
        )
}

/// One registration as check-in shows it, or `None`.
pub async fn roster_row(
    db: &impl ConnectionTrait,
    registration_id: i64,
) -> Result<Option<RosterRow>, AppError> {
    Ok(roster_query()
        .filter(registration::Column::Id.eq(registration_id))
        .into_model::<RosterRow>()
        .one(db)
        .await?)
}

/// The person a roster row shows, with the sessions they have a place in.
pub fn person(row: &RosterRow, sessions: Vec<i64>) -> Person {
    Person {
        registration_id: row.id,
        version: row.badge_version,
        name_native: row.name_native.clone(),
        name_latin: row.name_latin.clone(),
        category: row.category,
        member_name: row.member_name.clone(),
        delegation: row
            .member_name
            .clone()
            .or_else(|| row.delegation_id.map(|id| format!("Delegation {id}"))),
        sessions,
    }
}

/// Every registration of the edition, whatever its status.
pub async fn roster_rows(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<Vec<RosterRow>, AppError> {
    Ok(roster_query()
        .filter(registration::Column::EditionId.eq(edition_id))
        .into_model::<RosterRow>()
        .all(db)
        .await?)
}

/// Who has a place in these sessions, as (registration, session): they
/// booked it, or speak or moderate there.
pub async fn places(
    db: &impl ConnectionTrait,
    session_ids: Vec<i64>,
) -> Result<HashSet<(i64, i64)>, AppError> {
    let mut places: HashSet<(i64, i64)> = agenda_entry::Entity::find()
        .filter(agenda_entry::Column::SessionId.is_in(session_ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.registration_id, e.session_id))
        .collect();
    places.extend(
        session_person::Entity::find()
            .filter(session_person::Column::SessionId.is_in(session_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|p| (p.registration_id, p.session_id)),
    );
    Ok(places)
}

/// Every approved person of the edition, with their places, by Latin name.
pub async fn roster(db: &impl ConnectionTrait, edition_id: i64) -> Result<Vec<Person>, AppError> {
    let rows = roster_query()
        .filter(registration::Column::EditionId.eq(edition_id))
        .filter(registration::Column::Status.eq(RegistrationStatus::Approved))
        .order_by_asc(registration::Column::NameLatin)
        .order_by_asc(registration::Column::Id)
        .into_model::<RosterRow>()
        .all(db)
        .await?;
    let session_ids: Vec<i64> = session::Entity::find()
        .select_only()
        .column(session::Column::Id)
        .filter(session::Column::EditionId.eq(edition_id))
        .into_tuple()
        .all(db)
        .await?;
    let mut by_person: HashMap<i64, Vec<i64>> = HashMap::new();
    for (registration_id, session_id) in places(db, session_ids).await? {
        by_person
            .entry(registration_id)
            .or_default()
            .push(session_id);
    }
    Ok(rows
        .iter()
        .map(|row| {
            let mut sessions = by_person.remove(&row.id).unwrap_or_default();
            sessions.sort_unstable();
            person(row, sessions)
        })
        .collect())
}

async fn device_names(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, String>, AppError> {
    let ids: Vec<i64> = ids
        .into_iter()
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    Ok(device::Entity::find()
        .filter(device::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.id, d.name))
        .collect())
}

/// Everyone counted on the edition's lists.
pub async fn arrivals(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<Vec<Arrival>, AppError> {
    let rows = arrival::Entity::find()
        .filter(arrival::Column::EditionId.eq(edition_id))
        .all(db)
        .await?;
    let names = device_names(db, rows.iter().map(|a| a.device_id)).await?;
    Ok(rows
        .into_iter()
        .filter_map(|a| {
            Some(Arrival {
                list: ListKey::parse(&a.list_key).ok()?,
                registration_id: a.registration_id,
                at: a.arrived_at,
                device_name: names.get(&a.device_id).cloned().unwrap_or_default(),
            })
        })
        .collect())
}

/// What a tablet loads before doors open: the people it must know (only
/// the fields check-in shows), the keys, the revocation list, the lists
/// and who is in already.
pub async fn bootstrap(
    db: &impl ConnectionTrait,
    device: &DeviceRef,
) -> Result<Bootstrap, AppError> {
    let edition = load_edition(db, device.edition_id).await?;
    let row = load_device(db, device.edition_id, device.id).await?;
    let keys = badge_key::Entity::find()
        .filter(badge_key::Column::EditionId.eq(device.edition_id))
        .order_by_asc(badge_key::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|k| DeviceKey {
            key_id: k.id,
            public_key: k.public_key,
            revoked: k.revoked_at.is_some(),
        })
        .collect();
    Ok(Bootstrap {
        device: device_view(row, 0),
        edition: brief(&edition.model),
        generated_at: now(),
        lists: lists(db, device.edition_id).await?,
        people: roster(db, device.edition_id).await?,
        keys,
        revocations: revocations(db, device.edition_id).await?,
        checkins: arrivals(db, device.edition_id).await?,
    })
}

/// Most people a search answers.
const SEARCH_MAX: usize = 20;

/// Approved people whose native or Latin name contains the query (case
/// and accents ignored), and whether they are in on `list`.
pub async fn search(
    db: &impl ConnectionTrait,
    device: &DeviceRef,
    query: &str,
    list: ListKey,
) -> Result<Vec<SearchHit>, AppError> {
    device.supervise()?;
    let needle = search_key(query.trim());
    // One Chinese character is a name's worth; one Latin letter is not.
    if needle.len() < 2 || needle.len() > 200 {
        return Ok(Vec::new());
    }
    let people: Vec<Person> = roster(db, device.edition_id)
        .await?
        .into_iter()
        .filter(|p| {
            search_key(&p.name_latin).contains(&needle)
                || search_key(&p.name_native).contains(&needle)
        })
        .take(SEARCH_MAX)
        .collect();
    let ids: Vec<i64> = people.iter().map(|p| p.registration_id).collect();
    let found = arrival::Entity::find()
        .filter(arrival::Column::EditionId.eq(device.edition_id))
        .filter(arrival::Column::ListKey.eq(list.to_string()))
        .filter(arrival::Column::RegistrationId.is_in(ids))
        .all(db)
        .await?;
    let names = device_names(db, found.iter().map(|a| a.device_id)).await?;
    let found: HashMap<i64, Earlier> = found
        .into_iter()
        .map(|a| {
            (
                a.registration_id,
                Earlier {
                    at: a.arrived_at,
                    device_name: names.get(&a.device_id).cloned().unwrap_or_default(),
                },
            )
        })
        .collect();
    Ok(people
        .into_iter()
        .map(|person| SearchHit {
            checked_in: found.get(&person.registration_id).cloned(),
            person,
        })
        .collect())
}

/// Undoes a check-in (a supervisor, with a reason): the scan is kept,
/// marked undone, and the person leaves the list (their next scan is
/// green again).
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
        &device.actor(""),
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
    load_edition(db, edition_id).await?;
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
    let approved = registration::Entity::find()
        .filter(registration::Column::EditionId.eq(edition_id))
        .filter(registration::Column::Status.eq(RegistrationStatus::Approved))
        .count(db)
        .await?;
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
    let mut by_hour: BTreeMap<chrono::DateTime<chrono::Utc>, u32> = BTreeMap::new();
    for (id, at) in &entry {
        if let Some(row) = people.get(id) {
            *by_category
                .entry(row.category.as_str().to_owned())
                .or_insert(0) += 1;
            let label = person(row, Vec::new())
                .delegation
                .unwrap_or_else(|| "No delegation".to_owned());
            *by_delegation.entry(label).or_insert(0) += 1;
            *by_member
                .entry(
                    row.member_name
                        .clone()
                        .unwrap_or_else(|| "No member".to_owned()),
                )
                .or_insert(0) += 1;
        }
        let hour = at.duration_trunc(TimeDelta::hours(1)).unwrap_or(*at);
        *by_hour.entry(hour).or_insert(0) += 1;
    }
    let flagged = scan::Entity::find()
        .filter(scan::Column::EditionId.eq(edition_id))
        .filter(scan::Column::Flagged.eq(true))
        .count(db)
        .await?;
    Ok(Attendance {
        edition_id,
        generated_at: now(),
        approved: u32::try_from(approved).unwrap_or(u32::MAX),
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
            .map(|(hour, people)| HourTally { hour, people })
            .collect(),
        flagged: u32::try_from(flagged).unwrap_or(u32::MAX),
    })
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
