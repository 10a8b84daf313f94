//! The app-state core, key by key: every action's effect on the state,
//! without a terminal. The fixture has four articles (see `common`).

mod common;

use common::{app, apply, cursor_text, many, type_query};
use lede::app::navigation::Position;
use lede::app::screen::Mode;
use lede::app::{Action, EntityScope, Focus, Move, Overlay, update};

fn titles(a: &lede::app::App) -> Vec<&str> {
    a.list
        .view()
        .iter()
        .map(|&i| a.library.meta(i).title.as_str())
        .collect()
}

/// The status line's message.
fn message(a: &lede::app::App) -> &str {
    &a.chrome.message().expect("a message").text
}

fn entity(a: &lede::app::App, slug: &str) -> u32 {
    a.library
        .entities()
        .find(slug)
        .unwrap_or_else(|| panic!("no entity {slug}"))
}

// --- global ---------------------------------------------------------------

#[test]
fn starts_on_the_newest_article_in_the_reader_still_unread() {
    let a = app(120, 40);
    assert_eq!(a.reader.open(), Some(0));
    // Shown because lede opened, not because the user chose it.
    assert!(!a.library.is_read(0));
    assert_eq!(a.library.unread_count(), 4);
    assert_eq!(a.chrome.focus(), Focus::List);
    let l = a.reader.layout().unwrap();
    assert_eq!((l.article, l.width), (0, 56));
    assert_eq!(a.pane.rows()[0].entity, entity(&a, "khalifa-haftar"));
}

#[test]
fn q_quits() {
    let mut a = app(120, 40);
    update(&mut a, Action::Quit);
    assert!(a.chrome.should_quit());
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut a = app(60, 20);
    update(&mut a, Action::ShowHelp);
    assert_eq!(a.chrome.overlay(), Some(Overlay::Help));
    update(&mut a, Action::Overlay(Move::By(1)));
    assert_eq!(a.chrome.overlay_scroll(), 1);
    update(&mut a, Action::Overlay(Move::Last));
    let last = a.chrome.overlay_scroll();
    let visible = usize::from(a.overlay_rect().unwrap().inner().height);
    assert_eq!(
        last + visible,
        a.chrome.help_lines().len(),
        "the last line at the bottom"
    );
    update(&mut a, Action::Overlay(Move::By(5)));
    assert_eq!(a.chrome.overlay_scroll(), last, "never past the end");
    update(&mut a, Action::Overlay(Move::First));
    assert_eq!(a.chrome.overlay_scroll(), 0);
    update(&mut a, Action::CloseOverlay);
    assert_eq!(a.chrome.overlay(), None);
}

#[test]
fn warnings_open_scroll_and_close() {
    let mut a = app(120, 40);
    update(&mut a, Action::ShowWarnings);
    assert_eq!(a.chrome.overlay(), Some(Overlay::Warnings));
    update(&mut a, Action::Overlay(Move::By(1)));
    assert_eq!(a.chrome.overlay_scroll(), 1);
    update(&mut a, Action::Overlay(Move::By(1)));
    assert_eq!(
        a.chrome.overlay_scroll(),
        1,
        "one warning at a time, the last stays"
    );
    update(&mut a, Action::Overlay(Move::Pages(-1)));
    assert_eq!(a.chrome.overlay_scroll(), 0);
    update(&mut a, Action::CloseOverlay);
    assert_eq!(a.chrome.overlay(), None);
}

#[test]
fn tab_and_numbers_move_the_focus() {
    let mut a = app(120, 40);
    update(&mut a, Action::FocusNext);
    assert_eq!(a.chrome.focus(), Focus::Reader);
    update(&mut a, Action::FocusNext);
    assert_eq!(a.chrome.focus(), Focus::Entities);
    update(&mut a, Action::FocusNext);
    assert_eq!(a.chrome.focus(), Focus::List);
    update(&mut a, Action::FocusPrev);
    assert_eq!(a.chrome.focus(), Focus::Entities);
    for f in [Focus::Reader, Focus::List, Focus::Entities] {
        update(&mut a, Action::Focus(f));
        assert_eq!(a.chrome.focus(), f);
    }
}

// --- list -----------------------------------------------------------------

