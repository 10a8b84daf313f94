//! Story threading: which articles report one story.
//!
//! Every article is a vector of weighted features, its sketch's content
//! words and entities, each weighed by `(1 + ln count) * idf` with the
//! idf taken over every sketch added (entities count a half more: a name
//! says more about which event a report covers than a word). Stories are
//! then grown by average-link agglomeration: the two groups whose
//! articles are on average most similar (cosine) merge first, as long as
//! that average stays at or above [`MERGE_AT`]. Average link is what keeps
//! two events of one kind apart: two earthquake stories share `quake`,
//! `magnitude` and `rescue` across all their reports, but the places,
//! names, figures and dates of each are shared only within one, so the
//! average across the two stays low even where single pairs look alike.
//! When both groups are dated, the gap between their date spans divides
//! the average (a week-old story needs twice the similarity to take a new
//! report, a month-old one far more).
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
//! (date, then article id), so the grouping does not depend on the order
//! articles were added in. [`Threader::add`] only stores a sketch;
//! [`Threader::group`] recomputes the grouping (linear-ish: about a
//! second for 100,000 articles, see `examples/bench_stories.rs`).

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use crate::entities::features::FxHashMap;

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
/// Days between two date spans that cost nothing; beyond, the similarity
/// is divided by `1 + (gap - GRACE_DAYS) / HALF_DAYS`.
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
    sketch: Sketch,
}

