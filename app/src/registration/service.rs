//! Registrations in the database (server only).

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, NotSet,
    PaginatorTrait, QueryFilter, QueryOrder, Set, TransactionSession, TransactionTrait,
};

use super::domain::{
    Delegation, Settings, check_decision, decision_reason, edit_deadline, initial_status,
    matches_search, registration_window,
};
use super::entity::{capacity, delegation, invitation, registration, settings};
use super::letter::{VisaLetter, render};
use super::mail::{Recipient, decision_made, registration_received, sign_in_link, sign_in_url};
use super::spreadsheet::{export, read_import};
use super::types::{
    CapacityView, Category, Decision, InvitationView, OwnRegistration, Person, PersonForm,
    RegistrationFilter, RegistrationIntro, RegistrationSettingsView, RegistrationStatus,
    RegistrationView,
};
use crate::auth::domain::normalize_email;
use crate::auth::service::{create_sign_in_link, readable_code};
use crate::db::{now, unique_or_internal};
use crate::directory::entity::member;
use crate::directory::service::{latin_names, search_key};
use crate::editions::domain::parse_time_zone;
use crate::editions::entity::edition;
use crate::editions::types::EditionStatus;
use crate::error::{AppError, Validator};
use crate::mail::service::enqueue;

/// Statuses that hold a place in a category or an invitation.
const HOLDING_A_PLACE: [&str; 2] = ["submitted", "approved"];

/// An edition with what registration needs to know of it.
struct Edition {
    model: edition::Model,
    zone: Tz,
    settings: settings::Model,
}

impl Edition {
    fn today(&self) -> NaiveDate {
        Utc::now().with_timezone(&self.zone).date_naive()
    }

    fn status(&self) -> EditionStatus {
        EditionStatus::parse(&self.model.status).unwrap_or_default()
    }

