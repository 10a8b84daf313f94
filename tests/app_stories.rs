//! Stories in the reader, through the app core: the load groups its
//! articles into stories off the app's thread and the app adopts each
//! grouping whole; the open article's new passages are found by a request
//! the world carries out (on the test's thread here, `serve_here`); the
//! entities a report is the first of its story to mention.
//!
//! The corpus: the two seeds (one story: the 2020-01-07 report updates the
//! 2020-01-06 one) and an unrelated report of the same days.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use lede::app::{Action, App, Move, Request, update};
use lede::ingest::{Event, Ingest, Options};
use lede::stories::Grouping;
use lede::world::{World, serve_here};

const OLD: &str = "000_468f2a0ab9fd8c3b.txt";
const NEW: &str = "001_da01d0ee0641659d.txt";
const OTHER: &str = "quake.txt";
const SETTLE: Duration = Duration::from_secs(60);

fn write_corpus(dir: &Path) {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for name in [OLD, NEW] {
        fs::copy(seeds.join(name), dir.join(name)).unwrap();
    }
    fs::write(
        dir.join(OTHER),
        " date 2020-01-08 A magnitude 6.4 earthquake struck southern Puerto Rico \
         before dawn on Tuesday, knocking out power across the island.\n\n\
         Governor Wanda Vazquez declared a state of emergency and activated the \
         National Guard after the quake damaged homes in Guanica and Ponce.\n\n\
         The United States Geological Survey said the quake was the strongest of a \
         sequence that began on December 28.",
    )
    .unwrap();
}

fn options(threads: usize) -> Options {
    Options {
        cache_dir: None,
        threads,
        body_budget: 1 << 20,
        keep_bodies: false,
    }
}

/// Runs a load of `paths` to its end through the world the event loop
/// uses (kept: a file changed on disk is extracted again by its load).
fn load_in_world(paths: Vec<PathBuf>, threads: usize) -> (App, World<'static>) {
    let mut app = App::loading();
    update(&mut app, Action::Resize(120, 40));
    let mut world = World::new(Some(Ingest::start(paths, options(threads))));
    assert!(world.settle(&mut app, SETTLE));
    (app, world)
}

fn load(paths: Vec<PathBuf>, threads: usize) -> App {
    load_in_world(paths, threads).0
}

fn article(app: &App, name: &str) -> usize {
    (0..app.library.len())
        .find(|&a| app.library.meta(a).path.ends_with(name))
        .unwrap_or_else(|| panic!("{name} is listed"))
}

fn file_name(app: &App, a: usize) -> String {
    let path = &app.library.meta(a).path;
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// Every story as its reports' file names, earliest first; stories sorted.
fn stories(app: &App) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = (0..app.library.len())
        .filter(|&a| app.library.is_first_report(a))
        .map(|a| {
            let story = app.library.story_of(a);
            story.iter().map(|r| file_name(app, r)).collect()
        })
        .collect();
    out.sort();
    out
}

/// Opens article `a` as the user would: selects it in the list, `Enter`.
fn open(app: &mut App, a: usize) {
    if !app.list.view().contains(&a) {
        // Folded away in its story's row: `z` unfolds the story.
        let row = app.list.position_of(a).unwrap();
        update(app, Action::List(Move::First));
        update(app, Action::List(Move::By(row as isize)));
        update(app, Action::FoldStory);
    }
    let at = app.list.view().iter().position(|&x| x == a).unwrap();
    update(app, Action::List(Move::First));
    update(app, Action::List(Move::By(at as isize)));
    update(app, Action::OpenSelected);
    assert_eq!(app.reader.open(), Some(a));
}

fn body(dir: &Path, name: &str) -> String {
    lede::corpus::load::parse_file(&dir.join(name)).articles[0]
        .body
        .clone()
}

#[test]
fn two_reports_of_one_story_and_an_unrelated_one() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let app = load(vec![dir.path().to_path_buf()], 2);
    assert_eq!(stories(&app), [vec![OLD, NEW], vec![OTHER]]);
    let lib = &app.library;
    let (old, new, other) = (article(&app, OLD), article(&app, NEW), article(&app, OTHER));
    let story = lib.story_of(new);
    assert_eq!(story.reports(), [old as u32, new as u32]);
    assert_eq!(story.first(), old);
    assert_eq!(story.earlier(new), [old as u32]);
    assert_eq!(lib.story_of(old).first(), lib.story_of(new).first());
    assert!(lib.is_first_report(old) && !lib.is_first_report(new));
    assert!(lib.is_first_report(other));
    assert_eq!(lib.story_of(other).reports(), [other as u32]);
    assert!(lib.stories_version() >= 1, "a grouping was adopted");
}

