//! What budget pages, server functions and the API exchange. Amounts are
//! integers of minor units (`*_minor`) beside a currency code; rates are
//! decimal texts ("7.1234"), never JSON numbers a client might read as
//! floats.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::choice::choice;

choice! {
    /// The kinds of budget line a Forum has; `custom` carries its own name.
    pub enum CategoryKind unknown UnknownChoice {
        Venue = "venue",
        Catering = "catering",
        Interpretation = "interpretation",
        Translation = "translation",
        AudioVisual = "audio_visual",
        Security = "security",
        LocalTransport = "local_transport",
        Accommodation = "accommodation",
        Printing = "printing",
        Communications = "communications",
        Staff = "staff",
        Contingency = "contingency",
        Custom = "custom",
    }
}

choice! {
    /// Who pays: the Forum's financial modality.
    pub enum PayerKind unknown UnknownChoice {
        HostCity = "host_city",
        AllianceProject = "alliance_project",
        Sponsor = "sponsor",
        Committee = "committee",
        BusinessCouncil = "business_council",
        Other = "other",
    }
}

choice! {
    /// Where a cost item is, read from its amounts and dates (never typed,
    /// so it cannot contradict them).
    pub enum ItemStatus unknown UnknownStatus {
        Planned = "planned",
        /// Committed above the threshold: waits for an organizer.
        AwaitingApproval = "awaiting_approval",
        Committed = "committed",
        Invoiced = "invoiced",
        /// Paid less than committed so far (a deposit).
        PartlyPaid = "partly_paid",
        Paid = "paid",
        Cancelled = "cancelled",
    }
}

/// The budget's settings: its reporting currency and the amount above
/// which a commitment waits for an organizer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BudgetSettings {
    pub edition_id: i64,
    /// ISO 4217 code every total is given in.
    pub currency: String,
    /// Digits after the decimal point of that currency.
    pub exponent: u32,
    /// Commitments above this (reporting currency, minor units) need an
    /// organizer's approval before they count; `None`: none do.
    pub approval_threshold_minor: Option<i64>,
    /// 0 until the settings were first saved.
    pub version: i32,
}

/// A new reporting currency; `version` as read (0 for a budget never
/// saved).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SettingsInput {
    pub currency: String,
    #[serde(default)]
    pub version: i32,
}

