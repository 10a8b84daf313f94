//! A worker: reads and parses files (answering from the cache what it
//! can), then extracts the entities of their articles. What it finds goes
//! to the resolution stage in batches.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Sender, SyncSender};
use std::time::{Duration, Instant};

use crate::base::hash::hash_bytes;
use crate::cache::{ArticleRecord, Cache, FileEntry, Key, Stamp};
use crate::corpus::load::{decode, parse_text, read_bytes};
use crate::corpus::{Article, Warning};
use crate::entities::{ArticleEntities, Extractor};

use super::cache_writer::CacheMsg;
use super::events::{Note, Origin, Where};
use super::jobs::{ExtractJob, FileJob, Given, Job, Pending, Shared, Take, take};
use super::stage::{Found, Listing, ToStage};

/// What a worker has for the resolution stage, sent in batches: one
/// message per file would make the app re-sort its list a hundred
/// thousand times.
pub(super) struct Outbox<'a> {
    tx: &'a Sender<ToStage>,
    articles: Vec<Listing>,
    entities: Vec<(Origin, Found)>,
    warnings: Vec<Note>,
    since: Instant,
}

impl<'a> Outbox<'a> {
    fn new(tx: &'a Sender<ToStage>) -> Self {
        Outbox {
            tx,
            articles: Vec::new(),
            entities: Vec::new(),
            warnings: Vec::new(),
            since: Instant::now(),
        }
    }

    fn warn(&mut self, file: u32, path: &Path, message: impl Into<String>) {
        self.warnings.push(Note {
            at: Where::File(file),
            warning: Warning::new(path, message),
        });
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
                .send(ToStage::Warnings(std::mem::take(&mut self.warnings)));
        }
        if !self.articles.is_empty() {
            let _ = self
                .tx
                .send(ToStage::Listed(std::mem::take(&mut self.articles)));
        }
        if !self.entities.is_empty() {
            let _ = self
                .tx
                .send(ToStage::Extracted(std::mem::take(&mut self.entities)));
        }
        self.since = Instant::now();
    }
}

pub(super) fn next_job(shared: &Shared, out: &mut Outbox) -> Option<Job> {
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

/// Tells the stage this worker is done, however it ends (even by a
/// panic outside the contained parse and extraction): the stage finishes
/// the load when every worker has.
struct Done<'a>(&'a Sender<ToStage>);

impl Drop for Done<'_> {
    fn drop(&mut self) {
        let _ = self.0.send(ToStage::WorkerDone);
    }
}

