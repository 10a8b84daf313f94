//! The app's effects, carried out. The app only queues [`Request`]s and
//! applies [`Action`]s; this is where requests meet the world outside it
//! (files, worker threads, the background load, the feeds, the watched
//! folders) and their answers come back as actions: bodies (read back,
//! laid out, compared with their story's earlier reports for what is
//! new) and text scans. The terminal's event loop drives a [`World`];
//! tests and benchmarks use [`serve_here`], which does the same work on
//! the calling thread.

pub mod bodies;
pub mod feeds;
pub mod passages;
pub mod scan;
pub mod timeline;
pub mod words;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::time::{Duration, Instant};

use crate::app::layout::ReaderLayout;
use crate::app::library::count_surfaces;
use crate::app::words::Handoff;
use crate::app::{Action, App, Request, update};
use crate::corpus::Warning;
use crate::ingest::{Event as LoadEvent, Ingest};
use crate::marks::Saver;
use crate::watch::{Event as WatchEvent, Mode as WatchMode, Watcher};
use bodies::BodyReader;
use feeds::FeedSource;

/// Time spent applying background results before a frame is drawn.
pub const LOAD_BUDGET: Duration = Duration::from_millis(12);

/// What the app asks of the outside world, carried out: the background
/// load, the feeds, the watched folders, body reads, and one-off jobs on
/// worker threads whose answers come back as actions.
pub struct World<'m> {
    ingest: Option<Ingest>,
    /// The background load has a round under way.
    loading: bool,
    marks: Option<&'m mut Saver>,
    bodies: BodyReader,
    feeds: Option<FeedSource>,
    watcher: Option<Watcher>,
    jobs_tx: Sender<Action>,
    jobs_rx: Receiver<Action>,
    /// Job threads still running.
    jobs: Arc<AtomicUsize>,
    /// The last `absorb` ran out of time with events left.
    backlog: bool,
    /// Effects that need the terminal (a pager, a browser, the
    /// clipboard), for its event loop to carry out.
    effects: Vec<Request>,
}

impl<'m> World<'m> {
    pub fn new(ingest: Option<Ingest>) -> Self {
        let (jobs_tx, jobs_rx) = channel();
        World {
            loading: ingest.is_some(),
            ingest,
            marks: None,
            bodies: BodyReader::new(),
            feeds: None,
            watcher: None,
            jobs_tx,
            jobs_rx,
            jobs: Arc::new(AtomicUsize::new(0)),
            backlog: false,
            effects: Vec::new(),
        }
    }

    /// Saves read marks through `marks` while the user pauses.
    pub fn saving_marks(mut self, marks: Option<&'m mut Saver>) -> Self {
        self.marks = marks;
        self
    }

    /// Reads the stored feed items into the load, and fetches the feeds
    /// at once when `fetch_now`.
    pub fn with_feeds(mut self, mut feeds: FeedSource, fetch_now: bool) -> Self {
        feeds.read_store();
        if fetch_now {
            let _ = feeds.fetch(false);
        }
        self.feeds = Some(feeds);
        self
    }

    /// Takes in what `watcher` sees change in the opened folders.
    pub fn watching(mut self, watcher: Option<Watcher>) -> Self {
        self.watcher = watcher;
        self
    }

    /// The last [`World::absorb`] ran out of time with events left.
    pub fn has_backlog(&self) -> bool {
        self.backlog
    }

    /// Whether something may arrive without the user doing anything.
    pub fn busy(&self) -> bool {
        self.loading
            || self.jobs.load(Ordering::Relaxed) > 0
            || self.bodies.busy() > 0
            || self.feeds.as_ref().is_some_and(FeedSource::busy)
            || self.ingest.as_ref().is_some_and(|i| i.reextracting() > 0)
    }

    /// Carries out the app's requests: each on a worker thread (or the
    /// load's, or the feeds'), whose answers come back through `absorb`.
    pub fn serve(&mut self, app: &mut App) {
        loop {
            let requests = app.take_requests();
            if requests.is_empty() {
                return;
            }
            for r in requests {
                self.carry_out(app, r);
            }
        }
    }

    /// The effects that need the terminal, queued since the last call.
    pub fn take_effects(&mut self) -> Vec<Request> {
        std::mem::take(&mut self.effects)
    }

