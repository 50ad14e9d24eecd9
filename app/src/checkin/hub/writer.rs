//! The group writer: the scans that wait, written in one transaction.

use super::*;

/// The writer: takes whatever jobs wait (up to `GROUP_MAX` scans, or one
/// upload that is larger alone) and writes them in one transaction.
pub(super) async fn write_groups(
    db: DatabaseConnection,
    mut queue: mpsc::Receiver<Job>,
    changes: Arc<Changes>,
    revoked: Arc<Mutex<HashSet<i64>>>,
) {
    // A job taken from the queue that did not fit the last group.
    let mut next: Option<Job> = None;
    loop {
        let first = match next.take() {
            Some(job) => job,
            None => match queue.recv().await {
                Some(job) => job,
                None => return,
            },
        };
        let mut scans = first.items.len();
        let mut jobs = vec![first];
        while scans < GROUP_MAX {
            match queue.try_recv() {
                Ok(job) if scans + job.items.len() > GROUP_MAX => {
                    next = Some(job);
                    break;
                }
                Ok(job) => {
                    scans += job.items.len();
                    jobs.push(job);
                }
                Err(_) => break,
            }
        }
        // A device revoked while its scans waited is refused, not written.
        let jobs = refuse_revoked(&revoked, jobs);
        if jobs.is_empty() {
            continue;
        }
        match write_group(&db, &jobs).await {
            Ok((answers, arrived_at)) => {
                for (job, answers) in jobs.into_iter().zip(answers) {
                    let _ = job.reply.send(Ok(answers));
                }
                for edition_id in arrived_at {
                    changes.announce(edition_id);
                }
            }
            Err(err) => {
                tracing::error!(error = %err, scans, "check-in: a group of scans was not written");
                for job in jobs {
                    let _ = job.reply.send(Err(err.clone()));
                }
            }
        }
    }
}

/// Answers the jobs of devices revoked since they were authenticated with
/// 401, and returns the others.
fn refuse_revoked(revoked: &Mutex<HashSet<i64>>, jobs: Vec<Job>) -> Vec<Job> {
    let revoked = unpoisoned(revoked);
    let (refused, kept): (Vec<Job>, Vec<Job>) = jobs
        .into_iter()
        .partition(|j| revoked.contains(&j.device.id));
    for job in refused {
        let _ = job.reply.send(Err(AppError::Unauthorized));
    }
    kept
}

/// Rows per INSERT and values per IN list: far below SQLite's 32,766
/// bound variables and PostgreSQL's 65,535, whatever the group's size.
const CHUNK: usize = 256;

type ArrivalKey = (i64, String, i64);

