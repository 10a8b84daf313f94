//! The terminal: set up and restored (on quit, on error, on panic, on
//! SIGTERM/SIGHUP/SIGINT/SIGQUIT, and around a suspension: Ctrl-Z or
//! SIGTSTP, then `fg`), and the event loop that turns events into actions
//! and draws after each batch.

pub mod effects;
pub mod keys;

use std::io::{self, Stdout, stdout};
use std::sync::Arc;
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossterm::cursor::Show;
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyCode, KeyEventKind, KeyModifiers,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::app::{Action, App, Request, update};
use crate::ui::{self, Theme};
use crate::world::{LOAD_BUDGET, World};
use keys::KeyContext;

type Term = Terminal<CrosstermBackend<Stdout>>;

/// How long the loop waits for an event before checking for signals.
const POLL: Duration = Duration::from_millis(100);
/// ... and while background work may deliver results: about a frame.
const BUSY_POLL: Duration = Duration::from_millis(16);
/// The shortest wait: the terminal is read only by a wait that is not
/// zero (crossterm reads the terminal in a poll with a timeout), and a
/// millisecond returns at once when input is there.
const MIN_POLL: Duration = Duration::from_millis(1);
/// Reading what is pending stops after this long (a flood that never
/// ends still gets drawn) ...
const DRAIN_TIME: Duration = Duration::from_millis(20);
/// ... and applying it is drawn at least this often.
const FRAME: Duration = Duration::from_millis(50);

/// Runs the reader until the user quits, its requests carried out by
/// `world` (the background load, feeds, watched folders, read marks
/// saved while the user pauses; the caller saves them once more at the
/// end). The terminal is restored however this ends.
pub fn run(app: &mut App, theme: Theme, mut world: World) -> io::Result<()> {
    let signals = Arc::new(Flags::default());
    let watchdog = Watchdog::start(Arc::clone(&signals))?;
    let mut terminal = init()?;
    let result = event_loop(&mut terminal, app, &theme, &signals, &mut world);
    restore();
    watchdog.stop();
    result
}

/// How long the event loop has to notice a signal before the watchdog
/// acts on its own (restores the terminal, and exits or stops).
const SIGNAL_GRACE: Duration = Duration::from_millis(600);

/// What the signal thread tells the event loop.
#[derive(Default)]
struct Flags {
    /// SIGTERM, SIGHUP, SIGINT or SIGQUIT: quit.
    stop: AtomicBool,
    /// SIGTSTP: put the terminal back and stop (the loop clears it when
    /// it does).
    suspend: AtomicBool,
    /// SIGCONT: the terminal is ours again: set it up and draw it all.
    resumed: AtomicBool,
    /// A pager or browser runs in the foreground: SIGINT and SIGQUIT
    /// (Ctrl-C in it) are its own, not lede's.
    child: AtomicBool,
}

/// Turns signals into what a full-screen program owes its terminal.
/// SIGTERM, SIGHUP, SIGINT and SIGQUIT end lede cleanly: the loop is
/// asked first (it checks between events); if it does not finish in
/// time, the watchdog restores the terminal and exits itself. That second
/// step is not hypothetical: once the terminal hangs up, crossterm's
/// input reader could spin on end-of-file without ever returning to the
/// loop. SIGTSTP (a `kill -TSTP`; Ctrl-Z itself is a key in raw mode)
/// restores the terminal before lede stops, the same way, and SIGCONT
/// (`fg`) has the loop set it up again and redraw.
struct Watchdog {
    handle: signal_hook::iterator::Handle,
    thread: std::thread::JoinHandle<()>,
}

impl Watchdog {
    fn start(flags: Arc<Flags>) -> io::Result<Watchdog> {
        use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
        let mut signals = signal_hook::iterator::Signals::new([
            SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT,
        ])?;
        let handle = signals.handle();
        let thread = std::thread::Builder::new()
            .name("lede-signals".into())
            .spawn(move || {
                for sig in signals.forever() {
                    match sig {
                        SIGCONT => flags.resumed.store(true, Ordering::SeqCst),
                        SIGTSTP => {
                            flags.suspend.store(true, Ordering::SeqCst);
                            if !cleared_in_time(&flags.suspend) {
                                // The loop is stuck: restore and stop
                                // from here; it sets the terminal up
                                // again when it comes back.
                                flags.suspend.store(false, Ordering::SeqCst);
                                restore();
                                stop_process();
                            }
                        }
                        SIGINT | SIGQUIT if flags.child.load(Ordering::SeqCst) => {}
                        _ => {
                            flags.stop.store(true, Ordering::SeqCst);
                            std::thread::sleep(SIGNAL_GRACE);
                            restore();
                            std::process::exit(128 + sig);
                        }
                    }
                }
            })?;
        Ok(Watchdog { handle, thread })
    }

    fn stop(self) {
        self.handle.close();
        let _ = self.thread.join();
    }
}

/// Whether `flag` is cleared within [`SIGNAL_GRACE`].
fn cleared_in_time(flag: &AtomicBool) -> bool {
    let start = Instant::now();
    while start.elapsed() < SIGNAL_GRACE {
        if !flag.load(Ordering::SeqCst) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    false
}

/// Stops the whole process, as a shell's job: SIGSTOP, which (unlike
/// SIGTSTP) cannot be caught or ignored. Returns when it is continued.
fn stop_process() {
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGSTOP);
}

