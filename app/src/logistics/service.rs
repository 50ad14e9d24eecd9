//! Reading and writing travel (server only). Every write runs in one
//! transaction with its audit entry; the audit log names a passport's
//! changed fields, never their values.

use std::collections::HashSet;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, PaginatorTrait,
    QueryFilter, QueryOrder, Set, TransactionSession, TransactionTrait,
};

use super::domain::{
    Itinerary, LEGS_MAX, number_ending, travel_warnings, validate_document, validate_leg,
};
use super::entity::{travel_document, travel_leg};
use super::types::{DocumentInput, DocumentOnFile, DocumentView, LegInput, LegView, TravelView};
use crate::audit::service::{Actor, Change, record};
use crate::db::now;
use crate::editions::domain::{EditionClock, format_local_minute};
use crate::editions::service::load_edition;
use crate::error::{AppError, ErrorCode};
use crate::programme::entity::{agenda_entry, session, session_person};
use crate::programme::types::SessionStatus;
use crate::registration::entity::registration;
use crate::registration::types::RegistrationStatus;

/// Who is asking: staff (registrars, organizers) see and change all of a
/// person's travel; the person (or their head) asks for legs and gives a
/// passport, but does not read it back whole nor change a booked leg.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Staff,
    Own,
}

fn leg_view(model: travel_leg::Model, clock: &EditionClock) -> LegView {
    LegView {
        id: model.id,
        registration_id: model.registration_id,
        direction: model.direction,
        mode: model.mode,
        carrier: model.carrier,
        number: model.number,
        elsewhere: model.elsewhere,
        place: model.place,
        terminal: model.terminal,
        scheduled_at: format_local_minute(clock.to_local(model.scheduled_at)),
        scheduled_utc: model.scheduled_at,
        confirmed: model.confirmed,
        updated_at: model.updated_at,
    }
}

fn document_view(model: travel_document::Model) -> DocumentView {
    DocumentView {
        passport_name: model.passport_name,
        passport_number: model.passport_number,
        issuing_country: model.issuing_country,
        nationality: model.nationality,
        expires_on: model.expires_on,
        born_on: model.born_on,
        updated_at: model.updated_at,
    }
}

/// What the person sees of the passport they gave.
fn on_file(model: &travel_document::Model) -> DocumentOnFile {
    DocumentOnFile {
        number_ends_with: number_ending(&model.passport_number),
        expires_on: model.expires_on,
        updated_at: model.updated_at,
    }
}

/// (start, end) of the published sessions the person booked or takes
/// part in.
async fn sessions_of(
    db: &impl ConnectionTrait,
    registration_id: i64,
) -> Result<Vec<(chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>)>, AppError> {
    let mut ids: HashSet<i64> = agenda_entry::Entity::find()
        .filter(agenda_entry::Column::RegistrationId.eq(registration_id))
        .all(db)
        .await?
        .into_iter()
        .map(|entry| entry.session_id)
        .collect();
    ids.extend(
        session_person::Entity::find()
            .filter(session_person::Column::RegistrationId.eq(registration_id))
            .all(db)
            .await?
            .into_iter()
            .map(|person| person.session_id),
    );
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(session::Entity::find()
        .filter(session::Column::Id.is_in(ids))
        .filter(session::Column::Status.eq(SessionStatus::Published))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.starts_at, s.ends_at))
        .collect())
}

/// One person's travel as `access` may see it.
pub async fn travel(
    db: &impl ConnectionTrait,
    person: &registration::Model,
    access: Access,
) -> Result<TravelView, AppError> {
    let edition = load_edition(db, person.edition_id).await?;
    let legs = travel_leg::Entity::find()
        .filter(travel_leg::Column::RegistrationId.eq(person.id))
        .order_by_asc(travel_leg::Column::ScheduledAt)
        .order_by_asc(travel_leg::Column::Id)
        .all(db)
        .await?;
    let document = travel_document::Entity::find_by_id(person.id)
        .one(db)
        .await?;
    let sessions = sessions_of(db, person.id).await?;
    let moments: Vec<_> = legs
        .iter()
        .map(|leg| (leg.direction, leg.scheduled_at, leg.confirmed))
        .collect();
    let warnings = travel_warnings(
        &Itinerary {
            legs: &moments,
            sessions: &sessions,
            passport_expires: document.as_ref().map(|d| d.expires_on),
        },
        edition.clock.last_day(),
    );
    Ok(TravelView {
        registration_id: person.id,
        document_on_file: document.as_ref().map(on_file),
        legs: legs
            .into_iter()
            .map(|leg| leg_view(leg, &edition.clock))
            .collect(),
        document: match access {
            Access::Staff => document.map(document_view),
            Access::Own => None,
        },
        warnings,
    })
}

/// A person's own changes stop once they cancelled or were declined.
fn open_to(person: &registration::Model, access: Access) -> Result<(), AppError> {
    let closed = matches!(
        person.status,
        RegistrationStatus::Cancelled | RegistrationStatus::Declined
    );
    if access == Access::Own && closed {
        return Err(AppError::Conflict(ErrorCode::RegistrationCancelled));
    }
    Ok(())
}

