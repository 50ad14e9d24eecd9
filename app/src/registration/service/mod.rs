//! Registrations in the database (server only), one file per verb:
//! submitting, reviewing, a person's own registration, the settings,
//! CSV and the visa letter. This file holds what they share: the edition
//! as registration sees it and the view of a row.

mod capacity;
mod csv;
mod own;
mod review;
mod settings;
mod submit;
mod summary;
mod visa;

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

pub use csv::{export_csv, import_invited};
pub use own::{add_member, cancel_own, link_letter, own_registrations, owned, update_own};
pub use review::{decide, get_registration, list_registrations, page_of_registrations};
pub use settings::{create_invitation, delete_invitation, get_settings, save_settings};
pub use submit::{
    register_delegation, registration_intro, registration_windows, submit_delegation,
};
pub use summary::registration_summary;
pub use visa::{visa_letter_for_owner, visa_letter_for_staff};

use super::domain::{edit_deadline, registration_window};
use super::entity::settings as stored_settings;
use super::entity::{delegation, registration};
use super::types::{Person, RegistrationStatus, RegistrationView};
use crate::credentials::service::{Badge, badge_enclosures};
use crate::directory::service::latin_names;
use crate::editions::domain::EditionClock;
use crate::editions::entity::edition;
use crate::editions::service::load_edition as load_edition_row;
use crate::error::{AppError, ErrorCode, Validator};
use crate::mail::letter::Recipient;
use crate::mail::types::Enclosures;

/// What a decision letter encloses: an approval shows the badge's QR and
/// attaches the Forum's dates; other decisions enclose nothing.
async fn decision_enclosures(
    db: &impl ConnectionTrait,
    model: &registration::Model,
    locale: crate::i18n::Locale,
) -> Result<Enclosures, AppError> {
    if model.status != RegistrationStatus::Approved {
        return Ok(Enclosures::default());
    }
    let badge = Badge {
        edition_id: model.edition_id,
        registration_id: model.id,
        version: model.badge_version,
    };
    badge_enclosures(db, badge, locale).await
}

/// An edition with what registration needs to know of it.
struct Edition {
    model: edition::Model,
    clock: EditionClock,
    settings: stored_settings::Model,
}

impl Edition {
    fn today(&self) -> NaiveDate {
        self.clock.today()
    }

    fn window(&self) -> Result<(), ErrorCode> {
        registration_window(
            self.model.status,
            self.settings.opens_on,
            self.settings.closes_on,
            self.today(),
        )
    }

    fn edit_deadline(&self) -> NaiveDate {
        edit_deadline(self.settings.edit_deadline, self.model.start_date)
    }

    /// Whether delegates may still change their registrations.
    fn editable(&self) -> bool {
        self.today() <= self.edit_deadline()
    }
}