/// Puts the terminal back, stops lede until `fg` continues it, then sets
/// the terminal up again and draws it whole.
fn suspend(terminal: &mut Term, app: &mut App, theme: &Theme, flags: &Flags) -> io::Result<()> {
    restore();
    stop_process();
    flags.resumed.store(false, Ordering::SeqCst);
    reenter(terminal, app, theme)
}

/// The terminal set up again (after `fg`, or a stop lede did not see
/// coming), at the size it has now (it may have changed meanwhile), and
/// drawn whole. Not with `Terminal::clear`: that asks the terminal where
/// its cursor is and gives up with an error (ending lede) when no answer
/// comes within 2 s, as from a terminal that does not answer the query.
fn reenter(terminal: &mut Term, app: &mut App, theme: &Theme) -> io::Result<()> {
    let size = set_up_again(terminal)?;
    update(app, Action::Resize(size.width, size.height));
    terminal.draw(|frame| ui::draw(frame, app, theme))?;
    Ok(())
}

/// Raw mode, the alternate screen, the mouse and bracketed paste again,
/// the screen cleared and what was drawn forgotten (the next frame is
/// drawn whole); the terminal's size now.
fn set_up_again(terminal: &mut Term) -> io::Result<ratatui::layout::Size> {
    enable_raw_mode()?;
    execute!(
        stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    let size = terminal.size()?;
    terminal.resize(size.into())?;
    Ok(size)
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
    flags: &Flags,
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
            if app.chrome.should_quit() || flags.stop.load(Ordering::Relaxed) {
                return Ok(());
            }
            if flags.suspend.swap(false, Ordering::SeqCst) {
                suspend(terminal, app, theme, flags)?;
            }
            if flags.resumed.swap(false, Ordering::SeqCst) {
                reenter(terminal, app, theme)?;
            }
            // Ranking a big filtered list goes on in slices between
            // events, so typing is answered while it runs.
            let ranking = app.wants_ticks();
            let wait = if ranking || world.has_backlog() {
                MIN_POLL
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
        // Everything waiting is read at once (a paste or a macro of
        // thousands of keys, a flood of mouse reports): Ctrl-C among it
        // quits at once; the rest is applied in order, drawn as it goes.
        let events = drain()?;
        if events.iter().any(is_ctrl_c) {
            return Ok(());
        }
        let mut drawn = Instant::now();
        let mut resize = None;
        for ev in events {
            // Runs of resizes collapse into the last one: re-wrapping is
            // the costly part.
            if let Event::Resize(w, h) = ev {
                resize = Some((w, h));
                continue;
            }
            if let Some((w, h)) = resize.take() {
                update(app, Action::Resize(w, h));
            }
            let cx = KeyContext::of(app);
            let mut wants_effect = false;
            if let Some(action) = keys::event_action(&ev, cx, app.chrome.bindings()) {
                wants_effect = matches!(action, Action::OpenUrl | Action::Pager | Action::Copy);
                update(app, action);
            }
            if app.chrome.should_quit() {
                return Ok(());
            }
            let mut redraw = false;
            if wants_effect {
                world.serve(app);
                redraw = carry_out_effects(terminal, app, world, flags)?;
            }
            if app.chrome.take_suspend() {
                world.serve(app);
                suspend(terminal, app, theme, flags)?;
                redraw = true;
            }
            if redraw || drawn.elapsed() >= FRAME {
                world.serve(app);
                world.absorb(app, LOAD_BUDGET);
                terminal.draw(|frame| ui::draw(frame, app, theme))?;
                drawn = Instant::now();
            }
        }
        if let Some((w, h)) = resize {
            update(app, Action::Resize(w, h));
        }
        world.serve(app);
        world.absorb(app, LOAD_BUDGET);
    }
}

/// The screen put back while a program runs in the foreground, as for
/// Ctrl-Z, and set up again after.
struct Suspended<'t> {
    terminal: &'t mut Term,
    flags: &'t Flags,
}

impl effects::Foreground for Suspended<'_> {
    fn run(&mut self, cmd: &mut std::process::Command) -> io::Result<std::process::ExitStatus> {
        restore();
        self.flags.child.store(true, Ordering::SeqCst);
        let status = cmd.status();
        self.flags.child.store(false, Ordering::SeqCst);
        set_up_again(self.terminal)?;
        status
    }
}

/// Carries out the effects the world set aside for the terminal; whether
/// the screen must be drawn whole again.
fn carry_out_effects(
    terminal: &mut Term,
    app: &mut App,
    world: &mut World,
    flags: &Flags,
) -> io::Result<bool> {
    let mut redraw = false;
    for request in world.take_effects() {
        redraw |= matches!(request, Request::Pager(_) | Request::OpenUrl(_));
        let mut fg = Suspended { terminal, flags };
        if let Some(said) = effects::carry_out(request, &mut fg) {
            update(app, Action::Note(said));
        }
    }
    if redraw {
        // The window may have been resized while the program ran.
        let size = terminal.size()?;
        update(app, Action::Resize(size.width, size.height));
    }
    Ok(redraw)
}

/// Every event pending now, read within [`DRAIN_TIME`].
fn drain() -> io::Result<Vec<Event>> {
    let start = Instant::now();
    let mut events = Vec::new();
    while start.elapsed() < DRAIN_TIME && event::poll(MIN_POLL)? {
        events.push(event::read()?);
    }
    Ok(events)
}

fn is_ctrl_c(ev: &Event) -> bool {
    matches!(ev, Event::Key(k) if k.kind != KeyEventKind::Release
        && k.code == KeyCode::Char('c')
        && k.modifiers.contains(KeyModifiers::CONTROL))
}
