//! The rules of check-in, pure: what a scan's answer is, which ids and
//! codes are acceptable, when a device's clock is believed.

use chrono::{DateTime, Duration, Utc};

use super::types::{Light, ScanOutcome, ScanWarning};
use crate::badges::types::BadgeOutcome;
use crate::error::ErrorCode;

/// Longest client id a device may make.
pub const CLIENT_ID_MAX: usize = 64;
/// Most scans in one upload.
pub const BATCH_MAX: usize = 500;
/// Longest staff name and undo reason.
pub const STAFF_MAX: usize = 80;
pub const REASON_MAX: usize = 200;
/// Characters of a pairing code (no 0/O, 1/I: read aloud and typed).
pub const PAIRING_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
pub const PAIRING_LEN: usize = 8;
/// How long a pairing code works.
pub const PAIRING_MINUTES: i64 = 15;
/// What every device token starts with, so no other token is taken for one.
pub const TOKEN_PREFIX: &str = "cfd_";
/// A device's clock is believed this far back (a tablet offline all day
/// uploads in the evening) and this far ahead.
const CLOCK_PAST_DAYS: i64 = 7;
const CLOCK_AHEAD_MINUTES: i64 = 5;

/// A badge's verification as a scan's outcome (before the list is looked
/// at).
pub fn outcome_of(badge: BadgeOutcome) -> ScanOutcome {
    match badge {
        BadgeOutcome::Valid => ScanOutcome::Welcome,
        BadgeOutcome::Unreadable => ScanOutcome::Unreadable,
        BadgeOutcome::UnknownKey => ScanOutcome::UnknownKey,
        BadgeOutcome::RevokedKey => ScanOutcome::RevokedKey,
        BadgeOutcome::OtherEdition => ScanOutcome::OtherEdition,
        BadgeOutcome::Forged => ScanOutcome::Forged,
        BadgeOutcome::UnknownRegistration => ScanOutcome::UnknownRegistration,
        BadgeOutcome::Superseded => ScanOutcome::Superseded,
        BadgeOutcome::NotApproved => ScanOutcome::NotApproved,
    }
}

pub fn light_of(outcome: ScanOutcome) -> Light {
    match outcome {
        ScanOutcome::Welcome => Light::Green,
        ScanOutcome::AlreadyIn => Light::Amber,
        _ => Light::Red,
    }
}

/// A person whose badge passed, on a list: green the first time, amber
/// after; a session by invitation warns about someone without a place
/// (they are still let in: the host decides at the door).
pub fn on_list(
    already_in: bool,
    invitation_only: bool,
    has_place: bool,
) -> (ScanOutcome, Option<ScanWarning>) {
    let outcome = if already_in {
        ScanOutcome::AlreadyIn
    } else {
        ScanOutcome::Welcome
    };
    let warning = (invitation_only && !has_place).then_some(ScanWarning::NoPlace);
    (outcome, warning)
}

/// A scan the tablet let in offline but the server refuses is kept for a
/// look rather than lost: the person is inside already.
pub fn flagged(offline_light: Option<Light>, server: Light) -> bool {
    // Amber offline may have let them in too: "already in", or a badge
    // the tablet could not check that staff admitted after an ID check.
    matches!(offline_light, Some(Light::Green | Light::Amber)) && server == Light::Red
}

/// The outcome in English words (devices show their own words).
pub fn reason(outcome: ScanOutcome) -> &'static str {
    match outcome {
        ScanOutcome::Welcome => "welcome",
        ScanOutcome::AlreadyIn => "already checked in on this list",
        ScanOutcome::Unreadable => "not a badge code, or damaged",
        ScanOutcome::UnknownKey => "signed by a key this edition does not know",
        ScanOutcome::RevokedKey => "signed by a revoked key",
        ScanOutcome::OtherEdition => "a badge of another edition",
        ScanOutcome::Forged => "the signature does not match: forged or altered",
        ScanOutcome::UnknownRegistration => "no such registration",
        ScanOutcome::Superseded => "replaced by a reprinted badge",
        ScanOutcome::NotApproved => "registration not approved (or cancelled)",
        ScanOutcome::UnknownList => "no such list in this edition",
    }
}

/// A device-made id: 1–64 characters of `A–Z a–z 0–9 - _`.
pub fn check_client_id(id: &str) -> Result<(), ErrorCode> {
    let fine = !id.is_empty()
        && id.len() <= CLIENT_ID_MAX
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if fine {
        Ok(())
    } else {
        Err(ErrorCode::ClientIdInvalid)
    }
}

/// When a scan happened: the device's time if it is believable, else
/// the server's.
pub fn scan_time(device: Option<DateTime<Utc>>, now: DateTime<Utc>) -> DateTime<Utc> {
    match device {
        Some(at)
            if at <= now + Duration::minutes(CLOCK_AHEAD_MINUTES)
                && at >= now - Duration::days(CLOCK_PAST_DAYS) =>
        {
            at
        }
        _ => now,
    }
}

