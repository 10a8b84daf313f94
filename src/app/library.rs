//! What the app knows of the corpus: every article's metadata and where
//! its body comes from, their entities, the newest-first order, the read
//! marks, the load's warnings and progress. Only loading and reading
//! change it; every view is computed from it.

use std::cmp::Ordering;
use std::sync::Arc;

use crate::base::hash::FxHashMap;
use crate::corpus::{Article, ArticleMeta, Fingerprint, Warning};
use crate::entities::ArticleEntities;
use crate::index::{EntityId, EntityIndex, Mention};
use crate::ingest::{Loaded, Origin, Progress};
use crate::marks::ReadMarks;

use super::bodies::{Bodies, BodySource};
use super::columns::Columns;

#[derive(Debug, Default)]
pub struct Library {
    articles: Vec<ArticleMeta>,
    bodies: Bodies,
    index: EntityIndex,
    /// Titles, dates and distinct entities (sorted by id) of every
    /// article, packed for the filter.
    columns: Columns,
    /// Every article, newest first: the list when no filter is active.
    order: Vec<usize>,
    /// Each article's place in the newest-first order, packed.
    order_keys: Vec<(u32, u64)>,
    /// Where each article came from in a background load (`None` for
    /// articles given to [`Library::new`]), and the way back.
    origin: Vec<Option<Origin>>,
    by_origin: FxHashMap<Origin, usize>,
    /// Entities that arrived before their article was listed.
    early_entities: FxHashMap<Origin, ArticleEntities>,
    /// Read marks, by article index.
    read: Vec<bool>,
    /// Articles not read yet, kept with `read`.
    unread: usize,
    /// Read marks by body fingerprint: this run's and earlier runs' (see
    /// [`Library::restore_marks`]); what is saved for the next run.
    marks: ReadMarks,
    warnings: Vec<Warning>,
    /// Progress of the background load; `None` once it is done (or when
    /// there was none).
    loading: Option<Progress>,
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

/// The distinct entities an article mentions, sorted by id.
fn distinct_entities(index: &EntityIndex, a: usize) -> Vec<EntityId> {
    let mut v: Vec<EntityId> = index.mentions(a).iter().map(|m| m.entity).collect();
    v.sort_unstable();
    v.dedup();
    v
}

impl Library {
    /// A library of articles held in memory (their bodies too), in this
    /// order, with their entities.
    pub fn new(articles: Vec<Article>, index: EntityIndex, warnings: Vec<Warning>) -> Library {
        let n = articles.len();
        let mut bodies = Bodies::default();
        let articles: Vec<ArticleMeta> = articles
            .into_iter()
            .map(|Article { meta, body }| {
                bodies.push(BodySource::Resident(body.into()));
                meta
            })
            .collect();
        let mut columns = Columns::default();
        for (i, a) in articles.iter().enumerate() {
            columns.push(&a.title, a.date, &distinct_entities(&index, i));
        }
        Library {
            order: (0..n).collect(),
            order_keys: articles
                .iter()
                .enumerate()
                .map(|(i, a)| newest_first_key(a.date, None, i))
                .collect(),
            origin: vec![None; n],
            read: vec![false; n],
            unread: n,
            articles,
            bodies,
            index,
            columns,
            warnings,
            ..Library::default()
        }
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

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
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
        let mut merged = Vec::with_capacity(a.len() + b.len());
        let (mut i, mut j) = (0, 0);
        while i < a.len() && j < b.len() {
            if self.newer_first(a[i], b[j]) != Ordering::Greater {
                merged.push(a[i]);
                i += 1;
            } else {
                merged.push(b[j]);
                j += 1;
            }
        }
        merged.extend_from_slice(&a[i..]);
        merged.extend_from_slice(&b[j..]);
        merged
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

    /// Takes the read marks of earlier runs: articles they name are read.
    pub fn restore_marks(&mut self, marks: ReadMarks) {
        self.marks = marks;
        for (a, meta) in self.articles.iter().enumerate() {
            self.read[a] = self.marks.contains(meta.fingerprint.hash);
        }
        self.unread = self.read.iter().filter(|r| !**r).count();
    }

    pub fn index(&self) -> &EntityIndex {
        &self.index
    }

    /// Mentions of article `a` in reading order; empty until extracted.
    pub fn mentions(&self, a: usize) -> &[Mention] {
        self.index.mentions(a)
    }

    /// The distinct entities article `a` mentions, sorted by id.
    pub fn entities_of(&self, a: usize) -> &[EntityId] {
        self.columns.entities(a)
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

    /// The background load's progress, while it runs.
    pub fn progress(&self) -> Option<&Progress> {
        self.loading.as_ref()
    }

    pub fn set_progress(&mut self, p: Progress) {
        self.loading = Some(p);
    }

    /// Articles a background load listed join the library. Returns the
    /// new articles, newest first; the newest-first order takes them in.
    pub fn add_loaded(&mut self, batch: Vec<Loaded>) -> Vec<usize> {
        let first_new = self.articles.len();
        for l in batch {
            let i = self.articles.len();
            self.bodies.push(BodySource::File {
                index: l.origin.index,
            });
            self.origin.push(Some(l.origin));
            self.order_keys
                .push(newest_first_key(l.meta.date, Some(l.origin), i));
            self.by_origin.insert(l.origin, i);
            let read = self.marks.contains(l.meta.fingerprint.hash);
            self.read.push(read);
            self.unread += usize::from(!read);
            self.articles.push(l.meta);
            let found = l.entities.or_else(|| self.early_entities.remove(&l.origin));
            if let Some(found) = found {
                self.index.add_article(i, found);
            }
            let m = &self.articles[i];
            self.columns
                .push(&m.title, m.date, &distinct_entities(&self.index, i));
        }
        let mut fresh: Vec<usize> = (first_new..self.articles.len()).collect();
        fresh.sort_by(|&a, &b| self.newer_first(a, b));
        self.order = self.merge_newest_first(&self.order, &fresh);
        fresh
    }

    /// Entities a background load found. Returns the articles whose
    /// entities changed.
    pub fn add_extracted(&mut self, batch: Vec<(Origin, ArticleEntities)>) -> Vec<usize> {
        let mut changed = Vec::with_capacity(batch.len());
        for (key, found) in batch {
            let Some(&i) = self.by_origin.get(&key) else {
                // Workers send in batches: this article's listing is on its way.
                self.early_entities.insert(key, found);
                continue;
            };
            self.set_entities(i, found);
            changed.push(i);
        }
        changed
    }

    fn set_entities(&mut self, a: usize, found: ArticleEntities) {
        self.index.add_article(a, found);
        self.columns
            .set_entities(a, &distinct_entities(&self.index, a));
    }

    /// The body of article `a` changed on disk: it is what the mentions
    /// (`found` in it) point into now.
    pub fn replace_body(&mut self, a: usize, body: &str, found: ArticleEntities) {
        self.set_entities(a, found);
        self.articles[a].fingerprint = Fingerprint::of(body);
    }

    /// The load is over: entities are linked across the corpus. Their
    /// numbers change: the result maps each old number to its new one.
    pub fn link_corpus(&mut self) -> Vec<Option<EntityId>> {
        self.loading = None;
        let map = self.index.finish();
        self.columns
            .renumber(|e| map.get(e as usize).copied().flatten());
        map
    }
}
