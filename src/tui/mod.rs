//! The terminal: set up and restored (on quit, on error, on panic and on
//! SIGTERM/SIGHUP/SIGINT), and the event loop that turns events into
//! actions and draws after each batch.

pub mod keys;

use std::io::{self, Stdout, stdout};
use std::sync::Arc;
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};
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

use crate::app::{Action, App, update};
use crate::ingest::Ingest;
use crate::marks::Saver;
use crate::ui::{self, Theme};
use crate::world::{LOAD_BUDGET, World};
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
    let mut world = World::new(ingest).saving_marks(marks);
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
            if app.chrome.should_quit() || stop.load(Ordering::Relaxed) {
                return Ok(());
            }
            // Ranking a big filtered list goes on in slices between
            // events, so typing is answered while it runs.
            let ranking = app.wants_ticks();
            let wait = if ranking || world.has_backlog() {
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
            if app.chrome.should_quit() {
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