/// The approval threshold in the reporting currency's minor units;
/// `None`: no commitment needs approval.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ThresholdInput {
    #[serde(default)]
    pub approval_threshold_minor: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CategoryView {
    pub id: i64,
    pub kind: CategoryKind,
    /// The organizers' own name for a `custom` category; empty otherwise
    /// (pages name the others in the reader's language).
    pub name: String,
    /// A custom category's name in the app's other languages.
    #[serde(default)]
    pub names: crate::names::types::Names,
    /// The category's budget, in the reporting currency.
    pub planned_minor: i64,
    pub position: i32,
    pub version: i32,
    /// Cost items filed under it (a category with items cannot go).
    pub items: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct CategoryInput {
    pub kind: Option<CategoryKind>,
    /// Required for `custom`.
    pub name: String,
    pub planned_minor: i64,
    /// As read; ignored when adding.
    pub version: i32,
}

/// What copying last edition's categories did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CopyResult {
    /// The edition copied from; `None` when no earlier edition had a budget.
    pub from_edition_id: Option<i64>,
    pub copied: u32,
    /// Whether the planned amounts came too (only in the same currency).
    pub amounts_copied: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PayerView {
    pub id: i64,
    pub kind: PayerKind,
    pub name: String,
    pub committee_id: Option<i64>,
    /// Cost items and income lines naming this payer.
    pub uses: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct PayerInput {
    pub kind: Option<PayerKind>,
    pub name: String,
    /// For a committee: the directory's committee.
    pub committee_id: Option<i64>,
}

/// One dated rate: from this day on, one unit of `currency` is worth
/// `rate` units of the reporting currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RateView {
    pub id: i64,
    pub currency: String,
    pub valid_from: NaiveDate,
    /// Decimal text, up to ten decimals.
    pub rate: String,
    /// Where the rate comes from (a bank, the central bank's fixing).
    pub source: String,
    pub entered_by: Option<String>,
    pub entered_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct RateInput {
    pub currency: String,
    pub valid_from: Option<NaiveDate>,
    /// Decimal text, e.g. "7.1234".
    pub rate: String,
    pub source: String,
    /// An organizer confirms a rate more than ten times away from the
    /// pair's usual one (or for a currency without one); from anyone
    /// else it changes nothing.
    #[serde(default)]
    pub unusual_confirmed: bool,
}

/// A cost item to add or save. Amounts in minor units of `currency`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ItemInput {
    pub category_id: i64,
    pub payer_id: i64,
    pub description: String,
    pub vendor: String,
    pub currency: String,
    pub planned_minor: i64,
    pub committed_minor: Option<i64>,
    pub actual_minor: Option<i64>,
    pub committed_on: Option<NaiveDate>,
    pub invoiced_on: Option<NaiveDate>,
    pub paid_on: Option<NaiveDate>,
    pub invoice_ref: String,
    pub notes: String,
    pub cancelled: bool,
    /// As read; a save over a newer version is refused (409).
    pub version: i32,
}

/// An amount converted to the reporting currency, and the rate it took.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Converted {
    pub minor: i64,
    /// The rate used; `None` in the reporting currency itself.
    pub rate_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReceiptView {
    pub id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub uploaded_by: Option<String>,
    pub uploaded_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ItemView {
    pub id: i64,
    pub category_id: i64,
    pub payer_id: i64,
    pub description: String,
    pub vendor: String,
    pub currency: String,
    pub exponent: u32,
    pub planned_minor: i64,
    pub committed_minor: Option<i64>,
    pub actual_minor: Option<i64>,
    pub committed_on: Option<NaiveDate>,
    pub invoiced_on: Option<NaiveDate>,
    pub paid_on: Option<NaiveDate>,
    pub invoice_ref: String,
    pub notes: String,
    pub cancelled: bool,
    pub status: ItemStatus,
    /// Converted to the reporting currency.
    pub planned: Option<Converted>,
    pub committed: Option<Converted>,
    pub actual: Option<Converted>,
    /// Whether the commitment is above the threshold (approved or not).
    pub needs_approval: bool,
    pub approved_by: Option<String>,
    pub approved_at: Option<DateTime<Utc>>,
    pub receipts: Vec<ReceiptView>,
    pub version: i32,
    pub created_by: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_by: Option<String>,
    pub updated_at: DateTime<Utc>,
}

/// Which items to list; every part optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema, utoipa::IntoParams))]
#[serde(default)]
pub struct ItemFilter {
    pub category_id: Option<i64>,
    pub payer_id: Option<i64>,
    pub status: Option<ItemStatus>,
    /// Part of the description, vendor or invoice reference.
    pub q: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct IncomeView {
    pub id: i64,
    pub payer_id: i64,
    pub description: String,
    pub currency: String,
    pub exponent: u32,
    pub pledged_minor: i64,
    pub received_minor: Option<i64>,
    pub received_on: Option<NaiveDate>,
    pub pledged: Option<Converted>,
    pub received: Option<Converted>,
    pub version: i32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct IncomeInput {
    pub payer_id: i64,
    pub description: String,
    pub currency: String,
    pub pledged_minor: i64,
    pub received_minor: Option<i64>,
    pub received_on: Option<NaiveDate>,
    pub version: i32,
}

/// How far a figure is from its plan: positive is under plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Variance {
    /// Plan − forecast, reporting currency minor units.
    pub minor: i64,
    /// Of the plan, one decimal ("12.5"); `None` without a plan.
    pub percent: Option<String>,
    pub state: VarianceState,
}

choice! {
    pub enum VarianceState unknown UnknownChoice {
        Under = "under",
        OnPlan = "on_plan",
        Over = "over",
    }
}

/// Planned, committed and actual side by side (reporting currency).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Figures {
    /// What the plan sets aside (a category's budget; for a payer and in
    /// the totals, the sum of the plans).
    pub budget_minor: i64,
    /// Sum of the items' planned amounts.
    pub planned_minor: i64,
    /// Commitments that count (under the threshold, or approved).
    pub committed_minor: i64,
    /// Commitments waiting for an organizer.
    pub awaiting_minor: i64,
    pub actual_minor: i64,
    /// Each item at its latest figure: actual, else committed, else planned.
    pub forecast_minor: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CategoryLine {
    pub id: i64,
    pub kind: CategoryKind,
    pub name: String,
    /// A custom category's name in the app's other languages.
    #[serde(default)]
    pub names: crate::names::types::Names,
    pub figures: Figures,
    pub variance: Variance,
    pub items: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PayerLine {
    pub id: i64,
    pub kind: PayerKind,
    pub name: String,
    /// The costs this payer carries.
    pub figures: Figures,
    /// Income this payer pledged and paid in (sponsorships, contributions).
    pub pledged_minor: i64,
    pub received_minor: i64,
    /// Pledged and not yet received: what the payer still owes.
    pub owed_minor: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MonthLine {
    /// `2027-03`.
    pub month: String,
    pub actual_minor: i64,
    pub committed_minor: i64,
    pub cumulative_actual_minor: i64,
    pub cumulative_committed_minor: i64,
}

/// Totals under assumptions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct WhatIf {
    /// If every item is spent at its latest figure (actual, else
    /// committed, else planned) and commitments waiting are approved.
    pub all_planned_spent_minor: i64,
    /// The contingency's budget not yet taken by its own items.
    pub contingency_left_minor: i64,
    /// The above plus the rest of the contingency.
    pub contingency_used_minor: i64,
    /// Income pledged.
    pub income_minor: i64,
    /// Income pledged minus the contingency case: negative is a shortfall.
    pub balance_minor: i64,
}

/// The budget at a glance, in the reporting currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BudgetSummary {
    pub edition_id: i64,
    pub currency: String,
    pub exponent: u32,
    /// Planned amounts in other currencies convert at the rate in force
    /// on this day (the Forum's first day).
    pub plan_rate_day: NaiveDate,
    /// How amounts are rounded (stated once, here).
    pub rounding: String,
    pub totals: Figures,
    pub variance: Variance,
    pub categories: Vec<CategoryLine>,
    pub payers: Vec<PayerLine>,
    pub months: Vec<MonthLine>,
    pub what_if: WhatIf,
    /// Every rate a figure above used.
    pub rates_used: Vec<RateView>,
    pub items: u32,
    pub awaiting_approval: u32,
    pub approval_threshold_minor: Option<i64>,
    /// Lines left out of the totals because no rate covers their date
    /// (a rate deleted under them cannot happen; an import might).
    pub unconverted: u32,
}

/// Everything the budget page shows at first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetOverview {
    pub settings: BudgetSettings,
    pub summary: BudgetSummary,
    /// The two charts as SVG, made on the server.
    pub category_chart: String,
    pub time_chart: String,
    pub categories: Vec<CategoryView>,
    pub payers: Vec<PayerView>,
    pub rates: Vec<RateView>,
    pub income: Vec<IncomeView>,
    /// The directory's committees (for committee payers).
    pub committees: Vec<(i64, String)>,
    /// Whether the caller may approve and set the threshold.
    pub may_approve: bool,
}

/// A budget's figures for the dashboard.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetTile {
    pub currency: String,
    pub exponent: u32,
    pub budget_minor: i64,
    pub committed_minor: i64,
    pub actual_minor: i64,
    pub awaiting_approval: u32,
}
