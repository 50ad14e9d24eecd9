//! The audit log as the browser and the API see it, and the pure rules
//! that read it: which fields an entry changed, and the query of a filter.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The kinds of record the log speaks of, in the order the filter lists them.
pub const ENTITIES: [&str; 27] = [
    "edition",
    "room",
    "session",
    "agenda",
    "member",
    "committee",
    "council_member",
    "registration",
    "registration_settings",
    "invitation",
    "account",
    "api_token",
    "budget",
    "budget_category",
    "budget_payer",
    "budget_rate",
    "budget_item",
    "budget_receipt",
    "budget_income",
    "agreement_template",
    "initiative",
    "agreement",
    "agreement_version",
    "agreement_comment",
    "agreement_signing",
    "activity",
    "activity_note",
];

/// The actions the filter suggests (services may record others).
pub const ACTIONS: [&str; 11] = [
    "created",
    "updated",
    "deleted",
    "published",
    "cancelled",
    "booked",
    "unbooked",
    "feed_renewed",
    "approved",
    "moved",
    "signed",
];

/// One change: who, when, which record, before and after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AuditEntryView {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// The account that made the change, if one did.
    pub actor_user_id: Option<i64>,
    /// The account's e-mail, or `public`, `cli`, `demo`.
    pub actor: String,
    /// `created`, `updated`, `deleted`, `published`, `cancelled`…
    pub action: String,
    /// `edition`, `room`, `session`, `member`…
    pub entity: String,
    pub record_id: String,
    pub edition_id: Option<i64>,
    /// The record before the change (none for a creation).
    #[cfg_attr(feature = "ssr", schema(value_type = Option<Object>))]
    pub before: Option<Value>,
    /// The record after the change (none for a deletion).
    #[cfg_attr(feature = "ssr", schema(value_type = Option<Object>))]
    pub after: Option<Value>,
}

impl AuditEntryView {
    /// The fields this entry changed (see [`changed_fields`]).
    pub fn changes(&self) -> Vec<(String, Option<Value>, Option<Value>)> {
        changed_fields(
            self.before.as_ref().unwrap_or(&Value::Null),
            self.after.as_ref().unwrap_or(&Value::Null),
        )
    }
}

/// Which entries to read; every part is optional and they all apply.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditFilter {
    pub edition_id: Option<i64>,
    /// One kind of record, e.g. `session`.
    pub entity: Option<String>,
    /// One record of that kind (its id as text).
    pub record_id: Option<String>,
    /// Part of who made the change (an e-mail, `cli`…), ignoring case.
    pub actor: Option<String>,
    /// One action, e.g. `updated`.
    pub action: Option<String>,
    /// From this day on (UTC), included.
    pub from: Option<NaiveDate>,
    /// Up to this day (UTC), included.
    pub to: Option<NaiveDate>,
}

