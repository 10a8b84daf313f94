//! Story threading: which articles report one story.
//!
//! Every article is a unit vector of weighted features, its sketch's
//! content words and entities, each weighed by `(1 + ln count) * idf`
//! with the idf taken over every sketch added (a feature no other sketch
//! holds counts half). Stories are then grown by average-link
//! agglomeration: the two groups whose
//! articles are on average most similar (cosine) merge first, as long as
//! that average stays at or above [`MERGE_AT`]. Average link is what keeps
//! two events of one kind apart: two earthquake stories share `quake`,
//! `magnitude` and `rescue` across all their reports, but the places,
//! names, figures and dates of each are shared only within one, so the
//! average across the two stays low even where single pairs look alike.
//! When both groups are dated, the days between their mean dates divide
//! the average (beyond three days: a report ten days from a story's mean
//! needs twice the similarity, one a month away far more), so a story is
//! bounded in time and a run of look-alike reports (a daily bulletin)
//! cannot chain into one.
//!
//! Groups are compared through the sums of their members' unit vectors
//! (the average of all pairwise cosines is the dot product of the sums
//! over the product of the sizes), so no pair needs its own score; only
//! which groups are worth comparing comes from candidate pairs: articles
//! that share their rarest features (an inverted index over features no
//! more common than [`RARE`]), and articles whose MinHash signatures agree
//! on a whole band (near-copies and updates that repeat passages).
//!
//! Everything is computed from the set of sketches in a canonical order
//! (date, then article id, then the caller's tie-break), so the grouping
//! does not depend on the order articles were added in. [`Threader::add`] only stores a sketch;
//! [`Threader::group`] recomputes the grouping (linear-ish: about a
//! second for 100,000 articles on this machine, see
//! `examples/bench_stories.rs`). The parameters were chosen on the ECB+
//! story grouping (`../shared/eval/threads`), which has no dates: the
//! time penalty is reasoned, not fitted.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;
use std::sync::Arc;
use std::time::Duration;

use crate::base::hash::FxHashMap;

use super::sketch::{BANDS, Sketch};

/// The least average similarity at which two groups merge.
pub const MERGE_AT: f64 = 0.25;
/// The weight of a feature no other sketch shares, relative to one that
/// is shared: it cannot tie the article to another, but it is a sign the
/// article has its own subject, so it still counts, for half.
const UNSHARED: f64 = 0.5;
/// Features in more sketches than this do not propose candidates (they
/// still count in every similarity).
const RARE: u32 = 64;
/// Features of an article that look for candidates: its rarest ones.
const PROBES: usize = 8;
/// Candidates kept per article from shared rare features.
const NEIGHBOURS: usize = 8;
/// Articles in one LSH bucket are linked to this many next ones (a chain
/// keeps a bucket of 10,000 near-copies linear).
const BUCKET_LINKS: usize = 2;
/// Days between two groups' mean dates that cost nothing; beyond, the
/// similarity is divided by `1 + (gap - GRACE_DAYS) / HALF_DAYS`.
const GRACE_DAYS: i32 = 3;
const HALF_DAYS: f64 = 7.0;

/// A feature: a content word (high bit clear) or an entity (set).
type Feature = u64;
const ENTITY: Feature = 1 << 32;

/// Collects sketches as articles load and groups them into stories.
#[derive(Default, Clone)]
pub struct Threader {
    items: Vec<Item>,
    /// Caller's article number -> index in `items`.
    slots: FxHashMap<u32, usize>,
}

#[derive(Clone)]
struct Item {
    article: u32,
    id: Box<str>,
    /// Orders two articles of one date and id (see [`Threader::add_tied`]).
    tie: u64,
    sketch: Sketch,
}

/// The stories of a corpus: each a list of reports, earliest first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stories {
    stories: Vec<Story>,
    /// Article number -> index in `stories`.
    of: FxHashMap<u32, u32>,
    /// Article number -> its story's first report ([`Stories::NONE`] for
    /// a number not grouped): made with the grouping, off the reader's
    /// thread, and shared with it as it is.
    firsts: Arc<[u32]>,
}

/// One grouping of a corpus as it loads, and how it was made: immutable,
/// so the reader swaps a new one in whole.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Grouping {
    pub stories: Stories,
    pub stats: GroupingStats,
}

/// How a grouping was made.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GroupingStats {
    /// 1 for the first grouping of a load (0: none, no stories).
    pub number: u32,
    /// Articles it grouped.
    pub articles: u32,
    /// How long this grouping took, and all groupings of the load so far.
    pub took: Duration,
    pub total: Duration,
}

