//! The rules of a registration, shared by the browser and the server.

use std::collections::{BTreeMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};

use super::types::{
    Category, Decision, Person, PersonForm, RegistrationStatus, RegistrationSummary,
    RegistrationView, SettingsForm, SummaryRow,
};
use crate::auth::domain::normalize_email;
use crate::editions::domain::{parse_local_minute, parse_optional_date};
use crate::editions::types::EditionStatus;
use crate::error::{AppError, ErrorCode, Validator, validated};

/// ISO 639-1 codes, lower-cased, without repeats, in the order typed.
pub fn parse_languages(text: &str) -> Result<Vec<String>, ErrorCode> {
    let mut seen = HashSet::new();
    let mut codes = Vec::new();
    for part in text.split([',', ' ', ';']).filter(|p| !p.is_empty()) {
        let code = crate::locale::language_code(part).ok_or(ErrorCode::InvalidLanguage)?;
        if seen.insert(code.clone()) {
            codes.push(code);
        }
    }
    Ok(codes)
}

/// A phone number in international format (`+86 595 2218 8888`): empty is
/// fine. The server checks it against its country's numbering plan and
/// stores it formatted the one international way; the browser, which does
/// not carry the plans, checks its shape only.
pub fn check_phone(text: &str) -> Result<String, ErrorCode> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(String::new());
    }
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let shaped = text.starts_with('+')
        && text[1..]
            .chars()
            .all(|c| c.is_ascii_digit() || " -().".contains(c))
        && (7..=15).contains(&digits);
    if !shaped {
        return Err(ErrorCode::InvalidPhone);
    }
    #[cfg(feature = "ssr")]
    {
        let number = phonenumber::parse(None, text).map_err(|_| ErrorCode::InvalidPhone)?;
        if !phonenumber::is_valid(&number) {
            return Err(ErrorCode::InvalidPhone);
        }
        Ok(number
            .format()
            .mode(phonenumber::Mode::International)
            .to_string())
    }
    #[cfg(not(feature = "ssr"))]
    Ok(text.to_owned())
}

fn parse_moment(text: &str) -> Result<Option<NaiveDateTime>, ErrorCode> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    parse_local_minute(text)
        .map(Some)
        .ok_or(ErrorCode::InvalidDatetime)
}

/// The longest each text of a person may be, in characters: enough for
/// any real name or title, small enough that no letter, badge or e-mail
/// ever carries a megabyte.
type TextOf = fn(&PersonForm) -> &String;
const TEXT_LIMITS: [(&str, TextOf, usize); 8] = [
    ("name_native", |p| &p.name_native, 200),
    ("name_latin", |p| &p.name_latin, 200),
    ("honorific", |p| &p.honorific, 60),
    ("position", |p| &p.position, 200),
    ("organization", |p| &p.organization, 200),
    ("phone", |p| &p.phone, 40),
    ("dietary", |p| &p.dietary, 500),
    ("access", |p| &p.access, 500),
];
/// Texts that must stay on one line (the others are free notes).
const ONE_LINE: [&str; 6] = [
    "name_native",
    "name_latin",
    "honorific",
    "position",
    "organization",
    "phone",
];
/// Interpretation is one language name or code; languages a short list.
const INTERPRETATION_MAX: usize = 60;
const LANGUAGES_MAX: usize = 12;

/// The most people one submission may register without an invitation
/// that sets its own cap (a delegation larger than this is invited).
pub const MEMBERS_WITHOUT_INVITATION: usize = 20;
pub use super::types::MEMBERS_MAX;

/// The name an erased registration keeps (`privacy` erases).
pub const ERASED_NAME: &str = "(erased)";
/// The domain of the addresses erased people keep (`.invalid` never
/// receives mail).
pub const ERASED_DOMAIN: &str = "@erased.invalid";

