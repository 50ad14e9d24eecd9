//! Agreements in print (server only): the agreement with its two
//! languages side by side, clause by clause, then a signature page; and
//! an edition's outcome report with its chart. Text is set by the shared
//! print code (shaping, bidi, font fallback), so Chinese and Arabic print
//! right; a right-to-left column is set flush right.

use chrono::NaiveDate;
use printpdf::{Mm, Pt};

use super::types::{AgreementView, OutcomeReport};
use crate::error::AppError;
use crate::i18n::*;
use crate::print::Typesetter;
use crate::print::drawing::{Anchor, Chart, Fill, Shape};
use crate::print::pages::{MARGIN, PAGE_H, PAGE_W, Pages, draw};
use crate::print::text::rgb;

/// A fixed word of the agreement in its two languages, "Signatures ·
/// Подписи" (a language the app has no words in reads English; one word
/// when both read the same).
fn in_both(view: &AgreementView, word: impl Fn(Locale) -> String) -> String {
    let of = |code: &str| word(crate::locale::locale_of(code).unwrap_or_default());
    let (a, b) = (of(&view.language_a), of(&view.language_b));
    if a == b { a } else { format!("{a} · {b}") }
}

const GUTTER: f32 = 18.0;
const BODY: f32 = 10.0;
const HEADING: f32 = 11.0;

/// One column's line at `x`, flush right within `width` when the
/// column's language is written right to left.
fn column_line(
    p: &mut Pages,
    text: &str,
    size: f32,
    x: f32,
    width: f32,
    rtl: bool,
) -> Result<(), AppError> {
    let shaped = p.t.shaper.shape(text, size);
    let left = if rtl {
        x + width - p.t.shaper.width(text, size)
    } else {
        x
    };
    p.t.place(&shaped, left, p.y, rgb(0, 0, 0))
}

/// Two texts set side by side, line by line, breaking pages as needed.
/// Two columns' text, line by line; each column in its language's
/// direction (`rtl`: first column, second).
fn side_by_side(
    p: &mut Pages,
    (a, b): (&str, &str),
    size: f32,
    (rtl_a, rtl_b): (bool, bool),
) -> Result<(), AppError> {
    let width = (PAGE_W - 2.0 * MARGIN - GUTTER) / 2.0;
    let wrap = |p: &Pages, text: &str| -> Vec<String> {
        text.split('\n')
            .flat_map(|paragraph| {
                if paragraph.trim().is_empty() {
                    vec![String::new()]
                } else {
                    p.t.shaper.wrap(paragraph, size, width)
                }
            })
            .collect()
    };
    let lines_a = if a.is_empty() { Vec::new() } else { wrap(p, a) };
    let lines_b = if b.is_empty() { Vec::new() } else { wrap(p, b) };
    let rows = lines_a.len().max(lines_b.len());
    for i in 0..rows {
        p.need(size * 1.5);
        if let Some(line) = lines_a.get(i) {
            column_line(p, line, size, MARGIN, width, rtl_a)?;
        }
        if let Some(line) = lines_b.get(i) {
            column_line(p, line, size, MARGIN + width + GUTTER, width, rtl_b)?;
        }
        p.y -= size * 1.45;
    }
    Ok(())
}

fn new_page(p: &mut Pages) {
    p.t.end_page(Mm::from(Pt(PAGE_W)), Mm::from(Pt(PAGE_H)));
    p.y = PAGE_H - MARGIN;
}