/// One story.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Story {
    /// The id of its first report: stable for the same set of articles,
    /// readable, and unique among stories.
    pub id: String,
    /// Article numbers, earliest first (by date, undated last, then id).
    pub reports: Vec<u32>,
}

impl Stories {
    /// In [`Stories::firsts`], a number no story has.
    pub const NONE: u32 = u32::MAX;

    /// Every story, ordered by its first report.
    pub fn all(&self) -> &[Story] {
        &self.stories
    }

    /// The first report of each article's story, by article number (up
    /// to the largest grouped; [`Stories::NONE`] for a number not
    /// grouped). Numbers are expected dense, as a load gives them.
    pub fn firsts(&self) -> Arc<[u32]> {
        self.firsts.clone()
    }

    /// The story of an article; `None` for an article never added.
    pub fn story_of(&self, article: u32) -> Option<&Story> {
        self.of.get(&article).map(|&s| &self.stories[s as usize])
    }

    /// The reports of `article`'s story that come before it (the ones
    /// whose passages are not new in it), earliest first.
    pub fn earlier(&self, article: u32) -> &[u32] {
        match self.story_of(article) {
            Some(s) => {
                let at = s.reports.iter().position(|&a| a == article).unwrap_or(0);
                &s.reports[..at]
            }
            None => &[],
        }
    }
}

impl Threader {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Adds article number `article` (the caller's numbering) with its
    /// corpus-unique `id`; adding a number again replaces its sketch.
    pub fn add(&mut self, article: u32, id: &str, sketch: Sketch) {
        self.add_tied(article, id, u64::from(article), sketch);
    }

    /// [`Threader::add`] for ids that may repeat: two articles of one
    /// date and id are ordered by `tie` (where they came from), not by
    /// their numbers, which follow the order they happened to load in.
    pub fn add_tied(&mut self, article: u32, id: &str, tie: u64, sketch: Sketch) {
        let item = Item {
            article,
            id: id.into(),
            tie,
            sketch,
        };
        match self.slots.get(&article) {
            Some(&i) => self.items[i] = item,
            None => {
                self.slots.insert(article, self.items.len());
                self.items.push(item);
            }
        }
    }

    /// Forgets an article (its file is gone).
    pub fn remove(&mut self, article: u32) {
        if let Some(i) = self.slots.remove(&article) {
            self.items.swap_remove(i);
            if let Some(moved) = self.items.get(i) {
                self.slots.insert(moved.article, i);
            }
        }
    }

    /// Groups every article added so far into stories.
    pub fn group(&self) -> Stories {
        let order = self.canonical_order();
        let sketches: Vec<&Sketch> = order.iter().map(|&i| &self.items[i].sketch).collect();
        let vectors = weigh(&sketches);
        let days: Vec<Option<i32>> = sketches
            .iter()
            .map(|s| s.date().map(|d| chrono::Datelike::num_days_from_ce(&d)))
            .collect();
        let mut edges = rare_feature_pairs(&vectors, &days);
        edges.extend(band_pairs(&sketches));
        let root = agglomerate(&vectors, &days, edges);
        let mut members: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
        for (i, &r) in root.iter().enumerate() {
            members.entry(r).or_default().push(i);
        }
        let mut groups: Vec<Vec<usize>> = members.into_values().collect();
        // Members are in canonical order already; stories by first report.
        groups.sort_unstable_by_key(|g| g[0]);
        let mut out = Stories::default();
        let end = self.items.iter().map(|it| it.article as usize + 1).max();
        let mut firsts = vec![Stories::NONE; end.unwrap_or(0)];
        for g in groups {
            let s = out.stories.len() as u32;
            let reports: Vec<u32> = g.iter().map(|&c| self.items[order[c]].article).collect();
            for &a in &reports {
                out.of.insert(a, s);
                firsts[a as usize] = reports[0];
            }
            out.stories.push(Story {
                id: self.items[order[g[0]]].id.to_string(),
                reports,
            });
        }
        out.firsts = firsts.into();
        out
    }

    /// Indices of `items` by date (undated last), then id, then tie, then
    /// number.
    fn canonical_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.items.len()).collect();
        order.sort_unstable_by(|&a, &b| {
            let (x, y) = (&self.items[a], &self.items[b]);
            let (dx, dy) = (x.sketch.date(), y.sketch.date());
            dy.is_some()
                .cmp(&dx.is_some())
                .then(dx.cmp(&dy))
                .then_with(|| x.id.cmp(&y.id))
                .then(x.tie.cmp(&y.tie))
                .then(x.article.cmp(&y.article))
        });
        order
    }
}

