//! Fetching every feed, in the background, with progress as it goes.
//!
//! [`FetchRun::start`] returns at once. Worker threads (a global limit)
//! take feeds from a queue, never more than a few at a time from one host,
//! fetch and parse them; one coordinating thread owns the store, writes
//! each feed's items as they arrive, and reports every step on a channel
//! the caller polls ([`FetchRun::try_next`], for an event loop) or waits
//! on (it is an [`Iterator`], for `lede fetch`). A feed that fails is a
//! report naming it; the others go on.

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use super::http::{Client, Fetched, HttpOptions, Validators};
use super::items::{FeedUpdate, ItemStore, Stored};
use super::parse::parse_response;
use super::subscriptions::Subscription;
use crate::corpus::Warning;
use crate::corpus::feed_format::ParsedFeed;

#[derive(Clone, Debug)]
pub struct FetchOptions {
    pub http: HttpOptions,
    /// Feeds fetched at once, in all.
    pub workers: usize,
    /// Feeds fetched at once from one host (`host:port`).
    pub per_host: usize,
    /// Most entries kept of one feed per fetch (the newest).
    pub max_items: usize,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            http: HttpOptions::default(),
            workers: 8,
            per_host: 2,
            max_items: 5_000,
        }
    }
}

/// What a run reports, in order: each feed's start and end, then the end
/// of the run (always last, exactly once).
#[derive(Clone, Debug)]
pub enum Progress {
    /// Feed `feed` (its index in the list the run was given) is being
    /// fetched.
    Started {
        feed: usize,
    },
    Finished {
        feed: usize,
        report: FeedReport,
    },
    Done(Summary),
}

/// How one feed went.
#[derive(Clone, Debug)]
pub struct FeedReport {
    pub url: String,
    /// The name to show: the user's, else the feed's own, else its URL.
    pub name: String,
    pub outcome: Outcome,
    /// Problems that did not stop the feed (dropped links, invalid UTF-8,
    /// a feed too long to keep whole); each names the feed.
    pub warnings: Vec<Warning>,
    /// Bytes of the response body (0 for a 304).
    pub bytes: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Stored(Stored),
    /// 304: nothing new since the last fetch.
    NotModified,
    /// The feed could not be fetched, read or stored; why.
    Failed(String),
}

impl FeedReport {
    /// The failure as a warning naming the feed.
    pub fn error(&self) -> Option<Warning> {
        match &self.outcome {
            Outcome::Failed(why) => Some(Warning::new(&self.url, why.as_str())),
            _ => None,
        }
    }