/// A pairing code as typed: dashes, spaces and case forgiven; `None` when
/// it cannot be one.
pub fn normalize_pairing_code(text: &str) -> Option<String> {
    let code: String = text
        .chars()
        .filter(|c| !matches!(c, '-' | ' ' | '\t'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (code.len() == PAIRING_LEN && code.bytes().all(|b| PAIRING_ALPHABET.contains(&b)))
        .then_some(code)
}

/// `ABCD2345` as people read it: `ABCD-2345`.
pub fn show_pairing_code(code: &str) -> String {
    if code.len() == PAIRING_LEN {
        format!("{}-{}", &code[..4], &code[4..])
    } else {
        code.to_owned()
    }
}

/// A staff name as stored: trimmed, one line, bounded.
pub fn staff_name(text: &str) -> String {
    text.trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(STAFF_MAX)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_passing_badge_is_green_and_only_a_repeat_is_amber() {
        for badge in BadgeOutcome::ALL {
            let light = light_of(outcome_of(badge));
            assert_eq!(
                light == Light::Green,
                badge == BadgeOutcome::Valid,
                "{badge:?}"
            );
            assert_ne!(light, Light::Amber);
        }
        assert_eq!(light_of(ScanOutcome::AlreadyIn), Light::Amber);
        assert_eq!(light_of(ScanOutcome::UnknownList), Light::Red);
    }

    #[test]
    fn the_second_arrival_is_amber_and_invitations_warn_only_without_a_place() {
        assert_eq!(on_list(false, false, false), (ScanOutcome::Welcome, None));
        assert_eq!(on_list(true, false, false), (ScanOutcome::AlreadyIn, None));
        assert_eq!(
            on_list(false, true, false),
            (ScanOutcome::Welcome, Some(ScanWarning::NoPlace))
        );
        assert_eq!(on_list(false, true, true), (ScanOutcome::Welcome, None));
    }

    #[test]
    fn only_an_offline_admission_that_the_server_refuses_is_flagged() {
        assert!(flagged(Some(Light::Green), Light::Red));
        assert!(flagged(Some(Light::Amber), Light::Red));
        assert!(!flagged(Some(Light::Green), Light::Amber));
        assert!(!flagged(Some(Light::Red), Light::Red));
        assert!(!flagged(None, Light::Red));
    }

    #[test]
    fn client_ids_are_bounded_and_plain() {
        assert!(check_client_id("3f1c9a2e-4b7d-4e21-9c1a-0d2b3c4d5e6f").is_ok());
        assert!(check_client_id("a_b").is_ok());
        assert!(check_client_id("").is_err());
        assert!(check_client_id(&"a".repeat(65)).is_err());
        assert!(check_client_id("a b").is_err());
        assert!(check_client_id("é").is_err());
    }

    #[test]
    fn a_device_clock_is_believed_within_bounds() {
        let now = Utc::now();
        let hour_ago = now - Duration::hours(1);
        assert_eq!(scan_time(Some(hour_ago), now), hour_ago);
        assert_eq!(scan_time(None, now), now);
        assert_eq!(scan_time(Some(now + Duration::hours(1)), now), now);
        assert_eq!(scan_time(Some(now - Duration::days(30)), now), now);
    }

    #[test]
    fn pairing_codes_forgive_dashes_spaces_and_case() {
        assert_eq!(
            normalize_pairing_code(" abcd-2345 ").as_deref(),
            Some("ABCD2345")
        );
        assert_eq!(
            normalize_pairing_code("ABCD 2345").as_deref(),
            Some("ABCD2345")
        );
        assert_eq!(normalize_pairing_code("ABCD-234"), None);
        assert_eq!(
            normalize_pairing_code("ABCD-2340"),
            None,
            "0 is not in the alphabet"
        );
        assert_eq!(normalize_pairing_code("ÀBCD-2345"), None);
        assert_eq!(show_pairing_code("ABCD2345"), "ABCD-2345");
    }

    #[test]
    fn list_keys_read_back_what_they_write() {
        use super::super::types::ListKey;
        for key in [ListKey::Entry, ListKey::Session(12)] {
            assert_eq!(ListKey::parse(&key.to_string()), Ok(key));
        }
        for bad in [
            "",
            "session:",
            "session:0",
            "session:-1",
            "session:x",
            "exit",
        ] {
            assert!(ListKey::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn staff_names_are_one_bounded_line() {
        assert_eq!(staff_name("  Ana\n"), "Ana");
        assert_eq!(staff_name(&"x".repeat(200)).len(), STAFF_MAX);
    }
}