/// Every article's unit vector: (feature number, weight) pairs sorted by
/// feature, all in one buffer (no allocation per article: 100,000 of them
/// are built at every regrouping).
struct Vectors {
    entries: Vec<(u32, f32)>,
    /// Article `i` is `entries[start[i]..start[i + 1]]`.
    start: Vec<u32>,
    /// Feature number -> sketches holding it.
    df: Vec<u32>,
}

impl Vectors {
    fn of(&self, i: usize) -> &[(u32, f32)] {
        &self.entries[self.start[i] as usize..self.start[i + 1] as usize]
    }
}

/// The tf-idf unit vector of each sketch, idf over all of them (smoothed:
/// `ln((n + 1) / (df + 1)) + 1`, so a corpus of two still has weights).
/// Features are numbered in order of first appearance, which the
/// canonical order makes independent of the order of adding.
fn weigh(sketches: &[&Sketch]) -> Vectors {
    let total: usize = sketches
        .iter()
        .map(|s| s.terms.len() + s.entities.len())
        .sum();
    let mut number: FxHashMap<Feature, u32> =
        FxHashMap::with_capacity_and_hasher(total / 4, Default::default());
    let mut df: Vec<u32> = Vec::new();
    let mut entries: Vec<(u32, f32)> = Vec::with_capacity(total);
    let mut start = Vec::with_capacity(sketches.len() + 1);
    start.push(0u32);
    for s in sketches {
        let terms = s.terms.iter().map(|&(k, n)| (k as Feature, n));
        let ents = s.entities.iter().map(|&(k, n)| (ENTITY | k as Feature, n));
        for (f, count) in terms.chain(ents) {
            let next = df.len() as u32;
            let id = *number.entry(f).or_insert(next);
            if id == next {
                df.push(0);
            }
            df[id as usize] += 1;
            // The count for now; the weight once every df is known.
            entries.push((id, count as f32));
        }
        start.push(entries.len() as u32);
    }
    let n = sketches.len() as f64;
    // Logarithms once per count (a sketch's counts are bytes) and per
    // feature, not per entry: the same values, computed once.
    let tf: Vec<f64> = (0..=u8::MAX).map(|c| 1.0 + (c as f64).ln()).collect();
    let idf: Vec<(f64, f64)> = df
        .iter()
        .map(|&df| {
            let idf = ((n + 1.0) / (df as f64 + 1.0)).ln() + 1.0;
            (idf, if df == 1 { UNSHARED } else { 1.0 })
        })
        .collect();
    for i in 0..sketches.len() {
        let v = &mut entries[start[i] as usize..start[i + 1] as usize];
        for (id, w) in v.iter_mut() {
            let (idf, unshared) = idf[*id as usize];
            *w = (tf[*w as usize] * idf * unshared) as f32;
        }
        v.sort_unstable_by_key(|&(id, _)| id);
        let norm = v
            .iter()
            .map(|&(_, w)| (w as f64).powi(2))
            .sum::<f64>()
            .sqrt();
        if norm > 0.0 {
            v.iter_mut()
                .for_each(|(_, w)| *w = (*w as f64 / norm) as f32);
        }
    }
    Vectors { entries, start, df }
}

/// The widest gap in days at which two dated articles could still merge
/// (a cosine of 1 over the time penalty reaches [`MERGE_AT`]).
fn max_gap() -> i32 {
    GRACE_DAYS + (HALF_DAYS * (1.0 / MERGE_AT - 1.0)).floor() as i32
}

