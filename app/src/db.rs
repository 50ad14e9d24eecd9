//! Database helpers shared by every service (server only).

use sea_orm::{DbErr, SqlErr};

use crate::error::{AppError, ErrorCode};

/// Maps a unique-constraint violation to a message on the field that
/// clashed; anything else is internal.
#[track_caller]
pub fn unique_or_internal(err: DbErr, field: &str, code: ErrorCode) -> AppError {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => AppError::field(field, code),
        _ => AppError::from(err),
    }
}

/// A row still referenced elsewhere. SQLite reports an ON DELETE
/// RESTRICT refusal with its own code (1811), which sea-orm does not
/// classify, so the message is checked too.
pub fn is_foreign_key_violation(err: &DbErr) -> bool {
    matches!(
        err.sql_err(),
        Some(SqlErr::ForeignKeyConstraintViolation(_))
    ) || err.to_string().contains("FOREIGN KEY constraint failed")
}

/// Now, truncated to microseconds so that SQLite and PostgreSQL store and
/// return the same instant.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    use chrono::{SubsecRound, Utc};
    Utc::now().trunc_subsecs(6)
}

/// Where the server keeps files (`CF_DATA_DIR`, default `data`): the
/// SQLite database by default, the badge key vault's secret, badge batches.
pub fn data_dir() -> std::path::PathBuf {
    std::env::var("CF_DATA_DIR")
        .ok()
        .filter(|dir| !dir.trim().is_empty())
        .unwrap_or_else(|| "data".into())
        .into()
}
