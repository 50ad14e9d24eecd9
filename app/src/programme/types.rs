use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::choice::choice;
use crate::editions::domain::format_local_minute;
use crate::i18n::{Locale, td_string};
use crate::locale::pick;
use crate::names::types::{Names, name_in};

choice! {
    /// What a person does in a session.
    pub enum SessionRole unknown UnknownChoice {
        Speaker = "speaker",
        Moderator = "moderator",
    }
}

choice! {
    /// What kind of session.
    #[derive(Default)]
    pub enum SessionKind unknown UnknownSessionKind {
        #[default]
        Plenary = "plenary",
        CommitteeMeeting = "committee_meeting",
        BusinessCouncilMeeting = "business_council_meeting",
        SigningCeremony = "signing_ceremony",
        SideEvent = "side_event",
        Bilateral = "bilateral",
    }
}

impl SessionKind {
    pub fn label(self, locale: Locale) -> String {
        match self {
            SessionKind::Plenary => td_string!(locale, kind_plenary),
            SessionKind::CommitteeMeeting => td_string!(locale, kind_committee_meeting),
            SessionKind::BusinessCouncilMeeting => {
                td_string!(locale, kind_business_council_meeting)
            }
            SessionKind::SigningCeremony => td_string!(locale, kind_signing_ceremony),
            SessionKind::SideEvent => td_string!(locale, kind_side_event),
            SessionKind::Bilateral => td_string!(locale, kind_bilateral),
        }
        .to_string()
    }
}

choice! {
    /// Drafts are seen by organizers only; published and cancelled sessions
    /// are in the programme and the feeds (cancelled ones marked so).
    #[derive(Default)]
    pub enum SessionStatus unknown UnknownStatus {
        #[default]
        Draft = "draft",
        Published = "published",
        Cancelled = "cancelled",
    }
}

/// A session as typed on the organizers' form (and sent to the API), so
/// that a bad value comes back intact. Times are local to the edition
/// (`YYYY-MM-DDTHH:MM`); speakers and moderators are registration ids.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct SessionForm {
    /// Title and description per language; at least one title.
    pub texts: Vec<SessionText>,
    /// `plenary`, `committee_meeting`, `business_council_meeting`,
    /// `signing_ceremony`, `side_event` or `bilateral`.
    pub kind: String,
    /// A room id of the edition, or empty.
    pub room_id: String,
    pub starts_at: String,
    pub ends_at: String,
    /// A committee id, or empty.
    pub committee_id: String,
    pub speakers: Vec<i64>,
    pub moderators: Vec<i64>,
    /// ISO 639-1 codes of the interpretation, comma separated.
    pub languages: String,
    /// Places, for sessions delegates book; empty when unlimited.
    pub capacity: String,
    pub invitation_only: bool,
}

/// A session's title and description in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SessionText {
    /// A language of the app's locale files: `en` or `zh`.
    #[cfg_attr(feature = "ssr", schema(value_type = String, example = "en"))]
    pub lang: Locale,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
}

/// One of a session's speakers or moderators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SessionPerson {
    pub registration_id: i64,
    pub name_latin: String,
    pub name_native: String,
    pub moderator: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SessionView {
    pub id: i64,
    pub edition_id: i64,
    /// Title and description in each language they were written in.
    pub texts: Vec<SessionText>,
    pub kind: SessionKind,
    pub room_id: Option<i64>,
    pub room_name: Option<String>,
    /// The room's name in the app's other languages.
    #[serde(default)]
    pub room_names: Names,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// Start and end on the edition's wall clock, without offset
    /// (`YYYY-MM-DDTHH:MM:SS`).
    #[cfg_attr(feature = "ssr", schema(value_type = String, format = "local-date-time"))]
    pub starts_local: NaiveDateTime,
    /// A wall-clock time without offset, `YYYY-MM-DDTHH:MM:SS`.
    #[cfg_attr(feature = "ssr", schema(value_type = String, format = "local-date-time"))]
    pub ends_local: NaiveDateTime,
    /// The day, in the edition's zone, the session starts on.
    pub day: NaiveDate,
    pub committee_id: Option<i64>,
    pub committee_name: Option<String>,
    /// The committee's name in the app's other languages.
    #[serde(default)]
    pub committee_names: Names,
    pub people: Vec<SessionPerson>,
    pub languages: Vec<String>,
    pub capacity: Option<i32>,
    pub invitation_only: bool,
    pub status: SessionStatus,
    /// Raised at each change of a published session (iCalendar SEQUENCE).
    pub sequence: i32,
    /// How many have it in their agenda.
    pub booked: i32,
}

