//! Registration for the browser: each checks the role (or, for the public
//! form and sign-in links, deliberately none), parses, calls the service.

use leptos::prelude::*;

use super::types::{
    Decision, InvitationView, OwnRegistration, PersonForm, RegistrationFilter, RegistrationIntro,
    RegistrationSettingsView, RegistrationView, SettingsForm,
};
use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::{
    auth::domain::Operation,
    auth::guard::{require, with_status},
    state::app_state,
};

/// Public: what the registration page of an edition shows.
#[server(endpoint = "registration/intro")]
pub async fn get_registration_intro(edition_id: i64) -> Result<RegistrationIntro, AppError> {
    with_status(super::service::registration_intro(&app_state()?.db, edition_id).await)
}

/// Public while the edition takes registrations: a person and their
/// delegation, as typed.
#[server(endpoint = "registration/register")]
pub async fn register(
    edition_id: i64,
    member_id: Option<i64>,
    invitation_code: String,
    head: PersonForm,
    members: Vec<PersonForm>,
    consent: bool,
) -> Result<Vec<RegistrationView>, AppError> {
    with_status(
        async {
            let delegation = super::domain::parse_delegation(&head, &members, consent)?;
            let state = app_state()?;
            super::service::register_delegation(
                &state.db,
                edition_id,
                member_id,
                &invitation_code,
                delegation,
                &state.public_url,
            )
            .await
        }
        .await,
    )
}

#[server(endpoint = "registration/list")]
pub async fn list_registrations(
    edition_id: i64,
    filter: RegistrationFilter,
) -> Result<Vec<RegistrationView>, AppError> {
    with_status(
        async {
            require(Operation::ReviewRegistrations).await?;
            super::service::list_registrations(&app_state()?.db, edition_id, &filter).await
        }
        .await,
    )
}

/// Approve, waitlist or decline (with a reason) one or many.
#[server(endpoint = "registration/decide")]
pub async fn decide_registrations(
    edition_id: i64,
    ids: Vec<i64>,
    decision: Decision,
    reason: String,
) -> Result<Vec<RegistrationView>, AppError> {
    with_status(
        async {
            require(Operation::ReviewRegistrations).await?;
            let state = app_state()?;
            super::service::decide(
                &state.db,
                edition_id,
                &ids,
                decision,
                &reason,
                &state.public_url,
            )
            .await
        }
        .await,
    )
}

/// Imports invited delegates from CSV text; returns how many.
#[server(endpoint = "registration/import")]
pub async fn import_registrations(edition_id: i64, csv: String) -> Result<usize, AppError> {
    with_status(
        async {
            require(Operation::ReviewRegistrations).await?;
            let state = app_state()?;
            super::service::import_invited(&state.db, edition_id, &csv, &state.public_url).await
        }
        .await,
    )
}

#[server(endpoint = "registration/settings")]
pub async fn registration_settings(edition_id: i64) -> Result<RegistrationSettingsView, AppError> {
    with_status(
        async {
            require(Operation::ManageRegistrationSettings).await?;
            super::service::get_settings(&app_state()?.db, edition_id).await
        }
        .await,
    )
}

#[server(endpoint = "registration/save_settings")]
pub async fn save_registration_settings(
    edition_id: i64,
    form: SettingsForm,
) -> Result<RegistrationSettingsView, AppError> {
    with_status(
        async {
            require(Operation::ManageRegistrationSettings).await?;
            let settings = form.parse()?;
            super::service::save_settings(&app_state()?.db, edition_id, settings).await
        }
        .await,
    )
}

#[server(endpoint = "registration/invite")]
pub async fn create_invitation(
    edition_id: i64,
    member_id: i64,
    max_size: String,
) -> Result<InvitationView, AppError> {
    with_status(
        async {
            require(Operation::ManageRegistrationSettings).await?;
            let max_size = match max_size.trim() {
                "" => None,
                text => Some(
                    text.parse::<u32>()
                        .map_err(|_| AppError::field("max_size", "invalid_number"))?,
                ),
            };
            super::service::create_invitation(&app_state()?.db, edition_id, member_id, max_size)
                .await
        }
        .await,
    )
}

#[server(endpoint = "registration/uninvite")]
pub async fn delete_invitation(edition_id: i64, id: i64) -> Result<(), AppError> {
    with_status(
        async {
            require(Operation::ManageRegistrationSettings).await?;
            super::service::delete_invitation(&app_state()?.db, edition_id, id).await
        }
        .await,
    )
}

/// The signed-in person's registrations.
#[server(endpoint = "registration/mine")]
pub async fn my_registrations() -> Result<Vec<OwnRegistration>, AppError> {
    with_status(
        async {
            let me = require(Operation::ManageOwnRegistration).await?;
            super::service::own_registrations(&app_state()?.db, &me.email).await
        }
        .await,
    )
}

#[server(endpoint = "registration/update_mine")]
pub async fn update_my_registration(
    id: i64,
    form: PersonForm,
) -> Result<RegistrationView, AppError> {
    with_status(
        async {
            let me = require(Operation::ManageOwnRegistration).await?;
            super::service::update_own(&app_state()?.db, &me.email, id, &form).await
        }
        .await,
    )
}

#[server(endpoint = "registration/cancel_mine")]
pub async fn cancel_my_registration(id: i64) -> Result<RegistrationView, AppError> {
    with_status(
        async {
            let me = require(Operation::ManageOwnRegistration).await?;
            super::service::cancel_own(&app_state()?.db, &me.email, id).await
        }
        .await,
    )
}

#[server(endpoint = "registration/add_member")]
pub async fn add_delegation_member(
    delegation_id: i64,
    form: PersonForm,
) -> Result<RegistrationView, AppError> {
    with_status(
        async {
            let me = require(Operation::ManageOwnRegistration).await?;
            let state = app_state()?;
            super::service::add_member(
                &state.db,
                &me.email,
                delegation_id,
                &form,
                &state.public_url,
            )
            .await
        }
        .await,
    )
}

/// Public: e-mails a sign-in link if the address is registered; the
/// answer never tells whether it is.
#[server(endpoint = "registration/send_link")]
pub async fn request_sign_in_link(email: String) -> Result<(), AppError> {
    with_status(
        async {
            let state = app_state()?;
            super::service::request_sign_in_link(&state.db, &email, &state.public_url).await
        }
        .await,
    )
}
