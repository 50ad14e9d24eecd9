//! The hot path of check-in (server only): device tokens, scans judged as
//! they arrive and written in groups. Whatever scans wait while one group
//! is written go into the next, in one transaction (group commit): the
//! database's single writer takes thousands a second, and every answer
//! still waits until its scan is stored.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel, NotSet,
    QueryFilter, Set, TransactionTrait,
};
use tokio::sync::{mpsc, oneshot, watch};

use super::domain;
use super::entity::{arrival, scan};
use super::service::{
    self, DeviceRef, RosterRow, device_names, device_of_token, person, places, roster_row,
    roster_rows, seen,
};
use super::types::*;
use crate::audit::Actor;
use crate::badges::domain::{HolderState, KeyState, judge};
use crate::credentials::code;
use crate::credentials::keys;
use crate::credentials::service::{find_key, list_keys, standing};
use crate::db::now;
use crate::editions::service::load_edition;
use crate::editions::types::EditionStatus;
use crate::error::AppError;
use crate::programme::entity::session;
use crate::programme::types::SessionStatus;
use crate::registration::types::RegistrationStatus;

/// How long a device's token is trusted without asking the database: a
/// revoked device is refused at once by this process, within this by
/// any other.
const DEVICE_FRESH: Duration = Duration::from_secs(5);
/// How long a roster is used before it is read again in the background.
const ROSTER_FRESH: Duration = Duration::from_secs(2);
/// How often a device's "last seen" is written.
const SEEN_EVERY: Duration = Duration::from_secs(30);
/// Most scans written in one transaction.
const GROUP_MAX: usize = 512;
/// Scans waiting to be written before new ones wait to be queued.
const QUEUE_JOBS: usize = 4096;

/// Scans on their way to the database, and what tells the live arrivals
/// page that the counts changed.
pub struct Hub {
    jobs: mpsc::Sender<Job>,
    devices: Mutex<HashMap<String, Known>>,
    /// Devices revoked by this process: their scans still waiting to be
    /// written are refused (another process's revocation reaches this one
    /// within `DEVICE_FRESH`, as for any request).
    revoked: Arc<Mutex<HashSet<i64>>>,
    changes: Arc<Changes>,
    rosters: Arc<Mutex<HashMap<i64, Arc<Roster>>>>,
    /// One load of a roster at a time.
    loading: tokio::sync::Mutex<()>,
    refreshing: Arc<AtomicBool>,
}

/// An edition's people, keys and sessions as check-in judges them, in
/// memory: a scan then reads nothing from the database (SQLite's one
/// connection is the writer's). Read again at once when which badges
/// pass changes in this process (`credentials::service::standing`), and
/// in the background every few seconds for changes made by another.
struct Roster {
    standing: u64,
    loaded: Instant,
    people: HashMap<i64, RosterRow>,
    keys: HashMap<i64, CachedKey>,
    /// Session id → (cancelled, invitation only).
    sessions: HashMap<i64, (bool, bool)>,
    /// (registration, session) pairs with a place.
    places: HashSet<(i64, i64)>,
}

struct CachedKey {
    edition_id: i64,
    revoked: bool,
    verifying: Option<ed25519_dalek::VerifyingKey>,
}

#[derive(Clone)]
struct Known {
    /// `None`: no such device, or revoked, or its edition closed.
    device: Option<DeviceRef>,
    fetched: Instant,
    seen: Instant,
}

/// A scan judged and ready to be written.
#[derive(Debug, Clone)]
struct Pending {
    client_id: String,
    list: ListKey,
    staff: String,
    at: chrono::DateTime<chrono::Utc>,
    method: ScanMethod,
    /// Before the list is looked at: `Welcome` means the badge passes.
    outcome: ScanOutcome,
    holder: Option<RosterRow>,
    invitation_only: bool,
    has_place: bool,
    offline_light: Option<Light>,
}

struct Job {
    device: DeviceRef,
    items: Vec<Pending>,
    reply: oneshot::Sender<Result<Vec<ScanAnswer>, AppError>>,
}

impl Hub {
    /// Starts the writer on the current runtime.
    pub fn start(db: DatabaseConnection) -> std::sync::Arc<Hub> {
        let (jobs, queue) = mpsc::channel(QUEUE_JOBS);
        let changes = Arc::new(Changes::default());
        let hub = std::sync::Arc::new(Hub {
            jobs,
            devices: Mutex::new(HashMap::new()),
            revoked: Arc::default(),
            changes,
            rosters: Arc::default(),
            loading: tokio::sync::Mutex::new(()),
            refreshing: Arc::default(),
        });
        tokio::spawn(write_groups(
            db,
            queue,
            hub.changes.clone(),
            hub.revoked.clone(),
        ));
        hub
    }

