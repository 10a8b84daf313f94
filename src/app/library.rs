//! What the app knows of the corpus: every article's metadata and where
//! its body comes from, its mentions, the entities (the latest
//! resolution and the surfaces seen since), the stories (the latest
//! grouping), the newest-first order, the read marks, the load's warnings
//! and progress. Only loading and reading
//! change it; every view is computed from it.

use std::cmp::Ordering;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{self, AtomicBool};

use crate::base::hash::{FxHashMap, FxHashSet, hash_bytes};
use crate::base::merge::merge_by;
use crate::corpus::{Article, ArticleMeta, Fingerprint, Warning};
use crate::ingest::{Listed, Origin, Progress};
use crate::marks::ReadMarks;
use crate::resolve::{
    Entity, EntityId, EntityTable, Mention, Resolution, Resolved, SurfaceId, SurfaceInfo,
};
use crate::stories::Grouping;

use super::action::FetchGauge;
use super::bits::Bits;
use super::bodies::{Bodies, BodySource};
use super::columns::Columns;
use super::request::{BodyAt, Shelf};
use super::storylines::{StoryOf, Storylines};
use super::words::Words;

#[derive(Debug, Default)]
pub struct Library {
    /// Shared, like the mentions: a worker takes a handle on the table
    /// ([`Library::shelf`]), not copies. A change while a worker holds it
    /// copies the table (of pointers) once.
    articles: Arc<Vec<Arc<ArticleMeta>>>,
    bodies: Bodies,
    /// Each article's mentions, naming surfaces; `None` until extracted.
    /// Immutable once found (new ones replace them), so shared.
    mentions: Arc<Vec<Option<Arc<[Mention]>>>>,
    entities: EntityTable,
    /// Articles whose mentions came after the entity table's resolution:
    /// its postings do not know them.
    fresh: Bits,
    mentions_version: u64,
    stories: Storylines,
    /// Titles, dates and distinct surfaces (sorted) of every article,
    /// packed for the filter.
    columns: Columns,
    /// Every article, newest first: the list when no filter is active.
    order: Vec<usize>,
    /// Each article's place in the newest-first order, packed.
    order_keys: Vec<(u32, u64)>,
    /// Where each article came from in a background load (`None` for
    /// articles given to [`Library::new`]).
    origin: Vec<Option<Origin>>,
    /// Read marks, by article index.
    read: Vec<bool>,
    /// Articles not read yet, kept with `read`.
    unread: usize,
    /// Read marks by body fingerprint: this run's and earlier runs' (see
    /// [`Library::restore_marks`]); what is saved for the next run.
    marks: ReadMarks,
    warnings: Vec<Warning>,
    /// Warnings said once however often their cause is met again
    /// (opening a vanished file twice), by a hash of path and message.
    said: FxHashSet<u64>,
    /// Progress of the background load; `None` once it is done (or when
    /// there was none).
    loading: Option<Progress>,
    /// Articles gone since they were listed (their file deleted or
    /// changed, their feed item replaced): in no list, counted nowhere.
    gone: Bits,
    gone_count: usize,
    /// Articles that arrived while lede ran (files that appeared in the
    /// opened folders), until opened.
    new: Bits,
    new_count: usize,
    /// Paths of files that appeared: their articles are new when listed
    /// (by the end of the round that lists them: `arrived_new`).
    awaited_new: FxHashSet<PathBuf>,
    arrived_new: Vec<PathBuf>,
    /// Tags (an item's own and its feed's) by article, for `tag:`; and
    /// tags of feed items not listed yet, by id.
    tags: Vec<Option<Arc<[String]>>>,
    awaited_tags: FxHashMap<String, Arc<[String]>>,
    /// Feed items are read (and fetched): an empty library waits for them.
    feeds: bool,
    /// The feeds' fetch, while it runs (and once over, until the next).
    fetch: Option<FetchGauge>,
    /// The full-text word index, as far as built.
    words: Words,
    /// The source of the first article, and whether another article's
    /// differs (the list then shows a source column).
    first_source: Option<Option<String>>,
    sources_differ: bool,
    /// The articles the last "mark all read" marked (those already read
    /// aside), for its undo.
    marked_all: Vec<usize>,
}

