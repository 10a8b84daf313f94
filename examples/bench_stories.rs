//! What stories cost at scale, beside what extraction costs in the same
//! run: per-article sketching, threading 10,000 and 100,000 generated
//! articles, and marking the new passages of every article.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- 100000 /tmp/lede-bench/100000   # or bench_report's
//! cargo run --release --example bench_stories -- /tmp/lede-bench/10000 /tmp/lede-bench/100000
//! ```
//!
//! Each DIR is a corpus, typically one `gen_corpus` wrote (bench_report
//! keeps its corpora in /tmp/lede-bench/N). Every figure is CPU time
//! of the thread doing the work (so other jobs on a shared machine do not
//! inflate it): extraction and sketching run on every core and are summed
//! over threads, in core-seconds; threading and new passages run on one
//! thread.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// CPU time this thread has used.
fn cpu() -> Duration {
    use nix::time::{ClockId, clock_gettime};
    clock_gettime(ClockId::CLOCK_THREAD_CPUTIME_ID)
        .map(Duration::from)
        .unwrap_or_default()
}

use lede::corpus::{self, Article};
use lede::entities::Extractor;
use lede::stories::{self, Sketch, Threader};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let dirs: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if dirs.is_empty() {
        eprintln!("usage: bench_stories DIR...  (corpora written by gen_corpus)");
        std::process::exit(2);
    }
    for dir in &dirs {
        measure(dir);
    }
}

fn measure(dir: &Path) {
    eprintln!("loading {}", dir.display());
    let articles = corpus::load(&[dir.to_path_buf()]).articles;
    let count = articles.len();
    let n = count.max(1);
    let mb = articles.iter().map(|a| a.body.len()).sum::<usize>() as f64 / 1e6;

    eprintln!("extracting and sketching");
    let wall = Instant::now();
    let (sketches, extract, keys, sketch) = extract_and_sketch(&articles);
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
    let stories_cost = keys + sketch + added + group;
    let per = |d: Duration| format!("{:.1} µs/article", d.as_secs_f64() * 1e6 / n as f64);
    println!(
        "## {count} articles in {} ({mb:.0} MB of bodies)",
        dir.display()
    );
    println!(
        "extraction            {:>8.2} core-s  {}",
        extract.as_secs_f64(),
        per(extract)
    );
    println!(
        "entity keys           {:>8.2} core-s  {}",
        keys.as_secs_f64(),
        per(keys)
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

/// Sketches of every article, and the time spent extracting, keying the
/// entities and sketching, summed over the threads.
fn extract_and_sketch(articles: &[Article]) -> (Vec<Sketch>, Duration, Duration, Duration) {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let extractor = Extractor::new();
    let next = AtomicUsize::new(0);
    let slots: Mutex<Vec<Option<Sketch>>> = Mutex::new(vec![None; articles.len()]);
    let totals = Mutex::new((Duration::ZERO, Duration::ZERO, Duration::ZERO));
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                let (mut ex, mut ke, mut sk) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(a) = articles.get(i) else { break };
                    let t = cpu();
                    let found = extractor.extract(&a.body, a.date);
                    let t2 = cpu();
                    let keys = stories::entity_keys(&found);
                    let t3 = cpu();
                    let sketch = Sketch::new(&a.body, a.date, &keys);
                    sk += cpu() - t3;
                    ke += t3 - t2;
                    ex += t2 - t;
                    slots.lock().expect("slots")[i] = Some(sketch);
                }
                let mut t = totals.lock().expect("totals");
                t.0 += ex;
                t.1 += ke;
                t.2 += sk;
            });
        }
    });
    let (ex, ke, sk) = totals.into_inner().expect("totals");
    let sketches = slots
        .into_inner()
        .expect("slots")
        .into_iter()
        .map(|s| s.expect("sketched"))
        .collect();
    (sketches, ex, ke, sk)
}
