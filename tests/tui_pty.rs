//! End to end: the real `lede` binary in a pseudo-terminal, its output fed
//! to a vt100 parser, keys typed as a user would. Every wait has a
//! deadline (the screen is polled, never a fixed sleep alone), and the
//! child is killed if a test fails.

use std::io::Write;
use std::num::NonZeroU16;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const DEADLINE: Duration = Duration::from_secs(10);

struct Session {
    child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    output: Receiver<Vec<u8>>,
    reader: Option<(Arc<AtomicBool>, std::thread::JoinHandle<()>)>,
    parser: vt100::Parser,
    _dir: tempfile::TempDir,
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

impl Session {
    /// Starts `lede args` in a `cols` x `rows` terminal, in an empty folder
    /// (so no PATH means the bundled sample).
    fn start(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Session {
        Session::start_program(env!("CARGO_BIN_EXE_lede").as_ref(), args, cols, rows, env)
    }

    fn start_program(
        program: &std::path::Path,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Session {
        let pty = native_pty_system()
            .openpty(size(cols, rows))
            .expect("a pseudo-terminal");
        let dir = tempfile::tempdir().unwrap();
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(dir.path());
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        // What lede keeps of its own goes in the test's folder, never the
        // user's, unless the test says where.
        cmd.env("LEDE_STATE_DIR", dir.path().join("state"));
        cmd.env("LEDE_CACHE_DIR", dir.path().join("cache"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).expect("lede starts");
        drop(pty.slave);
        let writer = pty.master.take_writer().unwrap();
        // Our own reader of a non-blocking duplicate of the master, so it
        // can let go of the terminal when asked ([`Session::hang_up`]): a
        // blocking reader would hold the master open for ever.
        use nix::errno::Errno;
        use nix::fcntl::{FcntlArg, OFlag, fcntl};
        let fd = nix::unistd::dup(pty.master.as_raw_fd().expect("a unix pty"))
            .expect("dup the pty master");
        fcntl(fd, FcntlArg::F_SETFL(OFlag::O_NONBLOCK)).expect("a non-blocking master");
        let stop = Arc::new(AtomicBool::new(false));
        let (tx, rx) = channel();
        let reader_stop = Arc::clone(&stop);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while !reader_stop.load(Ordering::Relaxed) {
                match nix::unistd::read(fd, &mut buf) {
                    Err(Errno::EAGAIN) => std::thread::sleep(Duration::from_millis(5)),
                    Err(Errno::EINTR) => {}
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
            let _ = nix::unistd::close(fd);
        });
        let nz = |n: u16| NonZeroU16::new(n).unwrap();
        Session {
            child,
            master: Some(pty.master),
            writer: Some(writer),
            output: rx,
            reader: Some((stop, reader)),
            parser: vt100::Parser::new(nz(rows), nz(cols), 0),
            _dir: dir,
        }
    }

    /// Closes the terminal from the outside, as when its window goes: every
    /// handle on the master side is let go, so the kernel hangs it up.
    fn hang_up(&mut self) {
        self.writer = None;
        self.master = None;
        if let Some((stop, thread)) = self.reader.take() {
            stop.store(true, Ordering::Relaxed);
            let _ = thread.join();
        }
    }

    fn pump(&mut self) {
        while let Ok(bytes) = self.output.try_recv() {
            self.parser.process(&bytes);
        }
    }

    fn screen(&self) -> &vt100::Screen {
        self.parser.screen()
    }

    fn text(&self) -> String {
        self.screen().contents()
    }

    /// The last row of the screen.
    fn status(&self) -> String {
        self.text().lines().last().unwrap_or("").to_string()
    }

    /// Waits until `ready` holds for the screen; panics (showing the
    /// screen) at the deadline.
    fn wait(&mut self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        loop {
            self.pump();
            if ready(self.screen()) {
                return;
            }
            if start.elapsed() > DEADLINE {
                panic!("timed out waiting for {what}; the screen:\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the background load is over: every article listed,
    /// the gauge gone (reports, the bundled sample too, load in the
    /// background).
    fn wait_loaded(&mut self, articles: &str) {
        let all = format!("{articles} articles");
        self.wait(&format!("the load of {articles}"), move |sc| {
            let t = sc.contents();
            let status = t.lines().last().unwrap_or("");
            status.contains(&all) && !status.contains('⟳')
        });
    }

    fn wait_text(&mut self, needle: &str) {
        let n = needle.to_string();
        self.wait(&format!("{needle:?}"), move |s| s.contents().contains(&n));
    }

    fn send(&mut self, keys: &str) {
        let w = self.writer.as_mut().expect("the terminal is open");
        w.write_all(keys.as_bytes()).unwrap();
        w.flush().unwrap();
    }

    /// A lone Esc: sent by itself, so it is not read as Alt plus the next key.
    fn esc(&mut self) {
        std::thread::sleep(Duration::from_millis(50));
        self.send("\x1b");
        std::thread::sleep(Duration::from_millis(100));
    }

    fn resize(&mut self, cols: u16, rows: u16) {
        let m = self.master.as_ref().expect("the terminal is open");
        m.resize(size(cols, rows)).unwrap();
        let nz = |n: u16| NonZeroU16::new(n).unwrap();
        self.parser.screen_mut().set_size(nz(rows), nz(cols));
    }

    /// Waits for the child to exit; its success.
    fn wait_exit(&mut self) -> bool {
        let start = Instant::now();
        loop {
            self.pump();
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the last bytes in.
                std::thread::sleep(Duration::from_millis(50));
                self.pump();
                return status.success();
            }
            if start.elapsed() > DEADLINE {
                panic!("lede did not exit; the screen:\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Whether the terminal is in canonical (cooked) mode with echo, as a
    /// shell leaves it; raw mode turns both off. `None` where the pty cannot
    /// tell.
    fn cooked(&self) -> Option<bool> {
        let t = self.master.as_ref()?.get_termios()?;
        let flags = format!("{:?}", t.local_flags);
        Some(flags.contains("ICANON") && flags.contains("ECHO"))
    }

    /// The terminal is as lede found it: cooked mode, main screen, cursor
    /// shown, no mouse reporting.
    fn assert_restored(&self) {
        assert_eq!(self.cooked(), Some(true), "still in raw mode");
        let s = self.screen();
        assert!(!s.alternate_screen(), "still on the alternate screen");
        assert!(!s.hide_cursor(), "the cursor is still hidden");
        assert_eq!(
            s.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse capture still on"
        );
        assert!(!s.bracketed_paste(), "bracketed paste still on");
    }

    /// Cells of row `y` that are drawn reversed, as text.
    fn reversed_runs(&self) -> Vec<String> {
        let s = self.screen();
        let (rows, cols) = s.size();
        let mut runs = Vec::new();
        for y in 0..rows.get() {
            let mut run = String::new();
            for x in 0..cols.get() {
                let c = s.cell(y, x).unwrap();
                if c.inverse() {
                    run.push_str(c.contents());
                } else if !run.is_empty() {
                    runs.push(std::mem::take(&mut run));
                }
            }
            if !run.is_empty() {
                runs.push(run);
            }
        }
        runs
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

#[test]
fn opens_filters_shows_help_and_quits_restoring_the_terminal() {
    let mut s = Session::start(&[], 100, 30, &[]);
    s.wait("the reader", |sc| {
        let t = sc.contents();
        t.contains("Articles") && t.contains("Reader") && t.contains("2/2 articles")
    });
    assert!(s.screen().alternate_screen());
    assert_ne!(
        s.screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::None
    );
    // The newest article opens once the load is over.
    s.wait_text("seeds/001_da01d0ee0641659d.txt");

    // `/` opens the prompt in the status line; the list follows each key.
    s.send("/");
    s.wait("the filter prompt", |sc| {
        let t = sc.contents();
        t.lines().last().unwrap_or("").starts_with(" /") && t.contains("Esc drops")
    });
    s.send("zzqx");
    s.wait_text("nothing matches");
    assert!(s.status().contains("/zzqx"), "{}", s.status());
    assert!(s.status().contains("0/2"), "{}", s.status());
    s.esc();
    s.wait("the full list again", |sc| {
        sc.contents().contains("2/2 articles")
    });

    // A paste is text, not keys: outside the filter it does nothing (its
    // `q` does not quit); in the filter it is the query.
    assert!(s.screen().bracketed_paste());
    s.send("\x1b[200~q\x1b[201~");
    s.send("/");
    s.send("\x1b[200~zzq\nx\x1b[201~");
    s.wait_text("nothing matches");
    assert!(s.status().contains("/zzq x"), "{}", s.status());
    s.esc();
    s.wait("the full list again", |sc| {
        sc.contents().contains("2/2 articles")
    });

    // A broken query says why, and never takes the list down.
    s.send("/\"oil");
    s.wait_text("unclosed quote");
    s.esc();
    s.wait("the prompt to close", |sc| {
        !sc.contents().contains("unclosed")
    });

    s.send("?");
    s.wait_text("Keys");
    s.wait_text("Shift-Tab");
    s.esc();
    s.wait("the help to close", |sc| {
        !sc.contents().contains("Shift-Tab")
    });

    // Open the older article.
    s.send("j\r");
    s.wait_text("seeds/000_468f2a0ab9fd8c3b.txt");

    s.send("q");
    assert!(s.wait_exit(), "lede exits with success");
    s.assert_restored();
}

#[test]
fn read_marks_are_remembered_between_runs_and_a_damaged_file_is_set_aside() {
    let state = tempfile::tempdir().unwrap();
    let env = [("LEDE_STATE_DIR", state.path().to_str().unwrap())];
    let run = |keys: &str, expect: &str| {
        let mut s = Session::start(&[], 100, 30, &env);
        s.wait_loaded("2/2");
        s.send(keys);
        s.wait_text(expect);
        s.send("q");
        assert!(s.wait_exit(), "lede exits with success");
        s
    };
    // The newest article is shown at start but not read until opened.
    let s = run("j\r", "1 unread");
    drop(s);
    let marks = state.path().join("read-marks");
    assert!(marks.exists(), "saved on quit");

    let mut s = Session::start(&[], 100, 30, &env);
    s.wait_loaded("2/2");
    s.wait_text("1 unread");
    // `u` on the article read last time: unread again, and remembered so.
    s.send("ju");
    s.wait_text("marked unread");
    s.wait_text("2 unread");
    s.send("q");
    assert!(s.wait_exit());
    let s = run("", "2 unread");
    drop(s);

    // Not ours: set aside (kept, renamed), a warning, a fresh start.
    std::fs::write(&marks, "\x1b]52;c;aGk=\x07 not marks").unwrap();
    let mut s = Session::start(&[], 100, 30, &env);
    s.wait_text("1 warning");
    s.wait_loaded("2/2");
    s.send("jj\r");
    s.wait_text("1 unread");
    s.send("w");
    s.wait_text("set aside");
    s.send("qq");
    assert!(s.wait_exit());
    let names: Vec<String> = std::fs::read_dir(state.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().any(|n| n.starts_with("read-marks.corrupt-")),
        "{names:?}"
    );
    let saved = std::fs::read_to_string(&marks).unwrap();
    assert!(saved.starts_with("lede read-marks 1\n"), "{saved:?}");
}

#[test]
fn resizing_rewraps_at_once() {
    let mut s = Session::start(&[], 120, 40, &[]);
    s.wait_text("Entities");
    s.resize(60, 20);
    s.wait("the narrow layout", |sc| {
        let t = sc.contents();
        !t.contains("Entities") && t.contains("Articles") && t.lines().count() <= 20
    });
    s.resize(15, 4);
    s.wait_text("terminal too");
    s.resize(100, 30);
    s.wait_text("Entities");
    s.send("q");
    assert!(s.wait_exit());
    s.assert_restored();
}

#[test]
fn no_color_means_no_colour() {
    let mut s = Session::start(&[], 100, 30, &[("NO_COLOR", "1")]);
    s.wait_text("2/2 articles");
    let sc = s.screen();
    for y in 0..30 {
        for x in 0..100 {
            let c = sc.cell(y, x).unwrap();
            assert_eq!(c.fgcolor(), vt100::Color::Default, "fg at {x},{y}");
            assert_eq!(c.bgcolor(), vt100::Color::Default, "bg at {x},{y}");
        }
    }
    s.send("q");
    assert!(s.wait_exit());
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut s = Session::start(&[], 80, 24, &[]);
    s.wait_text("Articles");
    let pid = s.child.process_id().expect("a pid");
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    s.wait_exit();
    s.assert_restored();
}

/// Closing the terminal (the window goes, the ssh link drops) hangs it
/// up: lede must end, not linger spinning on a dead terminal.
#[test]
fn a_terminal_that_hangs_up_ends_lede() {
    let mut s = Session::start(&[], 80, 24, &[]);
    s.wait_text("Articles");
    s.hang_up();
    let deadline = Instant::now() + DEADLINE;
    while s
        .child
        .try_wait()
        .expect("the child can be waited for")
        .is_none()
    {
        assert!(
            Instant::now() < deadline,
            "lede kept running after its terminal hung up"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `examples/panic_restore.rs`: the terminal set up by `lede::tui::init`,
/// then a panic. The hook must restore the terminal, then print the message.
#[test]
fn a_panic_restores_the_terminal() {
    // A plain `cargo test` builds the examples beside the test binaries'
    // folder; `cargo test --test tui_pty` alone does not.
    let exe = std::env::current_exe().unwrap();
    let Some(example) = exe
        .parent()
        .and_then(|deps| deps.parent())
        .map(|dir| dir.join("examples").join("panic_restore"))
        .filter(|p| p.exists())
    else {
        eprintln!("skipped: examples/panic_restore is not built (a plain `cargo test` builds it)");
        return;
    };
    let mut s = Session::start_program(&example, &[], 80, 24, &[]);
    s.wait("the frame before the panic", |sc| {
        sc.alternate_screen() && sc.contents().contains("about to panic")
    });
    assert_ne!(
        s.screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::None
    );
    s.send("x");
    assert!(!s.wait_exit(), "a panic is a failure");
    s.assert_restored();
    assert!(s.text().contains("deliberate panic"), "{}", s.text());
}

#[test]
fn a_reader_without_a_terminal_says_so() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lede"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("needs a terminal"), "{err}");
    assert!(err.contains("lede extract --json"), "{err}");
}

/// `/`, `@haftar`, `Enter`, `n` on the bundled sample: both reports mention
/// Khalifa Haftar, Enter makes him current, n puts the cursor on his first
/// mention in the open (newest) report.
#[test]
fn filter_by_entity_and_jump_to_its_mentions() {
    let mut s = Session::start(&[], 120, 40, &[]);
    s.wait_loaded("2/2");
    s.send("/");
    s.wait_text("Esc drops");
    s.send("@haftar");
    s.wait("the filtered list", |sc| {
        sc.contents()
            .lines()
            .last()
            .unwrap_or("")
            .contains("/@haftar")
    });
    s.send("\r");
    s.wait_text("following Khalifa Haftar");
    let t = s.text();
    assert!(t.contains("2/2 articles"), "both reports mention him:\n{t}");
    s.send("n");
    s.wait("the position in the status line", |sc| {
        let status = sc.contents().lines().last().unwrap_or("").to_string();
        status.contains("Khalifa Haftar 1/") && status.contains("article 1/2")
    });
    // The current mention is drawn reversed, and it is Haftar.
    let runs = s.reversed_runs();
    assert!(
        runs.iter().any(|r| r == "Khalifa Haftar" || r == "Haftar"),
        "reversed: {runs:?}\n{}",
        s.text()
    );
    // The entity pane marks him as current.
    assert!(s.text().contains("›P Khalifa Haftar"), "{}", s.text());
    // n again moves on; eventually into the other report.
    for _ in 0..30 {
        s.send("n");
        std::thread::sleep(Duration::from_millis(30));
        s.pump();
        if s.status().contains("article 2/2") {
            break;
        }
    }
    assert!(s.status().contains("article 2/2"), "{}", s.status());
    assert!(s.text().contains("seeds/000_468f2a0ab9fd8c3b.txt"));
    s.send("q");
    assert!(s.wait_exit());
    s.assert_restored();
}

/// The scale end-to-end check, at a size CI can afford: 10,000 generated
/// reports (`examples/gen_corpus`). The first frame comes at once; keys are
/// answered while the list fills in and entities are extracted; a filter
/// narrows the list mid-load.
#[test]
fn ten_thousand_reports_answer_keys_from_the_first_frame() {
    let exe = std::env::current_exe().unwrap();
    let Some(gen_corpus) = exe
        .parent()
        .and_then(|deps| deps.parent())
        .map(|dir| dir.join("examples").join("gen_corpus"))
        .filter(|p| p.exists())
    else {
        eprintln!("skipped: examples/gen_corpus is not built (a plain `cargo test` builds it)");
        return;
    };
    let corpus = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let ok = std::process::Command::new(&gen_corpus)
        .arg("10000")
        .arg(corpus.path())
        .output()
        .expect("gen_corpus runs")
        .status
        .success();
    assert!(ok, "gen_corpus failed");
    let dir = corpus.path().to_str().unwrap();
    let t = Instant::now();
    let mut s = Session::start(
        &[dir],
        120,
        40,
        &[("LEDE_CACHE_DIR", cache.path().to_str().unwrap())],
    );
    s.wait_text("Articles");
    let first_frame = t.elapsed();
    // Generous for a debug build on a loaded machine; release: ~10 ms.
    assert!(
        first_frame < Duration::from_secs(3),
        "first frame after {first_frame:?}"
    );
    s.wait("articles listed", |sc| {
        sc.contents()
            .lines()
            .nth(1)
            .is_some_and(|l| l.contains('●'))
    });
    assert!(s.status().contains('⟳'), "still loading: {}", s.status());
    // A key is answered while the load goes on.
    let t = Instant::now();
    s.send("?");
    s.wait_text("Anywhere");
    assert!(
        t.elapsed() < Duration::from_secs(3),
        "help after {:?}",
        t.elapsed()
    );
    s.send("q");
    s.wait("the help closed", |sc| !sc.contents().contains("Anywhere"));
    // A filter narrows the list mid-load.
    s.send("/@gna");
    s.wait("the filtered list", |sc| {
        let status = sc.contents().lines().last().unwrap_or("").to_string();
        status.contains("/@gna") && !status.contains("10000/")
    });
    s.esc();
    s.send("q");
    assert!(s.wait_exit());
    s.assert_restored();
}

/// The entity pane's own keys in a real terminal: a kind hidden, a find
/// typed and kept, then the timeline and the company of the entity
/// found, each closed with its own key.
#[test]
fn the_entity_pane_keys_kinds_find_timeline_and_company() {
    let mut s = Session::start(&[], 120, 40, &[]);
    s.wait_loaded("2/2");
    s.send("3");
    s.wait_text("mentions here · articles");
    // `d` in the pane hides dates (the border shows it) and is no key
    // elsewhere.
    s.send("d");
    s.wait_text("P O L M ·");
    assert!(!s.text().contains("│ D 20"), "no date rows:\n{}", s.text());
    // `/` in the pane finds, not filters.
    s.send("/haf");
    s.wait_text("/haf");
    assert!(s.text().contains("P Khalifa Haftar"), "{}", s.text());
    assert!(
        !s.status().contains("/haf"),
        "the list's filter is untouched"
    );
    s.send("\r");
    // Enter again makes the entity found current; T shows its timeline.
    s.send("\r");
    s.send("T");
    s.wait_text("Timeline · Khalifa Haftar");
    s.wait_text("by the dates the text gives (on Monday…):");
    s.send("T");
    s.wait("the timeline closed", |sc| {
        !sc.contents().contains("Timeline ·")
    });
    s.send("C");
    s.wait_text("Company of Khalifa Haftar");
    s.wait_text("sentences articles");
    s.send("C");
    s.wait("the company closed", |sc| {
        !sc.contents().contains("Company of")
    });
    // Esc in the pane drops the kept find first.
    s.esc();
    s.wait("the find dropped", |sc| !sc.contents().contains("/haf"));
    s.send("q");
    assert!(s.wait_exit());
    s.assert_restored();
}
