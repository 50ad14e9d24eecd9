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

impl NewMessage {
    /// Shows an inline image (attached with `content_id`) after the last
    /// paragraph before the signature, with a caption; the text part gets
    /// the caption and `text_instead`.
    pub fn with_image(
        mut self,
        image: Attachment,
        caption: &str,
        text_instead: &str,
    ) -> NewMessage {
        let cid = image.content_id.clone().unwrap_or_default();
        let caption_html = crate::mail::letter::escape_html(caption);
        let figure = format!(
            "<p>{caption_html}<br><img src=\"cid:{cid}\" alt=\"{caption_html}\" width=\"240\" height=\"240\"></p>"
        );
        // The signature is the last paragraph of every letter.
        match self.body_html.rfind("<p>") {
            Some(at) => self.body_html.insert_str(at, &figure),
            None => self.body_html.push_str(&figure),
        }
        let paragraph = format!("{caption}\n{text_instead}\n\n");
        match self.body_text.rfind("\n\n") {
            Some(at) => self.body_text.insert_str(at + 2, &paragraph),
            None => self.body_text.push_str(&paragraph),
        }
        self.attachments.push(image);
        self
    }
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
