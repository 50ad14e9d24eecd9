//! The text in a badge's QR: `CF` and the base32 of a short binary record
//! (format version, key id, edition, registration, badge version) with
//! its Ed25519 signature. Upper-case letters and digits only, so the QR is
//! in alphanumeric mode (small, quick to scan) and a hardware scanner that
//! types like a keyboard cannot garble it. Pure: parsing needs no key, so
//! a tablet can read a code offline and check it with the public key.

use data_encoding::BASE32_NOPAD;
use serde::{Deserialize, Serialize};

/// What every code starts with.
pub const PREFIX: &str = "CF";
/// The format this code writes and reads.
pub const FORMAT: u8 = 1;
/// Bytes of an Ed25519 signature.
pub const SIGNATURE_LEN: usize = 64;
/// No code is longer: anything longer is refused unread.
pub const MAX_LEN: usize = 160;
/// What is signed: this, then the record's bytes (so a signature over
/// anything else we sign can never pass as a badge's).
pub const SIGNING_CONTEXT: &[u8] = b"cities-forum/badge/";

/// What a badge's code says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BadgeClaim {
    pub key_id: i64,
    pub edition_id: i64,
    pub registration_id: i64,
    pub version: i32,
}

/// A code read from its text, signature not yet checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadCode {
    pub claim: BadgeClaim,
    /// The bytes the signature covers (without the context).
    pub signed: Vec<u8>,
    pub signature: [u8; SIGNATURE_LEN],
}

/// Why a text is not a badge code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CodeError {
    #[error("empty")]
    Empty,
    #[error("longer than any badge code")]
    TooLong,
    #[error("not a Cities Forum badge code")]
    NotOurs,
    #[error("damaged: not base32")]
    Damaged,
    #[error("truncated")]
    Truncated,
    #[error("made by a newer version of Cities Forum")]
    UnknownFormat,
}

/// Appends `value` as LEB128.
fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// Reads a LEB128 number that fits `i64`, advancing `at`.
fn take_varint(bytes: &[u8], at: &mut usize) -> Result<u64, CodeError> {
    let mut value: u64 = 0;
    for shift in (0..63).step_by(7) {
        let byte = *bytes.get(*at).ok_or(CodeError::Truncated)?;
        *at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return if value <= i64::MAX as u64 {
                Ok(value)
            } else {
                Err(CodeError::Damaged)
            };
        }
    }
    Err(CodeError::Damaged)
}

/// The bytes a claim is signed as (without the context).
pub fn record(claim: &BadgeClaim) -> Vec<u8> {
    let mut out = Vec::with_capacity(16);
    out.push(FORMAT);
    for value in [
        claim.key_id,
        claim.edition_id,
        claim.registration_id,
        i64::from(claim.version),
    ] {
        put_varint(&mut out, value.max(0) as u64);
    }
    out
}

/// The message a key signs for a claim: the context, then the record.
pub fn message(signed: &[u8]) -> Vec<u8> {
    [SIGNING_CONTEXT, signed].concat()
}

/// The code's text for a claim and its signature.
pub fn encode(claim: &BadgeClaim, signature: &[u8; SIGNATURE_LEN]) -> String {
    let mut bytes = record(claim);
    bytes.extend_from_slice(signature);
    format!("{PREFIX}{}", BASE32_NOPAD.encode(&bytes))
}

