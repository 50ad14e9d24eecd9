use crate::error::ErrorCode;
use serde::{Deserialize, Serialize};

/// What a signed-in account may do is decided by its one role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Organizer,
    Finance,
    Registrar,
    Checkin,
    Coordinator,
    Delegate,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Organizer,
        Role::Finance,
        Role::Registrar,
        Role::Checkin,
        Role::Coordinator,
        Role::Delegate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Organizer => "organizer",
            Role::Finance => "finance",
            Role::Registrar => "registrar",
            Role::Checkin => "checkin",
            Role::Coordinator => "coordinator",
            Role::Delegate => "delegate",
        }
    }

    pub fn parse(text: &str) -> Result<Role, ErrorCode> {
        Role::ALL
            .into_iter()
            .find(|role| role.as_str() == text.trim())
            .ok_or(ErrorCode::UnknownRole)
    }
}

/// The signed-in account as the UI sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserView {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
}
