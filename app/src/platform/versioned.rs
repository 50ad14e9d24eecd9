//! The one way a record that carries a `version` is changed: the update
//! lands only where the version is still the one the editor saw and
//! raises it; otherwise nothing is written and the editor is told
//! `edited_meanwhile` (one code, one way), never silently overwritten.

use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::error::{AppError, ErrorCode};

/// The refusal of a save whose version moved since the editor read it.
pub fn edited_meanwhile() -> AppError {
    AppError::Conflict(ErrorCode::EditedMeanwhile)
}

/// Which row, and the version its editor saw.
pub struct Seen<C> {
    pub id: (C, i64),
    pub version: (C, i32),
}

/// Writes `row`'s set fields and the next version where the row is still
/// at the version seen, then reads the row back as saved. Run it inside
/// the transaction that also records the change.
pub async fn save_versioned<E: EntityTrait>(
    db: &impl ConnectionTrait,
    row: E::ActiveModel,
    seen: Seen<E::Column>,
) -> Result<E::Model, AppError> {
    save_versioned_or::<E>(db, row, seen, AppError::from).await
}

/// As [`save_versioned`], with the update's database error (a unique
/// name taken, say) told as `refusal` says.
pub async fn save_versioned_or<E: EntityTrait>(
    db: &impl ConnectionTrait,
    mut row: E::ActiveModel,
    seen: Seen<E::Column>,
    refusal: impl FnOnce(sea_orm::DbErr) -> AppError,
) -> Result<E::Model, AppError> {
    let Seen {
        id: (id_column, id),
        version: (version_column, version),
    } = seen;
    row.set(version_column, (version + 1).into());
    let updated = E::update_many()
        .set(row)
        .filter(id_column.eq(id))
        .filter(version_column.eq(version))
        .exec(db)
        .await
        .map_err(refusal)?;
    if updated.rows_affected == 0 {
        return Err(edited_meanwhile());
    }
    E::find()
        .filter(id_column.eq(id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}
