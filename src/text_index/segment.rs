//! An immutable piece of the index: the words of a batch of articles and,
//! for each word, the articles that have it. Built on a worker (from a
//! batch of [`ArticleTerms`], or by merging segments), then shared with
//! the UI thread, which only reads it.
//!
//! Layout, chosen for size (a few bytes per article and word):
//!
//! - `articles`: the global ids of its documents, ascending; postings name a
//!   document by its position there (its *local* number), so gaps stay
//!   small whatever the global numbering.
//! - `dict`: the words in byte order, front-coded in blocks of [`BLOCK`]
//!   (each entry: bytes shared with the previous word, the rest, and the
//!   length of its postings; the first of a block shares nothing, so a
//!   binary search over blocks reads it directly).
//! - `postings`: per word, one varint per document: the gap since the
//!   previous document, the title flag and the body count in two bits
//!   (0, 1, 2, or 3 and more, the rest in a second varint). Most postings
//!   are one byte.

use crate::base::codec::{Reader, Writer};
use crate::base::hash::FxHashMap;

use super::terms::{ArticleTerms, TermStat};

/// Words per dictionary block.
pub const BLOCK: usize = 16;

/// Where a dictionary block starts, and where its first word's postings do.
#[derive(Clone, Copy, Debug)]
struct BlockStart {
    dict: usize,
    postings: usize,
}

/// One word's postings as a segment holds them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Posting {
    /// The document's local number in its segment.
    pub doc: u32,
    pub stat: TermStat,
}

#[derive(Debug, Default)]
pub struct Segment {
    articles: Vec<u32>,
    /// The version of each article's text this segment holds ([`super::TextIndex`]
    /// knows which version is current).
    versions: Vec<u32>,
    dict: Vec<u8>,
    blocks: Vec<BlockStart>,
    postings: Vec<u8>,
    terms: usize,
    posting_count: u64,
}

