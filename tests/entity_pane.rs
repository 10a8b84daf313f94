//! The entity pane through the app core: article counts beside mention
//! counts, the kind toggles, typing to find an entity (incremental, Enter
//! keeps, Esc drops), and its views as insta snapshots.

mod common;

use common::{apply, type_query};
use lede::app::state::SYNC_LISTED_REPORTS;
use lede::app::{Action, App, EntityScope, Focus, Move, Request, update};
use lede::entities::Kind;
use lede::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn entity(a: &App, id: &str) -> u32 {
    a.library.entities().find(id).unwrap()
}

fn names(a: &App) -> Vec<String> {
    a.pane
        .rows()
        .iter()
        .map(|r| a.library.entity(r.entity).name.to_string())
        .collect()
}

/// The screen's text, one line a row, trailing spaces trimmed.
fn screen(a: &App) -> String {
    let (w, h) = (a.chrome.screen().width, a.chrome.screen().height);
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| ui::draw(f, a, &Theme::default())).unwrap();
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        let line: String = (0..w).map(|x| buf[(x, y)].symbol()).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[test]
fn listed_rows_count_the_articles_that_mention_each_entity() {
    let mut a = common::app(120, 40);
    update(&mut a, Action::ToggleEntityScope);
    assert_eq!(a.pane.scope(), EntityScope::Listed);
    assert!(!a.pane.rows().is_empty());
    for r in a.pane.rows() {
        let listed = a
            .list
            .view()
            .iter()
            .filter(|&&i| a.library.mentions_entity(i, r.entity))
            .count();
        assert_eq!(
            r.articles as usize,
            listed,
            "{}",
            a.library.entity(r.entity).name
        );
        assert!(r.mentions >= r.articles);
    }
    let kh = entity(&a, "khalifa-haftar");
    let row = *a.pane.rows().iter().find(|r| r.entity == kh).unwrap();
    assert_eq!((row.mentions, row.articles), (5, 2));
    // The counts follow the list.
    type_query(&mut a, "oil ports");
    assert!(a.pane.rows().iter().all(|r| r.entity != kh));
    let lna = entity(&a, "libyan-national-army");
    let row = *a.pane.rows().iter().find(|r| r.entity == lna).unwrap();
    assert_eq!((row.mentions, row.articles), (1, 1));
}

/// Each row's articles counted the slow way: every listed article's
/// mentions walked.
fn assert_articles_walked(a: &App) {
    assert!(!a.pane.rows().is_empty());
    for r in a.pane.rows() {
        let walked = a
            .list
            .view()
            .iter()
            .filter(|&&i| {
                a.library
                    .mentions(i)
                    .iter()
                    .any(|m| a.library.entity_of(i, m) == r.entity)
            })
            .count();
        let name = &a.library.entity(r.entity).name;
        assert_eq!(r.articles as usize, walked, "{name}");
    }
}

#[test]
fn listed_article_counts_hold_for_mentions_found_after_the_resolution() {
    let mut a = common::app(120, 40);
    update(&mut a, Action::ToggleEntityScope);
    assert_articles_walked(&a);
    // An article extracted again without Haftar: the resolution's
    // postings still name him there; the count must not.
    let kh = entity(&a, "khalifa-haftar");
    let (art, kept) = (0..a.library.len())
        .find_map(|i| {
            let ms = a.library.mentions(i);
            let kept: Vec<_> = ms
                .iter()
                .filter(|m| a.library.entity_of(i, m) != kh)
                .copied()
                .collect();
            (kept.len() < ms.len()).then_some((i, kept))
        })
        .unwrap();
    let before = a
        .pane
        .rows()
        .iter()
        .find(|r| r.entity == kh)
        .unwrap()
        .articles;
    update(&mut a, Action::Mentions(vec![(art as u32, kept)]));
    apply(
        &mut a,
        [Action::ToggleEntityScope, Action::ToggleEntityScope],
    );
    assert_eq!(a.pane.scope(), EntityScope::Listed);
    let after = a
        .pane
        .rows()
        .iter()
        .find(|r| r.entity == kh)
        .unwrap()
        .articles;
    assert_eq!(after, before - 1);
    assert_articles_walked(&a);
    // And over a filtered list.
    type_query(&mut a, "oil");
    assert_articles_walked(&a);
}

