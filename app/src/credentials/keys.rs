//! Signing keys (server only). Each edition has Ed25519 key pairs; the
//! newest one not revoked signs, every one not revoked verifies. Secret
//! halves are stored sealed (XChaCha20-Poly1305) with the vault's key,
//! which lives outside the database: `CF_BADGE_SECRET` (64 hex digits) or,
//! when that is not set, `badge-secret` in the data folder, made on first
//! use (readable by the server's user only). A stolen database backup thus
//! cannot sign badges.

use std::io::Write;
use std::path::Path;
use std::sync::OnceLock;

use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};

use super::code::{self, BadgeClaim, ReadCode};
use crate::error::AppError;

pub struct Vault {
    cipher: XChaCha20Poly1305,
}

const NONCE_LEN: usize = 24;
const SECRET_FILE: &str = "badge-secret";

static VAULT: OnceLock<Result<Vault, String>> = OnceLock::new();

fn parse_secret(hex_text: &str, source: &str) -> Result<Vault, String> {
    let bytes = hex::decode(hex_text.trim())
        .ok()
        .filter(|b| b.len() == 32)
        .ok_or_else(|| format!("{source} must be 64 hex digits (32 random bytes)"))?;
    Ok(Vault {
        cipher: XChaCha20Poly1305::new(Key::from_slice(&bytes)),
    })
}

/// Reads the secret file, or makes it when there is none (two processes
/// starting at once: the one that creates it wins, the other reads it).
fn from_file(dir: &Path) -> Result<Vault, String> {
    let path = dir.join(SECRET_FILE);
    let source = path.display().to_string();
    for _ in 0..50 {
        match std::fs::read_to_string(&path) {
            Ok(text) if text.trim().len() == 64 => return parse_secret(&text, &source),
            // Being written by another process this instant.
            Ok(_) => std::thread::sleep(std::time::Duration::from_millis(20)),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                std::fs::create_dir_all(dir).map_err(|err| format!("{}: {err}", dir.display()))?;
                let mut options = std::fs::OpenOptions::new();
                options.write(true).create_new(true);
                #[cfg(unix)]
                std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
                match options.open(&path) {
                    Ok(mut file) => {
                        let secret = hex::encode(rand::random::<[u8; 32]>());
                        file.write_all(secret.as_bytes())
                            .and_then(|()| file.sync_all())
                            .map_err(|err| format!("{source}: {err}"))?;
                        tracing::info!(file = %source, "made the key that seals badge signing keys");
                        return parse_secret(&secret, &source);
                    }
                    Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => continue,
                    Err(err) => return Err(format!("{source}: {err}")),
                }
            }
            Err(err) => return Err(format!("{source}: {err}")),
        }
    }
    Err(format!("{source} is not 64 hex digits"))
}

fn load() -> Result<Vault, String> {
    match std::env::var("CF_BADGE_SECRET") {
        Ok(text) if !text.trim().is_empty() => parse_secret(&text, "CF_BADGE_SECRET"),
        _ => from_file(&crate::db::data_dir()),
    }
}

/// Loads the vault's key (once per process); the server calls this before
/// it starts, so a bad secret is a message at start, not a failed badge.
pub fn check() -> Result<(), String> {
    VAULT
        .get_or_init(load)
        .as_ref()
        .map(|_| ())
        .map_err(Clone::clone)
}

pub fn vault() -> Result<&'static Vault, AppError> {
    VAULT.get_or_init(load).as_ref().map_err(|err| {
        tracing::error!(%err, "the badge key vault cannot be opened");
        AppError::Internal
    })
}

impl Vault {
    /// The secret key sealed, as hex of nonce and ciphertext.
    pub fn seal(&self, key: &SigningKey) -> Result<String, AppError> {
        let nonce = rand::random::<[u8; NONCE_LEN]>();
        let sealed = self
            .cipher
            .encrypt(XNonce::from_slice(&nonce), key.to_bytes().as_slice())
            .map_err(|_| AppError::internal("sealing a badge key failed"))?;
        Ok(hex::encode([nonce.as_slice(), &sealed].concat()))
    }