#[test]
fn the_later_report_is_marked_new_where_new_passages_says() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let mut app = load(vec![dir.path().to_path_buf()], 2);
    let (old, new) = (article(&app, OLD), article(&app, NEW));
    open(&mut app, old);
    serve_here(&mut app);
    assert_eq!(app.reader.new_passages(), Some(&[][..]), "a first report");
    // The later seed's are asked of the world once its body is read
    // (there, an earlier report not in memory is read from its file),
    // not found on the app's thread.
    open(&mut app, new);
    let mut asked_passages = false;
    loop {
        assert_eq!(app.reader.new_passages(), None);
        let asked = app.take_requests();
        if asked.is_empty() {
            break;
        }
        for r in asked {
            asked_passages |= matches!(r, Request::NewPassages { .. });
            lede::world::run(r, |a| update(&mut app, a));
        }
        if asked_passages {
            break;
        }
    }
    assert!(asked_passages);
    let want = lede::stories::new_passages(&body(dir.path(), NEW), &[&body(dir.path(), OLD)]);
    assert!(!want.is_empty());
    assert_eq!(app.reader.new_passages(), Some(&want[..]));
    assert!(app.library.is_read(new) && app.library.is_read(old));
    assert_eq!(app.library.unread_in_story(new).count(), 0);
}

/// The later report changes on disk after the load, before it is first
/// shown (the load opens the newest, the unrelated report): opened, it is
/// shown as it is now, and its new passages are those of the new text.
#[test]
fn a_report_changed_on_disk_is_marked_as_it_is_now() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let (mut app, mut world) = load_in_world(vec![dir.path().to_path_buf()], 2);
    let (old, new) = (article(&app, OLD), article(&app, NEW));
    assert_eq!(app.reader.open(), Some(article(&app, OTHER)));
    let changed = format!(
        "{}\n\nLate on Tuesday the coast guard said two boats had left the harbour.",
        fs::read_to_string(dir.path().join(NEW)).unwrap()
    );
    fs::write(dir.path().join(NEW), changed).unwrap();
    open(&mut app, new);
    assert!(world.settle(&mut app, SETTLE));
    let now = body(dir.path(), NEW);
    assert!(now.contains("coast guard"));
    let want = lede::stories::new_passages(&now, &[&body(dir.path(), OLD)]);
    assert_eq!(app.reader.new_passages(), Some(&want[..]));
    let last = want.last().unwrap();
    assert!(now[last.clone()].contains("coast guard"));
    assert_eq!(app.library.story_of(new).earlier(new), [old as u32]);
}

#[test]
fn unread_reports_of_a_story() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let mut app = load(vec![dir.path().to_path_buf()], 2);
    let (old, new, other) = (article(&app, OLD), article(&app, NEW), article(&app, OTHER));
    let unread = |app: &App, a| app.library.unread_in_story(a).collect::<Vec<_>>();
    assert_eq!(unread(&app, new), [old, new]);
    open(&mut app, old);
    assert_eq!(unread(&app, new), [new]);
    assert_eq!(unread(&app, old), [new]);
    assert_eq!(unread(&app, other), [other]);
}

#[test]
fn a_grouping_while_loading_is_adopted_at_once_and_passages_asked_again() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let ingest = Ingest::start(vec![dir.path().to_path_buf()], options(2));
    let mut app = App::loading();
    update(&mut app, Action::Resize(120, 40));
    // Everything but the groupings and the end.
    let mut groupings: Vec<Arc<Grouping>> = Vec::new();
    loop {
        match ingest.events.recv_timeout(SETTLE).unwrap() {
            Event::Stories(g) => groupings.push(g),
            Event::Finished(_) => break,
            ev => {
                if let Some(a) = Action::from_load(ev) {
                    update(&mut app, a);
                }
                serve_here(&mut app);
            }
        }
    }
    let last = groupings.pop().expect("the load grouped its articles");
    assert_eq!(last.stats.articles, 3);
    assert!(app.library.progress().is_some(), "still loading");
    let (old, new) = (article(&app, OLD), article(&app, NEW));
    open(&mut app, new);
    serve_here(&mut app);
    assert_eq!(
        app.reader.new_passages(),
        Some(&[][..]),
        "no grouping yet: a story of its own, nothing to mark"
    );
    assert!(app.library.is_first_report(new));

    update(&mut app, Action::Stories(last.clone()));
    assert_eq!(app.library.story_of(new).earlier(new), [old as u32]);
    assert_eq!(app.reader.new_passages(), None, "being found");
    let asked = app.take_requests();
    let [Request::NewPassages { of, cancel, .. }] = &asked[..] else {
        panic!("one request for the new passages: {asked:?}");
    };
    assert_eq!(of.earlier, [old as u32]);
    // The same grouping again asks nothing more.
    update(&mut app, Action::Stories(last.clone()));
    assert!(app.take_requests().is_empty());

    // Another article opened meanwhile: the request is cancelled and its
    // answer, were it to come, ignored.
    open(&mut app, old);
    assert!(cancel.0.load(std::sync::atomic::Ordering::Relaxed));
    update(
        &mut app,
        Action::NewPassages {
            of: of.clone(),
            ranges: vec![0..1, 2..3],
        },
    );
    assert_eq!(app.reader.new_passages(), Some(&[][..]), "the old report's");
    open(&mut app, new);
    serve_here(&mut app);
    let want = lede::stories::new_passages(&body(dir.path(), NEW), &[&body(dir.path(), OLD)]);
    assert_eq!(app.reader.new_passages(), Some(&want[..]));

    // A grouping that parts them again: nothing new, at once.
    update(&mut app, Action::Stories(Arc::new(Grouping::default())));
    assert_eq!(app.reader.new_passages(), Some(&[][..]));
    assert!(app.take_requests().is_empty());
}