/// Newest first; undated after dated; then in the order of the files
/// (and of articles in a file), which is the order of their paths. Keys
/// are packed once per article: merging a batch into a list of 100,000
/// compares numbers, not dates and paths.
fn newest_first_key(
    date: Option<chrono::NaiveDate>,
    origin: Option<Origin>,
    i: usize,
) -> (u32, u64) {
    use chrono::Datelike;
    let day = match date {
        Some(d) => u32::MAX - 1 - d.num_days_from_ce().clamp(0, i32::MAX - 2) as u32,
        None => u32::MAX,
    };
    let then = match origin {
        Some(k) => (u64::from(k.file) << 32) | u64::from(k.index),
        None => i as u64,
    };
    (day, then)
}

/// The distinct surfaces of some mentions, sorted.
fn distinct_surfaces(mentions: &[Mention]) -> Vec<SurfaceId> {
    let mut v: Vec<SurfaceId> = mentions.iter().map(|m| m.entity).collect();
    v.sort_unstable();
    v.dedup();
    v
}

impl Library {
    /// A library of articles held in memory (their bodies too), in this
    /// order, with their mentions and entities resolved.
    pub fn new(articles: Vec<Article>, resolved: Resolved, warnings: Vec<Warning>) -> Library {
        let n = articles.len();
        let mut mentions: Vec<Option<Arc<[Mention]>>> = resolved
            .mentions
            .into_iter()
            .map(|m| Some(m.into()))
            .collect();
        mentions.resize(n, Some(Arc::from([])));
        let mut bodies = Bodies::default();
        let articles: Vec<Arc<ArticleMeta>> = articles
            .into_iter()
            .map(|Article { meta, body }| {
                bodies.push(BodySource::Resident(body.into()));
                Arc::new(meta)
            })
            .collect();
        let mut columns = Columns::default();
        for (a, ms) in articles.iter().zip(&mentions) {
            columns.push(
                &a.title,
                a.date,
                &distinct_surfaces(ms.as_deref().unwrap_or_default()),
            );
        }
        let (articles, mentions) = (Arc::new(articles), Arc::new(mentions));
        let mut lib = Library {
            order: (0..n).collect(),
            order_keys: articles
                .iter()
                .enumerate()
                .map(|(i, a)| newest_first_key(a.date, None, i))
                .collect(),
            origin: vec![None; n],
            tags: vec![None; n],
            read: vec![false; n],
            unread: n,
            articles,
            bodies,
            mentions,
            entities: EntityTable::new(resolved.resolution),
            fresh: Bits::none(n),
            columns,
            warnings,
            ..Library::default()
        };
        let sources: Vec<Option<String>> = lib.articles.iter().map(|a| a.source.clone()).collect();
        for s in &sources {
            lib.note_source(s.as_deref());
        }
        lib
    }

    /// An empty library that a background load fills.
    pub fn for_load() -> Library {
        Library {
            loading: Some(Progress::default()),
            ..Library::default()
        }
    }

    pub fn len(&self) -> usize {
        self.articles.len()
    }

    /// No article is listed (none arrived, or every one went).
    pub fn is_empty(&self) -> bool {
        self.count() == 0
    }

    /// Articles listed and not gone.
    pub fn count(&self) -> usize {
        self.articles.len() - self.gone_count
    }

    /// Whether article `a` went since it was listed.
    pub fn is_gone(&self, a: usize) -> bool {
        self.gone.get(a)
    }

    /// Whether article `a` arrived while lede ran and is not opened yet.
    pub fn is_new(&self, a: usize) -> bool {
        self.new.get(a)
    }

    /// Articles new and not opened yet.
    pub fn new_count(&self) -> usize {
        self.new_count
    }

