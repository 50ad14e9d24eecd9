use sea_orm_migration::{prelude::*, schema::*};

/// Agreements and their follow-up: templates (clauses in two languages
/// with typed placeholders), committees' initiatives with their working
/// groups, agreements with their parties, every version of the text and
/// the comments on it, the signing, follow-up activities with progress
/// notes, and the reminders sent (one row per reminder, unique, so two
/// server processes cannot both send it). Clauses and lists that are only
/// ever read whole are JSON text.
#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(
    from: impl IntoIden,
    column: impl IntoIden,
    to: impl IntoIden,
    to_column: impl IntoIden,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from, column)
        .to(to, to_column)
        .on_delete(on_delete)
        .to_owned()
}

fn index(
    name: &str,
    table: impl IntoIden,
    columns: &[DynIden],
    unique: bool,
) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table);
    for column in columns {
        index.col(column.clone());
    }
    if unique {
        index.unique();
    }
    index.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    // All or nothing on SQLite too (see 000009).
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, Restrict, SetNull};
        manager
            .create_table(
                Table::create()
                    .table(AgreementTemplates::Table)
                    .col(big_pk_auto(AgreementTemplates::Id))
                    .col(string_len(AgreementTemplates::Name, 200))
                    .col(string_len(AgreementTemplates::Kind, 32))
                    .col(string_len(AgreementTemplates::LanguageB, 8))
                    .col(text(AgreementTemplates::Clauses))
                    .col(integer(AgreementTemplates::Version))
                    .col(timestamp_with_time_zone(AgreementTemplates::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_agreement_templates_name",
                AgreementTemplates::Table,
                &[AgreementTemplates::Name.into_iden()],
                true,
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Initiatives::Table)
                    .col(big_pk_auto(Initiatives::Id))
                    .col(big_integer(Initiatives::CommitteeId))
                    .col(integer(Initiatives::Year))
                    .col(string_len(Initiatives::Title, 200))
                    .col(text(Initiatives::Description))
                    .col(boolean(Initiatives::Incubated))
                    .col(string_len(Initiatives::WorkingGroup, 200))
                    .col(text(Initiatives::Members))
                    .col(integer(Initiatives::Version))
                    .col(timestamp_with_time_zone(Initiatives::UpdatedAt))
                    .foreign_key(&mut fk(
                        Initiatives::Table,
                        Initiatives::CommitteeId,
                        Committees::Table,
                        Committees::Id,
                        Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_initiatives_committee_year",
                Initiatives::Table,
                &[
                    Initiatives::CommitteeId.into_iden(),
                    Initiatives::Year.into_iden(),
                ],
                false,
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Agreements::Table)
                    .col(big_pk_auto(Agreements::Id))
                    .col(string_len(Agreements::Title, 200))
                    .col(string_len(Agreements::Status, 24))
                    .col(big_integer_null(Agreements::TemplateId))
                    .col(string_len(Agreements::LanguageA, 8))
                    .col(string_len(Agreements::LanguageB, 8))
                    .col(big_integer_null(Agreements::CommitteeId))
                    .col(string_len(Agreements::Sector, 200))
                    .col(big_integer_null(Agreements::EditionId))
                    .col(big_integer_null(Agreements::InitiativeId))
                    .col(big_integer_null(Agreements::CeremonySessionId))
                    .col(integer(Agreements::LatestVersion))
                    .col(integer(Agreements::Version))
                    .col(big_integer_null(Agreements::CreatedBy))
                    .col(timestamp_with_time_zone(Agreements::CreatedAt))
                    .col(timestamp_with_time_zone(Agreements::UpdatedAt))
                    .foreign_key(&mut fk(
                        Agreements::Table,
                        Agreements::TemplateId,
                        AgreementTemplates::Table,
                        AgreementTemplates::Id,
                        SetNull,
                    ))
                    .foreign_key(&mut fk(
                        Agreements::Table,
                        Agreements::CommitteeId,
                        Committees::Table,
                        Committees::Id,
                        Restrict,
                    ))
                    .foreign_key(&mut fk(
                        Agreements::Table,
                        Agreements::EditionId,
                        Editions::Table,
                        Editions::Id,
                        SetNull,
                    ))
                    .foreign_key(&mut fk(
                        Agreements::Table,
                        Agreements::InitiativeId,
                        Initiatives::Table,
                        Initiatives::Id,
                        SetNull,
                    ))
                    .foreign_key(&mut fk(
                        Agreements::Table,
                        Agreements::CeremonySessionId,
                        ProgrammeSessions::Table,
                        ProgrammeSessions::Id,
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_agreements_status", Agreements::Status),
            ("idx_agreements_committee", Agreements::CommitteeId),
            ("idx_agreements_edition", Agreements::EditionId),
            ("idx_agreements_initiative", Agreements::InitiativeId),
        ] {
            manager
                .create_index(index(name, Agreements::Table, &[column.into_iden()], false))
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(AgreementParties::Table)
                    .col(big_pk_auto(AgreementParties::Id))
                    .col(big_integer(AgreementParties::AgreementId))
                    .col(integer(AgreementParties::Position))
                    .col(big_integer_null(AgreementParties::MemberId))
                    .col(big_integer_null(AgreementParties::CouncilMemberId))
                    .col(string_len(AgreementParties::SignatoryName, 200))
                    .col(string_len(AgreementParties::SignatoryTitle, 200))
                    .col(string_len(AgreementParties::ContactName, 200))
                    .col(string_len(AgreementParties::ContactEmail, 254))
                    .col(string_len(AgreementParties::Language, 8))
                    .foreign_key(&mut fk(
                        AgreementParties::Table,
                        AgreementParties::AgreementId,
                        Agreements::Table,
                        Agreements::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        AgreementParties::Table,
                        AgreementParties::MemberId,
                        Members::Table,
                        Members::Id,
                        Restrict,
                    ))
                    .foreign_key(&mut fk(
                        AgreementParties::Table,
                        AgreementParties::CouncilMemberId,
                        CouncilMembers::Table,
                        CouncilMembers::Id,
                        Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            (
                "idx_agreement_parties_agreement",
                AgreementParties::AgreementId,
            ),
            ("idx_agreement_parties_member", AgreementParties::MemberId),
            (
                "idx_agreement_parties_contact",
                AgreementParties::ContactEmail,
            ),
        ] {
            manager
                .create_index(index(
                    name,
                    AgreementParties::Table,
                    &[column.into_iden()],
                    false,
                ))
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(AgreementVersions::Table)
                    .col(big_pk_auto(AgreementVersions::Id))
                    .col(big_integer(AgreementVersions::AgreementId))
                    .col(integer(AgreementVersions::Number))
                    .col(string_len(AgreementVersions::Title, 200))
                    .col(text(AgreementVersions::Clauses))
                    .col(string_len(AgreementVersions::Note, 200))
                    .col(string_len(AgreementVersions::Status, 24))
                    .col(big_integer_null(AgreementVersions::CreatedBy))
                    .col(timestamp_with_time_zone(AgreementVersions::CreatedAt))
                    .foreign_key(&mut fk(
                        AgreementVersions::Table,
                        AgreementVersions::AgreementId,
                        Agreements::Table,
                        Agreements::Id,
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_agreement_versions_number",
                AgreementVersions::Table,
                &[
                    AgreementVersions::AgreementId.into_iden(),
                    AgreementVersions::Number.into_iden(),
                ],
                true,
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AgreementComments::Table)
                    .col(big_pk_auto(AgreementComments::Id))
                    .col(big_integer(AgreementComments::AgreementId))
                    .col(integer(AgreementComments::VersionNumber))
                    .col(big_integer_null(AgreementComments::Author))
                    .col(text(AgreementComments::Body))
                    .col(timestamp_with_time_zone(AgreementComments::CreatedAt))
                    .foreign_key(&mut fk(
                        AgreementComments::Table,
                        AgreementComments::AgreementId,
                        Agreements::Table,
                        Agreements::Id,
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_agreement_comments_version",
                AgreementComments::Table,
                &[
                    AgreementComments::AgreementId.into_iden(),
                    AgreementComments::VersionNumber.into_iden(),
                ],
                false,
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AgreementSignings::Table)
                    .col(big_integer(AgreementSignings::AgreementId).primary_key())
                    .col(big_integer(AgreementSignings::EditionId))
                    .col(big_integer_null(AgreementSignings::SessionId))
                    .col(date(AgreementSignings::SignedOn))
                    .col(string_len(AgreementSignings::Place, 200))
                    .col(integer(AgreementSignings::VersionNumber))
                    .col(text(AgreementSignings::Signatories))
                    .col(big_integer_null(AgreementSignings::RecordedBy))
                    .col(timestamp_with_time_zone(AgreementSignings::RecordedAt))
                    .foreign_key(&mut fk(
                        AgreementSignings::Table,
                        AgreementSignings::AgreementId,
                        Agreements::Table,
                        Agreements::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        AgreementSignings::Table,
                        AgreementSignings::EditionId,
                        Editions::Table,
                        Editions::Id,
                        Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_agreement_signings_edition",
                AgreementSignings::Table,
                &[AgreementSignings::EditionId.into_iden()],
                false,
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Activities::Table)
                    .col(big_pk_auto(Activities::Id))
                    .col(big_integer(Activities::AgreementId))
                    .col(string_len(Activities::Title, 200))
                    .col(text(Activities::Description))
                    .col(big_integer(Activities::OwnerPartyId))
                    .col(string_len(Activities::ContactName, 200))
                    .col(string_len(Activities::ContactEmail, 254))
                    .col(date(Activities::DueOn))
                    .col(string_len(Activities::Status, 24))
                    .col(date_null(Activities::DoneOn))
                    .col(integer(Activities::Version))
                    .col(timestamp_with_time_zone(Activities::CreatedAt))
                    .col(timestamp_with_time_zone(Activities::UpdatedAt))
                    .foreign_key(&mut fk(
                        Activities::Table,
                        Activities::AgreementId,
                        Agreements::Table,
                        Agreements::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        Activities::Table,
                        Activities::OwnerPartyId,
                        AgreementParties::Table,
                        AgreementParties::Id,
                        Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_activities_agreement",
                Activities::Table,
                &[Activities::AgreementId.into_iden()],
                false,
            ))
            .await?;
        manager
            .create_index(index(
                "idx_activities_open_due",
                Activities::Table,
                &[
                    Activities::Status.into_iden(),
                    Activities::DueOn.into_iden(),
                ],
                false,
            ))
            .await?;
        manager
            .create_index(index(
                "idx_activities_contact",
                Activities::Table,
                &[Activities::ContactEmail.into_iden()],
                false,
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ActivityNotes::Table)
                    .col(big_pk_auto(ActivityNotes::Id))
                    .col(big_integer(ActivityNotes::ActivityId))
                    .col(date(ActivityNotes::NotedOn))
                    .col(text(ActivityNotes::Body))
                    .col(text(ActivityNotes::EvidenceUrl))
                    .col(big_integer_null(ActivityNotes::Author))
                    .col(timestamp_with_time_zone(ActivityNotes::CreatedAt))
                    .foreign_key(&mut fk(
                        ActivityNotes::Table,
                        ActivityNotes::ActivityId,
                        Activities::Table,
                        Activities::Id,
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_activity_notes_activity",
                ActivityNotes::Table,
                &[ActivityNotes::ActivityId.into_iden()],
                false,
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ActivityReminders::Table)
                    .col(big_pk_auto(ActivityReminders::Id))
                    .col(big_integer(ActivityReminders::ActivityId))
                    .col(string_len(ActivityReminders::Kind, 16))
                    .col(date(ActivityReminders::DueOn))
                    .col(integer(ActivityReminders::Sequence))
                    .col(timestamp_with_time_zone(ActivityReminders::CreatedAt))
                    .foreign_key(&mut fk(
                        ActivityReminders::Table,
                        ActivityReminders::ActivityId,
                        Activities::Table,
                        Activities::Id,
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_activity_reminders_once",
                ActivityReminders::Table,
                &[
                    ActivityReminders::ActivityId.into_iden(),
                    ActivityReminders::Kind.into_iden(),
                    ActivityReminders::DueOn.into_iden(),
                    ActivityReminders::Sequence.into_iden(),
                ],
                true,
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ActivityReminders::Table.into_iden(),
            ActivityNotes::Table.into_iden(),
            Activities::Table.into_iden(),
            AgreementSignings::Table.into_iden(),
            AgreementComments::Table.into_iden(),
            AgreementVersions::Table.into_iden(),
            AgreementParties::Table.into_iden(),
            Agreements::Table.into_iden(),
            Initiatives::Table.into_iden(),
            AgreementTemplates::Table.into_iden(),
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
enum Committees {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Members {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum CouncilMembers {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ProgrammeSessions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AgreementTemplates {
    Table,
    Id,
    Name,
    Kind,
    LanguageB,
    Clauses,
    Version,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Initiatives {
    Table,
    Id,
    CommitteeId,
    Year,
    Title,
    Description,
    Incubated,
    WorkingGroup,
    Members,
    Version,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Agreements {
    Table,
    Id,
    Title,
    Status,
    TemplateId,
    LanguageA,
    LanguageB,
    CommitteeId,
    Sector,
    EditionId,
    InitiativeId,
    CeremonySessionId,
    LatestVersion,
    Version,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum AgreementParties {
    Table,
    Id,
    AgreementId,
    Position,
    MemberId,
    CouncilMemberId,
    SignatoryName,
    SignatoryTitle,
    ContactName,
    ContactEmail,
    Language,
}

#[derive(DeriveIden)]
enum AgreementVersions {
    Table,
    Id,
    AgreementId,
    Number,
    Title,
    Clauses,
    Note,
    Status,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AgreementComments {
    Table,
    Id,
    AgreementId,
    VersionNumber,
    Author,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AgreementSignings {
    Table,
    AgreementId,
    EditionId,
    SessionId,
    SignedOn,
    Place,
    VersionNumber,
    Signatories,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden)]
enum Activities {
    #[sea_orm(iden = "agreement_activities")]
    Table,
    Id,
    AgreementId,
    Title,
    Description,
    OwnerPartyId,
    ContactName,
    ContactEmail,
    DueOn,
    Status,
    DoneOn,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ActivityNotes {
    Table,
    Id,
    ActivityId,
    NotedOn,
    Body,
    EvidenceUrl,
    Author,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ActivityReminders {
    Table,
    Id,
    ActivityId,
    Kind,
    DueOn,
    Sequence,
    CreatedAt,
}
