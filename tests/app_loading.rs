//! The app filled by a background load, through the app core (no
//! terminal): articles join the list newest first, entities arrive, the
//! selection stays put, bodies are read from the files on demand.

use std::fs;
use std::path::Path;
use std::time::Duration;

use lede::app::{Action, App, update};
use lede::ingest::{Event, Ingest, Options};
use lede::world::World;

const SETTLE: Duration = Duration::from_secs(60);

fn options(cache: Option<&Path>, threads: usize) -> Options {
    Options {
        cache_dir: cache.map(Path::to_path_buf),
        threads,
        body_budget: 1 << 20,
        keep_bodies: false,
    }
}

/// Runs a load to the end through the world the event loop uses (the
/// app's requests carried out, what the load sends applied), and keeps
/// that world: a file changed on disk is extracted again by its load.
fn load(app: &mut App, dir: &Path, cache: Option<&Path>) -> World<'static> {
    let ingest = Ingest::start(vec![dir.to_path_buf()], options(cache, 2));
    let mut world = World::new(Some(ingest));
    assert!(world.settle(app, SETTLE), "the load finishes");
    world
}

fn write_corpus(dir: &Path) {
    fs::write(
        dir.join("a.txt"),
        " date 2020-01-05 Khalifa Haftar met envoys in Cairo. Haftar said talks went well.",
    )
    .unwrap();
    fs::write(
        dir.join("b.txt"),
        " date 2020-01-07 Troops loyal to Khalifa Haftar entered Sirte on Monday.",
    )
    .unwrap();
    fs::write(
        dir.join("c.txt"),
        " date 2020-01-06 The United Nations said Haftar must withdraw from Sirte.",
    )
    .unwrap();
    fs::write(dir.join("d.txt"), "An undated note about Tunis.").unwrap();
    fs::write(dir.join("e.bin"), b"\x00\x01\x02binary").unwrap();
}

/// The titles of every listed report (folded into their stories' rows
/// or not), in order.
fn titles(app: &App) -> Vec<String> {
    app.list
        .reports()
        .iter()
        .map(|&i| app.library.meta(i).title.clone())
        .collect()
}

#[test]
fn a_load_fills_the_list_newest_first_with_entities() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let mut app = App::loading();
    update(&mut app, Action::Resize(120, 40));
    assert!(app.library.progress().is_some());
    load(&mut app, dir.path(), None);
    assert!(app.library.progress().is_none());
    assert_eq!(
        titles(&app),
        [
            "Troops loyal to Khalifa Haftar entered Sirte on Monday.",
            "The United Nations said Haftar must withdraw from Sirte.",
            "Khalifa Haftar met envoys in Cairo.",
            "An undated note about Tunis."
        ]
    );
    assert!(
        app.library
            .warnings()
            .iter()
            .any(|w| w.path.ends_with("e.bin"))
    );
    // One Haftar across all three reports, linked after the load.
    let haftar = app
        .library
        .entities()
        .find("khalifa-haftar")
        .expect("linked");
    assert_eq!(app.library.entity(haftar).articles, 3);
    // The newest article opened once the load was over, its body read
    // back from its file.
    assert_eq!(app.reader.open(), Some(app.list.view()[0]));
    let layout = app.reader.layout().expect("laid out");
    assert!(layout.body.contains("entered Sirte"));
    assert!(app.chrome.should_quit().eq(&false));
}

#[test]
fn the_selection_stays_on_its_article_while_articles_arrive() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let mut app = App::loading();
    update(&mut app, Action::Resize(120, 40));
    let ingest = Ingest::start(vec![dir.path().to_path_buf()], options(None, 1));
    // Apply events one by one; after the first article is listed, select
    // it and check it stays selected whatever arrives later.
    let mut chosen = None;
    loop {
        let ev = ingest.events.recv_timeout(Duration::from_secs(30)).unwrap();
        let done = matches!(ev, Event::Finished(_));
        if let Some(a) = Action::from_load(ev) {
            update(&mut app, a);
        }
        lede::world::serve_here(&mut app);
        if chosen.is_none() && !app.list.view().is_empty() {
            // The user puts the selection on the first article listed.
            update(&mut app, Action::List(lede::app::Move::First));
            chosen = app.selected_article();
        }
        if let Some(c) = chosen {
            // The selected row is the chosen article's, or its story's
            // once a later report of the story folds it away.
            assert_eq!(app.list.position_of(c), Some(app.list.selected()));
        }
        if done {
            break;
        }
    }
}

