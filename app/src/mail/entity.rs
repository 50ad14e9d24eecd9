//! The outbox table (server only).

pub mod message {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "outbox")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub to_address: String,
        pub to_name: String,
        pub subject: String,
        pub body_text: String,
        pub body_html: String,
        pub language: String,
        pub status: crate::mail::types::MessageStatus,
        pub attempts: i32,
        pub next_attempt_at: DateTimeUtc,
        pub locked_until: Option<DateTimeUtc>,
        pub locked_by: Option<String>,
        pub last_error: Option<String>,
        pub created_at: DateTimeUtc,
        pub sent_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod attachment {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "outbox_attachments")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub message_id: i64,
        pub file_name: String,
        pub content_type: String,
        pub content_id: Option<String>,
        pub body: Vec<u8>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
