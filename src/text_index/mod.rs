//! Full-text word search: which articles have a word, or a word starting
//! with what was typed, among 100,000 in well under a frame.
//!
//! An inverted index in memory, built as articles arrive:
//!
//! 1. On a worker, beside extraction, [`ArticleTerms::new`] turns an
//!    article's title and body into its distinct folded words, sorted, with
//!    their counts (the text is read once, then dropped).
//! 2. The owner of the index (the UI thread) files them with
//!    [`TextIndex::add`], which costs a push. When enough are waiting,
//!    [`TextIndex::take_batch`] hands them out as a [`BuildJob`]; a worker
//!    runs it into an immutable [`Segment`], which comes back to
//!    [`TextIndex::add_segment`].
//! 3. Segments are merged in the background the same way
//!    ([`TextIndex::merge_job`], [`MergeJob::run`],
//!    [`TextIndex::finish_merge`]), so there are never many.
//! 4. A query ([`TextIndex::lookup`], [`TextIndex::search`]) reads every
//!    segment and answers with the matching articles, how often the body
//!    has the word and whether the title does ([`Hits`]), for ranking.
//!
//! Articles are named by the caller's `u32` ids. An article added again
//! (its file changed) or [`TextIndex::remove`]d is versioned: its older
//! postings are skipped at once, and dropped for good by the next merge.
//!
//! [`find()`] finds where words, prefixes and phrases stand inside one body,
//! for highlighting, under the same rules ([`words`]).

pub mod find;
pub mod segment;
pub mod terms;
pub mod words;

use std::sync::Arc;

pub use find::{Found, Pattern, find};
pub use segment::Segment;
pub use terms::{ArticleTerms, TermStat};

use terms::INITIAL;

use segment::for_each_posting;
use words::MAX_WORD_BYTES;

/// Articles waiting before a batch is worth building (the caller may take
/// a smaller one: at the end of a load, or after a pause).
pub const BATCH: usize = 2048;

/// Segments kept before the smallest are merged.
const MAX_SEGMENTS: usize = 6;

/// How many of the smallest segments one merge takes.
const MERGE_WIDTH: usize = 4;

/// What a query word must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Match<'a> {
    /// The whole word (folded: see [`words`]).
    Word(&'a str),
    /// Any word starting with this (folded).
    Prefix(&'a str),
}

/// One matching article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub article: u32,
    /// Occurrences of the matching words in the body (saturating).
    pub body: u32,
    /// The title has a matching word.
    pub title: bool,
}

/// The articles a query matched, ascending by id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hits {
    hits: Vec<Hit>,
}

impl Hits {
    pub fn len(&self) -> usize {
        self.hits.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hits.is_empty()
    }

    pub fn as_slice(&self) -> &[Hit] {
        &self.hits
    }

    pub fn articles(&self) -> impl Iterator<Item = u32> + '_ {
        self.hits.iter().map(|h| h.article)
    }

    /// The hit for `article`, if it matched.
    pub fn get(&self, article: u32) -> Option<Hit> {
        self.hits
            .binary_search_by_key(&article, |h| h.article)
            .ok()
            .map(|i| self.hits[i])
    }

    pub fn contains(&self, article: u32) -> bool {
        self.get(article).is_some()
    }

    /// The articles both matched: counts added, title flags or'ed.
    pub fn intersect(&self, other: &Hits) -> Hits {
        let (mut i, mut j) = (0, 0);
        let mut hits = Vec::new();
        while i < self.hits.len() && j < other.hits.len() {
            let (a, b) = (self.hits[i], other.hits[j]);
            match a.article.cmp(&b.article) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    hits.push(Hit {
                        article: a.article,
                        body: a.body.saturating_add(b.body),
                        title: a.title || b.title,
                    });
                    i += 1;
                    j += 1;
                }
            }
        }
        Hits { hits }
    }
}

/// A batch of articles for a worker to build into a segment.
#[derive(Debug)]
pub struct BuildJob {
    docs: Vec<(u32, u32, ArticleTerms)>,
}

impl BuildJob {
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The segment (on a worker: it sorts and encodes the batch).
    pub fn run(self) -> Segment {
        Segment::from_batch(self.docs)
    }
}

