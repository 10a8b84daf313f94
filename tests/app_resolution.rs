//! Resolutions swapped into the app while it is in use: provisional
//! entities until a pass places them, then the current entity, the entity
//! pane and the filter follow the new entities; the reader and the batch
//! path find the same entities for the same files.

mod common;

use std::sync::Arc;

use lede::app::{Action, App, Focus, Move, update};
use lede::entities::{ArticleEntities, Kind};
use lede::ingest::{Listed, Origin, Progress};
use lede::resolve::Resolver;

/// Feeds the app what the resolution stage would send for article
/// `number`: its new surfaces, then its listing with its mentions.
fn arrive(
    app: &mut App,
    r: &mut Resolver,
    number: u32,
    article: lede::corpus::Article,
    found: ArticleEntities,
) {
    r.list(number, article.meta.sort_key(), u64::from(number));
    let added = r.add(number, found);
    let infos = added.new_surfaces.clone().map(|s| r.surface(s)).collect();
    update(app, Action::Surfaces(infos));
    update(
        app,
        Action::Loaded(vec![Listed {
            article: number,
            origin: Origin {
                file: number,
                index: 0,
            },
            body: Some(article.body.as_str().into()),
            meta: article.meta,
            mentions: Some(added.mentions),
        }]),
    );
}

#[test]
fn provisional_entities_then_a_pass_merges_them_and_the_app_follows() {
    let mut app = App::loading();
    update(&mut app, Action::Resize(120, 40));
    let mut r = Resolver::new();
    let body0 = "Khalifa Haftar spoke in Sirte. Haftar left.";
    let a0 = common::article("Haftar in Sirte", Some("2020-01-06"), None, body0);
    let found0 = common::extract(
        body0,
        &[
            common::E(
                "Khalifa Haftar",
                Kind::Person,
                &["Khalifa Haftar", "Haftar"],
                None,
            ),
            common::E("Sirte", Kind::Location, &["Sirte"], None),
        ],
    );
    arrive(&mut app, &mut r, 0, a0, found0);
    update(&mut app, Action::Resolved(Arc::new(r.resolve())));
    let body1 = "Haftar arrived in Benghazi.";
    let a1 = common::article("Haftar in Benghazi", Some("2020-01-07"), None, body1);
    let found1 = common::extract(
        body1,
        &[
            common::E("Haftar", Kind::Person, &["Haftar"], None),
            common::E("Benghazi", Kind::Location, &["Benghazi"], None),
        ],
    );
    arrive(&mut app, &mut r, 1, a1, found1);
    let lib = &app.library;
    // Before the next pass: `Haftar` of the new article is an entity of
    // its own (provisional), found by its own id.
    let provisional = lib.entities().find("haftar").expect("provisional");
    assert_eq!(lib.entity(provisional).articles, 1);
    let full = lib.entities().find("khalifa-haftar").unwrap();
    assert_ne!(provisional, full);
    // Follow it from the newest article (the one open), filter by it.
    update(&mut app, Action::List(Move::First));
    update(&mut app, Action::OpenSelected);
    assert_eq!(app.reader.open(), Some(1));
    update(&mut app, Action::NextMention);
    update(&mut app, Action::FollowCursor);
    assert_eq!(app.current_entity(), Some(provisional));
    update(&mut app, Action::Focus(Focus::Entities));
    common::type_query(&mut app, "entity:haftar");
    update(&mut app, Action::FilterAccept);
    assert_eq!(app.list.view(), [1]);
    let p = app.nav.position().unwrap();
    assert_eq!((p.article, p.articles), (Some(1), 1));

    // The next pass joins `Haftar` to `Khalifa Haftar`: one entity, the
    // current one; the position counts both articles it is listed in.
    update(&mut app, Action::Resolved(Arc::new(r.resolve())));
    let lib = &app.library;
    let merged = lib.entities().find("khalifa-haftar").unwrap();
    assert_eq!(lib.entities().find("haftar"), None, "no provisional left");
    assert_eq!(app.current_entity(), Some(merged));
    assert_eq!(lib.entity(merged).articles, 2);
    assert!(lib.mentions_entity(0, merged) && lib.mentions_entity(1, merged));
    // The filter names an id that is gone: it lists nothing now, and a
    // filter on the merged entity lists both.
    assert!(app.list.view().is_empty());
    update(&mut app, Action::FilterStart);
    update(&mut app, Action::FilterClearInput);
    common::type_query(&mut app, "@haftar");
    update(&mut app, Action::FilterAccept);
    let mut listed = app.list.view().to_vec();
    listed.sort_unstable();
    assert_eq!(listed, [0, 1]);
    let p = app.nav.position().unwrap();
    assert_eq!(p.articles, 2);
    // n goes on into the other article.
    update(&mut app, Action::NextOfEntity);
    update(&mut app, Action::NextOfEntity);
    assert_eq!(app.reader.open(), Some(0));
}