    pub fn new_items(&self) -> usize {
        match &self.outcome {
            Outcome::Stored(s) => s.new,
            _ => 0,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub feeds: usize,
    pub failed: usize,
    pub new_items: usize,
    pub edited_items: usize,
    pub not_modified: usize,
    pub elapsed: Duration,
    /// Whether the run was cancelled before every feed was fetched.
    pub cancelled: bool,
}

/// A run under way. Dropping it cancels what has not started; feeds being
/// fetched finish (within their deadline) and are stored.
#[derive(Debug)]
pub struct FetchRun {
    events: Receiver<Progress>,
    total: usize,
    cancel: Arc<AtomicBool>,
    done: bool,
}

impl FetchRun {
    /// Starts fetching `feeds` into `store`; returns at once.
    pub fn start(store: ItemStore, feeds: Vec<Subscription>, options: FetchOptions) -> FetchRun {
        let (tx, events) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let total = feeds.len();
        let c = cancel.clone();
        std::thread::Builder::new()
            .name("lede-fetch".into())
            .spawn(move || coordinate(store, feeds, options, c, tx))
            .expect("spawn the fetch thread");
        FetchRun {
            events,
            total,
            cancel,
            done: false,
        }
    }

    /// How many feeds the run fetches.
    pub fn total(&self) -> usize {
        self.total
    }

    /// The next report if there is one now; never blocks.
    pub fn try_next(&mut self) -> Option<Progress> {
        let p = self.events.try_recv().ok();
        self.note(p)
    }

    fn note(&mut self, p: Option<Progress>) -> Option<Progress> {
        if matches!(p, Some(Progress::Done(_))) {
            self.done = true;
        }
        p
    }

    /// Stops starting feeds; `Done` follows once those under way end.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// The reports in order, each waited for (for `lede fetch`); the
/// iteration ends after [`Progress::Done`].
impl Iterator for FetchRun {
    type Item = Progress;

    fn next(&mut self) -> Option<Progress> {
        if self.done {
            return None;
        }
        let p = self.events.recv().ok();
        self.note(p)
    }
}

impl Drop for FetchRun {
    fn drop(&mut self) {
        self.cancel();
    }
}

/// What a worker hands the coordinator.
enum Message {
    Started(usize),
    Fetched(usize, Result<Got, String>, Vec<String>),
}

enum Got {
    NotModified,
    Feed {
        feed: ParsedFeed,
        validators: Validators,
        bytes: usize,
    },
}

fn now_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

fn coordinate(
    mut store: ItemStore,
    feeds: Vec<Subscription>,
    options: FetchOptions,
    cancel: Arc<AtomicBool>,
    out: Sender<Progress>,
) {
    let started = Instant::now();
    let mut summary = Summary {
        feeds: feeds.len(),
        ..Summary::default()
    };
    let known = store.feeds().unwrap_or_default();
    let feeds = Arc::new(feeds);
    let queue = Arc::new(Queue::new(&feeds, options.per_host));
    let client = Client::new(options.http.clone());
    let (tx, rx) = mpsc::channel();
    let workers = options.workers.clamp(1, feeds.len().max(1));
    let validators: Arc<Vec<Validators>> = Arc::new(
        feeds
            .iter()
            .map(|f| {
                known
                    .get(&f.url)
                    .map(|s| s.validators.clone())
                    .unwrap_or_default()
            })
            .collect(),
    );
    let mut handles = Vec::new();
    for n in 0..workers {
        let (queue, feeds, validators, client, tx, cancel) = (
            queue.clone(),
            feeds.clone(),
            validators.clone(),
            client.clone(),
            tx.clone(),
            cancel.clone(),
        );
        let max_items = options.max_items;
        let h = std::thread::Builder::new()
            .name(format!("lede-fetch-{n}"))
            .spawn(move || {
                while let Some(i) = queue.take(&cancel) {
                    let _ = tx.send(Message::Started(i));
                    let (got, notes) = crate::guard::contain(|| {
                        fetch_one(&client, &feeds[i].url, &validators[i], max_items, &cancel)
                    })
                    .unwrap_or_else(|why| {
                        let w = crate::guard::warning_text("fetching the feed", &why);
                        (Err(w), vec![])
                    });
                    queue.release(i);
                    if tx.send(Message::Fetched(i, got, notes)).is_err() {
                        break;
                    }
                }
            });
        match h {
            Ok(h) => handles.push(h),
            Err(_) => break,
        }
    }
    drop(tx);
    for msg in rx {
        match msg {
            Message::Started(i) => {
                let _ = out.send(Progress::Started { feed: i });
            }
            Message::Fetched(i, got, notes) => {
                let sub = &feeds[i];
                let report = record(
                    &mut store,
                    sub,
                    known.get(&sub.url).and_then(|s| s.title.clone()),
                    got,
                    notes,
                );
                match &report.outcome {
                    Outcome::Stored(s) => {
                        summary.new_items += s.new;
                        summary.edited_items += s.edited;
                    }
                    Outcome::NotModified => summary.not_modified += 1,
                    Outcome::Failed(_) => summary.failed += 1,
                }
                let _ = out.send(Progress::Finished { feed: i, report });
            }
        }
    }
    for h in handles {
        let _ = h.join();
    }
    summary.cancelled = cancel.load(Ordering::Relaxed) && queue.left() > 0;
    summary.elapsed = started.elapsed();
    let _ = out.send(Progress::Done(summary));
}

/// Fetches and parses one feed (on a worker thread).
fn fetch_one(
    client: &Client,
    url: &str,
    known: &Validators,
    max_items: usize,
    cancel: &AtomicBool,
) -> (Result<Got, String>, Vec<String>) {
    match client.get(url, known, cancel) {
        Ok(Fetched::NotModified) => (Ok(Got::NotModified), vec![]),
        Ok(Fetched::Body {
            bytes,
            final_url,
            content_type,
            validators,
        }) => match parse_response(&bytes, &final_url, content_type.as_deref(), max_items) {
            Ok(mut feed) => {
                let notes = std::mem::take(&mut feed.notes);
                let got = Got::Feed {
                    feed,
                    validators,
                    bytes: bytes.len(),
                };
                (Ok(got), notes)
            }
            Err(e) => (Err(e), vec![]),
        },
        Err(e) => (Err(e.message), vec![]),
    }
}

/// Stores what a worker got for `sub` and says how it went.
fn record(
    store: &mut ItemStore,
    sub: &Subscription,
    known_title: Option<String>,
    got: Result<Got, String>,
    notes: Vec<String>,
) -> FeedReport {
    let now = now_secs();
    let mut feed_title = known_title;
    let mut bytes = 0;
    let outcome = match got {
        Ok(Got::NotModified) => match store.not_modified(&sub.url, now) {
            Ok(()) => Outcome::NotModified,
            Err(e) => Outcome::Failed(format!("not stored: {e}")),
        },
        Ok(Got::Feed {
            feed,
            validators,
            bytes: n,
        }) => {
            bytes = n;
            if feed.title.is_some() {
                feed_title = feed.title.clone();
            }
            let update = FeedUpdate {
                url: &sub.url,
                title: feed.title.as_deref(),
                entries: &feed.entries,
                validators: &validators,
                fetched_at: now,
            };
            match store.update(&update) {
                Ok(s) => Outcome::Stored(s),
                Err(e) => Outcome::Failed(format!("not stored: {e}")),
            }
        }
        Err(why) => {
            // Kept for `lede feeds list`; a store that cannot take even
            // this is reported by the next write.
            let _ = store.failed(&sub.url, &why);
            Outcome::Failed(why)
        }
    };
    let name = sub
        .title
        .clone()
        .or(feed_title)
        .unwrap_or_else(|| sub.url.clone());
    FeedReport {
        warnings: notes
            .into_iter()
            .map(|n| Warning::new(PathBuf::from(&sub.url), n))
            .collect(),
        url: sub.url.clone(),
        name,
        outcome,
        bytes,
    }
}

/// The feeds still to fetch, handed out so that no host has more than
/// `per_host` of them under way.
struct Queue {
    state: Mutex<QueueState>,
    freed: Condvar,
    hosts: Vec<String>,
    per_host: usize,
}

struct QueueState {
    pending: VecDeque<usize>,
    active: HashMap<String, usize>,
}

impl Queue {
    fn new(feeds: &[Subscription], per_host: usize) -> Queue {
        let hosts = feeds
            .iter()
            .map(|f| {
                url::Url::parse(&f.url)
                    .ok()
                    .map(|u| {
                        format!(
                            "{}:{}",
                            u.host_str().unwrap_or(""),
                            u.port_or_known_default().unwrap_or(0)
                        )
                    })
                    .unwrap_or_default()
            })
            .collect();
        Queue {
            state: Mutex::new(QueueState {
                pending: (0..feeds.len()).collect(),
                active: HashMap::new(),
            }),
            freed: Condvar::new(),
            hosts,
            per_host: per_host.max(1),
        }
    }

    /// The next feed whose host has room, waiting for room when every
    /// pending feed's host is busy; `None` when none is left or the run
    /// was cancelled.
    fn take(&self, cancel: &AtomicBool) -> Option<usize> {
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            if cancel.load(Ordering::Relaxed) || s.pending.is_empty() {
                return None;
            }
            let free = s
                .pending
                .iter()
                .position(|&i| s.active.get(&self.hosts[i]).copied().unwrap_or(0) < self.per_host);
            if let Some(pos) = free {
                let i = s.pending.remove(pos)?;
                *s.active.entry(self.hosts[i].clone()).or_default() += 1;
                return Some(i);
            }
            // Woken when a feed ends; the timeout re-checks `cancel`.
            s = self
                .freed
                .wait_timeout(s, Duration::from_millis(100))
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
    }

    fn release(&self, i: usize) {
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = s.active.get_mut(&self.hosts[i]) {
            *n = n.saturating_sub(1);
        }
        drop(s);
        self.freed.notify_all();
    }

    fn left(&self) -> usize {
        self.state
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .pending
            .len()
    }
}
