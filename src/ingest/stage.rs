//! The resolution stage: the one thread everything the workers find
//! passes through on its way to the app. It numbers articles as it lists
//! them, interns each article's entities to surfaces (its mentions then
//! name surfaces, for good), keeps the evidence across articles, and runs
//! resolution passes on a geometric schedule, each an immutable
//! [`Resolution`] the app swaps in whole. Stories likewise, on a thread
//! of their own ([`Threading`], fed by the stage): every article's sketch
//! (from the cache or fresh) joins a [`Threader`], and groupings run on a
//! schedule of their own, each an immutable [`Grouping`]; a grouping
//! (seconds at 100,000 articles) never holds up a resolution pass. The
//! app never links entities or groups stories across the corpus itself,
//! and never waits for either.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
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

/// What the stage hands the stories' thread, in the order it learns it:
/// an article's listing before its sketch, and both after the app was
/// sent the article (a grouping names only articles the app has).
pub(super) enum ToStories {
    /// Articles listed, numbered on from the last: each one's id and
    /// where it came from (for the canonical order).
    Listed(Vec<(Box<str>, u64)>),
    /// Sketches of listed articles (a later one replaces an earlier).
    Sketches(Vec<(u32, Sketch)>),
    /// These articles are no report of any story any more.
    Remove(Vec<u32>),
    /// A round of the load begins: groupings on the schedule again.
    Round,
    /// Every sketch of the round is in, or the load is over and
    /// something changed: a grouping now (if anything changed).
    Now,
    /// The round's resolution is done: its last grouping (if anything
    /// changed), then the round's [`Event::Finished`], the last event.
    Finish(Progress),
}

/// The stories of the load, on a thread of their own: every article's
/// sketch, grouped on a schedule of its own (a grouping regroups the
/// whole corpus: see [`Cadence`]).
pub(super) struct Threading {
    rx: Receiver<ToStories>,
    tx: Sender<Event>,
    shared: Arc<Shared>,
    threader: Threader,
    /// Each listed article's id and where it came from (for the canonical
    /// order), by number: a sketch may come after its listing.
    keys: Vec<(Box<str>, u64)>,
    cadence: Cadence,
    /// A sketch was added since the last grouping.
    changed: bool,
    /// A round is loading: groupings run on the schedule.
    loading: bool,
}

