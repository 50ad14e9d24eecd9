//! The outbox in the database: queue, claim, record the outcome (server only).
//!
//! Several server processes may run a worker each. A worker claims one
//! message at a time with a compare-and-swap on its lease, so a message is
//! handed to SMTP by one worker only; a lease that lapses (a worker died)
//! lets another take over.

use chrono::Duration;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, NotSet, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::entity::{attachment, message};
use super::types::{MailSummary, MessageStatus, MessageView, NewMessage};
use crate::db::now;
use crate::error::AppError;
use crate::paging::{PageRequest, Paged};

/// The longest wait between two attempts.
pub const MAX_BACKOFF: Duration = Duration::hours(1);

/// The wait before attempt `attempts + 1`: doubling from `base`, capped.
pub fn backoff(attempts: i32, base: Duration) -> Duration {
    let doublings = attempts.clamp(1, 20) - 1;
    let wait = base * 2_i32.pow(doublings as u32);
    wait.min(MAX_BACKOFF)
}

fn view(m: message::Model) -> Result<MessageView, AppError> {
    Ok(MessageView {
        id: m.id,
        status: m.status,
        to_address: m.to_address,
        to_name: m.to_name,
        subject: m.subject,
        body_text: mask_sign_in_links(&m.body_text),
        language: m.language,
        attempts: m.attempts,
        last_error: m.last_error,
        created_at: m.created_at,
        sent_at: m.sent_at,
    })
}

/// The outbox shows organizers what was sent, but a sign-in link in it
/// would let them sign in as the delegate, and a password link would let
/// them choose someone's password: their secrets are masked.
pub fn mask_sign_in_links(text: &str) -> String {
    ["/my/link/", "/account/password/"]
        .into_iter()
        .fold(text.to_owned(), |text, mark| mask_after(&text, mark))
}

fn mask_after(text: &str, mark: &str) -> String {
    let mut masked = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(mark) {
        let (before, after) = rest.split_at(at + mark.len());
        masked.push_str(before);
        let secret_len = after
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(after.len());
        if secret_len > 0 {
            masked.push_str("••••••••");
        }
        rest = &after[secret_len..];
    }
    masked.push_str(rest);
    masked
}

/// The files of a queued message, for the worker that sends it.
pub async fn attachments_of(
    db: &impl ConnectionTrait,
    message_id: i64,
) -> Result<Vec<attachment::Model>, AppError> {
    Ok(attachment::Entity::find()
        .filter(attachment::Column::MessageId.eq(message_id))
        .order_by_asc(attachment::Column::Id)
        .all(db)
        .await?)
}

/// Queues a message; call it inside the transaction that caused it.
pub async fn enqueue(db: &impl ConnectionTrait, new: NewMessage) -> Result<i64, AppError> {
    let at = now();
    let model = message::ActiveModel {
        id: NotSet,
        to_address: Set(new.to_address),
        to_name: Set(new.to_name),
        subject: Set(new.subject),
        body_text: Set(new.body_text),
        body_html: Set(new.body_html),
        language: Set(new.language),
        status: Set(MessageStatus::Pending),
        attempts: Set(0),
        next_attempt_at: Set(at),
        locked_until: Set(None),
        locked_by: Set(None),
        last_error: Set(None),
        created_at: Set(at),
        sent_at: Set(None),
    }
    .insert(db)
    .await?;
    for file in new.attachments {
        attachment::ActiveModel {
            id: NotSet,
            message_id: Set(model.id),
            file_name: Set(file.file_name),
            content_type: Set(file.content_type),
            content_id: Set(file.content_id),
            body: Set(file.body),
        }
        .insert(db)
        .await?;
    }
    Ok(model.id)
}

fn claimable(at: chrono::DateTime<chrono::Utc>) -> Condition {
    Condition::all()
        .add(message::Column::Status.ne(MessageStatus::Sent))
        .add(message::Column::NextAttemptAt.lte(at))
        .add(
            Condition::any()
                .add(message::Column::LockedUntil.is_null())
                .add(message::Column::LockedUntil.lt(at)),
        )
}

/// Claims the oldest due message for `worker` for `lease`, or `None`.
pub async fn claim_next(
    db: &impl ConnectionTrait,
    worker: &str,
    lease: Duration,
) -> Result<Option<message::Model>, AppError> {
    // Another worker may win the race for a candidate: then try the next.
    for _ in 0..8 {
        let at = now();
        let candidate = message::Entity::find()
            .filter(claimable(at))
            .order_by_asc(message::Column::Id)
            .limit(1)
            .one(db)
            .await?;
        let Some(candidate) = candidate else {
            return Ok(None);
        };
        let claimed = message::Entity::update_many()
            .col_expr(
                message::Column::Status,
                Expr::value(MessageStatus::Sending.as_str()),
            )
            .col_expr(message::Column::LockedUntil, Expr::value(at + lease))
            .col_expr(message::Column::LockedBy, Expr::value(worker))
            .col_expr(
                message::Column::Attempts,
                Expr::col(message::Column::Attempts).add(1),
            )
            .filter(message::Column::Id.eq(candidate.id))
            .filter(claimable(at))
            .exec(db)
            .await?;
        if claimed.rows_affected == 1 {
            return message::Entity::find_by_id(candidate.id)
                .one(db)
                .await
                .map_err(AppError::from);
        }
    }
    Ok(None)
}

