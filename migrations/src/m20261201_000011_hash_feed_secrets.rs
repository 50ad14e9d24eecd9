use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, Statement};
use sha2::{Digest, Sha256};

/// Agenda-feed secrets are stored as SHA-256, like every other secret: a
/// copy of the table no longer opens anyone's agenda. The addresses people
/// subscribed to keep working (the hash of what they present is looked up).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    // All or nothing on SQLite too (sea-orm-migration wraps only
    // PostgreSQL's migrations by default): a run cut short leaves nothing
    // half done to trip the next one.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let backend = manager.get_database_backend();
        let rows = db
            .query_all_raw(Statement::from_string(
                backend,
                "SELECT registration_id, token FROM agenda_feeds",
            ))
            .await?;
        for row in rows {
            let id: i64 = row.try_get("", "registration_id")?;
            let token: String = row.try_get("", "token")?;
            let hashed = hex::encode(Sha256::digest(token.as_bytes()));
            let update = Query::update()
                .table(AgendaFeeds::Table)
                .value(AgendaFeeds::Token, hashed)
                .and_where(Expr::col(AgendaFeeds::RegistrationId).eq(id))
                .to_owned();
            db.execute(&update).await?;
        }
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        // A hash cannot be turned back into the address; the rows stay.
        Ok(())
    }
}

#[derive(DeriveIden)]
enum AgendaFeeds {
    Table,
    RegistrationId,
    Token,
}
