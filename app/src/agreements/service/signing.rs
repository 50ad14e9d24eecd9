//! Where an agreement stands: status moves (only those the domain
//! allows), the signing at the Forum (edition, day, place, signatories;
//! the text it froze), and the ceremony list of an edition.

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};

use super::{Names, claim_version, clauses_of, find, log, parties_of};
use crate::agreements::domain::{self, LINE_MAX};
use crate::agreements::entity::{agreement, signing};
use crate::agreements::types::{
    AgreementStatus, AgreementView, Ceremony, CeremonySession, MoveInput, Signatory, SigningInput,
};
use crate::audit::{Actor, Change};
use crate::db::now;
use crate::error::{AppError, ErrorCode, Validator, validated};

/// What keeps an agreement from being ready to sign, if anything: a
/// party without its signatory, a placeholder left unfilled.
async fn ready_problem(
    db: &impl ConnectionTrait,
    model: &agreement::Model,
) -> Result<Option<ErrorCode>, AppError> {
    let parties = parties_of(db, &[model.id])
        .await?
        .remove(&model.id)
        .unwrap_or_default();
    if parties.len() < 2 {
        return Ok(Some(ErrorCode::TooFewParties));
    }
    if parties
        .iter()
        .any(|p| p.signatory_name.is_empty() || p.signatory_title.is_empty())
    {
        return Ok(Some(ErrorCode::PartiesIncomplete));
    }
    let latest = super::latest_version(db, model).await?;
    let clauses = clauses_of(&latest.clauses)?;
    let unfilled = clauses.iter().any(|c| {
        [&c.a.heading, &c.a.body, &c.b.heading, &c.b.body]
            .iter()
            .any(|text| text.contains("{{"))
    });
    Ok(unfilled.then_some(ErrorCode::PlaceholdersLeft))
}

/// Moves an agreement to another status, if the domain allows it from
/// where it is; `signed` only by recording the signing.
pub async fn move_to(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: i64,
    input: MoveInput,
) -> Result<AgreementView, AppError> {
    let to = input
        .to
        .ok_or_else(|| AppError::field("to", ErrorCode::Required))?;
    let before = find(db, id).await?;
    if to == AgreementStatus::Signed {
        return Err(AppError::Conflict(ErrorCode::SignWithSigning));
    }
    if !domain::may_move(before.status, to) {
        return Err(AppError::Conflict(ErrorCode::TransitionNotAllowed));
    }
    if to == AgreementStatus::ReadyToSign
        && let Some(problem) = ready_problem(db, &before).await?
    {
        return Err(AppError::Conflict(problem));
    }
    let txn = db.begin().await?;
    claim_version(&txn, id, input.version).await?;
    let mut row: agreement::ActiveModel = find(&txn, id).await?.into();
    row.status = Set(to);
    let after = row.update(&txn).await?;
    log(
        &txn,
        actor,
        Change::new("moved", "agreement", id)
            .before(&serde_json::json!({"status": before.status}))
            .after(&serde_json::json!({"status": to})),
    )
    .await?;
    let view = super::view(&txn, after).await?;
    txn.commit().await?;
    Ok(view)
}