/// The agreement: title, parties, the clauses in two columns, then the
/// signature page (as signed, or blank lines to sign on).
pub fn agreement(view: &AgreementView, generated_on: NaiveDate) -> Result<Vec<u8>, AppError> {
    let rtl = (
        crate::locale::code_is_rtl(&view.language_a),
        crate::locale::code_is_rtl(&view.language_b),
    );
    let mut p = Pages {
        t: Typesetter::new(&view.title)?,
        y: PAGE_H - MARGIN - 10.0,
        // Each column of an agreement keeps its own language's direction.
        rtl: false,
    };
    p.line(&view.title, 16.0)?;
    let status = format!(
        "{} · {} · {}",
        in_both(view, |l| td_string!(
            l,
            agreements_pdf_version,
            number = view.latest_version
        )),
        in_both(view, |l| view.status.label(l)),
        generated_on
    );
    p.line(&status, 8.5)?;
    p.y -= 6.0;
    for party in &view.parties {
        let name = if party.name_native.is_empty() || party.name_native == party.name {
            party.name.clone()
        } else {
            format!("{} ({})", party.name, party.name_native)
        };
        p.line(&name, 9.5)?;
    }
    p.y -= 8.0;
    for clause in &view.clauses {
        p.need(HEADING * 3.0);
        side_by_side(&mut p, (&clause.a.heading, &clause.b.heading), HEADING, rtl)?;
        side_by_side(&mut p, (&clause.a.body, &clause.b.body), BODY, rtl)?;
        p.y -= 6.0;
    }

    new_page(&mut p);
    p.line(
        &in_both(view, |l| {
            td_string!(l, agreements_pdf_signatures).to_string()
        }),
        14.0,
    )?;
    if let Some(signing) = &view.signing {
        for locale in [&view.language_a, &view.language_b] {
            let locale = crate::locale::locale_of(locale).unwrap_or_default();
            let line = td_string!(
                locale,
                agreements_pdf_signed_at,
                place = &signing.place,
                day = signing.signed_on.to_string(),
                edition = &signing.edition
            );
            p.line(&line, 9.5)?;
            if view.language_a == view.language_b {
                break;
            }
        }
    }
    p.y -= 16.0;
    for party in &view.parties {
        p.need(90.0);
        let signatory = view
            .signing
            .as_ref()
            .and_then(|s| s.signatories.iter().find(|x| x.party_id == party.id))
            .map(|s| (s.name.clone(), s.title.clone()))
            .unwrap_or_else(|| (party.signatory_name.clone(), party.signatory_title.clone()));
        p.line(
            &format!(
                "{} {}",
                in_both(view, |l| td_string!(l, agreements_pdf_for).to_string()),
                party.name
            ),
            10.5,
        )?;
        if !party.name_native.is_empty() && party.name_native != party.name {
            p.line(&party.name_native, 10.5)?;
        }
        p.y -= 26.0;
        // The line to sign on.
        let line = "_".repeat(48);
        p.text(&line, 10.0, MARGIN)?;
        p.y -= 14.0;
        p.line(&signatory.0, 10.0)?;
        p.line(&signatory.1, 9.0)?;
        p.y -= 18.0;
    }
    p.t.end_page(Mm::from(Pt(PAGE_W)), Mm::from(Pt(PAGE_H)));
    Ok(p.t.finish())
}

/// The words of the outcome chart, in the reader's language.
pub struct OutcomeWords {
    pub title: String,
    pub agreements: [String; 5],
    pub activities: [String; 4],
}

impl OutcomeWords {
    pub fn new(locale: Locale) -> OutcomeWords {
        OutcomeWords {
            title: td_string!(locale, agreements_outcome_chart).to_string(),
            agreements: [
                td_string!(locale, agreement_status_signed).to_string(),
                td_string!(locale, agreement_status_in_implementation).to_string(),
                td_string!(locale, agreement_status_completed).to_string(),
                td_string!(locale, agreement_status_lapsed).to_string(),
                td_string!(locale, agreement_status_terminated).to_string(),
            ],
            activities: [
                td_string!(locale, agreements_done_on_time).to_string(),
                td_string!(locale, agreements_done_late).to_string(),
                td_string!(locale, agreements_on_track).to_string(),
                td_string!(locale, agreements_overdue).to_string(),
            ],
        }
    }
}

const CHART_W: i32 = 640;
const ROW: i32 = 26;
const LABEL_W: i32 = 190;

