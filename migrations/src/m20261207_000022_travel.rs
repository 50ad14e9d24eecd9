use sea_orm_migration::{prelude::*, schema::*};

/// Delegate logistics, first part: each person's travel legs (what they
/// ask for, then what the organizers booked) and their travel document
/// for the visa letter. Both go with the registration.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TravelLegs::Table)
                    .col(big_pk_auto(TravelLegs::Id))
                    .col(big_integer(TravelLegs::EditionId))
                    .col(big_integer(TravelLegs::RegistrationId))
                    // arrival | departure
                    .col(string_len(TravelLegs::Direction, 16))
                    // flight | train | car
                    .col(string_len(TravelLegs::Mode, 16))
                    .col(string(TravelLegs::Carrier))
                    .col(string(TravelLegs::Number))
                    // Where an arrival comes from; where a departure goes.
                    .col(string(TravelLegs::Elsewhere))
                    // The airport or station at the Forum's end, and its
                    // terminal.
                    .col(string(TravelLegs::Place))
                    .col(string(TravelLegs::Terminal))
                    .col(timestamp_with_time_zone(TravelLegs::ScheduledAt))
                    .col(boolean(TravelLegs::Confirmed).default(false))
                    .col(timestamp_with_time_zone(TravelLegs::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(TravelLegs::Table, TravelLegs::RegistrationId)
                            .to(Registrations::Table, Registrations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_travel_legs_edition_time")
                    .table(TravelLegs::Table)
                    .col(TravelLegs::EditionId)
                    .col(TravelLegs::ScheduledAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_travel_legs_registration")
                    .table(TravelLegs::Table)
                    .col(TravelLegs::RegistrationId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TravelDocuments::Table)
                    .col(big_integer(TravelDocuments::RegistrationId).primary_key())
                    .col(string(TravelDocuments::PassportName))
                    .col(string_len(TravelDocuments::PassportNumber, 32))
                    .col(string_len(TravelDocuments::IssuingCountry, 2))
                    .col(string_len(TravelDocuments::Nationality, 2))
                    .col(date(TravelDocuments::ExpiresOn))
                    .col(date(TravelDocuments::BornOn))
                    .col(timestamp_with_time_zone(TravelDocuments::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(TravelDocuments::Table, TravelDocuments::RegistrationId)
                            .to(Registrations::Table, Registrations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(TravelDocuments::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(TravelLegs::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum TravelLegs {
    Table,
    Id,
    EditionId,
    RegistrationId,
    Direction,
    Mode,
    Carrier,
    Number,
    Elsewhere,
    Place,
    Terminal,
    ScheduledAt,
    Confirmed,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum TravelDocuments {
    Table,
    RegistrationId,
    PassportName,
    PassportNumber,
    IssuingCountry,
    Nationality,
    ExpiresOn,
    BornOn,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Registrations {
    Table,
    Id,
}
