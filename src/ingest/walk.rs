//! The coordinator: opens the cache, walks the inputs and hands each file
//! to the workers as soon as it is found.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Sender, SyncSender};

use crate::cache::{Cache, Key, Stamp};
use crate::corpus::load::walk;
use crate::corpus::{Article, Warning};

use super::cache_writer::CacheMsg;
use super::events::{Note, Where};
use super::jobs::{FileJob, Given, Shared};
use super::stage::ToStage;

/// The fingerprint of everything that shapes extraction output: a cache
/// written under another is cleared.
pub fn extractor_fingerprint() -> u64 {
    crate::entities::fingerprint()
}

/// What a load (or one round of it) reads.
pub(super) enum Inputs {
    /// Files and folders on disk, then articles given as they are.
    Paths(Vec<PathBuf>, Vec<Article>),
    /// Reports given as text, each with the path it is shown under.
    Texts(Vec<(PathBuf, Arc<str>)>),
}

impl Inputs {
    /// What `other` asks for, read in the same round.
    pub(super) fn extend(&mut self, other: Inputs) {
        match (self, other) {
            (Inputs::Paths(p, a), Inputs::Paths(p2, a2)) => {
                p.extend(p2);
                a.extend(a2);
            }
            (Inputs::Texts(t), Inputs::Texts(t2)) => t.extend(t2),
            // Later rounds only ever bring paths and articles.
            _ => debug_assert!(false, "inputs of two kinds in one round"),
        }
    }
}

/// Walks `inputs` and queues their files for the workers. `first`: the
/// load's first round, which says what it finds wrong with the cache
/// (later rounds open it again, and need not repeat it).
pub(super) fn coordinate(
    inputs: Inputs,
    cache_dir: Option<PathBuf>,
    workers: usize,
    first: bool,
    shared: Arc<Shared>,
    tx: Sender<ToStage>,
    cache_tx: SyncSender<CacheMsg>,
) {
    let mut said = 0u64;
    let mut warn = |w: Warning| {
        let at = Where::Walk(said);
        said += 1;
        let _ = tx.send(ToStage::Warnings(vec![Note { at, warning: w }]));
    };
    let queue = |path: Arc<Path>, stamp: Stamp, given: Given| {
        {
            let mut p = shared.progress.lock().expect("progress lock");
            p.files_found += 1;
            p.bytes_found += stamp.size;
        }
        let file = shared.next_file.fetch_add(1, Ordering::SeqCst);
        let mut q = shared.queues.lock().expect("queue lock");
        q.parse.push_back(FileJob {
            file,
            path,
            stamp,
            given,
        });
        shared.ready.notify_one();
    };
    let (paths, articles) = match inputs {
        Inputs::Paths(paths, articles) => (paths, articles),
        Inputs::Texts(texts) => {
            // Nothing to walk, nothing to cache.
            for (path, text) in texts {
                let stamp = Stamp {
                    size: text.len() as u64,
                    mtime_ns: 0,
                };
                queue(Arc::from(path.as_path()), stamp, Given::Text(text));
            }
            finish_walk(&shared);
            return;
        }
    };
    let mut cache_on = false;
    if let Some(dir) = cache_dir {
        match Cache::open(&dir, extractor_fingerprint()) {
            Ok((cache, warnings)) => {
                if first {
                    warnings.into_iter().for_each(&mut warn);
                }
                // Each worker looks up its own files: reading the cache
                // runs on every core, and nothing waits for all of it.
                let readers: Vec<Cache> =
                    (0..workers).filter_map(|_| cache.reader().ok()).collect();
                *shared.readers.lock().expect("readers lock") = readers;
                let _ = cache_tx.send(CacheMsg::Open(Box::new(cache)));
                cache_on = true;
            }
            Err(e) if first => warn(Warning::new(
                &dir,
                format!("no cache ({e}); extracting afresh"),
            )),
            Err(_) => {}
        }
    }
    // Folders walked, and the files found under them, to prune the cache
    // of deleted reports once the walk is complete.
    // (Only the paths, shared with the jobs: keys are made after the load,
    // off its path.)
    let mut found: Option<Vec<Arc<Path>>> = cache_on.then(Vec::new);
    // Files are handed out as the walk finds them, so the first articles
    // show before a big archive has been walked through.
    walk(
        &paths,
        &mut |path, meta| {
            if shared.stop.load(Ordering::Relaxed) {
                return false;
            }
            let path: Arc<Path> = Arc::from(path.as_path());
            if let Some(found) = found.as_mut() {
                found.push(Arc::clone(&path));
            }
            queue(path, Stamp::of(meta), Given::File);
            true
        },
        &mut warn,
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
    // Each given article is a job of its own, after every file.
    for a in articles {
        if shared.stop.load(Ordering::Relaxed) {
            break;
        }
        let stamp = Stamp {
            size: a.body.len() as u64,
            mtime_ns: 0,
        };
        queue(
            Arc::from(a.path.as_path()),
            stamp,
            Given::Article(Box::new(a)),
        );
    }
    finish_walk(&shared);
}

fn finish_walk(shared: &Shared) {
    shared.progress.lock().expect("progress lock").walk_done = true;
    let mut q = shared.queues.lock().expect("queue lock");
    q.walk_done = true;
    shared.ready.notify_all();
}
