//! The full-text word index of the library, kept by the app and built
//! off its thread: the words of articles are read (bodies on disk or in
//! memory) and turned into [`ArticleTerms`] by the world, filed here (a
//! push each), built into segments and merged by the world again. The
//! filter asks it which articles have a word, or a word starting with
//! what was typed ([`Words::lookup`]); an article not yet in a segment is
//! not searchable yet ([`Words::is_searchable`]) and the filter looks at
//! its title instead.

use std::sync::{Arc, Mutex};

use super::bits::Bits;
use crate::text_index::{
    ArticleTerms, BuildJob, Hits, Match, MergeJob, Merged, Segment, TextIndex,
};

/// Articles whose words one request reads.
pub const READ_CHUNK: usize = 4096;

/// Something built on one thread and taken whole by another, carried in
/// an action or a request (which are compared and cloned as data: two
/// are equal when they carry the same thing).
#[derive(Debug)]
pub struct Handoff<T>(Arc<Mutex<Option<T>>>);

impl<T> Handoff<T> {
    pub fn new(t: T) -> Handoff<T> {
        Handoff(Arc::new(Mutex::new(Some(t))))
    }

    /// The thing, once: `None` when taken already.
    pub fn take(&self) -> Option<T> {
        self.0.lock().ok()?.take()
    }
}

impl<T> Clone for Handoff<T> {
    fn clone(&self) -> Self {
        Handoff(Arc::clone(&self.0))
    }
}

impl<T> PartialEq for Handoff<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Eq for Handoff<T> {}

/// The index and where building it stands.
#[derive(Debug, Default)]
pub struct Words {
    index: TextIndex,
    /// Articles before this one have been asked for (or are gone).
    asked_to: usize,
    /// Articles whose body changed since their words were read: read
    /// again before the rest.
    again: Vec<usize>,
    /// A read of words is under way.
    reading: bool,
    /// A segment is being built, or merged.
    building: bool,
    merging: bool,
    /// Articles in a segment: queries find them.
    searchable: Bits,
    searchable_count: usize,
    /// Bumped when articles become searchable.
    version: u64,
}