/// Adds a leg (`leg_id` None) or changes one. A person's leg is always a
/// request; a booked one is the organizers' to change.
pub async fn save_leg(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    person: &registration::Model,
    leg_id: Option<i64>,
    mut input: LegInput,
    access: Access,
) -> Result<LegView, AppError> {
    open_to(person, access)?;
    if access == Access::Own {
        input.confirmed = false;
    }
    let edition = load_edition(db, person.edition_id).await?;
    let (input, at) = validate_leg(input, &edition.clock)?;
    let txn = db.begin().await?;
    let before = match leg_id {
        Some(id) => Some(leg_of(&txn, person.id, id, access).await?),
        None => {
            let count = travel_leg::Entity::find()
                .filter(travel_leg::Column::RegistrationId.eq(person.id))
                .count(&txn)
                .await?;
            if count >= LEGS_MAX as u64 {
                return Err(AppError::field("legs", ErrorCode::TooMany));
            }
            None
        }
    };
    let row = travel_leg::ActiveModel {
        id: before.as_ref().map_or(NotSet, |b| Set(b.id)),
        edition_id: Set(person.edition_id),
        registration_id: Set(person.id),
        direction: Set(input.direction),
        mode: Set(input.mode),
        carrier: Set(input.carrier),
        number: Set(input.number),
        elsewhere: Set(input.elsewhere),
        place: Set(input.place),
        terminal: Set(input.terminal),
        scheduled_at: Set(at),
        confirmed: Set(input.confirmed),
        updated_at: Set(now()),
    };
    let before = before.map(|leg| leg_view(leg, &edition.clock));
    let saved = match before {
        Some(_) => row.update(&txn).await?,
        None => row.insert(&txn).await?,
    };
    let view = leg_view(saved, &edition.clock);
    let mut change = Change::new(
        if before.is_some() {
            "updated"
        } else {
            "created"
        },
        "travel_leg",
        view.id,
    )
    .edition(person.edition_id)
    .after(&view);
    if let Some(before) = &before {
        change = change.before(before);
    }
    record(&txn, actor, change).await?;
    txn.commit().await?;
    Ok(view)
}

/// Leg `id` of the person, if `access` may change it.
async fn leg_of(
    db: &impl ConnectionTrait,
    registration_id: i64,
    id: i64,
    access: Access,
) -> Result<travel_leg::Model, AppError> {
    let leg = travel_leg::Entity::find_by_id(id)
        .filter(travel_leg::Column::RegistrationId.eq(registration_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if access == Access::Own && leg.confirmed {
        return Err(AppError::Conflict(ErrorCode::LegConfirmed));
    }
    Ok(leg)
}

/// Removes a leg (a person: only one still requested).
pub async fn delete_leg(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    person: &registration::Model,
    leg_id: i64,
    access: Access,
) -> Result<(), AppError> {
    open_to(person, access)?;
    let edition = load_edition(db, person.edition_id).await?;
    let txn = db.begin().await?;
    let leg = leg_of(&txn, person.id, leg_id, access).await?;
    travel_leg::Entity::delete_by_id(leg.id).exec(&txn).await?;
    let gone = leg_view(leg, &edition.clock);
    record(
        &txn,
        actor,
        Change::new("deleted", "travel_leg", leg_id)
            .edition(person.edition_id)
            .before(&gone),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Keeps the person's passport, replacing any before. The audit entry
/// names the fields that changed, not what they hold.
pub async fn save_document(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    person: &registration::Model,
    input: DocumentInput,
    access: Access,
) -> Result<DocumentOnFile, AppError> {
    open_to(person, access)?;
    let edition = load_edition(db, person.edition_id).await?;
    let (input, expires_on, born_on) = validate_document(input, edition.clock.today())?;
    let txn = db.begin().await?;
    let before = travel_document::Entity::find_by_id(person.id)
        .one(&txn)
        .await?;
    let row = travel_document::ActiveModel {
        registration_id: Set(person.id),
        passport_name: Set(input.passport_name),
        passport_number: Set(input.passport_number),
        issuing_country: Set(input.issuing_country),
        nationality: Set(input.nationality),
        expires_on: Set(expires_on),
        born_on: Set(born_on),
        updated_at: Set(now()),
    };
    let saved = match &before {
        Some(_) => row.update(&txn).await?,
        None => row.insert(&txn).await?,
    };
    let changed = changed_fields(before.as_ref(), &saved);
    record(
        &txn,
        actor,
        Change::new("saved", "travel_document", person.id)
            .edition(person.edition_id)
            .after(&serde_json::json!({ "changed": changed })),
    )
    .await?;
    txn.commit().await?;
    Ok(on_file(&saved))
}

/// A passport field's value as text, for comparing two versions.
type FieldText = fn(&travel_document::Model) -> String;

/// The names of the passport's fields that differ from before.
fn changed_fields(
    before: Option<&travel_document::Model>,
    after: &travel_document::Model,
) -> Vec<&'static str> {
    let fields: [(&str, FieldText); 6] = [
        ("passport_name", |d| d.passport_name.clone()),
        ("passport_number", |d| d.passport_number.clone()),
        ("issuing_country", |d| d.issuing_country.clone()),
        ("nationality", |d| d.nationality.clone()),
        ("expires_on", |d| d.expires_on.to_string()),
        ("born_on", |d| d.born_on.to_string()),
    ];
    fields
        .into_iter()
        .filter(|(_, value)| before.is_none_or(|b| value(b) != value(after)))
        .map(|(name, _)| name)
        .collect()
}
