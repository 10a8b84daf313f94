//! The entity pane at scale: 50,000 entities over 50,000 synthetic
//! articles (no files, no extraction), the pane counting every listed
//! article. A keystroke of the find (the first checks every row, the
//! next only what it found), a kind toggle, and the pane's recount when
//! the list changes (mentions and articles per entity).
//!
//! `cargo bench --bench pane`

use divan::{Bencher, black_box};
use lede::app::{Action, App, Focus, update};
use lede::corpus::Article;
use lede::entities::{ArticleEntities, DateValue, FoundEntity, FoundMention, Kind};
use lede::resolve::resolve_corpus;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

const SYLLABLES: &[&str] = &[
    "ka", "ha", "lif", "taf", "sar", "raj", "mo", "ni", "ben", "gha", "zi", "tor", "mes", "ra",
    "ta", "dan", "el", "os", "vu", "kir", "pa", "lo", "ing", "ard",
];

/// A made-up name of a few syllables, distinct for each `i`.
fn word(mut i: usize) -> String {
    let mut w = String::new();
    loop {
        w.push_str(SYLLABLES[i % SYLLABLES.len()]);
        i /= SYLLABLES.len();
        if i == 0 {
            break;
        }
    }
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// `n` articles, each naming an entity of its own (a person, an
/// organization or a place, in turn) and one of 50 shared places.
fn app(n: usize) -> App {
    let mut articles = Vec::with_capacity(n);
    let mut found = Vec::with_capacity(n);
    for i in 0..n {
        let (kind, name) = match i % 3 {
            0 => (Kind::Person, format!("{} {}", word(i), word(i / 7 + 3))),
            1 => (Kind::Organization, format!("{} Council", word(i))),
            _ => (Kind::Location, word(i + 11)),
        };
        let place = word(i % 50 + 5000);
        // A year of reports.
        let date = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()
            + chrono::Days::new((i % 365) as u64);
        let body = format!("{name} spoke in {place} on Monday for the Agency. Report {i}.");
        let m = |s: &str, e: u32| {
            let at = body.find(s).unwrap() as u32;
            FoundMention {
                start: at,
                end: at + s.len() as u32,
                entity: e,
            }
        };
        found.push(ArticleEntities {
            mentions: vec![m(&name, 0), m(&place, 1), m("Monday", 3), m("Agency", 2)],
            entities: vec![
                FoundEntity {
                    name: name.clone(),
                    kind,
                    aliases: vec![name.clone()],
                    date: None,
                },
                FoundEntity {
                    name: place.clone(),
                    kind: Kind::Location,
                    aliases: vec![place.clone()],
                    date: None,
                },
                FoundEntity {
                    name: "Agency".into(),
                    kind: Kind::Organization,
                    aliases: vec!["Agency".into()],
                    date: None,
                },
                FoundEntity {
                    name: "Monday".into(),
                    kind: Kind::Date,
                    aliases: vec!["Monday".into()],
                    date: Some(DateValue::Day(
                        date.checked_sub_days(chrono::Days::new(1)).unwrap(),
                    )),
                },
            ],
        });
        articles.push(Article::new(
            lede::corpus::ArticleMeta {
                id: format!("a{i}"),
                path: format!("r/{i}.txt").into(),
                date: Some(date),
                title: format!("{name} in {place}"),
                explicit_title: true,
                ..Default::default()
            },
            body,
        ));
    }
    let resolved = resolve_corpus(articles.iter().map(|a: &Article| &a.meta).zip(found));
    let mut app = App::new(articles, resolved, vec![]);
    update(&mut app, Action::Resize(200, 60));
    update(&mut app, Action::ToggleEntityScope);
    // A long list is counted on a worker: here, at once.
    lede::world::serve_here(&mut app);
    update(&mut app, Action::Focus(Focus::Entities));
    assert!(app.pane.rows().len() >= n, "{} rows", app.pane.rows().len());
    app
}

/// The first keystroke of a find: every one of 50,000 rows checked.
#[divan::bench(sample_count = 30)]
fn find_first_key(bencher: Bencher) {
    let mut a = app(50_000);
    update(&mut a, Action::FindStart);
    bencher.bench_local(|| {
        update(&mut a, Action::FindInput("k".into()));
        black_box(a.pane.rows().len());
        update(&mut a, Action::FindBackspace);
    });
}

/// Typing `kaha` a key at a time, then dropping it (every row back).
#[divan::bench(sample_count = 30)]
fn find_typing_a_word(bencher: Bencher) {
    let mut a = app(50_000);
    bencher.bench_local(|| {
        update(&mut a, Action::FindStart);
        for c in ["k", "a", "h", "a"] {
            update(&mut a, Action::FindInput(c.into()));
        }
        black_box(a.pane.rows().len());
        update(&mut a, Action::FindCancel);
    });
}

/// Hiding and showing people again.
#[divan::bench(sample_count = 30)]
fn toggle_a_kind(bencher: Bencher) {
    let mut a = app(50_000);
    bencher.bench_local(|| {
        update(&mut a, Action::ToggleKind(Kind::Person));
        update(&mut a, Action::ToggleKind(Kind::Person));
    });
}

/// The listed scope's recount of 50,000 articles (mentions and
/// articles per entity), as after a new list: the scope switched off
/// and on.
#[divan::bench(sample_count = 30)]
fn recount_listed(bencher: Bencher) {
    let mut a = app(50_000);
    bencher.bench_local(|| {
        update(&mut a, Action::ToggleEntityScope);
        update(&mut a, Action::ToggleEntityScope);
        black_box(a.pane.rows().len());
    });
}

/// The timeline of a place 1 in 50 articles mention, over 100,000
/// listed articles: what `T` does on the UI thread (the articles that
/// mention it picked from the list, handles on them given a worker).
#[divan::bench(sample_count = 20)]
fn timeline_on_the_ui_thread(bencher: Bencher) {
    let mut a = app(100_000);
    select_place(&mut a);
    bencher.bench_local(|| {
        update(&mut a, Action::ShowTimeline);
        black_box(a.take_requests().len());
        update(&mut a, Action::CloseOverlay);
    });
}

/// The worker's part of that timeline: the 2,000 articles' mentions
/// counted by date, then their bodies split into sentences, the dates of
/// the place's sentences gathered.
#[divan::bench(sample_count = 20)]
fn timeline_on_a_worker(bencher: Bencher) {
    let mut a = app(100_000);
    select_place(&mut a);
    update(&mut a, Action::ShowTimeline);
    let Some(lede::app::Request::Timeline {
        of, articles, map, ..
    }) = a.take_requests().pop()
    else {
        panic!("the timeline is asked of a worker");
    };
    assert_eq!(articles.len(), 2_000);
    let never = std::sync::atomic::AtomicBool::new(false);
    bencher.bench_local(|| {
        let (_, items) = lede::world::timeline::timeline(of, &articles, &map, &never).unwrap();
        black_box(lede::world::timeline::dates_in_texts(&items, &never));
    });
}

/// `C` on the same place: what the UI thread does (the same handles
/// given a worker).
#[divan::bench(sample_count = 20)]
fn company_on_the_ui_thread(bencher: Bencher) {
    let mut a = app(100_000);
    select_place(&mut a);
    bencher.bench_local(|| {
        update(&mut a, Action::ShowCompany);
        black_box(a.take_requests().len());
        update(&mut a, Action::CloseOverlay);
    });
}

/// The worker's part: 2,000 articles' mentions mapped to entities, their
/// bodies split into sentences, the place's company counted.
#[divan::bench(sample_count = 20)]
fn company_on_a_worker(bencher: Bencher) {
    let mut a = app(100_000);
    let place = select_place(&mut a);
    update(&mut a, Action::ShowCompany);
    let Some(lede::app::Request::Company { articles, map, .. }) = a.take_requests().pop() else {
        panic!("the company is asked of a worker");
    };
    assert_eq!(articles.len(), 2_000);
    let never = std::sync::atomic::AtomicBool::new(false);
    bencher.bench_local(|| {
        black_box(lede::world::timeline::company(
            place, &articles, &map, &never,
        ));
    });
}

/// Selects, in the entity pane, a place 1 in 50 articles mention.
fn select_place(a: &mut App) -> u32 {
    update(a, Action::Focus(Focus::Entities));
    let place = a
        .library
        .entities()
        .find(&lede::base::names::slug(&word(5000)))
        .unwrap();
    let row = a
        .pane
        .rows()
        .iter()
        .position(|r| r.entity == place)
        .unwrap();
    update(a, Action::Entities(lede::app::Move::By(row as isize)));
    place
}

/// The worst case on the UI thread: `T` and `C` on an entity every one
/// of 100,000 listed articles mentions.
#[divan::bench(sample_count = 10)]
fn timeline_and_company_of_an_entity_in_every_article(bencher: Bencher) {
    let mut a = app(100_000);
    update(&mut a, Action::Focus(Focus::Entities));
    let agency = a.library.entities().find("agency").unwrap();
    let row = a
        .pane
        .rows()
        .iter()
        .position(|r| r.entity == agency)
        .unwrap();
    update(&mut a, Action::Entities(lede::app::Move::By(row as isize)));
    bencher.bench_local(|| {
        update(&mut a, Action::ShowTimeline);
        update(&mut a, Action::CloseOverlay);
        update(&mut a, Action::ShowCompany);
        update(&mut a, Action::CloseOverlay);
        black_box(a.take_requests().len());
    });
}
