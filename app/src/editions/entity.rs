//! Tables of editions and their rooms (server only).

pub mod edition {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "editions")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        #[sea_orm(unique)]
        pub year: i32,
        pub title: String,
        pub host_city_id: i64,
        pub venue: String,
        pub start_date: Date,
        pub end_date: Date,
        pub time_zone: String,
        pub status: crate::editions::types::EditionStatus,
        /// A short text for visitors (the public home page).
        pub intro: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        /// Raised by every change the published programme shows.
        pub programme_version: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod room {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "rooms")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub edition_id: i64,
        pub name: String,
        pub capacity: Option<i32>,
        pub floor: String,
        /// Interpretation booths.
        pub booths: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// An edition's title, venue and intro in one language other than
/// English (its own texts, in `edition`).
pub mod edition_text {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "edition_texts")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub edition_id: i64,
        /// A locale code: `fr`, `ar`.
        #[sea_orm(primary_key, auto_increment = false)]
        pub lang: String,
        pub title: String,
        pub venue: String,
        pub intro: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
