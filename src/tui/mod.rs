//! The terminal: set up and restored (on quit, on error, on panic and on
//! SIGTERM/SIGHUP/SIGINT), and the event loop that turns events into
//! actions and draws after each batch.

pub mod keys;

use std::io::{self, Stdout, stdout};
use std::sync::Arc;
use std::sync::Once;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use crossterm::cursor::Show;
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::time::Instant;

use crate::app::{Action, App, Request, update};
use crate::ingest::{Event as LoadEvent, Ingest};
use crate::marks::Saver;
use crate::ui::{self, Theme};
use keys::KeyContext;

type Term = Terminal<CrosstermBackend<Stdout>>;

/// How long the loop waits for an event before checking for signals.
const POLL: Duration = Duration::from_millis(200);
/// ... and while background work may deliver results: about a frame.
const BUSY_POLL: Duration = Duration::from_millis(16);
/// Events handled before a frame is drawn, at most.
const MAX_BATCH: usize = 512;

/// Runs the reader until the user quits, fed by `ingest` when a load runs
/// in the background. The terminal is restored however this ends.
/// Read marks are saved through `marks` while the user pauses; the caller
/// saves them once more at the end.
pub fn run(
    app: &mut App,
    theme: Theme,
    ingest: Option<Ingest>,
    marks: Option<&mut Saver>,
) -> io::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    let watchdog = Watchdog::start(Arc::clone(&stop))?;
    let mut terminal = init()?;
    let mut world = World::new(ingest);
    world.marks = marks;
    let result = event_loop(&mut terminal, app, &theme, &stop, &mut world);
    restore();
    watchdog.stop();
    result
}

/// How long the event loop has to notice a signal before the watchdog
/// restores the terminal and exits on its own.
const SIGNAL_GRACE: Duration = Duration::from_millis(600);

/// Turns SIGTERM, SIGHUP and SIGINT into a clean exit. The loop is asked
/// first (it checks `stop` between events); if it does not finish in time,
/// the watchdog restores the terminal and exits itself. That second step is
/// not hypothetical: once the terminal hangs up, crossterm's input reader
/// can spin on end-of-file without ever returning to the loop.
struct Watchdog {
    handle: signal_hook::iterator::Handle,
    thread: std::thread::JoinHandle<()>,
}

impl Watchdog {
    fn start(stop: Arc<AtomicBool>) -> io::Result<Watchdog> {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
        let handle = signals.handle();
        let thread = std::thread::Builder::new()
            .name("lede-signals".into())
            .spawn(move || {
                if let Some(sig) = signals.forever().next() {
                    stop.store(true, Ordering::SeqCst);
                    std::thread::sleep(SIGNAL_GRACE);
                    restore();
                    std::process::exit(128 + sig);
                }
            })?;
        Ok(Watchdog { handle, thread })
    }

    fn stop(self) {
        self.handle.close();
        let _ = self.thread.join();
    }
}

/// Files bigger than this are read on a worker thread, not between frames.
const INLINE_READ_BYTES: u64 = 2 << 20;
/// Time spent applying background results before a frame is drawn.
const LOAD_BUDGET: Duration = Duration::from_millis(12);

/// What the app asks of the outside world, carried out: the background
/// load, and one-off jobs on worker threads whose answers come back as
/// actions.
pub struct World<'m> {
    ingest: Option<Ingest>,
    marks: Option<&'m mut Saver>,
    jobs_tx: Sender<Action>,
    jobs_rx: Receiver<Action>,
    /// Job threads still running.
    jobs: Arc<AtomicUsize>,
    /// The last `absorb` ran out of time with events left.
    backlog: bool,
}

