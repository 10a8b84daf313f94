//! Where the memory of a load goes: loads a corpus in-process the way the
//! app does (a background [`Ingest`] feeding the app core, the world's
//! jobs served on this thread, as `bench_report` does), then tells how
//! many heap bytes each major structure holds once the load is over,
//! beside the process's peak and current resident memory.
//!
//! ```sh
//! cargo build --release --examples
//! target/release/examples/mem_report /tmp/lede-bench/100000 --cache /tmp/lede-bench/cache-100000
//! target/release/examples/mem_report /tmp/lede-bench/100000 --cold   # a fresh cache, removed after
//! ```
//!
//! With a cache, the load stage (which lives on threads of its own) is
//! also rebuilt from the cache through the same public `Resolver` and
//! `Threader` the stage uses, to split it; `--cold` (or
//! `--fresh-sketches`) makes the story sketches from the bodies there,
//! as a cold load does, rather than decoding the cached ones. Opening a
//! cache of another build's extractor clears it, as `lede` would: point
//! `--cache` at a copy.
//!
//! How: the global allocator is mimalloc (as in `lede`) wrapped in a
//! counter of live bytes. Once the load is done, handles are taken on
//! the structures the app shares (`Arc`s: the mentions table, the
//! articles' metadata, the last resolution and grouping), then the parts
//! are dropped one at a time, each drop's fall in live bytes being what
//! that part alone held. A part still shared with one not dropped yet
//! falls with the last holder, which is why the order below is what it
//! is. Splits inside a part that no API exposes are estimates from
//! lengths and element sizes (marked "est.").

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use cap::Cap;
use lede::app::{Action, App, update};
use lede::ingest::{Event, Ingest, Options};
use lede::resolve::{Mention, Resolution};
use lede::stories::Grouping;

#[global_allocator]
static ALLOC: Cap<mimalloc::MiMalloc> = Cap::new(mimalloc::MiMalloc, usize::MAX);

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().any(|a| a == name);
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|p| args.get(p + 1))
            .cloned()
    };
    let Some(corpus) = args.first().filter(|a| !a.starts_with("--")) else {
        eprintln!(
            "usage: mem_report CORPUS_DIR [--cache DIR [--fresh-sketches] | --cold | --no-cache]"
        );
        std::process::exit(2);
    };
    let corpus = PathBuf::from(corpus);
    // A cold load writes a cache as `lede` would; into a directory of its
    // own, removed after.
    let own_cache = flag("--cold")
        .then(|| std::env::temp_dir().join(format!("lede-mem-cold-{}", std::process::id())));
    let cache = match (&own_cache, value("--cache")) {
        (Some(own), _) => Some(own.clone()),
        (None, Some(dir)) => Some(PathBuf::from(dir)),
        (None, None) if flag("--no-cache") => None,
        (None, None) => lede::store::cache_dir(),
    };
    let mut report = measure(corpus.clone(), cache.clone());
    if let Some(dir) = &cache {
        report.stage = stage_parts(dir, own_cache.is_some() || flag("--fresh-sketches"));
    }
    report.sketches = sketch_sizes(&corpus, 2000);
    if let Some(own) = own_cache {
        let _ = std::fs::remove_dir_all(own);
    }
    report.print(cache.as_deref());
}

/// Live heap bytes now, by the counting allocator.
fn live() -> usize {
    ALLOC.allocated()
}

