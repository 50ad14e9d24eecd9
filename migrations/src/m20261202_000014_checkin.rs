use sea_orm_migration::{prelude::*, schema::*};

/// Check-in: paired devices (tablets at the doors) with their hashed
/// tokens; every scan a device made, with the id the device gave it (so
/// an offline scan uploaded twice is kept once); and the arrivals, one
/// row per person per list (the Forum's entry or a session), which make
/// the counts exact.
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
            .create_table(
                Table::create()
                    .table(CheckinDevices::Table)
                    .col(big_pk_auto(CheckinDevices::Id))
                    .col(big_integer(CheckinDevices::EditionId))
                    .col(string_len(CheckinDevices::Name, 80))
                    .col(boolean(CheckinDevices::Supervisor))
                    .col(string_len_null(CheckinDevices::TokenHash, 64).unique_key())
                    .col(string_len_null(CheckinDevices::PairingHash, 64).unique_key())
                    .col(timestamp_with_time_zone_null(
                        CheckinDevices::PairingExpiresAt,
                    ))
                    .col(big_integer_null(CheckinDevices::CreatedBy))
                    .col(timestamp_with_time_zone(CheckinDevices::CreatedAt))
                    .col(timestamp_with_time_zone_null(CheckinDevices::PairedAt))
                    .col(timestamp_with_time_zone_null(CheckinDevices::LastSeenAt))
                    .col(timestamp_with_time_zone_null(CheckinDevices::RevokedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CheckinDevices::Table, CheckinDevices::EditionId)
                            .to(Editions::Table, Editions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CheckinScans::Table)
                    .col(big_pk_auto(CheckinScans::Id))
                    .col(big_integer(CheckinScans::EditionId))
                    .col(big_integer(CheckinScans::DeviceId))
                    .col(string_len(CheckinScans::ClientId, 64))
                    .col(string_len(CheckinScans::ListKey, 32))
                    .col(big_integer_null(CheckinScans::RegistrationId))
                    .col(string_len(CheckinScans::Method, 16))
                    .col(string_len(CheckinScans::Outcome, 24))
                    .col(string_len(CheckinScans::Light, 8))
                    .col(boolean(CheckinScans::Counted))
                    .col(boolean(CheckinScans::Flagged))
                    .col(string_len(CheckinScans::Staff, 80))
                    .col(timestamp_with_time_zone(CheckinScans::ScannedAt))
                    .col(timestamp_with_time_zone(CheckinScans::RecordedAt))
                    .col(timestamp_with_time_zone_null(CheckinScans::UndoneAt))
                    .col(string_len_null(CheckinScans::UndoReason, 200))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CheckinScans::Table, CheckinScans::DeviceId)
                            .to(CheckinDevices::Table, CheckinDevices::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_checkin_scans_client")
                    .table(CheckinScans::Table)
                    .col(CheckinScans::DeviceId)
                    .col(CheckinScans::ClientId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_checkin_scans_edition")
                    .table(CheckinScans::Table)
                    .col(CheckinScans::EditionId)
                    .col(CheckinScans::RecordedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CheckinArrivals::Table)
                    .col(big_integer(CheckinArrivals::EditionId))
                    .col(string_len(CheckinArrivals::ListKey, 32))
                    .col(big_integer(CheckinArrivals::RegistrationId))
                    .col(big_integer(CheckinArrivals::DeviceId))
                    .col(string_len(CheckinArrivals::ClientId, 64))
                    .col(timestamp_with_time_zone(CheckinArrivals::ArrivedAt))
                    .primary_key(
                        Index::create()
                            .col(CheckinArrivals::EditionId)
                            .col(CheckinArrivals::ListKey)
                            .col(CheckinArrivals::RegistrationId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CheckinArrivals::Table, CheckinArrivals::EditionId)
                            .to(Editions::Table, Editions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            CheckinArrivals::Table.into_iden(),
            CheckinScans::Table.into_iden(),
            CheckinDevices::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Editions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum CheckinDevices {
    Table,
    Id,
    EditionId,
    Name,
    Supervisor,
    TokenHash,
    PairingHash,
    PairingExpiresAt,
    CreatedBy,
    CreatedAt,
    PairedAt,
    LastSeenAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum CheckinScans {
    Table,
    Id,
    EditionId,
    DeviceId,
    ClientId,
    ListKey,
    RegistrationId,
    Method,
    Outcome,
    Light,
    Counted,
    Flagged,
    Staff,
    ScannedAt,
    RecordedAt,
    UndoneAt,
    UndoReason,
}

#[derive(DeriveIden)]
enum CheckinArrivals {
    Table,
    EditionId,
    ListKey,
    RegistrationId,
    DeviceId,
    ClientId,
    ArrivedAt,
}
