//! Hostile and broken input. One corpus in a temp dir holds every case;
//! it goes through the app core (a background load), the renderer (on
//! TestBackend) and the real binary (in a pseudo-terminal), and afterwards
//! every input file is byte for byte what it was.
//!
//! | case | file | what lede does |
//! | --- | --- | --- |
//! | escape sequences (CSI, OSC 52 clipboard, OSC 8 link, C1, BEL, DEL) | `escapes.txt` | shown as placeholders (`␛`, `␇`, `␡`, `�`); none reaches the terminal |
//! | wide, combining, ZWJ, right-to-left, zero-width text | `unicode.md` | drawn in its cells, never split |
//! | a 100 MB single article (in release runs; 8 MB here) | `huge.txt` | listed, extracted in the background in pieces; the reader stays responsive |
//! | a 1 MB line without spaces | `oneline.txt` | wrapped between graphemes |
//! | thousands of files in one folder (50,000 in release runs) | `many/` | listed as they are found |
//! | a directory symlink loop | `loop` | warning, skipped |
//! | a broken symlink | `dangling.txt` | warning, skipped |
//! | a FIFO | `pipe` | warning, never opened |
//! | binary, empty, invalid UTF-8 | `blob.bin`, `empty.txt`, `latin1.txt` | warning; skipped, skipped, decoded lossily |
//! | malformed JSON Lines | `feed.jsonl` | warning per bad line, good lines kept |
//! | a file that vanishes after listing | `vanish.txt` | warning when it is shown |
//! | a foreign read-marks file (escapes, NUL, binary) | state dir | set aside byte for byte, warning, fresh marks saved |
//!
//! After it, one test for each attack of issue 15 on the edges: escapes
//! on stderr, a closed stdout, cache keys that are not UTF-8, a foreign or
//! locked or full or read-only cache, two readers sharing the read marks,
//! links to special files that never end, sparse files, CR line endings,
//! odd years and a file named twice. Then the hangs, floods and signals,
//! met in the real binary in a pseudo-terminal (`tests/pty`): FIFOs for
//! a report, the read marks and the cache; a report changed on disk; a
//! megabyte pasted into the filter; thousands of keys at once; quick
//! opens of a big JSON Lines file; Ctrl-Z, SIGTSTP, SIGCONT, SIGQUIT;
//! warnings said once; a run of `&amp;`.

mod common;
mod pty;

use std::collections::BTreeMap;
use std::fs;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

use lede::app::{Action, App, Move, update};
use lede::ingest::{Event, Ingest, Options};
use lede::ui::{self, Theme};
use lede::world::serve_here;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use pty::Session;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Big inputs are smaller in the debug builds of `cargo test`; a release
/// run (`cargo test --release --test hostile`) uses the full sizes.
fn huge_bytes() -> usize {
    if cfg!(debug_assertions) {
        8 << 20
    } else {
        100 << 20
    }
}

fn many_files() -> usize {
    if cfg!(debug_assertions) {
        5_000
    } else {
        50_000
    }
}

const ESCAPES: &str = " date 2021-03-04 Breaking\u{1b}[2J news: \u{1b}]52;c;cm0gLXJmIH4=\u{7} clipboard, \u{1b}]8;;http://evil.example/\u{1b}\\a link\u{1b}]8;;\u{1b}\\, a C1 \u{9b}31m CSI, a bell \u{7} and DEL \u{7f}. Khalifa Haftar spoke in Tripoli.\n\nSecond\u{1b}[31m paragraph\u{1b}[0m.";

const UNICODE: &str = "---\ntitle: 東京と北京 👩\u{200d}💻 e\u{301}\u{301}\ndate: 2021-03-03\n---\n\nمرحبا بالعالم — שלום עולם — 東京で会議が開かれた。Zero\u{200b}width and e\u{301} and 👨\u{200d}👩\u{200d}👧\u{200d}👦 family.\n\nRecep Tayyip Erdoğan visited Zürich.";

/// Writes the hostile corpus into `dir`; returns the paths whose problems
/// must be named in warnings.
fn build(dir: &Path) -> Vec<PathBuf> {
    let w = |name: &str, bytes: &[u8]| {
        let p = dir.join(name);
        if let Some(parent) = p.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(&p, bytes).unwrap();
        p
    };
    w("escapes.txt", ESCAPES.as_bytes());
    w("unicode.md", UNICODE.as_bytes());
    let para = "Turkish forces reached Sirte on Monday, the Libyan National Army said. ";
    let mut huge = String::from(" date 2021-03-01 ");
    while huge.len() < huge_bytes() {
        huge.push_str(&para.repeat(40));
        huge.push_str("\n\n");
    }
    w("huge.txt", huge.as_bytes());
    let mut one = String::from(" date 2021-03-02 ");
    one.push_str(&"x".repeat(1 << 20));
    w("oneline.txt", one.as_bytes());
    for i in 0..many_files() {
        w(
            &format!("many/{i:05}.txt"),
            format!(" date 2020-06-01 Note {i} from Benghazi.").as_bytes(),
        );
    }
    let blob = w("blob.bin", b"\x7fELF\x02\x01\x01\x00\x00\x00binary");
    let empty = w("empty.txt", b"");
    let latin1 = w("latin1.txt", b" date 2021-02-01 Caf\xe9 in Tunis.");
    let feed = w(
        "feed.jsonl",
        b"{\"title\":\"Good\",\"date\":\"2021-01-01\",\"body\":\"Fine text.\"}\n{broken json\n",
    );
    let vanish = w("vanish.txt", b" date 2021-01-02 Here now, gone soon.");
    let mut warned = vec![blob, empty, latin1, feed];
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink(dir, dir.join("loop")).unwrap();
        symlink(dir.join("nowhere.txt"), dir.join("dangling.txt")).unwrap();
        warned.push(dir.join("loop"));
        warned.push(dir.join("dangling.txt"));
        let fifo = dir.join("pipe");
        if std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success())
        {
            warned.push(fifo);
        }
    }
    let _ = vanish;
    warned
}

/// Asserts that every file of `before` is still there with the same bytes
/// (but those the test removed itself); names the ones that differ.
fn assert_untouched(before: &BTreeMap<PathBuf, Vec<u8>>, dir: &Path, removed: &[&str]) {
    let after = snapshot(dir);
    let changed: Vec<&PathBuf> = before
        .iter()
        .filter(|(p, _)| !removed.iter().any(|r| p.ends_with(r)))
        .filter(|(p, bytes)| after.get(*p) != Some(*bytes))
        .map(|(p, _)| p)
        .collect();
    assert!(changed.is_empty(), "inputs changed: {changed:?}");
    let added: Vec<&PathBuf> = after.keys().filter(|p| !before.contains_key(*p)).collect();
    assert!(
        added.is_empty(),
        "files appeared among the inputs: {added:?}"
    );
}

