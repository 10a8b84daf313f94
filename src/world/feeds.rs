//! Feeds in the reader: the stored items read into the load, a fetch in
//! the background (on start, and when the user asks), and the items it
//! stores read in as they arrive. The store and the network are only ever
//! touched on worker threads; the event loop polls what they send.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::app::{Action, FetchGauge};
use crate::corpus::{Article, Warning};
use crate::feeds::{FetchOptions, FetchRun, ItemStore, Locations, Outcome, Progress, StoredItem};

/// What the store holds that the reader has not read yet.
struct StoreRead {
    items: Vec<StoredItem>,
    /// The rows still current (what is not among them went: replaced by
    /// an edit, pruned, its feed removed).
    current: Vec<i64>,
    warnings: Vec<Warning>,
}

/// What the feeds have for the app and the load after a poll.
#[derive(Default)]
pub struct FeedNews {
    /// For the app, in order.
    pub actions: Vec<Action>,
    /// For the load.
    pub articles: Vec<Article>,
}

/// A fetch started on a worker: its run and the warnings of starting
/// it, or why it could not start.
type Started = Result<(FetchRun, Vec<Warning>), String>;

/// The reader's feeds: where they live, what was read of the store, the
/// fetch under way.
pub struct FeedSource {
    at: Locations,
    options: FetchOptions,
    /// Items given to the load: their article ids, by row.
    known: BTreeMap<i64, String>,
    /// The highest row read.
    after: i64,
    reading: Option<Receiver<Result<StoreRead, String>>>,
    /// A fetch stored more while the store was being read.
    read_again: bool,
    starting: Option<Receiver<Started>>,
    run: Option<FetchRun>,
    gauge: FetchGauge,
    /// The user asked for this fetch (a fetch of no feeds is said then).
    asked: bool,
}

impl FeedSource {
    pub fn new(at: Locations) -> FeedSource {
        FeedSource::with_options(at, FetchOptions::default())
    }

    pub fn with_options(at: Locations, options: FetchOptions) -> FeedSource {
        FeedSource {
            at,
            options,
            known: BTreeMap::new(),
            after: 0,
            reading: None,
            read_again: false,
            starting: None,
            run: None,
            gauge: FetchGauge::default(),
            asked: false,
        }
    }

    /// Reads what the store holds (on a worker).
    pub fn read_store(&mut self) {
        if self.reading.is_some() {
            self.read_again = true;
            return;
        }
        let (tx, rx) = channel();
        let at = self.at.clone();
        let after = self.after;
        std::thread::Builder::new()
            .name("lede-feed-store".into())
            .spawn(move || {
                let _ = tx.send(read_store(&at, after));
            })
            .expect("spawn a store reader");
        self.reading = Some(rx);
    }

    /// Fetches every subscribed feed in the background; `asked`: by the
    /// user (who is told when there is nothing to fetch). `Err` says why
    /// not now.
    pub fn fetch(&mut self, asked: bool) -> Result<(), String> {
        if self.starting.is_some() || self.run.is_some() {
            return Err("the feeds are being fetched already".into());
        }
        let (tx, rx) = channel();
        let at = self.at.clone();
        let options = self.options.clone();
        std::thread::Builder::new()
            .name("lede-fetch-start".into())
            .spawn(move || {
                let _ = tx.send(at.start_fetch(options));
            })
            .expect("spawn the fetch");
        self.starting = Some(rx);
        self.asked = asked;
        Ok(())
    }

    /// Whether something may arrive: a store read or a fetch under way.
    pub fn busy(&self) -> bool {
        self.reading.is_some() || self.starting.is_some() || self.run.is_some()
    }

    /// Takes what arrived; never waits.
    pub fn poll(&mut self) -> FeedNews {
        let mut news = FeedNews::default();
        self.poll_start(&mut news);
        self.poll_run(&mut news);
        self.poll_store(&mut news);
        news
    }

