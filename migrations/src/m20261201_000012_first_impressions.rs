use sea_orm_migration::{prelude::*, schema::*};

/// What the first impressions need: a short text the organizers write
/// about an edition (the public home page shows it); accounts that can be
/// switched off; and single-use links to set a password (a staff
/// invitation or a reset), kept hashed like every other secret.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    // All or nothing on SQLite too (see 000009).
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        manager
            .alter_table(
                Table::alter()
                    .table(Editions::Table)
                    .add_column(text(Editions::Intro).default(""))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(timestamp_with_time_zone_null(Users::DisabledAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PasswordLinks::Table)
                    .col(big_pk_auto(PasswordLinks::Id))
                    .col(big_integer(PasswordLinks::UserId))
                    .col(string_uniq(PasswordLinks::TokenHash))
                    // `invitation` or `reset`: the letter and page differ.
                    .col(string_len(PasswordLinks::Purpose, 16))
                    .col(timestamp_with_time_zone(PasswordLinks::CreatedAt))
                    .col(timestamp_with_time_zone(PasswordLinks::ExpiresAt))
                    .col(timestamp_with_time_zone_null(PasswordLinks::UsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(PasswordLinks::Table, PasswordLinks::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PasswordLinks::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .drop_column(Users::DisabledAt)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Editions::Table)
                    .drop_column(Editions::Intro)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Editions {
    Table,
    Intro,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    DisabledAt,
}

#[derive(DeriveIden)]
enum PasswordLinks {
    Table,
    Id,
    UserId,
    TokenHash,
    Purpose,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}
