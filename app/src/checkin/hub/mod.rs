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
use crate::platform::lock::unpoisoned;
use crate::programme::entity::session;
use crate::programme::types::SessionStatus;
use crate::registration::types::RegistrationStatus;

mod judging;
mod writer;

use judging::{judge_scan, load_roster};
use writer::write_groups;

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
    /// The server's hub, started on first use.
    pub fn of(state: &crate::state::AppState) -> Arc<Hub> {
        state
            .parts
            .get_or_insert_with(|| Hub::start(state.db.clone()))
    }

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