/// Segments for a worker to merge into one, with which of their documents
/// were current when the job was made.
#[derive(Debug)]
pub struct MergeJob {
    inputs: Vec<(u32, Arc<Segment>, Vec<bool>)>,
}

impl MergeJob {
    /// The merged segment (on a worker).
    pub fn run(self) -> Merged {
        let inputs: Vec<(&Segment, &[bool])> = self
            .inputs
            .iter()
            .map(|(_, s, live)| (s.as_ref(), live.as_slice()))
            .collect();
        Merged {
            replaces: self.inputs.iter().map(|(id, ..)| *id).collect(),
            segment: Segment::merge(&inputs),
        }
    }
}

/// A merged segment and the segments it replaces.
#[derive(Debug)]
pub struct Merged {
    replaces: Vec<u32>,
    segment: Segment,
}

/// A segment in the index.
#[derive(Debug)]
struct Slot {
    id: u32,
    segment: Arc<Segment>,
    /// Documents of it that are no longer current.
    stale: usize,
    /// In a merge job now.
    merging: bool,
}

/// No segment holds the article's current version.
const NOWHERE: u32 = u32::MAX;

/// The index: segments, the version of each article, and the articles
/// waiting for a batch.
#[derive(Debug, Default)]
pub struct TextIndex {
    slots: Vec<Slot>,
    next_id: u32,
    /// The current version of each article (0: never added).
    version: Vec<u32>,
    /// The slot id holding each article's current version.
    home: Vec<u32>,
    pending: Vec<(u32, u32, ArticleTerms)>,
    merging: bool,
}

impl TextIndex {
    pub fn new() -> TextIndex {
        TextIndex::default()
    }

    /// Files an article's words (replacing any earlier version of it).
    /// Cheap: it is indexed when its batch is built.
    pub fn add(&mut self, article: u32, terms: ArticleTerms) {
        let v = self.bump(article);
        self.pending.push((article, v, terms));
    }

    /// Forgets an article (its file was deleted).
    pub fn remove(&mut self, article: u32) {
        if (article as usize) < self.version.len() {
            self.bump(article);
        }
    }

    /// A new current version of `article`: the one indexed goes stale.
    fn bump(&mut self, article: u32) -> u32 {
        let a = article as usize;
        if a >= self.version.len() {
            self.version.resize(a + 1, 0);
            self.home.resize(a + 1, NOWHERE);
        }
        self.version[a] += 1;
        let home = std::mem::replace(&mut self.home[a], NOWHERE);
        if let Some(slot) = self.slots.iter_mut().find(|s| s.id == home) {
            slot.stale += 1;
        }
        self.version[a]
    }

    /// Articles filed but not yet in a segment (not found by queries yet).
    pub fn pending(&self) -> usize {
        self.pending.len()
    }

    /// The waiting articles as a job, if any wait.
    pub fn take_batch(&mut self) -> Option<BuildJob> {
        if self.pending.is_empty() {
            return None;
        }
        // The next batch gets its room at once: a push never reallocates
        // a long list on the UI thread.
        let docs = std::mem::replace(&mut self.pending, Vec::with_capacity(BATCH));
        Some(BuildJob { docs })
    }

    /// Adds a built segment: its articles are found from now on (those
    /// changed or removed since it was taken are skipped).
    pub fn add_segment(&mut self, segment: Segment) {
        self.insert(Arc::new(segment), &[]);
    }

    /// Takes the merged segment in place of the ones it merged.
    pub fn finish_merge(&mut self, merged: Merged) {
        self.slots.retain(|s| !merged.replaces.contains(&s.id));
        self.merging = false;
        self.insert(Arc::new(merged.segment), &merged.replaces);
    }

    fn insert(&mut self, segment: Arc<Segment>, replaces: &[u32]) {
        let id = self.next_id;
        self.next_id += 1;
        let mut stale = 0;
        for doc in 0..segment.len() as u32 {
            let (article, v) = segment.article(doc);
            let a = article as usize;
            let current = self.version.get(a) == Some(&v)
                && (self.home[a] == NOWHERE || replaces.contains(&self.home[a]));
            if current {
                self.home[a] = id;
            } else {
                stale += 1;
            }
        }
        if segment.is_empty() {
            return;
        }
        self.slots.push(Slot {
            id,
            segment,
            stale,
            merging: false,
        });
    }