impl World<'_> {
    pub fn new(ingest: Option<Ingest>) -> Self {
        let (jobs_tx, jobs_rx) = channel();
        World {
            ingest,
            marks: None,
            jobs_tx,
            jobs_rx,
            jobs: Arc::new(AtomicUsize::new(0)),
            backlog: false,
        }
    }

    /// Whether something may arrive without the user doing anything.
    pub fn busy(&self) -> bool {
        self.ingest.is_some() || self.jobs.load(Ordering::Relaxed) > 0
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
                    Request::ReadBody { ref path, .. }
                        if std::fs::metadata(path).is_ok_and(|m| m.len() <= INLINE_READ_BYTES) =>
                    {
                        let mut answers = Vec::new();
                        r.run(|a| answers.push(a));
                        for a in answers {
                            update(app, a);
                        }
                    }
                    other => {
                        let tx = self.jobs_tx.clone();
                        let jobs = Arc::clone(&self.jobs);
                        jobs.fetch_add(1, Ordering::Relaxed);
                        std::thread::spawn(move || {
                            other.run(|a| {
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
    fn save_marks(&mut self, app: &mut App) {
        if let Some(saver) = self.marks.as_deref_mut()
            && let Err(w) = saver.tick(&app.marks, Instant::now())
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
            let mut finished = false;
            loop {
                if start.elapsed() >= budget {
                    // More may be waiting: the loop comes back at once
                    // after checking for input.
                    self.backlog = true;
                    break;
                }
                match ingest.events.try_recv() {
                    Ok(ev) => {
                        finished |= matches!(ev, LoadEvent::Finished(_));
                        update(app, Action::from_load(ev));
                        any = true;
                    }
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        finished = true;
                        break;
                    }
                }
            }
            if finished {
                self.ingest = None;
            }
        }
        self.serve(app);
        any
    }
}

/// Raw mode, the alternate screen, mouse capture and bracketed paste (so
/// pasted text arrives as text, never as keystrokes: a pasted `q` must not
/// quit), with a panic hook that undoes them before the panic message is
/// printed.
pub fn init() -> io::Result<Term> {
    set_panic_hook();
    enable_raw_mode()?;
    let setup = execute!(
        stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )
    .and_then(|_| Terminal::new(CrosstermBackend::new(stdout())));
    if setup.is_err() {
        restore();
    }
    setup
}

/// Puts the terminal back as it was. Safe to call more than once.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        Show
    );
}

/// The thread that owns the screen (the one that called [`init`]).
static UI_THREAD: std::sync::OnceLock<std::thread::ThreadId> = std::sync::OnceLock::new();

/// A panic on the UI thread restores the terminal, then reports as usual.
/// One on a worker while the reader is up (parsing or extraction, which
/// [`crate::guard`] turns into a warning naming the report) leaves the
/// screen alone: restoring it, or printing over it, would wreck a reader
/// that goes on working.
fn set_panic_hook() {
    static HOOK: Once = Once::new();
    let _ = UI_THREAD.set(std::thread::current().id());
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let on_ui = UI_THREAD.get() == Some(&std::thread::current().id());
            if on_ui || !crossterm::terminal::is_raw_mode_enabled().unwrap_or(false) {
                restore();
                previous(info);
            }
        }));
    });
}

fn event_loop(
    terminal: &mut Term,
    app: &mut App,
    theme: &Theme,
    stop: &AtomicBool,
    world: &mut World,
) -> io::Result<()> {
    let size = terminal.size()?;
    update(app, Action::Resize(size.width, size.height));
    world.serve(app);
    loop {
        terminal.draw(|frame| ui::draw(frame, app, theme))?;
        // Wait for something to happen, checking for signals meanwhile;
        // while work runs in the background, wake up for its results too.
        loop {
            if app.should_quit || stop.load(Ordering::Relaxed) {
                return Ok(());
            }
            // Ranking a big filtered list goes on in slices between
            // events, so typing is answered while it runs.
            let ranking = app.wants_ticks();
            let wait = if ranking || world.backlog {
                Duration::ZERO
            } else if world.busy() {
                BUSY_POLL
            } else {
                POLL
            };
            if event::poll(wait)? {
                break;
            }
            // A pause: a good time to write what changed.
            world.save_marks(app);
            let mut changed = world.absorb(app, LOAD_BUDGET);
            if ranking {
                update(app, Action::Tick);
                changed = true;
            }
            if changed {
                terminal.draw(|frame| ui::draw(frame, app, theme))?;
            }
        }
        // Everything already waiting is one batch, drawn once. Runs of
        // resizes collapse into the last one: re-wrapping is the costly part.
        let mut resize = None;
        let mut handled = 0;
        while handled < MAX_BATCH && event::poll(Duration::ZERO)? {
            handled += 1;
            let ev = event::read()?;
            if let Event::Resize(w, h) = ev {
                resize = Some((w, h));
                continue;
            }
            if let Some((w, h)) = resize.take() {
                update(app, Action::Resize(w, h));
            }
            if let Some(action) = keys::event_action(&ev, KeyContext::of(app)) {
                update(app, action);
            }
            if app.should_quit {
                return Ok(());
            }
        }
        if let Some((w, h)) = resize {
            update(app, Action::Resize(w, h));
        }
        world.serve(app);
        world.absorb(app, LOAD_BUDGET);
    }
}
