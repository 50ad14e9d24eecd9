//! What the check-in page, the organizers' page, server functions and the
//! API exchange.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::badges::types::RevocationList;
use crate::choice::choice;
use crate::editions::types::EditionStatus;
use crate::error::ErrorCode;
use crate::registration::types::Category;

/// Which arrivals a scan counts towards: the Forum's entry or one session
/// (its attendance). Written `entry` or `session:12` on the wire and in
/// the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum ListKey {
    #[default]
    Entry,
    Session(i64),
}

impl ListKey {
    pub fn session_id(self) -> Option<i64> {
        match self {
            ListKey::Entry => None,
            ListKey::Session(id) => Some(id),
        }
    }

    pub fn parse(text: &str) -> Result<ListKey, ErrorCode> {
        match text.trim() {
            "entry" => Ok(ListKey::Entry),
            other => other
                .strip_prefix("session:")
                .and_then(|id| id.parse::<i64>().ok())
                .filter(|id| *id > 0)
                .map(ListKey::Session)
                .ok_or(ErrorCode::UnknownList),
        }
    }
}

impl std::fmt::Display for ListKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ListKey::Entry => f.write_str("entry"),
            ListKey::Session(id) => write!(f, "session:{id}"),
        }
    }
}

impl Serialize for ListKey {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ListKey {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        ListKey::parse(&text).map_err(|_| serde::de::Error::custom("unknown list"))
    }
}

#[cfg(feature = "ssr")]
impl utoipa::PartialSchema for ListKey {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .pattern(Some("^(entry|session:[1-9][0-9]*)$"))
            .description(Some("`entry` (the Forum) or `session:ID`"))
            .into()
    }
}

#[cfg(feature = "ssr")]
impl utoipa::ToSchema for ListKey {
    fn name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("ListKey")
    }
}

choice! {
    /// The colour of an answer: in, already in, or refused.
    pub enum Light unknown UnknownChoice {
        Green = "green",
        Amber = "amber",
        Red = "red",
    }
}

choice! {
    /// What a scan turned out to be, in the words devices show.
    pub enum ScanOutcome unknown UnknownChoice {
        Welcome = "welcome",
        AlreadyIn = "already_in",
        Unreadable = "unreadable",
        UnknownKey = "unknown_key",
        RevokedKey = "revoked_key",
        OtherEdition = "other_edition",
        Forged = "forged",
        UnknownRegistration = "unknown_registration",
        Superseded = "superseded",
        NotApproved = "not_approved",
        /// The session is not one of this edition's.
        UnknownList = "unknown_list",
    }
}

choice! {
    /// How a person was identified.
    pub enum ScanMethod unknown UnknownChoice {
        /// A badge's code, by camera or hardware scanner.
        Code = "code",
        /// By name, by a supervisor.
        Manual = "manual",
    }
}

choice! {
    /// Worth saying although the person is in.
    pub enum ScanWarning unknown UnknownChoice {
        /// The session is by invitation and the person has no place in it.
        NoPlace = "no_place",
    }
}

/// A paired (or to be paired) tablet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DeviceView {
    pub id: i64,
    pub edition_id: i64,
    pub name: String,
    /// Supervisors' devices may also search, check in by hand, undo and
    /// reprint.
    pub supervisor: bool,
    pub created_at: DateTime<Utc>,
    pub paired_at: Option<DateTime<Utc>>,
    pub last_seen_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    /// Scans it made.
    pub scans: u32,
}

/// A device to register.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct NewDevice {
    pub name: String,
    pub supervisor: bool,
}

/// A one-time code that pairs a tablet with a device, and the address a
/// tablet's camera opens to pair itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Pairing {
    pub device: DeviceView,
    /// Eight characters, shown as `ABCD-2345`.
    pub code: String,
    pub url: String,
    pub expires_at: DateTime<Utc>,
    /// The URL's QR as SVG, for the organizers' page.
    #[serde(default)]
    pub qr_svg: String,
}

/// A tablet pairing itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct PairRequest {
    pub code: String,
}

/// The edition a device works for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EditionBrief {
    pub id: i64,
    pub name: String,
    pub status: EditionStatus,
}

/// What a tablet gets for its pairing code: its token, shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Paired {
    pub token: String,
    pub device: DeviceView,
    pub edition: EditionBrief,
}

/// A list staff may pick.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CheckinList {
    pub key: ListKey,
    pub session_id: Option<i64>,
    pub title: String,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    pub invitation_only: bool,
    /// The session's capacity.
    pub places: Option<i32>,
}

