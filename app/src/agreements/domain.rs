//! The rules of agreements, without a database: which status may follow
//! which, what a template's placeholders are and how a draft fills them,
//! what a clause may hold, when an activity's owner is reminded, and what
//! counts as on time.

use chrono::{Duration, NaiveDate};

use super::types::{
    ActivityStatus, AgreementStatus, Clause, ClauseText, Placeholder, PlaceholderKind,
    ReminderKind, TemplateTexts,
};
use crate::error::{ErrorCode, Validator};
use crate::text::{line, paragraph};

/// Clauses an agreement or template may have.
pub const CLAUSES_MAX: usize = 80;
pub const HEADING_MAX: usize = 200;
pub const BODY_MAX: usize = 10_000;
pub const TITLE_MAX: usize = 200;
/// Parties of one agreement (a multilateral memorandum has many).
pub const PARTIES_MAX: usize = 40;
/// A comment, a progress note, an activity's description.
pub const NOTE_MAX: usize = 4_000;
/// A one-line field: a name, a title, a place.
pub const LINE_MAX: usize = 200;
/// A placeholder's free text.
pub const VALUE_MAX: usize = 500;
/// Characters of one language's text in all (headings and clauses): about
/// forty pages, far past any memorandum; longer texts go in annexes. Every
/// comparison, PDF and page of an agreement is bounded by it.
pub const SIDE_MAX: usize = 100_000;
/// Languages a template may hold beyond its two columns (the six of the
/// United Nations and more).
pub const TEMPLATE_TEXTS_MAX: usize = 12;
/// Placeholders one template may use, counting each use: a value is
/// repeated at most this often when a draft is filled.
pub const PLACEHOLDER_USES_MAX: usize = 100;
/// Days before the due date when the first reminder goes.
pub const REMIND_DAYS_BEFORE: i64 = 7;
/// The dashboard's "due soon" horizon.
pub const DUE_SOON_DAYS: i64 = 30;

/// Where an agreement may go from `from` (signing included: it happens
/// by recording the signing, never by a bare move).
pub fn allowed_moves(from: AgreementStatus) -> &'static [AgreementStatus] {
    use AgreementStatus::*;
    match from {
        Draft => &[Negotiating, ReadyToSign, Terminated],
        Negotiating => &[ReadyToSign, Terminated],
        // Reopened when a party asks for one more change.
        ReadyToSign => &[Negotiating, Signed, Terminated],
        // A signed agreement that nobody acts on lapses.
        Signed => &[InImplementation, Lapsed, Terminated],
        InImplementation => &[Completed, Lapsed, Terminated],
        Completed | Lapsed | Terminated => &[],
    }
}

/// Whether `from → to` is a move the status allows.
pub fn may_move(from: AgreementStatus, to: AgreementStatus) -> bool {
    allowed_moves(from).contains(&to)
}

/// The text may change while it is negotiated; from "ready to sign" on it
/// is what the parties agreed (reopen to change it), and after the
/// signing it is what they signed.
pub fn text_editable(status: AgreementStatus) -> bool {
    matches!(
        status,
        AgreementStatus::Draft | AgreementStatus::Negotiating
    )
}

/// Activities are planned for what has been signed and not finished.
pub fn takes_activities(status: AgreementStatus) -> bool {
    matches!(
        status,
        AgreementStatus::Signed | AgreementStatus::InImplementation
    )
}

/// An e-mail address that may be left empty: one line (a control
/// character is refused before it reaches the database), then the
/// accounts' rule.
pub fn optional_email(text: &str) -> Result<String, ErrorCode> {
    let text = line(text, 254, false)?;
    if text.is_empty() {
        return Ok(text);
    }
    crate::auth::domain::normalize_email(&text)
}

/// Checks every clause, reporting each bad field as `clauses.N.a.body`
/// and so on; returns them trimmed. An agreement needs at least one
/// clause with text in the first language.
pub fn check_clauses(clauses: &[Clause], v: &mut Validator) -> Vec<Clause> {
    if clauses.len() > CLAUSES_MAX {
        v.add("clauses", ErrorCode::TooMany);
        return Vec::new();
    }
    if clauses.iter().all(|c| c.a.body.trim().is_empty()) {
        v.add("clauses", ErrorCode::Required);
    }
    let checked: Vec<Clause> = clauses
        .iter()
        .enumerate()
        .filter(|(_, c)| !removed(c))
        .map(|(i, clause)| Clause {
            a: checked_text(&clause.a, &format!("clauses.{i}.a"), v),
            b: checked_text(&clause.b, &format!("clauses.{i}.b"), v),
        })
        .collect();
    if side_too_long(&checked) {
        v.add("clauses", ErrorCode::AgreementTooLong);
    }
    checked
}

/// One side of a clause, trimmed; a bad heading or text is reported as
/// `PREFIX.heading` or `PREFIX.body`.
fn checked_text(text: &ClauseText, prefix: &str, v: &mut Validator) -> ClauseText {
    ClauseText {
        heading: v
            .check(
                &format!("{prefix}.heading"),
                line(&text.heading, HEADING_MAX, false),
            )
            .unwrap_or_default(),
        body: v
            .check(
                &format!("{prefix}.body"),
                paragraph(&text.body, BODY_MAX, false),
            )
            .unwrap_or_default(),
    }
}

/// A clause emptied on both sides is a clause removed.
fn removed(clause: &Clause) -> bool {
    let blank = |t: &ClauseText| t.heading.trim().is_empty() && t.body.trim().is_empty();
    blank(&clause.a) && blank(&clause.b)
}