impl Segment {
    /// A segment of one batch. A batch may hold an article twice (it was
    /// added again before the batch was built): the higher version wins.
    pub fn from_batch(mut docs: Vec<(u32, u32, ArticleTerms)>) -> Segment {
        docs.sort_by_key(|&(article, version, _)| (article, version));
        // Keep the last of each run of one article: its newest version.
        let mut kept: Vec<(u32, u32, ArticleTerms)> = Vec::with_capacity(docs.len());
        for d in docs {
            match kept.last_mut() {
                Some(last) if last.0 == d.0 => *last = d,
                _ => kept.push(d),
            }
        }
        // Every term of the batch gets an id; postings are bucketed by id
        // in document order (a counting sort), then written in the order
        // of the terms' bytes.
        let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
        let mut names: Vec<&str> = Vec::new();
        let total: usize = kept.iter().map(|(.., t)| t.terms()).sum();
        let mut entries: Vec<(u32, u32, TermStat)> = Vec::with_capacity(total);
        for (doc, (.., terms)) in kept.iter().enumerate() {
            for i in 0..terms.terms() {
                let term = terms.term(i);
                let id = *ids.entry(term).or_insert_with(|| {
                    names.push(term);
                    names.len() as u32 - 1
                });
                entries.push((id, doc as u32, terms.stat(i)));
            }
        }
        let mut starts = vec![0usize; names.len() + 1];
        for &(id, ..) in &entries {
            starts[id as usize + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut next = starts.clone();
        let mut bucketed = vec![(0u32, TermStat::default()); entries.len()];
        for (id, doc, stat) in entries {
            bucketed[next[id as usize]] = (doc, stat);
            next[id as usize] += 1;
        }
        let mut order: Vec<u32> = (0..names.len() as u32).collect();
        order.sort_unstable_by_key(|&id| names[id as usize]);
        let mut w = SegmentWriter::default();
        for id in order {
            w.start_term(names[id as usize].as_bytes());
            for &(doc, stat) in &bucketed[starts[id as usize]..starts[id as usize + 1]] {
                w.posting(doc, stat);
            }
        }
        let (articles, versions) = kept.iter().map(|&(a, v, _)| (a, v)).unzip();
        w.finish(articles, versions)
    }

    /// One segment of the live documents of `inputs` (`live[local]` says
    /// whether a document is kept): stale versions are dropped here.
    pub fn merge(inputs: &[(&Segment, &[bool])]) -> Segment {
        // The new numbering: every kept document, by article.
        let mut docs: Vec<(u32, u32, usize, u32)> = Vec::new();
        for (i, (seg, live)) in inputs.iter().enumerate() {
            for local in 0..seg.articles.len() {
                if live.get(local).copied().unwrap_or(false) {
                    docs.push((seg.articles[local], seg.versions[local], i, local as u32));
                }
            }
        }
        docs.sort_unstable_by_key(|&(a, v, ..)| (a, v));
        let mut kept: Vec<(u32, u32, usize, u32)> = Vec::with_capacity(docs.len());
        for d in docs {
            match kept.last_mut() {
                Some(last) if last.0 == d.0 => *last = d,
                _ => kept.push(d),
            }
        }
        let mut remap: Vec<Vec<u32>> = inputs
            .iter()
            .map(|(s, _)| vec![u32::MAX; s.articles.len()])
            .collect();
        for (new, &(_, _, i, local)) in kept.iter().enumerate() {
            remap[i][local as usize] = new as u32;
        }
        let mut cursors: Vec<Cursor> = inputs
            .iter()
            .map(|(s, _)| {
                let mut c = s.cursor(0);
                c.advance();
                c
            })
            .collect();
        let mut w = SegmentWriter::default();
        let mut gathered: Vec<Posting> = Vec::new();
        while let Some(min) = cursors
            .iter()
            .filter(|c| !c.done)
            .map(|c| c.term.as_slice())
            .min()
            .map(<[u8]>::to_vec)
        {
            gathered.clear();
            for (i, c) in cursors.iter_mut().enumerate() {
                if c.done || c.term != min {
                    continue;
                }
                for_each_posting(c.postings(), |p| {
                    let new = remap[i][p.doc as usize];
                    if new != u32::MAX {
                        gathered.push(Posting { doc: new, ..p });
                    }
                });
                c.advance();
            }
            if gathered.is_empty() {
                continue;
            }
            if !gathered.is_sorted_by_key(|p| p.doc) {
                gathered.sort_unstable_by_key(|p| p.doc);
            }
            w.start_term(&min);
            for p in &gathered {
                w.posting(p.doc, p.stat);
            }
        }
        let (articles, versions) = kept.iter().map(|&(a, v, ..)| (a, v)).unzip();
        w.finish(articles, versions)
    }

    /// Documents.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// Distinct words.
    pub fn terms(&self) -> usize {
        self.terms
    }

    /// (word, document) pairs.
    pub fn posting_count(&self) -> u64 {
        self.posting_count
    }

    /// The global article id and version of local document `doc`.
    pub fn article(&self, doc: u32) -> (u32, u32) {
        (self.articles[doc as usize], self.versions[doc as usize])
    }

    /// Bytes held on the heap.
    pub fn heap_bytes(&self) -> usize {
        self.articles.capacity() * 4
            + self.versions.capacity() * 4
            + self.dict.capacity()
            + self.blocks.capacity() * size_of::<BlockStart>()
            + self.postings.capacity()
    }

    /// Calls `f(word, postings)` for `word` if the segment has it.
    pub fn exact<'s>(&'s self, word: &[u8], mut f: impl FnMut(&[u8], &'s [u8])) {
        let mut c = self.cursor(self.block_before(word, true));
        while c.advance() {
            match c.term.as_slice().cmp(word) {
                std::cmp::Ordering::Less => continue,
                std::cmp::Ordering::Equal => f(&c.term, c.postings()),
                std::cmp::Ordering::Greater => {}
            }
            return;
        }
    }

    /// Calls `f(word, postings)` for every word starting with `prefix`, in
    /// order.
    pub fn prefixed<'s>(&'s self, prefix: &[u8], mut f: impl FnMut(&[u8], &'s [u8])) {
        let mut c = self.cursor(self.block_before(prefix, false));
        while c.advance() {
            if c.term.starts_with(prefix) {
                f(&c.term, c.postings());
            } else if c.term.as_slice() > prefix {
                return;
            }
        }
    }

    /// Calls `f(word, postings)` for every word, in order.
    pub fn for_each_term(&self, mut f: impl FnMut(&[u8], &[u8])) {
        let mut c = self.cursor(0);
        while c.advance() {
            f(&c.term, c.postings());
        }
    }

    /// The block where a scan for `word` starts: the last whose first word
    /// is before it (or equal to it, when `inclusive`).
    fn block_before(&self, word: &[u8], inclusive: bool) -> usize {
        let after = self.blocks.partition_point(|b| {
            let first = first_term(&self.dict[b.dict..]);
            if inclusive {
                first <= word
            } else {
                first < word
            }
        });
        after.saturating_sub(1)
    }

    fn cursor(&self, block: usize) -> Cursor<'_> {
        let (pos, postings_at) = match self.blocks.get(block) {
            Some(b) => (b.dict, b.postings),
            None => (self.dict.len(), self.postings.len()),
        };
        Cursor {
            seg: self,
            pos,
            postings_at,
            postings_len: 0,
            term: Vec::with_capacity(64),
            done: false,
        }
    }
}

/// The first word of a block (stored whole).
fn first_term(at: &[u8]) -> &[u8] {
    let mut r = Reader::new(at);
    let _shared = r.u64();
    let len = r.u64().unwrap_or(0) as usize;
    let start = at.len() - r.remaining();
    &at[start..start + len]
}

/// Reads a segment's dictionary in order from a block start.
struct Cursor<'a> {
    seg: &'a Segment,
    pos: usize,
    postings_at: usize,
    postings_len: usize,
    term: Vec<u8>,
    done: bool,
}

