//! The tables of travel (server only).

pub mod travel_leg {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "travel_legs")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub edition_id: i64,
        pub registration_id: i64,
        pub direction: crate::logistics::types::Direction,
        pub mode: crate::logistics::types::TravelMode,
        pub carrier: String,
        pub number: String,
        pub elsewhere: String,
        pub place: String,
        pub terminal: String,
        pub scheduled_at: DateTimeUtc,
        pub confirmed: bool,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod travel_document {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "travel_documents")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub registration_id: i64,
        pub passport_name: String,
        pub passport_number: String,
        pub issuing_country: String,
        pub nationality: String,
        pub expires_on: Date,
        pub born_on: Date,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
