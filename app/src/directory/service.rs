//! Members, committees and the Business Council in the database (server only).

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, QueryFilter, QueryOrder,
    Set, TransactionSession, TransactionTrait,
};

use super::domain::{
    COMMITTEE_NAME_MAX, validate_committee, validate_council_member, validate_member,
};
use super::entity::{committee, council_member, member};
use super::types::{
    CommitteeInput, CommitteeView, CouncilMemberInput, CouncilMemberView, MemberInput, MemberKind,
    MemberPatch, MemberView,
};
use crate::audit::{Actor, Change, record};
use crate::db::{now, unique_or_internal};
use crate::error::{AppError, ErrorCode};
use crate::names::domain::parse_names;
use crate::names::service::{Named, names_of, replace_names};
use crate::names::types::Names;

fn member_view(m: member::Model) -> Result<MemberView, AppError> {
    Ok(MemberView {
        id: m.id,
        kind: m.kind,
        name_native: m.name_native,
        name_latin: m.name_latin,
        country: m.country,
    })
}

/// Folds case and strips accents, so that "krakow" finds "Kraków":
/// decompose (NFD), drop the combining marks, lower-case.
pub fn search_key(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfd()
        .filter(|c| !('\u{0300}'..='\u{036F}').contains(c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ł' { 'l' } else { c })
        .collect()
}

/// The Latin names of these members, by id, in one query.
pub async fn latin_names(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, String>, AppError> {
    let ids: Vec<i64> = ids.into_iter().collect();
    Ok(member::Entity::find()
        .filter(member::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m.name_latin))
        .collect())
}

/// Members sorted by Latin name; `query` matches either name, ignoring
/// case and accents; `kind` narrows to cities or one kind of institution.
pub async fn list_members(
    db: &impl ConnectionTrait,
    kind: Option<MemberKind>,
    query: Option<&str>,
) -> Result<Vec<MemberView>, AppError> {
    let mut select = member::Entity::find().order_by_asc(member::Column::NameLatin);
    if let Some(kind) = kind {
        select = select.filter(member::Column::Kind.eq(kind));
    }
    let members = select.all(db).await?;
    let needle = query.map(search_key).filter(|q| !q.trim().is_empty());
    members
        .into_iter()
        .filter(|m| match &needle {
            Some(q) => {
                search_key(&m.name_latin).contains(q.trim())
                    || search_key(&m.name_native).contains(q.trim())
            }
            None => true,
        })
        .map(member_view)
        .collect()
}

pub async fn get_member(db: &impl ConnectionTrait, id: i64) -> Result<MemberView, AppError> {
    member::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
        .and_then(member_view)
}

fn member_taken(err: sea_orm::DbErr) -> AppError {
    unique_or_internal(err, "name_latin", ErrorCode::MemberTaken)
}

pub async fn create_member(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    input: MemberInput,
) -> Result<MemberView, AppError> {
    let input = validate_member(input)?;
    let txn = db.begin().await?;
    let model = member::ActiveModel {
        id: NotSet,
        kind: Set(input.kind),
        name_native: Set(input.name_native),
        name_latin: Set(input.name_latin),
        country: Set(input.country),
        created_at: Set(now()),
    }
    .insert(&txn)
    .await
    .map_err(member_taken)?;
    let created = member_view(model)?;
    record(
        &txn,
        actor,
        Change::new("created", "member", created.id).after(&created),
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

pub async fn update_member(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: i64,
    patch: MemberPatch,
) -> Result<MemberView, AppError> {
    let txn = db.begin().await?;
    let before = get_member(&txn, id).await?;
    let input = validate_member(patch.apply_to(MemberInput {
        kind: before.kind,
        name_native: before.name_native.clone(),
        name_latin: before.name_latin.clone(),
        country: before.country.clone(),
    }))?;
    let model = member::ActiveModel {
        id: Set(id),
        kind: Set(input.kind),
        name_native: Set(input.name_native),
        name_latin: Set(input.name_latin),
        country: Set(input.country),
        created_at: NotSet,
    }
    .update(&txn)
    .await
    .map_err(member_taken)?;
    let after = member_view(model)?;
    record(
        &txn,
        actor,
        Change::new("updated", "member", id)
            .before(&before)
            .after(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

fn committee_view(c: committee::Model) -> Result<CommitteeView, AppError> {
    Ok(CommitteeView {
        id: c.id,
        name: c.name,
        sector: c.sector,
        status: c.status,
        names: Names::new(),
    })
}

/// Established committees first, then preparatory ones, each by name,
/// with their names in other languages.
pub async fn list_committees(db: &impl ConnectionTrait) -> Result<Vec<CommitteeView>, AppError> {
    let committees = committee::Entity::find()
        .order_by_asc(committee::Column::Status)
        .order_by_asc(committee::Column::Name)
        .all(db)
        .await?;
    let mut names = names_of(db, Named::Committee, committees.iter().map(|c| c.id)).await?;
    committees
        .into_iter()
        .map(|c| {
            let names = names.remove(&c.id).unwrap_or_default();
            committee_view(c).map(|view| CommitteeView { names, ..view })
        })
        .collect()
}

/// Writes a committee's names in the other languages (an empty one is
/// removed). Programmes name their sessions' committees, so their
/// versions move in the same transaction; the change is in the audit log.
pub async fn save_committee_names(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: i64,
    names: Names,
) -> Result<Names, AppError> {
    let names = parse_names(names, COMMITTEE_NAME_MAX)?;
    let txn = db.begin().await?;
    committee::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let before = replace_names(&txn, Named::Committee, id, &names).await?;
    crate::platform::edition_version::touch_programme(&txn, None).await?;
    record(
        &txn,
        actor,
        Change::new("translated", "committee", id)
            .before(&before)
            .after(&names),
    )
    .await?;
    txn.commit().await?;
    Ok(names)
}

/// Creates a committee, or replaces committee `id`.
pub async fn save_committee(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: Option<i64>,
    input: CommitteeInput,
) -> Result<CommitteeView, AppError> {
    let input = validate_committee(input)?;
    let txn = db.begin().await?;
    let before = match id {
        Some(id) => Some(
            committee::Entity::find_by_id(id)
                .one(&txn)
                .await?
                .ok_or(AppError::NotFound)
                .and_then(committee_view)?,
        ),
        None => None,
    };
    let model = committee::ActiveModel {
        id: id.map(Set).unwrap_or(NotSet),
        name: Set(input.name),
        sector: Set(input.sector),
        status: Set(input.status),
    };
    let saved = match id {
        Some(_) => model.update(&txn).await,
        None => model.insert(&txn).await,
    };
    let saved = saved.map_err(|err| not_found_or(err, "name", ErrorCode::CommitteeTaken))?;
    if id.is_some() {
        // Programmes name their sessions' committees: their versions move
        // in the same transaction as the name.
        crate::platform::edition_version::touch_programme(&txn, None).await?;
    }
    let after = committee_view(saved)?;
    let change = match &before {
        Some(before) => Change::new("updated", "committee", after.id).before(before),
        None => Change::new("created", "committee", after.id),
    };
    record(&txn, actor, change.after(&after)).await?;
    txn.commit().await?;
    Ok(after)
}

/// Updating a row that is gone is "not found", not an internal error.
fn not_found_or(err: sea_orm::DbErr, field: &str, code: ErrorCode) -> AppError {
    match err {
        sea_orm::DbErr::RecordNotFound(_) | sea_orm::DbErr::RecordNotUpdated => AppError::NotFound,
        other => unique_or_internal(other, field, code),
    }
}

pub async fn list_council_members(
    db: &impl ConnectionTrait,
) -> Result<Vec<CouncilMemberView>, AppError> {
    let rows = council_member::Entity::find()
        .order_by_asc(council_member::Column::Kind)
        .order_by_asc(council_member::Column::Name)
        .all(db)
        .await?;
    let names = latin_names(db, rows.iter().filter_map(|r| r.member_id)).await?;
    rows.into_iter()
        .map(|r| {
            Ok(CouncilMemberView {
                id: r.id,
                kind: r.kind,
                member_name: r.member_id.and_then(|id| names.get(&id).cloned()),
                name: r.name,
                organization: r.organization,
                member_id: r.member_id,
            })
        })
        .collect()
}

/// Creates a Business Council member, or replaces member `id`.
pub async fn save_council_member(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: Option<i64>,
    input: CouncilMemberInput,
) -> Result<CouncilMemberView, AppError> {
    let input = validate_council_member(input)?;
    let txn = db.begin().await?;
    let before = match id {
        Some(id) => Some(
            council_member_view(
                &txn,
                council_member::Entity::find_by_id(id)
                    .one(&txn)
                    .await?
                    .ok_or(AppError::NotFound)?,
            )
            .await?,
        ),
        None => None,
    };
    let member_name = match input.member_id {
        Some(member_id) => Some(match get_member(&txn, member_id).await {
            Ok(member) => member.name_latin,
            Err(AppError::NotFound) => {
                return Err(AppError::field("member_id", ErrorCode::UnknownMember));
            }
            Err(other) => return Err(other),
        }),
        None => None,
    };
    let model = council_member::ActiveModel {
        id: id.map(Set).unwrap_or(NotSet),
        name: Set(input.name),
        kind: Set(input.kind),
        organization: Set(input.organization),
        member_id: Set(input.member_id),
    };
    let saved = match id {
        Some(_) => model.update(&txn).await,
        None => model.insert(&txn).await,
    }
    .map_err(|err| not_found_or(err, "name", ErrorCode::CouncilMemberTaken))?;
    let after = CouncilMemberView {
        id: saved.id,
        kind: saved.kind,
        name: saved.name,
        organization: saved.organization,
        member_id: saved.member_id,
        member_name,
    };
    let change = match &before {
        Some(before) => Change::new("updated", "council_member", after.id).before(before),
        None => Change::new("created", "council_member", after.id),
    };
    record(&txn, actor, change.after(&after)).await?;
    txn.commit().await?;
    Ok(after)
}

/// One Business Council member as lists show it.
async fn council_member_view(
    db: &impl ConnectionTrait,
    row: council_member::Model,
) -> Result<CouncilMemberView, AppError> {
    let member_name = match row.member_id {
        Some(id) => latin_names(db, [id]).await?.remove(&id),
        None => None,
    };
    Ok(CouncilMemberView {
        id: row.id,
        kind: row.kind,
        name: row.name,
        organization: row.organization,
        member_id: row.member_id,
        member_name,
    })
}

#[cfg(test)]
mod tests {
    use super::search_key;

    #[test]
    fn search_ignores_case_and_accents() {
        assert_eq!(search_key("Kraków"), "krakow");
        assert_eq!(search_key("HỘI AN"), "hoi an");
        assert_eq!(search_key("Łódź"), "lodz");
        assert_eq!(search_key("泉州"), "泉州");
    }
}
