//! Filtering a large list through the app core: the set of matches is
//! exact at every keystroke, whether computed afresh or narrowed from the
//! previous one; words match by words (titles, names, bodies through the
//! word index) and only failing that by letters, ranked as the README
//! says; phrases in bodies on disk are found by a scan.

mod common;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use lede::app::{Action, App, update};
use lede::corpus::Article;
use lede::entities::{ArticleEntities, FoundEntity, FoundMention, Kind};
use lede::resolve::resolve_corpus;
use lede::text_index::words::words;
use lede::world::serve_here;
use proptest::prelude::*;

const PEOPLE: &[&str] = &[
    "Khalifa Haftar",
    "Fayez al-Sarraj",
    "Aguila Saleh",
    "Ghassan Salame",
    "Stephanie Williams",
    "Recep Tayyip Erdogan",
];
const PLACES: &[&str] = &["Sirte", "Tripoli", "Benghazi", "Misrata", "Tobruk", "Cairo"];

/// `n` articles, each naming one person and one place; every entity is
/// mentioned in the title and the body.
fn corpus(n: usize) -> App {
    let mut articles: Vec<Article> = (0..n)
        .map(|i| {
            let who = PEOPLE[i % PEOPLE.len()];
            let place = PLACES[(i / 7) % PLACES.len()];
            let title = format!("Report {i}: {who} in {place}");
            let body = format!("{who} spoke in {place} on day {i}.");
            let date = format!("2020-{:02}-{:02}", 1 + (i % 12), 1 + (i % 28));
            let mut a = common::article(&title, Some(&date), None, &body);
            a.meta.id = format!("a{i}");
            a
        })
        .collect();
    lede::corpus::article::sort_newest_first(&mut articles);
    let found = articles.iter().map(|a| {
        let who = PEOPLE.iter().find(|p| a.body.starts_with(*p)).unwrap();
        let place = PLACES.iter().find(|p| a.body.contains(*p)).unwrap();
        let at = a.body.find(place).unwrap();
        ArticleEntities {
            entities: vec![
                FoundEntity {
                    name: who.to_string(),
                    kind: Kind::Person,
                    aliases: vec![who.rsplit(' ').next().unwrap().into()],
                    date: None,
                },
                FoundEntity {
                    name: place.to_string(),
                    kind: Kind::Location,
                    aliases: vec![],
                    date: None,
                },
            ],
            mentions: vec![
                FoundMention {
                    start: 0,
                    end: who.len() as u32,
                    entity: 0,
                },
                FoundMention {
                    start: at as u32,
                    end: (at + place.len()) as u32,
                    entity: 1,
                },
            ],
        }
    });
    let resolved = resolve_corpus(articles.iter().map(|a| &a.meta).zip(found));
    let mut app = App::new(articles, resolved, vec![]);
    update(&mut app, Action::Resize(160, 50));
    // The word index, built (on this thread).
    serve_here(&mut app);
    app
}

fn type_query(app: &mut App, q: &str) {
    update(app, Action::FilterStart);
    for c in q.chars() {
        update(app, Action::FilterInput(c));
    }
}

fn settle(app: &mut App) {
    let mut ticks = 0;
    while app.wants_ticks() {
        update(app, Action::Tick);
        ticks += 1;
        assert!(ticks < 100_000, "ranking never ends");
    }
}

/// Whether `text` has a word starting with `w` (both folded as the word
/// index folds them), computed naively.
fn starts_a_word(text: &str, w: &str) -> bool {
    let w = words(w).concat();
    words(text).iter().any(|x| x.starts_with(&w))
}

/// Whether `text` has the word `w` whole.
fn whole_word(text: &str, w: &str) -> bool {
    let w = words(w).concat();
    words(text).contains(&w)
}