    fn carry_out(&mut self, app: &mut App, r: Request) {
        match r {
            Request::OpenUrl(_) | Request::Pager(_) | Request::Copy(_) => self.effects.push(r),
            Request::Prioritize(file) => {
                if let Some(i) = &self.ingest {
                    i.prioritize(file);
                }
            }
            Request::ExtractAgain {
                article,
                origin,
                path,
                body,
                date,
            } => {
                if let Some(i) = &self.ingest {
                    i.reextract(article as u32, origin.file, path, body, date);
                }
            }
            Request::Forget(articles) => {
                if let Some(i) = &self.ingest {
                    i.forget(articles.into_iter().map(|a| a as u32).collect());
                }
            }
            Request::ReadBody { article, at } => self.bodies.read(article, at),
            Request::Fetch => {
                let refused = match &mut self.feeds {
                    Some(f) => f.fetch(true).err(),
                    None => Some(
                        "no feeds in this reader: `lede --feeds` reads and fetches them".into(),
                    ),
                };
                if let Some(why) = refused {
                    update(app, Action::Note(why));
                }
            }
            Request::Rescan => match &self.watcher {
                Some(w) => {
                    w.rescan();
                    update(
                        app,
                        Action::Note("looking for new, changed and deleted files".into()),
                    );
                }
                None => update(
                    app,
                    Action::Note("no folder is watched: only the folders lede opens are".into()),
                ),
            },
            other => {
                let tx = self.jobs_tx.clone();
                let jobs = Arc::clone(&self.jobs);
                jobs.fetch_add(1, Ordering::Relaxed);
                std::thread::spawn(move || {
                    run(other, |a| {
                        let _ = tx.send(a);
                    });
                    jobs.fetch_sub(1, Ordering::Relaxed);
                });
            }
        }
    }

    /// Saves read marks that changed, if it is time.
    pub fn save_marks(&mut self, app: &mut App) {
        if let Some(saver) = self.marks.as_deref_mut()
            && let Err(w) = saver.tick(app.library.marks(), Instant::now())
        {
            update(app, Action::SaveFailed(w));
        }
    }

    /// Applies what arrived from the background, for at most `budget`.
    pub fn absorb(&mut self, app: &mut App, budget: Duration) -> bool {
        let start = Instant::now();
        let mut any = false;
        self.backlog = false;
        // The jobs' answers within the budget too (a word index's segments
        // and reads can pile up behind a busy moment): the rest waits for
        // the next pass, after the terminal is read.
        while start.elapsed() < budget {
            let Ok(a) = self.jobs_rx.try_recv() else {
                break;
            };
            update(app, a);
            any = true;
        }
        if start.elapsed() >= budget {
            self.backlog = true;
        }
        while let Some(a) = self.bodies.try_answer() {
            update(app, a);
            any = true;
        }
        any |= self.absorb_feeds(app);
        any |= self.absorb_watcher(app);
        if let Some(ingest) = &self.ingest {
            let mut gone = false;
            loop {
                if start.elapsed() >= budget {
                    // More may be waiting: the loop comes back at once
                    // after checking for input.
                    self.backlog = true;
                    break;
                }
                match ingest.events.try_recv() {
                    Ok(ev) => {
                        if matches!(ev, LoadEvent::Finished(_)) {
                            self.loading = false;
                        }
                        if let Some(a) = Action::from_load(ev) {
                            update(app, a);
                        }
                        any = true;
                    }
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        gone = true;
                        break;
                    }
                }
            }
            if gone {
                // (Kept after the load otherwise: it extracts changed
                // files again, and reads what appears.)
                self.ingest = None;
                self.loading = false;
            }
        }
        self.serve(app);
        any
    }

    /// Feed items stored since the last look go to the load (their tags
    /// and the items they replace to the app first), the fetch's progress
    /// to the status line.
    fn absorb_feeds(&mut self, app: &mut App) -> bool {
        let Some(f) = &mut self.feeds else {
            return false;
        };
        let news = f.poll();
        let any = !news.actions.is_empty() || !news.articles.is_empty();
        for a in news.actions {
            update(app, a);
        }
        if !news.articles.is_empty()
            && let Some(i) = &self.ingest
        {
            i.add_articles(news.articles);
            self.loading = true;
        }
        any
    }

    /// Files that appeared, changed or went in the opened folders: their
    /// old articles leave, and the load reads what is there now.
    fn absorb_watcher(&mut self, app: &mut App) -> bool {
        let Some(w) = &self.watcher else {
            return false;
        };
        let mut any = false;
        while let Some(ev) = w.try_recv() {
            any = true;
            match ev {
                WatchEvent::Changes(c) => {
                    let read: Vec<PathBuf> = c.added.iter().chain(&c.changed).cloned().collect();
                    let mut gone = c.removed;
                    gone.extend(read.iter().cloned());
                    update(
                        app,
                        Action::FilesChanged {
                            gone,
                            added: c.added,
                        },
                    );
                    if let Some(i) = &self.ingest
                        && !read.is_empty()
                    {
                        i.add_paths(read);
                        self.loading = true;
                    }
                }
                WatchEvent::Mode(WatchMode::Polling(why)) => update(
                    app,
                    Action::LoadWarnings(vec![Warning::new(
                        "",
                        format!("the opened folders are looked at every few seconds: {why}"),
                    )]),
                ),
                WatchEvent::Mode(WatchMode::Notify) => {}
                WatchEvent::Warning(w) => update(app, Action::LoadWarnings(vec![w])),
            }
        }
        any
    }

    /// Carries out requests and applies what comes back until nothing is
    /// left to wait for: the load over, no job or re-extraction running.
    /// What tests and benchmarks do instead of the event loop; `false`
    /// when `timeout` passed first.
    pub fn settle(&mut self, app: &mut App, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            self.serve(app);
            let idle = !self.busy();
            // An answer absorbed can ask for more work (a changed body is
            // extracted again): settled only when nothing came either.
            let any = self.absorb(app, Duration::from_secs(1));
            if idle && !any && !self.backlog && !self.busy() {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    }
}