#[test]
fn list_selection_moves_and_clamps() {
    let mut a = app(120, 40);
    update(&mut a, Action::List(Move::By(1)));
    assert_eq!(a.list.selected(), 1);
    update(&mut a, Action::List(Move::By(9)));
    assert_eq!(a.list.selected(), 3);
    update(&mut a, Action::List(Move::By(-9)));
    assert_eq!(a.list.selected(), 0);
    update(&mut a, Action::List(Move::Last));
    assert_eq!(a.list.selected(), 3);
    update(&mut a, Action::List(Move::First));
    assert_eq!(a.list.selected(), 0);
}

#[test]
fn list_pages_and_scrolls_with_the_selection() {
    // 60x20: the list shows 5 rows.
    let mut a = many(50, 60, 20);
    assert_eq!(a.chrome.screen().list_rows(), 5);
    update(&mut a, Action::List(Move::Pages(1)));
    assert_eq!((a.list.selected(), a.list.offset()), (5, 1));
    update(&mut a, Action::List(Move::Pages(2)));
    assert_eq!((a.list.selected(), a.list.offset()), (15, 11));
    update(&mut a, Action::List(Move::Pages(-1)));
    assert_eq!((a.list.selected(), a.list.offset()), (10, 10));
    update(&mut a, Action::List(Move::Last));
    assert_eq!((a.list.selected(), a.list.offset()), (49, 45));
    update(&mut a, Action::List(Move::First));
    assert_eq!((a.list.selected(), a.list.offset()), (0, 0));
}

#[test]
fn enter_opens_marks_read_and_focuses_the_reader() {
    let mut a = app(120, 40);
    update(&mut a, Action::List(Move::By(2)));
    assert!(!a.library.is_read(2));
    update(&mut a, Action::OpenSelected);
    assert_eq!(a.reader.open(), Some(2));
    assert!(a.library.is_read(2));
    assert_eq!(a.chrome.focus(), Focus::Reader);
    assert_eq!(a.reader.layout().unwrap().article, 2);
    assert_eq!(a.reader.scroll(), 0);
    // The entity pane follows the open article.
    let names: Vec<_> = a
        .pane
        .rows()
        .iter()
        .map(|r| &*a.library.entity(r.entity).name)
        .collect();
    // A date entity is named by what it resolves to; "December" is an alias.
    assert_eq!(names, ["Libyan National Army", "2019-12"]);
    // Enter on the open article only focuses it: it keeps its place.
    let mut b = app(60, 20);
    apply(&mut b, [Action::Reader(Move::By(4)), Action::NextMention]);
    let (scroll, cursor) = (b.reader.scroll(), b.reader.cursor());
    apply(&mut b, [Action::Focus(Focus::List), Action::OpenSelected]);
    assert_eq!((b.reader.scroll(), b.reader.cursor()), (scroll, cursor));
    assert_eq!(b.chrome.focus(), Focus::Reader);
    // ... and is read now: the user chose it.
    assert!(b.library.is_read(0));
}

#[test]
fn u_toggles_the_read_mark_of_the_selected_article_and_its_saved_mark() {
    let mut a = app(120, 40);
    apply(&mut a, [Action::List(Move::By(1)), Action::OpenSelected]);
    assert!(a.library.is_read(1));
    assert_eq!((a.library.unread_count(), a.library.marks().len()), (3, 1));
    apply(&mut a, [Action::Focus(Focus::List), Action::ToggleRead]);
    assert!(!a.library.is_read(1));
    assert_eq!((a.library.unread_count(), a.library.marks().len()), (4, 0));
    assert_eq!(message(&a), "marked unread");
    apply(&mut a, [Action::List(Move::By(1)), Action::ToggleRead]);
    assert!(a.library.is_read(2) && !a.library.is_read(1));
    assert_eq!((a.library.unread_count(), a.library.marks().len()), (3, 1));
}

#[test]
fn marks_of_an_earlier_run_are_restored() {
    let mut first = app(120, 40);
    apply(
        &mut first,
        [Action::List(Move::By(2)), Action::OpenSelected],
    );
    let title = first.library.meta(2).title.clone();
    let marks = first.library.marks().clone();

    // The same reports, another run: the article read before is read;
    // nothing else is.
    let mut second = app(120, 40);
    second.restore_marks(marks);
    let read: Vec<&str> = (0..second.library.len())
        .filter(|&i| second.library.is_read(i))
        .map(|i| second.library.meta(i).title.as_str())
        .collect();
    assert_eq!(read, [title.as_str()]);
    assert_eq!(second.library.unread_count(), 3);
}

