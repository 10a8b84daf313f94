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

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::base::hash::FxHashSet;
use crate::base::hash::hash_bytes;
use crate::cache::{Cache, CachedArticle, FileEntry, Key, Stamp};
use crate::corpus::load::{decode, parse_text, read_bytes, walk};
use crate::corpus::{Article, Warning};
use crate::entities::{ArticleEntities, Extractor};

/// Identifies an article across the run: the file it came from (in
/// discovery order) and its place in that file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArticleKey {
    pub file: u32,
    pub index: u32,
}

/// An article as the list needs it: metadata, no body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loaded {
    pub key: ArticleKey,
    pub path: Arc<Path>,
    pub meta: CachedArticle,
    /// Present when the cache had them; otherwise an `Event::Entities`
    /// follows.
    pub extracted: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Files found so far, and whether the walk is over.
    pub files_found: u64,
    pub walk_done: bool,
    /// Files whose articles are listed (parsed or from the cache).
    pub files_listed: u64,
    pub bytes_found: u64,
    pub bytes_listed: u64,
    /// Articles listed, and articles whose entities are known.
    pub articles: u64,
    pub extracted: u64,
    /// Mentions found so far.
    pub mentions: u64,
    /// Bytes of articles still to extract, and the recent extraction rate.
    pub bytes_to_extract: u64,
    pub extract_bytes_per_sec: u64,
}

impl Progress {
    pub fn done(&self) -> bool {
        self.walk_done && self.files_listed >= self.files_found && self.extracted >= self.articles
    }

    /// Seconds until extraction is done, at the recent rate.
    pub fn eta_secs(&self) -> Option<u64> {
        (self.extract_bytes_per_sec > 0).then(|| self.bytes_to_extract / self.extract_bytes_per_sec)
    }
}

#[derive(Debug)]
pub enum Event {
    Articles(Vec<Loaded>),
    Entities(Vec<(ArticleKey, ArticleEntities)>),
    Warnings(Vec<Warning>),
    Progress(Progress),
    /// Everything is listed and extracted; the last event.
    Finished(Progress),
}

#[derive(Clone, Debug)]
pub struct Options {
    /// Where the cache lives; `None` runs without one.
    pub cache_dir: Option<PathBuf>,
    pub threads: usize,
    /// Bodies kept between parsing and extraction, in bytes; past this they
    /// are dropped and the file is read again (page-cached) when extracted.
    pub body_budget: u64,
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
        }
    }
}

/// The fingerprint of everything that shapes extraction output: a cache
/// written under another is cleared.
pub fn extractor_fingerprint() -> u64 {
    crate::entities::fingerprint()
}

/// A running load. Dropping it stops the workers.
pub struct Ingest {
    pub events: Receiver<Event>,
    shared: Arc<Shared>,
    threads: Vec<JoinHandle<()>>,
}

struct FileJob {
    file: u32,
    path: Arc<Path>,
    /// Size and modification time, as the walk saw them.
    stamp: Stamp,
}

struct ExtractJob {
    file: u32,
    path: Arc<Path>,
    stamp: Stamp,
    hash: u64,
    notes: Vec<String>,
    /// Parsed articles with their bodies, when within the body budget.
    articles: Option<Vec<Article>>,
    bytes: u64,
}

#[derive(Default)]
struct Queues {
    parse: VecDeque<FileJob>,
    extract: VecDeque<ExtractJob>,
    /// Files the user is looking at: extracted before anything else.
    wanted: Vec<u32>,
    walk_done: bool,
    /// Parse jobs handed out but not finished (they add extract jobs).
    parsing: usize,
    body_bytes: u64,
}

struct Shared {
    /// Read connections to the cache, one for each worker to take.
    readers: Mutex<Vec<Cache>>,
    queues: Mutex<Queues>,
    ready: Condvar,
    stop: AtomicBool,
    progress: Mutex<Progress>,
    extracted_bytes: AtomicU64,
}

