//! What stories cost at scale, beside what extraction costs in the same
//! run: per-article sketching, threading 10,000 and 100,000 generated
//! articles, and marking the new passages of every article.
//!
//! ```sh
//! cargo build --release --examples && cargo run --release --example bench_stories -- [--sizes 10000,100000] [--dir /tmp/lede-bench]
//! ```
//!
//! Corpora are the ones `bench_report` uses: written by `gen_corpus` into
//! DIR/N once (DIR/N.done marks a finished one). Every figure is CPU time
//! of the thread doing the work (so other jobs on a shared machine do not
//! inflate it): extraction and sketching run on every core and are summed
//! over threads, in core-seconds; threading and new passages run on one
//! thread.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// CPU time this thread has used.
fn cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

use lede::corpus::{self, Article};
use lede::entities::Extractor;
use lede::stories::{self, Sketch, Threader};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|p| args.get(p + 1))
            .cloned()
    };
    let sizes: Vec<usize> = arg("--sizes")
        .unwrap_or_else(|| "10000,100000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let dir = PathBuf::from(arg("--dir").unwrap_or_else(|| "/tmp/lede-bench".into()));
    let gen_corpus = std::env::current_exe()
        .expect("own path")
        .parent()
        .expect("examples dir")
        .join("gen_corpus");
    for &n in &sizes {
        let corpus = dir.join(n.to_string());
        let marker = dir.join(format!("{n}.done"));
        if !marker.exists() {
            assert!(
                gen_corpus.exists(),
                "gen_corpus not found at {}: run `cargo build --release --examples` first",
                gen_corpus.display()
            );
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
        measure(n, &corpus);
    }
}

fn measure(n: usize, dir: &Path) {
    eprintln!("loading {}", dir.display());
    let articles = corpus::load(&[dir.to_path_buf()]).articles;
    assert_eq!(articles.len(), n, "articles in {}", dir.display());
    let mb = articles.iter().map(|a| a.body.len()).sum::<usize>() as f64 / 1e6;

    eprintln!("extracting and sketching");
    let wall = Instant::now();
    let (sketches, extract, sketch) = extract_and_sketch(&articles);
    let wall = wall.elapsed();
    let bytes: Vec<usize> = sketches.iter().map(|s| s.encode().len()).collect();

    eprintln!("threading");
    let t = cpu();
    let mut threader = Threader::new();
    for (i, (a, s)) in articles.iter().zip(&sketches).enumerate() {
        threader.add(i as u32, &a.id, s.clone());
    }
    let added = cpu() - t;
    let t = cpu();
    let grouped = threader.group();
    let group = cpu() - t;

    eprintln!("marking new passages");
    let t = cpu();
    let marks = stories::new_in_stories(&grouped, |a| &articles[a as usize].body);
    let novelty = cpu() - t;

    let multi: Vec<usize> = grouped
        .all()
        .iter()
        .map(|s| s.reports.len())
        .filter(|&l| l > 1)
        .collect();
    let with_new = marks.iter().filter(|(_, r)| !r.is_empty()).count();
    let stories_cost = sketch + added + group;
    let per = |d: Duration| format!("{:.1} µs/article", d.as_secs_f64() * 1e6 / n as f64);
    println!("## {n} articles ({mb:.0} MB of bodies)");
    println!(
        "extraction            {:>8.2} core-s  {}",
        extract.as_secs_f64(),
        per(extract)
    );
    println!(
        "sketching             {:>8.2} core-s  {}",
        sketch.as_secs_f64(),
        per(sketch)
    );
    println!(
        "threading: add        {:>8.3} s       {}",
        added.as_secs_f64(),
        per(added)
    );
    println!(
        "threading: group      {:>8.3} s       {}",
        group.as_secs_f64(),
        per(group)
    );
    println!(
        "stories total         {:>8.2} core-s  {} = {:.1}% of extraction",
        stories_cost.as_secs_f64(),
        per(stories_cost),
        100.0 * stories_cost.as_secs_f64() / extract.as_secs_f64()
    );
    println!(
        "(extraction + sketching, wall clock on {} cores: {:.1} s)",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        wall.as_secs_f64()
    );
    println!(
        "new passages, all     {:>8.2} s       {}",
        novelty.as_secs_f64(),
        per(novelty)
    );
    println!(
        "sketch bytes          mean {:.0}, max {}",
        bytes.iter().sum::<usize>() as f64 / n as f64,
        bytes.iter().max().unwrap_or(&0)
    );
    println!(
        "stories               {} ({} of more than one report, largest {}, {} reports with new passages)",
        grouped.all().len(),
        multi.len(),
        multi.iter().max().unwrap_or(&1),
        with_new
    );
    println!();
}

/// Sketches of every article, and the time spent extracting and
/// sketching, summed over the threads.
fn extract_and_sketch(articles: &[Article]) -> (Vec<Sketch>, Duration, Duration) {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let extractor = Extractor::new();
    let next = AtomicUsize::new(0);
    let slots: Mutex<Vec<Option<Sketch>>> = Mutex::new(vec![None; articles.len()]);
    let totals = Mutex::new((Duration::ZERO, Duration::ZERO));
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                let (mut ex, mut sk) = (Duration::ZERO, Duration::ZERO);
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(a) = articles.get(i) else { break };
                    let t = cpu();
                    let found = extractor.extract(&a.body, a.date);
                    let t2 = cpu();
                    let sketch = Sketch::new(&a.body, a.date, &stories::entity_keys(&found));
                    sk += cpu() - t2;
                    ex += t2 - t;
                    slots.lock().expect("slots")[i] = Some(sketch);
                }
                let mut t = totals.lock().expect("totals");
                t.0 += ex;
                t.1 += sk;
            });
        }
    });
    let (ex, sk) = totals.into_inner().expect("totals");
    let sketches = slots
        .into_inner()
        .expect("slots")
        .into_iter()
        .map(|s| s.expect("sketched"))
        .collect();
    (sketches, ex, sk)
}
