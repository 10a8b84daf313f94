//! Fetching one feed over HTTP, politely and defensively.
//!
//! ureq (blocking, rustls) does the protocol: redirects up to a limit,
//! gzip, proxies from the environment (`http_proxy`, `https_proxy`,
//! `ALL_PROXY`, `NO_PROXY`), and three clocks — a connect timeout, a
//! per-read timeout that catches a server gone silent, and a total deadline
//! over the whole exchange (redirects and body included) that defeats a
//! server trickling one byte at a time. This module adds conditional GET
//! (`If-None-Match`, `If-Modified-Since`), a size limit checked before and
//! while the body is read (on the decompressed bytes, so a gzip bomb stops
//! at the limit), and retries with exponential backoff on 5xx, 429,
//! timeouts and dropped connections. How many requests run at once is the
//! scheduler's business ([`super::fetch`]).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ureq::ResponseExt;
use ureq::tls::{RootCerts, TlsConfig};

/// How lede introduces itself to servers.
pub const USER_AGENT: &str = concat!(
    "lede/",
    env!("CARGO_PKG_VERSION"),
    " (+lede, a terminal news reader)"
);

/// What lede asks for: the feed formats first, any XML after, anything
/// last (many servers label feeds `text/html` or `application/octet-stream`).
const ACCEPT: &str = "application/rss+xml, application/atom+xml, application/feed+json, \
                      application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, \
                      application/json;q=0.8, */*;q=0.5";

/// Longest header value kept (an ETag, a date, a content type).
const MAX_HEADER_CHARS: usize = 1024;

#[derive(Clone, Debug)]
pub struct HttpOptions {
    /// Time to establish a connection (TCP and TLS).
    pub connect_timeout: Duration,
    /// Longest wait for any one read: a server that goes silent.
    pub read_timeout: Duration,
    /// Deadline for a whole exchange, redirects and body included: a
    /// server that trickles bytes.
    pub total_timeout: Duration,
    /// Largest response body accepted, after decompression.
    pub max_body_bytes: u64,
    /// Redirects followed before giving up (a loop ends here).
    pub max_redirects: u32,
    /// Further attempts after a 5xx, a 429, a timeout or a dropped
    /// connection.
    pub retries: u32,
    /// Wait before the first retry; doubled for each next one.
    pub backoff: Duration,
    pub user_agent: String,
    /// Use the proxy the environment names (off in tests, so a proxy set on
    /// the machine cannot take over requests to the local test server).
    pub proxy_from_env: bool,
    /// Idle connections kept per host for reuse.
    pub idle_per_host: usize,
}

impl Default for HttpOptions {
    fn default() -> Self {
        HttpOptions {
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(20),
            total_timeout: Duration::from_secs(60),
            max_body_bytes: 32 * 1024 * 1024,
            max_redirects: 5,
            retries: 2,
            backoff: Duration::from_secs(1),
            user_agent: USER_AGENT.to_string(),
            proxy_from_env: true,
            idle_per_host: 2,
        }
    }
}

/// What a server said about a feed's version, to ask next time whether it
/// changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A successful exchange.
#[derive(Debug)]
pub enum Fetched {
    /// 304: the feed is as it was last time.
    NotModified,
    Body {
        bytes: Vec<u8>,
        /// Where the feed was found, after redirects: what relative links
        /// resolve against.
        final_url: String,
        content_type: Option<String>,
        validators: Validators,
    },
}

/// Why a fetch failed, said for a person.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct HttpError {
    pub message: String,
    /// Whether trying again later might work (and so was tried).
    pub transient: bool,
}

impl HttpError {
    fn new(message: impl Into<String>, transient: bool) -> Self {
        HttpError {
            message: message.into(),
            transient,
        }
    }
}

/// A client, shared by every fetch of a run (it pools connections).
#[derive(Clone)]
pub struct Client {
    agent: ureq::Agent,
    options: Arc<HttpOptions>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("options", &self.options)
            .finish()
    }
}

impl Client {
    pub fn new(options: HttpOptions) -> Client {
        // rustls needs a cryptography provider: ring, chosen once per
        // process (a second call finds it installed and changes nothing).
        let _ = rustls::crypto::ring::default_provider().install_default();
        let tls = TlsConfig::builder()
            // The system's certificate store: what the user's machine
            // trusts, corporate roots included.
            .root_certs(RootCerts::PlatformVerifier)
            .build();
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(options.max_redirects)
            .max_redirects_will_error(true)
            .timeout_connect(Some(options.connect_timeout))
            .timeout_per_read(Some(options.read_timeout))
            .timeout_global(Some(options.total_timeout))
            .user_agent(options.user_agent.as_str())
            .proxy(if options.proxy_from_env {
                ureq::Proxy::try_from_env()
            } else {
                None
            })
            .max_idle_connections_per_host(options.idle_per_host)
            .tls_config(tls)
            .build();
        Client {
            agent: config.new_agent(),
            options: Arc::new(options),
        }
    }