/// Characters of one language's text in all, headings included.
fn text_length<'a>(texts: impl IntoIterator<Item = &'a ClauseText>) -> usize {
    texts
        .into_iter()
        .map(|t| t.heading.chars().count() + t.body.chars().count())
        .sum()
}

/// Whether one language's text is longer than `SIDE_MAX` in all.
fn side_too_long(clauses: &[Clause]) -> bool {
    let a = text_length(clauses.iter().map(|c| &c.a));
    let b = text_length(clauses.iter().map(|c| &c.b));
    a.max(b) > SIDE_MAX
}

/// Checks filled clauses against the bounds of typed text: a value
/// repeated by the template must not make a clause (or the whole) longer
/// than a person may type. Reported on the text values the clause uses
/// (the ones the drafter can shorten), else on the template.
pub fn check_filled(template: &[Clause], filled: &[Clause], v: &mut Validator) {
    let mut blamed: Vec<String> = Vec::new();
    let mut blame_template = false;
    for (typed, out) in template.iter().zip(filled) {
        let too_long = [&out.a, &out.b]
            .iter()
            .any(|t| t.heading.chars().count() > HEADING_MAX || t.body.chars().count() > BODY_MAX);
        if !too_long {
            continue;
        }
        let texts: Vec<String> = placeholders(std::slice::from_ref(typed))
            .unwrap_or_default()
            .into_iter()
            .filter(|p| p.kind == PlaceholderKind::Text)
            .map(|p| p.key)
            .collect();
        if texts.is_empty() {
            blame_template = true;
        }
        for key in texts {
            if !blamed.contains(&key) {
                blamed.push(key);
            }
        }
    }
    for key in &blamed {
        v.add(&format!("values.{key}"), ErrorCode::FilledTooLong);
    }
    if blame_template {
        v.add("template_id", ErrorCode::FilledTooLong);
    }
    if side_too_long(filled) {
        v.add("template_id", ErrorCode::AgreementTooLong);
    }
}

/// A placeholder found in a text: where it is and what it asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Found {
    start: usize,
    end: usize,
    kind: PlaceholderKind,
    key: String,
}

/// Finds the `{{kind:key}}` placeholders of one text.
fn scan(text: &str) -> Result<Vec<Found>, ErrorCode> {
    let mut found = Vec::new();
    let mut rest = 0;
    while let Some(open) = text[rest..].find("{{") {
        let start = rest + open;
        let Some(close) = text[start + 2..].find("}}") else {
            return Err(ErrorCode::PlaceholderUnclosed);
        };
        let end = start + 2 + close + 2;
        let inner = &text[start + 2..end - 2];
        let (kind, key) = inner
            .split_once(':')
            .ok_or(ErrorCode::UnknownPlaceholderKind)?;
        let kind = PlaceholderKind::parse(kind).map_err(|_| ErrorCode::UnknownPlaceholderKind)?;
        let key = key.trim();
        let key_ok = !key.is_empty()
            && key.len() <= 40
            && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !key_ok {
            return Err(ErrorCode::PlaceholderUnclosed);
        }
        found.push(Found {
            start,
            end,
            kind,
            key: key.to_owned(),
        });
        rest = end;
    }
    Ok(found)
}

/// Every placeholder of the clauses, in order of first appearance; a key
/// used with two kinds is refused.
pub fn placeholders(clauses: &[Clause]) -> Result<Vec<Placeholder>, ErrorCode> {
    let mut all: Vec<Placeholder> = Vec::new();
    for clause in clauses {
        for text in [&clause.a, &clause.b] {
            for part in [&text.heading, &text.body] {
                for found in scan(part)? {
                    match all.iter().find(|p| p.key == found.key) {
                        Some(p) if p.kind != found.kind => {
                            return Err(ErrorCode::PlaceholderKindClash);
                        }
                        Some(_) => {}
                        None => all.push(Placeholder {
                            kind: found.kind,
                            key: found.key,
                        }),
                    }
                }
            }
        }
    }
    Ok(all)
}

/// Checks a template's clauses: the clause rules plus readable
/// placeholders (reported on the clause that has the bad one).
pub fn check_template_clauses(clauses: &[Clause], v: &mut Validator) -> Vec<Clause> {
    let checked = check_clauses(clauses, v);
    // Numbered as typed (blank clauses included), as the form shows them.
    for (i, clause) in clauses.iter().enumerate().take(CLAUSES_MAX) {
        if let Err(code) = placeholders(std::slice::from_ref(clause)) {
            v.add(&format!("clauses.{i}"), code);
        }
    }
    if let Err(ErrorCode::PlaceholderKindClash) = placeholders(&checked) {
        v.add("clauses", ErrorCode::PlaceholderKindClash);
    }
    if placeholder_uses(&checked) > PLACEHOLDER_USES_MAX {
        v.add("clauses", ErrorCode::TooManyPlaceholders);
    }
    checked
}

/// The placeholders of one side of a clause, by key.
fn placeholders_of(text: &ClauseText) -> Result<Vec<(String, PlaceholderKind)>, ErrorCode> {
    let mut found: Vec<(String, PlaceholderKind)> = [&text.heading, &text.body]
        .into_iter()
        .map(|part| scan(part))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .flatten()
        .map(|f| (f.key, f.kind))
        .collect();
    found.sort_by(|x, y| x.0.cmp(&y.0));
    found.dedup();
    Ok(found)
}

