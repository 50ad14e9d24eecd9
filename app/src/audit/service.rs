//! Writing and reading the audit log (server only). `record` is called by
//! every service that changes data, with the transaction of the change;
//! there is no function that updates or deletes an entry.

use chrono::NaiveTime;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, NotSet, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::Value;

use super::entity::entry;
use super::types::{AuditEntryView, AuditFilter, display_value};
use crate::db::now;
use crate::error::AppError;
use crate::paging::{PageRequest, Paged};

/// Who made a change: an account, or the app on nobody's behalf.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Option<i64>,
    /// The account's e-mail, or `public`, `cli`, `demo`, `mail worker`.
    pub label: String,
}

impl Actor {
    /// A signed-in account (`label`: its e-mail; `auth` makes one from a
    /// caller as `Actor::user`).
    pub fn account(user_id: i64, label: &str) -> Actor {
        Actor {
            user_id: Some(user_id),
            label: label.to_owned(),
        }
    }

    /// An anonymous caller of a public form.
    pub fn public() -> Actor {
        Actor::system(PUBLIC)
    }

    /// The app itself: `cli`, `demo`, `mail worker`.
    pub fn system(name: &str) -> Actor {
        Actor {
            user_id: None,
            label: name.to_owned(),
        }
    }

    /// The anonymous public: answers to it must reveal nobody.
    pub fn is_public(&self) -> bool {
        self.user_id.is_none() && self.label == PUBLIC
    }
}

const PUBLIC: &str = "public";

/// One change to record: what was done to which record, and the record
/// before and after (as JSON).
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub action: &'static str,
    pub entity: &'static str,
    pub record_id: String,
    pub edition_id: Option<i64>,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

impl Change {
    pub fn new(action: &'static str, entity: &'static str, record_id: impl ToString) -> Change {
        Change {
            action,
            entity,
            record_id: record_id.to_string(),
            edition_id: None,
            before: None,
            after: None,
        }
    }

    /// The edition the record belongs to, so the log filters by edition.
    pub fn edition(mut self, edition_id: i64) -> Change {
        self.edition_id = Some(edition_id);
        self
    }

    pub fn before(mut self, value: &impl serde::Serialize) -> Change {
        self.before = Some(snapshot(value));
        self
    }

    pub fn after(mut self, value: &impl serde::Serialize) -> Change {
        self.after = Some(snapshot(value));
        self
    }
}

/// Keys whose values are secrets (or stand for them) and never reach the log.
fn is_secret(key: &str) -> bool {
    key.ends_with("_hash")
        || matches!(key, "password" | "secret" | "token")
        || key.ends_with("_secret")
        || key.ends_with("_token")
}

/// Secrets replaced by `"[redacted]"`, at any depth.
pub fn redact(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(key, value)| {
                    let value = if is_secret(&key) && !value.is_null() {
                        Value::String("[redacted]".to_owned())
                    } else {
                        redact(value)
                    };
                    (key, value)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(redact).collect()),
        other => other,
    }
}

fn snapshot(value: &impl serde::Serialize) -> Value {
    match serde_json::to_value(value) {
        Ok(value) => redact(value),
        // Our own types always serialize; say so rather than lose the entry.
        Err(err) => Value::String(format!("unserializable: {err}")),
    }
}

/// The latest entry's id (0 before any): it moves with every change
/// anywhere, so caches of derived figures compare it to know they are
/// current.
pub async fn latest_id(db: &impl ConnectionTrait) -> Result<i64, AppError> {
    use sea_orm::{QueryOrder, QuerySelect};
    Ok(entry::Entity::find()
        .select_only()
        .column(entry::Column::Id)
        .order_by_desc(entry::Column::Id)
        .into_tuple::<i64>()
        .one(db)
        .await?
        .unwrap_or(0))
}

