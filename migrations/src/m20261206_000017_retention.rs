use sea_orm_migration::{prelude::*, schema::*};

/// Personal data kept only as long as needed: how many days after each
/// edition its people's contact and travel details, needs and the
/// letters' bodies are kept (a row per edition once set or applied; none
/// means the default), when they were erased; and a person's own request
/// to be erased, until a registrar confirms it.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EditionRetention::Table)
                    .col(big_integer(EditionRetention::EditionId).primary_key())
                    .col(integer(EditionRetention::KeepDays))
                    .col(timestamp_with_time_zone_null(EditionRetention::ErasedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EditionRetention::Table, EditionRetention::EditionId)
                            .to(Editions::Table, Editions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Registrations::Table)
                    .add_column(timestamp_with_time_zone_null(
                        Registrations::ErasureRequestedAt,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Registrations::Table)
                    .drop_column(Registrations::ErasureRequestedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(EditionRetention::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum EditionRetention {
    Table,
    EditionId,
    KeepDays,
    ErasedAt,
}

#[derive(DeriveIden)]
enum Editions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Registrations {
    Table,
    ErasureRequestedAt,
}
