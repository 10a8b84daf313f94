//! The entity pane's views on a real-sized corpus: loads a folder (the
//! 100,000 generated articles of `bench_report`, say) in-process, then
//! times what the UI thread does for the listed scope (`a`: its count is
//! asked of a worker, timed too; then regrouped on a new resolution),
//! for the first key of a find, and for `T` and `C` on the most mentioned
//! entity, and what the workers do for the last two.
//!
//! ```sh
//! cargo run --release --example pane_scale -- /tmp/lede-bench/100000 [CACHE_DIR]
//! ```

use std::path::PathBuf;
use std::time::{Duration, Instant};

use lede::app::{Action, App, Focus, Request, update};
use lede::ingest::{Ingest, Options};
use lede::world::World;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The median of `n` runs of `f`, in milliseconds.
fn median(n: usize, mut f: impl FnMut()) -> f64 {
    let mut t: Vec<f64> = (0..n)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    t.sort_by(f64::total_cmp);
    t[n / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().expect("a folder of reports"));
    let cache = args.next().map(PathBuf::from);
    let mut app = App::loading();
    update(&mut app, Action::Resize(200, 60));
    let start = Instant::now();
    let options = Options {
        cache_dir: cache,
        ..Options::default()
    };
    let mut world = World::new(Some(Ingest::start(vec![dir], options)));
    assert!(world.settle(&mut app, Duration::from_secs(3600)), "loaded");
    let entities = app.library.entities().len();
    println!(
        "loaded {} articles, {entities} entities in {:.0} s",
        app.library.len(),
        start.elapsed().as_secs_f64()
    );
    update(&mut app, Action::Focus(Focus::Entities));
    // A long list's counts are asked of a worker: what the UI thread does
    // for `a`, then the worker's walk (and its answer applied).
    let s = Instant::now();
    update(&mut app, Action::ToggleEntityScope);
    let asked = s.elapsed().as_secs_f64() * 1000.0;
    let s = Instant::now();
    for r in app.take_requests() {
        lede::world::run(r, |a| update(&mut app, a));
    }
    let counted = s.elapsed().as_secs_f64() * 1000.0;
    println!("a (listed scope): UI thread {asked:7.2} ms; worker and answer {counted:7.2} ms");
    let list: Vec<usize> = app.list.view().to_vec();
    println!("rows in the listed scope: {}", app.pane.rows().len());
    let lib = &app.library;
    println!(
        "surfaces_in (mentions, per list):     {:7.2} ms",
        median(5, || drop(lib.surfaces_in(&list)))
    );
    println!(
        "article_counts (articles, per list):  {:7.2} ms",
        median(5, || drop(lib.article_counts(&list)))
    );
    println!(
        "a a (scope off and on, a recount):    {:7.2} ms",
        median(5, || {
            update(&mut app, Action::ToggleEntityScope);
            update(&mut app, Action::ToggleEntityScope);
        })
    );
    println!(
        "a new resolution (the same again):    {:7.2} ms",
        median(5, || {
            let r = std::sync::Arc::clone(app.library.entities().resolution());
            update(&mut app, Action::Resolved(r));
        })
    );
    println!(
        "find: first key and back:             {:7.2} ms",
        median(9, || {
            update(&mut app, Action::FindStart);
            update(&mut app, Action::FindInput("k".into()));
            update(&mut app, Action::FindCancel);
        })
    );
    // The most mentioned entity: the pane's first row.
    update(&mut app, Action::Entities(lede::app::Move::First));
    let top = app.pane.rows()[0];
    println!(
        "most mentioned: {} ({} mentions in {} articles)",
        app.library.entity(top.entity).name,
        top.mentions,
        top.articles
    );
    for (name, show) in [("T", Action::ShowTimeline), ("C", Action::ShowCompany)] {
        let ui = median(5, || {
            update(&mut app, show.clone());
            update(&mut app, Action::CloseOverlay);
            app.take_requests();
        });
        update(&mut app, show.clone());
        let requests = app.take_requests();
        let bodies = requests
            .iter()
            .map(|r| match r {
                Request::Timeline { articles, .. } | Request::Company { articles, .. } => {
                    articles.len()
                }
                _ => 0,
            })
            .sum::<usize>();
        let s = Instant::now();
        for r in requests {
            lede::world::run(r, |a| update(&mut app, a));
        }
        let worker = s.elapsed().as_secs_f64() * 1000.0;
        update(&mut app, Action::CloseOverlay);
        println!("{name}: UI thread {ui:7.2} ms; worker {worker:8.1} ms over {bodies} bodies");
    }
}