impl Words {
    /// The index of these articles `(title, body)`, numbered from 0,
    /// built here and now: for callers without a UI to keep answering (a
    /// command, a test).
    pub fn built_now<'a>(articles: impl Iterator<Item = (&'a str, &'a str)>) -> Words {
        let mut w = Words::default();
        let terms: Vec<(u32, ArticleTerms)> = articles
            .enumerate()
            .map(|(i, (title, body))| (i as u32, ArticleTerms::new(title, body)))
            .collect();
        w.asked_to = terms.len();
        w.add(terms, true);
        if let Some(job) = w.build_job(true) {
            w.built(job.run());
        }
        w
    }

    /// The next articles to read the words of (`len` articles listed),
    /// when no read is under way: those to read again first.
    pub fn next_to_read(&mut self, len: usize) -> Option<Vec<usize>> {
        if self.reading {
            return None;
        }
        let mut out = std::mem::take(&mut self.again);
        if self.asked_to < len {
            let from = self.asked_to;
            self.asked_to = len.min(from + READ_CHUNK);
            out.extend(from..self.asked_to);
        }
        if out.is_empty() {
            return None;
        }
        self.reading = true;
        Some(out)
    }

    /// Article `a`'s body changed: its words are read again (until then
    /// it is judged by its title, as one not yet indexed).
    pub fn read_again(&mut self, a: usize) {
        if self.searchable.get(a) {
            self.searchable.clear(a);
            self.searchable_count -= 1;
        }
        if a < self.asked_to && !self.again.contains(&a) {
            self.again.push(a);
        }
    }

    /// Words read: filed for the next segment. `done`: the read is over.
    pub fn add(&mut self, terms: Vec<(u32, ArticleTerms)>, done: bool) {
        for (a, t) in terms {
            self.index.add(a, t);
        }
        if done {
            self.reading = false;
        }
    }

    /// A segment to build, when enough waits (or `all`: whatever waits).
    pub fn build_job(&mut self, all: bool) -> Option<BuildJob> {
        let enough = self.index.pending() >= crate::text_index::BATCH;
        if self.building || !(enough || all && self.index.pending() > 0) {
            return None;
        }
        self.building = true;
        self.index.take_batch()
    }

    /// A built segment joins the index. Returns its articles.
    pub fn built(&mut self, segment: Segment) -> Vec<usize> {
        self.building = false;
        let articles: Vec<usize> = (0..segment.len() as u32)
            .map(|d| segment.article(d).0 as usize)
            .collect();
        self.index.add_segment(segment);
        for &a in &articles {
            if !self.searchable.get(a) {
                self.searchable.set(a);
                self.searchable_count += 1;
            }
        }
        self.version += 1;
        articles
    }

    /// A merge worth doing now, if none runs.
    pub fn merge_job(&mut self, all: bool) -> Option<MergeJob> {
        if self.merging || self.building {
            return None;
        }
        let job = if all {
            self.index.merge_all_job()
        } else {
            self.index.merge_job()
        };
        self.merging = job.is_some();
        job
    }

    pub fn merged(&mut self, merged: Merged) {
        self.merging = false;
        self.index.finish_merge(merged);
    }

    /// Article `a` left the library.
    pub fn remove(&mut self, a: usize) {
        self.index.remove(a as u32);
        if self.searchable.get(a) {
            self.searchable.clear(a);
            self.searchable_count -= 1;
        }
    }

    /// Whether queries find article `a` by its words.
    pub fn is_searchable(&self, a: usize) -> bool {
        self.searchable.get(a)
    }

    /// The articles queries find by their words.
    pub fn searchable(&self) -> &Bits {
        &self.searchable
    }

    /// Articles queries find by their words.
    pub fn searchable_count(&self) -> usize {
        self.searchable_count
    }

    /// Changes when articles become searchable.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Whether reading, building or merging is under way.
    pub fn is_busy(&self) -> bool {
        self.reading || self.building || self.merging
    }

    /// The articles with a word, or a word starting with `m`'s prefix.
    pub fn lookup(&self, m: Match) -> Hits {
        self.index.lookup(m)
    }

    /// The articles with every word of `typed`, the last as a prefix.
    pub fn search(&self, typed: &str) -> Hits {
        self.index.search(typed, true)
    }

    /// Bytes the index holds.
    pub fn heap_bytes(&self) -> usize {
        self.index.heap_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_become_searchable_once_built() {
        let mut w = Words::default();
        assert_eq!(w.next_to_read(3), Some(vec![0, 1, 2]));
        assert_eq!(w.next_to_read(3), None, "one read at a time");
        w.add(
            vec![
                (0, ArticleTerms::new("Ceasefire holds", "Talks in Cairo.")),
                (2, ArticleTerms::new("Quake", "A ceasefire? No.")),
            ],
            true,
        );
        assert!(w.lookup(Match::Prefix("cease")).is_empty(), "not built yet");
        let job = w.build_job(false);
        assert!(job.is_none(), "a batch waits for more");
        let job = w.build_job(true).unwrap();
        let arts = w.built(job.run());
        assert_eq!(arts, [0, 2]);
        assert!(w.is_searchable(2) && !w.is_searchable(1));
        let ids: Vec<u32> = w.lookup(Match::Prefix("cease")).articles().collect();
        assert_eq!(ids, [0, 2]);
        w.remove(2);
        assert!(!w.is_searchable(2));
        let ids: Vec<u32> = w.lookup(Match::Prefix("cease")).articles().collect();
        assert_eq!(ids, [0]);
        // A changed body is read again, before the rest.
        w.read_again(0);
        assert!(!w.is_searchable(0));
        assert_eq!(w.next_to_read(5), Some(vec![0, 3, 4]));
        w.add(
            vec![(0, ArticleTerms::new("Ceasefire holds", "Now a truce."))],
            true,
        );
        let job = w.build_job(true).unwrap();
        w.built(job.run());
        assert!(w.is_searchable(0));
        let ids: Vec<u32> = w.lookup(Match::Prefix("truce")).articles().collect();
        assert_eq!(ids, [0]);
        assert!(
            w.lookup(Match::Prefix("cairo")).is_empty(),
            "the old words gone"
        );
    }

    #[test]
    fn a_handoff_is_taken_once() {
        let h = Handoff::new(5);
        let g = h.clone();
        assert_eq!(h, g);
        assert_eq!(g.take(), Some(5));
        assert_eq!(h.take(), None);
        assert_ne!(h, Handoff::new(5));
    }
}
