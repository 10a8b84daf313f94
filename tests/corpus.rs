//! Loading real files: the seeds, each format, and a folder of bad files.

use std::fs;
use std::path::{Path, PathBuf};

use lede::corpus::{self, Corpus};

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

#[test]
fn both_seeds_parse_with_dates_titles_and_clean_bodies() {
    let corpus = corpus::load(&[seeds()]);
    assert!(corpus.warnings.is_empty(), "{:?}", corpus.warnings);
    assert_eq!(corpus.articles.len(), 2);
    // Newest first.
    let a = &corpus.articles[0];
    let b = &corpus.articles[1];
    assert_eq!(a.id, "001_da01d0ee0641659d");
    assert_eq!(a.date, "2020-01-07".parse().ok());
    assert_eq!(b.id, "000_468f2a0ab9fd8c3b");
    assert_eq!(b.date, "2020-01-06".parse().ok());
    assert!(
        b.title
            .starts_with("The forces of the renegade general of Libya")
    );
    assert!(
        a.title
            .starts_with("Forces aligned with the Government of National Agreement")
    );
    for art in &corpus.articles {
        assert!(art.title.chars().count() <= 91, "{}", art.title);
        assert!(!art.body.contains(",quot;"), "{}", art.id);
        assert!(!art.body.contains(" ."), "stray dot left in {}", art.id);
        assert!(!art.body.contains(". ."), "stray dot left in {}", art.id);
        assert!(!art.body.contains("  "), "double space left in {}", art.id);
        assert!(!art.body.starts_with(' ') && !art.body.contains("date 2020"));
    }
    assert!(a.body.contains("mercenary gains\" that support"));
    // The heading of the first seed stays a paragraph of its own.
    let blocks = corpus::blocks(&b.body);
    let heading = blocks.iter().find(|bl| bl.heading).expect("a heading");
    assert_eq!(&b.body[heading.start..heading.end], "Turkish forces");
}

#[test]
fn bundled_sample_equals_the_seeds_on_disk() {
    let disk = corpus::load(&[seeds()]);
    let bundled = corpus::bundled::sample();
    assert_eq!(disk.articles.len(), bundled.articles.len());
    for (d, b) in disk.articles.iter().zip(&bundled.articles) {
        assert_eq!(d.id, b.id);
        assert_eq!(d.body, b.body);
        assert_eq!(d.title, b.title);
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&p, bytes).unwrap();
    p
}

fn messages_for(corpus: &Corpus, file: &str) -> Vec<String> {
    corpus
        .warnings
        .iter()
        .filter(|w| w.path.ends_with(file))
        .map(|w| w.message.clone())
        .collect()
}

#[test]
fn bad_files_are_reported_and_never_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "good.txt",
        b" date 2020-01-06 A good report. It has text.",
    );
    write(d, "binary.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    write(
        d,
        "latin1.txt",
        b" date 2020-01-05 Caf\xe9 talks resumed in Tunis.",
    );
    write(d, "empty.txt", b"");
    write(
        d,
        "undated.txt",
        b"Nobody dated this report. Still worth reading.",
    );
    write(d, ".hidden.txt", b"never read");
    write(d, "sub/nested.md", b"# Nested title\n\nFrom a subfolder.");
    let before: Vec<(PathBuf, Vec<u8>)> = walk(d);

    let corpus = corpus::load(&[d.to_path_buf()]);

    let titles: Vec<&str> = corpus.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "A good report.",
            "Caf\u{fffd} talks resumed in Tunis.",
            "Nested title",
            "Nobody dated this report."
        ],
        "newest first, undated last"
    );
    assert_eq!(corpus.articles[3].date, None);
    assert!(messages_for(&corpus, "binary.bin")[0].contains("binary"));
    assert!(messages_for(&corpus, "latin1.txt")[0].contains("invalid UTF-8"));
    assert!(messages_for(&corpus, "empty.txt")[0].contains("empty"));
    assert!(messages_for(&corpus, ".hidden.txt").is_empty());
    assert_eq!(corpus.warnings.len(), 3, "{:?}", corpus.warnings);
    assert_eq!(walk(d), before, "loading must not touch the files");
}

#[cfg(unix)]
#[test]
fn unreadable_fifo_and_loops_are_warnings() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "ok.txt", b"Fine text here.");
    symlink(d, d.join("loop")).unwrap();
    symlink(d.join("missing.txt"), d.join("dangling.txt")).unwrap();
    let fifo = d.join("pipe");
    let status = std::process::Command::new("mkfifo").arg(&fifo).status();
    let corpus = corpus::load(&[d.to_path_buf(), d.join("nope.txt")]);
    assert_eq!(corpus.articles.len(), 1);
    assert!(messages_for(&corpus, "loop")[0].contains("loop"));
    assert!(messages_for(&corpus, "dangling.txt")[0].contains("broken symbolic link"));
    assert!(messages_for(&corpus, "nope.txt")[0].contains("no such file"));
    if status.is_ok_and(|s| s.success()) {
        assert!(messages_for(&corpus, "pipe")[0].contains("FIFO"));
    }
}

#[test]
fn every_format_in_one_folder() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "a.txt",
        b"Title: Header title\nDate: 2020-02-01\nSource: Wire\n\nBody of a.",
    );
    write(
        d,
        "b.md",
        b"---\ndate: 2020-02-02\n---\n# Markdown title\n\nBody of *b*.",
    );
    write(
        d,
        "c.jsonl",
        b"{\"title\":\"J1\",\"date\":\"2020-02-03T08:00:00Z\",\"body\":\"Body one.\"}\n{\"title\":\"J2\",\"published\":\"Mon, 03 Feb 2020 09:00:00 +0000\",\"content\":\"Body two.\"}\n",
    );
    let corpus = corpus::load(&[d.to_path_buf()]);
    assert!(corpus.warnings.is_empty(), "{:?}", corpus.warnings);
    let got: Vec<(String, String, String)> = corpus
        .articles
        .iter()
        .map(|a| (a.id.clone(), a.title.clone(), a.date.unwrap().to_string()))
        .collect();
    assert_eq!(
        got,
        [
            ("c#1".into(), "J1".into(), "2020-02-03".into()),
            ("c#2".into(), "J2".into(), "2020-02-03".into()),
            ("b".into(), "Markdown title".into(), "2020-02-02".into()),
            ("a".into(), "Header title".into(), "2020-02-01".into()),
        ]
    );
}

fn walk(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let meta = fs::symlink_metadata(&p).unwrap();
        if meta.is_dir() {
            out.extend(walk(&p));
        } else if meta.is_file() {
            out.push((p.clone(), fs::read(&p).unwrap()));
        }
    }
    out.sort();
    out
}
