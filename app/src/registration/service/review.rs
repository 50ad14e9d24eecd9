//! The review queue: listing, searching and deciding.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionSession, TransactionTrait,
};

use super::capacity::{HOLDING_A_PLACE, places_taken};
use super::{decision_enclosures, load_edition, lock_edition, recipient, view_one, views};
use crate::audit::{Actor, Change, record};
use crate::auth::links::sign_in_url;
use crate::auth::service::create_sign_in_link;
use crate::db::now;
use crate::directory::service::search_key;
use crate::editions::service::texts_for;
use crate::editions::types::title_for;
use crate::error::{AppError, ErrorCode, Validator};
use crate::mail::service::enqueue;
use crate::paging::{PageRequest, Paged};
use crate::registration::domain::{check_decision, decision_reason, matches_search};
use crate::registration::entity::registration;
use crate::registration::mail::decision_made;
use crate::registration::types::{Decision, RegistrationFilter, RegistrationView};

/// The registrations of an edition matching the filter, oldest first.
pub async fn list_registrations(
    db: &impl ConnectionTrait,
    edition_id: i64,
    filter: &RegistrationFilter,
) -> Result<Vec<RegistrationView>, AppError> {
    let edition = load_edition(db, edition_id).await?;
    let mut query = registration::Entity::find()
        .filter(registration::Column::EditionId.eq(edition_id))
        .order_by_asc(registration::Column::Id);
    if let Some(status) = filter.status {
        query = query.filter(registration::Column::Status.eq(status));
    }
    if let Some(category) = filter.category {
        query = query.filter(registration::Column::Category.eq(category));
    }
    let key = search_key(filter.q.as_deref().unwrap_or("").trim());
    let all = views(db, query.all(db).await?, &edition).await?;
    // Accent-insensitive matching is done here, the same way on SQLite
    // and PostgreSQL.
    Ok(all
        .into_iter()
        .filter(|view| matches_search(view, &key, search_key))
        .collect())
}

/// One page of the registrations matching the filter, oldest first. The
/// database pages them, except when a search needs the accent-insensitive
/// match done here.
pub async fn page_of_registrations(
    db: &impl ConnectionTrait,
    edition_id: i64,
    filter: &RegistrationFilter,
    page: PageRequest,
) -> Result<Paged<RegistrationView>, AppError> {
    let searching = filter.q.as_deref().is_some_and(|q| !q.trim().is_empty());
    if searching {
        let all = list_registrations(db, edition_id, filter).await?;
        let total = all.len() as u64;
        let items = all
            .into_iter()
            .skip(usize::try_from(page.offset()).unwrap_or(usize::MAX))
            .take(usize::try_from(page.limit()).unwrap_or(usize::MAX))
            .collect();
        return Ok(Paged::new(items, total, page));
    }
    let edition = load_edition(db, edition_id).await?;
    let mut query = registration::Entity::find()
        .filter(registration::Column::EditionId.eq(edition_id))
        .order_by_asc(registration::Column::Id);
    if let Some(status) = filter.status {
        query = query.filter(registration::Column::Status.eq(status));
    }
    if let Some(category) = filter.category {
        query = query.filter(registration::Column::Category.eq(category));
    }
    let total = query.clone().count(db).await?;
    let rows = query
        .offset(page.offset())
        .limit(page.limit())
        .all(db)
        .await?;
    Ok(Paged::new(views(db, rows, &edition).await?, total, page))
}

pub async fn get_registration(
    db: &impl ConnectionTrait,
    edition_id: i64,
    id: i64,
) -> Result<RegistrationView, AppError> {
    let edition = load_edition(db, edition_id).await?;
    let model = super::registration_in(db, edition_id, id).await?;
    view_one(db, model, &edition).await
}

/// Approves, waitlists or declines registrations, all of them or none.
/// Each person is told by e-mail. Approving someone from the waitlist is
/// refused while their category is full.
pub async fn decide(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    edition_id: i64,
    ids: &[i64],
    decision: Decision,
    reason: &str,
    public_url: &str,
) -> Result<Vec<RegistrationView>, AppError> {
    let reason = decision_reason(decision, reason)?;
    if ids.is_empty() {
        return Err(AppError::field("registrations", ErrorCode::NoneSelected));
    }
    let txn = db.begin().await?;
    lock_edition(&txn, edition_id).await?;
    let edition = load_edition(&txn, edition_id).await?;
    let rows = registration::Entity::find()
        .filter(registration::Column::EditionId.eq(edition_id))
        .filter(registration::Column::Id.is_in(ids.iter().copied()))
        .order_by_asc(registration::Column::Id)
        .all(&txn)
        .await?;
    if rows.len() != ids.iter().collect::<std::collections::HashSet<_>>().len() {
        return Err(AppError::NotFound);
    }
    let mut places = places_taken(&txn, edition_id).await?;
    let mut v = Validator::new();
    for row in &rows {
        let field = format!("registrations.{}", row.id);
        let from = row.status;
        if let Err(code) = check_decision(from, decision) {
            v.add(&field, code);
            continue;
        }
        let holds = HOLDING_A_PLACE.contains(&row.status);
        let will_hold = decision == Decision::Approve;
        if let Some((capacity, taken)) = places.get_mut(&row.category) {
            if will_hold && !holds {
                if *taken >= *capacity {
                    v.add(&field, ErrorCode::CategoryFull);
                } else {
                    *taken += 1;
                }
            } else if holds && !will_hold {
                *taken = taken.saturating_sub(1);
            }
        }
    }
    v.finish()?;

    let texts = texts_for(&txn, edition_id).await?;
    let mut decided = Vec::new();
    for row in rows {
        let to = recipient(&row);
        let before = row.clone();
        let mut active = row.into_active_model();
        active.status = Set(decision.status());
        active.decline_reason = Set(reason.clone());
        // Decided again: what changed since the last approval is reviewed.
        active.approved_values = Set(None);
        active.updated_at = Set(now());
        let model = active.update(&txn).await?;
        record(
            &txn,
            actor,
            Change::new(decision.status().as_str(), "registration", model.id)
                .edition(edition_id)
                .before(&before)
                .after(&model),
        )
        .await?;
        let secret = create_sign_in_link(&txn, &model.email).await?;
        let enclosures = decision_enclosures(&txn, &model, to.locale()).await?;
        let title = title_for(&edition.model.title, &texts, to.locale());
        let letter = decision_made(
            &to,
            title,
            decision.status(),
            reason.as_deref(),
            &sign_in_url(public_url, &secret),
            enclosures,
        );
        enqueue(&txn, letter).await?;
        decided.push(model);
    }
    let decided = views(&txn, decided, &edition).await?;
    txn.commit().await?;
    crate::credentials::service::standing_changed();
    Ok(decided)
}
