//! The app's effects, carried out. The app only queues [`Request`]s and
//! applies [`Action`]s; this is where requests meet the world outside it
//! (files, worker threads, the background load) and their answers come
//! back as actions: bodies (read back, laid out, compared with their
//! story's earlier reports for what is new) and text scans. The terminal's event loop drives a [`World`]; tests
//! and benchmarks use [`serve_here`], which does the same work on the
//! calling thread.

pub mod bodies;
pub mod passages;
pub mod scan;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::time::{Duration, Instant};

use crate::app::layout::ReaderLayout;
use crate::app::{Action, App, Request, update};
use crate::ingest::{Event as LoadEvent, Ingest};
use crate::marks::Saver;

/// Files bigger than this are read on a worker thread, not between frames.
const INLINE_READ_BYTES: u64 = 2 << 20;
/// Time spent applying background results before a frame is drawn.
pub const LOAD_BUDGET: Duration = Duration::from_millis(12);

/// What the app asks of the outside world, carried out: the background
/// load, and one-off jobs on worker threads whose answers come back as
/// actions.
pub struct World<'m> {
    ingest: Option<Ingest>,
    /// The background load has not finished yet.
    loading: bool,
    marks: Option<&'m mut Saver>,
    jobs_tx: Sender<Action>,
    jobs_rx: Receiver<Action>,
    /// Job threads still running.
    jobs: Arc<AtomicUsize>,
    /// The last `absorb` ran out of time with events left.
    backlog: bool,
}

impl<'m> World<'m> {
    pub fn new(ingest: Option<Ingest>) -> Self {
        let (jobs_tx, jobs_rx) = channel();
        World {
            loading: ingest.is_some(),
            ingest,
            marks: None,
            jobs_tx,
            jobs_rx,
            jobs: Arc::new(AtomicUsize::new(0)),
            backlog: false,
        }
    }

    /// Saves read marks through `marks` while the user pauses.
    pub fn saving_marks(mut self, marks: Option<&'m mut Saver>) -> Self {
        self.marks = marks;
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
            || self.ingest.as_ref().is_some_and(|i| i.reextracting() > 0)
    }

    /// Carries out the app's requests: small reads at once, the rest on
    /// worker threads whose answers come back through `absorb`.
    pub fn serve(&mut self, app: &mut App) {
        loop {
            let requests = app.take_requests();
            if requests.is_empty() {
                return;
            }
            for r in requests {
                match r {
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
                    Request::ReadBody { ref path, .. }
                        if std::fs::metadata(path).is_ok_and(|m| m.len() <= INLINE_READ_BYTES) =>
                    {
                        let mut answers = Vec::new();
                        run(r, |a| answers.push(a));
                        for a in answers {
                            update(app, a);
                        }
                    }
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
        while let Ok(a) = self.jobs_rx.try_recv() {
            update(app, a);
            any = true;
        }
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
                // files again.)
                self.ingest = None;
                self.loading = false;
            }
        }
        self.serve(app);
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
            self.absorb(app, Duration::from_secs(1));
            if idle && !self.backlog {
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
    emit(match request {
        Request::Prioritize(_) | Request::ExtractAgain { .. } => return,
        Request::ScanText {
            generation,
            phrases,
            items,
            cancel,
        } => {
            scan::scan_text(generation, &phrases, items, &cancel.0, emit);
            return;
        }
        Request::ReadBody {
            article,
            path,
            index,
            len,
            hash,
        } => Action::BodyRead {
            article,
            result: bodies::read_body(&path, index, len, hash),
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
    });
}

/// Carries out every queued request on this thread, feeding the answers
/// back, until none is left: what tests and benchmarks do instead of the
/// event loop (which runs the slow ones on worker threads).
pub fn serve_here(app: &mut App) {
    loop {
        let requests = app.take_requests();
        if requests.is_empty() {
            return;
        }
        for r in requests {
            let mut answers = Vec::new();
            run(r, |a| answers.push(a));
            for a in answers {
                update(app, a);
            }
        }
    }
}
