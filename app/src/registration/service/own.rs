//! A person's own registration: reading, changing, cancelling, adding to
//! the delegation one heads, and the e-mailed sign-in link.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, Set, TransactionSession, TransactionTrait,
};

use super::capacity::{
    HOLDING_A_PLACE, assign_status, delegation_size, invitation_used, places_taken,
};
use super::submit::{Origin, insert_person};
use super::{
    Edition, load_edition, lock_edition, member_names, recipient, stay_in_utc, view, view_one,
};
use crate::audit::{Actor, Change, record};
use crate::auth::domain::normalize_email;
use crate::auth::links::{LetterFuture, LinkLetter};
use crate::auth::types::UserView;
use crate::db::{now, unique_or_internal};
use crate::error::{AppError, ErrorCode, Validator, validated};
use crate::platform::edition_version::touch_programme;
use crate::registration::domain::{
    MEMBERS_WITHOUT_INVITATION, REVIEWED_FIELDS, approved_values_after_edit,
};
use crate::registration::entity::{delegation, invitation, registration};
use crate::registration::mail::sign_in_link;
use crate::registration::types::{
    Category, OwnRegistration, Person, PersonForm, RegistrationStatus, RegistrationView,
};

/// The registration `id` if the signed-in `email` may change it: their
/// own, or one of the delegation they head.
pub async fn owned(
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

/// Everything the signed-in person registered, with the delegations they
/// head: a fixed number of queries however many there are.
pub async fn own_registrations(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Vec<OwnRegistration>, AppError> {
    let mine = registration::Entity::find()
        .filter(registration::Column::Email.eq(email))
        .order_by_desc(registration::Column::Id)
        .all(db)
        .await?;
    let headed: Vec<i64> = delegation::Entity::find()
        .filter(delegation::Column::Id.is_in(mine.iter().filter_map(|m| m.delegation_id)))
        .filter(delegation::Column::HeadEmail.eq(email))
        .all(db)
        .await?
        .into_iter()
        .map(|d| d.id)
        .collect();
    let mut members: HashMap<i64, Vec<registration::Model>> = HashMap::new();
    for m in registration::Entity::find()
        .filter(registration::Column::DelegationId.is_in(headed.iter().copied()))
        .filter(registration::Column::Email.ne(email))
        .order_by_asc(registration::Column::Id)
        .all(db)
        .await?
    {
        if let Some(d) = m.delegation_id {
            members.entry(d).or_default().push(m);
        }
    }
    let names = member_names(db, mine.iter().map(|m| m.delegation_id)).await?;
    let mut editions: HashMap<i64, Edition> = HashMap::new();
    let mut own = Vec::new();
    for me in mine {
        let edition = match editions.entry(me.edition_id) {
            Entry::Occupied(loaded) => loaded.into_mut(),
            Entry::Vacant(slot) => slot.insert(load_edition(db, me.edition_id).await?),
        };
        let others = me
            .delegation_id
            .and_then(|d| members.remove(&d))
            .unwrap_or_default()
            .into_iter()
            .map(|m| view(m, edition, &names))
            .collect::<Result<Vec<_>, _>>()?;
        own.push(OwnRegistration {
            edition_title: edition.model.title.clone(),
            editable: edition.editable(),
            edit_deadline: edition.edit_deadline(),
            me: view(me, edition, &names)?,
            delegation: others,
        });
    }
    Ok(own)
}

/// A person changes their details, or a head those of their delegation,
/// until the edition's edit deadline. One's own e-mail stays (it is how
/// one signs in), and a head cannot move a member to another address
/// (that address never agreed); only the head is head of delegation.
///
/// After approval, a change to what the approval vouches for (names,
/// honorific, position, organization, category) goes back to review, with
/// the approved values kept for the registrars; a new category must have
/// room, or the person waits.
pub async fn update_own(
    db: &(impl ConnectionTrait + TransactionTrait),
    caller: &UserView,
    id: i64,
    form: &PersonForm,
) -> Result<RegistrationView, AppError> {
    let txn = db.begin().await?;
    let (found, _) = owned(&txn, &caller.email, id).await?;
    lock_edition(&txn, found.edition_id).await?;
    // Read again under the lock: a registrar's decision made meanwhile is
    // what this edit starts from, not what it overwrites.
    let (model, is_self) = owned(&txn, &caller.email, id).await?;
    let edition = load_edition(&txn, model.edition_id).await?;
    if model.status == RegistrationStatus::Cancelled {
        return Err(AppError::Conflict(ErrorCode::RegistrationCancelled));
    }
    if !edition.editable() {
        return Err(AppError::Conflict(ErrorCode::EditDeadlinePassed));
    }
    let mut form = form.clone();
    let mut v = Validator::new();
    if is_self {
        form.email = model.email.clone();
    } else if normalize_email(&form.email).is_ok_and(|email| email != model.email) {
        v.add("email", ErrorCode::EmailFixed);
    }
    let person = form.parse("", &mut v);
    if !is_self && form.category.trim() == Category::HeadOfDelegation.as_str() {
        v.add("category", ErrorCode::OneHeadPerDelegation);
    }
    let stay = person
        .as_ref()
        .map(|p| stay_in_utc(p, &edition.clock, "", &mut v));
    v.finish()?;
    let (person, (arrival, departure)) = validated(person.zip(stay))?;

    let before = model.clone();
    let (status, approved_values) = status_after_edit(&txn, &edition, &model, &person).await?;
    let mut active = model.into_active_model();
    active.name_native = Set(person.name_native);
    active.name_latin = Set(person.name_latin);
    active.honorific = Set(person.honorific);
    active.position = Set(person.position);
    active.organization = Set(person.organization);
    active.email = Set(person.email);
    active.phone = Set(person.phone);
    active.category = Set(person.category);
    active.languages = Set(person.languages.join(","));
    active.interpretation = Set(person.interpretation);
    active.dietary = Set(person.dietary);
    active.access = Set(person.access);
    active.arrival_at = Set(arrival);
    active.departure_at = Set(departure);
    active.status = Set(status);
    active.approved_values = Set(approved_values);
    active.updated_at = Set(now());
    let model = active
        .update(&txn)
        .await
        .map_err(|err| unique_or_internal(err, "email", ErrorCode::AlreadyRegistered))?;
    record(
        &txn,
        &Actor::user(caller),
        Change::new("updated", "registration", model.id)
            .edition(model.edition_id)
            .before(&before)
            .after(&model),
    )
    .await?;
    // A speaker's name is in the programme: its version moves in the same
    // transaction as the name, as the programme cache relies on.
    touch_programme(&txn, Some(edition.model.id)).await?;
    let view = view_one(&txn, model, &edition).await?;
    txn.commit().await?;
    // Which badges pass may have changed: check-in reads them again.
    crate::credentials::service::standing_changed();
    Ok(view)
}

/// The status and the approved values an edit leaves a registration
/// with: see `update_own`.
async fn status_after_edit(
    txn: &impl ConnectionTrait,
    edition: &Edition,
    model: &registration::Model,
    person: &Person,
) -> Result<(RegistrationStatus, Option<String>), AppError> {
    let reviewed = |m: [&str; 6]| -> BTreeMap<&'static str, String> {
        REVIEWED_FIELDS
            .iter()
            .copied()
            .zip(m.iter().map(|v| v.to_string()))
            .collect()
    };
    let old = reviewed([
        &model.name_native,
        &model.name_latin,
        &model.honorific,
        &model.position,
        &model.organization,
        model.category.as_str(),
    ]);
    let new = reviewed([
        &person.name_native,
        &person.name_latin,
        &person.honorific,
        &person.position,
        &person.organization,
        person.category.as_str(),
    ]);
    let stored: BTreeMap<String, String> = model
        .approved_values
        .as_deref()
        .and_then(|json| serde_json::from_str(json).ok())
        .unwrap_or_default();
    let was_approved =
        model.status == RegistrationStatus::Approved || model.approved_values.is_some();
    let approved = if was_approved {
        approved_values_after_edit(&stored, &old, &new)
    } else {
        BTreeMap::new()
    };
    let mut status = model.status;
    if person.category != model.category
        && matches!(
            status,
            RegistrationStatus::Submitted
                | RegistrationStatus::Approved
                | RegistrationStatus::Waitlisted
        )
    {
        // The old place goes back; the new category is asked for one.
        let mut places = places_taken(txn, edition.model.id).await?;
        if HOLDING_A_PLACE.contains(&status)
            && let Some((_, taken)) = places.get_mut(&model.category)
        {
            *taken = taken.saturating_sub(1);
        }
        status = assign_status(&mut places, person.category);
        // From the waiting list into a place: the delegation's cap counts
        // too, as when the person was added.
        if status == RegistrationStatus::Submitted
            && !HOLDING_A_PLACE.contains(&model.status)
            && delegation_is_full(txn, model).await?
        {
            status = RegistrationStatus::Waitlisted;
        }
    } else if status == RegistrationStatus::Approved && !approved.is_empty() {
        status = RegistrationStatus::Submitted;
    }
    // Every reviewed field back as approved: approved again, as it was.
    if was_approved && approved.is_empty() && status == RegistrationStatus::Submitted {
        status = RegistrationStatus::Approved;
    }
    let approved_values = if approved.is_empty() {
        None
    } else {
        Some(serde_json::to_string(&approved).map_err(AppError::internal)?)
    };
    Ok((status, approved_values))
}

/// Whether the delegation of `model` holds all the places its invitation
/// (or, without one, `MEMBERS_WITHOUT_INVITATION`) allows.
async fn delegation_is_full(
    txn: &impl ConnectionTrait,
    model: &registration::Model,
) -> Result<bool, AppError> {
    let Some(delegation_id) = model.delegation_id else {
        return Ok(false);
    };
    let Some(found) = delegation::Entity::find_by_id(delegation_id)
        .one(txn)
        .await?
    else {
        return Ok(false);
    };
    match found.invitation_id {
        Some(invitation_id) => {
            let max = invitation::Entity::find_by_id(invitation_id)
                .one(txn)
                .await?
                .and_then(|i| i.max_size);
            Ok(match max {
                Some(max) => invitation_used(txn, invitation_id).await? >= max.max(0) as u32,
                None => false,
            })
        }
        None => Ok(delegation_size(txn, delegation_id).await? >= MEMBERS_WITHOUT_INVITATION as u32),
    }
}

/// Cancels one's own registration, or one of the delegation one heads,
/// until the edition's last day. The place goes back to the category, and
/// the address is free to register again.
pub async fn cancel_own(
    db: &(impl ConnectionTrait + TransactionTrait),
    caller: &UserView,
    id: i64,
) -> Result<RegistrationView, AppError> {
    let txn = db.begin().await?;
    let (model, _) = owned(&txn, &caller.email, id).await?;
    let edition = load_edition(&txn, model.edition_id).await?;
    if edition.today() > edition.model.end_date {
        return Err(AppError::Conflict(ErrorCode::EditionOver));
    }
    if model.status == RegistrationStatus::Cancelled {
        return view_one(&txn, model, &edition).await;
    }
    let before = model.clone();
    let mut active = model.into_active_model();
    active.status = Set(RegistrationStatus::Cancelled);
    active.updated_at = Set(now());
    let model = active.update(&txn).await?;
    record(
        &txn,
        &Actor::user(caller),
        Change::new("cancelled", "registration", model.id)
            .edition(model.edition_id)
            .before(&before)
            .after(&model),
    )
    .await?;
    touch_programme(&txn, Some(edition.model.id)).await?;
    let view = view_one(&txn, model, &edition).await?;
    txn.commit().await?;
    // Which badges pass may have changed: check-in reads them again.
    crate::credentials::service::standing_changed();
    Ok(view)
}

/// A head adds a person to their delegation before the edit deadline,
/// within the invitation's cap and the category's capacity.
pub async fn add_member(
    db: &(impl ConnectionTrait + TransactionTrait),
    caller: &UserView,
    delegation_id: i64,
    form: &PersonForm,
    public_url: &str,
) -> Result<RegistrationView, AppError> {
    let txn = db.begin().await?;
    let found = delegation::Entity::find_by_id(delegation_id)
        .one(&txn)
        .await?
        .filter(|d| d.head_email == caller.email)
        .ok_or(AppError::NotFound)?;
    lock_edition(&txn, found.edition_id).await?;
    let edition = load_edition(&txn, found.edition_id).await?;
    if !edition.editable() {
        return Err(AppError::Conflict(ErrorCode::EditDeadlinePassed));
    }
    let mut v = Validator::new();
    let person = form.parse("", &mut v);
    if form.category.trim() == Category::HeadOfDelegation.as_str() {
        v.add("category", ErrorCode::OneHeadPerDelegation);
    }
    let stay = person
        .as_ref()
        .map(|p| stay_in_utc(p, &edition.clock, "", &mut v));
    v.finish()?;
    let (person, stay) = validated(person.zip(stay))?;
    if let Some(invitation_id) = found.invitation_id {
        let max = invitation::Entity::find_by_id(invitation_id)
            .one(&txn)
            .await?
            .and_then(|i| i.max_size);
        if let Some(max) = max
            && invitation_used(&txn, invitation_id).await? >= max.max(0) as u32
        {
            return Err(AppError::field("members", ErrorCode::DelegationTooLarge));
        }
    } else if delegation_size(&txn, found.id).await? >= MEMBERS_WITHOUT_INVITATION as u32 {
        return Err(AppError::field("members", ErrorCode::DelegationTooLarge));
    }
    let mut places = places_taken(&txn, edition.model.id).await?;
    let status = assign_status(&mut places, person.category);
    let texts = crate::editions::service::texts_for(&txn, edition.model.id).await?;
    let model = insert_person(
        &txn,
        (&edition, &texts),
        found.id,
        (person, stay),
        status,
        Origin::Form,
        public_url,
    )
    .await?;
    record(
        &txn,
        &Actor::user(caller),
        Change::new("created", "registration", model.id)
            .edition(model.edition_id)
            .after(&model),
    )
    .await?;
    let view = view_one(&txn, model, &edition).await?;
    txn.commit().await?;
    // Which badges pass may have changed: check-in reads them again.
    crate::credentials::service::standing_changed();
    Ok(view)
}

/// Registration's answer to who may sign in by a link (see
/// `auth::links`): the latest registration under the address, greeted as
/// it registered.
pub fn link_letter<'a>(db: &'a DatabaseConnection, email: &'a str) -> LetterFuture<'a> {
    Box::pin(async move {
        let latest = registration::Entity::find()
            .filter(registration::Column::Email.eq(email))
            .order_by_desc(registration::Column::Id)
            .one(db)
            .await?;
        Ok(latest.map(|latest| {
            let to = recipient(&latest);
            Box::new(move |link: &str| sign_in_link(&to, link)) as LinkLetter
        }))
    })
}
