//! The work of a load and what its threads share: files to read and
//! parse, articles to extract, the order they are taken in (what the user
//! looks at first; the whole list before any extraction), the stop flag
//! and the progress counters.

use std::collections::VecDeque;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, AtomicUsize};
use std::sync::{Condvar, Mutex};

use crate::cache::{Cache, Stamp};
use crate::corpus::{Article, ArticleMeta};

use super::progress::Progress;

pub(super) struct FileJob {
    pub(super) file: u32,
    pub(super) path: Arc<Path>,
    /// Size and modification time, as the walk saw them.
    pub(super) stamp: Stamp,
    pub(super) given: Given,
}

/// What a job's path stands for.
pub(super) enum Given {
    /// A file on disk: read, parsed, and cached under its path.
    File,
    /// A report's text, given in memory (the bundled sample): parsed,
    /// never cached, bodies kept.
    Text(Arc<str>),
    /// An article already parsed and cleaned (a stored feed item):
    /// extracted, never cached, its body kept.
    Article(Box<Article>),
}

impl Given {
    /// Given in memory: nothing to read back from a file, nothing to cache.
    pub(super) fn in_memory(&self) -> bool {
        !matches!(self, Given::File)
    }
}

/// A parsed article waiting for extraction.
pub(super) struct Pending {
    pub(super) meta: ArticleMeta,
    pub(super) body: Arc<str>,
}

pub(super) struct ExtractJob {
    pub(super) file: u32,
    pub(super) path: Arc<Path>,
    pub(super) stamp: Stamp,
    pub(super) hash: u64,
    pub(super) notes: Vec<String>,
    /// Parsed articles with their bodies, when within the body budget
    /// (always, for what was given in memory).
    pub(super) articles: Option<Vec<Pending>>,
    pub(super) bytes: u64,
    /// Given in memory ([`Given::in_memory`]): never cached.
    pub(super) in_memory: bool,
}

#[derive(Default)]
pub(super) struct Queues {
    pub(super) parse: VecDeque<FileJob>,
    pub(super) extract: VecDeque<ExtractJob>,
    /// Files the user is looking at: extracted before anything else.
    pub(super) wanted: Vec<u32>,
    pub(super) walk_done: bool,
    /// Parse jobs handed out but not finished (they add extract jobs).
    pub(super) parsing: usize,
    pub(super) body_bytes: u64,
}

pub(super) struct Shared {
    /// Read connections to the cache, one for each worker to take.
    pub(super) readers: Mutex<Vec<Cache>>,
    pub(super) queues: Mutex<Queues>,
    pub(super) ready: Condvar,
    pub(super) stop: AtomicBool,
    pub(super) progress: Mutex<Progress>,
    pub(super) extracted_bytes: AtomicU64,
    /// Bodies go to the app with the articles.
    pub(super) keep_bodies: bool,
    /// The load is over (the monitor stops reporting).
    pub(super) finished: AtomicBool,
    /// Re-extractions asked for and not yet answered.
    pub(super) reextracts: AtomicUsize,
    /// The number the next file found gets: files are numbered across
    /// the rounds of a load ([`super::Ingest::add_paths`]).
    pub(super) next_file: AtomicU32,
}

impl Shared {
    /// A new round starts: its queues, progress and end are its own.
    pub(super) fn start_round(&self) {
        *self.queues.lock().expect("queue lock") = Queues::default();
        *self.progress.lock().expect("progress lock") = Progress::default();
        self.readers.lock().expect("readers lock").clear();
        self.extracted_bytes
            .store(0, std::sync::atomic::Ordering::SeqCst);
        self.finished
            .store(false, std::sync::atomic::Ordering::SeqCst);
    }
}

pub(super) enum Job {
    Parse(FileJob),
    Extract(ExtractJob),
}

/// What the queues have for a worker now.
pub(super) enum Take {
    Job(Job),
    /// Everything is done.
    Done,
    /// Nothing yet: wait.
    Wait,
}

pub(super) fn take(q: &mut Queues) -> Take {
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
