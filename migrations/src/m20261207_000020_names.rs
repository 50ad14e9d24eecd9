use sea_orm_migration::{prelude::*, schema::*};

/// Names organizers give in more than one language: a room's, a
/// committee's, a budget category's. The English name stays in its own
/// table; each of these holds a row per other language it is written in,
/// and goes with its owner.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// (table of names, table of owners).
const KINDS: [(&str, &str); 3] = [
    ("room_names", "rooms"),
    ("committee_names", "committees"),
    ("budget_category_names", "budget_categories"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (names, owners) in KINDS {
            let names = Alias::new(names);
            manager
                .create_table(
                    Table::create()
                        .table(names.clone())
                        .col(big_integer(Names::OwnerId))
                        .col(string_len(Names::Lang, 8))
                        .col(string(Names::Name))
                        .primary_key(Index::create().col(Names::OwnerId).col(Names::Lang))
                        .foreign_key(
                            ForeignKey::create()
                                .from(names, Names::OwnerId)
                                .to(Alias::new(owners), Alias::new("id"))
                                .on_delete(ForeignKeyAction::Cascade),
                        )
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (names, _) in KINDS {
            manager
                .drop_table(Table::drop().table(Alias::new(names)).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Names {
    OwnerId,
    Lang,
    Name,
}