// --- reader ---------------------------------------------------------------

#[test]
fn reader_scrolls_by_lines_and_pages_within_bounds() {
    let mut a = app(60, 20);
    let rows = a.reader_rows();
    let total = a.reader.layout().unwrap().len();
    assert_eq!(rows, 10);
    assert!(total > rows + 5, "{total}");
    update(&mut a, Action::Reader(Move::By(1)));
    assert_eq!(a.reader.scroll(), 1);
    update(&mut a, Action::Reader(Move::By(-3)));
    assert_eq!(a.reader.scroll(), 0);
    update(&mut a, Action::Reader(Move::Pages(1)));
    assert_eq!(a.reader.scroll(), rows - 2, "a page keeps two lines");
    update(&mut a, Action::Reader(Move::Pages(-1)));
    assert_eq!(a.reader.scroll(), 0);
    update(&mut a, Action::Reader(Move::Last));
    assert_eq!(a.reader.scroll(), total - rows);
    update(&mut a, Action::Reader(Move::By(5)));
    assert_eq!(
        a.reader.scroll(),
        total - rows,
        "the last line stays at the bottom"
    );
    update(&mut a, Action::Reader(Move::First));
    assert_eq!(a.reader.scroll(), 0);
}

#[test]
fn brackets_walk_every_mention_in_reading_order() {
    let mut a = app(120, 40);
    let n = a.open_mentions().len();
    let mut seen = Vec::new();
    for _ in 0..n {
        update(&mut a, Action::NextMention);
        seen.push(cursor_text(&a).unwrap());
    }
    assert_eq!(
        seen,
        [
            "Libya",
            "Khalifa Haftar",
            "Monday",
            "Sirte",
            "Libyan National Army",
            "LNA",
            "Sirte",
            "Turkish",
            "LNA",
            "Turkey",
            "Libya",
            "Sirte",
            "Haftar",
            "Tripoli",
            "Haftar",
            "2016"
        ]
    );
    update(&mut a, Action::NextMention);
    assert_eq!(a.reader.cursor(), Some(0), "wraps to the first");
    assert!(message(&a).contains("wrapped"));
    update(&mut a, Action::PrevMention);
    assert_eq!(a.reader.cursor(), Some(n - 1), "and back to the last");
    update(&mut a, Action::PrevMention);
    assert_eq!(a.reader.cursor(), Some(n - 2));
    // Brackets do not change the current entity.
    assert_eq!(a.current_entity(), None);
}

#[test]
fn jumping_scrolls_the_mention_into_view() {
    let mut a = app(60, 20);
    let rows = a.reader_rows();
    for _ in 0..a.open_mentions().len() {
        update(&mut a, Action::NextMention);
        let m = a.cursor_mention().unwrap();
        let l = a.reader.layout().unwrap();
        let (row, _) = l.locate(m.start as usize).unwrap();
        assert!(
            (a.reader.scroll()..a.reader.scroll() + rows).contains(&row),
            "row {row} scroll {}",
            a.reader.scroll()
        );
    }
    assert_eq!(cursor_text(&a).as_deref(), Some("2016"));
    assert!(a.reader.scroll() > 0);
}

#[test]
fn brackets_start_from_the_screen_when_the_cursor_is_off_it() {
    let mut a = app(60, 20);
    update(&mut a, Action::NextMention);
    assert_eq!(a.reader.cursor(), Some(0));
    update(&mut a, Action::Reader(Move::Last));
    update(&mut a, Action::NextMention);
    let first_visible = a.reader.cursor().unwrap();
    assert!(first_visible > 1, "not the mention after the old cursor");
}

#[test]
fn star_makes_the_entity_under_the_cursor_current() {
    let mut a = app(120, 40);
    apply(&mut a, [Action::NextMention, Action::NextMention]);
    assert_eq!(cursor_text(&a).as_deref(), Some("Khalifa Haftar"));
    update(&mut a, Action::FollowCursor);
    let kh = entity(&a, "khalifa-haftar");
    assert_eq!(a.current_entity(), Some(kh));
    assert_eq!(
        a.nav.position(),
        Some(Position {
            entity: kh,
            index: Some(1),
            in_article: 3,
            article: Some(1),
            articles: 2,
        })
    );
    // With no cursor on screen, * takes the first mention on screen.
    let mut b = app(120, 40);
    update(&mut b, Action::FollowCursor);
    assert_eq!(b.current_entity(), Some(entity(&b, "libya")));
}

