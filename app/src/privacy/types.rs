//! What the privacy pages and the API exchange.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// How long an edition keeps its people's details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RetentionView {
    pub edition_id: i64,
    /// Days after the Forum's last day.
    pub keep_days: i32,
    /// The first day they are no longer kept.
    pub erase_on: NaiveDate,
    /// When they were erased, if they were.
    pub erased_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RetentionInput {
    /// 0 to 3650.
    pub keep_days: i32,
}

/// What one erasure did: how many of each, never the values.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ErasureReport {
    pub editions: Vec<i64>,
    pub people: u64,
    pub scans: u64,
    pub letters: u64,
    pub audit_entries: u64,
}
