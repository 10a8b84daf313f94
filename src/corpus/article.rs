//! The article as lede holds it once a file has been parsed and cleaned.

use std::cmp::Ordering;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::base::hash::hash_bytes;

/// One report: its metadata and its body. `body` is the cleaned text
/// exactly as the reader shows it: paragraphs separated by one blank line
/// (`"\n\n"`), no other blank lines. Every byte offset lede hands out
/// (mentions, matches) points into `body`. An article reads as its
/// metadata (`article.title`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    pub meta: ArticleMeta,
    pub body: String,
}

impl Article {
    /// The article of `meta` with this body (whose fingerprint `meta`
    /// takes).
    pub fn new(mut meta: ArticleMeta, body: String) -> Article {
        meta.fingerprint = Fingerprint::of(&body);
        Article { meta, body }
    }
}

impl std::ops::Deref for Article {
    type Target = ArticleMeta;

    fn deref(&self) -> &ArticleMeta {
        &self.meta
    }
}

/// Everything about an article but its body: what parsing finds, the
/// cache keeps, and a list of 100,000 articles holds (bodies are read
/// back from their files when shown). One type from parse to screen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleMeta {
    /// File stem, or `stem#line` for a JSON Lines record; unique in a corpus.
    pub id: String,
    /// Where the article came from, as the user named it.
    pub path: PathBuf,
    /// Publication date; `None` marks an undated article (sorted last).
    pub date: Option<NaiveDate>,
    pub title: String,
    /// Whether the title came from the file (true) or was derived from the
    /// first sentence (false). Derived titles repeat the body's opening.
    pub explicit_title: bool,
    pub source: Option<String>,
    pub url: Option<String>,
    /// The body's fingerprint: what read marks are keyed by, and what a
    /// body read back from its file is checked against.
    pub fingerprint: Fingerprint,
}

/// What identifies a body's text: its length and content hash.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Fingerprint {
    pub len: u64,
    pub hash: u64,
}

impl Fingerprint {
    pub fn of(body: &str) -> Fingerprint {
        Fingerprint {
            len: body.len() as u64,
            hash: hash_bytes(body.as_bytes()),
        }
    }
}

/// A problem with one input, kept for the user instead of stopping the load.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub path: PathBuf,
    pub message: String,
}

