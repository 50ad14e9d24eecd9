use sea_orm_migration::{prelude::*, schema::*};

/// The host city's budget: one row of settings per edition (reporting
/// currency, approval threshold), categories with their planned amounts,
/// payers, dated exchange rates, cost items with their receipts, and
/// income (sponsorships, contributions) per payer. Money is always an
/// integer number of minor units beside its ISO 4217 code; rates are
/// integers of 10⁻¹⁰. Every row that people edit has a `version`, so a
/// second save over a changed row is refused instead of lost.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    // All or nothing on SQLite too (see 000009).
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let edition_fk = |table: DynIden, column: DynIden| {
            ForeignKey::create()
                .from(table, column)
                .to(Editions::Table, Editions::Id)
                .on_delete(ForeignKeyAction::Cascade)
                .to_owned()
        };
        manager
            .create_table(
                Table::create()
                    .table(Budgets::Table)
                    .col(big_integer(Budgets::EditionId).primary_key())
                    .col(string_len(Budgets::Currency, 3))
                    .col(big_integer_null(Budgets::ApprovalThresholdMinor))
                    .col(integer(Budgets::Version))
                    .col(big_integer(Budgets::Revision).default(0))
                    .col(timestamp_with_time_zone(Budgets::UpdatedAt))
                    .foreign_key(&mut edition_fk(
                        Budgets::Table.into_iden(),
                        Budgets::EditionId.into_iden(),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BudgetCategories::Table)
                    .col(big_pk_auto(BudgetCategories::Id))
                    .col(big_integer(BudgetCategories::EditionId))
                    .col(string_len(BudgetCategories::Kind, 24))
                    .col(string_len(BudgetCategories::Name, 80))
                    .col(big_integer(BudgetCategories::PlannedMinor))
                    .col(integer(BudgetCategories::Position))
                    .col(integer(BudgetCategories::Version))
                    .foreign_key(&mut edition_fk(
                        BudgetCategories::Table.into_iden(),
                        BudgetCategories::EditionId.into_iden(),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_budget_categories_name")
                    .table(BudgetCategories::Table)
                    .col(BudgetCategories::EditionId)
                    .col(BudgetCategories::Kind)
                    .col(BudgetCategories::Name)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BudgetPayers::Table)
                    .col(big_pk_auto(BudgetPayers::Id))
                    .col(big_integer(BudgetPayers::EditionId))
                    .col(string_len(BudgetPayers::Kind, 24))
                    .col(string_len(BudgetPayers::Name, 120))
                    .col(big_integer_null(BudgetPayers::CommitteeId))
                    .foreign_key(&mut edition_fk(
                        BudgetPayers::Table.into_iden(),
                        BudgetPayers::EditionId.into_iden(),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_budget_payers_name")
                    .table(BudgetPayers::Table)
                    .col(BudgetPayers::EditionId)
                    .col(BudgetPayers::Name)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BudgetRates::Table)
                    .col(big_pk_auto(BudgetRates::Id))
                    .col(big_integer(BudgetRates::EditionId))
                    .col(string_len(BudgetRates::Currency, 3))
                    .col(date(BudgetRates::ValidFrom))
                    .col(big_integer(BudgetRates::RateE10))
                    .col(string_len(BudgetRates::Source, 120))
                    .col(big_integer_null(BudgetRates::EnteredBy))
                    .col(timestamp_with_time_zone(BudgetRates::EnteredAt))
                    .foreign_key(&mut edition_fk(
                        BudgetRates::Table.into_iden(),
                        BudgetRates::EditionId.into_iden(),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_budget_rates_day")
                    .table(BudgetRates::Table)
                    .col(BudgetRates::EditionId)
                    .col(BudgetRates::Currency)
                    .col(BudgetRates::ValidFrom)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BudgetItems::Table)
                    .col(big_pk_auto(BudgetItems::Id))
                    .col(big_integer(BudgetItems::EditionId))
                    .col(big_integer(BudgetItems::CategoryId))
                    .col(big_integer(BudgetItems::PayerId))
                    .col(string_len(BudgetItems::Description, 200))
                    .col(string_len(BudgetItems::Vendor, 120))
                    .col(string_len(BudgetItems::Currency, 3))
                    .col(big_integer(BudgetItems::PlannedMinor))
                    .col(big_integer_null(BudgetItems::CommittedMinor))
                    .col(big_integer_null(BudgetItems::ActualMinor))
                    .col(date_null(BudgetItems::CommittedOn))
                    .col(date_null(BudgetItems::InvoicedOn))
                    .col(date_null(BudgetItems::PaidOn))
                    .col(string_len(BudgetItems::InvoiceRef, 60))
                    .col(text(BudgetItems::Notes))
                    .col(boolean(BudgetItems::Cancelled))
                    .col(big_integer_null(BudgetItems::ApprovedMinor))
                    .col(string_len_null(BudgetItems::ApprovedCurrency, 3))
                    .col(big_integer_null(BudgetItems::ApprovedBy))
                    .col(timestamp_with_time_zone_null(BudgetItems::ApprovedAt))
                    .col(integer(BudgetItems::Version))
                    .col(big_integer_null(BudgetItems::CreatedBy))
                    .col(timestamp_with_time_zone(BudgetItems::CreatedAt))
                    .col(big_integer_null(BudgetItems::UpdatedBy))
                    .col(timestamp_with_time_zone(BudgetItems::UpdatedAt))
                    .col(big_integer_null(BudgetItems::AmountSetBy))
                    .foreign_key(&mut edition_fk(
                        BudgetItems::Table.into_iden(),
                        BudgetItems::EditionId.into_iden(),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(BudgetItems::Table, BudgetItems::CategoryId)
                            .to(BudgetCategories::Table, BudgetCategories::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(BudgetItems::Table, BudgetItems::PayerId)
                            .to(BudgetPayers::Table, BudgetPayers::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_budget_items_edition")
                    .table(BudgetItems::Table)
                    .col(BudgetItems::EditionId)
                    .col(BudgetItems::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BudgetReceipts::Table)
                    .col(big_pk_auto(BudgetReceipts::Id))
                    .col(big_integer(BudgetReceipts::EditionId))
                    .col(big_integer(BudgetReceipts::ItemId))
                    .col(string_len(BudgetReceipts::FileName, 160))
                    .col(string_len(BudgetReceipts::ContentType, 40))
                    .col(big_integer(BudgetReceipts::Size))
                    .col(string_len(BudgetReceipts::Sha256, 64))
                    .col(big_integer_null(BudgetReceipts::UploadedBy))
                    .col(timestamp_with_time_zone(BudgetReceipts::UploadedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(BudgetReceipts::Table, BudgetReceipts::ItemId)
                            .to(BudgetItems::Table, BudgetItems::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_budget_receipts_item")
                    .table(BudgetReceipts::Table)
                    .col(BudgetReceipts::ItemId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BudgetIncome::Table)
                    .col(big_pk_auto(BudgetIncome::Id))
                    .col(big_integer(BudgetIncome::EditionId))
                    .col(big_integer(BudgetIncome::PayerId))
                    .col(string_len(BudgetIncome::Description, 200))
                    .col(string_len(BudgetIncome::Currency, 3))
                    .col(big_integer(BudgetIncome::PledgedMinor))
                    .col(big_integer_null(BudgetIncome::ReceivedMinor))
                    .col(date_null(BudgetIncome::ReceivedOn))
                    .col(integer(BudgetIncome::Version))
                    .col(timestamp_with_time_zone(BudgetIncome::UpdatedAt))
                    .foreign_key(&mut edition_fk(
                        BudgetIncome::Table.into_iden(),
                        BudgetIncome::EditionId.into_iden(),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(BudgetIncome::Table, BudgetIncome::PayerId)
                            .to(BudgetPayers::Table, BudgetPayers::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            BudgetIncome::Table.into_iden(),
            BudgetReceipts::Table.into_iden(),
            BudgetItems::Table.into_iden(),
            BudgetRates::Table.into_iden(),
            BudgetPayers::Table.into_iden(),
            BudgetCategories::Table.into_iden(),
            Budgets::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Editions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Budgets {
    Table,
    EditionId,
    Currency,
    ApprovalThresholdMinor,
    Version,
    /// Raised by every change to the budget, in its transaction: the
    /// summary is reused until it moves.
    Revision,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum BudgetCategories {
    Table,
    Id,
    EditionId,
    Kind,
    Name,
    PlannedMinor,
    Position,
    Version,
}

#[derive(DeriveIden)]
enum BudgetPayers {
    Table,
    Id,
    EditionId,
    Kind,
    Name,
    CommitteeId,
}

#[derive(DeriveIden)]
enum BudgetRates {
    Table,
    Id,
    EditionId,
    Currency,
    ValidFrom,
    RateE10,
    Source,
    EnteredBy,
    EnteredAt,
}

#[derive(DeriveIden)]
enum BudgetItems {
    Table,
    Id,
    EditionId,
    CategoryId,
    PayerId,
    Description,
    Vendor,
    Currency,
    PlannedMinor,
    CommittedMinor,
    ActualMinor,
    CommittedOn,
    InvoicedOn,
    PaidOn,
    InvoiceRef,
    Notes,
    Cancelled,
    ApprovedMinor,
    ApprovedCurrency,
    ApprovedBy,
    ApprovedAt,
    Version,
    CreatedBy,
    CreatedAt,
    UpdatedBy,
    UpdatedAt,
    /// Who last set the committed or paid amount (or the currency): not
    /// the one who may approve it.
    AmountSetBy,
}

#[derive(DeriveIden)]
enum BudgetReceipts {
    Table,
    Id,
    EditionId,
    ItemId,
    FileName,
    ContentType,
    Size,
    Sha256,
    UploadedBy,
    UploadedAt,
}

#[derive(DeriveIden)]
enum BudgetIncome {
    Table,
    Id,
    EditionId,
    PayerId,
    Description,
    Currency,
    PledgedMinor,
    ReceivedMinor,
    ReceivedOn,
    Version,
    UpdatedAt,
}