    pub fn options(&self) -> &HttpOptions {
        &self.options
    }

    /// GETs `url`, conditionally when `known` holds validators, retrying
    /// transient failures with backoff. `cancel` stops the waits between
    /// attempts (an exchange under way ends at its own deadline).
    pub fn get(
        &self,
        url: &str,
        known: &Validators,
        cancel: &AtomicBool,
    ) -> Result<Fetched, HttpError> {
        let mut attempt = 0;
        loop {
            match self.get_once(url, known) {
                Err(e) if e.transient && attempt < self.options.retries => {
                    let wait = self.options.backoff * 2u32.saturating_pow(attempt);
                    if !sleep_unless_cancelled(wait, cancel) {
                        return Err(e);
                    }
                    attempt += 1;
                }
                Err(e) if attempt > 0 => {
                    return Err(HttpError::new(
                        format!("{} (after {} attempts)", e.message, attempt + 1),
                        e.transient,
                    ));
                }
                other => return other,
            }
        }
    }

    fn get_once(&self, url: &str, known: &Validators) -> Result<Fetched, HttpError> {
        let mut req = self.agent.get(url).header("Accept", ACCEPT);
        if let Some(etag) = &known.etag {
            req = req.header("If-None-Match", etag.as_str());
        }
        if let Some(date) = &known.last_modified {
            req = req.header("If-Modified-Since", date.as_str());
        }
        let mut resp = req.call().map_err(describe)?;
        let status = resp.status().as_u16();
        if status == 304 {
            return Ok(Fetched::NotModified);
        }
        if !(200..300).contains(&status) {
            let reason = resp.status().canonical_reason().unwrap_or("");
            let transient = status >= 500 || status == 429;
            return Err(HttpError::new(
                format!("the server answered {status} {reason}")
                    .trim_end()
                    .to_string(),
                transient,
            ));
        }
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.trim().chars().take(MAX_HEADER_CHARS).collect::<String>())
                .filter(|v| !v.is_empty())
        };
        let validators = Validators {
            etag: header("etag"),
            last_modified: header("last-modified"),
        };
        let content_type = header("content-type");
        let final_url = resp.get_uri().to_string();
        let limit = self.options.max_body_bytes;
        // Refused before a byte of the body is read when the server says
        // up front that it is too large.
        if let Some(len) = header("content-length").and_then(|l| l.parse::<u64>().ok())
            && len > limit
        {
            return Err(too_large(limit));
        }
        let bytes = resp
            .body_mut()
            .with_config()
            .limit(limit)
            .read_to_vec()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => too_large(limit),
                e => describe(e),
            })?;
        Ok(Fetched::Body {
            bytes,
            final_url,
            content_type,
            validators,
        })
    }
}

fn too_large(limit: u64) -> HttpError {
    HttpError::new(
        format!(
            "the response is larger than the limit of {} MB; not read",
            limit / 1_000_000
        ),
        false,
    )
}

/// ureq's errors, for a person, and whether they are worth a retry.
fn describe(e: ureq::Error) -> HttpError {
    use std::io::ErrorKind::*;
    match e {
        ureq::Error::Timeout(t) => HttpError::new(format!("timed out ({t})"), true),
        ureq::Error::TooManyRedirects => HttpError::new("too many redirects (a loop?)", false),
        ureq::Error::HostNotFound => HttpError::new("host not found", false),
        ureq::Error::BadUri(u) => HttpError::new(format!("bad address ({u})"), false),
        ureq::Error::Io(io) => {
            let transient = matches!(
                io.kind(),
                ConnectionReset | ConnectionAborted | UnexpectedEof | BrokenPipe | TimedOut
            );
            let text = io.to_string();
            let what = match io.kind() {
                _ if text.contains("lookup address") => "host not found".to_string(),
                ConnectionRefused => "connection refused".to_string(),
                TimedOut | WouldBlock => "timed out".to_string(),
                _ => format!("network error ({io})"),
            };
            HttpError::new(what, transient || io.kind() == WouldBlock)
        }
        ureq::Error::Protocol(p) => HttpError::new(format!("malformed HTTP response ({p})"), false),
        ureq::Error::ConnectionFailed => HttpError::new("connection failed", true),
        other => HttpError::new(other.to_string(), false),
    }
}

/// Sleeps for `d` in short steps; false when `cancel` was raised.
fn sleep_unless_cancelled(d: Duration, cancel: &AtomicBool) -> bool {
    let end = Instant::now() + d;
    loop {
        if cancel.load(Ordering::Relaxed) {
            return false;
        }
        let now = Instant::now();
        if now >= end {
            return true;
        }
        std::thread::sleep((end - now).min(Duration::from_millis(50)));
    }
}