/// A plain word that only a body has stays found when a new resolution
/// comes in: the query made ready again for the new entities keeps what
/// the word index finds (it does not fall back to titles).
#[test]
fn a_word_of_a_body_stays_listed_across_a_new_resolution() {
    let mut app = App::loading();
    update(&mut app, Action::Resize(120, 40));
    let mut r = Resolver::new();
    let body0 = "Khalifa Haftar spoke in Sirte about the ceasefire.";
    let a0 = common::article("Haftar in Sirte", Some("2020-01-06"), None, body0);
    let found0 = common::extract(
        body0,
        &[common::E(
            "Khalifa Haftar",
            Kind::Person,
            &["Khalifa Haftar"],
            None,
        )],
    );
    arrive(&mut app, &mut r, 0, a0, found0);
    update(&mut app, Action::Resolved(Arc::new(r.resolve())));
    let body1 = "Talks resumed in Benghazi.";
    let a1 = common::article("Benghazi talks", Some("2020-01-07"), None, body1);
    arrive(&mut app, &mut r, 1, a1, common::extract(body1, &[]));
    let body2 = "The ceasefire held in Tripoli.";
    let a2 = common::article("Tripoli quiet", Some("2020-01-08"), None, body2);
    arrive(&mut app, &mut r, 2, a2, common::extract(body2, &[]));
    update(&mut app, Action::LoadFinished(Progress::default()));
    lede::world::serve_here(&mut app);
    assert_eq!(app.library.words().searchable_count(), 3);
    common::type_query(&mut app, "ceasefire");
    update(&mut app, Action::FilterAccept);
    assert_eq!(app.list.view(), [2, 0], "the bodies' word");
    update(&mut app, Action::Resolved(Arc::new(r.resolve())));
    assert_eq!(app.list.view(), [2, 0], "still, after a new resolution");
}

/// Articles whose `Bush` alone names a running back in one, a president
/// in another, and neither in a third (hand-built entities: each
/// article names its people in one sentence). `(title, date, people,
/// others)`.
const BUSHES: &[(&str, &str, &[&str], &[&str])] = &[
    (
        "Saints win",
        "2020-01-01",
        &[
            "Reggie Bush",
            "Sean Payton",
            "Drew Brees",
            "Marques Colston",
        ],
        &["New Orleans Saints"],
    ),
    (
        "Saints again",
        "2020-01-02",
        &["Reggie Bush", "Sean Payton", "Drew Brees", "Pierre Thomas"],
        &["New Orleans Saints"],
    ),
    (
        "Saints third",
        "2020-01-03",
        &["Reggie Bush", "Sean Payton", "Drew Brees", "Jeremy Shockey"],
        &["New Orleans Saints"],
    ),
    (
        "Budget signed",
        "2020-01-04",
        &["George W. Bush", "Dick Cheney", "Karl Rove"],
        &["Congress", "White House"],
    ),
    (
        "Budget talks",
        "2020-01-05",
        &["George W. Bush", "Dick Cheney", "Condoleezza Rice"],
        &["Congress", "White House"],
    ),
    (
        "War speech",
        "2020-01-06",
        &["George W. Bush", "Dick Cheney", "Donald Rumsfeld"],
        &["Congress", "White House"],
    ),
    (
        "Two scores",
        "2020-01-07",
        &["Bush", "Sean Payton", "Drew Brees"],
        &["Superdome"],
    ),
    (
        "The vote",
        "2020-01-08",
        &["Bush", "Dick Cheney"],
        &["Congress", "White House"],
    ),
    ("A trip", "2020-01-09", &["Bush"], &["Lisbon", "Oslo"]),
];

