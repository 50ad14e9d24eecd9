//! Registration for the browser: each checks the role (or, for the public
//! form and sign-in links, deliberately none), parses, calls the service.

use leptos::prelude::*;

use super::types::{
    Decision, InvitationView, OwnRegistration, PersonForm, RegistrationFilter, RegistrationIntro,
    RegistrationReceipt, RegistrationSettingsView, RegistrationView, SettingsForm,
};
use crate::error::AppError;
use crate::paging::Paged;

#[cfg(feature = "ssr")]
use crate::{
    audit::Actor,
    auth::domain::Operation,
    auth::guard::{guarded, public},
};

/// Public: what the registration page of an edition shows.
#[server(endpoint = "registration/intro")]
pub async fn get_registration_intro(edition_id: i64) -> Result<RegistrationIntro, AppError> {
    public(|state| async move { super::service::registration_intro(&state.db, edition_id).await })
        .await
}

/// Public while the edition takes registrations: a person and their
/// delegation, as typed.
#[server(endpoint = "registration/register")]
pub async fn register(
    edition_id: i64,
    member_id: Option<i64>,
    invitation_code: String,
    head: PersonForm,
    // Someone registering alone sends no members, and a form encoding
    // has no way to write an empty list.
    #[server(default)] members: Vec<PersonForm>,
    consent: bool,
) -> Result<RegistrationReceipt, AppError> {
    let headers = leptos_axum::extract::<http::HeaderMap>()
        .await
        .map_err(AppError::internal)?;
    let reader = crate::ui::language::reader_language(&headers);
    let form = super::types::DelegationForm {
        head,
        members,
        member_id,
        invitation_code,
        consent,
    }
    .languages_else(crate::locale::code(reader));
    public(|state| async move {
        let actor = Actor::public();
        super::service::submit_delegation(&state.db, &actor, edition_id, &form, &state.public_url)
            .await
            .map(|submitted| submitted.receipt())
    })
    .await
}

/// One page (of `DEFAULT_PER_PAGE`) of the review queue.
#[server(endpoint = "registration/list")]
pub async fn list_registrations(
    edition_id: i64,
    filter: RegistrationFilter,
    page: u32,
) -> Result<Paged<RegistrationView>, AppError> {
    use crate::paging::{DEFAULT_PER_PAGE, PageRequest};
    guarded(Operation::ReviewRegistrations, |state, _| async move {
        let page = PageRequest {
            page,
            per_page: DEFAULT_PER_PAGE,
        };
        super::service::page_of_registrations(&state.db, edition_id, &filter, page).await
    })
    .await
}

/// Approve, waitlist or decline (with a reason) one or many.
#[server(endpoint = "registration/decide")]
pub async fn decide_registrations(
    edition_id: i64,
    #[server(default)] ids: Vec<i64>,
    decision: Decision,
    reason: String,
) -> Result<Vec<RegistrationView>, AppError> {
    guarded(Operation::ReviewRegistrations, |state, caller| async move {
        super::service::decide(
            &state.db,
            &Actor::user(&caller),
            edition_id,
            &ids,
            decision,
            &reason,
            &state.public_url,
        )
        .await
    })
    .await
}

/// Imports invited delegates from CSV text; returns how many.
#[server(endpoint = "registration/import")]
pub async fn import_registrations(edition_id: i64, csv: String) -> Result<usize, AppError> {
    guarded(Operation::ReviewRegistrations, |state, caller| async move {
        let actor = Actor::user(&caller);
        super::service::import_invited(&state.db, &actor, edition_id, &csv, &state.public_url).await
    })
    .await
}

#[server(endpoint = "registration/settings")]
pub async fn registration_settings(edition_id: i64) -> Result<RegistrationSettingsView, AppError> {
    guarded(
        Operation::ManageRegistrationSettings,
        |state, _| async move { super::service::get_settings(&state.db, edition_id).await },
    )
    .await
}