/// Writes the entry; call it with the same transaction as the change.
/// An account switched off since its request began writes nothing: the
/// change fails with 401 and its transaction is rolled back.
pub async fn record(
    db: &impl ConnectionTrait,
    actor: &Actor,
    change: Change,
) -> Result<(), AppError> {
    if let Some(user_id) = actor.user_id
        && !still_active(db, user_id).await?
    {
        return Err(AppError::Unauthorized);
    }
    let text = |value: Option<Value>| value.map(|v| v.to_string());
    entry::ActiveModel {
        id: NotSet,
        at: Set(now()),
        actor_user_id: Set(actor.user_id),
        actor: Set(actor.label.clone()),
        action: Set(change.action.to_owned()),
        entity_type: Set(change.entity.to_owned()),
        record_id: Set(change.record_id),
        edition_id: Set(change.edition_id),
        before: Set(text(change.before)),
        after: Set(text(change.after)),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Whether the account behind a write is still switched on, read in the
/// write's own transaction, so a request in flight when its account is
/// switched off writes nothing. Read from the accounts table by name: the
/// log is written below every area, `auth` included.
async fn still_active(db: &impl ConnectionTrait, user_id: i64) -> Result<bool, AppError> {
    use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
    let query = Query::select()
        .column(Alias::new("id"))
        .from(Alias::new("users"))
        .and_where(Expr::col(Alias::new("id")).eq(user_id))
        .and_where(Expr::col(Alias::new("disabled_at")).is_null())
        .to_owned();
    Ok(db.query_one(&query).await?.is_some())
}

fn parse_json(text: Option<String>) -> Option<Value> {
    // Written by `record` as JSON; anything else is shown as the text it is.
    text.map(|t| serde_json::from_str(&t).unwrap_or(Value::String(t)))
}

fn view(m: entry::Model) -> AuditEntryView {
    AuditEntryView {
        id: m.id,
        at: m.at,
        actor_user_id: m.actor_user_id,
        actor: m.actor,
        action: m.action,
        entity: m.entity_type,
        record_id: m.record_id,
        edition_id: m.edition_id,
        before: parse_json(m.before),
        after: parse_json(m.after),
    }
}

fn condition(filter: &AuditFilter) -> Condition {
    let f = filter.normalized();
    let mut all = Condition::all();
    if let Some(id) = f.edition_id {
        all = all.add(entry::Column::EditionId.eq(id));
    }
    if let Some(entity) = f.entity {
        all = all.add(entry::Column::EntityType.eq(entity));
    }
    if let Some(record_id) = f.record_id {
        all = all.add(entry::Column::RecordId.eq(record_id));
    }
    if let Some(actor) = f.actor {
        // Labels are lower case (e-mails are stored so): a lower-case
        // needle finds them on SQLite and PostgreSQL alike.
        all = all.add(entry::Column::Actor.contains(actor.to_lowercase()));
    }
    if let Some(action) = f.action {
        all = all.add(entry::Column::Action.eq(action));
    }
    if let Some(day) = f.from {
        all = all.add(entry::Column::At.gte(day.and_time(NaiveTime::MIN).and_utc()));
    }
    // The last day chrono knows has no day after it: no upper bound then.
    if let Some(next) = f.to.and_then(|day| day.succ_opt()) {
        all = all.add(entry::Column::At.lt(next.and_time(NaiveTime::MIN).and_utc()));
    }
    all
}

/// One page of the entries the filter selects, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    filter: &AuditFilter,
    page: PageRequest,
) -> Result<Paged<AuditEntryView>, AppError> {
    let page = page.clamped();
    let total = entry::Entity::find()
        .filter(condition(filter))
        .count(db)
        .await?;
    let items: Vec<AuditEntryView> = entry::Entity::find()
        .filter(condition(filter))
        .order_by_desc(entry::Column::At)
        .order_by_desc(entry::Column::Id)
        .offset(page.offset())
        .limit(page.limit())
        .all(db)
        .await?
        .into_iter()
        .map(view)
        .collect();
    Ok(Paged::new(items, total, page))
}

/// One page of an edition's entries about some kinds of record (one
/// record when `record_id` is given), newest first: an area's history
/// for those who may see the area but not the whole log.
pub async fn list_kinds(
    db: &impl ConnectionTrait,
    edition_id: i64,
    kinds: &[&str],
    record_id: Option<String>,
    page: PageRequest,
) -> Result<Paged<AuditEntryView>, AppError> {
    let page = page.clamped();
    let mut condition = Condition::all()
        .add(entry::Column::EditionId.eq(edition_id))
        .add(entry::Column::EntityType.is_in(kinds.iter().copied()));
    if let Some(record_id) = record_id {
        condition = condition.add(entry::Column::RecordId.eq(record_id));
    }
    let total = entry::Entity::find()
        .filter(condition.clone())
        .count(db)
        .await?;
    let items = entry::Entity::find()
        .filter(condition)
        .order_by_desc(entry::Column::At)
        .order_by_desc(entry::Column::Id)
        .offset(page.offset())
        .limit(page.limit())
        .all(db)
        .await?
        .into_iter()
        .map(view)
        .collect();
    Ok(Paged::new(items, total, page))
}

/// Every entry the filter selects, newest first (for the export).
pub async fn list_all(
    db: &impl ConnectionTrait,
    filter: &AuditFilter,
) -> Result<Vec<AuditEntryView>, AppError> {
    Ok(entry::Entity::find()
        .filter(condition(filter))
        .order_by_desc(entry::Column::At)
        .order_by_desc(entry::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(view)
        .collect())
}

const EXPORT_HEADER: [&str; 11] = [
    "id",
    "at",
    "actor",
    "actor_user_id",
    "action",
    "entity",
    "record_id",
    "edition_id",
    "changes",
    "before",
    "after",
];

/// The entries as CSV, as the registration export writes it: UTF-8 with a
/// byte order mark, CRLF line ends, no cell a spreadsheet would run as a
/// formula. `changes` holds one `field: before → after` line per field.
pub fn export(rows: &[AuditEntryView]) -> Result<Vec<u8>, AppError> {
    use crate::spreadsheet::{BOM, safe_cell};
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.as_bytes().to_vec());
    out.write_record(EXPORT_HEADER)
        .map_err(AppError::internal)?;
    let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    let json = |v: &Option<Value>| v.as_ref().map(Value::to_string).unwrap_or_default();
    for r in rows {
        let changes = r
            .changes()
            .into_iter()
            .map(|(field, was, is)| {
                format!("{field}: {} → {}", display_value(&was), display_value(&is))
            })
            .collect::<Vec<_>>()
            .join("\n");
        let record = [
            r.id.to_string(),
            r.at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
            r.actor.clone(),
            number(r.actor_user_id),
            r.action.clone(),
            r.entity.clone(),
            r.record_id.clone(),
            number(r.edition_id),
            changes,
            json(&r.before),
            json(&r.after),
        ];
        out.write_record(record.iter().map(|c| safe_cell(c)))
            .map_err(AppError::internal)?;
    }
    out.into_inner().map_err(AppError::internal)
}

/// The filtered entries, all pages, as CSV.
pub async fn export_csv(
    db: &impl ConnectionTrait,
    filter: &AuditFilter,
) -> Result<Vec<u8>, AppError> {
    export(&list_all(db, filter).await?)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn secrets_never_reach_the_log() {
        let value = json!({
            "email": "a@b.example",
            "password_hash": "$argon2id$...",
            "token_hash": "abc",
            "none_hash": null,
            "nested": [{"secret": "s"}],
        });
        assert_eq!(
            redact(value),
            json!({
                "email": "a@b.example",
                "password_hash": "[redacted]",
                "token_hash": "[redacted]",
                "none_hash": null,
                "nested": [{"secret": "[redacted]"}],
            })
        );
    }

    #[test]
    fn a_change_keeps_its_snapshots() {
        let change = Change::new("updated", "room", 7)
            .edition(2)
            .before(&json!({"name": "A"}))
            .after(&json!({"name": "B"}));
        assert_eq!(change.record_id, "7");
        assert_eq!(change.edition_id, Some(2));
        assert_eq!(change.before, Some(json!({"name": "A"})));
        assert_eq!(change.after, Some(json!({"name": "B"})));
    }

    #[test]
    fn the_export_is_spreadsheet_safe_and_lists_the_changes() {
        let row = AuditEntryView {
            id: 1,
            at: chrono::DateTime::from_timestamp(0, 0).unwrap(),
            actor_user_id: None,
            actor: "=cmd()".into(),
            action: "updated".into(),
            entity: "room".into(),
            record_id: "7".into(),
            edition_id: Some(2),
            before: Some(json!({"name": "A"})),
            after: Some(json!({"name": "B"})),
        };
        let bytes = export(&[row]).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with('\u{feff}'));
        assert!(text.contains("'=cmd()"), "{text}");
        assert!(text.contains("name: A → B"), "{text}");
        assert!(text.contains("1970-01-01 00:00:00 UTC"), "{text}");
    }
}
