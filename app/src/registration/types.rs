use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::choice::choice;

use crate::i18n::{Locale, td_string};

choice! {
    /// What a person comes to the Forum as.
    #[derive(Default)]
    pub enum Category unknown UnknownChoice {
        HeadOfDelegation = "head_of_delegation",
        #[default]
        Delegate = "delegate",
        Speaker = "speaker",
        BusinessCouncil = "business_council",
        Observer = "observer",
        Press = "press",
        Staff = "staff",
        Un = "un",
    }
}

choice! {
    #[derive(Default)]
    pub enum RegistrationStatus unknown UnknownStatus {
        #[default]
        Submitted = "submitted",
        Approved = "approved",
        Waitlisted = "waitlisted",
        Declined = "declined",
        Cancelled = "cancelled",
    }
}

/// One person as typed on the registration form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct PersonForm {
    pub name_native: String,
    pub name_latin: String,
    pub honorific: String,
    pub position: String,
    pub organization: String,
    pub email: String,
    pub phone: String,
    pub category: String,
    /// Comma-separated ISO 639-1 codes, e.g. "zh, en".
    pub languages: String,
    pub interpretation: String,
    pub dietary: String,
    pub access: String,
    /// `YYYY-MM-DDTHH:MM` in the edition's time zone, as a datetime-local input gives it.
    pub arrival: String,
    pub departure: String,
}

impl PersonForm {
    /// One person's fields as a form posted them, their names carrying
    /// `prefix` (`members.1.`); ticked languages are joined as typed.
    pub fn from_posted(posted: &crate::ui::posted::Posted, prefix: &str) -> PersonForm {
        let value = |key: &str| posted.value(&format!("{prefix}{key}"));
        PersonForm {
            name_native: value("name_native"),
            name_latin: value("name_latin"),
            honorific: value("honorific"),
            position: value("position"),
            organization: value("organization"),
            email: value("email"),
            phone: value("phone"),
            category: value("category"),
            languages: posted.values(&format!("{prefix}languages")).join(", "),
            interpretation: value("interpretation"),
            dietary: value("dietary"),
            access: value("access"),
            arrival: value("arrival"),
            departure: value("departure"),
        }
    }
}

/// Members of a delegation as the form numbers them: `members.{n}.…`.
pub const MEMBER_PREFIX: &str = "members.";

/// The most any submission may carry, whatever its invitation says.
pub const MEMBERS_MAX: usize = 200;

/// How many member rows the form holds (one past the highest number).
/// Rows past the largest delegation are not read: a posted
/// `members.999999999.x` must not make a billion rows.
pub fn member_rows(posted: &crate::ui::posted::Posted) -> usize {
    posted
        .fields
        .iter()
        .filter_map(|(key, _)| key.strip_prefix(MEMBER_PREFIX))
        .filter_map(|rest| rest.split_once('.'))
        .filter_map(|(n, _)| n.parse::<usize>().ok())
        .filter(|n| *n < MEMBERS_MAX)
        .map(|n| n + 1)
        .max()
        .unwrap_or(0)
}

pub fn member_prefix(row: usize) -> String {
    format!("{MEMBER_PREFIX}{row}.")
}

/// A checked person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub name_native: String,
    pub name_latin: String,
    pub honorific: String,
    pub position: String,
    pub organization: String,
    pub email: String,
    pub phone: String,
    pub category: Category,
    pub languages: Vec<String>,
    pub interpretation: Option<String>,
    pub dietary: String,
    pub access: String,
    pub arrival: Option<NaiveDateTime>,
    pub departure: Option<NaiveDateTime>,
}

impl Category {
    /// The category's name in `locale`, for pages and letters.
    pub fn label(self, locale: Locale) -> String {
        match self {
            Category::HeadOfDelegation => td_string!(locale, category_head_of_delegation),
            Category::Delegate => td_string!(locale, category_delegate),
            Category::Speaker => td_string!(locale, category_speaker),
            Category::BusinessCouncil => td_string!(locale, category_business_council),
            Category::Observer => td_string!(locale, category_observer),
            Category::Press => td_string!(locale, category_press),
            Category::Staff => td_string!(locale, category_staff),
            Category::Un => td_string!(locale, category_un),
        }
        .to_string()
    }
}