/// Checks a template's clauses in more languages against its clauses as
/// typed: a language is a two-letter code other than the columns' (else
/// `invalid_language` on `texts.LANG`), with one text per clause (else
/// `translation_mismatch` on `texts.LANG`), each with the bounds of a
/// clause (`texts.LANG.N.heading`, `.body`) and the placeholders of the
/// clause's English side (`translation_mismatch` on `texts.LANG.N`).
/// Answers them aligned with the checked clauses: a removed clause takes
/// its translations with it.
pub fn check_template_texts(
    clauses: &[Clause],
    language_b: &str,
    texts: &TemplateTexts,
    v: &mut Validator,
) -> TemplateTexts {
    let mut checked = TemplateTexts::new();
    if texts.len() > TEMPLATE_TEXTS_MAX {
        v.add("texts", ErrorCode::TooMany);
        return checked;
    }
    for (typed, sides) in texts {
        let field = format!("texts.{typed}");
        let lang = match crate::locale::language_code(typed) {
            Some(lang) if lang != "en" && lang != language_b && !checked.contains_key(&lang) => {
                lang
            }
            _ => {
                v.add(&field, ErrorCode::InvalidLanguage);
                continue;
            }
        };
        if sides.len() != clauses.len() {
            v.add(&field, ErrorCode::TranslationMismatch);
            continue;
        }
        let mut kept = Vec::new();
        for (i, (clause, side)) in clauses.iter().zip(sides).enumerate() {
            if removed(clause) {
                continue;
            }
            let text = checked_text(side, &format!("{field}.{i}"), v);
            let same = match (placeholders_of(&clause.a), placeholders_of(&text)) {
                (Ok(english), Ok(translated)) => english == translated,
                // The clause's own fault is reported on the clause.
                (Err(_), _) => true,
                (Ok(_), Err(_)) => false,
            };
            if !same {
                v.add(&format!("{field}.{i}"), ErrorCode::TranslationMismatch);
            }
            kept.push(text);
        }
        if text_length(&kept) > SIDE_MAX {
            v.add(&field, ErrorCode::AgreementTooLong);
        }
        checked.insert(lang, kept);
    }
    checked
}

/// A template's languages as a draft chooses among them: English, its
/// second column's, then those it has more texts in.
pub fn template_languages(language_b: &str, texts: &TemplateTexts) -> Vec<String> {
    let mut all = vec!["en".to_owned()];
    for lang in std::iter::once(language_b).chain(texts.keys().map(String::as_str)) {
        if !lang.is_empty() && !all.iter().any(|l| l == lang) {
            all.push(lang.to_owned());
        }
    }
    all
}

/// A template's clauses in `lang`, one text per clause; none when it has
/// no text in that language.
fn template_side(
    clauses: &[Clause],
    language_b: &str,
    texts: &TemplateTexts,
    lang: &str,
) -> Option<Vec<ClauseText>> {
    if lang == "en" {
        Some(clauses.iter().map(|c| c.a.clone()).collect())
    } else if lang == language_b {
        Some(clauses.iter().map(|c| c.b.clone()).collect())
    } else {
        texts
            .get(lang)
            .filter(|t| t.len() == clauses.len())
            .cloned()
    }
}

/// A template's clauses in the languages `a` and `b`, side by side; none
/// when it lacks either.
pub fn template_pair(
    clauses: &[Clause],
    language_b: &str,
    texts: &TemplateTexts,
    (a, b): (&str, &str),
) -> Option<Vec<Clause>> {
    let a = template_side(clauses, language_b, texts, a)?;
    let b = template_side(clauses, language_b, texts, b)?;
    Some(a.into_iter().zip(b).map(|(a, b)| Clause { a, b }).collect())
}

/// Every use of a placeholder in the clauses (readable ones only).
fn placeholder_uses(clauses: &[Clause]) -> usize {
    clauses
        .iter()
        .flat_map(|c| [&c.a.heading, &c.a.body, &c.b.heading, &c.b.body])
        .map(|text| scan(text).map_or(0, |found| found.len()))
        .sum()
}

/// A placeholder's value as each column prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filled {
    pub a: String,
    pub b: String,
}

/// A party as a placeholder prints it: its Latin name in a language
/// written in Latin letters, its native name (when it has one) in any
/// other.
pub struct PartyName {
    pub latin: String,
    pub native: String,
}

/// Languages written in Latin letters, where a party reads by its Latin
/// name (a Chinese city is "Quanzhou" in French and 泉州 in Arabic, as
/// its members sign it).
const LATIN_SCRIPT: [&str; 24] = [
    "en", "fr", "es", "pt", "it", "de", "nl", "id", "ms", "vi", "tr", "pl", "sw", "tl", "ro", "cs",
    "hr", "sv", "da", "no", "fi", "hu", "uz", "az",
];

impl PartyName {
    fn in_language(&self, language: &str) -> String {
        if self.native.is_empty() || LATIN_SCRIPT.contains(&language) {
            self.latin.clone()
        } else {
            self.native.clone()
        }
    }
}