/// Every regular file under `dir`, with its bytes (symlinks not followed).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let meta = fs::symlink_metadata(&p).unwrap();
            if meta.is_dir() {
                stack.push(p);
            } else if meta.is_file() {
                out.insert(p.clone(), fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// Loads `dir` into the app core until every file is listed (extraction
/// of the huge article may go on; it is not waited for).
fn load_listed(dir: &Path) -> (App, Ingest) {
    let ingest = Ingest::start(
        vec![dir.to_path_buf()],
        Options {
            cache_dir: None,
            threads: 2,
            body_budget: 64 << 20,
            keep_bodies: false,
        },
    );
    let mut app = App::loading();
    update(&mut app, Action::Resize(120, 40));
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        assert!(Instant::now() < deadline, "listing took too long");
        let Ok(ev) = ingest.events.recv_timeout(Duration::from_secs(60)) else {
            panic!("the load went silent");
        };
        let listed = match &ev {
            Event::Progress(p) | Event::Finished(p) => {
                p.walk_done && p.files_listed >= p.files_found
            }
            _ => false,
        };
        if let Some(a) = Action::from_load(ev) {
            update(&mut app, a);
        }
        serve_here(&mut app);
        if listed {
            break;
        }
    }
    // What was sent before the progress report is in; drain the rest.
    while let Ok(ev) = ingest.events.try_recv() {
        if let Some(a) = Action::from_load(ev) {
            update(&mut app, a);
        }
    }
    (app, ingest)
}

/// [`load_listed`], then until `n` articles are in the app (what the
/// last progress report counted may still be on its way).
fn load_n(dir: &Path, n: usize) -> (App, Ingest) {
    let (mut app, ingest) = load_listed(dir);
    let deadline = Instant::now() + Duration::from_secs(60);
    while app.library.len() < n {
        assert!(Instant::now() < deadline, "{n} articles listed");
        if let Ok(ev) = ingest.events.recv_timeout(Duration::from_millis(100))
            && let Some(a) = Action::from_load(ev)
        {
            update(&mut app, a);
        }
    }
    (app, ingest)
}

fn select_title(app: &mut App, starts: &str) {
    // Every report on its own row: reports alike (the fillers) fold into
    // one story once the stories are found, which may be any time.
    if app.list.is_folding() {
        update(app, Action::ToggleFolding);
    }
    let pos = app
        .list
        .view()
        .iter()
        .position(|&i| app.library.meta(i).title.starts_with(starts))
        .unwrap_or_else(|| panic!("an article titled {starts}…"));
    update(app, Action::List(Move::First));
    update(app, Action::List(Move::By(pos as isize)));
    update(app, Action::OpenSelected);
    serve_here(app);
}

fn screen_text(app: &App, w: u16, h: u16) -> (String, Vec<String>) {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| ui::draw(f, app, &Theme::default())).unwrap();
    let buf = t.backend().buffer().clone();
    let cells: Vec<String> = buf
        .content()
        .iter()
        .map(|c| c.symbol().to_string())
        .collect();
    (cells.concat(), cells)
}

#[test]
fn the_app_core_and_the_renderer_take_everything() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let warned = build(d);
    let before = snapshot(d);

    let (mut app, ingest) = load_listed(d);
    for w in &warned {
        assert!(
            app.library.warnings().iter().any(|x| &x.path == w),
            "no warning names {}: {:#?}",
            w.display(),
            app.library.warnings()
        );
    }
    assert!(
        app.library
            .warnings()
            .iter()
            .any(|x| x.path.ends_with("feed.jsonl") && x.message.contains("line 2"))
    );
    assert!(app.library.len() > many_files());

    // A file that vanishes between listing and showing: a warning.
    fs::remove_file(d.join("vanish.txt")).unwrap();
    select_title(&mut app, "Here now");
    assert!(
        app.library
            .warnings()
            .iter()
            .any(|w| w.path.ends_with("vanish.txt") && w.message.contains("cannot show"))
    );

    // Escape sequences: on screen as placeholders, never as themselves.
    select_title(&mut app, "Breaking");
    for (w, h) in [(120, 40), (60, 20), (20, 6), (300, 100)] {
        update(&mut app, Action::Resize(w, h));
        let (text, cells) = screen_text(&app, w, h);
        assert!(
            !cells
                .iter()
                .any(|c| c.chars().any(|ch| ch.is_control() && ch != ' ')),
            "a control character reached a cell at {w}x{h}"
        );
        if w >= 60 {
            assert!(text.contains('␛'), "placeholders show at {w}x{h}:\n{text}");
        }
    }
    update(&mut app, Action::Resize(120, 40));

    // Wide and combined text stays in its cells.
    select_title(&mut app, "東京");
    let (text, _) = screen_text(&app, 120, 40);
    assert!(text.contains("Zürich"));

    // The 1 MB line: laid out and drawn.
    select_title(&mut app, "xxxx");
    let layout = app.reader.layout().expect("laid out");
    assert!(layout.len() > 1000);
    let _ = screen_text(&app, 120, 40);

    // The huge article: opening it asks for a layout off the input path.
    select_title(&mut app, "Turkish forces");
    if app.reader.layout().is_none() {
        assert!(app.reader.waiting().is_some(), "it says it is working");
    }
    drop(ingest);
    assert_untouched(&before, d, &["vanish.txt"]);
}

#[test]
fn the_binary_in_a_terminal_stays_responsive_and_inert() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    build(d);
    let before = snapshot(d);
    let cache = tempfile::tempdir().unwrap();
    // A read-marks file that is not ours, with escapes of its own.
    let state = tempfile::tempdir().unwrap();
    let foreign = b"\x1b]52;c;aGk=\x07\x00\xff not read marks\n";
    std::fs::write(state.path().join("read-marks"), foreign).unwrap();

    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_lede"));
    cmd.arg(d);
    cmd.env("TERM", "xterm-256color");
    cmd.env("LEDE_CACHE_DIR", cache.path());
    cmd.env("LEDE_STATE_DIR", state.path());
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let mut writer = pty.master.take_writer().unwrap();
    let (tx, rx) = channel::<Vec<u8>>();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let nz = |n: u16| NonZeroU16::new(n).unwrap();
    let mut parser = vt100::Parser::new(nz(40), nz(120), 0);
    let mut raw: Vec<u8> = Vec::new();
    let mut wait = |what: &str, ok: &dyn Fn(&str) -> bool, raw: &mut Vec<u8>| {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            while let Ok(b) = rx.recv_timeout(Duration::from_millis(10)) {
                parser.process(&b);
                raw.extend_from_slice(&b);
            }
            let screen = parser.screen().contents();
            if ok(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}:\n{screen}"
            );
        }
    };
    wait("the first frame", &|s| s.contains("Articles"), &mut raw);
    // Keys are answered while the load and the huge article go on.
    let t = Instant::now();
    writer.write_all(b"?").unwrap();
    writer.flush().unwrap();
    wait("the help overlay", &|s| s.contains("Anywhere"), &mut raw);
    assert!(
        t.elapsed() < Duration::from_secs(5),
        "help took {:?}",
        t.elapsed()
    );
    writer.write_all(b"q").unwrap();
    writer.flush().unwrap();
    // Open the article full of escapes.
    writer.write_all(b"/breaking\r").unwrap();
    writer.flush().unwrap();
    wait(
        "the escapes article",
        &|s| s.contains("Breaking␛[2J"),
        &mut raw,
    );
    writer.write_all(b"\r").unwrap();
    writer.flush().unwrap();
    let screen = wait("its body", &|s| s.contains("clipboard"), &mut raw);
    assert!(screen.contains("␛]52;c;"), "{screen}");
    writer.write_all(b"q").unwrap();
    writer.flush().unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "lede did not quit");
        std::thread::sleep(Duration::from_millis(20));
    }
    while let Ok(b) = rx.try_recv() {
        raw.extend_from_slice(&b);
    }
    // The escape sequences from the files never reached the terminal:
    // lede itself writes no OSC at all, and no file's CSI.
    let hay = String::from_utf8_lossy(&raw);
    assert!(!hay.contains("\u{1b}]52"), "OSC 52 reached the terminal");
    assert!(!hay.contains("\u{1b}]8;"), "OSC 8 reached the terminal");
    assert!(!hay.contains('\u{9b}'), "a C1 CSI reached the terminal");
    assert!(!hay.contains('\u{7}'), "a bell reached the terminal");
    assert_untouched(&before, d, &[]);

    // The foreign marks file was set aside untouched, and a fresh one
    // holds the article opened.
    let mut aside = Vec::new();
    for e in std::fs::read_dir(state.path()).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        if name.starts_with("read-marks.corrupt-") {
            aside.push(std::fs::read(state.path().join(&name)).unwrap());
        } else if name != "read-marks.lock" {
            assert_eq!(name, "read-marks", "no temporary file is left behind");
        }
    }
    assert_eq!(aside, [foreign.to_vec()]);
    let marks = std::fs::read_to_string(state.path().join("read-marks")).unwrap();
    assert_eq!(marks.lines().count(), 2, "{marks:?}");
}

