//! What the keys' pages and the API exchange.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A signing key's public half, for check-in devices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct KeyView {
    pub id: i64,
    pub edition_id: i64,
    /// The Ed25519 public key, 64 hex digits.
    pub public_key: String,
    pub created_at: DateTime<Utc>,
    /// Codes signed with a revoked key no longer pass.
    pub revoked_at: Option<DateTime<Utc>>,
}
