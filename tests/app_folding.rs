//! Reading while stories fold, through the app core: a grouping into
//! stories lands at any moment (the load computes it in the background),
//! and `n` / `N`, `J` / `K`, `Enter` on an entity, `z` / `Z` and `Enter`
//! on the list go on from the report being read, folded away in its
//! story's row or not. Nothing a grouping does changes the article open, its scroll or
//! its mention cursor; the list's selection stays on the row that shows
//! the open report.

mod common;

use std::sync::Arc;

use common::{E, apply, article, extract};
use lede::app::{Action, App, Focus, Move, update};
use lede::entities::Kind;
use lede::resolve::resolve_corpus;
use lede::stories::{Grouping, Sketch, Threader};

/// Texts far apart in words: the reports of one group share one, so
/// the threader groups them (and nothing else) together.
const TEXTS: [&str; 6] = [
    "Rain flooded the river towns of the valley for a third day, officials in Lorvik \
     said, closing the northern bridge.",
    "Copper miners walked out at the Kestrel pit on Friday demanding higher wages and \
     safer shafts.",
    "A comet brightened over the southern observatory, astronomers reported, surprising \
     telescope crews.",
    "Farmers harvested record barley yields across the plains despite drought warnings \
     and locust swarms.",
    "The orchestra premiered a symphony composed by a teenage violinist at the opera house.",
    "Engineers tested a hydrogen ferry across the fjord before winter storms closed the \
     harbour.",
];

const DATES: [&str; 6] = [
    "2020-01-10",
    "2020-01-09",
    "2020-01-08",
    "2020-01-07",
    "2020-01-06",
    "2020-01-05",
];

/// A body of many paragraphs (so the reader scrolls): Haftar named at
/// its top when `haftar` and once more at its end when `twice`, Tobruk
/// named when `tobruk`.
fn body(i: usize, haftar: bool, twice: bool, tobruk: bool) -> String {
    let mut b = String::new();
    if haftar {
        b.push_str(&format!(
            "Report {i}: Khalifa Haftar spoke on the radio.\n\n"
        ));
    } else {
        b.push_str(&format!("Report {i}: nobody spoke on the radio.\n\n"));
    }
    if tobruk {
        b.push_str("The envoys flew on to Tobruk.\n\n");
    }
    for p in 0..40 {
        b.push_str(&format!(
            "Paragraph {p} of report {i} says nothing of note about the weather.\n\n"
        ));
    }
    if twice {
        b.push_str("Later that night Haftar spoke again.");
    }
    b
}

/// Six reports, newest first (their indices are the list's order). Haftar
/// is in 0 (twice), 1, 3, 4 and 5, not in 2; Tobruk only in 4.
fn reports() -> App {
    let names = [
        E(
            "Khalifa Haftar",
            Kind::Person,
            &["Khalifa Haftar", "Haftar"],
            None,
        ),
        E("Tobruk", Kind::Location, &["Tobruk"], None),
    ];
    let bodies: Vec<String> = (0..6).map(|i| body(i, i != 2, i == 0, i == 4)).collect();
    let articles: Vec<_> = (0..6)
        .map(|i| article(&format!("Report {i}"), Some(DATES[i]), None, &bodies[i]))
        .collect();
    let found: Vec<_> = bodies.iter().map(|b| extract(b, &names)).collect();
    let resolved = resolve_corpus(articles.iter().map(|a| &a.meta).zip(found));
    let mut app = App::new(articles, resolved, vec![]);
    update(&mut app, Action::Resize(120, 40));
    app
}

/// A grouping of the reports into `groups` (each article in one), as
/// the load's threader makes it; checked to be what was asked.
fn grouping(groups: &[&[usize]]) -> Arc<Grouping> {
    let mut t = Threader::new();
    for (g, members) in groups.iter().enumerate() {
        for &a in *members {
            let sketch = Sketch::new(TEXTS[g], DATES[a].parse().ok(), &[]);
            t.add(a as u32, &format!("Report-{a}"), sketch);
        }
    }
    let stories = t.group();
    for members in groups {
        for &a in *members {
            let mut want: Vec<u32> = members.iter().map(|&m| m as u32).collect();
            // Earliest first: the reports are newest first.
            want.sort_by(|x, y| y.cmp(x));
            assert_eq!(stories.story_of(a as u32).unwrap().reports, want);
        }
    }
    Arc::new(Grouping {
        stories,
        ..Grouping::default()
    })
}

/// Rows [0, 1, 5]: 2 and 4 are folded under 0, 3 under 1.
fn first() -> Arc<Grouping> {
    grouping(&[&[0, 2, 4], &[1, 3], &[5]])
}

/// Another grouping: 3 leaves 1 for 0's story, 2 and 4 make their own.
/// Rows [0, 1, 2, 5]: 3 under 0, 4 under 2.
fn second() -> Arc<Grouping> {
    grouping(&[&[0, 3], &[1], &[2, 4], &[5]])
}