#[test]
fn the_stories_do_not_depend_on_the_order_of_loading() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let files = |names: &[&str]| names.iter().map(|n| dir.path().join(n)).collect();
    let forward = load(files(&[OLD, NEW, OTHER]), 1);
    let backward = load(files(&[NEW, OTHER, OLD]), 1);
    assert_ne!(
        article(&forward, NEW),
        article(&backward, NEW),
        "numbered in another order"
    );
    assert_eq!(stories(&forward), stories(&backward));
    assert_eq!(stories(&forward), [vec![OLD, NEW], vec![OTHER]]);
    // And `lede extract` finds the same.
    let mut batch = lede::ingest::collect(Ingest::start(
        vec![dir.path().to_path_buf()],
        Options {
            keep_bodies: true,
            ..options(2)
        },
    ));
    let (grouped, _) = batch.stories();
    let mut in_batch: Vec<Vec<String>> = grouped
        .all()
        .iter()
        .map(|s| {
            s.reports
                .iter()
                .map(|&r| {
                    let p = &batch.articles[r as usize].path;
                    p.file_name().unwrap().to_string_lossy().into_owned()
                })
                .collect()
        })
        .collect();
    in_batch.sort();
    assert_eq!(in_batch, stories(&forward));
}

#[test]
fn entities_first_seen_in_a_report() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let app = load(vec![dir.path().to_path_buf()], 2);
    let lib = &app.library;
    let (old, new) = (article(&app, OLD), article(&app, NEW));
    let names = |es: Vec<u32>| -> Vec<String> {
        es.into_iter()
            .map(|e| lib.entity(e).name.to_string())
            .collect()
    };
    let all_old: Vec<u32> = lib.article_entities(old).iter().map(|&(e, _)| e).collect();
    assert_eq!(
        lib.first_seen_entities(old),
        all_old,
        "a first report: everything"
    );
    let first_seen = names(lib.first_seen_entities(new));
    let in_new = names(lib.article_entities(new).iter().map(|&(e, _)| e).collect());
    let in_old = names(all_old);
    for name in &in_new {
        assert_eq!(
            first_seen.contains(name),
            !in_old.contains(name),
            "{name}: first seen exactly when the earlier report does not mention it"
        );
    }
    assert!(
        first_seen.iter().any(|n| n.contains("Erdogan")),
        "{first_seen:?}"
    );
    assert!(
        !first_seen.iter().any(|n| n.contains("Haftar")),
        "{first_seen:?}"
    );
}

/// The entity pane flags the open report's entities that no earlier
/// report of its story mentions; a story's first report flags none.
#[test]
fn the_entity_pane_flags_entities_first_seen_in_the_open_report() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let mut app = load(vec![dir.path().to_path_buf()], 2);
    let (old, new) = (article(&app, OLD), article(&app, NEW));
    open(&mut app, new);
    let first_seen = app.library.first_seen_entities(new);
    assert!(!first_seen.is_empty());
    for r in app.pane.rows() {
        assert_eq!(
            app.pane.is_first_seen(r.entity),
            first_seen.contains(&r.entity),
            "{}",
            app.library.entity(r.entity).name
        );
    }
    // Drawn as a sign, so it shows without colour.
    let rows = app.pane.rows().len();
    assert!(rows > 0);
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    let theme = lede::ui::Theme::monochrome();
    t.draw(|f| lede::ui::draw(f, &app, &theme)).unwrap();
    let screen: String = t
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(screen.contains(lede::ui::entities::FIRST_SEEN));
    // The listed scope flags the same entities.
    update(&mut app, Action::ToggleEntityScope);
    assert!(first_seen.iter().all(|&e| app.pane.is_first_seen(e)));
    update(&mut app, Action::ToggleEntityScope);
    open(&mut app, old);
    assert!(
        app.pane
            .rows()
            .iter()
            .all(|r| !app.pane.is_first_seen(r.entity)),
        "a story's first report flags nothing"
    );
}
