//! The resolution stage: the one thread everything the workers find
//! passes through on its way to the app. It numbers articles as it lists
//! them, interns each article's entities to surfaces (its mentions then
//! name surfaces, for good), keeps the evidence across articles, and runs
//! resolution passes on a geometric schedule, each an immutable
//! [`Resolution`] the app swaps in whole. Stories likewise: every
//! article's sketch (from the cache or fresh) joins a [`Threader`], and
//! groupings run on a schedule of their own, each an immutable
//! [`Grouping`]. The app never links entities or groups stories across
//! the corpus itself, and never waits for either.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::base::hash::FxHashMap;
use crate::corpus::{ArticleMeta, Warning};
use crate::entities::{ArticleEntities, Extractor};
use crate::guard;
use crate::resolve::{Resolver, SurfaceId};
use crate::stories::{self, Cadence, Grouping, GroupingStats, Sketch, Threader};

use super::events::{Event, Listed, Note, Origin, Where};
use super::jobs::Shared;
use super::progress::Progress;

/// An article a worker listed.
pub(super) struct Listing {
    pub origin: Origin,
    pub meta: ArticleMeta,
    pub body: Option<Arc<str>>,
    /// What extraction found in it, when the cache had it.
    pub found: Option<Found>,
}

/// What extraction finds in one article: its entities, and its story
/// sketch (made from them and the body on the same worker).
pub(super) struct Found {
    pub entities: ArticleEntities,
    pub sketch: Sketch,
}

impl Found {
    /// The entities found in an article (`body`, dated `date`) with its
    /// sketch. A bug in sketching costs the article its place in a story
    /// (an empty sketch), not its entities: the text of the warning to
    /// give comes with it.
    pub fn new(
        body: &str,
        date: Option<NaiveDate>,
        entities: ArticleEntities,
    ) -> (Found, Option<String>) {
        let made = guard::contain(|| Sketch::new(body, date, &stories::entity_keys(&entities)));
        let (sketch, note) = match made {
            Ok(sketch) => (sketch, None),
            Err(why) => (
                Sketch::new("", date, &[]),
                Some(guard::warning_text("grouping it into stories", &why)),
            ),
        };
        (Found { entities, sketch }, note)
    }
}

/// What reaches the stage: from the walk and the workers, the monitor,
/// and the app (through [`super::Ingest`]).
pub(super) enum ToStage {
    Listed(Vec<Listing>),
    Extracted(Vec<(Origin, Found)>),
    Warnings(Vec<Note>),
    Progress(Progress),
    /// A worker has nothing more to do.
    WorkerDone,
    /// The cache writer has written everything the workers found (a
    /// failure to write is a warning of the load, sent before).
    CacheWritten,
    /// The app found an article changed on disk: its entities, again.
    Reextract(Reextract),
    /// A round of the load begins, with this many workers: it ends when
    /// they are all done and the cache is written.
    Round {
        workers: usize,
    },
    /// These articles are gone: their entities no longer count.
    Forget(Vec<u32>),
}

/// An article to extract again: its number, file (number and path), new
/// body and date.
pub(super) struct Reextract {
    pub article: u32,
    pub file: u32,
    pub path: PathBuf,
    pub body: Arc<str>,
    pub date: Option<NaiveDate>,
}

/// A pass runs once the articles with entities have grown by this
/// factor since the last one...
const GROWTH: f64 = 1.25;
/// ... and no sooner than this many times the last pass's duration after
/// it (passes take at most a fifth of the stage's time, however fast
/// articles arrive), nor than `MIN_GAP`: a load from the cache, over in a
/// second or two, needs no more than its last pass, and between passes
/// new surfaces show as entities of their own anyway.
const SPACING: u32 = 4;
const MIN_GAP: Duration = Duration::from_secs(1);

/// When to run the next pass.
struct Schedule {
    /// Articles with entities (sketches) at the last pass.
    at: usize,
    ended: Instant,
    took: Duration,
    /// Passes sent.
    passes: u32,
}

impl Schedule {
    fn new() -> Schedule {
        Schedule {
            at: 0,
            ended: Instant::now(),
            took: Duration::ZERO,
            passes: 0,
        }
    }

    fn due(&self, extracted: usize) -> bool {
        extracted as f64 >= (self.at as f64 * GROWTH).max(self.at as f64 + 1.0)
            && self.ended.elapsed() >= (self.took * SPACING).max(MIN_GAP)
    }

    /// The pass after this one, over `at` articles, took `took`.
    fn next(&self, at: usize, took: Duration) -> Schedule {
        Schedule {
            at,
            ended: Instant::now(),
            took,
            passes: self.passes + 1,
        }
    }
}

