//! The folder watcher on a real temp folder: new, changed and deleted
//! files, a burst, what it must not report, and polling.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use lede::watch::{Changes, Event, Mode, Options, Watcher};

fn options(polling: bool) -> Options {
    Options {
        ignore: Vec::new(),
        settle: Duration::from_millis(100),
        max_delay: Duration::from_millis(500),
        poll_every: Duration::from_millis(300),
        force_polling: polling,
    }
}

/// Starts a watcher and waits for it to have its baseline.
fn start(root: &Path, options: Options) -> (Watcher, Mode) {
    let w = Watcher::start(vec![root.to_path_buf()], options);
    match w.events().recv_timeout(Duration::from_secs(10)) {
        Ok(Event::Mode(m)) => (w, m),
        other => panic!("first event {other:?}"),
    }
}

/// Every change reported until `done` says enough, or 10 s (then panics).
fn collect(w: &Watcher, done: impl Fn(&Changes) -> bool) -> (Changes, usize) {
    let mut all = Changes::default();
    let mut events = 0;
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done(&all) {
        let left = deadline.saturating_duration_since(Instant::now());
        match w.events().recv_timeout(left) {
            Ok(Event::Changes(c)) => {
                events += 1;
                all.added.extend(c.added);
                all.changed.extend(c.changed);
                all.removed.extend(c.removed);
            }
            Ok(_) => {}
            Err(_) => panic!("timed out with {all:?}"),
        }
    }
    (all, events)
}

/// Nothing more is reported for a while.
fn quiet(w: &Watcher) {
    std::thread::sleep(Duration::from_millis(400));
    while let Some(e) = w.try_recv() {
        assert!(!matches!(e, Event::Changes(_)), "unexpected {e:?}");
    }
}

fn new_change_delete(polling: bool) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("old.txt"), "already there").unwrap();
    let (w, mode) = start(dir.path(), options(polling));
    assert_eq!(matches!(mode, Mode::Polling(_)), polling, "{mode:?}");
    let file = dir.path().join("new.txt");
    std::fs::write(&file, "a report").unwrap();
    let (c, _) = collect(&w, |c| !c.added.is_empty());
    assert_eq!(c.added, std::slice::from_ref(&file));
    assert!(c.changed.is_empty() && c.removed.is_empty());

    std::fs::write(&file, "a longer report now").unwrap();
    let (c, _) = collect(&w, |c| !c.changed.is_empty());
    assert_eq!(c.changed, std::slice::from_ref(&file));

    std::fs::remove_file(&file).unwrap();
    let (c, _) = collect(&w, |c| !c.removed.is_empty());
    assert_eq!(c.removed, [file]);
    quiet(&w);
}

#[test]
fn new_changed_and_deleted_files_with_notifications() {
    new_change_delete(false);
}

#[test]
fn new_changed_and_deleted_files_by_polling() {
    new_change_delete(true);
}

#[test]
fn a_burst_of_a_thousand_files_comes_in_a_few_events() {
    let dir = tempfile::tempdir().unwrap();
    let (w, _) = start(dir.path(), options(false));
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    let mut want = HashSet::new();
    for i in 0..1000 {
        let p = sub.join(format!("r{i:04}.txt"));
        std::fs::write(&p, format!("report {i}")).unwrap();
        want.insert(p);
    }
    let (c, events) = collect(&w, |c| c.added.len() >= 1000);
    let got: HashSet<PathBuf> = c.added.iter().cloned().collect();
    assert_eq!(got, want);
    assert_eq!(c.added.len(), 1000, "each file once");
    assert!(events <= 10, "{events} events for one burst");
    quiet(&w);
}

#[test]
fn hidden_files_and_ledes_own_are_not_reported() {
    let dir = tempfile::tempdir().unwrap();
    let own = dir.path().join("cache");
    std::fs::create_dir(&own).unwrap();
    let mut o = options(false);
    o.ignore = vec![own.clone()];
    let (w, _) = start(dir.path(), o);
    std::fs::write(dir.path().join(".hidden.txt"), "x").unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::write(dir.path().join(".git").join("HEAD"), "x").unwrap();
    std::fs::write(own.join("cache.sqlite3"), "x").unwrap();
    std::fs::write(dir.path().join("read-marks.tmp-4242"), "x").unwrap();
    let real = dir.path().join("real.txt");
    std::fs::write(&real, "x").unwrap();
    let (c, _) = collect(&w, |c| !c.added.is_empty());
    assert_eq!(c.added, [real]);
    quiet(&w);
}

#[test]
fn a_folder_moved_in_brings_its_files_and_one_moved_out_takes_them() {
    let outside = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pack = outside.path().join("pack");
    std::fs::create_dir(&pack).unwrap();
    for i in 0..3 {
        std::fs::write(pack.join(format!("{i}.txt")), "x").unwrap();
    }
    let (w, _) = start(dir.path(), options(false));
    let inside = dir.path().join("pack");
    std::fs::rename(&pack, &inside).unwrap();
    let (c, _) = collect(&w, |c| c.added.len() >= 3);
    assert_eq!(c.added.len(), 3);
    assert!(c.added.iter().all(|p| p.starts_with(&inside)));
    std::fs::rename(&inside, &pack).unwrap();
    let (c, _) = collect(&w, |c| c.removed.len() >= 3);
    assert_eq!(c.removed.len(), 3);
}

#[test]
fn a_rescan_on_request_is_answered_at_once_when_polling_is_slow() {
    let dir = tempfile::tempdir().unwrap();
    let mut o = options(true);
    o.poll_every = Duration::from_secs(3600);
    let (w, _) = start(dir.path(), o);
    let file = dir.path().join("new.txt");
    std::fs::write(&file, "x").unwrap();
    // No poll for an hour: only the rescan can find it.
    std::thread::sleep(Duration::from_millis(300));
    assert!(w.try_recv().is_none());
    w.rescan();
    let (c, _) = collect(&w, |c| !c.added.is_empty());
    assert_eq!(c.added, [file]);
}