impl Ingest {
    /// Starts loading `paths` in the background.
    pub fn start(paths: Vec<PathBuf>, opts: Options) -> Ingest {
        let (tx, rx) = channel();
        let shared = Arc::new(Shared {
            readers: Mutex::new(Vec::new()),
            queues: Mutex::new(Queues::default()),
            ready: Condvar::new(),
            stop: AtomicBool::new(false),
            progress: Mutex::new(Progress::default()),
            extracted_bytes: AtomicU64::new(0),
        });
        let (cache_tx, cache_rx) = sync_channel::<CacheMsg>(4096);
        let mut threads = Vec::new();

        // The coordinator opens the cache, walks, and feeds the workers.
        {
            let shared = shared.clone();
            let tx = tx.clone();
            let cache_dir = opts.cache_dir.clone();
            let cache_tx = cache_tx.clone();
            let workers = opts.threads.max(1);
            threads.push(spawn("lede-walk", move || {
                coordinate(paths, cache_dir, workers, shared, tx, cache_tx)
            }));
        }
        for n in 0..opts.threads.max(1) {
            let shared = shared.clone();
            let tx = tx.clone();
            let cache_tx = cache_tx.clone();
            let budget = opts.body_budget;
            threads.push(spawn(&format!("lede-work-{n}"), move || {
                work(shared, tx, cache_tx, budget)
            }));
        }
        drop(cache_tx);
        {
            let shared = shared.clone();
            let tx = tx.clone();
            threads.push(spawn("lede-monitor", move || monitor(shared, tx)));
        }
        {
            let shared = shared.clone();
            let tx = tx.clone();
            threads.push(spawn("lede-cache", move || {
                write_cache(cache_rx, shared, tx)
            }));
        }
        Ingest {
            events: rx,
            shared,
            threads,
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

    pub fn progress(&self) -> Progress {
        *self.shared.progress.lock().expect("progress lock")
    }
}

impl Drop for Ingest {
    /// Stops the load. The walk, the monitor and the cache writer (which
    /// commits what is done) are waited for; a worker in the middle of a
    /// huge article is not: it stops at its next piece, or with the
    /// process.
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        self.shared.ready.notify_all();
        for t in self.threads.drain(..) {
            let is_worker = t
                .thread()
                .name()
                .is_some_and(|n| n.starts_with("lede-work"));
            if !is_worker {
                let _ = t.join();
            }
        }
    }
}

fn spawn(name: &str, f: impl FnOnce() + Send + 'static) -> JoinHandle<()> {
    std::thread::Builder::new()
        .name(name.to_string())
        .spawn(f)
        .expect("spawn a thread")
}

enum CacheMsg {
    Open(Box<Cache>),
    Put(Key, FileEntry),
    /// The walk of these folders (keys ending in a separator) is complete
    /// and found these files: entries of others under them are stale.
    Prune(Vec<Key>, Vec<Arc<Path>>),
}

fn cache_key(path: &Path) -> Key {
    Key::of(path)
}

fn coordinate(
    paths: Vec<PathBuf>,
    cache_dir: Option<PathBuf>,
    workers: usize,
    shared: Arc<Shared>,
    tx: Sender<Event>,
    cache_tx: SyncSender<CacheMsg>,
) {
    let mut cache_on = false;
    if let Some(dir) = cache_dir {
        match Cache::open(&dir, extractor_fingerprint()) {
            Ok((cache, warnings)) => {
                if !warnings.is_empty() {
                    let _ = tx.send(Event::Warnings(warnings));
                }
                // Each worker looks up its own files: reading the cache
                // runs on every core, and nothing waits for all of it.
                let readers: Vec<Cache> =
                    (0..workers).filter_map(|_| cache.reader().ok()).collect();
                *shared.readers.lock().expect("readers lock") = readers;
                let _ = cache_tx.send(CacheMsg::Open(Box::new(cache)));
                cache_on = true;
            }
            Err(e) => {
                let _ = tx.send(Event::Warnings(vec![Warning::new(
                    &dir,
                    format!("no cache ({e}); extracting afresh"),
                )]));
            }
        }
    }
    // Folders walked, and the files found under them, to prune the cache
    // of deleted reports once the walk is complete.
    // (Only the paths, shared with the jobs: keys are made after the load,
    // off its path.)
    let mut found: Option<Vec<Arc<Path>>> = cache_on.then(Vec::new);
    let mut next_file = 0u32;
    // Files are handed out as the walk finds them, so the first articles
    // show before a big archive has been walked through.
    walk(
        &paths,
        &mut |path, meta| {
            if shared.stop.load(Ordering::Relaxed) {
                return false;
            }
            let stamp = Stamp::of(meta);
            let path: Arc<Path> = Arc::from(path.as_path());
            if let Some(found) = found.as_mut() {
                found.push(Arc::clone(&path));
            }
            {
                let mut p = shared.progress.lock().expect("progress lock");
                p.files_found += 1;
                p.bytes_found += stamp.size;
            }
            let mut q = shared.queues.lock().expect("queue lock");
            q.parse.push_back(FileJob {
                file: next_file,
                path,
                stamp,
            });
            next_file += 1;
            shared.ready.notify_one();
            true
        },
        &mut |w| {
            let _ = tx.send(Event::Warnings(vec![w]));
        },
    );
    if let Some(found) = found
        && !shared.stop.load(Ordering::Relaxed)
    {
        let folders: Vec<Key> = paths
            .iter()
            .filter(|p| p.is_dir())
            .map(|p| Key::folder(p))
            .collect();
        if !folders.is_empty() {
            let _ = cache_tx.send(CacheMsg::Prune(folders, found));
        }
    }
    drop(cache_tx);
    shared.progress.lock().expect("progress lock").walk_done = true;
    let mut q = shared.queues.lock().expect("queue lock");
    q.walk_done = true;
    shared.ready.notify_all();
}

/// What a worker has for the app, sent in batches: one event per file
/// would make the app re-sort its list a hundred thousand times.
struct Outbox<'a> {
    tx: &'a Sender<Event>,
    articles: Vec<Loaded>,
    entities: Vec<(ArticleKey, ArticleEntities)>,
    warnings: Vec<Warning>,
    since: Instant,
}

