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
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::app::{Action, App, update};
use crate::ui::{self, Theme};
use keys::KeyContext;

type Term = Terminal<CrosstermBackend<Stdout>>;

/// How long the loop waits for an event before checking for signals.
const POLL: Duration = Duration::from_millis(200);
/// Events handled before a frame is drawn, at most.
const MAX_BATCH: usize = 512;

/// Runs the reader until the user quits. The terminal is restored however
/// this ends.
pub fn run(app: &mut App, theme: Theme) -> io::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }
    let mut terminal = init()?;
    let result = event_loop(&mut terminal, app, &theme, &stop);
    restore();
    result
}

/// Raw mode, the alternate screen and mouse capture, with a panic hook
/// that undoes them before the panic message is printed.
pub fn init() -> io::Result<Term> {
    set_panic_hook();
    enable_raw_mode()?;
    let setup = execute!(stdout(), EnterAlternateScreen, EnableMouseCapture)
        .and_then(|_| Terminal::new(CrosstermBackend::new(stdout())));
    if setup.is_err() {
        restore();
    }
    setup
}

/// Puts the terminal back as it was. Safe to call more than once.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(stdout(), DisableMouseCapture, LeaveAlternateScreen, Show);
}

fn set_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

fn event_loop(
    terminal: &mut Term,
    app: &mut App,
    theme: &Theme,
    stop: &AtomicBool,
) -> io::Result<()> {
    let size = terminal.size()?;
    update(app, Action::Resize(size.width, size.height));
    loop {
        terminal.draw(|frame| ui::draw(frame, app, theme))?;
        // Wait for something to happen, checking for signals meanwhile.
        loop {
            if app.should_quit || stop.load(Ordering::Relaxed) {
                return Ok(());
            }
            if event::poll(POLL)? {
                break;
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
    }
}
