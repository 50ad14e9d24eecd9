//! Badges in the database (server only): verification, single badges and
//! reprints, batches in the background, the revocation list. Keys and
//! codes are `crate::credentials`'.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::Duration;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, NotSet,
    PaginatorTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};

use super::domain::{self, HolderState, KeyState};
use super::entity::{badge_batch, badge_print};
use super::render::{BadgeFace, render};
use super::types::*;
use crate::audit::{Actor, Change, record};
use crate::credentials::service::{Badge, claim, find_key, revoked_keys, signing_key};
use crate::credentials::{code, keys};
use crate::db::now;
use crate::directory::entity::member;
use crate::editions::entity::edition;
use crate::editions::service::load_edition;
use crate::error::{AppError, ErrorCode};
use crate::i18n::Locale;
use crate::registration::entity::{delegation, registration};
use crate::registration::service::registration_in;
use crate::registration::types::RegistrationStatus;

mod batches;
mod overview;

pub use batches::{batch_pdf, fail_interrupted_batches, get_batch, start_batch};
pub use overview::{badge_summary, overview};

/// Badge batches made at once by this process: the rest wait their turn
/// (each uses a core; requests are served by the others meanwhile).
static BATCH_SLOTS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(1);
/// Batches of one edition waiting or being made at once: more is refused,
/// so a script gone wrong cannot queue work without end.
const MAX_WORKING_BATCHES: u64 = 3;
/// Batch PDFs kept per edition (older ones are deleted; print again).
const KEPT_BATCH_FILES: usize = 10;

/// A registration's current badge.
fn badge_of(r: &registration::Model) -> Badge {
    Badge {
        edition_id: r.edition_id,
        registration_id: r.id,
        version: r.badge_version,
    }
}

/// The signed code of a registration's current badge.
pub async fn code_for(
    db: &impl ConnectionTrait,
    r: &registration::Model,
) -> Result<String, AppError> {
    crate::credentials::service::code_for(db, badge_of(r)).await
}

/// Whether a scanned or typed code passes, and whose badge it is.
/// `edition_id`: the edition being checked in (a badge of another is
/// refused as such).
pub async fn verify(
    db: &impl ConnectionTrait,
    edition_id: Option<i64>,
    text: &str,
) -> Result<Verification, AppError> {
    let read = match code::parse(text) {
        Ok(read) => read,
        Err(err) => {
            return Ok(Verification {
                outcome: BadgeOutcome::Unreadable,
                reason: format!("{}: {err}", domain::reason(BadgeOutcome::Unreadable)),
                claim: None,
                holder: None,
            });
        }
    };
    let claim = read.claim;
    let key = find_key(db, claim.key_id).await?;
    let signature_matches = key
        .as_ref()
        .is_some_and(|k| keys::signature_matches(&read, &k.public_key));
    let holder = registration::Entity::find_by_id(claim.registration_id)
        .one(db)
        .await?;
    let outcome = domain::judge(
        &claim,
        edition_id,
        key.as_ref().map(|k| KeyState {
            edition_id: k.edition_id,
            revoked: k.revoked_at.is_some(),
        }),
        signature_matches,
        holder.as_ref().map(|h| HolderState {
            edition_id: h.edition_id,
            status: h.status,
            version: h.badge_version,
        }),
    );
    // Only a genuine badge says whose it is.
    let genuine = domain::genuine(outcome);
    let holder = match holder.filter(|_| genuine) {
        Some(h) => {
            let members = members_of(db, std::slice::from_ref(&h)).await?;
            Some(BadgeHolder {
                registration_id: h.id,
                member_name: h
                    .delegation_id
                    .and_then(|d| members.get(&d))
                    .map(|m| m.name_latin.clone()),
                name_native: h.name_native,
                name_latin: h.name_latin,
                category: h.category,
                status: h.status,
                current_version: h.badge_version,
            })
        }
        None => None,
    };
    Ok(Verification {
        outcome,
        reason: domain::reason(outcome).to_owned(),
        claim: Some(claim),
        holder,
    })
}