    /// The secret key back; fails when the vault's key is not the one it
    /// was sealed with (a database moved without its secret).
    pub fn open(&self, sealed: &str) -> Result<SigningKey, AppError> {
        let bytes = hex::decode(sealed).map_err(AppError::internal)?;
        if bytes.len() <= NONCE_LEN {
            return Err(AppError::internal("a sealed badge key is too short"));
        }
        let (nonce, sealed) = bytes.split_at(NONCE_LEN);
        let secret = self
            .cipher
            .decrypt(XNonce::from_slice(nonce), sealed)
            .map_err(|_| {
                AppError::internal(
                    "a badge signing key cannot be opened: CF_BADGE_SECRET or data/badge-secret is not the one it was sealed with",
                )
            })?;
        let secret: [u8; 32] = secret
            .try_into()
            .map_err(|_| AppError::internal("a sealed badge key has the wrong length"))?;
        Ok(SigningKey::from_bytes(&secret))
    }
}

/// A new key pair from the operating system's randomness.
pub fn new_key() -> SigningKey {
    SigningKey::from_bytes(&rand::random::<[u8; 32]>())
}

/// The code for a claim, signed with `key`.
pub fn sign(claim: &BadgeClaim, key: &SigningKey) -> String {
    let signature = key.sign(&code::message(&code::record(claim)));
    code::encode(claim, &signature.to_bytes())
}

/// Whether a read code's signature is `public_key`'s (hex).
pub fn signature_matches(read: &ReadCode, public_key: &str) -> bool {
    verifying_key(public_key).is_some_and(|key| signed_by(read, &key))
}

/// A public key as stored (hex), ready to verify with: decoding it costs
/// more than a verification, so check-in keeps it.
pub fn verifying_key(public_key: &str) -> Option<VerifyingKey> {
    hex::decode(public_key)
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .and_then(|b| VerifyingKey::from_bytes(&b).ok())
}

/// Whether a read code's signature is `key`'s.
pub fn signed_by(read: &ReadCode, key: &VerifyingKey) -> bool {
    key.verify(
        &code::message(&read.signed),
        &Signature::from_bytes(&read.signature),
    )
    .is_ok()
}

/// The public half as stored: hex.
pub fn public_hex(key: &SigningKey) -> String {
    hex::encode(key.verifying_key().to_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn claim() -> BadgeClaim {
        BadgeClaim {
            key_id: 1,
            edition_id: 2,
            registration_id: 3,
            version: 1,
        }
    }

    #[test]
    fn a_signed_code_verifies_with_its_key_and_no_other() {
        let key = new_key();
        let text = sign(&claim(), &key);
        let read = code::parse(&text).unwrap();
        assert!(signature_matches(&read, &public_hex(&key)));
        assert!(!signature_matches(&read, &public_hex(&new_key())));
        assert!(!signature_matches(&read, "not hex"));
    }

    #[test]
    fn a_sealed_key_opens_only_with_its_vault() {
        let vault = parse_secret(&"ab".repeat(32), "test").unwrap();
        let key = new_key();
        let sealed = vault.seal(&key).unwrap();
        assert_eq!(vault.open(&sealed).unwrap().to_bytes(), key.to_bytes());
        let other = parse_secret(&"cd".repeat(32), "test").unwrap();
        assert!(other.open(&sealed).is_err());
        assert!(vault.open("00").is_err());
        assert!(parse_secret("short", "test").is_err());
    }

    proptest! {
        #[test]
        fn a_changed_claim_never_verifies(registration in 0i64..1_000_000, version in 0i32..1000) {
            let key = new_key();
            let text = sign(&claim(), &key);
            let mut read = code::parse(&text).unwrap();
            let forged = BadgeClaim { registration_id: registration, version, ..claim() };
            prop_assume!(forged != claim());
            read.signed = code::record(&forged);
            read.claim = forged;
            prop_assert!(!signature_matches(&read, &public_hex(&key)));
        }

        #[test]
        fn a_mutated_code_is_refused_or_fails_its_signature(at in 2usize..118, to in "[A-Z2-7]") {
            let key = new_key();
            let text = sign(&claim(), &key);
            prop_assume!(at < text.len());
            let mut changed = text.clone();
            changed.replace_range(at..at + 1, &to);
            prop_assume!(changed != text);
            if let Ok(read) = code::parse(&changed) {
                prop_assert!(!signature_matches(&read, &public_hex(&key)));
            }
        }
    }
}