    /// A merge worth doing now, if any (one at a time): a segment with
    /// many stale documents is compacted, and when there are more than a
    /// few segments the smallest are merged.
    pub fn merge_job(&mut self) -> Option<MergeJob> {
        if self.merging {
            return None;
        }
        let mut by_size: Vec<usize> = (0..self.slots.len()).collect();
        by_size.sort_by_key(|&i| self.slots[i].segment.len());
        let chosen: Vec<usize> = if self.slots.len() > MAX_SEGMENTS {
            by_size.into_iter().take(MERGE_WIDTH).collect()
        } else if let Some(i) = self
            .slots
            .iter()
            .position(|s| s.stale * 3 > s.segment.len())
        {
            vec![i]
        } else {
            return None;
        };
        Some(self.job(&chosen))
    }

    /// Every segment into one (when loading is over and there is time).
    pub fn merge_all_job(&mut self) -> Option<MergeJob> {
        let needed = self.slots.len() > 1 || self.slots.iter().any(|s| s.stale > 0);
        if self.merging || !needed {
            return None;
        }
        let all: Vec<usize> = (0..self.slots.len()).collect();
        Some(self.job(&all))
    }

    fn job(&mut self, chosen: &[usize]) -> MergeJob {
        self.merging = true;
        let inputs = chosen
            .iter()
            .map(|&i| {
                let slot = &mut self.slots[i];
                slot.merging = true;
                let live = (0..slot.segment.len() as u32)
                    .map(|d| {
                        let (a, v) = slot.segment.article(d);
                        self.version[a as usize] == v && self.home[a as usize] == slot.id
                    })
                    .collect();
                (slot.id, Arc::clone(&slot.segment), live)
            })
            .collect();
        MergeJob { inputs }
    }

    /// Builds what waits and merges everything, here and now: for callers
    /// without a UI to keep answering (a command, a test, a benchmark).
    pub fn build_now(&mut self) {
        if let Some(job) = self.take_batch() {
            self.add_segment(job.run());
        }
        while let Some(job) = self.merge_all_job() {
            self.finish_merge(job.run());
        }
    }

