use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// What a person comes to the Forum as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Category {
    HeadOfDelegation,
    #[default]
    Delegate,
    Speaker,
    BusinessCouncil,
    Observer,
    Press,
    Staff,
    Un,
}

impl Category {
    pub const ALL: [Category; 8] = [
        Category::HeadOfDelegation,
        Category::Delegate,
        Category::Speaker,
        Category::BusinessCouncil,
        Category::Observer,
        Category::Press,
        Category::Staff,
        Category::Un,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::HeadOfDelegation => "head_of_delegation",
            Category::Delegate => "delegate",
            Category::Speaker => "speaker",
            Category::BusinessCouncil => "business_council",
            Category::Observer => "observer",
            Category::Press => "press",
            Category::Staff => "staff",
            Category::Un => "un",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RegistrationStatus {
    #[default]
    Submitted,
    Approved,
    Waitlisted,
    Declined,
    Cancelled,
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

impl RegistrationStatus {
    pub const ALL: [RegistrationStatus; 5] = [
        RegistrationStatus::Submitted,
        RegistrationStatus::Approved,
        RegistrationStatus::Waitlisted,
        RegistrationStatus::Declined,
        RegistrationStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RegistrationStatus::Submitted => "submitted",
            RegistrationStatus::Approved => "approved",
            RegistrationStatus::Waitlisted => "waitlisted",
            RegistrationStatus::Declined => "declined",
            RegistrationStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

impl Category {
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == text)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RegistrationView {
    pub id: i64,
    pub edition_id: i64,
    pub delegation_id: Option<i64>,
    pub name_native: String,
    pub name_latin: String,
    pub email: String,
    pub category: Category,
    pub status: RegistrationStatus,
}