/// Candidate pairs from shared rare features: each article probes the
/// postings of its [`PROBES`] rarest features (in 2..=[`RARE`] sketches)
/// and keeps the [`NEIGHBOURS`] articles with the largest partial dot
/// product over them, among those close enough in time to merge.
fn rare_feature_pairs(vectors: &Vectors, days: &[Option<i32>]) -> Vec<(usize, usize)> {
    let rare = |id: u32| (2..=RARE).contains(&vectors.df[id as usize]);
    // Postings of the rare features only, in one buffer.
    let mut offset: Vec<u32> = vec![u32::MAX; vectors.df.len()];
    let mut fill: Vec<u32> = Vec::new();
    let mut total = 0u32;
    for (id, &df) in vectors.df.iter().enumerate() {
        if rare(id as u32) {
            offset[id] = total;
            total += df;
        }
    }
    let mut postings = vec![0u32; total as usize];
    fill.resize(vectors.df.len(), 0);
    for i in 0..days.len() {
        for &(id, _) in vectors.of(i) {
            if rare(id) {
                let at = offset[id as usize] + fill[id as usize];
                postings[at as usize] = i as u32;
                fill[id as usize] += 1;
            }
        }
    }
    let posting = |id: u32| {
        let at = offset[id as usize] as usize;
        &postings[at..at + vectors.df[id as usize] as usize]
    };
    let gap = max_gap();
    let mut pairs = Vec::new();
    let mut partial: FxHashMap<u32, f32> = FxHashMap::default();
    let mut probes: Vec<(u32, u32, f32)> = Vec::new();
    let mut best: Vec<(u32, f32)> = Vec::new();
    for i in 0..days.len() {
        probes.clear();
        probes.extend(
            vectors
                .of(i)
                .iter()
                .filter(|&&(id, _)| rare(id))
                .map(|&(id, w)| (vectors.df[id as usize], id, w)),
        );
        probes.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        probes.truncate(PROBES);
        partial.clear();
        for &(_, id, w) in &probes {
            for &j in posting(id) {
                let near = match (days[i], days[j as usize]) {
                    (Some(a), Some(b)) => (a - b).abs() <= gap,
                    _ => true,
                };
                if j as usize != i && near {
                    // Ranked by this side's weights alone: the full
                    // similarity is computed when groups are compared.
                    *partial.entry(j).or_default() += w;
                }
            }
        }
        best.clear();
        best.extend(partial.iter().map(|(&j, &s)| (j, s)));
        best.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        pairs.extend(best.iter().take(NEIGHBOURS).map(|&(j, _)| (i, j as usize)));
    }
    pairs
}

/// Candidate pairs from MinHash bands: sketches whose signatures agree on
/// a whole band, each linked to the next [`BUCKET_LINKS`] of its bucket
/// (in canonical order, so the next in time).
fn band_pairs(sketches: &[&Sketch]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let mut keyed: Vec<(u64, u32)> = Vec::with_capacity(sketches.len());
    for b in 0..BANDS {
        keyed.clear();
        keyed.extend(
            sketches
                .iter()
                .enumerate()
                .filter_map(|(i, s)| Some((s.band(b)?, i as u32))),
        );
        keyed.sort_unstable();
        for bucket in keyed.chunk_by(|x, y| x.0 == y.0) {
            for (k, &(_, i)) in bucket.iter().enumerate() {
                for &(_, j) in bucket.iter().skip(k + 1).take(BUCKET_LINKS) {
                    pairs.push((i as usize, j as usize));
                }
            }
        }
    }
    pairs
}

/// A group being grown.
struct Group {
    sum: Sum,
    size: u32,
    /// Dated members, and the sum of their days (the group's time is
    /// their mean).
    dated: u32,
    days: i64,
    /// Groups with a candidate pair into this one; may hold groups since
    /// merged away (resolved through `parent`) and repeats.
    neighbours: Vec<u32>,
    /// Bumped at every merge, so heap entries about an older state are
    /// recognised as stale.
    version: u32,
    alive: bool,
}

/// Sum of a group's unit vectors.
enum Sum {
    /// A single article: its vector in [`Vectors`].
    One(usize),
    /// Feature -> summed weight. A map, so that a report joining a story
    /// of thousands costs the report's size, not the story's.
    Many(FxHashMap<u32, f32>),
}

/// A proposed merge, ordered by score, then by the smaller indices (for a
/// deterministic order among equal scores).
#[derive(PartialEq)]
struct Proposal {
    score: f64,
    a: u32,
    b: u32,
    va: u32,
    vb: u32,
}

impl Eq for Proposal {}

impl Ord for Proposal {
    fn cmp(&self, other: &Self) -> Ordering {
        self.score
            .total_cmp(&other.score)
            .then_with(|| Reverse((self.a, self.b)).cmp(&Reverse((other.a, other.b))))
    }
}

impl PartialOrd for Proposal {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

struct Agglomeration<'a> {
    vectors: &'a Vectors,
    groups: Vec<Group>,
    parent: Vec<u32>,
    heap: BinaryHeap<Proposal>,
}

