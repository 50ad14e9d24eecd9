//! The server's long-lived parts (caches, the check-in hub, providers),
//! kept by type so that `AppState` names no area's internals: each area
//! asks for its own part and the first request makes it.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::lock::unpoisoned;

#[derive(Default)]
pub struct Parts {
    kept: Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>,
}

impl Parts {
    /// The part of type `T`, made with `Default` on first use.
    pub fn get<T: Default + Send + Sync + 'static>(&self) -> Arc<T> {
        self.get_or_insert_with(|| Arc::new(T::default()))
    }

    /// The part of type `T`, made by `make` on first use.
    pub fn get_or_insert_with<T: Send + Sync + 'static>(
        &self,
        make: impl FnOnce() -> Arc<T>,
    ) -> Arc<T> {
        let mut kept = unpoisoned(&self.kept);
        let part = kept
            .entry(TypeId::of::<T>())
            .or_insert_with(|| make() as Arc<dyn Any + Send + Sync>)
            .clone();
        drop(kept);
        // The map's key is T's own TypeId: the downcast cannot fail.
        part.downcast::<T>()
            .unwrap_or_else(|_| unreachable!("a part kept under another type"))
    }

    /// Puts a part in place, replacing any kept before.
    pub fn insert<T: Send + Sync + 'static>(&self, part: Arc<T>) {
        unpoisoned(&self.kept).insert(TypeId::of::<T>(), part);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Counter(std::sync::atomic::AtomicU32);

    #[test]
    fn each_type_has_one_part_made_on_first_use() {
        let parts = Parts::default();
        parts
            .get::<Counter>()
            .0
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        parts
            .get::<Counter>()
            .0
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        assert_eq!(
            parts
                .get::<Counter>()
                .0
                .load(std::sync::atomic::Ordering::SeqCst),
            2
        );
        parts.insert(Arc::new(Counter(7.into())));
        assert_eq!(
            parts
                .get::<Counter>()
                .0
                .load(std::sync::atomic::Ordering::SeqCst),
            7
        );
        assert_eq!(*parts.get_or_insert_with(|| Arc::new(5_u8)), 5);
        assert_eq!(*parts.get_or_insert_with(|| Arc::new(9_u8)), 5);
    }
}