impl Warning {
    pub fn new(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Warning {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

/// Newest first; undated articles after every dated one; ties keep a stable,
/// path-based order so two runs over the same files agree.
pub fn sort_newest_first(articles: &mut [Article]) {
    articles.sort_by(|a, b| newest_first(a, b));
}

/// The order of [`sort_newest_first`].
pub fn newest_first(a: &ArticleMeta, b: &ArticleMeta) -> Ordering {
    newest_first_by((a.date, &a.path, &a.id), (b.date, &b.path, &b.id))
}

/// Newest first by (date, path, id); `P` is a path, or a path's
/// [`path_order_key`] (the two order alike).
fn newest_first_by<P: Ord + ?Sized>(
    (a_date, a_path, a_id): (Option<NaiveDate>, &P, &str),
    (b_date, b_path, b_id): (Option<NaiveDate>, &P, &str),
) -> Ordering {
    b_date
        .is_some()
        .cmp(&a_date.is_some())
        .then(b_date.cmp(&a_date))
        .then_with(|| a_path.cmp(b_path))
        .then_with(|| a_id.cmp(b_id))
}

/// A path's components joined by NUL bytes: bytes that compare as the
/// path does (component by component; NUL is below every byte a
/// component can hold), without walking its components at every
/// comparison.
pub fn path_order_key(path: &Path) -> Box<[u8]> {
    let mut out = Vec::with_capacity(path.as_os_str().len());
    for (k, c) in path.components().enumerate() {
        if k > 0 {
            out.push(0);
        }
        out.extend_from_slice(c.as_os_str().as_encoded_bytes());
    }
    out.into()
}

/// What the newest-first order compares of an article, kept apart from
/// it: a corpus-wide stage that orders articles the way the batch path
/// sorts them needs no more.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SortKey {
    pub date: Option<NaiveDate>,
    /// [`path_order_key`] of the article's path.
    pub path: Box<[u8]>,
    pub id: Box<str>,
}

impl ArticleMeta {
    pub fn sort_key(&self) -> SortKey {
        SortKey {
            date: self.date,
            path: path_order_key(&self.path),
            id: self.id.as_str().into(),
        }
    }
}

impl Ord for SortKey {
    /// Newest first, as [`newest_first`].
    fn cmp(&self, other: &Self) -> Ordering {
        newest_first_by(
            (self.date, &*self.path, &self.id),
            (other.date, &*other.path, &other.id),
        )
    }
}

impl PartialOrd for SortKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A paragraph of a body, as a byte range, and what kind it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block {
    pub start: usize,
    pub end: usize,
    pub heading: bool,
    /// A table or aligned columns: its lines and spaces are shown as they
    /// are, never re-wrapped. Every line starts with
    /// [`PREFORMATTED_INDENT`](super::cleanup::PREFORMATTED_INDENT), which
    /// the reader may drop.
    pub preformatted: bool,
}

/// Splits a cleaned body into its paragraphs. Kinds are derived rather
/// than stored: a heading is a short line without closing punctuation,
/// followed by more text, such as `Turkish forces` between two paragraphs;
/// a preformatted paragraph is one whose every line starts with
/// [`PREFORMATTED_INDENT`](super::cleanup::PREFORMATTED_INDENT) (the
/// cleanup indents tables so, and trims every other line).
pub fn blocks(body: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = body.as_bytes();
    let mut i = 0;
    while i <= bytes.len() {
        let at_break = i + 1 < bytes.len() && bytes[i] == b'\n' && bytes[i + 1] == b'\n';
        if i == bytes.len() || at_break {
            if start < i {
                out.push(Block {
                    start,
                    end: i,
                    heading: false,
                    preformatted: false,
                });
            }
            if i == bytes.len() {
                break;
            }
            // Skip the whole run of newlines.
            let mut j = i;
            while j < bytes.len() && bytes[j] == b'\n' {
                j += 1;
            }
            start = j;
            i = j;
        } else {
            i += 1;
        }
    }
    let n = out.len();
    for k in 0..n {
        let text = &body[out[k].start..out[k].end];
        out[k].preformatted = text
            .split('\n')
            .all(|l| l.starts_with(super::cleanup::PREFORMATTED_INDENT));
        out[k].heading = !out[k].preformatted && k + 1 < n && looks_like_heading(text);
    }
    out
}

fn looks_like_heading(text: &str) -> bool {
    let text = text.trim();
    let Some(first) = text.chars().next() else {
        return false;
    };
    let last = text.chars().last().unwrap_or(' ');
    text.chars().count() <= 60
        && text.split_whitespace().count() <= 8
        && !text.contains('\n')
        && (first.is_uppercase() || first.is_ascii_digit())
        && !matches!(
            last,
            '.' | ',' | ';' | ':' | '!' | '?' | '"' | '\'' | '”' | '’' | '…' | ')' | '-'
        )
        && text.chars().any(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, date: Option<&str>) -> Article {
        let meta = ArticleMeta {
            id: id.into(),
            path: PathBuf::from(format!("{id}.txt")),
            date: date.map(|d| d.parse().unwrap()),
            title: id.into(),
            ..ArticleMeta::default()
        };
        Article::new(meta, String::new())
    }

    #[test]
    fn sort_keys_order_as_articles_do() {
        let paths = [
            "a/b.txt",
            "a-b.txt",
            "a/b/c.txt",
            "a.txt",
            "ab/c.txt",
            "a//b.txt",
            "./a/b.txt",
            "b",
            "a b/x",
            "a",
            "é/x",
            "z",
        ];
        let metas: Vec<ArticleMeta> = paths
            .iter()
            .enumerate()
            .map(|(i, p)| ArticleMeta {
                id: format!("{}", i % 3),
                path: PathBuf::from(p),
                date: (i % 4 != 0).then(|| "2020-01-06".parse().unwrap()),
                ..ArticleMeta::default()
            })
            .collect();
        for a in &metas {
            for b in &metas {
                assert_eq!(
                    newest_first(a, b),
                    a.sort_key().cmp(&b.sort_key()),
                    "{a:?} {b:?}"
                );
            }
        }
    }

    #[test]
    fn newest_first_and_undated_last() {
        let mut v = vec![
            article("a", None),
            article("b", Some("2020-01-06")),
            article("c", Some("2021-03-01")),
            article("d", Some("2019-12-31")),
        ];
        sort_newest_first(&mut v);
        let ids: Vec<_> = v.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["c", "b", "d", "a"]);
    }

    #[test]
    fn blocks_split_paragraphs_and_find_headings() {
        let body = "First paragraph here.\n\nTurkish forces\n\nThe progress of the LNA.";
        let b = blocks(body);
        assert_eq!(b.len(), 3);
        assert_eq!(&body[b[1].start..b[1].end], "Turkish forces");
        assert!(!b[0].heading);
        assert!(b[1].heading);
        assert!(!b[2].heading, "the last paragraph is never a heading");
    }

    #[test]
    fn tables_are_preformatted_blocks_never_headings() {
        let body = super::super::cleanup::clean_body(
            "Output:\n\nField      2019   2020\nSharara    300    0\n\nMore text.",
        );
        let b = blocks(&body);
        assert_eq!(b.len(), 3);
        assert!(!b[0].preformatted && b[1].preformatted && !b[2].preformatted);
        assert!(!b[1].heading);
        assert_eq!(
            &body[b[1].start..b[1].end],
            "    Field      2019   2020\n    Sharara    300    0"
        );
    }

    #[test]
    fn sentences_and_long_lines_are_not_headings() {
        assert!(!looks_like_heading("He said so."));
        assert!(!looks_like_heading("lowercase start"));
        assert!(!looks_like_heading(
            "A line that is much too long to be a heading because it goes on and on"
        ));
        assert!(looks_like_heading("2020 in review"));
    }
}
