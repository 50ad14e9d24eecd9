//! Agreements for the browser. Coordinators and organizers read and keep
//! them (each function checks the role); a party's contact reads and
//! reports on their own agreements' activities. Structured inputs travel
//! as JSON (clauses, parties), the same bodies the API takes.

use leptos::prelude::*;
use server_fn::codec::Json;

use super::types::{
    ActivityInput, ActivityView, AgreementInput, AgreementSummary, AgreementView, Ceremony,
    Choices, CommentView, Comparison, Dashboard, DraftInput, InitiativeInput, InitiativeView,
    NoteInput, OutcomeReport, SigningInput, TemplateInput, TemplateView, TextInput, VersionView,
};
use crate::error::AppError;
use crate::paging::Paged;

#[cfg(feature = "ssr")]
use crate::{
    agreements::service::{
        self, activities, drafting, plans, reminders, report, signing, templates, versions,
    },
    agreements::types::{AgreementFilter, AgreementStatus, CommentInput, MoveInput},
    audit::Actor,
    auth::domain::Operation,
    auth::guard::guarded,
};

#[server(endpoint = "agreements/list")]
pub async fn load_agreements(
    #[server(default)] status: String,
    #[server(default)] q: String,
    #[server(default)] page: u32,
) -> Result<Paged<AgreementSummary>, AppError> {
    guarded(Operation::ViewAgreements, |state, _| async move {
        let filter = AgreementFilter {
            status: AgreementStatus::parse(&status).ok(),
            q: Some(q),
            page: Some(page.max(1)),
            ..Default::default()
        };
        drafting::list(&state.db, &filter).await
    })
    .await
}

#[server(endpoint = "agreements/choices")]
pub async fn load_choices() -> Result<Choices, AppError> {
    guarded(Operation::ViewAgreements, |state, _| async move {
        service::choices(&state.db).await
    })
    .await
}

#[server(endpoint = "agreements/create", input = Json)]
pub async fn create_agreement(input: DraftInput) -> Result<AgreementView, AppError> {
    guarded(Operation::KeepAgreements, |state, caller| async move {
        drafting::create(&state.db, &Actor::user(&caller), input).await
    })
    .await
}

#[server(endpoint = "agreements/one")]
pub async fn load_agreement(id: i64) -> Result<AgreementView, AppError> {
    guarded(Operation::ViewAgreements, |state, _| async move {
        drafting::get(&state.db, id).await
    })
    .await
}

#[server(endpoint = "agreements/text", input = Json)]
pub async fn save_agreement_text(id: i64, input: TextInput) -> Result<AgreementView, AppError> {
    guarded(Operation::KeepAgreements, |state, caller| async move {
        drafting::save_text(&state.db, &Actor::user(&caller), id, input).await
    })
    .await
}

#[server(endpoint = "agreements/particulars", input = Json)]
pub async fn save_particulars(id: i64, input: AgreementInput) -> Result<AgreementView, AppError> {
    guarded(Operation::KeepAgreements, |state, caller| async move {
        drafting::update(&state.db, &Actor::user(&caller), id, input).await
    })
    .await
}

#[server(endpoint = "agreements/move")]
pub async fn move_agreement(id: i64, to: String, version: i32) -> Result<AgreementView, AppError> {
    guarded(Operation::KeepAgreements, |state, caller| async move {
        let to = AgreementStatus::parse(&to).map_err(|code| AppError::field("to", code))?;
        let input = MoveInput {
            to: Some(to),
            version,
        };
        signing::move_to(&state.db, &Actor::user(&caller), id, input).await
    })
    .await
}

#[server(endpoint = "agreements/sign", input = Json)]
pub async fn record_signing(id: i64, input: SigningInput) -> Result<AgreementView, AppError> {
    guarded(Operation::KeepAgreements, |state, caller| async move {
        signing::sign(&state.db, &Actor::user(&caller), id, input).await
    })
    .await
}

#[server(endpoint = "agreements/versions")]
pub async fn load_versions(id: i64) -> Result<Vec<VersionView>, AppError> {
    guarded(Operation::ViewAgreements, |state, _| async move {
        versions::versions(&state.db, id).await
    })
    .await
}

#[server(endpoint = "agreements/compare")]
pub async fn compare_versions(id: i64, from: i32, to: i32) -> Result<Comparison, AppError> {
    guarded(Operation::ViewAgreements, |state, _| async move {
        versions::compare(&state.db, id, from, to).await
    })
    .await
}

/// The comments on a version (the latest when none is named).
#[server(endpoint = "agreements/comments")]
pub async fn load_comments(
    id: i64,
    #[server(default)] number: Option<i32>,
) -> Result<Vec<CommentView>, AppError> {
    guarded(Operation::ViewAgreements, |state, _| async move {
        let number = match number {
            Some(number) => number,
            None => service::find(&state.db, id).await?.latest_version,
        };
        versions::comments(&state.db, id, number).await
    })
    .await
}

