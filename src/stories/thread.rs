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
        let mut edges = rare_feature_pairs(&vectors);
        edges.extend(band_pairs(&sketches));
        let root = agglomerate(vectors, &days, edges);
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

/// A unit vector of (feature, weight), sorted by feature.
type Vector = Vec<(Feature, f64)>;

/// The tf-idf unit vector of each sketch, idf over all of them (smoothed:
/// `ln((n + 1) / (df + 1)) + 1`, so a corpus of two still has weights).
fn weigh(sketches: &[&Sketch]) -> Vec<Vector> {
    let features = |s: &Sketch| {
        let terms = s.terms.iter().map(|&(k, n)| (k as Feature, n));
        let ents = s.entities.iter().map(|&(k, n)| (ENTITY | k as Feature, n));
        terms.chain(ents).collect::<Vec<_>>()
    };
    let mut df: FxHashMap<Feature, u32> = FxHashMap::default();
    for s in sketches {
        for (f, _) in features(s) {
            *df.entry(f).or_default() += 1;
        }
    }
    let n = sketches.len() as f64;
    sketches
        .iter()
        .map(|s| {
            let mut v: Vector = features(s)
                .into_iter()
                .map(|(f, count)| {
                    let df = df[&f];
                    let idf = ((n + 1.0) / (df as f64 + 1.0)).ln() + 1.0;
                    let unshared = if df == 1 { UNSHARED } else { 1.0 };
                    (f, (1.0 + (count as f64).ln()) * idf * unshared)
                })
                .collect();
            v.sort_unstable_by_key(|&(f, _)| f);
            let norm = v.iter().map(|&(_, w)| w * w).sum::<f64>().sqrt();
            if norm > 0.0 {
                v.iter_mut().for_each(|(_, w)| *w /= norm);
            }
            v
        })
        .collect()
}

/// Candidate pairs from shared rare features: each article probes the
/// postings of its [`PROBES`] rarest features (in 2..=[`RARE`] sketches)
/// and keeps the [`NEIGHBOURS`] articles with the largest partial dot
/// product over them.
fn rare_feature_pairs(vectors: &[Vector]) -> Vec<(usize, usize)> {
    let mut postings: FxHashMap<Feature, Vec<u32>> = FxHashMap::default();
    for (i, v) in vectors.iter().enumerate() {
        for &(f, _) in v {
            postings.entry(f).or_default().push(i as u32);
        }
    }
    let mut pairs = Vec::new();
    let mut partial: FxHashMap<u32, f64> = FxHashMap::default();
    let mut probes: Vec<(usize, Feature, f64)> = Vec::new();
    for (i, v) in vectors.iter().enumerate() {
        probes.clear();
        for &(f, w) in v {
            let df = postings[&f].len();
            if (2..=RARE as usize).contains(&df) {
                probes.push((df, f, w));
            }
        }
        probes.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        probes.truncate(PROBES);
        partial.clear();
        for &(_, f, w) in &probes {
            for &j in &postings[&f] {
                if j as usize != i {
                    // The other side's weight is looked up when scoring;
                    // for ranking, this side's suffices.
                    *partial.entry(j).or_default() += w;
                }
            }
        }
        let mut best: Vec<(u32, f64)> = partial.iter().map(|(&j, &s)| (j, s)).collect();
        best.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        for &(j, _) in best.iter().take(NEIGHBOURS) {
            pairs.push((i, j as usize));
        }
    }
    pairs
}

/// Candidate pairs from MinHash bands: sketches whose signatures agree on
/// a whole band, each linked to the next [`BUCKET_LINKS`] of its bucket.
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
    /// Sum of the members' unit vectors.
    sum: FxHashMap<Feature, f64>,
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

/// Average-link agglomeration over the candidate pairs; returns each
/// article's group, named by its smallest member.
fn agglomerate(
    vectors: Vec<Vector>,
    days: &[Option<i32>],
    edges: Vec<(usize, usize)>,
) -> Vec<usize> {
    let n = vectors.len();
    let mut groups: Vec<Group> = vectors
        .into_iter()
        .zip(days)
        .map(|(v, &d)| Group {
            sum: v.into_iter().collect(),
            size: 1,
            span: d.map(|d| (d, d)),
            neighbours: Vec::new(),
            version: 0,
            alive: true,
        })
        .collect();
    for (a, b) in edges {
        if a != b {
            groups[a].neighbours.push(b);
            groups[b].neighbours.push(a);
        }
    }
    for g in &mut groups {
        g.neighbours.sort_unstable();
        g.neighbours.dedup();
    }
    let mut heap = BinaryHeap::new();
    for a in 0..n {
        for &b in &groups[a].neighbours {
            if a < b {
                propose(&groups, a, b, &mut heap);
            }
        }
    }
    let mut parent: Vec<usize> = (0..n).collect();
    while let Some(p) = heap.pop() {
        let (a, b) = (p.a, p.b);
        if !groups[a].alive
            || !groups[b].alive
            || groups[a].version != p.va
            || groups[b].version != p.vb
        {
            continue;
        }
        // Merge b into a (a < b: a group is named by its smallest member).
        let gb = std::mem::replace(
            &mut groups[b],
            Group {
                sum: FxHashMap::default(),
                size: 0,
                span: None,
                neighbours: Vec::new(),
                version: 0,
                alive: false,
            },
        );
        parent[b] = a;
        let ga = &mut groups[a];
        let mut sum = std::mem::take(&mut ga.sum);
        let mut other = gb.sum;
        if sum.len() < other.len() {
            std::mem::swap(&mut sum, &mut other);
        }
        for (f, w) in other {
            *sum.entry(f).or_default() += w;
        }
        ga.sum = sum;
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
            *x = find(&mut parent, *x);
        }
        nb.sort_unstable();
        nb.dedup();
        nb.retain(|&x| x != a);
        for &c in &nb {
            let g = &mut groups[c].neighbours;
            if let Err(at) = g.binary_search(&a) {
                g.insert(at, a);
            }
        }
        groups[a].neighbours = nb;
        for i in 0..groups[a].neighbours.len() {
            let c = groups[a].neighbours[i];
            propose(&groups, a.min(c), a.max(c), &mut heap);
        }
    }
    (0..n).map(|i| find(&mut parent, i)).collect()
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

fn propose(groups: &[Group], a: usize, b: usize, heap: &mut BinaryHeap<Proposal>) {
    let (ga, gb) = (&groups[a], &groups[b]);
    let score = similarity(ga, gb);
    if score >= MERGE_AT {
        heap.push(Proposal {
            score,
            a,
            b,
            va: ga.version,
            vb: gb.version,
        });
    }
}

/// The average cosine between the members of two groups, divided by the
/// time between them when both are dated.
fn similarity(a: &Group, b: &Group) -> f64 {
    let (small, large) = if a.sum.len() <= b.sum.len() {
        (&a.sum, &b.sum)
    } else {
        (&b.sum, &a.sum)
    };
    // Sum in feature order: a hash map's iteration order would make the
    // float sum depend on its history.
    let mut terms: Vec<(Feature, f64)> = small
        .iter()
        .filter_map(|(f, &w)| large.get(f).map(|&x| (*f, w * x)))
        .collect();
    terms.sort_unstable_by_key(|&(f, _)| f);
    let dot: f64 = terms.iter().map(|&(_, p)| p).sum();
    dot / (a.size * b.size) as f64 / time_penalty(a.span, b.span)
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
