//! The real `lede` binary in a pseudo-terminal, for the tests that meet
//! it as a user does: its output fed to a vt100 parser, keys typed into
//! it, signals sent to it. Every wait has a deadline (the screen is
//! polled, never a fixed sleep alone), and the child is killed when the
//! session is dropped.
#![allow(dead_code)]

use std::io::Write;
use std::num::NonZeroU16;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const DEADLINE: Duration = Duration::from_secs(10);

pub struct Session {
    pub child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    output: Receiver<Vec<u8>>,
    reader: Option<(Arc<AtomicBool>, std::thread::JoinHandle<()>)>,
    parser: vt100::Parser,
    /// Every byte lede wrote to the terminal, as it came.
    raw: Vec<u8>,
    _dir: tempfile::TempDir,
}

pub fn size(cols: u16, rows: u16) -> PtySize {
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
    pub fn start(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Session {
        Session::start_program(env!("CARGO_BIN_EXE_lede").as_ref(), args, cols, rows, env)
    }

    pub fn start_program(
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
        // A proxy set on the machine must not take a local server's
        // requests (the feed tests serve feeds on 127.0.0.1).
        for v in [
            "http_proxy",
            "https_proxy",
            "HTTP_PROXY",
            "HTTPS_PROXY",
            "ALL_PROXY",
            "all_proxy",
        ] {
            cmd.env_remove(v);
        }
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
    pub fn hang_up(&mut self) {
        self.writer = None;
        self.master = None;
        if let Some((stop, thread)) = self.reader.take() {
            stop.store(true, Ordering::Relaxed);
            let _ = thread.join();
        }
    }

    pub fn pump(&mut self) {
        while let Ok(bytes) = self.output.try_recv() {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
    }

    pub fn screen(&self) -> &vt100::Screen {
        self.parser.screen()
    }

    pub fn text(&self) -> String {
        self.screen().contents()
    }

    /// The last row of the screen.
    pub fn status(&self) -> String {
        self.text().lines().last().unwrap_or("").to_string()
    }

    /// Waits until `ready` holds for the screen; panics (showing the
    /// screen) at the deadline.
    pub fn wait(&mut self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) {
        self.wait_within(what, DEADLINE, ready)
    }

    /// [`Session::wait`] with a deadline of its own.
    pub fn wait_within(
        &mut self,
        what: &str,
        limit: Duration,
        ready: impl Fn(&vt100::Screen) -> bool,
    ) {
        let start = Instant::now();
        loop {
            self.pump();
            if ready(self.screen()) {
                return;
            }
            if start.elapsed() > limit {
                panic!("timed out waiting for {what}; the screen:\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the background load is over: every article listed,
    /// the gauge gone (reports, the bundled sample too, load in the
    /// background).
    pub fn wait_loaded(&mut self, articles: &str) {
        let all = format!("{articles} articles");
        self.wait(&format!("the load of {articles}"), move |sc| {
            let t = sc.contents();
            let status = t.lines().last().unwrap_or("");
            status.contains(&all) && !status.contains('⟳')
        });
    }

    pub fn wait_text(&mut self, needle: &str) {
        let n = needle.to_string();
        self.wait(&format!("{needle:?}"), move |s| s.contents().contains(&n));
    }

    pub fn send(&mut self, keys: &str) {
        let w = self.writer.as_mut().expect("the terminal is open");
        write_patiently(w, keys.as_bytes());
    }

    /// A lone Esc: sent by itself, so it is not read as Alt plus the next key.
    pub fn esc(&mut self) {
        std::thread::sleep(Duration::from_millis(50));
        self.send("\x1b");
        std::thread::sleep(Duration::from_millis(100));
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        let m = self.master.as_ref().expect("the terminal is open");
        m.resize(size(cols, rows)).unwrap();
        let nz = |n: u16| NonZeroU16::new(n).unwrap();
        self.parser.screen_mut().set_size(nz(rows), nz(cols));
    }

    /// Every byte lede wrote to the terminal so far, raw.
    pub fn raw(&mut self) -> &[u8] {
        self.pump();
        &self.raw
    }

    /// The folder the session started in (its state and cache are there
    /// unless the test said otherwise).
    pub fn dir(&self) -> &std::path::Path {
        self._dir.path()
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a pid")
    }

    /// Sends `signal` (`TERM`, `TSTP`, `CONT`, ...) to lede, as `kill` does.
    pub fn signal(&self, signal: &str) {
        let sent = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(self.pid().to_string())
            .status()
            .expect("kill runs");
        assert!(sent.success(), "kill -{signal}");
    }

    /// Whether lede is stopped (as a shell's job is, by Ctrl-Z), from
    /// `/proc`; `None` where `/proc` cannot tell.
    pub fn stopped(&self) -> Option<bool> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).ok()?;
        // The state follows the command's name, which is in parentheses.
        let state = stat.rsplit_once(')')?.1.split_whitespace().next()?;
        Some(state == "T" || state == "t")
    }

    /// Types `bytes` on a thread of its own (a big write waits until lede
    /// reads it, and the test goes on watching meanwhile); typing more
    /// waits for [`Session::typed`].
    pub fn type_in_background(&mut self, bytes: Vec<u8>) -> Typing {
        let mut w = self.writer.take().expect("the terminal is open");
        Typing(std::thread::spawn(move || {
            write_patiently(&mut w, &bytes);
            w
        }))
    }

    /// Waits for typing begun by [`Session::type_in_background`] to end.
    pub fn typed(&mut self, typing: Typing) {
        self.writer = Some(typing.0.join().expect("the typing thread"));
    }

    /// Waits up to `limit` for the child to exit; its success.
    pub fn wait_exit_within(&mut self, limit: Duration) -> bool {
        let start = Instant::now();
        loop {
            self.pump();
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the last bytes in.
                std::thread::sleep(Duration::from_millis(50));
                self.pump();
                return status.success();
            }
            if start.elapsed() > limit {
                panic!("lede did not exit; the screen:\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for the child to exit; its success.
    pub fn wait_exit(&mut self) -> bool {
        self.wait_exit_within(DEADLINE)
    }

    /// Whether the terminal is in canonical (cooked) mode with echo, as a
    /// shell leaves it; raw mode turns both off. `None` where the pty cannot
    /// tell.
    pub fn cooked(&self) -> Option<bool> {
        let t = self.master.as_ref()?.get_termios()?;
        let flags = format!("{:?}", t.local_flags);
        Some(flags.contains("ICANON") && flags.contains("ECHO"))
    }

    /// The terminal is as lede found it: cooked mode, main screen, cursor
    /// shown, no mouse reporting.
    pub fn assert_restored(&self) {
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
    pub fn reversed_runs(&self) -> Vec<String> {
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

/// Typing under way on a thread of its own.
pub struct Typing(std::thread::JoinHandle<Box<dyn Write + Send>>);

/// Writes all of `bytes` to the terminal, waiting while its buffer is
/// full (the reader's handle made the master non-blocking, for every
/// handle on it).
fn write_patiently(w: &mut Box<dyn Write + Send>, mut bytes: &[u8]) {
    while !bytes.is_empty() {
        match w.write(bytes) {
            Ok(n) => bytes = &bytes[n..],
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                std::thread::sleep(Duration::from_millis(2));
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => panic!("typing into the terminal: {e}"),
        }
    }
    let _ = w.flush();
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
