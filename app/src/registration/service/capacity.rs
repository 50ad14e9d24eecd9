//! Places: how many each category and each invitation has given.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
};

use crate::error::AppError;
pub(super) use crate::registration::domain::HOLDING_A_PLACE;
use crate::registration::domain::initial_status;
use crate::registration::entity::{capacity, delegation, registration};
use crate::registration::types::{Category, RegistrationStatus};

/// Capacity and places taken of each capped category (two queries).
pub(super) async fn places_taken(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<HashMap<Category, (u32, u32)>, AppError> {
    let caps = capacity::Entity::find()
        .filter(capacity::Column::EditionId.eq(edition_id))
        .all(db)
        .await?;
    let taken: HashMap<Category, i64> = registration::Entity::find()
        .select_only()
        .column(registration::Column::Category)
        .column_as(registration::Column::Id.count(), "taken")
        .filter(registration::Column::EditionId.eq(edition_id))
        .filter(registration::Column::Status.is_in(HOLDING_A_PLACE))
        .group_by(registration::Column::Category)
        .into_tuple::<(Category, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(caps
        .into_iter()
        .map(|cap| {
            let taken = taken.get(&cap.category).copied().unwrap_or(0);
            let places = (
                cap.capacity.max(0) as u32,
                u32::try_from(taken).unwrap_or(u32::MAX),
            );
            (cap.category, places)
        })
        .collect())
}

/// People of one delegation who hold a place.
pub(super) async fn delegation_size(
    db: &impl ConnectionTrait,
    delegation_id: i64,
) -> Result<u32, AppError> {
    let size = registration::Entity::find()
        .filter(registration::Column::DelegationId.eq(delegation_id))
        .filter(registration::Column::Status.is_in(HOLDING_A_PLACE))
        .count(db)
        .await?;
    Ok(u32::try_from(size).unwrap_or(u32::MAX))
}

/// People registered with an invitation who still hold a place.
pub(super) async fn invitation_used(
    db: &impl ConnectionTrait,
    invitation_id: i64,
) -> Result<u32, AppError> {
    let delegations: Vec<i64> = delegation::Entity::find()
        .select_only()
        .column(delegation::Column::Id)
        .filter(delegation::Column::InvitationId.eq(invitation_id))
        .into_tuple()
        .all(db)
        .await?;
    let used = registration::Entity::find()
        .filter(registration::Column::DelegationId.is_in(delegations))
        .filter(registration::Column::Status.is_in(HOLDING_A_PLACE))
        .count(db)
        .await?;
    Ok(u32::try_from(used).unwrap_or(u32::MAX))
}

/// Places used under each invitation of an edition (two queries, however
/// many invitations).
pub(super) async fn invitations_used(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<HashMap<i64, u32>, AppError> {
    let invited: HashMap<i64, i64> = delegation::Entity::find()
        .select_only()
        .column(delegation::Column::Id)
        .column(delegation::Column::InvitationId)
        .filter(delegation::Column::EditionId.eq(edition_id))
        .filter(delegation::Column::InvitationId.is_not_null())
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let per_delegation: Vec<(Option<i64>, i64)> = registration::Entity::find()
        .select_only()
        .column(registration::Column::DelegationId)
        .column_as(registration::Column::Id.count(), "used")
        .filter(registration::Column::EditionId.eq(edition_id))
        .filter(registration::Column::Status.is_in(HOLDING_A_PLACE))
        .group_by(registration::Column::DelegationId)
        .into_tuple()
        .all(db)
        .await?;
    let mut used: HashMap<i64, u32> = HashMap::new();
    for (delegation_id, count) in per_delegation {
        if let Some(invitation) = delegation_id.and_then(|d| invited.get(&d)) {
            *used.entry(*invitation).or_default() += u32::try_from(count).unwrap_or(u32::MAX);
        }
    }
    Ok(used)
}

/// The status each new person gets: past their category's capacity they
/// wait. `places` is updated as places are given.
pub(super) fn assign_status(
    places: &mut HashMap<Category, (u32, u32)>,
    category: Category,
) -> RegistrationStatus {
    match places.get_mut(&category) {
        Some((capacity, taken)) => {
            let status = initial_status(Some(*capacity), *taken);
            if status != RegistrationStatus::Waitlisted {
                *taken += 1;
            }
            status
        }
        None => initial_status(None, 0),
    }
}