/// The app of [`BUSHES`], resolved; articles numbered in that order.
fn bushes() -> App {
    let mut app = App::loading();
    update(&mut app, Action::Resize(120, 40));
    let mut r = Resolver::new();
    for (i, (title, date, people, others)) in BUSHES.iter().enumerate() {
        let body = format!("{} and {} met.", people.join(", "), others.join(", "));
        let a = common::article(title, Some(date), None, &body);
        // The longer names first: `Bush` alone only where it is the name.
        let mut es: Vec<common::E> = people
            .iter()
            .map(|p| common::E(p, Kind::Person, std::slice::from_ref(p), None))
            .collect();
        es.extend(
            others
                .iter()
                .map(|o| common::E(o, Kind::Organization, std::slice::from_ref(o), None)),
        );
        let found = common::extract(&body, &es);
        arrive(&mut app, &mut r, i as u32, a, found);
    }
    update(&mut app, Action::LoadFinished(Progress::default()));
    update(&mut app, Action::Resolved(Arc::new(r.resolve())));
    app
}

/// What the reader, the entity pane, `n` and the filter say of a `Bush`
/// that names another person in each article.
#[test]
fn a_surname_names_per_article_the_person_its_company_points_at() {
    let mut app = bushes();
    let lib = &app.library;
    let player = lib.entities().find("reggie-bush").unwrap();
    let president = lib.entities().find("george-w-bush").unwrap();
    let alone = lib.entities().find("bush").unwrap();
    // The entity of the first mention (`Bush`) of articles 6, 7, 8.
    let first = |app: &App, a: usize| app.library.entity_of(a, &app.library.mentions(a)[0]);
    assert_eq!(first(&app, 6), player);
    assert_eq!(first(&app, 7), president);
    assert_eq!(first(&app, 8), alone);
    assert_eq!(lib.entity(player).articles, 4);
    assert_eq!(lib.entity(alone).mentions, 1);
    for (e, want) in [(player, [0, 1, 2, 6]), (president, [3, 4, 5, 7])] {
        let mentioning: Vec<usize> = (0..9).filter(|&a| lib.mentions_entity(a, e)).collect();
        assert_eq!(mentioning, want);
    }
    // The football report open: its entity pane lists the player, and the
    // reader names him under the cursor.
    let at = app.list.view().iter().position(|&a| a == 6).unwrap();
    update(&mut app, Action::List(Move::First));
    update(&mut app, Action::List(Move::By(at as isize)));
    update(&mut app, Action::OpenSelected);
    assert_eq!(app.reader.open(), Some(6));
    let rows: Vec<u32> = app.pane.rows().iter().map(|r| r.entity).collect();
    assert!(rows.contains(&player), "{rows:?}");
    assert!(!rows.contains(&alone) && !rows.contains(&president));
    update(&mut app, Action::NextMention);
    let m = app.cursor_mention().unwrap();
    assert_eq!(app.open_entity_of(&m), player);
    // `*` follows the player; `n` goes on into his other articles.
    update(&mut app, Action::FollowCursor);
    assert_eq!(app.current_entity(), Some(player));
    let mut seen = vec![6];
    for _ in 0..4 {
        update(&mut app, Action::NextOfEntity);
        seen.push(app.reader.open().unwrap());
    }
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen, [0, 1, 2, 6]);
    // `@reggie` lists his articles, the football report among them;
    // `@george` the president's, the vote among them.
    for (q, want) in [("@reggie", [0, 1, 2, 6]), ("@george", [3, 4, 5, 7])] {
        update(&mut app, Action::FilterStart);
        update(&mut app, Action::FilterClearInput);
        common::type_query(&mut app, q);
        update(&mut app, Action::FilterAccept);
        let mut listed = app.list.view().to_vec();
        listed.sort_unstable();
        assert_eq!(listed, want, "{q}");
    }
}
