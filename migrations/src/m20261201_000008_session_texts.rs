use sea_orm_migration::{prelude::*, schema::*};

/// A session's title and description become rows per language in
/// `programme_session_texts`, so that a third language is a locale file
/// and nothing else. The English and Chinese columns are copied over (a
/// language whose title and description are both empty has no row), then
/// dropped.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ProgrammeSessionTexts::Table)
                    .col(big_integer(ProgrammeSessionTexts::SessionId))
                    .col(string_len(ProgrammeSessionTexts::Lang, 16))
                    .col(string(ProgrammeSessionTexts::Title))
                    .col(text(ProgrammeSessionTexts::Description))
                    .primary_key(
                        Index::create()
                            .col(ProgrammeSessionTexts::SessionId)
                            .col(ProgrammeSessionTexts::Lang),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                ProgrammeSessionTexts::Table,
                                ProgrammeSessionTexts::SessionId,
                            )
                            .to(ProgrammeSessions::Table, ProgrammeSessions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        for (lang, title, description) in [
            (
                "en",
                ProgrammeSessions::TitleEn,
                ProgrammeSessions::DescriptionEn,
            ),
            (
                "zh",
                ProgrammeSessions::TitleZh,
                ProgrammeSessions::DescriptionZh,
            ),
        ] {
            let copy = Query::insert()
                .into_table(ProgrammeSessionTexts::Table)
                .columns([
                    ProgrammeSessionTexts::SessionId,
                    ProgrammeSessionTexts::Lang,
                    ProgrammeSessionTexts::Title,
                    ProgrammeSessionTexts::Description,
                ])
                .select_from(
                    Query::select()
                        .column(ProgrammeSessions::Id)
                        .expr(Expr::val(lang))
                        .column(title)
                        .column(description)
                        .from(ProgrammeSessions::Table)
                        .cond_where(
                            Cond::any()
                                .add(Expr::col(title).ne(""))
                                .add(Expr::col(description).ne("")),
                        )
                        .to_owned(),
                )
                .map_err(|err| DbErr::Migration(err.to_string()))?
                .to_owned();
            manager.exec_stmt(copy).await?;
        }
        // SQLite drops one column per ALTER TABLE.
        for column in [
            ProgrammeSessions::TitleEn,
            ProgrammeSessions::TitleZh,
            ProgrammeSessions::DescriptionEn,
            ProgrammeSessions::DescriptionZh,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(ProgrammeSessions::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [ProgrammeSessions::TitleEn, ProgrammeSessions::TitleZh] {
            manager
                .alter_table(
                    Table::alter()
                        .table(ProgrammeSessions::Table)
                        .add_column(string(column).default(""))
                        .to_owned(),
                )
                .await?;
        }
        for column in [
            ProgrammeSessions::DescriptionEn,
            ProgrammeSessions::DescriptionZh,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(ProgrammeSessions::Table)
                        .add_column(text(column).default(""))
                        .to_owned(),
                )
                .await?;
        }
        // The English and Chinese texts go back; any other language is lost.
        for (lang, title, description) in [
            (
                "en",
                ProgrammeSessions::TitleEn,
                ProgrammeSessions::DescriptionEn,
            ),
            (
                "zh",
                ProgrammeSessions::TitleZh,
                ProgrammeSessions::DescriptionZh,
            ),
        ] {
            for (target, source) in [
                (title, ProgrammeSessionTexts::Title),
                (description, ProgrammeSessionTexts::Description),
            ] {
                let value = Query::select()
                    .column(source)
                    .from(ProgrammeSessionTexts::Table)
                    .and_where(
                        Expr::col((
                            ProgrammeSessionTexts::Table,
                            ProgrammeSessionTexts::SessionId,
                        ))
                        .equals((ProgrammeSessions::Table, ProgrammeSessions::Id)),
                    )
                    .and_where(Expr::col(ProgrammeSessionTexts::Lang).eq(lang))
                    .to_owned();
                let update = Query::update()
                    .table(ProgrammeSessions::Table)
                    .value(
                        target,
                        SimpleExpr::SubQuery(None, Box::new(value.into_sub_query_statement())),
                    )
                    .and_where(Expr::exists(
                        Query::select()
                            .expr(Expr::val(1))
                            .from(ProgrammeSessionTexts::Table)
                            .and_where(
                                Expr::col((
                                    ProgrammeSessionTexts::Table,
                                    ProgrammeSessionTexts::SessionId,
                                ))
                                .equals((ProgrammeSessions::Table, ProgrammeSessions::Id)),
                            )
                            .and_where(Expr::col(ProgrammeSessionTexts::Lang).eq(lang))
                            .to_owned(),
                    ))
                    .to_owned();
                manager.exec_stmt(update).await?;
            }
        }
        manager
            .drop_table(Table::drop().table(ProgrammeSessionTexts::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum ProgrammeSessionTexts {
    Table,
    SessionId,
    Lang,
    Title,
    Description,
}

#[derive(DeriveIden, Clone, Copy)]
enum ProgrammeSessions {
    Table,
    Id,
    TitleEn,
    TitleZh,
    DescriptionEn,
    DescriptionZh,
}
