//! What badge pages, server functions and the API exchange.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::choice::choice;
use crate::registration::types::{Category, RegistrationStatus};

pub use crate::credentials::code::{BadgeClaim, CodeError};
pub use crate::credentials::types::KeyView;

choice! {
    /// How badges are laid out on paper: a badge size and a sheet.
    #[derive(Default)]
    pub enum BadgeLayout unknown UnknownLayout {
        /// Four A6 badges on A4, with cut marks.
        #[default]
        FourA6OnA4 = "a6_on_a4",
        /// Four A6 badges on A4 printed on both sides (duplex, long-edge
        /// flip): the name shows however a lanyard turns.
        DoubleA6OnA4 = "a6_double_on_a4",
        /// Six 4 × 3 in badges on US Letter, with cut marks.
        SixOnLetter = "4x3_on_letter",
        /// One A6 badge a page (card and thermal printers).
        A6 = "a6",
        /// One 4 × 3 in badge a page.
        FourByThree = "4x3",
        /// One ID-1 card (85.6 × 54 mm) a page.
        Card = "card",
    }
}

choice! {
    /// Where a batch is.
    pub enum BatchStatus unknown UnknownBatchStatus {
        Working = "working",
        Ready = "ready",
        Failed = "failed",
    }
}

/// Which badges a batch prints: every approved person, or those matching
/// every filter given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct BatchSelection {
    pub category: Option<Category>,
    pub delegation_id: Option<i64>,
    pub member_id: Option<i64>,
    pub registration_id: Option<i64>,
    /// Only badges whose current version was never printed.
    pub only_unprinted: bool,
}

/// A batch to make.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct BatchRequest {
    pub layout: BadgeLayout,
    pub selection: BatchSelection,
}

/// A batch of badges being made or made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BatchView {
    pub id: i64,
    pub edition_id: i64,
    pub layout: BadgeLayout,
    pub selection: BatchSelection,
    pub status: BatchStatus,
    pub total: i32,
    pub done: i32,
    pub requested_by: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub error: Option<String>,
}

/// One person's badge, as the badges page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BadgeRow {
    pub registration_id: i64,
    pub name_native: String,
    pub name_latin: String,
    pub category: Category,
    pub member_name: Option<String>,
    pub delegation_id: Option<i64>,
    pub status: RegistrationStatus,
    /// The badge version that passes now.
    pub version: i32,
    /// When the current version was last printed, and by whom.
    pub printed_at: Option<DateTime<Utc>>,
    pub printed_by: Option<String>,
    pub prints: u32,
}

/// An edition's badges: who has one, how many were printed, recent batches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BadgesOverview {
    pub rows: Vec<BadgeRow>,
    pub batches: Vec<BatchView>,
    pub keys: Vec<KeyView>,
    /// Delegations and members that have approved people, for the filters.
    pub delegations: Vec<(i64, String)>,
    pub members: Vec<(i64, String)>,
    /// Whether the caller may rotate and revoke keys.
    pub manage_keys: bool,
}

/// An edition's badges at a glance, for the dashboard.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BadgeSummary {
    /// Approved people: each has a badge to print.
    pub approved: u32,
    /// Of them, those whose current badge version was printed.
    pub printed: u32,
    /// Badges reprinted at least once (their old versions refused).
    pub reprinted: u32,
    /// Batches being made now.
    pub batches_working: u32,
}

/// A badge that no longer passes, whatever its signature says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Revocation {
    pub registration_id: i64,
    /// The one version that passes; `None`: none does (cancelled,
    /// declined, not approved).
    pub valid_version: Option<i32>,
}

/// What a check-in device needs to refuse stale badges offline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RevocationList {
    pub edition_id: i64,
    pub generated_at: DateTime<Utc>,
    pub revoked_keys: Vec<i64>,
    pub badges: Vec<Revocation>,
}

choice! {
    /// What a scanned code turned out to be.
    pub enum BadgeOutcome unknown UnknownChoice {
        Valid = "valid",
        /// Not a badge code at all, or damaged.
        Unreadable = "unreadable",
        UnknownKey = "unknown_key",
        RevokedKey = "revoked_key",
        /// Signed for another edition than the one being checked.
        OtherEdition = "other_edition",
        /// The signature does not match: forged or altered.
        Forged = "forged",
        UnknownRegistration = "unknown_registration",
        /// A reprint replaced this badge.
        Superseded = "superseded",
        /// Cancelled, declined, or not (or no longer) approved.
        NotApproved = "not_approved",
    }
}

/// Who a valid (or superseded) badge belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BadgeHolder {
    pub registration_id: i64,
    pub name_native: String,
    pub name_latin: String,
    pub category: Category,
    pub member_name: Option<String>,
    pub status: RegistrationStatus,
    pub current_version: i32,
}

/// The answer to "does this badge pass?".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Verification {
    pub outcome: BadgeOutcome,
    /// In words, in English (devices show their own words by outcome).
    pub reason: String,
    pub claim: Option<BadgeClaim>,
    pub holder: Option<BadgeHolder>,
}

/// A code to check.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct VerifyRequest {
    pub code: String,
}