// ---- Issue 15: attacks on the edges (stderr, the cache, the read marks,
// special files), each met the way a user or a script meets it. ----

/// `lede args` as a script runs it (no terminal), with its own cache and
/// state folders in `home`.
fn lede_in(home: &Path, args: &[&std::ffi::OsStr]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_lede"))
        .args(args)
        .env("LEDE_CACHE_DIR", home.join("cache"))
        .env("LEDE_STATE_DIR", home.join("state"))
        .output()
        .expect("lede runs")
}

/// `lede extract --json path`, as [`lede_in`] runs it.
fn extract_json(home: &Path, path: &std::ffi::OsStr) -> std::process::Output {
    lede_in(home, &["extract".as_ref(), "--json".as_ref(), path])
}

/// `lede args` in a pseudo-terminal until it exits (within 20 s): all it
/// wrote to the terminal, raw, and whether it succeeded.
fn lede_in_pty(home: &Path, args: &[&std::ffi::OsStr]) -> (Vec<u8>, bool) {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_lede"));
    for a in args {
        cmd.arg(a);
    }
    cmd.env("TERM", "xterm-256color");
    cmd.env("LEDE_CACHE_DIR", home.join("cache"));
    cmd.env("LEDE_STATE_DIR", home.join("state"));
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let (tx, rx) = channel::<Vec<u8>>();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut raw = Vec::new();
    let status = loop {
        while let Ok(b) = rx.recv_timeout(Duration::from_millis(10)) {
            raw.extend_from_slice(&b);
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("lede did not exit:\n{}", String::from_utf8_lossy(&raw));
        }
    };
    while let Ok(b) = rx.recv_timeout(Duration::from_millis(100)) {
        raw.extend_from_slice(&b);
    }
    (raw, status.success())
}

/// The control sequences a hostile file name carries: a window title, a
/// clipboard write, a screen clear.
#[cfg(unix)]
const HOSTILE_NAME: &[u8] = b"x\x1b]0;PWNED\x07\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J.bin";

#[cfg(unix)]
fn hostile_name() -> &'static std::ffi::OsStr {
    use std::os::unix::ffi::OsStrExt;
    std::ffi::OsStr::from_bytes(HOSTILE_NAME)
}

/// No byte of `out` is a control character but newline (and, from the
/// terminal itself, carriage return): nothing can act on the terminal.
fn assert_inert(out: &[u8], what: &str) {
    let text = String::from_utf8_lossy(out);
    assert!(
        !text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r'),
        "a control character reached {what}: {text:?}"
    );
}

/// Issue 15, 1: file names, warnings and missing paths on stderr are
/// rendered inert, as on screen.
#[cfg(unix)]
#[test]
fn stderr_renders_control_characters_inert() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join(hostile_name());
    fs::write(&bin, b"\x7fELF\x02\x01\x01\x00\x00\x00binary").unwrap();

    // extract: nothing readable, the hostile name in the message.
    let out = extract_json(home.path(), dir.path().as_os_str());
    assert_eq!(out.status.code(), Some(1));
    assert_inert(&out.stderr, "stderr");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("␛]0;PWNED␇"), "the name is shown: {err}");
    assert!(err.contains("binary"), "{err}");

    // A path argument that does not exist, named with escapes.
    let missing = dir.path().join("gone").join(hostile_name());
    let out = extract_json(home.path(), missing.as_os_str());
    assert_eq!(out.status.code(), Some(1));
    assert_inert(&out.stderr, "stderr");
    assert!(String::from_utf8_lossy(&out.stderr).contains("␛[2J"));

    // The reader, in a terminal: a missing path, then a folder with
    // nothing readable (the reader starts, finds nothing, and says so).
    let (raw, ok) = lede_in_pty(home.path(), &[missing.as_os_str()]);
    assert!(!ok);
    assert_inert(&raw, "the terminal");
    assert!(String::from_utf8_lossy(&raw).contains("no such file"));
    let (raw, ok) = lede_in_pty(home.path(), &[dir.path().as_os_str()]);
    assert!(!ok);
    let hay = String::from_utf8_lossy(&raw);
    assert!(hay.contains("no readable reports"), "{hay:?}");
    assert!(!hay.contains("\u{1b}]0;"), "a title was set: {hay:?}");
    assert!(!hay.contains("\u{1b}]52"), "the clipboard was written");
    assert!(!hay.contains('\u{7}'), "a bell rang");
    // Every escape lede writes itself is a CSI, never an OSC.
    assert!(!hay.contains("\u{1b}]"), "an OSC reached the terminal");
}

/// Issue 15, 16: `lede extract --json ... | head` ends quietly, status 0,
/// as `ls | head` does.
#[test]
fn extract_into_a_closed_pipe_ends_quietly() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    // Far more JSON than a pipe holds.
    let para = "Officials in Tripoli said talks would resume on Monday. ".repeat(40);
    for i in 0..40 {
        fs::write(
            dir.path().join(format!("r{i:02}.txt")),
            format!(" date 2020-01-06 {para}\n\n{para}"),
        )
        .unwrap();
    }
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_lede"))
        .args(["extract", "--json"])
        .arg(dir.path())
        .env("LEDE_CACHE_DIR", home.path().join("cache"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut head = [0u8; 100];
    child.stdout.take().unwrap().read_exact(&mut head).unwrap();
    // `head` has what it wanted and closes the pipe (dropped above).
    let out = child.wait_with_output().unwrap();
    assert!(head.starts_with(b"{\"articles\""));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "",
        "nothing on stderr"
    );
    assert_eq!(out.status.code(), Some(0));
}

/// A whole background load of `paths` with the cache in `cache`: the
/// articles listed (path, title, from the cache or not) and the warnings.
fn load_all(paths: &[PathBuf], cache: &Path) -> (Vec<(PathBuf, String, bool)>, Vec<String>) {
    let ingest = Ingest::start(
        paths.to_vec(),
        Options {
            cache_dir: Some(cache.to_path_buf()),
            threads: 2,
            body_budget: 1 << 20,
            keep_bodies: false,
        },
    );
    let (mut listed, mut warnings) = (Vec::new(), Vec::new());
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match ingest.events.recv_timeout(left) {
            // Listed with its mentions: the cache had them.
            Ok(Event::Listed(a)) => listed.extend(
                a.into_iter()
                    .map(|l| (l.meta.path, l.meta.title, l.mentions.is_some())),
            ),
            Ok(Event::Warnings(w)) => warnings.extend(w.into_iter().map(|n| n.warning.to_string())),
            Ok(Event::Finished(_)) => break,
            Ok(_) => {}
            Err(e) => panic!("the load did not finish: {e}"),
        }
    }
    listed.sort();
    (listed, warnings)
}

/// Issue 15, 2: two names that differ only in bytes that are not UTF-8,
/// same size, same modification time: two cache rows, each its own.
#[cfg(unix)]
#[test]
fn names_differing_in_invalid_utf8_keep_their_own_cache_rows() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let when = std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(1_600_000_000);
    let mut paths = Vec::new();
    for (byte, text) in [
        (0xffu8, " date 2020-01-06 Envoys met in Cairo today."),
        (0xfe, " date 2021-02-07 Troops left Sirte at dawn."),
    ] {
        let p = dir.path().join(std::ffi::OsStr::from_bytes(&[
            b'a', byte, b'.', b't', b'x', b't',
        ]));
        fs::write(&p, text).unwrap();
        fs::File::options()
            .write(true)
            .open(&p)
            .unwrap()
            .set_modified(when)
            .unwrap();
        paths.push((p, text));
    }
    let inputs = [dir.path().to_path_buf()];
    let (cold, _) = load_all(&inputs, cache.path());
    let (warm, _) = load_all(&inputs, cache.path());
    assert!(warm.iter().all(|(_, _, cached)| *cached), "{warm:?}");
    for run in [&cold, &warm] {
        assert_eq!(run.len(), 2);
        for (path, text) in &paths {
            let (_, title, _) = run.iter().find(|(p, _, _)| p == path).unwrap();
            assert!(text.contains(title.as_str()), "{path:?}: {title}");
        }
    }
}

