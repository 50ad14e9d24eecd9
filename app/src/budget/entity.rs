//! The budget's tables (server only).

pub mod budget {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "budgets")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub edition_id: i64,
        pub currency: String,
        pub approval_threshold_minor: Option<i64>,
        pub version: i32,
        /// Raised by every change to the budget (see `service::log`).
        pub revision: i64,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod category {
    use sea_orm::entity::prelude::*;

    use crate::budget::types::CategoryKind;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "budget_categories")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub edition_id: i64,
        pub kind: CategoryKind,
        pub name: String,
        pub planned_minor: i64,
        pub position: i32,
        pub version: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod payer {
    use sea_orm::entity::prelude::*;

    use crate::budget::types::PayerKind;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "budget_payers")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub edition_id: i64,
        pub kind: PayerKind,
        pub name: String,
        pub committee_id: Option<i64>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod rate {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "budget_rates")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub edition_id: i64,
        pub currency: String,
        pub valid_from: Date,
        /// Units of the reporting currency per unit, in 10⁻¹⁰.
        pub rate_e10: i64,
        pub source: String,
        pub entered_by: Option<i64>,
        pub entered_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod item {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "budget_items")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub edition_id: i64,
        pub category_id: i64,
        pub payer_id: i64,
        pub description: String,
        pub vendor: String,
        pub currency: String,
        pub planned_minor: i64,
        pub committed_minor: Option<i64>,
        pub actual_minor: Option<i64>,
        pub committed_on: Option<Date>,
        pub invoiced_on: Option<Date>,
        pub paid_on: Option<Date>,
        pub invoice_ref: String,
        pub notes: String,
        pub cancelled: bool,
        pub approved_minor: Option<i64>,
        pub approved_currency: Option<String>,
        pub approved_by: Option<i64>,
        pub approved_at: Option<DateTimeUtc>,
        pub version: i32,
        pub created_by: Option<i64>,
        pub created_at: DateTimeUtc,
        pub updated_by: Option<i64>,
        pub updated_at: DateTimeUtc,
        /// Who last set the committed or paid amount or the currency.
        pub amount_set_by: Option<i64>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod receipt {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "budget_receipts")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub edition_id: i64,
        pub item_id: i64,
        pub file_name: String,
        pub content_type: String,
        pub size: i64,
        /// The file's SHA-256, hex: its name in the data folder.
        pub sha256: String,
        pub uploaded_by: Option<i64>,
        pub uploaded_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod income {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "budget_income")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub edition_id: i64,
        pub payer_id: i64,
        pub description: String,
        pub currency: String,
        pub pledged_minor: i64,
        pub received_minor: Option<i64>,
        pub received_on: Option<Date>,
        pub version: i32,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