/// A `/proc/self/status` figure, in bytes (`VmHWM`, `VmRSS`, ...).
fn proc_status(key: &str) -> usize {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<usize>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

/// One line of the breakdown.
struct Part {
    name: &'static str,
    bytes: usize,
    how: String,
}

struct Report {
    articles: usize,
    corpus_bytes: u64,
    took: Duration,
    load_before: String,
    load_after: String,
    baseline_rss: usize,
    baseline_live: usize,
    /// After the load: live heap, resident, peak resident.
    live_loaded: usize,
    rss_loaded: usize,
    hwm: usize,
    peak_live: usize,
    /// When the peak of live bytes (sampled at each event) came.
    peak_seen: (usize, Duration, &'static str),
    parts: Vec<Part>,
    /// Live bytes left when everything measured is dropped.
    left: usize,
    rss_end: usize,
    /// The load stage's parts, rebuilt from the cache.
    stage: Vec<Part>,
    /// Story sketches: how many, heap bytes as made from bodies, as
    /// decoded from their encoding (what a cached start holds).
    sketches: (usize, usize, usize),
}

fn measure(corpus: PathBuf, cache: Option<PathBuf>) -> Report {
    let (files, _) = lede::corpus::load::discover(std::slice::from_ref(&corpus));
    let corpus_bytes: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    drop(files);
    let load_before = loadavg();
    let baseline_rss = proc_status("VmRSS:");
    let baseline_live = live();

    let start = Instant::now();
    let ingest = Ingest::start(
        vec![corpus],
        Options {
            cache_dir: cache,
            ..Options::default()
        },
    );
    let mut app = App::loading();
    update(&mut app, Action::Resize(200, 60));
    let mut resolution: Option<Arc<Resolution>> = None;
    let mut grouping: Option<Arc<Grouping>> = None;
    let mut peak_seen = (0, Duration::ZERO, "");
    loop {
        let ev = ingest.events.recv().expect("the load finishes");
        let kind = match &ev {
            Event::Surfaces(_) => "surfaces",
            Event::Listed(_) => "listed",
            Event::Mentions(_) => "mentions",
            Event::Sketches(_) => "sketches",
            Event::Resolved(r) => {
                resolution = Some(Arc::clone(r));
                "resolved"
            }
            Event::Stories(g) => {
                grouping = Some(Arc::clone(g));
                "stories"
            }
            Event::Warnings(_) => "warnings",
            Event::Progress(_) => "progress",
            Event::Finished(_) => "finished",
        };
        let done = kind == "finished";
        if let Some(a) = Action::from_load(ev) {
            update(&mut app, a);
        }
        lede::world::serve_here(&mut app);
        let now = live();
        if now > peak_seen.0 {
            peak_seen = (now, start.elapsed(), kind);
        }
        if done {
            break;
        }
    }
    let took = start.elapsed();
    // The handles the app swapped in last are the ones it holds: the
    // earlier ones are dropped now, not counted with the parts.
    if let Some(r) = &resolution {
        assert!(Arc::ptr_eq(r, app.library.entities().resolution()));
    }
    let live_loaded = live();
    let rss_loaded = proc_status("VmRSS:");
    let hwm = proc_status("VmHWM:");
    let peak_live = ALLOC.max_allocated();
    let articles = app.library.len();

    let mut parts = Vec::new();
    let mut step = |name: &'static str, how: &str, drop_it: &mut dyn FnMut()| {
        let before = live();
        drop_it();
        parts.push(Part {
            name,
            bytes: before.saturating_sub(live()),
            how: how.to_string(),
        });
    };

    let words_said = app.library.words().heap_bytes();
    step(
        "word index (Words)",
        &format!(
            "drop; its heap_bytes() says {:.1} MB",
            words_said as f64 / 1e6
        ),
        &mut || drop(std::mem::take(app.library.words_mut())),
    );
    let mut mentions = Some(app.library.mentions_table());
    // The articles' metadata table, held by a shelf of no article.
    let mut metas = Some(app.library.shelf(Vec::new()));
    step("app: list (ListView)", "drop", &mut || {
        app.list = Default::default()
    });
    step("app: filter state", "drop", &mut || {
        app.filter = Default::default()
    });
    step("app: reader, pane, navigation, chrome", "drop", &mut || {
        app.reader = Default::default();
        app.pane = Default::default();
        app.nav = Default::default();
        app.chrome = Default::default();
    });
    let mut ingest = Some(ingest);
    step(
        "load stage (Ingest: resolver, story threader, keys; its threads ended)",
        "drop",
        &mut || drop(ingest.take()),
    );
    let columns = app.library.columns().heap_bytes();
    let mut app = Some(app);
    step(
        "library: the rest (columns, order, origins, tags, marks, entity table's own)",
        &format!(
            "drop the App; of it the filter's columns (titles, dates, surfaces) {:.1} MB by their heap_bytes()",
            columns as f64 / 1e6
        ),
        &mut || drop(app.take()),
    );
    let story_est = grouping.as_deref().map_or(0, stories_estimate);
    step(
        "story grouping (last Grouping)",
        &format!("drop; est. {:.1} MB", story_est as f64 / 1e6),
        &mut || drop(grouping.take()),
    );
    // The shelf holds the mentions table too: dropped first, it frees
    // the metadata alone.
    step(
        "articles' metadata (Arc<ArticleMeta>: id, path, title, source, url)",
        "drop",
        &mut || drop(metas.take()),
    );
    let mentions_est = mentions.as_deref().map_or((0, 0), |t| mentions_estimate(t));
    step(
        "per-article mentions (table of Arc<[Mention]>)",
        &format!(
            "drop; est. {:.1} MB for {} mentions of {} B",
            mentions_est.1 as f64 / 1e6,
            mentions_est.0,
            size_of::<Mention>()
        ),
        &mut || drop(mentions.take()),
    );
    let resolution_est = resolution.as_deref().map(resolution_estimate);
    step(
        "corpus-wide resolution (last Resolution)",
        "drop",
        &mut || drop(resolution.take()),
    );
    if let Some(est) = resolution_est {
        for (name, bytes) in est {
            parts.push(Part {
                name,
                bytes,
                how: "est. from lengths (part of the resolution above)".into(),
            });
        }
    }
    Report {
        articles,
        corpus_bytes,
        took,
        load_before,
        load_after: loadavg(),
        baseline_rss,
        baseline_live,
        live_loaded,
        rss_loaded,
        hwm,
        peak_live,
        peak_seen,
        parts,
        left: live(),
        rss_end: proc_status("VmRSS:"),
        stage: Vec::new(),
        sketches: (0, 0, 0),
    }
}

/// The load stage's state, rebuilt as the stage builds it: every article
/// the cache at `dir` holds goes through a [`Resolver`] (listed, its
/// entities added, then one resolution pass) and a [`Threader`] (its
/// story sketch), with the stories' thread's list of ids; then each is
/// dropped, its fall in live bytes what it held. The cache is opened as
/// `lede` opens it (a cache of another extractor would be cleared: give
/// this a copy or a directory of its own). With `fresh`, sketches are
/// made from the bodies, as a cold load makes them.
fn stage_parts(dir: &std::path::Path, fresh: bool) -> Vec<Part> {
    use lede::cache::{Cache, Key};
    use lede::resolve::Resolver;
    use lede::stories::{Sketch, Threader, entity_keys};
    let Ok((cache, _)) = Cache::open(dir, lede::ingest::extractor_fingerprint()) else {
        eprintln!(
            "no cache at {}: the stage is not broken down",
            dir.display()
        );
        return Vec::new();
    };
    let mut paths = cache.paths().unwrap_or_default();
    paths.sort();
    let mut resolver = Some(Resolver::new());
    let mut threader = Some(Threader::new());
    let mut keys: Option<Vec<(Box<str>, u64)>> = Some(Vec::new());
    let mut article = 0u32;
    for (file, path) in paths.iter().enumerate() {
        let Ok(Some(entry)) = cache.get(&Key::of(path), path) else {
            continue;
        };
        // A cold load's sketches are made from the bodies (and the
        // entities' keys), not decoded: the file is parsed again for them.
        let parsed = fresh.then(|| lede::corpus::load::parse_file(path).articles);
        for (index, r) in entry.articles.into_iter().enumerate() {
            let tie = ((file as u64) << 32) | index as u64;
            let body = parsed
                .as_ref()
                .and_then(|p| p.get(index))
                .filter(|a| a.meta.id == r.meta.id);
            let sketch = match body {
                Some(a) => Sketch::new(&a.body, r.meta.date, &entity_keys(&r.entities)),
                None => r.sketch,
            };
            if let (Some(res), Some(th), Some(k)) = (&mut resolver, &mut threader, &mut keys) {
                res.list(article, r.meta.sort_key(), tie);
                drop(res.add(article, r.entities));
                th.add_tied(article, &r.meta.id, tie, sketch);
                k.push((r.meta.id.as_str().into(), tie));
            }
            article += 1;
        }
    }
    drop(paths);
    drop(cache);
    if let Some(r) = &mut resolver {
        drop(r.resolve());
    }
    let mut parts = Vec::new();
    let mut step = |name: &'static str, drop_it: &mut dyn FnMut()| {
        let before = live();
        drop_it();
        parts.push(Part {
            name,
            bytes: before.saturating_sub(live()),
            how: format!(
                "rebuilt from the cache ({article} articles{}), then dropped",
                if fresh {
                    ", sketches made from the bodies"
                } else {
                    ""
                }
            ),
        });
    };
    step(
        "  stage: Resolver (surfaces, per-article evidence), after a pass",
        &mut || drop(resolver.take()),
    );
    step(
        "  stage: Threader (every article's story sketch and id)",
        &mut || drop(threader.take()),
    );
    step("  stories' thread: ids and ties by article", &mut || {
        drop(keys.take())
    });
    parts
}