/// Reads the drafters' value for each placeholder, reporting a missing or
/// bad one as `values.KEY`. `parties` are the draft's parties in order
/// (a party placeholder's value is its position, 1-based); `languages`
/// are the columns'.
pub fn fill_values(
    wanted: &[Placeholder],
    values: &crate::agreements::types::PlaceholderValues,
    parties: &[PartyName],
    (language_a, language_b): (&str, &str),
    v: &mut Validator,
) -> Vec<(String, Filled)> {
    let mut filled = Vec::new();
    for placeholder in wanted {
        let field = format!("values.{}", placeholder.key);
        let raw = values.get(&placeholder.key).map(|s| s.trim()).unwrap_or("");
        if raw.is_empty() {
            v.add(&field, ErrorCode::Required);
            continue;
        }
        let value = match placeholder.kind {
            PlaceholderKind::Party => raw
                .parse::<usize>()
                .ok()
                .and_then(|n| n.checked_sub(1))
                .and_then(|i| parties.get(i))
                .map(|p| Filled {
                    a: p.in_language(language_a),
                    b: p.in_language(language_b),
                })
                .ok_or(ErrorCode::UnknownMember),
            PlaceholderKind::Date => NaiveDate::parse_from_str(raw, "%Y-%m-%d")
                .map_err(|_| ErrorCode::InvalidDate)
                .map(|day| Filled {
                    a: written_date(day, language_a),
                    b: written_date(day, language_b),
                }),
            PlaceholderKind::Amount => written_amount(raw).map(|text| Filled {
                a: text.clone(),
                b: text,
            }),
            PlaceholderKind::Text => line(raw, VALUE_MAX, true).map(|text| Filled {
                a: text.clone(),
                b: text,
            }),
        };
        if let Some(value) = v.check(&field, value) {
            filled.push((placeholder.key.clone(), value));
        }
    }
    filled
}

/// A day written out for a legal text: "1 March 2027", "2027年3月1日",
/// "1 марта 2027": the app's languages as their pages write a date,
/// Japanese and Korean by their own rule, any other in English.
pub fn written_date(day: NaiveDate, language: &str) -> String {
    use chrono::Datelike;
    if let Some(locale) = crate::locale::locale_of(language) {
        return crate::ui::dates::long_date(locale, day);
    }
    match language {
        "ja" => format!("{}年{}月{}日", day.year(), day.month(), day.day()),
        "ko" => format!("{}년 {}월 {}일", day.year(), day.month(), day.day()),
        _ => day.format("%-d %B %Y").to_string(),
    }
}

/// "CNY 500000" or "CNY 500,000.00" as the text of a contract:
/// "CNY 500,000.00", the currency's decimals, never rounded.
pub fn written_amount(raw: &str) -> Result<String, ErrorCode> {
    use crate::budget::money::{Currency, format_money, parse_amount};
    let (code, amount) = raw
        .trim()
        .split_once(' ')
        .ok_or(ErrorCode::UnknownCurrency)?;
    let currency = Currency::parse(code)?;
    let minor = parse_amount(amount.trim(), currency)?;
    Ok(format_money(minor, currency))
}

/// The clauses with every placeholder replaced by its value in the
/// column's language.
pub fn fill(clauses: &[Clause], values: &[(String, Filled)]) -> Vec<Clause> {
    let replace = |text: &str, column_a: bool| -> String {
        let Ok(found) = scan(text) else {
            return text.to_owned();
        };
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for f in found {
            out.push_str(&text[at..f.start]);
            match values.iter().find(|(key, _)| *key == f.key) {
                Some((_, value)) => out.push_str(if column_a { &value.a } else { &value.b }),
                None => out.push_str(&text[f.start..f.end]),
            }
            at = f.end;
        }
        out.push_str(&text[at..]);
        out
    };
    clauses
        .iter()
        .map(|c| Clause {
            a: ClauseText {
                heading: replace(&c.a.heading, true),
                body: replace(&c.a.body, true),
            },
            b: ClauseText {
                heading: replace(&c.b.heading, false),
                body: replace(&c.b.body, false),
            },
        })
        .collect()
}

/// The reminder an open activity's owner should have on `today`, if any,
/// as (kind, sequence): a week before the due date (sequence 0), on the
/// day (0), and overdue from the day after, once a week (sequence 0 on
/// days 1–7 after, 1 on days 8–14, …). A reminder already sent for the
/// same (kind, due date, sequence) is not sent again; a job that did not
/// run for a while sends the current one, not the backlog.
pub fn reminder_due(
    status: ActivityStatus,
    due_on: NaiveDate,
    today: NaiveDate,
) -> Option<(ReminderKind, i32)> {
    if matches!(status, ActivityStatus::Done | ActivityStatus::Cancelled) {
        return None;
    }
    let days_left = (due_on - today).num_days();
    match days_left {
        1..=REMIND_DAYS_BEFORE => Some((ReminderKind::Before, 0)),
        0 => Some((ReminderKind::Due, 0)),
        d if d < 0 => {
            let late = -d;
            let week = ((late - 1) / 7).min(i32::MAX as i64) as i32;
            Some((ReminderKind::Overdue, week))
        }
        _ => None,
    }
}

/// Open and past its due date.
pub fn is_overdue(status: ActivityStatus, due_on: NaiveDate, today: NaiveDate) -> bool {
    is_open(status) && due_on < today
}

/// Open and due within the next 30 days (today included).
pub fn is_due_soon(status: ActivityStatus, due_on: NaiveDate, today: NaiveDate) -> bool {
    is_open(status) && due_on >= today && due_on <= today + Duration::days(DUE_SOON_DAYS)
}

pub fn is_open(status: ActivityStatus) -> bool {
    matches!(status, ActivityStatus::Planned | ActivityStatus::InProgress)
}

/// How an activity went, for the outcome report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    DoneOnTime,
    DoneLate,
    OnTrack,
    Overdue,
    /// Cancelled: counted nowhere.
    Dropped,
}

