use serde::{Deserialize, Serialize};

use crate::choice::choice;

choice! {
    /// What a signed-in account may do is decided by its one role.
    pub enum Role unknown UnknownRole {
        Organizer = "organizer",
        Finance = "finance",
        Registrar = "registrar",
        Checkin = "checkin",
        Coordinator = "coordinator",
        Delegate = "delegate",
    }
}

impl Role {
    /// The role's name in `locale`, for pages and letters.
    pub fn label(self, locale: crate::i18n::Locale) -> String {
        use crate::i18n::td_string;
        match self {
            Role::Organizer => td_string!(locale, role_organizer),
            Role::Finance => td_string!(locale, role_finance),
            Role::Registrar => td_string!(locale, role_registrar),
            Role::Checkin => td_string!(locale, role_checkin),
            Role::Coordinator => td_string!(locale, role_coordinator),
            Role::Delegate => td_string!(locale, role_delegate),
        }
        .to_string()
    }
}

choice! {
    /// Why a password link was sent.
    pub enum LinkPurpose unknown UnknownChoice {
        /// An organizer invited a new member of staff.
        Invitation = "invitation",
        /// Someone asked to reset a forgotten password.
        Reset = "reset",
    }
}

/// A staff account as organizers manage it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffView {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// Has set a password (an invitation not yet taken up has none).
    pub has_password: bool,
    pub disabled_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// The signed-in account as the UI sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserView {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// The language the account reads in, once chosen (a locale's code).
    pub language: Option<String>,
}

/// A sign-in link as its owner sees it in the list of links sent to them
/// (never the secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInLinkView {
    pub id: i64,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    pub used_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Neither expired nor revoked.
    pub active: bool,
}

/// An API token as its owner (or the command line) lists it: never the
/// token itself, which is shown once when made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiTokenView {
    pub id: i64,
    pub owner: String,
    pub label: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub expires_at: Option<chrono::DateTime<chrono::Utc>>,
    pub last_used_at: Option<chrono::DateTime<chrono::Utc>>,
    pub revoked_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Neither expired nor revoked.
    pub active: bool,
}

/// What a password link's page shows before the password is chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordLinkView {
    pub purpose: LinkPurpose,
    pub email: String,
}