/// Bars of the report's figures: the agreements signed there by where
/// they stand, then their activities (done on time solid, done late
/// hatched, open outlined), each with its figure written beside it.
pub fn outcome_chart(report: &OutcomeReport, words: &OutcomeWords) -> Chart {
    let agreements = [
        report.signed,
        report.in_implementation,
        report.completed,
        report.lapsed,
        report.terminated,
    ];
    let activities = [
        report.activities_done_on_time,
        report.activities_done_late,
        report.activities_open_on_track,
        report.activities_overdue,
    ];
    let largest = agreements
        .iter()
        .chain(activities.iter())
        .copied()
        .max()
        .unwrap_or(0)
        .max(1);
    let span = CHART_W - LABEL_W - 70;
    let mut shapes = Vec::new();
    let mut y = 36;
    shapes.push(Shape::Text {
        x: 8,
        y: 20,
        text: words.title.clone(),
        size: 14,
        anchor: Anchor::Start,
    });
    let bar = |shapes: &mut Vec<Shape>, y: i32, label: &str, value: u32, fill: Fill| {
        shapes.push(Shape::Text {
            x: LABEL_W - 8,
            y: y + 14,
            text: label.to_owned(),
            size: 12,
            anchor: Anchor::End,
        });
        let w = (i64::from(value) * i64::from(span) / i64::from(largest)) as i32;
        shapes.push(Shape::Rect {
            x: LABEL_W,
            y: y + 2,
            w: w.max(1),
            h: ROW - 8,
            fill,
        });
        shapes.push(Shape::Text {
            x: LABEL_W + w.max(1) + 6,
            y: y + 14,
            text: value.to_string(),
            size: 12,
            anchor: Anchor::Start,
        });
    };
    for (label, value) in words.agreements.iter().zip(agreements) {
        bar(&mut shapes, y, label, value, Fill::Solid);
        y += ROW;
    }
    y += 12;
    let fills = [Fill::Solid, Fill::Hatched, Fill::Outline, Fill::Outline];
    for ((label, value), fill) in words.activities.iter().zip(activities).zip(fills) {
        bar(&mut shapes, y, label, value, fill);
        y += ROW;
    }
    Chart {
        width: CHART_W,
        height: y + 8,
        title: words.title.clone(),
        shapes,
    }
}

/// The outcome report: the figures, the chart, one line per agreement.
pub fn outcome(report: &OutcomeReport, chart: &Chart, locale: Locale) -> Result<Vec<u8>, AppError> {
    let title = td_string!(locale, agreements_outcome_title, edition = &report.edition);
    let mut p = Pages {
        t: Typesetter::new(&title)?,
        y: PAGE_H - MARGIN - 10.0,
        rtl: crate::locale::is_rtl(locale),
    };
    p.line(&title, 16.0)?;
    p.line(
        &td_string!(
            locale,
            agreements_outcome_as_of,
            day = report.today.to_string()
        ),
        9.0,
    )?;
    p.y -= 8.0;
    let scale = (PAGE_W - 2.0 * MARGIN) / chart.width as f32;
    let height = chart.height as f32 * scale;
    p.need(height + 10.0);
    draw(&mut p.t, chart, MARGIN, p.y, scale)?;
    p.y -= height + 16.0;
    let columns = [330.0, 380.0, 430.0, 480.0, PAGE_W - MARGIN];
    p.row(
        &[
            td_string!(locale, agreements_title).to_string(),
            td_string!(locale, agreements_activities).to_string(),
            td_string!(locale, agreements_done_on_time).to_string(),
            td_string!(locale, agreements_done_late).to_string(),
            td_string!(locale, agreements_overdue).to_string(),
        ],
        &columns,
        7.5,
    )?;
    for line in &report.agreements {
        p.row(
            &[
                format!(
                    "{} ({})",
                    line.title,
                    line.status.as_str().replace('_', " ")
                ),
                line.activities.to_string(),
                line.done_on_time.to_string(),
                line.done_late.to_string(),
                line.overdue.to_string(),
            ],
            &columns,
            8.5,
        )?;
        let parties = line.parties.join(" · ");
        if !parties.is_empty() {
            p.line(&parties, 7.5)?;
        }
    }
    p.t.end_page(Mm::from(Pt(PAGE_W)), Mm::from(Pt(PAGE_H)));
    Ok(p.t.finish())
}