    /// Article `a` was opened: no longer new.
    pub fn seen(&mut self, a: usize) {
        if self.new.get(a) {
            self.new.clear(a);
            self.new_count -= 1;
        }
    }

    /// The tags of article `a` (a feed item's own and its feed's).
    pub fn tags(&self, a: usize) -> &[String] {
        self.tags
            .get(a)
            .and_then(|t| t.as_deref())
            .unwrap_or_default()
    }

    /// Feed items are read (and fetched) into this library.
    pub fn with_feeds(&mut self) {
        self.feeds = true;
    }

    pub fn has_feeds(&self) -> bool {
        self.feeds
    }

    /// The feeds' fetch, while it runs.
    pub fn fetch(&self) -> Option<&FetchGauge> {
        self.fetch.as_ref()
    }

    pub fn set_fetch(&mut self, g: FetchGauge) {
        self.fetch = Some(g);
    }

    pub fn meta(&self, a: usize) -> &ArticleMeta {
        &self.articles[a]
    }

    /// Where article `a` came from in the background load.
    pub fn origin(&self, a: usize) -> Option<Origin> {
        self.origin.get(a).copied().flatten()
    }

    /// The body of article `a`, if it is in memory.
    pub fn body(&self, a: usize) -> Option<Arc<str>> {
        self.bodies.get(a)
    }

    /// Which article of its file `a` is, when its body is read from the
    /// file.
    pub fn index_in_file(&self, a: usize) -> Option<u32> {
        match self.bodies.source(a)? {
            BodySource::File { index } => Some(*index),
            BodySource::Resident(_) => None,
        }
    }

    /// Where article `a`'s body is to be had: in memory, or from its file.
    pub fn body_at(&self, a: usize) -> BodyAt {
        // (A body not held is in a file.)
        let index = self.index_in_file(a).unwrap_or_default();
        BodyAt::of(&self.articles[a], self.body(a), index)
    }

    /// These articles as a worker reads them: handles on the tables of
    /// metadata and mentions, and where each body is (no reference
    /// counted per article unless its body is held in memory).
    pub fn shelf(&self, articles: Vec<usize>) -> Shelf {
        let picked = articles
            .into_iter()
            .map(|a| match self.bodies.source(a) {
                Some(BodySource::Resident(body)) => (a, Some(Arc::clone(body)), 0),
                Some(BodySource::File { index }) => (a, None, *index),
                None => (a, None, 0),
            })
            .collect();
        Shelf::new(
            Arc::clone(&self.articles),
            Arc::clone(&self.mentions),
            picked,
        )
    }

    /// Those of `articles` that mention entity `e`, in their order: a set
    /// of the resolution's postings, then one look per article.
    pub fn mentioning(&self, e: EntityId, articles: &[usize]) -> Vec<usize> {
        let mut posted = Bits::none(self.articles.len());
        for &a in self.entities.articles_mentioning(e) {
            posted.set(a as usize);
        }
        articles
            .iter()
            .copied()
            .filter(|&a| {
                if self.fresh.get(a) {
                    self.names_entity(a, e)
                } else {
                    posted.get(a)
                }
            })
            .collect()
    }

    /// Keeps a body read from its file among the recent ones.
    pub fn remember_body(&mut self, a: usize, body: Arc<str>) {
        self.bodies.remember(a, body);
    }

    /// Every article, newest first.
    pub fn order(&self) -> &[usize] {
        &self.order
    }

    /// Article `a`'s place in the newest-first order, packed.
    pub fn order_key(&self, a: usize) -> (u32, u64) {
        self.order_keys[a]
    }

    fn newer_first(&self, a: usize, b: usize) -> Ordering {
        self.order_keys[a].cmp(&self.order_keys[b]).then(a.cmp(&b))
    }

    /// Two lists already newest first, as one: a merge, not a sort of
    /// 100,000.
    pub fn merge_newest_first(&self, a: &[usize], b: &[usize]) -> Vec<usize> {
        merge_by(a, b, |&x, &y| self.newer_first(x, y) != Ordering::Greater)
    }

