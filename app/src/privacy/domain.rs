//! The retention rules, pure: when an edition's personal details are due
//! for erasure, and which fields those are, in the tables and inside the
//! audit log's records.

use chrono::{Days, NaiveDate};
use serde_json::Value;

/// Days after the Forum's last day, unless the organizers say otherwise:
/// time for the follow-up letters, the auditors' questions and a late
/// reimbursement, no longer.
pub const DEFAULT_KEEP_DAYS: i32 = 180;
/// At most ten years.
pub const KEEP_DAYS_MAX: i32 = 3_650;

/// The fields erased after the retention period, by the names the
/// registration and scan records (and so the audit log's copies of them)
/// use: phone, dietary and access needs (health, religion), travel plans,
/// and the names door staff typed on the tablets.
/// What a travel leg's audit entries say about where a person goes and
/// when: emptied with the legs themselves.
pub const TRAVEL_FIELDS: [&str; 6] = [
    "carrier",
    "number",
    "elsewhere",
    "place",
    "terminal",
    "scheduled_at",
];

pub const PERSONAL_FIELDS: [&str; 6] = [
    "phone",
    "dietary",
    "access",
    "arrival_at",
    "departure_at",
    "staff",
];

/// The fields a person's own erasure removes besides those: who they are
/// and how they are reached.
pub const IDENTITY_FIELDS: [&str; 9] = [
    "name_native",
    "name_latin",
    "honorific",
    "position",
    "organization",
    "email",
    "languages",
    "interpretation",
    "approved_values",
];

/// The first day the details may no longer be kept.
pub fn erase_on(end_date: NaiveDate, keep_days: i32) -> NaiveDate {
    let days = u64::try_from(keep_days.clamp(0, KEEP_DAYS_MAX)).unwrap_or(0);
    end_date
        .checked_add_days(Days::new(days + 1))
        .unwrap_or(NaiveDate::MAX)
}

/// Whether an edition's details are due for erasure on `today`.
pub fn due(end_date: NaiveDate, keep_days: i32, today: NaiveDate) -> bool {
    today >= erase_on(end_date, keep_days)
}

/// Checks the organizers' number of days.
pub fn check_keep_days(days: i32) -> Result<i32, crate::error::ErrorCode> {
    if (0..=KEEP_DAYS_MAX).contains(&days) {
        Ok(days)
    } else {
        Err(crate::error::ErrorCode::OutOfRange)
    }
}

/// Empties `fields` wherever they occur in a JSON record (nested records
/// included): the key stays, its value becomes null. Whether anything
/// changed.
pub fn scrub(value: &mut Value, fields: &[&str]) -> bool {
    match value {
        Value::Object(map) => {
            let mut changed = false;
            for (key, inner) in map.iter_mut() {
                if fields.contains(&key.as_str()) {
                    if !inner.is_null() {
                        *inner = Value::Null;
                        changed = true;
                    }
                } else {
                    changed |= scrub(inner, fields);
                }
            }
            changed
        }
        Value::Array(items) => {
            let mut changed = false;
            for item in items {
                changed |= scrub(item, fields);
            }
            changed
        }
        _ => false,
    }
}

/// A stored JSON text with `fields` emptied; `None` when nothing changed
/// (or it is not JSON, which `audit::record` never writes).
pub fn scrubbed_text(text: &str, fields: &[&str]) -> Option<String> {
    let mut value: Value = serde_json::from_str(text).ok()?;
    scrub(&mut value, fields).then(|| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn details_are_due_the_day_after_the_period() {
        let end = day(2027, 4, 20);
        assert_eq!(erase_on(end, 180), day(2027, 10, 18));
        assert!(!due(end, 180, day(2027, 10, 17)));
        assert!(due(end, 180, day(2027, 10, 18)));
        // Zero days: the day after the Forum.
        assert!(due(end, 0, day(2027, 4, 21)));
        assert!(!due(end, 0, day(2027, 4, 20)));
        assert_eq!(
            check_keep_days(-1),
            Err(crate::error::ErrorCode::OutOfRange)
        );
        assert_eq!(
            check_keep_days(3_651),
            Err(crate::error::ErrorCode::OutOfRange)
        );
        assert_eq!(check_keep_days(30), Ok(30));
    }

    #[test]
    fn scrubbing_empties_the_fields_wherever_they_are_and_keeps_the_rest() {
        let mut record = json!({
            "name_latin": "Ana Lima",
            "phone": "+351 912 345 678",
            "dietary": "halal",
            "nested": {"access": "wheelchair", "category": "staff"},
            "list": [{"staff": "Bo"}],
            "arrival_at": null,
        });
        assert!(scrub(&mut record, &PERSONAL_FIELDS));
        assert_eq!(
            record,
            json!({
                "name_latin": "Ana Lima",
                "phone": null,
                "dietary": null,
                "nested": {"access": null, "category": "staff"},
                "list": [{"staff": null}],
                "arrival_at": null,
            })
        );
        // Nothing left to erase: unchanged.
        assert!(!scrub(&mut record, &PERSONAL_FIELDS));
        assert_eq!(scrubbed_text("not json", &PERSONAL_FIELDS), None);
        assert_eq!(
            scrubbed_text(r#"{"phone":"1"}"#, &PERSONAL_FIELDS).as_deref(),
            Some(r#"{"phone":null}"#)
        );
    }
}