impl<'a> Outbox<'a> {
    fn new(tx: &'a Sender<Event>) -> Self {
        Outbox {
            tx,
            articles: Vec::new(),
            entities: Vec::new(),
            warnings: Vec::new(),
            since: Instant::now(),
        }
    }

    /// Sends what is waiting when there is a lot of it or it has waited
    /// long enough to be worth showing.
    fn maybe_flush(&mut self) {
        let n = self.articles.len() + self.entities.len();
        if n >= 2000 || self.since.elapsed() > Duration::from_millis(30) {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if !self.warnings.is_empty() {
            let _ = self
                .tx
                .send(Event::Warnings(std::mem::take(&mut self.warnings)));
        }
        if !self.articles.is_empty() {
            let _ = self
                .tx
                .send(Event::Articles(std::mem::take(&mut self.articles)));
        }
        if !self.entities.is_empty() {
            let _ = self
                .tx
                .send(Event::Entities(std::mem::take(&mut self.entities)));
        }
        self.since = Instant::now();
    }
}

enum Job {
    Parse(FileJob),
    Extract(ExtractJob),
}

/// What the queues have for a worker now.
enum Take {
    Job(Job),
    /// Everything is done.
    Done,
    /// Nothing yet: wait.
    Wait,
}

fn take(q: &mut Queues) -> Take {
    // What the user is looking at first.
    while let Some(file) = q.wanted.pop() {
        if let Some(pos) = q.extract.iter().position(|j| j.file == file) {
            let job = q.extract.remove(pos).expect("position is valid");
            if job.articles.is_some() {
                q.body_bytes = q.body_bytes.saturating_sub(job.bytes);
            }
            return Take::Job(Job::Extract(job));
        }
        if let Some(pos) = q.parse.iter().position(|j| j.file == file) {
            let job = q.parse.remove(pos).expect("position is valid");
            q.parsing += 1;
            return Take::Job(Job::Parse(job));
        }
    }
    if let Some(job) = q.parse.pop_front() {
        q.parsing += 1;
        return Take::Job(Job::Parse(job));
    }
    // The whole list first: extraction waits until every file is read.
    if !(q.walk_done && q.parsing == 0) {
        return Take::Wait;
    }
    match q.extract.pop_front() {
        Some(job) => {
            if job.articles.is_some() {
                q.body_bytes = q.body_bytes.saturating_sub(job.bytes);
            }
            Take::Job(Job::Extract(job))
        }
        None => Take::Done,
    }
}

fn next_job(shared: &Shared, out: &mut Outbox) -> Option<Job> {
    loop {
        if shared.stop.load(Ordering::Relaxed) {
            return None;
        }
        match take(&mut shared.queues.lock().expect("queue lock")) {
            Take::Job(j) => return Some(j),
            Take::Done => return None,
            Take::Wait => {}
        }
        // Nothing to do for now: what is done goes out before waiting.
        out.flush();
        let mut q = shared.queues.lock().expect("queue lock");
        match take(&mut q) {
            Take::Job(j) => return Some(j),
            Take::Done => return None,
            Take::Wait if shared.stop.load(Ordering::Relaxed) => return None,
            Take::Wait => {
                let _unused = shared.ready.wait(q).expect("queue lock");
            }
        }
    }
}

fn work(shared: Arc<Shared>, tx: Sender<Event>, cache_tx: SyncSender<CacheMsg>, budget: u64) {
    let extractor = Extractor::new();
    // Taken at the first job: the coordinator opens the cache before it
    // hands out any work.
    let mut reader: Option<Option<Cache>> = None;
    let mut out = Outbox::new(&tx);
    while let Some(job) = next_job(&shared, &mut out) {
        match job {
            Job::Parse(job) => {
                let reader = reader
                    .get_or_insert_with(|| shared.readers.lock().expect("readers lock").pop());
                let extract = parse_job(&shared, &mut out, &cache_tx, reader.as_ref(), job);
                out.maybe_flush();
                let mut q = shared.queues.lock().expect("queue lock");
                q.parsing -= 1;
                if let Some(mut e) = extract {
                    if q.body_bytes + e.bytes > budget {
                        e.articles = None;
                    } else if e.articles.is_some() {
                        q.body_bytes += e.bytes;
                    }
                    q.extract.push_back(e);
                }
                shared.ready.notify_all();
            }
            Job::Extract(job) => {
                extract_job(&shared, &mut out, &cache_tx, &extractor, job);
                out.maybe_flush();
            }
        }
    }
    out.flush();
}

/// Reads and parses one file and lists its articles. Returns the
/// extraction still to do, if any.
fn parse_job(
    shared: &Shared,
    out: &mut Outbox,
    cache_tx: &SyncSender<CacheMsg>,
    reader: Option<&Cache>,
    job: FileJob,
) -> Option<ExtractJob> {
    let key = cache_key(&job.path);
    let cached = reader.and_then(|r| r.get(&key).ok().flatten());
    if let Some(e) = cached.as_ref().filter(|e| e.stamp == job.stamp) {
        // Unchanged: listed and extracted from the cache, not read at all.
        for note in &e.notes {
            out.warnings.push(Warning::new(&*job.path, note.clone()));
        }
        let mut p = shared.progress.lock().expect("progress lock");
        p.files_listed += 1;
        p.bytes_listed += e.stamp.size;
        for (i, a) in e.articles.iter().enumerate() {
            p.articles += 1;
            p.extracted += 1;
            p.mentions += a.entities.mentions.len() as u64;
            out.articles.push(listed(&job, i, a.clone(), true));
        }
        return None;
    }
    let (bytes, stamp) = match read_file(&job.path) {
        Ok(r) => r,
        Err(message) => {
            out.warnings.push(Warning::new(&*job.path, message));
            let mut p = shared.progress.lock().expect("progress lock");
            p.files_listed += 1;
            return None;
        }
    };
    let hash = hash_bytes(&bytes);
    let size = bytes.len() as u64;
    let mut notes: Vec<String> = Vec::new();
    let articles: Vec<Article> = match decode(&bytes) {
        Err(message) => {
            notes.push(message);
            Vec::new()
        }
        Ok((text, note)) => {
            drop(bytes);
            notes.extend(note);
            let parsed = parse_text(&job.path, &text);
            notes.extend(parsed.warnings.into_iter().map(|w| w.message));
            parsed.articles
        }
    };
    for n in &notes {
        out.warnings.push(Warning::new(&*job.path, n.clone()));
    }
    // A touched file with the same content keeps its extraction.
    let reuse = cached.filter(|e| e.hash == hash && e.articles.len() == articles.len());
    let extracted = reuse.is_some();
    let loaded: Vec<Loaded> = match &reuse {
        Some(e) => e
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| listed(&job, i, a.clone(), true))
            .collect(),
        None => articles
            .iter()
            .enumerate()
            .map(|(i, a)| {
                listed(
                    &job,
                    i,
                    CachedArticle::new(a, ArticleEntities::default()),
                    false,
                )
            })
            .collect(),
    };
    {
        let mut p = shared.progress.lock().expect("progress lock");
        p.files_listed += 1;
        p.bytes_listed += size;
        p.articles += loaded.len() as u64;
        if extracted {
            p.extracted += loaded.len() as u64;
            p.mentions += loaded
                .iter()
                .map(|l| l.meta.entities.mentions.len() as u64)
                .sum::<u64>();
        } else {
            p.bytes_to_extract += articles.iter().map(|a| a.body.len() as u64).sum::<u64>();
        }
    }
    out.articles.extend(loaded);
    if let Some(mut e) = reuse {
        // Remember the new stamp, so the next start need not read it.
        e.stamp = stamp;
        let _ = cache_tx.send(CacheMsg::Put(key, e));
        return None;
    }
    if articles.is_empty() {
        return None;
    }
    let body_bytes = articles.iter().map(|a| a.body.len() as u64).sum();
    Some(ExtractJob {
        file: job.file,
        path: job.path,
        stamp,
        hash,
        notes,
        articles: Some(articles),
        bytes: body_bytes,
    })
}

