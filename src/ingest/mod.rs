//! Loading in the background: the reader shows its first frame at once and
//! fills in as work completes.
//!
//! A coordinator walks the inputs and answers what it can from the cache
//! (a file whose size and modification time match its row is not read at
//! all). Workers (one per core) then run two stages: first every uncached
//! file is read and parsed, so the whole list appears quickly; then every
//! article is extracted. An article the user opens jumps the extraction
//! queue ([`Ingest::prioritize`]). Results stream to the UI thread as
//! [`Event`]s; new extractions are written back to the cache by a writer
//! thread in batched transactions.
//!
//! The threads and what crosses between them: the walk (`walk`) fills
//! the job queues (`jobs`); workers (`worker`) take jobs and send
//! what they list and extract to the resolution stage (`stage`), and
//! new extractions to the cache writer (`cache_writer`); the monitor
//! (`monitor`) reports [`Progress`] to the stage. The stage is the one
//! sender of [`Event`]s to the app: it numbers articles, interns their
//! entities to surfaces, runs the resolution passes and says when the
//! load is over. [`collect`] runs a load to its end for the batch path
//! (`lede extract --json`).

mod batch;
mod cache_writer;
mod events;
mod jobs;
mod monitor;
mod progress;
mod stage;
mod walk;
mod worker;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel, sync_channel};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;

use chrono::NaiveDate;

use crate::corpus::Article;

pub use batch::{Batch, collect};
pub use events::{Event, Listed, Note, Origin, Where};
pub use progress::Progress;
pub use walk::extractor_fingerprint;

use cache_writer::{CacheMsg, write_cache};
use jobs::{Queues, Shared};
use monitor::monitor;
use stage::{Reextract, Stage, ToStage};
use walk::{Inputs, coordinate};
use worker::work;

#[derive(Clone, Debug)]
pub struct Options {
    /// Where the cache lives; `None` runs without one.
    pub cache_dir: Option<PathBuf>,
    pub threads: usize,
    /// Bodies kept between parsing and extraction, in bytes; past this they
    /// are dropped and the file is read again (page-cached) when extracted.
    pub body_budget: u64,
    /// Every article's body goes to the app with it, and its story
    /// sketch ([`Event::Sketches`], instead of [`Event::Stories`]):
    /// `lede extract` prints bodies and groups stories. Every file is
    /// read, even those the cache has.
    pub keep_bodies: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            cache_dir: crate::store::cache_dir(),
            threads: std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2)
                .clamp(1, 8),
            body_budget: 256 << 20,
            keep_bodies: false,
        }
    }
}

/// A running load. Dropping it stops the workers.
///
/// A load runs in rounds: the first reads what it was started with, and
/// each later one what [`Ingest::add_paths`] and [`Ingest::add_articles`]
/// asked for meanwhile (files that appeared, feed items fetched). Articles
/// are numbered on across rounds, their entities join the same
/// resolution, and every round ends with an [`Event::Finished`].
pub struct Ingest {
    pub events: Receiver<Event>,
    to_stage: Sender<ToStage>,
    shared: Arc<Shared>,
    /// To the thread that runs the rounds: what the next one reads.
    more: Option<Sender<Inputs>>,
    threads: Vec<JoinHandle<()>>,
}

impl Ingest {
    /// Starts loading the files and folders `paths` in the background.
    pub fn start(paths: Vec<PathBuf>, opts: Options) -> Ingest {
        Ingest::begin(Inputs::Paths(paths, Vec::new()), opts)
    }

    /// Starts loading the files and folders `paths`, and after them
    /// `articles` as they are (parsed and cleaned already: stored feed
    /// items), which are extracted like the others but never cached.
    pub fn start_with_articles(
        paths: Vec<PathBuf>,
        articles: Vec<Article>,
        opts: Options,
    ) -> Ingest {
        Ingest::begin(Inputs::Paths(paths, articles), opts)
    }

    /// Starts loading reports given as text (each with the path it is
    /// shown under, never read): the bundled sample. Their bodies go to
    /// the app; nothing is cached.
    pub fn start_texts(texts: Vec<(PathBuf, Arc<str>)>, opts: Options) -> Ingest {
        Ingest::begin(Inputs::Texts(texts), opts)
    }

