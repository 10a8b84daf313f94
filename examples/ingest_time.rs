use lede::ingest::{Event, Ingest, Options};
use std::time::Instant;
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
    let mut listed_at = None;
    let mut first = None;
    let mut n = 0;
    loop {
        match ing.events.recv().unwrap() {
            Event::Articles(a) => {
                n += a.len();
                first.get_or_insert(t.elapsed());
            }
            Event::Progress(p)
                if listed_at.is_none() && p.walk_done && p.files_listed >= p.files_found =>
            {
                listed_at = Some(t.elapsed())
            }
            Event::Finished(p) => {
                println!(
                    "articles {n} first {:?} listed {:?} finished {:?} mentions {}",
                    first,
                    listed_at,
                    t.elapsed(),
                    p.mentions
                );
                break;
            }
            _ => {}
        }
    }
}
