//! What the `/my` page asks of the server about a person's own data.

use leptos::prelude::*;

use crate::error::AppError;
use crate::privacy::types::RetentionView;

/// How long the edition keeps its people's details (organizers).
#[server(endpoint = "privacy/retention")]
pub async fn edition_retention(edition_id: i64) -> Result<RetentionView, AppError> {
    use crate::auth::domain::Operation;
    use crate::auth::guard::guarded;
    guarded(Operation::ManageEditions, |state, _| async move {
        crate::privacy::service::retention(&state.db, edition_id).await
    })
    .await
}

#[server(endpoint = "privacy/save_retention")]
pub async fn save_retention(edition_id: i64, keep_days: String) -> Result<RetentionView, AppError> {
    use crate::audit::Actor;
    use crate::auth::domain::Operation;
    use crate::auth::guard::guarded;
    use crate::error::ErrorCode;
    use crate::privacy::types::RetentionInput;
    guarded(Operation::ManageEditions, |state, caller| async move {
        let keep_days = keep_days
            .trim()
            .parse::<i32>()
            .map_err(|_| AppError::field("keep_days", ErrorCode::InvalidNumber))?;
        crate::privacy::service::set_retention(
            &state.db,
            &Actor::user(&caller),
            edition_id,
            RetentionInput { keep_days },
        )
        .await
    })
    .await
}

/// The signed-in person asks to be erased; a registrar confirms. How many
/// of their registrations are now marked.
#[server(endpoint = "privacy/request_erasure")]
pub async fn request_my_erasure() -> Result<u64, AppError> {
    use crate::audit::Actor;
    use crate::auth::domain::Operation;
    use crate::auth::guard::guarded;
    guarded(
        Operation::ManageOwnRegistration,
        |state, caller| async move {
            crate::privacy::service::request_erasure(
                &state.db,
                &Actor::user(&caller),
                &caller.email,
            )
            .await
        },
    )
    .await
}

/// A registrar erases one person of the edition (on their request).
#[server(endpoint = "privacy/erase")]
pub async fn erase_registration(edition_id: i64, id: i64) -> Result<(), AppError> {
    use crate::audit::Actor;
    use crate::auth::domain::Operation;
    use crate::auth::guard::guarded;
    guarded(Operation::ReviewRegistrations, |state, caller| async move {
        crate::privacy::service::erase_person(&state.db, &Actor::user(&caller), edition_id, id)
            .await
    })
    .await
}