#[test]
fn article_rows_count_every_article_that_mentions_the_entity() {
    let a = common::app(120, 40);
    let kh = entity(&a, "khalifa-haftar");
    let row = a.pane.rows()[0];
    assert_eq!(row.entity, kh);
    assert_eq!(
        (row.mentions, row.articles),
        (3, 2),
        "3 here, in 2 articles"
    );
    let libya = entity(&a, "libya");
    let row = *a.pane.rows().iter().find(|r| r.entity == libya).unwrap();
    assert_eq!((row.mentions, row.articles), (2, 1));
}

#[test]
fn kinds_are_hidden_and_shown_again() {
    let mut a = common::app(120, 40);
    update(&mut a, Action::Focus(Focus::Entities));
    let all = names(&a);
    update(&mut a, Action::ToggleKind(Kind::Location));
    let kinds: Vec<Kind> = a
        .pane
        .rows()
        .iter()
        .map(|r| a.library.entity(r.entity).kind)
        .collect();
    assert!(!kinds.contains(&Kind::Location), "{kinds:?}");
    assert!(kinds.contains(&Kind::Person) && kinds.contains(&Kind::Date));
    assert!(!a.pane.shows_kind(Kind::Location) && a.pane.shows_kind(Kind::Date));
    update(&mut a, Action::ToggleKind(Kind::Date));
    assert_eq!(
        names(&a),
        ["Khalifa Haftar", "Libyan National Army", "Turkish"]
    );
    // The kinds stay hidden in another article and in the listed scope.
    update(&mut a, Action::ToggleEntityScope);
    assert!(
        a.pane
            .rows()
            .iter()
            .all(|r| !matches!(a.library.entity(r.entity).kind, Kind::Location | Kind::Date))
    );
    update(&mut a, Action::ToggleEntityScope);
    update(&mut a, Action::ToggleKind(Kind::Location));
    update(&mut a, Action::ToggleKind(Kind::Date));
    assert_eq!(names(&a), all, "every row back, in its order");
    // Every kind hidden: the pane says so.
    for k in Kind::ALL {
        update(&mut a, Action::ToggleKind(k));
    }
    assert!(a.pane.rows().is_empty());
    assert!(screen(&a).contains("no entities of the shown kinds"));
}

#[test]
fn the_selection_stays_on_its_entity_when_kinds_change() {
    let mut a = common::app(120, 40);
    update(&mut a, Action::Focus(Focus::Entities));
    let turkish = entity(&a, "turkish");
    let at = a
        .pane
        .rows()
        .iter()
        .position(|r| r.entity == turkish)
        .unwrap();
    update(&mut a, Action::Entities(Move::By(at as isize)));
    update(&mut a, Action::ToggleKind(Kind::Location));
    assert_eq!(a.pane.selected_entity(), Some(turkish));
}

#[test]
fn typing_finds_entities_by_a_word_of_their_name() {
    let mut a = common::app(120, 40);
    update(&mut a, Action::Focus(Focus::Entities));
    update(&mut a, Action::FindStart);
    assert!(a.pane.is_finding());
    update(&mut a, Action::FindInput("t".into()));
    assert_eq!(names(&a), ["Turkish", "Turkey", "Tripoli"]);
    update(&mut a, Action::FindInput("u".into()));
    assert_eq!(names(&a), ["Turkish", "Turkey"], "narrowed as typed");
    assert_eq!(a.pane.selected(), 0);
    update(&mut a, Action::FindBackspace);
    update(&mut a, Action::FindBackspace);
    update(&mut a, Action::FindInput("ha".into()));
    assert_eq!(names(&a), ["Khalifa Haftar"], "the start of any word");
    update(&mut a, Action::FindClearInput);
    update(&mut a, Action::FindInput("lna".into()));
    assert_eq!(names(&a), ["Libyan National Army"], "an alias finds it");
    // Enter keeps it: the pane stays narrowed, keys move again.
    update(&mut a, Action::FindAccept);
    assert!(!a.pane.is_finding());
    assert_eq!(a.pane.find_text(), Some("lna"));
    update(&mut a, Action::ActivateEntity);
    assert_eq!(a.current_entity(), Some(entity(&a, "libyan-national-army")));
    // Esc in the pane drops the kept find first, the entity still selected.
    update(&mut a, Action::Escape);
    assert_eq!(a.pane.find_text(), None);
    assert_eq!(a.pane.rows().len(), 9);
    assert_eq!(
        a.pane.selected_entity(),
        Some(entity(&a, "libyan-national-army"))
    );
    assert!(a.current_entity().is_some(), "the entity is still followed");
}

