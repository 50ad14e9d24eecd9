//! Tables of badge prints and batches (server only).

pub mod badge_print {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "badge_prints")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub registration_id: i64,
        pub edition_id: i64,
        pub version: i32,
        pub printed_by: Option<i64>,
        pub printed_by_label: String,
        pub printed_at: DateTimeUtc,
        pub batch_id: Option<i64>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod badge_batch {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "badge_batches")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub edition_id: i64,
        pub requested_by: Option<i64>,
        /// The selection as JSON.
        pub selection: String,
        pub layout: crate::badges::types::BadgeLayout,
        pub status: crate::badges::types::BatchStatus,
        pub total: i32,
        pub done: i32,
        /// The PDF's file name in the data folder's `badges/`.
        pub file: Option<String>,
        pub error: Option<String>,
        pub created_at: DateTimeUtc,
        pub finished_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
