//! The outbox worker: sends queued messages over SMTP with lettre and
//! retries with backoff while the mail server is down.

use std::time::Duration as StdDuration;

use chrono::Duration;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::DatabaseConnection;

use app::mail::entity::{attachment, message};
use app::mail::service::{attachments_of, claim_next, mark_retry, mark_sent};

/// How the connection to the SMTP server is secured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SmtpTls {
    /// Plain text: only for a relay on the same host or in tests.
    None,
    /// STARTTLS on the submission port (587).
    StartTls,
    /// TLS from the first byte (465).
    Tls,
}

#[derive(Clone, Debug)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub tls: SmtpTls,
    pub credentials: Option<(String, String)>,
    pub from: Mailbox,
    /// The first retry waits this long; each next one twice as long.
    pub retry_base: Duration,
    /// How often an idle worker looks for due messages.
    pub poll: StdDuration,
}

#[derive(Debug, thiserror::Error)]
pub enum SmtpConfigError {
    #[error("CF_SMTP_PORT must be a port number, not {0:?}")]
    Port(String),
    #[error("CF_SMTP_TLS must be none, starttls or tls, not {0:?}")]
    Tls(String),
    #[error("CF_SMTP_FROM must be an address such as \"Cities Forum <forum@city.gov>\": {0}")]
    From(String),
    #[error("CF_MAIL_RETRY_SECONDS must be a whole number of seconds, not {0:?}")]
    Retry(String),
}

impl SmtpConfig {
    /// SMTP settings from the environment; `None` without `CF_SMTP_HOST`,
    /// in which case messages stay in the outbox.
    pub fn from_env() -> Result<Option<SmtpConfig>, SmtpConfigError> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let Some(host) = var("CF_SMTP_HOST") else {
            return Ok(None);
        };
        let tls = match var("CF_SMTP_TLS").as_deref() {
            None | Some("starttls") => SmtpTls::StartTls,
            Some("tls") => SmtpTls::Tls,
            Some("none") => SmtpTls::None,
            Some(other) => return Err(SmtpConfigError::Tls(other.to_owned())),
        };
        let default_port = match tls {
            SmtpTls::None => 25,
            SmtpTls::StartTls => 587,
            SmtpTls::Tls => 465,
        };
        let port = match var("CF_SMTP_PORT") {
            None => default_port,
            Some(text) => text.parse().map_err(|_| SmtpConfigError::Port(text))?,
        };
        let from = var("CF_SMTP_FROM")
            .unwrap_or_else(|| format!("Cities Forum <forum@{host}>"))
            .parse::<Mailbox>()
            .map_err(|err| SmtpConfigError::From(err.to_string()))?;
        let retry_base = match var("CF_MAIL_RETRY_SECONDS") {
            None => Duration::seconds(30),
            Some(text) => {
                Duration::seconds(text.parse().map_err(|_| SmtpConfigError::Retry(text))?)
            }
        };
        let credentials =
            var("CF_SMTP_USERNAME").map(|user| (user, var("CF_SMTP_PASSWORD").unwrap_or_default()));
        Ok(Some(SmtpConfig {
            host,
            port,
            tls,
            credentials,
            from,
            retry_base,
            poll: StdDuration::from_secs(2),
        }))
    }

    fn transport(
        &self,
    ) -> Result<AsyncSmtpTransport<Tokio1Executor>, lettre::transport::smtp::Error> {
        let mut builder = match self.tls {
            SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&self.host),
            SmtpTls::StartTls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&self.host)?,
            SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&self.host)?,
        }
        .port(self.port)
        .timeout(Some(StdDuration::from_secs(20)));
        if let Some((user, password)) = &self.credentials {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(builder.build())
    }
}

/// The MIME message for an outbox row: plain text and HTML alternatives;
/// images the HTML shows travel with it (multipart/related) and other
/// files are attached (multipart/mixed). lettre encodes non-ASCII names
/// and subjects (RFC 2047) itself.
pub fn build_message(
    row: &message::Model,
    files: &[attachment::Model],
    from: &Mailbox,
) -> Result<Message, String> {
    let to = Mailbox::new(
        Some(one_line(&row.to_name)).filter(|n| !n.is_empty()),
        row.to_address
            .parse()
            .map_err(|err| format!("bad recipient: {err}"))?,
    );
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(one_line(&row.subject))
        .message_id(Some(format!("<outbox-{}@cities-forum>", row.id)))
        .multipart(body(row, files)?)
        .map_err(|err| format!("cannot build the message: {err}"))
}