/// A registration as submitted on the public form or to the API: the
/// person registering and, optionally, the members of their delegation,
/// with their consent to the processing of their data.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DelegationForm {
    pub head: PersonForm,
    #[serde(default)]
    pub members: Vec<PersonForm>,
    /// The member city or institution the delegation represents (taken
    /// from the invitation when a code is given).
    pub member_id: Option<i64>,
    /// Required when the edition is invite-only.
    #[serde(default)]
    pub invitation_code: String,
    #[serde(default)]
    pub consent: bool,
}

impl DelegationForm {
    /// Everyone who ticked no language reads in `code`: the language the
    /// form was filled in (the reader's choice, else the browser's), so
    /// their letters come in it.
    pub fn languages_else(mut self, code: &str) -> DelegationForm {
        for person in std::iter::once(&mut self.head).chain(self.members.iter_mut()) {
            if person.languages.trim().is_empty() {
                person.languages = code.to_owned();
            }
        }
        self
    }
}

/// A registration as staff and its owner see it. Times are local to the
/// edition's time zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RegistrationView {
    pub id: i64,
    pub edition_id: i64,
    pub delegation_id: Option<i64>,
    /// The member city or institution the delegation represents (Latin name).
    pub member_name: Option<String>,
    pub name_native: String,
    pub name_latin: String,
    pub honorific: String,
    pub position: String,
    pub organization: String,
    pub email: String,
    pub phone: String,
    pub category: Category,
    pub languages: Vec<String>,
    pub interpretation: Option<String>,
    pub dietary: String,
    pub access: String,
    /// A wall-clock time without offset, `YYYY-MM-DDTHH:MM:SS`.
    #[cfg_attr(feature = "ssr", schema(value_type = Option<String>, format = "local-date-time"))]
    pub arrival: Option<NaiveDateTime>,
    /// A wall-clock time without offset, `YYYY-MM-DDTHH:MM:SS`.
    #[cfg_attr(feature = "ssr", schema(value_type = Option<String>, format = "local-date-time"))]
    pub departure: Option<NaiveDateTime>,
    pub status: RegistrationStatus,
    pub decline_reason: Option<String>,
    /// False for invited delegates imported by organizers who have not yet
    /// confirmed.
    pub consented: bool,
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// Changed after approval: each changed field with its approved value
    /// (the current value is in the field itself), until decided again.
    #[serde(default)]
    pub changed_since_approval: Vec<(String, String)>,
    /// The person asked to be erased and is not yet (a registrar erases).
    #[serde(default)]
    pub erasure_requested: bool,
}

impl RegistrationView {
    /// The person's details as the edit form shows them.
    pub fn form(&self) -> PersonForm {
        let moment = |m: Option<NaiveDateTime>| {
            m.map(crate::editions::domain::format_local_minute)
                .unwrap_or_default()
        };
        PersonForm {
            name_native: self.name_native.clone(),
            name_latin: self.name_latin.clone(),
            honorific: self.honorific.clone(),
            position: self.position.clone(),
            organization: self.organization.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            category: self.category.as_str().to_owned(),
            languages: self.languages.join(", "),
            interpretation: self.interpretation.clone().unwrap_or_default(),
            dietary: self.dietary.clone(),
            access: self.access.clone(),
            arrival: moment(self.arrival),
            departure: moment(self.departure),
        }
    }
}

/// What an anonymous registration is answered: how many people it named.
/// Each of them learns the rest by e-mail (who was registered, and whether
/// a place was free), so that the answer reveals nobody's registration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RegistrationReceipt {
    pub people: usize,
}

/// What a registrar decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approve,
    Waitlist,
    Decline,
    /// Staff cancel a registration (say, made with someone else's
    /// address): the place and the address are free again.
    Cancel,
}

impl Decision {
    pub fn status(self) -> RegistrationStatus {
        match self {
            Decision::Approve => RegistrationStatus::Approved,
            Decision::Waitlist => RegistrationStatus::Waitlisted,
            Decision::Decline => RegistrationStatus::Declined,
            Decision::Cancel => RegistrationStatus::Cancelled,
        }
    }
}

