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
    /// Every byte lede wrote, for sequences the screen does not show
    /// (OSC 52).
    raw: Vec<u8>,
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
            raw: Vec::new(),
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
            self.raw.extend_from_slice(&bytes);
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

/// The payloads of the OSC 52 sequences in `raw`, decoded.
fn clipboard_writes(raw: &[u8]) -> Vec<String> {
    let decode = |b64: &[u8]| -> Vec<u8> {
        let val = |c: u8| match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            _ => 63,
        };
        let mut out = Vec::new();
        for chunk in b64.chunks(4) {
            let n = chunk.iter().filter(|&&c| c != b'=').count();
            let mut v: u32 = 0;
            for (i, &c) in chunk.iter().enumerate() {
                v |= u32::from(if c == b'=' { 0 } else { val(c) }) << (18 - 6 * i);
            }
            out.extend_from_slice(&v.to_be_bytes()[1..n]);
        }
        out
    };
    let start = b"\x1b]52;c;";
    let mut found = Vec::new();
    let mut rest = raw;
    while let Some(i) = rest.windows(start.len()).position(|w| w == start) {
        rest = &rest[i + start.len()..];
        let end = rest.iter().position(|&b| b == 7).unwrap_or(rest.len());
        found.push(String::from_utf8(decode(&rest[..end])).expect("UTF-8"));
        rest = &rest[end..];
    }
    found
}

/// Issue 12, 3 and issue 13, 1: in the bundled sample the later seed
/// opens with its new passages counted; `}` goes to the first; `J` and
/// `K` move through the list from the reader, which stays open; `.`
/// goes to the next unread article.
#[test]
fn new_passages_and_next_article_keys() {
    let mut s = Session::start(&[], 100, 30, &[]);
    s.wait_loaded("2/2");
    s.wait_text("seeds/001_da01d0ee0641659d.txt");
    s.wait("the count of new passages", |sc| {
        let t = sc.contents();
        t.lines().last().unwrap_or("").contains(" new passages")
    });
    s.send("2}");
    s.wait("the first new passage", |sc| {
        sc.contents()
            .lines()
            .last()
            .unwrap_or("")
            .contains("new passage 1/")
    });
    assert!(s.text().contains('▌'));
    s.send("J");
    s.wait_text("seeds/000_468f2a0ab9fd8c3b.txt");
    assert!(!s.status().contains("new passage"), "a first report");
    s.send("K");
    s.wait_text("seeds/001_da01d0ee0641659d.txt");
    // Both read now: `.` says so.
    s.send(".");
    s.wait_text("every listed article is read");
    s.send("q");
    assert!(s.wait_exit());
    s.assert_restored();
}

/// Issue 13, 7 and issue 14, 4: `e` runs $PAGER on the file and comes
/// back redrawn, `o` runs $BROWSER on the address, `y` copies through
/// OSC 52: the address from the list, the paragraph as an inert quote
/// from the reader.
#[test]
fn pager_browser_and_copy() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let marker = d.join("marker");
    let script = |name: &str, body: &str| {
        let p = d.join(name);
        std::fs::write(&p, format!("#!/bin/sh\n{body}\n")).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
        p
    };
    let m = marker.display();
    let pager = script(
        "pager",
        &format!("[ -t 0 ] && t=tty; echo \"pager $t $*\" >> {m}; echo PAGER-SHOWS-IT; sleep 1"),
    );
    let browser = script("browser", &format!("echo \"browser $*\" >> {m}"));
    let reports = d.join("reports");
    std::fs::create_dir(&reports).unwrap();
    let file = reports.join("wire.jsonl");
    let items = [
        serde_json::json!({"title": "Talks in Cairo", "date": "2020-01-08", "source": "Wire",
            "url": "https://example.org/cairo",
            "body": "Envoys met in Cairo on Monday \u{1b}]52;c;ZXZpbA==\u{7} to talk."}),
        serde_json::json!({"title": "Rain in Lorvik", "date": "2020-01-07", "source": "Wire",
            "body": "Rain flooded the river towns of the valley."}),
    ];
    let lines: Vec<String> = items.iter().map(|i| i.to_string()).collect();
    std::fs::write(&file, lines.join("\n")).unwrap();
    let env = [
        ("PAGER", pager.to_str().unwrap()),
        ("BROWSER", browser.to_str().unwrap()),
    ];
    let mut s = Session::start(&[reports.to_str().unwrap()], 100, 30, &env);
    s.wait_loaded("2/2");
    s.wait_text("Talks in Cairo");
    let read_marker = || std::fs::read_to_string(&marker).unwrap_or_default();

    // The pager: the screen is put back while it runs, then drawn again.
    s.send("e");
    s.wait("the pager", |sc| {
        !sc.alternate_screen() && sc.contents().contains("PAGER-SHOWS-IT")
    });
    assert_eq!(
        s.cooked(),
        Some(true),
        "the pager has the terminal as a shell leaves it"
    );
    s.wait("the reader after the pager", |sc| {
        sc.alternate_screen() && sc.contents().contains("Talks in Cairo")
    });
    assert_eq!(
        read_marker().trim(),
        format!("pager tty {}", file.display())
    );

    // The browser gets the address.
    s.send("o");
    let start = Instant::now();
    while !read_marker().contains("browser") {
        assert!(start.elapsed() < DEADLINE, "the browser ran");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(read_marker().contains("browser https://example.org/cairo"));
    s.wait("the reader again", |sc| {
        sc.alternate_screen() && sc.contents().contains("Talks in Cairo")
    });

    // `y` in the list: the address; in the reader: the paragraph.
    s.send("y");
    s.wait_text("copied its address");
    s.send("2y");
    s.wait_text("copied the paragraph");
    s.pump();
    let copied = clipboard_writes(&s.raw);
    assert_eq!(copied.len(), 2, "{copied:?}");
    assert_eq!(copied[0], "https://example.org/cairo");
    let quote = &copied[1];
    assert!(
        quote.starts_with("\"Envoys met in Cairo on Monday "),
        "{quote}"
    );
    assert!(
        quote.ends_with("— Wire, 2020-01-08, https://example.org/cairo"),
        "{quote}"
    );
    assert!(
        !quote.chars().any(|c| c.is_control() && c != '\n'),
        "{quote:?}"
    );
    s.send("q");
    assert!(s.wait_exit());
    s.assert_restored();
}