#[test]
fn n_follows_the_entity_across_articles_and_wraps() {
    let mut a = app(120, 40);
    let kh = entity(&a, "khalifa-haftar");
    update(&mut a, Action::NextOfEntity);
    assert_eq!(a.current_entity(), None, "no current entity yet");
    assert!(a.chrome.message().as_ref().unwrap().error);
    apply(
        &mut a,
        [
            Action::NextMention,
            Action::NextMention,
            Action::FollowCursor,
        ],
    );
    let mut trail = Vec::new();
    for _ in 0..6 {
        update(&mut a, Action::NextOfEntity);
        let p = a.nav.position().unwrap();
        trail.push((
            a.reader.open().unwrap(),
            cursor_text(&a).unwrap(),
            p.index,
            p.article,
        ));
    }
    let h = |s: &str| s.to_string();
    assert_eq!(
        trail,
        [
            (0, h("Haftar"), Some(2), Some(1)),
            (0, h("Haftar"), Some(3), Some(1)),
            (1, h("Haftar"), Some(1), Some(2)),
            (1, h("Haftar"), Some(2), Some(2)),
            (0, h("Khalifa Haftar"), Some(1), Some(1)),
            (0, h("Haftar"), Some(2), Some(1)),
        ]
    );
    assert_eq!(a.current_entity(), Some(kh));
    // Opening an article through n selects it in the list and marks it read.
    update(&mut a, Action::NextOfEntity);
    update(&mut a, Action::NextOfEntity);
    assert_eq!((a.reader.open(), a.list.selected()), (Some(1), 1));
    assert!(a.library.is_read(1));
}

#[test]
fn capital_n_goes_backwards_into_the_previous_article() {
    let mut a = app(120, 40);
    apply(
        &mut a,
        [
            Action::NextMention,
            Action::NextMention,
            Action::FollowCursor,
        ],
    );
    update(&mut a, Action::PrevOfEntity);
    // Before "Khalifa Haftar" there is nothing in article 0: wrap to the
    // last listed article that mentions him, at its last mention.
    assert_eq!(a.reader.open(), Some(1));
    assert_eq!(a.nav.position().unwrap().index, Some(2));
    assert!(message(&a).contains("wrapped"));
    update(&mut a, Action::PrevOfEntity);
    assert_eq!(a.nav.position().unwrap().index, Some(1));
    update(&mut a, Action::PrevOfEntity);
    assert_eq!(
        (a.reader.open(), a.nav.position().unwrap().index),
        (Some(0), Some(3))
    );
}

#[test]
fn n_follows_the_list_order_and_skips_unlisted_articles() {
    let mut a = app(120, 40);
    // Only the article from the 7th is listed: n stays in it, wrapping.
    type_query(&mut a, "date:2020-01-07");
    update(&mut a, Action::FilterAccept);
    apply(
        &mut a,
        [
            Action::NextMention,
            Action::NextMention,
            Action::FollowCursor,
        ],
    );
    for _ in 0..3 {
        update(&mut a, Action::NextOfEntity);
    }
    assert_eq!(a.reader.open(), Some(0));
    assert_eq!(a.nav.position().unwrap().index, Some(1));
    assert_eq!(a.nav.position().unwrap().articles, 1);
}

// --- entities -------------------------------------------------------------