impl PersonForm {
    /// Checks one person; field names carry `prefix` (e.g. `members.2.`)
    /// so that a message lands beside the right row of a delegation.
    pub fn parse(&self, prefix: &str, v: &mut Validator) -> Option<Person> {
        let field = |name: &str| format!("{prefix}{name}");
        for (name, text_of, max) in TEXT_LIMITS {
            // A name goes into e-mail headers, calendar lines and badges:
            // one line; no field may hold another control character.
            let checked = if ONE_LINE.contains(&name) {
                crate::text::line(text_of(self), max, false)
            } else {
                crate::text::paragraph(text_of(self), max, false)
            };
            v.check(&field(name), checked);
        }
        if self.interpretation.trim().chars().count() > INTERPRETATION_MAX {
            v.add(&field("interpretation"), ErrorCode::TooLong);
        }
        let name_native = self.name_native.trim().to_owned();
        let name_latin = self.name_latin.trim().to_owned();
        // A badge needs a name staff can read; the native one is optional
        // for people whose name is written in Latin script anyway.
        if name_latin.is_empty() {
            v.add(&field("name_latin"), ErrorCode::Required);
        }
        let email = v.check(&field("email"), normalize_email(&self.email));
        let phone = v.check(&field("phone"), check_phone(&self.phone));
        let category = v.check(&field("category"), Category::parse(&self.category));
        let languages = v.check(
            &field("languages"),
            parse_languages(&self.languages).and_then(|codes| {
                if codes.len() > LANGUAGES_MAX {
                    Err(ErrorCode::TooLong)
                } else {
                    Ok(codes)
                }
            }),
        );
        let arrival = v.check(&field("arrival"), parse_moment(&self.arrival));
        let departure = v.check(&field("departure"), parse_moment(&self.departure));
        if let (Some(Some(a)), Some(Some(d))) = (arrival, departure)
            && d < a
        {
            v.add(&field("departure"), ErrorCode::DepartureBeforeArrival);
        }
        let interpretation = Some(self.interpretation.trim().to_owned()).filter(|s| !s.is_empty());
        Some(Person {
            name_native,
            name_latin,
            honorific: self.honorific.trim().to_owned(),
            position: self.position.trim().to_owned(),
            organization: self.organization.trim().to_owned(),
            email: email?,
            phone: phone?,
            category: category?,
            languages: languages?,
            interpretation,
            dietary: self.dietary.trim().to_owned(),
            access: self.access.trim().to_owned(),
            arrival: arrival?,
            departure: departure?,
        })
    }
}

/// A delegation as submitted: the person filling the form, then the
/// members they register with them. Only `parse_delegation` makes one, so
/// holding one proves the submission's rules hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delegation {
    head: Person,
    members: Vec<Person>,
}

impl Delegation {
    /// How many people it registers, the head included.
    pub fn size(&self) -> usize {
        1 + self.members.len()
    }

    /// The head and the members.
    pub fn into_people(self) -> (Person, Vec<Person>) {
        (self.head, self.members)
    }
}

/// Checks a whole submission, reporting every bad field at once: consent
/// is required, e-mails must differ within it, and only the first person
/// may be head of delegation.
pub fn parse_delegation(
    head: &PersonForm,
    members: &[PersonForm],
    consent: bool,
) -> Result<Delegation, AppError> {
    let mut v = Validator::new();
    if !consent {
        v.add("consent", ErrorCode::ConsentRequired);
    }
    if members.len() + 1 > MEMBERS_MAX {
        // Refused before anything else is read: nobody may make the server
        // check, store and mail thousands of people in one request.
        return Err(AppError::field("members", ErrorCode::DelegationTooLarge));
    }
    let head = head.parse("", &mut v);
    let mut people = Vec::new();
    for (i, member) in members.iter().enumerate() {
        let prefix = format!("members.{i}.");
        if let Some(person) = member.parse(&prefix, &mut v) {
            if person.category == Category::HeadOfDelegation {
                v.add(
                    &format!("{prefix}category"),
                    ErrorCode::OneHeadPerDelegation,
                );
            }
            people.push((prefix, person));
        }
    }
    let mut emails = HashSet::new();
    if let Some(head) = &head {
        emails.insert(head.email.clone());
    }
    for (prefix, person) in &people {
        if !emails.insert(person.email.clone()) {
            v.add(&format!("{prefix}email"), ErrorCode::EmailRepeated);
        }
    }
    v.finish()?;
    Ok(Delegation {
        head: validated(head)?,
        members: people.into_iter().map(|(_, p)| p).collect(),
    })
}

/// The status of a new registration: approval stays with the registrars,
/// but past the category's capacity it goes straight to the waitlist.
pub fn initial_status(capacity: Option<u32>, taken: u32) -> RegistrationStatus {
    match capacity {
        Some(capacity) if taken >= capacity => RegistrationStatus::Waitlisted,
        _ => RegistrationStatus::Submitted,
    }
}

/// What a registrar's approval vouches for: the visa letter and the badge
/// print these, so a change to any of them after approval is reviewed.
pub const REVIEWED_FIELDS: [&str; 6] = [
    "name_native",
    "name_latin",
    "honorific",
    "position",
    "organization",
    "category",
];

