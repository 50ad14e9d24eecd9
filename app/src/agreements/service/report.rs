//! What coordinators read: the follow-up dashboard (overdue, due in the
//! next 30 days, by committee, party and edition) and the outcome report
//! of an edition (what came of the agreements signed there), as data, CSV
//! and PDF. Both read narrow columns of every row once and count in
//! memory: a few thousand agreements and tens of thousands of activities
//! are a few hundred kilobytes.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
};

use super::{Names, parties_of};
use crate::agreements::domain::{self, Outcome};
use crate::agreements::entity::{activity, agreement, party, signing};
use crate::agreements::types::{
    ActivityStatus, AgreementStatus, Dashboard, DueActivity, GroupCounts, OutcomeLine,
    OutcomeReport, StatusCount,
};
use crate::error::AppError;

/// Rows listed in each of the dashboard's two lists.
const LISTED: usize = 100;

type ActivityRow = (i64, i64, i64, NaiveDate, ActivityStatus);

#[derive(Default, Clone)]
struct Counts {
    agreements: HashSet<i64>,
    open: u32,
    overdue: u32,
    due_soon: u32,
}

impl Counts {
    fn add(&mut self, status: ActivityStatus, due_on: NaiveDate, today: NaiveDate) {
        if domain::is_open(status) {
            self.open += 1;
        }
        if domain::is_overdue(status, due_on, today) {
            self.overdue += 1;
        }
        if domain::is_due_soon(status, due_on, today) {
            self.due_soon += 1;
        }
    }
}

fn groups(
    counts: HashMap<Option<i64>, Counts>,
    name: impl Fn(Option<i64>) -> String,
) -> Vec<GroupCounts> {
    let mut out: Vec<GroupCounts> = counts
        .into_iter()
        .map(|(id, c)| GroupCounts {
            id,
            name: name(id),
            names: Default::default(),
            agreements: c.agreements.len() as u32,
            open: c.open,
            overdue: c.overdue,
            due_soon: c.due_soon,
        })
        .collect();
    // The most overdue first, then by name.
    out.sort_by(|a, b| b.overdue.cmp(&a.overdue).then_with(|| a.name.cmp(&b.name)));
    out
}

pub async fn dashboard(db: &impl ConnectionTrait, today: NaiveDate) -> Result<Dashboard, AppError> {
    let agreements: Vec<(i64, AgreementStatus, Option<i64>, Option<i64>)> =
        agreement::Entity::find()
            .select_only()
            .columns([
                agreement::Column::Id,
                agreement::Column::Status,
                agreement::Column::CommitteeId,
                agreement::Column::EditionId,
            ])
            .into_tuple()
            .all(db)
            .await?;
    let activities: Vec<ActivityRow> = activity::Entity::find()
        .select_only()
        .columns([
            activity::Column::Id,
            activity::Column::AgreementId,
            activity::Column::OwnerPartyId,
            activity::Column::DueOn,
            activity::Column::Status,
        ])
        .into_tuple()
        .all(db)
        .await?;
    let parties: Vec<(i64, i64, Option<i64>, Option<i64>)> = party::Entity::find()
        .select_only()
        .columns([
            party::Column::Id,
            party::Column::AgreementId,
            party::Column::MemberId,
            party::Column::CouncilMemberId,
        ])
        .into_tuple()
        .all(db)
        .await?;
    let names = Names::load(db).await?;

    let mut by_status: BTreeMap<AgreementStatus, u32> = BTreeMap::new();
    let mut by_committee: HashMap<Option<i64>, Counts> = HashMap::new();
    let mut by_edition: HashMap<Option<i64>, Counts> = HashMap::new();
    // Parties are keyed by member, Business Council members negated.
    let mut by_party: HashMap<Option<i64>, Counts> = HashMap::new();
    let mut of_agreement: HashMap<i64, (Option<i64>, Option<i64>)> = HashMap::new();
    for (id, status, committee, edition) in &agreements {
        *by_status.entry(*status).or_default() += 1;
        by_committee
            .entry(*committee)
            .or_default()
            .agreements
            .insert(*id);
        by_edition
            .entry(*edition)
            .or_default()
            .agreements
            .insert(*id);
        // Activities count while their agreement is carried out (a
        // finished, lapsed or terminated one has nothing left to chase, as
        // for reminders).
        if domain::takes_activities(*status) {
            of_agreement.insert(*id, (*committee, *edition));
        }
    }
    let party_key = |member: Option<i64>, council: Option<i64>| member.or(council.map(|c| -c));
    let mut key_of_party: HashMap<i64, Option<i64>> = HashMap::new();
    for (id, agreement_id, member, council) in &parties {
        let key = party_key(*member, *council);
        key_of_party.insert(*id, key);
        by_party
            .entry(key)
            .or_default()
            .agreements
            .insert(*agreement_id);
    }
    let mut overdue: Vec<&ActivityRow> = Vec::new();
    let mut due_soon: Vec<&ActivityRow> = Vec::new();
    for row in &activities {
        let (_, agreement_id, owner, due_on, status) = *row;
        let Some((committee, edition)) = of_agreement.get(&agreement_id) else {
            continue;
        };
        by_committee
            .entry(*committee)
            .or_default()
            .add(status, due_on, today);
        by_edition
            .entry(*edition)
            .or_default()
            .add(status, due_on, today);
        if let Some(key) = key_of_party.get(&owner) {
            by_party.entry(*key).or_default().add(status, due_on, today);
        }
        if domain::is_overdue(status, due_on, today) {
            overdue.push(row);
        } else if domain::is_due_soon(status, due_on, today) {
            due_soon.push(row);
        }
    }
    let (overdue_total, due_soon_total) = (overdue.len() as u32, due_soon.len() as u32);
    overdue.sort_by_key(|r| (r.3, r.0));
    due_soon.sort_by_key(|r| (r.3, r.0));
    overdue.truncate(LISTED);
    due_soon.truncate(LISTED);
    let listed = due_list(db, &names, overdue.iter().chain(&due_soon).map(|r| **r)).await?;
    let pick = |rows: &[&ActivityRow]| -> Vec<DueActivity> {
        rows.iter()
            .filter_map(|r| listed.iter().find(|d| d.id == r.0).cloned())
            .collect()
    };
    Ok(Dashboard {
        today,
        overdue_total,
        due_soon_total,
        overdue: pick(&overdue),
        due_soon: pick(&due_soon),
        by_status: by_status
            .into_iter()
            .map(|(status, count)| StatusCount { status, count })
            .collect(),
        by_committee: groups(by_committee, |id| names.committee(id))
            .into_iter()
            // Committees are named in the other languages too.
            .map(|group| GroupCounts {
                names: names.committee_names(group.id),
                ..group
            })
            .collect(),
        by_party: groups(by_party, |key| match key {
            Some(id) if id > 0 => names
                .members
                .get(&id)
                .map(|n| n.0.clone())
                .unwrap_or_default(),
            Some(id) => names.council.get(&-id).cloned().unwrap_or_default(),
            None => String::new(),
        }),
        by_edition: groups(by_edition, |id| {
            id.map(|id| names.edition(id)).unwrap_or_default()
        }),
    })
}

