//! Badges for the browser: printing is for organizers and registrars,
//! keys for organizers (each function checks the role).

use leptos::prelude::*;

use super::types::{BadgesOverview, BatchView, KeyView};
use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::{
    audit::Actor,
    auth::domain::Operation,
    auth::guard::guarded,
    badges::types::{BatchRequest, BatchSelection},
};

#[server(endpoint = "badges/overview")]
pub async fn load_badges(edition_id: i64) -> Result<BadgesOverview, AppError> {
    guarded(Operation::PrintBadges, |state, caller| async move {
        let manage_keys = crate::auth::domain::may(caller.role, Operation::ManageBadgeKeys);
        super::service::overview(&state.db, edition_id, manage_keys).await
    })
    .await
}

/// Starts a batch; an empty `category` or no id means "all".
#[server(endpoint = "badges/start_batch")]
pub async fn start_batch(
    edition_id: i64,
    layout: String,
    #[server(default)] category: String,
    #[server(default)] delegation_id: Option<i64>,
    #[server(default)] member_id: Option<i64>,
    #[server(default)] registration_id: Option<i64>,
    #[server(default)] only_unprinted: bool,
) -> Result<BatchView, AppError> {
    guarded(Operation::PrintBadges, |state, caller| async move {
        let mut v = crate::error::Validator::default();
        let layout = v.check("layout", super::types::BadgeLayout::parse(&layout));
        let category = if category.trim().is_empty() {
            None
        } else {
            v.check(
                "category",
                crate::registration::types::Category::parse(&category),
            )
        };
        v.finish()?;
        let request = BatchRequest {
            layout: layout.unwrap_or_default(),
            selection: BatchSelection {
                category,
                delegation_id,
                member_id,
                registration_id,
                only_unprinted,
            },
        };
        super::service::start_batch(&state.db, &Actor::user(&caller), edition_id, request).await
    })
    .await
}

#[server(endpoint = "badges/batch")]
pub async fn batch_progress(edition_id: i64, batch_id: i64) -> Result<BatchView, AppError> {
    guarded(Operation::PrintBadges, |state, _| async move {
        super::service::get_batch(&state.db, edition_id, batch_id).await
    })
    .await
}

/// A new badge version: the old badge stops passing. Returns the version.
#[server(endpoint = "badges/reprint")]
pub async fn reprint_badge(edition_id: i64, registration_id: i64) -> Result<i32, AppError> {
    guarded(Operation::PrintBadges, |state, caller| async move {
        super::service::reprint(
            &state.db,
            &Actor::user(&caller),
            edition_id,
            registration_id,
        )
        .await
        .map(|r| r.badge_version)
    })
    .await
}

#[server(endpoint = "badges/rotate_key")]
pub async fn rotate_badge_key(edition_id: i64) -> Result<KeyView, AppError> {
    guarded(Operation::ManageBadgeKeys, |state, caller| async move {
        crate::credentials::service::rotate_key(&state.db, &Actor::user(&caller), edition_id).await
    })
    .await
}

#[server(endpoint = "badges/revoke_key")]
pub async fn revoke_badge_key(edition_id: i64, key_id: i64) -> Result<KeyView, AppError> {
    guarded(Operation::ManageBadgeKeys, |state, caller| async move {
        crate::credentials::service::revoke_key(
            &state.db,
            &Actor::user(&caller),
            edition_id,
            key_id,
        )
        .await
    })
    .await
}
