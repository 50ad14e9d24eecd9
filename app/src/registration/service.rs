//! Registrations in the database (server only).

use chrono::{NaiveDateTime, TimeZone, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, QueryFilter, QueryOrder,
    Set, TransactionSession, TransactionTrait,
};

use super::domain::{Delegation, initial_status};
use super::entity::{delegation, registration};
use super::mail::registration_received;
use super::types::{Category, Person, RegistrationStatus, RegistrationView};
use crate::db::{internal, now, unique_or_internal};
use crate::editions::domain::parse_time_zone;
use crate::editions::entity::edition;
use crate::editions::types::EditionStatus;
use crate::error::{AppError, Validator};

fn view(m: registration::Model) -> Result<RegistrationView, AppError> {
    Ok(RegistrationView {
        id: m.id,
        edition_id: m.edition_id,
        delegation_id: m.delegation_id,
        category: Category::parse(&m.category).ok_or(AppError::Internal)?,
        status: RegistrationStatus::parse(&m.status).ok_or(AppError::Internal)?,
        name_native: m.name_native,
        name_latin: m.name_latin,
        email: m.email,
    })
}

/// A local time in the edition's zone as UTC; a time that does not exist
/// there (the hour skipped by daylight saving) is refused.
fn to_utc(
    local: Option<NaiveDateTime>,
    zone: chrono_tz::Tz,
) -> Result<Option<chrono::DateTime<Utc>>, String> {
    match local {
        None => Ok(None),
        Some(local) => zone
            .from_local_datetime(&local)
            .earliest()
            .map(|at| Some(at.with_timezone(&Utc)))
            .ok_or_else(|| "invalid_datetime".to_owned()),
    }
}

/// Registers a head and their delegation in one transaction: all of them
/// or none. A person already registered for the edition is reported on
/// their row.
pub async fn register_delegation(
    db: &(impl ConnectionTrait + TransactionTrait),
    edition_id: i64,
    member_id: Option<i64>,
    submission: Delegation,
) -> Result<Vec<RegistrationView>, AppError> {
    let txn = db.begin().await.map_err(internal)?;
    let edition = edition::Entity::find_by_id(edition_id)
        .one(&txn)
        .await
        .map_err(internal)?
        .ok_or(AppError::NotFound)?;
    if edition.status != EditionStatus::RegistrationOpen.as_str() {
        return Err(AppError::Conflict("registration_closed".into()));
    }
    let zone = parse_time_zone(&edition.time_zone).map_err(|_| AppError::Internal)?;

    let people: Vec<(String, Person)> = std::iter::once((String::new(), submission.head))
        .chain(
            submission
                .members
                .into_iter()
                .enumerate()
                .map(|(i, p)| (format!("members.{i}."), p)),
        )
        .collect();
    let emails: Vec<String> = people.iter().map(|(_, p)| p.email.clone()).collect();
    let taken: Vec<String> = registration::Entity::find()
        .filter(registration::Column::EditionId.eq(edition_id))
        .filter(registration::Column::Email.is_in(emails))
        .all(&txn)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|r| r.email)
        .collect();
    let mut v = Validator::new();
    let mut rows = Vec::new();
    for (prefix, person) in people {
        if taken.contains(&person.email) {
            v.add(&format!("{prefix}email"), "already_registered");
        }
        let arrival = v.check(&format!("{prefix}arrival"), to_utc(person.arrival, zone));
        let departure = v.check(
            &format!("{prefix}departure"),
            to_utc(person.departure, zone),
        );
        rows.push((person, arrival.flatten(), departure.flatten()));
    }
    v.finish()?;

    let at = now();
    let delegation_id = if rows.len() > 1 || member_id.is_some() {
        let d = delegation::ActiveModel {
            id: NotSet,
            edition_id: Set(edition_id),
            member_id: Set(member_id),
            created_at: Set(at),
        }
        .insert(&txn)
        .await
        .map_err(internal)?;
        Some(d.id)
    } else {
        None
    };
    let mut created = Vec::new();
    for (person, arrival_at, departure_at) in rows {
        // Capacity per category comes with the capacity settings.
        let status = initial_status(None, 0);
        // Queued in the same transaction: no registration without its letter.
        crate::mail::service::enqueue(&txn, registration_received(&person, &edition.title)).await?;
        let model = registration::ActiveModel {
            id: NotSet,
            edition_id: Set(edition_id),
            delegation_id: Set(delegation_id),
            name_native: Set(person.name_native),
            name_latin: Set(person.name_latin),
            honorific: Set(person.honorific),
            position: Set(person.position),
            organization: Set(person.organization),
            email: Set(person.email),
            phone: Set(person.phone),
            category: Set(person.category.as_str().to_owned()),
            languages: Set(person.languages.join(",")),
            interpretation: Set(person.interpretation),
            dietary: Set(person.dietary),
            access: Set(person.access),
            arrival_at: Set(arrival_at),
            departure_at: Set(departure_at),
            status: Set(status.as_str().to_owned()),
            decline_reason: Set(None),
            consent_at: Set(at),
            created_at: Set(at),
            updated_at: Set(at),
        }
        .insert(&txn)
        .await
        // Two submissions racing for one e-mail: the index decides.
        .map_err(|err| unique_or_internal(err, "email", "already_registered"))?;
        created.push(view(model)?);
    }
    txn.commit().await.map_err(internal)?;
    Ok(created)
}

/// The registrations of an edition, oldest first.
pub async fn list_registrations(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<Vec<RegistrationView>, AppError> {
    registration::Entity::find()
        .filter(registration::Column::EditionId.eq(edition_id))
        .order_by_asc(registration::Column::Id)
        .all(db)
        .await
        .map_err(internal)?
        .into_iter()
        .map(view)
        .collect()
}
