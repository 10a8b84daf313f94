//! The article as lede holds it once a file has been parsed and cleaned.

use std::path::PathBuf;

use chrono::NaiveDate;

/// One report. `body` is the cleaned text exactly as the reader shows it:
/// paragraphs separated by one blank line (`"\n\n"`), no other blank lines.
/// Every byte offset lede hands out (mentions, matches) points into `body`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
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
    pub body: String,
}

impl Article {
    /// Everything but the body: what a list of 100,000 articles holds.
    pub fn meta(&self) -> ArticleMeta {
        ArticleMeta {
            id: self.id.clone(),
            path: self.path.clone(),
            date: self.date,
            title: self.title.clone(),
            explicit_title: self.explicit_title,
            source: self.source.clone(),
            url: self.url.clone(),
        }
    }

    /// The metadata and the body, apart.
    pub fn split(self) -> (ArticleMeta, String) {
        let meta = ArticleMeta {
            id: self.id,
            path: self.path,
            date: self.date,
            title: self.title,
            explicit_title: self.explicit_title,
            source: self.source,
            url: self.url,
        };
        (meta, self.body)
    }
}

/// An article without its body (the fields mean what they mean in
/// [`Article`]). The app holds these; bodies are read when shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleMeta {
    pub id: String,
    pub path: PathBuf,
    pub date: Option<NaiveDate>,
    pub title: String,
    pub explicit_title: bool,
    pub source: Option<String>,
    pub url: Option<String>,
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
    articles.sort_by(|a, b| {
        b.date
            .is_some()
            .cmp(&a.date.is_some())
            .then(b.date.cmp(&a.date))
            .then_with(|| a.path.cmp(&b.path))
            .then_with(|| a.id.cmp(&b.id))
    });
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
        Article {
            id: id.into(),
            path: PathBuf::from(format!("{id}.txt")),
            date: date.map(|d| d.parse().unwrap()),
            title: id.into(),
            explicit_title: false,
            source: None,
            url: None,
            body: String::new(),
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
