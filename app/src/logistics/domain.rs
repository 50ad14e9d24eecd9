//! The rules of travel legs and travel documents, and the warnings a
//! protocol team chases: plain functions over plain values.

use chrono::{DateTime, Months, NaiveDate, Utc};

use super::types::{Direction, DocumentInput, LegInput, TravelWarning};
use crate::directory::domain::parse_country;
use crate::editions::domain::{EditionClock, parse_local_minute};
use crate::error::{AppError, ErrorCode, Validator};
use crate::text::check_line;

/// The most legs one person may record (a few changes of plan each way).
pub const LEGS_MAX: usize = 12;
/// How far before the first day and after the last a leg may be.
const TRAVEL_WINDOW_DAYS: u64 = 60;
/// A passport must stay valid this long after the Forum (most consulates
/// ask for six months).
const PASSPORT_MONTHS_AFTER: u32 = 6;

/// A leg checked, its texts trimmed, its time in UTC.
pub fn validate_leg(
    mut input: LegInput,
    clock: &EditionClock,
) -> Result<(LegInput, DateTime<Utc>), AppError> {
    let mut v = Validator::new();
    check_line(&mut v, "carrier", &mut input.carrier, 80, false);
    check_line(&mut v, "number", &mut input.number, 20, false);
    check_line(&mut v, "elsewhere", &mut input.elsewhere, 120, false);
    check_line(&mut v, "place", &mut input.place, 120, true);
    check_line(&mut v, "terminal", &mut input.terminal, 20, false);
    let at = match parse_local_minute(&input.scheduled_at) {
        None => {
            v.add("scheduled_at", ErrorCode::InvalidDatetime);
            None
        }
        Some(local) => {
            let window = chrono::Days::new(TRAVEL_WINDOW_DAYS);
            let first = clock.first_day().checked_sub_days(window);
            let last = clock.last_day().checked_add_days(window);
            if first.is_some_and(|first| local.date() < first)
                || last.is_some_and(|last| local.date() > last)
            {
                v.add("scheduled_at", ErrorCode::DateOutOfRange);
                None
            } else {
                v.check("scheduled_at", clock.to_utc(local))
            }
        }
    };
    v.finish()?;
    let at = at.ok_or(AppError::Internal)?;
    Ok((input, at))
}

/// A passport checked: its name and number as printed (upper-cased),
/// countries as ISO codes, dates that can be true.
pub fn validate_document(
    mut input: DocumentInput,
    today: NaiveDate,
) -> Result<(DocumentInput, NaiveDate, NaiveDate), AppError> {
    let mut v = Validator::new();
    check_line(&mut v, "passport_name", &mut input.passport_name, 120, true);
    let number: String = input
        .passport_number
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    if number.is_empty() {
        v.add("passport_number", ErrorCode::Required);
    } else if number.chars().count() > 20 {
        v.add("passport_number", ErrorCode::TooLong);
    } else if !number.chars().all(|c| c.is_ascii_alphanumeric()) {
        v.add("passport_number", ErrorCode::InvalidCharacters);
    } else {
        input.passport_number = number;
    }
    for (field, code) in [
        ("issuing_country", &mut input.issuing_country),
        ("nationality", &mut input.nationality),
    ] {
        if let Some(good) = v.check(field, parse_country(code)) {
            *code = good;
        }
    }
    let date = |text: &str| {
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| ErrorCode::InvalidDate)
    };
    let born = v.check("born_on", date(&input.born_on));
    let expires = v.check("expires_on", date(&input.expires_on));
    let oldest = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN);
    if born.is_some_and(|born| born < oldest || born >= today) {
        v.add("born_on", ErrorCode::DateOutOfRange);
    }
    if let (Some(born), Some(expires)) = (born, expires)
        && expires <= born
    {
        v.add("expires_on", ErrorCode::DateOutOfRange);
    }
    v.finish()?;
    match (born, expires) {
        (Some(born), Some(expires)) => Ok((input, expires, born)),
        _ => Err(AppError::Internal),
    }
}