/// The stories of the load: every article's sketch, grouped on a
/// schedule of its own (a grouping regroups the whole corpus: see
/// [`Cadence`]).
struct Threading {
    threader: Threader,
    /// Each listed article's id and where it came from (for the canonical
    /// order), by number: a sketch may come after its listing.
    keys: Vec<(Box<str>, u64)>,
    cadence: Cadence,
    /// A sketch was added since the last grouping.
    changed: bool,
}

pub(super) struct Stage {
    rx: Receiver<ToStage>,
    tx: Sender<Event>,
    shared: Arc<Shared>,
    workers: usize,
    resolver: Resolver,
    /// Article numbers by origin, and what was found in articles before
    /// they were listed (workers send in batches).
    numbers: FxHashMap<Origin, u32>,
    early: FxHashMap<Origin, Found>,
    listed: u32,
    /// Articles forgotten: what is found in them later counts for nothing.
    gone: crate::base::hash::FxHashSet<u32>,
    workers_done: usize,
    cache_written: bool,
    finished: bool,
    schedule: Schedule,
    /// `None` when the load hands the sketches out instead
    /// ([`super::Options::keep_bodies`]: `lede extract` groups them once,
    /// at the end, under the ids it makes unique).
    threading: Option<Threading>,
}

impl Stage {
    pub(super) fn new(
        rx: Receiver<ToStage>,
        tx: Sender<Event>,
        shared: Arc<Shared>,
        workers: usize,
    ) -> Stage {
        Stage {
            rx,
            tx,
            workers,
            resolver: Resolver::new(),
            numbers: FxHashMap::default(),
            early: FxHashMap::default(),
            listed: 0,
            gone: Default::default(),
            workers_done: 0,
            cache_written: false,
            finished: false,
            schedule: Schedule::new(),
            threading: (!shared.keep_bodies).then(|| Threading {
                threader: Threader::new(),
                keys: Vec::new(),
                cadence: Cadence::new(),
                changed: false,
            }),
            shared,
        }
    }

    /// Runs until the load is dropped.
    pub(super) fn run(mut self) {
        loop {
            match self.rx.recv_timeout(Duration::from_millis(100)) {
                Ok(msg) => self.handle(msg),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return,
            }
            if self.shared.stop.load(Ordering::Relaxed) {
                return;
            }
            // Everything waiting first: a pass sees as much as there is.
            loop {
                match self.rx.try_recv() {
                    Ok(msg) => self.handle(msg),
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => return,
                }
            }
            if !self.finished && self.workers_done >= self.workers && self.cache_written {
                self.finish();
            } else if !self.finished {
                if self.schedule.due(self.resolver.extracted()) {
                    self.pass();
                }
                if self
                    .threading
                    .as_ref()
                    .is_some_and(|t| t.changed && t.cadence.due(t.threader.len()))
                {
                    self.group();
                }
            }
        }
    }

    fn send(&self, e: Event) {
        let _ = self.tx.send(e);
    }

    fn handle(&mut self, msg: ToStage) {
        match msg {
            ToStage::Listed(batch) => self.listed(batch),
            ToStage::Extracted(batch) => self.extracted(batch),
            ToStage::Warnings(w) => self.send(Event::Warnings(w)),
            ToStage::Progress(p) => {
                if !self.finished {
                    self.send(Event::Progress(p));
                }
            }
            ToStage::WorkerDone => self.workers_done += 1,
            ToStage::CacheWritten => self.cache_written = true,
            ToStage::Reextract(r) => self.reextract(r),
            ToStage::Round { workers } => {
                self.workers = workers;
                self.workers_done = 0;
                self.cache_written = false;
                self.finished = false;
            }
            ToStage::Forget(articles) => self.forget(articles),
        }
    }

    /// Surfaces seen from `first` on, to the app before anything that
    /// mentions them.
    fn send_surfaces(&self, first: usize) {
        let now = self.resolver.surfaces();
        if now > first {
            let infos = (first..now)
                .map(|s| self.resolver.surface(s as SurfaceId))
                .collect();
            self.send(Event::Surfaces(infos));
        }
    }

    fn listed(&mut self, batch: Vec<Listing>) {
        let first = self.resolver.surfaces();
        let mut out = Vec::with_capacity(batch.len());
        let mut early = Vec::new();
        let mut sketches = Vec::new();
        for l in batch {
            let article = self.listed;
            self.listed += 1;
            self.numbers.insert(l.origin, article);
            let tie = (u64::from(l.origin.file) << 32) | u64::from(l.origin.index);
            self.resolver.list(article, l.meta.sort_key(), tie);
            if let Some(t) = &mut self.threading {
                t.keys.push((l.meta.id.as_str().into(), tie));
            }
            let mentions = l.found.map(|f| self.add(article, f, &mut sketches));
            if let Some(found) = self.early.remove(&l.origin) {
                early.push((article, self.add(article, found, &mut sketches)));
            }
            out.push(Listed {
                article,
                origin: l.origin,
                meta: l.meta,
                body: l.body,
                mentions,
            });
        }
        self.send_surfaces(first);
        self.send(Event::Listed(out));
        if !early.is_empty() {
            self.send(Event::Mentions(early));
        }
        self.send_sketches(sketches);
    }

