//! Values worked out from the database, kept per key until the key's
//! revision moves. Each area says what its revision is (a version column
//! raised in the same transaction as every change, the audit log's latest
//! id, a day) and reads it on every request: one cheap query, so every
//! server process sees a change at once. One computation at a time per
//! cache: requests arriving meanwhile wait for it and reuse it rather than
//! each doing the same work again.

use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::{Arc, Mutex};

use super::lock::unpoisoned;
use crate::error::AppError;

pub struct RevisionCache<K, R, V> {
    kept: Mutex<HashMap<K, (R, Arc<V>)>>,
    computing: tokio::sync::Mutex<()>,
}

impl<K, R, V> Default for RevisionCache<K, R, V> {
    fn default() -> Self {
        RevisionCache {
            kept: Mutex::new(HashMap::new()),
            computing: tokio::sync::Mutex::new(()),
        }
    }
}

impl<K: Eq + Hash + Clone, R: PartialEq, V> RevisionCache<K, R, V> {
    /// The value of `key` at `revision`: the kept one, or `compute`'s.
    pub async fn get<F, Fut>(&self, key: K, revision: R, compute: F) -> Result<Arc<V>, AppError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<V, AppError>>,
    {
        if let Some(kept) = self.kept(&key, &revision) {
            return Ok(kept);
        }
        let _turn = self.computing.lock().await;
        // Made by whoever held the turn before us?
        if let Some(kept) = self.kept(&key, &revision) {
            return Ok(kept);
        }
        let fresh = Arc::new(compute().await?);
        unpoisoned(&self.kept).insert(key, (revision, fresh.clone()));
        Ok(fresh)
    }

    fn kept(&self, key: &K, revision: &R) -> Option<Arc<V>> {
        unpoisoned(&self.kept)
            .get(key)
            .filter(|(kept, _)| kept == revision)
            .map(|(_, value)| value.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    #[tokio::test]
    async fn computes_once_per_revision_and_again_when_it_moves() {
        let cache = RevisionCache::<i64, i32, String>::default();
        let runs = AtomicU32::new(0);
        let compute = |text: &'static str| {
            let runs = &runs;
            move || async move {
                runs.fetch_add(1, Ordering::SeqCst);
                Ok(text.to_string())
            }
        };
        assert_eq!(*cache.get(1, 1, compute("a")).await.unwrap(), "a");
        assert_eq!(*cache.get(1, 1, compute("b")).await.unwrap(), "a");
        assert_eq!(*cache.get(2, 1, compute("c")).await.unwrap(), "c");
        assert_eq!(*cache.get(1, 2, compute("d")).await.unwrap(), "d");
        assert_eq!(runs.load(Ordering::SeqCst), 3);
    }

    #[tokio::test]
    async fn a_failed_computation_keeps_nothing() {
        let cache = RevisionCache::<(), i32, String>::default();
        let failed = cache.get((), 1, || async { Err(AppError::Internal) }).await;
        assert!(failed.is_err());
        let value = cache
            .get((), 1, || async { Ok("later".to_string()) })
            .await
            .unwrap();
        assert_eq!(*value, "later");
    }

    #[tokio::test]
    async fn requests_arriving_during_a_computation_reuse_it() {
        let cache = Arc::new(RevisionCache::<(), i32, u32>::default());
        let runs = Arc::new(AtomicU32::new(0));
        let mut waiting = Vec::new();
        for _ in 0..8 {
            let (cache, runs) = (cache.clone(), runs.clone());
            waiting.push(tokio::spawn(async move {
                *cache
                    .get((), 1, || async move {
                        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                        Ok(runs.fetch_add(1, Ordering::SeqCst))
                    })
                    .await
                    .unwrap()
            }));
        }
        for handle in waiting {
            assert_eq!(handle.await.unwrap(), 0);
        }
        assert_eq!(runs.load(Ordering::SeqCst), 1);
    }
}
