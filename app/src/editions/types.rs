use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::choice::choice;

choice! {
    #[derive(Default)]
    pub enum EditionStatus unknown UnknownStatus {
        #[default]
        Planning = "planning",
        RegistrationOpen = "registration_open",
        Running = "running",
        Closed = "closed",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RoomView {
    pub id: i64,
    pub name: String,
    pub capacity: Option<i32>,
    pub floor: String,
    /// Interpretation booths.
    pub booths: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EditionView {
    pub id: i64,
    pub year: i32,
    pub title: String,
    pub host_city_id: i64,
    /// The host city's Latin name, for lists.
    pub host_city_name: String,
    pub venue: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    /// IANA time zone, e.g. `Asia/Shanghai`.
    pub time_zone: String,
    pub status: EditionStatus,
    /// A short text for visitors, written by the organizers.
    pub intro: String,
    pub rooms: Vec<RoomView>,
}

/// A new or replaced edition, typed (the JSON API's body).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EditionInput {
    pub year: i32,
    pub title: String,
    pub host_city_id: i64,
    pub venue: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub time_zone: String,
    #[serde(default)]
    pub status: EditionStatus,
    /// A short text for visitors (at most 2,000 characters).
    #[serde(default)]
    pub intro: String,
}

/// A partial update (PATCH): absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EditionPatch {
    pub year: Option<i32>,
    pub title: Option<String>,
    pub host_city_id: Option<i64>,
    pub venue: Option<String>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub time_zone: Option<String>,
    pub status: Option<EditionStatus>,
    pub intro: Option<String>,
}

/// The edition form exactly as typed, so a bad value is shown back intact.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditionForm {
    pub year: String,
    pub title: String,
    pub host_city_id: String,
    pub venue: String,
    pub start_date: String,
    pub end_date: String,
    pub time_zone: String,
    pub status: String,
    /// Optional: older scripts post the form without it.
    #[serde(default)]
    pub intro: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RoomInput {
    pub name: String,
    pub capacity: Option<i32>,
    #[serde(default)]
    pub floor: String,
    /// Interpretation booths.
    #[serde(default)]
    pub booths: i32,
}