    pub fn is_read(&self, a: usize) -> bool {
        self.read[a]
    }

    pub fn unread_count(&self) -> usize {
        self.unread
    }

    /// Read marks by body fingerprint, to save for the next run.
    pub fn marks(&self) -> &ReadMarks {
        &self.marks
    }

    /// Marks article `a` read or unread, here and in the marks kept for
    /// the next run.
    pub fn set_read(&mut self, a: usize, read: bool) {
        if self.read[a] != read {
            self.read[a] = read;
            if read {
                self.unread -= 1;
            } else {
                self.unread += 1;
            }
        }
        self.marks.set(self.articles[a].fingerprint.hash, read);
    }

    /// Marks every one of `articles` read, remembering which were not
    /// (what [`Library::undo_mark_all`] marks unread again); how many.
    pub fn mark_all_read(&mut self, articles: &[usize]) -> usize {
        let unread: Vec<usize> = articles
            .iter()
            .copied()
            .filter(|&a| !self.read[a])
            .collect();
        for &a in &unread {
            self.set_read(a, true);
        }
        self.marked_all = unread;
        self.marked_all.len()
    }

    /// Undoes the last [`Library::mark_all_read`]: what it marked is
    /// unread again (once); how many.
    pub fn undo_mark_all(&mut self) -> usize {
        let marked = std::mem::take(&mut self.marked_all);
        for &a in &marked {
            self.set_read(a, false);
        }
        marked.len()
    }

    pub fn is_starred(&self, a: usize) -> bool {
        self.marks.is_starred(self.articles[a].fingerprint.hash)
    }

    /// Stars or unstars article `a`, in the marks kept for the next run.
    pub fn set_starred(&mut self, a: usize, starred: bool) {
        self.marks
            .set_star(self.articles[a].fingerprint.hash, starred);
    }

    /// Takes the read marks of earlier runs: articles they name are read.
    pub fn restore_marks(&mut self, marks: ReadMarks) {
        self.marks = marks;
        for (a, meta) in self.articles.iter().enumerate() {
            self.read[a] = self.marks.contains(meta.fingerprint.hash);
        }
        self.unread = self.read.iter().filter(|r| !**r).count();
    }

    /// The entities: the latest resolution and the surfaces seen since.
    pub fn entities(&self) -> &EntityTable {
        &self.entities
    }

    pub fn entity(&self, e: EntityId) -> &Entity {
        self.entities.entity(e)
    }

    /// The entity a mention of article `a` names.
    pub fn entity_of(&self, a: usize, m: &Mention) -> EntityId {
        self.entities.entity_in(a as u32, m.entity)
    }

    /// Whether article `a`'s mentions are known.
    pub fn is_extracted(&self, a: usize) -> bool {
        self.mentions.get(a).is_some_and(Option::is_some)
    }

    /// Mentions of article `a` in reading order; empty until extracted.
    pub fn mentions(&self, a: usize) -> &[Mention] {
        self.mentions
            .get(a)
            .and_then(|m| m.as_deref())
            .unwrap_or_default()
    }

    /// The distinct surfaces article `a` mentions, sorted.
    pub fn surfaces_of(&self, a: usize) -> &[SurfaceId] {
        self.columns.surfaces(a)
    }

    /// How many distinct entities article `a` mentions: its surfaces, less
    /// those a resolution joined. Drawn for every visible row, so only the
    /// joined ones are sorted, on the stack when there are few.
    pub fn entity_count(&self, a: usize) -> usize {
        let table = &self.entities;
        let mut alone = 0;
        let mut small = [0 as EntityId; 16];
        let mut n = 0;
        let mut large = Vec::new();
        for &s in self.surfaces_of(a) {
            if !table.is_joined(s) {
                alone += 1;
            } else if n < small.len() {
                small[n] = table.entity_in(a as u32, s);
                n += 1;
            } else {
                large.push(table.entity_in(a as u32, s));
            }
        }
        let joined: &mut [EntityId] = if large.is_empty() {
            &mut small[..n]
        } else {
            large.extend_from_slice(&small[..n]);
            &mut large
        };
        joined.sort_unstable();
        let repeats = joined.windows(2).filter(|w| w[0] == w[1]).count();
        alone + joined.len() - repeats
    }

