//! Tables of devices, scans and arrivals (server only).

pub mod device {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "checkin_devices")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub edition_id: i64,
        pub name: String,
        pub supervisor: bool,
        /// SHA-256 of the device's token, hex; set when paired.
        pub token_hash: Option<String>,
        /// SHA-256 of the pairing code, hex; cleared once used.
        pub pairing_hash: Option<String>,
        pub pairing_expires_at: Option<DateTimeUtc>,
        pub created_by: Option<i64>,
        pub created_at: DateTimeUtc,
        pub paired_at: Option<DateTimeUtc>,
        pub last_seen_at: Option<DateTimeUtc>,
        pub revoked_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod scan {
    use sea_orm::entity::prelude::*;

    use crate::checkin::types::{Light, ScanMethod, ScanOutcome};

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "checkin_scans")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub edition_id: i64,
        pub device_id: i64,
        pub client_id: String,
        /// `entry` or `session:ID` (`ListKey`).
        pub list_key: String,
        pub registration_id: Option<i64>,
        pub method: ScanMethod,
        pub outcome: ScanOutcome,
        pub light: Light,
        pub counted: bool,
        pub flagged: bool,
        pub staff: String,
        pub scanned_at: DateTimeUtc,
        pub recorded_at: DateTimeUtc,
        pub undone_at: Option<DateTimeUtc>,
        pub undo_reason: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod arrival {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "checkin_arrivals")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub edition_id: i64,
        #[sea_orm(primary_key, auto_increment = false)]
        pub list_key: String,
        #[sea_orm(primary_key, auto_increment = false)]
        pub registration_id: i64,
        /// The scan that counted: its device and the id the device gave it.
        pub device_id: i64,
        pub client_id: String,
        pub arrived_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
