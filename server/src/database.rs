//! Connecting to the database and migrating it.

use std::time::Duration;

use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};

#[derive(Debug, thiserror::Error)]
pub enum DatabaseError {
    #[error("DATABASE_URL must start with sqlite:// or postgres://, got {0:?}")]
    UnsupportedUrl(String),
    #[error("cannot create the folder {0} for the SQLite database: {1}")]
    Folder(String, std::io::Error),
    #[error("cannot open the database at {url}: {source}")]
    Connect { url: String, source: DbErr },
    #[error("cannot migrate the database: {0}")]
    Migrate(DbErr),
}

/// The URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// Opens the database; for SQLite, creates the file and its folder.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DatabaseError> {
    if let Some(path) = url.strip_prefix("sqlite://") {
        let file = path.split('?').next().unwrap_or_default();
        if let Some(folder) = std::path::Path::new(file).parent()
            && !folder.as_os_str().is_empty()
        {
            std::fs::create_dir_all(folder)
                .map_err(|err| DatabaseError::Folder(folder.display().to_string(), err))?;
        }
    } else if !url.starts_with("postgres://") && !url.starts_with("postgresql://") {
        return Err(DatabaseError::UnsupportedUrl(redact(url)));
    }
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    if url.starts_with("sqlite:") {
        // SQLite has one writer at a time, and a transaction that reads
        // and then writes fails at once with "database is locked" when
        // another connection wrote in between (waiting cannot help it).
        // One connection queues them instead: each transaction is short.
        options.max_connections(1);
        // Write-ahead logging: a commit appends to the log and syncs it
        // once (the default rollback journal writes, syncs and deletes a
        // journal file every time: check-in's scans waited on it), and a
        // backup (VACUUM INTO) reads while writes go on. Still synced at
        // every commit (synchronous stays FULL): an answered scan is on disk.
        options.map_sqlx_sqlite_opts(|o| {
            o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
        });
    } else {
        options.max_connections(20);
    }
    Database::connect(options)
        .await
        .map_err(|source| DatabaseError::Connect {
            url: redact(url),
            source,
        })
}

/// Migrates the schema, then adds the data a new installation starts
/// with (the standard agreement templates, when it has none).
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DatabaseError> {
    Migrator::up(db, None)
        .await
        .map_err(DatabaseError::Migrate)?;
    app::agreements::service::templates::ensure_standard_once(db)
        .await
        .map_err(|err| DatabaseError::Migrate(DbErr::Custom(err.to_string())))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            redact("postgres://forum:s3cret@db:5432/forum"),
            "postgres://forum:***@db:5432/forum"
        );
        assert_eq!(redact("sqlite://data/x.db"), "sqlite://data/x.db");
    }
}