/// Which registrations the review queue shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RegistrationFilter {
    pub status: Option<RegistrationStatus>,
    pub category: Option<Category>,
    /// Part of a native or Latin name, organization or e-mail; case and
    /// accents are ignored.
    pub q: Option<String>,
}

/// A limit on one category; past it new registrations wait.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CapacityView {
    pub category: Category,
    pub capacity: u32,
    /// Registrations submitted or approved in this category.
    pub taken: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct InvitationView {
    pub id: i64,
    pub member_id: i64,
    pub member_name: String,
    pub code: String,
    pub max_size: Option<u32>,
    /// People registered with this code (not cancelled or declined).
    pub used: u32,
}

/// An edition's registration settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RegistrationSettingsView {
    pub opens_on: Option<NaiveDate>,
    pub closes_on: Option<NaiveDate>,
    /// Last day delegates may change or cancel their registration;
    /// the day before the edition starts when not set.
    pub edit_deadline: Option<NaiveDate>,
    pub invite_only: bool,
    pub capacities: Vec<CapacityView>,
    pub invitations: Vec<InvitationView>,
}

/// The settings form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsForm {
    pub opens_on: String,
    pub closes_on: String,
    pub edit_deadline: String,
    pub invite_only: bool,
    /// Category code → capacity as typed ("" for no limit).
    pub capacities: Vec<(String, String)>,
}

/// What the public registration page needs to know about an edition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationIntro {
    pub edition_id: i64,
    pub title: String,
    pub venue: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub time_zone: String,
    /// The zone as people read it, on the first day ("Asia/Shanghai, UTC+8"):
    /// worked out by the server, so the browser carries no zone tables.
    pub zone_label: String,
    /// `None` when open, else why not (`registration_not_open_yet`,
    /// `registration_closed`).
    pub closed_reason: Option<crate::error::ErrorCode>,
    pub opens_on: Option<NaiveDate>,
    pub closes_on: Option<NaiveDate>,
    pub invite_only: bool,
    /// Member cities and institutions: (id, Latin name, native name).
    pub members: Vec<(i64, String, String)>,
    /// The title and venue in the other languages organizers wrote them
    /// in (`title` and `venue` are English).
    pub texts: Vec<crate::editions::types::EditionText>,
}

/// What a signed-in person sees on their own page: their registrations
/// and, for a head, the rest of the delegation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnRegistration {
    pub edition_title: String,
    pub editable: bool,
    pub edit_deadline: NaiveDate,
    pub me: RegistrationView,
    /// The others in the delegation, when `me` is its head.
    pub delegation: Vec<RegistrationView>,
}

/// An edition's registrations at a glance, for the dashboard.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationSummary {
    /// People per status, every status listed in its order (zeros too).
    pub by_status: Vec<(RegistrationStatus, u32)>,
    /// Approved people per category, in the categories' order; categories
    /// nobody is approved in are left out.
    pub approved_by_category: Vec<(Category, u32)>,
    /// Capped categories: the cap and the places held (submitted or
    /// approved), in the categories' order.
    pub capacity: Vec<(Category, u32, u32)>,
    /// Delegations with at least one person not cancelled.
    pub delegations: u32,
    /// Member cities and institutions those delegations come from.
    pub members_represented: u32,
    /// Submitted and waiting for a registrar.
    pub waiting_review: u32,
    /// When the longest-waiting of them came in.
    pub oldest_waiting: Option<chrono::DateTime<chrono::Utc>>,
    /// Approved registrations changed since, to be looked at again.
    pub changed_since_approval: u32,
    pub invitations: u32,
    /// Invitations a delegation has registered with.
    pub invitations_used: u32,
}

/// What the summary needs of one registration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryRow {
    pub status: RegistrationStatus,
    pub category: Category,
    /// The member city or institution of its delegation, if any.
    pub member_id: Option<i64>,
    pub delegation_id: Option<i64>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub changed_since_approval: bool,
}

/// Whether an edition's registration takes people today, for the public
/// home page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationWindow {
    /// `None` when open, else why not.
    pub closed_reason: Option<crate::error::ErrorCode>,
    pub opens_on: Option<NaiveDate>,
    pub closes_on: Option<NaiveDate>,
    pub invite_only: bool,
}