/// Article `i` of a file, as the list gets it.
fn listed(job: &FileJob, i: usize, meta: CachedArticle, extracted: bool) -> Loaded {
    Loaded {
        key: ArticleKey {
            file: job.file,
            index: i as u32,
        },
        path: job.path.clone(),
        meta,
        extracted,
    }
}

fn read_file(path: &Path) -> Result<(Vec<u8>, Stamp), String> {
    read_bytes(path).map(|(bytes, meta)| (bytes, Stamp::of(&meta)))
}

fn extract_job(
    shared: &Shared,
    out: &mut Outbox,
    cache_tx: &SyncSender<CacheMsg>,
    extractor: &Extractor,
    job: ExtractJob,
) {
    let articles = match job.articles {
        Some(a) => a,
        // Dropped for memory: read the file again (the page cache has it).
        None => match read_file(&job.path).and_then(|(b, _)| decode(&b)) {
            Ok((text, _)) => parse_text(&job.path, &text).articles,
            Err(message) => {
                out.warnings.push(Warning::new(
                    &*job.path,
                    format!("changed while loading: {message}"),
                ));
                return;
            }
        },
    };
    let mut found = Vec::with_capacity(articles.len());
    let mut cached = Vec::with_capacity(articles.len());
    let mut mentions = 0u64;
    let mut notes = job.notes;
    for (i, a) in articles.iter().enumerate() {
        let e = match extractor.extract_contained(&a.body, a.date, &shared.stop) {
            Ok(Some(e)) => e,
            Ok(None) => return,
            Err(note) => {
                // Listed and readable, without entities; the note is
                // cached with the file, so the next start says it again.
                out.warnings.push(Warning::new(&*job.path, note.clone()));
                notes.push(note);
                ArticleEntities::default()
            }
        };
        mentions += e.mentions.len() as u64;
        cached.push(CachedArticle::new(a, e.clone()));
        found.push((
            ArticleKey {
                file: job.file,
                index: i as u32,
            },
            e,
        ));
    }
    shared
        .extracted_bytes
        .fetch_add(job.bytes, Ordering::Relaxed);
    {
        let mut p = shared.progress.lock().expect("progress lock");
        p.extracted += found.len() as u64;
        p.mentions += mentions;
        p.bytes_to_extract = p.bytes_to_extract.saturating_sub(job.bytes);
    }
    out.entities.extend(found);
    let _ = cache_tx.send(CacheMsg::Put(
        cache_key(&job.path),
        FileEntry {
            stamp: job.stamp,
            hash: job.hash,
            articles: cached,
            notes,
        },
    ));
}

