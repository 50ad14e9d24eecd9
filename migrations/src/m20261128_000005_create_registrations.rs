use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261128_000002_create_directory::Members;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Delegations::Table)
                    .col(big_pk_auto(Delegations::Id))
                    .col(big_integer(Delegations::EditionId))
                    .col(big_integer_null(Delegations::MemberId))
                    // The person who registered the delegation and manages it.
                    .col(string(Delegations::HeadEmail))
                    .col(timestamp_with_time_zone(Delegations::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Delegations::Table, Delegations::EditionId)
                            .to(Editions::Table, Editions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Delegations::Table, Delegations::MemberId)
                            .to(Members::Table, Members::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Registrations::Table)
                    .col(big_pk_auto(Registrations::Id))
                    .col(big_integer(Registrations::EditionId))
                    .col(big_integer_null(Registrations::DelegationId))
                    .col(string(Registrations::NameNative))
                    .col(string(Registrations::NameLatin))
                    .col(string(Registrations::Honorific))
                    .col(string(Registrations::Position))
                    .col(string(Registrations::Organization))
                    .col(string(Registrations::Email))
                    .col(string(Registrations::Phone))
                    .col(string(Registrations::Category))
                    // Comma-separated ISO 639-1 codes.
                    .col(string(Registrations::Languages))
                    .col(string_null(Registrations::Interpretation))
                    .col(string(Registrations::Dietary))
                    .col(string(Registrations::Access))
                    .col(timestamp_with_time_zone_null(Registrations::ArrivalAt))
                    .col(timestamp_with_time_zone_null(Registrations::DepartureAt))
                    .col(string(Registrations::Status))
                    .col(string_null(Registrations::DeclineReason))
                    // Null for invited delegates imported by organizers until they confirm.
                    .col(timestamp_with_time_zone_null(Registrations::ConsentAt))
                    .col(timestamp_with_time_zone(Registrations::CreatedAt))
                    .col(timestamp_with_time_zone(Registrations::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Registrations::Table, Registrations::EditionId)
                            .to(Editions::Table, Editions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Registrations::Table, Registrations::DelegationId)
                            .to(Delegations::Table, Delegations::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        // One registration per person and edition.
        manager
            .create_index(
                Index::create()
                    .name("ux_registrations_edition_email")
                    .table(Registrations::Table)
                    .col(Registrations::EditionId)
                    .col(Registrations::Email)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Registrations::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Delegations::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Editions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Delegations {
    Table,
    Id,
    EditionId,
    MemberId,
    HeadEmail,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Registrations {
    Table,
    Id,
    EditionId,
    DelegationId,
    NameNative,
    NameLatin,
    Honorific,
    Position,
    Organization,
    Email,
    Phone,
    Category,
    Languages,
    Interpretation,
    Dietary,
    Access,
    ArrivalAt,
    DepartureAt,
    Status,
    DeclineReason,
    ConsentAt,
    CreatedAt,
    UpdatedAt,
}
