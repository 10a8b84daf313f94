//! The scale report: one table of lede's speed and memory at 1k, 10k and
//! 100k generated articles, with a raw read of the same files (`cat` to
//! /dev/null) measured in the same run for scale.
//!
//! ```sh
//! cargo build --release --bins --examples && cargo run --release --example bench_report -- [--sizes 1000,10000,100000] [--dir /tmp/lede-bench]
//! ```
//!
//! Corpora are written by `gen_corpus` (built beside this example) into
//! DIR/N, once (DIR/N.done marks a finished one); caches go to
//! DIR/cache-N. The real `lede` binary
//! (target/release/lede) runs in a pseudo-terminal for the open-to-first-
//! frame, full-load and peak-memory figures; the app core runs in-process
//! for keystroke latency, frame rendering and the resolution stage (a
//! cold load in-process: its resolution passes and groupings into
//! stories, and the longest pause of the app's thread swapping either
//! in). Everything is on this
//! machine, at its current load: the ratios to `cat` are the numbers to
//! compare across machines.

use std::io::Read;
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use lede::app::{Action, App, update};
use lede::corpus::load::parse_file;
use lede::entities::Extractor;
use lede::entities::tokens::tokenize;
use lede::ingest::{Event, Ingest, Options};
use lede::ui::{self, Theme};
use lede::world::serve_here;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const QUERIES: &[&str] = &["haftar sirte", "@gna", "date:2020-01"];
/// Words of the generated bodies (and one word's start), typed a key at a
/// time: each keystroke a full-text query through the word index.
const WORD_QUERIES: &[&str] = &["ceasefire", "spokesman talks", "resum"];

struct Row {
    n: usize,
    mb: f64,
    files: usize,
    tokens: u64,
    cat: Duration,
    cold_frame: Duration,
    cold_first_row: Duration,
    cold_load: Duration,
    cold_rss_mb: f64,
    warm_frame: Duration,
    warm_load: Duration,
    warm_rss_mb: f64,
    extract_tps_core: f64,
    key_median: Duration,
    key_p99: Duration,
    ranked_median: Duration,
    ranked_p99: Duration,
    render: Duration,
    cold_passes: Passes,
    warm_passes: Passes,
    /// The longest UI-thread answer of a word-index job: cold, cached,
    /// cold under a word filter.
    words_ui: [Pause; 3],
    cold_groupings: Passes,
    warm_groupings: Passes,
    /// The in-process cold load the passes and groupings are of.
    cold_in_process: Duration,
    /// Keystrokes of full-text word queries (folded list): median, p99.
    word_keys: (Duration, Duration),
    /// Keystrokes of [`QUERIES`] with folding off (`Z`): median, p99.
    flat_keys: (Duration, Duration),
    /// Rows of the folded list, and reports, with no filter.
    folded_rows: (usize, usize),
    /// Articles in the word index, its memory.
    indexed: (usize, usize),
}

/// Resolution passes (or groupings into stories) in one load, and the UI
/// thread's longest pause applying one the stage sent.
#[derive(Clone, Copy, Default)]
struct Passes {
    passes: u32,
    /// All passes of the load, and the last one alone.
    total: Duration,
    last: Duration,
    longest_swap: Duration,
}

/// What the stage did in one load: resolution passes, groupings.
#[derive(Clone, Copy, Default)]
struct Staged {
    resolving: Passes,
    grouping: Passes,
    /// The longest the app took over one answer of the word index's
    /// world jobs (words filed, a segment built, segments merged): UI
    /// thread time, the jobs themselves aside.
    words_longest: Pause,
}

/// The longest pause of the app's thread over some answers: by the clock,
/// and its own part (the clock less the time the thread stood ready for
/// a core another had: on this shared 2-core machine, and with
/// `serve_here` doing the world's reading on the same thread, a
/// preemption can add tens of milliseconds to any answer).
#[derive(Clone, Copy, Default)]
struct Pause {
    wall: Duration,
    own: Duration,
}