/// The loop of the stage's threads: every message waiting is handled
/// before `tick` (so the pass or grouping it may start sees as much as
/// there is), and `tick` runs at least every 100 ms; over when the load
/// stops or no one can send any more.
fn serve<S, M>(
    s: &mut S,
    inbox: impl Fn(&S) -> (&Receiver<M>, &AtomicBool),
    handle: impl Fn(&mut S, M),
    tick: impl Fn(&mut S),
) {
    loop {
        match inbox(s).0.recv_timeout(Duration::from_millis(100)) {
            Ok(msg) => handle(s, msg),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        if inbox(s).1.load(Ordering::Relaxed) {
            return;
        }
        loop {
            match inbox(s).0.try_recv() {
                Ok(msg) => handle(s, msg),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => return,
            }
        }
        tick(s);
    }
}

impl Threading {
    /// Runs until the stage ends or the load stops.
    pub(super) fn run(mut self) {
        serve(
            &mut self,
            |t| (&t.rx, &t.shared.stop),
            Threading::handle,
            |t| {
                if t.loading && t.changed && t.cadence.due(t.threader.len()) {
                    t.group();
                }
            },
        );
    }

    fn handle(&mut self, msg: ToStories) {
        match msg {
            ToStories::Listed(keys) => self.keys.extend(keys),
            ToStories::Sketches(sketches) => {
                for (article, sketch) in sketches {
                    let (id, tie) = &self.keys[article as usize];
                    self.threader.add_tied(article, id, *tie, sketch);
                    self.changed = true;
                }
            }
            ToStories::Remove(articles) => {
                for a in articles {
                    self.threader.remove(a);
                    self.changed = true;
                }
            }
            ToStories::Round => self.loading = true,
            ToStories::Now => {
                if self.changed {
                    self.group();
                }
            }
            ToStories::Finish(p) => {
                if self.changed || self.cadence.groupings() == 0 {
                    self.group();
                }
                self.loading = false;
                let _ = self.tx.send(Event::Finished(p));
            }
        }
    }

    /// A grouping into stories, sent to the app. (`t`: the body is the
    /// one the stage ran when it grouped stories itself.)
    fn group(&mut self) {
        let t = self;
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
        let _ =
            t.tx.send(Event::Stories(Arc::new(Grouping { stories, stats })));
    }
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
    /// To the stories' thread; `None` when the load hands the sketches
    /// out instead ([`super::Options::keep_bodies`]: `lede extract` groups
    /// them once, at the end, under the ids it makes unique).
    stories: Option<Sender<ToStories>>,
}

impl Stage {
    /// The stage, and the stories' thread it feeds (to run beside it;
    /// none for a load that hands the sketches out).
    pub(super) fn new(
        rx: Receiver<ToStage>,
        tx: Sender<Event>,
        shared: Arc<Shared>,
        workers: usize,
    ) -> (Stage, Option<Threading>) {
        let (stories, threading) = if shared.keep_bodies {
            (None, None)
        } else {
            let (to_stories, rx) = std::sync::mpsc::channel();
            let threading = Threading {
                rx,
                tx: tx.clone(),
                shared: shared.clone(),
                threader: Threader::new(),
                keys: Vec::new(),
                cadence: Cadence::new(),
                changed: false,
                loading: true,
            };
            (Some(to_stories), Some(threading))
        };
        let stage = Stage {
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
            stories,
            shared,
        };
        (stage, threading)
    }

    /// Runs until the load is dropped.
    pub(super) fn run(mut self) {
        serve(
            &mut self,
            |s| (&s.rx, &s.shared.stop),
            Stage::handle,
            |s| {
                if !s.finished && s.workers_done >= s.workers && s.cache_written {
                    s.finish();
                } else if !s.finished && s.schedule.due(s.resolver.extracted()) {
                    s.pass();
                }
            },
        );
    }

    fn send(&self, e: Event) {
        let _ = self.tx.send(e);
    }

    fn to_stories(&self, msg: ToStories) {
        if let Some(stories) = &self.stories {
            let _ = stories.send(msg);
        }
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
                self.to_stories(ToStories::Round);
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
        let mut keys = Vec::new();
        for l in batch {
            let article = self.listed;
            self.listed += 1;
            self.numbers.insert(l.origin, article);
            let tie = (u64::from(l.origin.file) << 32) | u64::from(l.origin.index);
            self.resolver.list(article, l.meta.sort_key(), tie);
            if self.stories.is_some() {
                keys.push((l.meta.id.as_str().into(), tie));
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
        if !keys.is_empty() {
            self.to_stories(ToStories::Listed(keys));
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
    /// sketch joins `sketches` (for the stories' thread, or the app when
    /// the load hands them out).
    fn add(
        &mut self,
        article: u32,
        found: Found,
        sketches: &mut Vec<(u32, Sketch)>,
    ) -> Vec<crate::resolve::Mention> {
        if self.gone.contains(&article) {
            return Vec::new();
        }
        sketches.push((article, found.sketch));
        self.resolver.add(article, found.entities).mentions
    }

    /// After the articles they are of were sent to the app.
    fn send_sketches(&self, sketches: Vec<(u32, Sketch)>) {
        if sketches.is_empty() {
            return;
        }
        if self.stories.is_some() {
            self.to_stories(ToStories::Sketches(sketches));
        } else {
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
            self.to_stories(ToStories::Now);
        }
    }

    /// Gone articles count for nothing: their evidence is emptied (their
    /// numbers stay taken). Once the load is over, a pass says so.
    fn forget(&mut self, articles: Vec<u32>) {
        let mut gone = Vec::new();
        for a in articles {
            if self.gone.insert(a) {
                self.resolver.add(a, ArticleEntities::default());
                gone.push(a);
            }
        }
        // Nor is it a report of any story.
        if !gone.is_empty() {
            self.to_stories(ToStories::Remove(gone));
        }
        if self.finished {
            self.pass();
            self.to_stories(ToStories::Now);
        }
    }

    /// A pass, sent to the app.
    fn pass(&mut self) {
        let r = self.resolver.resolve();
        self.schedule = self.schedule.next(self.resolver.extracted(), r.stats.took);
        self.send(Event::Resolved(Arc::new(r)));
    }

    /// Every worker is done, and the cache written: the last pass, then
    /// the end (after the stories' last grouping, when they have a
    /// thread: the end is the last event).
    fn finish(&mut self) {
        // The stories' last grouping beside the last pass, not after it.
        self.to_stories(ToStories::Now);
        if self.resolver.changed() || self.schedule.passes == 0 {
            self.pass();
        }
        self.finished = true;
        self.shared.finished.store(true, Ordering::SeqCst);
        let p = *self.shared.progress.lock().expect("progress lock");
        if self.stories.is_some() {
            self.to_stories(ToStories::Finish(p));
        } else {
            self.send(Event::Finished(p));
        }
    }
}