    /// Whether article `a` mentions entity `e`: the resolution's postings
    /// when it knew the article's mentions, else the article's surfaces.
    pub fn mentions_entity(&self, a: usize, e: EntityId) -> bool {
        if self.fresh.get(a) {
            self.names_entity(a, e)
        } else {
            self.entities
                .articles_mentioning(e)
                .binary_search(&(a as u32))
                .is_ok()
        }
    }

    /// Whether one of article `a`'s surfaces is entity `e`'s.
    fn names_entity(&self, a: usize, e: EntityId) -> bool {
        self.surfaces_of(a)
            .iter()
            .any(|&s| self.entities.entity_in(a as u32, s) == e)
    }

    /// The distinct entities of article `a` with their mention counts,
    /// most mentioned first (ties by first appearance).
    pub fn article_entities(&self, a: usize) -> Vec<(EntityId, u32)> {
        let mut counts: Vec<(EntityId, u32, usize)> = Vec::new();
        for (pos, m) in self.mentions(a).iter().enumerate() {
            let e = self.entity_of(a, m);
            match counts.iter_mut().find(|(x, _, _)| *x == e) {
                Some(c) => c.1 += 1,
                None => counts.push((e, 1, pos)),
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
        counts.into_iter().map(|(e, n, _)| (e, n)).collect()
    }

    /// The surfaces `articles` mention, with their mention counts: what a
    /// new resolution leaves as it is (a walk over every mention of the
    /// articles, done again only when they or their mentions change).
    pub fn surfaces_in(&self, articles: &[usize]) -> Vec<(SurfaceId, u32)> {
        let never = AtomicBool::new(false);
        count_surfaces(&self.mentions, articles, self.entities.surfaces(), &never)
            .unwrap_or_default()
    }

    /// A handle on the table of every article's mentions (one reference
    /// count): what a worker counting the listed articles reads.
    pub fn mentions_table(&self) -> Arc<Vec<Option<Arc<[Mention]>>>> {
        Arc::clone(&self.mentions)
    }

    /// The entities of those surface counts (of the mentions of
    /// `articles`), most mentioned first (ties by number).
    pub fn entities_by_count(
        &self,
        surfaces: &[(SurfaceId, u32)],
        articles: &[usize],
    ) -> Vec<(EntityId, u32)> {
        let table = &self.entities;
        let mut counts = vec![0u32; table.len()];
        for &(s, n) in surfaces {
            counts[table.entity_of(s) as usize] += n;
        }
        // Where a surname names another entity in an article, its
        // mentions there count for that one (few: a walk over the
        // overrides, and those articles' mentions).
        let overrides = table.resolution().overrides();
        if !overrides.is_empty() {
            let mut listed = Bits::none(self.articles.len());
            for &a in articles {
                listed.set(a);
            }
            for &(a, s, e) in overrides {
                let a = a as usize;
                if a >= self.articles.len() || !listed.get(a) {
                    continue;
                }
                let here = self.mentions(a).iter().filter(|m| m.entity == s).count() as u32;
                let from = table.entity_of(s) as usize;
                let moved = here.min(counts[from]);
                counts[from] -= moved;
                counts[e as usize] += moved;
            }
        }
        let mut rows: Vec<(EntityId, u32)> = counts
            .into_iter()
            .enumerate()
            .filter(|(_, n)| *n > 0)
            .map(|(e, n)| (e as EntityId, n))
            .collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        rows
    }

    /// How many of `articles` mention each entity, by entity number: an
    /// article counts once however many of an entity's surfaces it
    /// names. The articles the resolution knew are counted from its
    /// postings (one flat array, read in order, each posting one bit
    /// test); only those whose mentions came since are walked, each
    /// entity remembering the last of them that counted for it. So a new
    /// resolution (which leaves none of those) costs a scan of its
    /// postings, not a walk over every listed article's surfaces.
    pub fn article_counts(&self, articles: &[usize]) -> Vec<u32> {
        let table = &self.entities;
        let mut counts = vec![0u32; table.len()];
        let mut known = Bits::none(self.articles.len());
        let mut since = Vec::new();
        for &a in articles {
            if self.fresh.get(a) {
                since.push(a);
            } else {
                known.set(a);
            }
        }
        for (e, n) in counts.iter_mut().enumerate() {
            let posted = table.articles_mentioning(e as EntityId);
            *n = posted.iter().filter(|&&a| known.get(a as usize)).count() as u32;
        }
        let mut last = vec![u32::MAX; table.len()];
        for a in since {
            let a32 = a as u32;
            for &s in self.surfaces_of(a) {
                let e = table.entity_in(a32, s) as usize;
                if last[e] != a32 {
                    last[e] = a32;
                    counts[e] += 1;
                }
            }
        }
        counts
    }

    /// Changes whenever some article's mentions do.
    pub fn mentions_version(&self) -> u64 {
        self.mentions_version
    }

    /// What the filter reads of every article, packed.
    pub fn columns(&self) -> &Columns {
        &self.columns
    }

    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    pub fn add_warnings(&mut self, w: impl IntoIterator<Item = Warning>) {
        self.warnings.extend(w);
    }

    /// Adds `w` unless it was said before (by this method).
    pub fn warn_once(&mut self, w: Warning) {
        let key = hash_bytes(format!("{}\0{}", w.path.display(), w.message).as_bytes());
        if self.said.insert(key) {
            self.warnings.push(w);
        }
    }

    /// The background load's progress, while it runs.
    pub fn progress(&self) -> Option<&Progress> {
        self.loading.as_ref()
    }

    pub fn set_progress(&mut self, p: Progress) {
        self.loading = Some(p);
    }

    /// Articles a background load listed join the library. Returns the
    /// new articles, newest first; the newest-first order takes them in.
    pub fn add_listed(&mut self, batch: Vec<Listed>) -> Vec<usize> {
        let first_new = self.articles.len();
        for l in batch {
            let i = self.articles.len();
            debug_assert_eq!(l.article as usize, i, "articles come in order");
            self.bodies.push(match l.body {
                Some(body) => BodySource::Resident(body),
                None => BodySource::File {
                    index: l.origin.index,
                },
            });
            self.origin.push(Some(l.origin));
            self.tags.push(self.awaited_tags.remove(&l.meta.id));
            if !self.awaited_new.is_empty() && self.awaited_new.contains(&l.meta.path) {
                self.new.set(i);
                self.new_count += 1;
                self.arrived_new.push(l.meta.path.clone());
            }
            self.order_keys
                .push(newest_first_key(l.meta.date, Some(l.origin), i));
            let read = self.marks.contains(l.meta.fingerprint.hash);
            self.read.push(read);
            self.unread += usize::from(!read);
            self.columns.push(&l.meta.title, l.meta.date, &[]);
            self.note_source(l.meta.source.as_deref());
            Arc::make_mut(&mut self.articles).push(Arc::new(l.meta));
            Arc::make_mut(&mut self.mentions).push(None);
            if let Some(m) = l.mentions {
                self.set_mentions(i, m);
            }
        }
        let mut fresh: Vec<usize> = (first_new..self.articles.len()).collect();
        fresh.sort_by(|&a, &b| self.newer_first(a, b));
        self.order = self.merge_newest_first(&self.order, &fresh);
        fresh
    }

    /// Surfaces seen for the first time: entities of their own until a
    /// resolution places them.
    pub fn add_surfaces(&mut self, infos: Vec<SurfaceInfo>) {
        self.entities.add_surfaces(infos);
    }

    /// The mentions a background load found. Returns the articles whose
    /// mentions changed.
    pub fn add_mentions(&mut self, batch: Vec<(u32, Vec<Mention>)>) -> Vec<usize> {
        let mut changed = Vec::with_capacity(batch.len());
        for (a, m) in batch {
            let a = a as usize;
            if a < self.articles.len() && !self.gone.get(a) {
                self.set_mentions(a, m);
                changed.push(a);
            }
        }
        changed
    }

    fn set_mentions(&mut self, a: usize, mentions: Vec<Mention>) {
        if let Some(old) = Arc::make_mut(&mut self.mentions)[a].take() {
            self.entities.uncount(&old);
        }
        self.entities.count(a as u32, &mentions);
        self.columns.set_surfaces(a, &distinct_surfaces(&mentions));
        Arc::make_mut(&mut self.mentions)[a] = Some(mentions.into());
        self.fresh.set(a);
        self.mentions_version += 1;
    }

    /// A new resolution of the corpus's entities, swapped in whole.
    pub fn adopt(&mut self, resolution: Arc<Resolution>) {
        self.entities.adopt(resolution);
        self.fresh = Bits::none(self.articles.len());
    }

    /// A new grouping of the corpus into stories, swapped in whole.
    pub fn adopt_stories(&mut self, grouping: Arc<Grouping>) {
        self.stories.adopt(grouping);
    }

    /// The story of article `a` (its own until a grouping names it).
    pub fn story_of(&self, a: usize) -> StoryOf<'_> {
        self.stories.story_of(a)
    }

    /// Changes with every grouping adopted.
    pub fn stories_version(&self) -> u64 {
        self.stories.version()
    }

    /// Whether article `a` is the first report of its story (an article
    /// alone is).
    pub fn is_first_report(&self, a: usize) -> bool {
        self.story_of(a).first() == a
    }

    /// The reports of article `a`'s story not read yet, earliest first.
    pub fn unread_in_story(&self, a: usize) -> impl Iterator<Item = usize> + '_ {
        self.story_of(a).iter().filter(|&r| !self.read[r])
    }