/// What is known of one person's travel for the warnings.
pub struct Itinerary<'a> {
    /// (direction, scheduled time, confirmed) of every leg.
    pub legs: &'a [(Direction, DateTime<Utc>, bool)],
    /// (start, end) of every session they booked or speak in.
    pub sessions: &'a [(DateTime<Utc>, DateTime<Utc>)],
    pub passport_expires: Option<NaiveDate>,
}

/// The warnings of one itinerary. The booked legs count when there are
/// any in a direction, else the requested ones: the arrival is the
/// earliest of them, the departure the latest.
pub fn travel_warnings(trip: &Itinerary, forum_last_day: NaiveDate) -> Vec<TravelWarning> {
    let moment = |direction: Direction| {
        let of = |confirmed: bool| {
            trip.legs
                .iter()
                .filter(move |(d, _, c)| *d == direction && *c == confirmed)
                .map(|(_, at, _)| *at)
        };
        let pick = |times: Vec<DateTime<Utc>>| match direction {
            Direction::Arrival => times.into_iter().min(),
            Direction::Departure => times.into_iter().max(),
        };
        pick(of(true).collect()).or_else(|| pick(of(false).collect()))
    };
    let mut warnings = Vec::new();
    let first_start = trip.sessions.iter().map(|(start, _)| *start).min();
    let last_end = trip.sessions.iter().map(|(_, end)| *end).max();
    if let (Some(arrival), Some(start)) = (moment(Direction::Arrival), first_start)
        && arrival > start
    {
        warnings.push(TravelWarning::ArrivesAfterFirstSession);
    }
    if let (Some(departure), Some(end)) = (moment(Direction::Departure), last_end)
        && departure < end
    {
        warnings.push(TravelWarning::LeavesBeforeLastSession);
    }
    if let Some(expires) = trip.passport_expires {
        let needed = forum_last_day
            .checked_add_months(Months::new(PASSPORT_MONTHS_AFTER))
            .unwrap_or(forum_last_day);
        if expires < needed {
            warnings.push(TravelWarning::PassportExpiresSoon);
        }
    }
    warnings
}

