//! Password hashing, bounded (server only). Argon2 takes ~19 MiB and tens
//! of milliseconds of a core per hash: without a bound, a flood of wrong
//! passwords ran hundreds at once (5.6 GB for 300). A few run at a time;
//! a short queue waits; past it the caller hears "busy" (429).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock};

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rand::RngCore;
use tokio::sync::Semaphore;

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
        let slot = self
            .slots
            .clone()
            .acquire_owned()
            .await
            .map_err(AppError::internal)?;
        drop(place);
        tokio::task::spawn_blocking(move || {
            let _slot = slot;
            work()
        })
        .await
        .map_err(AppError::internal)
    }
}

/// One hash per core at once, and a queue of a few seconds' work.
static PASSWORDS: LazyLock<Gate> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    Gate::new(cores, 16 * cores)
});

pub async fn hash_password(password: String) -> Result<String, AppError> {
    PASSWORDS
        .run(move || {
            let mut salt = [0u8; 16];
            rand::rng().fill_bytes(&mut salt);
            let salt = SaltString::encode_b64(&salt).map_err(AppError::internal)?;
            Argon2::default()
                .hash_password(password.as_bytes(), &salt)
                .map(|hash| hash.to_string())
                .map_err(AppError::internal)
        })
        .await?
}

/// Whether `password` matches the stored hash; `Busy` when too many are
/// being checked at once.
pub async fn password_matches(password: String, stored: String) -> Result<bool, AppError> {
    PASSWORDS
        .run(move || {
            PasswordHash::new(&stored)
                .map(|hash| {
                    Argon2::default()
                        .verify_password(password.as_bytes(), &hash)
                        .is_ok()
                })
                .unwrap_or(false)
        })
        .await
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
