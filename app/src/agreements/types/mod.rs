//! What agreement pages, server functions and the API exchange: templates
//! with typed placeholders, agreements with their parties and versions,
//! the signing, follow-up activities, initiatives and the coordinators'
//! dashboard and outcome report.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::choice::choice;

mod follow_up;

pub use follow_up::*;

choice! {
    /// Where an agreement stands. Only the moves in
    /// `domain::allowed_moves` are possible; `signed` only by recording
    /// the signing.
    pub enum AgreementStatus unknown UnknownStatus {
        Draft = "draft",
        Negotiating = "negotiating",
        ReadyToSign = "ready_to_sign",
        Signed = "signed",
        InImplementation = "in_implementation",
        Completed = "completed",
        Lapsed = "lapsed",
        Terminated = "terminated",
    }
}

impl AgreementStatus {
    /// The status's name in `locale`.
    pub fn label(self, locale: crate::i18n::Locale) -> String {
        use crate::i18n::td_string;
        match self {
            AgreementStatus::Draft => td_string!(locale, agreement_status_draft),
            AgreementStatus::Negotiating => td_string!(locale, agreement_status_negotiating),
            AgreementStatus::ReadyToSign => td_string!(locale, agreement_status_ready_to_sign),
            AgreementStatus::Signed => td_string!(locale, agreement_status_signed),
            AgreementStatus::InImplementation => {
                td_string!(locale, agreement_status_in_implementation)
            }
            AgreementStatus::Completed => td_string!(locale, agreement_status_completed),
            AgreementStatus::Lapsed => td_string!(locale, agreement_status_lapsed),
            AgreementStatus::Terminated => td_string!(locale, agreement_status_terminated),
        }
        .to_string()
    }
}

choice! {
    /// The kinds of agreement the alliance's members sign.
    pub enum TemplateKind unknown UnknownChoice {
        Memorandum = "memorandum",
        SisterCity = "sister_city",
        EconomicCooperation = "economic_cooperation",
        CulturalExchange = "cultural_exchange",
        BusinessCouncilContract = "business_council_contract",
        Other = "other",
    }
}

choice! {
    /// What a template's placeholder asks for: `{{party:first}}`,
    /// `{{date:start}}`, `{{amount:contribution}}`, `{{text:purpose}}`.
    pub enum PlaceholderKind unknown UnknownChoice {
        Party = "party",
        Date = "date",
        Amount = "amount",
        Text = "text",
    }
}

choice! {
    /// Where a follow-up activity stands.
    pub enum ActivityStatus unknown UnknownStatus {
        Planned = "planned",
        InProgress = "in_progress",
        Done = "done",
        Cancelled = "cancelled",
    }
}

choice! {
    /// The reminders an open activity's owner gets: a week before the due
    /// date, on it, and every week while it is overdue.
    pub enum ReminderKind unknown UnknownChoice {
        Before = "before",
        Due = "due",
        Overdue = "overdue",
    }
}

/// One side of a clause: its heading and text in one language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ClauseText {
    pub heading: String,
    pub body: String,
}

/// A clause in the agreement's two languages, side by side.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct Clause {
    /// In the first language (`language_a`; a template's is English).
    pub a: ClauseText,
    /// In the second language (`language_b`).
    pub b: ClauseText,
}

/// A template's clauses in more languages than its two columns: language
/// code → one text per clause, in the clauses' order, with the clause's
/// placeholders.
pub type TemplateTexts = std::collections::BTreeMap<String, Vec<ClauseText>>;

