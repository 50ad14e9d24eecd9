//! The outbox against a real SMTP server (aiosmtpd, started here): UTF-8
//! names intact, retries while the server is down, each message once.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration as StdDuration;

use chrono::Duration;
use sea_orm::{DatabaseConnection, EntityTrait};
use serde_json::Value;

use app::mail::entity::message;
use app::mail::service::enqueue;
use app::mail::types::NewMessage;
use server::mail::{SmtpConfig, SmtpTls, run_worker};

use crate::helpers::{TestDb, backends};

/// A port nobody listens on yet.
pub(crate) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub(crate) struct SmtpSink {
    child: Child,
    file: PathBuf,
}

impl SmtpSink {
    pub(crate) fn start(port: u16) -> SmtpSink {
        let file =
            std::env::temp_dir().join(format!("cf-smtp-{port}-{}.jsonl", std::process::id()));
        let _ = std::fs::remove_file(&file);
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/smtp_sink.py");
        let mut child = Command::new("python3")
            .args([script, &port.to_string(), file.to_str().unwrap()])
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3 with aiosmtpd (scripts/setup installs it)");
        let mut ready = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut ready)
            .unwrap();
        assert_eq!(ready.trim(), "ready", "the SMTP sink started");
        SmtpSink { child, file }
    }

    pub(crate) fn messages(&self) -> Vec<Value> {
        std::fs::read_to_string(&self.file)
            .unwrap_or_default()
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.file);
    }
}

fn smtp(port: u16) -> SmtpConfig {
    SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        tls: SmtpTls::None,
        credentials: None,
        from: "Cities Forum 城市论坛 <forum@forum.example>"
            .parse()
            .unwrap(),
        retry_base: Duration::milliseconds(500),
        poll: StdDuration::from_millis(100),
    }
}

fn letter(n: usize) -> NewMessage {
    NewMessage {
        to_address: format!("mayor{n}@quanzhou.example"),
        to_name: "李华 (Li Hua)".into(),
        subject: format!("注册确认 · Registration received · تأكيد التسجيل #{n}"),
        body_text: format!("尊敬的李华：\nDear Li Hua,\nعزيزي لي هوا\nLetter {n}"),
        body_html: format!("<p>尊敬的<b>李华</b>：</p><p>Letter {n}</p>"),
        language: "zh".into(),
        attachments: Vec::new(),
    }
}

/// Waits until every message is sent, for at most `seconds`.
pub(crate) async fn wait_all_sent(db: &DatabaseConnection, seconds: u64) -> Vec<message::Model> {
    for _ in 0..seconds * 10 {
        let rows = message::Entity::find().all(db).await.unwrap();
        if rows
            .iter()
            .all(|m| m.status == app::mail::types::MessageStatus::Sent)
        {
            return rows;
        }
        tokio::time::sleep(StdDuration::from_millis(100)).await;
    }
    panic!(
        "not all sent: {:?}",
        message::Entity::find().all(db).await.unwrap()
    );
}

#[tokio::test]
async fn utf8_names_and_subjects_arrive_intact() {
    for backend in backends() {
        let test_db = TestDb::new(backend).await;
        let port = free_port();
        let sink = SmtpSink::start(port);
        enqueue(&test_db.db, letter(1)).await.unwrap();
        let worker = tokio::spawn(run_worker(test_db.db.clone(), smtp(port), "w1".into()));
        let rows = wait_all_sent(&test_db.db, 10).await;
        worker.abort();
        assert_eq!(rows[0].attempts, 1, "{backend:?}");
        assert!(rows[0].sent_at.is_some());

        let received = sink.messages();
        assert_eq!(received.len(), 1, "{backend:?}");
        let mail = &received[0];
        assert_eq!(
            mail["subject"],
            "注册确认 · Registration received · تأكيد التسجيل #1"
        );
        assert_eq!(mail["to"], "\"李华 (Li Hua)\" <mayor1@quanzhou.example>");
        assert_eq!(mail["from"], "Cities Forum 城市论坛 <forum@forum.example>");
        assert!(mail["text"].as_str().unwrap().contains("عزيزي لي هوا"));
        assert!(mail["html"].as_str().unwrap().contains("<b>李华</b>"));
    }
}

