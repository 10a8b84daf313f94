//! Background loading with the persistent cache, through the public API.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use lede::ingest::{Event, Ingest, Loaded, Options, Origin, Progress};

#[derive(Default)]
struct Run {
    articles: Vec<Loaded>,
    extracted: HashMap<Origin, usize>,
    warnings: Vec<String>,
    finished: Option<Progress>,
}

fn run(paths: &[PathBuf], cache: Option<&Path>) -> Run {
    let ingest = Ingest::start(
        paths.to_vec(),
        Options {
            cache_dir: cache.map(Path::to_path_buf),
            threads: 2,
            body_budget: 1 << 20,
        },
    );
    let mut r = Run::default();
    let deadline = Instant::now() + Duration::from_secs(60);
    while r.finished.is_none() {
        let left = deadline.saturating_duration_since(Instant::now());
        assert!(!left.is_zero(), "ingest did not finish");
        match ingest.events.recv_timeout(left) {
            Ok(Event::Articles(a)) => r.articles.extend(a),
            Ok(Event::Entities(e)) => {
                for (k, ents) in e {
                    r.extracted.insert(k, ents.mentions.len());
                }
            }
            Ok(Event::Warnings(w)) => r.warnings.extend(w.into_iter().map(|w| w.to_string())),
            Ok(Event::Progress(_)) => {}
            Ok(Event::Finished(p)) => r.finished = Some(p),
            Err(e) => panic!("ingest stopped without finishing: {e}"),
        }
    }
    r
}

fn corpus(dir: &Path) {
    fs::write(
        dir.join("a.txt"),
        " date 2020-01-06 Troops from Egypt entered Benghazi on Monday. The UN said so.",
    )
    .unwrap();
    fs::write(
        dir.join("b.md"),
        "# Talks in Geneva\n\nEnvoys of the European Union met in Geneva on Friday.",
    )
    .unwrap();
    fs::write(
        dir.join("c.jsonl"),
        "{\"title\":\"One\",\"date\":\"2020-02-01\",\"body\":\"Turkey and Russia talked.\"}\n{\"title\":\"Two\",\"body\":\"Jordan said nothing.\"}\n",
    )
    .unwrap();
    fs::write(dir.join("empty.txt"), "").unwrap();
}

#[test]
fn cold_then_warm_from_the_cache() {
    let data = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    corpus(data.path());
    let inputs = [data.path().to_path_buf()];

    let cold = run(&inputs, Some(cache.path()));
    let p = cold.finished.unwrap();
    assert_eq!(p.articles, 4);
    assert_eq!(p.extracted, 4);
    assert_eq!(p.files_found, 4);
    assert_eq!(cold.articles.len(), 4);
    assert!(cold.articles.iter().all(|a| a.entities.is_none()));
    assert_eq!(cold.extracted.len(), 4, "every article extracted once");
    assert!(cold.extracted.values().all(|&n| n > 0));
    assert!(cold.warnings.iter().any(|w| w.contains("empty.txt")));

    let warm = run(&inputs, Some(cache.path()));
    assert_eq!(warm.articles.len(), 4);
    assert!(
        warm.articles.iter().all(|a| a.entities.is_some()),
        "all from the cache"
    );
    assert!(warm.extracted.is_empty(), "nothing re-extracted");
    // Entities from the cache are what extraction found.
    for a in &warm.articles {
        let cached = a.entities.as_ref().expect("from the cache");
        assert_eq!(cached.mentions.len(), cold.extracted[&a.origin]);
    }
    assert!(warm.warnings.iter().any(|w| w.contains("empty.txt")));
}

