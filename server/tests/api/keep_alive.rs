//! A browser or a proxy keeps its connection open and asks again. The
//! server writes a streamed page in several small pieces; with Nagle's
//! algorithm on the accepted socket, every piece after the first waits for
//! the client's delayed ACK (about 40 ms on Linux), so every page after the
//! first on a connection took ~44 ms instead of ~3 ms.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::json;

use app::auth::types::Role;

use crate::helpers::{Backend, edition_body, spawn_app};

/// One HTTP/1.1 connection, kept alive, read one whole response at a time.
struct Connection {
    reader: BufReader<TcpStream>,
    host: String,
}

/// A response as it came off the wire.
struct Response {
    status: u16,
    chunked: bool,
    body: Vec<u8>,
}

impl Connection {
    fn open(address: &str) -> Connection {
        let host = address.trim_start_matches("http://").to_owned();
        let stream = TcpStream::connect(&host).expect("connect");
        // Only the server's side is under test: the client sends each
        // request in one write and never waits on its own Nagle.
        stream.set_nodelay(true).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        Connection {
            reader: BufReader::new(stream),
            host,
        }
    }

    fn get(&mut self, path: &str) -> Response {
        let request = format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nAccept: text/html\r\nConnection: keep-alive\r\n\r\n",
            self.host
        );
        self.reader
            .get_mut()
            .write_all(request.as_bytes())
            .expect("send the request");
        let status_line = self.line();
        let status = status_line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("not an HTTP status line: {status_line:?}"));
        let mut length = None;
        let mut chunked = false;
        let mut close = false;
        loop {
            let line = self.line();
            if line.is_empty() {
                break;
            }
            let (name, value) = line.split_once(':').expect("a header line");
            let value = value.trim().to_ascii_lowercase();
            match name.to_ascii_lowercase().as_str() {
                "content-length" => length = Some(value.parse::<usize>().unwrap()),
                "transfer-encoding" => chunked = value.contains("chunked"),
                "connection" => close = value.contains("close"),
                _ => {}
            }
        }
        assert!(!close, "the server closed a kept-alive connection");
        let body = if chunked {
            self.chunked_body()
        } else {
            let mut body = vec![0; length.expect("Content-Length or chunked")];
            self.reader.read_exact(&mut body).expect("the body");
            body
        };
        Response {
            status,
            chunked,
            body,
        }
    }

    /// One line without its CRLF.
    fn line(&mut self) -> String {
        let mut line = String::new();
        self.reader.read_line(&mut line).expect("a line");
        assert!(line.ends_with("\r\n"), "cut short: {line:?}");
        line.truncate(line.len() - 2);
        line
    }

    fn chunked_body(&mut self) -> Vec<u8> {
        let mut body = Vec::new();
        loop {
            let size_line = self.line();
            let size = size_line.split(';').next().unwrap().trim();
            let size = usize::from_str_radix(size, 16).expect("a chunk size");
            if size == 0 {
                // Trailers, then the empty line that ends the message.
                while !self.line().is_empty() {}
                return body;
            }
            let start = body.len();
            body.resize(start + size, 0);
            self.reader.read_exact(&mut body[start..]).expect("a chunk");
            assert!(self.line().is_empty(), "a chunk ends with CRLF");
        }
    }
}

/// Pages asked for on the one connection.
const REQUESTS: usize = 20;

// Served as in production, on a runtime of several threads: the streamed
// pieces then leave in separate writes (on one thread they often go out
// together, and the stall shows only now and then).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_after_the_first_on_a_kept_alive_connection_are_not_delayed() {
    // A matter of sockets, not of the database: SQLite is enough.
    let app = spawn_app(Backend::Sqlite).await;
    let organizer = app.token_for(Role::Organizer).await;
    let city = app.city("泉州", "Quanzhou", "CN").await;
    let mut body = edition_body(2027, city);
    body["status"] = json!("registration_open");
    let edition: serde_json::Value = app
        .send_json(Method::POST, "/api/v1/editions", Some(&organizer), &body)
        .await
        .json()
        .await
        .unwrap();
    let edition_id = edition["id"].as_i64().unwrap();
    // A published session, so that the page has a programme to show.
    let sessions = format!("/api/v1/editions/{edition_id}/sessions");
    let session = json!({
        "texts": [{"lang": "en", "title": "Opening plenary"}],
        "kind": "plenary",
        "room_id": edition["rooms"][0]["id"].as_i64().unwrap().to_string(),
        "starts_at": "2027-11-02T09:00",
        "ends_at": "2027-11-02T10:30",
        "languages": "en, zh",
    });
    let created = app
        .send_json(Method::POST, &sessions, Some(&organizer), &session)
        .await;
    assert_eq!(created.status(), 201);
    let created: serde_json::Value = created.json().await.unwrap();
    let publish = format!("{sessions}/{}/publish", created["session"]["id"]);
    let published = app
        .send_json(Method::POST, &publish, Some(&organizer), &json!({}))
        .await;
    assert_eq!(published.status(), 200);
    let path = format!("/editions/{edition_id}/programme");

    let address = app.address.clone();
    // Blocking reads on a thread of their own, so that the test's runtime
    // stays free to serve.
    let times = tokio::task::spawn_blocking(move || {
        let mut connection = Connection::open(&address);
        (0..REQUESTS)
            .map(|_| {
                let started = Instant::now();
                let response = connection.get(&path);
                let elapsed = started.elapsed();
                assert_eq!(response.status, 200, "{path}");
                assert!(response.chunked, "the page is streamed");
                let html = String::from_utf8(response.body).unwrap();
                assert!(
                    html.contains("</html>") && html.contains("Opening plenary"),
                    "the whole page: {html}"
                );
                elapsed
            })
            .collect::<Vec<_>>()
    })
    .await
    .unwrap();

    // The median of pages 2 to 20: one page that the scheduler happens to
    // send in one piece, or one slowed by a busy machine, moves it little.
    let mut later = times[1..].to_vec();
    later.sort();
    let median = later[later.len() / 2];
    let ms = |d: &Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
    assert!(
        median < Duration::from_millis(30),
        "on one kept-alive connection pages 2 to {REQUESTS} took {} (median); \
         all, in order: [{}]. About 40 ms each is Nagle's algorithm on the \
         accepted socket holding back the streamed page's later pieces until \
         the client's delayed ACK of the first: startup must set TCP_NODELAY \
         on every accepted connection",
        ms(&median),
        times.iter().map(ms).collect::<Vec<_>>().join(", ")
    );
}
