//! Names in other languages in the database (server only): one table
//! per kind of thing named, each `(owner_id, lang, name)` with its owner
//! as a foreign key, so a room, a committee or a category takes its
//! names with it when it goes.

use std::collections::HashMap;

use sea_orm::ConnectionTrait;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};

use super::types::Names;
use crate::error::AppError;

/// What is named, and the table its other names are kept in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    Room,
    Committee,
    BudgetCategory,
}

impl Named {
    fn table(self) -> Alias {
        Alias::new(match self {
            Named::Room => "room_names",
            Named::Committee => "committee_names",
            Named::BudgetCategory => "budget_category_names",
        })
    }
}

/// The other names of `ids`, by owner; owners without any are absent.
pub async fn names_of(
    db: &impl ConnectionTrait,
    named: Named,
    ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, Names>, AppError> {
    let ids: Vec<i64> = ids.into_iter().collect();
    let mut names: HashMap<i64, Names> = HashMap::new();
    if ids.is_empty() {
        return Ok(names);
    }
    let mut select = Query::select();
    select
        .columns([
            Alias::new("owner_id"),
            Alias::new("lang"),
            Alias::new("name"),
        ])
        .from(named.table())
        .and_where(Expr::col(Alias::new("owner_id")).is_in(ids));
    let statement = db.get_database_backend().build(&select);
    for row in db.query_all_raw(statement).await? {
        let owner: i64 = row.try_get("", "owner_id")?;
        let lang: String = row.try_get("", "lang")?;
        let name: String = row.try_get("", "name")?;
        names.entry(owner).or_default().insert(lang, name);
    }
    Ok(names)
}

/// One owner's other names.
pub async fn names_for(
    db: &impl ConnectionTrait,
    named: Named,
    id: i64,
) -> Result<Names, AppError> {
    Ok(names_of(db, named, [id])
        .await?
        .remove(&id)
        .unwrap_or_default())
}

/// Replaces an owner's other names with `names` (already parsed), in the
/// caller's transaction; answers the names it replaced, for the audit
/// log.
pub async fn replace_names(
    db: &impl ConnectionTrait,
    named: Named,
    id: i64,
    names: &Names,
) -> Result<Names, AppError> {
    let before = names_for(db, named, id).await?;
    let mut delete = Query::delete();
    delete
        .from_table(named.table())
        .and_where(Expr::col(Alias::new("owner_id")).eq(id));
    db.execute(&delete).await?;
    if names.is_empty() {
        return Ok(before);
    }
    let mut insert = Query::insert();
    insert.into_table(named.table()).columns([
        Alias::new("owner_id"),
        Alias::new("lang"),
        Alias::new("name"),
    ]);
    for (lang, name) in names {
        insert
            .values([id.into(), lang.clone().into(), name.clone().into()])
            .map_err(AppError::internal)?;
    }
    db.execute(&insert).await?;
    Ok(before)
}