    fn begin(inputs: Inputs, opts: Options) -> Ingest {
        let (tx, rx) = channel();
        let (to_stage, stage_rx) = channel();
        let (more, more_rx) = channel();
        let workers = opts.threads.max(1);
        let shared = Arc::new(Shared {
            readers: Mutex::new(Vec::new()),
            queues: Mutex::new(Queues::default()),
            ready: Condvar::new(),
            stop: AtomicBool::new(false),
            progress: Mutex::new(Progress::default()),
            extracted_bytes: AtomicU64::new(0),
            keep_bodies: opts.keep_bodies,
            finished: AtomicBool::new(false),
            reextracts: AtomicUsize::new(0),
            next_file: AtomicU32::new(0),
        });
        let mut threads = Vec::new();
        {
            let (stage, stories) = Stage::new(stage_rx, tx, shared.clone(), workers);
            threads.push(spawn("lede-resolve", move || stage.run()));
            if let Some(stories) = stories {
                threads.push(spawn("lede-stories", move || stories.run()));
            }
        }
        {
            let shared = shared.clone();
            let to_stage = to_stage.clone();
            threads.push(spawn("lede-load", move || {
                run_rounds(inputs, more_rx, opts, shared, to_stage)
            }));
        }
        Ingest {
            events: rx,
            to_stage,
            shared,
            more: Some(more),
            threads,
        }
    }

    /// Loads these files and folders too, in the next round (at once if
    /// the load is over): files that appeared or changed while lede runs.
    pub fn add_paths(&self, paths: Vec<PathBuf>) {
        if !paths.is_empty() {
            self.more_inputs(Inputs::Paths(paths, Vec::new()));
        }
    }

    /// Loads these articles too, as they are (stored feed items), in the
    /// next round.
    pub fn add_articles(&self, articles: Vec<Article>) {
        if !articles.is_empty() {
            self.more_inputs(Inputs::Paths(Vec::new(), articles));
        }
    }

    fn more_inputs(&self, inputs: Inputs) {
        if let Some(more) = &self.more {
            let _ = more.send(inputs);
        }
    }

    /// These articles (by number) are gone (their file was deleted or
    /// changed, their feed item replaced): their entities no longer count
    /// in the resolution.
    pub fn forget(&self, articles: Vec<u32>) {
        if !articles.is_empty() {
            let _ = self.to_stage.send(ToStage::Forget(articles));
        }
    }

    /// Extracts the articles of `file` before anything else.
    pub fn prioritize(&self, file: u32) {
        let mut q = self.shared.queues.lock().expect("queue lock");
        if !q.wanted.contains(&file) {
            q.wanted.push(file);
        }
        self.shared.ready.notify_all();
    }

    /// Article `article` (of file `file` at `path`) changed on disk to
    /// `body`: its entities are found again off the UI thread, and come
    /// as an [`Event::Mentions`] (and, once the load is over, a new
    /// [`Event::Resolved`]).
    pub fn reextract(
        &self,
        article: u32,
        file: u32,
        path: PathBuf,
        body: Arc<str>,
        date: Option<NaiveDate>,
    ) {
        self.shared.reextracts.fetch_add(1, Ordering::SeqCst);
        let r = Reextract {
            article,
            file,
            path,
            body,
            date,
        };
        if self.to_stage.send(ToStage::Reextract(r)).is_err() {
            self.shared.reextracts.fetch_sub(1, Ordering::SeqCst);
        }
    }

    /// Re-extractions asked for whose mentions have not been sent yet.
    pub fn reextracting(&self) -> usize {
        self.shared.reextracts.load(Ordering::SeqCst)
    }
}

