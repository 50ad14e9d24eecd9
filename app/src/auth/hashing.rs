//! Password hashing, bounded (server only). Argon2 takes ~19 MiB and tens
//! of milliseconds of a core per hash: without a bound, a flood of wrong
//! passwords ran hundreds at once (5.6 GB for 300). A few run at a time;
//! a short queue waits; past it the caller hears "busy" (429).

use std::sync::LazyLock;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rand::RngCore;

use crate::error::AppError;
use crate::heavy::Gate;

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