#[server(endpoint = "agreements/comment")]
pub async fn add_comment(id: i64, number: i32, body: String) -> Result<CommentView, AppError> {
    guarded(Operation::ViewAgreements, |state, caller| async move {
        versions::add_comment(
            &state.db,
            &Actor::user(&caller),
            id,
            number,
            CommentInput { body },
        )
        .await
    })
    .await
}

#[server(endpoint = "agreements/contact-link")]
pub async fn send_contact_link(id: i64, party_id: i64) -> Result<(), AppError> {
    guarded(Operation::KeepAgreements, |state, caller| async move {
        reminders::send_contact_link(
            &state.db,
            &Actor::user(&caller),
            id,
            party_id,
            &state.public_url,
            &state.throttle,
        )
        .await
    })
    .await
}

#[server(endpoint = "agreements/activities")]
pub async fn load_activities(id: i64) -> Result<Vec<ActivityView>, AppError> {
    guarded(Operation::ViewAgreements, |state, _| async move {
        activities::list(&state.db, id).await
    })
    .await
}

#[server(endpoint = "agreements/activity", input = Json)]
pub async fn save_activity(
    id: i64,
    activity_id: Option<i64>,
    input: ActivityInput,
) -> Result<ActivityView, AppError> {
    guarded(Operation::KeepAgreements, |state, caller| async move {
        let actor = Actor::user(&caller);
        match activity_id {
            Some(activity_id) => {
                activities::update(&state.db, &actor, id, activity_id, input).await
            }
            None => activities::create(&state.db, &actor, id, input).await,
        }
    })
    .await
}

#[server(endpoint = "agreements/note", input = Json)]
pub async fn add_activity_note(
    id: i64,
    activity_id: i64,
    input: NoteInput,
) -> Result<ActivityView, AppError> {
    guarded(Operation::KeepAgreements, |state, caller| async move {
        activities::add_note(&state.db, &Actor::user(&caller), id, activity_id, input).await
    })
    .await
}

#[server(endpoint = "agreements/follow-up")]
pub async fn load_follow_up() -> Result<Dashboard, AppError> {
    guarded(Operation::ViewAgreements, |state, _| async move {
        let dashboard = state
            .part::<crate::agreements::cache::DashboardCache>()
            .dashboard(&state.db, activities::today())
            .await?;
        Ok(dashboard.as_ref().clone())
    })
    .await
}

#[server(endpoint = "agreements/outcome")]
pub async fn load_outcome(edition_id: i64) -> Result<OutcomeReport, AppError> {
    guarded(Operation::ViewAgreements, |state, _| async move {
        report::outcome(&state.db, edition_id, activities::today()).await
    })
    .await
}

#[server(endpoint = "agreements/ceremony")]
pub async fn load_ceremony(edition_id: i64) -> Result<Ceremony, AppError> {
    guarded(Operation::ViewAgreements, |state, _| async move {
        signing::ceremony(&state.db, edition_id).await
    })
    .await
}

#[server(endpoint = "agreements/template", input = Json)]
pub async fn save_template(
    id: Option<i64>,
    input: TemplateInput,
) -> Result<TemplateView, AppError> {
    guarded(Operation::KeepAgreements, |state, caller| async move {
        let actor = Actor::user(&caller);
        match id {
            Some(id) => templates::update(&state.db, &actor, id, input).await,
            None => templates::create(&state.db, &actor, input).await,
        }
    })
    .await
}

#[server(endpoint = "agreements/plans")]
pub async fn load_plans() -> Result<Vec<InitiativeView>, AppError> {
    guarded(Operation::ViewAgreements, |state, _| async move {
        plans::plan(&state.db, None, None).await
    })
    .await
}

#[server(endpoint = "agreements/initiative", input = Json)]
pub async fn save_initiative(
    id: Option<i64>,
    input: InitiativeInput,
) -> Result<InitiativeView, AppError> {
    guarded(Operation::KeepAgreements, |state, caller| async move {
        let actor = Actor::user(&caller);
        match id {
            Some(id) => plans::update(&state.db, &actor, id, input).await,
            None => plans::create(&state.db, &actor, input).await,
        }
    })
    .await
}

/// A party's contact: the activities of their agreements.
#[server(endpoint = "agreements/mine")]
pub async fn my_activities() -> Result<Vec<ActivityView>, AppError> {
    guarded(Operation::UpdateOwnActivities, |state, caller| async move {
        activities::own(&state.db, &caller.email).await
    })
    .await
}

#[server(endpoint = "agreements/my-note", input = Json)]
pub async fn add_my_note(activity_id: i64, input: NoteInput) -> Result<ActivityView, AppError> {
    guarded(Operation::UpdateOwnActivities, |state, caller| async move {
        activities::add_own_note(
            &state.db,
            &Actor::user(&caller),
            &caller.email,
            activity_id,
            input,
        )
        .await
    })
    .await
}