impl Drop for Ingest {
    /// Stops the load. The round's walk, monitor and cache writer (which
    /// commits what is done) and the resolution stage are waited for; a
    /// worker in the middle of a huge article is not: it stops at its
    /// next piece, or with the process.
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        self.shared.ready.notify_all();
        // The rounds' thread waits for more inputs: no more will come.
        self.more = None;
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

/// The rounds of a load, one after the other: `first`, then whatever
/// `more` brings (everything waiting joins one round), until the load is
/// dropped.
fn run_rounds(
    first: Inputs,
    more: Receiver<Inputs>,
    opts: Options,
    shared: Arc<Shared>,
    to_stage: Sender<ToStage>,
) {
    let mut inputs = first;
    let mut round = 0u32;
    loop {
        run_round(inputs, round == 0, &opts, &shared, &to_stage);
        if shared.stop.load(Ordering::Relaxed) {
            return;
        }
        inputs = match more.recv() {
            Ok(i) => i,
            Err(_) => return,
        };
        while let Ok(i) = more.try_recv() {
            inputs.extend(i);
        }
        if shared.stop.load(Ordering::Relaxed) {
            return;
        }
        round += 1;
    }
}

/// One round: the walk, the workers, the monitor and the cache writer,
/// until the stage says the round is over (the monitor ends then) or
/// the load stops.
fn run_round(
    inputs: Inputs,
    first: bool,
    opts: &Options,
    shared: &Arc<Shared>,
    to_stage: &Sender<ToStage>,
) {
    let workers = opts.threads.max(1);
    shared.start_round();
    // Before anything of the round reaches the stage.
    let _ = to_stage.send(ToStage::Round { workers });
    let (cache_tx, cache_rx) = sync_channel::<CacheMsg>(4096);
    let mut threads = Vec::new();
    let mut worker_threads = Vec::new();
    // The coordinator opens the cache, walks, and feeds the workers.
    {
        let shared = shared.clone();
        let to_stage = to_stage.clone();
        let cache_dir = opts.cache_dir.clone();
        let cache_tx = cache_tx.clone();
        threads.push(spawn("lede-walk", move || {
            coordinate(
                inputs, cache_dir, workers, first, shared, to_stage, cache_tx,
            )
        }));
    }
    for n in 0..workers {
        let shared = shared.clone();
        let to_stage = to_stage.clone();
        let cache_tx = cache_tx.clone();
        let budget = opts.body_budget;
        worker_threads.push(spawn(&format!("lede-work-{n}"), move || {
            work(shared, to_stage, cache_tx, budget)
        }));
    }
    drop(cache_tx);
    {
        let shared = shared.clone();
        let to_stage = to_stage.clone();
        threads.push(spawn("lede-monitor", move || monitor(shared, to_stage)));
    }
    {
        let shared = shared.clone();
        let to_stage = to_stage.clone();
        threads.push(spawn("lede-cache", move || {
            write_cache(cache_rx, shared, to_stage)
        }));
    }
    // The monitor ends when the stage has ended the round (every worker
    // done, the cache written), or when the load stops.
    for t in threads {
        let _ = t.join();
    }
    if !shared.stop.load(Ordering::Relaxed) {
        for t in worker_threads {
            let _ = t.join();
        }
    }
}

fn spawn(name: &str, f: impl FnOnce() + Send + 'static) -> JoinHandle<()> {
    std::thread::Builder::new()
        .name(name.to_string())
        .spawn(f)
        .expect("spawn a thread")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::extract::failpoint::MARKER;
    use std::time::Duration;

    #[test]
    fn a_panic_while_extracting_one_report_costs_that_report_only() {
        let dir = tempfile::tempdir().unwrap();
        let cache = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("bad.txt"),
            format!(" date 2020-01-06 Khalifa Haftar met {MARKER} in Cairo."),
        )
        .unwrap();
        std::fs::write(
            dir.path().join("good.txt"),
            " date 2020-01-07 Khalifa Haftar met envoys in Cairo.",
        )
        .unwrap();
        let run = || {
            let ingest = Ingest::start(
                vec![dir.path().to_path_buf()],
                Options {
                    cache_dir: Some(cache.path().to_path_buf()),
                    threads: 2,
                    body_budget: 1 << 20,
                    keep_bodies: false,
                },
            );
            let (mut listed, mut mentions, mut warnings) = (Vec::new(), Vec::new(), Vec::new());
            loop {
                match ingest
                    .events
                    .recv_timeout(Duration::from_secs(30))
                    .expect("the load finishes despite the panic")
                {
                    Event::Listed(a) => listed.extend(a.into_iter().map(|l| l.meta.title)),
                    Event::Mentions(m) => mentions.extend(m.iter().map(|(_, m)| m.len())),
                    Event::Warnings(w) => warnings.extend(w.into_iter().map(|n| n.warning)),
                    Event::Surfaces(_)
                    | Event::Sketches(_)
                    | Event::Resolved(_)
                    | Event::Stories(_)
                    | Event::Progress(_) => {}
                    Event::Finished(p) => return (listed, mentions, warnings, p),
                }
            }
        };
        let (listed, mut mentions, warnings, p) = run();
        assert_eq!(listed.len(), 2, "both reports are listed");
        assert_eq!(p.extracted, 2);
        mentions.sort_unstable();
        assert_eq!(mentions[0], 0, "the bad one has no entities");
        assert!(mentions[1] >= 2, "the good one has its entities");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].path.ends_with("bad.txt"));
        assert!(warnings[0].message.contains("failpoint hit"));
        // From the cache next time: the warning again, not the panic.
        let (listed, _, warnings, _) = run();
        assert_eq!(listed.len(), 2);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
    }
}