pub(super) fn work(
    shared: Arc<Shared>,
    tx: Sender<ToStage>,
    cache_tx: SyncSender<CacheMsg>,
    budget: u64,
) {
    let _done = Done(&tx);
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
                    // What was given in memory has no file to be read
                    // back from: it is never dropped.
                    if q.body_bytes + e.bytes > budget && !e.in_memory {
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
pub(super) fn parse_job(
    shared: &Shared,
    out: &mut Outbox,
    cache_tx: &SyncSender<CacheMsg>,
    reader: Option<&Cache>,
    job: FileJob,
) -> Option<ExtractJob> {
    let in_memory = job.given.in_memory();
    let keep_bodies = shared.keep_bodies || in_memory;
    let key = (!in_memory).then(|| Key::of(&job.path));
    let cached = key
        .as_ref()
        .and_then(|key| reader?.get(key, &job.path).ok().flatten());
    let unchanged = cached.as_ref().filter(|e| e.stamp == job.stamp);
    if let Some(e) = unchanged.filter(|_| !keep_bodies) {
        // Unchanged: listed and extracted from the cache, not read at all.
        for note in &e.notes {
            out.warn(job.file, &job.path, note.clone());
        }
        let mut p = shared.progress.lock().expect("progress lock");
        p.files_listed += 1;
        p.bytes_listed += e.stamp.size;
        for (i, a) in e.articles.iter().enumerate() {
            p.articles += 1;
            p.extracted += 1;
            p.mentions += a.entities.mentions.len() as u64;
            out.articles.push(Listing {
                origin: origin(&job, i),
                meta: a.meta.clone(),
                body: None,
                found: Some(Found {
                    entities: a.entities.clone(),
                    sketch: a.sketch.clone(),
                }),
            });
        }
        return None;
    }
    let read = match job.given {
        Given::File => read_file(&job.path),
        Given::Text(ref text) => Ok((text.as_bytes().to_vec(), job.stamp)),
        Given::Article(article) => {
            return given_article(shared, out, job.file, job.path, job.stamp, *article);
        }
    };
    let (bytes, stamp) = match read {
        Ok(r) => r,
        Err(message) => {
            out.warn(job.file, &job.path, message);
            let mut p = shared.progress.lock().expect("progress lock");
            p.files_listed += 1;
            return None;
        }
    };
    let hash = hash_bytes(&bytes);
    let size = bytes.len() as u64;
    let mut notes: Vec<String> = Vec::new();
    let articles: Vec<Pending> = match decode(&bytes) {
        Err(message) => {
            notes.push(message);
            Vec::new()
        }
        Ok((text, note)) => {
            drop(bytes);
            notes.extend(note);
            parse(&job.path, &text, &mut notes)
        }
    };
    for n in &notes {
        out.warn(job.file, &job.path, n.clone());
    }
    // A touched file with the same content keeps its extraction.
    let reuse = cached.filter(|e| e.hash == hash && e.articles.len() == articles.len());
    let bytes_to_extract: u64 = articles.iter().map(|a| a.body.len() as u64).sum();
    {
        let mut p = shared.progress.lock().expect("progress lock");
        p.files_listed += 1;
        p.bytes_listed += size;
        p.articles += articles.len() as u64;
        match &reuse {
            Some(e) => {
                p.extracted += articles.len() as u64;
                p.mentions += e
                    .articles
                    .iter()
                    .map(|a| a.entities.mentions.len() as u64)
                    .sum::<u64>();
            }
            None => p.bytes_to_extract += bytes_to_extract,
        }
    }
    for (i, a) in articles.iter().enumerate() {
        out.articles.push(Listing {
            origin: origin(&job, i),
            // The cache's record, when reused: what the entities were
            // found with (the same text, parsed the same way).
            meta: match &reuse {
                Some(e) => e.articles[i].meta.clone(),
                None => a.meta.clone(),
            },
            body: keep_bodies.then(|| a.body.clone()),
            found: reuse.as_ref().map(|e| Found {
                entities: e.articles[i].entities.clone(),
                sketch: e.articles[i].sketch.clone(),
            }),
        });
    }
    if let Some(mut e) = reuse {
        if e.stamp != stamp
            && let Some(key) = key
        {
            // Remember the new stamp, so the next start need not read it.
            e.stamp = stamp;
            let _ = cache_tx.send(CacheMsg::Put(key, e));
        }
        return None;
    }
    if articles.is_empty() {
        return None;
    }
    Some(ExtractJob {
        file: job.file,
        path: job.path,
        stamp,
        hash,
        notes,
        articles: Some(articles),
        bytes: bytes_to_extract,
        in_memory,
    })
}

/// Lists an article given as it is (parsed and cleaned already) and
/// hands it on to extraction.
fn given_article(
    shared: &Shared,
    out: &mut Outbox,
    file: u32,
    path: Arc<Path>,
    stamp: Stamp,
    article: Article,
) -> Option<ExtractJob> {
    let bytes = article.body.len() as u64;
    let article = Pending {
        meta: article.meta,
        body: article.body.into(),
    };
    {
        let mut p = shared.progress.lock().expect("progress lock");
        p.files_listed += 1;
        p.bytes_listed += bytes;
        p.articles += 1;
        p.bytes_to_extract += bytes;
    }
    out.articles.push(Listing {
        origin: Origin { file, index: 0 },
        meta: article.meta.clone(),
        body: Some(article.body.clone()),
        found: None,
    });
    Some(ExtractJob {
        file,
        path,
        stamp,
        hash: 0,
        notes: Vec::new(),
        articles: Some(vec![article]),
        bytes,
        in_memory: true,
    })
}

/// The articles of a report's text, the warnings of parsing it added to
/// `notes`.
fn parse(path: &Path, text: &str, notes: &mut Vec<String>) -> Vec<Pending> {
    let parsed = parse_text(path, text);
    notes.extend(parsed.warnings.into_iter().map(|w| w.message));
    parsed
        .articles
        .into_iter()
        .map(|a| Pending {
            meta: a.meta,
            body: a.body.into(),
        })
        .collect()
}

fn origin(job: &FileJob, i: usize) -> Origin {
    Origin {
        file: job.file,
        index: i as u32,
    }
}

pub(super) fn read_file(path: &Path) -> Result<(Vec<u8>, Stamp), String> {
    read_bytes(path).map(|(bytes, meta)| (bytes, Stamp::of(&meta)))
}

/// The articles of a file parsed again, when they were dropped for
/// memory (the page cache has the file; what was given in memory is
/// never dropped).
fn reparse(job: &ExtractJob) -> Result<Vec<Pending>, String> {
    let (text, _) = decode(&read_file(&job.path)?.0)?;
    Ok(parse(&job.path, &text, &mut Vec::new()))
}

pub(super) fn extract_job(
    shared: &Shared,
    out: &mut Outbox,
    cache_tx: &SyncSender<CacheMsg>,
    extractor: &Extractor,
    mut job: ExtractJob,
) {
    let articles = match job.articles.take() {
        Some(a) => a,
        None => match reparse(&job) {
            Ok(a) => a,
            Err(message) => {
                out.warn(
                    job.file,
                    &job.path,
                    format!("changed while loading: {message}"),
                );
                return;
            }
        },
    };
    let mut found = Vec::with_capacity(articles.len());
    let mut cached = Vec::with_capacity(articles.len());
    let mut mentions = 0u64;
    let mut notes = job.notes;
    for (i, a) in articles.into_iter().enumerate() {
        let e = match extractor.extract_contained(&a.body, a.meta.date, &shared.stop) {
            Ok(Some(e)) => e,
            Ok(None) => return,
            Err(note) => {
                // Listed and readable, without entities; the note is
                // cached with the file, so the next start says it again.
                out.warn(job.file, &job.path, note.clone());
                notes.push(note);
                ArticleEntities::default()
            }
        };
        mentions += e.mentions.len() as u64;
        let (f, note) = Found::new(&a.body, a.meta.date, e);
        if let Some(note) = note {
            out.warn(job.file, &job.path, note.clone());
            notes.push(note);
        }
        if !job.in_memory {
            cached.push(ArticleRecord {
                meta: a.meta,
                entities: f.entities.clone(),
                sketch: f.sketch.clone(),
            });
        }
        found.push((
            Origin {
                file: job.file,
                index: i as u32,
            },
            f,
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
    if !job.in_memory {
        let _ = cache_tx.send(CacheMsg::Put(
            Key::of(&job.path),
            FileEntry {
                stamp: job.stamp,
                hash: job.hash,
                articles: cached,
                notes,
            },
        ));
    }
}
