//! Badge keys and codes in the database (server only): each edition's
//! keys, the code of a badge, and the approval letter's QR and calendar.

use chrono::Duration;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, NotSet,
    QueryFilter, QueryOrder, Set, TransactionTrait,
};

use super::code::BadgeClaim;
use super::entity::badge_key;
use super::keys::{self, vault};
use super::qr::Matrix;
use super::types::KeyView;
use crate::audit::{Actor, Change, record};
use crate::db::now;
use crate::editions::entity::edition;
use crate::editions::service::load_edition;
use crate::error::AppError;
use crate::i18n::{Locale, td_string};
use crate::mail::types::{Attachment, Enclosures, Figure};

/// Which badge: a registration's, at a version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Badge {
    pub edition_id: i64,
    pub registration_id: i64,
    pub version: i32,
}

/// The claim a badge's code makes, signed by key `key_id`.
/// Counts the changes, in this process, to which badges pass: a
/// registration's status, a reprint, a key. Check-in keeps the edition's
/// people and keys in memory and reads them again when this moves.
static STANDING: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Says that which badges pass may have changed (call after the commit).
pub fn standing_changed() {
    STANDING.fetch_add(1, std::sync::atomic::Ordering::AcqRel);
}

/// The count `standing_changed` moves.
pub fn standing() -> u64 {
    STANDING.load(std::sync::atomic::Ordering::Acquire)
}

pub fn claim(key_id: i64, badge: Badge) -> BadgeClaim {
    BadgeClaim {
        key_id,
        edition_id: badge.edition_id,
        registration_id: badge.registration_id,
        version: badge.version,
    }
}

/// The signed code of a badge.
pub async fn code_for(db: &impl ConnectionTrait, badge: Badge) -> Result<String, AppError> {
    let (key_id, key) = signing_key(db, badge.edition_id).await?;
    Ok(keys::sign(&claim(key_id, badge), &key))
}

/// A key by its id (the one a code names), if there is one.
pub async fn find_key(
    db: &impl ConnectionTrait,
    key_id: i64,
) -> Result<Option<badge_key::Model>, AppError> {
    Ok(badge_key::Entity::find_by_id(key_id).one(db).await?)
}

/// The ids of an edition's revoked keys.
pub async fn revoked_keys(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<Vec<i64>, AppError> {
    Ok(badge_key::Entity::find()
        .filter(badge_key::Column::EditionId.eq(edition_id))
        .filter(badge_key::Column::RevokedAt.is_not_null())
        .order_by_asc(badge_key::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|k| k.id)
        .collect())
}

fn key_view(m: badge_key::Model) -> KeyView {
    KeyView {
        id: m.id,
        edition_id: m.edition_id,
        public_key: m.public_key,
        created_at: m.created_at,
        revoked_at: m.revoked_at,
    }
}

async fn insert_key(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<badge_key::Model, AppError> {
    let key = keys::new_key();
    Ok(badge_key::ActiveModel {
        id: NotSet,
        edition_id: Set(edition_id),
        public_key: Set(keys::public_hex(&key)),
        sealed_secret: Set(vault()?.seal(&key)?),
        created_at: Set(now()),
        revoked_at: Set(None),
    }
    .insert(db)
    .await?)
}

/// The key that signs an edition's badges now: the newest not revoked,
/// made when there is none.
pub async fn signing_key(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<(i64, ed25519_dalek::SigningKey), AppError> {
    let current = badge_key::Entity::find()
        .filter(badge_key::Column::EditionId.eq(edition_id))
        .filter(badge_key::Column::RevokedAt.is_null())
        .order_by_desc(badge_key::Column::Id)
        .one(db)
        .await?;
    let row = match current {
        Some(row) => row,
        None => insert_key(db, edition_id).await?,
    };
    Ok((row.id, vault()?.open(&row.sealed_secret)?))
}

/// An edition's keys, newest first (public halves only).
pub async fn list_keys(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<Vec<KeyView>, AppError> {
    load_edition(db, edition_id).await?;
    Ok(badge_key::Entity::find()
        .filter(badge_key::Column::EditionId.eq(edition_id))
        .order_by_desc(badge_key::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(key_view)
        .collect())
}

/// A new signing key: badges made from now on use it; the old keys keep
/// verifying until revoked.
pub async fn rotate_key(
    db: &DatabaseConnection,
    actor: &Actor,
    edition_id: i64,
) -> Result<KeyView, AppError> {
    load_edition(db, edition_id).await?;
    let txn = db.begin().await?;
    let row = insert_key(&txn, edition_id).await?;
    let view = key_view(row);
    record(
        &txn,
        actor,
        Change::new("rotate", "badge_key", view.id)
            .edition(edition_id)
            .after(&view),
    )
    .await?;
    txn.commit().await?;
    standing_changed();
    Ok(view)
}

/// Revokes a key: every badge it signed stops passing (reprint them).
pub async fn revoke_key(
    db: &DatabaseConnection,
    actor: &Actor,
    edition_id: i64,
    key_id: i64,
) -> Result<KeyView, AppError> {
    let txn = db.begin().await?;
    let row = badge_key::Entity::find_by_id(key_id)
        .filter(badge_key::Column::EditionId.eq(edition_id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let before = key_view(row.clone());
    if row.revoked_at.is_some() {
        return Ok(before);
    }
    let mut active: badge_key::ActiveModel = row.into();
    active.revoked_at = Set(Some(now()));
    let view = key_view(active.update(&txn).await?);
    record(
        &txn,
        actor,
        Change::new("revoke", "badge_key", key_id)
            .edition(edition_id)
            .before(&before)
            .after(&view),
    )
    .await?;
    txn.commit().await?;
    standing_changed();
    Ok(view)
}

/// The QR as PNG or SVG.
pub fn qr_png(code: &str) -> Result<Vec<u8>, AppError> {
    Matrix::new(code)?.png(8)
}

pub fn qr_svg(code: &str) -> Result<String, AppError> {
    Ok(Matrix::new(code)?.svg())
}

/// What the approval letter carries: the badge's QR shown before the
/// signature (its code as text for mail readers without images), in the
/// letter's language, and the Forum's dates as a calendar file.
pub async fn badge_enclosures(
    db: &impl ConnectionTrait,
    badge: Badge,
    locale: Locale,
) -> Result<Enclosures, AppError> {
    let edition = load_edition(db, badge.edition_id).await?.model;
    let code = code_for(db, badge).await?;
    let image = Attachment {
        file_name: "badge-qr.png".into(),
        content_type: "image/png".into(),
        content_id: Some(format!("badge-{}@cities-forum", badge.registration_id)),
        body: qr_png(&code)?,
    };
    let calendar = Attachment {
        file_name: "forum.ics".into(),
        content_type: "text/calendar; charset=utf-8; method=PUBLISH".into(),
        content_id: None,
        body: forum_calendar(&edition).into_bytes(),
    };
    Ok(Enclosures {
        figure: Some(Figure {
            image,
            caption: td_string!(locale, mail_badge_caption).to_string(),
            text_instead: code,
        }),
        files: vec![calendar],
    })
}

/// The Forum's dates as one all-day event.
fn forum_calendar(edition: &edition::Model) -> String {
    use icalendar::{Calendar, Component, Event, EventLike};
    let event = Event::new()
        .uid(&format!("edition-{}@cities-forum", edition.id))
        .summary(&edition.title)
        .location(&edition.venue)
        .starts(edition.start_date)
        .ends(edition.end_date + Duration::days(1))
        .done();
    Calendar::new()
        .name(&edition.title)
        .push(event)
        .done()
        .to_string()
}
