//! The reader's hot paths on a synthetic list of 20,000 articles (no files,
//! no extraction): a keystroke of the filter (matching, narrowing, the
//! ranking that follows), and drawing a 200x60 frame.
//!
//! `cargo bench --bench reader`

use divan::{Bencher, black_box};
use lede::app::{Action, App, update};
use lede::corpus::Article;
use lede::entities::{ArticleEntities, FoundEntity, FoundMention, Kind};
use lede::resolve::resolve_corpus;
use lede::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The allocator the binary runs with: frames allocate, and the system
/// allocator's cost depends on the heap the corpus was built in.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

const PEOPLE: &[&str] = &[
    "Khalifa Haftar",
    "Fayez al-Sarraj",
    "Aguila Saleh",
    "Ghassan Salame",
];
const PLACES: &[&str] = &["Sirte", "Tripoli", "Benghazi", "Misrata", "Tobruk"];
const ORGS: &[(&str, &str)] = &[
    ("Government of National Accord", "GNA"),
    ("Libyan National Army", "LNA"),
];

fn app(n: usize) -> App {
    let mut articles = Vec::with_capacity(n);
    let mut found = Vec::with_capacity(n);
    for i in 0..n {
        let who = PEOPLE[i % PEOPLE.len()];
        let place = PLACES[(i / 3) % PLACES.len()];
        let (org, acr) = ORGS[(i / 7) % ORGS.len()];
        let body = format!("{who} said in {place} that the {org} ({acr}) had agreed. Report {i}.");
        let at = |s: &str| body.find(s).unwrap() as u32;
        let m = |s: &str, e: u32| FoundMention {
            start: at(s),
            end: at(s) + s.len() as u32,
            entity: e,
        };
        let ent = |name: &str, kind, aliases: &[&str]| FoundEntity {
            name: name.into(),
            kind,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            date: None,
        };
        found.push(ArticleEntities {
            mentions: vec![m(who, 0), m(place, 1), m(org, 2)],
            entities: vec![
                ent(who, Kind::Person, &[who.rsplit(' ').next().unwrap()]),
                ent(place, Kind::Location, &[]),
                ent(org, Kind::Organization, &[acr]),
            ],
        });
        articles.push(Article::new(
            lede::corpus::ArticleMeta {
                id: format!("a{i}"),
                path: format!("r/{i}.txt").into(),
                date: chrono::NaiveDate::from_ymd_opt(2020, 1, 1 + (i % 28) as u32),
                title: format!("{who} in {place}: report {i}"),
                explicit_title: true,
                source: None,
                url: None,
                ..Default::default()
            },
            body,
        ));
    }
    let resolved = resolve_corpus(articles.iter().map(|a: &Article| &a.meta).zip(found));
    let mut app = App::new(articles, resolved, vec![]);
    update(&mut app, Action::Resize(200, 60));
    app
}

/// Typing `haftar` a key at a time, ranking included, then clearing.
#[divan::bench(sample_count = 20)]
fn type_a_query(bencher: Bencher) {
    let mut a = app(20_000);
    bencher.bench_local(|| {
        update(&mut a, Action::FilterStart);
        for c in "haftar".chars() {
            update(&mut a, Action::FilterInput(c));
            while a.wants_ticks() {
                update(&mut a, Action::Tick);
            }
        }
        black_box(a.list.view().len());
        update(&mut a, Action::FilterClear);
    });
}

/// One 200x60 frame of list, reader and entities.
#[divan::bench]
fn draw_a_frame(bencher: Bencher) {
    let a = app(20_000);
    let mut t = Terminal::new(TestBackend::new(200, 60)).unwrap();
    let theme = Theme::default();
    bencher.bench_local(|| {
        t.draw(|f| ui::draw(f, &a, &theme)).unwrap();
    });
}

/// Find in the article: the filter's words and phrases found in a body
/// of `hits::MAX_BODY` bytes, the most the reader searches between two
/// keystrokes (a keystroke's budget is 16 ms).
#[divan::bench(sample_count = 20)]
fn find_hits_in_the_longest_body_searched(bencher: Bencher) {
    let para = "Khalifa Haftar said in Sirte that the Libyan National Army (LNA) had agreed to talks in Tripoli. ";
    let body = para.repeat(lede::app::hits::MAX_BODY / para.len());
    let query = lede::app::query::Query::parse("sirte \"national army\" talk").unwrap();
    bencher.bench(|| lede::app::hits::find(black_box(&body), black_box(&query)).len());
}