pub fn outcome(
    status: ActivityStatus,
    due_on: NaiveDate,
    done_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Outcome {
    match status {
        ActivityStatus::Done => match done_on {
            Some(day) if day > due_on => Outcome::DoneLate,
            _ => Outcome::DoneOnTime,
        },
        ActivityStatus::Cancelled => Outcome::Dropped,
        _ if due_on < today => Outcome::Overdue,
        _ => Outcome::OnTrack,
    }
}

/// An evidence link: `https://` or `http://`, one line, bounded; empty is
/// none.
pub fn evidence_url(text: &str) -> Result<String, ErrorCode> {
    let url = line(text, 2_000, false)?;
    if url.is_empty() {
        return Ok(url);
    }
    let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
    if !scheme_ok || url.contains(char::is_whitespace) || url.len() < 10 {
        return Err(ErrorCode::InvalidUrl);
    }
    Ok(url)
}

/// The text of one side of the clauses, as the comparison reads it.
pub fn side_text(title: &str, clauses: &[Clause], column_a: bool) -> String {
    let mut text = String::new();
    if column_a {
        text.push_str(title);
        text.push_str("\n\n");
    }
    for clause in clauses {
        let side = if column_a { &clause.a } else { &clause.b };
        if !side.heading.is_empty() {
            text.push_str(&side.heading);
            text.push('\n');
        }
        text.push_str(&side.body);
        text.push_str("\n\n");
    }
    text
}

/// Two texts compared word by word (the `similar` crate's diff over
/// words and the spaces between them); neighbouring pieces of the same
/// kind are joined.
#[cfg(feature = "ssr")]
pub fn compare_words(old: &str, new: &str) -> (Vec<crate::agreements::types::DiffPiece>, u32, u32) {
    use crate::agreements::types::{DiffOp, DiffPiece};
    use similar::{ChangeTag, TextDiff};
    let diff = TextDiff::configure()
        .timeout(std::time::Duration::from_millis(500))
        .diff_unicode_words(old, new);
    let mut pieces: Vec<DiffPiece> = Vec::new();
    let (mut added, mut removed) = (0u32, 0u32);
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            ChangeTag::Equal => DiffOp::Same,
            ChangeTag::Insert => DiffOp::Added,
            ChangeTag::Delete => DiffOp::Removed,
        };
        let text = change.value();
        let is_word = !text.trim().is_empty();
        match op {
            DiffOp::Added if is_word => added += 1,
            DiffOp::Removed if is_word => removed += 1,
            _ => {}
        }
        match pieces.last_mut() {
            Some(last) if last.op == op => last.text.push_str(text),
            _ => pieces.push(DiffPiece {
                op,
                text: text.to_owned(),
            }),
        }
    }
    (pieces, added, removed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agreements::types::PlaceholderValues;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn clause(a: &str, b: &str) -> Clause {
        Clause {
            a: ClauseText {
                heading: String::new(),
                body: a.into(),
            },
            b: ClauseText {
                heading: String::new(),
                body: b.into(),
            },
        }
    }

    /// Every pair of statuses: exactly the listed moves are allowed, and
    /// nothing leaves a final status.
    #[test]
    fn every_transition_allowed_or_refused() {
        use AgreementStatus::*;
        let allowed = [
            (Draft, Negotiating),
            (Draft, ReadyToSign),
            (Draft, Terminated),
            (Negotiating, ReadyToSign),
            (Negotiating, Terminated),
            (ReadyToSign, Negotiating),
            (ReadyToSign, Signed),
            (ReadyToSign, Terminated),
            (Signed, InImplementation),
            (Signed, Lapsed),
            (Signed, Terminated),
            (InImplementation, Completed),
            (InImplementation, Lapsed),
            (InImplementation, Terminated),
        ];
        let mut counted = 0;
        for from in AgreementStatus::ALL {
            for to in AgreementStatus::ALL {
                let expected = allowed.contains(&(from, to));
                assert_eq!(may_move(from, to), expected, "{from} → {to}");
                counted += 1;
            }
        }
        assert_eq!(counted, 64);
        for end in [Completed, Lapsed, Terminated] {
            assert!(allowed_moves(end).is_empty());
        }
        // Nothing goes back to draft, and signing cannot be skipped.
        assert!(!AgreementStatus::ALL.iter().any(|s| may_move(*s, Draft)));
        assert!(!may_move(Negotiating, Signed));
        assert!(!may_move(Draft, InImplementation));
    }

    #[test]
    fn text_is_frozen_from_ready_to_sign() {
        use AgreementStatus::*;
        assert!(text_editable(Draft) && text_editable(Negotiating));
        for status in [
            ReadyToSign,
            Signed,
            InImplementation,
            Completed,
            Lapsed,
            Terminated,
        ] {
            assert!(!text_editable(status), "{status}");
        }
        assert!(takes_activities(Signed) && takes_activities(InImplementation));
        assert!(!takes_activities(ReadyToSign) && !takes_activities(Completed));
    }

    #[test]
    fn placeholders_are_read_in_order_and_typed() {
        let clauses = vec![
            clause(
                "{{party:first}} and {{party:second}} agree from {{date:start}}.",
                "{{party:first}}与{{party:second}}自{{date:start}}起",
            ),
            clause("Budget: {{amount:fund}} for {{text:purpose}}.", ""),
        ];
        let found = placeholders(&clauses).unwrap();
        let keys: Vec<_> = found.iter().map(|p| (p.kind, p.key.as_str())).collect();
        assert_eq!(
            keys,
            vec![
                (PlaceholderKind::Party, "first"),
                (PlaceholderKind::Party, "second"),
                (PlaceholderKind::Date, "start"),
                (PlaceholderKind::Amount, "fund"),
                (PlaceholderKind::Text, "purpose"),
            ]
        );
        assert_eq!(
            placeholders(&[clause("{{date:x}} {{text:x}}", "")]),
            Err(ErrorCode::PlaceholderKindClash)
        );
        assert_eq!(
            placeholders(&[clause("{{date:x}", "")]),
            Err(ErrorCode::PlaceholderUnclosed)
        );
        assert_eq!(
            placeholders(&[clause("{{colour:x}}", "")]),
            Err(ErrorCode::UnknownPlaceholderKind)
        );
        assert_eq!(
            placeholders(&[clause("{{date:a b}}", "")]),
            Err(ErrorCode::PlaceholderUnclosed)
        );
    }

    #[test]
    fn a_repeated_value_cannot_make_a_clause_longer_than_typed_text() {
        // 99 uses of one text placeholder: a template within its bounds.
        let body = "{{text:x}} ".repeat(PLACEHOLDER_USES_MAX - 1);
        let template = vec![clause(&body, "{{date:d}}")];
        let mut v = Validator::new();
        check_template_clauses(&template, &mut v);
        assert!(v.finish().is_ok());
        let mut values = PlaceholderValues::new();
        values.insert("x".into(), "y".repeat(VALUE_MAX));
        values.insert("d".into(), "2027-03-01".into());
        let wanted = placeholders(&template).unwrap();
        let mut v = Validator::new();
        let filled = fill_values(&wanted, &values, &[], ("en", "zh"), &mut v);
        let drafted = fill(&template, &filled);
        // 99 × 500 characters: refused on the value, as typed text would be.
        assert!(drafted[0].a.body.chars().count() > BODY_MAX);
        check_filled(&template, &drafted, &mut v);
        let err = v.finish().unwrap_err();
        assert_eq!(
            err.field_messages("values.x"),
            vec![ErrorCode::FilledTooLong]
        );
        // A short value fills the same template.
        values.insert("x".into(), "y".repeat(20));
        let mut v = Validator::new();
        let filled = fill_values(&wanted, &values, &[], ("en", "zh"), &mut v);
        check_filled(&template, &fill(&template, &filled), &mut v);
        assert!(v.finish().is_ok());
        // One use more than allowed is refused on the template itself.
        let mut v = Validator::new();
        check_template_clauses(
            &[clause(&"{{text:x}}".repeat(PLACEHOLDER_USES_MAX + 1), "")],
            &mut v,
        );
        assert_eq!(
            v.finish().unwrap_err().field_messages("clauses"),
            vec![ErrorCode::TooManyPlaceholders]
        );
        // So is a text longer than `SIDE_MAX` in one language.
        let long: Vec<Clause> = (0..11).map(|_| clause(&"w".repeat(BODY_MAX), "")).collect();
        let mut v = Validator::new();
        check_clauses(&long, &mut v);
        assert_eq!(
            v.finish().unwrap_err().field_messages("clauses"),
            vec![ErrorCode::AgreementTooLong]
        );
    }

    #[test]
    fn a_draft_fills_each_placeholder_in_its_column_language() {
        let clauses = vec![clause(
            "{{party:first}} pays {{amount:fund}} by {{date:by}} for {{text:what}}.",
            "{{party:first}}于{{date:by}}前支付{{amount:fund}}（{{text:what}}）。",
        )];
        let wanted = placeholders(&clauses).unwrap();
        let parties = [PartyName {
            latin: "Quanzhou".into(),
            native: "泉州".into(),
        }];
        let mut values = PlaceholderValues::new();
        values.insert("first".into(), "1".into());
        values.insert("fund".into(), "CNY 500000".into());
        values.insert("by".into(), "2027-03-01".into());
        values.insert("what".into(), "port studies".into());
        let mut v = Validator::new();
        let filled = fill_values(&wanted, &values, &parties, ("en", "zh"), &mut v);
        v.finish().unwrap();
        let out = fill(&clauses, &filled);
        assert_eq!(
            out[0].a.body,
            "Quanzhou pays CNY 500,000.00 by 1 March 2027 for port studies."
        );
        assert_eq!(
            out[0].b.body,
            "泉州于2027年3月1日前支付CNY 500,000.00（port studies）。"
        );
    }

    #[test]
    fn a_pair_of_any_two_languages_fills_each_column_in_its_own() {
        let clauses = vec![clause(
            "{{party:first}} meets on {{date:on}}.",
            "{{party:first}}于{{date:on}}会面。",
        )];
        let mut texts = TemplateTexts::new();
        texts.insert(
            "ar".into(),
            vec![ClauseText {
                heading: "اللقاء".into(),
                body: "يلتقي {{party:first}} في {{date:on}}.".into(),
            }],
        );
        texts.insert(
            "fr".into(),
            vec![ClauseText {
                heading: String::new(),
                body: "{{party:first}} se réunit le {{date:on}}.".into(),
            }],
        );
        assert_eq!(template_languages("zh", &texts), ["en", "zh", "ar", "fr"]);
        assert_eq!(template_pair(&clauses, "zh", &texts, ("zh", "ru")), None);
        let pair = template_pair(&clauses, "zh", &texts, ("zh", "ar")).unwrap();
        let wanted = placeholders(&pair).unwrap();
        let parties = [PartyName {
            latin: "Quanzhou".into(),
            native: "泉州".into(),
        }];
        let mut values = PlaceholderValues::new();
        values.insert("first".into(), "1".into());
        values.insert("on".into(), "2027-03-01".into());
        let mut v = Validator::new();
        let filled = fill_values(&wanted, &values, &parties, ("zh", "ar"), &mut v);
        v.finish().unwrap();
        let out = fill(&pair, &filled);
        assert_eq!(out[0].a.body, "泉州于2027年3月1日会面。");
        assert_eq!(out[0].b.body, "يلتقي 泉州 في 1 مارس 2027.");
        // French reads the city by its Latin name, and a French date.
        let pair = template_pair(&clauses, "zh", &texts, ("fr", "en")).unwrap();
        let mut v = Validator::new();
        let filled = fill_values(&wanted, &values, &parties, ("fr", "en"), &mut v);
        let out = fill(&pair, &filled);
        assert_eq!(out[0].a.body, "Quanzhou se réunit le 1 mars 2027.");
        assert_eq!(out[0].b.body, "Quanzhou meets on 1 March 2027.");
    }

    #[test]
    fn a_translation_has_every_clause_and_only_its_placeholders() {
        let clauses = vec![
            clause(
                "{{party:first}} and {{party:second}}",
                "{{party:first}}与{{party:second}}",
            ),
            clause("", ""),
            clause("From {{date:start}}", "自{{date:start}}起"),
        ];
        let text = |body: &str| ClauseText {
            heading: String::new(),
            body: body.into(),
        };
        let mut texts = TemplateTexts::new();
        // Aligned with the clauses as typed; the removed one goes.
        texts.insert(
            "FR".into(),
            vec![
                text("{{party:second}} et {{party:first}}"),
                text("supprimée"),
                text(" À partir du {{date:start}} "),
            ],
        );
        let mut v = Validator::new();
        let checked = check_template_texts(&clauses, "zh", &texts, &mut v);
        v.finish().unwrap();
        assert_eq!(
            checked["fr"],
            vec![
                text("{{party:second}} et {{party:first}}"),
                text("À partir du {{date:start}}")
            ]
        );

        // One clause short; a placeholder lost, one added with another
        // kind; a column's own language; a code that is no language.
        let mut texts = TemplateTexts::new();
        texts.insert("es".into(), vec![text("a"), text("b")]);
        texts.insert(
            "ru".into(),
            vec![text("{{party:first}}"), text(""), text("с {{text:start}}")],
        );
        texts.insert("zh".into(), vec![text(""), text(""), text("")]);
        texts.insert("x1".into(), vec![text(""), text(""), text("")]);
        texts.insert(
            "ar".into(),
            vec![
                text(&"ب".repeat(BODY_MAX + 1)),
                text(""),
                text("{{date:start}}"),
            ],
        );
        let mut v = Validator::new();
        check_template_texts(&clauses, "zh", &texts, &mut v);
        let err = v.finish().unwrap_err();
        assert_eq!(
            err.field_messages("texts.es"),
            vec![ErrorCode::TranslationMismatch]
        );
        assert_eq!(
            err.field_messages("texts.ru.0"),
            vec![ErrorCode::TranslationMismatch]
        );
        assert_eq!(
            err.field_messages("texts.ru.2"),
            vec![ErrorCode::TranslationMismatch]
        );
        assert_eq!(
            err.field_messages("texts.zh"),
            vec![ErrorCode::InvalidLanguage]
        );
        assert_eq!(
            err.field_messages("texts.x1"),
            vec![ErrorCode::InvalidLanguage]
        );
        assert_eq!(
            err.field_messages("texts.ar.0.body"),
            vec![ErrorCode::TooLong]
        );
    }

    #[test]
    fn the_standard_templates_texts_pass_their_own_check() {
        for standard in &crate::agreements::standard::STANDARD {
            let clauses = standard.clauses();
            let mut v = Validator::new();
            let texts = check_template_texts(&clauses, "zh", &standard.texts(), &mut v);
            v.finish()
                .unwrap_or_else(|e| panic!("{}: {e:?}", standard.name));
            assert_eq!(texts, standard.texts(), "{}", standard.name);
        }
        let memorandum = &crate::agreements::standard::STANDARD[0];
        assert_eq!(
            template_languages("zh", &memorandum.texts()),
            ["en", "zh", "ar", "es", "fr", "ru"]
        );
    }

    #[test]
    fn a_draft_is_told_every_missing_or_bad_value() {
        let clauses = vec![clause(
            "{{party:p}} {{amount:m}} {{date:d}} {{text:t}} {{text:u}}",
            "",
        )];
        let wanted = placeholders(&clauses).unwrap();
        let mut values = PlaceholderValues::new();
        values.insert("p".into(), "3".into());
        values.insert("m".into(), "XXX 12".into());
        values.insert("d".into(), "2027-02-30".into());
        values.insert("t".into(), "a\nb".into());
        let mut v = Validator::new();
        let filled = fill_values(&wanted, &values, &[], ("en", "zh"), &mut v);
        assert!(filled.is_empty());
        let err = v.finish().unwrap_err();
        assert_eq!(
            err.field_messages("values.p"),
            vec![ErrorCode::UnknownMember]
        );
        assert_eq!(
            err.field_messages("values.m"),
            vec![ErrorCode::UnknownCurrency]
        );
        assert_eq!(err.field_messages("values.d"), vec![ErrorCode::InvalidDate]);
        assert_eq!(err.field_messages("values.t"), vec![ErrorCode::LineBreak]);
        assert_eq!(err.field_messages("values.u"), vec![ErrorCode::Required]);
        // Amounts are never rounded.
        assert_eq!(written_amount("JPY 1.5"), Err(ErrorCode::TooManyDecimals));
        assert_eq!(written_amount("KWD 1.5").unwrap(), "KWD 1.500");
    }

    #[test]
    fn clauses_are_bounded_and_checked_by_field() {
        let mut v = Validator::new();
        let long = "x".repeat(BODY_MAX + 1);
        let checked = check_clauses(
            &[clause("fine", ""), clause(&long, ""), clause("", "")],
            &mut v,
        );
        assert_eq!(checked.len(), 2, "the empty clause is dropped");
        let err = v.finish().unwrap_err();
        assert_eq!(
            err.field_messages("clauses.1.a.body"),
            vec![ErrorCode::TooLong]
        );
        let mut v = Validator::new();
        check_clauses(&[clause("", "只有中文")], &mut v);
        assert_eq!(
            v.finish().unwrap_err().field_messages("clauses"),
            vec![ErrorCode::Required]
        );
        let mut v = Validator::new();
        check_clauses(&vec![clause("x", ""); CLAUSES_MAX + 1], &mut v);
        assert!(v.finish().is_err());
        assert_eq!(
            paragraph("a\u{0}b", 10, true),
            Err(ErrorCode::InvalidCharacters)
        );
        assert_eq!(paragraph("a\r\nb", 10, true).unwrap(), "a\nb");
    }

    #[test]
    fn reminders_before_on_and_weekly_after_the_due_date() {
        let due = day(2027, 3, 10);
        let open = ActivityStatus::InProgress;
        assert_eq!(reminder_due(open, due, day(2027, 3, 2)), None);
        assert_eq!(
            reminder_due(open, due, day(2027, 3, 3)),
            Some((ReminderKind::Before, 0))
        );
        assert_eq!(
            reminder_due(open, due, day(2027, 3, 9)),
            Some((ReminderKind::Before, 0))
        );
        assert_eq!(reminder_due(open, due, due), Some((ReminderKind::Due, 0)));
        assert_eq!(
            reminder_due(open, due, day(2027, 3, 11)),
            Some((ReminderKind::Overdue, 0))
        );
        assert_eq!(
            reminder_due(open, due, day(2027, 3, 17)),
            Some((ReminderKind::Overdue, 0))
        );
        assert_eq!(
            reminder_due(open, due, day(2027, 3, 18)),
            Some((ReminderKind::Overdue, 1))
        );
        assert_eq!(
            reminder_due(open, due, day(2027, 4, 1)),
            Some((ReminderKind::Overdue, 3))
        );
        // Never for finished work.
        for status in [ActivityStatus::Done, ActivityStatus::Cancelled] {
            for offset in -20..20 {
                assert_eq!(
                    reminder_due(status, due, due + Duration::days(offset)),
                    None
                );
            }
        }
    }

    #[test]
    fn overdue_due_soon_and_outcomes() {
        let today = day(2027, 6, 1);
        let open = ActivityStatus::Planned;
        assert!(is_overdue(open, day(2027, 5, 31), today));
        assert!(!is_overdue(open, today, today));
        assert!(is_due_soon(open, today, today));
        assert!(is_due_soon(open, day(2027, 7, 1), today));
        assert!(!is_due_soon(open, day(2027, 7, 2), today));
        assert!(!is_overdue(ActivityStatus::Done, day(2027, 1, 1), today));
        let due = day(2027, 5, 1);
        assert_eq!(
            outcome(ActivityStatus::Done, due, Some(due), today),
            Outcome::DoneOnTime
        );
        assert_eq!(
            outcome(ActivityStatus::Done, due, Some(day(2027, 5, 2)), today),
            Outcome::DoneLate
        );
        assert_eq!(outcome(open, due, None, today), Outcome::Overdue);
        assert_eq!(outcome(open, today, None, today), Outcome::OnTrack);
        assert_eq!(
            outcome(ActivityStatus::Cancelled, due, None, today),
            Outcome::Dropped
        );
    }

    #[test]
    fn contact_addresses_are_one_line_and_lower_case() {
        assert_eq!(optional_email("  ").unwrap(), "");
        assert_eq!(
            optional_email(" Li@Quanzhou.Example ").unwrap(),
            "li@quanzhou.example"
        );
        assert_eq!(
            optional_email("li\u{0}@x.example"),
            Err(ErrorCode::InvalidCharacters)
        );
        assert_eq!(
            optional_email("not an address"),
            Err(ErrorCode::InvalidEmail)
        );
    }

    #[test]
    fn evidence_links_are_web_addresses() {
        assert_eq!(evidence_url("").unwrap(), "");
        assert!(evidence_url("https://example.org/report.pdf").is_ok());
        assert_eq!(
            evidence_url("javascript:alert(1)"),
            Err(ErrorCode::InvalidUrl)
        );
        assert_eq!(
            evidence_url("https://a b.org/x"),
            Err(ErrorCode::InvalidUrl)
        );
    }

    #[test]
    fn words_compared_in_both_scripts() {
        let (pieces, added, removed) = compare_words(
            "The parties meet once a year.",
            "The parties meet twice a year.",
        );
        assert_eq!((added, removed), (1, 1));
        let removed_text: Vec<_> = pieces
            .iter()
            .filter(|p| p.op == crate::agreements::types::DiffOp::Removed)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(removed_text, vec!["once"]);
        let joined: String = pieces
            .iter()
            .filter(|p| p.op != crate::agreements::types::DiffOp::Removed)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(joined, "The parties meet twice a year.");
        let (_, added, removed) = compare_words("双方每年会面一次。", "双方每年会面两次。");
        assert!(added >= 1 && removed >= 1);
    }
}
