//! What the logistics API exchanges.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::choice::choice;

choice! {
    /// Which way a leg goes: to the Forum or home.
    pub enum Direction unknown UnknownChoice {
        Arrival = "arrival",
        Departure = "departure",
    }
}

choice! {
    /// How a person travels.
    pub enum TravelMode unknown UnknownChoice {
        Flight = "flight",
        Train = "train",
        Car = "car",
    }
}

/// One leg as typed: times are the host city's wall clock
/// (`2027-11-01T14:05`), as `datetime-local` inputs write them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LegInput {
    pub direction: Direction,
    pub mode: TravelMode,
    /// The airline, railway or driver's company.
    #[serde(default)]
    pub carrier: String,
    /// Flight or train number (`CA1234`).
    #[serde(default)]
    pub number: String,
    /// Where an arrival comes from, where a departure goes.
    #[serde(default)]
    pub elsewhere: String,
    /// The airport or station at the Forum's end (`XMN`, `Quanzhou East`).
    pub place: String,
    #[serde(default)]
    pub terminal: String,
    /// Scheduled time, host city's wall clock: `YYYY-MM-DDTHH:MM`.
    pub scheduled_at: String,
    /// Booked by the organizers (registrars and organizers only; a
    /// delegate's leg is always a request).
    #[serde(default)]
    pub confirmed: bool,
}

/// One stored leg.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LegView {
    pub id: i64,
    pub registration_id: i64,
    pub direction: Direction,
    pub mode: TravelMode,
    pub carrier: String,
    pub number: String,
    pub elsewhere: String,
    pub place: String,
    pub terminal: String,
    /// Host city's wall clock, `YYYY-MM-DDTHH:MM`.
    pub scheduled_at: String,
    pub scheduled_utc: DateTime<Utc>,
    pub confirmed: bool,
    pub updated_at: DateTime<Utc>,
}

/// A passport as the consulate's visa letter needs it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DocumentInput {
    /// The name as printed in the passport (Latin letters).
    pub passport_name: String,
    pub passport_number: String,
    /// ISO 3166-1 alpha-2.
    pub issuing_country: String,
    /// ISO 3166-1 alpha-2.
    pub nationality: String,
    /// `YYYY-MM-DD`.
    pub expires_on: String,
    /// `YYYY-MM-DD`.
    pub born_on: String,
}

/// A stored passport, whole (registrars and organizers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DocumentView {
    pub passport_name: String,
    pub passport_number: String,
    pub issuing_country: String,
    pub nationality: String,
    pub expires_on: NaiveDate,
    pub born_on: NaiveDate,
    pub updated_at: DateTime<Utc>,
}

/// What a delegate sees of the passport they gave: that it is on file,
/// the number's last two characters and its expiry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DocumentOnFile {
    pub number_ends_with: String,
    pub expires_on: NaiveDate,
    pub updated_at: DateTime<Utc>,
}

choice! {
    /// What a protocol team has to sort out about one person's travel.
    pub enum TravelWarning unknown UnknownChoice {
        /// Lands after the start of a session they booked or speak in.
        ArrivesAfterFirstSession = "arrives_after_first_session",
        /// Leaves before the end of one.
        LeavesBeforeLastSession = "leaves_before_last_session",
        /// The passport expires within six months of the Forum's last day.
        PassportExpiresSoon = "passport_expires_soon",
    }
}

/// One person's travel: legs by time, the passport (whole for staff, on
/// file for the person), and the warnings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TravelView {
    pub registration_id: i64,
    pub legs: Vec<LegView>,
    /// Staff only.
    pub document: Option<DocumentView>,
    /// The person's own view.
    pub document_on_file: Option<DocumentOnFile>,
    pub warnings: Vec<TravelWarning>,
}
