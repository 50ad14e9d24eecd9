//! The visa invitation letter as a one-page A4 PDF (server only), with the
//! person's name as written in Latin script and in their own script.
//!
//! Set by the shared text code (`crate::print`), so every script a
//! delegate may write prints right; printpdf embeds only the glyphs used,
//! so a letter stays small even with a Chinese name.

use chrono::{NaiveDate, NaiveDateTime};
use printpdf::Mm;

use crate::error::AppError;
use crate::i18n::*;
use crate::print::Typesetter;
use crate::ui::dates;

/// What the letter says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisaLetter {
    pub registration_id: i64,
    pub issued_on: NaiveDate,
    pub edition_title: String,
    pub venue: String,
    pub host_city: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub honorific: String,
    pub name_latin: String,
    pub name_native: String,
    pub position: String,
    pub organization: String,
    pub member_name: Option<String>,
    /// In English, e.g. "Head of delegation".
    pub category: String,
    pub arrival: Option<NaiveDateTime>,
    pub departure: Option<NaiveDateTime>,
}

/// The letter in `locale` as PDF bytes: its words are the `letter_*`
/// texts of the locale file, its dates that file's `date_long`; in Arabic
/// it is set right to left.
pub fn render(letter: &VisaLetter, locale: Locale) -> Result<Vec<u8>, AppError> {
    let long_date = |date: NaiveDate| dates::long_date(locale, date);
    let rtl = crate::locale::is_rtl(locale);
    let mut t = Typesetter::new(&td_string!(
        locale,
        letter_document_title,
        name = &letter.name_latin
    ))?;
    let left = Mm(25.0);
    let width = Mm(160.0);
    // Lines start at the left margin, or at the right one in Arabic; the
    // details are indented from it.
    let full = (left, width);
    let indented = if rtl {
        (left, Mm(150.0))
    } else {
        (Mm(35.0), Mm(150.0))
    };
    let mut y = 270.0;
    let mut next = |step: f32| {
        y -= step;
        Mm(y + step)
    };
    let (edition, venue, city) = (&letter.edition_title, &letter.venue, &letter.host_city);
    let (start, end) = (long_date(letter.start_date), long_date(letter.end_date));

    t.line_from_start(edition, 16.0, full, next(9.0), rtl)?;
    t.line_from_start(
        &td_string!(
            locale,
            letter_venue_dates,
            venue,
            city,
            start = &start,
            end = &end
        ),
        9.5,
        full,
        next(14.0),
        rtl,
    )?;
    t.line_from_start(&long_date(letter.issued_on), 10.5, full, next(7.0), rtl)?;
    let reference = format!("CF-{}", letter.registration_id);
    t.line_from_start(
        &td_string!(locale, letter_reference, reference),
        10.5,
        full,
        next(14.0),
        rtl,
    )?;
    t.line_from_start(
        td_string!(locale, letter_heading),
        13.0,
        full,
        next(12.0),
        rtl,
    )?;
    t.line_from_start(
        td_string!(locale, letter_salutation),
        11.0,
        full,
        next(10.0),
        rtl,
    )?;

    let intro = td_string!(
        locale,
        letter_intro,
        edition,
        venue,
        city,
        start = &start,
        end = &end
    );
    for text in t.wrap(&intro, 11.0, width) {
        t.line_from_start(&text, 11.0, full, next(6.0), rtl)?;
    }
    next(6.0);

    let latin = [letter.honorific.as_str(), letter.name_latin.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    t.line_from_start(&latin, 15.0, indented, next(9.0), rtl)?;
    if !letter.name_native.is_empty() {
        t.line_from_start(&letter.name_native, 15.0, indented, next(10.0), rtl)?;
    }
    let member = letter.member_name.as_deref().unwrap_or("");
    let details = [
        (
            letter.position.as_str(),
            td_string!(locale, letter_position, position = &letter.position),
        ),
        (
            letter.organization.as_str(),
            td_string!(
                locale,
                letter_organization,
                organization = &letter.organization
            ),
        ),
        (member, td_string!(locale, letter_representing, member)),
        (
            letter.category.as_str(),
            td_string!(locale, letter_participating_as, category = &letter.category),
        ),
    ];
    for (value, line) in details {
        if !value.is_empty() {
            t.line_from_start(&line, 11.0, indented, next(6.5), rtl)?;
        }
    }
    if let (Some(arrival), Some(departure)) = (letter.arrival, letter.departure) {
        let stay = td_string!(
            locale,
            letter_stay,
            arrival = long_date(arrival.date()),
            departure = long_date(departure.date())
        );
        t.line_from_start(&stay, 11.0, indented, next(6.5), rtl)?;
    }
    next(8.0);
    for text in t.wrap(td_string!(locale, letter_body), 11.0, width) {
        t.line_from_start(&text, 11.0, full, next(6.0), rtl)?;
    }
    next(12.0);
    // A formal closing may run longer than a line (French's does).
    for text in t.wrap(td_string!(locale, letter_closing), 11.0, width) {
        t.line_from_start(&text, 11.0, full, next(6.0), rtl)?;
    }
    next(10.0);
    t.line_from_start(
        td_string!(locale, letter_signature),
        11.0,
        full,
        next(6.0),
        rtl,
    )?;
    t.end_page(Mm(210.0), Mm(297.0));
    Ok(t.finish())
}
