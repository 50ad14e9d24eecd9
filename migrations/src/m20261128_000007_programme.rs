use sea_orm_migration::{prelude::*, schema::*};

/// The programme: rooms gain a floor and interpretation booths; sessions,
/// their speakers and moderators, personal agendas and the secret
/// addresses of agenda calendar feeds.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        manager
            .alter_table(
                Table::alter()
                    .table(Rooms::Table)
                    .add_column(string(Rooms::Floor).default(""))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Rooms::Table)
                    .add_column(integer(Rooms::Booths).default(0))
                    .to_owned(),
            )
            .await?;
        // Raised by every change the published programme shows, so that
        // servers can keep it rendered until it changes.
        manager
            .alter_table(
                Table::alter()
                    .table(Editions::Table)
                    .add_column(integer(Editions::ProgrammeVersion).default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProgrammeSessions::Table)
                    .col(big_pk_auto(ProgrammeSessions::Id))
                    .col(big_integer(ProgrammeSessions::EditionId))
                    .col(string(ProgrammeSessions::TitleEn))
                    .col(string(ProgrammeSessions::TitleZh))
                    .col(text(ProgrammeSessions::DescriptionEn))
                    .col(text(ProgrammeSessions::DescriptionZh))
                    .col(string(ProgrammeSessions::Kind))
                    .col(big_integer_null(ProgrammeSessions::RoomId))
                    .col(timestamp_with_time_zone(ProgrammeSessions::StartsAt))
                    .col(timestamp_with_time_zone(ProgrammeSessions::EndsAt))
                    .col(big_integer_null(ProgrammeSessions::CommitteeId))
                    .col(string(ProgrammeSessions::Languages))
                    .col(integer_null(ProgrammeSessions::Capacity))
                    .col(boolean(ProgrammeSessions::InvitationOnly).default(false))
                    .col(string(ProgrammeSessions::Status))
                    .col(integer(ProgrammeSessions::Sequence).default(0))
                    .col(timestamp_with_time_zone(ProgrammeSessions::CreatedAt))
                    .col(timestamp_with_time_zone(ProgrammeSessions::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProgrammeSessions::Table, ProgrammeSessions::EditionId)
                            .to(Editions::Table, Editions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    // A room with sessions cannot be removed.
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProgrammeSessions::Table, ProgrammeSessions::RoomId)
                            .to(Rooms::Table, Rooms::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProgrammeSessions::Table, ProgrammeSessions::CommitteeId)
                            .to(Committees::Table, Committees::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_programme_sessions_edition_start")
                    .table(ProgrammeSessions::Table)
                    .col(ProgrammeSessions::EditionId)
                    .col(ProgrammeSessions::StartsAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SessionPeople::Table)
                    .col(big_integer(SessionPeople::SessionId))
                    .col(big_integer(SessionPeople::RegistrationId))
                    .col(string(SessionPeople::Role))
                    .primary_key(
                        Index::create()
                            .col(SessionPeople::SessionId)
                            .col(SessionPeople::RegistrationId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(SessionPeople::Table, SessionPeople::SessionId)
                            .to(ProgrammeSessions::Table, ProgrammeSessions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(SessionPeople::Table, SessionPeople::RegistrationId)
                            .to(Registrations::Table, Registrations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AgendaEntries::Table)
                    .col(big_integer(AgendaEntries::RegistrationId))
                    .col(big_integer(AgendaEntries::SessionId))
                    .col(timestamp_with_time_zone(AgendaEntries::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(AgendaEntries::RegistrationId)
                            .col(AgendaEntries::SessionId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(AgendaEntries::Table, AgendaEntries::RegistrationId)
                            .to(Registrations::Table, Registrations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(AgendaEntries::Table, AgendaEntries::SessionId)
                            .to(ProgrammeSessions::Table, ProgrammeSessions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // Who booked a session: for capacity and change notices.
        manager
            .create_index(
                Index::create()
                    .name("ix_agenda_entries_session")
                    .table(AgendaEntries::Table)
                    .col(AgendaEntries::SessionId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AgendaFeeds::Table)
                    .col(big_integer(AgendaFeeds::RegistrationId).primary_key())
                    // Kept readable: the agenda page shows the address again.
                    .col(string_uniq(AgendaFeeds::Token))
                    .col(timestamp_with_time_zone(AgendaFeeds::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AgendaFeeds::Table, AgendaFeeds::RegistrationId)
                            .to(Registrations::Table, Registrations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AgendaFeeds::Table.into_iden(),
            AgendaEntries::Table.into_iden(),
            SessionPeople::Table.into_iden(),
            ProgrammeSessions::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Editions::Table)
                    .drop_column(Editions::ProgrammeVersion)
                    .to_owned(),
            )
            .await?;
        for column in [Rooms::Booths, Rooms::Floor] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Rooms::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Editions {
    Table,
    Id,
    ProgrammeVersion,
}

#[derive(DeriveIden)]
enum Rooms {
    Table,
    Id,
    Floor,
    Booths,
}

#[derive(DeriveIden)]
enum Committees {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Registrations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ProgrammeSessions {
    Table,
    Id,
    EditionId,
    TitleEn,
    TitleZh,
    DescriptionEn,
    DescriptionZh,
    Kind,
    RoomId,
    StartsAt,
    EndsAt,
    CommitteeId,
    Languages,
    Capacity,
    InvitationOnly,
    Status,
    Sequence,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum SessionPeople {
    Table,
    SessionId,
    RegistrationId,
    Role,
}

#[derive(DeriveIden)]
enum AgendaEntries {
    Table,
    RegistrationId,
    SessionId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AgendaFeeds {
    Table,
    RegistrationId,
    Token,
    CreatedAt,
}
