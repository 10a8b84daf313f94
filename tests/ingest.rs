//! Background loading with the persistent cache, through the public API.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use lede::ingest::{Event, Ingest, Listed, Options, Origin, Progress};

#[derive(Default)]
struct Run {
    articles: Vec<Listed>,
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
            keep_bodies: false,
        },
    );
    let mut r = Run::default();
    let deadline = Instant::now() + Duration::from_secs(60);
    while r.finished.is_none() {
        let left = deadline.saturating_duration_since(Instant::now());
        assert!(!left.is_zero(), "ingest did not finish");
        match ingest.events.recv_timeout(left) {
            Ok(Event::Listed(a)) => r.articles.extend(a),
            Ok(Event::Mentions(m)) => {
                for (a, mentions) in m {
                    let origin = r.articles[a as usize].origin;
                    r.extracted.insert(origin, mentions.len());
                }
            }
            Ok(Event::Warnings(w)) => r
                .warnings
                .extend(w.into_iter().map(|n| n.warning.to_string())),
            Ok(
                Event::Surfaces(_)
                | Event::Sketches(_)
                | Event::Resolved(_)
                | Event::Stories(_)
                | Event::Progress(_),
            ) => {}
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
    assert!(cold.articles.iter().all(|a| a.mentions.is_none()));
    assert_eq!(cold.extracted.len(), 4, "every article extracted once");
    assert!(cold.extracted.values().all(|&n| n > 0));
    assert!(cold.warnings.iter().any(|w| w.contains("empty.txt")));

    let warm = run(&inputs, Some(cache.path()));
    assert_eq!(warm.articles.len(), 4);
    assert!(
        warm.articles.iter().all(|a| a.mentions.is_some()),
        "all from the cache"
    );
    assert!(warm.extracted.is_empty(), "nothing re-extracted");
    // Entities from the cache are what extraction found.
    for a in &warm.articles {
        let cached = a.mentions.as_ref().expect("from the cache");
        assert_eq!(cached.len(), cold.extracted[&a.origin]);
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
    let fresh: Vec<&Listed> = r.articles.iter().filter(|a| a.mentions.is_none()).collect();
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
    assert!(r.articles.iter().all(|a| a.mentions.is_some()));
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
    assert!(warm.articles.iter().all(|a| a.mentions.is_some()));
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

/// A corpus of `n` reports, each naming a couple of people and places,
/// some by surname alone (what resolution joins across reports).
fn reports(dir: &Path, n: usize) {
    let people = [
        "Khalifa Haftar",
        "Fayez al-Sarraj",
        "Aguila Saleh",
        "Ghassan Salame",
    ];
    let places = ["Sirte", "Tripoli", "Benghazi", "Misrata", "Tobruk"];
    for i in 0..n {
        let who = people[i % people.len()];
        let surname = who.rsplit(' ').next().unwrap();
        let other = people[(i / 3) % people.len()];
        let place = places[i % places.len()];
        fs::write(
            dir.join(format!("r{i:03}.txt")),
            format!(
                " date 2020-01-{:02} {who} arrived in {place} on Monday. \
                 {surname} met {other} there, officials in {place} said.",
                1 + i % 28
            ),
        )
        .unwrap();
    }
}

fn options(threads: usize, keep_bodies: bool) -> Options {
    Options {
        cache_dir: None,
        threads,
        body_budget: 1 << 20,
        keep_bodies,
    }
}

/// The entities of a batch: each article (by id) with the ids of the
/// entities its mentions name, and the entity table.
fn entities(b: &lede::ingest::Batch) -> (Vec<(String, Vec<String>)>, Vec<String>) {
    let r = &b.resolution;
    let per_article = b
        .articles
        .iter()
        .zip(&b.mentions)
        .map(|(a, ms)| {
            let ids = ms
                .iter()
                .map(|m| r.entity(r.entity_of(m.entity)).id.to_string())
                .collect();
            (a.id.clone(), ids)
        })
        .collect();
    let table = r
        .mentioned()
        .iter()
        .map(|e| {
            format!(
                "{} {} {:?} {:?} {}",
                e.id, e.name, e.kind, e.aliases, e.mentions
            )
        })
        .collect();
    (per_article, table)
}

/// However articles arrive (one worker, or three racing), resolution
/// gives the same entities, with the same ids, to the same mentions.
#[test]
fn resolution_does_not_depend_on_the_order_articles_arrive_in() {
    let data = tempfile::tempdir().unwrap();
    reports(data.path(), 60);
    let inputs = vec![data.path().to_path_buf()];
    let one = lede::ingest::collect(Ingest::start(inputs.clone(), options(1, true)));
    let three = lede::ingest::collect(Ingest::start(inputs, options(3, true)));
    assert_eq!(one.articles.len(), 60);
    let (a, b) = (entities(&one), entities(&three));
    assert!(a.1.len() > 8, "{:?}", a.1);
    assert_eq!(a, b);
    // `Haftar` alone joins `Khalifa Haftar`.
    let r = &one.resolution;
    let haftar = r.find("khalifa-haftar").expect("resolved");
    assert!(r.entity(haftar).aliases.iter().any(|a| &**a == "Haftar"));
}

/// What a load sends: every surface before a mention of it, resolutions
/// and groupings into stories as it goes, the last of each (covering
/// everything) before the end; a grouping names only articles listed
/// before it.
#[test]
fn a_load_resolves_and_groups_as_it_goes_and_last_before_it_ends() {
    let data = tempfile::tempdir().unwrap();
    reports(data.path(), 40);
    let ingest = Ingest::start(vec![data.path().to_path_buf()], options(2, false));
    let (mut surfaces, mut listed) = (0usize, 0usize);
    let mut last: Option<std::sync::Arc<lede::resolve::Resolution>> = None;
    let mut grouped: Option<std::sync::Arc<lede::stories::Grouping>> = None;
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let ev = ingest.events.recv_timeout(left).expect("the load finishes");
        let mentions: Vec<&lede::resolve::Mention> = match &ev {
            Event::Listed(a) => a.iter().flat_map(|l| l.mentions.iter().flatten()).collect(),
            Event::Mentions(m) => m.iter().flat_map(|(_, ms)| ms).collect(),
            _ => Vec::new(),
        };
        for m in mentions {
            assert!((m.entity as usize) < surfaces, "a surface is sent first");
        }
        match ev {
            Event::Surfaces(s) => surfaces += s.len(),
            Event::Listed(a) => {
                for l in &a {
                    assert_eq!(l.article as usize, listed, "numbered in order");
                    listed += 1;
                }
            }
            Event::Resolved(r) => {
                assert!(r.surfaces() <= surfaces);
                if let Some(prev) = &last {
                    assert!(r.stats.number > prev.stats.number);
                    assert!(r.stats.total >= prev.stats.total);
                }
                last = Some(r);
            }
            Event::Stories(g) => {
                let named: Vec<u32> = g
                    .stories
                    .all()
                    .iter()
                    .flat_map(|s| s.reports.clone())
                    .collect();
                assert_eq!(named.len(), g.stats.articles as usize);
                assert!(named.iter().all(|&a| (a as usize) < listed), "listed first");
                if let Some(prev) = &grouped {
                    assert!(g.stats.number > prev.stats.number);
                    assert!(g.stats.total >= prev.stats.total);
                }
                grouped = Some(g);
            }
            Event::Finished(p) => {
                let r = last.expect("resolved before the end");
                assert_eq!(r.surfaces(), surfaces, "the last covers everything");
                assert_eq!(r.stats.articles as u64, p.extracted);
                assert_eq!(p.articles, 40);
                let g = grouped.expect("grouped before the end");
                assert_eq!(g.stats.articles, 40, "the last groups everything");
                assert!(g.stories.all().len() < 40, "some reports share a story");
                break;
            }
            Event::Mentions(_) | Event::Sketches(_) | Event::Warnings(_) | Event::Progress(_) => {}
        }
    }
}

/// Articles given as they are (stored feed items) are listed after the
/// files, extracted like them, bodies kept, and never written to the
/// cache; the files around them are.
#[test]
fn articles_given_as_they_are_are_extracted_and_never_cached() {
    use lede::corpus::{Article, ArticleMeta};
    let data = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    corpus(data.path());
    let given: Vec<Article> = ["one", "two"]
        .iter()
        .map(|n| {
            let meta = ArticleMeta {
                id: format!("feeds.example/{n}"),
                path: PathBuf::from("https://feeds.example/rss"),
                date: "2020-03-01".parse().ok(),
                title: format!("Item {n}"),
                ..ArticleMeta::default()
            };
            Article::new(meta, "Envoys of Egypt met Khalifa Haftar in Cairo.".into())
        })
        .collect();
    let opts = Options {
        cache_dir: Some(cache.path().to_path_buf()),
        ..options(2, true)
    };
    let load = Ingest::start_with_articles(vec![data.path().to_path_buf()], given, opts);
    let batch = lede::ingest::collect(load);
    assert_eq!(batch.articles.len(), 6, "four from files, two given");
    for (a, ms) in batch.articles.iter().zip(&batch.mentions) {
        if a.id.starts_with("feeds.example/") {
            assert_eq!(a.body, "Envoys of Egypt met Khalifa Haftar in Cairo.");
            assert!(ms.len() >= 3, "{}: {ms:?}", a.id);
        }
    }
    let c = lede::cache::Cache::open(cache.path(), lede::entities::fingerprint())
        .unwrap()
        .0;
    let mut cached = c.paths().unwrap();
    cached.sort();
    assert_eq!(cached.len(), 3, "the files only: {cached:?}");
    assert!(cached.iter().all(|p| Path::new(p).starts_with(data.path())));
}

/// The batch path's story sketches come from the cache on a warm start
/// (every article listed with what the cache had), the same as the cold
/// one made them.
#[test]
fn a_warm_batch_has_the_sketches_of_a_cold_one() {
    let data = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    reports(data.path(), 12);
    let start = || {
        let opts = Options {
            cache_dir: Some(cache.path().to_path_buf()),
            ..options(2, true)
        };
        Ingest::start(vec![data.path().to_path_buf()], opts)
    };
    let cold = lede::ingest::collect(start());
    assert_eq!(cold.sketches.len(), 12);
    let empty = lede::stories::Sketch::new("", None, &[]);
    assert!(cold.sketches.iter().all(|s| *s != empty));
    let mut cold: Vec<_> = cold
        .articles
        .iter()
        .map(|a| a.id.clone())
        .zip(cold.sketches)
        .collect();
    cold.sort_by(|a, b| a.0.cmp(&b.0));

    let warm = start();
    let (mut ids, mut sketches) = (Vec::new(), Vec::new());
    loop {
        match warm.events.recv_timeout(Duration::from_secs(60)).unwrap() {
            Event::Listed(a) => {
                for l in a {
                    assert!(l.mentions.is_some(), "{} from the cache", l.meta.id);
                    ids.push(l.meta.id);
                }
            }
            Event::Mentions(_) => panic!("nothing extracted again"),
            Event::Sketches(s) => sketches.extend(s),
            Event::Stories(_) => panic!("a load that hands sketches out groups none"),
            Event::Finished(_) => break,
            _ => {}
        }
    }
    let mut warm: Vec<_> = sketches
        .into_iter()
        .map(|(a, s)| (ids[a as usize].clone(), s))
        .collect();
    warm.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(cold, warm);
}

/// Events of `ingest` up to the end of the current round.
fn until_finished(ingest: &Ingest) -> Vec<Event> {
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut out = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let ev = ingest.events.recv_timeout(left).expect("the round ends");
        let end = matches!(ev, Event::Finished(_));
        out.push(ev);
        if end {
            return out;
        }
    }
}

/// A load takes more after it started (files that appeared, feed items
/// fetched): each lot is a round of its own, numbered on from the last
/// article, extracted, resolved with the rest, and ended by a Finished
/// of its own. Forgotten articles stop counting in the resolution.
#[test]
fn a_load_takes_more_in_rounds_and_forgets_what_went() {
    use lede::corpus::{Article, ArticleMeta};
    let data = tempfile::tempdir().unwrap();
    corpus(data.path());
    let ingest = Ingest::start(vec![data.path().to_path_buf()], options(2, false));
    let listed = |evs: &[Event]| -> Vec<(u32, String)> {
        evs.iter()
            .flat_map(|e| match e {
                Event::Listed(a) => a
                    .iter()
                    .map(|l| (l.article, l.meta.id.clone()))
                    .collect::<Vec<_>>(),
                _ => Vec::new(),
            })
            .collect()
    };
    let first = listed(&until_finished(&ingest));
    assert_eq!(first.len(), 4);

    // A file that appeared later, and two items given as they are.
    let late = tempfile::tempdir().unwrap();
    let file = late.path().join("late.txt");
    fs::write(
        &file,
        " date 2020-02-01 Khalifa Haftar flew to Moscow on Sunday.",
    )
    .unwrap();
    ingest.add_paths(vec![file]);
    let item = |n: &str| {
        let meta = ArticleMeta {
            id: format!("feeds.example/{n}"),
            path: PathBuf::from("https://feeds.example/rss"),
            date: "2020-03-01".parse().ok(),
            title: format!("Item {n}"),
            ..ArticleMeta::default()
        };
        Article::new(meta, "Envoys of Egypt met Khalifa Haftar in Cairo.".into())
    };
    ingest.add_articles(vec![item("one"), item("two")]);
    let mut evs = until_finished(&ingest);
    let mut second = listed(&evs);
    if second.len() < 3 {
        // The articles came after the round with the file had begun.
        evs = until_finished(&ingest);
        second.extend(listed(&evs));
    }
    let numbers: Vec<u32> = second.iter().map(|(n, _)| *n).collect();
    assert_eq!(numbers, [4, 5, 6], "numbered on: {second:?}");
    assert!(second.iter().any(|(_, id)| id == "late"));

    // Forgetting the one article that mentions Moscow: the next resolution
    // no longer counts it.
    let moscow_mentions = |r: &lede::resolve::Resolution| -> u32 {
        r.entities()
            .iter()
            .filter(|e| &*e.name == "Moscow")
            .map(|e| e.mentions)
            .sum()
    };
    let resolved = |evs: &[Event]| {
        evs.iter()
            .rev()
            .find_map(|e| match e {
                Event::Resolved(r) => Some(r.clone()),
                _ => None,
            })
            .expect("a resolution")
    };
    assert_eq!(moscow_mentions(&resolved(&evs)), 1);
    let late = second.iter().find(|(_, id)| id == "late").unwrap().0;
    ingest.forget(vec![late]);
    let deadline = Instant::now() + Duration::from_secs(30);
    let r = loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if let Event::Resolved(r) = ingest.events.recv_timeout(left).expect("a pass") {
            break r;
        }
    };
    assert_eq!(moscow_mentions(&r), 0);
}