    fn window(&self) -> Result<(), String> {
        registration_window(
            self.status(),
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

    fn local(&self, at: Option<chrono::DateTime<Utc>>) -> Option<NaiveDateTime> {
        at.map(|at| at.with_timezone(&self.zone).naive_local())
    }
}

async fn load_edition(db: &impl ConnectionTrait, edition_id: i64) -> Result<Edition, AppError> {
    let model = edition::Entity::find_by_id(edition_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let zone = parse_time_zone(&model.time_zone).map_err(AppError::internal)?;
    let settings = settings::Entity::find_by_id(edition_id)
        .one(db)
        .await?
        .unwrap_or(settings::Model {
            edition_id,
            opens_on: None,
            closes_on: None,
            edit_deadline: None,
            invite_only: false,
        });
    Ok(Edition {
        model,
        zone,
        settings,
    })
}

fn view(
    m: registration::Model,
    edition: &Edition,
    member_names: &HashMap<i64, String>,
) -> Result<RegistrationView, AppError> {
    Ok(RegistrationView {
        id: m.id,
        edition_id: m.edition_id,
        delegation_id: m.delegation_id,
        member_name: m
            .delegation_id
            .and_then(|id| member_names.get(&id).cloned()),
        category: Category::parse(&m.category).ok_or(AppError::Internal)?,
        status: RegistrationStatus::parse(&m.status).ok_or(AppError::Internal)?,
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
        arrival: edition.local(m.arrival_at),
        departure: edition.local(m.departure_at),
        decline_reason: m.decline_reason,
        consented: m.consent_at.is_some(),
        created_at: m.created_at,
    })
}

/// The Latin name of the member each delegation of the edition represents.
async fn member_names(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<HashMap<i64, String>, AppError> {
    let delegations = delegation::Entity::find()
        .filter(delegation::Column::EditionId.eq(edition_id))
        .filter(delegation::Column::MemberId.is_not_null())
        .all(db)
        .await?;
    let names = latin_names(db, delegations.iter().filter_map(|d| d.member_id)).await?;
    Ok(delegations
        .into_iter()
        .filter_map(|d| Some((d.id, names.get(&d.member_id?)?.clone())))
        .collect())
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

/// A local time in the edition's zone as UTC; a time that does not exist
/// there (the hour skipped by daylight saving) is refused.
fn to_utc(local: Option<NaiveDateTime>, zone: Tz) -> Result<Option<chrono::DateTime<Utc>>, String> {
    match local {
        None => Ok(None),
        Some(local) => zone
            .from_local_datetime(&local)
            .earliest()
            .map(|at| Some(at.with_timezone(&Utc)))
            .ok_or_else(|| "invalid_datetime".to_owned()),
    }
}

/// Arrival and departure, in UTC.
type Stay = (Option<chrono::DateTime<Utc>>, Option<chrono::DateTime<Utc>>);

/// A person's arrival and departure converted from the edition's zone;
/// a time that does not exist there is reported on `{prefix}arrival` or
/// `{prefix}departure`.
fn stay_in_utc(person: &Person, zone: Tz, prefix: &str, v: &mut Validator) -> Stay {
    let arrival = v.check(&format!("{prefix}arrival"), to_utc(person.arrival, zone));
    let departure = v.check(
        &format!("{prefix}departure"),
        to_utc(person.departure, zone),
    );
    (arrival.flatten(), departure.flatten())
}

/// A new delegation of the edition, headed by whoever registers it.
async fn new_delegation(
    txn: &impl ConnectionTrait,
    edition_id: i64,
    member_id: Option<i64>,
    head_email: &str,
    invitation_id: Option<i64>,
) -> Result<delegation::Model, AppError> {
    delegation::ActiveModel {
        id: NotSet,
        edition_id: Set(edition_id),
        member_id: Set(member_id),
        head_email: Set(head_email.to_owned()),
        created_at: Set(now()),
        invitation_id: Set(invitation_id),
    }
    .insert(txn)
    .await
    .map_err(AppError::from)
}

/// How many registrations hold a place in each capped category.
async fn places_taken(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<HashMap<String, (u32, u32)>, AppError> {
    let caps = capacity::Entity::find()
        .filter(capacity::Column::EditionId.eq(edition_id))
        .all(db)
        .await?;
    let mut places = HashMap::new();
    for cap in caps {
        let taken = registration::Entity::find()
            .filter(registration::Column::EditionId.eq(edition_id))
            .filter(registration::Column::Category.eq(cap.category.as_str()))
            .filter(registration::Column::Status.is_in(HOLDING_A_PLACE))
            .count(db)
            .await?;
        places.insert(
            cap.category,
            (
                cap.capacity.max(0) as u32,
                u32::try_from(taken).unwrap_or(u32::MAX),
            ),
        );
    }
    Ok(places)
}

/// People registered with an invitation who still hold a place.
async fn invitation_used(db: &impl ConnectionTrait, invitation_id: i64) -> Result<u32, AppError> {
    let delegations: Vec<i64> = delegation::Entity::find()
        .filter(delegation::Column::InvitationId.eq(invitation_id))
        .all(db)
        .await?
        .into_iter()
        .map(|d| d.id)
        .collect();
    let used = registration::Entity::find()
        .filter(registration::Column::DelegationId.is_in(delegations))
        .filter(registration::Column::Status.is_in(HOLDING_A_PLACE))
        .count(db)
        .await?;
    Ok(u32::try_from(used).unwrap_or(u32::MAX))
}

/// How a person came to be registered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    /// Registered on the form, consenting there.
    Form,
    /// Invited by the organizers (CSV import): approved, consent pending.
    Invited,
}

/// Stores one person with their letter (queued in the same transaction:
/// no registration without its letter) carrying a sign-in link to their
/// own page.
async fn insert_person(
    txn: &impl ConnectionTrait,
    edition: &Edition,
    delegation_id: i64,
    (person, (arrival_at, departure_at)): (Person, Stay),
    status: RegistrationStatus,
    origin: Origin,
    public_url: &str,
) -> Result<registration::Model, AppError> {
    let secret = create_sign_in_link(txn, &person.email).await?;
    let link = sign_in_url(public_url, &secret);
    let to = Recipient::from(&person);
    let letter = match origin {
        Origin::Form => registration_received(&to, &edition.model.title, &link),
        Origin::Invited => decision_made(&to, &edition.model.title, status, None, &link),
    };
    enqueue(txn, letter).await?;
    let at = now();
    registration::ActiveModel {
        id: NotSet,
        edition_id: Set(edition.model.id),
        delegation_id: Set(Some(delegation_id)),
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
        consent_at: Set((origin == Origin::Form).then_some(at)),
        created_at: Set(at),
        updated_at: Set(at),
    }
    .insert(txn)
    .await
    // Two submissions racing for one e-mail: the index decides.
    .map_err(|err| unique_or_internal(err, "email", "already_registered"))
}

/// The status each new person gets: past their category's capacity they
/// wait. `places` is updated as places are given.
fn assign_status(
    places: &mut HashMap<String, (u32, u32)>,
    category: Category,
) -> RegistrationStatus {
    match places.get_mut(category.as_str()) {
        Some((capacity, taken)) => {
            let status = initial_status(Some(*capacity), *taken);
            if status != RegistrationStatus::Waitlisted {
                *taken += 1;
            }
            status
        }
        None => initial_status(None, 0),
    }
}

/// Registers a head and their delegation in one transaction: all of them
/// or none. A person already registered for the edition is reported on
/// their row. An invitation code names the member and may cap the size.
pub async fn register_delegation(
    db: &(impl ConnectionTrait + TransactionTrait),
    edition_id: i64,
    member_id: Option<i64>,
    invitation_code: &str,
    submission: Delegation,
    public_url: &str,
) -> Result<Vec<RegistrationView>, AppError> {
    let txn = db.begin().await?;
    let edition = load_edition(&txn, edition_id).await?;
    edition.window().map_err(AppError::Conflict)?;

    let size = 1 + submission.members.len() as u32;
    let code = invitation_code.trim().to_uppercase();
    let invitation = if code.is_empty() {
        if edition.settings.invite_only {
            return Err(AppError::field("invitation_code", "invitation_required"));
        }
        None
    } else {
        let found = invitation::Entity::find()
            .filter(invitation::Column::EditionId.eq(edition_id))
            .filter(invitation::Column::Code.eq(code))
            .one(&txn)
            .await?
            .ok_or_else(|| AppError::field("invitation_code", "unknown_invitation"))?;
        if let Some(max) = found.max_size {
            let used = invitation_used(&txn, found.id).await?;
            if used + size > max.max(0) as u32 {
                return Err(AppError::field("members", "delegation_too_large"));
            }
        }
        Some(found)
    };
    let member_id = match &invitation {
        Some(invitation) => Some(invitation.member_id),
        None => match member_id {
            Some(id) => Some(
                member::Entity::find_by_id(id)
                    .one(&txn)
                    .await?
                    .ok_or_else(|| AppError::field("member_id", "unknown_member"))?
                    .id,
            ),
            None => None,
        },
    };

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
        .await?
        .into_iter()
        .map(|r| r.email)
        .collect();
    let mut v = Validator::new();
    let mut stays = Vec::new();
    for (prefix, person) in &people {
        if taken.contains(&person.email) {
            v.add(&format!("{prefix}email"), "already_registered");
        }
        stays.push(stay_in_utc(person, edition.zone, prefix, &mut v));
    }
    v.finish()?;

    let delegation = new_delegation(
        &txn,
        edition_id,
        member_id,
        &people[0].1.email,
        invitation.as_ref().map(|i| i.id),
    )
    .await?;
    let mut places = places_taken(&txn, edition_id).await?;
    let mut created = Vec::new();
    for ((_, person), stay) in people.into_iter().zip(stays) {
        let status = assign_status(&mut places, person.category);
        created.push(
            insert_person(
                &txn,
                &edition,
                delegation.id,
                (person, stay),
                status,
                Origin::Form,
                public_url,
            )
            .await?,
        );
    }
    let names = member_names(&txn, edition_id).await?;
    let views = created
        .into_iter()
        .map(|m| view(m, &edition, &names))
        .collect::<Result<Vec<_>, _>>()?;
    txn.commit().await?;
    Ok(views)
}

/// What the public registration page shows before anyone types.
pub async fn registration_intro(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<RegistrationIntro, AppError> {
    let edition = load_edition(db, edition_id).await?;
    let members = member::Entity::find()
        .order_by_asc(member::Column::NameLatin)
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m.name_latin, m.name_native))
        .collect();
    Ok(RegistrationIntro {
        edition_id,
        closed_reason: edition.window().err(),
        opens_on: edition.settings.opens_on,
        closes_on: edition.settings.closes_on,
        invite_only: edition.settings.invite_only,
        title: edition.model.title,
        venue: edition.model.venue,
        start_date: edition.model.start_date,
        end_date: edition.model.end_date,
        time_zone: edition.model.time_zone,
        members,
    })
}

/// The registrations of an edition matching the filter, oldest first.
pub async fn list_registrations(
    db: &impl ConnectionTrait,
    edition_id: i64,
    filter: &RegistrationFilter,
) -> Result<Vec<RegistrationView>, AppError> {
    let edition = load_edition(db, edition_id).await?;
    let mut query = registration::Entity::find()
        .filter(registration::Column::EditionId.eq(edition_id))
        .order_by_asc(registration::Column::Id);
    if let Some(status) = filter.status {
        query = query.filter(registration::Column::Status.eq(status.as_str()));
    }
    if let Some(category) = filter.category {
        query = query.filter(registration::Column::Category.eq(category.as_str()));
    }
    let names = member_names(db, edition_id).await?;
    let key = search_key(filter.q.as_deref().unwrap_or("").trim());
    let mut found = Vec::new();
    for model in query.all(db).await? {
        let view = view(model, &edition, &names)?;
        // Accent-insensitive matching is done here, the same way on
        // SQLite and PostgreSQL.
        if matches_search(&view, &key, search_key) {
            found.push(view);
        }
    }
    Ok(found)
}

pub async fn get_registration(
    db: &impl ConnectionTrait,
    edition_id: i64,
    id: i64,
) -> Result<RegistrationView, AppError> {
    let edition = load_edition(db, edition_id).await?;
    let model = registration::Entity::find_by_id(id)
        .filter(registration::Column::EditionId.eq(edition_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    view(model, &edition, &member_names(db, edition_id).await?)
}

/// Approves, waitlists or declines registrations, all of them or none.
/// Each person is told by e-mail. Approving someone from the waitlist is
/// refused while their category is full.
pub async fn decide(
    db: &(impl ConnectionTrait + TransactionTrait),
    edition_id: i64,
    ids: &[i64],
    decision: Decision,
    reason: &str,
    public_url: &str,
) -> Result<Vec<RegistrationView>, AppError> {
    let reason = decision_reason(decision, reason)?;
    if ids.is_empty() {
        return Err(AppError::field("registrations", "none_selected"));
    }
    let txn = db.begin().await?;
    let edition = load_edition(&txn, edition_id).await?;
    let rows = registration::Entity::find()
        .filter(registration::Column::EditionId.eq(edition_id))
        .filter(registration::Column::Id.is_in(ids.iter().copied()))
        .order_by_asc(registration::Column::Id)
        .all(&txn)
        .await?;
    if rows.len() != ids.iter().collect::<std::collections::HashSet<_>>().len() {
        return Err(AppError::NotFound);
    }
    let mut places = places_taken(&txn, edition_id).await?;
    let mut v = Validator::new();
    for row in &rows {
        let field = format!("registrations.{}", row.id);
        let from = RegistrationStatus::parse(&row.status).ok_or(AppError::Internal)?;
        if let Err(code) = check_decision(from, decision) {
            v.add(&field, code);
            continue;
        }
        let holds = HOLDING_A_PLACE.contains(&row.status.as_str());
        let will_hold = decision == Decision::Approve;
        if let Some((capacity, taken)) = places.get_mut(&row.category) {
            if will_hold && !holds {
                if *taken >= *capacity {
                    v.add(&field, "category_full");
                } else {
                    *taken += 1;
                }
            } else if holds && !will_hold {
                *taken = taken.saturating_sub(1);
            }
        }
    }
    v.finish()?;

    let names = member_names(&txn, edition_id).await?;
    let mut decided = Vec::new();
    for row in rows {
        let to = recipient(&row);
        let mut active = row.into_active_model();
        active.status = Set(decision.status().as_str().to_owned());
        active.decline_reason = Set(reason.clone());
        active.updated_at = Set(now());
        let model = active.update(&txn).await?;
        let secret = create_sign_in_link(&txn, &model.email).await?;
        enqueue(
            &txn,
            decision_made(
                &to,
                &edition.model.title,
                decision.status(),
                reason.as_deref(),
                &sign_in_url(public_url, &secret),
            ),
        )
        .await?;
        decided.push(view(model, &edition, &names)?);
    }
    txn.commit().await?;
    Ok(decided)
}

/// The registration `id` if the signed-in `email` may change it: their
/// own, or one of the delegation they head.
async fn owned(
    db: &impl ConnectionTrait,
    email: &str,
    id: i64,
) -> Result<(registration::Model, bool), AppError> {
    let model = registration::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if model.email == email {
        return Ok((model, true));
    }
    let heads = match model.delegation_id {
        Some(d) => delegation::Entity::find_by_id(d)
            .one(db)
            .await?
            .is_some_and(|d| d.head_email == email),
        None => false,
    };
    if heads {
        Ok((model, false))
    } else {
        // Not revealing that someone else's registration exists.
        Err(AppError::NotFound)
    }
}

/// Everything the signed-in person registered, with their delegations.
pub async fn own_registrations(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Vec<OwnRegistration>, AppError> {
    let mine = registration::Entity::find()
        .filter(registration::Column::Email.eq(email))
        .order_by_desc(registration::Column::Id)
        .all(db)
        .await?;
    let mut own = Vec::new();
    for me in mine {
        let edition = load_edition(db, me.edition_id).await?;
        let names = member_names(db, me.edition_id).await?;
        let heads = match me.delegation_id {
            Some(d) => delegation::Entity::find_by_id(d)
                .one(db)
                .await?
                .filter(|d| d.head_email == email),
            None => None,
        };
        let mut others = Vec::new();
        if let Some(d) = heads {
            for m in registration::Entity::find()
                .filter(registration::Column::DelegationId.eq(d.id))
                .filter(registration::Column::Id.ne(me.id))
                .order_by_asc(registration::Column::Id)
                .all(db)
                .await?
            {
                others.push(view(m, &edition, &names)?);
            }
        }
        own.push(OwnRegistration {
            edition_title: edition.model.title.clone(),
            editable: edition.editable(),
            edit_deadline: edition.edit_deadline(),
            me: view(me, &edition, &names)?,
            delegation: others,
        });
    }
    Ok(own)
}

/// A person changes their details, or a head those of their delegation,
/// until the edition's edit deadline. One's own e-mail stays (it is how
/// one signs in); only the head is head of delegation.
pub async fn update_own(
    db: &impl ConnectionTrait,
    email: &str,
    id: i64,
    form: &PersonForm,
) -> Result<RegistrationView, AppError> {
    let (model, is_self) = owned(db, email, id).await?;
    let edition = load_edition(db, model.edition_id).await?;
    if model.status == RegistrationStatus::Cancelled.as_str() {
        return Err(AppError::Conflict("registration_cancelled".into()));
    }
    if !edition.editable() {
        return Err(AppError::Conflict("edit_deadline_passed".into()));
    }
    let mut form = form.clone();
    if is_self {
        form.email = model.email.clone();
    }
    let mut v = Validator::new();
    let person = form.parse("", &mut v);
    if !is_self && form.category.trim() == Category::HeadOfDelegation.as_str() {
        v.add("category", "one_head_per_delegation");
    }
    let stay = person
        .as_ref()
        .map(|p| stay_in_utc(p, edition.zone, "", &mut v));
    v.finish()?;
    let (person, (arrival, departure)) = person.zip(stay).ok_or(AppError::Internal)?;
    let mut active = model.into_active_model();
    active.name_native = Set(person.name_native);
    active.name_latin = Set(person.name_latin);
    active.honorific = Set(person.honorific);
    active.position = Set(person.position);
    active.organization = Set(person.organization);
    active.email = Set(person.email);
    active.phone = Set(person.phone);
    active.category = Set(person.category.as_str().to_owned());
    active.languages = Set(person.languages.join(","));
    active.interpretation = Set(person.interpretation);
    active.dietary = Set(person.dietary);
    active.access = Set(person.access);
    active.arrival_at = Set(arrival);
    active.departure_at = Set(departure);
    active.updated_at = Set(now());
    let model = active
        .update(db)
        .await
        .map_err(|err| unique_or_internal(err, "email", "already_registered"))?;
    // A speaker's name is in the programme.
    crate::editions::service::touch_programme(db, Some(edition.model.id)).await?;
    view(model, &edition, &member_names(db, edition.model.id).await?)
}

/// Cancels one's own registration, or one of the delegation one heads,
/// until the edition's last day. The place goes back to the category.
pub async fn cancel_own(
    db: &impl ConnectionTrait,
    email: &str,
    id: i64,
) -> Result<RegistrationView, AppError> {
    let (model, _) = owned(db, email, id).await?;
    let edition = load_edition(db, model.edition_id).await?;
    if edition.today() > edition.model.end_date {
        return Err(AppError::Conflict("edition_over".into()));
    }
    if model.status == RegistrationStatus::Cancelled.as_str() {
        return view(model, &edition, &member_names(db, edition.model.id).await?);
    }
    let mut active = model.into_active_model();
    active.status = Set(RegistrationStatus::Cancelled.as_str().to_owned());
    active.updated_at = Set(now());
    let model = active.update(db).await?;
    view(model, &edition, &member_names(db, edition.model.id).await?)
}

/// A head adds a person to their delegation before the edit deadline,
/// within the invitation's cap and the category's capacity.
pub async fn add_member(
    db: &(impl ConnectionTrait + TransactionTrait),
    email: &str,
    delegation_id: i64,
    form: &PersonForm,
    public_url: &str,
) -> Result<RegistrationView, AppError> {
    let txn = db.begin().await?;
    let found = delegation::Entity::find_by_id(delegation_id)
        .one(&txn)
        .await?
        .filter(|d| d.head_email == email)
        .ok_or(AppError::NotFound)?;
    let edition = load_edition(&txn, found.edition_id).await?;
    if !edition.editable() {
        return Err(AppError::Conflict("edit_deadline_passed".into()));
    }
    let mut v = Validator::new();
    let person = form.parse("", &mut v);
    if form.category.trim() == Category::HeadOfDelegation.as_str() {
        v.add("category", "one_head_per_delegation");
    }
    let stay = person
        .as_ref()
        .map(|p| stay_in_utc(p, edition.zone, "", &mut v));
    v.finish()?;
    let (person, stay) = person.zip(stay).ok_or(AppError::Internal)?;
    if let Some(invitation_id) = found.invitation_id {
        let max = invitation::Entity::find_by_id(invitation_id)
            .one(&txn)
            .await?
            .and_then(|i| i.max_size);
        if let Some(max) = max
            && invitation_used(&txn, invitation_id).await? >= max.max(0) as u32
        {
            return Err(AppError::field("members", "delegation_too_large"));
        }
    }
    let mut places = places_taken(&txn, edition.model.id).await?;
    let status = assign_status(&mut places, person.category);
    let model = insert_person(
        &txn,
        &edition,
        found.id,
        (person, stay),
        status,
        Origin::Form,
        public_url,
    )
    .await?;
    let view = view(
        model,
        &edition,
        &member_names(&txn, edition.model.id).await?,
    )?;
    txn.commit().await?;
    Ok(view)
}

/// Sends a sign-in link to a registered person. The answer is the same
/// whether or not the address is registered, so it reveals nothing.
pub async fn request_sign_in_link(
    db: &(impl ConnectionTrait + TransactionTrait),
    email: &str,
    public_url: &str,
) -> Result<(), AppError> {
    let email = normalize_email(email).map_err(|code| AppError::field("email", code))?;
    let latest = registration::Entity::find()
        .filter(registration::Column::Email.eq(email.as_str()))
        .order_by_desc(registration::Column::Id)
        .one(db)
        .await?;
    let Some(latest) = latest else {
        return Ok(());
    };
    let txn = db.begin().await?;
    let secret = create_sign_in_link(&txn, &email).await?;
    enqueue(
        &txn,
        sign_in_link(&recipient(&latest), &sign_in_url(public_url, &secret)),
    )
    .await?;
    txn.commit().await.map_err(AppError::from)
}

/// The registration settings of an edition, with places taken and
/// invitations used.
pub async fn get_settings(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<RegistrationSettingsView, AppError> {
    let edition = load_edition(db, edition_id).await?;
    let places = places_taken(db, edition_id).await?;
    let mut capacities: Vec<CapacityView> = places
        .into_iter()
        .filter_map(|(category, (capacity, taken))| {
            Some(CapacityView {
                category: Category::parse(&category)?,
                capacity,
                taken,
            })
        })
        .collect();
    capacities.sort_by_key(|c| Category::ALL.iter().position(|x| *x == c.category));
    let rows = invitation::Entity::find()
        .filter(invitation::Column::EditionId.eq(edition_id))
        .order_by_asc(invitation::Column::Id)
        .all(db)
        .await?;
    let names = latin_names(db, rows.iter().map(|i| i.member_id)).await?;
    let mut invitations = Vec::new();
    for row in rows {
        invitations.push(InvitationView {
            used: invitation_used(db, row.id).await?,
            id: row.id,
            member_id: row.member_id,
            member_name: names.get(&row.member_id).cloned().unwrap_or_default(),
            code: row.code,
            max_size: row.max_size.map(|m| m.max(0) as u32),
        });
    }
    Ok(RegistrationSettingsView {
        opens_on: edition.settings.opens_on,
        closes_on: edition.settings.closes_on,
        edit_deadline: edition.settings.edit_deadline,
        invite_only: edition.settings.invite_only,
        capacities,
        invitations,
    })
}

/// Replaces an edition's registration settings and capacities at once.
pub async fn save_settings(
    db: &(impl ConnectionTrait + TransactionTrait),
    edition_id: i64,
    new: Settings,
) -> Result<RegistrationSettingsView, AppError> {
    let txn = db.begin().await?;
    load_edition(&txn, edition_id).await?;
    settings::Entity::insert(settings::ActiveModel {
        edition_id: Set(edition_id),
        opens_on: Set(new.opens_on),
        closes_on: Set(new.closes_on),
        edit_deadline: Set(new.edit_deadline),
        invite_only: Set(new.invite_only),
    })
    .on_conflict(
        OnConflict::column(settings::Column::EditionId)
            .update_columns([
                settings::Column::OpensOn,
                settings::Column::ClosesOn,
                settings::Column::EditDeadline,
                settings::Column::InviteOnly,
            ])
            .to_owned(),
    )
    .exec(&txn)
    .await?;
    capacity::Entity::delete_many()
        .filter(capacity::Column::EditionId.eq(edition_id))
        .exec(&txn)
        .await?;
    for (category, places) in new.capacities {
        capacity::ActiveModel {
            edition_id: Set(edition_id),
            category: Set(category.as_str().to_owned()),
            capacity: Set(places as i32),
        }
        .insert(&txn)
        .await?;
    }
    let view = get_settings(&txn, edition_id).await?;
    txn.commit().await?;
    Ok(view)
}

/// Codes are 8 letters and digits without look-alikes (0/O, 1/I/L), easy
/// to read out on the phone.
fn new_code() -> String {
    readable_code(b"ABCDEFGHJKMNPQRSTUVWXYZ23456789", 8)
}

/// Invites a member city or institution to an edition, optionally capping
/// the size of its delegation.
pub async fn create_invitation(
    db: &impl ConnectionTrait,
    edition_id: i64,
    member_id: i64,
    max_size: Option<u32>,
) -> Result<InvitationView, AppError> {
    load_edition(db, edition_id).await?;
    let member = member::Entity::find_by_id(member_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::field("member_id", "unknown_member"))?;
    if max_size == Some(0) || max_size.is_some_and(|m| m > 1000) {
        return Err(AppError::field("max_size", "invalid_capacity"));
    }
    let model = invitation::ActiveModel {
        id: NotSet,
        edition_id: Set(edition_id),
        member_id: Set(member_id),
        code: Set(new_code()),
        max_size: Set(max_size.map(|m| m as i32)),
        created_at: Set(now()),
    }
    .insert(db)
    .await
    .map_err(|err| unique_or_internal(err, "member_id", "member_invited"))?;
    Ok(InvitationView {
        id: model.id,
        member_id,
        member_name: member.name_latin,
        code: model.code,
        max_size,
        used: 0,
    })
}

/// Withdraws an invitation; those who registered with it stay registered.
pub async fn delete_invitation(
    db: &impl ConnectionTrait,
    edition_id: i64,
    id: i64,
) -> Result<(), AppError> {
    let result = invitation::Entity::delete_many()
        .filter(invitation::Column::EditionId.eq(edition_id))
        .filter(invitation::Column::Id.eq(id))
        .exec(db)
        .await?;
    if result.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// Imports invited delegates from CSV: every bad row is reported with its
/// line (`line.N.field`), and nothing is imported if any row fails. Each
/// person is approved, gets a delegation of their own (for the member
/// named in the `member` column, by Latin name, accents ignored) and a
/// letter with their sign-in link.
pub async fn import_invited(
    db: &(impl ConnectionTrait + TransactionTrait),
    edition_id: i64,
    text: &str,
    public_url: &str,
) -> Result<usize, AppError> {
    let rows = read_import(text)?;
    let txn = db.begin().await?;
    let edition = load_edition(&txn, edition_id).await?;
    let members: HashMap<String, i64> = member::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .map(|m| (search_key(&m.name_latin), m.id))
        .collect();
    let registered: std::collections::HashSet<String> = registration::Entity::find()
        .filter(registration::Column::EditionId.eq(edition_id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|r| r.email)
        .collect();
    let mut v = Validator::new();
    let mut seen = std::collections::HashSet::new();
    let mut people = Vec::new();
    for row in rows {
        let prefix = format!("line.{}.", row.line);
        let member_id = if row.member.trim().is_empty() {
            None
        } else {
            let found = members.get(&search_key(row.member.trim())).copied();
            if found.is_none() {
                v.add(&format!("{prefix}member"), "unknown_member");
            }
            found
        };
        if let Some(person) = row.person.parse(&prefix, &mut v) {
            if registered.contains(&person.email) {
                v.add(&format!("{prefix}email"), "already_registered");
            } else if !seen.insert(person.email.clone()) {
                v.add(&format!("{prefix}email"), "email_repeated");
            }
            let stay = stay_in_utc(&person, edition.zone, &prefix, &mut v);
            people.push((member_id, person, stay));
        }
    }
    v.finish()?;
    let count = people.len();
    for (member_id, person, stay) in people {
        let delegation = new_delegation(&txn, edition_id, member_id, &person.email, None).await?;
        insert_person(
            &txn,
            &edition,
            delegation.id,
            (person, stay),
            RegistrationStatus::Approved,
            Origin::Invited,
            public_url,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(count)
}

/// The edition's registrations matching the filter, as CSV.
pub async fn export_csv(
    db: &impl ConnectionTrait,
    edition_id: i64,
    filter: &RegistrationFilter,
) -> Result<Vec<u8>, AppError> {
    export(&list_registrations(db, edition_id, filter).await?)
}

/// The visa invitation letter of an approved registration, as a PDF and
/// its file name.
async fn visa_letter(
    db: &impl ConnectionTrait,
    model: registration::Model,
) -> Result<(String, Vec<u8>), AppError> {
    if model.status != RegistrationStatus::Approved.as_str() {
        return Err(AppError::Conflict("not_approved".into()));
    }
    let edition = load_edition(db, model.edition_id).await?;
    let names = member_names(db, model.edition_id).await?;
    let host = latin_names(db, [edition.model.host_city_id]).await?;
    let view = view(model, &edition, &names)?;
    // In English, as consulates expect.
    let category = view.category.label(crate::i18n::Locale::en);
    let letter = VisaLetter {
        registration_id: view.id,
        issued_on: edition.today(),
        edition_title: edition.model.title.clone(),
        venue: edition.model.venue.clone(),
        host_city: host
            .get(&edition.model.host_city_id)
            .cloned()
            .unwrap_or_default(),
        start_date: edition.model.start_date,
        end_date: edition.model.end_date,
        honorific: view.honorific,
        name_latin: view.name_latin.clone(),
        name_native: view.name_native,
        position: view.position,
        organization: view.organization,
        member_name: view.member_name,
        category,
        arrival: view.arrival,
        departure: view.departure,
    };
    // Shaping and subsetting fonts is CPU work: off the async workers.
    let pdf = tokio::task::spawn_blocking(move || render(&letter))
        .await
        .map_err(AppError::internal)??;
    let file = format!("visa-letter-CF-{}.pdf", view.id);
    Ok((file, pdf))
}

/// The letter for staff who review registrations.
pub async fn visa_letter_for_staff(
    db: &impl ConnectionTrait,
    edition_id: i64,
    id: i64,
) -> Result<(String, Vec<u8>), AppError> {
    let model = registration::Entity::find_by_id(id)
        .filter(registration::Column::EditionId.eq(edition_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    visa_letter(db, model).await
}

/// The letter for the person themself or the head of their delegation.
pub async fn visa_letter_for_owner(
    db: &impl ConnectionTrait,
    email: &str,
    edition_id: i64,
    id: i64,
) -> Result<(String, Vec<u8>), AppError> {
    let (model, _) = owned(db, email, id).await?;
    if model.edition_id != edition_id {
        return Err(AppError::NotFound);
    }
    visa_letter(db, model).await
}