#[test]
fn a_changed_file_is_re_extracted_alone() {
    let data = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    corpus(data.path());
    let inputs = [data.path().to_path_buf()];
    run(&inputs, Some(cache.path()));
    // Change one file (size changes, so the stamp does).
    fs::write(
        data.path().join("a.txt"),
        " date 2020-01-06 Troops from Egypt and Sudan entered Benghazi on Monday.",
    )
    .unwrap();
    let r = run(&inputs, Some(cache.path()));
    let fresh: Vec<&Loaded> = r.articles.iter().filter(|a| a.entities.is_none()).collect();
    assert_eq!(fresh.len(), 1);
    assert!(fresh[0].meta.path.ends_with("a.txt"));
    assert_eq!(r.extracted.len(), 1);
}

#[test]
fn a_touched_but_unchanged_file_keeps_its_extraction() {
    let data = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    corpus(data.path());
    let inputs = [data.path().to_path_buf()];
    run(&inputs, Some(cache.path()));
    let p = data.path().join("b.md");
    let f = fs::File::options().write(true).open(&p).unwrap();
    f.set_modified(std::time::SystemTime::now() + Duration::from_secs(5))
        .unwrap();
    let r = run(&inputs, Some(cache.path()));
    assert!(r.articles.iter().all(|a| a.entities.is_some()));
    assert!(r.extracted.is_empty());
}

#[test]
fn deleted_reports_leave_the_cache_and_other_folders_stay() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    corpus(a.path());
    corpus(b.path());
    run(&[a.path().to_path_buf()], Some(cache.path()));
    run(&[b.path().to_path_buf()], Some(cache.path()));
    let entries = |dir: &Path| {
        let c = lede::cache::Cache::open(cache.path(), lede::entities::fingerprint())
            .unwrap()
            .0;
        let mut p: Vec<String> = c
            .paths()
            .unwrap()
            .into_iter()
            .filter(|p| Path::new(p).starts_with(dir))
            .map(|p| {
                Path::new(&p)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        p.sort();
        p
    };
    // (Empty files are skipped before they are cached.)
    let all = ["a.txt", "b.md", "c.jsonl"];
    assert_eq!(entries(a.path()), all);
    assert_eq!(entries(b.path()), all);

    fs::remove_file(a.path().join("b.md")).unwrap();
    run(&[a.path().to_path_buf()], Some(cache.path()));
    assert_eq!(entries(a.path()), ["a.txt", "c.jsonl"]);
    assert_eq!(entries(b.path()), all, "another folder's entries stay");

    // Opening one file of a folder prunes nothing.
    run(&[b.path().join("a.txt")], Some(cache.path()));
    assert_eq!(entries(b.path()), all);
}

#[test]
fn without_a_cache_everything_is_extracted_and_nothing_written() {
    let data = tempfile::tempdir().unwrap();
    corpus(data.path());
    let r = run(&[data.path().to_path_buf()], None);
    assert_eq!(r.extracted.len(), 4);
}

#[test]
fn a_corrupt_cache_is_rebuilt_with_a_warning() {
    let data = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    corpus(data.path());
    fs::write(cache.path().join("cache.sqlite3"), b"garbage".repeat(1000)).unwrap();
    let r = run(&[data.path().to_path_buf()], Some(cache.path()));
    assert!(
        r.warnings.iter().any(|w| w.contains("set aside")),
        "{:?}",
        r.warnings
    );
    assert_eq!(r.extracted.len(), 4);
    let warm = run(&[data.path().to_path_buf()], Some(cache.path()));
    assert!(warm.articles.iter().all(|a| a.entities.is_some()));
}

#[test]
fn the_input_files_are_never_modified() {
    let data = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    corpus(data.path());
    let snapshot = |d: &Path| {
        let mut v: Vec<(PathBuf, Vec<u8>, std::time::SystemTime)> = fs::read_dir(d)
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                let m = fs::metadata(&p).unwrap().modified().unwrap();
                (p.clone(), fs::read(&p).unwrap(), m)
            })
            .collect();
        v.sort();
        v
    };
    let before = snapshot(data.path());
    run(&[data.path().to_path_buf()], Some(cache.path()));
    run(&[data.path().to_path_buf()], Some(cache.path()));
    assert_eq!(snapshot(data.path()), before);
}