#[tokio::test]
async fn an_inline_image_and_a_calendar_file_travel_with_the_letter() {
    use app::i18n::Locale;
    use app::mail::letter::{Recipient, letter_with};
    use app::mail::types::{Attachment, Enclosures, Figure};
    for backend in backends() {
        let test_db = TestDb::new(backend).await;
        let port = free_port();
        let sink = SmtpSink::start(port);
        let image = Attachment {
            file_name: "badge-qr.png".into(),
            content_type: "image/png".into(),
            content_id: Some("badge-7@cities-forum".into()),
            body: b"\x89PNG not really".to_vec(),
        };
        let to = Recipient {
            email: "mayor1@quanzhou.example".into(),
            name_native: "李华".into(),
            name_latin: "Li Hua".into(),
            honorific: String::new(),
            languages: vec!["en".into()],
        };
        let calendar = Attachment {
            file_name: "forum.ics".into(),
            content_type: "text/calendar; charset=utf-8; method=PUBLISH".into(),
            content_id: None,
            body: b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".to_vec(),
        };
        let with_files = letter_with(
            &to,
            Locale::en,
            "Approved".into(),
            &["Your registration is approved.".to_owned()],
            None,
            Enclosures {
                figure: Some(Figure {
                    image,
                    caption: "Your badge".into(),
                    text_instead: "CFCODE".into(),
                }),
                files: vec![calendar],
            },
        );
        enqueue(&test_db.db, with_files).await.unwrap();
        let worker = tokio::spawn(run_worker(test_db.db.clone(), smtp(port), "w1".into()));
        wait_all_sent(&test_db.db, 10).await;
        worker.abort();
        let received = sink.messages();
        assert_eq!(received.len(), 1, "{backend:?}");
        let mail = &received[0];
        let html = mail["html"].as_str().unwrap();
        assert!(
            html.contains("<img src=\"cid:badge-7@cities-forum\""),
            "{html}"
        );
        // The image comes before the signature, its code in the text part.
        assert!(html.find("cid:").unwrap() < html.rfind("<p>").unwrap());
        let text = mail["text"].as_str().unwrap().replace("\r\n", "\n");
        assert!(text.contains("Your badge\nCFCODE"), "{text:?}");
        let parts = mail["parts"].as_array().unwrap();
        assert_eq!(parts.len(), 2, "{parts:?}");
        let png = parts
            .iter()
            .find(|p| p["content_type"] == "image/png")
            .unwrap();
        assert_eq!(png["content_id"], "<badge-7@cities-forum>");
        assert_eq!(png["disposition"], "inline");
        let ics = parts
            .iter()
            .find(|p| p["content_type"] == "text/calendar")
            .unwrap();
        assert_eq!(ics["filename"], "forum.ics");
        assert_eq!(ics["disposition"], "attachment");
    }
}

#[tokio::test]
async fn messages_wait_while_the_server_is_down_then_arrive_once() {
    for backend in backends() {
        let test_db = TestDb::new(backend).await;
        let port = free_port();
        for n in 1..=3 {
            enqueue(&test_db.db, letter(n)).await.unwrap();
        }
        let worker = tokio::spawn(run_worker(test_db.db.clone(), smtp(port), "w1".into()));
        tokio::time::sleep(StdDuration::from_millis(1500)).await;
        let waiting = message::Entity::find().all(&test_db.db).await.unwrap();
        assert!(
            waiting
                .iter()
                .all(|m| m.status == app::mail::types::MessageStatus::Pending
                    && m.attempts >= 1
                    && m.last_error.is_some()),
            "{backend:?}: {waiting:?}"
        );

        let sink = SmtpSink::start(port);
        wait_all_sent(&test_db.db, 20).await;
        worker.abort();
        let mut ids: Vec<String> = sink
            .messages()
            .iter()
            .map(|m| m["message_id"].as_str().unwrap().to_owned())
            .collect();
        ids.sort();
        assert_eq!(ids.len(), 3, "{backend:?}: each message once");
        ids.dedup();
        assert_eq!(ids.len(), 3, "{backend:?}: no duplicates");
    }
}

#[tokio::test]
async fn two_workers_send_each_message_once() {
    for backend in backends() {
        let test_db = TestDb::new(backend).await;
        let port = free_port();
        let sink = SmtpSink::start(port);
        for n in 1..=20 {
            enqueue(&test_db.db, letter(n)).await.unwrap();
        }
        let a = tokio::spawn(run_worker(test_db.db.clone(), smtp(port), "a".into()));
        let b = tokio::spawn(run_worker(test_db.db.clone(), smtp(port), "b".into()));
        let rows = wait_all_sent(&test_db.db, 30).await;
        a.abort();
        b.abort();
        assert!(
            rows.iter().all(|m| m.attempts == 1),
            "{backend:?}: {rows:?}"
        );
        let received = sink.messages();
        assert_eq!(received.len(), 20, "{backend:?}");
        let mut ids: Vec<&str> = received
            .iter()
            .map(|m| m["message_id"].as_str().unwrap())
            .collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 20, "{backend:?}: no message twice");
    }
}

#[tokio::test]
async fn a_name_with_line_breaks_cannot_add_headers_or_recipients() {
    let test_db = TestDb::new(crate::helpers::Backend::Sqlite).await;
    let port = free_port();
    let sink = SmtpSink::start(port);
    let mut hostile = letter(1);
    hostile.to_name = "Li Hua\r\nBcc: victim@evil.example\r\nX-Injected: yes".into();
    hostile.subject = "Hello\r\nBcc: other@evil.example".into();
    enqueue(&test_db.db, hostile).await.unwrap();
    let worker = tokio::spawn(run_worker(test_db.db.clone(), smtp(port), "w1".into()));
    let rows = wait_all_sent(&test_db.db, 10).await;
    worker.abort();
    assert!(rows[0].sent_at.is_some());
    let received = sink.messages();
    assert_eq!(received.len(), 1);
    let mail = &received[0];
    // The envelope has the one recipient, and the name is a name.
    assert_eq!(
        mail["envelope_to"],
        serde_json::json!(["mayor1@quanzhou.example"])
    );
    let to = mail["to"].as_str().unwrap();
    assert!(to.ends_with("<mayor1@quanzhou.example>"), "{to}");
    assert!(!to.contains("victim@evil.example>"), "{to}");
    assert!(mail.get("x-injected").is_none());
    let subject = mail["subject"].as_str().unwrap();
    assert!(subject.starts_with("Hello"), "{subject}");
}