    /// Articles found by queries now.
    pub fn len(&self) -> usize {
        self.home.iter().filter(|&&h| h != NOWHERE).count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Segments now.
    pub fn segments(&self) -> usize {
        self.slots.len()
    }

    /// Bytes held on the heap (segments, versions, waiting articles).
    pub fn heap_bytes(&self) -> usize {
        self.slots
            .iter()
            .map(|s| s.segment.heap_bytes())
            .sum::<usize>()
            + self.version.capacity() * 4
            + self.home.capacity() * 4
            + self
                .pending
                .iter()
                .map(|(.., t)| t.heap_bytes() + size_of::<(u32, u32, ArticleTerms)>())
                .sum::<usize>()
    }

    /// The articles with a word (already folded: see [`words::words`]).
    pub fn lookup(&self, m: Match) -> Hits {
        let (word, prefix) = match m {
            Match::Word(w) => (w, false),
            Match::Prefix(p) => (p, true),
        };
        let word = cut(word);
        // A one-character prefix is the term of that initial.
        let mut initial = String::new();
        let mut chars = word.chars();
        let (word, prefix) = match (prefix, chars.next(), chars.next()) {
            (true, Some(c), None) => {
                initial.push(INITIAL);
                initial.push(c);
                (initial.as_str(), false)
            }
            _ => (word, prefix),
        };
        let word = word.as_bytes();
        let mut hits: Vec<Hit> = Vec::new();
        let mut sorted = true;
        let mut lists: Vec<&[u8]> = Vec::new();
        for slot in &self.slots {
            let seg = &slot.segment;
            lists.clear();
            if prefix {
                seg.prefixed(word, |w, p| {
                    // The empty prefix: every word, not the initials too.
                    if !w.starts_with(&[INITIAL as u8]) {
                        lists.push(p)
                    }
                });
            } else {
                seg.exact(word, |_, p| lists.push(p));
            }
            if lists.is_empty() {
                continue;
            }
            let from = hits.len();
            collect(seg, &lists, &mut hits);
            if slot.stale > 0 {
                // Versions of articles changed or removed since: skipped.
                let mut k = from;
                for i in from..hits.len() {
                    let a = hits[i].article as usize;
                    if self.home[a] == slot.id {
                        hits[k] = hits[i];
                        k += 1;
                    }
                }
                hits.truncate(k);
            }
            if from > 0 && hits.len() > from && hits[from].article < hits[from - 1].article {
                sorted = false;
            }
        }
        if !sorted {
            // Each article is current in one segment only: no duplicates.
            hits.sort_unstable_by_key(|h| h.article);
        }
        Hits { hits }
    }

    /// The articles matching what a user typed: every word of `text` (see
    /// [`words`]; `al-Qaeda` is two), the last one as a prefix when
    /// `last_is_prefix` (a word still being typed). Counts are summed
    /// over the words. No words (only punctuation) matches nothing.
    pub fn search(&self, text: &str, last_is_prefix: bool) -> Hits {
        let words = words::words(text);
        let mut result: Option<Hits> = None;
        for (i, w) in words.iter().enumerate() {
            let m = if last_is_prefix && i + 1 == words.len() {
                Match::Prefix(w)
            } else {
                Match::Word(w)
            };
            let hits = self.lookup(m);
            result = Some(match result {
                None => hits,
                Some(r) => r.intersect(&hits),
            });
            if result.as_ref().is_some_and(Hits::is_empty) {
                break;
            }
        }
        result.unwrap_or_default()
    }

    /// Calls `f(word, articles)` for every distinct word and the number of
    /// articles whose current version has it (in no set order across
    /// segments: a word in two segments comes twice). For statistics and
    /// benchmarks, not for queries.
    pub fn for_each_word(&self, mut f: impl FnMut(&str, usize)) {
        for slot in &self.slots {
            slot.segment.for_each_term(|w, postings| {
                if w.starts_with(&[INITIAL as u8]) {
                    return;
                }
                let mut n = 0;
                for_each_posting(postings, |_| n += 1);
                f(std::str::from_utf8(w).unwrap_or(""), n);
            });
        }
    }
}

/// A query word cut like an indexed word ([`MAX_WORD_BYTES`]).
fn cut(word: &str) -> &str {
    if word.len() <= MAX_WORD_BYTES {
        return word;
    }
    let mut end = MAX_WORD_BYTES;
    while !word.is_char_boundary(end) {
        end -= 1;
    }
    &word[..end]
}

/// Decodes the postings `lists` of one segment into `hits`, ascending by
/// article. One list is already in order; several (a prefix matching many
/// words) add up per document, in a slot per document when they are long
/// (no sort), else in a list sorted at the end.
fn collect(seg: &Segment, lists: &[&[u8]], hits: &mut Vec<Hit>) {
    let hit = |doc: u32, body: u32, title: bool| Hit {
        article: seg.article(doc).0,
        body,
        title,
    };
    if let [list] = lists {
        for_each_posting(list, |p| hits.push(hit(p.doc, p.stat.body, p.stat.title)));
        return;
    }
    let bytes: usize = lists.iter().map(|l| l.len()).sum();
    if bytes * 8 < seg.len() {
        let from = hits.len();
        for list in lists {
            for_each_posting(list, |p| hits.push(hit(p.doc, p.stat.body, p.stat.title)));
        }
        let tail = &mut hits[from..];
        tail.sort_unstable_by_key(|h| h.article);
        let mut k = from;
        for i in from..hits.len() {
            if k > from && hits[k - 1].article == hits[i].article {
                hits[k - 1].body = hits[k - 1].body.saturating_add(hits[i].body);
                hits[k - 1].title |= hits[i].title;
            } else {
                hits[k] = hits[i];
                k += 1;
            }
        }
        hits.truncate(k);
        return;
    }
    // Per document: the body count above two flag bits (title, present).
    let mut acc = vec![0u32; seg.len()];
    for list in lists {
        for_each_posting(list, |p| {
            let a = &mut acc[p.doc as usize];
            let body = (*a >> 2).saturating_add(p.stat.body).min(u32::MAX >> 2);
            *a = body << 2 | (*a & 2) | u32::from(p.stat.title) << 1 | 1;
        });
    }
    hits.extend(
        acc.iter()
            .enumerate()
            .filter(|(_, a)| **a != 0)
            .map(|(doc, &a)| hit(doc as u32, a >> 2, a & 2 != 0)),
    );
}
