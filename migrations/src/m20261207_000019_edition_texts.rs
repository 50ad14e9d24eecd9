use sea_orm_migration::{prelude::*, schema::*};

/// What organizers write about an edition, in more than one language: its
/// title, venue and intro stay in `editions` in the alliance's working
/// language (English), and `edition_texts` holds a row per other language
/// they are written in.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EditionTexts::Table)
                    .col(big_integer(EditionTexts::EditionId))
                    .col(string_len(EditionTexts::Lang, 8))
                    .col(string(EditionTexts::Title))
                    .col(string(EditionTexts::Venue))
                    .col(text(EditionTexts::Intro))
                    .primary_key(
                        Index::create()
                            .col(EditionTexts::EditionId)
                            .col(EditionTexts::Lang),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(EditionTexts::Table, EditionTexts::EditionId)
                            .to(Editions::Table, Editions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(EditionTexts::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Editions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum EditionTexts {
    Table,
    EditionId,
    Lang,
    Title,
    Venue,
    Intro,
}