#[server(endpoint = "registration/save_settings")]
pub async fn save_registration_settings(
    edition_id: i64,
    form: SettingsForm,
) -> Result<RegistrationSettingsView, AppError> {
    guarded(
        Operation::ManageRegistrationSettings,
        |state, caller| async move {
            let settings = form.parse()?;
            let actor = Actor::user(&caller);
            super::service::save_settings(&state.db, &actor, edition_id, settings).await
        },
    )
    .await
}

#[server(endpoint = "registration/invite")]
pub async fn create_invitation(
    edition_id: i64,
    member_id: i64,
    max_size: String,
) -> Result<InvitationView, AppError> {
    guarded(
        Operation::ManageRegistrationSettings,
        |state, caller| async move {
            let max_size = match max_size.trim() {
                "" => None,
                text => Some(text.parse::<u32>().map_err(|_| {
                    AppError::field("max_size", crate::error::ErrorCode::InvalidNumber)
                })?),
            };
            let actor = Actor::user(&caller);
            super::service::create_invitation(&state.db, &actor, edition_id, member_id, max_size)
                .await
        },
    )
    .await
}

#[server(endpoint = "registration/uninvite")]
pub async fn delete_invitation(edition_id: i64, id: i64) -> Result<(), AppError> {
    guarded(
        Operation::ManageRegistrationSettings,
        |state, caller| async move {
            let actor = Actor::user(&caller);
            super::service::delete_invitation(&state.db, &actor, edition_id, id).await
        },
    )
    .await
}

/// The signed-in person's registrations.
#[server(endpoint = "registration/mine")]
pub async fn my_registrations() -> Result<Vec<OwnRegistration>, AppError> {
    guarded(Operation::ManageOwnRegistration, |state, me| async move {
        super::service::own_registrations(&state.db, &me.email).await
    })
    .await
}

#[server(endpoint = "registration/update_mine")]
pub async fn update_my_registration(
    id: i64,
    form: PersonForm,
) -> Result<RegistrationView, AppError> {
    guarded(Operation::ManageOwnRegistration, |state, me| async move {
        super::service::update_own(&state.db, &me, id, &form).await
    })
    .await
}

#[server(endpoint = "registration/cancel_mine")]
pub async fn cancel_my_registration(id: i64) -> Result<RegistrationView, AppError> {
    guarded(Operation::ManageOwnRegistration, |state, me| async move {
        super::service::cancel_own(&state.db, &me, id).await
    })
    .await
}

#[server(endpoint = "registration/add_member")]
pub async fn add_delegation_member(
    delegation_id: i64,
    form: PersonForm,
) -> Result<RegistrationView, AppError> {
    guarded(Operation::ManageOwnRegistration, |state, me| async move {
        // Each answer says whether the address is registered already.
        state
            .throttle
            .check_name(crate::throttle::Limit::MembersAddedByAccount, &me.email)?;
        super::service::add_member(&state.db, &me, delegation_id, &form, &state.public_url).await
    })
    .await
}

/// Public: e-mails a sign-in link if the address is registered; the
/// answer never tells whether it is.
#[server(endpoint = "registration/send_link")]
pub async fn request_sign_in_link(email: String) -> Result<(), AppError> {
    use crate::auth::domain::normalize_email;
    use crate::throttle::Limit;
    public(|state| async move {
        let email = normalize_email(&email).map_err(|code| AppError::field("email", code))?;
        // A few links an hour to one mailbox, whoever asks.
        state
            .throttle
            .check_name(Limit::LinkRequestToMailbox, &email)?;
        // The answer leaves before the address is looked up, so its timing
        // cannot tell whether the address is registered.
        tokio::spawn(async move {
            let recipients = state.part::<crate::auth::links::LinkRecipients>();
            let sent = crate::auth::links::send_sign_in_link(
                &state.db,
                &recipients,
                &email,
                &state.public_url,
            )
            .await;
            if let Err(err) = sent {
                tracing::error!(error = %err, "sending a requested sign-in link failed");
            }
        });
        Ok(())
    })
    .await
}
