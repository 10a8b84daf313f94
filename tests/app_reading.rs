//! The reading flow through the app core (no terminal): next / previous
//! and next unread article from the reader, marking what is listed read
//! and undoing it, stars and `is:starred`, the filter's hits in the
//! article, Esc after `f`, a jump into an article whose body is not read
//! yet, and the effects `o` `e` `y` as the requests they queue.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{apply, type_query};
use lede::app::{Action, App, Focus, Move, Request, update};
use lede::ingest::{Ingest, Options};
use lede::world::{World, serve_here};

fn note(app: &App) -> String {
    app.chrome
        .message()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[test]
fn next_and_previous_article_from_the_reader() {
    let mut app = common::app(120, 40);
    apply(&mut app, [Action::Focus(Focus::Reader)]);
    assert_eq!(app.reader.open(), Some(0));
    update(&mut app, Action::NextArticle);
    assert_eq!(app.reader.open(), Some(1));
    assert_eq!(app.list.selected(), 1);
    assert!(app.library.is_read(1), "opened is read");
    assert_eq!(app.chrome.focus(), Focus::Reader, "the reader stays");
    apply(&mut app, [Action::NextArticle, Action::NextArticle]);
    assert_eq!(app.reader.open(), Some(3));
    update(&mut app, Action::NextArticle);
    assert_eq!(app.reader.open(), Some(3));
    assert_eq!(note(&app), "the last listed article");
    apply(&mut app, [Action::PrevArticle, Action::PrevArticle]);
    assert_eq!(app.reader.open(), Some(1));
    apply(&mut app, [Action::PrevArticle, Action::PrevArticle]);
    assert_eq!(app.reader.open(), Some(0));
    assert_eq!(note(&app), "the first listed article");
}

#[test]
fn next_unread_skips_read_ones_and_wraps() {
    let mut app = common::app(120, 40);
    // Article 2 read already; 0 is shown (not read) at start.
    apply(
        &mut app,
        [
            Action::List(Move::By(2)),
            Action::ToggleRead,
            Action::List(Move::First),
        ],
    );
    assert!(app.library.is_read(2));
    update(&mut app, Action::NextUnread);
    assert_eq!(app.reader.open(), Some(1));
    update(&mut app, Action::NextUnread);
    assert_eq!(app.reader.open(), Some(3), "2 was read");
    update(&mut app, Action::NextUnread);
    assert_eq!(app.reader.open(), Some(0), "wrapped");
    assert_eq!(note(&app), "wrapped to the first unread article");
    update(&mut app, Action::NextUnread);
    assert_eq!(note(&app), "every listed article is read");
}

#[test]
fn mark_all_read_and_undo_leave_earlier_marks_alone() {
    let mut app = common::app(120, 40);
    apply(&mut app, [Action::List(Move::By(1)), Action::OpenSelected]);
    assert!(app.library.is_read(1));
    assert_eq!(app.library.unread_count(), 3);
    update(&mut app, Action::MarkAllRead);
    assert_eq!(app.library.unread_count(), 0);
    assert!(note(&app).starts_with("3 articles marked read"));
    // The marks kept for the next run have them too.
    let hashes: Vec<u64> = (0..4)
        .map(|a| app.library.meta(a).fingerprint.hash)
        .collect();
    let hash = |a: usize| hashes[a];
    assert!((0..4).all(|a| app.library.marks().contains(hash(a))));
    update(&mut app, Action::UndoMarkAll);
    assert_eq!(app.library.unread_count(), 3);
    assert!(app.library.is_read(1), "read before M: still read");
    assert!(!app.library.marks().contains(hash(0)));
    update(&mut app, Action::UndoMarkAll);
    assert!(note(&app).starts_with("nothing to undo"));
    // Only what is listed is marked.
    type_query(&mut app, "date:2020");
    update(&mut app, Action::FilterAccept);
    update(&mut app, Action::MarkAllRead);
    assert!(app.library.is_read(0) && !app.library.is_read(2) && !app.library.is_read(3));
}

#[test]
fn stars_toggle_are_kept_with_the_marks_and_filter() {
    let mut app = common::app(120, 40);
    apply(&mut app, [Action::Focus(Focus::Reader), Action::ToggleStar]);
    assert!(app.library.is_starred(0));
    assert_eq!(note(&app), "starred");
    // In the list, the selected article is starred.
    apply(
        &mut app,
        [
            Action::Focus(Focus::List),
            Action::List(Move::By(2)),
            Action::ToggleStar,
        ],
    );
    assert!(app.library.is_starred(2));
    assert_eq!(app.library.marks().stars(), 2);
    type_query(&mut app, "is:starred");
    assert_eq!(app.list.view(), [0, 2]);
    type_query(&mut app, "");
    update(&mut app, Action::FilterClear);
    type_query(&mut app, "!is:starred");
    assert_eq!(app.list.view(), [1, 3]);
    // Unstarring leaves the starred list when the query is applied again.
    update(&mut app, Action::FilterClear);
    apply(&mut app, [Action::List(Move::First), Action::ToggleStar]);
    assert!(!app.library.is_starred(0));
    type_query(&mut app, "is:starred");
    assert_eq!(app.list.view(), [2]);
}

#[test]
fn the_filters_words_and_phrases_are_hits_in_the_article() {
    let mut app = common::app(120, 40);
    type_query(&mut app, "sirt \"haftar forces\"");
    update(&mut app, Action::FilterAccept);
    let body = common::BODY_0;
    let shown: Vec<&str> = app.reader.hits().iter().map(|r| &body[r.clone()]).collect();
    assert_eq!(shown, ["Sirt", "Sirt", "Sirt", "Haftar forces"]);
    update(&mut app, Action::NextHit);
    assert_eq!(app.reader.stepped(lede::app::reader::Ranges::Hits), Some(0));
    update(&mut app, Action::PrevHit);
    assert_eq!(app.reader.stepped(lede::app::reader::Ranges::Hits), Some(3));
    assert_eq!(note(&app), "wrapped to the last hit");
    // Another article: its own hits. No filter: none.
    update(&mut app, Action::Escape);
    type_query(&mut app, "sirt");
    update(&mut app, Action::FilterAccept);
    update(&mut app, Action::NextArticle);
    assert_eq!(app.reader.open(), Some(1));
    let body = common::BODY_1;
    let shown: Vec<&str> = app.reader.hits().iter().map(|r| &body[r.clone()]).collect();
    assert_eq!(shown, ["Sirt", "Sirt"]);
    update(&mut app, Action::Escape);
    assert!(app.reader.hits().is_empty());
    update(&mut app, Action::NextHit);
    assert!(note(&app).starts_with("no filter"));
}

/// Issue 13, 12: after `f` on an entity and `Esc`, the status line no
/// longer says where the cursor stands among its mentions.
#[test]
fn esc_after_f_stops_following_the_entity() {
    let mut app = common::app(120, 40);
    apply(
        &mut app,
        [Action::Focus(Focus::Entities), Action::FilterByEntity],
    );
    assert!(app.nav.position().is_some());
    // Another article, which does not mention it, opened meanwhile.
    apply(&mut app, [Action::Focus(Focus::Reader), Action::Escape]);
    assert!(!app.filter.is_active());
    assert_eq!(app.current_entity(), None);
    assert_eq!(app.nav.position(), None);
}

fn with_urls(urls: [Option<&str>; 4]) -> App {
    let (mut articles, resolved, warnings) = common::corpus();
    for (a, u) in articles.iter_mut().zip(urls) {
        a.meta.url = u.map(String::from);
    }
    let mut app = App::new(articles, resolved, warnings);
    update(&mut app, Action::Resize(120, 40));
    app
}

#[test]
fn open_page_and_copy_queue_their_effects() {
    let mut app = with_urls([
        Some("https://example.org/sirte"),
        Some("javascript:alert(1)"),
        None,
        None,
    ]);
    app.take_requests();
    update(&mut app, Action::OpenUrl);
    assert_eq!(
        app.take_requests(),
        [Request::OpenUrl("https://example.org/sirte".into())]
    );
    update(&mut app, Action::Pager);
    assert_eq!(
        app.take_requests(),
        [Request::Pager(PathBuf::from(
            "reports/Haftar-forces-enter-Sirte.txt"
        ))]
    );
    update(&mut app, Action::Copy);
    assert_eq!(
        app.take_requests(),
        [Request::Copy("https://example.org/sirte".into())]
    );
    // A link that is not the web is not opened; no link, nothing.
    apply(&mut app, [Action::List(Move::By(1)), Action::OpenUrl]);
    assert!(app.take_requests().is_empty());
    assert!(note(&app).contains("not http"));
    apply(&mut app, [Action::List(Move::By(1)), Action::OpenUrl]);
    assert!(app.take_requests().is_empty());
    assert!(note(&app).contains("no address"));
    // In the entity pane: the entity's name.
    apply(
        &mut app,
        [Action::List(Move::First), Action::Focus(Focus::Entities)],
    );
    app.take_requests();
    update(&mut app, Action::Copy);
    assert_eq!(
        app.take_requests(),
        [Request::Copy("Khalifa Haftar".into())]
    );
}

#[test]
fn the_paragraph_under_the_cursor_is_copied_as_an_inert_quote() {
    let mut app = with_urls([Some("https://example.org/sirte"), None, None, None]);
    apply(
        &mut app,
        [
            Action::Focus(Focus::Reader),
            Action::NextMention,
            Action::NextMention,
            Action::NextMention,
            Action::NextMention,
            Action::NextMention,
        ],
    );
    assert_eq!(
        common::cursor_text(&app).as_deref(),
        Some("Libyan National Army")
    );
    app.take_requests();
    update(&mut app, Action::Copy);
    let [Request::Copy(quote)] = &app.take_requests()[..] else {
        panic!("one copy");
    };
    assert_eq!(
        quote,
        "\"A spokesman for the self-styled Libyan National Army (LNA) said fighters \
         captured the districts surrounding Sirte before heading towards the city center.\"\n\
         — Al Jazeera, 2020-01-07, https://example.org/sirte"
    );
    // The undated note's escape sequences do not survive the copy.
    apply(
        &mut app,
        [
            Action::Focus(Focus::List),
            Action::List(Move::Last),
            Action::OpenSelected,
        ],
    );
    app.take_requests();
    update(&mut app, Action::Copy);
    let [Request::Copy(quote)] = &app.take_requests()[..] else {
        panic!("one copy");
    };
    assert!(quote.contains("␛[31mred"), "{quote}");
    assert!(
        !quote.chars().any(|c| c.is_control() && c != '\n'),
        "{quote:?}"
    );
}

fn load_dir(dir: &Path) -> (App, World<'static>) {
    let mut app = App::loading();
    update(&mut app, Action::Resize(100, 30));
    let options = Options {
        cache_dir: None,
        threads: 2,
        body_budget: 0,
        keep_bodies: false,
    };
    let mut world = World::new(Some(Ingest::start(vec![dir.to_path_buf()], options)));
    assert!(world.settle(&mut app, Duration::from_secs(60)));
    (app, world)
}

/// Issue 13, 1: `n` into an article whose body is not in memory lands
/// with the mention on screen at the first jump (it used to land at the
/// top, the mention below).
#[test]
fn n_into_an_article_not_read_yet_shows_the_mention_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let filler: String = (0..60)
        .map(|i| format!("Paragraph {i} says nothing of note about the weather in the hills.\n\n"))
        .collect();
    std::fs::write(
        dir.path().join("a.txt"),
        " date 2020-01-08 General Khalifa Haftar said on Monday his forces would advance.",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.txt"),
        format!(
            " date 2020-01-07 {filler}General Khalifa Haftar said his forces had entered the city."
        ),
    )
    .unwrap();
    let (mut app, _world) = load_dir(dir.path());
    let a = app.reader.open().unwrap();
    assert!(app.library.meta(a).path.ends_with("a.txt"));
    serve_here(&mut app);
    apply(
        &mut app,
        [Action::Focus(Focus::Reader), Action::NextMention],
    );
    assert_eq!(common::cursor_text(&app).as_deref(), Some("Khalifa Haftar"));
    apply(&mut app, [Action::FollowCursor, Action::NextOfEntity]);
    let b = app.reader.open().unwrap();
    assert!(app.library.meta(b).path.ends_with("b.txt"));
    assert!(app.reader.open_layout().is_none(), "its body is being read");
    let start = Instant::now();
    while app.reader.open_layout().is_none() {
        serve_here(&mut app);
        assert!(start.elapsed() < Duration::from_secs(10));
    }
    let rows = app.reader_rows();
    assert!(app.reader.scroll() > 0);
    assert!(app.reader.cursor_visible(app.open_mentions(), rows));
    assert_eq!(common::cursor_text(&app).as_deref(), Some("Khalifa Haftar"));
}