/// Average-link agglomeration over the candidate pairs; returns each
/// article's group, named by its smallest member.
///
/// Greedy: the best-scoring proposal merges first. A merge proposes the
/// merged group to the neighbours of its smaller part only; proposals to
/// the larger part's neighbours are rescored when they come up (their
/// score barely moves when a few reports join a large story). That keeps
/// a story of thousands of reports linear to build instead of quadratic;
/// the price is that a pair below the bar before a small merge and above
/// it after is not seen when the small part never met it.
fn agglomerate(vectors: &Vectors, days: &[Option<i32>], edges: Vec<(usize, usize)>) -> Vec<usize> {
    let n = days.len();
    let mut neighbours: Vec<Vec<u32>> = vec![Vec::new(); n];
    for (a, b) in edges {
        if a != b {
            neighbours[a].push(b as u32);
            neighbours[b].push(a as u32);
        }
    }
    let groups = neighbours
        .into_iter()
        .zip(days)
        .enumerate()
        .map(|(i, (mut nb, &d))| {
            nb.sort_unstable();
            nb.dedup();
            Group {
                sum: Sum::One(i),
                size: 1,
                dated: d.is_some() as u32,
                days: d.unwrap_or(0) as i64,
                neighbours: nb,
                version: 0,
                alive: true,
            }
        })
        .collect();
    let mut state = Agglomeration {
        vectors,
        groups,
        parent: (0..n as u32).collect(),
        heap: BinaryHeap::new(),
    };
    // The first proposals, one per candidate pair: each article's vector
    // is scattered into a dense array once and read by all its
    // candidates, instead of a merge of two sorted vectors per pair. The
    // products are the same, summed in the same order (a feature only one
    // side has adds an exact zero), so the scores are those of `dot`.
    let mut dense = vec![0f32; vectors.df.len()];
    for a in 0..n {
        let va = vectors.of(a);
        for &(f, w) in va {
            dense[f as usize] = w;
        }
        for k in 0..state.groups[a].neighbours.len() {
            let b = state.groups[a].neighbours[k] as usize;
            if a < b {
                state.propose_with(a, b, |_| {
                    vectors
                        .of(b)
                        .iter()
                        .map(|&(f, w)| dense[f as usize] as f64 * w as f64)
                        .sum()
                });
            }
        }
        for &(f, _) in va {
            dense[f as usize] = 0.0;
        }
    }
    while let Some(p) = state.heap.pop() {
        let (a, b) = (p.a as usize, p.b as usize);
        let (ga, gb) = (&state.groups[a], &state.groups[b]);
        if !ga.alive || !gb.alive {
            continue;
        }
        if ga.version == p.va && gb.version == p.vb {
            state.merge(a, b);
        } else {
            state.propose(a, b);
        }
    }
    (0..n)
        .map(|i| find(&mut state.parent, i as u32) as usize)
        .collect()
}

impl Agglomeration<'_> {
    /// Pushes the merge of `a` and `b` (`a < b`) if it could happen.
    fn propose(&mut self, a: usize, b: usize) {
        self.propose_with(a, b, |s| dot(s.vectors, &s.groups[a].sum, &s.groups[b].sum));
    }

    /// [`Agglomeration::propose`], the dot product of the two groups'
    /// sums from `dot` (asked only when the two are near enough in time).
    fn propose_with(&mut self, a: usize, b: usize, dot: impl FnOnce(&Self) -> f64) {
        let (ga, gb) = (&self.groups[a], &self.groups[b]);
        let penalty = time_penalty(ga, gb);
        // A cosine is at most 1: too far apart in time, nothing to compute.
        if 1.0 / penalty < MERGE_AT {
            return;
        }
        let dot = dot(self);
        let (ga, gb) = (&self.groups[a], &self.groups[b]);
        let score = dot / (ga.size as f64 * gb.size as f64) / penalty;
        if score >= MERGE_AT {
            let (va, vb) = (ga.version, gb.version);
            self.heap.push(Proposal {
                score,
                a: a as u32,
                b: b as u32,
                va,
                vb,
            });
        }
    }

    /// Merges `b` into `a` (`a < b`: a group is named by its smallest
    /// member) and proposes the merged group to the smaller part's
    /// neighbours.
    fn merge(&mut self, a: usize, b: usize) {
        self.parent[b] = a as u32;
        let gb = std::mem::replace(
            &mut self.groups[b],
            Group {
                sum: Sum::One(b),
                size: 0,
                dated: 0,
                days: 0,
                neighbours: Vec::new(),
                version: 0,
                alive: false,
            },
        );
        let ga_sum = std::mem::replace(&mut self.groups[a].sum, Sum::One(a));
        let sum = add(self.vectors, ga_sum, gb.sum);
        let ga = &mut self.groups[a];
        ga.sum = sum;
        let b_is_smaller = gb.size <= ga.size;
        ga.size += gb.size;
        ga.dated += gb.dated;
        ga.days += gb.days;
        ga.version += 1;
        let (mut big, mut small) = (std::mem::take(&mut ga.neighbours), gb.neighbours);
        if !b_is_smaller {
            std::mem::swap(&mut big, &mut small);
        }
        for x in &mut small {
            *x = find(&mut self.parent, *x);
        }
        small.sort_unstable();
        small.dedup();
        small.retain(|&x| x as usize != a);
        for &c in &small {
            let c = c as usize;
            self.propose(a.min(c), a.max(c));
            // c's list may name b: it resolves to a through `parent`.
        }
        if big.len() < small.len() {
            std::mem::swap(&mut big, &mut small);
        }
        big.extend_from_slice(&small);
        self.groups[a].neighbours = big;
    }
}