/// Carries `request` out on this thread, handing each answer to `emit`.
/// A request for the background load has no answer here.
pub fn run(request: Request, mut emit: impl FnMut(Action)) {
    let answer = match request {
        Request::Prioritize(_)
        | Request::ExtractAgain { .. }
        | Request::Forget(_)
        | Request::Fetch
        | Request::Rescan
        | Request::OpenUrl(_)
        | Request::Pager(_)
        | Request::Copy(_) => return,
        Request::ScanText {
            generation,
            phrases,
            items,
            cancel,
        } => {
            scan::scan_text(generation, &phrases, items, &cancel.0, emit);
            return;
        }
        Request::ReadBody { article, at } => Action::BodyRead {
            article,
            result: bodies::read_body(&at),
        },
        Request::Layout {
            article,
            meta,
            body,
            width,
        } => Action::LayoutReady(Box::new(ReaderLayout::new(article, &meta, body, width))),
        Request::NewPassages {
            of,
            body,
            earlier,
            cancel,
        } => match passages::new_passages(&body, &earlier, &cancel.0) {
            Some(ranges) => Action::NewPassages { of, ranges },
            None => return,
        },
        Request::ReadWords { items } => {
            words::read_words(items, emit);
            return;
        }
        Request::BuildWords(job) => match job.take() {
            Some(job) => Action::WordsBuilt(Handoff::new(job.run())),
            None => return,
        },
        Request::MergeWords(job) => match job.take() {
            Some(job) => Action::WordsMerged(Handoff::new(job.run())),
            None => return,
        },
        Request::ListedCounts {
            key,
            reports,
            mentions,
            surfaces,
            cancel,
        } => match count_surfaces(&mentions, &reports, surfaces, &cancel.0) {
            Some(counts) => Action::ListedCounted { key, counts },
            None => return,
        },
        Request::Company {
            of,
            articles,
            map,
            cancel,
        } => match timeline::company(of.entity, &articles, &map, &cancel.0) {
            Some(rows) => Action::CompanyFound { of, rows },
            None => return,
        },
        Request::Timeline {
            of,
            articles,
            map,
            cancel,
        } => {
            let Some((found, items)) = timeline::timeline(of, &articles, &map, &cancel.0) else {
                return;
            };
            let dated = found.is_some();
            emit(Action::TimelineFound {
                of,
                timeline: found.map(Box::new),
            });
            if !dated {
                return;
            }
            match timeline::dates_in_texts(&items, &cancel.0) {
                Some(dates) => Action::TextDates { of, dates },
                None => return,
            }
        }
    };
    emit(answer);
}

/// Carries out every queued request on this thread, feeding the answers
/// back, until none is left: what tests and benchmarks do instead of the
/// event loop (which runs the slow ones on worker threads).
pub fn serve_here(app: &mut App) {
    serve_here_with(app, update);
}

/// [`serve_here`], each answer handed to `apply` (which applies it to the
/// app, timing it, say) rather than straight to `update`.
pub fn serve_here_with(app: &mut App, mut apply: impl FnMut(&mut App, Action)) {
    loop {
        let requests = app.take_requests();
        if requests.is_empty() {
            return;
        }
        for r in requests {
            let mut answers = Vec::new();
            run(r, |a| answers.push(a));
            for a in answers {
                apply(app, a);
            }
        }
    }
}