#[test]
fn entity_pane_moves_activates_and_filters() {
    let mut a = app(120, 40);
    update(&mut a, Action::Focus(Focus::Entities));
    let rows: Vec<_> = a.pane.rows().iter().map(|r| r.mentions).collect();
    assert!(rows.windows(2).all(|w| w[0] >= w[1]), "by count: {rows:?}");
    update(&mut a, Action::Entities(Move::By(1)));
    assert_eq!(a.pane.selected(), 1);
    update(&mut a, Action::Entities(Move::Last));
    assert_eq!(a.pane.selected(), a.pane.rows().len() - 1);
    update(&mut a, Action::Entities(Move::First));
    // The first row is the most mentioned: Sirte (3) or Haftar (3).
    let (e, n) = (a.pane.rows()[0].entity, a.pane.rows()[0].mentions);
    assert_eq!(n, 3);
    update(&mut a, Action::ActivateEntity);
    assert_eq!(a.current_entity(), Some(e));
    let m = a.cursor_mention().unwrap();
    assert_eq!(a.open_entity_of(&m), e);
    assert_eq!(
        a.reader.cursor(),
        a.open_mentions()
            .iter()
            .position(|x| a.open_entity_of(x) == e)
    );
    assert_eq!(a.chrome.focus(), Focus::Entities, "stays for the next pick");
    // f: only the articles that mention it.
    update(&mut a, Action::Entities(Move::By(2)));
    let e2 = a.pane.rows()[2].entity;
    update(&mut a, Action::FilterByEntity);
    assert_eq!(
        a.filter.input(),
        format!("entity:{}", a.library.entity(e2).id)
    );
    assert_eq!(a.chrome.focus(), Focus::List);
    for &i in a.list.view() {
        assert!(a.library.mentions_entity(i, e2));
    }
}

#[test]
fn activating_an_entity_of_another_article_opens_the_first_listed_one() {
    let mut a = app(120, 40);
    update(&mut a, Action::ToggleEntityScope);
    assert_eq!(a.pane.scope(), EntityScope::Listed);
    let gna = entity(&a, "government-of-national-agreement");
    let pos = a.pane.rows().iter().position(|r| r.entity == gna).unwrap();
    update(&mut a, Action::Entities(Move::By(pos as isize)));
    update(&mut a, Action::ActivateEntity);
    assert_eq!(a.reader.open(), Some(1));
    assert_eq!(a.list.selected(), 1);
    assert_eq!(
        cursor_text(&a).as_deref(),
        Some("Government of National Agreement")
    );
}

#[test]
fn a_toggles_between_this_article_and_the_listed_ones() {
    let mut a = app(120, 40);
    let kh = entity(&a, "khalifa-haftar");
    let count = |a: &lede::app::App, e| {
        a.pane
            .rows()
            .iter()
            .find(|r| r.entity == e)
            .map(|r| r.mentions)
    };
    assert_eq!(count(&a, kh), Some(3));
    update(&mut a, Action::ToggleEntityScope);
    assert_eq!(count(&a, kh), Some(5), "both Sirte articles");
    assert_eq!(
        (a.pane.rows()[0].entity, a.pane.rows()[0].mentions),
        (kh, 5)
    );
    // The listed scope follows the filter.
    type_query(&mut a, "oil ports");
    update(&mut a, Action::FilterAccept);
    assert_eq!(titles(&a), ["Oil ports in the crescent"]);
    assert_eq!(count(&a, kh), None);
    update(&mut a, Action::ToggleEntityScope);
    assert_eq!(a.pane.scope(), EntityScope::Article);
}

// --- filter ---------------------------------------------------------------

#[test]
fn filtering_is_incremental_and_enter_keeps_it() {
    let mut a = app(120, 40);
    update(&mut a, Action::FilterStart);
    assert!(a.filter.is_editing());
    assert_eq!(a.chrome.focus(), Focus::List);
    let mut sizes = Vec::new();
    for c in "withdraw".chars() {
        update(&mut a, Action::FilterInput(c));
        sizes.push(a.list.view().len());
    }
    assert_eq!(sizes.first(), Some(&2), "every title with a 'w'");
    assert_eq!(titles(&a), ["Militias withdraw from Sirte"]);
    update(&mut a, Action::FilterAccept);
    assert!(!a.filter.is_editing());
    assert_eq!(a.list.view().len(), 1);
    assert_eq!(a.filter.input(), "withdraw");
}

#[test]
fn esc_while_typing_drops_the_filter_and_outside_clears_it() {
    let mut a = app(120, 40);
    type_query(&mut a, "ports");
    assert_eq!(a.list.view().len(), 1);
    update(&mut a, Action::FilterClear);
    assert!(!a.filter.is_editing());
    assert_eq!(a.list.view().len(), 4);
    assert!(!a.filter.is_active());
    type_query(&mut a, "ports");
    update(&mut a, Action::FilterAccept);
    update(&mut a, Action::FilterClear);
    assert_eq!(a.list.view().len(), 4);
    // The selection stays on the article it was on.
    assert_eq!(a.selected_article(), Some(2));
}

