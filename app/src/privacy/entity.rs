//! How long each edition keeps its people's details (server only).

pub mod retention {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "edition_retention")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub edition_id: i64,
        pub keep_days: i32,
        pub erased_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