impl SessionView {
    /// The title in the reader's language, else through the fallbacks.
    pub fn title(&self, locale: Locale) -> &str {
        session_title(&self.texts, locale)
    }

    pub fn description(&self, locale: Locale) -> &str {
        pick(&self.texts, locale, |t| t.lang, |t| &t.description)
    }

    /// The room's name in the reader's language, else through the
    /// fallbacks.
    pub fn room(&self, locale: Locale) -> Option<&str> {
        let english = self.room_name.as_deref()?;
        Some(name_in(english, &self.room_names, locale))
    }

    /// The committee's name in the reader's language, else through the
    /// fallbacks.
    pub fn committee(&self, locale: Locale) -> Option<&str> {
        let english = self.committee_name.as_deref()?;
        Some(name_in(english, &self.committee_names, locale))
    }

    /// `HH:MM–HH:MM`, with the end's day when it falls on the next one.
    pub fn time_range(&self) -> String {
        let time = |at: NaiveDateTime| at.format("%H:%M").to_string();
        let end = if self.ends_local.date() != self.starts_local.date() {
            format!("{} (+1)", time(self.ends_local))
        } else {
            time(self.ends_local)
        };
        format!("{}–{end}", time(self.starts_local))
    }

    pub fn form(&self) -> SessionForm {
        let ids = |moderator: bool| {
            self.people
                .iter()
                .filter(|p| p.moderator == moderator)
                .map(|p| p.registration_id)
                .collect()
        };
        SessionForm {
            texts: self.texts.clone(),
            kind: self.kind.as_str().to_owned(),
            room_id: self.room_id.map(|id| id.to_string()).unwrap_or_default(),
            starts_at: format_local_minute(self.starts_local),
            ends_at: format_local_minute(self.ends_local),
            committee_id: self
                .committee_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
            speakers: ids(false),
            moderators: ids(true),
            languages: self.languages.join(", "),
            capacity: self.capacity.map(|c| c.to_string()).unwrap_or_default(),
            invitation_only: self.invitation_only,
        }
    }
}

/// A session's title for a reader, from its texts per language.
pub fn session_title(texts: &[SessionText], locale: Locale) -> &str {
    pick(texts, locale, |t| t.lang, |t| &t.title)
}

/// A room as the programme shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ProgrammeRoom {
    pub id: i64,
    pub name: String,
    /// The name in the app's other languages.
    #[serde(default)]
    pub names: Names,
    pub floor: String,
    pub capacity: Option<i32>,
    pub booths: i32,
}

impl ProgrammeRoom {
    /// The name in the reader's language, else through the fallbacks.
    pub fn name_in(&self, locale: Locale) -> &str {
        name_in(&self.name, &self.names, locale)
    }
}

/// A committee a session may belong to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ProgrammeCommittee {
    pub id: i64,
    pub name: String,
    /// The name in the app's other languages.
    #[serde(default)]
    pub names: Names,
}

impl ProgrammeCommittee {
    /// The name in the reader's language, else through the fallbacks.
    pub fn name_in(&self, locale: Locale) -> &str {
        name_in(&self.name, &self.names, locale)
    }
}

