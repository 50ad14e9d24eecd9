use sea_orm_migration::{prelude::*, schema::*};

/// A template's clauses in more languages than its two columns: JSON,
/// language code → one heading and text per clause, in the clauses'
/// order. A draft takes any two of the template's languages side by side.
/// Kept on the template's row, so it is read, versioned and audited with
/// the clauses it translates.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(AgreementTemplates::Table)
                    .add_column(text(AgreementTemplates::Texts).default("{}"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(AgreementTemplates::Table)
                    .drop_column(AgreementTemplates::Texts)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum AgreementTemplates {
    Table,
    Texts,
}