    /// Changes whenever someone arrives at this edition or one of its
    /// check-ins is undone (another edition's scans wake nobody).
    pub fn changes(&self, edition_id: i64) -> watch::Receiver<u64> {
        self.changes.subscribe(edition_id)
    }

    /// A place for one more live arrivals stream of this account: `Busy`
    /// past `STREAMS_PER_ACCOUNT` of its own or `STREAMS_MAX` in all. The
    /// place is given back when the stream ends.
    pub fn stream_place(&self, user_id: i64) -> Result<StreamPlace, AppError> {
        let mut open = unpoisoned(&self.changes.streams);
        let total: usize = open.values().sum();
        let mine = open.entry(user_id).or_default();
        if *mine >= STREAMS_PER_ACCOUNT || total >= STREAMS_MAX {
            return Err(AppError::Busy);
        }
        *mine += 1;
        Ok(StreamPlace {
            changes: self.changes.clone(),
            user_id,
        })
    }

    /// Revokes a device and forgets it at once: its next request is
    /// refused by this process (by others within `DEVICE_FRESH`).
    pub async fn revoke_device(
        &self,
        db: &DatabaseConnection,
        actor: &Actor,
        edition_id: i64,
        device_id: i64,
    ) -> Result<DeviceView, AppError> {
        let view = service::revoke_device(db, actor, edition_id, device_id).await?;
        unpoisoned(&self.revoked).insert(device_id);
        self.lock()
            .retain(|_, k| k.device.as_ref().is_none_or(|d| d.id != device_id));
        Ok(view)
    }

    /// Undoes a check-in and tells live pages.
    pub async fn undo(
        &self,
        db: &DatabaseConnection,
        device: &DeviceRef,
        client_id: &str,
        reason: &str,
    ) -> Result<(), AppError> {
        service::undo(db, device, client_id, reason).await?;
        self.changes.announce(device.edition_id);
        Ok(())
    }

