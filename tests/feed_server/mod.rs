//! A small HTTP/1.1 server over std::net for the feed tests and the fetch
//! bench: it listens on 127.0.0.1, port 0, answers each request as a
//! handler scripts it (a feed, a status, a redirect, a trickle, a huge
//! body, gzip, 304 for a matching ETag), logs every request, and closes
//! the connection after each answer. Never touches the network.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A request as the handler sees it.
#[derive(Clone, Debug)]
pub struct Request {
    pub path: String,
    /// Header names lowercased.
    pub headers: HashMap<String, String>,
    /// How many requests for this path came before this one.
    pub nth: usize,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }
}

/// What the server answers.
pub enum Reply {
    /// 200 with a body; gzip-encoded when `gzip` and the client accepts it.
    Body {
        body: Vec<u8>,
        content_type: String,
        etag: Option<String>,
        last_modified: Option<String>,
        gzip: bool,
    },
    /// A status with a short body.
    Status(u16),
    /// 301 to this location.
    Redirect(String),
    /// Headers, then `byte` every `every`, forever (until the client goes).
    Trickle { every: Duration },
    /// A 200 body of `len` bytes of XML-ish filler, streamed, with or
    /// without a `Content-Length` saying so.
    Huge { len: u64, announce: bool },
}

impl Reply {
    /// A feed, with an ETag; 304 when the client already has that ETag.
    pub fn feed(req: &Request, body: &str, content_type: &str, etag: &str) -> Reply {
        if req.header("if-none-match") == Some(etag) {
            return Reply::Status(304);
        }
        Reply::Body {
            body: body.as_bytes().to_vec(),
            content_type: content_type.into(),
            etag: Some(etag.into()),
            last_modified: None,
            gzip: false,
        }
    }

    /// A feed with a Last-Modified date; 304 when the client sends it back.
    pub fn feed_dated(req: &Request, body: &str, last_modified: &str) -> Reply {
        if req.header("if-modified-since") == Some(last_modified) {
            return Reply::Status(304);
        }
        Reply::Body {
            body: body.as_bytes().to_vec(),
            content_type: "application/atom+xml".into(),
            etag: None,
            last_modified: Some(last_modified.into()),
            gzip: false,
        }
    }

    /// A plain 200 body.
    pub fn bytes(body: impl Into<Vec<u8>>, content_type: &str) -> Reply {
        Reply::Body {
            body: body.into(),
            content_type: content_type.into(),
            etag: None,
            last_modified: None,
            gzip: false,
        }
    }
}

type Handler = dyn Fn(&Request) -> Reply + Send + Sync;

pub struct Server {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    log: Arc<Mutex<Vec<Request>>>,
    /// Body bytes written, over all answers.
    sent: Arc<Mutex<u64>>,
}

impl Server {
    pub fn start(handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let log: Arc<Mutex<Vec<Request>>> = Arc::default();
        let sent: Arc<Mutex<u64>> = Arc::default();
        let handler: Arc<Handler> = Arc::new(handler);
        let (s, l, b) = (stop.clone(), log.clone(), sent.clone());
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                if s.load(Ordering::Relaxed) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                let (h, s, l, b) = (handler.clone(), s.clone(), l.clone(), b.clone());
                std::thread::spawn(move || serve(conn, &*h, &s, &l, &b));
            }
        });
        Server {
            addr,
            stop,
            log,
            sent,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn requests(&self) -> Vec<Request> {
        self.log.lock().unwrap().clone()
    }

    pub fn hits(&self, path: &str) -> usize {
        self.requests().iter().filter(|r| r.path == path).count()
    }

    pub fn body_bytes_sent(&self) -> u64 {
        *self.sent.lock().unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        // Wakes the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.addr);
    }
}

/// Reads one request (method and what it asks for) and logs it.
fn read_request(
    reader: &mut BufReader<TcpStream>,
    log: &Mutex<Vec<Request>>,
) -> Option<(String, Request)> {
    let mut line = String::new();
    if reader.read_line(&mut line).unwrap_or(0) == 0 {
        return None;
    }
    let mut words = line.split_whitespace();
    let method = words.next().unwrap_or("").to_string();
    let path = words.next().unwrap_or("/").to_string();
    let mut headers = HashMap::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    let mut log = log.lock().unwrap();
    let nth = log.iter().filter(|r| r.path == path).count();
    let req = Request { path, headers, nth };
    log.push(req.clone());
    Some((method, req))
}

