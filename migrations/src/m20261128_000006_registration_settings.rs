use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261128_000002_create_directory::Members;

/// What organizers set per edition for registration (window, deadline,
/// invitations, capacities), and the e-mailed sign-in links of delegates.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RegistrationSettings::Table)
                    .col(big_integer(RegistrationSettings::EditionId).primary_key())
                    .col(date_null(RegistrationSettings::OpensOn))
                    .col(date_null(RegistrationSettings::ClosesOn))
                    .col(date_null(RegistrationSettings::EditDeadline))
                    .col(boolean(RegistrationSettings::InviteOnly).default(false))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RegistrationSettings::Table, RegistrationSettings::EditionId)
                            .to(Editions::Table, Editions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CategoryCapacities::Table)
                    .col(big_integer(CategoryCapacities::EditionId))
                    .col(string(CategoryCapacities::Category))
                    .col(integer(CategoryCapacities::Capacity))
                    .primary_key(
                        Index::create()
                            .col(CategoryCapacities::EditionId)
                            .col(CategoryCapacities::Category),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CategoryCapacities::Table, CategoryCapacities::EditionId)
                            .to(Editions::Table, Editions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Invitations::Table)
                    .col(big_pk_auto(Invitations::Id))
                    .col(big_integer(Invitations::EditionId))
                    .col(big_integer(Invitations::MemberId))
                    .col(string_uniq(Invitations::Code))
                    .col(integer_null(Invitations::MaxSize))
                    .col(timestamp_with_time_zone(Invitations::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Invitations::Table, Invitations::EditionId)
                            .to(Editions::Table, Editions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Invitations::Table, Invitations::MemberId)
                            .to(Members::Table, Members::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // One invitation per member and edition.
        manager
            .create_index(
                Index::create()
                    .name("ux_invitations_edition_member")
                    .table(Invitations::Table)
                    .col(Invitations::EditionId)
                    .col(Invitations::MemberId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Delegations::Table)
                    .add_column(big_integer_null(Delegations::InvitationId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SignInLinks::Table)
                    .col(big_pk_auto(SignInLinks::Id))
                    .col(string(SignInLinks::Email))
                    .col(string_uniq(SignInLinks::TokenHash))
                    .col(timestamp_with_time_zone(SignInLinks::CreatedAt))
                    .col(timestamp_with_time_zone(SignInLinks::ExpiresAt))
                    .to_owned(),
            )
            .await?;
        // The review queue filters by edition and status.
        manager
            .create_index(
                Index::create()
                    .name("ix_registrations_edition_status")
                    .table(Registrations::Table)
                    .col(Registrations::EditionId)
                    .col(Registrations::Status)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_registrations_edition_status")
                    .table(Registrations::Table)
                    .to_owned(),
            )
            .await?;
        for table in [
            SignInLinks::Table.into_iden(),
            Invitations::Table.into_iden(),
            CategoryCapacities::Table.into_iden(),
            RegistrationSettings::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Delegations::Table)
                    .drop_column(Delegations::InvitationId)
                    .to_owned(),
            )
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
    InvitationId,
}

#[derive(DeriveIden)]
enum Registrations {
    Table,
    EditionId,
    Status,
}

#[derive(DeriveIden)]
enum RegistrationSettings {
    Table,
    EditionId,
    OpensOn,
    ClosesOn,
    EditDeadline,
    InviteOnly,
}

#[derive(DeriveIden)]
enum CategoryCapacities {
    Table,
    EditionId,
    Category,
    Capacity,
}

#[derive(DeriveIden)]
enum Invitations {
    Table,
    Id,
    EditionId,
    MemberId,
    Code,
    MaxSize,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SignInLinks {
    Table,
    Id,
    Email,
    TokenHash,
    CreatedAt,
    ExpiresAt,
}