#[test]
fn esc_while_typing_drops_the_find_and_nothing_found_says_so() {
    let mut a = common::app(120, 40);
    update(&mut a, Action::Focus(Focus::Entities));
    apply(&mut a, [Action::FindStart, Action::FindInput("zzz".into())]);
    assert!(a.pane.rows().is_empty());
    assert!(screen(&a).contains("no entity of the shown kinds has that name"));
    update(&mut a, Action::FindCancel);
    assert_eq!((a.pane.find_text(), a.pane.rows().len()), (None, 9));
    // Control characters typed or pasted never reach the find.
    apply(
        &mut a,
        [Action::FindStart, Action::FindInput("\u{1b}[2Jsir".into())],
    );
    assert_eq!(a.pane.find_text(), Some("[2Jsir"));
}

#[test]
fn a_find_follows_the_scope_and_the_open_article() {
    let mut a = common::app(120, 40);
    update(&mut a, Action::Focus(Focus::Entities));
    apply(
        &mut a,
        [
            Action::FindStart,
            Action::FindInput("sir".into()),
            Action::FindAccept,
        ],
    );
    assert_eq!(names(&a), ["Sirte"]);
    update(&mut a, Action::ToggleEntityScope);
    assert_eq!(names(&a), ["Sirte"], "kept in the listed scope");
    update(&mut a, Action::ToggleEntityScope);
    // Another article: the find narrows its rows too.
    update(&mut a, Action::Focus(Focus::List));
    apply(&mut a, [Action::List(Move::By(2)), Action::OpenSelected]);
    assert!(a.pane.rows().is_empty(), "{:?}", names(&a));
}

#[test]
fn pane_with_kinds_hidden_and_a_find_100x30() {
    let mut a = common::app(100, 30);
    update(&mut a, Action::Focus(Focus::Entities));
    update(&mut a, Action::ToggleEntityScope);
    update(&mut a, Action::ToggleKind(Kind::Date));
    update(&mut a, Action::ToggleKind(Kind::Misc));
    insta::assert_snapshot!("pane_kinds_100x30", screen(&a));
    apply(&mut a, [Action::FindStart, Action::FindInput("s".into())]);
    insta::assert_snapshot!("pane_find_100x30", screen(&a));
}

// --- the timeline -----------------------------------------------------------

/// The fixture's app at `w`x`h` with the entity pane focused and its
/// first entity made current: where `T` and `C` start.
fn first_entity_followed(w: u16, h: u16) -> App {
    let mut a = common::app(w, h);
    update(&mut a, Action::Focus(Focus::Entities));
    update(&mut a, Action::ActivateEntity);
    a
}

/// Khalifa Haftar followed, his timeline opened and its text dates read.
fn timeline_of_haftar(w: u16, h: u16) -> App {
    let mut a = first_entity_followed(w, h);
    update(&mut a, Action::ShowTimeline);
    assert_eq!(a.chrome.overlay(), Some(lede::app::Overlay::Timeline));
    assert!(a.timeline.is_none(), "counted on a worker");
    assert!(a.timeline_pending.is_some());
    assert!(
        screen(&a).contains("counting its mentions"),
        "the overlay says it counts"
    );
    lede::world::serve_here(&mut a);
    assert_eq!(a.timeline_pending, None);
    a
}

#[test]
fn the_timeline_counts_mentions_by_article_date_and_by_the_texts_dates() {
    use lede::app::timeline::Span;
    let a = timeline_of_haftar(100, 30);
    let t = a.timeline.as_ref().unwrap();
    assert_eq!(t.of.entity, entity(&a, "khalifa-haftar"));
    assert_eq!(t.span, Span::Day);
    // 2020-01-06: the Reuters report's 2 mentions; 2020-01-07: 3.
    assert_eq!(t.by_article, [2, 3]);
    // "Khalifa Haftar, said on Monday": Monday is 2020-01-06. (The
    // "2016" of another sentence is a year: no day of its own.)
    assert_eq!(t.by_text.as_deref(), Some(&[1, 0][..]));
    assert_eq!((t.undated, t.text_outside), (0, 0));
    assert_eq!(t.selected, 1, "the latest period with mentions");
    insta::assert_snapshot!("timeline_100x30", screen(&a));
}