fn find(parent: &mut [u32], mut x: u32) -> u32 {
    while parent[x as usize] != x {
        let up = parent[parent[x as usize] as usize];
        parent[x as usize] = up;
        x = up;
    }
    x
}

/// The dot product of two sums. Summed in a fixed order (a slice's, or
/// the smaller map's iteration order, which depends only on the
/// operations that built it), so the result does not vary between runs.
fn dot(vectors: &Vectors, a: &Sum, b: &Sum) -> f64 {
    match (a, b) {
        (Sum::One(i), Sum::One(j)) => dot_sorted(vectors.of(*i), vectors.of(*j)),
        (Sum::One(i), Sum::Many(m)) | (Sum::Many(m), Sum::One(i)) => vectors
            .of(*i)
            .iter()
            .filter_map(|&(f, w)| m.get(&f).map(|&x| w as f64 * x as f64))
            .sum(),
        (Sum::Many(x), Sum::Many(y)) => {
            let (small, large) = if x.len() <= y.len() { (x, y) } else { (y, x) };
            small
                .iter()
                .filter_map(|(f, &w)| large.get(f).map(|&v| w as f64 * v as f64))
                .sum()
        }
    }
}

/// The dot product of two sparse vectors sorted by feature.
fn dot_sorted(a: &[(u32, f32)], b: &[(u32, f32)]) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0f64);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                sum += a[i].1 as f64 * b[j].1 as f64;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// The sum of two sums, the smaller added into the larger.
fn add(vectors: &Vectors, a: Sum, b: Sum) -> Sum {
    let (mut map, other) = match (a, b) {
        (Sum::Many(x), Sum::Many(y)) => {
            if x.len() >= y.len() {
                (x, Sum::Many(y))
            } else {
                (y, Sum::Many(x))
            }
        }
        (Sum::Many(x), one) | (one, Sum::Many(x)) => (x, one),
        (Sum::One(i), one) => (vectors.of(i).iter().copied().collect(), one),
    };
    let mut put = |f: u32, w: f32| *map.entry(f).or_default() += w;
    match other {
        Sum::One(i) => vectors.of(i).iter().for_each(|&(f, w)| put(f, w)),
        Sum::Many(m) => m.into_iter().for_each(|(f, w)| put(f, w)),
    }
    Sum::Many(map)
}