/// Registration `id` of edition `edition_id`, as staff reach it (404
/// when it is another edition's).
pub async fn registration_in(
    db: &impl ConnectionTrait,
    edition_id: i64,
    id: i64,
) -> Result<registration::Model, AppError> {
    registration::Entity::find_by_id(id)
        .filter(registration::Column::EditionId.eq(edition_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Holds the edition's row until the transaction ends, so that places
/// and invitation caps are counted by one writer at a time: on PostgreSQL
/// a row lock (several processes may race for the last place); SQLite
/// has one writer anyway, and the clause is left out there.
async fn lock_edition(txn: &impl ConnectionTrait, edition_id: i64) -> Result<(), AppError> {
    edition::Entity::find_by_id(edition_id)
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(())
}

/// An edition's settings before an organizer saved any: open whenever
/// its status says so, no deadline of its own, anyone may register.
fn no_settings(edition_id: i64) -> stored_settings::Model {
    stored_settings::Model {
        edition_id,
        opens_on: None,
        closes_on: None,
        edit_deadline: None,
        invite_only: false,
    }
}

async fn load_edition(db: &impl ConnectionTrait, edition_id: i64) -> Result<Edition, AppError> {
    let edition = load_edition_row(db, edition_id).await?;
    let settings = stored_settings::Entity::find_by_id(edition_id)
        .one(db)
        .await?
        .unwrap_or_else(|| no_settings(edition_id));
    Ok(Edition {
        model: edition.model,
        clock: edition.clock,
        settings,
    })
}

fn view(
    m: registration::Model,
    edition: &Edition,
    member_names: &HashMap<i64, String>,
) -> Result<RegistrationView, AppError> {
    let erasure_requested = m.erasure_requested_at.is_some()
        && !m
            .email
            .ends_with(crate::registration::domain::ERASED_DOMAIN);
    Ok(RegistrationView {
        id: m.id,
        edition_id: m.edition_id,
        delegation_id: m.delegation_id,
        member_name: m
            .delegation_id
            .and_then(|id| member_names.get(&id).cloned()),
        category: m.category,
        status: m.status,
        name_native: m.name_native,
        name_latin: m.name_latin,
        honorific: m.honorific,
        position: m.position,
        organization: m.organization,
        email: m.email,
        phone: m.phone,
        languages: split_languages(&m.languages),
        interpretation: m.interpretation,
        dietary: m.dietary,
        access: m.access,
        arrival: m.arrival_at.map(|at| edition.clock.to_local(at)),
        departure: m.departure_at.map(|at| edition.clock.to_local(at)),
        decline_reason: m.decline_reason,
        consented: m.consent_at.is_some(),
        created_at: m.created_at,
        changed_since_approval: m
            .approved_values
            .as_deref()
            .and_then(|json| serde_json::from_str::<BTreeMap<String, String>>(json).ok())
            .map(|approved| approved.into_iter().collect())
            .unwrap_or_default(),
        erasure_requested,
    })
}

/// The Latin name of the member each of these delegations represents
/// (one query for the delegations, one for the names).
async fn member_names(
    db: &impl ConnectionTrait,
    delegation_ids: impl IntoIterator<Item = Option<i64>>,
) -> Result<HashMap<i64, String>, AppError> {
    let ids: Vec<i64> = delegation_ids.into_iter().flatten().collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let delegations = delegation::Entity::find()
        .filter(delegation::Column::Id.is_in(ids))
        .filter(delegation::Column::MemberId.is_not_null())
        .all(db)
        .await?;
    let names = latin_names(db, delegations.iter().filter_map(|d| d.member_id)).await?;
    Ok(delegations
        .into_iter()
        .filter_map(|d| Some((d.id, names.get(&d.member_id?)?.clone())))
        .collect())
}

/// One row's view, with only its own delegation's member looked up.
async fn view_one(
    db: &impl ConnectionTrait,
    m: registration::Model,
    edition: &Edition,
) -> Result<RegistrationView, AppError> {
    let names = member_names(db, [m.delegation_id]).await?;
    view(m, edition, &names)
}

/// Rows' views, the members of their delegations looked up at once.
async fn views(
    db: &impl ConnectionTrait,
    rows: Vec<registration::Model>,
    edition: &Edition,
) -> Result<Vec<RegistrationView>, AppError> {
    let names = member_names(db, rows.iter().map(|r| r.delegation_id)).await?;
    rows.into_iter().map(|m| view(m, edition, &names)).collect()
}

/// Languages are stored comma-separated.
pub(crate) fn split_languages(stored: &str) -> Vec<String> {
    stored
        .split(',')
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

pub(crate) fn recipient(m: &registration::Model) -> Recipient {
    Recipient {
        email: m.email.clone(),
        name_native: m.name_native.clone(),
        name_latin: m.name_latin.clone(),
        honorific: m.honorific.clone(),
        languages: split_languages(&m.languages),
    }
}

/// Arrival and departure, in UTC.
type Stay = (Option<DateTime<Utc>>, Option<DateTime<Utc>>);

/// A person's arrival and departure converted from the edition's zone;
/// a time that does not exist there is reported on `{prefix}arrival` or
/// `{prefix}departure`.
fn stay_in_utc(person: &Person, clock: &EditionClock, prefix: &str, v: &mut Validator) -> Stay {
    let mut convert = |field: &str, local: Option<chrono::NaiveDateTime>| {
        let at = local.map(|local| clock.to_utc(local)).transpose();
        v.check(&format!("{prefix}{field}"), at).flatten()
    };
    (
        convert("arrival", person.arrival),
        convert("departure", person.departure),
    )
}
