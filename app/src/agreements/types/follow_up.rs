//! What the follow-up exchanges: activities and their notes, committees'
//! initiatives, the coordinators' dashboard and a Forum's outcome.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::*;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ActivityInput {
    pub title: String,
    pub description: String,
    /// The owning party (an `id` of the agreement's parties).
    pub owner_party_id: Option<i64>,
    /// The owner's contact; the party's contact when empty.
    pub contact_name: String,
    pub contact_email: String,
    /// `YYYY-MM-DD`.
    pub due_on: String,
    pub status: Option<ActivityStatus>,
    /// As read; ignored when adding.
    pub version: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ActivityView {
    pub id: i64,
    pub agreement_id: i64,
    pub agreement: String,
    pub title: String,
    pub description: String,
    pub owner_party_id: i64,
    pub owner: String,
    /// Who answers for it: its own contact, or its party's.
    pub contact_name: String,
    pub contact_email: String,
    /// Whether the contact is its own (else it follows the party's).
    pub contact_named: bool,
    pub due_on: NaiveDate,
    pub status: ActivityStatus,
    pub done_on: Option<NaiveDate>,
    /// Open and past its due date (in UTC days).
    pub overdue: bool,
    pub notes: Vec<NoteView>,
    pub version: i32,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NoteView {
    pub id: i64,
    pub noted_on: NaiveDate,
    pub body: String,
    pub evidence_url: String,
    pub author: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// A progress note; with `status` it also moves the activity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct NoteInput {
    pub body: String,
    /// An `https://` link to the evidence (a report, photos, minutes).
    pub evidence_url: String,
    pub status: Option<ActivityStatus>,
}

/// A committee's initiative for a year; an incubated one has a working
/// group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct InitiativeInput {
    pub committee_id: Option<i64>,
    pub year: i32,
    pub title: String,
    pub description: String,
    pub incubated: bool,
    pub working_group: String,
    pub members: Vec<GroupMember>,
    pub version: i32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct GroupMember {
    pub name: String,
    pub organization: String,
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct InitiativeView {
    pub id: i64,
    pub committee_id: i64,
    pub committee: String,
    /// The committee's name in the app's other languages.
    #[serde(default)]
    pub committee_names: crate::names::types::Names,
    pub year: i32,
    pub title: String,
    pub description: String,
    pub incubated: bool,
    pub working_group: String,
    pub members: Vec<GroupMember>,
    /// The agreements that serve it.
    pub agreements: Vec<AgreementSummary>,
    pub version: i32,
}

/// One open activity on the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DueActivity {
    pub id: i64,
    pub agreement_id: i64,
    pub agreement: String,
    pub title: String,
    pub owner: String,
    pub due_on: NaiveDate,
    pub status: ActivityStatus,
}

/// Counts of one group on the dashboard (a committee, a party, an
/// edition of signing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct GroupCounts {
    pub id: Option<i64>,
    pub name: String,
    /// Its name in the app's other languages (a committee's).
    #[serde(default)]
    pub names: crate::names::types::Names,
    pub agreements: u32,
    pub open: u32,
    pub overdue: u32,
    pub due_soon: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Dashboard {
    pub today: NaiveDate,
    pub overdue_total: u32,
    pub due_soon_total: u32,
    /// The most overdue first (at most 100).
    pub overdue: Vec<DueActivity>,
    /// Due in the next 30 days, soonest first (at most 100).
    pub due_soon: Vec<DueActivity>,
    pub by_status: Vec<StatusCount>,
    pub by_committee: Vec<GroupCounts>,
    pub by_party: Vec<GroupCounts>,
    pub by_edition: Vec<GroupCounts>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StatusCount {
    pub status: AgreementStatus,
    pub count: u32,
}

/// What came of one Forum: the agreements signed there and how their
/// activities went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OutcomeReport {
    pub edition_id: i64,
    pub edition: String,
    pub today: NaiveDate,
    pub signed: u32,
    pub in_implementation: u32,
    pub completed: u32,
    pub lapsed: u32,
    pub terminated: u32,
    pub activities_done_on_time: u32,
    pub activities_done_late: u32,
    pub activities_open_on_track: u32,
    pub activities_overdue: u32,
    pub agreements: Vec<OutcomeLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OutcomeLine {
    pub id: i64,
    pub title: String,
    pub status: AgreementStatus,
    pub committee: String,
    /// The committee's name in the app's other languages.
    #[serde(default)]
    pub committee_names: crate::names::types::Names,
    pub parties: Vec<String>,
    pub signed_on: Option<NaiveDate>,
    pub activities: u32,
    pub done_on_time: u32,
    pub done_late: u32,
    pub overdue: u32,
}