    fn poll_start(&mut self, news: &mut FeedNews) {
        let Some(rx) = &self.starting else { return };
        match rx.try_recv() {
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => self.starting = None,
            Ok(Err(why)) => {
                self.starting = None;
                news.actions
                    .push(Action::Note(format!("cannot fetch: {why}")));
            }
            Ok(Ok((run, warnings))) => {
                self.starting = None;
                if !warnings.is_empty() {
                    news.actions.push(Action::LoadWarnings(warnings));
                }
                if run.total() == 0 {
                    if self.asked {
                        news.actions.push(Action::Note(format!(
                            "no feeds to fetch: add one with `lede feeds add URL` (read from {})",
                            self.at.urls.display()
                        )));
                    }
                    return;
                }
                self.gauge = FetchGauge {
                    total: run.total(),
                    ..FetchGauge::default()
                };
                news.actions.push(Action::Fetching(self.gauge));
                self.run = Some(run);
            }
        }
    }

    fn poll_run(&mut self, news: &mut FeedNews) {
        let Some(run) = &mut self.run else { return };
        let mut stored = false;
        let mut moved = false;
        let mut warnings = Vec::new();
        while let Some(p) = run.try_next() {
            match p {
                Progress::Started { .. } => {}
                Progress::Finished { report, .. } => {
                    self.gauge.done += 1;
                    moved = true;
                    if let Outcome::Stored(s) = &report.outcome {
                        self.gauge.new_items += s.new + s.edited;
                        stored |= s.new + s.edited > 0;
                    }
                    if let Some(w) = report.error() {
                        self.gauge.failed += 1;
                        warnings.push(w);
                    }
                    warnings.extend(report.warnings);
                }
                Progress::Done(_) => {
                    self.gauge.over = true;
                    moved = true;
                    self.run = None;
                    break;
                }
            }
        }
        if !warnings.is_empty() {
            news.actions.push(Action::LoadWarnings(warnings));
        }
        if moved {
            news.actions.push(Action::Fetching(self.gauge));
        }
        if stored {
            self.read_store();
        }
    }

    fn poll_store(&mut self, news: &mut FeedNews) {
        let Some(rx) = &self.reading else { return };
        let read = match rx.try_recv() {
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => {
                self.reading = None;
                return;
            }
            Ok(r) => r,
        };
        self.reading = None;
        if std::mem::take(&mut self.read_again) {
            self.read_store();
        }
        let read = match read {
            Ok(r) => r,
            Err(why) => {
                news.actions.push(Action::LoadWarnings(vec![Warning::new(
                    &self.at.store,
                    why,
                )]));
                return;
            }
        };
        if !read.warnings.is_empty() {
            news.actions.push(Action::LoadWarnings(read.warnings));
        }
        let current: std::collections::HashSet<i64> = read.current.into_iter().collect();
        let gone_rows: Vec<i64> = self
            .known
            .keys()
            .copied()
            .filter(|r| !current.contains(r))
            .collect();
        let gone: Vec<String> = gone_rows
            .iter()
            .filter_map(|r| self.known.remove(r))
            .collect();
        let mut tags = Vec::new();
        for item in read.items {
            if self.known.contains_key(&item.row) || !current.contains(&item.row) {
                continue;
            }
            self.after = self.after.max(item.row);
            self.known.insert(item.row, item.article.id.clone());
            let mut all = item.tags;
            all.extend(item.feed_tags);
            if !all.is_empty() {
                let all: Arc<[String]> = all.into();
                tags.push((item.article.id.clone(), all));
            }
            news.articles.push(item.article);
        }
        if !tags.is_empty() || !gone.is_empty() {
            news.actions.push(Action::FeedItems { tags, gone });
        }
    }
}

/// The store read on a worker: the current rows, and the items after
/// row `after`, named and tagged as the urls file says. No store yet is
/// nothing to read.
fn read_store(at: &Locations, after: i64) -> Result<StoreRead, String> {
    let (subs, warnings) = match at.subscriptions() {
        Ok((file, w)) => (file.subscriptions(), w),
        Err(e) => (Vec::new(), vec![Warning::new(&at.urls, e)]),
    };
    if std::fs::symlink_metadata(&at.store).is_err() {
        return Ok(StoreRead {
            items: Vec::new(),
            current: Vec::new(),
            warnings,
        });
    }
    let store = ItemStore::open(&at.store).map_err(|e| e.to_string())?;
    let current = store.current_rows().map_err(|e| e.to_string())?;
    let items = store.items_after(&subs, after).map_err(|e| e.to_string())?;
    Ok(StoreRead {
        items,
        current,
        warnings,
    })
}