/// A third: 4 joins 1's story, now named by 4, its earliest report.
/// Rows [0, 1, 5]: 2 under 0, 3 and 4 under 1.
fn third() -> Arc<Grouping> {
    grouping(&[&[0, 2], &[1, 3, 4], &[5]])
}

/// A fourth: 5, a story of its own so far, joins 1 and 3.
/// Rows [0, 1]: 2 and 4 under 0, 3 and 5 under 1.
fn fourth() -> Arc<Grouping> {
    grouping(&[&[0, 2, 4], &[1, 3, 5]])
}

/// The cursor on the first Haftar of report 0, followed (`]` then `*`),
/// the reader focused.
fn follow_haftar(app: &mut App) {
    apply(
        app,
        [
            Action::Focus(Focus::Reader),
            Action::NextMention,
            Action::FollowCursor,
        ],
    );
    assert_eq!(app.reader.open(), Some(0));
    assert_eq!(common::cursor_text(app).as_deref(), Some("Khalifa Haftar"));
}

/// The list shows the open report selected, on its own row.
fn assert_open_selected(app: &App) {
    let open = app.reader.open();
    assert_eq!(
        app.list.selected_article(),
        open,
        "the selection is on the open report's row (rows {:?}, selected {})",
        app.list.view(),
        app.list.selected()
    );
}

/// `n` (or `N`) `presses` times: where each landed (the article, the
/// mention of it), the list showing it selected each time.
fn steps(app: &mut App, forward: bool, presses: usize) -> Vec<(usize, usize)> {
    let action = if forward {
        Action::NextOfEntity
    } else {
        Action::PrevOfEntity
    };
    (0..presses)
        .map(|_| {
            update(app, action.clone());
            assert_open_selected(app);
            (app.reader.open().unwrap(), app.reader.cursor().unwrap())
        })
        .collect()
}

/// `n` and `N` visit every listed report that mentions the entity, those
/// folded away in a story's row too, in the order folding off gives
/// (the list's, the reports' own): they never stop at, or go back to, a
/// story's row. Each lands on the report's own row, its story unfolded
/// in place as `J` does, so the selection is the report being read.
#[test]
fn n_and_big_n_visit_every_report_in_the_order_folding_off_gives() {
    let mut walks = Vec::new();
    for folding in [true, false] {
        let mut app = reports();
        update(&mut app, Action::Stories(first()));
        assert_eq!(app.list.view(), [0, 1, 5]);
        if !folding {
            update(&mut app, Action::ToggleFolding);
            assert_eq!(app.list.view(), [0, 1, 2, 3, 4, 5]);
        }
        follow_haftar(&mut app);
        let forth = steps(&mut app, true, 6);
        let back = steps(&mut app, false, 6);
        walks.push((forth, back));
    }
    let (forth, back) = &walks[0];
    // 0's second mention, then 1, 3 (under 1), 4 (under 0), 5, and
    // round to 0's first; 2 has none.
    let opened: Vec<usize> = forth.iter().map(|s| s.0).collect();
    assert_eq!(opened, [0, 1, 3, 4, 5, 0]);
    let opened: Vec<usize> = back.iter().map(|s| s.0).collect();
    assert_eq!(opened, [5, 4, 3, 1, 0, 0]);
    assert_eq!(walks[0], walks[1], "folded and not, the same steps");
}

/// A grouping that lands while a report is open leaves the reader alone:
/// the same report, scrolled where it was, the cursor where it was. The
/// selection stays on the open report's row, even when the report moves
/// to another story.
#[test]
fn a_grouping_landing_leaves_the_reader_alone_and_the_open_report_selected() {
    let mut app = reports();
    update(&mut app, Action::Stories(first()));
    follow_haftar(&mut app);
    steps(&mut app, true, 3);
    assert_eq!(app.reader.open(), Some(3), "folded under 1");
    apply(&mut app, [Action::Reader(Move::By(7))]);
    let (scroll, cursor) = (app.reader.scroll(), app.reader.cursor());
    assert_eq!(scroll, 7);
    for g in [
        second(),
        second(),
        third(),
        first(),
        Arc::new(Grouping::default()),
    ] {
        update(&mut app, Action::Stories(g));
        assert_eq!(app.reader.open(), Some(3));
        assert_eq!(app.reader.scroll(), scroll);
        assert_eq!(app.reader.cursor(), cursor);
        assert_open_selected(&app);
    }
    // The same with the selection on a story's row (the open report
    // folded away under it, as `z` leaves it): the selection stays on
    // the row that shows the open report.
    update(&mut app, Action::Stories(first()));
    apply(&mut app, [Action::Focus(Focus::List), Action::FoldStory]);
    assert!(!app.list.view().contains(&3));
    assert_eq!(app.list.selected_article(), Some(1));
    update(&mut app, Action::Stories(second()));
    assert_eq!(app.reader.open(), Some(3));
    assert_eq!(app.reader.scroll(), scroll);
    let row = app.list.selected();
    assert_eq!(app.list.position_of(3), Some(row));
}