/// A valid SQLite database of someone else's at `path`, in the default
/// (rollback journal) mode; its bytes.
fn foreign_database(path: &Path) -> Vec<u8> {
    let c = rusqlite::Connection::open(path).unwrap();
    c.execute_batch(
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);
         INSERT INTO notes (text) VALUES ('keep me');",
    )
    .unwrap();
    drop(c);
    fs::read(path).unwrap()
}

/// The files in `dir`, by name.
fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// A folder with one plain report in it.
fn one_report() -> tempfile::TempDir {
    let data = tempfile::tempdir().unwrap();
    fs::write(
        data.path().join("a.txt"),
        " date 2020-01-06 Envoys met in Cairo.",
    )
    .unwrap();
    data
}

/// Issue 15, 3: a valid database of another schema where the cache goes,
/// or a symbolic link to one, is never adopted or written to: it is moved
/// aside byte for byte (a link is moved, its target left alone) and a
/// cache of lede's own is made.
#[cfg(unix)]
#[test]
fn a_foreign_database_at_the_cache_path_is_never_written() {
    let data = one_report();
    let inputs = [data.path().to_path_buf()];

    // A database file of another program.
    let cache = tempfile::tempdir().unwrap();
    let theirs = foreign_database(&cache.path().join("cache.sqlite3"));
    let (_, warnings) = load_all(&inputs, cache.path());
    assert!(
        warnings.iter().any(|w| w.contains("not a lede cache")),
        "{warnings:?}"
    );
    let aside: Vec<String> = names_in(cache.path())
        .into_iter()
        .filter(|n| n.starts_with("cache.sqlite3.") && !n.ends_with("-wal") && !n.ends_with("-shm"))
        .collect();
    assert_eq!(aside.len(), 1, "{:?}", names_in(cache.path()));
    assert_eq!(fs::read(cache.path().join(&aside[0])).unwrap(), theirs);
    let (warm, warnings) = load_all(&inputs, cache.path());
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(
        warm.iter().all(|(_, _, cached)| *cached),
        "lede's own cache is used"
    );

    // A symbolic link to one: the target is not touched, nothing is
    // created beside it.
    let cache = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("their.db");
    let theirs = foreign_database(&target);
    std::os::unix::fs::symlink(&target, cache.path().join("cache.sqlite3")).unwrap();
    let (_, warnings) = load_all(&inputs, cache.path());
    assert!(
        warnings.iter().any(|w| w.contains("not a lede cache")),
        "{warnings:?}"
    );
    assert_eq!(fs::read(&target).unwrap(), theirs);
    assert_eq!(names_in(elsewhere.path()), ["their.db"]);
    let link = fs::symlink_metadata(cache.path().join("cache.sqlite3")).unwrap();
    assert!(link.is_file(), "a cache of lede's own replaced the link");
    let (warm, _) = load_all(&inputs, cache.path());
    assert!(warm.iter().all(|(_, _, cached)| *cached));
    assert_eq!(fs::read(&target).unwrap(), theirs);
}

/// Issue 15, 4: another process holding the cache locked is busy, not
/// damage: lede waits a little, then goes on without the cache for this
/// run with one warning; the live database and its log stay where they
/// are, with the other process's committed rows.
#[test]
fn a_cache_locked_by_another_process_is_left_alone() {
    let data = one_report();
    let inputs = [data.path().to_path_buf()];
    let cache = tempfile::tempdir().unwrap();
    load_all(&inputs, cache.path());
    let db = cache.path().join("cache.sqlite3");

    // The other process: it takes the database for itself, and commits a
    // row it will want to find again.
    let other = rusqlite::Connection::open(&db).unwrap();
    other
        .execute_batch(
            "PRAGMA locking_mode = EXCLUSIVE;
             BEGIN EXCLUSIVE;
             CREATE TABLE theirs (x TEXT);
             INSERT INTO theirs VALUES ('committed');
             COMMIT;",
        )
        .unwrap();
    let files_before = names_in(cache.path());

    let (listed, warnings) = load_all(&inputs, cache.path());
    assert_eq!(listed.len(), 1, "the load goes on without the cache");
    let busy: Vec<&String> = warnings.iter().filter(|w| w.contains("cache")).collect();
    assert_eq!(busy.len(), 1, "one warning: {warnings:?}");
    assert!(busy[0].contains("busy"), "{busy:?}");
    assert_eq!(
        names_in(cache.path()),
        files_before,
        "nothing moved or deleted"
    );

    let x: String = other
        .query_row("SELECT x FROM theirs", [], |r| r.get(0))
        .unwrap();
    assert_eq!(x, "committed");
    drop(other);
    let again = rusqlite::Connection::open(&db).unwrap();
    let n: i64 = again
        .query_row("SELECT count(*) FROM theirs", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1, "the other process's rows survive");
}

/// A small file system of its own (tmpfs), unmounted when dropped. Only
/// where mounting is allowed (root): `None`, saying so, elsewhere.
struct Tmpfs(tempfile::TempDir);

impl Tmpfs {
    fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().unwrap();
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("skipped: cannot mount a tmpfs here (needs root)");
            return None;
        }
        Some(Tmpfs(dir))
    }

    fn path(&self) -> &Path {
        self.0.path()
    }

    fn remount(&self, options: &str) {
        let ok = std::process::Command::new("mount")
            .args(["-o", &format!("remount,{options}")])
            .arg(self.path())
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "remount {options}");
    }

    /// Fills the file system, then frees `leave` bytes.
    fn fill(&self, leave: u64) {
        let filler = self.path().join("filler");
        let mut f = fs::File::create(&filler).unwrap();
        let block = [7u8; 4096];
        while f.write_all(&block).and_then(|()| f.sync_all()).is_ok() {}
        let len = f.metadata().unwrap().len();
        f.set_len(len.saturating_sub(leave)).unwrap();
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(self.path())
            .status();
    }
}

/// Reports enough to need some room in the cache.
fn reports(dir: &Path, prefix: &str, n: usize) -> Vec<PathBuf> {
    (0..n)
        .map(|i| {
            let p = dir.join(format!("{prefix}{i:03}.txt"));
            fs::write(
                &p,
                format!(" date 2020-01-06 Report {prefix}{i}: envoys of Egypt and Turkey met in Cairo with Khalifa Haftar on Monday."),
            )
            .unwrap();
            p
        })
        .collect()
}

/// Issue 15, 6: a cache on a full disk says so once (and what it had is
/// still read); a valid cache on a read-only file system is read.
#[test]
fn a_full_or_read_only_cache_says_so_once_and_is_still_read() {
    for case in ["full", "nearly full", "read-only"] {
        let Some(fs_) = Tmpfs::mount("2m") else {
            return;
        };
        let cache = fs_.path().join("cache");
        let data = tempfile::tempdir().unwrap();
        let first = reports(data.path(), "a", 5);
        let inputs = [data.path().to_path_buf()];
        let (_, warnings) = load_all(&inputs, &cache);
        assert!(warnings.is_empty(), "{warnings:?}");
        match case {
            "full" => fs_.fill(0),
            "nearly full" => fs_.fill(40 << 10),
            _ => fs_.remount("ro"),
        }
        reports(data.path(), "b", 300);
        let (listed, warnings) = load_all(&inputs, &cache);
        assert_eq!(listed.len(), 305, "{case}");
        let said: Vec<&String> = warnings.iter().filter(|w| w.contains("cache")).collect();
        assert_eq!(said.len(), 1, "{case}: said once: {warnings:?}");
        for p in &first {
            let (_, _, cached) = listed.iter().find(|(q, _, _)| q == p).unwrap();
            assert!(cached, "{case}: what the cache had is read: {said:?}");
        }
        if case != "read-only" {
            assert!(said[0].contains("full"), "{case}: {said:?}");
        }
    }
}

