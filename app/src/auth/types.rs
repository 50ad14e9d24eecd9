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

/// The signed-in account as the UI sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserView {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
}