/// Every badge of the edition that no longer passes whatever its
/// signature says: reprinted ones (only the current version passes) and
/// registrations not approved; and the revoked keys.
pub async fn revocations(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<RevocationList, AppError> {
    load_edition(db, edition_id).await?;
    let rows = registration::Entity::find()
        .filter(registration::Column::EditionId.eq(edition_id))
        .filter(
            sea_orm::Condition::any()
                .add(registration::Column::Status.ne(RegistrationStatus::Approved))
                .add(registration::Column::BadgeVersion.gt(1)),
        )
        .order_by_asc(registration::Column::Id)
        .all(db)
        .await?;
    let revoked_keys = revoked_keys(db, edition_id).await?;
    Ok(RevocationList {
        edition_id,
        generated_at: now(),
        revoked_keys,
        badges: rows
            .into_iter()
            .map(|r| Revocation {
                registration_id: r.id,
                valid_version: (r.status == RegistrationStatus::Approved)
                    .then_some(r.badge_version),
            })
            .collect(),
    })
}

/// Each delegation's member (for a badge's city and country).
async fn members_of(
    db: &impl ConnectionTrait,
    rows: &[registration::Model],
) -> Result<HashMap<i64, member::Model>, AppError> {
    let delegation_ids: HashSet<i64> = rows.iter().filter_map(|r| r.delegation_id).collect();
    if delegation_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let delegations = delegation::Entity::find()
        .filter(delegation::Column::Id.is_in(delegation_ids))
        .all(db)
        .await?;
    let member_ids: HashSet<i64> = delegations.iter().filter_map(|d| d.member_id).collect();
    let members: HashMap<i64, member::Model> = member::Entity::find()
        .filter(member::Column::Id.is_in(member_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m))
        .collect();
    Ok(delegations
        .into_iter()
        .filter_map(|d| Some((d.id, members.get(&d.member_id?)?.clone())))
        .collect())
}

/// The band's word: in English, read by everyone at the Forum, and in the
/// holder's first language beside it when that is another the app speaks
/// ("HEAD OF DELEGATION · رئيس الوفد").
fn category_word(r: &registration::Model) -> String {
    let english = r.category.label(Locale::en);
    let own = crate::ui::languages::codes_of(&r.languages)
        .first()
        .and_then(|code| crate::locale::locale_of(code))
        .map(|locale| r.category.label(locale))
        .filter(|own| *own != english);
    match own {
        Some(own) => format!("{english} · {own}"),
        None => english,
    }
}

/// What the badges of `rows` show, codes signed with the current key.
async fn faces(
    db: &impl ConnectionTrait,
    edition: &edition::Model,
    rows: &[registration::Model],
) -> Result<Vec<BadgeFace>, AppError> {
    let (key_id, key) = signing_key(db, edition.id).await?;
    let members = members_of(db, rows).await?;
    Ok(rows
        .iter()
        .map(|r| {
            let member = r.delegation_id.and_then(|d| members.get(&d));
            BadgeFace {
                name_native: r.name_native.clone(),
                name_latin: r.name_latin.clone(),
                honorific: r.honorific.clone(),
                position: r.position.clone(),
                member: member.map(|m| m.name_latin.clone()).unwrap_or_default(),
                country: member.map(|m| m.country.clone()).unwrap_or_default(),
                category: r.category,
                category_word: category_word(r),
                edition_title: edition.title.clone(),
                code: keys::sign(&claim(key_id, badge_of(r)), &key),
            }
        })
        .collect())
}

async fn record_prints(
    db: &impl ConnectionTrait,
    actor: &Actor,
    rows: &[registration::Model],
    batch_id: Option<i64>,
) -> Result<(), AppError> {
    if rows.is_empty() {
        return Ok(());
    }
    let at = now();
    badge_print::Entity::insert_many(rows.iter().map(|r| badge_print::ActiveModel {
        id: NotSet,
        registration_id: Set(r.id),
        edition_id: Set(r.edition_id),
        version: Set(r.badge_version),
        printed_by: Set(actor.user_id),
        printed_by_label: Set(actor.label.clone()),
        printed_at: Set(at),
        batch_id: Set(batch_id),
    }))
    .exec(db)
    .await?;
    Ok(())
}

async fn render_off_thread(
    title: String,
    faces: Vec<BadgeFace>,
    layout: BadgeLayout,
    progress: Option<Arc<AtomicUsize>>,
) -> Result<Vec<u8>, AppError> {
    // Shaping and subsetting fonts is CPU work: off the async workers,
    // under the documents' gate. A batch (with progress) is a background
    // job: it waits its turn however long, and takes as long as it takes.
    let batch = progress.is_some();
    let work = move || {
        render(&title, &faces, layout, &mut |done| {
            if let Some(p) = &progress {
                p.store(done, Ordering::Relaxed);
            }
        })
    };
    if batch {
        crate::heavy::background(work).await?
    } else {
        crate::heavy::document(work).await?
    }
}

fn approved(r: &registration::Model) -> Result<(), AppError> {
    if r.status == RegistrationStatus::Approved {
        Ok(())
    } else {
        Err(AppError::Conflict(ErrorCode::NotApproved))
    }
}

/// One person's current badge as a PDF; the print is recorded.
pub async fn badge_pdf(
    db: &DatabaseConnection,
    actor: &Actor,
    edition_id: i64,
    registration_id: i64,
    layout: BadgeLayout,
) -> Result<(String, Vec<u8>), AppError> {
    let edition = load_edition(db, edition_id).await?.model;
    let r = registration_in(db, edition_id, registration_id).await?;
    approved(&r)?;
    let faces = faces(db, &edition, std::slice::from_ref(&r)).await?;
    let pdf = render_off_thread(badge_title(&r), faces, layout, None).await?;
    record_prints(db, actor, std::slice::from_ref(&r), None).await?;
    Ok((format!("badge-CF-{}-v{}.pdf", r.id, r.badge_version), pdf))
}

fn badge_title(r: &registration::Model) -> String {
    format!("Badge: {}", r.name_latin)
}

/// A new badge for a person: the version goes up, so the old badge stops
/// passing (and the revocation list says so). Returns the new version.
pub async fn reprint(
    db: &DatabaseConnection,
    actor: &Actor,
    edition_id: i64,
    registration_id: i64,
) -> Result<registration::Model, AppError> {
    let txn = db.begin().await?;
    let before = registration_in(&txn, edition_id, registration_id).await?;
    approved(&before)?;
    // One statement, so two reprints at once give two new versions.
    registration::Entity::update_many()
        .col_expr(
            registration::Column::BadgeVersion,
            Expr::col(registration::Column::BadgeVersion).add(1),
        )
        .filter(registration::Column::Id.eq(registration_id))
        .exec(&txn)
        .await?;
    let after = registration_in(&txn, edition_id, registration_id).await?;
    record(
        &txn,
        actor,
        Change::new("reprint", "badge", registration_id)
            .edition(edition_id)
            .before(&serde_json::json!({ "version": before.badge_version }))
            .after(&serde_json::json!({ "version": after.badge_version })),
    )
    .await?;
    txn.commit().await?;
    crate::credentials::service::standing_changed();
    Ok(after)
}

/// Reprints and returns the new badge's PDF (the print is recorded).
pub async fn reprint_pdf(
    db: &DatabaseConnection,
    actor: &Actor,
    edition_id: i64,
    registration_id: i64,
    layout: BadgeLayout,
) -> Result<(String, Vec<u8>), AppError> {
    reprint(db, actor, edition_id, registration_id).await?;
    badge_pdf(db, actor, edition_id, registration_id, layout).await
}

/// The QR of a person's current badge, for staff.
pub async fn code_for_staff(
    db: &impl ConnectionTrait,
    edition_id: i64,
    registration_id: i64,
) -> Result<String, AppError> {
    let r = registration_in(db, edition_id, registration_id).await?;
    approved(&r)?;
    code_for(db, &r).await
}

/// The QR of one's own badge (or of someone in the delegation one heads).
pub async fn code_for_owner(
    db: &impl ConnectionTrait,
    email: &str,
    edition_id: i64,
    registration_id: i64,
) -> Result<String, AppError> {
    let (r, _) = crate::registration::service::owned(db, email, registration_id).await?;
    if r.edition_id != edition_id {
        return Err(AppError::NotFound);
    }
    approved(&r)?;
    code_for(db, &r).await
}

/// The approved people a selection names, by Latin name.
async fn select(
    db: &impl ConnectionTrait,
    edition_id: i64,
    selection: &BatchSelection,
) -> Result<Vec<registration::Model>, AppError> {
    let mut query = registration::Entity::find()
        .filter(registration::Column::EditionId.eq(edition_id))
        .filter(registration::Column::Status.eq(RegistrationStatus::Approved));
    if let Some(category) = selection.category {
        query = query.filter(registration::Column::Category.eq(category));
    }
    if let Some(id) = selection.delegation_id {
        query = query.filter(registration::Column::DelegationId.eq(id));
    }
    if let Some(id) = selection.registration_id {
        query = query.filter(registration::Column::Id.eq(id));
    }
    if let Some(member_id) = selection.member_id {
        let delegations: Vec<i64> = delegation::Entity::find()
            .filter(delegation::Column::EditionId.eq(edition_id))
            .filter(delegation::Column::MemberId.eq(member_id))
            .all(db)
            .await?
            .into_iter()
            .map(|d| d.id)
            .collect();
        query = query.filter(registration::Column::DelegationId.is_in(delegations));
    }
    let mut rows = query.all(db).await?;
    if selection.only_unprinted {
        let printed = printed_versions(db, edition_id).await?;
        rows.retain(|r| !printed.contains(&(r.id, r.badge_version)));
    }
    rows.sort_by_key(|r| (r.name_latin.to_lowercase(), r.id));
    Ok(rows)
}

async fn printed_versions(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<HashSet<(i64, i32)>, AppError> {
    Ok(badge_print::Entity::find()
        .filter(badge_print::Column::EditionId.eq(edition_id))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.registration_id, p.version))
        .collect())
}
