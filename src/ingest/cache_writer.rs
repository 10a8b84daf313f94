//! The cache writer: what the workers found, written back to the cache in
//! batched transactions on a thread of its own.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use crate::base::hash::FxHashSet;
use crate::cache::{Cache, FileEntry};

use super::jobs::Shared;

pub(super) enum CacheMsg {
    Open(Box<Cache>),
    Put(String, FileEntry),
    /// The walk of these folders (keys ending in a separator) is complete
    /// and found these files: entries of others under them are stale.
    Prune(Vec<String>, Vec<Arc<Path>>),
}

pub(super) fn cache_key(path: &Path) -> String {
    std::path::absolute(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

pub(super) fn write_cache(rx: Receiver<CacheMsg>, shared: Arc<Shared>) {
    let mut cache: Option<Box<Cache>> = None;
    let mut pending: Vec<(String, FileEntry)> = Vec::new();
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
                let _ = c.put(&pending);
            }
            pending.clear();
            last = Instant::now();
        }
    }
    if let Some(c) = cache.as_mut()
        && !pending.is_empty()
    {
        let _ = c.put(&pending);
    }
    // Sent only after a complete walk, so it holds even when the load was
    // stopped after the walk.
    if let Some(c) = cache.as_mut()
        && let Some((folders, found)) = prune
    {
        let found: FxHashSet<String> = found.iter().map(|p| cache_key(p)).collect();
        let _ = c.prune(&folders, &found);
    }
}
