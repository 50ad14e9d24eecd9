//! The audit log table (server only). Rows are inserted, never updated.

pub mod entry {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "audit_log")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub at: DateTimeUtc,
        pub actor_user_id: Option<i64>,
        /// The account's e-mail, or `public`, `cli`, `demo`.
        pub actor: String,
        pub action: String,
        /// What kind of record: `edition`, `session`, `member`…
        #[sea_orm(column_name = "entity")]
        pub entity_type: String,
        pub record_id: String,
        pub edition_id: Option<i64>,
        /// The record as JSON before the change (none for a creation).
        pub before: Option<String>,
        /// The record as JSON after the change (none for a deletion).
        pub after: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
