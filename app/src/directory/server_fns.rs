//! The directory for the browser: each checks the role, parses, calls the
//! service.

use leptos::prelude::*;

use super::types::{CommitteeView, CouncilMemberView, MemberView};
use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::{audit::Actor, auth::domain::Operation, auth::guard::guarded};

/// Reads a choice from a form, reporting an unknown one on its field.
#[cfg(feature = "ssr")]
fn choice<T: crate::choice::Choice>(field: &str, text: &str) -> Result<T, AppError> {
    T::parse(text).map_err(|msg| AppError::field(field, msg))
}

#[server(endpoint = "members/list")]
pub async fn list_members(
    kind: Option<String>,
    query: Option<String>,
) -> Result<Vec<MemberView>, AppError> {
    guarded(Operation::ViewDirectory, |state, _| async move {
        let kind = match kind.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => Some(choice("kind", text)?),
        };
        super::service::list_members(&state.db, kind, query.as_deref()).await
    })
    .await
}

#[server(endpoint = "members/get")]
pub async fn get_member(id: i64) -> Result<MemberView, AppError> {
    guarded(Operation::ViewDirectory, |state, _| async move {
        super::service::get_member(&state.db, id).await
    })
    .await
}

/// Creates (`id` absent) or updates a member from the form as typed.
#[server(endpoint = "members/save")]
pub async fn save_member(
    id: Option<i64>,
    kind: String,
    name_native: String,
    name_latin: String,
    country: String,
) -> Result<MemberView, AppError> {
    use super::types::{MemberInput, MemberPatch};
    guarded(Operation::ManageDirectory, |state, caller| async move {
        let kind = choice("kind", &kind)?;
        let db = &state.db;
        let actor = &Actor::user(&caller);
        match id {
            Some(id) => {
                let patch = MemberPatch {
                    kind: Some(kind),
                    name_native: Some(name_native),
                    name_latin: Some(name_latin),
                    country: Some(country),
                };
                super::service::update_member(db, actor, id, patch).await
            }
            None => {
                let input = MemberInput {
                    kind,
                    name_native,
                    name_latin,
                    country,
                };
                super::service::create_member(db, actor, input).await
            }
        }
    })
    .await
}

#[server(endpoint = "committees/list")]
pub async fn list_committees() -> Result<Vec<CommitteeView>, AppError> {
    guarded(Operation::ViewDirectory, |state, _| async move {
        super::service::list_committees(&state.db).await
    })
    .await
}

#[server(endpoint = "committees/save")]
pub async fn save_committee(
    id: Option<i64>,
    name: String,
    sector: String,
    status: String,
) -> Result<CommitteeView, AppError> {
    use super::types::CommitteeInput;
    guarded(Operation::ManageDirectory, |state, caller| async move {
        let input = CommitteeInput {
            name,
            sector,
            status: choice("status", &status)?,
        };
        super::service::save_committee(&state.db, &Actor::user(&caller), id, input).await
    })
    .await
}

/// Writes a committee's names in the app's other languages.
#[server(endpoint = "committees/save_names")]
pub async fn save_committee_names(
    id: i64,
    #[server(default)] names: crate::names::types::Names,
) -> Result<crate::names::types::Names, AppError> {
    guarded(Operation::ManageDirectory, |state, caller| async move {
        super::service::save_committee_names(&state.db, &Actor::user(&caller), id, names).await
    })
    .await
}

#[server(endpoint = "council/list")]
pub async fn list_council_members() -> Result<Vec<CouncilMemberView>, AppError> {
    guarded(Operation::ViewDirectory, |state, _| async move {
        super::service::list_council_members(&state.db).await
    })
    .await
}

#[server(endpoint = "council/save")]
pub async fn save_council_member(
    id: Option<i64>,
    name: String,
    kind: String,
    organization: String,
    member_id: String,
) -> Result<CouncilMemberView, AppError> {
    use super::types::CouncilMemberInput;
    guarded(Operation::ManageDirectory, |state, caller| async move {
        let member_id = match member_id.trim() {
            "" => None,
            text => Some(text.parse::<i64>().map_err(|_| {
                AppError::field("member_id", crate::error::ErrorCode::UnknownMember)
            })?),
        };
        let input = CouncilMemberInput {
            name,
            kind: choice("kind", &kind)?,
            organization,
            member_id,
        };
        super::service::save_council_member(&state.db, &Actor::user(&caller), id, input).await
    })
    .await
}
