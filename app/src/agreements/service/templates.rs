//! Templates: clauses in two languages with typed placeholders. The five
//! standard ones are added at start when missing; coordinators and
//! organizers edit them and add their own.

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, QueryFilter, QueryOrder,
    Set, TransactionSession, TransactionTrait,
};

use super::{clauses_json, clauses_of, language, log, texts_json, texts_of};
use crate::agreements::domain::{self, TITLE_MAX, check_template_clauses, check_template_texts};
use crate::agreements::entity::template;
use crate::agreements::standard::STANDARD;
use crate::agreements::types::{TemplateInput, TemplateView};
use crate::audit::{Actor, Change};
use crate::db::{now, unique_or_internal};
use crate::error::{AppError, ErrorCode, Validator, validated};
use crate::platform::versioned::{Seen, save_versioned_or};

pub fn view(model: template::Model) -> Result<TemplateView, AppError> {
    let clauses = clauses_of(&model.clauses)?;
    let texts = texts_of(&model.texts)?;
    let placeholders = domain::placeholders(&clauses).unwrap_or_default();
    Ok(TemplateView {
        id: model.id,
        name: model.name,
        kind: model.kind,
        languages: domain::template_languages(&model.language_b, &texts),
        language_b: model.language_b,
        clauses,
        texts,
        placeholders,
        version: model.version,
        updated_at: model.updated_at,
    })
}

pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<TemplateView>, AppError> {
    template::Entity::find()
        .order_by_asc(template::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(view)
        .collect()
}

pub async fn get(db: &impl ConnectionTrait, id: i64) -> Result<TemplateView, AppError> {
    view(
        template::Entity::find_by_id(id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?,
    )
}

struct Checked {
    name: String,
    kind: crate::agreements::types::TemplateKind,
    language_b: String,
    clauses: String,
    texts: String,
}

fn check(input: &TemplateInput) -> Result<Checked, AppError> {
    let mut v = Validator::new();
    let name = v.check("name", crate::text::line(&input.name, TITLE_MAX, true));
    let kind = v.check("kind", input.kind.ok_or(ErrorCode::Required));
    let language_b = language("language_b", &input.language_b, &mut v);
    let clauses = check_template_clauses(&input.clauses, &mut v);
    let texts = check_template_texts(&input.clauses, &language_b, &input.texts, &mut v);
    v.finish()?;
    Ok(Checked {
        name: validated(name)?,
        kind: validated(kind)?,
        language_b,
        clauses: clauses_json(&clauses)?,
        texts: texts_json(&texts)?,
    })
}

pub async fn create(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    input: TemplateInput,
) -> Result<TemplateView, AppError> {
    let checked = check(&input)?;
    let txn = db.begin().await?;
    let model = template::ActiveModel {
        id: NotSet,
        name: Set(checked.name),
        kind: Set(checked.kind),
        language_b: Set(checked.language_b),
        clauses: Set(checked.clauses),
        texts: Set(checked.texts),
        version: Set(1),
        updated_at: Set(now()),
    }
    .insert(&txn)
    .await
    .map_err(|err| unique_or_internal(err, "name", ErrorCode::TitleTaken))?;
    log(
        &txn,
        actor,
        Change::new("created", "agreement_template", model.id).after(&model),
    )
    .await?;
    txn.commit().await?;
    view(model)
}

pub async fn update(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: i64,
    input: TemplateInput,
) -> Result<TemplateView, AppError> {
    let checked = check(&input)?;
    let txn = db.begin().await?;
    let before = template::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut row: template::ActiveModel = before.clone().into();
    row.name = Set(checked.name);
    row.kind = Set(checked.kind);
    row.language_b = Set(checked.language_b);
    row.clauses = Set(checked.clauses);
    row.texts = Set(checked.texts);
    row.updated_at = Set(now());
    let seen = Seen {
        id: (template::Column::Id, id),
        version: (template::Column::Version, input.version),
    };
    let after = save_versioned_or::<template::Entity>(&txn, row, seen, |err| {
        unique_or_internal(err, "name", ErrorCode::TitleTaken)
    })
    .await?;
    log(
        &txn,
        actor,
        Change::new("updated", "agreement_template", id)
            .before(&before)
            .after(&after),
    )
    .await?;
    txn.commit().await?;
    view(after)
}

/// Deletes a template; agreements drafted from it keep their text.
pub async fn delete(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: i64,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    let before = template::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    template::Entity::delete_by_id(id).exec(&txn).await?;
    log(
        &txn,
        actor,
        Change::new("deleted", "agreement_template", id).before(&before),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Adds the standard templates whose names are not taken (at every
/// start: several processes starting at once add each one once).
pub async fn ensure_standard(db: &impl ConnectionTrait) -> Result<u64, AppError> {
    let mut added = 0;
    for standard in &STANDARD {
        let row = template::ActiveModel {
            id: NotSet,
            name: Set(standard.name.to_owned()),
            kind: Set(standard.kind),
            language_b: Set("zh".to_owned()),
            clauses: Set(clauses_json(&standard.clauses())?),
            texts: Set(texts_json(&standard.texts())?),
            version: Set(1),
            updated_at: Set(now()),
        };
        let inserted = template::Entity::insert(row)
            .on_conflict(
                OnConflict::column(template::Column::Name)
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
        added += inserted;
    }
    Ok(added)
}

/// Whether any template exists (the standard ones are only added to an
/// installation that has none, so a deleted one stays deleted).
pub async fn ensure_standard_once(db: &impl ConnectionTrait) -> Result<u64, AppError> {
    let any = template::Entity::find()
        .filter(template::Column::Id.gt(0))
        .one(db)
        .await?
        .is_some();
    if any {
        return Ok(0);
    }
    ensure_standard(db).await
}
