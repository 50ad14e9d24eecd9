//! The rules an edition must satisfy, shared by the browser and the server.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;

use super::types::{
    EditionForm, EditionInput, EditionPatch, EditionStatus, EditionText, RoomInput,
};
use crate::error::{AppError, ErrorCode, Validator};

pub const FIRST_YEAR: i32 = 2015;
pub const LAST_YEAR: i32 = 2100;
/// A Forum lasts days, not months.
pub const MAX_DAYS: i64 = 21;
/// The visitors' text is a paragraph or two, not a brochure.
pub const MAX_INTRO_CHARS: usize = 2_000;

/// An edition's texts in one more language, checked by the rules of its
/// English ones (none required: an empty one falls back to English); the
/// language must be one of the app's other than English.
pub fn parse_edition_text(mut text: EditionText) -> Result<EditionText, AppError> {
    let mut v = Validator::new();
    text.lang = text.lang.trim().to_ascii_lowercase();
    match crate::locale::locale_of(&text.lang) {
        Some(locale) if locale != crate::locale::Locale::default() => {}
        _ => v.add("lang", ErrorCode::InvalidLanguage),
    }
    crate::text::check_line(&mut v, "title", &mut text.title, 200, false);
    crate::text::check_line(&mut v, "venue", &mut text.venue, 200, false);
    crate::text::check_paragraph(&mut v, "intro", &mut text.intro, MAX_INTRO_CHARS, false);
    v.finish()?;
    Ok(text)
}

/// A validated edition: holding one proves the rules hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEdition {
    input: EditionInput,
}

impl NewEdition {
    pub fn parse(mut input: EditionInput) -> Result<Self, AppError> {
        let mut v = Validator::new();
        crate::text::check_line(&mut v, "title", &mut input.title, 200, true);
        crate::text::check_line(&mut v, "venue", &mut input.venue, 200, true);
        crate::text::check_paragraph(&mut v, "intro", &mut input.intro, MAX_INTRO_CHARS, false);
        input.time_zone = input.time_zone.trim().to_owned();
        if !(FIRST_YEAR..=LAST_YEAR).contains(&input.year) {
            v.add("year", ErrorCode::YearOutOfRange);
        }
        v.check("time_zone", parse_time_zone(&input.time_zone));
        if input.end_date < input.start_date {
            v.add("end_date", ErrorCode::EndBeforeStart);
        } else if (input.end_date - input.start_date).num_days() >= MAX_DAYS {
            v.add("end_date", ErrorCode::EditionTooLong);
        }
        if !date_in_year(input.start_date, input.year) {
            v.add("start_date", ErrorCode::DateNotInYear);
        }
        v.finish()?;
        Ok(NewEdition { input })
    }

    pub fn input(&self) -> &EditionInput {
        &self.input
    }

    pub fn into_input(self) -> EditionInput {
        self.input
    }
}

fn date_in_year(date: NaiveDate, year: i32) -> bool {
    use chrono::Datelike;
    date.year() == year
}

/// Accepts IANA names only (`Asia/Shanghai`), since times are shown in it.
pub fn parse_time_zone(name: &str) -> Result<chrono_tz::Tz, ErrorCode> {
    name.parse::<chrono_tz::Tz>()
        .map_err(|_| ErrorCode::UnknownTimeZone)
}

/// A zone as people read it: its name and its offset from UTC on `day`
/// ("Asia/Shanghai, UTC+8", "Asia/Kolkata, UTC+5:30"); a name that is not a
/// zone is returned as it is.
pub fn zone_label(name: &str, day: NaiveDate) -> String {
    use chrono::{Offset, TimeZone};
    let (Ok(zone), Some(noon)) = (parse_time_zone(name), day.and_hms_opt(12, 0, 0)) else {
        return name.to_owned();
    };
    let seconds = zone.offset_from_utc_datetime(&noon).fix().local_minus_utc();
    let sign = if seconds < 0 { '-' } else { '+' };
    let (hours, minutes) = (seconds.abs() / 3600, seconds.abs() % 3600 / 60);
    if seconds == 0 {
        format!("{name}, UTC")
    } else if minutes == 0 {
        format!("{name}, UTC{sign}{hours}")
    } else {
        format!("{name}, UTC{sign}{hours}:{minutes:02}")
    }
}