    fn extracted(&mut self, batch: Vec<(Origin, Found)>) {
        let first = self.resolver.surfaces();
        let mut out = Vec::with_capacity(batch.len());
        let mut sketches = Vec::new();
        for (origin, found) in batch {
            match self.numbers.get(&origin) {
                Some(&article) => out.push((article, self.add(article, found, &mut sketches))),
                // Its listing is on its way from another worker.
                None => {
                    self.early.insert(origin, found);
                }
            }
        }
        self.send_surfaces(first);
        if !out.is_empty() {
            self.send(Event::Mentions(out));
        }
        self.send_sketches(sketches);
    }

    /// Interns what was found in `article`, its mentions the result; its
    /// sketch joins the stories, or `sketches` when the load hands them
    /// out.
    fn add(
        &mut self,
        article: u32,
        found: Found,
        sketches: &mut Vec<(u32, Sketch)>,
    ) -> Vec<crate::resolve::Mention> {
        if self.gone.contains(&article) {
            return Vec::new();
        }
        match &mut self.threading {
            Some(t) => {
                let (id, tie) = &t.keys[article as usize];
                t.threader.add_tied(article, id, *tie, found.sketch);
                t.changed = true;
            }
            None => sketches.push((article, found.sketch)),
        }
        self.resolver.add(article, found.entities).mentions
    }

    fn send_sketches(&self, sketches: Vec<(u32, Sketch)>) {
        if !sketches.is_empty() {
            self.send(Event::Sketches(sketches));
        }
    }

    fn reextract(&mut self, r: Reextract) {
        self.extract_again(r);
        self.shared.reextracts.fetch_sub(1, Ordering::SeqCst);
    }

    fn extract_again(&mut self, r: Reextract) {
        let warn = |note: String| {
            self.send(Event::Warnings(vec![Note {
                at: Where::File(r.file),
                warning: Warning::new(&r.path, note),
            }]));
        };
        let entities = match Extractor::new().extract_contained(&r.body, r.date, &self.shared.stop)
        {
            Ok(Some(found)) => found,
            Ok(None) => return,
            Err(note) => {
                warn(note);
                ArticleEntities::default()
            }
        };
        let (found, note) = Found::new(&r.body, r.date, entities);
        if let Some(note) = note {
            warn(note);
        }
        let first = self.resolver.surfaces();
        let mut sketches = Vec::new();
        let mentions = self.add(r.article, found, &mut sketches);
        self.send_surfaces(first);
        self.send(Event::Mentions(vec![(r.article, mentions)]));
        self.send_sketches(sketches);
        if self.finished {
            self.pass();
            self.group();
        }
    }

    /// Gone articles count for nothing: their evidence is emptied (their
    /// numbers stay taken). Once the load is over, a pass says so.
    fn forget(&mut self, articles: Vec<u32>) {
        for a in articles {
            if self.gone.insert(a) {
                self.resolver.add(a, ArticleEntities::default());
                // Nor is it a report of any story.
                if let Some(t) = &mut self.threading {
                    t.threader.remove(a);
                    t.changed = true;
                }
            }
        }
        if self.finished {
            self.pass();
            self.group();
        }
    }

    /// A pass, sent to the app.
    fn pass(&mut self) {
        let r = self.resolver.resolve();
        self.schedule = self.schedule.next(self.resolver.extracted(), r.stats.took);
        self.send(Event::Resolved(Arc::new(r)));
    }

    /// A grouping into stories, sent to the app.
    fn group(&mut self) {
        let Some(t) = &mut self.threading else {
            return;
        };
        let start = Instant::now();
        let stories = t.threader.group();
        let took = start.elapsed();
        let articles = t.threader.len();
        t.cadence.grouped(articles, took);
        t.changed = false;
        let stats = GroupingStats {
            number: t.cadence.groupings(),
            articles: articles as u32,
            took,
            total: t.cadence.spent(),
        };
        self.send(Event::Stories(Arc::new(Grouping { stories, stats })));
    }

    /// Every worker is done, and the cache written: the last pass, then
    /// the end.
    fn finish(&mut self) {
        if self.resolver.changed() || self.schedule.passes == 0 {
            self.pass();
        }
        if self
            .threading
            .as_ref()
            .is_some_and(|t| t.changed || t.cadence.groupings() == 0)
        {
            self.group();
        }
        self.finished = true;
        self.shared.finished.store(true, Ordering::SeqCst);
        let p = *self.shared.progress.lock().expect("progress lock");
        self.send(Event::Finished(p));
    }
}