#[test]
fn a_period_of_the_timeline_filters_the_list_with_a_date_term() {
    let mut a = timeline_of_haftar(100, 30);
    update(&mut a, Action::TimelinePeriod(-5));
    assert_eq!(a.timeline.as_ref().unwrap().selected, 0);
    update(&mut a, Action::FilterToPeriod);
    assert_eq!(a.filter.input(), "date:2020-01-06");
    assert_eq!(a.chrome.overlay(), None);
    assert_eq!(a.chrome.focus(), Focus::List);
    assert_eq!(a.list.view(), [1]);
    // Another period replaces the date term, and keeps the rest.
    type_query(&mut a, " @haftar");
    update(&mut a, Action::FilterAccept);
    update(&mut a, Action::ShowTimeline);
    lede::world::serve_here(&mut a);
    update(&mut a, Action::FilterToPeriod);
    assert_eq!(a.filter.input(), "@haftar date:2020-01-06");
}

#[test]
fn a_stale_answer_is_dropped_and_no_entity_is_said() {
    let mut a = common::app(100, 30);
    update(&mut a, Action::Focus(Focus::List));
    // The note has no entities: nothing selected in the pane, none followed.
    apply(&mut a, [Action::List(Move::Last), Action::OpenSelected]);
    update(&mut a, Action::ShowTimeline);
    assert_eq!(a.chrome.overlay(), None);
    assert!(a.chrome.message().unwrap().error);
    // An answer for another timeline changes nothing.
    let mut a = timeline_of_haftar(100, 30);
    let mut of = a.timeline.as_ref().unwrap().of;
    of.list += 1;
    let before = a.timeline.clone();
    update(
        &mut a,
        Action::TextDates {
            of,
            dates: vec![lede::entities::DateValue::Day(
                "2020-01-07".parse().unwrap(),
            )],
        },
    );
    assert_eq!(a.timeline, before);
    // And a count for another: the timeline shown stays.
    update(&mut a, Action::TimelineFound { of, timeline: None });
    assert_eq!(a.timeline, before);
    assert_eq!(a.chrome.overlay(), Some(lede::app::Overlay::Timeline));
}

#[test]
fn a_shelf_keeps_what_it_was_given_while_the_library_changes() {
    let mut a = first_entity_followed(100, 30);
    update(&mut a, Action::ShowCompany);
    let Some(lede::app::Request::Company { articles, .. }) = a.take_requests().pop() else {
        panic!("asked of a worker");
    };
    let first = articles.iter().next().unwrap();
    let (art, held) = (first.article, first.mentions.to_vec());
    assert!(!held.is_empty());
    // The article extracted again, with no mention: the worker's shelf
    // still reads the mentions it was handed; the library the new ones.
    update(&mut a, Action::Mentions(vec![(art as u32, Vec::new())]));
    assert!(a.library.mentions(art).is_empty());
    assert_eq!(articles.iter().next().unwrap().mentions, &held[..]);
}

#[test]
fn a_timeline_with_no_dated_article_closes_with_a_word() {
    let mut a = first_entity_followed(100, 30);
    update(&mut a, Action::ShowTimeline);
    let Some(lede::app::Request::Timeline { of, .. }) = a.take_requests().pop() else {
        panic!("asked of a worker");
    };
    update(&mut a, Action::TimelineFound { of, timeline: None });
    assert_eq!(a.chrome.overlay(), None);
    let m = a.chrome.message().unwrap();
    assert!(
        m.error && m.text.contains("no dated listed article"),
        "{m:?}"
    );
    assert_eq!(a.timeline_pending, None);
}

#[test]
fn the_timeline_and_company_walk_no_mention_on_the_ui_thread() {
    // What the worker is handed: the very mentions the library holds
    // (shared, not copied), one handle per listed article naming it.
    let mut a = first_entity_followed(100, 30);
    let e = a.current_entity().unwrap();
    for show in [Action::ShowTimeline, Action::ShowCompany] {
        update(&mut a, show);
        let articles = match a.take_requests().pop() {
            Some(lede::app::Request::Timeline { articles, .. })
            | Some(lede::app::Request::Company { articles, .. }) => articles,
            other => panic!("asked of a worker, not {other:?}"),
        };
        let listed: Vec<usize> = a
            .list
            .view()
            .iter()
            .copied()
            .filter(|&x| {
                a.library
                    .mentions(x)
                    .iter()
                    .any(|m| a.library.entity_of(x, m) == e)
            })
            .collect();
        assert_eq!(
            articles.iter().map(|h| h.article).collect::<Vec<_>>(),
            listed
        );
        for h in articles.iter() {
            assert!(std::ptr::eq(
                h.mentions.as_ptr(),
                a.library.mentions(h.article).as_ptr()
            ));
        }
        update(&mut a, Action::CloseOverlay);
    }
}