#[test]
fn untouched_the_selection_follows_the_newest_article() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let mut app = App::loading();
    update(&mut app, Action::Resize(120, 40));
    load(&mut app, dir.path(), None);
    assert_eq!(app.list.selected(), 0);
    assert_eq!(app.selected_article(), Some(app.list.view()[0]));
}

#[test]
fn a_file_changed_since_the_load_is_shown_and_extracted_again() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let mut app = App::loading();
    update(&mut app, Action::Resize(120, 40));
    let mut world = load(&mut app, dir.path(), None);
    // c.txt changes on disk after the load; then the user opens it.
    fs::write(
        dir.path().join("c.txt"),
        " date 2020-01-06 The African Union said Haftar must leave Sirte now.",
    )
    .unwrap();
    // Every report a row of its own (`Z`), to be reached by moving.
    update(&mut app, Action::ToggleFolding);
    let pos = app
        .list
        .view()
        .iter()
        .position(|&i| app.library.meta(i).path.ends_with("c.txt"))
        .unwrap();
    update(&mut app, Action::List(lede::app::Move::First));
    for _ in 0..pos {
        update(&mut app, Action::List(lede::app::Move::By(1)));
    }
    update(&mut app, Action::OpenSelected);
    assert!(world.settle(&mut app, SETTLE));
    let layout = app.reader.layout().unwrap();
    assert!(layout.body.contains("African Union"));
    assert!(
        app.library
            .warnings()
            .iter()
            .any(|w| w.path.ends_with("c.txt") && w.message.contains("changed on disk"))
    );
    // The mentions point into the new text.
    let a = app.reader.open().unwrap();
    let texts: Vec<&str> = app
        .library
        .mentions(a)
        .iter()
        .map(|m| &layout.body[m.range()])
        .collect();
    assert!(texts.contains(&"African Union"), "{texts:?}");
    // Its words are read again: a word only the new text has finds it.
    type_query(&mut app, "leave");
    assert!(world.settle(&mut app, SETTLE));
    assert_eq!(listed_files(&app), ["c.txt"]);
}

#[test]
fn a_vanished_file_is_a_warning_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let mut app = App::loading();
    update(&mut app, Action::Resize(120, 40));
    let mut world = load(&mut app, dir.path(), None);
    update(&mut app, Action::ToggleFolding);
    let open = app.reader.open().unwrap();
    let other = app
        .list
        .view()
        .iter()
        .copied()
        .find(|&i| i != open)
        .unwrap();
    fs::remove_file(&app.library.meta(other).path).unwrap();
    let pos = app.list.view().iter().position(|&i| i == other).unwrap();
    update(&mut app, Action::List(lede::app::Move::First));
    for _ in 0..pos {
        update(&mut app, Action::List(lede::app::Move::By(1)));
    }
    update(&mut app, Action::OpenSelected);
    assert!(world.settle(&mut app, SETTLE));
    assert!(app.chrome.message().as_ref().is_some_and(|m| m.error));
    assert!(
        app.library
            .warnings()
            .iter()
            .any(|w| w.path == app.library.meta(other).path && w.message.contains("cannot show"))
    );
}

#[test]
fn nothing_readable_ends_the_reader() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("empty.txt"), "").unwrap();
    let mut app = App::loading();
    load(&mut app, dir.path(), None);
    assert!(app.library.is_empty());
    assert!(app.chrome.should_quit());
    assert!(
        app.library
            .warnings()
            .iter()
            .any(|w| w.path.ends_with("empty.txt"))
    );
}