/// Someone who may speak or moderate: an approved registration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SpeakerChoice {
    pub registration_id: i64,
    pub name_latin: String,
    pub organization: String,
}

/// An edition's programme: what the public page, the timetable and the
/// feeds are made of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Programme {
    pub edition_id: i64,
    pub edition_title: String,
    pub time_zone: String,
    /// The zone as people read it, on the first day ("Asia/Shanghai, UTC+8"):
    /// worked out by the server, so the browser carries no zone tables.
    pub zone_label: String,
    pub venue: String,
    /// Every day of the edition.
    pub days: Vec<NaiveDate>,
    pub rooms: Vec<ProgrammeRoom>,
    pub committees: Vec<ProgrammeCommittee>,
    /// In order of start; drafts only for organizers.
    pub sessions: Vec<SessionView>,
    /// The day the sessions are of, when only one day's are here.
    pub selected_day: Option<NaiveDate>,
    /// The edition's title and venue in the other languages organizers
    /// wrote them in (`edition_title` and `venue` are English).
    #[serde(default)]
    pub edition_texts: Vec<crate::editions::types::EditionText>,
}

/// What an organizer is warned about. Room and speaker clashes are hard:
/// publishing with them asks for confirmation. The others only inform.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Conflict {
    RoomDoubleBooked {
        room_id: i64,
        sessions: [i64; 2],
    },
    SpeakerDoubleBooked {
        speaker: i64,
        sessions: [i64; 2],
    },
    OutsideEdition {
        session: i64,
    },
    OverCapacity {
        session: i64,
        expected: u32,
        capacity: u32,
    },
    /// A delegate booked into two sessions at once.
    AgendaOverlap {
        registration: i64,
        sessions: [i64; 2],
    },
}

impl Conflict {
    pub fn is_hard(&self) -> bool {
        matches!(
            self,
            Conflict::RoomDoubleBooked { .. } | Conflict::SpeakerDoubleBooked { .. }
        )
    }
}

/// A conflict with what the page needs to describe it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ConflictView {
    #[cfg_attr(feature = "ssr", schema(value_type = Object))]
    pub conflict: Conflict,
    pub hard: bool,
    /// The sessions concerned, by id.
    pub sessions: Vec<i64>,
    /// The room, speaker or delegate concerned, by name.
    pub subject: Option<String>,
}

/// After a save: the session and the conflicts it is part of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SavedSession {
    pub session: SessionView,
    pub conflicts: Vec<ConflictView>,
}

/// A delegate's agenda for one edition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AgendaView {
    pub registration_id: i64,
    pub edition_id: i64,
    /// The sessions booked and those the person speaks at, by start.
    pub sessions: Vec<SessionView>,
    /// Ids of the sessions the person booked (may be removed).
    pub booked: Vec<i64>,
    /// Pairs of sessions that overlap.
    pub overlaps: Vec<[i64; 2]>,
    /// Whether a secret calendar feed was made (and not renewed since).
    #[serde(default)]
    pub has_feed: bool,
    /// The path of the secret calendar feed: only in the answer that made
    /// it (it is stored hashed, so it cannot be shown again).
    pub feed_path: Option<String>,
}

/// What the organizers' timetable page loads: the whole programme and
/// who may speak.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timetable {
    pub programme: Programme,
    pub speakers: Vec<SpeakerChoice>,
}

/// One day of the programme, its sessions by state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DaySessions {
    pub day: NaiveDate,
    pub published: u32,
    pub drafts: u32,
    pub cancelled: u32,
}

/// An edition's programme at a glance, for the dashboard.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeSummary {
    /// Every day of the edition (and any other day a session is on).
    pub days: Vec<DaySessions>,
    /// Room and speaker clashes.
    pub clashes: u32,
    /// Everything else worth a look (capacity, times, agendas).
    pub warnings: u32,
    /// Sessions booked into agendas, all delegates together.
    pub bookings: u32,
}
