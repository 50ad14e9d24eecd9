//! An edition's registrations at a glance, for the dashboard.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::error::AppError;
use crate::registration::domain::summarize;
use crate::registration::entity::{capacity, delegation, invitation, registration};
use crate::registration::types::{Category, RegistrationStatus, RegistrationSummary, SummaryRow};

/// Counts by status and category, places, delegations, the review backlog
/// and invitations (four narrow queries; the counting is pure).
pub async fn registration_summary(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<RegistrationSummary, AppError> {
    type Row = (
        RegistrationStatus,
        Category,
        Option<i64>,
        DateTime<Utc>,
        Option<String>,
    );
    let rows: Vec<Row> = registration::Entity::find()
        .select_only()
        .columns([
            registration::Column::Status,
            registration::Column::Category,
            registration::Column::DelegationId,
            registration::Column::CreatedAt,
            registration::Column::ApprovedValues,
        ])
        .filter(registration::Column::EditionId.eq(edition_id))
        .into_tuple()
        .all(db)
        .await?;
    let delegations: Vec<delegation::Model> = delegation::Entity::find()
        .filter(delegation::Column::EditionId.eq(edition_id))
        .all(db)
        .await?;
    let member_of: HashMap<i64, Option<i64>> =
        delegations.iter().map(|d| (d.id, d.member_id)).collect();
    let caps: Vec<(Category, u32)> = capacity::Entity::find()
        .filter(capacity::Column::EditionId.eq(edition_id))
        .all(db)
        .await?
        .into_iter()
        .map(|cap| (cap.category, u32::try_from(cap.capacity).unwrap_or(0)))
        .collect();
    let invitations = invitation::Entity::find()
        .filter(invitation::Column::EditionId.eq(edition_id))
        .all(db)
        .await?;
    let used = invitations
        .iter()
        .filter(|inv| delegations.iter().any(|d| d.invitation_id == Some(inv.id)))
        .count();
    let rows: Vec<SummaryRow> = rows
        .into_iter()
        .map(
            |(status, category, delegation_id, created_at, approved_values)| SummaryRow {
                status,
                category,
                member_id: delegation_id.and_then(|id| member_of.get(&id).copied().flatten()),
                delegation_id,
                created_at,
                changed_since_approval: approved_values.is_some(),
            },
        )
        .collect();
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Ok(summarize(
        &rows,
        &caps,
        (count(invitations.len()), count(used)),
    ))
}