fn body(row: &message::Model, files: &[attachment::Model]) -> Result<MultiPart, String> {
    let alternatives =
        MultiPart::alternative_plain_html(row.body_text.clone(), row.body_html.clone());
    if files.is_empty() {
        return Ok(alternatives);
    }
    let content_type = |file: &attachment::Model| {
        ContentType::parse(&file.content_type)
            .map_err(|err| format!("bad content type {:?}: {err}", file.content_type))
    };
    let mut related = MultiPart::related().multipart(alternatives);
    let mut attached = Vec::new();
    for file in files {
        match &file.content_id {
            Some(id) => {
                related = related.singlepart(
                    Attachment::new_inline(id.clone()).body(file.body.clone(), content_type(file)?),
                )
            }
            None => attached.push(
                Attachment::new(file.file_name.clone())
                    .body(file.body.clone(), content_type(file)?),
            ),
        }
    }
    if attached.is_empty() {
        return Ok(related);
    }
    let mut mixed = MultiPart::mixed().multipart(related);
    for part in attached {
        mixed = mixed.singlepart(part);
    }
    Ok(mixed)
}

/// A header value on one line: a line break in a name or subject would
/// start a header of its own (and lettre refuses to write one, panicking
/// in its Display), so every control character becomes a space.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Sends due messages until the process ends. `worker` names this worker
/// in the leases (host and process id).
pub async fn run_worker(db: DatabaseConnection, config: SmtpConfig, worker: String) {
    let transport = match config.transport() {
        Ok(transport) => transport,
        Err(err) => {
            tracing::error!(error = %err, "mail worker not started: bad SMTP settings");
            return;
        }
    };
    // Long enough for one slow SMTP exchange; a dead worker's claim lapses.
    let lease = Duration::minutes(2);
    loop {
        match claim_next(&db, &worker, lease).await {
            Ok(Some(row)) => send_one(&db, &transport, &config, &worker, row).await,
            Ok(None) => tokio::time::sleep(config.poll).await,
            Err(err) => {
                tracing::error!(error = %err, "mail worker cannot read the outbox");
                tokio::time::sleep(config.poll).await;
            }
        }
    }
}

async fn send_one(
    db: &DatabaseConnection,
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    config: &SmtpConfig,
    worker: &str,
    row: message::Model,
) {
    // On a task of its own: should building or writing the message panic,
    // this message is retried later and the worker goes on with the rest.
    let files = match attachments_of(db, row.id).await {
        Ok(files) => files,
        Err(err) => {
            tracing::warn!(message = row.id, error = %err, "cannot read a message's attachments; will retry");
            if let Err(err) =
                mark_retry(db, &row, worker, &err.to_string(), config.retry_base).await
            {
                tracing::error!(message = row.id, error = %err, "cannot record a failed attempt");
            }
            return;
        }
    };
    let sending = {
        let (transport, from, row) = (transport.clone(), config.from.clone(), row.clone());
        tokio::spawn(async move {
            match build_message(&row, &files, &from) {
                Ok(message) => transport
                    .send(message)
                    .await
                    .map(|_| ())
                    .map_err(|err| err.to_string()),
                Err(err) => Err(err),
            }
        })
    };
    let outcome = sending
        .await
        .unwrap_or_else(|panic| Err(format!("sending panicked: {panic}")));
    let recorded = match &outcome {
        Ok(()) => mark_sent(db, row.id, worker).await,
        Err(error) => {
            tracing::warn!(message = row.id, attempt = row.attempts, %error, "sending failed; will retry");
            mark_retry(db, &row, worker, error, config.retry_base).await
        }
    };
    if let Err(err) = recorded {
        tracing::error!(message = row.id, error = %err, "cannot record the outcome of a send");
    }
}
