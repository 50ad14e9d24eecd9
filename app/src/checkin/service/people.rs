//! Who a tablet needs to know: the lists, the people (only what check-in
//! shows), what a tablet loads before doors open, and search by name.

use std::collections::{HashMap, HashSet};

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::devices::load_device;
use super::{DeviceRef, brief, device_names, device_view};
use crate::badges::service::revocations;
use crate::checkin::entity::arrival;
use crate::checkin::types::*;
use crate::credentials::service::list_keys;
use crate::db::now;
use crate::directory::entity::member;
use crate::directory::service::search_key;
use crate::editions::service::load_edition;
use crate::error::AppError;
use crate::programme::entity::{agenda_entry, session, session_person, session_text};
use crate::programme::types::SessionStatus;
use crate::registration::entity::{delegation, registration};
use crate::registration::types::RegistrationStatus;

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

pub(super) fn roster_query() -> sea_orm::Select<registration::Entity> {
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
        delegation: delegation_label(row),
        sessions,
    }
}

/// A delegation as check-in names it: its member, or its number when it
/// has none.
pub(super) fn delegation_label(row: &RosterRow) -> Option<String> {
    row.member_name
        .clone()
        .or_else(|| row.delegation_id.map(|id| format!("Delegation {id}")))
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
    let keys = list_keys(db, device.edition_id)
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