    /// The entities of article `a` that none of its story's earlier
    /// reports mentions (as far as their mentions are known), most
    /// mentioned first: all of them in a story's first report.
    pub fn first_seen_entities(&self, a: usize) -> Vec<EntityId> {
        let story = self.story_of(a);
        let seen: FxHashSet<EntityId> = story
            .earlier(a)
            .iter()
            .flat_map(|&b| {
                let of = move |s: &SurfaceId| self.entities.entity_in(b, *s);
                self.surfaces_of(b as usize).iter().map(of)
            })
            .collect();
        self.article_entities(a)
            .into_iter()
            .map(|(e, _)| e)
            .filter(|e| !seen.contains(e))
            .collect()
    }

    /// The body of article `a` changed on disk: what is shown now. Its
    /// mentions pointed into the old text: they go until it is extracted
    /// again.
    pub fn replace_body(&mut self, a: usize, body: &str) {
        Arc::make_mut(&mut Arc::make_mut(&mut self.articles)[a]).fingerprint =
            Fingerprint::of(body);
        if let Some(old) = Arc::make_mut(&mut self.mentions)[a].take() {
            self.entities.uncount(&old);
        }
        self.columns.set_surfaces(a, &[]);
        self.fresh.set(a);
        self.mentions_version += 1;
    }