/// Sends progress a few times a second, and the final event.
fn monitor(shared: Arc<Shared>, tx: Sender<Event>) {
    let mut last_bytes = 0u64;
    let mut last = Instant::now();
    let mut rate = 0u64;
    loop {
        std::thread::sleep(Duration::from_millis(100));
        if shared.stop.load(Ordering::Relaxed) {
            return;
        }
        let done_bytes = shared.extracted_bytes.load(Ordering::Relaxed);
        let dt = last.elapsed().as_secs_f64();
        if dt >= 0.5 {
            let now_rate = ((done_bytes - last_bytes) as f64 / dt) as u64;
            // Smooth, so the ETA does not jump about.
            rate = if rate == 0 {
                now_rate
            } else {
                (rate * 3 + now_rate) / 4
            };
            last_bytes = done_bytes;
            last = Instant::now();
        }
        let mut p = *shared.progress.lock().expect("progress lock");
        p.extract_bytes_per_sec = rate;
        let finished = {
            let q = shared.queues.lock().expect("queue lock");
            q.walk_done && q.parsing == 0 && q.parse.is_empty() && q.extract.is_empty()
        } && p.done();
        if finished {
            let _ = tx.send(Event::Finished(p));
            return;
        }
        if tx.send(Event::Progress(p)).is_err() {
            return;
        }
    }
}