fn serve(
    conn: TcpStream,
    handler: &Handler,
    stop: &AtomicBool,
    log: &Mutex<Vec<Request>>,
    sent: &Mutex<u64>,
) {
    let _ = conn.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(conn.try_clone().unwrap());
    let mut out = conn;
    let req = loop {
        let Some((method, req)) = read_request(&mut reader, log) else {
            return;
        };
        // Playing a proxy: a CONNECT opens a tunnel, and the request for
        // the feed follows on the same connection.
        if method != "CONNECT" {
            break req;
        }
        if out
            .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
            .is_err()
        {
            return;
        }
    };
    let reply = handler(&req);
    let head = |status: &str, extra: &str| {
        format!("HTTP/1.1 {status}\r\nConnection: close\r\n{extra}\r\n")
    };
    let count = |n: usize| *sent.lock().unwrap() += n as u64;
    match reply {
        Reply::Body {
            body,
            content_type,
            etag,
            last_modified,
            gzip,
        } => {
            let accepts = req
                .header("accept-encoding")
                .is_some_and(|a| a.contains("gzip"));
            let (body, enc) = if gzip && accepts {
                use flate2::write::GzEncoder;
                let mut e = GzEncoder::new(Vec::new(), flate2::Compression::default());
                e.write_all(&body).unwrap();
                (e.finish().unwrap(), "Content-Encoding: gzip\r\n")
            } else {
                (body, "")
            };
            let etag = etag.map(|e| format!("ETag: {e}\r\n")).unwrap_or_default();
            let dated = last_modified
                .map(|d| format!("Last-Modified: {d}\r\n"))
                .unwrap_or_default();
            let extra = format!(
                "Content-Type: {content_type}\r\nContent-Length: {}\r\n{etag}{dated}{enc}",
                body.len()
            );
            let _ = out.write_all(head("200 OK", &extra).as_bytes());
            let _ = out.write_all(&body);
            count(body.len());
        }
        Reply::Status(code) => {
            let body = if code == 304 { "" } else { "status" };
            let extra = format!("Content-Length: {}\r\n", body.len());
            let _ = out.write_all(head(&format!("{code} Status"), &extra).as_bytes());
            let _ = out.write_all(body.as_bytes());
            count(body.len());
        }
        Reply::Redirect(to) => {
            let extra = format!("Location: {to}\r\nContent-Length: 0\r\n");
            let _ = out.write_all(head("301 Moved Permanently", &extra).as_bytes());
        }
        Reply::Trickle { every } => {
            let extra = "Content-Type: application/rss+xml\r\n";
            let _ = out.write_all(head("200 OK", extra).as_bytes());
            let _ = out.write_all(b"<rss version=\"2.0\"><channel>");
            while !stop.load(Ordering::Relaxed) {
                std::thread::sleep(every);
                if out.write_all(b" ").and_then(|_| out.flush()).is_err() {
                    break;
                }
                count(1);
            }
        }
        Reply::Huge { len, announce } => {
            let extra = if announce {
                format!("Content-Type: application/rss+xml\r\nContent-Length: {len}\r\n")
            } else {
                "Content-Type: application/rss+xml\r\n".to_string()
            };
            let _ = out.write_all(head("200 OK", &extra).as_bytes());
            let chunk = vec![b' '; 64 * 1024];
            let mut left = len;
            while left > 0 && !stop.load(Ordering::Relaxed) {
                let n = left.min(chunk.len() as u64) as usize;
                if out.write_all(&chunk[..n]).is_err() {
                    break;
                }
                count(n);
                left -= n as u64;
            }
        }
    }
    let _ = out.flush();
    // Let the client read to the end before the socket closes.
    let _ = out.shutdown(std::net::Shutdown::Write);
    let mut sink = [0u8; 1024];
    let _ = out.set_read_timeout(Some(Duration::from_millis(200)));
    while matches!(reader.read(&mut sink), Ok(n) if n > 0) {}
}