/// Stars are saved as read marks are: two readers sharing the state
/// folder, saving in turn and at once, keep each other's stars and
/// un-stars.
#[test]
fn two_readers_keep_each_others_stars() {
    use common::{marks_reader as start, marks_saved_at_once};
    use lede::marks::{MarksFile, ReadMarks};
    let state = tempfile::tempdir().unwrap();
    let file = MarksFile::in_dir(state.path());
    let stars = |file: &MarksFile| -> Vec<u64> {
        let m = file.clone().load().marks;
        (0..3000).filter(|&k| m.is_starred(k)).collect()
    };
    let now = Instant::now();
    let mut earlier = ReadMarks::default();
    earlier.set(1, true);
    earlier.set_star(1, true);
    earlier.set_star(2, true);
    file.save(&earlier).unwrap();
    let (mut a, mut save_a) = start(&file);
    let (mut b, mut save_b) = start(&file);
    a.set_star(5, true);
    save_a.flush(&a, now).unwrap();
    b.set_star(6, true);
    b.set_star(1, false);
    save_b.flush(&b, now).unwrap();
    assert_eq!(stars(&file), [2, 5, 6]);
    a.set_star(7, true);
    save_a.flush(&a, now).unwrap();
    assert_eq!(stars(&file), [2, 5, 6, 7], "B's un-star survives A's save");
    assert!(file.clone().load().marks.contains(1), "the read mark stays");

    // At once, over and over.
    let m = marks_saved_at_once(50, |marks, k| marks.set_star(k, true));
    let got: Vec<u64> = (1000..3000).filter(|&k| m.is_starred(k)).collect();
    assert_eq!(got.len(), 100, "{got:?}");
}