    /// The device a token belongs to; 401 for an unknown or revoked one
    /// or once its edition is closed (the tablet then wipes its data).
    pub async fn authenticate(
        &self,
        db: &DatabaseConnection,
        token: &str,
    ) -> Result<DeviceRef, AppError> {
        let hash = crate::auth::service::secret_hash(token);
        let cached = self.lock().get(&hash).cloned();
        let known = match cached {
            Some(known) if known.fetched.elapsed() < DEVICE_FRESH => known,
            _ => {
                let device = match device_of_token(db, token).await? {
                    Some(d) if d.revoked_at.is_none() => {
                        let edition = load_edition(db, d.edition_id).await?;
                        (edition.model.status != EditionStatus::Closed).then(|| DeviceRef::from(&d))
                    }
                    _ => None,
                };
                let known = Known {
                    device,
                    fetched: Instant::now(),
                    seen: cached
                        .map(|c| c.seen)
                        .unwrap_or_else(|| Instant::now() - SEEN_EVERY * 2),
                };
                let mut devices = self.lock();
                // Bounded: tokens that match nothing are not remembered.
                if known.device.is_some() || devices.contains_key(&hash) {
                    devices.insert(hash.clone(), known.clone());
                }
                known
            }
        };
        let device = known.device.ok_or(AppError::Unauthorized)?;
        if known.seen.elapsed() >= SEEN_EVERY {
            if let Some(k) = self.lock().get_mut(&hash) {
                k.seen = Instant::now();
            }
            seen(db, device.id).await?;
        }
        Ok(device)
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<String, Known>> {
        unpoisoned(&self.devices)
    }

    /// One scan, answered once it is stored.
    pub async fn scan(
        &self,
        db: &DatabaseConnection,
        device: &DeviceRef,
        request: ScanRequest,
    ) -> Result<ScanAnswer, AppError> {
        let roster = self.roster(db, device.edition_id).await?;
        let pending = judge_scan(db, &roster, device, request).await?;
        let mut answers = self.write(device, vec![pending]).await?;
        answers.pop().ok_or(AppError::Internal)
    }

    /// Scans made offline, uploaded together: one answer each, in order;
    /// an id seen before answers as it did then.
    pub async fn upload(
        &self,
        db: &DatabaseConnection,
        device: &DeviceRef,
        batch: ScanBatch,
    ) -> Result<BatchAnswers, AppError> {
        if batch.scans.len() > domain::BATCH_MAX {
            return Err(AppError::field(
                "scans",
                crate::error::ErrorCode::TooManyScans,
            ));
        }
        let roster = self.roster(db, device.edition_id).await?;
        let mut items = Vec::with_capacity(batch.scans.len());
        for (n, request) in batch.scans.into_iter().enumerate() {
            items.push(judge_scan(db, &roster, device, request).await?);
            // Judging is CPU work (a signature each) that rarely waits on
            // anything: let the other requests of this worker run between
            // a few dozen, so a full upload never starves the doors.
            if n % 32 == 31 {
                tokio::task::yield_now().await;
            }
        }
        let answers = if items.is_empty() {
            Vec::new()
        } else {
            self.write(device, items).await?
        };
        Ok(BatchAnswers { answers })
    }

    /// The edition's roster: the one in memory while it is current, else
    /// read again (one reader at a time; the others wait for it). Only
    /// its age past `ROSTER_FRESH` is refreshed in the background.
    async fn roster(
        &self,
        db: &DatabaseConnection,
        edition_id: i64,
    ) -> Result<Arc<Roster>, AppError> {
        let current = |hub: &Hub| {
            let standing = standing();
            unpoisoned(&hub.rosters)
                .get(&edition_id)
                .filter(|r| r.standing == standing)
                .cloned()
        };
        if let Some(roster) = current(self) {
            if roster.loaded.elapsed() >= ROSTER_FRESH {
                self.refresh(db.clone(), edition_id);
            }
            return Ok(roster);
        }
        let _one = self.loading.lock().await;
        if let Some(roster) = current(self) {
            return Ok(roster);
        }
        let roster = Arc::new(load_roster(db, edition_id).await?);
        unpoisoned(&self.rosters).insert(edition_id, roster.clone());
        Ok(roster)
    }

    /// Reads a roster again in the background (changes another process
    /// made); scans meanwhile use the one in memory.
    fn refresh(&self, db: DatabaseConnection, edition_id: i64) {
        if self.refreshing.swap(true, Ordering::AcqRel) {
            return;
        }
        let (rosters, refreshing) = (self.rosters.clone(), self.refreshing.clone());
        tokio::spawn(async move {
            match load_roster(&db, edition_id).await {
                Ok(roster) => {
                    unpoisoned(&rosters).insert(edition_id, Arc::new(roster));
                }
                Err(err) => tracing::warn!(error = %err, "check-in: the roster was not read again"),
            }
            refreshing.store(false, Ordering::Release);
        });
    }

    async fn write(
        &self,
        device: &DeviceRef,
        items: Vec<Pending>,
    ) -> Result<Vec<ScanAnswer>, AppError> {
        let (reply, answer) = oneshot::channel();
        self.jobs
            .send(Job {
                device: device.clone(),
                items,
                reply,
            })
            .await
            .map_err(|_| AppError::Unavailable)?;
        answer.await.map_err(|_| AppError::Internal)?
    }
}

/// A map behind a mutex: a panic elsewhere while holding the lock leaves
/// it usable.
fn unpoisoned<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// Live arrivals streams one account may hold open, and all of them in
/// one process.
pub const STREAMS_PER_ACCOUNT: usize = 4;
pub const STREAMS_MAX: usize = 256;

/// What wakes the live arrivals pages, per edition, and how many of them
/// each account holds open.
#[derive(Default)]
struct Changes {
    editions: Mutex<HashMap<i64, watch::Sender<u64>>>,
    streams: Mutex<HashMap<i64, usize>>,
}

impl Changes {
    fn subscribe(&self, edition_id: i64) -> watch::Receiver<u64> {
        unpoisoned(&self.editions)
            .entry(edition_id)
            .or_insert_with(|| watch::channel(0).0)
            .subscribe()
    }

    /// Tells the edition's live pages that the counts changed.
    fn announce(&self, edition_id: i64) {
        if let Some(sender) = unpoisoned(&self.editions).get(&edition_id) {
            sender.send_modify(|n| *n = n.wrapping_add(1));
        }
    }
}

/// One open arrivals stream, counted until it is dropped.
pub struct StreamPlace {
    changes: Arc<Changes>,
    user_id: i64,
}

impl Drop for StreamPlace {
    fn drop(&mut self) {
        let mut open = unpoisoned(&self.changes.streams);
        if let Some(n) = open.get_mut(&self.user_id) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                open.remove(&self.user_id);
            }
        }
    }
}