/// The heap bytes of `n` story sketches of the corpus's first articles:
/// made from their bodies (as a cold load's workers make them, entities
/// left out), and the same decoded from their encoding (as a cached
/// start reads them). Each set is held whole, then dropped: the fall.
fn sketch_sizes(corpus: &std::path::Path, n: usize) -> (usize, usize, usize) {
    use lede::stories::Sketch;
    let (files, _) = lede::corpus::load::discover(&[corpus.to_path_buf()]);
    let bodies: Vec<_> = files
        .iter()
        .flat_map(|f| lede::corpus::load::parse_file(f).articles)
        .take(n)
        .map(|a| (a.body, a.meta.date))
        .collect();
    let held = |make: &dyn Fn(&str, Option<chrono::NaiveDate>) -> Sketch| {
        let made: Vec<Sketch> = bodies.iter().map(|(b, d)| make(b, *d)).collect();
        let before = live();
        drop(made);
        before - live() - bodies.len() * size_of::<Sketch>()
    };
    let fresh = held(&|b, d| Sketch::new(b, d, &[]));
    let decoded =
        held(&|b, d| Sketch::decode(&Sketch::new(b, d, &[]).encode()).expect("a sketch decodes"));
    (bodies.len(), fresh, decoded)
}

fn stories_estimate(g: &Grouping) -> usize {
    let all = g.stories.all();
    let reports: usize = all.iter().map(|s| s.reports.len()).sum();
    let ids: usize = all.iter().map(|s| s.id.len()).sum();
    // Each story's record, its reports and id; `of` (a hash map of two
    // u32s per article, ~1/0.875 load) and `firsts` (one u32 per article).
    size_of_val(all) + reports * 4 + ids + reports * 8 * 8 / 7 + g.stories.firsts().len() * 4
}