fn write_cache(rx: Receiver<CacheMsg>, shared: Arc<Shared>, tx: Sender<Event>) {
    // A failed write (a full disk) is said once; the cache says when.
    let store = |c: &mut Cache, pending: &[(Key, FileEntry)]| {
        if let Some(w) = c.store(pending) {
            let _ = tx.send(Event::Warnings(vec![w]));
        }
    };
    let mut cache: Option<Box<Cache>> = None;
    let mut pending: Vec<(Key, FileEntry)> = Vec::new();
    let mut prune = None;
    let mut last = Instant::now();
    loop {
        match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(CacheMsg::Open(c)) => cache = Some(c),
            Ok(CacheMsg::Put(path, entry)) => pending.push((path, entry)),
            // Done last, when the load no longer needs the cores.
            Ok(CacheMsg::Prune(folders, found)) => prune = Some((folders, found)),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                // Stopped: keep what is done, without waiting for workers
                // still in the middle of an article.
                if shared.stop.load(Ordering::Relaxed) {
                    while let Ok(msg) = rx.try_recv() {
                        match msg {
                            CacheMsg::Put(path, entry) => pending.push((path, entry)),
                            CacheMsg::Prune(folders, found) => prune = Some((folders, found)),
                            CacheMsg::Open(_) => {}
                        }
                    }
                    break;
                }
            }
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
        }
        if pending.len() >= 1000 || (!pending.is_empty() && last.elapsed() > Duration::from_secs(1))
        {
            if let Some(c) = cache.as_mut() {
                store(c, &pending);
            }
            pending.clear();
            last = Instant::now();
        }
    }
    if let Some(c) = cache.as_mut()
        && !pending.is_empty()
    {
        store(c, &pending);
    }
    // Sent only after a complete walk, so it holds even when the load was
    // stopped after the walk.
    if let Some(c) = cache.as_mut()
        && let Some((folders, found)) = prune
    {
        let found: FxHashSet<Key> = found.iter().map(|p| cache_key(p)).collect();
        let _ = c.prune(&folders, &found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::extract::failpoint::MARKER;

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
                },
            );
            let (mut listed, mut mentions, mut warnings) = (Vec::new(), Vec::new(), Vec::new());
            loop {
                match ingest
                    .events
                    .recv_timeout(Duration::from_secs(30))
                    .expect("the load finishes despite the panic")
                {
                    Event::Articles(a) => listed.extend(a.into_iter().map(|l| l.meta.title)),
                    Event::Entities(e) => mentions.extend(e.iter().map(|(_, e)| e.mentions.len())),
                    Event::Warnings(w) => warnings.extend(w),
                    Event::Progress(_) => {}
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
