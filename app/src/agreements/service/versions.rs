//! An agreement's versions: listed, read, compared word by word, and
//! commented on.

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionSession, TransactionTrait,
};

use super::{clauses_of, find, log};
use crate::agreements::domain::{self, NOTE_MAX};
use crate::agreements::entity::{comment, version};
use crate::agreements::types::{
    AgreementStatus, CommentInput, CommentView, Comparison, VersionText, VersionView,
};
use crate::audit::{Actor, Change};
use crate::db::now;
use crate::error::{AppError, ErrorCode};

/// Every version, the latest first, with its comment count.
pub async fn versions(db: &impl ConnectionTrait, id: i64) -> Result<Vec<VersionView>, AppError> {
    find(db, id).await?;
    let rows = version::Entity::find()
        .select_only()
        .columns([
            version::Column::Number,
            version::Column::Title,
            version::Column::Note,
            version::Column::Status,
            version::Column::CreatedBy,
            version::Column::CreatedAt,
        ])
        .filter(version::Column::AgreementId.eq(id))
        .order_by_desc(version::Column::Number)
        .into_tuple::<(
            i32,
            String,
            String,
            AgreementStatus,
            Option<i64>,
            chrono::DateTime<chrono::Utc>,
        )>()
        .all(db)
        .await?;
    let counts: HashMap<i32, i64> = comment::Entity::find()
        .select_only()
        .column(comment::Column::VersionNumber)
        .column_as(comment::Column::Id.count(), "n")
        .filter(comment::Column::AgreementId.eq(id))
        .group_by(comment::Column::VersionNumber)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let labels = crate::auth::service::account_labels(db, rows.iter().filter_map(|r| r.4)).await?;
    Ok(rows
        .into_iter()
        .map(|(number, title, note, status, by, at)| VersionView {
            number,
            title,
            note,
            status,
            created_by: by.and_then(|id| labels.get(&id).cloned()),
            created_at: at,
            comments: counts.get(&number).copied().unwrap_or(0) as u32,
        })
        .collect())
}

pub async fn version_text(
    db: &impl ConnectionTrait,
    id: i64,
    number: i32,
) -> Result<VersionText, AppError> {
    let row = version::Entity::find()
        .filter(version::Column::AgreementId.eq(id))
        .filter(version::Column::Number.eq(number))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(VersionText {
        number,
        clauses: clauses_of(&row.clauses)?,
        title: row.title,
    })
}

/// Two versions compared word by word, in each language.
pub async fn compare(
    db: &impl ConnectionTrait,
    id: i64,
    from: i32,
    to: i32,
) -> Result<Comparison, AppError> {
    let model = find(db, id).await?;
    let old = version_text(db, id, from).await?;
    let new = version_text(db, id, to).await?;
    // Splitting and comparing two long texts keeps a core busy for a
    // while: off the async workers, a bounded number at once.
    let ((a, added_a, removed_a), (b, added_b, removed_b)) = crate::heavy::document(move || {
        (
            domain::compare_words(
                &domain::side_text(&old.title, &old.clauses, true),
                &domain::side_text(&new.title, &new.clauses, true),
            ),
            domain::compare_words(
                &domain::side_text(&old.title, &old.clauses, false),
                &domain::side_text(&new.title, &new.clauses, false),
            ),
        )
    })
    .await?;
    Ok(Comparison {
        from,
        to,
        language_a: model.language_a,
        language_b: model.language_b,
        a,
        b,
        words_added: added_a + added_b,
        words_removed: removed_a + removed_b,
    })
}

pub async fn comments(
    db: &impl ConnectionTrait,
    id: i64,
    number: i32,
) -> Result<Vec<CommentView>, AppError> {
    version_text(db, id, number).await?;
    let rows = comment::Entity::find()
        .filter(comment::Column::AgreementId.eq(id))
        .filter(comment::Column::VersionNumber.eq(number))
        .order_by_asc(comment::Column::Id)
        .limit(500)
        .all(db)
        .await?;
    let labels =
        crate::auth::service::account_labels(db, rows.iter().filter_map(|r| r.author)).await?;
    Ok(rows
        .into_iter()
        .map(|r| CommentView {
            id: r.id,
            version_number: r.version_number,
            author: r.author.and_then(|id| labels.get(&id).cloned()),
            body: r.body,
            created_at: r.created_at,
        })
        .collect())
}

/// Comments one version may carry.
pub const COMMENTS_PER_VERSION: u64 = 500;

pub async fn add_comment(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: i64,
    number: i32,
    input: CommentInput,
) -> Result<CommentView, AppError> {
    version_text(db, id, number).await?;
    let body = crate::text::paragraph(&input.body, NOTE_MAX, true)
        .map_err(|code| AppError::field("body", code))?;
    let existing = comment::Entity::find()
        .filter(comment::Column::AgreementId.eq(id))
        .filter(comment::Column::VersionNumber.eq(number))
        .count(db)
        .await?;
    if existing >= COMMENTS_PER_VERSION {
        return Err(AppError::field("body", ErrorCode::TooMany));
    }
    let txn = db.begin().await?;
    let row = comment::ActiveModel {
        id: NotSet,
        agreement_id: Set(id),
        version_number: Set(number),
        author: Set(actor.user_id),
        body: Set(body),
        created_at: Set(now()),
    }
    .insert(&txn)
    .await?;
    log(
        &txn,
        actor,
        Change::new("created", "agreement_comment", row.id).after(&row),
    )
    .await?;
    txn.commit().await?;
    Ok(CommentView {
        id: row.id,
        version_number: number,
        author: Some(actor.label.clone()),
        body: row.body,
        created_at: row.created_at,
    })
}