/// The answers of the world's jobs (here the word index's read of every
/// body) are applied within the event loop's budget, like the load's
/// events: with no budget left nothing is applied and the world says a
/// backlog waits (the loop reads the terminal and comes back at once);
/// with time, they are.
#[test]
fn job_answers_wait_for_the_next_pass_when_the_budget_is_spent() {
    let mut app = common::app(100, 30);
    let mut world = World::new(None);
    world.serve(&mut app);
    let deadline = Instant::now() + Duration::from_secs(60);
    while world.busy() {
        assert!(Instant::now() < deadline, "the read ends");
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(app.library.words().searchable_count(), 0);
    assert!(!world.absorb(&mut app, Duration::ZERO));
    assert!(world.has_backlog());
    assert!(world.settle(&mut app, Duration::from_secs(60)));
    assert_eq!(
        app.library.words().searchable_count(),
        app.library.len(),
        "every article found by its words"
    );
}

/// `n` presses that come before the body of the article the first one
/// opened is read (keys arrive in bursts, bodies on a worker): each goes
/// on from the mention the last one reached, whatever the reader showed
/// before (here the top of the article before, whose text the next
/// article's mentions are not in). Before, the second press measured the
/// cursor against that other article's screen, found it off screen and
/// went back to the article's first mention: presses were lost.
#[test]
fn n_presses_before_the_body_is_read_each_go_one_mention_on() {
    let dir = tempfile::tempdir().unwrap();
    let filler: String = (0..60)
        .map(|i| format!("Paragraph {i} says nothing of note about the weather in the hills.\n\n"))
        .collect();
    let files = [
        (
            "a.txt",
            "2020-01-09",
            "General Khalifa Haftar said on Monday his forces would advance.".to_string(),
        ),
        (
            "b.txt",
            "2020-01-08",
            format!("{filler}Khalifa Haftar spoke at dawn.\n\n{filler}Haftar spoke again at dusk."),
        ),
        (
            "c.txt",
            "2020-01-07",
            "Envoys met Khalifa Haftar in Cairo.".to_string(),
        ),
    ];
    for (name, date, body) in &files {
        std::fs::write(dir.path().join(name), format!(" date {date} {body}")).unwrap();
    }
    let (mut app, _world) = load_dir(dir.path());
    let name = |app: &App| {
        let a = app.reader.open().unwrap();
        let path = &app.library.meta(a).path;
        path.file_name().unwrap().to_string_lossy().into_owned()
    };
    // The file open, and which of Haftar's mentions in it the cursor is on.
    let at = |app: &App| (name(app), app.nav.position().and_then(|p| p.index));
    assert_eq!(name(&app), "a.txt");
    serve_here(&mut app);
    apply(
        &mut app,
        [
            Action::Focus(Focus::Reader),
            Action::NextMention,
            Action::FollowCursor,
        ],
    );
    // Three presses, no answer between them.
    update(&mut app, Action::NextOfEntity);
    assert_eq!(at(&app), ("b.txt".into(), Some(1)));
    assert!(app.reader.open_layout().is_none(), "its body is being read");
    update(&mut app, Action::NextOfEntity);
    assert_eq!(at(&app), ("b.txt".into(), Some(2)));
    update(&mut app, Action::PrevOfEntity);
    assert_eq!(at(&app), ("b.txt".into(), Some(1)));
    update(&mut app, Action::NextOfEntity);
    update(&mut app, Action::NextOfEntity);
    assert_eq!(name(&app), "c.txt");
    // Back into b, then `*` before its body is read: the entity of the
    // mention jumped to, not of one after it.
    update(&mut app, Action::PrevOfEntity);
    assert_eq!(at(&app), ("b.txt".into(), Some(2)));
    let cursor = app.reader.cursor();
    update(&mut app, Action::FollowCursor);
    assert_eq!(app.reader.cursor(), cursor);
    let start = Instant::now();
    while app.reader.open_layout().is_none() {
        serve_here(&mut app);
        assert!(start.elapsed() < Duration::from_secs(10));
    }
    let rows = app.reader_rows();
    assert!(app.reader.cursor_visible(app.open_mentions(), rows));
    assert_eq!(common::cursor_text(&app).as_deref(), Some("Haftar"));
}