/// Issue 15, 5: two lede processes sharing the state folder each save
/// what they changed, merged with what is on disk: marks (and un-marks)
/// made in either survive the other's saves.
#[test]
fn two_readers_sharing_the_state_folder_keep_each_others_marks() {
    use common::{marks_reader as start, marks_saved_at_once};
    use lede::marks::MarksFile;
    let state = tempfile::tempdir().unwrap();
    let file = MarksFile::in_dir(state.path());
    let on_disk = |file: &MarksFile| {
        let m = file.clone().load().marks;
        let mut v: Vec<u64> = (0..20).filter(|k| m.contains(*k)).collect();
        v.sort_unstable();
        v
    };
    let now = Instant::now();
    // Marks of an earlier run, which both readers start from.
    let mut earlier = lede::marks::ReadMarks::default();
    earlier.set(1, true);
    earlier.set(2, true);
    file.save(&earlier).unwrap();
    let (mut a, mut save_a) = start(&file);
    let (mut b, mut save_b) = start(&file);
    a.set(5, true);
    save_a.flush(&a, now).unwrap();
    b.set(6, true);
    save_b.flush(&b, now).unwrap();
    assert_eq!(on_disk(&file), [1, 2, 5, 6], "both runs' marks");
    a.set(1, false);
    save_a.flush(&a, now).unwrap();
    b.set(7, true);
    save_b.flush(&b, now).unwrap();
    assert_eq!(
        on_disk(&file),
        [2, 5, 6, 7],
        "A's un-mark survives B's save"
    );
    b.set(2, false);
    save_b.flush(&b, now).unwrap();
    a.set(8, true);
    save_a.flush(&a, now).unwrap();
    assert_eq!(
        on_disk(&file),
        [5, 6, 7, 8],
        "B's un-mark survives A's save"
    );

    // Saving at the same time, over and over: nothing is lost.
    let m = marks_saved_at_once(100, |marks, k| marks.set(k, true));
    assert_eq!(m.len(), 200, "every mark of both survives");
}

/// Issue 15, 12: symbolic links in a folder to special files that never
/// end (`/proc/kmsg` where it can be opened, `/dev/zero`, a FIFO): only
/// regular files are read, and only as far as their size says, so
/// `lede extract --json` always ends.
#[cfg(unix)]
#[test]
fn extract_ends_over_links_to_never_ending_special_files() {
    use std::os::unix::fs::symlink;
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("good.txt"), " date 2020-01-06 Envoys met in Cairo.").unwrap();
    let mut specials = vec!["zero.txt", "pipe.txt"];
    symlink("/dev/zero", d.join("zero.txt")).unwrap();
    let fifo = home.path().join("fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    symlink(&fifo, d.join("pipe.txt")).unwrap();
    // Reading the kernel's log blocks for the next message, for ever.
    if fs::File::open("/proc/kmsg").is_ok() {
        symlink("/proc/kmsg", d.join("kmsg.txt")).unwrap();
        specials.push("kmsg.txt");
    } else {
        eprintln!("note: /proc/kmsg cannot be opened here; tried without it");
    }
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_lede"))
        .args(["extract", "--json"])
        .arg(d)
        .env("LEDE_CACHE_DIR", home.path().join("cache"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("lede extract --json did not end");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["articles"].as_array().unwrap().len(), 1);
    let warned: Vec<&str> = doc["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["path"].as_str().unwrap())
        .collect();
    for s in specials {
        assert!(warned.iter().any(|p| p.ends_with(s)), "{s}: {warned:?}");
    }
}

/// Issue 15, 12 (and 7, the part below the reader): the one reader of
/// report files never blocks opening a FIFO that took a file's place
/// after the walk; it says what it is.
#[cfg(unix)]
#[test]
fn the_report_reader_never_blocks_on_a_fifo() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("report.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let _ = tx.send(lede::corpus::load::read_bytes(&fifo).map(|(b, _)| b.len()));
    });
    let got = rx
        .recv_timeout(Duration::from_secs(10))
        .expect("read_bytes returns at once");
    let why = got.unwrap_err();
    assert!(why.contains("FIFO"), "{why}");
}

/// Issue 15, 14: a sparse file (text, then a long run of NUL bytes that
/// takes no room on disk) is binary: skipped with a warning, and read no
/// further than the run, whatever its apparent size.
#[test]
fn sparse_files_are_binary_and_not_read_to_their_end() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("good.txt"),
        " date 2020-01-06 Envoys met in Cairo.",
    )
    .unwrap();
    let sparse = dir.path().join("sparse.txt");
    fs::write(
        &sparse,
        " date 2020-01-07 A report, then nothing but holes.\n",
    )
    .unwrap();
    let apparent: u64 = 200 << 20;
    fs::File::options()
        .write(true)
        .open(&sparse)
        .unwrap()
        .set_len(apparent)
        .unwrap();

    // The reader stops at the run.
    let (bytes, _) = lede::corpus::load::read_bytes(&sparse).unwrap();
    assert!(
        bytes.len() < 8 << 20,
        "read {} of {apparent} bytes",
        bytes.len()
    );
    let corpus = lede::corpus::load(&[dir.path().to_path_buf()]);
    assert_eq!(corpus.articles.len(), 1, "only the good report");
    assert!(
        corpus
            .warnings
            .iter()
            .any(|w| w.path == sparse && w.message.contains("binary")),
        "{:?}",
        corpus.warnings
    );

    // `extract --json` prints no body of NULs.
    let out = extract_json(home.path(), dir.path().as_os_str());
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stdout.len() < 1 << 20,
        "{} bytes of JSON",
        out.stdout.len()
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("\\u0000"));
}

/// Issue 15, 17: old Mac line endings (CR alone) are line endings; a
/// header date outside the years 1-9999 is no date; a file named both
/// directly and through its folder is listed once.
#[test]
fn cr_line_endings_odd_years_and_a_file_named_twice() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(
        d.join("mac.txt"),
        "Title: Talks resume\rDate: 2020-01-06\r\rEnvoys met in Cairo\ron Monday.\r\rA second paragraph.\r",
    )
    .unwrap();
    fs::write(
        d.join("bc.txt"),
        "Title: Before the common era\nDate: -0001-01-01\n\nEnvoys met on Monday.",
    )
    .unwrap();
    fs::write(
        d.join("far.txt"),
        "Title: Far future\nDate: 10000-01-01\n\nEnvoys met on Monday.",
    )
    .unwrap();
    let corpus = lede::corpus::load(&[d.join("mac.txt"), d.to_path_buf()]);
    let find = |title: &str| {
        let found: Vec<_> = corpus
            .articles
            .iter()
            .filter(|a| a.title == title)
            .collect();
        assert_eq!(found.len(), 1, "{title}: {:?}", corpus.articles);
        found[0]
    };
    let mac = find("Talks resume");
    assert_eq!(mac.date, "2020-01-06".parse().ok());
    assert_eq!(
        mac.body,
        "Envoys met in Cairo on Monday.\n\nA second paragraph."
    );
    assert_eq!(find("Before the common era").date, None);
    assert_eq!(find("Far future").date, None);
    assert_eq!(corpus.articles.len(), 3, "mac.txt is listed once");
}

// ---- Issue 15, the rest: hangs of the UI thread, memory, signals,
// warnings said once, met in the real binary in a pseudo-terminal
// (tests/pty) or through the core. ----

/// A FIFO made at `path` (`mkfifo`).
#[cfg(unix)]
fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo").arg(path).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo {}", path.display());
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 temp path")
}