/// How long this thread has stood ready for a core (Linux's
/// `/proc/thread-self/schedstat`; zero where it cannot be read).
fn waited_for_cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    let ns = stat.split_whitespace().nth(1).and_then(|w| w.parse().ok());
    Duration::from_nanos(ns.unwrap_or(0))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|p| args.get(p + 1))
            .cloned()
    };
    let sizes: Vec<usize> = arg("--sizes")
        .unwrap_or_else(|| "1000,10000,100000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let dir = PathBuf::from(arg("--dir").unwrap_or_else(|| "/tmp/lede-bench".into()));
    let bin_dir = std::env::current_exe()
        .expect("own path")
        .parent()
        .expect("examples dir")
        .to_path_buf();
    let lede = bin_dir.parent().expect("target dir").join("lede");
    let gen_corpus = bin_dir.join("gen_corpus");
    for (what, p) in [("lede", &lede), ("gen_corpus", &gen_corpus)] {
        if !p.exists() {
            eprintln!(
                "{what} not found at {}: run `cargo build --release --bins --examples` first",
                p.display()
            );
            std::process::exit(2);
        }
    }
    // `cargo build --examples` leaves the binary as it was: figures of an
    // older `lede` beside this build's in-process ones would mislead (and
    // its cache would not be this build's).
    let built = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let own = std::env::current_exe().ok().and_then(|p| built(&p));
    if let (Some(bin), Some(own)) = (built(&lede), own)
        && bin + Duration::from_secs(600) < own
    {
        eprintln!(
            "{} is older than this benchmark: run `cargo build --release --bins --examples` first",
            lede.display()
        );
        std::process::exit(2);
    }
    let mut rows = Vec::new();
    for &n in &sizes {
        let corpus = dir.join(n.to_string());
        let marker = dir.join(format!("{n}.done"));
        if !marker.exists() {
            eprintln!("generating {n} articles in {}", corpus.display());
            let _ = std::fs::remove_dir_all(&corpus);
            let ok = Command::new(&gen_corpus)
                .arg(n.to_string())
                .arg(&corpus)
                .status()
                .is_ok_and(|s| s.success());
            assert!(ok, "gen_corpus failed");
            std::fs::write(&marker, "").expect("mark the corpus done");
        }
        eprintln!("measuring {n}");
        rows.push(measure(n, &corpus, &dir.join(format!("cache-{n}")), &lede));
    }
    print_table(&rows);
}

fn measure(n: usize, corpus: &Path, cache: &Path, lede: &Path) -> Row {
    let (files, bytes) = sizes(corpus);
    // A raw read of the same files, page cache warm (as it is for lede).
    let cat = time_cat(corpus);
    let cat = time_cat(corpus).min(cat);

    let _ = std::fs::remove_dir_all(cache);
    let cold_tui = run_tui(lede, corpus, cache, n);
    let warm_tui = run_tui(lede, corpus, cache, n);
    let tokens = count_tokens(corpus);
    let extract_tps_core = extraction_per_core(corpus);
    let (keys, ranked, render, warm, more) = interact(corpus, cache);
    let (cold, cold_in_process) = resolve_cold(corpus, None);
    let (filtered, _) = resolve_cold(corpus, Some(WORD_QUERIES[0]));
    Row {
        n,
        mb: bytes as f64 / 1e6,
        files,
        tokens,
        cat,
        cold_frame: cold_tui.first_frame,
        cold_first_row: cold_tui.first_row,
        cold_load: cold_tui.loaded,
        cold_rss_mb: cold_tui.peak_rss_kb as f64 / 1024.0,
        warm_frame: warm_tui.first_frame,
        warm_load: warm_tui.loaded,
        warm_rss_mb: warm_tui.peak_rss_kb as f64 / 1024.0,
        extract_tps_core,
        key_median: pct(&keys, 50),
        key_p99: pct(&keys, 99),
        ranked_median: pct(&ranked, 50),
        ranked_p99: pct(&ranked, 99),
        render,
        cold_passes: cold.resolving,
        warm_passes: warm.resolving,
        cold_groupings: cold.grouping,
        warm_groupings: warm.grouping,
        cold_in_process,
        word_keys: (pct(&more.words, 50), pct(&more.words, 99)),
        flat_keys: (pct(&more.flat, 50), pct(&more.flat, 99)),
        folded_rows: more.folded_rows,
        indexed: more.indexed,
        words_ui: [
            cold.words_longest,
            warm.words_longest,
            filtered.words_longest,
        ],
    }
}