/// After an edit of a registration that was approved: for each reviewed
/// field whose new value differs from the approved one, the approved
/// value. `approved` holds approved values already displaced by earlier
/// edits; a field not in it was approved as it was before this edit
/// (`old`). Changing a field back to its approved value drops it.
pub fn approved_values_after_edit(
    approved: &BTreeMap<String, String>,
    old: &BTreeMap<&'static str, String>,
    new: &BTreeMap<&'static str, String>,
) -> BTreeMap<String, String> {
    REVIEWED_FIELDS
        .iter()
        .filter_map(|field| {
            let approved_value = approved
                .get(*field)
                .or_else(|| old.get(field))
                .cloned()
                .unwrap_or_default();
            let now = new.get(field).cloned().unwrap_or_default();
            (now != approved_value).then(|| (field.to_string(), approved_value))
        })
        .collect()
}

/// Whether the edition takes registrations on `today` (in its own time
/// zone): its status must say so and today must be inside the window.
pub fn registration_window(
    status: EditionStatus,
    opens_on: Option<NaiveDate>,
    closes_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(), ErrorCode> {
    if status != EditionStatus::RegistrationOpen {
        return Err(ErrorCode::RegistrationClosed);
    }
    if opens_on.is_some_and(|opens| today < opens) {
        return Err(ErrorCode::RegistrationNotOpenYet);
    }
    if closes_on.is_some_and(|closes| today > closes) {
        return Err(ErrorCode::RegistrationClosed);
    }
    Ok(())
}

/// The last day delegates may change their registration: the one set,
/// or the day before the edition starts.
pub fn edit_deadline(set: Option<NaiveDate>, start_date: NaiveDate) -> NaiveDate {
    set.unwrap_or_else(|| start_date.pred_opt().unwrap_or(start_date))
}

/// Which decisions a registration in `from` can take. Cancelled ones are
/// the delegate's own choice and stay cancelled.
pub fn check_decision(from: RegistrationStatus, decision: Decision) -> Result<(), ErrorCode> {
    use RegistrationStatus::*;
    match (from, decision) {
        (Cancelled, _) => Err(ErrorCode::RegistrationCancelled),
        (from, decision) if from == decision.status() => Err(ErrorCode::AlreadyDecided),
        _ => Ok(()),
    }
}

/// A decline needs a reason the delegate will read; other decisions take
/// none.
pub fn decision_reason(decision: Decision, reason: &str) -> Result<Option<String>, AppError> {
    let reason = reason.trim();
    match decision {
        Decision::Decline | Decision::Cancel if reason.is_empty() => {
            Err(AppError::field("reason", ErrorCode::Required))
        }
        Decision::Decline | Decision::Cancel => Ok(Some(reason.to_owned())),
        _ => Ok(None),
    }
}

/// Checked registration settings (made by `SettingsForm::parse` only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    opens_on: Option<NaiveDate>,
    closes_on: Option<NaiveDate>,
    edit_deadline: Option<NaiveDate>,
    invite_only: bool,
    capacities: Vec<(Category, u32)>,
}

impl Settings {
    pub fn opens_on(&self) -> Option<NaiveDate> {
        self.opens_on
    }

    pub fn closes_on(&self) -> Option<NaiveDate> {
        self.closes_on
    }

    pub fn edit_deadline(&self) -> Option<NaiveDate> {
        self.edit_deadline
    }

    pub fn invite_only(&self) -> bool {
        self.invite_only
    }

    /// Places per capped category.
    pub fn capacities(&self) -> &[(Category, u32)] {
        &self.capacities
    }
}

fn parse_capacity(text: &str) -> Result<Option<u32>, ErrorCode> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<u32>()
        .ok()
        .filter(|n| *n <= 100_000)
        .map(Some)
        .ok_or(ErrorCode::InvalidCapacity)
}