/// A word's score in article `a`, as the README's query section says,
/// computed directly: by words when any article matches by words (a word
/// of its title, of a name or alias of an entity it mentions, or of its
/// body starts with it: a whole title word 3000, a start 2500, an entity's
/// name 2000 or 1500, the body 500 + 4 a time up to 100), else by letters
/// (SkimMatcherV2's best score on the title and the names).
fn term_score(app: &App, a: usize, w: &str, by_words: bool) -> Option<i64> {
    let lib = &app.library;
    let title = &lib.meta(a).title;
    let names = || {
        lib.surfaces_of(a).iter().flat_map(|&s| {
            let ent = lib.entity(lib.entities().entity_of(s));
            std::iter::once(ent.name.clone()).chain(ent.aliases.clone())
        })
    };
    if !by_words {
        let skim = SkimMatcherV2::default().smart_case();
        let mut best = skim.fuzzy_match(title, w);
        for n in names() {
            best = best.max(skim.fuzzy_match(&n, w));
        }
        return best;
    }
    let mut best = 0;
    if starts_a_word(title, w) {
        best = if whole_word(title, w) { 3000 } else { 2500 };
    }
    for n in names() {
        if starts_a_word(&n, w) {
            best = best.max(if whole_word(&n, w) { 2000 } else { 1500 });
        }
    }
    let body = lib.body(a).unwrap();
    let count = words(&body)
        .iter()
        .filter(|x| x.starts_with(&words(w).concat()))
        .count() as i64;
    let body = if count > 0 {
        500 + 4 * count.min(100)
    } else {
        0
    };
    (best + body > 0).then_some(best + body)
}

/// What the list must hold for plain words, best score first (ties
/// newest first).
fn reference_all(app: &App, ws: &[&str]) -> Vec<usize> {
    let order = app.library.order();
    let by_words: Vec<bool> = ws
        .iter()
        .map(|w| order.iter().any(|&a| term_score(app, a, w, true).is_some()))
        .collect();
    let mut scored: Vec<(usize, i64, usize)> = order
        .iter()
        .enumerate()
        .filter_map(|(pos, &a)| {
            let mut total = 0;
            for (w, &b) in ws.iter().zip(&by_words) {
                total += term_score(app, a, w, b)?;
            }
            Some((a, total, pos))
        })
        .collect();
    scored.sort_by(|x, y| y.1.cmp(&x.1).then(x.2.cmp(&y.2)));
    scored.into_iter().map(|(a, _, _)| a).collect()
}

fn reference(app: &App, word: &str) -> Vec<usize> {
    reference_all(app, &[word])
}

fn reference2(app: &App, w1: &str, w2: &str) -> Vec<usize> {
    reference_all(app, &[w1, w2])
}

#[test]
fn typing_ranks_a_large_list_by_words_then_letters() {
    let mut app = corpus(6000);
    type_query(&mut app, "rep sir");
    // The set is right at once, before ranking ends.
    let mut now = app.list.view().to_vec();
    let want = reference2(&app, "rep", "sir");
    let mut sorted_want = want.clone();
    now.sort_unstable();
    sorted_want.sort_unstable();
    assert_eq!(now, sorted_want);
    assert!(
        app.wants_ticks(),
        "{} matches rank in slices",
        app.list.view().len()
    );
    settle(&mut app);
    assert_eq!(app.list.view(), want);
    assert_eq!(app.list.selected(), 0);
}

#[test]
fn narrowing_gives_what_typing_at_once_gives() {
    let mut typed = corpus(3000);
    type_query(&mut typed, "salame trip");
    settle(&mut typed);
    let mut pasted = corpus(3000);
    update(&mut pasted, Action::FilterStart);
    update(&mut pasted, Action::FilterPaste("salame trip".into()));
    update(&mut pasted, Action::FilterInput(' '));
    update(&mut pasted, Action::FilterBackspace);
    settle(&mut pasted);
    assert_eq!(typed.list.view(), pasted.list.view());
    assert!(!typed.list.view().is_empty());
}

#[test]
fn backspace_widens_again() {
    let mut app = corpus(2500);
    type_query(&mut app, "misrata");
    settle(&mut app);
    let narrow = app.list.view().len();
    for _ in 0.."rata".len() {
        update(&mut app, Action::FilterBackspace);
    }
    settle(&mut app);
    assert_eq!(app.list.view(), reference(&app, "mis"));
    assert!(app.list.view().len() >= narrow);
    update(&mut app, Action::FilterClear);
    assert_eq!(app.list.view(), app.library.order());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Whatever is typed, letter by letter, the list ends up where a fresh
    /// evaluation of the whole query puts it.
    #[test]
    fn incremental_equals_fresh(q in "(@|!)?[a-zA-Z]{1,4}( (@|!)?[a-zA-Z]{1,3})?") {
        let mut typed = corpus(400);
        type_query(&mut typed, &q);
        settle(&mut typed);
        let mut fresh = corpus(400);
        update(&mut fresh, Action::FilterStart);
        update(&mut fresh, Action::FilterPaste(q.clone()));
        update(&mut fresh, Action::FilterInput(' '));
        update(&mut fresh, Action::FilterBackspace);
        settle(&mut fresh);
        prop_assert_eq!(typed.list.view(), fresh.list.view());
    }
}
