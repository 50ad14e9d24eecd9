//! Check-in for the organizers' pages: devices and arrivals (each function
//! checks the role). Tablets use the JSON API with their device token.

use leptos::prelude::*;

use super::types::{CheckinOverview, DeviceView, Pairing};
use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::{audit::Actor, auth::domain::Operation, auth::guard::guarded};

#[server(endpoint = "checkin/overview")]
pub async fn load_checkin(edition_id: i64) -> Result<CheckinOverview, AppError> {
    guarded(Operation::ViewArrivals, |state, caller| async move {
        let manage = crate::auth::domain::may(caller.role, Operation::ManageCheckinDevices);
        super::service::overview(&state.db, edition_id, manage).await
    })
    .await
}

#[server(endpoint = "checkin/register_device")]
pub async fn register_device(
    edition_id: i64,
    name: String,
    #[server(default)] supervisor: bool,
) -> Result<Pairing, AppError> {
    guarded(
        Operation::ManageCheckinDevices,
        |state, caller| async move {
            super::service::register_device(
                &state.db,
                &Actor::user(&caller),
                edition_id,
                super::types::NewDevice { name, supervisor },
                &state.public_url,
            )
            .await
        },
    )
    .await
}

#[server(endpoint = "checkin/new_pairing")]
pub async fn new_device_pairing(edition_id: i64, device_id: i64) -> Result<Pairing, AppError> {
    guarded(
        Operation::ManageCheckinDevices,
        |state, caller| async move {
            super::service::new_pairing(
                &state.db,
                &Actor::user(&caller),
                edition_id,
                device_id,
                &state.public_url,
            )
            .await
        },
    )
    .await
}

#[server(endpoint = "checkin/revoke_device")]
pub async fn revoke_device(edition_id: i64, device_id: i64) -> Result<DeviceView, AppError> {
    guarded(
        Operation::ManageCheckinDevices,
        |state, caller| async move {
            super::hub::Hub::of(&state)
                .revoke_device(&state.db, &Actor::user(&caller), edition_id, device_id)
                .await
        },
    )
    .await
}
