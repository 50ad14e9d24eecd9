//! The programme for the browser. Building it needs ManageProgramme; the
//! published programme is public (deliberately no role check); an agenda
//! belongs to the signed-in person (ManageOwnRegistration).

use leptos::prelude::*;

use super::types::{
    AgendaView, ConflictView, Programme, SavedSession, SessionForm, SessionView, Timetable,
};
use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::{
    audit::Actor,
    auth::domain::Operation,
    auth::guard::{guarded, public},
};

/// Public: published sessions open to all, and cancelled ones, of one
/// day (`day`: `YYYY-MM-DD`; `all` for every day; by default today while
/// the edition runs, else its first day).
#[server(endpoint = "programme/public")]
pub async fn get_programme(edition_id: i64, day: Option<String>) -> Result<Programme, AppError> {
    public(|state| async move {
        let published = state
            .part::<crate::programme::cache::ProgrammeCache>()
            .published(&state.db, edition_id)
            .await?;
        let today = published.edition.clock.today();
        Ok(super::domain::one_day(
            &published.programme,
            day.as_deref(),
            today,
        ))
    })
    .await
}

#[server(endpoint = "programme/timetable")]
pub async fn get_timetable(edition_id: i64) -> Result<Timetable, AppError> {
    guarded(Operation::ManageProgramme, |state, _| async move {
        let db = &state.db;
        Ok(Timetable {
            programme: super::service::programme(
                db,
                edition_id,
                super::service::Audience::Organizers,
            )
            .await?,
            speakers: super::service::speaker_choices(db, edition_id).await?,
        })
    })
    .await
}

/// Creates (no `session_id`) or changes a session; answers with the
/// conflicts it is part of, which do not prevent saving.
#[server(endpoint = "programme/save")]
pub async fn save_session(
    edition_id: i64,
    session_id: Option<i64>,
    form: SessionForm,
) -> Result<SavedSession, AppError> {
    guarded(Operation::ManageProgramme, |state, caller| async move {
        let actor = &Actor::user(&caller);
        super::service::save_session(
            &state.db,
            actor,
            edition_id,
            session_id,
            &form,
            &state.public_url,
        )
        .await
    })
    .await
}

/// 409 `hard_conflicts` unless `confirm` when a room or speaker clashes.
#[server(endpoint = "programme/publish")]
pub async fn publish_session(
    edition_id: i64,
    session_id: i64,
    confirm: bool,
) -> Result<SavedSession, AppError> {
    guarded(Operation::ManageProgramme, |state, caller| async move {
        let actor = &Actor::user(&caller);
        super::service::publish_session(&state.db, actor, edition_id, session_id, confirm).await
    })
    .await
}

#[server(endpoint = "programme/cancel")]
pub async fn cancel_session(edition_id: i64, session_id: i64) -> Result<SessionView, AppError> {
    guarded(Operation::ManageProgramme, |state, caller| async move {
        let actor = &Actor::user(&caller);
        super::service::cancel_session(&state.db, actor, edition_id, session_id, &state.public_url)
            .await
    })
    .await
}

#[server(endpoint = "programme/delete")]
pub async fn delete_session(edition_id: i64, session_id: i64) -> Result<(), AppError> {
    guarded(Operation::ManageProgramme, |state, caller| async move {
        super::service::delete_draft(&state.db, &Actor::user(&caller), edition_id, session_id).await
    })
    .await
}

#[server(endpoint = "programme/conflicts")]
pub async fn list_conflicts(edition_id: i64) -> Result<Vec<ConflictView>, AppError> {
    guarded(Operation::ManageProgramme, |state, _| async move {
        let db = &state.db;
        let edition = super::service::load_edition(db, edition_id).await?;
        super::service::conflicts_of(db, &edition, None).await
    })
    .await
}

/// The caller's agenda, or nothing when they have no approved
/// registration for the edition (the programme page then shows no
/// booking buttons; signed out, it gets 401 and shows none either).
#[server(endpoint = "programme/my_agenda")]
pub async fn get_my_agenda(edition_id: i64) -> Result<Option<AgendaView>, AppError> {
    guarded(Operation::ManageOwnRegistration, |state, user| async move {
        match super::service::agenda(&state.db, &user.email, edition_id).await {
            Ok(agenda) => Ok(Some(agenda)),
            Err(AppError::NotFound | AppError::Conflict(_)) => Ok(None),
            Err(other) => Err(other),
        }
    })
    .await
}

#[server(endpoint = "programme/book")]
pub async fn book_session(edition_id: i64, session_id: i64) -> Result<AgendaView, AppError> {
    guarded(Operation::ManageOwnRegistration, |state, user| async move {
        let actor = &Actor::user(&user);
        super::service::add_to_agenda(&state.db, actor, &user.email, edition_id, session_id).await
    })
    .await
}

#[server(endpoint = "programme/unbook")]
pub async fn unbook_session(edition_id: i64, session_id: i64) -> Result<AgendaView, AppError> {
    guarded(Operation::ManageOwnRegistration, |state, user| async move {
        let actor = &Actor::user(&user);
        super::service::remove_from_agenda(&state.db, actor, &user.email, edition_id, session_id)
            .await
    })
    .await
}

/// A new secret feed address; the old one stops working.
#[server(endpoint = "programme/renew_feed")]
pub async fn renew_agenda_feed(edition_id: i64) -> Result<AgendaView, AppError> {
    guarded(Operation::ManageOwnRegistration, |state, user| async move {
        let actor = &Actor::user(&user);
        super::service::renew_agenda_feed(&state.db, actor, &user.email, edition_id).await
    })
    .await
}