/// The listed activities with their titles, agreements and owners.
async fn due_list(
    db: &impl ConnectionTrait,
    names: &Names,
    rows: impl Iterator<Item = ActivityRow>,
) -> Result<Vec<DueActivity>, AppError> {
    let rows: Vec<ActivityRow> = rows.collect();
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let titles: HashMap<i64, String> = activity::Entity::find()
        .select_only()
        .columns([activity::Column::Id, activity::Column::Title])
        .filter(activity::Column::Id.is_in(rows.iter().map(|r| r.0)))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let agreement_ids: Vec<i64> = rows.iter().map(|r| r.1).collect();
    let agreement_titles: HashMap<i64, String> = agreement::Entity::find()
        .select_only()
        .columns([agreement::Column::Id, agreement::Column::Title])
        .filter(agreement::Column::Id.is_in(agreement_ids.iter().copied()))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let owners: HashMap<i64, party::Model> = party::Entity::find()
        .filter(party::Column::Id.is_in(rows.iter().map(|r| r.2)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    Ok(rows
        .iter()
        .map(|&(id, agreement_id, owner, due_on, status)| DueActivity {
            id,
            agreement_id,
            agreement: agreement_titles
                .get(&agreement_id)
                .cloned()
                .unwrap_or_default(),
            title: titles.get(&id).cloned().unwrap_or_default(),
            owner: owners
                .get(&owner)
                .map(|p| names.party(p).0)
                .unwrap_or_default(),
            due_on,
            status,
        })
        .collect())
}

/// What came of the agreements signed at an edition.
pub async fn outcome(
    db: &impl ConnectionTrait,
    edition_id: i64,
    today: NaiveDate,
) -> Result<OutcomeReport, AppError> {
    let edition = crate::editions::service::load_edition(db, edition_id).await?;
    let signings = signing::Entity::find()
        .filter(signing::Column::EditionId.eq(edition_id))
        .all(db)
        .await?;
    let signed_on: HashMap<i64, NaiveDate> = signings
        .iter()
        .map(|s| (s.agreement_id, s.signed_on))
        .collect();
    let mut agreements = agreement::Entity::find()
        .filter(agreement::Column::Id.is_in(signed_on.keys().copied()))
        .all(db)
        .await?;
    agreements.sort_by(|a, b| a.title.cmp(&b.title));
    let ids: Vec<i64> = agreements.iter().map(|a| a.id).collect();
    let activities: Vec<(i64, NaiveDate, Option<NaiveDate>, ActivityStatus)> =
        activity::Entity::find()
            .select_only()
            .columns([
                activity::Column::AgreementId,
                activity::Column::DueOn,
                activity::Column::DoneOn,
                activity::Column::Status,
            ])
            .filter(activity::Column::AgreementId.is_in(ids.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
    let names = Names::load(db).await?;
    let parties = parties_of(db, &ids).await?;
    let mut report = OutcomeReport {
        edition_id,
        edition: edition.model.title.clone(),
        today,
        signed: agreements.len() as u32,
        in_implementation: 0,
        completed: 0,
        lapsed: 0,
        terminated: 0,
        activities_done_on_time: 0,
        activities_done_late: 0,
        activities_open_on_track: 0,
        activities_overdue: 0,
        agreements: Vec::new(),
    };
    for a in &agreements {
        match a.status {
            AgreementStatus::InImplementation => report.in_implementation += 1,
            AgreementStatus::Completed => report.completed += 1,
            AgreementStatus::Lapsed => report.lapsed += 1,
            AgreementStatus::Terminated => report.terminated += 1,
            _ => {}
        }
        let mut line = OutcomeLine {
            id: a.id,
            title: a.title.clone(),
            status: a.status,
            committee: names.committee(a.committee_id),
            committee_names: names.committee_names(a.committee_id),
            parties: parties
                .get(&a.id)
                .map(|ps| ps.iter().map(|p| names.party(p).0).collect())
                .unwrap_or_default(),
            signed_on: signed_on.get(&a.id).copied(),
            activities: 0,
            done_on_time: 0,
            done_late: 0,
            overdue: 0,
        };
        for (_, due_on, done_on, status) in activities.iter().filter(|t| t.0 == a.id) {
            line.activities += 1;
            match domain::outcome(*status, *due_on, *done_on, today) {
                Outcome::DoneOnTime => {
                    line.done_on_time += 1;
                    report.activities_done_on_time += 1;
                }
                Outcome::DoneLate => {
                    line.done_late += 1;
                    report.activities_done_late += 1;
                }
                Outcome::Overdue => {
                    line.overdue += 1;
                    report.activities_overdue += 1;
                }
                Outcome::OnTrack => report.activities_open_on_track += 1,
                Outcome::Dropped => {}
            }
        }
        report.agreements.push(line);
    }
    Ok(report)
}

const CSV_HEADER: [&str; 10] = [
    "id",
    "title",
    "status",
    "committee",
    "parties",
    "signed_on",
    "activities",
    "done_on_time",
    "done_late",
    "overdue",
];

/// The outcome report as CSV (byte order mark, CRLF, no formulas).
pub fn outcome_csv(report: &OutcomeReport) -> Result<Vec<u8>, AppError> {
    use crate::spreadsheet::{BOM, safe_cell};
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.as_bytes().to_vec());
    out.write_record(CSV_HEADER).map_err(AppError::internal)?;
    for line in &report.agreements {
        out.write_record([
            line.id.to_string(),
            safe_cell(&line.title),
            line.status.as_str().to_owned(),
            safe_cell(&line.committee),
            safe_cell(&line.parties.join("; ")),
            line.signed_on.map(|d| d.to_string()).unwrap_or_default(),
            line.activities.to_string(),
            line.done_on_time.to_string(),
            line.done_late.to_string(),
            line.overdue.to_string(),
        ])
        .map_err(AppError::internal)?;
    }
    out.into_inner()
        .map_err(|err| AppError::internal(err.to_string()))
}

/// The agreement as a PDF: its two languages side by side, then the
/// signature page.
pub async fn agreement_pdf(db: &impl ConnectionTrait, id: i64) -> Result<Vec<u8>, AppError> {
    let view = super::drafting::get(db, id).await?;
    let today = crate::db::now().date_naive();
    // Setting a long text takes a while: off the async workers, bounded.
    crate::heavy::document(move || crate::agreements::pdf::agreement(&view, today)).await?
}

/// The outcome report's chart in `locale`.
pub fn outcome_chart(
    report: &OutcomeReport,
    locale: crate::i18n::Locale,
) -> crate::print::drawing::Chart {
    use crate::agreements::pdf::{OutcomeWords, outcome_chart};
    outcome_chart(report, &OutcomeWords::new(locale))
}

/// The outcome report as a PDF, its own words in `locale`, made under the
/// documents' gate.
pub async fn outcome_pdf(
    report: OutcomeReport,
    locale: crate::i18n::Locale,
) -> Result<Vec<u8>, AppError> {
    crate::heavy::document(move || {
        crate::agreements::pdf::outcome(&report, &outcome_chart(&report, locale), locale)
    })
    .await?
}

/// The edition dashboard's tile: agreements drafted for the edition,
/// ready to sign there, and signed there (whatever became of them since).
pub async fn tile(
    db: &impl ConnectionTrait,
    edition_id: i64,
) -> Result<crate::agreements::types::AgreementsTile, AppError> {
    let statuses: Vec<AgreementStatus> = agreement::Entity::find()
        .select_only()
        .column(agreement::Column::Status)
        .filter(agreement::Column::EditionId.eq(edition_id))
        .into_tuple()
        .all(db)
        .await?;
    let signed = signing::Entity::find()
        .filter(signing::Column::EditionId.eq(edition_id))
        .count(db)
        .await?;
    let mut tile = crate::agreements::types::AgreementsTile {
        signed: signed as u32,
        ..Default::default()
    };
    for status in statuses {
        match status {
            AgreementStatus::Draft | AgreementStatus::Negotiating => tile.drafting += 1,
            AgreementStatus::ReadyToSign => tile.ready_to_sign += 1,
            _ => {}
        }
    }
    Ok(tile)
}