/// The stories of a corpus: each a list of reports, earliest first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stories {
    stories: Vec<Story>,
    /// Article number -> index in `stories`.
    of: FxHashMap<u32, u32>,
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
    /// Every story, ordered by its first report.
    pub fn all(&self) -> &[Story] {
        &self.stories
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
        let item = Item {
            article,
            id: id.into(),
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
        for g in groups {
            let s = out.stories.len() as u32;
            let reports: Vec<u32> = g.iter().map(|&c| self.items[order[c]].article).collect();
            for &a in &reports {
                out.of.insert(a, s);
            }
            out.stories.push(Story {
                id: self.items[order[g[0]]].id.to_string(),
                reports,
            });
        }
        out
    }

    /// Indices of `items` by date (undated last), then id, then number.
    fn canonical_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.items.len()).collect();
        order.sort_unstable_by(|&a, &b| {
            let (x, y) = (&self.items[a], &self.items[b]);
            let (dx, dy) = (x.sketch.date(), y.sketch.date());
            dy.is_some()
                .cmp(&dx.is_some())
                .then(dx.cmp(&dy))
                .then_with(|| x.id.cmp(&y.id))
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
    let mut number: FxHashMap<Feature, u32> = FxHashMap::default();
    let mut df: Vec<u32> = Vec::new();
    let mut entries: Vec<(u32, f32)> = Vec::new();
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
    for i in 0..sketches.len() {
        let v = &mut entries[start[i] as usize..start[i + 1] as usize];
        for (id, w) in v.iter_mut() {
            let df = df[*id as usize];
            let idf = ((n + 1.0) / (df as f64 + 1.0)).ln() + 1.0;
            let unshared = if df == 1 { UNSHARED } else { 1.0 };
            *w = ((1.0 + (*w as f64).ln()) * idf * unshared) as f32;
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
    /// Sum of the members' unit vectors, sorted by feature; `None` for a
    /// single article (its vector is in [`Vectors`]).
    sum: Option<Vec<(u32, f32)>>,
    size: usize,
    /// First and last day of the dated members.
    span: Option<(i32, i32)>,
    neighbours: Vec<usize>,
    /// Bumped at every merge, so heap entries about an older state are
    /// recognised as stale.
    version: u32,
    alive: bool,
}

/// A proposed merge, ordered by score, then by the smaller indices (for a
/// deterministic order among equal scores).
#[derive(PartialEq)]
struct Proposal {
    score: f64,
    a: usize,
    b: usize,
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
    parent: Vec<usize>,
    heap: BinaryHeap<Proposal>,
}

/// Average-link agglomeration over the candidate pairs; returns each
/// article's group, named by its smallest member.
fn agglomerate(vectors: &Vectors, days: &[Option<i32>], edges: Vec<(usize, usize)>) -> Vec<usize> {
    let n = days.len();
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (a, b) in edges {
        if a != b {
            neighbours[a].push(b);
            neighbours[b].push(a);
        }
    }
    let groups = neighbours
        .into_iter()
        .zip(days)
        .map(|(mut nb, &d)| {
            nb.sort_unstable();
            nb.dedup();
            Group {
                sum: None,
                size: 1,
                span: d.map(|d| (d, d)),
                neighbours: nb,
                version: 0,
                alive: true,
            }
        })
        .collect();
    let mut state = Agglomeration {
        vectors,
        groups,
        parent: (0..n).collect(),
        heap: BinaryHeap::new(),
    };
    for a in 0..n {
        for k in 0..state.groups[a].neighbours.len() {
            let b = state.groups[a].neighbours[k];
            if a < b {
                state.propose(a, b);
            }
        }
    }
    while let Some(p) = state.heap.pop() {
        let (ga, gb) = (&state.groups[p.a], &state.groups[p.b]);
        if ga.alive && gb.alive && ga.version == p.va && gb.version == p.vb {
            state.merge(p.a, p.b);
        }
    }
    (0..n).map(|i| find(&mut state.parent, i)).collect()
}

impl Agglomeration<'_> {
    fn sum(&self, g: usize) -> &[(u32, f32)] {
        match &self.groups[g].sum {
            Some(s) => s,
            None => self.vectors.of(g),
        }
    }

    /// Pushes the merge of `a` and `b` (`a < b`) if it could happen.
    fn propose(&mut self, a: usize, b: usize) {
        let (ga, gb) = (&self.groups[a], &self.groups[b]);
        let penalty = time_penalty(ga.span, gb.span);
        // A cosine is at most 1: too far apart in time, nothing to compute.
        if 1.0 / penalty < MERGE_AT {
            return;
        }
        let score = dot(self.sum(a), self.sum(b)) / (ga.size * gb.size) as f64 / penalty;
        if score >= MERGE_AT {
            let (va, vb) = (ga.version, gb.version);
            self.heap.push(Proposal {
                score,
                a,
                b,
                va,
                vb,
            });
        }
    }

    /// Merges `b` into `a` (`a < b`: a group is named by its smallest
    /// member) and proposes the merged group to its neighbours.
    fn merge(&mut self, a: usize, b: usize) {
        let sum = add(self.sum(a), self.sum(b));
        self.parent[b] = a;
        let gb = std::mem::replace(
            &mut self.groups[b],
            Group {
                sum: None,
                size: 0,
                span: None,
                neighbours: Vec::new(),
                version: 0,
                alive: false,
            },
        );
        let ga = &mut self.groups[a];
        ga.sum = Some(sum);
        ga.size += gb.size;
        ga.span = match (ga.span, gb.span) {
            (Some((x0, x1)), Some((y0, y1))) => Some((x0.min(y0), x1.max(y1))),
            (s, None) | (None, s) => s,
        };
        ga.version += 1;
        let mut nb = std::mem::take(&mut ga.neighbours);
        nb.extend(gb.neighbours);
        // Neighbours may have been merged away since: follow to their group.
        for x in &mut nb {
            *x = find(&mut self.parent, *x);
        }
        nb.sort_unstable();
        nb.dedup();
        nb.retain(|&x| x != a);
        for &c in &nb {
            let g = &mut self.groups[c].neighbours;
            if let Err(at) = g.binary_search(&a) {
                g.insert(at, a);
            }
        }
        for &c in &nb {
            self.propose(a.min(c), a.max(c));
        }
        self.groups[a].neighbours = nb;
    }
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// The dot product of two sparse vectors sorted by feature, summed in
/// feature order. A short vector against a long one is looked up by
/// binary search, so a big story costs its new report's size.
fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f64 {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut sum = 0.0f64;
    if large.len() > 16 * small.len() {
        let mut rest = large;
        for &(f, w) in small {
            match rest.binary_search_by_key(&f, |&(g, _)| g) {
                Ok(at) => {
                    sum += w as f64 * rest[at].1 as f64;
                    rest = &rest[at + 1..];
                }
                Err(at) => rest = &rest[at..],
            }
        }
        return sum;
    }
    let (mut i, mut j) = (0, 0);
    while i < small.len() && j < large.len() {
        match small[i].0.cmp(&large[j].0) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                sum += small[i].1 as f64 * large[j].1 as f64;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// The sum of two sparse vectors sorted by feature.
fn add(a: &[(u32, f32)], b: &[(u32, f32)]) -> Vec<(u32, f32)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            Ordering::Equal => {
                out.push((a[i].0, a[i].1 + b[j].1));
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

fn time_penalty(a: Option<(i32, i32)>, b: Option<(i32, i32)>) -> f64 {
    let (Some((a0, a1)), Some((b0, b1))) = (a, b) else {
        return 1.0;
    };
    let gap = (a0.max(b0) - a1.min(b1)).max(0);
    if gap <= GRACE_DAYS {
        1.0
    } else {
        1.0 + (gap - GRACE_DAYS) as f64 / HALF_DAYS
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
            out.push((a.id, a.date.filter(|_| dated), a.body));
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