/// Records the signing of an agreement ready to sign: the edition, the
/// day, the place, the session, who signed for each party. The text of
/// the latest version is what was signed; it cannot change after.
pub async fn sign(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: i64,
    input: SigningInput,
) -> Result<AgreementView, AppError> {
    let before = find(db, id).await?;
    if before.status != AgreementStatus::ReadyToSign {
        return Err(AppError::Conflict(ErrorCode::TransitionNotAllowed));
    }
    let names = Names::load(db).await?;
    let mut v = Validator::new();
    let edition_id = input.edition_id.or(before.edition_id);
    match edition_id {
        None => v.add("edition_id", ErrorCode::Required),
        Some(id) if !names.editions.contains_key(&id) => {
            v.add("edition_id", ErrorCode::UnknownEdition)
        }
        Some(_) => {}
    }
    let signed_on = v.check(
        "signed_on",
        crate::editions::domain::parse_optional_date(&input.signed_on)
            .and_then(|day| day.ok_or(ErrorCode::Required)),
    );
    let place = v.check("place", crate::text::line(&input.place, LINE_MAX, true));
    if let Some(session_id) = input.session_id {
        use crate::programme::entity::session;
        use crate::programme::types::SessionKind;
        let ceremony = session::Entity::find_by_id(session_id)
            .one(db)
            .await?
            .filter(|s| s.kind == SessionKind::SigningCeremony && Some(s.edition_id) == edition_id);
        if ceremony.is_none() {
            v.add("session_id", ErrorCode::UnknownSession);
        }
    }
    let parties = parties_of(db, &[id]).await?.remove(&id).unwrap_or_default();
    let mut signatories = Vec::new();
    for (i, p) in parties.iter().enumerate() {
        let given = input.signatories.iter().find(|s| s.party_id == p.id);
        let pick = |typed: Option<&String>, named: &String| {
            typed
                .map(|t| t.trim())
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .unwrap_or_else(|| named.clone())
        };
        let name = pick(given.map(|s| &s.name), &p.signatory_name);
        let title = pick(given.map(|s| &s.title), &p.signatory_title);
        for (field, text) in [("name", &name), ("title", &title)] {
            match crate::text::line(text, LINE_MAX, true) {
                Ok(_) => {}
                Err(ErrorCode::Required) => v.add(
                    &format!("signatories.{i}.{field}"),
                    ErrorCode::PartiesIncomplete,
                ),
                Err(code) => v.add(&format!("signatories.{i}.{field}"), code),
            }
        }
        signatories.push(Signatory {
            party_id: p.id,
            party: names.party(p).0,
            name,
            title,
        });
    }
    v.finish()?;
    let edition_id = validated(edition_id)?;
    let txn = db.begin().await?;
    claim_version(&txn, id, input.version).await?;
    let row = signing::ActiveModel {
        agreement_id: Set(id),
        edition_id: Set(edition_id),
        session_id: Set(input.session_id),
        signed_on: Set(validated(signed_on)?),
        place: Set(validated(place)?),
        version_number: Set(before.latest_version),
        signatories: Set(serde_json::to_string(&signatories)
            .map_err(|err| AppError::internal(err.to_string()))?),
        recorded_by: Set(actor.user_id),
        recorded_at: Set(now()),
    }
    .insert(&txn)
    .await
    .map_err(|err| crate::db::unique_or_internal(err, "version", ErrorCode::EditedMeanwhile))?;
    let mut agreement_row: agreement::ActiveModel = find(&txn, id).await?.into();
    agreement_row.status = Set(AgreementStatus::Signed);
    agreement_row.edition_id = Set(Some(edition_id));
    if input.session_id.is_some() {
        agreement_row.ceremony_session_id = Set(input.session_id);
    }
    let after = agreement_row.update(&txn).await?;
    log(
        &txn,
        actor,
        Change::new("signed", "agreement_signing", id)
            .edition(edition_id)
            .after(&row),
    )
    .await?;
    let view = super::view(&txn, after).await?;
    txn.commit().await?;
    Ok(view)
}

/// The edition's signing ceremonies and what is to be signed there.
pub async fn ceremony(db: &impl ConnectionTrait, edition_id: i64) -> Result<Ceremony, AppError> {
    use crate::programme::entity::{session, session_text};
    use crate::programme::types::SessionKind;
    crate::editions::service::load_edition(db, edition_id).await?;
    let sessions = session::Entity::find()
        .filter(session::Column::EditionId.eq(edition_id))
        .filter(session::Column::Kind.eq(SessionKind::SigningCeremony))
        .order_by_asc(session::Column::StartsAt)
        .all(db)
        .await?;
    let titles: HashMap<i64, String> = session_text::Entity::find()
        .filter(session_text::Column::SessionId.is_in(sessions.iter().map(|s| s.id)))
        .filter(session_text::Column::Lang.eq("en"))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.session_id, t.title))
        .collect();
    let agreements = agreement::Entity::find()
        .filter(agreement::Column::EditionId.eq(edition_id))
        .filter(agreement::Column::Status.is_in([
            AgreementStatus::ReadyToSign.as_str(),
            AgreementStatus::Signed.as_str(),
        ]))
        .order_by_asc(agreement::Column::Title)
        .all(db)
        .await?;
    let names = Names::load(db).await?;
    let ids: Vec<i64> = agreements.iter().map(|a| a.id).collect();
    let parties = parties_of(db, &ids).await?;
    let summary = |a: &agreement::Model| {
        super::summary(
            a,
            parties.get(&a.id).map(Vec::as_slice).unwrap_or(&[]),
            &names,
        )
    };
    let mut unassigned = Vec::new();
    let mut by_session: HashMap<i64, Vec<_>> = HashMap::new();
    for a in &agreements {
        match a.ceremony_session_id {
            Some(id) if sessions.iter().any(|s| s.id == id) => {
                by_session.entry(id).or_default().push(summary(a))
            }
            _ if a.status == AgreementStatus::ReadyToSign => unassigned.push(summary(a)),
            _ => {}
        }
    }
    Ok(Ceremony {
        edition_id,
        sessions: sessions
            .iter()
            .map(|s| CeremonySession {
                session_id: s.id,
                title: titles.get(&s.id).cloned().unwrap_or_default(),
                starts_at: s.starts_at,
                agreements: by_session.remove(&s.id).unwrap_or_default(),
            })
            .collect(),
        unassigned,
    })
}
