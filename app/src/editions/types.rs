use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::choice::choice;

choice! {
    #[derive(Default)]
    pub enum EditionStatus unknown UnknownStatus {
        #[default]
        Planning = "planning",
        RegistrationOpen = "registration_open",
        Running = "running",
        Closed = "closed",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RoomView {
    pub id: i64,
    pub name: String,
    pub capacity: Option<i32>,
    pub floor: String,
    /// Interpretation booths.
    pub booths: i32,
    /// The name in the app's other languages, by language code.
    #[serde(default)]
    pub names: crate::names::types::Names,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EditionView {
    pub id: i64,
    pub year: i32,
    pub title: String,
    pub host_city_id: i64,
    /// The host city's Latin name, for lists.
    pub host_city_name: String,
    pub venue: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    /// IANA time zone, e.g. `Asia/Shanghai`.
    pub time_zone: String,
    pub status: EditionStatus,
    /// A short text for visitors, written by the organizers.
    pub intro: String,
    pub rooms: Vec<RoomView>,
    /// The title, venue and intro in the other languages the organizers
    /// wrote them in (the fields above are English, the edition's own).
    #[serde(default)]
    pub texts: Vec<EditionText>,
}

/// An edition's title, venue and intro in one more language than English;
/// a field left empty falls back to English for its readers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EditionText {
    /// A language of the app other than English: `zh`, `ar`, `fr`, `ru`,
    /// `es`.
    pub lang: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub venue: String,
    #[serde(default)]
    pub intro: String,
}

/// Which of an edition's written texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditionField {
    Title,
    Venue,
    Intro,
}

/// The edition's title as a letter to a reader of `locale` names it: in
/// their language where organizers wrote it, else English.
pub fn title_for<'a>(
    english: &'a str,
    texts: &'a [EditionText],
    locale: crate::locale::Locale,
) -> &'a str {
    edition_text(english, texts, EditionField::Title, locale).0
}

/// The title or the venue of a page's edition for `reader`, as
/// [`edition_text`] picks it, with its language's code for `lang`.
pub fn title_or_venue(
    title: &str,
    venue: &str,
    texts: &[EditionText],
    field: EditionField,
    reader: crate::locale::Locale,
) -> (String, &'static str) {
    let english = if field == EditionField::Title {
        title
    } else {
        venue
    };
    let (text, lang) = edition_text(english, texts, field, reader);
    (text.to_owned(), crate::locale::code(lang))
}

/// `field` for a `reader`: in their language where the organizers wrote
/// it, else in English (the edition's own, `english`), else in any
/// language it is written in; with the language it is in, for the
/// element's `lang` and a note that it is not the reader's.
pub fn edition_text<'a>(
    english: &'a str,
    texts: &'a [EditionText],
    field: EditionField,
    reader: crate::locale::Locale,
) -> (&'a str, crate::locale::Locale) {
    let of = |t: &'a EditionText| match field {
        EditionField::Title => t.title.as_str(),
        EditionField::Venue => t.venue.as_str(),
        EditionField::Intro => t.intro.as_str(),
    };
    crate::locale::fallbacks(reader)
        .find_map(|wanted| {
            let text = if wanted == crate::locale::Locale::default() {
                english
            } else {
                texts
                    .iter()
                    .find(|t| t.lang == crate::locale::code(wanted))
                    .map(of)
                    .unwrap_or("")
            };
            (!text.trim().is_empty()).then_some((text, wanted))
        })
        .unwrap_or((english, crate::locale::Locale::default()))
}

/// A new or replaced edition, typed (the JSON API's body).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EditionInput {
    pub year: i32,
    pub title: String,
    pub host_city_id: i64,
    pub venue: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub time_zone: String,
    #[serde(default)]
    pub status: EditionStatus,
    /// A short text for visitors (at most 2,000 characters).
    #[serde(default)]
    pub intro: String,
}

/// A partial update (PATCH): absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EditionPatch {
    pub year: Option<i32>,
    pub title: Option<String>,
    pub host_city_id: Option<i64>,
    pub venue: Option<String>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub time_zone: Option<String>,
    pub status: Option<EditionStatus>,
    pub intro: Option<String>,
}

/// The edition form exactly as typed, so a bad value is shown back intact.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditionForm {
    pub year: String,
    pub title: String,
    pub host_city_id: String,
    pub venue: String,
    pub start_date: String,
    pub end_date: String,
    pub time_zone: String,
    pub status: String,
    /// Optional: older scripts post the form without it.
    #[serde(default)]
    pub intro: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RoomInput {
    pub name: String,
    pub capacity: Option<i32>,
    #[serde(default)]
    pub floor: String,
    /// Interpretation booths.
    #[serde(default)]
    pub booths: i32,
}