/// The format of `<input type="datetime-local">`, which every form with a
/// time of day uses: `2027-11-02T09:30`.
const LOCAL_MINUTE: &str = "%Y-%m-%dT%H:%M";

/// Reads a time as a `datetime-local` input writes it.
pub fn parse_local_minute(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text.trim(), LOCAL_MINUTE).ok()
}

/// Writes a wall-clock time as a `datetime-local` input reads it.
pub fn format_local_minute(at: NaiveDateTime) -> String {
    at.format(LOCAL_MINUTE).to_string()
}

/// An edition's wall clock: its time zone and its days. Times are stored
/// in UTC and typed and shown in the host city's zone; this is the one
/// place that converts between the two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EditionClock {
    zone: Tz,
    first_day: NaiveDate,
    last_day: NaiveDate,
}

impl EditionClock {
    pub fn new(zone: Tz, first_day: NaiveDate, last_day: NaiveDate) -> Self {
        EditionClock {
            zone,
            first_day,
            last_day,
        }
    }

    pub fn zone(&self) -> Tz {
        self.zone
    }

    /// A wall-clock time as UTC. A time the zone skips (the hour lost to
    /// daylight saving) is refused; of a time it repeats, the first.
    pub fn to_utc(&self, local: NaiveDateTime) -> Result<DateTime<Utc>, ErrorCode> {
        local
            .and_local_timezone(self.zone)
            .earliest()
            .map(|at| at.with_timezone(&Utc))
            .ok_or(ErrorCode::InvalidDatetime)
    }

    pub fn to_local(&self, at: DateTime<Utc>) -> NaiveDateTime {
        at.with_timezone(&self.zone).naive_local()
    }

    /// The date in the host city now.
    pub fn today(&self) -> NaiveDate {
        self.to_local(Utc::now()).date()
    }

    pub fn first_day(&self) -> NaiveDate {
        self.first_day
    }

    pub fn last_day(&self) -> NaiveDate {
        self.last_day
    }

    /// Every day of the edition, first to last.
    pub fn days(&self) -> Vec<NaiveDate> {
        self.first_day
            .iter_days()
            .take_while(|day| *day <= self.last_day)
            .collect()
    }

    /// The first instant of the first day and the first after the last.
    pub fn bounds(&self) -> (DateTime<Utc>, DateTime<Utc>) {
        (
            self.start_of(self.first_day),
            self.start_of(self.last_day + chrono::Duration::days(1)),
        )
    }

    /// The first instant of a day in the zone (not always midnight: some
    /// zones skip from 23:59 to 01:00).
    fn start_of(&self, day: NaiveDate) -> DateTime<Utc> {
        (0..24)
            .filter_map(|hour| day.and_hms_opt(hour, 0, 0))
            .find_map(|local| self.to_utc(local).ok())
            .unwrap_or_else(|| day.and_time(chrono::NaiveTime::MIN).and_utc())
    }
}

impl EditionForm {
    /// Reads the typed text into a typed input, reporting every bad field.
    pub fn to_input(&self) -> Result<EditionInput, AppError> {
        let mut v = Validator::new();
        let year = v.check("year", parse_number::<i32>(&self.year));
        let host_city_id = v.check("host_city_id", parse_required_id(&self.host_city_id));
        let start_date = v.check("start_date", parse_date(&self.start_date));
        let end_date = v.check("end_date", parse_date(&self.end_date));
        let status = if self.status.trim().is_empty() {
            Some(EditionStatus::Planning)
        } else {
            v.check("status", EditionStatus::parse(&self.status))
        };
        v.finish()?;
        let (Some(year), Some(host_city_id), Some(start_date), Some(end_date), Some(status)) =
            (year, host_city_id, start_date, end_date, status)
        else {
            // Every field that failed to parse added a message.
            return Err(AppError::internal(
                "an edition passed validation without a value",
            ));
        };
        Ok(EditionInput {
            year,
            title: self.title.clone(),
            host_city_id,
            venue: self.venue.clone(),
            start_date,
            end_date,
            time_zone: self.time_zone.clone(),
            status,
            intro: self.intro.clone(),
        })
    }