#[test]
fn a_warm_start_lists_everything_from_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let mut cold = App::loading();
    load(&mut cold, dir.path(), Some(cache.path()));
    let mut warm = App::loading();
    load(&mut warm, dir.path(), Some(cache.path()));
    assert_eq!(titles(&cold), titles(&warm));
    let ids = |app: &App| {
        let mut v: Vec<String> = app
            .library
            .entities()
            .iter()
            .map(|e| e.id.to_string())
            .collect();
        v.sort();
        v
    };
    assert_eq!(ids(&cold), ids(&warm));
}

#[test]
fn read_marks_follow_the_text_not_the_file_name() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let mut first = App::loading();
    let mut world = load(&mut first, dir.path(), None);
    let sirte = |app: &App| {
        app.list
            .view()
            .iter()
            .position(|&i| app.library.meta(i).title.contains("entered Sirte"))
            .expect("the Sirte report is listed")
    };
    let at = sirte(&first);
    update(&mut first, Action::List(lede::app::Move::First));
    update(&mut first, Action::List(lede::app::Move::By(at as isize)));
    update(&mut first, Action::OpenSelected);
    assert!(world.settle(&mut first, SETTLE));
    assert_eq!(first.library.marks().len(), 1);

    // Next run: the same reports under other names, one of them edited.
    let moved = tempfile::tempdir().unwrap();
    for (from, to) in [("a", "z1"), ("b", "z2"), ("c", "z3"), ("d", "z4")] {
        fs::copy(
            dir.path().join(format!("{from}.txt")),
            moved.path().join(format!("{to}.txt")),
        )
        .unwrap();
    }
    let mut second = App::loading();
    second.restore_marks(first.library.marks().clone());
    load(&mut second, moved.path(), None);
    let read: Vec<&str> = second
        .list
        .view()
        .iter()
        .filter(|&&i| second.library.is_read(i))
        .map(|&i| second.library.meta(i).title.as_str())
        .collect();
    assert_eq!(read.len(), 1);
    assert!(read[0].contains("entered Sirte"), "{read:?}");
    assert_eq!(second.library.unread_count(), 3);

    fs::write(
        moved.path().join("z2.txt"),
        " date 2020-01-07 Troops loyal to Khalifa Haftar entered Sirte on Monday night.",
    )
    .unwrap();
    let mut third = App::loading();
    third.restore_marks(first.library.marks().clone());
    load(&mut third, moved.path(), None);
    assert_eq!(
        third.library.unread_count(),
        4,
        "a report whose text changed is new"
    );
}

#[test]
fn phrases_are_found_in_bodies_read_from_disk() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let mut app = App::loading();
    update(&mut app, Action::Resize(120, 40));
    let mut world = load(&mut app, dir.path(), None);
    update(&mut app, Action::FilterStart);
    for c in "\"entered sirte\"".chars() {
        update(&mut app, Action::FilterInput(c));
    }
    // The bodies are on disk: the scan runs as a request.
    assert!(world.settle(&mut app, SETTLE));
    assert!(
        app.filter.scanning().is_none(),
        "the scan reported to the end"
    );
    assert_eq!(
        titles(&app),
        ["Troops loyal to Khalifa Haftar entered Sirte on Monday."]
    );
    // Negated: every article without the phrase.
    update(&mut app, Action::FilterClearInput);
    for c in "!\"sirte\"".chars() {
        update(&mut app, Action::FilterInput(c));
    }
    assert!(world.settle(&mut app, SETTLE));
    assert_eq!(
        titles(&app),
        [
            "Khalifa Haftar met envoys in Cairo.",
            "An undated note about Tunis."
        ]
    );
}