/// Issue 15, 7: FIFOs planted where the read marks are kept and where
/// the cache goes, and one put in place of a listed report that is then
/// opened: lede starts, shows the other reports, says what each FIFO is,
/// and keeps answering keys and resizes; it quits at once. (Before the
/// fix the start blocked opening the marks' FIFO, and opening the report
/// blocked the UI thread for ever.)
#[cfg(unix)]
#[test]
fn fifos_for_a_report_the_read_marks_and_the_cache_never_block() {
    let home = tempfile::tempdir().unwrap();
    let (state, cache) = (home.path().join("state"), home.path().join("cache"));
    fs::create_dir_all(&state).unwrap();
    fs::create_dir_all(&cache).unwrap();
    mkfifo(&state.join("read-marks"));
    mkfifo(&cache.join("cache.sqlite3"));
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(
        d.join("cairo.txt"),
        "Title: Envoys meet in Cairo\nDate: 2020-01-06\n\nEnvoys met in Cairo on Monday.",
    )
    .unwrap();
    fs::write(
        d.join("tunis.txt"),
        "Title: Talks resume in Tunis\nDate: 2020-01-05\n\nTalks resumed in Tunis.",
    )
    .unwrap();
    // The files are named, not their folder: a watched folder's change
    // is the watcher's to report, before the reader meets it.
    let mut s = Session::start(
        &[
            path_str(&d.join("cairo.txt")),
            path_str(&d.join("tunis.txt")),
        ],
        160,
        30,
        &[
            ("LEDE_STATE_DIR", path_str(&state)),
            ("LEDE_CACHE_DIR", path_str(&cache)),
        ],
    );
    s.wait_loaded("2/2");
    s.send("w");
    s.wait("the warnings", |sc| {
        let t = sc.contents();
        t.contains("read-marks") && t.contains("cache.sqlite3")
    });
    s.send("q");
    s.wait("the warnings closed", |sc| {
        !sc.contents().contains("read-marks")
    });

    // The report becomes a FIFO after it was listed; opening it says so.
    fs::remove_file(d.join("tunis.txt")).unwrap();
    mkfifo(&d.join("tunis.txt"));
    s.send("/tunis\r");
    s.wait_text("1/2 articles");
    s.send("\r");
    s.wait("the reader to say why", |sc| {
        let status = sc.contents().lines().last().unwrap_or("").to_string();
        status.contains("cannot show") && status.contains("named pipe")
    });
    // Keys and resizes are answered with the FIFO still there.
    s.send("?");
    s.wait_within("the help", Duration::from_secs(3), |sc| {
        sc.contents().contains("Anywhere")
    });
    s.resize(70, 20);
    s.wait_within("the narrow layout", Duration::from_secs(3), |sc| {
        sc.contents().lines().all(|l| l.chars().count() <= 70)
    });
    s.send("q");
    s.send("q");
    assert!(s.wait_exit_within(Duration::from_secs(5)), "lede quits");
    s.assert_restored();
    // Nothing was written over the marks' FIFO.
    use std::os::unix::fs::FileTypeExt;
    let kept = fs::symlink_metadata(state.join("read-marks")).unwrap();
    assert!(kept.file_type().is_fifo(), "the FIFO is left as it was");
}

/// A report of about `bytes` bytes of prose naming a few entities, with
/// `first` as its opening sentence.
fn long_report(first: &str, bytes: usize) -> String {
    let para = "Turkish forces reached Sirte on Monday, the Libyan National Army said, \
                and Khalifa Haftar met envoys in Cairo. ";
    let mut s = format!("Title: A long report\nDate: 2020-01-06\n\n{first}\n\n");
    while s.len() < bytes {
        s.push_str(&para.repeat(8));
        s.push_str("\n\n");
    }
    s
}

/// Issue 15, 8: a report changed on disk after its entities were found
/// is extracted again off the UI thread when it is opened: in the core,
/// the answer that it changed only asks for the extraction (the old
/// mentions go at once, none point into the new text); in the binary,
/// keys are answered while it runs, and the reader ends on the new text
/// with its entities, whoever notices the change first: the reader
/// reading the body, or the watcher of the files (after whose word the
/// reader used to keep showing the old article, its entities gone, for
/// good).
#[test]
fn a_report_changed_on_disk_is_extracted_again_off_the_ui_thread() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.txt");
    let size = if cfg!(debug_assertions) {
        512 << 10
    } else {
        4 << 20
    };
    fs::write(&path, long_report("It began quietly.", size)).unwrap();

    // The core: the changed body is shown, its extraction asked of the world.
    let (mut app, ingest) = load_n(dir.path(), 1);
    let a = app.library.articles_of_files(std::slice::from_ref(&path))[0];
    let deadline = Instant::now() + Duration::from_secs(300);
    while app.library.mentions(a).is_empty() {
        assert!(Instant::now() < deadline, "the first extraction");
        if let Ok(ev) = ingest.events.recv_timeout(Duration::from_millis(200))
            && let Some(act) = Action::from_load(ev)
        {
            update(&mut app, act);
        }
    }
    fs::write(
        &path,
        long_report("Then Recep Tayyip Erdogan flew to Ankara.", size),
    )
    .unwrap();
    select_title(&mut app, "A long report");
    assert!(app.library.mentions(a).is_empty(), "the old mentions went");
    assert!(
        app.library
            .warnings()
            .iter()
            .any(|w| w.path == path && w.message.contains("changed on disk")),
        "{:?}",
        app.library.warnings()
    );
    let (text, _) = screen_text(&app, 120, 40);
    assert!(
        text.contains("Erdogan flew"),
        "the new text is shown:\n{text}"
    );
    drop(ingest);

    // The binary: keys answered while it is extracted again. The files
    // are named, not their folder (a watched folder's change is the
    // watcher's to report), and a newer one is shown at start, so the
    // long one is first read once it has changed.
    let newer = tempfile::tempdir().unwrap();
    let other = newer.path().join("newer.txt");
    fs::write(
        &other,
        "Title: A newer note\nDate: 2020-02-01\n\nEnvoys met in Tunis.",
    )
    .unwrap();
    let mut s = Session::start(&[path_str(&path), path_str(&other)], 120, 40, &[]);
    s.wait_within("the first load", Duration::from_secs(300), |sc| {
        let status = sc.contents().lines().last().unwrap_or("").to_string();
        status.contains("2/2 articles") && !status.contains('⟳')
    });
    fs::write(&path, long_report("It began quietly.", size)).unwrap();
    s.send("1j\r");
    s.send("?");
    s.wait_within("the help", Duration::from_secs(3), |sc| {
        sc.contents().contains("Anywhere")
    });
    s.send("q");
    s.wait_within("the entities found again", Duration::from_secs(300), |sc| {
        let t = sc.contents();
        !t.contains("Anywhere") && t.contains("It began quietly") && t.contains("P Khalifa Haftar")
    });
    s.send("w");
    s.wait_text("changed on disk");
    s.send("qq");
    assert!(s.wait_exit_within(Duration::from_secs(5)));
}

/// Issue 15, 8, in the core: the open report's file changes in a watched
/// folder; the watcher's word takes the old article out, and once its new
/// version is listed it takes the old one's place in the reader (read, as
/// the old one was), with the new text and its entities. (Before, the
/// reader went on showing the gone article, without entities, for good.)
#[test]
fn the_open_report_follows_its_new_version_when_the_watcher_sees_it_change() {
    use lede::world::World;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let a_path = d.join("a.txt");
    fs::write(
        &a_path,
        "Title: Talks in Cairo\nDate: 2020-01-05\n\nEnvoys met in Cairo on Monday.",
    )
    .unwrap();
    fs::write(
        d.join("b.txt"),
        "Title: A newer note\nDate: 2020-02-01\n\nEnvoys met in Tunis.",
    )
    .unwrap();
    let ingest = Ingest::start(
        vec![d.to_path_buf()],
        Options {
            cache_dir: None,
            threads: 2,
            body_budget: 1 << 20,
            keep_bodies: false,
        },
    );
    let watcher = lede::watch::Watcher::start(
        vec![d.to_path_buf()],
        lede::watch::Options {
            ignore: Vec::new(),
            settle: Duration::from_millis(50),
            ..lede::watch::Options::default()
        },
    );
    let mut world = World::new(Some(ingest)).watching(Some(watcher));
    let mut app = App::loading();
    update(&mut app, Action::Resize(120, 40));
    assert!(world.settle(&mut app, Duration::from_secs(60)));
    select_title(&mut app, "Talks in Cairo");
    assert!(world.settle(&mut app, Duration::from_secs(60)));
    let old = app.reader.open().unwrap();
    assert!(app.library.is_read(old));

    fs::write(
        &a_path,
        "Title: Talks in Cairo\nDate: 2020-01-05\n\nRecep Tayyip Erdogan flew to Ankara on Monday.",
    )
    .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        world.settle(&mut app, Duration::from_millis(200));
        let open = app.reader.open().unwrap();
        let done = open != old
            && app
                .reader
                .layout()
                .is_some_and(|l| l.body.contains("Erdogan flew"))
            && !app.library.mentions(open).is_empty();
        if done {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the reader follows the new version: open {open} (was {old}), gone: {}, mentions: {}",
            app.library.is_gone(open),
            app.library.mentions(open).len()
        );
    }
    let new = app.reader.open().unwrap();
    assert!(!app.library.is_gone(new));
    assert_eq!(app.library.meta(new).path, a_path);
    assert!(app.library.is_read(new), "read, as the old one was");
    assert_eq!(app.selected_article(), Some(new), "the list selects it");
}