impl<'a> Cursor<'a> {
    /// Moves to the next word; false at the end.
    fn advance(&mut self) -> bool {
        if self.done || self.pos >= self.seg.dict.len() {
            self.done = true;
            return false;
        }
        self.postings_at += self.postings_len;
        let mut r = Reader::new(&self.seg.dict[self.pos..]);
        let (Ok(shared), Ok(len)) = (r.u64(), r.u64()) else {
            self.done = true;
            return false;
        };
        let start = self.pos + (self.seg.dict.len() - self.pos - r.remaining());
        let end = start + len as usize;
        self.term.truncate(shared as usize);
        self.term.extend_from_slice(&self.seg.dict[start..end]);
        let mut r = Reader::new(&self.seg.dict[end..]);
        self.postings_len = r.u64().unwrap_or(0) as usize;
        self.pos = self.seg.dict.len() - r.remaining();
        true
    }

    fn postings(&self) -> &'a [u8] {
        &self.seg.postings[self.postings_at..self.postings_at + self.postings_len]
    }
}

/// Decodes one word's postings, in document order.
#[inline]
pub fn for_each_posting(bytes: &[u8], mut f: impl FnMut(Posting)) {
    let mut r = Reader::new(bytes);
    let mut next = 0u32;
    while !r.at_end() {
        let Ok(v) = r.u64() else { return };
        let class = (v & 3) as u32;
        let body = if class == 3 {
            3u32.saturating_add(r.u32().unwrap_or(0))
        } else {
            class
        };
        let doc = next.wrapping_add((v >> 3) as u32);
        f(Posting {
            doc,
            stat: TermStat {
                body,
                title: v & 4 != 0,
            },
        });
        next = doc.wrapping_add(1);
    }
}

/// Writes a segment word by word, in order.
#[derive(Default)]
struct SegmentWriter {
    dict: Writer,
    postings: Writer,
    blocks: Vec<BlockStart>,
    /// The word being written, and where its postings start.
    term: Option<(Vec<u8>, usize)>,
    /// The previous word written to the dictionary.
    prev: Vec<u8>,
    terms: usize,
    next_doc: u32,
    posting_count: u64,
}

impl SegmentWriter {
    fn start_term(&mut self, word: &[u8]) {
        self.end_term();
        self.term = Some((word.to_vec(), self.postings.buf.len()));
        self.next_doc = 0;
    }

    fn posting(&mut self, doc: u32, stat: TermStat) {
        let class = u64::from(stat.body.min(3));
        let gap = u64::from(doc - self.next_doc);
        self.postings
            .u64(gap << 3 | u64::from(stat.title) << 2 | class);
        if class == 3 {
            self.postings.u64(u64::from(stat.body - 3));
        }
        self.next_doc = doc + 1;
        self.posting_count += 1;
    }

    fn end_term(&mut self) {
        let Some((word, start)) = self.term.take() else {
            return;
        };
        let len = self.postings.buf.len() - start;
        if len == 0 {
            return;
        }
        let shared = if self.terms.is_multiple_of(BLOCK) {
            self.blocks.push(BlockStart {
                dict: self.dict.buf.len(),
                postings: start,
            });
            0
        } else {
            self.prev
                .iter()
                .zip(&word)
                .take_while(|(a, b)| a == b)
                .count()
        };
        self.dict.u64(shared as u64);
        self.dict.u64((word.len() - shared) as u64);
        self.dict.bytes(&word[shared..]);
        self.dict.u64(len as u64);
        self.prev = word;
        self.terms += 1;
    }

