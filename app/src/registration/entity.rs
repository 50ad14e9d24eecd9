//! Tables of delegations and registrations (server only).

pub mod delegation {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "delegations")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub edition_id: i64,
        pub member_id: Option<i64>,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod registration {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "registrations")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub edition_id: i64,
        pub delegation_id: Option<i64>,
        pub name_native: String,
        pub name_latin: String,
        pub honorific: String,
        pub position: String,
        pub organization: String,
        pub email: String,
        pub phone: String,
        pub category: String,
        pub languages: String,
        pub interpretation: Option<String>,
        pub dietary: String,
        pub access: String,
        pub arrival_at: Option<DateTimeUtc>,
        pub departure_at: Option<DateTimeUtc>,
        pub status: String,
        pub decline_reason: Option<String>,
        pub consent_at: DateTimeUtc,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