/// A person as check-in shows them (and nothing more).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Person {
    pub registration_id: i64,
    /// The badge version that passes.
    pub version: i32,
    pub name_native: String,
    pub name_latin: String,
    pub category: Category,
    pub member_name: Option<String>,
    /// The delegation's member, or its number when it has none.
    pub delegation: Option<String>,
    /// Sessions where the person has a place (booked, speaking or
    /// moderating).
    pub sessions: Vec<i64>,
}

/// Someone already counted on a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Arrival {
    pub list: ListKey,
    pub registration_id: i64,
    pub at: DateTime<Utc>,
    pub device_name: String,
}

/// Everything a tablet needs to check badges with no network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Bootstrap {
    pub device: DeviceView,
    pub edition: EditionBrief,
    pub generated_at: DateTime<Utc>,
    pub lists: Vec<CheckinList>,
    pub people: Vec<Person>,
    pub keys: Vec<DeviceKey>,
    pub revocations: RevocationList,
    pub checkins: Vec<Arrival>,
}

/// A public key that signs the edition's badges.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DeviceKey {
    pub key_id: i64,
    /// The raw Ed25519 public key, hex.
    pub public_key: String,
    pub revoked: bool,
}

/// One scan (or check-in by hand), online or uploaded later.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ScanRequest {
    /// Made by the device (1–64 of `A–Z a–z 0–9 - _`): the same id is
    /// counted once however often it is uploaded.
    pub client_id: String,
    pub list: ListKey,
    pub code: Option<String>,
    /// A check-in by hand (supervisors' devices).
    pub registration_id: Option<i64>,
    /// When the device scanned it (server time when absent or implausible).
    pub scanned_at: Option<DateTime<Utc>>,
    /// Who was scanning (typed on the tablet at the start of a shift).
    pub staff: String,
    /// What the tablet showed when it judged the scan offline.
    pub offline_light: Option<Light>,
}

/// When and where a person was counted before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Earlier {
    pub at: DateTime<Utc>,
    pub device_name: String,
}

/// The answer to one scan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ScanAnswer {
    pub client_id: String,
    pub light: Light,
    pub outcome: ScanOutcome,
    /// In words, in English (devices show their own words by outcome).
    pub reason: String,
    pub person: Option<Person>,
    pub earlier: Option<Earlier>,
    pub warning: Option<ScanWarning>,
    /// This scan put the person on the list.
    pub counted: bool,
    /// Let in offline although the server refuses it: kept for a look.
    pub flagged: bool,
    /// The id was uploaded before; this is the first answer again.
    pub duplicate: bool,
}

/// Offline scans uploaded together.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ScanBatch {
    pub scans: Vec<ScanRequest>,
}

/// One answer per uploaded scan, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BatchAnswers {
    pub answers: Vec<ScanAnswer>,
}

/// Why a check-in is undone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct UndoRequest {
    pub reason: String,
}

/// A person found by name, and whether they are in on the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SearchHit {
    pub person: Person,
    pub checked_in: Option<Earlier>,
}

/// A count under a label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Tally {
    pub label: String,
    pub people: u32,
}

/// Arrivals in one hour of the host city's clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct HourTally {
    /// The hour's start on the host city's clock.
    pub local: chrono::NaiveDateTime,
    /// The same instant in UTC.
    pub hour: DateTime<Utc>,
    pub people: u32,
}

/// One list's distinct people, against its places.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ListTally {
    pub key: ListKey,
    pub title: String,
    pub people: u32,
    pub places: Option<i32>,
    pub invitation_only: bool,
}

/// Who has arrived: distinct people, exact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Attendance {
    pub edition_id: i64,
    pub generated_at: DateTime<Utc>,
    /// Approved people (who could arrive).
    pub approved: u32,
    /// In at the Forum's entry.
    pub arrived: u32,
    pub lists: Vec<ListTally>,
    pub by_category: Vec<Tally>,
    pub by_delegation: Vec<Tally>,
    pub by_member: Vec<Tally>,
    pub by_hour: Vec<HourTally>,
    /// Scans let in offline that the server refused.
    pub flagged: u32,
}

/// The organizers' check-in page: devices and arrivals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckinOverview {
    pub devices: Vec<DeviceView>,
    pub attendance: Attendance,
    /// Whether the caller may register and revoke devices.
    pub manage_devices: bool,
}

/// Check-in at a glance, for the dashboard.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckinSummary {
    /// Distinct people in at the Forum's entry, of those approved.
    pub arrived: u32,
    pub approved: u32,
    /// Devices paired and not revoked.
    pub devices: u32,
    /// Scans let in offline that the server refused.
    pub flagged: u32,
}