#[test]
fn editing_keys_delete_and_move() {
    let mut a = app(120, 40);
    type_query(&mut a, "oil ports");
    update(&mut a, Action::FilterDeleteWord);
    assert_eq!(a.filter.input(), "oil ");
    update(&mut a, Action::FilterBackspace);
    assert_eq!(a.filter.input(), "oil");
    update(&mut a, Action::FilterClearInput);
    assert_eq!(a.filter.input(), "");
    assert!(a.filter.is_editing());
    assert_eq!(a.list.view().len(), 4);
    let before = a.list.selected();
    update(&mut a, Action::List(Move::By(-1)));
    assert_eq!(
        a.list.selected(),
        before - 1,
        "arrows move the list while typing"
    );
    // A paste is one edit: its line breaks become spaces, escapes go.
    update(&mut a, Action::FilterPaste("oil\r\nports\x1b[2J".into()));
    assert_eq!(a.filter.input(), "oil  ports[2J");
    update(&mut a, Action::FilterClearInput);
    // Wide spaces (no-break, ideographic) are one character of several
    // bytes: Ctrl-W cuts after them, never inside.
    update(&mut a, Action::FilterPaste("oil\u{a0}por\u{3000}ts".into()));
    update(&mut a, Action::FilterDeleteWord);
    assert_eq!(a.filter.input(), "oil\u{a0}por\u{3000}");
    update(&mut a, Action::FilterDeleteWord);
    assert_eq!(a.filter.input(), "oil\u{a0}");
    update(&mut a, Action::FilterClearInput);
    update(&mut a, Action::FilterPaste("\"oil ports\"".into()));
    assert_eq!(a.list.view(), [0], "the list follows the pasted query");
}

#[test]
fn at_terms_and_ranking() {
    let mut a = app(120, 40);
    type_query(&mut a, "@haftar");
    assert_eq!(
        titles(&a),
        ["Haftar forces enter Sirte", "Militias withdraw from Sirte"]
    );
    assert_eq!(a.list.selected(), 0, "the best match is selected");
    update(&mut a, Action::FilterAccept);
    let kh = entity(&a, "khalifa-haftar");
    assert_eq!(a.current_entity(), Some(kh), "Enter follows the @entity");
    update(&mut a, Action::NextOfEntity);
    let p = a.nav.position().unwrap();
    assert_eq!(
        (p.index, p.in_article, p.article, p.articles),
        (Some(1), 3, Some(1), 2)
    );
    assert_eq!(cursor_text(&a).as_deref(), Some("Khalifa Haftar"));
}

#[test]
fn is_unread_lists_the_unread_and_an_opened_one_stays_until_the_query_changes() {
    let mut a = app(120, 40);
    apply(&mut a, [Action::List(Move::By(1)), Action::OpenSelected]);
    type_query(&mut a, "is:unread");
    update(&mut a, Action::FilterAccept);
    let mut listed = a.list.view().to_vec();
    listed.sort_unstable();
    assert_eq!(listed, [0, 2, 3]);

    // Read from the filtered list: still listed, so the cursor stays put.
    let first = a.list.view()[0];
    apply(&mut a, [Action::Focus(Focus::List), Action::OpenSelected]);
    assert!(a.library.is_read(first));
    assert_eq!(a.list.view().len(), 3);
    // The query changes: everything is judged again, read marks included.
    type_query(&mut a, " ");
    assert_eq!(a.list.view().len(), 2);
    assert!(!a.list.view().contains(&first));

    // Unread again with `u` (from the full list), it comes back.
    apply(&mut a, [Action::FilterClear]);
    let at = a.list.view().iter().position(|&v| v == first).unwrap();
    apply(
        &mut a,
        [
            Action::List(Move::First),
            Action::List(Move::By(at as isize)),
            Action::ToggleRead,
        ],
    );
    type_query(&mut a, "is:unread");
    assert!(a.list.view().contains(&first));
    type_query(&mut a, " !is:unread");
    assert!(a.list.view().is_empty(), "nothing is both");
}

