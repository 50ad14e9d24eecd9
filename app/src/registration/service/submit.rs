//! Submitting a registration: a head and their delegation, or a person
//! added later; each with their letter in the same transaction.

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, QueryFilter, QueryOrder,
    Set, TransactionSession, TransactionTrait,
};

use super::capacity::{assign_status, invitation_used, places_taken};
use super::{
    Edition, Stay, decision_enclosures, load_edition, lock_edition, no_settings, recipient,
    stay_in_utc, views,
};
use crate::audit::{Actor, Change, record};
use crate::auth::links::sign_in_url;
use crate::auth::service::{create_sign_in_link, link_made_within};
use crate::db::{now, unique_or_internal};
use crate::directory::entity::member;
use crate::editions::entity::edition;
use crate::editions::service::{clock_of, texts_for};
use crate::editions::types::{EditionText, title_for};
use crate::error::{AppError, ErrorCode, Validator};
use crate::mail::letter::Recipient;
use crate::mail::service::enqueue;
use crate::registration::domain::{Delegation, MEMBERS_WITHOUT_INVITATION, parse_delegation};
use crate::registration::entity::settings as stored_settings;
use crate::registration::entity::{delegation, invitation, registration};
use crate::registration::mail::{already_registered, decision_made, registration_received};
use crate::registration::types::{
    DelegationForm, Person, RegistrationIntro, RegistrationReceipt, RegistrationStatus,
    RegistrationView, RegistrationWindow,
};

/// A new delegation of the edition, headed by whoever registers it.
pub(super) async fn new_delegation(
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

/// How a person came to be registered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Origin {
    /// Registered on the form, consenting there.
    Form,
    /// Invited by the organizers (CSV import): approved, consent pending.
    Invited,
}

/// Stores one person with their letter (queued in the same transaction:
/// no registration without its letter) carrying a sign-in link to their
/// own page.
pub(super) async fn insert_person(
    txn: &impl ConnectionTrait,
    // The edition, and its texts in other languages for the letter's title.
    (edition, texts): (&Edition, &[EditionText]),
    delegation_id: i64,
    (person, (arrival_at, departure_at)): (Person, Stay),
    status: RegistrationStatus,
    origin: Origin,
    public_url: &str,
) -> Result<registration::Model, AppError> {
    let secret = create_sign_in_link(txn, &person.email).await?;
    let link = sign_in_url(public_url, &secret);
    let to = Recipient::from(&person);
    let at = now();
    let model = registration::ActiveModel {
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
        category: Set(person.category),
        languages: Set(person.languages.join(",")),
        interpretation: Set(person.interpretation),
        dietary: Set(person.dietary),
        access: Set(person.access),
        arrival_at: Set(arrival_at),
        departure_at: Set(departure_at),
        status: Set(status),
        decline_reason: Set(None),
        consent_at: Set((origin == Origin::Form).then_some(at)),
        created_at: Set(at),
        updated_at: Set(at),
        approved_values: Set(None),
        badge_version: Set(1),
        erasure_requested_at: Set(None),
    }
    .insert(txn)
    .await
    // Two submissions racing for one e-mail: the index decides.
    .map_err(|err| unique_or_internal(err, "email", ErrorCode::AlreadyRegistered))?;
    let title = title_for(&edition.model.title, texts, to.locale());
    let letter = match origin {
        Origin::Form => registration_received(&to, title, &link),
        Origin::Invited => {
            let enclosures = decision_enclosures(txn, &model, to.locale()).await?;
            decision_made(&to, title, status, None, &link, enclosures)
        }
    };
    enqueue(txn, letter).await?;
    Ok(model)
}

/// What a submission made: the people registered, and how many of the
/// submitted were registered already (told by e-mail, not in the answer).
#[derive(Debug)]
pub struct Submitted {
    pub created: Vec<RegistrationView>,
    pub already_registered: usize,
}

impl Submitted {
    /// What an anonymous submitter is told: how many people the
    /// submission named, the same whether or not some were registered
    /// already, so that the answer reveals no one.
    pub fn receipt(&self) -> RegistrationReceipt {
        RegistrationReceipt {
            people: self.created.len() + self.already_registered,
        }
    }
}

/// A delegation as typed on the public form or sent to the API: parsed
/// here, for both, then registered.
pub async fn submit_delegation(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    edition_id: i64,
    form: &DelegationForm,
    public_url: &str,
) -> Result<Submitted, AppError> {
    let submission = parse_delegation(&form.head, &form.members, form.consent)?;
    register_delegation(
        db,
        actor,
        edition_id,
        form.member_id,
        &form.invitation_code,
        submission,
        public_url,
    )
    .await
}

