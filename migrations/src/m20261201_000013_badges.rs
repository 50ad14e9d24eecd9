use sea_orm_migration::{prelude::*, schema::*};

/// Badges: each registration's badge version (a reprint raises it, so the
/// old badge stops passing); each edition's signing keys, the secret half
/// sealed with a key kept outside the database; who printed which badge
/// version when; batches being made; and attachments of queued mail (the
/// approval letter's QR and calendar file).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    // All or nothing on SQLite too (see 000009).
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Registrations::Table)
                    .add_column(integer(Registrations::BadgeVersion).default(1))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BadgeKeys::Table)
                    .col(big_pk_auto(BadgeKeys::Id))
                    .col(big_integer(BadgeKeys::EditionId))
                    .col(string_len(BadgeKeys::PublicKey, 64))
                    .col(text(BadgeKeys::SealedSecret))
                    .col(timestamp_with_time_zone(BadgeKeys::CreatedAt))
                    .col(timestamp_with_time_zone_null(BadgeKeys::RevokedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(BadgeKeys::Table, BadgeKeys::EditionId)
                            .to(Editions::Table, Editions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BadgeBatches::Table)
                    .col(big_pk_auto(BadgeBatches::Id))
                    .col(big_integer(BadgeBatches::EditionId))
                    .col(big_integer_null(BadgeBatches::RequestedBy))
                    .col(text(BadgeBatches::Selection))
                    .col(string_len(BadgeBatches::Layout, 32))
                    .col(string_len(BadgeBatches::Status, 16))
                    .col(integer(BadgeBatches::Total))
                    .col(integer(BadgeBatches::Done))
                    .col(string_null(BadgeBatches::File))
                    .col(text_null(BadgeBatches::Error))
                    .col(timestamp_with_time_zone(BadgeBatches::CreatedAt))
                    .col(timestamp_with_time_zone_null(BadgeBatches::FinishedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(BadgeBatches::Table, BadgeBatches::EditionId)
                            .to(Editions::Table, Editions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BadgePrints::Table)
                    .col(big_pk_auto(BadgePrints::Id))
                    .col(big_integer(BadgePrints::RegistrationId))
                    .col(big_integer(BadgePrints::EditionId))
                    .col(integer(BadgePrints::Version))
                    .col(big_integer_null(BadgePrints::PrintedBy))
                    .col(string(BadgePrints::PrintedByLabel))
                    .col(timestamp_with_time_zone(BadgePrints::PrintedAt))
                    .col(big_integer_null(BadgePrints::BatchId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(BadgePrints::Table, BadgePrints::RegistrationId)
                            .to(Registrations::Table, Registrations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_badge_prints_registration")
                    .table(BadgePrints::Table)
                    .col(BadgePrints::RegistrationId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OutboxAttachments::Table)
                    .col(big_pk_auto(OutboxAttachments::Id))
                    .col(big_integer(OutboxAttachments::MessageId))
                    .col(string(OutboxAttachments::FileName))
                    .col(string_len(OutboxAttachments::ContentType, 100))
                    // Set for an image shown inside the HTML body.
                    .col(string_null(OutboxAttachments::ContentId))
                    .col(blob(OutboxAttachments::Body))
                    .foreign_key(
                        ForeignKey::create()
                            .from(OutboxAttachments::Table, OutboxAttachments::MessageId)
                            .to(Outbox::Table, Outbox::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_attachments_message")
                    .table(OutboxAttachments::Table)
                    .col(OutboxAttachments::MessageId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            OutboxAttachments::Table.into_iden(),
            BadgePrints::Table.into_iden(),
            BadgeBatches::Table.into_iden(),
            BadgeKeys::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Registrations::Table)
                    .drop_column(Registrations::BadgeVersion)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Registrations {
    Table,
    Id,
    BadgeVersion,
}

#[derive(DeriveIden)]
enum Editions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum BadgeKeys {
    Table,
    Id,
    EditionId,
    PublicKey,
    SealedSecret,
    CreatedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum BadgeBatches {
    Table,
    Id,
    EditionId,
    RequestedBy,
    Selection,
    Layout,
    Status,
    Total,
    Done,
    File,
    Error,
    CreatedAt,
    FinishedAt,
}

#[derive(DeriveIden)]
enum BadgePrints {
    Table,
    Id,
    RegistrationId,
    EditionId,
    Version,
    PrintedBy,
    PrintedByLabel,
    PrintedAt,
    BatchId,
}

#[derive(DeriveIden)]
enum OutboxAttachments {
    Table,
    Id,
    MessageId,
    FileName,
    ContentType,
    ContentId,
    Body,
}
