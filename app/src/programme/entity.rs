//! Tables of sessions, their people, agendas and agenda feeds (server only).

pub mod session {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "programme_sessions")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub edition_id: i64,
        pub kind: crate::programme::types::SessionKind,
        pub room_id: Option<i64>,
        pub starts_at: DateTimeUtc,
        pub ends_at: DateTimeUtc,
        pub committee_id: Option<i64>,
        pub languages: String,
        pub capacity: Option<i32>,
        pub invitation_only: bool,
        pub status: crate::programme::types::SessionStatus,
        pub sequence: i32,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// A session's title and description in one language.
pub mod session_text {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "programme_session_texts")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub session_id: i64,
        /// A locale code: `en`, `zh`.
        #[sea_orm(primary_key, auto_increment = false)]
        pub lang: String,
        pub title: String,
        pub description: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod session_person {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "session_people")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub session_id: i64,
        #[sea_orm(primary_key, auto_increment = false)]
        pub registration_id: i64,
        /// `speaker` or `moderator`.
        pub role: crate::programme::types::SessionRole,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod agenda_entry {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "agenda_entries")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub registration_id: i64,
        #[sea_orm(primary_key, auto_increment = false)]
        pub session_id: i64,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod agenda_feed {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "agenda_feeds")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub registration_id: i64,
        #[sea_orm(unique)]
        pub token: String,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
