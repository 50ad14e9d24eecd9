use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::editions::types::EditionStatus;
use crate::registration::types::RegistrationWindow;

/// An edition as a visitor sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeEdition {
    pub id: i64,
    pub year: i32,
    pub title: String,
    pub host_city_latin: String,
    pub host_city_native: String,
    pub venue: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub time_zone: String,
    /// The zone as people read it, on the first day ("Asia/Shanghai, UTC+8"):
    /// worked out by the server, so the browser carries no zone tables.
    pub zone_label: String,
    pub status: EditionStatus,
    pub intro: String,
    pub registration: RegistrationWindow,
}

/// The home page's editions: current and coming ones soonest first, then
/// past ones newest first. Editions still in planning are shown to
/// organizers only.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Home {
    pub coming: Vec<HomeEdition>,
    pub past: Vec<HomeEdition>,
}

impl Home {
    /// The edition the header's menu is about: the one on now or next.
    pub fn current(&self) -> Option<&HomeEdition> {
        self.coming.first()
    }
}