/// The reader's load and `lede extract` go through one pipeline: for the
/// same files, the same entities, named by the same mentions.
#[test]
fn the_reader_and_extract_find_the_same_entities() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let mut app = App::loading();
    load(&mut app, dir.path(), None);
    let batch = lede::ingest::collect(Ingest::start(
        vec![dir.path().to_path_buf()],
        Options {
            keep_bodies: true,
            ..options(None, 2)
        },
    ));
    let lib = &app.library;
    let r = &batch.resolution;
    assert_eq!(lib.len(), batch.articles.len());
    for (b, (a, ms)) in batch.articles.iter().zip(&batch.mentions).enumerate() {
        let i = (0..lib.len())
            .find(|&i| lib.meta(i).path == a.path)
            .expect("the same article");
        let in_app: Vec<String> = lib
            .mentions(i)
            .iter()
            .map(|m| lib.entity(lib.entity_of(i, m)).id.to_string())
            .collect();
        let in_batch: Vec<String> = ms
            .iter()
            .map(|m| r.entity(r.entity_in(b as u32, m.entity)).id.to_string())
            .collect();
        assert_eq!(in_app, in_batch, "{}", a.path.display());
    }
    let table = |it: &mut dyn Iterator<Item = &lede::resolve::Entity>| {
        it.filter(|e| e.mentions > 0)
            .map(|e| (e.id.to_string(), e.name.to_string(), e.kind, e.mentions))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        table(&mut lib.entities().iter()),
        table(&mut r.entities().iter())
    );
}

fn type_query(app: &mut App, q: &str) {
    update(app, Action::FilterStart);
    for c in q.chars() {
        update(app, Action::FilterInput(c));
    }
}

fn listed_files(app: &App) -> Vec<String> {
    let mut v: Vec<String> = app
        .list
        .reports()
        .iter()
        .map(|&a| {
            let p = &app.library.meta(a).path;
            p.file_name().unwrap().to_string_lossy().into_owned()
        })
        .collect();
    v.sort();
    v
}

/// A word only the body has finds its article through the word index,
/// built off the app's thread: on a cold load and on a cached one (the
/// cache keeps no words; they are read from the files again).
#[test]
fn a_word_of_a_body_finds_its_article_after_a_load_cold_or_cached() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let cache = tempfile::tempdir().unwrap();
    for round in ["cold", "cached"] {
        let mut app = App::loading();
        update(&mut app, Action::Resize(120, 40));
        let _world = load(&mut app, dir.path(), Some(cache.path()));
        assert_eq!(
            app.library.words().searchable_count(),
            4,
            "{round}: every article in the index"
        );
        // "talks" is in a.txt's second sentence, not its title.
        type_query(&mut app, "talks");
        assert_eq!(listed_files(&app), ["a.txt"], "{round}");
        update(&mut app, Action::FilterClear);
        type_query(&mut app, "withdr");
        assert_eq!(listed_files(&app), ["c.txt"], "{round}: a word's start");
        update(&mut app, Action::FilterClear);
        type_query(&mut app, "tunis");
        assert_eq!(listed_files(&app), ["d.txt"], "{round}");
    }
}

/// A filter typed before the words are read lists what titles and names
/// give (the app never waits for the index); when the index has them,
/// the list takes in what the bodies add.
#[test]
fn the_list_takes_in_the_word_index_as_it_is_built() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let ingest = Ingest::start(vec![dir.path().to_path_buf()], options(None, 2));
    let mut app = App::loading();
    update(&mut app, Action::Resize(120, 40));
    let mut held = Vec::new();
    loop {
        let ev = ingest.events.recv_timeout(SETTLE).unwrap();
        let done = matches!(ev, Event::Finished(_));
        if let Some(a) = Action::from_load(ev) {
            update(&mut app, a);
        }
        // The world's answers are held back: nothing is read yet.
        held.extend(app.take_requests());
        if done {
            break;
        }
    }
    assert_eq!(app.library.words().searchable_count(), 0);
    type_query(&mut app, "talks");
    // No word starts so in what is known yet: letters in order in the
    // titles (b.txt's), not a.txt's body.
    let before = listed_files(&app);
    assert!(!before.contains(&"a.txt".to_string()), "{before:?}");
    // Now the world reads the words and builds the index.
    let mut queue = held;
    while !queue.is_empty() {
        for r in std::mem::take(&mut queue) {
            let mut answers = Vec::new();
            lede::world::run(r, |a| answers.push(a));
            for a in answers {
                update(&mut app, a);
            }
        }
        queue = app.take_requests();
    }
    assert_eq!(app.library.words().searchable_count(), 4);
    // Once indexed, the body's word matches by words: the scattered
    // letters no longer count.
    assert_eq!(
        listed_files(&app),
        ["a.txt"],
        "the body's word, once indexed"
    );
}