/// What `interact` measures beyond the first rows.
struct MoreKeys {
    words: Vec<Duration>,
    flat: Vec<Duration>,
    folded_rows: (usize, usize),
    indexed: (usize, usize),
}

/// Types `queries` a key at a time: how long each keystroke takes to
/// update the list, and how long until it is ranked.
fn type_queries(app: &mut App, queries: &[&str]) -> (Vec<Duration>, Vec<Duration>) {
    let mut keys = Vec::new();
    let mut ranked = Vec::new();
    for q in queries {
        update(app, Action::FilterStart);
        for c in q.chars() {
            let t = Instant::now();
            update(app, Action::FilterInput(c));
            keys.push(t.elapsed());
            while app.wants_ticks() {
                update(app, Action::Tick);
            }
            ranked.push(t.elapsed());
        }
        update(app, Action::FilterClear);
    }
    (keys, ranked)
}

fn sizes(dir: &Path) -> (usize, u64) {
    let (files, _) = lede::corpus::load::discover(&[dir.to_path_buf()]);
    let bytes = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    (files.len(), bytes)
}

fn time_cat(dir: &Path) -> Duration {
    let t = Instant::now();
    let ok = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "find -L '{}' -type f -print0 | xargs -0 cat > /dev/null",
            dir.display()
        ))
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "cat failed");
    t.elapsed()
}

struct TuiRun {
    first_frame: Duration,
    first_row: Duration,
    loaded: Duration,
    peak_rss_kb: u64,
}

/// Runs `lede corpus` in a 200x60 pseudo-terminal: when the first frame
/// is drawn, when the first article row shows, when loading is done
/// (every entity in: the gauge is gone and all articles are counted), and
/// the process's peak resident memory.
fn run_tui(lede: &Path, corpus: &Path, cache: &Path, n: usize) -> TuiRun {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 60,
            cols: 200,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pty");
    let mut cmd = CommandBuilder::new(lede);
    cmd.arg(corpus);
    // Measures loading; the user's read marks are neither read nor written.
    cmd.arg("--no-state");
    cmd.env("TERM", "xterm-256color");
    cmd.env("LEDE_CACHE_DIR", cache);
    let start = Instant::now();
    let mut child = pty.slave.spawn_command(cmd).expect("lede starts");
    drop(pty.slave);
    let pid = child.process_id().expect("a pid");
    let mut reader = pty.master.try_clone_reader().expect("a reader");
    let mut writer = pty.master.take_writer().expect("a writer");
    let (tx, rx): (_, Receiver<Vec<u8>>) = channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(k) = reader.read(&mut buf) {
            if k == 0 || tx.send(buf[..k].to_vec()).is_err() {
                break;
            }
        }
    });
    let nz = |v: u16| NonZeroU16::new(v).expect("non-zero");
    let mut parser = vt100::Parser::new(nz(60), nz(200), 0);
    let mut first_frame = None;
    let mut first_row = None;
    let mut loaded = None;
    let mut peak = 0;
    let all = format!("{n}/{n} articles");
    let deadline = start + Duration::from_secs(900);
    while loaded.is_none() && Instant::now() < deadline {
        while let Ok(bytes) = rx.recv_timeout(Duration::from_millis(5)) {
            parser.process(&bytes);
            let screen = parser.screen().contents();
            if first_frame.is_none() && screen.contains("Articles") {
                first_frame = Some(start.elapsed());
            }
            if first_row.is_none() && screen.lines().nth(1).is_some_and(|l| l.contains("20")) {
                first_row = Some(start.elapsed());
            }
            let status = screen.lines().last().unwrap_or("").to_string();
            if loaded.is_none() && status.contains(&all) && !status.contains('⟳') {
                loaded = Some(start.elapsed());
            }
        }
        peak = peak.max(vm_hwm_kb(pid));
    }
    peak = peak.max(vm_hwm_kb(pid));
    let _ = writer.write_all(b"q");
    let _ = writer.flush();
    let _ = child.wait();
    TuiRun {
        first_frame: first_frame.unwrap_or(Duration::MAX),
        first_row: first_row.unwrap_or(Duration::MAX),
        loaded: loaded.unwrap_or(Duration::MAX),
        peak_rss_kb: peak,
    }
}