/// Mentions, and their bytes: the elements, each article's `Arc` header
/// (16 B) and its table slot.
fn mentions_estimate(table: &[Option<Arc<[Mention]>>]) -> (usize, usize) {
    let count: usize = table.iter().flatten().map(|m| m.len()).sum();
    let arcs = table.iter().flatten().count();
    (
        count,
        count * size_of::<Mention>() + arcs * 16 + table.len() * 8,
    )
}

/// The resolution's parts, by lengths (capacity unknown: a lower bound).
fn resolution_estimate(r: &Resolution) -> Vec<(&'static str, usize)> {
    let entities = r.entities();
    let strings: usize = entities
        .iter()
        .map(|e| {
            let arc = |s: &str| 16 + s.len();
            arc(&e.id) + arc(&e.name) + e.aliases.iter().map(|a| arc(a)).sum::<usize>()
        })
        .sum();
    let alias_slots: usize = entities.iter().map(|e| e.aliases.len() * 16).sum();
    let posts: usize = (0..entities.len() as u32)
        .map(|e| r.articles_mentioning(e).len())
        .sum();
    vec![
        (
            "  resolution: surface -> entity, joined bits",
            r.surfaces() * 4 + r.surfaces() / 8,
        ),
        (
            "  resolution: entity records (Vec<Entity>) and alias slots",
            size_of_val(entities) + alias_slots,
        ),
        (
            "  resolution: names, ids, aliases (Arc<str>, if unshared)",
            strings,
        ),
        (
            "  resolution: postings (entity -> articles)",
            posts * 4 + entities.len() * 4,
        ),
        (
            "  resolution: by-id map",
            entities.len() * (16 + 4 + 4) * 8 / 7,
        ),
        (
            "  resolution: per-article overrides",
            r.overrides().len() * 12 + r.surfaces() / 8,
        ),
    ]
}