impl SettingsForm {
    pub fn parse(&self) -> Result<Settings, AppError> {
        let mut v = Validator::new();
        let opens_on = v.check("opens_on", parse_optional_date(&self.opens_on));
        let closes_on = v.check("closes_on", parse_optional_date(&self.closes_on));
        let edit_deadline = v.check("edit_deadline", parse_optional_date(&self.edit_deadline));
        if let (Some(Some(opens)), Some(Some(closes))) = (opens_on, closes_on)
            && closes < opens
        {
            v.add("closes_on", ErrorCode::ClosesBeforeOpens);
        }
        let mut capacities = Vec::new();
        for (category, capacity) in &self.capacities {
            let field = format!("capacity.{category}");
            let category = v.check(&field, Category::parse(category));
            if let (Some(category), Some(Some(capacity))) =
                (category, v.check(&field, parse_capacity(capacity)))
            {
                capacities.push((category, capacity));
            }
        }
        v.finish()?;
        Ok(Settings {
            opens_on: opens_on.flatten(),
            closes_on: closes_on.flatten(),
            edit_deadline: edit_deadline.flatten(),
            invite_only: self.invite_only,
            capacities,
        })
    }
}

/// Whether a registration matches a search key (see
/// `directory::service::search_key`): any of its names, organization or
/// e-mail contains it.
pub fn matches_search(view: &RegistrationView, key: &str, fold: impl Fn(&str) -> String) -> bool {
    key.is_empty()
        || [
            &view.name_native,
            &view.name_latin,
            &view.organization,
            &view.email,
        ]
        .iter()
        .any(|text| fold(text).contains(key))
}

/// Statuses that hold a place in a category or an invitation.
pub const HOLDING_A_PLACE: [RegistrationStatus; 2] =
    [RegistrationStatus::Submitted, RegistrationStatus::Approved];

