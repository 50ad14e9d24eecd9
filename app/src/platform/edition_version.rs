//! An edition's programme version: raised in the transaction of every
//! change the public programme shows (a session, a room, a booking, a
//! committee's name), so that its cache (`programme::cache`) and the
//! calendar feeds notice. Written against the table, not the editions
//! area, so that any area may raise it without importing that one.

use sea_orm::ConnectionTrait;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};

use crate::error::AppError;

/// Marks an edition's programme as changed (every edition's with `None`,
/// e.g. when a committee is renamed), in the caller's transaction.
pub async fn touch_programme(
    db: &impl ConnectionTrait,
    edition_id: Option<i64>,
) -> Result<(), AppError> {
    let version = Alias::new("programme_version");
    let mut update = Query::update();
    update
        .table(Alias::new("editions"))
        .value(version.clone(), Expr::col(version).add(1));
    if let Some(id) = edition_id {
        update.and_where(Expr::col(Alias::new("id")).eq(id));
    }
    db.execute(&update).await?;
    Ok(())
}
