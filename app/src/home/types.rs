use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::editions::types::{EditionField, EditionStatus, EditionText, edition_text};
use crate::locale::Locale;
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
    /// Title, venue and intro in the other languages organizers wrote
    /// them in (the fields above are English).
    pub texts: Vec<EditionText>,
}

impl HomeEdition {
    /// `field` in `reader`'s language where it is written, else English,
    /// else any; with the language it is in.
    pub fn shown(&self, field: EditionField, reader: Locale) -> (&str, Locale) {
        let english = match field {
            EditionField::Title => &self.title,
            EditionField::Venue => &self.venue,
            EditionField::Intro => &self.intro,
        };
        edition_text(english, &self.texts, field, reader)
    }
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
