use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::choice::choice;

choice! {
    /// `pending` until a worker has handed the message to the SMTP server.
    pub enum MessageStatus unknown UnknownStatus {
        Pending = "pending",
        Sending = "sending",
        Sent = "sent",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    pub id: i64,
    pub to_address: String,
    pub to_name: String,
    pub subject: String,
    pub body_text: String,
    pub language: String,
    pub status: MessageStatus,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// A message to queue: plain text and HTML, in the recipient's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMessage {
    pub to_address: String,
    pub to_name: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub language: String,
    /// Files sent with it; those with a content id are shown in the HTML.
    pub attachments: Vec<Attachment>,
}

/// A file sent with a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub file_name: String,
    pub content_type: String,
    /// For an image the HTML shows as `cid:<content_id>`.
    pub content_id: Option<String>,
    pub body: Vec<u8>,
}

/// An image a letter shows before its signature: the image (attached
/// with a content id), a caption, and for mail readers without images the
/// text it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    pub image: Attachment,
    pub caption: String,
    pub text_instead: String,
}

/// What a letter carries besides its words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Enclosures {
    pub figure: Option<Figure>,
    /// Files attached (not shown in the HTML).
    pub files: Vec<Attachment>,
}

/// The outbox at a glance, for the dashboard.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailSummary {
    /// Not yet handed to the SMTP server.
    pub waiting: u32,
    /// Of those, the ones whose last attempt failed (they are retried).
    pub failing: u32,
    pub sent: u32,
    /// When the longest-waiting message was queued.
    pub oldest_waiting: Option<DateTime<Utc>>,
}