/// Rows `rows` of `screen`, cells `cols` of each, trailing spaces
/// trimmed: a view cut out of a screen for the README.
fn crop(screen: &str, rows: std::ops::Range<usize>, cols: std::ops::Range<usize>) -> String {
    let mut out = String::new();
    for line in screen.lines().skip(rows.start).take(rows.len()) {
        let cells: String = line.chars().skip(cols.start).take(cols.len()).collect();
        out.push_str(cells.trim_end());
        out.push('\n');
    }
    out
}

/// The README's screens of the pane and the timeline are these views,
/// cut out of their screens (on failure, the text to paste is printed).
#[test]
fn readme_shows_the_pane_and_the_timeline() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let mut a = common::app(100, 30);
    update(&mut a, Action::Focus(Focus::Entities));
    update(&mut a, Action::ToggleEntityScope);
    update(&mut a, Action::ToggleKind(Kind::Date));
    let pane = crop(&screen(&a), 17..29, 0..50);
    assert!(readme.contains(&pane), "paste into the README:\n{pane}");
    let a = timeline_of_haftar(100, 30);
    let timeline = crop(&screen(&a), 7..22, 1..99);
    assert!(
        readme.contains(&timeline),
        "paste into the README:\n{timeline}"
    );
    let mut a = first_entity_followed(100, 30);
    update(&mut a, Action::ShowCompany);
    lede::world::serve_here(&mut a);
    let company = crop(&screen(&a), 3..11, 14..86);
    assert!(
        readme.contains(&company),
        "paste into the README:\n{company}"
    );
}

// --- the company ------------------------------------------------------------

#[test]
fn the_company_counts_the_entities_of_the_same_sentences() {
    use lede::app::company::Shared;
    let mut a = first_entity_followed(100, 30);
    update(&mut a, Action::ShowCompany);
    assert_eq!(a.chrome.overlay(), Some(lede::app::Overlay::Company));
    assert_eq!(a.company.as_ref().unwrap().rows, None, "asked of a worker");
    lede::world::serve_here(&mut a);
    let rows = a.company.as_ref().unwrap().rows.clone().unwrap();
    let one = |sentences, articles| Shared {
        sentences,
        articles,
    };
    // Sirte shares a sentence with Haftar once in the Al Jazeera report
    // ("... Khalifa Haftar, said on Monday they had entered Sirte", and
    // "Capturing Sirte would be an important gain for Haftar") and once
    // in the Reuters one ("The forces loyal to Haftar denied looting in
    // Sirte").
    assert_eq!(rows[0], (entity(&a, "sirte"), one(3, 2)));
    let mut rest: Vec<(String, Shared)> = rows[1..]
        .iter()
        .map(|(e, s)| (a.library.entity(*e).id.to_string(), *s))
        .collect();
    rest.sort_by(|x, y| x.0.cmp(&y.0));
    let want: Vec<(String, Shared)> = [
        "2016",
        "2020-01-06",
        "government-of-national-agreement",
        "libya",
        "tripoli",
    ]
    .into_iter()
    .map(|id| (id.to_string(), one(1, 1)))
    .collect();
    assert_eq!(rest, want);
    insta::assert_snapshot!("company_100x30", screen(&a));
    // Enter makes the selected one current.
    update(&mut a, Action::Overlay(Move::By(1)));
    let second = rows[1].0;
    update(&mut a, Action::FollowCompany);
    assert_eq!(a.current_entity(), Some(second));
    assert_eq!(a.chrome.overlay(), None);
}

#[test]
fn an_entity_alone_in_its_sentences_has_no_company() {
    let mut a = common::app(100, 30);
    update(&mut a, Action::Focus(Focus::List));
    apply(&mut a, [Action::List(Move::By(2)), Action::OpenSelected]);
    update(&mut a, Action::Focus(Focus::Entities));
    // "Engineers said the ports could reopen in December.": alone.
    let december = a
        .pane
        .rows()
        .iter()
        .position(|r| a.library.entity(r.entity).kind == Kind::Date)
        .unwrap();
    update(&mut a, Action::Entities(Move::By(december as isize)));
    update(&mut a, Action::ShowCompany);
    lede::world::serve_here(&mut a);
    assert_eq!(a.company.as_ref().unwrap().rows.as_deref(), Some(&[][..]));
    assert!(screen(&a).contains("no other entity shares a sentence"));
}