/// What a delegate is shown of their passport number: its last two
/// characters.
pub fn number_ending(number: &str) -> String {
    let chars: Vec<char> = number.chars().collect();
    chars[chars.len().saturating_sub(2)..].iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logistics::types::TravelMode;
    use chrono::TimeZone;

    fn clock() -> EditionClock {
        let day = |d| NaiveDate::from_ymd_opt(2027, 11, d).unwrap();
        EditionClock::new(chrono_tz::Asia::Shanghai, day(2), day(4))
    }

    fn leg(at: &str) -> LegInput {
        LegInput {
            direction: Direction::Arrival,
            mode: TravelMode::Flight,
            carrier: " Xiamen Airlines ".into(),
            number: "MF8101".into(),
            elsewhere: "Jakarta".into(),
            place: "XMN".into(),
            terminal: "T3".into(),
            scheduled_at: at.into(),
            confirmed: false,
        }
    }

    fn utc(d: u32, h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 11, d, h, m, 0).unwrap()
    }

    #[test]
    fn a_leg_is_read_in_the_host_citys_clock_and_kept_in_utc() {
        let (leg, at) = validate_leg(leg("2027-11-01T14:05"), &clock()).unwrap();
        assert_eq!(leg.carrier, "Xiamen Airlines");
        assert_eq!(at, utc(1, 6, 5));
    }

    #[test]
    fn a_leg_needs_a_place_and_a_time_near_the_forum() {
        let mut bad = leg("2072-11-01T14:05");
        bad.place = " ".into();
        bad.number = "X".repeat(21);
        let err = validate_leg(bad, &clock()).unwrap_err();
        assert_eq!(err.field_messages("place"), vec![ErrorCode::Required]);
        assert_eq!(err.field_messages("number"), vec![ErrorCode::TooLong]);
        assert_eq!(
            err.field_messages("scheduled_at"),
            vec![ErrorCode::DateOutOfRange]
        );
        let err = validate_leg(leg("1 Nov, 2pm"), &clock()).unwrap_err();
        assert_eq!(
            err.field_messages("scheduled_at"),
            vec![ErrorCode::InvalidDatetime]
        );
    }

    fn passport() -> DocumentInput {
        DocumentInput {
            passport_name: "HADDAD OMAR".into(),
            passport_number: "n 0123 4567".into(),
            issuing_country: "jo".into(),
            nationality: "JO".into(),
            expires_on: "2030-05-31".into(),
            born_on: "1971-03-09".into(),
        }
    }

    #[test]
    fn a_passport_is_kept_as_printed() {
        let today = NaiveDate::from_ymd_opt(2027, 6, 1).unwrap();
        let (doc, expires, born) = validate_document(passport(), today).unwrap();
        assert_eq!(doc.passport_number, "N01234567");
        assert_eq!(doc.issuing_country, "JO");
        assert_eq!(expires, NaiveDate::from_ymd_opt(2030, 5, 31).unwrap());
        assert_eq!(born, NaiveDate::from_ymd_opt(1971, 3, 9).unwrap());
        assert_eq!(number_ending(&doc.passport_number), "67");
    }

    #[test]
    fn a_passport_with_impossible_values_names_each_field() {
        let today = NaiveDate::from_ymd_opt(2027, 6, 1).unwrap();
        let err = validate_document(
            DocumentInput {
                passport_number: "N°123".into(),
                issuing_country: "Jordan".into(),
                born_on: "2031-01-01".into(),
                expires_on: "31/05/2030".into(),
                ..passport()
            },
            today,
        )
        .unwrap_err();
        assert_eq!(
            err.field_messages("passport_number"),
            vec![ErrorCode::InvalidCharacters]
        );
        assert_eq!(
            err.field_messages("issuing_country"),
            vec![ErrorCode::InvalidCountry]
        );
        assert_eq!(
            err.field_messages("born_on"),
            vec![ErrorCode::DateOutOfRange]
        );
        assert_eq!(
            err.field_messages("expires_on"),
            vec![ErrorCode::InvalidDate]
        );
    }

    #[test]
    fn warnings_compare_the_booked_legs_with_the_sessions_and_the_passport() {
        let last_day = NaiveDate::from_ymd_opt(2027, 11, 4).unwrap();
        let sessions = [(utc(2, 1, 0), utc(2, 2, 30)), (utc(4, 6, 0), utc(4, 8, 0))];
        // Asked to land in time, booked on a later flight; leaving after
        // the last session; a passport valid to May.
        let legs = [
            (Direction::Arrival, utc(1, 6, 5), false),
            (Direction::Arrival, utc(2, 3, 0), true),
            (Direction::Departure, utc(5, 2, 0), false),
        ];
        let trip = Itinerary {
            legs: &legs,
            sessions: &sessions,
            passport_expires: NaiveDate::from_ymd_opt(2028, 5, 3),
        };
        assert_eq!(
            travel_warnings(&trip, last_day),
            vec![
                TravelWarning::ArrivesAfterFirstSession,
                TravelWarning::PassportExpiresSoon
            ]
        );
        // Leaving during the last session is too early; six months to the
        // day is enough.
        let legs = [
            (Direction::Arrival, utc(1, 6, 5), false),
            (Direction::Departure, utc(4, 7, 0), false),
        ];
        let trip = Itinerary {
            legs: &legs,
            sessions: &sessions,
            passport_expires: NaiveDate::from_ymd_opt(2028, 5, 4),
        };
        assert_eq!(
            travel_warnings(&trip, last_day),
            vec![TravelWarning::LeavesBeforeLastSession]
        );
        // Nothing booked and no sessions: nothing to warn about.
        let nothing = Itinerary {
            legs: &[],
            sessions: &[],
            passport_expires: None,
        };
        assert!(travel_warnings(&nothing, last_day).is_empty());
    }
}
