//! A worker: reads and parses files (answering from the cache what it
//! can), then extracts the entities of their articles.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Sender, SyncSender};
use std::time::{Duration, Instant};

use crate::base::hash::hash_bytes;
use crate::cache::{ArticleRecord, Cache, FileEntry, Stamp};
use crate::corpus::load::{decode, parse_text, read_bytes};
use crate::corpus::{Article, Warning};
use crate::entities::{ArticleEntities, Extractor};

use super::cache_writer::{CacheMsg, cache_key};
use super::events::{Event, Loaded, Origin};
use super::jobs::{ExtractJob, FileJob, Job, Shared, Take, take};

/// What a worker has for the app, sent in batches: one event per file
/// would make the app re-sort its list a hundred thousand times.
pub(super) struct Outbox<'a> {
    tx: &'a Sender<Event>,
    articles: Vec<Loaded>,
    entities: Vec<(Origin, ArticleEntities)>,
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

pub(super) fn work(
    shared: Arc<Shared>,
    tx: Sender<Event>,
    cache_tx: SyncSender<CacheMsg>,
    budget: u64,
) {
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
pub(super) fn parse_job(
    shared: &Shared,
    out: &mut Outbox,
    cache_tx: &SyncSender<CacheMsg>,
    reader: Option<&Cache>,
    job: FileJob,
) -> Option<ExtractJob> {
    let key = cache_key(&job.path);
    let cached = reader.and_then(|r| r.get(&key, &job.path).ok().flatten());
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
            out.articles.push(listed(&job, i, a.clone()));
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
            .map(|(i, a)| listed(&job, i, a.clone()))
            .collect(),
        None => articles
            .iter()
            .enumerate()
            .map(|(i, a)| Loaded {
                origin: Origin {
                    file: job.file,
                    index: i as u32,
                },
                meta: a.meta.clone(),
                entities: None,
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
                .filter_map(|l| l.entities.as_ref())
                .map(|e| e.mentions.len() as u64)
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

/// Article `i` of a file, from the cache, as the list gets it.
pub(super) fn listed(job: &FileJob, i: usize, record: ArticleRecord) -> Loaded {
    Loaded {
        origin: Origin {
            file: job.file,
            index: i as u32,
        },
        meta: record.meta,
        entities: Some(record.entities),
    }
}

pub(super) fn read_file(path: &Path) -> Result<(Vec<u8>, Stamp), String> {
    read_bytes(path).map(|(bytes, meta)| (bytes, Stamp::of(&meta)))
}

pub(super) fn extract_job(
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
        cached.push(ArticleRecord {
            meta: a.meta.clone(),
            entities: e.clone(),
        });
        found.push((
            Origin {
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