#[test]
fn a_resize_fits_the_timeline_to_its_new_width() {
    let mut a = timeline_of_haftar(100, 30);
    let wide = a.timeline.as_ref().unwrap().of.width;
    update(&mut a, Action::Resize(60, 30));
    lede::world::serve_here(&mut a);
    let t = a.timeline.as_ref().unwrap();
    assert!(t.of.width < wide, "{} then {}", wide, t.of.width);
    assert_eq!(t.by_article, [2, 3]);
    assert_eq!(t.by_text.as_deref(), Some(&[1, 0][..]), "read again");
}

#[test]
fn the_overlays_draw_at_every_small_size_without_panicking() {
    let mut a = timeline_of_haftar(100, 30);
    let mut c = common::app(100, 30);
    apply(
        &mut c,
        [
            Action::Focus(Focus::Entities),
            Action::ActivateEntity,
            Action::ShowCompany,
        ],
    );
    lede::world::serve_here(&mut c);
    for w in (1..70).step_by(3) {
        for h in 1..26 {
            for app in [&mut a, &mut c] {
                update(app, Action::Resize(w, h));
                lede::world::serve_here(app);
                let _ = screen(app);
            }
        }
    }
}

#[test]
fn keys_go_to_the_find_only_while_the_pane_is_focused() {
    use lede::tui::keys::KeyContext;
    let mut a = common::app(100, 30);
    update(&mut a, Action::Focus(Focus::Entities));
    apply(&mut a, [Action::FindStart, Action::FindInput("s".into())]);
    assert!(KeyContext::of(&a).finding);
    update(&mut a, Action::Focus(Focus::List));
    assert!(
        !KeyContext::of(&a).finding,
        "a key in the list is the list's"
    );
    update(&mut a, Action::Focus(Focus::Entities));
    assert!(KeyContext::of(&a).finding, "back to the find as it was");
}

/// People the long list's reports name, one each (by its number).
const PEOPLE: [(&str, &[&str]); 5] = [
    ("Khalifa Haftar", &["Khalifa Haftar"]),
    ("Fayez al-Sarraj", &["Fayez al-Sarraj"]),
    ("Aguila Saleh", &["Aguila Saleh"]),
    ("Ghassan Salame", &["Ghassan Salame"]),
    ("Recep Erdogan", &["Recep Erdogan"]),
];

/// `n` reports, each naming Sirte and one of five people; every
/// `ports`th is about the ports too (its title says so), naming Sirte
/// twice.
fn long_list(n: usize, ports: usize) -> App {
    use common::{E, article, extract};
    let mut articles = Vec::new();
    let mut extracted = Vec::new();
    for i in 0..n {
        let (who, surfaces) = PEOPLE[i % PEOPLE.len()];
        let about_ports = i % ports == 0;
        let title = if about_ports {
            format!("Ports report {i}")
        } else {
            format!("Report {i}")
        };
        let mut body = format!("{who} spoke in Sirte on day {i}.");
        if about_ports {
            body.push_str(" The oil ports of Sirte reopened.");
        }
        extracted.push(extract(
            &body,
            &[
                E(who, Kind::Person, surfaces, None),
                E("Sirte", Kind::Location, &["Sirte"], None),
            ],
        ));
        articles.push(article(&title, Some("2020-01-01"), None, &body));
    }
    let resolved = lede::resolve::resolve_corpus(articles.iter().map(|a| &a.meta).zip(extracted));
    let mut app = App::new(articles, resolved, vec![]);
    update(&mut app, Action::Resize(120, 40));
    app
}

/// The listed scope's (entity, mentions) as a walk on this thread counts
/// them.
fn counted_here(a: &App) -> Vec<(u32, u32)> {
    a.library
        .entities_by_count(&a.library.surfaces_in(a.list.reports()), a.list.reports())
}

fn pane_counts(a: &App) -> Vec<(u32, u32)> {
    a.pane
        .rows()
        .iter()
        .map(|r| (r.entity, r.mentions))
        .collect()
}

