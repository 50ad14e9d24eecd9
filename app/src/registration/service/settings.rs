//! Registration settings of an edition: window, deadline, places per
//! category and invitations.

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, QueryFilter, QueryOrder,
    Set, TransactionSession, TransactionTrait,
};

use super::capacity::{invitations_used, places_taken};
use super::load_edition;
use crate::audit::{Actor, Change, record};
use crate::auth::service::readable_code;
use crate::db::{now, unique_or_internal};
use crate::directory::entity::member;
use crate::directory::service::latin_names;
use crate::error::{AppError, ErrorCode};
use crate::registration::domain::Settings;
use crate::registration::entity::{capacity, invitation, settings};
use crate::registration::types::{
    CapacityView, Category, InvitationView, RegistrationSettingsView,
};

/// The registration settings of an edition, with places taken and
/// invitations used.
pub async fn get_settings(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<RegistrationSettingsView, AppError> {
    let edition = load_edition(db, edition_id).await?;
    let places = places_taken(db, edition_id).await?;
    let mut capacities: Vec<CapacityView> = places
        .into_iter()
        .map(|(category, (capacity, taken))| CapacityView {
            category,
            capacity,
            taken,
        })
        .collect();
    capacities.sort_by_key(|c| Category::ALL.iter().position(|x| *x == c.category));
    let rows = invitation::Entity::find()
        .filter(invitation::Column::EditionId.eq(edition_id))
        .order_by_asc(invitation::Column::Id)
        .all(db)
        .await?;
    let names = latin_names(db, rows.iter().map(|i| i.member_id)).await?;
    let used = invitations_used(db, edition_id).await?;
    let invitations = rows
        .into_iter()
        .map(|row| InvitationView {
            used: used.get(&row.id).copied().unwrap_or(0),
            id: row.id,
            member_id: row.member_id,
            member_name: names.get(&row.member_id).cloned().unwrap_or_default(),
            code: row.code,
            max_size: row.max_size.map(|m| m.max(0) as u32),
        })
        .collect();
    Ok(RegistrationSettingsView {
        opens_on: edition.settings.opens_on,
        closes_on: edition.settings.closes_on,
        edit_deadline: edition.settings.edit_deadline,
        invite_only: edition.settings.invite_only,
        capacities,
        invitations,
    })
}

/// Replaces an edition's registration settings and capacities at once.
pub async fn save_settings(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    edition_id: i64,
    new: Settings,
) -> Result<RegistrationSettingsView, AppError> {
    let txn = db.begin().await?;
    load_edition(&txn, edition_id).await?;
    let before = get_settings(&txn, edition_id).await?;
    settings::Entity::insert(settings::ActiveModel {
        edition_id: Set(edition_id),
        opens_on: Set(new.opens_on()),
        closes_on: Set(new.closes_on()),
        edit_deadline: Set(new.edit_deadline()),
        invite_only: Set(new.invite_only()),
    })
    .on_conflict(
        OnConflict::column(settings::Column::EditionId)
            .update_columns([
                settings::Column::OpensOn,
                settings::Column::ClosesOn,
                settings::Column::EditDeadline,
                settings::Column::InviteOnly,
            ])
            .to_owned(),
    )
    .exec(&txn)
    .await?;
    capacity::Entity::delete_many()
        .filter(capacity::Column::EditionId.eq(edition_id))
        .exec(&txn)
        .await?;
    for (category, places) in new.capacities() {
        capacity::ActiveModel {
            edition_id: Set(edition_id),
            category: Set(*category),
            capacity: Set(*places as i32),
        }
        .insert(&txn)
        .await?;
    }
    let view = get_settings(&txn, edition_id).await?;
    record(
        &txn,
        actor,
        Change::new("updated", "registration_settings", edition_id)
            .edition(edition_id)
            .before(&before)
            .after(&view),
    )
    .await?;
    txn.commit().await?;
    Ok(view)
}

/// Codes are 8 letters and digits without look-alikes (0/O, 1/I/L), easy
/// to read out on the phone.
fn new_code() -> String {
    readable_code(b"ABCDEFGHJKMNPQRSTUVWXYZ23456789", 8)
}

/// Invites a member city or institution to an edition, optionally capping
/// the size of its delegation.
pub async fn create_invitation(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    edition_id: i64,
    member_id: i64,
    max_size: Option<u32>,
) -> Result<InvitationView, AppError> {
    let txn = db.begin().await?;
    load_edition(&txn, edition_id).await?;
    let member = member::Entity::find_by_id(member_id)
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::field("member_id", ErrorCode::UnknownMember))?;
    if max_size == Some(0) || max_size.is_some_and(|m| m > 1000) {
        return Err(AppError::field("max_size", ErrorCode::InvalidCapacity));
    }
    let model = invitation::ActiveModel {
        id: NotSet,
        edition_id: Set(edition_id),
        member_id: Set(member_id),
        code: Set(new_code()),
        max_size: Set(max_size.map(|m| m as i32)),
        created_at: Set(now()),
    }
    .insert(&txn)
    .await
    .map_err(|err| unique_or_internal(err, "member_id", ErrorCode::MemberInvited))?;
    let view = InvitationView {
        id: model.id,
        member_id,
        member_name: member.name_latin,
        code: model.code,
        max_size,
        used: 0,
    };
    record(
        &txn,
        actor,
        Change::new("created", "invitation", view.id)
            .edition(edition_id)
            .after(&view),
    )
    .await?;
    txn.commit().await?;
    Ok(view)
}

/// Withdraws an invitation; those who registered with it stay registered.
pub async fn delete_invitation(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    edition_id: i64,
    id: i64,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    let found = invitation::Entity::find_by_id(id)
        .filter(invitation::Column::EditionId.eq(edition_id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    invitation::Entity::delete_by_id(id).exec(&txn).await?;
    let before = serde_json::json!({
        "member_id": found.member_id,
        "code": found.code,
        "max_size": found.max_size,
    });
    record(
        &txn,
        actor,
        Change::new("deleted", "invitation", id)
            .edition(edition_id)
            .before(&before),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
