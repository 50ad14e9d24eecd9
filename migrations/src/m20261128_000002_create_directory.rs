use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Members::Table)
                    .col(big_pk_auto(Members::Id))
                    .col(string(Members::Kind))
                    .col(string(Members::NameNative))
                    .col(string(Members::NameLatin))
                    .col(string_len(Members::Country, 2))
                    .col(timestamp_with_time_zone(Members::CreatedAt))
                    .to_owned(),
            )
            .await?;
        // One Lyon in France, but a Valencia in Spain and one in Venezuela.
        manager
            .create_index(
                Index::create()
                    .name("ux_members_name_latin_country")
                    .table(Members::Table)
                    .col(Members::NameLatin)
                    .col(Members::Country)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Committees::Table)
                    .col(big_pk_auto(Committees::Id))
                    .col(string_uniq(Committees::Name))
                    .col(string(Committees::Sector))
                    .col(string(Committees::Status))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CouncilMembers::Table)
                    .col(big_pk_auto(CouncilMembers::Id))
                    .col(string(CouncilMembers::Name))
                    .col(string(CouncilMembers::Kind))
                    .col(string(CouncilMembers::Organization))
                    .col(big_integer_null(CouncilMembers::MemberId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CouncilMembers::Table, CouncilMembers::MemberId)
                            .to(Members::Table, Members::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            CouncilMembers::Table.into_iden(),
            Committees::Table.into_iden(),
            Members::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
pub enum Members {
    Table,
    Id,
    Kind,
    NameNative,
    NameLatin,
    Country,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Committees {
    Table,
    Id,
    Name,
    Sector,
    Status,
}

#[derive(DeriveIden)]
enum CouncilMembers {
    Table,
    Id,
    Name,
    Kind,
    Organization,
    MemberId,
}