/// The listed-scope counts asked of a worker, taken from the app's queue
/// (every other request is carried out here).
fn take_count(a: &mut App) -> Vec<Request> {
    let (counts, rest): (Vec<_>, Vec<_>) = a
        .take_requests()
        .into_iter()
        .partition(|r| matches!(r, Request::ListedCounts { .. }));
    for r in rest {
        lede::world::run(r, |x| update(&mut *a, x));
    }
    counts
}

#[test]
fn a_long_list_is_counted_on_a_worker_and_shows_the_same_rows() {
    let n = SYNC_LISTED_REPORTS + 500;
    let mut a = long_list(n, 10);
    lede::world::serve_here(&mut a);
    assert_eq!(a.list.reports().len(), n);
    update(&mut a, Action::ToggleEntityScope);
    // The UI thread did not walk the list: it asked a worker, once.
    let key = (a.list.generation(), a.library.mentions_version());
    assert!(a.pane.listed_counts(key).is_none());
    assert!(a.pane.rows().is_empty());
    assert!(screen(&a).contains("counting the listed articles"));
    let asked = take_count(&mut a);
    assert_eq!(asked.len(), 1);
    match &asked[0] {
        Request::ListedCounts {
            key: k, reports, ..
        } => {
            assert_eq!(*k, key);
            assert_eq!(reports.len(), n);
        }
        r => panic!("not a count: {r:?}"),
    }
    // Back and forth while it counts: no second request for the same key.
    apply(
        &mut a,
        [Action::ToggleEntityScope, Action::ToggleEntityScope],
    );
    assert!(take_count(&mut a).is_empty());
    for r in asked {
        lede::world::run(r, |x| update(&mut a, x));
    }
    assert!(a.pane.listed_counts(key).is_some());
    assert!(!a.pane.counting());
    let rows = pane_counts(&a);
    assert_eq!(rows.len(), PEOPLE.len() + 1);
    assert_eq!(rows, counted_here(&a));
    let sirte = entity(&a, "sirte");
    assert_eq!(rows[0], (sirte, (n + n.div_ceil(10)) as u32));
    assert_eq!(a.pane.rows()[0].articles as usize, n);
}

#[test]
fn a_count_for_an_older_list_is_dropped_and_stopped() {
    // Half of them about the ports: still a long list.
    let n = 2 * (SYNC_LISTED_REPORTS + 500);
    let mut a = long_list(n, 2);
    lede::world::serve_here(&mut a);
    update(&mut a, Action::ToggleEntityScope);
    let asked = take_count(&mut a);
    assert_eq!(asked.len(), 1);
    let Request::ListedCounts { cancel, .. } = &asked[0] else {
        unreachable!()
    };
    let cancel = cancel.clone();
    // The worker's answer, for the whole list, held back.
    let mut answers = Vec::new();
    for r in asked {
        lede::world::run(r, |x| answers.push(x));
    }
    assert_eq!(answers.len(), 1);
    // The list narrows to the reports about the ports, which supersedes
    // the count under way (a worker counts them, here).
    type_query(&mut a, "ports");
    update(&mut a, Action::FilterAccept);
    lede::world::serve_here(&mut a);
    assert_eq!(a.list.reports().len(), n / 2);
    assert!(cancel.0.load(std::sync::atomic::Ordering::Relaxed));
    let narrowed = pane_counts(&a);
    assert_eq!(narrowed, counted_here(&a));
    // The old answer arrives: its counts are not the list's, and are
    // dropped.
    let key = (a.list.generation(), a.library.mentions_version());
    assert!(a.pane.listed_counts(key).is_some());
    apply(&mut a, answers);
    assert!(
        a.pane.listed_counts(key).is_some(),
        "the list's own counts are kept"
    );
    assert_eq!(pane_counts(&a), narrowed);
    assert!(take_count(&mut a).is_empty());
    let sirte = entity(&a, "sirte");
    assert_eq!(narrowed[0], (sirte, n as u32));
}

#[test]
fn a_list_up_to_the_threshold_is_counted_at_once() {
    let mut a = long_list(SYNC_LISTED_REPORTS, 10);
    lede::world::serve_here(&mut a);
    update(&mut a, Action::ToggleEntityScope);
    let key = (a.list.generation(), a.library.mentions_version());
    assert!(a.pane.listed_counts(key).is_some());
    assert!(take_count(&mut a).is_empty());
    assert_eq!(pane_counts(&a), counted_here(&a));
    assert_eq!(a.pane.rows().len(), PEOPLE.len() + 1);
}
