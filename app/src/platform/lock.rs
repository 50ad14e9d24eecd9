//! A mutex that stays usable after a panic elsewhere while it was held
//! (the data behind ours are caches and counters, never half-written
//! records: a panicking holder leaves them as valid as before).

use std::sync::{Mutex, MutexGuard};

pub fn unpoisoned<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}
