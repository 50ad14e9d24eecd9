use sea_orm_migration::{prelude::*, schema::*};

/// What being safe on the open internet needs of the schema:
/// - sign-in links can be revoked, and say when they were last used;
/// - API tokens expire, carry a label, and say when they were last used;
/// - a registration changed after approval keeps the approved values of
///   what changed, for the registrars;
/// - a cancelled registration frees its address: the one-per-person rule
///   holds among registrations that are not cancelled only.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// Partial unique indexes read the same on SQLite and PostgreSQL.
const ACTIVE_UNIQUE: &str = "CREATE UNIQUE INDEX ux_registrations_edition_email_active \
     ON registrations (edition_id, email) WHERE status <> 'cancelled'";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    // All or nothing on SQLite too (sea-orm-migration wraps only
    // PostgreSQL's migrations by default): a run cut short leaves nothing
    // half done to trip the next one.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        let additions = [
            (
                SignInLinks::Table.into_iden(),
                timestamp_with_time_zone_null(SignInLinks::UsedAt),
            ),
            (
                SignInLinks::Table.into_iden(),
                timestamp_with_time_zone_null(SignInLinks::RevokedAt),
            ),
            (
                ApiTokens::Table.into_iden(),
                string(ApiTokens::Label).default("").to_owned(),
            ),
            (
                ApiTokens::Table.into_iden(),
                timestamp_with_time_zone_null(ApiTokens::ExpiresAt),
            ),
            (
                ApiTokens::Table.into_iden(),
                timestamp_with_time_zone_null(ApiTokens::LastUsedAt),
            ),
            (
                Registrations::Table.into_iden(),
                text_null(Registrations::ApprovedValues),
            ),
        ];
        for (table, mut column) in additions {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_index(
                Index::drop()
                    .name("ux_registrations_edition_email")
                    .table(Registrations::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(ACTIVE_UNIQUE)
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ux_registrations_edition_email_active")
                    .table(Registrations::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_registrations_edition_email")
                    .table(Registrations::Table)
                    .col(Registrations::EditionId)
                    .col(Registrations::Email)
                    .unique()
                    .to_owned(),
            )
            .await?;
        let removals = [
            (
                SignInLinks::Table.into_iden(),
                SignInLinks::UsedAt.into_iden(),
            ),
            (
                SignInLinks::Table.into_iden(),
                SignInLinks::RevokedAt.into_iden(),
            ),
            (ApiTokens::Table.into_iden(), ApiTokens::Label.into_iden()),
            (
                ApiTokens::Table.into_iden(),
                ApiTokens::ExpiresAt.into_iden(),
            ),
            (
                ApiTokens::Table.into_iden(),
                ApiTokens::LastUsedAt.into_iden(),
            ),
            (
                Registrations::Table.into_iden(),
                Registrations::ApprovedValues.into_iden(),
            ),
        ];
        for (table, column) in removals {
            manager
                .alter_table(Table::alter().table(table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum SignInLinks {
    Table,
    UsedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum ApiTokens {
    Table,
    Label,
    ExpiresAt,
    LastUsedAt,
}

#[derive(DeriveIden)]
enum Registrations {
    Table,
    EditionId,
    Email,
    ApprovedValues,
}