    /// Parses and validates in one step, merging both kinds of messages.
    pub fn parse(&self) -> Result<NewEdition, AppError> {
        NewEdition::parse(self.to_input()?)
    }

    pub fn from_view(view: &super::types::EditionView) -> Self {
        EditionForm {
            year: view.year.to_string(),
            title: view.title.clone(),
            host_city_id: view.host_city_id.to_string(),
            venue: view.venue.clone(),
            start_date: view.start_date.to_string(),
            end_date: view.end_date.to_string(),
            time_zone: view.time_zone.clone(),
            status: view.status.as_str().to_owned(),
            intro: view.intro.clone(),
        }
    }
}

impl EditionPatch {
    /// The whole edition after this patch, to be validated as a new one.
    pub fn apply_to(self, current: EditionInput) -> EditionInput {
        EditionInput {
            year: self.year.unwrap_or(current.year),
            title: self.title.unwrap_or(current.title),
            host_city_id: self.host_city_id.unwrap_or(current.host_city_id),
            venue: self.venue.unwrap_or(current.venue),
            start_date: self.start_date.unwrap_or(current.start_date),
            end_date: self.end_date.unwrap_or(current.end_date),
            time_zone: self.time_zone.unwrap_or(current.time_zone),
            status: self.status.unwrap_or(current.status),
            intro: self.intro.unwrap_or(current.intro),
        }
    }
}

/// The longest room name or floor.
/// A room's name and floor, in any language.
pub const ROOM_TEXT_MAX: usize = 120;

/// A validated room.
pub fn parse_room(mut room: RoomInput) -> Result<RoomInput, AppError> {
    let mut v = Validator::new();
    crate::text::check_line(&mut v, "name", &mut room.name, ROOM_TEXT_MAX, true);
    if let Some(capacity) = room.capacity
        && !(1..=100_000).contains(&capacity)
    {
        v.add("capacity", ErrorCode::CapacityOutOfRange);
    }
    crate::text::check_line(&mut v, "floor", &mut room.floor, ROOM_TEXT_MAX, false);
    if !(0..=50).contains(&room.booths) {
        v.add("booths", ErrorCode::BoothsOutOfRange);
    }
    v.finish()?;
    Ok(room)
}

pub fn parse_date(text: &str) -> Result<NaiveDate, ErrorCode> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ErrorCode::Required);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| ErrorCode::InvalidDate)
}

/// A day a form may leave empty (`None`).
pub fn parse_optional_date(text: &str) -> Result<Option<NaiveDate>, ErrorCode> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| ErrorCode::InvalidDate)
}

pub fn parse_number<T: std::str::FromStr>(text: &str) -> Result<T, ErrorCode> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ErrorCode::Required);
    }
    text.parse().map_err(|_| ErrorCode::InvalidNumber)
}