fn present(text: &Option<String>) -> Option<String> {
    text.as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

impl AuditFilter {
    /// The filter with its texts trimmed and empty ones dropped.
    pub fn normalized(&self) -> AuditFilter {
        AuditFilter {
            edition_id: self.edition_id,
            entity: present(&self.entity),
            record_id: present(&self.record_id),
            actor: present(&self.actor),
            action: present(&self.action),
            from: self.from,
            to: self.to,
        }
    }

    /// A filter and a page number from URL query parameters, as
    /// [`query_string`](Self::query_string) writes them (and a plain form
    /// submits them): empty or unreadable parts are left out, the page is
    /// at least 1.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> (AuditFilter, u32) {
        let text = |name: &str| {
            get(name)
                .map(|value| value.trim().to_owned())
                .filter(|value| !value.is_empty())
        };
        let filter = AuditFilter {
            edition_id: text("edition_id").and_then(|v| v.parse().ok()),
            entity: text("entity"),
            record_id: text("record_id"),
            actor: text("actor"),
            action: text("action"),
            from: text("from").and_then(|v| v.parse().ok()),
            to: text("to").and_then(|v| v.parse().ok()),
        };
        let page = text("page")
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(1)
            .max(1);
        (filter, page)
    }

    /// The filter as URL query parameters (`edition_id=1&entity=session`),
    /// as `GET /api/v1/audit` and `/api/v1/audit.csv` read them.
    pub fn query_string(&self) -> String {
        let f = self.normalized();
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if let Some(id) = f.edition_id {
            pairs.push(("edition_id", id.to_string()));
        }
        for (name, value) in [
            ("entity", f.entity),
            ("record_id", f.record_id),
            ("actor", f.actor),
            ("action", f.action),
        ] {
            if let Some(value) = value {
                pairs.push((name, value));
            }
        }
        if let Some(day) = f.from {
            pairs.push(("from", day.to_string()));
        }
        if let Some(day) = f.to {
            pairs.push(("to", day.to_string()));
        }
        pairs
            .into_iter()
            .map(|(name, value)| format!("{name}={}", percent_encode(&value)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// Percent-encodes all but the unreserved characters of RFC 3986.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Fields that say when a row was written, not what it holds: the entry's
/// own time says it.
const BOOKKEEPING: [&str; 1] = ["updated_at"];

/// What a change did, field by field: `(field, before, after)` for each
/// top-level key whose value differs, in the order of `after` then of
/// `before`. A missing key and `null` are the same (`None`), so a creation
/// (`before` null) lists the fields it set and a deletion those it
/// removed. Two values that are not objects give one row named `""`.
pub fn changed_fields(
    before: &Value,
    after: &Value,
) -> Vec<(String, Option<Value>, Option<Value>)> {
    let some = |v: Option<&Value>| v.filter(|v| !v.is_null()).cloned();
    let empty = serde_json::Map::new();
    let (old, new) = match (before, after) {
        (Value::Object(old), Value::Object(new)) => (old, new),
        (Value::Null, Value::Object(new)) => (&empty, new),
        (Value::Object(old), Value::Null) => (old, &empty),
        (old, new) => {
            return if old == new {
                Vec::new()
            } else {
                vec![(String::new(), some(Some(old)), some(Some(new)))]
            };
        }
    };
    let mut keys: Vec<&String> = new.keys().collect();
    keys.extend(old.keys().filter(|k| !new.contains_key(*k)));
    keys.into_iter()
        .filter(|key| !BOOKKEEPING.contains(&key.as_str()))
        .filter_map(|key| {
            let (was, is) = (some(old.get(key)), some(new.get(key)));
            (was != is).then(|| (key.clone(), was, is))
        })
        .collect()
}

/// A value as one line of the "what changed" column: text as it is,
/// nothing as `—`, anything else as compact JSON.
pub fn display_value(value: &Option<Value>) -> String {
    match value {
        None => "—".to_owned(),
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn an_update_lists_only_the_fields_that_changed() {
        let before = json!({"id": 1, "title": "Forum", "venue": "Hall A", "updated_at": "x"});
        let after = json!({"id": 1, "title": "Forum", "venue": "Hall B", "updated_at": "y"});
        assert_eq!(
            changed_fields(&before, &after),
            vec![("venue".into(), Some(json!("Hall A")), Some(json!("Hall B")))]
        );
        assert!(changed_fields(&before, &before).is_empty());
    }

    #[test]
    fn a_creation_lists_what_it_set_and_a_deletion_what_it_removed() {
        let row = json!({"id": 7, "name": "Hall", "capacity": null});
        assert_eq!(
            changed_fields(&Value::Null, &row),
            vec![
                ("id".into(), None, Some(json!(7))),
                ("name".into(), None, Some(json!("Hall"))),
            ]
        );
        assert_eq!(
            changed_fields(&row, &Value::Null),
            vec![
                ("id".into(), Some(json!(7)), None),
                ("name".into(), Some(json!("Hall")), None),
            ]
        );
    }

    #[test]
    fn missing_and_null_are_the_same_and_removed_keys_come_last() {
        let before = json!({"a": 1, "gone": true, "b": null});
        let after = json!({"a": 2, "c": [1, 2]});
        assert_eq!(
            changed_fields(&before, &after),
            vec![
                ("a".into(), Some(json!(1)), Some(json!(2))),
                ("c".into(), None, Some(json!([1, 2]))),
                ("gone".into(), Some(json!(true)), None),
            ]
        );
    }

    #[test]
    fn values_that_are_not_objects_give_one_row() {
        assert_eq!(
            changed_fields(&json!("draft"), &json!("published")),
            vec![(
                String::new(),
                Some(json!("draft")),
                Some(json!("published"))
            )]
        );
        assert!(changed_fields(&json!(3), &json!(3)).is_empty());
        assert!(changed_fields(&Value::Null, &Value::Null).is_empty());
    }

    #[test]
    fn values_are_shown_as_text() {
        assert_eq!(display_value(&None), "—");
        assert_eq!(display_value(&Some(json!("Hall B"))), "Hall B");
        assert_eq!(display_value(&Some(json!([1, 2]))), "[1,2]");
        assert_eq!(display_value(&Some(json!(false))), "false");
    }

    #[test]
    fn a_filter_becomes_an_encoded_query_without_empty_parts() {
        let filter = AuditFilter {
            edition_id: Some(3),
            entity: Some("session".into()),
            record_id: Some(" ".into()),
            actor: Some(" a+b@forum.example ".into()),
            action: None,
            from: NaiveDate::from_ymd_opt(2027, 11, 2),
            to: None,
        };
        assert_eq!(
            filter.query_string(),
            "edition_id=3&entity=session&actor=a%2Bb%40forum.example&from=2027-11-02"
        );
        assert_eq!(AuditFilter::default().query_string(), "");
    }

    #[test]
    fn a_query_reads_back_into_the_filter_and_its_page() {
        let filter = AuditFilter {
            edition_id: Some(3),
            entity: Some("session".into()),
            record_id: Some("12".into()),
            actor: Some("a@forum.example".into()),
            action: Some("updated".into()),
            from: NaiveDate::from_ymd_opt(2027, 11, 2),
            to: NaiveDate::from_ymd_opt(2027, 11, 4),
        };
        let query = [
            ("edition_id", "3"),
            ("entity", "session"),
            ("record_id", "12"),
            ("actor", " a@forum.example "),
            ("action", "updated"),
            ("from", "2027-11-02"),
            ("to", "2027-11-04"),
            ("page", "2"),
        ];
        let get = |name: &str| {
            query
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| value.to_string())
        };
        assert_eq!(AuditFilter::from_query(get), (filter, 2));
        // A plain form sends every field, empty ones too.
        let blank = |name: &str| match name {
            "edition_id" | "from" => Some(String::new()),
            "to" => Some("not a day".into()),
            "page" => Some("0".into()),
            _ => None,
        };
        assert_eq!(AuditFilter::from_query(blank), (AuditFilter::default(), 1));
    }
}