use std::io::Write as _;

fn vm_hwm_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

fn bodies(corpus: &Path) -> Vec<(String, Option<chrono::NaiveDate>)> {
    let (files, _) = lede::corpus::load::discover(&[corpus.to_path_buf()]);
    files
        .iter()
        .flat_map(|f| parse_file(f).articles)
        .map(|a| (a.body, a.meta.date))
        .collect()
}

fn count_tokens(corpus: &Path) -> u64 {
    let (files, _) = lede::corpus::load::discover(&[corpus.to_path_buf()]);
    let half = files.len() / 2;
    let count = |fs: &[PathBuf]| -> u64 {
        fs.iter()
            .flat_map(|f| parse_file(f).articles)
            .map(|a| tokenize(&a.body).len() as u64)
            .sum()
    };
    std::thread::scope(|s| {
        let a = s.spawn(|| count(&files[..half]));
        let b = count(&files[half..]);
        a.join().expect("counting thread") + b
    })
}

/// Tokens per second of `Extractor::extract` on one core, over up to
/// 2,000 articles of the corpus.
fn extraction_per_core(corpus: &Path) -> f64 {
    let sample: Vec<_> = bodies(corpus).into_iter().take(2000).collect();
    let tokens: usize = sample.iter().map(|(b, _)| tokenize(b).len()).sum();
    let ex = Extractor::new();
    ex.extract("warm up the model", None);
    let t = Instant::now();
    for (b, d) in &sample {
        std::hint::black_box(ex.extract(b, *d));
    }
    tokens as f64 / t.elapsed().as_secs_f64()
}

/// Feeds a load to the app core as the event loop would, to its end:
/// the stage's resolution passes and groupings into stories, and how long
/// the app took to swap in each (the longest such pause of the UI
/// thread).
fn load_into(app: &mut App, ingest: &Ingest) -> Staged {
    let mut r = Staged::default();
    loop {
        let ev = ingest.events.recv().expect("the load finishes");
        let done = matches!(ev, Event::Finished(_));
        let swapped = match &ev {
            Event::Resolved(res) => {
                let p = &mut r.resolving;
                (p.passes, p.total, p.last) = (res.stats.number, res.stats.total, res.stats.took);
                Some(p)
            }
            Event::Stories(g) => {
                let p = &mut r.grouping;
                (p.passes, p.total, p.last) = (g.stats.number, g.stats.total, g.stats.took);
                Some(p)
            }
            _ => None,
        };
        let t = Instant::now();
        if let Some(a) = Action::from_load(ev) {
            update(app, a);
        }
        if let Some(p) = swapped {
            p.longest_swap = p.longest_swap.max(t.elapsed());
        }
        serve_timed(app, &mut r.words_longest);
        if done {
            return r;
        }
    }
}

/// [`serve_here`], timing how long the app takes over each answer of
/// the word index's jobs (the longest in `words`).
fn serve_timed(app: &mut App, words: &mut Pause) {
    lede::world::serve_here_with(app, |app, a| {
        let of_words = matches!(
            a,
            Action::WordsRead { .. } | Action::WordsBuilt(_) | Action::WordsMerged(_)
        );
        if !of_words {
            update(app, a);
            return;
        }
        let waited = waited_for_cpu();
        let t = Instant::now();
        update(app, a);
        let wall = t.elapsed();
        let own = wall.saturating_sub(waited_for_cpu().saturating_sub(waited));
        words.wall = words.wall.max(wall);
        words.own = words.own.max(own);
    });
}