/// A placeholder a template asks for, in the order it first appears.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Placeholder {
    pub kind: PlaceholderKind,
    /// The name in the template (`first`, `start`): letters, digits, `_`.
    pub key: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TemplateView {
    pub id: i64,
    pub name: String,
    pub kind: TemplateKind,
    /// ISO 639-1 code of the second column (the first is English).
    pub language_b: String,
    pub clauses: Vec<Clause>,
    /// The clauses in more languages: language code → one `ClauseText`
    /// per clause.
    #[cfg_attr(feature = "ssr", schema(value_type = Object))]
    pub texts: TemplateTexts,
    /// Every language a draft from it may take, two side by side:
    /// English, `language_b`, then those of `texts`.
    pub languages: Vec<String>,
    /// What a draft from it asks for.
    pub placeholders: Vec<Placeholder>,
    pub version: i32,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct TemplateInput {
    pub name: String,
    pub kind: Option<TemplateKind>,
    pub language_b: String,
    pub clauses: Vec<Clause>,
    /// The clauses in more languages: language code → one `ClauseText`
    /// per clause, with the clause's placeholders (none when left out).
    #[cfg_attr(feature = "ssr", schema(value_type = Object))]
    pub texts: TemplateTexts,
    /// As read; ignored when adding.
    pub version: i32,
}

/// A party as the drafters give it: a member of the directory or a
/// Business Council member, its signatory, and the contact who answers
/// for its follow-up.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct PartyInput {
    /// The party's id when it is already one (kept, so its activities
    /// stay its own); none for a new party.
    pub id: Option<i64>,
    pub member_id: Option<i64>,
    pub council_member_id: Option<i64>,
    pub signatory_name: String,
    pub signatory_title: String,
    pub contact_name: String,
    pub contact_email: String,
    /// ISO 639-1: the language of the contact's reminders.
    pub language: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PartyView {
    pub id: i64,
    pub member_id: Option<i64>,
    pub council_member_id: Option<i64>,
    /// The member's Latin name (a Business Council member's name).
    pub name: String,
    /// Its native-script name, when it has one.
    pub name_native: String,
    pub signatory_name: String,
    pub signatory_title: String,
    pub contact_name: String,
    pub contact_email: String,
    pub language: String,
}

/// A value for a placeholder, as typed: a party's position (`1`, `2`…),
/// a date `YYYY-MM-DD`, an amount `CNY 500000` (code, space, amount), or
/// text.
pub type PlaceholderValues = std::collections::BTreeMap<String, String>;

/// A new agreement, from a template or blank.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct DraftInput {
    pub title: String,
    pub template_id: Option<i64>,
    /// The first column's language: one of the template's, or any
    /// without one; empty is English.
    pub language_a: String,
    /// The second column's language: one of the template's (empty is its
    /// own second language), or any without one.
    pub language_b: String,
    pub committee_id: Option<i64>,
    /// When no committee sponsors it.
    pub sector: String,
    /// The edition where it is to be signed.
    pub edition_id: Option<i64>,
    pub initiative_id: Option<i64>,
    pub parties: Vec<PartyInput>,
    /// Every placeholder of the template, by key.
    pub values: PlaceholderValues,
}

/// The agreement's particulars (not its text): who, which committee,
/// where it is to be signed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct AgreementInput {
    pub committee_id: Option<i64>,
    pub sector: String,
    pub edition_id: Option<i64>,
    pub initiative_id: Option<i64>,
    /// The signing-ceremony session it is to be signed at.
    pub ceremony_session_id: Option<i64>,
    pub parties: Vec<PartyInput>,
    /// As read.
    pub version: i32,
}