/// A grouping landing between two `n` presses: the next goes on from the
/// open report, not from its story's first report or its row.
#[test]
fn n_after_a_grouping_goes_on_from_the_open_report() {
    for g in [second(), third(), first(), Arc::new(Grouping::default())] {
        let mut app = reports();
        update(&mut app, Action::Stories(first()));
        follow_haftar(&mut app);
        steps(&mut app, true, 3);
        assert_eq!(app.reader.open(), Some(3));
        update(&mut app, Action::Stories(g.clone()));
        assert_eq!(steps(&mut app, true, 1), [(4, 0)]);
        update(&mut app, Action::Stories(g.clone()));
        assert_eq!(steps(&mut app, false, 2), [(3, 0), (1, 0)]);
    }
}

/// After `n` into a report folded away: `Z` keeps the selection on it,
/// and `Enter` on the list keeps reading it where it was (it does not
/// open the story's first report instead).
#[test]
fn the_list_keys_after_n_act_on_the_report_being_read() {
    let mut app = reports();
    update(&mut app, Action::Stories(first()));
    follow_haftar(&mut app);
    steps(&mut app, true, 3);
    assert_eq!(app.reader.open(), Some(3));
    apply(&mut app, [Action::Reader(Move::By(5))]);
    apply(&mut app, [Action::Focus(Focus::List), Action::OpenSelected]);
    assert_eq!(app.reader.open(), Some(3));
    assert_eq!(app.reader.scroll(), 5, "kept its place");
    update(&mut app, Action::ToggleFolding);
    assert_eq!(app.list.selected_article(), Some(3));
    update(&mut app, Action::ToggleFolding);
    assert_eq!(app.list.position_of(3), Some(app.list.selected()));
}

/// `Enter` on an entity of the listed articles that the open report does
/// not mention opens the first listed report that does, folded away or
/// not, on its own row.
#[test]
fn enter_on_an_entity_opens_a_report_folded_away_on_its_own_row() {
    let mut app = reports();
    update(&mut app, Action::Stories(first()));
    apply(
        &mut app,
        [Action::Focus(Focus::Entities), Action::ToggleEntityScope],
    );
    let tobruk = app
        .pane
        .rows()
        .iter()
        .position(|r| &*app.library.entity(r.entity).name == "Tobruk")
        .expect("Tobruk among the listed articles' entities");
    apply(
        &mut app,
        [
            Action::Entities(Move::First),
            Action::Entities(Move::By(tobruk as isize)),
            Action::ActivateEntity,
        ],
    );
    assert_eq!(app.reader.open(), Some(4), "folded under 0");
    assert_open_selected(&app);
    assert_eq!(common::cursor_text(&app).as_deref(), Some("Tobruk"));
}

/// `J` and `K` read stories whole (after a story's row, its other
/// reports) and go on from the report open when a grouping lands
/// between two presses, the selection on its own row throughout.
#[test]
fn j_and_k_go_on_from_the_open_report_when_a_grouping_lands() {
    let mut app = reports();
    update(&mut app, Action::Stories(first()));
    update(&mut app, Action::Focus(Focus::Reader));
    let press = |app: &mut App, a: Action| {
        update(app, a);
        assert_open_selected(app);
        app.reader.open().unwrap()
    };
    // Reading order [0, 2, 4, 1, 3, 5].
    assert_eq!(press(&mut app, Action::NextArticle), 2);
    assert_eq!(press(&mut app, Action::NextArticle), 4);
    // Reading order now [0, 3, 1, 2, 4, 5].
    update(&mut app, Action::Stories(second()));
    assert_eq!(app.reader.open(), Some(4));
    assert_eq!(press(&mut app, Action::NextArticle), 5);
    let back: Vec<usize> = (0..5)
        .map(|_| press(&mut app, Action::PrevArticle))
        .collect();
    assert_eq!(back, [4, 2, 1, 3, 0]);
}

/// A grouping that puts the report being read, on its own row, into
/// another's story keeps it on its own row (the story unfolds in place,
/// as `J` would leave it): the row read does not turn into another
/// report's, and `Enter` on the list goes on reading it.
#[test]
fn a_grouping_does_not_fold_away_the_report_being_read() {
    let mut app = reports();
    update(&mut app, Action::Stories(first()));
    follow_haftar(&mut app);
    steps(&mut app, true, 5);
    assert_eq!(app.reader.open(), Some(5), "a story of its own");
    apply(&mut app, [Action::Reader(Move::By(4))]);
    update(&mut app, Action::Stories(fourth()));
    assert_open_selected(&app);
    apply(&mut app, [Action::Focus(Focus::List), Action::OpenSelected]);
    assert_eq!(app.reader.open(), Some(5));
    assert_eq!(app.reader.scroll(), 4);
    // A report only selected, not read, goes to its story's row.
    let mut app = reports();
    update(&mut app, Action::Stories(first()));
    apply(&mut app, [Action::List(Move::Last)]);
    assert_eq!(app.list.selected_article(), Some(5));
    update(&mut app, Action::Stories(fourth()));
    assert_eq!(app.reader.open(), Some(0));
    assert_eq!(app.list.view(), [0, 1]);
    assert_eq!(app.list.selected_article(), Some(1));
}