/// `n` reports, one a file, each with a title of its own and a body
/// naming the same few entities.
fn many_reports(dir: &Path, n: usize) {
    for i in 0..n {
        fs::write(
            dir.join(format!("r{i:05}.txt")),
            format!(
                "Title: Report {i} on the oil ports\nDate: 2020-01-{:02}\n\n\
                 Khalifa Haftar met envoys in Cairo; report {i} says Sirte is calm.",
                1 + i % 28
            ),
        )
        .unwrap();
    }
}

/// Issue 15, 9: a megabyte pasted into the filter over thousands of
/// articles: the query is cut at 256 characters and the status line says
/// so, resizes are answered, and Ctrl-C quits at once. Ten kilobytes
/// typed as keys (an unbracketed paste) likewise. (Before the fix: 10 KB
/// froze the reader for 1.2 s, a megabyte for minutes, Ctrl-C ignored.)
#[test]
fn a_megabyte_pasted_into_the_filter_is_cut_and_keys_are_answered() {
    let dir = tempfile::tempdir().unwrap();
    let n = if cfg!(debug_assertions) { 2_000 } else { 5_000 };
    many_reports(dir.path(), n);
    let all = format!("{n}/{n} articles");
    let paste: String = "Haftar Tripoli Sirte oil ports Cairo envoys "
        .chars()
        .cycle()
        .take(1 << 20)
        .collect();

    let mut s = Session::start(&[path_str(dir.path())], 100, 30, &[]);
    s.wait_within("the load", Duration::from_secs(300), |sc| {
        let status = sc.contents().lines().last().unwrap_or("").to_string();
        status.contains(&all) && !status.contains('⟳')
    });
    s.send("/");
    s.wait_text("Esc drops");
    let mut bytes = b"\x1b[200~".to_vec();
    bytes.extend_from_slice(paste.as_bytes());
    bytes.extend_from_slice(b"\x1b[201~");
    let typing = s.type_in_background(bytes);
    s.wait_within("the cut said", Duration::from_secs(20), |sc| {
        sc.contents().contains("cut at 256")
    });
    s.typed(typing);
    s.resize(70, 20);
    s.wait_within("the resize", Duration::from_secs(3), |sc| {
        let t = sc.contents();
        !t.contains("Entities") && t.contains("cut at 256")
    });
    s.esc();
    // (Compact at this width: "2000/2000", without "articles".)
    let count = format!("{n}/{n}");
    s.wait_within("the filter dropped", Duration::from_secs(5), |sc| {
        let status = sc.contents().lines().last().unwrap_or("").to_string();
        status.contains(&count) && !status.contains("cut at")
    });

    // Typed as keys, one by one: the same cut.
    s.send("/");
    s.wait_text("Esc drop");
    let typing = s.type_in_background(paste.as_bytes()[..10 << 10].to_vec());
    s.typed(typing);
    s.wait_within("the cut said", Duration::from_secs(20), |sc| {
        sc.contents().contains("cut at 256")
    });
    let status = s.status();
    assert!(
        status.chars().filter(|c| *c == '/').count() >= 1,
        "the query is in the status line: {status}"
    );
    s.send("\x03");
    assert!(
        s.wait_exit_within(Duration::from_secs(5)),
        "Ctrl-C quits at once"
    );
    s.assert_restored();
}

/// `n` JSON Lines records, each naming Khalifa Haftar once.
fn json_lines(path: &Path, n: usize) {
    let mut s = String::with_capacity(n * 100);
    for i in 0..n {
        s.push_str(&format!(
            "{{\"title\":\"Note {i}\",\"date\":\"2020-01-06\",\"body\":\"On day {i} Khalifa Haftar met envoys.\"}}\n"
        ));
    }
    fs::write(path, s).unwrap();
}

/// "article 12/3000" in the status line: 12.
fn article_at(status: &str) -> Option<usize> {
    let rest = status.split("article ").nth(1)?;
    rest.split('/').next()?.trim().parse().ok()
}

/// Issue 15, 10 and 11: thousands of `n` presses at once over a JSON Lines
/// file of thousands of records, then `?`: every press is applied (each
/// opens the next record, read alone through the file's line index on a
/// worker) and the `?` after them shows the help without another key.
/// (Before the fixes crossterm's reader stopped at 1,024 bytes, leaving
/// the rest and the `?` in the terminal, and each open parsed the whole
/// file on the UI thread, losing most presses.)
#[test]
fn thousands_of_keys_at_once_are_all_applied() {
    let dir = tempfile::tempdir().unwrap();
    let n = if cfg!(debug_assertions) {
        2_600
    } else {
        22_000
    };
    let path = dir.path().join("export.jsonl");
    json_lines(&path, n);
    let mut s = Session::start(&[path_str(&path)], 120, 40, &[]);
    let all = format!("{n}/{n} articles");
    s.wait_within("the load", Duration::from_secs(300), |sc| {
        let status = sc.contents().lines().last().unwrap_or("").to_string();
        status.contains(&all) && !status.contains('⟳')
    });
    // Every report on its own row: the notes, alike, fold into one story
    // once the stories are found, which may be any time (a grouping that
    // lands during the presses takes the selection to its story's row).
    s.send("Z");
    s.send("/@haftar\r");
    s.wait_text("following Khalifa Haftar");
    s.send("n");
    s.wait("the first mention", |sc| {
        article_at(sc.contents().lines().last().unwrap_or("")).is_some()
    });
    let from = article_at(&s.status()).unwrap();
    let presses = 2_000;
    assert!(from + presses <= n, "room for every press: {from}");
    let mut keys = "n".repeat(presses);
    keys.push('?');
    let typing = s.type_in_background(keys.into_bytes());
    s.wait_within(
        "the help after the presses",
        Duration::from_secs(120),
        |sc| sc.contents().contains("Anywhere"),
    );
    s.typed(typing);
    s.send("q");
    let want = format!("article {}/{n}", from + presses);
    s.wait_within(&want, Duration::from_secs(10), |sc| {
        let status = sc.contents().lines().last().unwrap_or("").to_string();
        !sc.contents().contains("Anywhere") && status.contains(&want)
    });
    let body = format!("On day {} Khalifa Haftar", from + presses - 1);
    s.wait_within("the record's body", Duration::from_secs(10), |sc| {
        sc.contents().contains(&body)
    });
    s.send("q");
    assert!(s.wait_exit_within(Duration::from_secs(5)));
}