    /// The load is over.
    pub fn finish_loading(&mut self) {
        self.loading = None;
        // Files that appeared were listed: what changes in them later is
        // not news.
        for p in self.arrived_new.drain(..) {
            self.awaited_new.remove(&p);
        }
    }

    /// Articles of these files will arrive new.
    pub fn await_new(&mut self, paths: impl IntoIterator<Item = PathBuf>) {
        self.awaited_new.extend(paths);
    }

    /// Feed items about to arrive, with their tags.
    pub fn await_tags(&mut self, tags: impl IntoIterator<Item = (String, Arc<[String]>)>) {
        self.awaited_tags.extend(tags);
    }

    /// The articles (not gone yet) whose file is one of `paths`.
    pub fn articles_of_files(&self, paths: &[PathBuf]) -> Vec<usize> {
        let wanted: FxHashSet<&Path> = paths.iter().map(PathBuf::as_path).collect();
        (0..self.articles.len())
            .filter(|&a| !self.gone.get(a) && wanted.contains(self.articles[a].path.as_path()))
            .collect()
    }

    /// The articles (not gone yet) with one of these ids.
    pub fn articles_with_ids(&self, ids: &[String]) -> Vec<usize> {
        let wanted: FxHashSet<&str> = ids.iter().map(String::as_str).collect();
        (0..self.articles.len())
            .filter(|&a| !self.gone.get(a) && wanted.contains(self.articles[a].id.as_str()))
            .collect()
    }

