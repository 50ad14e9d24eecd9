use sea_orm_migration::{prelude::*, schema::*};

/// The audit log: one row per change by staff, delegates or the system,
/// written in the same transaction as the change. Rows are only ever
/// inserted; nothing in the application updates or deletes them. There
/// are no foreign keys on purpose: an entry outlives the record (and the
/// account) it speaks of.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(big_pk_auto(AuditLog::Id))
                    .col(timestamp_with_time_zone(AuditLog::At))
                    .col(big_integer_null(AuditLog::ActorUserId))
                    // The account's e-mail at the time, or `public`, `cli`, `demo`.
                    .col(string(AuditLog::Actor))
                    .col(string(AuditLog::Action))
                    .col(string(AuditLog::Entity))
                    .col(string(AuditLog::RecordId))
                    .col(big_integer_null(AuditLog::EditionId))
                    // The record as JSON before and after the change.
                    .col(text_null(AuditLog::Before))
                    .col(text_null(AuditLog::After))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_audit_log_at")
                    .table(AuditLog::Table)
                    .col(AuditLog::At)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_audit_log_entity_record")
                    .table(AuditLog::Table)
                    .col(AuditLog::Entity)
                    .col(AuditLog::RecordId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_audit_log_edition_at")
                    .table(AuditLog::Table)
                    .col(AuditLog::EditionId)
                    .col(AuditLog::At)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AuditLog::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    ActorUserId,
    Actor,
    Action,
    Entity,
    RecordId,
    EditionId,
    Before,
    After,
}