/// Reads what a scan needs from the database and judges the badge (the
/// list is looked at when the scan is written).
async fn judge_scan(
    db: &impl ConnectionTrait,
    roster: &Roster,
    device: &DeviceRef,
    request: ScanRequest,
) -> Result<Pending, AppError> {
    domain::check_client_id(&request.client_id)
        .map_err(|code| AppError::field("client_id", code))?;
    let (list_known, invitation_only) = match request.list {
        ListKey::Entry => (true, false),
        ListKey::Session(id) => match roster.sessions.get(&id) {
            Some((cancelled, invitation_only)) => (!cancelled, *invitation_only),
            None => (false, false),
        },
    };
    let (method, outcome, holder) = match request.registration_id {
        Some(registration_id) => {
            device.supervise()?;
            let holder = roster.people.get(&registration_id).cloned();
            let outcome = match &holder {
                None => ScanOutcome::UnknownRegistration,
                Some(r) if r.status == RegistrationStatus::Approved => ScanOutcome::Welcome,
                Some(_) => ScanOutcome::NotApproved,
            };
            (ScanMethod::Manual, outcome, holder)
        }
        None => {
            let text = request.code.as_deref().unwrap_or("");
            let (outcome, holder) = judge_code(db, roster, device.edition_id, text).await?;
            (ScanMethod::Code, outcome, holder)
        }
    };
    let outcome = if list_known {
        outcome
    } else {
        ScanOutcome::UnknownList
    };
    let has_place = match (&holder, request.list) {
        (Some(h), ListKey::Session(id)) if invitation_only && outcome == ScanOutcome::Welcome => {
            roster.places.contains(&(h.id, id))
        }
        _ => false,
    };
    Ok(Pending {
        client_id: request.client_id,
        list: request.list,
        staff: domain::staff_name(&request.staff),
        at: domain::scan_time(request.scanned_at, now()),
        method,
        outcome,
        holder,
        invitation_only,
        has_place,
        offline_light: request.offline_light,
    })
}

/// A badge's code judged for the edition: the outcome, and whose badge it
/// is when it is genuine.
async fn judge_code(
    db: &impl ConnectionTrait,
    roster: &Roster,
    edition_id: i64,
    text: &str,
) -> Result<(ScanOutcome, Option<RosterRow>), AppError> {
    let Ok(read) = code::parse(text) else {
        return Ok((ScanOutcome::Unreadable, None));
    };
    let claim = read.claim;
    // Another edition's key or badge is not in the roster: asked for.
    let (key, signature_matches) = match roster.keys.get(&claim.key_id) {
        Some(k) => (
            Some(KeyState {
                edition_id: k.edition_id,
                revoked: k.revoked,
            }),
            k.verifying
                .as_ref()
                .is_some_and(|v| keys::signed_by(&read, v)),
        ),
        None => match find_key(db, claim.key_id).await? {
            Some(k) => (
                Some(KeyState {
                    edition_id: k.edition_id,
                    revoked: k.revoked_at.is_some(),
                }),
                keys::signature_matches(&read, &k.public_key),
            ),
            None => (None, false),
        },
    };
    // The holder matters only past the signature (`judge`'s order): a
    // forged code costs no lookup.
    let holder = match roster.people.get(&claim.registration_id) {
        Some(h) => Some(h.clone()),
        None if signature_matches => roster_row(db, claim.registration_id).await?,
        None => None,
    };
    let badge = judge(
        &claim,
        Some(edition_id),
        key,
        signature_matches,
        holder.as_ref().map(|h| HolderState {
            edition_id: h.edition_id,
            status: h.status,
            version: h.badge_version,
        }),
    );
    // Only a genuine badge says whose it is.
    let genuine = crate::badges::domain::genuine(badge);
    Ok((domain::outcome_of(badge), holder.filter(|_| genuine)))
}

/// Reads an edition's roster: every registration (the judgement needs the
/// refused too), keys, sessions and places, in five queries.
async fn load_roster(db: &impl ConnectionTrait, edition_id: i64) -> Result<Roster, AppError> {
    let standing = standing();
    let people = roster_rows(db, edition_id)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let keys = list_keys(db, edition_id)
        .await?
        .into_iter()
        .map(|k| {
            (
                k.id,
                CachedKey {
                    edition_id: k.edition_id,
                    revoked: k.revoked_at.is_some(),
                    verifying: keys::verifying_key(&k.public_key),
                },
            )
        })
        .collect();
    let sessions: HashMap<i64, (bool, bool)> = session::Entity::find()
        .filter(session::Column::EditionId.eq(edition_id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| {
            (
                s.id,
                (s.status == SessionStatus::Cancelled, s.invitation_only),
            )
        })
        .collect();
    let places = places(db, sessions.keys().copied().collect()).await?;
    Ok(Roster {
        standing,
        loaded: Instant::now(),
        people,
        keys,
        sessions,
        places,
    })
}

/// The writer: takes whatever jobs wait (up to `GROUP_MAX` scans, or one
/// upload that is larger alone) and writes them in one transaction.
async fn write_groups(
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
