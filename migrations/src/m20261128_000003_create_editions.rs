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
                    .table(Editions::Table)
                    .col(big_pk_auto(Editions::Id))
                    // One Forum a year.
                    .col(integer_uniq(Editions::Year))
                    .col(string(Editions::Title))
                    .col(big_integer(Editions::HostCityId))
                    .col(string(Editions::Venue))
                    .col(date(Editions::StartDate))
                    .col(date(Editions::EndDate))
                    .col(string(Editions::TimeZone))
                    .col(string(Editions::Status))
                    .col(timestamp_with_time_zone(Editions::CreatedAt))
                    .col(timestamp_with_time_zone(Editions::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Editions::Table, Editions::HostCityId)
                            .to(Members::Table, Members::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Rooms::Table)
                    .col(big_pk_auto(Rooms::Id))
                    .col(big_integer(Rooms::EditionId))
                    .col(string(Rooms::Name))
                    .col(integer_null(Rooms::Capacity))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Rooms::Table, Rooms::EditionId)
                            .to(Editions::Table, Editions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_rooms_edition_name")
                    .table(Rooms::Table)
                    .col(Rooms::EditionId)
                    .col(Rooms::Name)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Rooms::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Editions::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Editions {
    Table,
    Id,
    Year,
    Title,
    HostCityId,
    Venue,
    StartDate,
    EndDate,
    TimeZone,
    Status,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Rooms {
    Table,
    Id,
    EditionId,
    Name,
    Capacity,
}