/// Registers a head and their delegation in one transaction: all of them
/// or none. An invitation code names the member and may cap the size.
///
/// A person already registered for the edition: staff (an actor with an
/// account) see it on their row (422). The public does not: that person
/// is left out and told by e-mail, and the answer is the same as if they
/// were new; when it is the head, nothing is registered.
pub async fn register_delegation(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    edition_id: i64,
    member_id: Option<i64>,
    invitation_code: &str,
    submission: Delegation,
    public_url: &str,
) -> Result<Submitted, AppError> {
    let txn = db.begin().await?;
    lock_edition(&txn, edition_id).await?;
    let edition = load_edition(&txn, edition_id).await?;
    edition.window().map_err(AppError::Conflict)?;

    let size = submission.size() as u32;
    let code = invitation_code.trim().to_uppercase();
    let invitation = if code.is_empty() {
        if edition.settings.invite_only {
            return Err(AppError::field(
                "invitation_code",
                ErrorCode::InvitationRequired,
            ));
        }
        if size as usize > MEMBERS_WITHOUT_INVITATION {
            return Err(AppError::field("members", ErrorCode::DelegationTooLarge));
        }
        None
    } else {
        let found = invitation::Entity::find()
            .filter(invitation::Column::EditionId.eq(edition_id))
            .filter(invitation::Column::Code.eq(code))
            .one(&txn)
            .await?
            .ok_or_else(|| AppError::field("invitation_code", ErrorCode::UnknownInvitation))?;
        if let Some(max) = found.max_size {
            let used = invitation_used(&txn, found.id).await?;
            if used + size > max.max(0) as u32 {
                return Err(AppError::field("members", ErrorCode::DelegationTooLarge));
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
                    .ok_or_else(|| AppError::field("member_id", ErrorCode::UnknownMember))?
                    .id,
            ),
            None => None,
        },
    };

    let (head, members) = submission.into_people();
    let people: Vec<(String, Person)> = std::iter::once((String::new(), head))
        .chain(
            members
                .into_iter()
                .enumerate()
                .map(|(i, p)| (format!("members.{i}."), p)),
        )
        .collect();
    let emails: Vec<String> = people.iter().map(|(_, p)| p.email.clone()).collect();
    let taken: Vec<registration::Model> = registration::Entity::find()
        .filter(registration::Column::EditionId.eq(edition_id))
        .filter(registration::Column::Email.is_in(emails))
        .filter(registration::Column::Status.ne(RegistrationStatus::Cancelled))
        .all(&txn)
        .await?;
    let is_taken = |email: &str| taken.iter().any(|r| r.email == email);
    let public = actor.is_public();
    let mut v = Validator::new();
    let mut stays = Vec::new();
    for (prefix, person) in &people {
        if !public && is_taken(&person.email) {
            v.add(&format!("{prefix}email"), ErrorCode::AlreadyRegistered);
        }
        stays.push(stay_in_utc(person, &edition.clock, prefix, &mut v));
    }
    v.finish()?;

    // Those already registered hear of it from us, and only they; at most
    // once an hour each, so that a flood of submissions is not a flood of
    // mail.
    let texts = texts_for(&txn, edition_id).await?;
    for row in &taken {
        if link_made_within(&txn, &row.email, chrono::Duration::hours(1)).await? {
            continue;
        }
        let secret = create_sign_in_link(&txn, &row.email).await?;
        let to = recipient(row);
        let title = title_for(&edition.model.title, &texts, to.locale());
        enqueue(
            &txn,
            already_registered(&to, title, &sign_in_url(public_url, &secret)),
        )
        .await?;
    }
    let head_taken = is_taken(&people[0].1.email);
    let mut created = Vec::new();
    if !head_taken {
        let delegation = new_delegation(
            &txn,
            edition_id,
            member_id,
            &people[0].1.email,
            invitation.as_ref().map(|i| i.id),
        )
        .await?;
        let mut places = places_taken(&txn, edition_id).await?;
        for ((_, person), stay) in people.into_iter().zip(stays) {
            if is_taken(&person.email) {
                continue;
            }
            let status = assign_status(&mut places, person.category);
            let model = insert_person(
                &txn,
                (&edition, &texts),
                delegation.id,
                (person, stay),
                status,
                Origin::Form,
                public_url,
            )
            .await?;
            record(
                &txn,
                actor,
                Change::new("created", "registration", model.id)
                    .edition(edition_id)
                    .after(&model),
            )
            .await?;
            created.push(model);
        }
    }
    let created = views(&txn, created, &edition).await?;
    txn.commit().await?;
    // Which badges pass may have changed: check-in reads them again.
    crate::credentials::service::standing_changed();
    // When the head was registered already, nobody of the submission was.
    let already_registered = size as usize - created.len();
    Ok(Submitted {
        created,
        already_registered,
    })
}

/// Whether each edition's registration is open today in its host city,
/// and its dates, for the home page: the settings of all in one query.
pub async fn registration_windows(
    db: &impl ConnectionTrait,
    editions: &[edition::Model],
) -> Result<HashMap<i64, RegistrationWindow>, AppError> {
    let mut settings: HashMap<i64, stored_settings::Model> = stored_settings::Entity::find()
        .filter(stored_settings::Column::EditionId.is_in(editions.iter().map(|e| e.id)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.edition_id, s))
        .collect();
    editions
        .iter()
        .map(|model| {
            let edition = Edition {
                clock: clock_of(model)?,
                settings: settings
                    .remove(&model.id)
                    .unwrap_or_else(|| no_settings(model.id)),
                model: model.clone(),
            };
            let window = RegistrationWindow {
                closed_reason: edition.window().err(),
                opens_on: edition.settings.opens_on,
                closes_on: edition.settings.closes_on,
                invite_only: edition.settings.invite_only,
            };
            Ok((model.id, window))
        })
        .collect()
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
        zone_label: crate::editions::domain::zone_label(
            &edition.model.time_zone,
            edition.model.start_date,
        ),
        time_zone: edition.model.time_zone,
        members,
        texts: texts_for(db, edition_id).await?,
    })
}
