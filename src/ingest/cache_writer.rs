//! The cache writer: what the workers found, written back to the cache in
//! batched transactions on a thread of its own.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, Sender};
use std::time::{Duration, Instant};

use crate::base::hash::FxHashSet;
use crate::cache::{Cache, FileEntry, Key};

use super::events::{Note, Where};
use super::jobs::Shared;
use super::stage::ToStage;

pub(super) enum CacheMsg {
    Open(Box<Cache>),
    Put(Key, FileEntry),
    /// The walk of these folders ([`Key::folder`]) is complete and found
    /// these files: entries of others under them are stale.
    Prune(Vec<Key>, Vec<Arc<Path>>),
}

pub(super) fn write_cache(rx: Receiver<CacheMsg>, shared: Arc<Shared>, tx: Sender<ToStage>) {
    // A failed write (a full disk) is said once; the cache says when.
    let store = |c: &mut Cache, pending: &[(Key, FileEntry)]| {
        if let Some(warning) = c.store(pending) {
            let note = Note {
                at: Where::Cache,
                warning,
            };
            let _ = tx.send(ToStage::Warnings(vec![note]));
        }
    };
    let mut cache: Option<Box<Cache>> = None;
    let mut pending: Vec<(Key, FileEntry)> = Vec::new();
    let mut prune = None;
    let mut last = Instant::now();
    loop {
        match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(CacheMsg::Open(c)) => cache = Some(c),
            Ok(CacheMsg::Put(key, entry)) => pending.push((key, entry)),
            // Done last, when the load no longer needs the cores.
            Ok(CacheMsg::Prune(folders, found)) => prune = Some((folders, found)),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                // Stopped: keep what is done, without waiting for workers
                // still in the middle of an article.
                if shared.stop.load(Ordering::Relaxed) {
                    while let Ok(msg) = rx.try_recv() {
                        match msg {
                            CacheMsg::Put(key, entry) => pending.push((key, entry)),
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
    // What the load found is written (or said to fail): the load may end.
    let _ = tx.send(ToStage::CacheWritten);
    // Sent only after a complete walk, so it holds even when the load was
    // stopped after the walk.
    if let Some(c) = cache.as_mut()
        && let Some((folders, found)) = prune
    {
        let found: FxHashSet<Key> = found.iter().map(|p| Key::of(p)).collect();
        let _ = c.prune(&folders, &found);
    }
}
