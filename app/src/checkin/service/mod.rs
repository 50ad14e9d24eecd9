//! Check-in in the database (server only), one file per verb: devices
//! (pairing, revoking), people (what a tablet loads, search), arrivals
//! (undo, attendance). Scans go through `super::hub`, which judges them
//! from memory and writes them in groups.

mod arrivals;
mod devices;
mod people;

pub use arrivals::*;
pub use devices::*;
pub use people::*;

use std::collections::{HashMap, HashSet};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::audit::Actor;
use crate::checkin::entity::device;
use crate::checkin::types::*;
use crate::error::AppError;

/// The device behind a request, as the hub authenticated it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceRef {
    pub id: i64,
    pub edition_id: i64,
    pub name: String,
    pub supervisor: bool,
}

impl DeviceRef {
    /// 403 unless the device is a supervisor's.
    pub fn supervise(&self) -> Result<(), AppError> {
        if self.supervisor {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Who the audit log names for what the device did.
    pub fn actor(&self) -> Actor {
        Actor::system(&format!("device {} ({})", self.id, self.name))
    }
}

impl From<&device::Model> for DeviceRef {
    fn from(m: &device::Model) -> DeviceRef {
        DeviceRef {
            id: m.id,
            edition_id: m.edition_id,
            name: m.name.clone(),
            supervisor: m.supervisor,
        }
    }
}

pub(super) fn device_view(m: device::Model, scans: u32) -> DeviceView {
    DeviceView {
        id: m.id,
        edition_id: m.edition_id,
        name: m.name,
        supervisor: m.supervisor,
        created_at: m.created_at,
        paired_at: m.paired_at,
        last_seen_at: m.last_seen_at,
        revoked_at: m.revoked_at,
        scans,
    }
}

pub(super) fn brief(edition: &crate::editions::entity::edition::Model) -> EditionBrief {
    EditionBrief {
        id: edition.id,
        name: edition.title.clone(),
        status: edition.status,
    }
}

pub(super) async fn device_names(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, String>, AppError> {
    let ids: Vec<i64> = ids
        .into_iter()
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    Ok(device::Entity::find()
        .filter(device::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.id, d.name))
        .collect())
}