impl Report {
    fn print(&self, cache: Option<&std::path::Path>) {
        let mb = |b: usize| b as f64 / 1e6;
        println!(
            "corpus: {} articles, {:.0} MB; cache: {}; load {:.1} s; load average before {} / after {}",
            self.articles,
            self.corpus_bytes as f64 / 1e6,
            cache.map_or("none".into(), |c| c.display().to_string()),
            self.took.as_secs_f64(),
            self.load_before,
            self.load_after
        );
        println!();
        println!("| structure | MB | how measured |");
        println!("| --- | ---: | --- |");
        let mut sum = 0;
        for p in &self.parts {
            if !p.name.starts_with("  ") {
                sum += p.bytes;
            }
            println!("| {} | {:.1} | {} |", p.name, mb(p.bytes), p.how);
        }
        let grown = self.live_loaded.saturating_sub(self.baseline_live);
        for p in &self.stage {
            println!("| {} | {:.1} | {} |", p.name, mb(p.bytes), p.how);
        }
        println!(
            "| sum of the parts dropped | {:.1} | of {:.1} MB live heap grown by the load |",
            mb(sum),
            mb(grown)
        );
        println!(
            "| live heap left after every part dropped | {:.1} | (before the load: {:.1}) |",
            mb(self.left),
            mb(self.baseline_live)
        );
        let (n, fresh, decoded) = self.sketches;
        if n > 0 {
            println!(
                "| story sketches' own heap, {n} articles: made from the body / decoded | {:.0} / {:.0} B each | Sketch::new vs Sketch::decode, held then dropped |",
                fresh as f64 / n as f64,
                decoded as f64 / n as f64
            );
        }
        println!();
        println!(
            "live heap once loaded: {:.1} MB; peak live heap during the load: {:.1} MB (sampled: {:.1} MB at {:.1} s, after a `{}` event)",
            mb(self.live_loaded),
            mb(self.peak_live),
            mb(self.peak_seen.0),
            self.peak_seen.1.as_secs_f64(),
            self.peak_seen.2
        );
        println!(
            "RSS before the load {:.1} MB; once loaded VmRSS {:.1} MB, VmHWM (peak) {:.1} MB; after the drops VmRSS {:.1} MB",
            mb(self.baseline_rss),
            mb(self.rss_loaded),
            mb(self.hwm),
            mb(self.rss_end)
        );
        println!(
            "once loaded, resident but not live heap (allocator overhead, freed and kept, stacks; less the {:.1} MB resident before): {:.1} MB",
            mb(self.baseline_rss),
            mb(self
                .rss_loaded
                .saturating_sub(self.live_loaded)
                .saturating_sub(self.baseline_rss.saturating_sub(self.baseline_live)))
        );
        println!(
            "peak: VmHWM {:.1} MB against a live-heap peak of {:.1} MB",
            mb(self.hwm),
            mb(self.peak_live)
        );
    }
}