#[test]
fn a_malformed_query_keeps_the_list_and_says_why() {
    let mut a = app(120, 40);
    type_query(&mut a, "sirte");
    assert_eq!(a.list.view().len(), 2);
    for c in " \"oil".chars() {
        update(&mut a, Action::FilterInput(c));
    }
    assert!(a.filter.error().unwrap().contains("unclosed quote"));
    assert_eq!(a.list.view().len(), 2, "the last good query still applies");
    update(&mut a, Action::FilterAccept);
    assert!(a.filter.is_editing(), "Enter does not keep a broken query");
    assert!(a.chrome.message().as_ref().unwrap().error);
    update(&mut a, Action::FilterInput('"'));
    assert_eq!(a.filter.error(), None);
    // "oil ports" is in the body of the first article only.
    assert_eq!(a.list.view(), [0]);
    type_query(&mut a, " date:2020-13");
    assert!(a.filter.error().unwrap().contains("bad date"));
    update(&mut a, Action::FilterClearInput);
    type_query(&mut a, "is:new");
    assert!(a.filter.error().unwrap().contains("is:unread or is:read"));
}

#[test]
fn filtering_to_nothing_is_calm() {
    let mut a = app(120, 40);
    type_query(&mut a, "zzzzzz");
    assert!(a.list.view().is_empty());
    assert_eq!(a.selected_article(), None);
    apply(
        &mut a,
        [
            Action::List(Move::By(1)),
            Action::List(Move::Last),
            Action::OpenSelected,
            Action::NextOfEntity,
        ],
    );
    assert_eq!(a.reader.open(), Some(0), "the reader keeps its article");
}

// --- terminal events ------------------------------------------------------

#[test]
fn resize_rewraps_and_keeps_the_place() {
    let mut a = app(60, 20);
    update(&mut a, Action::Reader(Move::By(6)));
    let l = a.reader.layout().unwrap();
    let top = *l.lines[a.reader.scroll()..]
        .iter()
        .find(|l| l.is_body())
        .unwrap();
    update(&mut a, Action::Resize(70, 20));
    let l = a.reader.layout().unwrap();
    assert_eq!(l.width, a.chrome.screen().reader_text().width);
    assert_eq!(l.width, 66);
    let row = l.row_of(top.start as usize).unwrap();
    let max = l.len() - a.reader_rows();
    assert!(row > 0);
    assert!(row < max, "{row} {max}");
    assert_eq!(a.reader.scroll(), row, "the same paragraph at the top");
    update(&mut a, Action::Resize(10, 3));
    assert_eq!(a.chrome.screen().mode, Mode::TooSmall);
    update(&mut a, Action::Resize(120, 40));
    assert_eq!(a.reader.layout().unwrap().width, 56);
    assert_eq!(a.reader.scroll(), 0, "it all fits: no scrolling");
}

#[test]
fn clicks_select_open_and_place_the_cursor() {
    let mut a = app(120, 40);
    // The list's second row (inside the border).
    update(&mut a, Action::Click(5, 2));
    assert_eq!((a.list.selected(), a.reader.open()), (1, Some(0)));
    update(&mut a, Action::Click(5, 2));
    assert_eq!(a.reader.open(), Some(1), "a second click opens");
    // A click on "Sirte" in the reader's first body line.
    update(&mut a, Action::Focus(Focus::List));
    let text = a.chrome.screen().reader_text();
    let l = a.reader.layout().unwrap();
    let at = l.body.find("Sirte").unwrap();
    let (row, col) = l.locate(at).unwrap();
    let y = text.y + (row - a.reader.scroll()) as u16;
    update(&mut a, Action::Click(text.x + col as u16 + 2, y));
    assert_eq!(a.chrome.focus(), Focus::Reader);
    assert_eq!(cursor_text(&a).as_deref(), Some("Sirte"));
    // The entity pane: a click selects a row, a second one activates it.
    let ent = a.chrome.screen().entities.inner();
    update(&mut a, Action::Click(ent.x + 3, ent.y + 1));
    assert_eq!((a.chrome.focus(), a.pane.selected()), (Focus::Entities, 1));
    update(&mut a, Action::Click(ent.x + 3, ent.y + 1));
    assert_eq!(a.current_entity(), Some(a.pane.rows()[1].entity));
}