/// Records that the SMTP server accepted the message.
pub async fn mark_sent(db: &impl ConnectionTrait, id: i64, worker: &str) -> Result<(), AppError> {
    message::Entity::update_many()
        .col_expr(
            message::Column::Status,
            Expr::value(MessageStatus::Sent.as_str()),
        )
        .col_expr(message::Column::SentAt, Expr::value(now()))
        .col_expr(
            message::Column::LockedUntil,
            Expr::value(None::<chrono::DateTime<chrono::Utc>>),
        )
        .col_expr(message::Column::LastError, Expr::value(None::<String>))
        .filter(message::Column::Id.eq(id))
        .filter(message::Column::LockedBy.eq(worker))
        .exec(db)
        .await?;
    Ok(())
}

/// Records a failed attempt and when to try again.
pub async fn mark_retry(
    db: &impl ConnectionTrait,
    message: &message::Model,
    worker: &str,
    error: &str,
    base: Duration,
) -> Result<(), AppError> {
    let next = now() + backoff(message.attempts, base);
    message::Entity::update_many()
        .col_expr(
            message::Column::Status,
            Expr::value(MessageStatus::Pending.as_str()),
        )
        .col_expr(message::Column::NextAttemptAt, Expr::value(next))
        .col_expr(
            message::Column::LockedUntil,
            Expr::value(None::<chrono::DateTime<chrono::Utc>>),
        )
        .col_expr(message::Column::LastError, Expr::value(error))
        .filter(message::Column::Id.eq(message.id))
        .filter(message::Column::LockedBy.eq(worker))
        .exec(db)
        .await?;
    Ok(())
}

/// The newest messages first.
/// One page of the outbox, newest first.
pub async fn page_of_messages(
    db: &impl ConnectionTrait,
    page: PageRequest,
) -> Result<Paged<MessageView>, AppError> {
    let total = message::Entity::find().count(db).await?;
    let items = message::Entity::find()
        .order_by_desc(message::Column::Id)
        .offset(page.offset())
        .limit(page.limit())
        .all(db)
        .await?
        .into_iter()
        .map(view)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Paged::new(items, total, page))
}

pub async fn list_messages(
    db: &impl ConnectionTrait,
    limit: u64,
) -> Result<Vec<MessageView>, AppError> {
    message::Entity::find()
        .order_by_desc(message::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(view)
        .collect()
}

/// Messages waiting, failing and sent (one grouped query).
pub async fn mail_summary(db: &impl ConnectionTrait) -> Result<MailSummary, AppError> {
    let rows: Vec<(
        MessageStatus,
        bool,
        i64,
        Option<chrono::DateTime<chrono::Utc>>,
    )> = message::Entity::find()
        .select_only()
        .column(message::Column::Status)
        .column_as(message::Column::LastError.is_not_null(), "failing")
        .column_as(message::Column::Id.count(), "messages")
        .column_as(message::Column::CreatedAt.min(), "oldest")
        .group_by(message::Column::Status)
        .group_by(message::Column::LastError.is_not_null())
        .into_tuple()
        .all(db)
        .await?;
    let mut summary = MailSummary::default();
    for (status, failing, messages, oldest) in rows {
        let messages = u32::try_from(messages).unwrap_or(u32::MAX);
        if status == MessageStatus::Sent {
            summary.sent += messages;
            continue;
        }
        summary.waiting += messages;
        if failing {
            summary.failing += messages;
        }
        summary.oldest_waiting = match (summary.oldest_waiting, oldest) {
            (Some(a), Some(b)) => Some(std::cmp::Ord::min(a, b)),
            (a, b) => a.or(b),
        };
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        let base = Duration::seconds(30);
        assert_eq!(backoff(1, base), Duration::seconds(30));
        assert_eq!(backoff(2, base), Duration::seconds(60));
        assert_eq!(backoff(4, base), Duration::seconds(240));
        assert_eq!(backoff(12, base), MAX_BACKOFF);
        assert_eq!(backoff(1_000, base), MAX_BACKOFF);
    }

    #[test]
    fn sign_in_secrets_are_masked_and_the_rest_is_kept() {
        let body = "Open https://forum.example/my/link/0a1b2c3d4e\nThen /my/link/ff.";
        assert_eq!(
            mask_sign_in_links(body),
            "Open https://forum.example/my/link/••••••••\nThen /my/link/••••••••."
        );
        assert_eq!(mask_sign_in_links("no link, 李华"), "no link, 李华");
        assert_eq!(mask_sign_in_links("/my/link/"), "/my/link/");
    }
}
