//! Registrations in and out as CSV.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionSession, TransactionTrait,
};

use super::list_registrations;
use super::stay_in_utc;
use super::submit::{Origin, insert_person, new_delegation};
use super::{load_edition, lock_edition};
use crate::audit::{Actor, Change, record};
use crate::directory::entity::member;
use crate::directory::service::search_key;
use crate::error::{AppError, ErrorCode, Validator};
use crate::registration::entity::registration;
use crate::registration::spreadsheet::{export, read_import};
use crate::registration::types::{RegistrationFilter, RegistrationStatus};

/// Imports invited delegates from CSV: every bad row is reported with its
/// line (`line.N.field`), and nothing is imported if any row fails. Each
/// person is approved, gets a delegation of their own (for the member
/// named in the `member` column, by Latin name, accents ignored) and a
/// letter with their sign-in link.
pub async fn import_invited(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    edition_id: i64,
    text: &str,
    public_url: &str,
) -> Result<usize, AppError> {
    let rows = read_import(text)?;
    let txn = db.begin().await?;
    lock_edition(&txn, edition_id).await?;
    let edition = load_edition(&txn, edition_id).await?;
    let members: HashMap<String, i64> = member::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .map(|m| (search_key(&m.name_latin), m.id))
        .collect();
    let registered: std::collections::HashSet<String> = registration::Entity::find()
        .filter(registration::Column::EditionId.eq(edition_id))
        .filter(registration::Column::Status.ne(RegistrationStatus::Cancelled))
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
                v.add(&format!("{prefix}member"), ErrorCode::UnknownMember);
            }
            found
        };
        if let Some(person) = row.person.parse(&prefix, &mut v) {
            if registered.contains(&person.email) {
                v.add(&format!("{prefix}email"), ErrorCode::AlreadyRegistered);
            } else if !seen.insert(person.email.clone()) {
                v.add(&format!("{prefix}email"), ErrorCode::EmailRepeated);
            }
            let stay = stay_in_utc(&person, &edition.clock, &prefix, &mut v);
            people.push((member_id, person, stay));
        }
    }
    v.finish()?;
    let count = people.len();
    let texts = crate::editions::service::texts_for(&txn, edition_id).await?;
    for (member_id, person, stay) in people {
        let delegation = new_delegation(&txn, edition_id, member_id, &person.email, None).await?;
        let model = insert_person(
            &txn,
            (&edition, &texts),
            delegation.id,
            (person, stay),
            RegistrationStatus::Approved,
            Origin::Invited,
            public_url,
        )
        .await?;
        record(
            &txn,
            actor,
            Change::new("imported", "registration", model.id)
                .edition(edition_id)
                .after(&model),
        )
        .await?;
    }
    txn.commit().await?;
    // Which badges pass may have changed: check-in reads them again.
    crate::credentials::service::standing_changed();
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