pub fn parse_required_id(text: &str) -> Result<i64, ErrorCode> {
    parse_number::<i64>(text).map_err(|_| ErrorCode::Required)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clock(zone: &str) -> EditionClock {
        let day = |d| NaiveDate::from_ymd_opt(2027, 3, d).unwrap();
        EditionClock::new(zone.parse().unwrap(), day(27), day(29))
    }

    #[test]
    fn the_clock_converts_between_the_host_city_and_utc() {
        let shanghai = clock("Asia/Shanghai");
        let local = parse_local_minute("2027-03-28T09:30").unwrap();
        let utc = shanghai.to_utc(local).unwrap();
        assert_eq!(utc.to_rfc3339(), "2027-03-28T01:30:00+00:00");
        assert_eq!(shanghai.to_local(utc), local);
        assert_eq!(format_local_minute(local), "2027-03-28T09:30");
        assert_eq!(shanghai.days().len(), 3);
        let (start, end) = shanghai.bounds();
        assert_eq!(start.to_rfc3339(), "2027-03-26T16:00:00+00:00");
        assert_eq!(end.to_rfc3339(), "2027-03-29T16:00:00+00:00");
    }

    #[test]
    fn the_clock_refuses_the_hour_daylight_saving_skips() {
        // Lisbon moves from 01:00 to 02:00 on 28 March 2027.
        let lisbon = clock("Europe/Lisbon");
        let skipped = parse_local_minute("2027-03-28T01:30").unwrap();
        assert_eq!(
            lisbon.to_utc(skipped).unwrap_err(),
            ErrorCode::InvalidDatetime
        );
        let after = parse_local_minute("2027-03-28T02:30").unwrap();
        assert_eq!(
            lisbon.to_utc(after).unwrap().to_rfc3339(),
            "2027-03-28T01:30:00+00:00"
        );
        assert!(parse_local_minute("soon").is_none());
    }

    fn form() -> EditionForm {
        EditionForm {
            year: "2027".into(),
            title: "Cities Forum 2027".into(),
            host_city_id: "3".into(),
            venue: "Quanzhou Strait Convention Center".into(),
            start_date: "2027-11-02".into(),
            end_date: "2027-11-04".into(),
            time_zone: "Asia/Shanghai".into(),
            status: "planning".into(),
            intro: String::new(),
        }
    }

    #[test]
    fn a_good_form_parses() {
        let edition = form().parse().expect("valid");
        assert_eq!(edition.input().year, 2027);
        assert_eq!(edition.input().host_city_id, 3);
        assert_eq!(edition.input().status, EditionStatus::Planning);
    }

    #[test]
    fn end_before_start_is_reported_on_the_end_date() {
        let mut f = form();
        f.end_date = "2027-11-01".into();
        let err = f.parse().unwrap_err();
        assert_eq!(
            err.field_messages("end_date"),
            vec![ErrorCode::EndBeforeStart]
        );
    }

    #[test]
    fn every_unreadable_field_is_reported_at_once() {
        let f = EditionForm {
            year: "twenty".into(),
            start_date: "2027-13-01".into(),
            ..form()
        };
        let err = f.parse().unwrap_err();
        assert_eq!(err.field_messages("year"), vec![ErrorCode::InvalidNumber]);
        assert_eq!(
            err.field_messages("start_date"),
            vec![ErrorCode::InvalidDate]
        );
    }

    #[test]
    fn rules_apply_to_typed_input() {
        let mut input = form().to_input().unwrap();
        input.time_zone = "China Time".into();
        input.title = "   ".into();
        input.year = 1999;
        let err = NewEdition::parse(input).unwrap_err();
        assert_eq!(
            err.field_messages("time_zone"),
            vec![ErrorCode::UnknownTimeZone]
        );
        assert_eq!(err.field_messages("title"), vec![ErrorCode::Required]);
        assert_eq!(err.field_messages("year"), vec![ErrorCode::YearOutOfRange]);
    }

    #[test]
    fn a_month_long_forum_is_refused() {
        let mut f = form();
        f.end_date = "2027-12-30".into();
        assert_eq!(
            f.parse().unwrap_err().field_messages("end_date"),
            vec![ErrorCode::EditionTooLong]
        );
    }

    #[test]
    fn a_patch_changes_only_what_it_names() {
        let current = form().to_input().unwrap();
        let patched = EditionPatch {
            venue: Some("Harbour Hall".into()),
            ..Default::default()
        }
        .apply_to(current.clone());
        assert_eq!(patched.venue, "Harbour Hall");
        assert_eq!(patched.title, current.title);
    }

    #[test]
    fn rooms_need_a_name_and_a_sane_capacity() {
        let err = parse_room(RoomInput {
            name: " ".into(),
            capacity: Some(0),
            floor: String::new(),
            booths: 51,
        })
        .unwrap_err();
        assert_eq!(err.field_messages("name"), vec![ErrorCode::Required]);
        assert_eq!(
            err.field_messages("booths"),
            vec![ErrorCode::BoothsOutOfRange]
        );
        assert_eq!(
            err.field_messages("capacity"),
            vec![ErrorCode::CapacityOutOfRange]
        );
    }

    #[test]
    fn zones_are_named_with_their_offset_on_the_day() {
        let day = |m, d| NaiveDate::from_ymd_opt(2027, m, d).unwrap();
        assert_eq!(
            zone_label("Asia/Shanghai", day(11, 2)),
            "Asia/Shanghai, UTC+8"
        );
        assert_eq!(
            zone_label("Asia/Kolkata", day(11, 2)),
            "Asia/Kolkata, UTC+5:30"
        );
        // Lisbon is on summer time in July, not in November.
        assert_eq!(
            zone_label("Europe/Lisbon", day(7, 1)),
            "Europe/Lisbon, UTC+1"
        );
        assert_eq!(
            zone_label("Europe/Lisbon", day(11, 2)),
            "Europe/Lisbon, UTC"
        );
        assert_eq!(
            zone_label("America/Sao_Paulo", day(11, 2)),
            "America/Sao_Paulo, UTC-3"
        );
        assert_eq!(zone_label("Mars/Olympus", day(11, 2)), "Mars/Olympus");
    }

    #[test]
    fn an_edition_reads_in_its_readers_language_else_english() {
        use crate::editions::types::{EditionField, edition_text};
        use crate::locale::Locale;
        let texts = vec![
            EditionText {
                lang: "ru".into(),
                title: "Форум городов 2027".into(),
                venue: String::new(),
                intro: "Добро пожаловать.".into(),
            },
            EditionText {
                lang: "zh".into(),
                title: "2027年城市论坛".into(),
                ..Default::default()
            },
        ];
        let read = |english, field, reader| edition_text(english, &texts, field, reader);
        assert_eq!(
            read("Cities Forum 2027", EditionField::Title, Locale::ru),
            ("Форум городов 2027", Locale::ru)
        );
        // A field left empty in Russian is English's.
        assert_eq!(
            read("Quanzhou Hall", EditionField::Venue, Locale::ru),
            ("Quanzhou Hall", Locale::en)
        );
        assert_eq!(
            read("Cities Forum 2027", EditionField::Title, Locale::ar),
            ("Cities Forum 2027", Locale::en)
        );
        assert_eq!(
            read("Cities Forum 2027", EditionField::Title, Locale::zh),
            ("2027年城市论坛", Locale::zh)
        );
        // No English intro: the reader gets one in a language it exists in.
        assert_eq!(
            read("", EditionField::Intro, Locale::fr),
            ("Добро пожаловать.", Locale::ru)
        );
        // None at all: empty, in English.
        assert_eq!(read("", EditionField::Venue, Locale::fr), ("", Locale::en));
    }

    #[test]
    fn an_edition_text_is_in_another_of_the_apps_languages_within_the_rules() {
        let ok = parse_edition_text(EditionText {
            lang: " AR ".into(),
            title: "  منتدى المدن 2027 ".into(),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(
            (ok.lang.as_str(), ok.title.as_str()),
            ("ar", "منتدى المدن 2027")
        );
        for lang in ["en", "sw", ""] {
            let refused = parse_edition_text(EditionText {
                lang: lang.into(),
                ..Default::default()
            });
            assert!(
                matches!(&refused, Err(AppError::Validation(fields)) if fields.contains_key("lang")),
                "{lang}: {refused:?}"
            );
        }
        let too_long = parse_edition_text(EditionText {
            lang: "fr".into(),
            title: "x".repeat(201),
            venue: "a\nb".into(),
            ..Default::default()
        });
        assert!(
            matches!(&too_long, Err(AppError::Validation(fields)) if fields.contains_key("title") && fields.contains_key("venue")),
            "{too_long:?}"
        );
    }
}