/// A cold load (no cache) in-process: what the stage does while
/// everything is extracted, and how long the whole load took.
fn resolve_cold(corpus: &Path, filter: Option<&str>) -> (Staged, Duration) {
    let start = Instant::now();
    let ingest = Ingest::start(
        vec![corpus.to_path_buf()],
        Options {
            cache_dir: None,
            ..Options::default()
        },
    );
    let mut app = App::loading();
    update(&mut app, Action::Resize(200, 60));
    if let Some(q) = filter {
        update(&mut app, Action::FilterStart);
        for c in q.chars() {
            update(&mut app, Action::FilterInput(c));
        }
        update(&mut app, Action::FilterAccept);
    }
    let staged = load_into(&mut app, &ingest);
    (staged, start.elapsed())
}

/// Loads the corpus (warm cache) into the app core, then types each query
/// a key at a time: how long each keystroke takes to update the list, and
/// how long until the list is fully ranked. Then the frame render time at
/// 200x60.
fn interact(
    corpus: &Path,
    cache: &Path,
) -> (Vec<Duration>, Vec<Duration>, Duration, Staged, MoreKeys) {
    let ingest = Ingest::start(
        vec![corpus.to_path_buf()],
        Options {
            cache_dir: Some(cache.to_path_buf()),
            ..Options::default()
        },
    );
    let mut app = App::loading();
    update(&mut app, Action::Resize(200, 60));
    let warm = load_into(&mut app, &ingest);
    // The list folds stories (the default): these are keystrokes on it.
    let folded_rows = (app.list.view().len(), app.list.reports().len());
    let words = app.library.words();
    let indexed = (words.searchable_count(), words.heap_bytes());
    let (keys, ranked) = type_queries(&mut app, QUERIES);
    let (word_keys, _) = type_queries(&mut app, WORD_QUERIES);
    update(&mut app, Action::ToggleFolding);
    let (flat, _) = type_queries(&mut app, QUERIES);
    update(&mut app, Action::ToggleFolding);
    let more = MoreKeys {
        words: word_keys,
        flat,
        folded_rows,
        indexed,
    };
    update(&mut app, Action::OpenSelected);
    serve_here(&mut app);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("a test terminal");
    let theme = Theme::default();
    let mut frames = Vec::new();
    for _ in 0..200 {
        let t = Instant::now();
        terminal
            .draw(|f| ui::draw(f, &app, &theme))
            .expect("a frame");
        frames.push(t.elapsed());
    }
    (keys, ranked, pct(&frames, 50), warm, more)
}

fn pct(v: &[Duration], p: usize) -> Duration {
    let mut v = v.to_vec();
    v.sort();
    if v.is_empty() {
        return Duration::ZERO;
    }
    v[((v.len() - 1) * p).div_ceil(100)]
}

fn ms(d: Duration) -> String {
    if d == Duration::MAX {
        return "—".into();
    }
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.2} ms")
    } else if ms < 10_000.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{:.1} s", ms / 1000.0)
    }
}