/// Issue 13, 6: stars are kept with the read marks, and two lede
/// processes sharing the state folder keep each other's: each stars one
/// article, both quit (the second's save merges into the first's).
#[test]
fn two_readers_star_and_both_stars_are_kept() {
    let state = tempfile::tempdir().unwrap();
    let env = [("LEDE_STATE_DIR", state.path().to_str().unwrap())];
    let mut a = Session::start(&[], 100, 30, &env);
    let mut b = Session::start(&[], 100, 30, &env);
    for s in [&mut a, &mut b] {
        s.wait_loaded("2/2");
    }
    a.send("s");
    a.wait_text("starred");
    b.send("js");
    b.wait_text("starred");
    for s in [&mut a, &mut b] {
        s.send("q");
        assert!(s.wait_exit());
    }
    let file = std::fs::read_to_string(state.path().join("read-marks")).unwrap();
    let stars = file.lines().filter(|l| l.starts_with('*')).count();
    assert!(file.starts_with("lede read-marks 2\n"), "{file}");
    assert_eq!(stars, 2, "{file}");
    // A third run has them: it unstars one, and is:starred lists the other.
    let mut c = Session::start(&[], 100, 30, &env);
    c.wait_loaded("2/2");
    c.send("s");
    c.wait_text("unstarred");
    c.send("/is:starred\r");
    c.wait("the starred list", |sc| {
        sc.contents().lines().last().unwrap_or("").contains("1/2")
    });
    c.send("q");
    assert!(c.wait_exit());
    let file = std::fs::read_to_string(state.path().join("read-marks")).unwrap();
    assert_eq!(
        file.lines().filter(|l| l.starts_with('*')).count(),
        1,
        "{file}"
    );
}

/// Ctrl-Z puts the terminal back and stops lede; continued (as `fg`
/// does), it sets the screen up again and draws it whole, without asking
/// the terminal anything (this one, like some, never answers).
#[test]
fn ctrl_z_then_continue_redraws() {
    let mut s = Session::start(&[], 100, 30, &[]);
    s.wait_loaded("2/2");
    s.send("\x1a");
    s.wait("the terminal put back", |sc| !sc.alternate_screen());
    assert_eq!(s.cooked(), Some(true));
    let pid = s.child.process_id().expect("a pid").to_string();
    let start = Instant::now();
    loop {
        // Until it has stopped, a SIGCONT does nothing: send it again.
        let sent = std::process::Command::new("kill")
            .args(["-CONT", &pid])
            .status();
        assert!(sent.is_ok_and(|st| st.success()));
        std::thread::sleep(Duration::from_millis(100));
        s.pump();
        if s.screen().alternate_screen() && s.text().contains("Articles") {
            break;
        }
        assert!(start.elapsed() < DEADLINE, "redrawn:\n{}", s.text());
    }
    s.send("q");
    assert!(s.wait_exit());
    s.assert_restored();
}
