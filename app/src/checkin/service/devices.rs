//! Devices: registering, pairing with a one-time code, revoking, and
//! finding a device by its token.

use std::collections::HashMap;

use chrono::TimeDelta;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};

use super::{DeviceRef, brief, device_view};
use crate::audit::{Actor, Change, record};
use crate::auth::service::{random_secret, readable_code, secret_hash};
use crate::checkin::domain::{self, PAIRING_ALPHABET, PAIRING_LEN, PAIRING_MINUTES, TOKEN_PREFIX};
use crate::checkin::entity::{device, scan};
use crate::checkin::types::*;
use crate::db::now;
use crate::editions::service::load_edition;
use crate::editions::types::EditionStatus;
use crate::error::{AppError, ErrorCode};

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

pub(super) async fn load_device(
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

/// A new pairing code: the code, its hash (all that is kept) and when it
/// stops working.
fn new_code() -> (String, String, chrono::DateTime<chrono::Utc>) {
    let code = readable_code(PAIRING_ALPHABET, PAIRING_LEN);
    let hash = secret_hash(&code);
    (code, hash, now() + TimeDelta::minutes(PAIRING_MINUTES))
}

/// What the organizer is shown for a device's code: the code, the address
/// a tablet's camera opens, and its QR.
fn pairing(device: device::Model, code: &str, public_url: &str) -> Pairing {
    let url = format!("{public_url}/checkin#pair={code}");
    let expires_at = device.pairing_expires_at.unwrap_or_else(now);
    let qr_svg = crate::credentials::qr::Matrix::new(&url)
        .map(|m| m.svg())
        .unwrap_or_default();
    Pairing {
        device: device_view(device, 0),
        code: code.to_owned(),
        url,
        expires_at,
        qr_svg,
    }
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
    let (code, hash, expires_at) = new_code();
    let txn = db.begin().await?;
    let row = device::ActiveModel {
        edition_id: Set(edition_id),
        name: Set(name),
        supervisor: Set(new.supervisor),
        token_hash: Set(None),
        pairing_hash: Set(Some(hash)),
        pairing_expires_at: Set(Some(expires_at)),
        created_by: Set(actor.user_id),
        created_at: Set(now()),
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
    Ok(pairing(row, &code, public_url))
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
    let (code, hash, expires_at) = new_code();
    let txn = db.begin().await?;
    let mut active = row.into_active_model();
    active.pairing_hash = Set(Some(hash));
    active.pairing_expires_at = Set(Some(expires_at));
    let row = active.update(&txn).await?;
    record(
        &txn,
        actor,
        Change::new("new_pairing", "checkin_device", row.id).edition(edition_id),
    )
    .await?;
    txn.commit().await?;
    Ok(pairing(row, &code, public_url))
}

/// Revokes a device: its next request is refused and the tablet wipes
/// what it holds. Called through `Hub::revoke_device`, which also drops
/// the device from its token cache.
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
        &DeviceRef::from(&row).actor(),
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
