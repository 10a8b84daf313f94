//! Times a load of a folder into the app core (no terminal): when the
//! first articles arrive, when all are listed, when all entities are in,
//! and how long the app spent applying them. Development aid.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use lede::app::{Action, App, update};
use lede::ingest::{Event, Ingest, Options};
use std::time::{Duration, Instant};
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let t = Instant::now();
    let ing = Ingest::start(
        vec![args[0].clone().into()],
        Options {
            cache_dir: args.get(1).map(|s| s.into()),
            ..Options::default()
        },
    );
    let mut app = App::loading();
    update(&mut app, Action::Resize(200, 60));
    let mut applying = Duration::ZERO;
    let mut first = None;
    loop {
        let ev = ing.events.recv().unwrap();
        if matches!(ev, Event::Articles(_)) {
            first.get_or_insert(t.elapsed());
        }
        let done = matches!(ev, Event::Finished(_));
        let s = Instant::now();
        update(&mut app, Action::from_load(ev));
        applying += s.elapsed();
        if done {
            break;
        }
    }
    println!(
        "articles {} first {:?} all entities {:?}, app applying {:?}, entities {}",
        app.articles.len(),
        first,
        t.elapsed(),
        applying,
        app.index.entities().len()
    );
}