/// Writes one group: answers per job, and the editions someone arrived at.
async fn write_group(
    db: &DatabaseConnection,
    jobs: &[Job],
) -> Result<(Vec<Vec<ScanAnswer>>, HashSet<i64>), AppError> {
    let txn = db.begin().await?;
    // The ids seen before, per device, a bounded list at a time (one
    // condition per scan once made SQLite's expression tree too deep).
    let mut ids_of: HashMap<i64, Vec<String>> = HashMap::new();
    for job in jobs {
        ids_of
            .entry(job.device.id)
            .or_default()
            .extend(job.items.iter().map(|p| p.client_id.clone()));
    }
    let mut earlier_scans: HashMap<(i64, String), scan::Model> = HashMap::new();
    for (device_id, ids) in &ids_of {
        for chunk in ids.chunks(CHUNK) {
            let rows = scan::Entity::find()
                .filter(scan::Column::DeviceId.eq(*device_id))
                .filter(scan::Column::ClientId.is_in(chunk.iter().cloned()))
                .all(&txn)
                .await?;
            earlier_scans.extend(
                rows.into_iter()
                    .map(|s| ((s.device_id, s.client_id.clone()), s)),
            );
        }
    }
    // Who is on the lists already: the welcome scans' people per edition,
    // a bounded list at a time; their other lists are dropped here.
    let mut wanted: HashSet<ArrivalKey> = HashSet::new();
    let mut people_of: HashMap<i64, HashSet<i64>> = HashMap::new();
    for job in jobs {
        for p in &job.items {
            if let (ScanOutcome::Welcome, Some(h)) = (p.outcome, &p.holder) {
                wanted.insert((job.device.edition_id, p.list.to_string(), h.id));
                people_of
                    .entry(job.device.edition_id)
                    .or_default()
                    .insert(h.id);
            }
        }
    }
    let mut arrivals: HashMap<ArrivalKey, (chrono::DateTime<chrono::Utc>, i64)> = HashMap::new();
    for (edition_id, people) in people_of {
        let people: Vec<i64> = people.into_iter().collect();
        for chunk in people.chunks(CHUNK) {
            let rows = arrival::Entity::find()
                .filter(arrival::Column::EditionId.eq(edition_id))
                .filter(arrival::Column::RegistrationId.is_in(chunk.iter().copied()))
                .all(&txn)
                .await?;
            for a in rows {
                let key = (a.edition_id, a.list_key, a.registration_id);
                if wanted.contains(&key) {
                    arrivals.insert(key, (a.arrived_at, a.device_id));
                }
            }
        }
    }
    let mut names: HashMap<i64, String> = jobs
        .iter()
        .map(|j| (j.device.id, j.device.name.clone()))
        .collect();
    let missing: HashSet<i64> = arrivals
        .values()
        .map(|(_, d)| *d)
        .filter(|d| !names.contains_key(d))
        .collect();
    if !missing.is_empty() {
        names.extend(device_names(&txn, missing).await?);
    }

    let recorded_at = now();
    let mut new_scans = Vec::new();
    let mut new_arrivals = Vec::new();
    let mut arrived_at = HashSet::new();
    let mut all_answers = Vec::with_capacity(jobs.len());
    for job in jobs {
        let mut answers = Vec::with_capacity(job.items.len());
        for p in &job.items {
            let person = p.holder.as_ref().map(|h| {
                person(
                    h,
                    match p.list {
                        ListKey::Session(id) if p.has_place => vec![id],
                        _ => Vec::new(),
                    },
                )
            });
            let id_key = (job.device.id, p.client_id.clone());
            if let Some(first) = earlier_scans.get(&id_key) {
                answers.push(ScanAnswer {
                    client_id: p.client_id.clone(),
                    light: first.light,
                    outcome: first.outcome,
                    reason: domain::reason(first.outcome).to_owned(),
                    person,
                    earlier: None,
                    warning: None,
                    counted: first.counted,
                    flagged: first.flagged,
                    duplicate: true,
                });
                continue;
            }
            let (outcome, warning, earlier) = match (p.outcome, &p.holder) {
                (ScanOutcome::Welcome, Some(h)) => {
                    let key = (job.device.edition_id, p.list.to_string(), h.id);
                    let before = arrivals.get(&key).cloned();
                    let (outcome, warning) =
                        domain::on_list(before.is_some(), p.invitation_only, p.has_place);
                    if before.is_none() {
                        arrived_at.insert(key.0);
                        arrivals.insert(key.clone(), (p.at, job.device.id));
                        new_arrivals.push(arrival::ActiveModel {
                            edition_id: Set(key.0),
                            list_key: Set(key.1),
                            registration_id: Set(key.2),
                            device_id: Set(job.device.id),
                            client_id: Set(p.client_id.clone()),
                            arrived_at: Set(p.at),
                        });
                    }
                    let earlier = before.map(|(at, device_id)| Earlier {
                        at,
                        device_name: names.get(&device_id).cloned().unwrap_or_default(),
                    });
                    (outcome, warning, earlier)
                }
                (outcome, _) => (outcome, None, None),
            };
            let light = domain::light_of(outcome);
            let counted = outcome == ScanOutcome::Welcome;
            let flagged = domain::flagged(p.offline_light, light);
            let row = scan::Model {
                id: 0,
                edition_id: job.device.edition_id,
                device_id: job.device.id,
                client_id: p.client_id.clone(),
                list_key: p.list.to_string(),
                registration_id: p.holder.as_ref().map(|h| h.id),
                method: p.method,
                outcome,
                light,
                counted,
                flagged,
                staff: p.staff.clone(),
                scanned_at: p.at,
                recorded_at,
                undone_at: None,
                undo_reason: None,
            };
            // Every column but the id, which the database gives.
            new_scans.push(scan::ActiveModel {
                id: NotSet,
                ..row.clone().into_active_model()
            });
            earlier_scans.insert(id_key, row);
            answers.push(ScanAnswer {
                client_id: p.client_id.clone(),
                light,
                outcome,
                reason: domain::reason(outcome).to_owned(),
                person,
                earlier,
                warning,
                counted,
                flagged,
                duplicate: false,
            });
        }
        all_answers.push(answers);
    }
    let mut new_scans = new_scans.into_iter().peekable();
    while new_scans.peek().is_some() {
        scan::Entity::insert_many(new_scans.by_ref().take(CHUNK).collect::<Vec<_>>())
            .on_conflict(
                OnConflict::columns([scan::Column::DeviceId, scan::Column::ClientId])
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(&txn)
            .await?;
    }
    let mut new_arrivals = new_arrivals.into_iter().peekable();
    while new_arrivals.peek().is_some() {
        arrival::Entity::insert_many(new_arrivals.by_ref().take(CHUNK).collect::<Vec<_>>())
            .on_conflict(
                OnConflict::columns([
                    arrival::Column::EditionId,
                    arrival::Column::ListKey,
                    arrival::Column::RegistrationId,
                ])
                .do_nothing()
                .to_owned(),
            )
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok((all_answers, arrived_at))
}