/// How much the time between two groups divides their similarity: not at
/// all within [`GRACE_DAYS`] of each other's mean date, then more with
/// every day (by the mean, not the nearest members, so a story cannot
/// creep on through time one report after another).
fn time_penalty(a: &Group, b: &Group) -> f64 {
    if a.dated == 0 || b.dated == 0 {
        return 1.0;
    }
    let mean = |g: &Group| g.days as f64 / g.dated as f64;
    let gap = (mean(a) - mean(b)).abs();
    if gap <= GRACE_DAYS as f64 {
        1.0
    } else {
        1.0 + (gap - GRACE_DAYS as f64) / HALF_DAYS
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::corpus::bundled;
    use crate::entities::Extractor;
    use crate::stories::entity_keys;

    /// (id, date, body): two reports each of two earthquakes, written
    /// alike on purpose (kastel-1 and borvik-1 alone are similar enough to
    /// merge; the average over both stories' reports keeps them apart),
    /// and the two seed reports (one story of another kind).
    fn corpus(dated: bool) -> Vec<(String, Option<NaiveDate>, String)> {
        let day = |y, m, d| dated.then(|| NaiveDate::from_ymd_opt(y, m, d).unwrap());
        let mut out = vec![
            (
                "kastel-1".to_string(),
                day(2021, 3, 2),
                "A magnitude 6.1 earthquake struck the mountain town of Kastel in Arvana \
                 province early on Tuesday, killing at least 23 people and destroying hundreds \
                 of homes, officials said.\n\nRescue teams searched the rubble of a collapsed \
                 school in Kastel, where the governor, Mirela Dovan, said dozens were still \
                 missing.\n\nThe quake was centred 10 km below the surface, according to the \
                 national seismology institute, and was followed by more than 40 aftershocks."
                    .to_string(),
            ),
            (
                "kastel-2".to_string(),
                day(2021, 3, 3),
                "The death toll from Tuesday's earthquake in Kastel rose to 31 on Wednesday as \
                 rescuers pulled more bodies from the ruins of the town's school.\n\nGovernor \
                 Mirela Dovan said the magnitude 6.1 quake had left 2,000 people homeless across \
                 Arvana province, and tents were being flown in.\n\nSeismologists recorded more \
                 than 60 aftershocks since the first tremor."
                    .to_string(),
            ),
            (
                "borvik-1".to_string(),
                day(2021, 9, 14),
                "A magnitude 5.4 earthquake shook the Lessa valley on Tuesday, damaging a dam \
                 near the town of Borvik and forcing 3,000 residents to leave their homes, \
                 officials said.\n\nNo deaths were reported, but 12 people were injured by \
                 falling masonry in Borvik, mayor Tomas Reval said.\n\nThe national seismology \
                 institute said the quake was shallow, at a depth of 8 km."
                    .to_string(),
            ),
            (
                "borvik-2".to_string(),
                day(2021, 9, 15),
                "Engineers inspected the cracked dam above Borvik on Wednesday, a day after a \
                 magnitude 5.4 earthquake rattled the Lessa valley.\n\nMayor Tomas Reval said \
                 the 3,000 evacuated residents could not return until the dam was declared \
                 safe.\n\nTwelve people were treated in hospital for injuries from the quake."
                    .to_string(),
            ),
        ];
        for a in bundled::sample().articles {
            out.push((a.meta.id, a.meta.date.filter(|_| dated), a.body));
        }
        out
    }

    fn sketches(dated: bool) -> Vec<(String, Sketch)> {
        let x = Extractor::new();
        corpus(dated)
            .into_iter()
            .map(|(id, date, body)| {
                let found = x.extract(&body, date);
                (id, Sketch::new(&body, date, &entity_keys(&found)))
            })
            .collect()
    }

    /// The grouping as sorted lists of article ids, each story's id first.
    fn grouped(items: &[(String, Sketch)], order: &[usize]) -> Vec<Vec<String>> {
        let mut t = Threader::new();
        for (n, &i) in order.iter().enumerate() {
            // Numbers follow the loading order, as in the app.
            t.add(n as u32, &items[i].0, items[i].1.clone());
        }
        let stories = t.group();
        let mut out: Vec<Vec<String>> = stories
            .all()
            .iter()
            .map(|s| {
                let mut ids: Vec<String> = s
                    .reports
                    .iter()
                    .map(|&n| items[order[n as usize]].0.clone())
                    .collect();
                assert_eq!(ids[0], s.id, "a story is named by its first report");
                ids.sort();
                ids.insert(0, s.id.clone());
                ids
            })
            .collect();
        out.sort();
        out
    }

    const SEED_OLD: &str = "000_468f2a0ab9fd8c3b";
    const SEED_NEW: &str = "001_da01d0ee0641659d";

    #[test]
    fn reports_of_one_event_join_and_two_events_of_a_kind_stay_apart() {
        for dated in [true, false] {
            let items = sketches(dated);
            let order: Vec<usize> = (0..items.len()).collect();
            let got = grouped(&items, &order);
            // Undated, the seeds' story is still named by the smaller id.
            assert_eq!(
                got,
                [
                    vec![SEED_OLD, SEED_OLD, SEED_NEW],
                    vec!["borvik-1", "borvik-1", "borvik-2"],
                    vec!["kastel-1", "kastel-1", "kastel-2"],
                ],
                "dated: {dated}"
            );
        }
    }

    #[test]
    fn the_grouping_and_story_ids_do_not_depend_on_the_order_of_adding() {
        let items = sketches(true);
        let n = items.len();
        let reference = grouped(&items, &(0..n).collect::<Vec<_>>());
        let mut x: u64 = 7;
        for _ in 0..20 {
            let mut order: Vec<usize> = (0..n).collect();
            for i in (1..n).rev() {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                order.swap(i, (x >> 33) as usize % (i + 1));
            }
            assert_eq!(grouped(&items, &order), reference, "order {order:?}");
        }
    }

    #[test]
    fn repeated_ids_are_ordered_by_their_tie_not_by_the_order_of_adding() {
        // Undated and all under one id: only the tie orders the reports.
        let items = sketches(false);
        let n = items.len();
        let group = |order: &[usize]| {
            let mut t = Threader::new();
            for (number, &i) in order.iter().enumerate() {
                t.add_tied(number as u32, "same", i as u64, items[i].1.clone());
            }
            let mut out: Vec<Vec<usize>> = t
                .group()
                .all()
                .iter()
                .map(|s| s.reports.iter().map(|&r| order[r as usize]).collect())
                .collect();
            out.sort();
            out
        };
        let reference = group(&(0..n).collect::<Vec<_>>());
        assert!(reference.iter().any(|s| s.len() > 1));
        assert_eq!(group(&(0..n).rev().collect::<Vec<_>>()), reference);
    }

    #[test]
    fn a_story_is_named_by_its_earliest_report_and_lists_reports_in_order() {
        let items = sketches(true);
        let mut t = Threader::new();
        // The later seed first, under a smaller number.
        for (n, (id, s)) in items.iter().enumerate().rev() {
            t.add(n as u32, id, s.clone());
        }
        let stories = t.group();
        let old = items.iter().position(|(id, _)| id == SEED_OLD).unwrap() as u32;
        let new = items.iter().position(|(id, _)| id == SEED_NEW).unwrap() as u32;
        let story = stories.story_of(new).unwrap();
        assert_eq!(story.id, SEED_OLD);
        assert_eq!(story.reports, [old, new]);
        assert_eq!(stories.earlier(new), [old]);
        assert!(stories.earlier(old).is_empty());
        assert!(stories.story_of(999).is_none());
        // The same, by number, as the list folds by it.
        let firsts = stories.firsts();
        assert_eq!(firsts.len(), items.len());
        assert_eq!((firsts[old as usize], firsts[new as usize]), (old, old));
        for (a, &f) in firsts.iter().enumerate() {
            assert_eq!(f, stories.story_of(a as u32).unwrap().reports[0]);
        }
    }

    #[test]
    fn adding_again_replaces_and_removing_forgets() {
        let items = sketches(true);
        let mut t = Threader::new();
        for (n, (id, s)) in items.iter().enumerate() {
            t.add(n as u32, id, s.clone());
        }
        let full = t.group();
        // Replace kastel-2 by an empty report: it leaves its story.
        t.add(1, "kastel-2", Sketch::new("", None, &[]));
        assert_eq!(t.len(), items.len());
        assert_eq!(t.group().story_of(0).unwrap().reports, [0]);
        t.add(1, "kastel-2", items[1].1.clone());
        assert_eq!(t.group(), full);
        t.remove(1);
        t.remove(1);
        assert_eq!(t.len(), items.len() - 1);
        assert!(t.group().story_of(1).is_none());
    }

    #[test]
    fn a_daily_report_of_the_same_shape_does_not_become_one_endless_story() {
        // One year of a daily bulletin, worded alike every day (only the
        // figures change). Text cannot tell the days apart; time must keep
        // a chain of days from merging the year: a story's reports are
        // weighed against its mean date, so at most a few weeks fold
        // together (two here).
        let mut t = Threader::new();
        let start = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap();
        for d in 0..365u32 {
            let day = start + chrono::Days::new(d as u64);
            let body = format!(
                "The harbour authority reported {} ship arrivals on {}, with {} tonnes of \
                 grain unloaded at the northern quay.\n\nThe port director said traffic was \
                 in line with the season and that the eastern basin stays closed for dredging.",
                20 + d % 7,
                day.format("%A"),
                1000 + 37 * d
            );
            t.add(
                d,
                &format!("bulletin-{d:03}"),
                Sketch::new(&body, Some(day), &[]),
            );
        }
        let stories = t.group();
        for s in stories.all() {
            let first = s.reports[0] as i64;
            let last = *s.reports.last().unwrap() as i64;
            assert!(last - first <= 31, "{} spans {first}..{last}", s.id);
        }
    }

    #[test]
    fn empty_and_odd_inputs_never_panic() {
        assert!(Threader::new().group().all().is_empty());
        let mut t = Threader::new();
        for (n, body) in ["", " ", "\n\n", "a", "日本語のテキスト。", "\u{1b}[2J"]
            .iter()
            .enumerate()
        {
            t.add(n as u32, &format!("odd-{n}"), Sketch::new(body, None, &[]));
        }
        // The same text twice, undated and dated far apart.
        let text = "Rain fell on the capital for a third day, flooding roads near the river.";
        let d = |y| NaiveDate::from_ymd_opt(y, 1, 1);
        t.add(10, "rain-a", Sketch::new(text, d(1990), &[]));
        t.add(11, "rain-b", Sketch::new(text, d(2020), &[]));
        t.add(12, "rain-c", Sketch::new(text, None, &[]));
        let stories = t.group();
        assert_eq!(
            stories.all().iter().map(|s| s.reports.len()).sum::<usize>(),
            9
        );
        // Thirty years apart is no story, however alike the text.
        assert_ne!(stories.story_of(10), stories.story_of(11));
    }
}