    /// Articles `gone` leave: out of the order, their mentions uncounted,
    /// no longer unread or new. Their numbers stay taken.
    pub fn withdraw(&mut self, gone: &[usize]) {
        if gone.is_empty() {
            return;
        }
        for &a in gone {
            if self.gone.get(a) {
                continue;
            }
            self.gone.set(a);
            self.gone_count += 1;
            if !self.read[a] {
                self.unread -= 1;
            }
            self.seen(a);
            self.words.remove(a);
            let mentions = Arc::make_mut(&mut self.mentions);
            if let Some(old) = mentions[a].take() {
                self.entities.uncount(&old);
            }
            mentions[a] = Some(Arc::from([]));
            self.columns.set_surfaces(a, &[]);
            self.fresh.set(a);
        }
        self.mentions_version += 1;
        self.order.retain(|&a| !self.gone.get(a));
    }

    /// The story of every article, by its first report
    /// ([`crate::stories::Stories::NONE`] when not grouped: its own), for
    /// folding the list.
    pub fn story_firsts(&self) -> Arc<[u32]> {
        self.stories.firsts()
    }

    /// Whether the articles come from more than one source (one without
    /// a source counts as one of its own).
    pub fn sources_differ(&self) -> bool {
        self.sources_differ
    }

    fn note_source(&mut self, source: Option<&str>) {
        match &self.first_source {
            None => self.first_source = Some(source.map(str::to_string)),
            Some(first) => self.sources_differ |= first.as_deref() != source,
        }
    }

    /// The full-text word index.
    pub fn words(&self) -> &Words {
        &self.words
    }

    pub fn words_mut(&mut self) -> &mut Words {
        &mut self.words
    }

    /// Whether a load is under way.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }
}

/// The surfaces `articles` mention, with their mention counts, read from
/// `table` (every article's mentions; `surfaces` is how many surfaces it
/// knows): the library's [`Library::surfaces_in`], and a worker's count
/// of a big list. `None` once `cancel` is set.
pub fn count_surfaces(
    table: &[Option<Arc<[Mention]>>],
    articles: &[usize],
    surfaces: usize,
    cancel: &AtomicBool,
) -> Option<Vec<(SurfaceId, u32)>> {
    let mut counts = vec![0u32; surfaces];
    for (i, &a) in articles.iter().enumerate() {
        // A look at the flag every 1,024 articles: a stale count stops
        // within a fraction of a millisecond.
        if i % 1024 == 0 && cancel.load(atomic::Ordering::Relaxed) {
            return None;
        }
        for m in table.get(a).and_then(|m| m.as_deref()).unwrap_or_default() {
            let s = m.entity as usize;
            if s >= counts.len() {
                counts.resize(s + 1, 0);
            }
            counts[s] += 1;
        }
    }
    Some(
        counts
            .into_iter()
            .enumerate()
            .filter(|(_, n)| *n > 0)
            .map(|(s, n)| (s as SurfaceId, n))
            .collect(),
    )
}
