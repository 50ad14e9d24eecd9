//! Work that keeps a core busy (password hashes, PDFs, charts, word
//! comparisons) runs off the async workers, a bounded number at once: the
//! scans at the doors and every page keep their threads however many
//! heavy requests arrive. Past a short queue the caller hears "busy" (429
//! with `Retry-After`); an answer that takes longer than its time limit
//! ends as busy too, while the work finishes in its slot.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock};
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::AppError;

/// Runs blocking work with at most `slots` at once and at most `queue`
/// callers waiting for a slot.
pub struct Gate {
    slots: Arc<Semaphore>,
    waiting: AtomicUsize,
    queue: usize,
}

/// One place in the queue, given back however the wait ends (a caller
/// whose client went away is dropped mid-wait and must not keep it).
struct Waiting<'a>(&'a AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Gate {
    pub fn new(slots: usize, queue: usize) -> Gate {
        Gate {
            slots: Arc::new(Semaphore::new(slots.max(1))),
            waiting: AtomicUsize::new(0),
            queue,
        }
    }

    /// `work` on the blocking pool once a slot is free; `Busy` at once
    /// when the queue is full. The slot goes with the work, so it stays
    /// taken until the work ends even if the caller stops waiting.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let ahead = self.waiting.fetch_add(1, Ordering::SeqCst);
        let place = Waiting(&self.waiting);
        if ahead >= self.queue {
            return Err(AppError::Busy);
        }
        let slot = self.slot().await?;
        drop(place);
        in_slot(slot, work).await
    }

    /// As `run`, for work nobody waits on (a background job): it waits for
    /// a slot however long the queue, and is not counted in it.
    pub async fn run_in_background<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        in_slot(self.slot().await?, work).await
    }

    async fn slot(&self) -> Result<OwnedSemaphorePermit, AppError> {
        self.slots
            .clone()
            .acquire_owned()
            .await
            .map_err(AppError::internal)
    }

    /// As `run`, answering `Busy` when the wait and the work together take
    /// longer than `limit` (the work keeps its slot until it ends, so the
    /// bound on work at once holds).
    pub async fn run_within<T: Send + 'static>(
        &self,
        limit: Duration,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        match tokio::time::timeout(limit, self.run(work)).await {
            Ok(done) => done,
            Err(_) => {
                tracing::warn!(limit = ?limit, "heavy work past its time limit: answered busy");
                Err(AppError::Busy)
            }
        }
    }
}

/// `work` on the blocking pool, holding `slot` until it ends (even when
/// its caller stopped waiting).
async fn in_slot<T: Send + 'static>(
    slot: OwnedSemaphorePermit,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(move || {
        let _slot = slot;
        work()
    })
    .await
    .map_err(AppError::internal)
}

/// Documents, charts and comparisons: half the cores at once (at least
/// one), so that the other half always serves the doors and the pages;
/// a queue of a few seconds' work.
static DOCUMENTS: LazyLock<Gate> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let slots = (cores / 2).max(1);
    Gate::new(slots, 8 * slots)
});

/// How long a document may take, waiting included, before the caller is
/// told to come back (the largest agreement renders in well under this
/// in a release build; debug builds are several times slower).
pub const DOCUMENT_LIMIT: Duration = Duration::from_secs(60);

/// Badge batches (background jobs of minutes): their own slots, so that a
/// batch never holds up a visa letter or a door's reprint.
static BATCHES: LazyLock<Gate> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let slots = (cores / 2).max(1);
    Gate::new(slots, 0)
});

/// Renders a document (PDF, chart, comparison) under the documents' gate
/// and time limit.
pub async fn document<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    DOCUMENTS.run_within(DOCUMENT_LIMIT, work).await
}

/// A background job's document (a badge batch): under the batches' gate,
/// waiting its turn however long, with no time limit.
pub async fn background<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    BATCHES.run_in_background(work).await
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn the_gate_bounds_work_at_once_and_refuses_past_its_queue() {
        let gate = Arc::new(Gate::new(2, 3));
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let calls = (0..8).map(|_| {
            let (gate, running, most) = (gate.clone(), running.clone(), most.clone());
            tokio::spawn(async move {
                gate.run(move || {
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(100));
                    running.fetch_sub(1, Ordering::SeqCst);
                })
                .await
            })
        });
        let mut done = 0;
        let mut busy = 0;
        for call in calls.collect::<Vec<_>>() {
            match call.await.unwrap() {
                Ok(()) => done += 1,
                Err(AppError::Busy) => busy += 1,
                Err(other) => panic!("unexpected {other:?}"),
            }
        }
        assert!(
            most.load(Ordering::SeqCst) <= 2,
            "never more than two at once"
        );
        // Two running and three waiting at most: the rest are told busy.
        assert!((2..=5).contains(&done), "{done} done");
        assert_eq!(done + busy, 8);
        assert!(busy >= 3, "{busy} refused");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn a_caller_that_stops_waiting_gives_its_place_back() {
        let gate = Arc::new(Gate::new(1, 1));
        let slow = {
            let gate = gate.clone();
            tokio::spawn(async move {
                gate.run(|| std::thread::sleep(Duration::from_millis(300)))
                    .await
            })
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        let waiting = {
            let gate = gate.clone();
            tokio::spawn(async move { gate.run(|| ()).await })
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        // The queue (of one) is full now; its caller goes away.
        assert_eq!(gate.run(|| ()).await, Err(AppError::Busy));
        waiting.abort();
        let _ = waiting.await;
        // Its place is free again: the next caller waits and is served.
        assert_eq!(gate.run(|| ()).await, Ok(()));
        assert_eq!(slow.await.unwrap(), Ok(()));
    }
}