/// Counts an edition's registrations for the dashboard. `caps` are the
/// capped categories; `invitations` is (made, used).
pub fn summarize(
    rows: &[SummaryRow],
    caps: &[(Category, u32)],
    invitations: (u32, u32),
) -> RegistrationSummary {
    let count = |keep: &dyn Fn(&SummaryRow) -> bool| {
        u32::try_from(rows.iter().filter(|row| keep(row)).count()).unwrap_or(u32::MAX)
    };
    let active: Vec<&SummaryRow> = rows
        .iter()
        .filter(|row| row.status != RegistrationStatus::Cancelled)
        .collect();
    let delegations: HashSet<i64> = active.iter().filter_map(|row| row.delegation_id).collect();
    let members: HashSet<i64> = active.iter().filter_map(|row| row.member_id).collect();
    let waiting = rows
        .iter()
        .filter(|row| row.status == RegistrationStatus::Submitted);
    RegistrationSummary {
        by_status: RegistrationStatus::ALL
            .into_iter()
            .map(|status| (status, count(&|row| row.status == status)))
            .collect(),
        approved_by_category: Category::ALL
            .into_iter()
            .map(|category| {
                let approved = count(&|row| {
                    row.category == category && row.status == RegistrationStatus::Approved
                });
                (category, approved)
            })
            .filter(|(_, approved)| *approved > 0)
            .collect(),
        capacity: Category::ALL
            .into_iter()
            .filter_map(|category| {
                let cap = caps.iter().find(|(c, _)| *c == category)?.1;
                let held =
                    count(&|row| row.category == category && HOLDING_A_PLACE.contains(&row.status));
                Some((category, cap, held))
            })
            .collect(),
        delegations: u32::try_from(delegations.len()).unwrap_or(u32::MAX),
        members_represented: u32::try_from(members.len()).unwrap_or(u32::MAX),
        waiting_review: u32::try_from(waiting.clone().count()).unwrap_or(u32::MAX),
        oldest_waiting: waiting.map(|row| row.created_at).min(),
        changed_since_approval: count(&|row| {
            row.status == RegistrationStatus::Approved && row.changed_since_approval
        }),
        invitations: invitations.0,
        invitations_used: invitations.1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mayor() -> PersonForm {
        PersonForm {
            name_native: "李华".into(),
            name_latin: "Li Hua".into(),
            honorific: "H.E.".into(),
            position: "Mayor".into(),
            organization: "Quanzhou Municipal Government".into(),
            email: "Li.Hua@Quanzhou.gov.cn".into(),
            category: "head_of_delegation".into(),
            languages: "zh, EN".into(),
            arrival: "2027-11-01T14:30".into(),
            departure: "2027-11-05T09:00".into(),
            ..Default::default()
        }
    }

    fn member(email: &str) -> PersonForm {
        PersonForm {
            name_latin: "Chen Jing".into(),
            email: email.into(),
            category: "delegate".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_mayor_with_two_members_parses() {
        let d = parse_delegation(
            &mayor(),
            &[
                member("chen@quanzhou.gov.cn"),
                member("wang@quanzhou.gov.cn"),
            ],
            true,
        )
        .unwrap();
        assert_eq!(d.head.email, "li.hua@quanzhou.gov.cn");
        assert_eq!(d.head.languages, vec!["zh", "en"]);
        assert_eq!(d.members.len(), 2);
    }

    #[test]
    fn every_problem_is_reported_beside_its_row() {
        let mut bad = member("chen@quanzhou.gov.cn");
        bad.category = "head_of_delegation".into();
        let mut late = mayor();
        late.departure = "2027-10-30T10:00".into();
        let err = parse_delegation(
            &late,
            &[
                member("li.hua@quanzhou.gov.cn"),
                bad,
                member("not-an-email"),
            ],
            false,
        )
        .unwrap_err();
        assert_eq!(
            err.field_messages("consent"),
            vec![ErrorCode::ConsentRequired]
        );
        assert_eq!(
            err.field_messages("departure"),
            vec![ErrorCode::DepartureBeforeArrival]
        );
        assert_eq!(
            err.field_messages("members.0.email"),
            vec![ErrorCode::EmailRepeated]
        );
        assert_eq!(
            err.field_messages("members.1.category"),
            vec![ErrorCode::OneHeadPerDelegation]
        );
        assert_eq!(
            err.field_messages("members.2.email"),
            vec![ErrorCode::InvalidEmail]
        );
    }

    #[test]
    fn languages_are_two_letter_codes() {
        assert_eq!(parse_languages("ar;fr ar").unwrap(), vec!["ar", "fr"]);
        assert!(parse_languages("Chinese").is_err());
        assert_eq!(parse_languages("").unwrap(), Vec::<String>::new());
    }

    #[test]
    fn past_capacity_a_registration_waits() {
        assert_eq!(initial_status(None, 900), RegistrationStatus::Submitted);
        assert_eq!(initial_status(Some(10), 9), RegistrationStatus::Submitted);
        assert_eq!(initial_status(Some(10), 10), RegistrationStatus::Waitlisted);
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn registration_opens_and_closes_with_its_window() {
        let open = EditionStatus::RegistrationOpen;
        let (opens, closes) = (Some(day("2027-03-01")), Some(day("2027-09-30")));
        assert_eq!(
            registration_window(open, opens, closes, day("2027-02-28")),
            Err(ErrorCode::RegistrationNotOpenYet)
        );
        assert_eq!(
            registration_window(open, opens, closes, day("2027-03-01")),
            Ok(())
        );
        assert_eq!(
            registration_window(open, opens, closes, day("2027-09-30")),
            Ok(())
        );
        assert_eq!(
            registration_window(open, opens, closes, day("2027-10-01")),
            Err(ErrorCode::RegistrationClosed)
        );
        assert_eq!(
            registration_window(EditionStatus::Planning, None, None, day("2027-05-01")),
            Err(ErrorCode::RegistrationClosed)
        );
    }

    #[test]
    fn delegates_edit_until_the_day_before_unless_set() {
        assert_eq!(edit_deadline(None, day("2027-11-02")), day("2027-11-01"));
        assert_eq!(
            edit_deadline(Some(day("2027-10-15")), day("2027-11-02")),
            day("2027-10-15")
        );
    }

    #[test]
    fn decisions_follow_the_status() {
        use RegistrationStatus::*;
        assert!(check_decision(Submitted, Decision::Approve).is_ok());
        assert!(check_decision(Waitlisted, Decision::Approve).is_ok());
        assert!(check_decision(Approved, Decision::Decline).is_ok());
        assert_eq!(
            check_decision(Approved, Decision::Approve),
            Err(ErrorCode::AlreadyDecided)
        );
        assert_eq!(
            check_decision(Cancelled, Decision::Approve),
            Err(ErrorCode::RegistrationCancelled)
        );
        assert_eq!(
            decision_reason(Decision::Decline, "  ")
                .unwrap_err()
                .field_messages("reason"),
            vec![ErrorCode::Required]
        );
        assert_eq!(decision_reason(Decision::Approve, "x").unwrap(), None);
    }

    #[test]
    fn settings_report_each_bad_field() {
        let form = SettingsForm {
            opens_on: "2027-05-01".into(),
            closes_on: "2027-04-01".into(),
            edit_deadline: "soon".into(),
            invite_only: true,
            capacities: vec![
                ("press".into(), "40".into()),
                ("delegate".into(), "".into()),
                ("speaker".into(), "-3".into()),
            ],
        };
        let err = form.parse().unwrap_err();
        assert_eq!(
            err.field_messages("closes_on"),
            vec![ErrorCode::ClosesBeforeOpens]
        );
        assert_eq!(
            err.field_messages("edit_deadline"),
            vec![ErrorCode::InvalidDate]
        );
        assert_eq!(
            err.field_messages("capacity.speaker"),
            vec![ErrorCode::InvalidCapacity]
        );
        let mut fixed = form.clone();
        fixed.closes_on = "2027-09-30".into();
        fixed.edit_deadline = String::new();
        fixed.capacities.pop();
        let settings = fixed.parse().unwrap();
        assert_eq!(settings.capacities, vec![(Category::Press, 40)]);
        assert!(settings.invite_only);
    }

    #[test]
    fn a_change_after_approval_keeps_the_approved_values_until_reverted() {
        let fields = |name: &str, category: &str| {
            let mut m = BTreeMap::new();
            for field in REVIEWED_FIELDS {
                m.insert(field, String::new());
            }
            m.insert("name_latin", name.to_owned());
            m.insert("category", category.to_owned());
            m
        };
        let approved = fields("Alice", "delegate");
        let renamed = fields("Bob", "staff");
        let first = approved_values_after_edit(&BTreeMap::new(), &approved, &renamed);
        assert_eq!(
            first,
            BTreeMap::from([
                ("category".to_owned(), "delegate".to_owned()),
                ("name_latin".to_owned(), "Alice".to_owned()),
            ])
        );
        // A second edit before the review: still compared with Alice.
        let again = approved_values_after_edit(&first, &renamed, &fields("Carol", "staff"));
        assert_eq!(again["name_latin"], "Alice");
        // Back to what was approved: nothing left to review.
        let back = approved_values_after_edit(&again, &fields("Carol", "staff"), &approved);
        assert!(back.is_empty());
    }

    #[test]
    fn the_summary_counts_people_places_and_delegations() {
        use chrono::{TimeZone, Utc};
        let at = |day| Utc.with_ymd_and_hms(2027, 9, day, 8, 0, 0).unwrap();
        let row = |status, category, delegation: Option<i64>, day| SummaryRow {
            status,
            category,
            member_id: delegation.map(|d| d * 10),
            delegation_id: delegation,
            created_at: at(day),
            changed_since_approval: false,
        };
        use Category::*;
        use RegistrationStatus::*;
        let mut rows = vec![
            row(Approved, HeadOfDelegation, Some(1), 1),
            row(Approved, Delegate, Some(1), 2),
            row(Submitted, Press, Some(2), 5),
            row(Submitted, Delegate, Some(2), 3),
            row(Waitlisted, Press, Some(2), 4),
            // A delegation whose only person cancelled is not counted.
            row(Cancelled, Delegate, Some(3), 1),
            row(Declined, Observer, None, 6),
        ];
        rows[1].changed_since_approval = true;
        let summary = summarize(&rows, &[(Press, 1)], (3, 1));
        assert_eq!(
            summary.by_status,
            vec![
                (Submitted, 2),
                (Approved, 2),
                (Waitlisted, 1),
                (Declined, 1),
                (Cancelled, 1)
            ]
        );
        assert_eq!(
            summary.approved_by_category,
            vec![(HeadOfDelegation, 1), (Delegate, 1)]
        );
        // The waitlisted journalist holds no place.
        assert_eq!(summary.capacity, vec![(Press, 1, 1)]);
        assert_eq!((summary.delegations, summary.members_represented), (2, 2));
        assert_eq!(summary.waiting_review, 2);
        assert_eq!(summary.oldest_waiting, Some(at(3)));
        assert_eq!(summary.changed_since_approval, 1);
        assert_eq!((summary.invitations, summary.invitations_used), (3, 1));
    }

    #[test]
    fn phones_need_their_country_code() {
        assert_eq!(check_phone("  "), Ok(String::new()));
        for bad in ["0595 2218 8888", "+1", "+86 abc", "call me"] {
            assert_eq!(check_phone(bad), Err(ErrorCode::InvalidPhone), "{bad}");
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_server_checks_the_numbering_plan_and_writes_numbers_one_way() {
        assert_eq!(
            check_phone("+1 (650) 253-0000"),
            Ok("+1 650-253-0000".to_owned())
        );
        assert_eq!(
            check_phone("+8613800138000"),
            Ok("+86 138 0013 8000".to_owned())
        );
        // The right shape, but no such number in the plan.
        assert_eq!(check_phone("+1 000 000 0000"), Err(ErrorCode::InvalidPhone));
    }
}