/// A revision of the text: saved as a new version when `base_version`
/// is still the latest, refused (`edited_meanwhile`) otherwise.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct TextInput {
    pub title: String,
    pub clauses: Vec<Clause>,
    /// What changed, in a line.
    pub note: String,
    pub base_version: i32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct MoveInput {
    pub to: Option<AgreementStatus>,
    /// The agreement's version as read.
    pub version: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Signatory {
    pub party_id: i64,
    pub party: String,
    pub name: String,
    pub title: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct SigningInput {
    pub edition_id: Option<i64>,
    pub session_id: Option<i64>,
    /// `YYYY-MM-DD`.
    pub signed_on: String,
    pub place: String,
    /// Who signed for each party, when not the signatory named before.
    pub signatories: Vec<SignatoryInput>,
    pub version: i32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct SignatoryInput {
    pub party_id: i64,
    pub name: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SigningView {
    pub edition_id: i64,
    pub edition: String,
    pub session_id: Option<i64>,
    pub signed_on: NaiveDate,
    pub place: String,
    /// The version whose text was signed (frozen since).
    pub version_number: i32,
    pub signatories: Vec<Signatory>,
    pub recorded_by: Option<String>,
    pub recorded_at: DateTime<Utc>,
}

/// An agreement's row in lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AgreementSummary {
    pub id: i64,
    pub title: String,
    pub status: AgreementStatus,
    pub committee_id: Option<i64>,
    pub committee: String,
    /// The committee's name in the app's other languages.
    #[serde(default)]
    pub committee_names: crate::names::types::Names,
    pub sector: String,
    pub edition_id: Option<i64>,
    pub parties: Vec<String>,
    pub latest_version: i32,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AgreementView {
    pub id: i64,
    pub title: String,
    pub status: AgreementStatus,
    /// Where it may go from here (`signed` by recording the signing).
    pub moves: Vec<AgreementStatus>,
    pub template_id: Option<i64>,
    pub language_a: String,
    pub language_b: String,
    pub committee_id: Option<i64>,
    pub committee: String,
    /// The committee's name in the app's other languages.
    #[serde(default)]
    pub committee_names: crate::names::types::Names,
    pub sector: String,
    pub edition_id: Option<i64>,
    pub initiative_id: Option<i64>,
    pub ceremony_session_id: Option<i64>,
    pub parties: Vec<PartyView>,
    pub clauses: Vec<Clause>,
    pub latest_version: i32,
    /// Whether the text may still change (draft and negotiating).
    pub editable: bool,
    pub signing: Option<SigningView>,
    pub version: i32,
    pub created_by: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct VersionView {
    pub number: i32,
    pub title: String,
    pub note: String,
    pub status: AgreementStatus,
    pub created_by: Option<String>,
    pub created_at: DateTime<Utc>,
    pub comments: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct VersionText {
    pub number: i32,
    pub title: String,
    pub clauses: Vec<Clause>,
}

choice! {
    /// A piece of a word-level comparison.
    pub enum DiffOp unknown UnknownChoice {
        Same = "same",
        Added = "added",
        Removed = "removed",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DiffPiece {
    pub op: DiffOp,
    pub text: String,
}

/// Two versions compared word by word, in each language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Comparison {
    pub from: i32,
    pub to: i32,
    pub language_a: String,
    pub language_b: String,
    pub a: Vec<DiffPiece>,
    pub b: Vec<DiffPiece>,
    pub words_added: u32,
    pub words_removed: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CommentView {
    pub id: i64,
    pub version_number: i32,
    pub author: Option<String>,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct CommentInput {
    pub body: String,
}

/// Which agreements to list; every part optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema, utoipa::IntoParams))]
#[serde(default)]
pub struct AgreementFilter {
    pub status: Option<AgreementStatus>,
    pub committee_id: Option<i64>,
    pub edition_id: Option<i64>,
    pub member_id: Option<i64>,
    /// Words of the title.
    pub q: Option<String>,
    pub page: Option<u32>,
}

/// A signing-ceremony session of the programme and what is to be signed
/// there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CeremonySession {
    pub session_id: i64,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub agreements: Vec<AgreementSummary>,
}

/// An edition's signing ceremonies: agreements ready to sign (or signed
/// there) by session, and those ready but not yet given a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Ceremony {
    pub edition_id: i64,
    pub sessions: Vec<CeremonySession>,
    pub unassigned: Vec<AgreementSummary>,
}

/// Something to choose in a form: its id and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Named {
    pub id: i64,
    pub name: String,
    /// Its name in the app's other languages (a committee's).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub names: crate::names::types::Names,
}

impl Named {
    /// Its name for a reader of `locale`.
    pub fn name_in(&self, locale: crate::locale::Locale) -> String {
        crate::names::types::name_in(&self.name, &self.names, locale).to_owned()
    }
}

/// What the drafting forms offer: templates, members and Business Council
/// members to be parties, committees, editions, signing ceremonies,
/// initiatives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choices {
    pub templates: Vec<TemplateView>,
    pub members: Vec<Named>,
    pub council: Vec<Named>,
    pub committees: Vec<Named>,
    pub editions: Vec<Named>,
    /// Signing-ceremony sessions, named with their edition's id first.
    pub ceremonies: Vec<(i64, Named)>,
    pub initiatives: Vec<Named>,
}

/// The agreements of one edition, for its dashboard: being drafted or
/// negotiated for it, ready to sign there, signed there.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementsTile {
    pub drafting: u32,
    pub ready_to_sign: u32,
    pub signed: u32,
}
