//! One person's data: erased on request, or exported for them.

use super::*;

/// A person asks to be erased: every registration of theirs is marked for
/// a registrar to confirm. Asking twice changes nothing.
pub async fn request_erasure(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    email: &str,
) -> Result<u64, AppError> {
    let txn = db.begin().await?;
    let marked = registration::Entity::update_many()
        .col_expr(registration::Column::ErasureRequestedAt, Expr::value(now()))
        .filter(registration::Column::Email.eq(email))
        .filter(registration::Column::ErasureRequestedAt.is_null())
        .exec(&txn)
        .await?
        .rows_affected;
    if marked > 0 {
        record(
            &txn,
            actor,
            Change::new("erasure_requested", "person", actor.user_id.unwrap_or(0))
                .after(&json!({"registrations": marked})),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(marked)
}

/// A registrar erases one person of an edition (on their request, or on
/// the registrar's own finding): who they are, how they are reached, their
/// details and needs, in the registration, the letters to them, the audit
/// log's records of them and a delegate's account of theirs. What stays:
/// that a registration existed (its id, edition, category, status,
/// cancelled from now on) with its attendance and agenda counts, and the
/// signatories of signed agreements (the agreement is the record).
pub async fn erase_person(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    edition_id: i64,
    registration_id: i64,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    let found =
        crate::registration::service::registration_in(&txn, edition_id, registration_id).await?;
    if found.email.ends_with(ERASED_DOMAIN) {
        return Err(AppError::Conflict(ErrorCode::AlreadyErased));
    }
    let email = found.email.clone();
    let marker = format!("erased-{registration_id}{ERASED_DOMAIN}");
    let mut row: registration::ActiveModel = found.clone().into();
    row.name_native = Set(String::new());
    row.name_latin = Set(ERASED_NAME.to_owned());
    row.honorific = Set(String::new());
    row.position = Set(String::new());
    row.organization = Set(String::new());
    row.email = Set(marker.clone());
    row.phone = Set(String::new());
    row.languages = Set(String::new());
    row.interpretation = Set(None);
    row.dietary = Set(String::new());
    row.access = Set(String::new());
    row.arrival_at = Set(None);
    row.departure_at = Set(None);
    row.approved_values = Set(None);
    row.decline_reason = Set(None);
    if matches!(
        found.status,
        RegistrationStatus::Submitted
            | RegistrationStatus::Approved
            | RegistrationStatus::Waitlisted
    ) {
        row.status = Set(RegistrationStatus::Cancelled);
    }
    row.badge_version = Set(found.badge_version + 1);
    row.erasure_requested_at = Set(Some(found.erasure_requested_at.unwrap_or_else(now)));
    row.updated_at = Set(now());
    row.update(&txn).await?;
    crate::platform::edition_version::touch_programme(&txn, Some(edition_id)).await?;
    super::erase_travel(&txn, super::Travellers::Person(registration_id)).await?;
    // Whether the address is still someone's at another edition, or a
    // staff account's: their account, letters and log entries then stay
    // for that one.
    let elsewhere = registration::Entity::find()
        .filter(registration::Column::Email.eq(email.clone()))
        .one(&txn)
        .await?
        .is_some()
        || user::Entity::find()
            .filter(user::Column::Email.eq(email.clone()))
            .filter(user::Column::Role.ne(Role::Delegate))
            .one(&txn)
            .await?
            .is_some();
    delegation::Entity::update_many()
        .col_expr(delegation::Column::HeadEmail, Expr::value(marker.clone()))
        .filter(delegation::Column::HeadEmail.eq(email.clone()))
        .filter(delegation::Column::EditionId.eq(edition_id))
        .exec(&txn)
        .await?;
    let mut fields: Vec<&str> = PERSONAL_FIELDS.to_vec();
    fields.extend(IDENTITY_FIELDS);
    fields.push("to_address");
    scrub_audit(
        &txn,
        Condition::all()
            .add(entry::Column::EntityType.eq("registration"))
            .add(entry::Column::RecordId.eq(registration_id.to_string())),
        &fields,
    )
    .await?;
    if !elsewhere {
        // Letters not sent yet are not sent to someone erased.
        let unsent: Vec<i64> = message::Entity::find()
            .select_only()
            .column(message::Column::Id)
            .filter(message::Column::ToAddress.eq(email.clone()))
            .filter(message::Column::Status.ne(MessageStatus::Sent))
            .into_tuple()
            .all(&txn)
            .await?;
        attachment::Entity::delete_many()
            .filter(attachment::Column::MessageId.is_in(unsent.clone()))
            .exec(&txn)
            .await?;
        message::Entity::delete_many()
            .filter(message::Column::Id.is_in(unsent))
            .exec(&txn)
            .await?;
        erase_letters(
            &txn,
            Condition::all().add(message::Column::ToAddress.eq(email.clone())),
        )
        .await?;
        message::Entity::update_many()
            .col_expr(message::Column::ToAddress, Expr::value(marker.clone()))
            .col_expr(message::Column::ToName, Expr::value(""))
            .filter(message::Column::ToAddress.eq(email.clone()))
            .exec(&txn)
            .await?;
        // Their own changes were logged under their address.
        entry::Entity::update_many()
            .col_expr(entry::Column::Actor, Expr::value(marker.clone()))
            .filter(entry::Column::Actor.eq(email.clone()))
            .exec(&txn)
            .await?;
        sign_in_link::Entity::delete_many()
            .filter(sign_in_link::Column::Email.eq(email.clone()))
            .exec(&txn)
            .await?;
        // A delegate's account goes with them (a staff address never
        // reaches here).
        if let Some(account) = user::Entity::find()
            .filter(user::Column::Email.eq(email.clone()))
            .filter(user::Column::Role.eq(Role::Delegate))
            .one(&txn)
            .await?
        {
            scrub_audit(
                &txn,
                Condition::all()
                    .add(entry::Column::EntityType.eq("user"))
                    .add(entry::Column::RecordId.eq(account.id.to_string())),
                &["email", "display_name", "name"],
            )
            .await?;
            session::Entity::delete_many()
                .filter(session::Column::UserId.eq(account.id))
                .exec(&txn)
                .await?;
            api_token::Entity::update_many()
                .col_expr(api_token::Column::RevokedAt, Expr::value(now()))
                .filter(api_token::Column::UserId.eq(account.id))
                .filter(api_token::Column::RevokedAt.is_null())
                .exec(&txn)
                .await?;
            let mut gone: user::ActiveModel = account.into();
            gone.email = Set(marker.clone());
            gone.display_name = Set(String::new());
            gone.password_hash = Set(None);
            gone.disabled_at = Set(Some(now()));
            gone.update(&txn).await?;
        }
    }
    record(
        &txn,
        actor,
        Change::new("erased", "registration", registration_id)
            .edition(edition_id)
            .after(&json!({"fields": fields, "requested": found.erasure_requested_at.is_some()})),
    )
    .await?;
    txn.commit().await?;
    // Their name leaves the programme's pages and feeds, and check-in's
    // roster, at once.
    crate::credentials::service::standing_changed();
    Ok(())
}

pub use crate::registration::domain::{ERASED_DOMAIN, ERASED_NAME};

/// Everything held about the signed-in person, as JSON: their account,
/// registrations (every field), bookings, arrivals, the letters sent to
/// them and the audit log's records of their registrations.
pub async fn export_person(
    db: &impl ConnectionTrait,
    user_id: i64,
    email: &str,
) -> Result<Value, AppError> {
    let account = user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let registrations = registration::Entity::find()
        .filter(registration::Column::Email.eq(email))
        .order_by_asc(registration::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i64> = registrations.iter().map(|r| r.id).collect();
    let editions: Vec<(i64, String)> = edition::Entity::find()
        .select_only()
        .columns([edition::Column::Id, edition::Column::Title])
        .filter(
            edition::Column::Id.is_in(
                registrations
                    .iter()
                    .map(|r| r.edition_id)
                    .collect::<HashSet<_>>(),
            ),
        )
        .into_tuple()
        .all(db)
        .await?;
    let bookings = agenda_entry::Entity::find()
        .filter(agenda_entry::Column::RegistrationId.is_in(ids.clone()))
        .all(db)
        .await?;
    let arrivals = arrival::Entity::find()
        .filter(arrival::Column::RegistrationId.is_in(ids.clone()))
        .all(db)
        .await?;
    let letters = message::Entity::find()
        .filter(message::Column::ToAddress.eq(email))
        .order_by_asc(message::Column::Id)
        .limit(EXPORT_MAX)
        .all(db)
        .await?;
    let audit = entry::Entity::find()
        .filter(entry::Column::EntityType.eq("registration"))
        .filter(entry::Column::RecordId.is_in(ids.iter().map(i64::to_string)))
        .order_by_asc(entry::Column::Id)
        .limit(EXPORT_MAX)
        .all(db)
        .await?;
    let parse = |text: &Option<String>| {
        text.as_deref()
            .map(|t| serde_json::from_str::<Value>(t).unwrap_or(Value::String(t.to_owned())))
    };
    Ok(json!({
        "generated_at": now(),
        "account": {
            "email": account.email,
            "display_name": account.display_name,
            "role": account.role,
            "created_at": account.created_at,
        },
        "registrations": registrations.iter().map(|r| json!({
            "id": r.id,
            "edition_id": r.edition_id,
            "edition": editions.iter().find(|(id, _)| *id == r.edition_id).map(|(_, t)| t),
            "delegation_id": r.delegation_id,
            "name_native": r.name_native,
            "name_latin": r.name_latin,
            "honorific": r.honorific,
            "position": r.position,
            "organization": r.organization,
            "email": r.email,
            "phone": r.phone,
            "category": r.category,
            "languages": r.languages,
            "interpretation": r.interpretation,
            "dietary": r.dietary,
            "access": r.access,
            "arrival_at": r.arrival_at,
            "departure_at": r.departure_at,
            "status": r.status,
            "decline_reason": r.decline_reason,
            "consent_at": r.consent_at,
            "created_at": r.created_at,
            "updated_at": r.updated_at,
            "badge_version": r.badge_version,
            "erasure_requested_at": r.erasure_requested_at,
        })).collect::<Vec<_>>(),
        "agenda": bookings.iter().map(|b| json!({
            "registration_id": b.registration_id,
            "session_id": b.session_id,
            "booked_at": b.created_at,
        })).collect::<Vec<_>>(),
        "arrivals": arrivals.iter().map(|a| json!({
            "registration_id": a.registration_id,
            "list": a.list_key,
            "arrived_at": a.arrived_at,
        })).collect::<Vec<_>>(),
        "letters": letters.iter().map(|m| json!({
            "subject": m.subject,
            "body": m.body_text,
            "language": m.language,
            "status": m.status,
            "created_at": m.created_at,
            "sent_at": m.sent_at,
        })).collect::<Vec<_>>(),
        "audit_log": audit.iter().map(|e| json!({
            "at": e.at,
            "action": e.action,
            "registration_id": e.record_id,
            "before": parse(&e.before),
            "after": parse(&e.after),
        })).collect::<Vec<_>>(),
    }))
}
