//! The agreements' tables (server only). Clauses, signatories and a
//! working group's members are JSON text, read and written whole.

pub mod template {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "agreement_templates")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub name: String,
        pub kind: crate::agreements::types::TemplateKind,
        pub language_b: String,
        pub clauses: String,
        /// The clauses in more languages (`types::TemplateTexts`, JSON).
        pub texts: String,
        pub version: i32,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod initiative {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "initiatives")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub committee_id: i64,
        pub year: i32,
        pub title: String,
        pub description: String,
        pub incubated: bool,
        pub working_group: String,
        pub members: String,
        pub version: i32,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod agreement {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "agreements")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub title: String,
        pub status: crate::agreements::types::AgreementStatus,
        pub template_id: Option<i64>,
        pub language_a: String,
        pub language_b: String,
        pub committee_id: Option<i64>,
        pub sector: String,
        pub edition_id: Option<i64>,
        pub initiative_id: Option<i64>,
        pub ceremony_session_id: Option<i64>,
        pub latest_version: i32,
        pub version: i32,
        pub created_by: Option<i64>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod party {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "agreement_parties")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub agreement_id: i64,
        pub position: i32,
        pub member_id: Option<i64>,
        pub council_member_id: Option<i64>,
        pub signatory_name: String,
        pub signatory_title: String,
        pub contact_name: String,
        pub contact_email: String,
        pub language: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod version {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "agreement_versions")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub agreement_id: i64,
        pub number: i32,
        pub title: String,
        pub clauses: String,
        pub note: String,
        pub status: crate::agreements::types::AgreementStatus,
        pub created_by: Option<i64>,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod comment {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "agreement_comments")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub agreement_id: i64,
        pub version_number: i32,
        pub author: Option<i64>,
        pub body: String,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod signing {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "agreement_signings")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub agreement_id: i64,
        pub edition_id: i64,
        pub session_id: Option<i64>,
        pub signed_on: Date,
        pub place: String,
        pub version_number: i32,
        pub signatories: String,
        pub recorded_by: Option<i64>,
        pub recorded_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod activity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "agreement_activities")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub agreement_id: i64,
        pub title: String,
        pub description: String,
        pub owner_party_id: i64,
        pub contact_name: String,
        pub contact_email: String,
        pub due_on: Date,
        pub status: crate::agreements::types::ActivityStatus,
        pub done_on: Option<Date>,
        pub version: i32,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod note {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "activity_notes")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub activity_id: i64,
        pub noted_on: Date,
        pub body: String,
        pub evidence_url: String,
        pub author: Option<i64>,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod reminder {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "activity_reminders")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub activity_id: i64,
        pub kind: crate::agreements::types::ReminderKind,
        pub due_on: Date,
        pub sequence: i32,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