fn print_table(rows: &[Row]) {
    let head: Vec<String> = rows.iter().map(|r| format!("{} articles", r.n)).collect();
    println!("| | {} |", head.join(" | "));
    println!("| --- |{}", " --- |".repeat(rows.len()));
    let line = |name: &str, f: &dyn Fn(&Row) -> String| {
        let cells: Vec<String> = rows.iter().map(f).collect();
        println!("| {name} | {} |", cells.join(" | "));
    };
    line("corpus", &|r| {
        format!(
            "{} files, {:.0} MB, {:.1}M tokens",
            r.files,
            r.mb,
            r.tokens as f64 / 1e6
        )
    });
    line("raw read (`cat` > /dev/null)", &|r| ms(r.cat));
    line("cold: first frame", &|r| ms(r.cold_frame));
    line("cold: first article listed", &|r| ms(r.cold_first_row));
    line("cold: everything loaded and extracted", &|r| {
        format!(
            "{} ({:.0}× cat)",
            ms(r.cold_load),
            r.cold_load.as_secs_f64() / r.cat.as_secs_f64()
        )
    });
    line("cold: full ingest", &|r| {
        let s = r.cold_load.as_secs_f64();
        format!(
            "{:.1} MB/s, {:.0}k tokens/s",
            r.mb / s,
            r.tokens as f64 / s / 1e3
        )
    });
    line("cached: first frame", &|r| ms(r.warm_frame));
    line("cached: every entity available", &|r| {
        format!(
            "{} ({:.1}× cat)",
            ms(r.warm_load),
            r.warm_load.as_secs_f64() / r.cat.as_secs_f64()
        )
    });
    line("extraction per core", &|r| {
        format!("{:.0}k tokens/s", r.extract_tps_core / 1e3)
    });
    line(
        "keystroke → list updated (folded list), median / p99",
        &|r| format!("{} / {}", ms(r.key_median), ms(r.key_p99)),
    );
    line("keystroke → list ranked, median / p99", &|r| {
        format!("{} / {}", ms(r.ranked_median), ms(r.ranked_p99))
    });
    line(
        "keystroke, full-text word query (`ceasefire`…), median / p99",
        &|r| format!("{} / {}", ms(r.word_keys.0), ms(r.word_keys.1)),
    );
    line("folded list: rows / reports (no filter)", &|r| {
        format!("{} / {}", r.folded_rows.0, r.folded_rows.1)
    });
    line("keystroke with folding off (`Z`), median / p99", &|r| {
        format!("{} / {}", ms(r.flat_keys.0), ms(r.flat_keys.1))
    });
    line("word index: articles, memory", &|r| {
        format!("{}, {:.1} MB", r.indexed.0, r.indexed.1 as f64 / 1e6)
    });
    line(
        "word index answers on the UI thread, longest: cold / cached / cold under `ceasefire`",
        &|r| {
            let [cold, cached, filtered] = r.words_ui.map(|p| ms(p.wall));
            format!("{cold} / {cached} / {filtered}")
        },
    );
    line("the same, less time waiting for a core (preempted)", &|r| {
        let [cold, cached, filtered] = r.words_ui.map(|p| ms(p.own));
        format!("{cold} / {cached} / {filtered}")
    });
    line("frame render 200x60", &|r| ms(r.render));
    line(
        "resolution stage, cold: passes, all passes (last pass)",
        &|r| {
            let p = r.cold_passes;
            format!("{}, {} ({})", p.passes, ms(p.total), ms(p.last))
        },
    );
    line("resolution stage, cached: passes, all passes", &|r| {
        let p = r.warm_passes;
        format!("{}, {}", p.passes, ms(p.total))
    });
    line(
        "resolution swapped in: longest UI pause cold / cached",
        &|r| {
            format!(
                "{} / {}",
                ms(r.cold_passes.longest_swap),
                ms(r.warm_passes.longest_swap)
            )
        },
    );
    line(
        "story groupings, cold: groupings, all (last), share of the in-process load",
        &|r| {
            let p = r.cold_groupings;
            format!(
                "{}, {} ({}), {:.1}% of {}",
                p.passes,
                ms(p.total),
                ms(p.last),
                100.0 * p.total.as_secs_f64() / r.cold_in_process.as_secs_f64(),
                ms(r.cold_in_process)
            )
        },
    );
    line("story groupings, cached: groupings, all", &|r| {
        let p = r.warm_groupings;
        format!("{}, {}", p.passes, ms(p.total))
    });
    line("stories swapped in: longest UI pause cold / cached", &|r| {
        format!(
            "{} / {}",
            ms(r.cold_groupings.longest_swap),
            ms(r.warm_groupings.longest_swap)
        )
    });
    line("peak RSS cold / cached", &|r| {
        format!("{:.0} / {:.0} MB", r.cold_rss_mb, r.warm_rss_mb)
    });
    line("peak RSS − corpus size (cold)", &|r| {
        format!("{:+.0} MB", r.cold_rss_mb - r.mb)
    });
}