#[test]
fn clicks_outside_an_overlay_close_it() {
    let mut a = app(120, 40);
    update(&mut a, Action::ShowHelp);
    let r = a.overlay_rect().unwrap();
    update(&mut a, Action::Click(r.x + 1, r.y + 1));
    assert_eq!(a.chrome.overlay(), Some(Overlay::Help));
    update(&mut a, Action::Click(0, 0));
    assert_eq!(a.chrome.overlay(), None);
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer() {
    let mut a = app(60, 20);
    let reader = a.chrome.screen().reader;
    update(&mut a, Action::Wheel(reader.x + 5, reader.y + 3, 3));
    assert_eq!(a.reader.scroll(), 3);
    update(&mut a, Action::Wheel(reader.x + 5, reader.y + 3, -3));
    assert_eq!(a.reader.scroll(), 0);
    update(&mut a, Action::Wheel(5, 2, 3));
    assert_eq!(a.list.selected(), 3);
    update(&mut a, Action::ShowHelp);
    update(&mut a, Action::Wheel(5, 2, 3));
    assert_eq!(a.chrome.overlay_scroll(), 3);
}

#[test]
fn narrow_screens_show_entities_in_place_of_the_list() {
    let mut a = app(60, 20);
    assert_eq!(a.chrome.screen().mode, Mode::Stacked);
    update(&mut a, Action::Focus(Focus::Entities));
    assert!(a.chrome.screen().shows(Focus::Entities, a.chrome.focus()));
    assert!(!a.chrome.screen().shows(Focus::List, a.chrome.focus()));
    update(&mut a, Action::FilterStart);
    assert_eq!(
        a.chrome.focus(),
        Focus::List,
        "typing a filter shows the list"
    );
}

// --- the list's order and width ------------------------------------------

#[test]
fn s_cycles_the_sort_through_title_source_entities_and_date() {
    let mut a = app(120, 40);
    let titles = |a: &lede::app::App| -> Vec<String> {
        a.list
            .reports()
            .iter()
            .map(|&i| a.library.meta(i).title.clone())
            .collect()
    };
    let by_date = titles(&a);
    update(&mut a, Action::CycleSort);
    assert_eq!(
        titles(&a),
        [
            "A note \u{1b}[2Jwithout a date",
            "Haftar forces enter Sirte",
            "Militias withdraw from Sirte",
            "Oil ports in the crescent"
        ]
    );
    assert!(a.chrome.message().unwrap().text.contains("sorted by title"));
    // A filter keeps the order: its reports, sorted.
    type_query(&mut a, "sirte");
    assert_eq!(
        titles(&a),
        ["Haftar forces enter Sirte", "Militias withdraw from Sirte"]
    );
    update(&mut a, Action::FilterClear);
    update(&mut a, Action::CycleSort);
    // By source: Al Jazeera, Reuters, then those without one (newest first).
    assert_eq!(a.list.reports(), [0, 1, 2, 3]);
    update(&mut a, Action::CycleSort);
    // Most entities first: 9, 3, 2, none.
    assert_eq!(a.list.reports(), [0, 1, 2, 3]);
    update(&mut a, Action::CycleSort);
    assert!(a.chrome.message().unwrap().text.contains("sorted by date"));
    assert_eq!(titles(&a), by_date);
}

#[test]
fn angle_brackets_resize_the_list_within_limits() {
    let mut a = app(120, 40);
    let w = a.chrome.screen().list.width;
    assert_eq!(w, 60, "half the window by default");
    update(&mut a, Action::ListWidth(4));
    assert_eq!(a.chrome.screen().list.width, 64);
    // The reader is laid out again at its new width.
    assert_eq!(
        a.reader.layout().unwrap().width,
        a.chrome.screen().reader_text().width
    );
    for _ in 0..40 {
        update(&mut a, Action::ListWidth(-4));
    }
    assert_eq!(
        a.chrome.screen().list.width,
        30,
        "the list keeps 30 columns"
    );
    for _ in 0..40 {
        update(&mut a, Action::ListWidth(4));
    }
    assert_eq!(a.chrome.screen().list.width, 80, "the reader keeps 40");
    // Kept through a resize (for the session).
    update(&mut a, Action::Resize(130, 40));
    assert_eq!(a.chrome.screen().list.width, 80);
    let mut narrow = app(70, 30);
    update(&mut narrow, Action::ListWidth(4));
    assert!(narrow.chrome.message().unwrap().text.contains("80 columns"));
}
