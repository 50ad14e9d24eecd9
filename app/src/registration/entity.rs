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
        pub head_email: String,
        pub created_at: DateTimeUtc,
        pub invitation_id: Option<i64>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod registration {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
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
        pub category: crate::registration::types::Category,
        pub languages: String,
        pub interpretation: Option<String>,
        pub dietary: String,
        pub access: String,
        pub arrival_at: Option<DateTimeUtc>,
        pub departure_at: Option<DateTimeUtc>,
        pub status: crate::registration::types::RegistrationStatus,
        pub decline_reason: Option<String>,
        pub consent_at: Option<DateTimeUtc>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        /// After a change to an approved registration: the approved values
        /// of the fields that changed (a JSON object), until a registrar
        /// decides again.
        pub approved_values: Option<String>,
        /// Raised by each reprint: only the badge of this version passes.
        pub badge_version: i32,
        /// The person asked to be erased; a registrar confirms.
        pub erasure_requested_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod settings {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "registration_settings")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub edition_id: i64,
        pub opens_on: Option<Date>,
        pub closes_on: Option<Date>,
        pub edit_deadline: Option<Date>,
        pub invite_only: bool,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod capacity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "category_capacities")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub edition_id: i64,
        #[sea_orm(primary_key, auto_increment = false)]
        pub category: crate::registration::types::Category,
        pub capacity: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod invitation {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "invitations")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub edition_id: i64,
        pub member_id: i64,
        #[sea_orm(unique)]
        pub code: String,
        pub max_size: Option<i32>,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
