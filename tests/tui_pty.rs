//! End to end: the real `lede` binary in a pseudo-terminal, its output fed
//! to a vt100 parser, keys typed as a user would. Every wait has a
//! deadline (the screen is polled, never a fixed sleep alone), and the
//! child is killed if a test fails.

mod pty;

use std::time::{Duration, Instant};

use pty::{DEADLINE, Session};

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

    // The two seeds are one story: one row, two reports. `z` unfolds it
    // in place, and the older report opens from the row under it.
    s.wait_text("×2");
    assert!(!s.text().contains("└"), "{}", s.text());
    s.send("z");
    s.wait_text("└");
    s.send("j\r");
    s.wait_text("seeds/000_468f2a0ab9fd8c3b.txt");
    // `Z`: folding off; every report its own row, no story marks.
    s.send("1Z");
    s.wait("folding off", |sc| !sc.contents().contains("×2"));
    s.wait_text("every report listed");
    // `>` widens the list, `<` narrows it again.
    let border = |t: &str| t.lines().next().unwrap_or("").find('╮').unwrap_or(0);
    let before = border(&s.text());
    s.send(">>");
    s.wait("a wider list", |sc| border(&sc.contents()) > before);
    s.send("<<");
    s.wait("the list as it was", |sc| border(&sc.contents()) == before);

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
    // Esc and a `q` read together are Alt-q, as in any terminal program:
    // the filter is seen dropped before `q` goes.
    s.esc();
    s.wait("the filter dropped", |sc| {
        !sc.contents().lines().last().unwrap_or("").contains("/@gna")
    });
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
    // The two seeds are one story, folded into the later's row: `J`
    // reads the story's other report, unfolding the story so the
    // selection is on its own row (`└`).
    s.send("J");
    s.wait_text("seeds/000_468f2a0ab9fd8c3b.txt");
    assert!(!s.status().contains("new passage"), "a first report");
    s.wait_text("└");
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
    let copied = clipboard_writes(s.raw());
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
    // Every report on its own row (the two seeds are one story), then
    // the second one.
    b.send("Zjs");
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