/// Issue 15, 13: quick opens of records of one big JSON Lines file do
/// not pile up: at most two reads run and one waits, each new read
/// supersedes the older ones (their answers never come), and the one
/// answer is the record asked for last, read through the file's line
/// index. (Before: every open spawned a thread that parsed the whole
/// file; 30 quick opens of a 72 MB file took 4 GB.)
#[test]
fn quick_opens_of_a_big_json_lines_file_are_bounded_and_superseded() {
    use lede::app::BodyAt;
    use lede::world::bodies::{BodyReader, READERS};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.jsonl");
    let n = if cfg!(debug_assertions) {
        100_000
    } else {
        1_000_000
    };
    json_lines(&path, n);
    let parsed = lede::corpus::load::parse_file(&path);
    assert_eq!(parsed.articles.len(), n);
    let at = |k: usize| BodyAt::of(&parsed.articles[k].meta, None, k as u32);
    let reader = BodyReader::new();
    let opens: Vec<usize> = (0..30).map(|i| (i * 7919) % n).collect();
    for &k in &opens {
        reader.read(k, at(k));
        assert!(
            reader.busy() <= READERS + 1,
            "{} reads at once",
            reader.busy()
        );
    }
    let last = *opens.last().unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut answers = Vec::new();
    while reader.busy() > 0 || answers.is_empty() {
        assert!(Instant::now() < deadline, "the last read is answered");
        while let Some(a) = reader.try_answer() {
            answers.push(a);
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    std::thread::sleep(Duration::from_millis(200));
    while let Some(a) = reader.try_answer() {
        answers.push(a);
    }
    // Only what was asked last, and nothing before it that was superseded
    // while waiting: the first read may have been under way, no other.
    let answered: Vec<usize> = answers
        .iter()
        .map(|a| match a {
            Action::BodyRead { article, .. } => *article,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(answered.last(), Some(&last), "{answered:?}");
    assert!(
        answered.len() <= 2,
        "superseded reads answered: {answered:?}"
    );
    let Some(Action::BodyRead { result, .. }) = answers.pop() else {
        unreachable!()
    };
    let read = result.expect("the record is read");
    assert_eq!(&*read.body, parsed.articles[last].body.as_str());
    assert!(!read.changed);

    // Opened again and again, one after another: each answered, through
    // the index made once.
    for &k in &opens[..5] {
        reader.read(k, at(k));
        let deadline = Instant::now() + Duration::from_secs(30);
        let got = loop {
            if let Some(a) = reader.try_answer() {
                break a;
            }
            assert!(Instant::now() < deadline, "record {k} is answered");
            std::thread::sleep(Duration::from_millis(5));
        };
        let Action::BodyRead { article, result } = got else {
            panic!("{got:?}")
        };
        assert_eq!(article, k);
        assert_eq!(&*result.unwrap().body, parsed.articles[k].body.as_str());
    }
}

/// Issue 15, 15: an external SIGTSTP restores the terminal before lede
/// stops, SIGCONT sets it up again and redraws it; Ctrl-Z suspends lede
/// as a shell's job; SIGQUIT restores the terminal and ends it.
#[cfg(unix)]
#[test]
fn sigtstp_sigcont_ctrl_z_and_sigquit_leave_the_terminal_right() {
    let mut s = Session::start(&[], 100, 30, &[]);
    s.wait_loaded("2/2");
    let stopped = |s: &mut Session, want: bool| {
        let deadline = Instant::now() + Duration::from_secs(5);
        while s.stopped() != Some(want) {
            if s.stopped().is_none() {
                return;
            }
            assert!(Instant::now() < deadline, "lede stopped: {want}");
            std::thread::sleep(Duration::from_millis(10));
        }
        s.pump();
    };
    let redrawn = |s: &mut Session, since: usize| {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let raw = s.raw();
            let new = String::from_utf8_lossy(&raw[since.min(raw.len())..]).into_owned();
            if new.contains("Articles") {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "no redraw after SIGCONT; stopped: {:?}, cooked: {:?}, since it: {new:?}",
                s.stopped(),
                s.cooked()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(s.screen().alternate_screen());
        assert_eq!(s.cooked(), Some(false), "raw mode again");
        assert_ne!(
            s.screen().mouse_protocol_mode(),
            vt100::MouseProtocolMode::None
        );
    };

    for how in ["kill -TSTP", "Ctrl-Z"] {
        if how == "Ctrl-Z" {
            s.send("\x1a");
        } else {
            s.signal("TSTP");
        }
        stopped(&mut s, true);
        // What lede wrote before it stopped may still be on its way.
        s.wait(&format!("the terminal restored on {how}"), |sc| {
            !sc.alternate_screen() && sc.mouse_protocol_mode() == vt100::MouseProtocolMode::None
        });
        s.assert_restored();
        let since = s.raw().len();
        s.signal("CONT");
        stopped(&mut s, false);
        redrawn(&mut s, since);
        // And it answers keys again.
        s.send("?");
        s.wait_text("Anywhere");
        s.send("q");
        s.wait("the help closed", |sc| !sc.contents().contains("Anywhere"));
    }
    s.signal("QUIT");
    s.wait_exit_within(Duration::from_secs(5));
    s.assert_restored();
}

/// Issue 15, 17: the warnings about a report that cannot be shown, or
/// that changed on disk, are said once however often it is opened (and
/// however often it changes).
#[test]
fn cannot_show_and_changed_warnings_are_said_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let alpha = d.join("alpha.txt");
    fs::write(
        &alpha,
        "Title: Alpha report\nDate: 2020-01-06\n\nEnvoys met in Cairo.",
    )
    .unwrap();
    fs::write(
        d.join("beta.txt"),
        "Title: Beta report\nDate: 2020-01-05\n\nTalks resumed in Tunis.",
    )
    .unwrap();
    // The newest is shown at start (so Alpha's body is first read once it
    // changed); twenty others are opened between the rounds, so Alpha's
    // body is no longer among the recent ones and is read again.
    fs::write(
        d.join("gamma.txt"),
        "Title: Gamma report\nDate: 2020-02-01\n\nEnvoys met in Rabat.",
    )
    .unwrap();
    for i in 0..20 {
        fs::write(
            d.join(format!("filler{i:02}.txt")),
            format!("Title: Filler {i:02}\nDate: 2019-06-01\n\nA note from Tunis."),
        )
        .unwrap();
    }
    let (mut app, ingest) = load_n(d, 23);
    fs::remove_file(d.join("beta.txt")).unwrap();
    for round in 0..3 {
        fs::write(
            &alpha,
            format!("Title: Alpha report\nDate: 2020-01-06\n\nEnvoys met in Cairo, round {round}."),
        )
        .unwrap();
        select_title(&mut app, "Alpha");
        select_title(&mut app, "Beta");
        for i in 0..20 {
            select_title(&mut app, &format!("Filler {i:02}"));
        }
    }
    let count = |name: &str, what: &str| {
        app.library
            .warnings()
            .iter()
            .filter(|w| w.path.ends_with(name) && w.message.contains(what))
            .count()
    };
    assert_eq!(
        count("alpha.txt", "changed on disk"),
        1,
        "{:?}",
        app.library.warnings()
    );
    assert_eq!(
        count("beta.txt", "cannot show"),
        1,
        "{:?}",
        app.library.warnings()
    );
    drop(ingest);
}

/// Issue 15, 17: a long run of `&amp;` is markup, decoded to ampersands,
/// and no name: no entity or mention swallows it (it made one
/// 200,000-character "entity"); the names around it are found.
#[test]
fn a_run_of_ampersands_is_no_entity() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let run = if cfg!(debug_assertions) {
        20_000
    } else {
        40_000
    };
    fs::write(
        dir.path().join("amp.txt"),
        format!(
            "Title: Ampersands\nDate: 2020-01-06\n\nKhalifa Haftar met {} Tripoli officials in Cairo.\n\nThe United Nations said {} nothing.",
            "&amp;".repeat(run),
            "&amp;amp; ".repeat(run / 2)
        ),
    )
    .unwrap();
    let out = extract_json(home.path(), dir.path().as_os_str());
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = doc["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    for name in &names {
        assert!(
            name.chars().count() <= 100,
            "an entity of {} characters",
            name.len()
        );
        assert!(!name.contains('&') || name.len() < 40, "{name}");
    }
    for want in ["Khalifa Haftar", "Cairo", "United Nations"] {
        assert!(names.contains(&want), "{want}: {names:?}");
    }
}