    fn finish(mut self, articles: Vec<u32>, versions: Vec<u32>) -> Segment {
        self.end_term();
        let mut dict = self.dict.buf;
        let mut postings = self.postings.buf;
        dict.shrink_to_fit();
        postings.shrink_to_fit();
        self.blocks.shrink_to_fit();
        Segment {
            articles,
            versions,
            dict,
            blocks: self.blocks,
            postings,
            terms: self.terms,
            posting_count: self.posting_count,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(texts: &[(u32, &str)]) -> Segment {
        Segment::from_batch(
            texts
                .iter()
                .map(|&(a, t)| (a, 1, ArticleTerms::new("", t)))
                .collect(),
        )
    }

    fn docs_of(s: &Segment, word: &str) -> Vec<(u32, u32)> {
        let mut out = Vec::new();
        s.exact(word.as_bytes(), |_, p| {
            for_each_posting(p, |p| out.push((s.article(p.doc).0, p.stat.body)))
        });
        out
    }

    fn words_with(s: &Segment, prefix: &str) -> Vec<String> {
        let mut out = Vec::new();
        s.prefixed(prefix.as_bytes(), |w, _| {
            out.push(String::from_utf8(w.to_vec()).unwrap())
        });
        out
    }

    #[test]
    fn exact_words_find_their_articles_with_counts() {
        let s = seg(&[(7, "oil ports oil"), (3, "oil fields"), (9, "ports")]);
        assert_eq!(docs_of(&s, "oil"), [(3, 1), (7, 2)]);
        assert_eq!(docs_of(&s, "ports"), [(7, 1), (9, 1)]);
        assert_eq!(docs_of(&s, "fields"), [(3, 1)]);
        assert!(docs_of(&s, "oi").is_empty());
        assert!(docs_of(&s, "aaa").is_empty());
        assert!(docs_of(&s, "zzz").is_empty());
        // Three words and their initials (`\0o`, `\0p`, `\0f`).
        assert_eq!(s.terms(), 6);
        assert_eq!(s.posting_count(), 10);
        assert_eq!(docs_of(&s, "\0o"), [(3, 1), (7, 2)]);
    }

    #[test]
    fn prefixes_across_many_blocks() {
        let text: Vec<String> = (0..1000).map(|i| format!("w{i:04}")).collect();
        let s = seg(&[(0, &text.join(" ")), (1, "w0999 x")]);
        assert!(s.blocks.len() > 50);
        assert_eq!(words_with(&s, "w09").len(), 100);
        assert_eq!(words_with(&s, "w0999"), ["w0999"]);
        assert_eq!(words_with(&s, "w").len(), 1000);
        assert_eq!(words_with(&s, "x"), ["x"]);
        assert!(words_with(&s, "y").is_empty());
        assert_eq!(docs_of(&s, "w0999"), [(0, 1), (1, 1)]);
        for i in [0, 15, 16, 17, 500, 999] {
            assert_eq!(
                docs_of(&s, &format!("w{i:04}")).len(),
                if i == 999 { 2 } else { 1 }
            );
        }
    }

    #[test]
    fn large_counts_and_gaps_round_trip() {
        let many = "x ".repeat(70_000);
        let s = Segment::from_batch(vec![
            (5, 1, ArticleTerms::new("X title", &many)),
            (4_000_000, 1, ArticleTerms::new("", "x")),
        ]);
        let mut got = Vec::new();
        s.exact(b"x", |_, p| for_each_posting(p, |p| got.push(p)));
        assert_eq!(got.len(), 2);
        assert_eq!(
            got[0].stat,
            TermStat {
                body: 70_000,
                title: true
            }
        );
        assert_eq!(s.article(got[1].doc).0, 4_000_000);
        let mut title = Vec::new();
        s.exact(b"title", |_, p| for_each_posting(p, |p| title.push(p.stat)));
        assert_eq!(
            title,
            [TermStat {
                body: 0,
                title: true
            }]
        );
    }

    #[test]
    fn a_batch_keeps_the_newest_version_of_an_article() {
        let s = Segment::from_batch(vec![
            (1, 2, ArticleTerms::new("", "new")),
            (1, 1, ArticleTerms::new("", "old")),
        ]);
        assert_eq!(s.len(), 1);
        assert_eq!(s.article(0), (1, 2));
        assert!(docs_of(&s, "old").is_empty());
        assert_eq!(docs_of(&s, "new"), [(1, 1)]);
    }

    #[test]
    fn merging_renumbers_and_drops_what_is_not_live() {
        let a = seg(&[(0, "alpha beta"), (4, "beta gamma")]);
        let b = seg(&[(2, "beta delta"), (6, "alpha")]);
        let m = Segment::merge(&[(&a, &[true, false]), (&b, &[true, true])]);
        assert_eq!(m.len(), 3);
        assert_eq!(docs_of(&m, "alpha"), [(0, 1), (6, 1)]);
        assert_eq!(docs_of(&m, "beta"), [(0, 1), (2, 1)]);
        assert!(docs_of(&m, "gamma").is_empty(), "article 4 was not live");
        assert_eq!(
            words_with(&m, ""),
            ["\0a", "\0b", "\0d", "alpha", "beta", "delta"]
        );
    }

    #[test]
    fn an_empty_batch_is_an_empty_segment() {
        let s = Segment::from_batch(Vec::new());
        assert!(s.is_empty());
        assert!(docs_of(&s, "x").is_empty());
        assert!(words_with(&s, "").is_empty());
    }
}