/// Reads a code as scanned or typed: spaces around it and lower case
/// (a scanner with Caps Lock on) are forgiven; anything else is refused
/// with the reason. Never panics.
pub fn parse(text: &str) -> Result<ReadCode, CodeError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(CodeError::Empty);
    }
    if text.len() > MAX_LEN {
        return Err(CodeError::TooLong);
    }
    let text = text.to_ascii_uppercase();
    let body = text.strip_prefix(PREFIX).ok_or(CodeError::NotOurs)?;
    let bytes = BASE32_NOPAD
        .decode(body.as_bytes())
        .map_err(|_| CodeError::Damaged)?;
    let format = *bytes.first().ok_or(CodeError::Truncated)?;
    if format != FORMAT {
        return Err(CodeError::UnknownFormat);
    }
    let mut at = 1;
    let key_id = take_varint(&bytes, &mut at)? as i64;
    let edition_id = take_varint(&bytes, &mut at)? as i64;
    let registration_id = take_varint(&bytes, &mut at)? as i64;
    let version = i32::try_from(take_varint(&bytes, &mut at)?).map_err(|_| CodeError::Damaged)?;
    let rest = &bytes[at..];
    let signature: [u8; SIGNATURE_LEN] = match rest.len() {
        SIGNATURE_LEN => rest.try_into().map_err(|_| CodeError::Truncated)?,
        n if n < SIGNATURE_LEN => return Err(CodeError::Truncated),
        _ => return Err(CodeError::Damaged),
    };
    let claim = BadgeClaim {
        key_id,
        edition_id,
        registration_id,
        version,
    };
    // Only the shortest encoding of each number is a code we made: so one
    // badge has exactly one valid text.
    let signed = bytes[..at].to_vec();
    if signed != record(&claim) {
        return Err(CodeError::Damaged);
    }
    Ok(ReadCode {
        claim,
        signed,
        signature,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn claim() -> BadgeClaim {
        BadgeClaim {
            key_id: 3,
            edition_id: 12,
            registration_id: 40_321,
            version: 2,
        }
    }

    #[test]
    fn a_code_reads_back_what_was_written() {
        let text = encode(&claim(), &[7; SIGNATURE_LEN]);
        assert!(text.starts_with("CF"));
        assert!(
            text.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        );
        assert!(text.len() < 130, "{} characters", text.len());
        let read = parse(&text).unwrap();
        assert_eq!(read.claim, claim());
        assert_eq!(read.signature, [7; SIGNATURE_LEN]);
        assert_eq!(read.signed, record(&claim()));
        // As a scanner with Caps Lock on types it, with a newline.
        assert_eq!(parse(&format!(" {}\n", text.to_lowercase())).unwrap(), read);
    }

    #[test]
    fn broken_codes_say_why() {
        let text = encode(&claim(), &[7; SIGNATURE_LEN]);
        assert_eq!(parse(""), Err(CodeError::Empty));
        assert_eq!(parse("  "), Err(CodeError::Empty));
        assert_eq!(parse(&"A".repeat(400)), Err(CodeError::TooLong));
        assert_eq!(parse("XX1234"), Err(CodeError::NotOurs));
        assert_eq!(parse("CF!!!!"), Err(CodeError::Damaged));
        assert_eq!(parse(&text[..text.len() - 10]), Err(CodeError::Truncated));
        assert_eq!(parse("CF"), Err(CodeError::Truncated));
        let mut other = vec![9u8];
        other.extend_from_slice(&[0; 70]);
        assert_eq!(
            parse(&format!("CF{}", BASE32_NOPAD.encode(&other))),
            Err(CodeError::UnknownFormat)
        );
    }

    proptest! {
        #[test]
        fn any_text_is_read_or_refused_without_panicking(text in "\\PC{0,200}") {
            let _ = parse(&text);
        }

        #[test]
        fn any_base32_after_the_prefix_is_read_or_refused(bytes in proptest::collection::vec(any::<u8>(), 0..120)) {
            let _ = parse(&format!("CF{}", BASE32_NOPAD.encode(&bytes)));
        }

        #[test]
        fn every_claim_round_trips(key in 0i64..1_000_000, edition in 0i64..1_000_000,
                                   registration in 0i64..i64::MAX, version in 0i32..i32::MAX) {
            let claim = BadgeClaim { key_id: key, edition_id: edition, registration_id: registration, version };
            let read = parse(&encode(&claim, &[1; SIGNATURE_LEN])).unwrap();
            prop_assert_eq!(read.claim, claim);
        }

        #[test]
        fn a_changed_character_never_reads_as_the_same_claim(at in 2usize..110, to in "[A-Z2-7]") {
            let text = encode(&claim(), &[7; SIGNATURE_LEN]);
            prop_assume!(at < text.len());
            let mut changed = text.clone();
            changed.replace_range(at..at + 1, &to);
            prop_assume!(changed != text);
            // Either refused, or a different claim or signature (which
            // the signature check then refuses).
            if let Ok(read) = parse(&changed) {
                prop_assert!(read.claim != claim() || read.signature != [7; SIGNATURE_LEN]);
            }
        }
    }
}
